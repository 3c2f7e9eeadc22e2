/**
 * Check names: range bounds are written in the column's type (ISO dates, UTC instants, decimals),
 * never as the epoch days, epoch microseconds or scaled integers the IR holds.
 */
import { describe, expect, it } from 'vitest';
import { t } from '../dsl/column-types.js';
import { dateOf, intBetween, timestampIn, toScaled, uniform } from '../dsl/expr.js';
import { scenario } from '../dsl/scenario-builder.js';
import { formatMicros, rangeText, readableValue } from '../eval/values.js';
import { prettyIR } from '../ir/pretty.js';
import { checkName, compileChecks } from './checks.js';

const DAY = 86_400_000_000;
/** 2025-10-01T00:00:00Z in epoch micros and epoch days. */
const START_US = Date.UTC(2025, 9, 1) * 1000;
const START_DAY = START_US / DAY;

const s = scenario('checks')
  .entity('campaigns', (e) =>
    e
      .rows(10)
      .key('campaign_id')
      .column('created_at', t.timestamp(), () => timestampIn({ start: '2025-10-01', days: 90 }))
      .column('start_date', t.date(), (c) => dateOf(c.col('created_at')))
      .column('budget', t.decimal(12, 2), () => toScaled(uniform(1, 100), 2))
      .column('size', t.int(), () => intBetween(1, 6))
      .column('share', t.double(), () => uniform(0, 1))
      .range('created_at', START_US, START_US + 90 * DAY - 1)
      .range('start_date', START_DAY, START_DAY + 89)
      .range('budget', 0.01, null)
      .range('size', 1, 6)
      .range('share', 0, 0.5)
      .range('created_at', null, START_US + 1500),
  );

describe('check names', () => {
  const names = compileChecks(s.toIR({ seed: 1 })).map((c) => c.name);

  it('write a date range as ISO dates', () => {
    expect(names).toContain('campaigns.range(start_date in [2025-10-01, 2025-12-29])');
  });

  it('write a timestamp range as UTC instants, with fractional seconds only when present', () => {
    expect(names).toContain('campaigns.range(created_at in [2025-10-01T00:00:00Z, 2025-12-29T23:59:59.999999Z])');
    expect(names).toContain('campaigns.range(created_at in [-∞, 2025-10-01T00:00:00.001500Z])');
  });

  it('write a decimal range in the column unit and plain numeric ranges unchanged', () => {
    // 0.01 scaled units hold exactly for whole cents ≥ 1, so the bound reads as 0.01 dollars
    expect(names).toContain('campaigns.range(budget in [0.01, ∞])');
    expect(names).toContain('campaigns.range(size in [1, 6])');
    expect(names).toContain('campaigns.range(share in [0, 0.5])');
  });

  it('name other constraints without types', () => {
    expect(names).toContain('campaigns.primaryKey(campaign_id)');
    expect(checkName({ name: 'x', columns: [] }, { kind: 'range', column: 'gone', min: 20362, max: null })).toBe('x.range(gone in [20362, ∞])');
  });
});

describe('the IR printout (synthgraph plan --ir)', () => {
  it('keeps the raw bounds and adds the readable ones for dates, timestamps and decimals', () => {
    const text = prettyIR(s.toIR({ seed: 1 }));
    expect(text).toContain(`check range {"column":"start_date","min":${START_DAY},"max":${START_DAY + 89}}  -- [2025-10-01, 2025-12-29]`);
    expect(text).toContain(`check range {"column":"created_at","min":${START_US},"max":${START_US + 90 * DAY - 1}}  -- [2025-10-01T00:00:00Z, 2025-12-29T23:59:59.999999Z]`);
    expect(text).toContain('check range {"column":"budget","min":0.01,"max":null}  -- [0.01, ∞]');
    expect(text).toContain('check range {"column":"size","min":1,"max":6}\n');
  });
});

describe('readable values', () => {
  it('formats epoch micros as UTC instants, deterministically', () => {
    expect(formatMicros(START_US)).toBe('2025-10-01T00:00:00Z');
    expect(formatMicros(START_US + 250_000)).toBe('2025-10-01T00:00:00.250Z');
    expect(formatMicros(START_US - 1)).toBe('2025-09-30T23:59:59.999999Z');
    expect(formatMicros(-1)).toBe('1969-12-31T23:59:59.999999Z');
    expect(formatMicros(0)).toBe('1970-01-01T00:00:00Z');
  });

  it('formats each type and falls back to the number outside a type', () => {
    expect(readableValue({ kind: 'date' }, START_DAY)).toBe('2025-10-01');
    expect(readableValue({ kind: 'date' }, -1)).toBe('1969-12-31');
    expect(readableValue({ kind: 'decimal', precision: 12, scale: 2 }, 12_345)).toBe('123.45');
    expect(readableValue({ kind: 'decimal', precision: 12, scale: 2 }, 1_250)).toBe('12.5');
    expect(readableValue({ kind: 'decimal', precision: 12, scale: 2 }, -100)).toBe('-1');
    expect(readableValue({ kind: 'bigint' }, 1_759_276_800_000_000)).toBe('1759276800000000');
    expect(readableValue({ kind: 'date' }, 1e12)).toBe('1000000000000');
    expect(readableValue({ kind: 'timestamp' }, 0.5)).toBe('0.5');
    expect(readableValue(undefined, 7)).toBe('7');
  });

  it('rounds fractional bounds of whole-numbered types to the equivalent whole bound', () => {
    expect(rangeText({ kind: 'date' }, START_DAY - 0.5, START_DAY + 0.5)).toBe('[2025-10-01, 2025-10-01]');
    expect(rangeText({ kind: 'double' }, -0.5, null)).toBe('[-0.5, ∞]');
    expect(rangeText(undefined, null, null)).toBe('[-∞, ∞]');
  });
});
