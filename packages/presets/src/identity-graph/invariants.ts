/**
 * Cross-table invariants of the identity graph that per-table constraints cannot express, as
 * violation-count queries (DuckDB SQL over the ten tables). Every query returns one row with a
 * `violations` column that must be 0. The run's own checks cover the per-table constraints.
 */

/** A named cross-table invariant. */
export interface InvariantQuery {
  readonly name: string;
  readonly description: string;
  /** SELECT returning one row with a `violations` count. */
  readonly sql: string;
}

/**
 * The cross-table invariants (FR-009, FR-014 and the spec's edge cases).
 *
 * @example
 * ```ts
 * for (const inv of identityGraphInvariants()) {
 *   const [row] = await reader.query(inv.sql);
 *   if (Number(row.violations) !== 0) console.error(inv.name);
 * }
 * ```
 */
export function identityGraphInvariants(): InvariantQuery[] {
  return [
    {
      name: 'engagement_identifier_active',
      description: "each engagement's identifier is one of that individual's mappings, active at event_ts",
      sql: `SELECT count(*) AS violations FROM content_engagements e
            WHERE NOT EXISTS (SELECT 1 FROM identity_mappings m WHERE m.individual_id = e.individual_id AND m.identifier_type = e.identifier_type
                              AND m.identifier_value = e.identifier_value AND e.event_ts BETWEEN m.first_seen AND m.last_seen)`,
    },
    {
      name: 'one_primary_identifier',
      description: 'exactly one is_primary identifier per individual',
      sql: `SELECT count(*) AS violations FROM individuals i
            LEFT JOIN (SELECT individual_id, count(*) FILTER (WHERE is_primary) AS p FROM identity_mappings GROUP BY 1) m ON m.individual_id = i.individual_id
            WHERE coalesce(m.p, 0) <> 1`,
    },
    {
      name: 'shared_identifiers_within_household',
      description: 'a CTV or IP identifier never maps to individuals of two households',
      sql: `SELECT count(*) AS violations FROM (SELECT identifier_type, identifier_value FROM identity_mappings m JOIN individuals i USING (individual_id)
            GROUP BY 1, 2 HAVING count(DISTINCT i.household_id) > 1)`,
    },
    {
      name: 'mapping_household_matches',
      description: "identity_mappings.household_id is the individual's household",
      sql: `SELECT count(*) AS violations FROM identity_mappings m JOIN individuals i USING (individual_id) WHERE m.household_id <> i.household_id`,
    },
    {
      name: 'income_within_household',
      description: "members' incomes sum to at most the household income",
      sql: `SELECT count(*) AS violations FROM households h JOIN (SELECT household_id, sum(income_individual) AS s FROM individuals GROUP BY 1) i USING (household_id)
            WHERE i.s > h.household_income`,
    },
    {
      name: 'householder_age_matches',
      description: "the householder's age equals households.householder_age",
      sql: `SELECT count(*) AS violations FROM individuals i JOIN households h USING (household_id) WHERE i.household_role = 'householder' AND i.age <> h.householder_age`,
    },
    {
      name: 'individual_created_after_household',
      description: 'individuals enter the graph no earlier than their household',
      sql: `SELECT count(*) AS violations FROM individuals i JOIN households h USING (household_id) WHERE i.created_at < h.created_at`,
    },
    {
      name: 'affinity_scores_in_range',
      description: 'every affinity score is between 0 and 1, one per configured category, the top one at 1',
      sql: `SELECT count(*) AS violations FROM (SELECT attribute_id, list_min(map_values(affinity_scores)) AS lo, list_max(map_values(affinity_scores)) AS hi FROM audience_attributes)
            WHERE lo < 0 OR hi <> 1`,
    },
    {
      name: 'exposure_within_flight',
      description: "exposure_ts lies within the campaign's start and end dates",
      sql: `SELECT count(*) AS violations FROM campaign_exposures x JOIN campaigns c USING (campaign_id)
            WHERE CAST(x.exposure_ts AS DATE) < c.start_date OR CAST(x.exposure_ts AS DATE) > c.end_date`,
    },
    {
      name: 'exposure_channel_of_campaign',
      description: "the exposure's channel is one of the campaign's channels",
      sql: `SELECT count(*) AS violations FROM campaign_exposures x JOIN campaigns c USING (campaign_id) WHERE NOT list_contains(c.channels, x.channel)`,
    },
    {
      name: 'exposure_targeted',
      description: "exposed individuals belong to one of the campaign's target segments (or the campaign targets all)",
      sql: `SELECT count(*) AS violations FROM campaign_exposures x JOIN campaigns c USING (campaign_id) JOIN audience_attributes a USING (individual_id)
            WHERE NOT (c.target_segment[1] = 'all' OR list_contains(c.target_segment, a.segment_primary) OR list_has_any(c.target_segment, a.segment_secondary))`,
    },
    {
      name: 'response_matches_exposure',
      description: "responses repeat their exposure's individual, campaign and exposure_ts, and come after it",
      sql: `SELECT count(*) AS violations FROM response_events r JOIN campaign_exposures x USING (exposure_id)
            WHERE r.individual_id <> x.individual_id OR r.campaign_id <> x.campaign_id OR r.exposure_ts <> x.exposure_ts OR r.response_ts < x.exposure_ts`,
    },
    {
      name: 'viewership_matches_engagements',
      description: 'viewership_patterns recency equals the latest engagement',
      sql: `SELECT count(*) AS violations FROM viewership_patterns v JOIN (SELECT individual_id, max(event_ts) AS m FROM content_engagements GROUP BY 1) e USING (individual_id)
            WHERE v.recency_last_engagement <> e.m`,
    },
    {
      name: 'attribution_sums_to_one',
      description: "attribution weights sum to 1 (±1e-9) over each converting journey and are 0 elsewhere",
      sql: `SELECT count(*) AS violations FROM (SELECT individual_id, sum(attribution_weight) AS s, count(*) FILTER (WHERE conversion_status = 'converted') AS conv
            FROM outcome_metrics GROUP BY 1) WHERE (conv > 0 AND abs(s - 1) > 1e-9) OR (conv = 0 AND s <> 0)`,
    },
    {
      name: 'outcome_campaign_matches_response',
      description: "outcome rows repeat their response's campaign",
      sql: `SELECT count(*) AS violations FROM outcome_metrics o JOIN response_events r USING (response_id) WHERE o.campaign_id <> r.campaign_id`,
    },
  ];
}
