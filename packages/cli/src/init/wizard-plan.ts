/**
 * What the init wizard asks, as data: per config step, the practical questions (key numbers,
 * choices) and the weight maps that are only asked when the user chooses to edit them. Every
 * answer lands at a dotted path inside the step; the SDK's step validation judges it.
 */
import { ATTRIBUTION_MODELS, CHANNELS, TEMPORAL_PATTERNS } from '@synthgraph/presets';
import type { Choice } from './prompter.js';

/** A config step's value as the wizard edits it. */
export type StepValue = Record<string, unknown>;

/** One question; `key` is a dotted path inside the step. */
export type Question =
  | { readonly kind: 'number'; readonly key: string; readonly label: string; readonly when?: (draft: StepValue) => boolean }
  /** `none` is what a user types for an empty string (an empty answer keeps the default). */
  | { readonly kind: 'text'; readonly key: string; readonly label: string; readonly none?: string; readonly when?: (draft: StepValue) => boolean }
  | { readonly kind: 'select'; readonly key: string; readonly label: string; readonly options: readonly Choice<string>[]; readonly when?: (draft: StepValue) => boolean }
  | {
      readonly kind: 'multiselect';
      readonly key: string;
      readonly label: string;
      readonly options: (draft: StepValue, defaults: StepValue) => readonly Choice<string>[];
      /** The selected values of the draft (default: the array at `key`). */
      readonly read?: (draft: StepValue) => readonly string[];
      /** Writes a selection into the draft (default: the array at `key`). */
      readonly write?: (draft: StepValue, selected: readonly string[], defaults: StepValue) => void;
      readonly when?: (draft: StepValue) => boolean;
    };

/** A weight map (object of name → weight) inside a step, asked only on "edit weights". */
export interface WeightsQuestion {
  readonly key: string;
  readonly label: string;
}

/** The questions of one config step. */
export interface StepPlan {
  readonly step: string;
  readonly title: string;
  /** One line shown under the step heading. */
  readonly about: string;
  readonly questions: readonly Question[];
  readonly weights: readonly WeightsQuestion[];
}

/** The questions of a preset's wizard, in step order. */
export interface WizardPlan {
  readonly preset: string;
  readonly steps: readonly StepPlan[];
}

const choices = (values: readonly string[]): Choice<string>[] => values.map((value) => ({ value }));

/**
 * The identity-graph wizard: six steps in the preset's order, the key numbers asked, weights
 * kept at their defaults unless the user edits them.
 *
 * @example
 * ```ts
 * identityGraphWizard.steps.map((s) => s.step); // run, households, demographics, engagement, audience, campaigns
 * ```
 */
export const identityGraphWizard: WizardPlan = {
  preset: 'identity-graph',
  steps: [
    {
      step: 'run',
      title: 'Run and target',
      about: 'the seed makes the data reproducible; the target is local files (DuckDB/Parquet) or a Databricks catalog.schema',
      questions: [
        { kind: 'number', key: 'seed', label: 'Seed (same seed + config ⇒ same data)' },
        { kind: 'text', key: 'target', label: "Target: 'local' or a Databricks catalog.schema" },
        { kind: 'text', key: 'table_prefix', label: "Table name prefix (lower_snake_case; '-' for none)", none: '-' },
      ],
      weights: [],
    },
    {
      step: 'households',
      title: 'Households',
      about: 'how many households and how big they are (minors, couples, income, housing and location keep realistic US defaults)',
      questions: [
        { kind: 'number', key: 'num_households', label: 'Number of households (1,000–10,000,000 supported)' },
        {
          kind: 'select',
          key: 'household_size.distribution',
          label: 'Household size distribution',
          options: [
            { value: 'census', hint: 'US households by size (CPS), 2.45 persons on average' },
            { value: 'lognormal', hint: 'right-skewed around a mean you choose' },
            { value: 'normal', hint: 'bell curve around a mean you choose' },
          ],
        },
        {
          kind: 'number',
          key: 'household_size.mean',
          label: 'Mean household size (1–10 persons, adults and minors)',
          when: (d) => (d['household_size'] as StepValue | undefined)?.['distribution'] !== 'census',
        },
      ],
      weights: [
        { key: 'income_brackets', label: 'income brackets' },
        { key: 'housing_types', label: 'housing types' },
      ],
    },
    {
      step: 'demographics',
      title: 'Demographics',
      about: 'ages of the adults and how many identifiers (emails, cookies, devices, …) each person has',
      questions: [
        { kind: 'number', key: 'age.min', label: 'Youngest age (18–100)' },
        { kind: 'number', key: 'age.max', label: 'Oldest age (18–100)' },
        {
          kind: 'select',
          key: 'age.distribution',
          label: 'Age distribution',
          options: [
            { value: 'census', hint: 'US census adults' },
            { value: 'uniform', hint: 'flat between youngest and oldest' },
            { value: 'normal', hint: 'bell curve around a mean' },
          ],
        },
        { kind: 'number', key: 'age.mean', label: 'Mean age', when: (d) => (d['age'] as StepValue | undefined)?.['distribution'] === 'normal' },
        { kind: 'number', key: 'age.std_dev', label: 'Age standard deviation', when: (d) => (d['age'] as StepValue | undefined)?.['distribution'] === 'normal' },
        { kind: 'number', key: 'identifiers_per_person.mean', label: 'Identifiers per person, mean (2–15)' },
      ],
      weights: [
        { key: 'gender', label: 'gender' },
        { key: 'education', label: 'education' },
        { key: 'employment', label: 'employment' },
        { key: 'identifier_types', label: 'identifier types' },
      ],
    },
    {
      step: 'engagement',
      title: 'Engagement',
      about: 'the time window of content engagement and how active people are',
      questions: [
        { kind: 'text', key: 'end_date', label: 'End date of the window (YYYY-MM-DD, exclusive, UTC)' },
        { kind: 'number', key: 'time_period_days', label: 'Window length in days (7–730)' },
        { kind: 'number', key: 'events_per_person.mean', label: 'Engagement events per person, mean (1–500)' },
        {
          kind: 'select',
          key: 'events_per_person.distribution',
          label: 'Events per person distribution',
          options: [
            { value: 'lognormal', hint: 'right-skewed like real audiences: few one-off users, a heavy tail' },
            { value: 'power_law', hint: 'heavy tail: a few very active people' },
            { value: 'poisson', hint: 'most people near the mean' },
            { value: 'normal', hint: 'bell curve' },
          ],
        },
        { kind: 'number', key: 'events_per_person.std_dev', label: 'Events per person, standard deviation', when: (d) => (d['events_per_person'] as StepValue | undefined)?.['distribution'] === 'normal' },
        { kind: 'select', key: 'temporal_pattern', label: 'Temporal pattern', options: choices(TEMPORAL_PATTERNS) },
      ],
      weights: [
        { key: 'content_categories', label: 'content categories' },
        { key: 'engagement_types', label: 'engagement types' },
      ],
    },
    {
      step: 'audience',
      title: 'Audience',
      about: 'segments, behavioural classes (heavy / regular / light / lapsed) and the propensity model',
      questions: [
        {
          kind: 'multiselect',
          key: 'segments',
          label: 'Segments to keep (space toggles, enter confirms)',
          options: (draft, defaults) => segmentList(draft, defaults).map((s) => ({ value: s.name, hint: segmentHint(s) })),
          read: (draft) => ((draft['segments'] as readonly { name: string }[] | undefined) ?? []).map((s) => s.name),
          write: (draft, selected, defaults) => {
            draft['segments'] = segmentList(draft, defaults).filter((s) => selected.includes(s.name));
          },
        },
        { kind: 'number', key: 'behavioral_thresholds.heavy_daily_events', label: 'Heavy from this many events per day' },
        { kind: 'number', key: 'behavioral_thresholds.regular_daily_events', label: 'Regular from this many events per day (below: light)' },
        { kind: 'number', key: 'behavioral_thresholds.lapsed_after_days', label: 'Lapsed after this many days without engagement' },
      ],
      weights: [{ key: 'propensity_weights', label: 'propensity model' }],
    },
    {
      step: 'campaigns',
      title: 'Campaigns',
      about: 'campaigns, who they reach, how people respond and how conversions are attributed',
      questions: [
        { kind: 'number', key: 'num_campaigns', label: 'Number of campaigns (1–100)' },
        { kind: 'number', key: 'duration_days.min', label: 'Shortest campaign, days' },
        { kind: 'number', key: 'duration_days.max', label: 'Longest campaign, days (within the engagement window)' },
        { kind: 'multiselect', key: 'channels', label: 'Channels (space toggles, enter confirms)', options: () => choices(CHANNELS) },
        { kind: 'number', key: 'reach_percentage', label: 'Planned reach: % of each treatment group that sees an impression (1–100)' },
        { kind: 'number', key: 'holdout_share', label: 'Holdout: share of each audience kept unexposed as control (0–0.5)' },
        { kind: 'number', key: 'post_click_conversion_rate', label: 'Post-click conversion rate, conversions per click (0–1)' },
        { kind: 'number', key: 'organic_conversion_rate', label: 'Organic conversion rate, conversions per audience member and flight without the ads (0–1)' },
        ...CHANNELS.map(
          (ch): Question => ({
            kind: 'number',
            key: `incremental_effect.${ch}`,
            label: `True effect of ${ch} ads: × the conversions they cause (1 = benchmark, 0 = none; 0–10)`,
            when: (d) => ((d['channels'] as readonly string[] | undefined) ?? CHANNELS).includes(ch),
          }),
        ),
        { kind: 'multiselect', key: 'attribution_models', label: 'Attribution models (space toggles, enter confirms)', options: () => choices(ATTRIBUTION_MODELS) },
        { kind: 'number', key: 'attribution_lookback_days', label: 'Attribution lookback: touches at most this many days before a conversion count (1–90)' },
      ],
      weights: [],
    },
  ],
};

interface SegmentLike {
  readonly name: string;
  readonly categories?: readonly string[];
  readonly age_min?: number;
  readonly age_max?: number;
  readonly income_brackets?: readonly string[];
}

/** The draft's segments followed by the default ones it does not have (so a removed one can come back). */
function segmentList(draft: StepValue, defaults: StepValue): SegmentLike[] {
  const mine = (draft['segments'] as SegmentLike[] | undefined) ?? [];
  const names = new Set(mine.map((s) => s.name));
  return [...mine, ...((defaults['segments'] as SegmentLike[] | undefined) ?? []).filter((s) => !names.has(s.name))];
}

function segmentHint(s: SegmentLike): string {
  const parts: string[] = [];
  if (s.categories?.length) parts.push(s.categories.join('/'));
  if (s.age_min !== undefined || s.age_max !== undefined) parts.push(`age ${s.age_min ?? 18}–${s.age_max ?? 100}`);
  if (s.income_brackets?.length) parts.push(`income ${s.income_brackets.join(', ')}`);
  return parts.join(' · ');
}

/**
 * The wizards by preset name (a preset without one gets its defaults written).
 *
 * @example
 * ```ts
 * WIZARDS['identity-graph']?.steps.length; // 6
 * ```
 */
export const WIZARDS: Readonly<Record<string, WizardPlan>> = { 'identity-graph': identityGraphWizard };

/**
 * The value at a dotted path.
 *
 * @example
 * ```ts
 * getAt({ age: { min: 18 } }, 'age.min'); // 18
 * ```
 */
export function getAt(obj: unknown, key: string): unknown {
  let v = obj;
  for (const k of key.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/**
 * Sets the value at a dotted path, creating objects on the way.
 *
 * @example
 * ```ts
 * const o = {}; setAt(o, 'age.min', 21); // o = { age: { min: 21 } }
 * ```
 */
export function setAt(obj: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let cur = obj;
  for (const k of parts.slice(0, -1)) {
    const next = cur[k];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1] as string] = value;
}

/**
 * Reads a typed number leniently (`10_000`, `10,000`, ` 2.5 `); anything else is returned as
 * typed so the SDK's validation names the field and the fix.
 *
 * @example
 * ```ts
 * parseNumberAnswer('10,000'); // 10000
 * parseNumberAnswer('lots');   // 'lots'
 * ```
 */
export function parseNumberAnswer(text: string): number | string {
  const t = text.trim().replace(/[_,](?=\d)/g, '');
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : text.trim();
}
