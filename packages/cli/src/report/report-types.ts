/**
 * The report's data: everything `report.html` shows, as plain JSON (`report.json`).
 * Numbers are plain numbers (shares in [0, 1], durations in the unit their field names),
 * never formatted strings, so scripts and tests can compare them.
 */
import type { CheckVerification } from '@synthgraph/core';
import type { AttributionData, DeliveryData, LiftData } from './campaign-measurement-types.js';
import type { ResolutionData } from './resolution-types.js';
import type { RealismData, Verdict } from './summary-types.js';

export type { RealismData, RealismTargetResult, Verdict } from './summary-types.js';
export type { ResolutionData } from './resolution-types.js';

/**
 * Version of the `report.json` shape.
 *
 * @example
 * ```ts
 * if (json.reportVersion !== REPORT_VERSION) console.warn('report.json has another shape version');
 * ```
 */
export const REPORT_VERSION = 1;

/** A section or chart that could not be computed, and why (e.g. its table is absent). */
export interface Unavailable {
  readonly status: 'unavailable';
  readonly id: string;
  readonly title: string;
  /** Plain-language reason, shown in the report. */
  readonly reason: string;
}

/** Either the computed value (`status: 'ok'`) or why it is missing. */
export type Maybe<T> = (T & { readonly status: 'ok' }) | Unavailable;

/** One batch of the output (a plain run has one; appends add more). */
export interface BatchSummary {
  readonly index: number;
  readonly seed: number;
  readonly irHash: string;
  /** Rows the batch added, over all tables. */
  readonly rows: number;
}

/** The run as the manifest records it. */
export interface RunSummary {
  readonly scenario: string;
  readonly synthgraph: string;
  readonly seed: number;
  readonly engine: string;
  readonly format: string;
  readonly irHash: string;
  readonly irVersion: number;
  readonly totalRows: number;
  readonly tableCount: number;
  readonly elapsedMs: number;
  /** When the run finished, as the manifest records it (ISO 8601, UTC; null for older manifests); never the report's clock. */
  readonly generatedAt: string | null;
  readonly batches: readonly BatchSummary[];
}


/** One table: the manifest's numbers and the rows actually read back. */
export interface TableSummary {
  readonly name: string;
  /** Rows according to the manifest. */
  readonly rows: number;
  /** Rows counted in the files (null when the table could not be read). */
  readonly countedRows: number | null;
  readonly bytes: number;
  readonly files: number;
  readonly elapsedMs: number;
  readonly contentHash: string;
}

/** One check of the manifest. */
export interface CheckSummary {
  readonly name: string;
  readonly table: string;
  readonly violations: number;
  readonly passed: boolean;
  /** How the count was obtained (`scan` for manifests that do not record it). */
  readonly verified: CheckVerification;
}

/** All checks. */
export interface ChecksSummary {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly items: readonly CheckSummary[];
}

/** A configured categorical target, normalised to shares summing to 1. */
export interface CategoricalTarget {
  readonly shares: Readonly<Record<string, number>>;
  /** Where it came from, e.g. `config.households.income_brackets` or `extra.distributionTargets.gender`. */
  readonly source: string;
}

/** A configured numeric target (any field may be missing). */
export interface NumericTarget {
  readonly mean?: number;
  readonly sd?: number;
  readonly min?: number;
  readonly max?: number;
  readonly source: string;
}

/** One category of a categorical distribution. */
export interface CategoryShare {
  /** The value (`(null)` for NULL). */
  readonly value: string;
  readonly count: number;
  /** count / total. */
  readonly share: number;
  /** Configured share, when a target is known. */
  readonly target: number | null;
}

/** Actual shares of a categorical column, against the configured target when known. */
export interface CategoricalDistribution {
  readonly id: string;
  readonly title: string;
  readonly table: string;
  readonly column: string;
  /** Rows of the table. */
  readonly total: number;
  /** Categories shown (target order when a target is known, else most frequent first). */
  readonly categories: readonly CategoryShare[];
  /** Rows in categories beyond the ones shown. */
  readonly otherCount: number;
  readonly target: CategoricalTarget | null;
  /** Largest |share − target| over the categories (null without a target). */
  readonly maxAbsDiff: number | null;
}

/** Summary statistics of a numeric variable. */
export interface NumericStats {
  readonly count: number;
  readonly mean: number | null;
  /** Population standard deviation. */
  readonly sd: number | null;
  readonly min: number | null;
  readonly p50: number | null;
  readonly max: number | null;
}

/** A histogram bin `[lo, hi)` (the last bin includes the maximum). */
export interface HistogramBin {
  readonly label: string;
  readonly lo: number;
  readonly hi: number;
  readonly count: number;
  readonly share: number;
}

/** A numeric variable: statistics and a histogram, against a target when known. */
export interface NumericDistribution {
  readonly id: string;
  readonly title: string;
  /** What is measured, in words (e.g. "mappings per individual, individuals without any count as 0"). */
  readonly description: string;
  readonly stats: NumericStats;
  readonly bins: readonly HistogramBin[];
  /** `log` when heavy-tailed (1-2-5 bins, see `binning`), else `linear`. */
  readonly scale: 'linear' | 'log';
  readonly target: NumericTarget | null;
}

/** Activity over time from content_engagements.event_ts. */
export interface ActivityData {
  readonly table: string;
  readonly column: string;
  readonly total: number;
  /** First and last event (ISO 8601, UTC), null when there are none. */
  readonly first: string | null;
  readonly last: string | null;
  /** Events per hour of day, 0–23. */
  readonly byHour: readonly number[];
  /** Events per weekday, Monday first (ISO). */
  readonly byWeekday: readonly number[];
  /** Events per calendar month, January first (all years together). */
  readonly byMonth: readonly number[];
  /** Events per month of the window (`YYYY-MM`), first to last event's month, empty months as 0. */
  readonly byWindowMonth: readonly { readonly month: string; readonly count: number }[];
  /** Events per day (YYYY-MM-DD), oldest first, days without events omitted. */
  readonly byDay: readonly { readonly day: string; readonly count: number }[];
  /** The configured temporal pattern (e.g. `weekly`), when the config names one. */
  readonly pattern: { readonly value: string; readonly source: string } | null;
}

/** Sessions of content_engagements (`session_id`). */
export interface SessionsData {
  readonly table: string;
  /** Distinct non-NULL session ids. */
  readonly sessions: number;
  /** Rows of the table, and those without a session id. */
  readonly events: number;
  readonly eventsWithoutSession: number;
  /** Events per session (its target: the configured mean of a full session, when known). */
  readonly eventsPerSession: NumericDistribution;
  /** Last minus first event of each session, in minutes (null without event_ts). */
  readonly lengthMinutes: NumericDistribution | null;
  /** Likes, comments and shares, and how many are on content viewed at or before them in the same session (null without engagement_type, content_id or event_ts). */
  readonly reactions: { readonly count: number; readonly onViewedContent: number; readonly share: number | null } | null;
}

/** The device mix of events in one age band. */
export interface DeviceAgeBand {
  /** `18-24` … `65+` (`under 18` when any). */
  readonly band: string;
  /** Events of individuals in the band. */
  readonly events: number;
  /** Events per device type. */
  readonly counts: Readonly<Record<string, number>>;
  /** counts / events. */
  readonly shares: Readonly<Record<string, number>>;
}

/** content_engagements.device_type by individuals.age band. */
export interface DeviceByAgeData {
  /** Device types, most events first. */
  readonly devices: readonly string[];
  /** Bands with events, youngest first. */
  readonly bands: readonly DeviceAgeBand[];
  /** Events of individuals with an age. */
  readonly events: number;
}

/** Sharing of one identifier type. */
export interface SharedIdentifierType {
  readonly identifierType: string;
  /** Distinct identifier values of the type. */
  readonly values: number;
  /** Values mapped to more than one individual. */
  readonly sharedValues: number;
  /** sharedValues / values. */
  readonly rate: number;
  /** Mean distinct individuals per shared value (null when none is shared). */
  readonly meanIndividualsPerSharedValue: number | null;
  /** Share of shared values whose individuals all live in one household (null without individuals). */
  readonly sameHouseholdShare: number | null;
  /** Whether the type counts towards the shared-device rate (ctv_id, ip_address). */
  readonly deviceType: boolean;
}

/** The shared-device metric. */
export interface SharedDevices {
  /** Identifier types counted as household devices. */
  readonly deviceTypes: readonly string[];
  /** Distinct values of those types. */
  readonly values: number;
  readonly sharedValues: number;
  /** Share of ctv_id / ip_address values mapped to more than one individual (null when there are none). */
  readonly rate: number | null;
  /** Every identifier type (non-device types are expected to be ~0). */
  readonly byType: readonly SharedIdentifierType[];
}

/** Identifier lifetime (last_seen − first_seen) of one identifier type, in days. */
export interface LifetimeByType {
  readonly identifierType: string;
  readonly count: number;
  readonly meanDays: number | null;
  readonly p50Days: number | null;
  readonly maxDays: number | null;
  /** Share of mappings with active = true (null when the column is absent). */
  readonly activeShare: number | null;
}

/** Identifier lifetimes. */
export interface Lifetimes {
  readonly distribution: NumericDistribution;
  readonly byType: readonly LifetimeByType[];
}

/** Identity-graph metrics. */
export interface IdentityGraphData {
  readonly identifiersPerPerson: Maybe<NumericDistribution>;
  readonly personsPerHousehold: Maybe<NumericDistribution>;
  /** Households whose num_adults (or, without it, household_size) differs from their number of individuals (null when not computable). */
  readonly householdSizeMismatches: number | null;
  readonly sharedDevices: Maybe<SharedDevices>;
  readonly lifetimes: Maybe<Lifetimes>;
}

/** One row of the campaign funnel (a segment, a campaign or the total). */
export interface FunnelRow {
  /** Segment name, campaign id or `all`. */
  readonly group: string;
  /** What to call the group (the campaign's name when campaigns.campaign_name exists). */
  readonly label: string;
  /** Individuals in the group (null when unknown, e.g. per campaign). */
  readonly population: number | null;
  /** Distinct individuals exposed. */
  readonly reached: number;
  /** reached / population. */
  readonly reachRate: number | null;
  /** Exposure rows. */
  readonly exposures: number;
  /** Sum of campaign_exposures.frequency (exposure rows when the column is absent). */
  readonly impressions: number;
  /** impressions / distinct (individual, campaign) pairs exposed. */
  readonly frequency: number | null;
  /** Response rows (null without response_events). */
  readonly responses: number | null;
  /** Distinct individuals with a response. */
  readonly responders: number | null;
  /** responders / reached. */
  readonly responseRate: number | null;
  /** responses / exposures. */
  readonly responsesPerExposure: number | null;
  /** Responses with response_type = 'conversion'. */
  readonly conversions: number | null;
  /** Distinct individuals with a conversion. */
  readonly converters: number | null;
  /** converters / reached. */
  readonly conversionRate: number | null;
  /** Sum of value over conversions. */
  readonly revenue: number | null;
  /** Sum of campaign_exposures.cost (null when the column is absent). */
  readonly cost: number | null;
  /** Responses with response_type = 'click' (null without response types). */
  readonly clicks: number | null;
  /** clicks / impressions. */
  readonly clickThrough: number | null;
  /** conversions / clicks (post-click and view-through conversions over clicks). */
  readonly conversionsPerClick: number | null;
  /** campaigns.budget (summed for segments' campaigns is meaningless, so null there; summed over all campaigns in the total). */
  readonly budget: number | null;
  /** cost / budget. */
  readonly spendShare: number | null;
}

/** The campaign funnel. */
export interface FunnelData {
  /** `audience_attributes.segment_primary`, or null when segments are unknown. */
  readonly segmentSource: string | null;
  readonly bySegment: readonly FunnelRow[];
  readonly byCampaign: readonly FunnelRow[];
  readonly total: FunnelRow;
  /** Configured reach (share of the targeted segment), when the config names one. */
  readonly configuredReach: { readonly value: number; readonly source: string } | null;
  /** Configured response-rate range, when the config names one. */
  readonly configuredResponseRate: { readonly min: number; readonly max: number; readonly source: string } | null;
  /** Exposure rows by their frequency (impressions per reached pair): the frequency curve. */
  readonly frequencyCurve: readonly { readonly frequency: number; readonly rows: number }[];
}

/** Everything the report shows. */
export interface ReportData {
  readonly reportVersion: typeof REPORT_VERSION;
  /** `synthgraph report <version>`. */
  readonly generator: string;
  readonly summary: RunSummary;
  readonly tables: readonly TableSummary[];
  readonly checks: ChecksSummary;
  /** Realism targets met (unavailable when the manifest records none), and the verdict line. */
  readonly realism: Maybe<RealismData>;
  readonly verdict: Verdict;
  readonly distributions: {
    readonly categorical: readonly Maybe<CategoricalDistribution>[];
    readonly numeric: readonly Maybe<NumericDistribution>[];
  };
  readonly activity: Maybe<ActivityData>;
  /** Sessions (unavailable without content_engagements.session_id). */
  readonly sessions: Maybe<SessionsData>;
  /** Device mix by age band (unavailable without device_type or individuals.age). */
  readonly deviceByAge: Maybe<DeviceByAgeData>;
  readonly identityGraph: IdentityGraphData;
  readonly funnel: Maybe<FunnelData>;
  /** Campaign delivery, lift (treatment vs control) and attribution by model, each against the answer key when present. */
  readonly delivery: Maybe<DeliveryData>;
  readonly lift: Maybe<LiftData>;
  readonly attribution: Maybe<AttributionData>;
  /** Identity-resolution difficulty (unavailable without source_records and its answer key). */
  readonly resolution: Maybe<ResolutionData>;
  /** Everything that could not be shown, in words (absent tables, missing columns). */
  readonly notes: readonly string[];
}
