/**
 * Fixed vocabularies and public-source defaults of content engagement: devices by age, which
 * identifier types a device can be seen on, the engagement mix on connected TVs and how long
 * views last by category. Re-exported by `vocabulary.ts`.
 */

/**
 * Device types of engagements.
 *
 * @example
 * ```ts
 * DEVICE_TYPES[0]; // "desktop"
 * ```
 */
export const DEVICE_TYPES = ['desktop', 'mobile', 'tablet', 'ctv'] as const;
/** A device type. */
export type DeviceType = (typeof DEVICE_TYPES)[number];

/**
 * Share of a person's engagement sessions by device, per age band (desktop, mobile, tablet, ctv).
 * Shape from Pew Research Center, Mobile Fact Sheet (2024: smartphone use 96% at 18–29 vs 76%
 * at 65+; tablets and desktops relatively more common at 50+) and Nielsen, The Gauge / Total
 * Audience (2023–24: adults 50+ spend the most time on TV-connected devices, adults 18–34 the most
 * on smartphones).
 *
 * @example
 * ```ts
 * DEVICE_BY_AGE[0]; // { from: 18, to: 34, shares: [0.17, 0.64, 0.06, 0.13] }
 * ```
 */
export const DEVICE_BY_AGE: readonly { readonly from: number; readonly to: number; readonly shares: readonly [number, number, number, number] }[] = [
  { from: 18, to: 34, shares: [0.17, 0.64, 0.06, 0.13] },
  { from: 35, to: 49, shares: [0.22, 0.5, 0.09, 0.19] },
  { from: 50, to: 64, shares: [0.28, 0.37, 0.11, 0.24] },
  { from: 65, to: 200, shares: [0.32, 0.26, 0.13, 0.29] },
];

/**
 * Identifier types a device's sessions can be observed on (a CTV only on its CTV id or the home
 * IP; a phone number only on a mobile).
 *
 * @example
 * ```ts
 * DEVICE_IDENTIFIERS.ctv; // ['ctv_id', 'ip_address']
 * ```
 */
export const DEVICE_IDENTIFIERS: Readonly<Record<DeviceType, readonly string[]>> = {
  desktop: ['email_hash', 'cookie_id', 'device_id', 'ip_address'],
  mobile: ['email_hash', 'cookie_id', 'mobile_ad_id', 'device_id', 'ip_address', 'phone_hash'],
  tablet: ['email_hash', 'cookie_id', 'mobile_ad_id', 'device_id', 'ip_address'],
  ctv: ['ctv_id', 'ip_address'],
};

/**
 * Engagement types on a connected TV (view, click, share, like, comment): a lean-back screen
 * with a remote, so almost everything is a view and comments are next to none (Nielsen,
 * Streaming on CTV; CTV ads carry no clicks in the IAB Digital Video benchmarks).
 *
 * @example
 * ```ts
 * CTV_ENGAGEMENT_MIX[0]; // 0.955
 * ```
 */
export const CTV_ENGAGEMENT_MIX: readonly [number, number, number, number, number] = [0.955, 0.02, 0.005, 0.017, 0.003];

/**
 * Median view duration in seconds per device (desktop, mobile, tablet, ctv): mobile views are
 * short, CTV views are long-form (Conviva State of Streaming 2023; Nielsen, The Gauge).
 *
 * @example
 * ```ts
 * VIEW_SECONDS_MEDIAN["desktop"]; // 210
 * ```
 */
export const VIEW_SECONDS_MEDIAN: Readonly<Record<DeviceType, number>> = { desktop: 210, mobile: 75, tablet: 240, ctv: 1500 };

/**
 * View-duration factor per content category (1 for categories not listed): long-form
 * entertainment, gaming streams and music sessions last longer than news clips and finance
 * articles (Conviva State of Streaming 2023; Pew Research, news consumption 2023).
 *
 * @example
 * ```ts
 * VIEW_SECONDS_CATEGORY_FACTOR["news"]; // 0.6
 * ```
 */
export const VIEW_SECONDS_CATEGORY_FACTOR: Readonly<Record<string, number>> = {
  news: 0.6,
  sports: 1.3,
  entertainment: 1.6,
  music: 1.2,
  gaming: 1.5,
  lifestyle: 0.9,
  technology: 0.8,
  food: 0.8,
  travel: 0.9,
  finance: 0.6,
};

/**
 * The US daylight-saving rule (Energy Policy Act of 2005): from the second Sunday of March to the
 * first Sunday of November. Whether a local date falls in daylight time.
 *
 * @example
 * ```ts
 * usDaylightTime(new Date(Date.UTC(2025, 6, 4))); // true
 * ```
 */
export function usDaylightTime(date: Date): boolean {
  const y = date.getUTCFullYear();
  const nthSunday = (month: number, n: number): number => {
    const first = new Date(Date.UTC(y, month, 1)).getUTCDay();
    return 1 + ((7 - first) % 7) + 7 * (n - 1);
  };
  const start = Date.UTC(y, 2, nthSunday(2, 2));
  const end = Date.UTC(y, 10, nthSunday(10, 1));
  const t = Date.UTC(y, date.getUTCMonth(), date.getUTCDate());
  return t >= start && t < end;
}
