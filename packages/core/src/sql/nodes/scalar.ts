/**
 * Scalar SQL nodes: literals, column reads, operators, function calls from the dialect's
 * function table, CASE, CAST, IN lists and bucket (threshold) choices.
 */
import type { BinaryOp, ColumnType, ColumnTypeKind, LiteralValue } from '../../ir/types.js';
import type { ScalarFn } from '../dialects/functions.js';
import type { SqlExpr } from './sql-expr.js';

/** Operators printed in infix or prefix form (everything else is a function-table call). */
export type SqlUnaryOp = 'neg' | 'not' | 'isNull' | 'isNotNull';
/** The IR's binary operators plus bitwise `&`. `/` is floating-point, `idiv` truncating. */
export type SqlBinaryOp = BinaryOp | '&';

/** The scalar node family. */
export type ScalarNode =
  | { readonly kind: 'lit'; readonly value: LiteralValue; readonly type: ColumnTypeKind }
  /** A column, qualified by a FROM alias or not. */
  | { readonly kind: 'col'; readonly table: string | null; readonly name: string }
  | { readonly kind: 'unary'; readonly op: SqlUnaryOp; readonly arg: SqlExpr }
  | { readonly kind: 'binary'; readonly op: SqlBinaryOp; readonly left: SqlExpr; readonly right: SqlExpr }
  | { readonly kind: 'call'; readonly fn: ScalarFn; readonly args: readonly SqlExpr[] }
  /** Logical right shift by a constant number of bits. */
  | { readonly kind: 'shift'; readonly arg: SqlExpr; readonly bits: number }
  | { readonly kind: 'case'; readonly whens: readonly { readonly when: SqlExpr; readonly then: SqlExpr }[]; readonly else: SqlExpr | null }
  | { readonly kind: 'cast'; readonly to: ColumnType; readonly arg: SqlExpr }
  | { readonly kind: 'inList'; readonly arg: SqlExpr; readonly values: readonly SqlExpr[]; readonly negate: boolean }
  /** Value i when exactly i thresholds are ≤ arg (printed as a balanced CASE tree). */
  | { readonly kind: 'bucket'; readonly arg: SqlExpr; readonly thresholds: readonly number[]; readonly values: readonly SqlExpr[] };

type N<K extends ScalarNode['kind']> = Extract<ScalarNode, { kind: K }>;
const f = <T extends object>(x: T): T => Object.freeze(x);

/** Scalar node constructors (every node frozen). */
export const scalar = {
  lit: (value: LiteralValue, type: ColumnTypeKind): N<'lit'> => f({ kind: 'lit', value, type }),
  int: (value: number): N<'lit'> => f({ kind: 'lit', value, type: 'bigint' }),
  col: (table: string | null, name: string): N<'col'> => f({ kind: 'col', table, name }),
  unary: (op: SqlUnaryOp, arg: SqlExpr): N<'unary'> => f({ kind: 'unary', op, arg }),
  binary: (op: SqlBinaryOp, left: SqlExpr, right: SqlExpr): N<'binary'> => f({ kind: 'binary', op, left, right }),
  call: (fn: ScalarFn, args: readonly SqlExpr[]): N<'call'> => f({ kind: 'call', fn, args: f([...args]) }),
  shift: (arg: SqlExpr, bits: number): N<'shift'> => f({ kind: 'shift', arg, bits }),
  case: (whens: readonly { when: SqlExpr; then: SqlExpr }[], otherwise: SqlExpr | null): N<'case'> => f({ kind: 'case', whens: f(whens.map(f)), else: otherwise }),
  cast: (to: ColumnType, arg: SqlExpr): N<'cast'> => f({ kind: 'cast', to, arg }),
  inList: (arg: SqlExpr, values: readonly SqlExpr[], negate: boolean): N<'inList'> => f({ kind: 'inList', arg, values: f([...values]), negate }),
  bucket: (arg: SqlExpr, thresholds: readonly number[], values: readonly SqlExpr[]): N<'bucket'> => f({ kind: 'bucket', arg, thresholds, values: f([...values]) }),
};
