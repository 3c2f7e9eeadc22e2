/**
 * A stack of projection layers under construction: each layer is a SELECT over the one below,
 * keeping its columns and adding new ones, or a LEFT JOIN against an entity's table.
 */
import { sql, type SqlExpr, type SqlFrom, type SqlItem, type SqlSelect } from '../sql-nodes.js';

/** A layer: a SELECT and the columns it exposes. */
interface State {
  readonly select: SqlSelect;
  readonly cols: readonly string[];
}

/** Projection layers over a base SELECT. */
export class Layers {
  private n = 0;
  private state: State;

  /** Starts from a SELECT exposing `cols` (default: its item aliases). */
  constructor(select: SqlSelect, cols: readonly string[] = select.items.map((i) => i.alias)) {
    this.state = { select, cols };
  }

  get cols(): readonly string[] {
    return this.state.cols;
  }
  get select(): SqlSelect {
    return this.state.select;
  }
  private alias(): string {
    return `l${this.n++}`;
  }
  /** Adds a projection layer keeping `keep` (default: all) and adding `items`. */
  project(items: readonly SqlItem[], keep: readonly string[] = this.state.cols): void {
    const kept = keep.filter((c) => !items.some((i) => i.alias === c));
    this.state = {
      select: sql.select([...kept.map((c) => ({ expr: sql.col(null, c), alias: c })), ...items], sql.subquery(this.state.select, this.alias())),
      cols: [...kept, ...items.map((i) => i.alias)],
    };
  }
  /** Adds a LEFT JOIN layer against a FROM item (an entity's or a lookup table), aliased by `table`; `items` may read both sides. */
  join(table: (alias: string) => SqlFrom, on: (left: string, right: string) => SqlExpr, items: (right: string, left: string) => readonly SqlItem[]): void {
    this.joinAll([{ table, on, items }]);
  }
  /** Adds one layer of LEFT JOINs, each against its own FROM item and reading only the layer below (never another join of the layer). */
  joinAll(joins: readonly { table: (alias: string) => SqlFrom; on: (left: string, right: string) => SqlExpr; items: (right: string, left: string) => readonly SqlItem[] }[]): void {
    const l = this.alias();
    let from: SqlFrom = sql.subquery(this.state.select, l);
    const added: SqlItem[] = [];
    for (const j of joins) {
      const r = this.alias();
      from = sql.join('left', from, j.table(r), j.on(l, r));
      added.push(...j.items(r, l));
    }
    this.state = {
      select: sql.select([...this.state.cols.map((c) => ({ expr: sql.col(l, c), alias: c })), ...added], from),
      cols: [...this.state.cols, ...added.map((i) => i.alias)],
    };
  }
}
