/**
 * Validation rules of household composition: configs whose persons-per-household, minors and
 * couples settings cannot all hold (e.g. one-person households with partners required) are
 * rejected with the reachable value and how to fix it.
 */
import type { Issue } from '@synthgraph/core';
import { demographicsStep, type StepConfig } from './config-schema.js';
import { compositionModel } from './composition-model.js';
import { adultAgeWeights, householdSizeModel } from './people-model.js';
import { sum } from './numeric.js';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/**
 * Composition rules of the households step (householder ages from the default demographics,
 * which only shift where minors live, not what can be reached).
 *
 * @example
 * ```ts
 * const issues: Issue[] = [];
 * compositionRules(householdsStep.parse({ household_size: { max: 1 } }), issues, []);
 * issues[0]?.path; // 'households.children.share'
 * ```
 */
export function compositionRules(h: StepConfig<'households'>, issues: Issue[], warnings: Issue[]): void {
  const hs = h.household_size;
  if (hs.distribution === 'census' && (hs.mean !== 2.5 || hs.std_dev !== 1.4))
    warnings.push({
      path: 'households.household_size.mean',
      message: "is unused: distribution 'census' draws the CPS household sizes (mean 2.45 on 1–10) and ignores mean and std_dev",
      value: { mean: hs.mean, std_dev: hs.std_dev },
      fix: "set households.household_size.distribution to 'lognormal' (or 'normal') to match the mean, or remove mean and std_dev",
    });
  if (hs.min > hs.max) return;
  const age = demographicsStep.parse({}).age;
  const list = Array.from({ length: age.max - age.min + 1 }, (_, i) => age.min + i);
  const size = householdSizeModel(hs);
  const multiPerson = sum(size.mass.filter((_, i) => size.min + i >= 2));
  const config = { households: h } as Parameters<typeof compositionModel>[0];
  const comp = compositionModel(config, size.mass, size.min, adultAgeWeights(age, true), list);
  if (h.children.share > 0 && h.children.share > comp.childrenShare + 1e-6)
    issues.push({
      path: 'households.children.share',
      message:
        multiPerson === 0
          ? `is impossible: every household has one person (household_size.max ${hs.max}), so no household can include a minor`
          : `cannot be reached: minors live only in households of 2+ persons (${pct(multiPerson)} of households here), so at most ${pct(comp.childrenShare)} can have minors`,
      value: h.children.share,
      fix: multiPerson === 0 ? 'set households.children.share to 0, or raise households.household_size.max to at least 2' : `lower households.children.share to at most ${comp.childrenShare.toFixed(3)}, or allow larger households (households.household_size)`,
    });
  if (h.couples.share > comp.multiAdultShare + 1e-9)
    issues.push({
      path: 'households.couples.share',
      message:
        comp.multiAdultShare === 0
          ? `is impossible: every household has one adult (household_size.max ${hs.max}${hs.max > 1 ? ', and the others are minors' : ''}), so no householder can live with a partner`
          : `cannot be reached: a partner needs a household of 2+ adults, and household_size, children.share and children.single_parent_share leave only ${pct(comp.multiAdultShare)} of households with 2+ adults`,
      value: h.couples.share,
      fix:
        comp.multiAdultShare === 0
          ? 'set households.couples.share to 0, or raise households.household_size.max to at least 2'
          : `lower households.couples.share to at most ${comp.multiAdultShare.toFixed(3)}, or allow larger households / fewer single parents`,
    });
  if (h.couples.share > 0 && h.couples.opposite_gender_share < 0.5)
    warnings.push({
      path: 'households.couples.opposite_gender_share',
      message: `is ${h.couples.opposite_gender_share}: most couples would be same-gender (about 2% of US couples are, ACS 2022)`,
      value: h.couples.opposite_gender_share,
      fix: 'use a value near 0.98 for a US-like population',
    });
}
