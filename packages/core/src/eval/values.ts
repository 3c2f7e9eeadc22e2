/**
 * Conversions between internal expression values (micros, epoch days, scaled decimals) and the
 * values users see in rows.
 */
import type { ColumnType } from '../ir/types.js';

const DAY_MS = 86_400_000;

/** Formats a scaled integer as a fixed-point decimal string, e.g. (12345, 2) → '123.45'. */
export function formatScaled(v: number, scale: number): string {
  if (scale === 0) return String(v);
  const neg = v < 0;
  const s = String(Math.abs(v)).padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, -scale)}.${s.slice(-scale)}`;
}

/** Epoch days → 'YYYY-MM-DD'. */
export function formatDays(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** Converts an internal value to the output representation of a column type. */
export function toOutput(type: ColumnType, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (type.kind) {
    case 'timestamp':
      return new Date(Math.floor((v as number) / 1000));
    case 'date':
      return formatDays(v as number);
    case 'decimal':
      return formatScaled(v as number, type.scale);
    case 'array':
      return (v as unknown[]).map((x) => toOutput(type.element, x));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toOutput(type.value, x);
      return out;
    }
    default:
      return v;
  }
}

/**
 * Canonical, engine-independent text of a value for content hashing and conformance:
 * integers as decimal text, doubles with round-trip precision, timestamps as epoch micros,
 * arrays as JSON lists, maps with sorted keys.
 */
export function canonicalValue(type: ColumnType, v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  switch (type.kind) {
    case 'double':
      return Object.is(v, -0) ? '0' : String(v);
    case 'array':
      return `[${(v as unknown[]).map((x) => canonicalValue(type.element, x)).join(',')}]`;
    case 'map':
      return `{${Object.keys(v as object)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonicalValue(type.value, (v as Record<string, unknown>)[k])}`)
        .join(',')}}`;
    case 'string':
      return JSON.stringify(v);
    default:
      return String(v);
  }
}
