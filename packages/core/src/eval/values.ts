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

/**
 * Epoch microseconds → an ISO-8601 UTC instant, e.g. 1759276800000000 → '2025-10-01T00:00:00Z'.
 * Fractional seconds are written only when present (milliseconds, or microseconds when needed):
 * 1767225599999999 → '2025-12-31T23:59:59.999999Z'. Deterministic: no locale, no time zone.
 *
 * @example
 * ```ts
 * formatMicros(1759276800000000); // '2025-10-01T00:00:00Z'
 * formatMicros(1759276800250000); // '2025-10-01T00:00:00.250Z'
 * ```
 */
export function formatMicros(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const frac = micros - seconds * 1_000_000;
  const whole = new Date(seconds * 1000).toISOString().slice(0, -5);
  if (frac === 0) return `${whole}Z`;
  const digits = String(frac).padStart(6, '0');
  return `${whole}.${frac % 1000 === 0 ? digits.slice(0, 3) : digits}Z`;
}

/** The largest |epoch ms| a JavaScript Date holds. */
const MAX_DATE_MS = 8.64e15;

/**
 * A readable text of one internal scalar of a column type, as check names and messages show it:
 * dates as 'YYYY-MM-DD', timestamps as UTC instants ('2025-10-01T00:00:00Z'), decimals (held as
 * scaled integers) as decimal text without trailing zeros ('0.01', '0', '12.5'); anything else — and any value that is not a whole number
 * in the type's range — as the plain number.
 *
 * @example
 * ```ts
 * readableValue({ kind: 'date' }, 20362); // '2025-10-01'
 * readableValue({ kind: 'timestamp' }, 1759276800000000); // '2025-10-01T00:00:00Z'
 * readableValue({ kind: 'decimal', precision: 12, scale: 2 }, 1); // '0.01'
 * readableValue({ kind: 'int' }, 42); // '42'
 * ```
 */
export function readableValue(type: ColumnType | undefined, v: number): string {
  if (!Number.isSafeInteger(v)) return String(v);
  switch (type?.kind) {
    case 'date':
      return Math.abs(v * DAY_MS) <= MAX_DATE_MS ? formatDays(v) : String(v);
    case 'timestamp':
      return Math.abs(v / 1000) <= MAX_DATE_MS ? formatMicros(v) : String(v);
    case 'decimal':
      return formatScaled(v, type.scale).replace(/\.0+$|(\.\d*?)0+$/, '$1');
    default:
      return String(v);
  }
}

/** Types whose stored values are whole numbers (epoch days, epoch micros, scaled decimals). */
const WHOLE = new Set<ColumnType['kind']>(['date', 'timestamp', 'decimal', 'int', 'bigint']);

/** A range bound as users read it (see {@link rangeText}). */
function boundText(type: ColumnType | undefined, v: number | null, side: 'min' | 'max'): string {
  if (v === null) return side === 'min' ? '-∞' : '∞';
  const whole = type && WHOLE.has(type.kind) ? (side === 'min' ? Math.ceil(v) : Math.floor(v)) : v;
  return readableValue(type, whole);
}

/**
 * The bounds of a range constraint as users read them, in the column's own type: dates as
 * `2025-10-01`, timestamps as UTC instants (`2025-10-01T00:00:00Z`), decimals as fixed-point
 * numbers — never the epoch days, epoch microseconds or scaled integers the IR holds. On
 * whole-numbered types a fractional bound is shown as the whole bound it is equivalent to (a
 * minimum rounds up, a maximum down). A missing bound is `-∞` / `∞`.
 *
 * @example
 * ```ts
 * rangeText({ kind: 'date' }, 20364, 20453); // '[2025-10-03, 2025-12-31]'
 * rangeText({ kind: 'timestamp' }, null, 1759449599999999); // '[-∞, 2025-10-02T23:59:59.999999Z]'
 * rangeText({ kind: 'int' }, 1, 6); // '[1, 6]'
 * ```
 */
export function rangeText(type: ColumnType | undefined, min: number | null, max: number | null): string {
  return `[${boundText(type, min, 'min')}, ${boundText(type, max, 'max')}]`;
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
