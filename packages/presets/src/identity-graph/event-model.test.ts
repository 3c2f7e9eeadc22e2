import { describe, expect, it } from 'vitest';
import { resolveConfig } from './config-validation.js';
import { buildModel } from './model.js';
import { TYPE_ORDER, utcShapes } from './event-model.js';
import { DIURNAL_WEIGHTS } from './vocabulary.js';

/** The overall type mix the model implies for a CTV share and follow-up share. */
function impliedMix(m: ReturnType<typeof buildModel>): number[] {
  const e = m.engagement;
  const f1 = e.session.followUpShare;
  const mixOf = (p: { first: readonly number[]; afterView: readonly number[]; afterClick: readonly number[] }): number[] => {
    const a = p.first[0] as number;
    return TYPE_ORDER.map((_, i) => (1 - f1) * (p.first[i] as number) + f1 * (a * (p.afterView[i] as number) + (1 - a) * (p.afterClick[i] as number)));
  };
  const ctv = mixOf(e.types.ctv);
  const other = mixOf(e.types.other);
  return TYPE_ORDER.map((_, i) => e.ctvShare * (ctv[i] as number) + (1 - e.ctvShare) * (other[i] as number));
}

describe('engagement model', () => {
  it.each([
    ['default', {}],
    ['reaction-heavy', { engagement: { engagement_types: { view: 0.4, click: 0.25, share: 0.1, like: 0.2, comment: 0.05 } } }],
    ['view-heavy', { engagement: { engagement_types: { view: 0.8, click: 0.1, share: 0.02, like: 0.05, comment: 0.03 } } }],
  ] as const)('recovers the configured type mix (%s) at the estimated CTV share', (_name, input) => {
    const m = buildModel(resolveConfig(input));
    const mix = impliedMix(m);
    mix.forEach((p, i) => expect(p, TYPE_ORDER[i]).toBeCloseTo(m.engagementTypes[i] as number, 6));
  });

  it('keeps CTV sessions to views and almost no comments', () => {
    const ctv = buildModel(resolveConfig({})).engagement.types.ctv;
    expect(ctv.first[0]).toBe(1);
    expect(ctv.afterView[0]).toBeGreaterThan(0.9);
    expect(ctv.afterView[4]).toBeLessThan(0.01);
  });

  it('puts reactions only after a view', () => {
    const t = buildModel(resolveConfig({})).engagement.types.other;
    expect(t.first.slice(2)).toEqual([0, 0, 0]);
    expect(t.afterClick.slice(2)).toEqual([0, 0, 0]);
  });

  it('has session lengths whose mean is the configured events per session', () => {
    const s = buildModel(resolveConfig({ engagement: { events_per_session: 6 } })).engagement.session;
    expect((s.minLength + s.maxLength) / 2).toBe(6);
  });

  it('ends daylight time on the first Sunday of November', () => {
    // window 2025-10-03 … 2025-12-31: day 30 is 2025-11-02
    const dst = buildModel(resolveConfig({})).engagement.dst;
    expect(dst).toEqual({ thresholds: [30], values: [1, 0] });
  });

  it('shifts the local diurnal shape by the zone offset in UTC', () => {
    const config = resolveConfig({ households: { location: { states: { CA: 1 } } }, engagement: { end_date: '2026-02-15', time_period_days: 60, temporal_pattern: 'daily' } });
    const { hour } = utcShapes(config, new Array<number>(60).fill(1), DIURNAL_WEIGHTS);
    const localPeak = DIURNAL_WEIGHTS.indexOf(Math.max(...DIURNAL_WEIGHTS));
    expect(hour.indexOf(Math.max(...hour))).toBe((localPeak + 8) % 24);
  });
});
