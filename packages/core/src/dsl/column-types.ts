import type { ColumnType } from '../ir/types.js';

declare const brand: unique symbol;
/** Epoch microseconds (UTC) inside expressions; a `Date` in output rows. */
export type Micros = number & { readonly [brand]: 'micros' };
/** Epoch days inside expressions; an ISO `YYYY-MM-DD` string in output rows. */
export type Days = number & { readonly [brand]: 'days' };
/** A decimal as an integer in units of 10^-scale inside expressions; a fixed-point string in output rows. */
export type Scaled = number & { readonly [brand]: 'scaled' };

/**
 * A column type descriptor. `V` is the value type inside expressions, `O` the type in output rows.
 *
 * @example
 * ```ts
 * const age: TypeDesc<number, number> = t.int();
 * ```
 */
export interface TypeDesc<V, O> {
  readonly type: ColumnType;
  /** Phantom: value type inside expressions. */
  readonly __value?: V;
  /** Phantom: value type in output rows. */
  readonly __output?: O;
}

/** Any type descriptor. */
export type AnyTypeDesc = TypeDesc<unknown, unknown>;
/** The expression value type of a descriptor. */
export type ValueOf<D> = D extends TypeDesc<infer V, unknown> ? V : never;
/** The output row type of a descriptor. */
export type OutputOf<D> = D extends TypeDesc<unknown, infer O> ? O : never;

const desc = <V, O>(type: ColumnType): TypeDesc<V, O> => Object.freeze({ type });

/**
 * Column type constructors.
 *
 * @example
 * ```ts
 * e.column('income', t.decimal(12, 2), c => …);
 * ```
 */
export const t = {
  /** 64-bit integer (keys, counts). */
  bigint: () => desc<number, number>({ kind: 'bigint' }),
  /** 32-bit integer. */
  int: () => desc<number, number>({ kind: 'int' }),
  /** IEEE double. */
  double: () => desc<number, number>({ kind: 'double' }),
  /** Boolean. */
  boolean: () => desc<boolean, boolean>({ kind: 'boolean' }),
  /** UTF-8 string. */
  string: () => desc<string, string>({ kind: 'string' }),
  /** Timestamp (UTC, microseconds). */
  timestamp: () => desc<Micros, Date>({ kind: 'timestamp' }),
  /** Calendar date. */
  date: () => desc<Days, string>({ kind: 'date' }),
  /** Fixed-point decimal; expressions produce integers in units of 10^-scale. */
  decimal: (precision: number, scale: number) => desc<Scaled, string>({ kind: 'decimal', precision, scale }),
  /** Array of an element type. */
  array: <V, O>(element: TypeDesc<V, O>) => desc<readonly V[], O[]>({ kind: 'array', element: element.type }),
  /** Map from keys to values. */
  map: <KV extends string, VV, VO>(key: TypeDesc<KV, KV>, value: TypeDesc<VV, VO>) =>
    desc<Readonly<Record<string, VV>>, Record<string, VO>>({ kind: 'map', key: key.type, value: value.type }),
} as const;
