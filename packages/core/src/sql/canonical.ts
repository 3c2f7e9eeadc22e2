/**
 * Engine-independent canonical rows, for conformance tests and content comparisons: each engine
 * selects every column in its internal representation (timestamps as epoch micros, dates as
 * epoch days, decimals as scaled integers) and values are rendered as canonical text.
 */
import { SpecError } from '../errors.js';
import type { ColumnType, ScenarioIR } from '../ir/types.js';
import type { Dialect } from './dialect.js';
import { SqlPrinter, type TableRef } from './printer.js';
import { sql } from './sql-nodes.js';

const unknownEntity = (ir: ScenarioIR, entity: string): SpecError =>
  new SpecError([{ path: 'entity', message: `unknown entity '${entity}'`, value: entity, fix: `use one of ${ir.entities.map((x) => x.name).join(', ')}` }]);

/**
 * A SELECT returning an entity's output columns in internal representation, in IR column order.
 *
 * @example
 * ```ts
 * const sql = canonicalSelect(ir, 'individuals', duckdbDialect);
 * ```
 */
export function canonicalSelect(ir: ScenarioIR, entity: string, dialect: Dialect, tableRef?: TableRef): string {
  const e = ir.entities.find((x) => x.name === entity);
  if (!e) throw unknownEntity(ir, entity);
  const printer = new SqlPrinter(dialect, tableRef ?? ((n) => dialect.quoteIdent(n)));
  return printer.select(
    sql.select(
      e.columns.filter((c) => c.output).map((c) => ({ alias: c.name, expr: sql.stored(c.type, sql.col('t', c.name)) })),
      sql.table(entity, 't'),
    ),
  );
}

/** Output column types of an entity, in IR order. */
export function outputTypes(ir: ScenarioIR, entity: string): { name: string; type: ColumnType }[] {
  const e = ir.entities.find((x) => x.name === entity);
  if (!e) throw unknownEntity(ir, entity);
  return e.columns.filter((c) => c.output).map((c) => ({ name: c.name, type: c.type }));
}

/**
 * Canonical text of one internal value: integers in decimal, doubles with round-trip
 * precision, strings JSON-quoted, arrays as lists, maps with sorted keys, NULL as `\N`.
 * Engine values may arrive as bigint, number or numeric strings; all are normalised.
 */
export function canonicalText(type: ColumnType, v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  switch (type.kind) {
    case 'bigint':
    case 'int':
    case 'timestamp':
    case 'date':
    case 'decimal':
      return typeof v === 'bigint' ? v.toString() : typeof v === 'number' ? String(Math.trunc(v) === v ? v : v) : String(v);
    case 'double': {
      const n = typeof v === 'number' ? v : Number(v);
      return Object.is(n, -0) ? '0' : String(n);
    }
    case 'boolean':
      return v === true || v === 'true' ? 'true' : 'false';
    case 'string':
      return JSON.stringify(String(v));
    case 'array':
      return `[${(toArray(v) ?? []).map((x) => canonicalText(type.element, x)).join(',')}]`;
    case 'map': {
      const entries = toEntries(v);
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalText(type.value, x)}`).join(',')}}`;
    }
  }
}

function toArray(v: unknown): unknown[] | null {
  if (Array.isArray(v)) return v;
  if (v && typeof v === 'object' && 'items' in v && Array.isArray((v as { items: unknown }).items)) return (v as { items: unknown[] }).items;
  return null;
}
function toEntries(v: unknown): [string, unknown][] {
  if (Array.isArray(v)) return v.map((e) => (Array.isArray(e) ? [String(e[0]), e[1]] : [String((e as { key: unknown }).key), (e as { value: unknown }).value]));
  if (v && typeof v === 'object' && 'entries' in v && Array.isArray((v as { entries: unknown }).entries))
    return (v as { entries: { key: unknown; value: unknown }[] }).entries.map((e) => [String(e.key), e.value]);
  return Object.entries(v as Record<string, unknown>);
}

/** Canonical text of a row (values in output-column order). */
export function canonicalRowText(types: readonly { type: ColumnType }[], values: readonly unknown[]): string {
  return types.map((t, i) => canonicalText(t.type, values[i])).join('|');
}
