/** The types the evaluator's compiled closures share. */

/** A value inside the evaluator. */
export type Value = number | string | boolean | null | readonly Value[] | { readonly [k: string]: Value };

/** The row context an expression is evaluated in. */
export interface RowCtx {
  key: number;
  index: number;
  /** Own column values by column slot. */
  vals: Value[];
  parent: Value[] | null;
  left: Value[] | null;
  right: Value[] | null;
  row: Value[] | null;
}

/** Resolves names to slots while compiling. */
export interface CompileEnv {
  readonly seed: number;
  ownSlot(name: string): number;
  sideSlot(side: 'parent' | 'left' | 'right' | 'row', name: string): number;
  lookup(entity: string, column: string): (key: number) => Value;
}

/** A compiled expression. */
export type Fn = (c: RowCtx) => Value;
