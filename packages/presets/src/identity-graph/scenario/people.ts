/**
 * households and individuals: where people live, their income, and who lives together.
 */
import {
  days,
  greatest,
  least,
  lit,
  lognormal,
  normal,
  pick,
  poisson,
  poolValue,
  powerLaw,
  scenario,
  t,
  timestampIn,
  toScaled,
  uniform,
  type X,
} from '@synthgraph/core';
import type { Conditional, IdentityGraphModel } from '../model.js';
import { FANOUT, ROLE_MODEL } from '../model.js';
import {
  BRACKET_INCOME,
  EDUCATION_MIN_AGE,
  EMPLOYMENT_INCOME_FACTOR,
  EMPLOYMENT_MIN_AGE,
  GENDERS,
  HOUSEHOLD_ROLES,
  HOUSING_TYPES,
  INCOME_BRACKETS,
} from '../vocabulary.js';
import { choose, clamp, firstOf } from './expressions.js';
import { observesDstOf, standardOffsetOf } from '../time-zones.js';
import { emailDomainsPool, firstNamesPool, lastNamesPool, placeRow, placesPoolFor, saltPool } from './pools.js';

const YEAR_DAYS = 365;

/** A conditional pick over (age band × a second grouping) from one uniform column. */
function conditionalPick(model: Conditional, u: X<number>, age: X<number>, group: X<string>, groupValues: readonly string[]): X<string> {
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
 * Starts the scenario with its pools, households and individuals.
 *
 * @example
 * ```ts
 * const s = peopleStage(buildModel(resolveConfig({})));
 * ```
 */
export function peopleStage(m: IdentityGraphModel) {
  const cfg = m.config;
  const hs = m.householdSize;
  const w = m.window;
  const ages = m.ages;
  return scenario('identity-graph')
    .pool(saltPool)
    .pool(firstNamesPool)
    .pool(lastNamesPool)
    .pool(emailDomainsPool)
    .pool(placesPoolFor(cfg.households.location))
    .entity('households', (e) =>
      e
        .rows(cfg.households.num_households, { keyOffset: m.keys.householdOffset })
        .comment('One row per household: location, income and size (the number of individuals living in it).')
        .key('household_id', { comment: 'Household id, opaque (a keyed bijection of the internal key; batch b owns internal keys from b·2^26)' })
        .column('place', t.bigint(), (c) => placeRow(c.col('household_id')), { hidden: true })
        .column('location_city', t.string(), (c) => poolValue('places', 'city', c.col('place')), { comment: 'USPS city name of the ZIP (a real place, consistent with state and ZIP)' })
        .column('location_state', t.string(), (c) => poolValue('places', 'state', c.col('place')), { comment: 'USPS state code' })
        .column('location_zip', t.string(), (c) => poolValue('places', 'zip', c.col('place')), { comment: 'Five-digit residential ZIP code (a populated ZCTA)' })
        .column('time_zone', t.string(), (c) => poolValue('places', 'time_zone', c.col('place')), { comment: 'IANA time zone of the household (the zone of its ZIP)' })
        .column('utc_offset_minutes', t.int(), (c) => standardOffsetOf(c.col('time_zone')), { hidden: true })
        .column('observes_dst', t.boolean(), (c) => observesDstOf(c.col('time_zone')), { hidden: true })
        .column('income_bracket', t.string(), () => pick(INCOME_BRACKETS, m.brackets), { comment: 'Annual household income bracket' })
        .column('household_size', t.int(), () => clamp((hs.kind === 'lognormal' ? lognormal(hs.mu, hs.sd) : normal(hs.mu, hs.sd)).plus(0.5).floor(), hs.min, hs.max), {
          comment: 'Number of individuals (adults) in the household',
        })
        .column('u_housing', t.double(), () => uniform(), { hidden: true })
        .column('housing_type', t.string(), (c) => {
          const size = c.col('household_size');
          const branches: [X<boolean>, X<string>][] = [];
          INCOME_BRACKETS.forEach((b, i) =>
            [size.eq(1), size.eq(2), size.ge(3)].forEach((cond, sg) => branches.push([c.col('income_bracket').eq(b).and(cond), choose(c.col('u_housing'), m.housing.probs[i]?.[sg] as number[], HOUSING_TYPES)])),
          );
          const last = branches.pop() as [X<boolean>, X<string>];
          return firstOf(branches, last[1]);
        }, { comment: 'single_family, apartment, townhouse or mobile_home (correlated with income and size)' })
        .column('u_income', t.double(), () => uniform(), { hidden: true })
        .column('household_income', t.decimal(12, 2), (c) =>
          toScaled(
            firstOf(
              INCOME_BRACKETS.slice(0, 4).map((b) => [c.col('income_bracket').eq(b), c.col('u_income').times(BRACKET_INCOME[b].max - BRACKET_INCOME[b].min).plus(BRACKET_INCOME[b].min)] as const),
              powerLaw(3.2, BRACKET_INCOME['150k+'].min, BRACKET_INCOME['150k+'].max),
            ),
            2,
          ),
          { comment: 'Annual household income in dollars, inside the bracket' },
        )
        .column('u_age', t.double(), () => uniform(), { hidden: true })
        .column('householder_age', t.int(), (c) =>
          firstOf(
            INCOME_BRACKETS.slice(0, 4).map((b, i) => [c.col('income_bracket').eq(b), choose(c.col('u_age'), ages.householderByBracket[i] as number[], ages.list)] as const),
            choose(c.col('u_age'), ages.householderByBracket[4] as number[], ages.list),
          ),
          { comment: 'Age of the householder (the first individual of the household)' },
        )
        .column('created_at', t.timestamp(), () => timestampIn({ start: w.startMicros - days(4 * YEAR_DAYS), days: 4 * YEAR_DAYS, hourly: m.temporal.hourly ?? undefined }), {
          comment: 'When the household entered the graph (before the engagement window)',
        })
        .notNull('location_city')
        .notNull('location_state')
        .notNull('location_zip')
        .oneOf('income_bracket', INCOME_BRACKETS)
        .oneOf('housing_type', HOUSING_TYPES)
        .range('household_size', Math.max(1, hs.min), Math.min(10, hs.max))
        .range('householder_age', ages.min, ages.max)
        .range('household_income', 1, null)
        // individuals is declared next; the IR validates the reference as a whole.
        .childCount('household_size', 'individuals' as never, 'household_id' as never)
        .range('created_at', null, w.startMicros - 1),
    )
    .entity('individuals', (e) =>
      e
        .childrenOf('households', { count: (p) => p.col('household_size'), max: FANOUT.individuals })
        .comment('One row per adult member of a household; demographics correlated with age and household income.')
        .key('individual_id', { comment: 'Individual id, opaque (does not reveal the household)' })
        .column('household_id', t.bigint(), (c) => c.parent.col('household_id'), { comment: 'The household the individual lives in' })
        .column('member', t.int(), (c) => c.index(), { hidden: true })
        .column('u_role', t.double(), () => uniform(), { hidden: true })
        .column('child_gap', t.int(), () => lit(ROLE_MODEL.childGap[0]).plus(uniform().times(ROLE_MODEL.childGap[1] - ROLE_MODEL.childGap[0] + 1).floor()), { hidden: true })
        .column('wants_child', t.boolean(), (c) =>
          c.col('member').eq(1).and(c.col('u_role').ge(ROLE_MODEL.secondPartner)).and(c.col('u_role').lt(ROLE_MODEL.secondPartner + ROLE_MODEL.secondChild)).or(c.col('member').ge(2).and(c.col('u_role').lt(ROLE_MODEL.laterChild))),
          { hidden: true },
        )
        .column('household_role', t.string(), (c) =>
          firstOf(
            [
              [c.col('member').eq(0), lit('householder')],
              [c.col('member').eq(1).and(c.col('u_role').lt(ROLE_MODEL.secondPartner)), lit('partner')],
              [c.col('wants_child').and(c.parent.col('householder_age').minus(c.col('child_gap')).ge(ages.min)), lit('adult_child')],
            ],
            lit('other_adult'),
          ),
          { comment: 'householder, partner, adult_child or other_adult' },
        )
        .column('u_other_age', t.double(), () => uniform(), { hidden: true })
        .column('age', t.int(), (c) => {
          const hh = c.parent.col('householder_age');
          const role = c.col('household_role');
          return firstOf(
            [
              [role.eq('householder'), hh],
              [role.eq('partner'), clamp(hh.plus(normal(0, ROLE_MODEL.partnerAgeSd).plus(0.5).floor()), ages.min, ages.max)],
              [role.eq('adult_child'), hh.minus(c.col('child_gap'))],
            ],
            choose(c.col('u_other_age'), ages.otherAdult, ages.list),
          );
        }, { comment: 'Age in years' })
        .column('gender', t.string(), () => pick(GENDERS, m.gender), { comment: 'female, male, non_binary or undisclosed' })
        .column('u_education', t.double(), () => uniform(), { hidden: true })
        .column('education_level', t.string(), (c) => conditionalPick(m.education, c.col('u_education'), c.col('age'), c.parent.col('income_bracket'), INCOME_BRACKETS), {
          comment: 'Highest education (plausible for the age, correlated with household income)',
        })
        .column('u_employment', t.double(), () => uniform(), { hidden: true })
        .column('employment_status', t.string(), (c) => conditionalPick(m.employment, c.col('u_employment'), c.col('age'), c.parent.col('income_bracket'), INCOME_BRACKETS), {
          comment: 'Employment status (plausible for the age)',
        })
        .column('income_share', t.double(), (c) => {
          const size = c.parent.col('household_size');
          return firstOf(
            [
              [size.eq(1), lit(1)],
              [c.col('member').eq(0), lit(0.55)],
              [c.col('member').eq(1), lit(0.35)],
            ],
            lit(0.1).div(greatest(1, size.minus(2))),
          );
        }, { hidden: true })
        .column('employment_factor', t.double(), (c) => firstOf(Object.entries(EMPLOYMENT_INCOME_FACTOR).map(([s, f]) => [c.col('employment_status').eq(s), lit(f)] as const), lit(0)), { hidden: true })
        .column('income_individual', t.decimal(12, 2), (c) => toScaled(c.parent.col('household_income').div(100).times(c.col('income_share')).times(c.col('employment_factor')).times(uniform(0.75, 1)), 2), {
          comment: "The individual's share of household income (never above it; members' incomes sum to at most it)",
        })
        .column('u_interest', t.double(), () => uniform(), { hidden: true })
        .column('primary_interest', t.string(), (c) => conditionalPick(m.interests, c.col('u_interest'), c.col('age'), c.col('gender'), GENDERS), {
          comment: 'Latent favourite content category (ground truth behind affinities and segments)',
        })
        .column('identifier_count', t.int(), () => clamp(poisson(m.identifiers.lambda).plus(m.identifiers.min), m.identifiers.min, m.identifiers.max), {
          comment: 'Number of identity mappings of the individual',
        })
        .column('created_at', t.timestamp(), (c) =>
          firstOf([[c.col('member').eq(0), c.parent.col('created_at')]], c.parent.col('created_at').plus(least(lit(w.startMicros - 1).minus(c.parent.col('created_at')), days(180)).times(uniform()).floor())),
          { comment: 'When the individual entered the graph (not before the household)' },
        )
        .foreignKey('household_id', 'households')
        .range('age', ages.min, ages.max)
        .oneOf('gender', GENDERS)
        .oneOf('household_role', HOUSEHOLD_ROLES)
        .oneOf('education_level', m.education.values)
        .oneOf('employment_status', m.employment.values)
        .oneOf('primary_interest', m.interests.values)
        .range('income_individual', 0, null)
        .range('identifier_count', m.identifiers.min, m.identifiers.max)
        // identity_mappings is declared later; the IR validates the reference as a whole.
        .childCount('identifier_count', 'identity_mappings' as never, 'individual_id' as never)
        .rule('education_plausible_for_age', (c) =>
          Object.entries(EDUCATION_MIN_AGE)
            .filter(([, a]) => a > 18)
            .map(([lvl, a]) => c.col('education_level').eq(lvl).and(c.col('age').lt(a)))
            .reduce((x, y) => x.or(y)),
        )
        .rule('employment_plausible_for_age', (c) => c.col('employment_status').eq('retired').and(c.col('age').lt(EMPLOYMENT_MIN_AGE.retired))),
    );
}

