/**
 * Cross-table invariants of the identity graph that per-table constraints cannot express, as
 * violation-count queries over the tables (and the answer keys), built as SQL trees and printed by a dialect.
 * Every query returns one row with a `violations` column that must be 0. The run's own checks
 * cover the per-table constraints.
 */
import { sql, type SqlExpr, type SqlSelect } from '@synthgraph/core';
import { all, any, col, eq, join, leftJoin, ne, str, targetedBy, targetPrinter, using, violations, type SqlTarget } from './sql-target.js';

/** A named cross-table invariant. */
export interface InvariantQuery {
  readonly name: string;
  readonly description: string;
  /** SELECT returning one row with a `violations` count, in the target's dialect. */
  readonly sql: string;
}

const t = (entity: string, alias: string) => sql.table(entity, alias);
const lt = (a: SqlExpr, b: SqlExpr): SqlExpr => sql.binary('<', a, b);
const gt = (a: SqlExpr, b: SqlExpr): SqlExpr => sql.binary('>', a, b);
const notExpr = (a: SqlExpr): SqlExpr => sql.unary('not', a);
/** `SELECT <keys>, <aggregates> FROM <entity> GROUP BY <keys>` as the FROM item `alias`. */
const grouped = (entity: string, keys: readonly string[], aggregates: Readonly<Record<string, SqlExpr>>, alias: string, having: SqlExpr | null = null) =>
  sql.subquery(
    sql.select(
      [...keys.map((k) => ({ alias: k, expr: col('g', k) })), ...Object.entries(aggregates).map(([a, expr]) => ({ alias: a, expr }))],
      t(entity, 'g'),
      null,
      keys.map((k) => col('g', k)),
      having,
    ),
    alias,
  );

/** The householder individual's `column` equals `households.householder_<column>`. */
const householderMatches = (column: 'age' | 'gender') => ({
  name: `householder_${column}_matches`,
  description: `the householder's ${column} equals households.householder_${column}`,
  select: () =>
    violations(
      join(t('individuals', 'i'), t('households', 'h'), using('i', 'h', 'household_id')),
      all(eq(col('i', 'household_role'), str('householder')), ne(col('i', column), col('h', `householder_${column}`))),
    ),
});

const INVARIANTS: readonly { readonly name: string; readonly description: string; readonly select: () => SqlSelect }[] = [
  {
    name: 'engagement_identifier_active',
    description: "each engagement's identifier is one of that individual's mappings, active at event_ts",
    select: () =>
      violations(
        leftJoin(
          t('content_engagements', 'e'),
          t('identity_mappings', 'm'),
          all(
            using('m', 'e', 'individual_id', 'identifier_type', 'identifier_value'),
            sql.binary('>=', col('e', 'event_ts'), col('m', 'first_seen')),
            sql.binary('<=', col('e', 'event_ts'), col('m', 'last_seen')),
          ),
        ),
        sql.unary('isNull', col('m', 'individual_id')),
      ),
  },
  {
    name: 'one_primary_identifier',
    description: 'exactly one is_primary identifier per individual',
    select: () =>
      violations(
        leftJoin(t('individuals', 'i'), grouped('identity_mappings', ['individual_id'], { p: sql.agg('countIf', null, col('g', 'is_primary')) }, 'm'), using('m', 'i', 'individual_id')),
        ne(sql.call('coalesce', [col('m', 'p'), sql.int(0)]), sql.int(1)),
      ),
  },
  {
    name: 'true_ctv_within_household',
    description: 'a CTV truly linked (truth_identity_links) never maps to individuals of two households',
    select: () => {
      const keys = [col('m', 'identifier_value')];
      const shared = sql.select(
        [{ alias: 'identifier_value', expr: col('m', 'identifier_value') }],
        join(t('identity_mappings', 'm'), t('truth_identity_links', 'l'), using('m', 'l', 'mapping_id')),
        all(eq(col('m', 'identifier_type'), str('ctv_id')), col('l', 'is_true_link')),
        keys,
        gt(sql.agg('countDistinct', col('m', 'household_id')), sql.int(1)),
      );
      return violations(sql.subquery(shared, 's'));
    },
  },
  {
    name: 'every_mapping_has_a_truth_link',
    description: 'every identity mapping has its row in truth_identity_links',
    select: () => violations(leftJoin(t('identity_mappings', 'm'), t('truth_identity_links', 'l'), using('m', 'l', 'mapping_id')), sql.unary('isNull', col('l', 'mapping_id'))),
  },
  {
    name: 'mapping_household_matches',
    description: "identity_mappings.household_id is the individual's household",
    select: () => violations(join(t('identity_mappings', 'm'), t('individuals', 'i'), using('m', 'i', 'individual_id')), ne(col('m', 'household_id'), col('i', 'household_id'))),
  },
  {
    name: 'income_within_household',
    description: "members' incomes add up to the household income (never above it; below by less than a dollar per member, the cents each floors away)",
    select: () =>
      violations(
        join(t('households', 'h'), grouped('individuals', ['household_id'], { s: sql.agg('sum', col('g', 'income_individual')) }, 'i'), using('h', 'i', 'household_id')),
        any(gt(col('i', 's'), col('h', 'household_income')), lt(sql.binary('+', col('i', 's'), col('h', 'num_adults')), col('h', 'household_income'))),
      ),
  },
  ...(['age', 'gender'] as const).map(householderMatches),
  {
    name: 'one_householder_and_partner',
    description: 'every household has one householder, and a partner exactly when has_partner',
    select: () =>
      violations(
        join(
          t('households', 'h'),
          grouped('individuals', ['household_id'], { n_h: sql.agg('countIf', null, eq(col('g', 'household_role'), str('householder'))), n_p: sql.agg('countIf', null, eq(col('g', 'household_role'), str('partner'))) }, 'i'),
          using('h', 'i', 'household_id'),
        ),
        any(ne(col('i', 'n_h'), sql.int(1)), ne(col('i', 'n_p'), sql.case([{ when: col('h', 'has_partner'), then: sql.int(1) }], sql.int(0)))),
      ),
  },
  {
    name: 'individual_created_after_household',
    description: 'individuals enter the graph no earlier than their household',
    select: () => violations(join(t('individuals', 'i'), t('households', 'h'), using('i', 'h', 'household_id')), lt(col('i', 'created_at'), col('h', 'created_at'))),
  },
  {
    name: 'affinity_scores_in_range',
    description: 'every affinity score is between 0 and 1, one per configured category, the top one at 1',
    select: () => {
      const scores = sql.call('mapValues', [col('a', 'affinity_scores')]);
      const range = sql.select(
        [
          { alias: 'attribute_id', expr: col('a', 'attribute_id') },
          { alias: 'lo', expr: sql.call('arrayMin', [scores]) },
          { alias: 'hi', expr: sql.call('arrayMax', [scores]) },
        ],
        t('audience_attributes', 'a'),
      );
      return violations(sql.subquery(range, 's'), any(lt(col('s', 'lo'), sql.int(0)), ne(col('s', 'hi'), sql.int(1))));
    },
  },
  {
    name: 'exposure_within_flight',
    description: "exposure_ts lies within the campaign's start and end dates",
    select: () => {
      const day = sql.call('toDate', [col('x', 'exposure_ts')]);
      return violations(join(t('campaign_exposures', 'x'), t('campaigns', 'c'), using('x', 'c', 'campaign_id')), any(lt(day, col('c', 'start_date')), gt(day, col('c', 'end_date'))));
    },
  },
  {
    name: 'exposure_channel_of_campaign',
    description: "the exposure's channel is one of the campaign's channels",
    select: () =>
      violations(join(t('campaign_exposures', 'x'), t('campaigns', 'c'), using('x', 'c', 'campaign_id')), notExpr(sql.call('arrayContains', [col('c', 'channels'), col('x', 'channel')]))),
  },
  {
    name: 'assignment_target_matches_segments',
    description: "in_target_segment is true exactly when the individual belongs to one of the campaign's target segments (or the campaign targets all)",
    select: () =>
      violations(
        join(join(t('campaign_assignments', 'x'), t('campaigns', 'c'), using('x', 'c', 'campaign_id')), t('audience_attributes', 'a'), using('x', 'a', 'individual_id')),
        ne(col('x', 'in_target_segment'), targetedBy('c', 'a')),
      ),
  },
  {
    name: 'control_never_exposed',
    description: 'no exposure goes to a control-group member, and each assignment has exactly its impressions',
    select: () =>
      violations(
        leftJoin(t('campaign_assignments', 'a'), t('campaign_exposures', 'x'), using('a', 'x', 'assignment_id')),
        any(all(eq(col('a', 'assignment'), str('control')), sql.unary('isNotNull', col('x', 'exposure_id'))), ne(sql.call('coalesce', [col('x', 'frequency'), sql.int(0)]), col('a', 'impressions'))),
      ),
  },
  {
    name: 'spend_within_budget',
    description: "each campaign's spend (the sum of its impression costs) is at most its budget",
    select: () =>
      violations(join(t('campaigns', 'c'), grouped('campaign_exposures', ['campaign_id'], { spend: sql.agg('sum', col('g', 'cost')) }, 's'), using('c', 's', 'campaign_id')), gt(col('s', 'spend'), col('c', 'budget'))),
  },
  {
    name: 'response_matches_exposure',
    description: "responses repeat their exposure's individual, campaign and exposure_ts, and come after it",
    select: () =>
      violations(
        join(t('response_events', 'r'), t('campaign_exposures', 'x'), using('r', 'x', 'exposure_id')),
        any(ne(col('r', 'individual_id'), col('x', 'individual_id')), ne(col('r', 'campaign_id'), col('x', 'campaign_id')), ne(col('r', 'exposure_ts'), col('x', 'exposure_ts')), lt(col('r', 'response_ts'), col('x', 'exposure_ts'))),
      ),
  },
  {
    name: 'viewership_matches_engagements',
    description: 'viewership_patterns recency equals the latest engagement',
    select: () =>
      violations(
        join(t('viewership_patterns', 'v'), grouped('content_engagements', ['individual_id'], { m: sql.agg('max', col('g', 'event_ts')) }, 'e'), using('v', 'e', 'individual_id')),
        ne(col('v', 'recency_last_engagement'), col('e', 'm')),
      ),
  },
  {
    name: 'attribution_sums_to_one',
    description: 'attribution weights sum to 1 (±1e-9) for each conversion and model',
    select: () => {
      const sums = grouped('outcome_metrics', ['response_id', 'attribution_model'], { s: sql.agg('sum', col('g', 'attribution_weight')) }, 'j');
      return violations(sums, gt(sql.call('abs', [sql.binary('-', col('j', 's'), sql.int(1))]), sql.lit(1e-9, 'double')));
    },
  },
  {
    name: 'attribution_every_model',
    description: 'every conversion with outcome rows has them under every model present in outcome_metrics',
    select: () => {
      const pairs = sql.join('cross', grouped('outcome_metrics', ['response_id'], {}, 'r'), grouped('outcome_metrics', ['attribution_model'], {}, 'm'), null);
      const present = grouped('outcome_metrics', ['response_id', 'attribution_model'], { n: sql.countStar() }, 'p');
      return violations(leftJoin(pairs, present, all(using('r', 'p', 'response_id'), using('m', 'p', 'attribution_model'))), sql.unary('isNull', col('p', 'n')));
    },
  },
  {
    name: 'attribution_full_touch_set',
    description: 'each conversion and model has one row per touchpoint: positions 1 … touchpoints, once each',
    select: () => {
      const g = (alias: string) => col('g', alias);
      const sets = grouped(
        'outcome_metrics',
        ['response_id', 'attribution_model'],
        { n: sql.countStar(), d: sql.agg('countDistinct', g('touchpoint_position')), lo: sql.agg('min', g('touchpoints')), hi: sql.agg('max', g('touchpoints')), top: sql.agg('max', g('touchpoint_position')) },
        's',
      );
      return violations(sets, any(ne(col('s', 'n'), col('s', 'hi')), ne(col('s', 'd'), col('s', 'n')), ne(col('s', 'lo'), col('s', 'hi')), ne(col('s', 'top'), col('s', 'n'))));
    },
  },
  {
    name: 'outcome_matches_conversion',
    description: "outcome rows belong to a conversion, repeat its individual, campaign (conversion_campaign_id) and time, and no touchpoint comes after it",
    select: () =>
      violations(
        join(t('outcome_metrics', 'o'), t('response_events', 'r'), using('o', 'r', 'response_id')),
        any(
          ne(col('r', 'response_type'), str('conversion')),
          ne(col('o', 'individual_id'), col('r', 'individual_id')),
          ne(col('o', 'conversion_campaign_id'), col('r', 'campaign_id')),
          ne(col('o', 'conversion_ts'), col('r', 'response_ts')),
          gt(col('o', 'touchpoint_ts'), col('r', 'response_ts')),
        ),
      ),
  },
  {
    name: 'touchpoint_of_the_exposure',
    description: "every touchpoint is one of its exposure's impressions or clicks: the converting individual's, of the touchpoint's campaign, on its channel, not before its first impression",
    select: () =>
      violations(
        join(t('outcome_metrics', 'o'), t('campaign_exposures', 'x'), using('o', 'x', 'exposure_id')),
        any(
          ne(col('o', 'channel'), col('x', 'channel')),
          ne(col('o', 'campaign_id'), col('x', 'campaign_id')),
          ne(col('o', 'individual_id'), col('x', 'individual_id')),
          lt(col('o', 'touchpoint_ts'), col('x', 'exposure_ts')),
        ),
      ),
  },
  {
    name: 'touchpoint_of_the_advertiser',
    description: "every touchpoint's campaign belongs to the advertiser of the conversion's campaign",
    select: () =>
      violations(
        join(join(t('outcome_metrics', 'o'), t('campaigns', 'ct'), sql.binary('=', col('o', 'campaign_id'), col('ct', 'campaign_id'))), t('campaigns', 'cc'), sql.binary('=', col('o', 'conversion_campaign_id'), col('cc', 'campaign_id'))),
        ne(col('ct', 'advertiser_id'), col('cc', 'advertiser_id')),
      ),
  },
];

/**
 * The cross-table invariants (FR-009, FR-014 and the spec's edge cases), printed for a target
 * dialect (default DuckDB, whose package must be imported) and table names.
 *
 * @example
 * ```ts
 * for (const inv of identityGraphInvariants()) {
 *   const [row] = await reader.query(inv.sql);
 *   if (Number(row.violations) !== 0) console.error(inv.name);
 * }
 * // the same invariants for Spark, over Delta paths
 * identityGraphInvariants({ dialect: 'spark', table: (e) => `delta.\`/data/${e}\`` });
 * ```
 */
export function identityGraphInvariants(target: SqlTarget = {}): InvariantQuery[] {
  const printer = targetPrinter(target);
  return INVARIANTS.map((i) => ({ name: i.name, description: i.description, sql: printer.select(i.select()) }));
}
