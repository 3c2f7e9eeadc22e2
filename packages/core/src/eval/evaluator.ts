/**
 * The in-process evaluator: rows of any non-derived entity, by offset/limit or as an async
 * iterator, with no native dependency — equal to what the engines produce.
 */
import { SpecError, UnsupportedError, throwIfAborted } from '../errors.js';
import type { ColumnType, EntityIR, Expr, ScenarioIR } from '../ir/types.js';
import { idColumns, keyModeOf } from '../ir/id-columns.js';
import { columnOrder } from '../ir/validate.js';
import { visit } from '../ir/walk.js';
import { expandScenario } from '../random/expand-scenario.js';
import { encodeKey, keyRoundKeys } from '../random/opaque-keys.js';
import { compileExpr, type CompileEnv, type RowCtx, type Value } from './compile-expr.js';
import { toOutput } from './values.js';

/** A generated row keyed by column name. */
export type Row = Record<string, unknown>;

interface CompiledEntity {
  readonly ir: EntityIR;
  /** Column names in evaluation order; slot i holds order[i]. */
  readonly order: readonly string[];
  readonly fns: readonly ((c: RowCtx) => Value)[];
  /** Output columns; `convert` is null where the internal value is the output value. */
  readonly output: readonly { name: string; slot: number; type: ColumnType; convert: ((v: Value) => unknown) | null; encodeId: ((v: Value) => unknown) | null }[];
  /** An output row with every column set to null: copying it gives rows one stable shape. */
  readonly rowTemplate: Row;
  /** Children: parent-scope count. */
  readonly count?: (c: RowCtx) => Value;
  /** Cross: keep predicate. */
  readonly keep?: (c: RowCtx) => Value;
  readonly keySlot: number;
}

/** Options for {@link Evaluator.rows}. */
export interface RowsOptions {
  /** Rows to skip (in the entity's canonical order). Default 0. */
  readonly offset?: number;
  /** Maximum rows to return. Default: all. */
  readonly limit?: number;
}

/**
 * Evaluates an IR in process.
 *
 * @example
 * ```ts
 * const ev = new Evaluator(scenario.toIR({ seed: 42 }));
 * const first = ev.rows('households', { limit: 5 });
 * for await (const batch of ev.batches('individuals', { batchSize: 1000 })) console.log(batch.length);
 * ```
 */
export class Evaluator {
  readonly ir: ScenarioIR;
  readonly #compiled = new Map<string, CompiledEntity>();
  readonly #byName: Map<string, EntityIR>;
  readonly #rowCache = new Map<string, Map<number, Value[] | null>>();

  constructor(ir: ScenarioIR) {
    this.ir = ir;
    this.#byName = new Map(expandScenario(ir).entities.map((e) => [e.name, e]));
  }

  /** Whether this evaluator can produce an entity (not derived and not depending on a derived one). */
  supports(entity: string): boolean {
    try {
      this.#compile(entity);
      return true;
    } catch (e) {
      if (e instanceof UnsupportedError) return false;
      throw e;
    }
  }

  /** Rows of an entity in canonical order (by parent, then child index; or by key). */
  rows(entity: string, options: RowsOptions = {}): Row[] {
    const out: Row[] = [];
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    if (limit <= 0) return out;
    const c = this.#compile(entity);
    for (const vals of this.#iterVals(entity, options.offset ?? 0)) {
      out.push(this.#toRow(c, vals));
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * Rows in the internal representation (timestamps as epoch micros, dates as epoch days,
   * decimals as scaled integers; id columns as stored, i.e. opaque ids unless the scenario uses
   * structured keys), output columns in IR order — for conformance checks.
   */
  internalRows(entity: string, options: RowsOptions = {}): unknown[][] {
    const c = this.#compile(entity);
    const out: unknown[][] = [];
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    for (const vals of this.#iterVals(entity, options.offset ?? 0)) {
      if (out.length >= limit) break;
      out.push(c.output.map((o) => (o.encodeId ? o.encodeId(vals[o.slot] ?? null) : (vals[o.slot] ?? null))));
    }
    return out;
  }

  /** Rows as an async iterator of batches. */
  async *batches(entity: string, options: RowsOptions & { readonly batchSize?: number; readonly signal?: AbortSignal } = {}): AsyncGenerator<Row[]> {
    const size = options.batchSize ?? 10_000;
    let batch: Row[] = [];
    let left = options.limit ?? Number.POSITIVE_INFINITY;
    if (left <= 0) return;
    const c = this.#compile(entity);
    for (const vals of this.#iterVals(entity, options.offset ?? 0)) {
      batch.push(this.#toRow(c, vals));
      if (--left <= 0) break;
      if (batch.length >= size) {
        throwIfAborted(options.signal, `Evaluating '${entity}'`);
        yield batch;
        batch = [];
        await new Promise<void>((res) => setImmediate(res));
      }
    }
    if (batch.length) {
      throwIfAborted(options.signal, `Evaluating '${entity}'`);
      yield batch;
    }
  }

  /** Rows as an async iterator of single rows. */
  async *stream(entity: string, options: RowsOptions = {}): AsyncGenerator<Row> {
    for await (const b of this.batches(entity, options)) yield* b;
  }

  /** The row with a given internal key (not the public id when keys are opaque), or null when no such row exists. */
  rowByKey(entity: string, key: number): Row | null {
    const c = this.#compile(entity);
    const vals = this.#valsByKey(entity, key);
    return vals ? this.#toRow(c, vals) : null;
  }

  #toRow(c: CompiledEntity, vals: Value[]): Row {
    const row: Row = { ...c.rowTemplate };
    for (const o of c.output) {
      const v = vals[o.slot];
      row[o.name] = o.convert === null ? (v === undefined ? null : v) : o.convert(v as Value);
    }
    return row;
  }

  /** Internal-value rows, skipping `offset` rows. */
  *#iterVals(entity: string, offset: number): Generator<Value[]> {
    const c = this.#compile(entity);
    const src = c.ir.source;
    const ctx: RowCtx = { key: 0, index: 0, vals: [], parent: null, left: null, right: null, row: null };
    switch (src.kind) {
      case 'sequence':
        // One context object per scan, updated in place: expressions only read it while a row is evaluated.
        for (let i = offset; i < src.rows; i++) {
          ctx.key = src.keyOffset + i;
          yield this.#evalRow(c, ctx);
        }
        return;
      case 'children': {
        let skip = offset;
        for (const parent of this.#iterVals(src.parent, 0)) {
          const pc = this.#compile(src.parent);
          const n = this.#childCount(c, parent, pc);
          if (skip >= n) {
            skip -= n;
            continue;
          }
          const pkey = parent[pc.keySlot] as number;
          for (let i = skip; i < n; i++) {
            ctx.key = pkey * src.fanout + i;
            ctx.index = i;
            ctx.parent = parent;
            yield this.#evalRow(c, ctx);
          }
          skip = 0;
        }
        return;
      }
      case 'cross': {
        let skip = offset;
        const lc = this.#compile(src.left);
        const rc = this.#compile(src.right);
        const rights = [...this.#iterVals(src.right, 0)];
        for (const left of this.#iterVals(src.left, 0)) {
          const lkey = left[lc.keySlot] as number;
          for (const right of rights) {
            const key = lkey * src.fanout + (right[rc.keySlot] as number);
            ctx.key = key;
            ctx.left = left;
            ctx.right = right;
            ctx.vals = [];
            if (c.keep?.(ctx) !== true) continue;
            if (skip > 0) {
              skip--;
              continue;
            }
            yield this.#evalRow(c, ctx);
          }
        }
        return;
      }
      default:
        throw new UnsupportedError(`'${entity}' is a derived (${src.kind}) entity; the in-process evaluator cannot produce it — use an engine`);
    }
  }

  #childCount(c: CompiledEntity, parent: Value[], pc: CompiledEntity): number {
    const src = c.ir.source as Extract<EntityIR['source'], { kind: 'children' }>;
    const n = c.count?.({ key: parent[pc.keySlot] as number, index: 0, vals: parent, parent: null, left: null, right: null, row: null });
    if (n === null || n === undefined) return 0;
    return Math.max(0, Math.min(src.max, Math.floor(n as number)));
  }

  #evalRow(c: CompiledEntity, ctx: RowCtx): Value[] {
    const vals: Value[] = new Array(c.fns.length);
    ctx.vals = vals;
    for (let i = 0; i < c.fns.length; i++) vals[i] = (c.fns[i] as (x: RowCtx) => Value)(ctx);
    return vals;
  }

  #valsByKey(entity: string, key: number): Value[] | null {
    let cache = this.#rowCache.get(entity);
    if (!cache) this.#rowCache.set(entity, (cache = new Map()));
    if (cache.has(key)) return cache.get(key) ?? null;
    const c = this.#compile(entity);
    const src = c.ir.source;
    const base: RowCtx = { key, index: 0, vals: [], parent: null, left: null, right: null, row: null };
    let out: Value[] | null = null;
    if (!Number.isSafeInteger(key) || key < 0) out = null;
    else if (src.kind === 'sequence') out = key >= src.keyOffset && key < src.keyOffset + src.rows ? this.#evalRow(c, base) : null;
    else if (src.kind === 'children') {
      const pkey = Math.floor(key / src.fanout);
      const index = key - pkey * src.fanout;
      const parent = this.#valsByKey(src.parent, pkey);
      if (parent && index < this.#childCount(c, parent, this.#compile(src.parent))) out = this.#evalRow(c, { ...base, index, parent });
    } else if (src.kind === 'cross') {
      const lkey = Math.floor(key / src.fanout);
      const left = this.#valsByKey(src.left, lkey);
      const right = this.#valsByKey(src.right, key - lkey * src.fanout);
      if (left && right) {
        const kctx = { ...base, left, right };
        if (c.keep?.(kctx) === true) out = this.#evalRow(c, kctx);
      }
    } else throw new UnsupportedError(`'${entity}' is a derived entity; the in-process evaluator cannot look rows up in it`);
    if (cache.size > 4096) cache.clear();
    cache.set(key, out);
    return out;
  }

  #compile(name: string): CompiledEntity {
    const hit = this.#compiled.get(name);
    if (hit) return hit;
    const ir = this.#byName.get(name);
    if (!ir) throw new SpecError([{ path: 'entity', message: `unknown entity '${name}'`, value: name, fix: `use one of ${[...this.#byName.keys()].join(', ')}` }]);
    if (ir.source.kind === 'group' || ir.source.kind === 'window')
      throw new UnsupportedError(`'${name}' is a derived (${ir.source.kind}) entity; the in-process evaluator cannot produce it — use an engine`);
    const order = columnOrder(ir);
    const slot = new Map(order.map((n, i) => [n, i]));
    const sideEntity = (side: string): string => {
      const s = ir.source;
      if (s.kind === 'children' && side === 'parent') return s.parent;
      if (s.kind === 'cross' && side === 'left') return s.left;
      if (s.kind === 'cross' && side === 'right') return s.right;
      throw new SpecError([{ path: `entities.${name}`, message: `'${side}' rows are not available here` }]);
    };
    const env = (own: (n: string) => number): CompileEnv => ({
      seed: this.ir.seed,
      ownSlot: own,
      sideSlot: (side, col) => {
        const other = this.#compile(sideEntity(side));
        const i = other.order.indexOf(col);
        if (i < 0) throw new SpecError([{ path: `entities.${name}`, message: `'${other.ir.name}' has no column '${col}'` }]);
        return i;
      },
      lookup: (entity, column) => {
        const other = this.#compile(entity);
        const i = other.order.indexOf(column);
        return (key) => {
          const vals = this.#valsByKey(entity, key);
          return vals ? (vals[i] as Value) : null;
        };
      },
    });
    const ownEnv = env((n) => slot.get(n) as number);
    const byCol = new Map(ir.columns.map((c) => [c.name, c]));
    const fns = order.map((n) => compileExpr((byCol.get(n) as { expr: Expr }).expr, ownEnv));
    let count: CompiledEntity['count'];
    let keep: CompiledEntity['keep'];
    if (ir.source.kind === 'children') {
      const parent = this.#compile(ir.source.parent);
      const pEnv = env((n) => {
        const i = parent.order.indexOf(n);
        if (i < 0) throw new SpecError([{ path: `entities.${name}.source.count`, message: `parent has no column '${n}'` }]);
        return i;
      });
      count = compileExpr(ir.source.count, pEnv);
    }
    if (ir.source.kind === 'cross') {
      this.#compile(ir.source.left);
      this.#compile(ir.source.right);
      keep = compileExpr(ir.source.keep, ownEnv);
    }
    // Lookups into derived entities make this entity unsupported too.
    for (const c of ir.columns)
      visit(c.expr, (x) => {
        if (x.kind === 'lookup') this.#compile(x.entity);
      });
    const ids = keyModeOf(this.ir) === 'opaque' ? idColumns([...this.#byName.values()], name) : new Map<string, string>();
    const output = ir.columns
      .filter((c) => c.output)
      .map((c) => {
        const space = ids.get(c.name);
        const encodeId = space === undefined ? null : idConverter(space);
        return { name: c.name, slot: slot.get(c.name) as number, type: c.type, convert: encodeId ?? outputConverter(c.type), encodeId };
      });
    const rowTemplate: Row = Object.fromEntries(output.map((o) => [o.name, null]));
    const compiled: CompiledEntity = { ir, order, fns, output, rowTemplate, count, keep, keySlot: slot.get(ir.keyColumn) as number };
    this.#compiled.set(name, compiled);
    return compiled;
  }
}

/** The conversion of an id column: internal key → public id (the opaque-key bijection of its key space). */
function idConverter(space: string): (v: Value) => unknown {
  const rk = keyRoundKeys(space);
  return (v) => (v === null || v === undefined ? null : encodeKey(rk, v as number));
}

/** The conversion from an internal value to the output value, or null where they are the same. */
function outputConverter(type: ColumnType): ((v: Value) => unknown) | null {
  switch (type.kind) {
    case 'bigint':
    case 'int':
    case 'double':
    case 'boolean':
    case 'string':
      return null;
    case 'timestamp':
      // as toOutput: epoch microseconds → Date (milliseconds, floored)
      return (v) => (v === null || v === undefined ? null : new Date(Math.floor((v as number) / 1000)));
    default:
      return (v) => toOutput(type, v);
  }
}
