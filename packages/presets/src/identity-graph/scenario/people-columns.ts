/**
 * Column expressions of households and individuals: household size, minors, roles, role ages,
 * partner genders and the income split. Built only from core's DSL; the probabilities come from
 * the generation model (`composition-model.ts`, `people-model.ts`).
 */
import { least, lit, lognormal, normal, type X } from '@synthgraph/core';
import type { Conditional, IdentityGraphModel } from '../model.js';
import { GENDERS, INCOME_WEIGHTS, OTHER_MEMBER_ROLES, ROLE_AGE_GAPS, THIRD_ADULT_WITH_MINORS, type HouseholdRole } from '../vocabulary.js';
import { normalize } from '../numeric.js';
import { choose, clamp, firstOf } from './expressions.js';

/**
 * A conditional pick over (age band × a second grouping) from one uniform column.
 *
 * @example
 * ```ts
 * conditionalPick(m.education, c.col('u_education'), c.col('age'), c.parent.col('income_bracket'), INCOME_BRACKETS);
 * ```
 */
export function conditionalPick(model: Conditional, u: X<number>, age: X<number>, group: X<string>, groupValues: readonly string[]): X<string> {
  const branches: [X<boolean>, X<string>][] = [];
  model.bands.forEach((band, b) => {
    groupValues.forEach((g, gi) => {
      const probs = model.probs[b]?.[gi] as readonly number[];
      branches.push([age.between(band.from, band.to).and(group.eq(g)), choose(u, probs, model.values)]);
    });
  });
  const last = branches.pop() as [X<boolean>, X<string>];
  return firstOf(branches, last[1]);
}

/**
 * Persons in the household: the CPS shares, or a rounded lognormal / normal, clamped.
 *
 * @example
 * ```ts
 * householdSizeDraw(model, c.col('u_size'));
 * ```
 */
export function householdSizeDraw(m: IdentityGraphModel, u: X<number>): X<number> {
  const hs = m.householdSize;
  if (hs.kind === 'census') return choose(u, hs.mass, hs.mass.map((_, i) => hs.min + i));
  return clamp((hs.kind === 'lognormal' ? lognormal(hs.mu, hs.sd) : normal(hs.mu, hs.sd)).plus(0.5).floor(), hs.min, hs.max);
}

/**
 * Whether the household has minors: a draw against the (size group × householder age band) table.
 *
 * @example
 * ```ts
 * hasChildren(model, c.col('household_size'), c.col('householder_age'), c.col('u_children'));
 * ```
 */
export function hasChildren(m: IdentityGraphModel, size: X<number>, age: X<number>, u: X<number>): X<boolean> {
  const { childProb, childAgeBands } = m.composition;
  const branches: [X<boolean>, X<number>][] = [];
  childProb.forEach((row, g) => {
    const sizeCond = g === childProb.length - 1 ? size.ge(g + 2) : size.eq(g + 2);
    row.forEach((p, k) => {
      const ageCond = k < childAgeBands.length ? age.le(childAgeBands[k] as number) : age.gt(childAgeBands[childAgeBands.length - 1] as number);
      branches.push([sizeCond.and(ageCond), lit(p)]);
    });
  });
  return size.ge(2).and(u.lt(firstOf(branches, lit(0))));
}

/**
 * Adults of a household: all persons without minors; one in a 2-person household with a minor;
 * otherwise one (single parent), two, or (4+ persons) three.
 *
 * @example
 * ```ts
 * adultsOf(model, c.col('household_size'), c.col('has_children'), c.col('u_adults'));
 * ```
 */
export function adultsOf(m: IdentityGraphModel, size: X<number>, kids: X<boolean>, u: X<number>): X<number> {
  const sp = m.composition.singleParent;
  return firstOf<number>(
    [
      [kids.not(), size],
      [size.eq(2).or(u.lt(sp)), lit(1)],
      [size.ge(4).and(u.ge(1 - Math.min(THIRD_ADULT_WITH_MINORS, 1 - sp))), lit(3)],
    ],
    lit(2),
  );
}

/**
 * Sum of the income weights of a household's adults (the denominator of the income split).
 *
 * @example
 * ```ts
 * incomeWeightTotal(c.col('num_adults'), c.col('has_partner'));
 * ```
 */
export function incomeWeightTotal(adults: X<number>, partner: X<boolean>): X<number> {
  const p = firstOf<number>([[partner, lit(1)]], lit(0));
  return lit(INCOME_WEIGHTS.householder).plus(p.times(INCOME_WEIGHTS.partner)).plus(adults.minus(1).minus(p).times(INCOME_WEIGHTS.other));
}

/**
 * A member's income weight by role.
 *
 * @example
 * ```ts
 * incomeWeightOf(c.col('household_role'));
 * ```
 */
export function incomeWeightOf(role: X<string>): X<number> {
  return firstOf<number>(
    [
      [role.eq('householder'), lit(INCOME_WEIGHTS.householder)],
      [role.eq('partner'), lit(INCOME_WEIGHTS.partner)],
    ],
    lit(INCOME_WEIGHTS.other),
  );
}

/**
 * The role of a member: householder (member 0), partner (member 1 of a couple), else an adult
 * child, parent, other relative or roommate (an adult child or parent the householder's age
 * and the configured age range rule out becomes an other relative).
 *
 * @example
 * ```ts
 * roleOf(model, c.col('member'), c.parent.col('has_partner'), c.parent.col('householder_age'), c.col('u_role'));
 * ```
 */
export function roleOf(m: IdentityGraphModel, member: X<number>, partner: X<boolean>, hhAge: X<number>, u: X<number>): X<string> {
  const w = normalize(Object.values(OTHER_MEMBER_ROLES));
  const [child, parent, relative] = [w[0] as number, w[1] as number, w[2] as number];
  const role = (r: HouseholdRole): X<string> => lit(r);
  return firstOf<string>(
    [
      [member.eq(0), role('householder')],
      [member.eq(1).and(partner), role('partner')],
      [u.lt(child).and(hhAge.ge(Math.max(ROLE_AGE_GAPS.adultChildMinHouseholderAge, m.ages.min + ROLE_AGE_GAPS.generation[0]))), role('adult_child')],
      [u.lt(child + parent).and(u.ge(child)).and(hhAge.le(m.ages.max - ROLE_AGE_GAPS.generation[0])), role('parent')],
      [u.lt(child + parent + relative), role('other_relative')],
    ],
    role('roommate'),
  );
}

/**
 * Age of a member from its role: the householder's age, a partner within a few years, an adult
 * child or parent a generation (`gap`, 20–38 years, clamped to the age range) apart, others
 * from the adult age shape.
 *
 * @example
 * ```ts
 * ageOf(model, c.col('household_role'), c.parent.col('householder_age'), c.col('generation_gap'), c.col('u_other_age'));
 * ```
 */
export function ageOf(m: IdentityGraphModel, role: X<string>, hh: X<number>, gap: X<number>, u: X<number>): X<number> {
  const ages = m.ages;
  return firstOf(
    [
      [role.eq('householder'), hh],
      [role.eq('partner'), clamp(hh.plus(normal(0, ROLE_AGE_GAPS.partnerSd).plus(0.5).floor()), ages.min, ages.max)],
      [role.eq('adult_child'), hh.minus(least(gap, hh.minus(ages.min)))],
      [role.eq('parent'), hh.plus(least(gap, lit(ages.max).minus(hh)))],
    ],
    choose(u, ages.otherAdult, ages.list),
  );
}

/**
 * Gender of a member: the householder's from the household, a partner's opposite to it with
 * the configured probability (among female/male couples), everyone else from the marginal.
 *
 * @example
 * ```ts
 * genderOf(model, c.col('household_role'), c.parent.col('householder_gender'), c.col('u_gender'));
 * ```
 */
export function genderOf(m: IdentityGraphModel, role: X<string>, hhGender: X<string>, u: X<number>): X<string> {
  const [pf, pm] = [m.gender[0] as number, m.gender[1] as number];
  const binary = pf + pm;
  const s = m.config.households.couples.opposite_gender_share;
  const v = u.div(binary > 0 ? binary : 1);
  const partner = firstOf<string>(
    [
      [u.ge(binary), choose(u, m.gender, GENDERS)],
      [hhGender.eq('female'), firstOf<string>([[v.lt(s), lit('male')]], lit('female'))],
      [hhGender.eq('male'), firstOf<string>([[v.lt(s), lit('female')]], lit('male'))],
    ],
    choose(u, m.gender, GENDERS),
  );
  return firstOf<string>(
    [
      [role.eq('householder'), hhGender],
      [role.eq('partner'), partner],
    ],
    choose(u, m.gender, GENDERS),
  );
}
