/**
 * Fixed vocabularies of the preset's campaign half: channels and their costs and placements,
 * goals, response types, attribution models, behavioural classes and conversion statuses.
 * Re-exported by `vocabulary.ts`.
 */

/**
 * Campaign channels.
 *
 * @example
 * ```ts
 * CHANNELS[0]; // "email"
 * ```
 */
export const CHANNELS = ['email', 'social', 'display', 'video', 'ctv'] as const;
/** A campaign channel. */
export type Channel = (typeof CHANNELS)[number];
/**
 * Cost per thousand impressions by channel, in dollars.
 *
 * @example
 * ```ts
 * CHANNEL_CPM["email"]; // 1.5
 * ```
 */
export const CHANNEL_CPM: Readonly<Record<Channel, number>> = { email: 1.5, social: 8, display: 4, video: 18, ctv: 32 };
/**
 * Placements offered by each channel.
 *
 * @example
 * ```ts
 * CHANNEL_PLACEMENTS["email"]; // ["newsletter","dedicated_send"]
 * ```
 */
export const CHANNEL_PLACEMENTS: Readonly<Record<Channel, readonly string[]>> = {
  email: ['newsletter', 'dedicated_send'],
  social: ['feed', 'stories', 'reels'],
  display: ['banner_top', 'sidebar', 'native'],
  video: ['preroll', 'midroll', 'outstream'],
  ctv: ['ctv_preroll', 'ctv_midroll', 'ctv_pause'],
};

/**
 * Campaign goals.
 *
 * @example
 * ```ts
 * CAMPAIGN_GOALS[0]; // "awareness"
 * ```
 */
export const CAMPAIGN_GOALS = ['awareness', 'consideration', 'conversion', 'retention'] as const;

/**
 * Response types.
 *
 * @example
 * ```ts
 * RESPONSE_TYPES[0]; // "click"
 * ```
 */
export const RESPONSE_TYPES = ['click', 'engagement', 'conversion'] as const;
/** A response type. */
export type ResponseType = (typeof RESPONSE_TYPES)[number];

/**
 * Attribution models.
 *
 * @example
 * ```ts
 * ATTRIBUTION_MODELS[0]; // "last_touch"
 * ```
 */
export const ATTRIBUTION_MODELS = ['last_touch', 'first_touch', 'linear', 'time_decay', 'position_based'] as const;
/** An attribution model. */
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

/**
 * Behavioural classifications of audience members.
 *
 * @example
 * ```ts
 * BEHAVIORAL_CLASSES[0]; // "heavy"
 * ```
 */
export const BEHAVIORAL_CLASSES = ['heavy', 'regular', 'light', 'lapsed'] as const;

/**
 * Conversion statuses of outcome rows.
 *
 * @example
 * ```ts
 * CONVERSION_STATUSES[0]; // "converted"
 * ```
 */
export const CONVERSION_STATUSES = ['converted', 'assisted'] as const;
/**
 * Kinds of attribution touchpoints (outcome_metrics.touchpoint_type).
 *
 * @example
 * ```ts
 * TOUCHPOINT_TYPES[1]; // "click"
 * ```
 */
export const TOUCHPOINT_TYPES = ['impression', 'click'] as const;
