/**
 * Fixed vocabularies of the identity-graph preset: the names users configure weights for, the
 * plausibility rules attached to them and the US reference distributions the defaults use. The
 * campaign vocabularies live in `campaign-vocabulary.ts` and are re-exported here.
 */

export * from './campaign-vocabulary.js';
export * from './engagement-vocabulary.js';
import type { DeviceType } from './engagement-vocabulary.js';
export * from './people-vocabulary.js';

/**
 * The five household income brackets (annual household income, USD).
 *
 * @example
 * ```ts
 * INCOME_BRACKETS[0]; // "<25k"
 * ```
 */
export const INCOME_BRACKETS = ['<25k', '25k-50k', '50k-100k', '100k-150k', '150k+'] as const;
/** An income bracket name. */
export type IncomeBracket = (typeof INCOME_BRACKETS)[number];

/**
 * Household income range of each bracket in dollars (the top bracket is a power-law tail up to `max`).
 *
 * @example
 * ```ts
 * BRACKET_INCOME["<25k"]; // {"min":8000,"max":25000}
 * ```
 */
export const BRACKET_INCOME: Readonly<Record<IncomeBracket, { readonly min: number; readonly max: number }>> = {
  '<25k': { min: 8_000, max: 25_000 },
  '25k-50k': { min: 25_000, max: 50_000 },
  '50k-100k': { min: 50_000, max: 100_000 },
  '100k-150k': { min: 100_000, max: 150_000 },
  '150k+': { min: 150_000, max: 2_000_000 },
};

/**
 * Housing types.
 *
 * @example
 * ```ts
 * HOUSING_TYPES[0]; // "single_family"
 * ```
 */
export const HOUSING_TYPES = ['single_family', 'apartment', 'townhouse', 'mobile_home'] as const;
/** A housing type. */
export type HousingType = (typeof HOUSING_TYPES)[number];

/**
 * The four gender values.
 *
 * @example
 * ```ts
 * GENDERS[0]; // "female"
 * ```
 */
export const GENDERS = ['female', 'male', 'non_binary', 'undisclosed'] as const;
/** A gender value. */
export type Gender = (typeof GENDERS)[number];

/**
 * Education levels, lowest first, with the youngest plausible age of each.
 *
 * @example
 * ```ts
 * EDUCATION_LEVELS[0]; // "less_than_high_school"
 * ```
 */
export const EDUCATION_LEVELS = ['less_than_high_school', 'high_school', 'some_college', 'associate', 'bachelor', 'master', 'doctorate'] as const;
/** An education level. */
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
/**
 * Youngest plausible age for each education level (no 19-year-old doctorate).
 *
 * @example
 * ```ts
 * EDUCATION_MIN_AGE["less_than_high_school"]; // 18
 * ```
 */
export const EDUCATION_MIN_AGE: Readonly<Record<EducationLevel, number>> = {
  less_than_high_school: 18,
  high_school: 18,
  some_college: 18,
  associate: 19,
  bachelor: 21,
  master: 23,
  doctorate: 26,
};

/**
 * Employment statuses.
 *
 * @example
 * ```ts
 * EMPLOYMENT_STATUSES[0]; // "full_time"
 * ```
 */
export const EMPLOYMENT_STATUSES = ['full_time', 'part_time', 'self_employed', 'unemployed', 'student', 'retired', 'not_in_labor_force'] as const;
/** An employment status. */
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];
/**
 * Youngest plausible age for each employment status (no retired 25-year-old).
 *
 * @example
 * ```ts
 * EMPLOYMENT_MIN_AGE["full_time"]; // 18
 * ```
 */
export const EMPLOYMENT_MIN_AGE: Readonly<Record<EmploymentStatus, number>> = {
  full_time: 18,
  part_time: 18,
  self_employed: 18,
  unemployed: 18,
  student: 18,
  retired: 50,
  not_in_labor_force: 18,
};
/**
 * Identifier types of identity mappings.
 *
 * @example
 * ```ts
 * IDENTIFIER_TYPES[0]; // "email_hash"
 * ```
 */
export const IDENTIFIER_TYPES = ['email_hash', 'cookie_id', 'mobile_ad_id', 'device_id', 'ctv_id', 'ip_address', 'phone_hash'] as const;
/** An identifier type. */
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];
/**
 * Identifier types whose values are shared by the members of one household.
 *
 * @example
 * ```ts
 * HOUSEHOLD_SHARED_TYPES[0]; // "ctv_id"
 * ```
 */
export const HOUSEHOLD_SHARED_TYPES = ['ctv_id', 'ip_address'] as const satisfies readonly IdentifierType[];
/**
 * Identifier types a person owns alone (the primary identifier must be one of them).
 *
 * @example
 * ```ts
 * PERSONAL_TYPES[0]; // "email_hash"
 * ```
 */
export const PERSONAL_TYPES = ['email_hash', 'cookie_id', 'mobile_ad_id', 'device_id', 'phone_hash'] as const satisfies readonly IdentifierType[];
/** A personal identifier type. */
export type PersonalType = (typeof PERSONAL_TYPES)[number];

/**
 * Observation span of each identifier type around an anchor time inside the window (mean days
 * observed before and after it, Lomax-distributed), and the relative risk that a link of this
 * type is wrong: deterministic evidence (a logged-in email, a phone) is rarely wrong, household
 * and probabilistic evidence (a CTV, an IP, cookie co-occurrence) far more often. The risks are
 * relative: `demographics.identity_links.wrong_link_rate` sets the overall rate. Home IP addresses
 * do not use the span: they follow the household's DHCP leases; the `ip_address` span is that
 * of a public Wi-Fi IP.
 *
 * @example
 * ```ts
 * IDENTIFIER_LIFECYCLE["email_hash"]; // {"backDays":900,"forwardDays":900,"linkRisk":0.1}
 * ```
 */
export const IDENTIFIER_LIFECYCLE: Readonly<Record<IdentifierType, { readonly backDays: number; readonly forwardDays: number; readonly linkRisk: number }>> = {
  email_hash: { backDays: 900, forwardDays: 900, linkRisk: 0.1 },
  phone_hash: { backDays: 1200, forwardDays: 1200, linkRisk: 0.15 },
  mobile_ad_id: { backDays: 200, forwardDays: 200, linkRisk: 0.6 },
  device_id: { backDays: 300, forwardDays: 300, linkRisk: 0.6 },
  ctv_id: { backDays: 500, forwardDays: 500, linkRisk: 1.5 },
  ip_address: { backDays: 10, forwardDays: 10, linkRisk: 2 },
  cookie_id: { backDays: 6, forwardDays: 12, linkRisk: 1.2 },
};

/**
 * Share of households with a home internet subscription (the share whose members share a home
 * IP address): about 90% of US households (ACS 2021 1-year, table S2801 "Types of Computers and
 * Internet Subscriptions").
 *
 * @example
 * ```ts
 * HOME_INTERNET_SHARE; // 0.9
 * ```
 */
export const HOME_INTERNET_SHARE = 0.9;

/**
 * Days of staleness (end date − last_seen) over which a link's risk of being wrong doubles; a
 * link's confidence falls linearly with staleness up to this many days, then stays.
 *
 * @example
 * ```ts
 * LINK_STALENESS_DAYS; // 60
 * ```
 */
export const LINK_STALENESS_DAYS = 60;

/**
 * Neighbouring households a wrong home-IP link can name (chosen by the lease, so two wrong IP
 * links of one person never name the same neighbour).
 *
 * @example
 * ```ts
 * WRONG_IP_NEIGHBOURS; // 4
 * ```
 */
export const WRONG_IP_NEIGHBOURS = 4;

/**
 * Engagement types.
 *
 * @example
 * ```ts
 * ENGAGEMENT_TYPES[0]; // "view"
 * ```
 */
export const ENGAGEMENT_TYPES = ['view', 'click', 'share', 'like', 'comment'] as const;
/** An engagement type. */
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

/**
 * Which device an event on each identifier type comes from (relative weights).
 *
 * @example
 * ```ts
 * DEVICE_BY_IDENTIFIER["email_hash"]; // {"desktop":0.5,"mobile":0.4,"tablet":0.1}
 * ```
 */
export const DEVICE_BY_IDENTIFIER: Readonly<Record<IdentifierType, Readonly<Partial<Record<DeviceType, number>>>>> = {
  email_hash: { desktop: 0.5, mobile: 0.4, tablet: 0.1 },
  cookie_id: { desktop: 0.55, mobile: 0.35, tablet: 0.1 },
  mobile_ad_id: { mobile: 0.9, tablet: 0.1 },
  device_id: { desktop: 0.45, mobile: 0.35, tablet: 0.2 },
  ctv_id: { ctv: 1 },
  ip_address: { desktop: 0.3, mobile: 0.3, tablet: 0.15, ctv: 0.25 },
  phone_hash: { mobile: 1 },
};

/**
 * Temporal patterns of engagement timestamps.
 *
 * @example
 * ```ts
 * TEMPORAL_PATTERNS[0]; // "uniform"
 * ```
 */
export const TEMPORAL_PATTERNS = ['uniform', 'daily', 'weekly', 'seasonal'] as const;
/** A temporal pattern. */
export type TemporalPattern = (typeof TEMPORAL_PATTERNS)[number];

/**
 * Relative engagement by hour of day (UTC-agnostic local time; evening prime time peak).
 *
 * @example
 * ```ts
 * DIURNAL_WEIGHTS[0]; // 0.9
 * ```
 */
export const DIURNAL_WEIGHTS: readonly number[] = [
  0.9, 0.55, 0.35, 0.25, 0.22, 0.3, 0.55, 0.9, 1.15, 1.2, 1.2, 1.25, 1.35, 1.3, 1.25, 1.25, 1.35, 1.55, 1.85, 2.15, 2.35, 2.3, 1.9, 1.35,
];
/**
 * Relative engagement by weekday, Monday first (weekend lift).
 *
 * @example
 * ```ts
 * WEEKLY_WEIGHTS[0]; // 0.93
 * ```
 */
export const WEEKLY_WEIGHTS: readonly number[] = [0.93, 0.92, 0.94, 0.97, 1.05, 1.17, 1.12];
/**
 * Relative engagement by month, January first (holiday peak, summer dip).
 *
 * @example
 * ```ts
 * MONTHLY_WEIGHTS[0]; // 1.05
 * ```
 */
export const MONTHLY_WEIGHTS: readonly number[] = [1.05, 0.98, 1.0, 0.96, 0.95, 0.9, 0.88, 0.9, 0.97, 1.02, 1.12, 1.27];

/**
 * US census regions and their states (with DC).
 *
 * @example
 * ```ts
 * US_REGIONS["northeast"]; // ["CT","ME","MA","NH","RI","VT","NJ","NY","PA"]
 * ```
 */
export const US_REGIONS = {
  northeast: ['CT', 'ME', 'MA', 'NH', 'RI', 'VT', 'NJ', 'NY', 'PA'],
  midwest: ['IL', 'IN', 'MI', 'OH', 'WI', 'IA', 'KS', 'MN', 'MO', 'NE', 'ND', 'SD'],
  south: ['DE', 'DC', 'FL', 'GA', 'MD', 'NC', 'SC', 'VA', 'WV', 'AL', 'KY', 'MS', 'TN', 'AR', 'LA', 'OK', 'TX'],
  west: ['AZ', 'CO', 'ID', 'MT', 'NV', 'NM', 'UT', 'WY', 'AK', 'CA', 'HI', 'OR', 'WA'],
} as const satisfies Record<string, readonly string[]>;
/** A US census region. */
export type UsRegion = keyof typeof US_REGIONS;
/**
 * The 50 states and DC.
 *
 * @example
 * ```ts
 * US_STATES[0]; // "AK"
 * ```
 */
export const US_STATES: readonly string[] = Object.values(US_REGIONS).flat().sort();

/**
 * US adults by age band (share of the 18+ population, Census 2020): the default shape of the
 * householder's age before it is tilted by household income.
  *
  * @example
  * ```ts
  * US_ADULT_AGE_BANDS[0]; // {"from":18,"to":24,"share":0.119}
  * ```
  */
export const US_ADULT_AGE_BANDS: readonly { readonly from: number; readonly to: number; readonly share: number }[] = [
  { from: 18, to: 24, share: 0.119 },
  { from: 25, to: 34, share: 0.175 },
  { from: 35, to: 44, share: 0.165 },
  { from: 45, to: 54, share: 0.156 },
  { from: 55, to: 64, share: 0.164 },
  { from: 65, to: 74, share: 0.126 },
  { from: 75, to: 84, share: 0.066 },
  { from: 85, to: 100, share: 0.029 },
];
/**
 * Relative likelihood that a person of a given age heads a household (fewer 18–24 householders).
 *
 * @example
 * ```ts
 * householderPropensity(19); // 0.15
 * ```
 */
export function householderPropensity(age: number): number {
  if (age < 20) return 0.15;
  if (age < 25) return 0.45;
  if (age < 30) return 0.8;
  return 1;
}
