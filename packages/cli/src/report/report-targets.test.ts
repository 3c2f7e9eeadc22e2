import { describe, expect, it } from 'vitest';
import { ReportTargets, asNumericTarget, asWeights, pathTokens } from './report-targets.js';

describe('configured targets', () => {
  it('reads weights in the usual shapes and not numeric summaries', () => {
    expect(asWeights({ a: 1, b: 3 })).toEqual({ a: 1, b: 3 });
    expect(asWeights({ weights: { a: 0.5, b: 0.5 }, tolerance: 0.01 })).toEqual({ a: 0.5, b: 0.5 });
    expect(asWeights([{ value: 'a', weight: 0.2 }, { name: 'b', share: 0.8 }])).toEqual({ a: 0.2, b: 0.8 });
    expect(asWeights({ mean: 2.5, std_dev: 1 })).toBeNull();
    expect(asWeights({ a: -1, b: 2 })).toBeNull();
    expect(asNumericTarget({ mean: 2.5, std_dev: 1.2, min: 1, max: 10 })).toEqual({ mean: 2.5, sd: 1.2, min: 1, max: 10 });
    expect(asNumericTarget({ range: [18, 100] })).toEqual({ min: 18, max: 100 });
    expect(pathTokens('config.demographics.ageRange')).toEqual(['config', 'demographics', 'age', 'range']);
  });

  it('finds config weights by hint and by the values seen, explicit targets first', () => {
    const config = {
      households: { income_bracket_weights: { low: 1, mid: 2, high: 1 }, size_distribution: { mean: 2.6, std_dev: 1.3 } },
      demographics: { age_range: { min: 18, max: 85 }, genders: { female: 0.5, male: 0.5 } },
      engagement: { content_categories: { news: 0.5, sports: 0.5 }, engagement_type_weights: { view: 0.6, click: 0.4 }, temporal_pattern: 'weekly' },
      campaigns: { reach_percent: 25, response_rate: { min: 0.01, max: 0.05 } },
    };
    const t = new ReportTargets({ config, extra: { distributionTargets: { 'individuals.gender': { female: 0.7, male: 0.3 } } } });
    expect(t.categorical({ id: 'income_bracket', table: 'households', column: 'income_bracket', hints: [['income']] }, ['low', 'mid', 'high'])).toEqual({
      shares: { low: 0.25, mid: 0.5, high: 0.25 },
      source: 'config.households.income_bracket_weights',
    });
    // "engagement" also names the content categories; the values seen pick the right one.
    expect(t.categorical({ id: 'engagement_type', hints: [['engagement']] }, ['view', 'click'])?.source).toBe('config.engagement.engagement_type_weights');
    expect(t.categorical({ id: 'gender', table: 'individuals', column: 'gender', hints: [['gender']] }, ['female', 'male'])).toEqual({ shares: { female: 0.7, male: 0.3 }, source: 'extra.distributionTargets.individuals.gender' });
    // Weights whose keys are not the data's values are not a target.
    expect(t.categorical({ id: 'income_bracket', hints: [['income']] }, ['<25k', '25-50k'])).toBeNull();
    expect(t.numeric({ id: 'household_size', hints: [['household', 'size']] })).toEqual({ mean: 2.6, sd: 1.3, source: 'config.households.size_distribution' });
    // "age" does not match "engagement".
    expect(t.numeric({ id: 'age', hints: [['age']] })).toEqual({ min: 18, max: 85, source: 'config.demographics.age_range' });
    expect(t.text([['temporal'], ['pattern']])).toEqual({ value: 'weekly', source: 'config.engagement.temporal_pattern' });
    expect(t.number([['reach']])).toEqual({ value: 25, source: 'config.campaigns.reach_percent' });
    expect(t.range([['response', 'rate']])).toEqual({ min: 0.01, max: 0.05, source: 'config.campaigns.response_rate' });
    expect(new ReportTargets({}).categorical({ id: 'gender', hints: [['gender']] }, ['f'])).toBeNull();
  });

  it('accepts nested and array forms of extra.distributionTargets', () => {
    const nested = new ReportTargets({ extra: { distributionTargets: { households: { household_size: { mean: 3 } } } } });
    expect(nested.numeric({ id: 'household_size', table: 'households', column: 'household_size', hints: [] })).toEqual({ mean: 3, source: 'extra.distributionTargets.households.household_size' });
    const arr = new ReportTargets({ extra: { distributionTargets: [{ table: 'individuals', column: 'gender', weights: { f: 1, m: 1 } }] } });
    expect(arr.categorical({ id: 'gender', table: 'individuals', column: 'gender', hints: [] }, [])).toEqual({ shares: { f: 0.5, m: 0.5 }, source: 'extra.distributionTargets[0]' });
  });
});
