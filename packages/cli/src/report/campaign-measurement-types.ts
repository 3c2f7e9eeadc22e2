/**
 * The report's campaign-measurement data (delivery, lift, attribution) as plain JSON, part of
 * `report.json`. Shares are in [0, 1]; lifts are relative (0.25 = +25%).
 */

/** Delivery of one campaign: spend against budget, audience, reach and frequency. */
export interface CampaignDelivery {
  /** campaign_id as text. */
  readonly campaign: string;
  /** campaigns.campaign_name, or the id. */
  readonly label: string;
  /** campaigns.budget (null without it). */
  readonly budget: number | null;
  /** Sum of campaign_exposures.cost (null without it). */
  readonly spend: number | null;
  /** spend / budget. */
  readonly spendShare: number | null;
  /** Assigned individuals (campaign_assignments rows; null without the table). */
  readonly audience: number | null;
  /** Assigned to treatment (null without campaign_assignments). */
  readonly treatment: number | null;
  /** Assigned to control (null without campaign_assignments). */
  readonly control: number | null;
  /** Distinct individuals exposed. */
  readonly reached: number;
  /** reached / treatment (the audience the campaign may reach); null without assignments. */
  readonly reach: number | null;
  /** Impressions (sum of frequency; exposure rows without it). */
  readonly impressions: number;
  /** impressions / reached. */
  readonly meanFrequency: number | null;
  /**
   * The frequency curve: share of reached individuals with at least f impressions, for
   * f = 1 … the largest frequency of any campaign (entry f − 1; the first is 1).
   */
  readonly atLeast: readonly number[];
}

/** The delivery panel. */
export interface DeliveryData {
  readonly campaigns: readonly CampaignDelivery[];
  /** All campaigns together (label `all`). */
  readonly total: CampaignDelivery;
  /** The largest frequency seen (the length of every `atLeast`). */
  readonly maxFrequency: number;
  /** Where audience sizes come from (`campaign_assignments`), or null. */
  readonly audienceSource: string | null;
}

/** Conversions per member of one group of a campaign's randomized audience. */
export interface GroupOutcome {
  /** Members. */
  readonly n: number;
  /** Conversions of the campaign's offer by the members. */
  readonly conversions: number;
  /** Members with at least one conversion. */
  readonly converters: number;
  /** conversions / n (null for an empty group). */
  readonly mean: number | null;
  /** Sample variance of conversions per member (n − 1 in the denominator; null for n < 2). */
  readonly variance: number | null;
}

/** A 95% confidence interval. */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

/** The lift estimate of one campaign from treatment vs control. */
export interface LiftEstimate {
  /** mean(treatment) − mean(control): conversions per member caused by the campaign. */
  readonly difference: number | null;
  readonly differenceCi: Interval | null;
  /** mean(treatment) / mean(control) − 1. */
  readonly relativeLift: number | null;
  /** Delta method on log(mean ratio), back-transformed. */
  readonly relativeLiftCi: Interval | null;
  /** difference × treatment size: the estimated incremental conversions of the treatment group. */
  readonly incrementalConversions: number | null;
  readonly incrementalConversionsCi: Interval | null;
}

/** The answer key of one campaign (`truth_campaign_lift`). */
export interface LiftTruth {
  readonly treatmentSize: number | null;
  readonly controlSize: number | null;
  readonly incrementalConversions: number | null;
  readonly counterfactualConversions: number | null;
  readonly relativeLift: number | null;
}

/** Lift of one campaign. */
export interface CampaignLift {
  readonly campaign: string;
  readonly label: string;
  readonly treatment: GroupOutcome;
  readonly control: GroupOutcome;
  readonly estimate: LiftEstimate;
  /** Null when truth_campaign_lift is absent or has no row for the campaign. */
  readonly truth: LiftTruth | null;
  /** Whether the true relative lift lies inside the estimate's 95% interval (null without both). */
  readonly covered: boolean | null;
}

/** The lift panel. */
export interface LiftData {
  readonly campaigns: readonly CampaignLift[];
  /** The method, in words (also in docs/report.md). */
  readonly method: string;
  /** Whether `truth_campaign_lift` was read. */
  readonly hasTruth: boolean;
  /** Campaigns whose true relative lift lies inside the 95% interval, and campaigns with both. */
  readonly coverage: { readonly covered: number; readonly campaigns: number } | null;
}

/** Credit of one campaign under each attribution model. */
export interface CampaignAttribution {
  readonly campaign: string;
  readonly label: string;
  /** Model → credited conversions (sum of attribution_weight). */
  readonly credited: Readonly<Record<string, number>>;
  /** Model → credited revenue (sum of revenue), when outcome_metrics has revenue. */
  readonly revenue: Readonly<Record<string, number>> | null;
  /** True incremental conversions (answer key), null without it. */
  readonly trueIncremental: number | null;
}

/** How many scored conversions have touchpoints of several campaigns (an advertiser's campaigns share journeys). */
export interface AttributionJourneys {
  /** Conversions with rows in outcome_metrics. */
  readonly conversions: number;
  /** Those whose touchpoints come from two or more campaigns. */
  readonly crossCampaign: number;
}

/** The attribution panel. */
export interface AttributionData {
  /** The models found in outcome_metrics.attribution_model, sorted. */
  readonly models: readonly string[];
  readonly campaigns: readonly CampaignAttribution[];
  /** Where true incremental conversions come from (`truth_campaign_lift` or `truth_conversions`), or null. */
  readonly truthSource: string | null;
  /** Per model: sum over campaigns of |credited − true incremental| (null without truth). */
  readonly absoluteError: Readonly<Record<string, number>> | null;
  /** Journeys spanning several campaigns (null without outcome_metrics.response_id). */
  readonly journeys: AttributionJourneys | null;
  /** Campaigns whose credited conversions differ by more than 0.5 between the models. */
  readonly disagreeing: number;
}
