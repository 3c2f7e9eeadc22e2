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

  it('uses the CPS household sizes by default: about 28% one person, 2.45 persons on average', () => {
    const m = householdSizeModel(resolveConfig({}).households.household_size);
    expect(m.kind).toBe('census');
    expect(m.mass[0]).toBeCloseTo(0.285, 6);
    expect(m.mass[1]).toBeGreaterThan(m.mass[0] as number);
    expect(massMean(m.mass, 1)).toBeGreaterThan(2.4);
    expect(massMean(m.mass, 1)).toBeLessThan(2.6);
  });

  it('splits persons into adults and minors with the configured shares of minors and couples', () => {
    const c = buildModel(resolveConfig({})).composition;
    expect(c.childrenShare).toBeCloseTo(0.27, 6);
    expect(c.couplesShare).toBeCloseTo(0.54, 6);
    expect(c.adultsMean + c.childrenMean).toBeCloseTo(massMean(buildModel(resolveConfig({})).householdSize.mass, 1), 9);
    expect(c.adultsMean).toBeGreaterThan(1.85);
    expect(c.adultsMean).toBeLessThan(2.05);
    expect(sum(c.adultsMass)).toBeCloseTo(1, 9);
    const none = buildModel(resolveConfig({ households: { children: { share: 0 }, couples: { share: 0 } } })).composition;
    expect(none.childrenMean).toBe(0);
    expect(none.partner).toBe(0);
  });

  it('keeps the configured employment marginal after the full-time income floor, with the BLS age shape', () => {
    const m = buildModel(resolveConfig({}));
    const ft = m.employment.values.indexOf('full_time');
    const retired = m.employment.values.indexOf('retired');
    const band = (age: number): number => m.employment.bands.findIndex((b) => age >= b.from && age <= b.to);
    // the fit over-asks full time by the share the floor turns part time
    expect(m.employment.marginal[ft]).toBeGreaterThan(resolveConfig({}).demographics.employment.full_time ?? 0);
    // retirement is rare before 62 and the rule from 75 (middle income bracket)
    expect(m.employment.probs[band(40)]?.[2]?.[retired]).toBe(0);
    expect(m.employment.probs[band(80)]?.[2]?.[retired]).toBeGreaterThan(0.75);
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

  it('creates num_adults individuals per household, with consistent roles, ages, genders and incomes', () => {
    const households = ev.rows('households');
    const individuals = ev.rows('individuals');
    expect(individuals.length).toBe(households.reduce((a, h) => a + Number(h['num_adults']), 0));
    const byHousehold = new Map(households.map((h) => [h['household_id'], h]));
    const incomes = new Map<unknown, number>();
    for (const h of households) expect(Number(h['household_size'])).toBe(Number(h['num_adults']) + Number(h['num_children']));
    for (const i of individuals) {
      const h = byHousehold.get(i['household_id']);
      expect(h).toBeDefined();
      const hhAge = Number(h?.['householder_age']);
      if (i['household_role'] === 'householder') {
        expect(i['age']).toBe(h?.['householder_age']);
        expect(i['gender']).toBe(h?.['householder_gender']);
      }
      if (i['household_role'] === 'partner') expect(h?.['has_partner']).toBe(true);
      if (i['household_role'] === 'adult_child') expect(hhAge - Number(i['age'])).toBeGreaterThanOrEqual(18);
      if (i['household_role'] === 'adult_child') expect(hhAge - Number(i['age'])).toBeLessThanOrEqual(40);
      if (i['household_role'] === 'parent') expect(Number(i['age']) - hhAge).toBeGreaterThanOrEqual(18);
      if (i['education_level'] === 'doctorate') expect(Number(i['age'])).toBeGreaterThanOrEqual(26);
      if (i['employment_status'] === 'retired') expect(Number(i['age'])).toBeGreaterThanOrEqual(50);
      if (i['employment_status'] === 'full_time') expect(Number(i['income_individual'])).toBeGreaterThanOrEqual(15_080);
      incomes.set(i['household_id'], (incomes.get(i['household_id']) ?? 0) + Number(i['income_individual']));
    }
    for (const h of households) {
      const total = incomes.get(h['household_id']) ?? 0;
      expect(total).toBeLessThanOrEqual(Number(h['household_income']) + 1e-6);
      expect(total).toBeGreaterThan(Number(h['household_income']) - 0.01 * Number(h['num_adults']) - 1e-6);
    }
  });

  it('makes couples of a female and a male opposite-gender at the configured share (here 0: all same-gender)', () => {
    const same = new Evaluator(identityGraph({ households: { num_households: 300, couples: { opposite_gender_share: 0 } } }).toIR({ seed: 3 }));
    const people = same.rows('individuals');
    const householder = new Map(people.filter((i) => i['household_role'] === 'householder').map((i) => [i['household_id'], i['gender']]));
    const binary = (g: unknown): boolean => g === 'female' || g === 'male';
    const couples = people.filter((i) => i['household_role'] === 'partner' && binary(i['gender']) && binary(householder.get(i['household_id'])));
    expect(couples.length).toBeGreaterThan(50);
    expect(couples.every((p) => p['gender'] === householder.get(p['household_id']))).toBe(true);
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
