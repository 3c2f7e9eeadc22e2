import { Evaluator } from '@synthgraph/core';
import { describe, expect, it } from 'vitest';
import { identityGraph, keyRanges, resolveConfig } from '../index.js';
import { MAX_BATCH, MAX_HOUSEHOLDS_PER_BATCH } from './config-schema.js';
import { buildModel, eventsModel, householdSizeModel, identifierModel } from './model.js';
import { fitConditional, massMean, massSd, sum } from './numeric.js';
import { EDUCATION_LEVELS, IDENTIFIER_TYPES } from './vocabulary.js';

describe('compile-time model', () => {
  it.each([
    [2.5, 1.4, 1, 8],
    [1.7, 0.8, 1, 5],
    [3.2, 1.6, 1, 10],
    [4, 0.5, 2, 6],
  ])('matches the household size mean %f exactly (sd %f, [%i, %i])', (mean, sd, min, max) => {
    for (const distribution of ['normal', 'lognormal'] as const) {
      const m = householdSizeModel({ mean, std_dev: sd, min, max, distribution });
      expect(massMean(m.mass, min), distribution).toBeCloseTo(mean, 5);
      expect(sum(m.mass)).toBeCloseTo(1, 9);
      if (distribution === 'lognormal') expect(massSd(m.mass, min)).toBeCloseTo(sd, 3);
    }
  });

  it('gives US-like right-skewed household sizes by default', () => {
    const m = householdSizeModel(resolveConfig({}).households.household_size);
    expect(m.kind).toBe('lognormal');
    // 2-person households are the most common, then 1, then 3 (ACS: .28 / .35 / .15)
    expect(m.mass[1]).toBeGreaterThan(m.mass[0] as number);
    expect(m.mass[0]).toBeGreaterThan(m.mass[2] as number);
  });

  it('matches identifier means and type shares', () => {
    for (const mean of [2, 3.5, 6, 11, 15]) {
      const config = resolveConfig({ demographics: { identifiers_per_person: { mean, min: 2, max: 15 } } });
      const ids = identifierModel(config);
      expect(ids.mean).toBeCloseTo(mean, 6);
      expect(sum(ids.shares)).toBeCloseTo(1, 9);
    }
    const ids = identifierModel(resolveConfig({}));
    const configured = resolveConfig({}).demographics.identifier_types;
    IDENTIFIER_TYPES.forEach((t, i) => expect(ids.shares[i], t).toBeCloseTo(configured[t] ?? 0, 6));
  });

  it.each(['poisson', 'normal', 'power_law', 'lognormal'] as const)('matches the %s events-per-person mean', (distribution) => {
    const m = eventsModel({ mean: 25, distribution, std_dev: 10, max: 2000 });
    expect('error' in m).toBe(false);
    if ('error' in m) return;
    expect(m.mean).toBeCloseTo(25, 3);
  });

  it('reports a power-law mean it cannot reach', () => {
    expect(eventsModel({ mean: 400, distribution: 'power_law', std_dev: 0, max: 500 })).toHaveProperty('error');
  });

  it('fits conditional tables that keep the marginal', () => {
    const fit = fitConditional([0.3, 0.7], [
      { weight: 0.5, tilt: [3, 1] },
      { weight: 0.5, tilt: [0, 1] },
    ]);
    expect(fit.marginal[0]).toBeCloseTo(0.3, 9);
    expect(fit.conditional[1]?.[0]).toBe(0);
  });

  it('never allows an education level below its minimum age and keeps the configured shares', () => {
    const m = buildModel(resolveConfig({}));
    m.education.bands.forEach((band, b) => {
      if (band.to < 26) m.education.probs[b]?.forEach((p) => expect(p[EDUCATION_LEVELS.indexOf('doctorate')]).toBe(0));
    });
    const target = resolveConfig({}).demographics.education;
    EDUCATION_LEVELS.forEach((lvl, i) => expect(m.education.marginal[i], lvl).toBeCloseTo(target[lvl] ?? 0, 6));
  });
});

describe('key ranges', () => {
  it('gives consecutive batches disjoint ranges in every table', () => {
    const a = keyRanges(resolveConfig({ households: { num_households: 100_000 }, campaigns: { num_campaigns: 100 } }));
    const b = keyRanges(resolveConfig({ run: { batch: 1 }, households: { num_households: 100_000 }, campaigns: { num_campaigns: 5 } }));
    for (const t of Object.keys(a)) expect(b[t]?.start, t).toBeGreaterThanOrEqual(a[t]?.end as number);
  });

  it('keeps every key below 2^53 for the largest batch', () => {
    const config = { run: { batch: MAX_BATCH }, households: { num_households: MAX_HOUSEHOLDS_PER_BATCH }, campaigns: { num_campaigns: 100 } };
    for (const [t, r] of Object.entries(keyRanges(resolveConfig(config)))) expect(r.end, t).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
    // the IR validation checks the key space too
    expect(() => identityGraph(config).toIR({ seed: 1 })).not.toThrow();
  });
});

describe('in-process rows (evaluator)', () => {
  const ir = identityGraph({ households: { num_households: 300 } }).toIR({ seed: 3 });
  const ev = new Evaluator(ir);

  it('creates exactly household_size individuals per household, with consistent roles and ages', () => {
    const households = ev.rows('households');
    const individuals = ev.rows('individuals');
    expect(individuals.length).toBe(households.reduce((a, h) => a + Number(h['household_size']), 0));
    const byHousehold = new Map(households.map((h) => [h['household_id'], h]));
    for (const i of individuals) {
      const h = byHousehold.get(i['household_id']);
      expect(h).toBeDefined();
      if (i['household_role'] === 'householder') expect(i['age']).toBe(h?.['householder_age']);
      if (i['household_role'] === 'adult_child') expect(Number(i['age'])).toBeLessThan(Number(h?.['householder_age']));
      if (i['education_level'] === 'doctorate') expect(Number(i['age'])).toBeGreaterThanOrEqual(26);
      if (i['employment_status'] === 'retired') expect(Number(i['age'])).toBeGreaterThanOrEqual(50);
    }
  });

  it('gives every individual one primary identifier and the configured number of mappings', () => {
    const mappings = ev.rows('identity_mappings');
    const individuals = ev.rows('individuals');
    expect(mappings.length).toBe(individuals.reduce((a, i) => a + Number(i['identifier_count']), 0));
    const primaries = mappings.filter((m) => m['is_primary'] === true);
    expect(primaries.length).toBe(individuals.length);
    expect(primaries.every((m) => m['identifier_type'] === 'email_hash' && /^[0-9a-f]{64}$/.test(String(m['identifier_value'])))).toBe(true);
    for (const m of mappings) expect((m['first_seen'] as Date).getTime()).toBeLessThanOrEqual((m['last_seen'] as Date).getTime());
  });
});
