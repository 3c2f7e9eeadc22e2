import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, generate, type Engine } from '@synthgraph/core';
import { describe, expect, it } from 'vitest';
import { getPreset, identityGraph, identityGraphJsonSchema, IDENTITY_GRAPH_TABLES, JSON_SCHEMA_PATH, presets, STEP_NAMES, UnknownPresetError, validateConfig, validateStep } from '../index.js';

/** [name, config, expected issue path] — every config is invalid for exactly the named reason. */
const INVALID: readonly (readonly [string, unknown, string])[] = [
  ['income weights sum to 0.9', { households: { income_brackets: { '<25k': 0.1, '25k-50k': 0.2, '50k-100k': 0.3, '100k-150k': 0.2, '150k+': 0.1 } } }, 'households.income_brackets'],
  ['gender weights sum to 1.2', { demographics: { gender: { female: 0.6, male: 0.6 } } }, 'demographics.gender'],
  ['engagement types sum to 0.5', { engagement: { engagement_types: { view: 0.5 } } }, 'engagement.engagement_types'],
  ['categories sum to 1.1', { engagement: { content_categories: { news: 0.6, sports: 0.5 } }, audience: { segments: [{ name: 'fans', categories: ['sports'] }] } }, 'engagement.content_categories'],
  ['propensity weights sum to 2', { audience: { propensity_weights: { engagement: 1, recency: 1 } } }, 'audience.propensity_weights'],
  ['all-zero weights even with normalization', { households: { housing_types: { single_family: 0 }, normalize_weights: true } }, 'households.housing_types'],
  ['negative weight', { demographics: { gender: { female: -0.1, male: 1.1 } } }, 'demographics.gender.female'],
  ['zero households', { households: { num_households: 0 } }, 'households.num_households'],
  ['households as text', { households: { num_households: 'many' } }, 'households.num_households'],
  ['fractional households', { households: { num_households: 1.5 } }, 'households.num_households'],
  ['households beyond a batch key range', { households: { num_households: 2 ** 26 + 1 } }, 'households.num_households'],
  ['household size mean 11', { households: { household_size: { mean: 11 } } }, 'households.household_size.mean'],
  ['household size min > max', { households: { household_size: { mean: 3, min: 5, max: 2 } } }, 'households.household_size.min'],
  ['household size mean below min', { households: { household_size: { distribution: 'lognormal', mean: 1.5, min: 2, max: 6 } } }, 'households.household_size.mean'],
  ['one-person households with partners required', { households: { household_size: { max: 1 }, children: { share: 0 } } }, 'households.couples.share'],
  ['one-person households with minors', { households: { household_size: { max: 1 }, couples: { share: 0 } } }, 'households.children.share'],
  ['more couples than households of two adults', { households: { couples: { share: 0.9 } } }, 'households.couples.share'],
  ['minors in more households than have two persons', { households: { household_size: { distribution: 'lognormal', mean: 1.3, std_dev: 0.5, max: 4 }, children: { share: 0.5 }, couples: { share: 0.1 } } }, 'households.children.share'],
  ['inverted age range', { demographics: { age: { min: 60, max: 30 } } }, 'demographics.age.min'],
  ['age below 18', { demographics: { age: { min: 10 } } }, 'demographics.age.min'],
  ['age above 100', { demographics: { age: { max: 120 } } }, 'demographics.age.max'],
  ['identifiers mean 20', { demographics: { identifiers_per_person: { mean: 20 } } }, 'demographics.identifiers_per_person.mean'],
  ['identifiers mean 1', { demographics: { identifiers_per_person: { mean: 1 } } }, 'demographics.identifiers_per_person.mean'],
  ['primary identifier shared by a household', { demographics: { primary_identifier: 'ctv_id' } }, 'demographics.primary_identifier'],
  ['doctorate for people under 26', { demographics: { age: { min: 18, max: 24 }, education: { high_school: 0.5, some_college: 0.4, doctorate: 0.1 }, employment: { full_time: 0.7, student: 0.3 } } }, 'demographics.education.doctorate'],
  ['retired people under 50', { demographics: { age: { min: 18, max: 40 }, employment: { full_time: 0.8, retired: 0.2 } } }, 'demographics.employment.retired'],
  ['more doctorates than people old enough', { demographics: { age: { min: 18, max: 30, distribution: 'uniform' }, education: { bachelor: 0.4, doctorate: 0.6 }, employment: { full_time: 1 } } }, 'demographics.education.doctorate'],
  ['young households earning six figures', { demographics: { age: { min: 18, max: 24 }, education: { high_school: 1 }, employment: { full_time: 1 } }, households: { income_brackets: { '<25k': 0.3, '25k-50k': 0.2, '100k-150k': 0.25, '150k+': 0.25 } } }, 'households.income_brackets'],
  ['nobody earns, households are not poor', { demographics: { employment: { unemployed: 0.5, student: 0.5 } } }, 'demographics.employment'],
  ['time period of 1000 days', { engagement: { time_period_days: 1000 } }, 'engagement.time_period_days'],
  ['time period of 3 days', { engagement: { time_period_days: 3 } }, 'engagement.time_period_days'],
  ['impossible end date', { engagement: { end_date: '2026-02-30' } }, 'engagement.end_date'],
  ['end date as words', { engagement: { end_date: 'tomorrow' } }, 'engagement.end_date'],
  ['unknown temporal pattern', { engagement: { temporal_pattern: 'hourly' } }, 'engagement.temporal_pattern'],
  ['unknown events distribution', { engagement: { events_per_person: { distribution: 'zipf' } } }, 'engagement.events_per_person.distribution'],
  ['events max below mean', { engagement: { events_per_person: { mean: 100, max: 50 } } }, 'engagement.events_per_person.max'],
  ['power law cannot reach the mean', { engagement: { events_per_person: { mean: 400, max: 500, distribution: 'power_law' } } }, 'engagement.events_per_person.mean'],
  ['category name with spaces', { engagement: { content_categories: { 'Late Night': 1 } }, audience: { segments: [{ name: 'owls', categories: [] }] } }, 'engagement.content_categories.Late Night'],
  ['segment naming a missing category', { audience: { segments: [{ name: 'cooks', categories: ['cooking'] }] } }, 'audience.segments.0.categories.0'],
  ['duplicate segment names', { audience: { segments: [{ name: 'fans', categories: ['sports'] }, { name: 'fans', categories: ['music'] }] } }, 'audience.segments.1.name'],
  ['reserved segment name', { audience: { segments: [{ name: 'general', categories: ['news'] }] } }, 'audience.segments.0.name'],
  ['no segments', { audience: { segments: [] } }, 'audience.segments'],
  ['segment outside the population ages', { demographics: { age: { min: 18, max: 60 } }, audience: { segments: [{ name: 'seniors', categories: [], age_min: 70, age_max: 90 }] } }, 'audience.segments.0.age_min'],
  ['heavy threshold below regular', { audience: { behavioral_thresholds: { heavy_daily_events: 0.1, regular_daily_events: 0.5 } } }, 'audience.behavioral_thresholds.heavy_daily_events'],
  ['empty channel list', { campaigns: { channels: [] } }, 'campaigns.channels'],
  ['unknown channel', { campaigns: { channels: ['email', 'radio'] } }, 'campaigns.channels.1'],
  ['repeated channel', { campaigns: { channels: ['email', 'email'] } }, 'campaigns.channels'],
  ['101 campaigns', { campaigns: { num_campaigns: 101 } }, 'campaigns.num_campaigns'],
  ['reach of 0%', { campaigns: { reach_percentage: 0 } }, 'campaigns.reach_percentage'],
  ['audience share min > max', { campaigns: { audience_share: { min: 0.9, max: 0.2 } } }, 'campaigns.audience_share.min'],
  ['holdout above half', { campaigns: { holdout_share: 0.7 } }, 'campaigns.holdout_share'],
  ['duration min > max', { campaigns: { duration_days: { min: 10, max: 5 } } }, 'campaigns.duration_days.min'],
  ['flights longer than the window', { campaigns: { duration_days: { min: 10, max: 200 } } }, 'campaigns.duration_days.max'],
  ['no attribution model', { campaigns: { attribution_models: [] } }, 'campaigns.attribution_models'],
  ['unknown attribution model', { campaigns: { attribution_models: ['last_click'] } }, 'campaigns.attribution_models.0'],
  ['frequency mean above the cap', { campaigns: { frequency: { mean: 8, cap: 5 } } }, 'campaigns.frequency.mean'],
  ['unknown step', { household: { num_households: 10 } }, 'household'],
  ['unknown field', { households: { num_household: 10 } }, 'households.num_household'],
  ['unknown income bracket', { households: { income_brackets: { rich: 1 } } }, 'households.income_brackets.rich'],
  ['both states and regions', { households: { location: { states: { CA: 1 }, regions: { west: 1 } } } }, 'households.location'],
  ['unknown state code', { households: { location: { states: { XX: 1 } } } }, 'households.location.states.XX'],
  ['append without a new batch', { run: { mode: 'append', batch: 0 } }, 'run.batch'],
  ['negative batch', { run: { batch: -1 } }, 'run.batch'],
  ['bad target', { run: { target: 'my catalog' } }, 'run.target'],
  ['bad table prefix', { run: { table_prefix: 'Bad-Prefix' } }, 'run.table_prefix'],
  ['a config that is not an object', 42, ''],
];

const engineThatMustNotRun = (): Engine & { runs: number } => {
  const e = {
    name: 'spy',
    runs: 0,
    run: async () => {
      e.runs++;
      throw new Error('the engine must not run for an invalid config');
    },
  };
  return e;
};

describe('identity-graph config validation', () => {
  it('has a corpus of at least 30 invalid configs', () => {
    expect(INVALID.length).toBeGreaterThanOrEqual(30);
  });

  it.each(INVALID)('rejects %s at the right path, and nothing runs', async (_name, input, path) => {
    const r = validateConfig(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const issue = r.issues.find((i) => i.path === path);
    expect(issue, `issues: ${JSON.stringify(r.issues)}`).toBeDefined();
    expect(issue?.message.length).toBeGreaterThan(5);
    expect(issue?.fix?.length ?? 0).toBeGreaterThan(3);
    // the builder refuses it too, before any engine is involved
    const engine = engineThatMustNotRun();
    await expect(async () => generate(identityGraph(input as never), engine, { seed: 1 })).rejects.toBeInstanceOf(ConfigError);
    expect(engine.runs).toBe(0);
  });

  it('names the value, the allowed range and the fix', () => {
    const r = validateConfig({ households: { household_size: { mean: 11 } } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const [i] = r.issues;
    expect(i).toMatchObject({ path: 'households.household_size.mean', value: 11 });
    expect(i?.message).toContain('≤ 10');
    expect(i?.message).toContain('allowed: a number from 1 to 10');
    expect(i?.fix).toContain('households.household_size.mean');
  });

  it('suggests the closest name for unknown keys', () => {
    const r = validateConfig({ households: { num_househods: 10 } });
    expect(r.ok ? [] : r.issues[0]?.fix).toContain("'num_households'");
  });

  it('accepts the defaults and resolves every weight explicitly', () => {
    const r = validateConfig({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    expect(r.config.households.num_households).toBe(10_000);
    expect(r.config.engagement.end_date).toBe('2026-01-01');
    expect(Object.values(r.config.demographics.gender).reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBeCloseTo(1, 9);
    expect(presets['identity-graph'].defaultConfig).toEqual(r.config);
  });

  it('fills left-out weights with 0 and normalizes when asked', () => {
    const r = validateConfig({ households: { income_brackets: { '<25k': 2, '150k+': 2 }, normalize_weights: true } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.households.income_brackets).toEqual({ '<25k': 0.5, '25k-50k': 0, '50k-100k': 0, '100k-150k': 0, '150k+': 0.5 });
  });

  it('accepts weights within 1e-6 of 1', () => {
    expect(validateConfig({ demographics: { gender: { female: 0.5000004, male: 0.5 } } }).ok).toBe(true);
    expect(validateConfig({ demographics: { gender: { female: 0.500002, male: 0.5 } } }).ok).toBe(false);
  });

  it('adapts the default segments to custom categories when no segments are given', () => {
    const r = validateConfig({ engagement: { content_categories: { cooking: 0.5, news: 0.5 } } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.audience.segments.map((s) => s.name)).toEqual(['news_junkies', 'young_professionals', 'cooking_enthusiasts']);
    // explicit segments are taken as they are (and checked)
    expect(validateConfig({ engagement: { content_categories: { cooking: 1 } }, audience: { segments: [{ name: 'x', categories: ['news'] }] } }).ok).toBe(false);
  });

  it('warns without blocking', () => {
    const big = validateConfig({ households: { num_households: 20_000_000 } });
    expect(big.ok).toBe(true);
    expect(big.warnings.map((w) => w.path)).toContain('households.num_households');
    const tiny = validateConfig({ households: { num_households: 50 } });
    expect(tiny.ok).toBe(true);
    expect(tiny.warnings.map((w) => w.path)).toContain('households.num_households');
  });

  it('validates each step alone, leaving cross-step rules to the whole config', () => {
    for (const s of STEP_NAMES) expect(validateStep(s, {}).ok, s).toBe(true);
    const seg = { segments: [{ name: 'cooks', categories: ['cooking'] }] };
    expect(validateStep('audience', seg).ok).toBe(true);
    expect(validateConfig({ audience: seg }).ok).toBe(false);
    const bad = validateStep('campaigns', { channels: [] });
    expect(bad.ok ? [] : bad.issues.map((i) => i.path)).toEqual(['campaigns.channels']);
    const unknown = validateStep('nope' as never, {});
    expect(unknown.ok).toBe(false);
  });

  it('keeps the committed JSON Schema up to date', () => {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..', JSON_SCHEMA_PATH);
    const committed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    expect(committed, 'run: node_modules/.bin/tsx --conditions=source packages/presets/scripts/write-schema.ts').toEqual(identityGraphJsonSchema());
    const schema = identityGraphJsonSchema() as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toEqual([...STEP_NAMES, 'resolution']);
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('preset registry', () => {
  it('looks presets up by name and lists the known ones otherwise', () => {
    expect(getPreset('identity-graph').name).toBe('identity-graph');
    expect(getPreset('identity-graph').steps).toEqual(STEP_NAMES);
    expect(() => getPreset('nope')).toThrow(UnknownPresetError);
    try {
      getPreset('nope');
    } catch (e) {
      expect((e as UnknownPresetError).known).toEqual(['identity-graph']);
      expect((e as Error).message).toContain('identity-graph');
    }
  });

  it('builds a scenario with every table (the ten and the answer keys) from a validated config', () => {
    const p = getPreset('identity-graph');
    const r = p.validateConfig({ households: { num_households: 100 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([...p.build(r.config).entityNames].sort()).toEqual([...IDENTITY_GRAPH_TABLES].sort());
  });
});
