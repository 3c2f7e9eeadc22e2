/**
 * households and individuals: where people live, their income, and who lives together.
 */
import { days, least, lit, pick, poisson, poolValue, powerLaw, scenario, t, timestampIn, toScaled, uniform, type X } from '@synthgraph/core';
import type { IdentityGraphModel } from '../model.js';
import { FANOUT } from '../model.js';
import { BRACKET_INCOME, EDUCATION_MIN_AGE, EMPLOYMENT_MIN_AGE, FULL_TIME_MIN_INCOME, GENDERS, HOUSEHOLD_ROLES, HOUSING_TYPES, INCOME_BRACKETS } from '../vocabulary.js';
import { choose, clamp, firstOf } from './expressions.js';
import { adultsOf, ageOf, conditionalPick, genderOf, hasChildren, householdSizeDraw, incomeWeightOf, incomeWeightTotal, roleOf } from './people-columns.js';
import { observesDstOf, standardOffsetOf } from '../time-zones.js';
import { emailDomainsPool, firstNamesPool, lastNamesPool, placeRow, placesPoolFor, saltPool } from './pools.js';

const YEAR_DAYS = 365;

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
        .comment('One row per household: location, income and composition (persons = adults, who are its individuals, + minors, who are counted only).')
        .key('household_id', { comment: 'Household id, opaque (a keyed bijection of the internal key; batch b owns internal keys from b·2^26)' })
        .column('place', t.bigint(), (c) => placeRow(c.col('household_id')), { hidden: true })
        .column('location_city', t.string(), (c) => poolValue('places', 'city', c.col('place')), { comment: 'USPS city name of the ZIP (a real place, consistent with state and ZIP)' })
        .column('location_state', t.string(), (c) => poolValue('places', 'state', c.col('place')), { comment: 'USPS state code' })
        .column('location_zip', t.string(), (c) => poolValue('places', 'zip', c.col('place')), { comment: 'Five-digit residential ZIP code (a populated ZCTA)' })
        .column('time_zone', t.string(), (c) => poolValue('places', 'time_zone', c.col('place')), { comment: 'IANA time zone of the household (the zone of its ZIP)' })
        .column('utc_offset_minutes', t.int(), (c) => standardOffsetOf(c.col('time_zone')), { hidden: true })
        .column('observes_dst', t.boolean(), (c) => observesDstOf(c.col('time_zone')), { hidden: true })
        .column('income_bracket', t.string(), () => pick(INCOME_BRACKETS, m.brackets), { comment: 'Annual household income bracket' })
        .column('u_size', t.double(), () => uniform(), { hidden: true })
        .column('household_size', t.int(), (c) => householdSizeDraw(m, c.col('u_size')), { comment: 'Persons in the household: num_adults + num_children' })
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
        .column('u_children', t.double(), () => uniform(), { hidden: true })
        .column('has_children', t.boolean(), (c) => hasChildren(m, c.col('household_size'), c.col('householder_age'), c.col('u_children')), { hidden: true })
        .column('u_adults', t.double(), () => uniform(), { hidden: true })
        .column('num_adults', t.int(), (c) => adultsOf(m, c.col('household_size'), c.col('has_children'), c.col('u_adults')), {
          comment: 'Adults (18+) in the household: its individuals',
        })
        .column('num_children', t.int(), (c) => c.col('household_size').minus(c.col('num_adults')), { comment: 'Minors (under 18) in the household: counted, not modelled as individuals' })
        .column('u_partner', t.double(), () => uniform(), { hidden: true })
        .column('has_partner', t.boolean(), (c) => c.col('num_adults').ge(2).and(c.col('u_partner').lt(m.composition.partner)), { comment: 'Whether the householder lives with a partner (spouse or unmarried partner)' })
        .column('householder_gender', t.string(), () => pick(GENDERS, m.gender), { comment: 'Gender of the householder (the first individual of the household)' })
        .column('created_at', t.timestamp(), () => timestampIn({ start: w.startMicros - days(4 * YEAR_DAYS), days: 4 * YEAR_DAYS, hourly: m.temporal.hourly ?? undefined }), {
          comment: 'When the household entered the graph (before the engagement window)',
        })
        .notNull('location_city')
        .notNull('location_state')
        .notNull('location_zip')
        .oneOf('income_bracket', INCOME_BRACKETS)
        .oneOf('housing_type', HOUSING_TYPES)
        .oneOf('householder_gender', GENDERS)
        .range('household_size', Math.max(1, m.householdSize.min), Math.min(10, m.householdSize.max))
        .range('num_adults', 1, 10)
        .range('num_children', 0, 9)
        .range('householder_age', ages.min, ages.max)
        .range('household_income', 1, null)
        // individuals is declared next; the IR validates the reference as a whole.
        .childCount('num_adults', 'individuals' as never, 'household_id' as never)
        .range('created_at', null, w.startMicros - 1)
        .rule('household_size_is_adults_plus_children', (c) => c.col('household_size').ne(c.col('num_adults').plus(c.col('num_children')))),
    )
    .entity('individuals', (e) =>
      e
        .childrenOf('households', { count: (p) => p.col('num_adults'), max: FANOUT.individuals })
        .comment('One row per adult member of a household (minors are only counted); role, demographics and income correlated with age and household income.')
        .key('individual_id', { comment: 'Individual id, opaque (does not reveal the household)' })
        .column('household_id', t.bigint(), (c) => c.parent.col('household_id'), { comment: 'The household the individual lives in' })
        .column('member', t.int(), (c) => c.index(), { hidden: true })
        .column('u_role', t.double(), () => uniform(), { hidden: true })
        .column('household_role', t.string(), (c) => roleOf(m, c.col('member'), c.parent.col('has_partner'), c.parent.col('householder_age'), c.col('u_role')), {
          comment: 'householder, partner, adult_child, parent, other_relative or roommate',
        })
        .column('generation_gap', t.int(), () => lit(20).plus(uniform().times(19).floor()), { hidden: true })
        .column('u_other_age', t.double(), () => uniform(), { hidden: true })
        .column('age', t.int(), (c) => ageOf(m, c.col('household_role'), c.parent.col('householder_age'), c.col('generation_gap'), c.col('u_other_age')), { comment: 'Age in years' })
        .column('u_gender', t.double(), () => uniform(), { hidden: true })
        .column('gender', t.string(), (c) => genderOf(m, c.col('household_role'), c.parent.col('householder_gender'), c.col('u_gender')), {
          comment: "female, male, non_binary or undisclosed (a partner's usually opposite to the householder's)",
        })
        .column('u_education', t.double(), () => uniform(), { hidden: true })
        .column('education_level', t.string(), (c) => conditionalPick(m.education, c.col('u_education'), c.col('age'), c.parent.col('income_bracket'), INCOME_BRACKETS), {
          comment: 'Highest education (plausible for the age, correlated with household income)',
        })
        .column('income_individual', t.decimal(12, 2), (c) => toScaled(c.parent.col('household_income').div(100).times(incomeWeightOf(c.col('household_role'))).div(incomeWeightTotal(c.parent.col('num_adults'), c.parent.col('has_partner'))), 2), {
          comment: "Total money income of the individual: the household income split among its adults by role (members' incomes add up to it)",
        })
        .column('u_employment', t.double(), () => uniform(), { hidden: true })
        .column('employment_drawn', t.string(), (c) => conditionalPick(m.employment, c.col('u_employment'), c.col('age'), c.parent.col('income_bracket'), INCOME_BRACKETS), { hidden: true })
        .column('employment_status', t.string(), (c) => firstOf<string>([[c.col('employment_drawn').eq('full_time').and(c.col('income_individual').div(100).lt(FULL_TIME_MIN_INCOME)), lit('part_time')]], c.col('employment_drawn')), {
          comment: 'Employment status (plausible for the age; full time only with an income of at least $15,080, a full-time minimum-wage year)',
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
        .rule('employment_plausible_for_age', (c) => c.col('employment_status').eq('retired').and(c.col('age').lt(EMPLOYMENT_MIN_AGE.retired)))
        .rule('full_time_earns_a_full_time_minimum_wage', (c) => c.col('employment_status').eq('full_time').and(c.col('income_individual').div(100).lt(FULL_TIME_MIN_INCOME))),
    );
}

