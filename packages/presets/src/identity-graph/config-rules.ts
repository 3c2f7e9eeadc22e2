/**
 * The rules of the identity-graph config beyond its schema: weights that sum to 1, the rules
 * inside one step, and the cross-step and plausibility rules of a whole config.
 */
import type { Issue } from '@synthgraph/core';
import { MAX_HOUSEHOLDS_PER_BATCH, STEP_SCHEMAS, WEIGHT_FIELDS, type IdentityGraphConfig, type StepConfig, type StepName } from './config-schema.js';
import { ageModel, eventsModel, shareAtLeast, weightsOf } from './model.js';
import { compositionRules } from './composition-rules.js';
import { sum } from './numeric.js';
import { EDUCATION_LEVELS, EDUCATION_MIN_AGE, EMPLOYMENT_MIN_AGE, EMPLOYMENT_STATUSES, INCOME_BRACKETS, US_STATES } from './vocabulary.js';
import { closest, isRecord, schemaAt, type AnySchema } from './config-issues.js';

/**
 * Tolerance of "weights sum to 1".
 *
 * @example
 * ```ts
 * WEIGHT_SUM_TOLERANCE; // 0.000001
 * ```
 */
export const WEIGHT_SUM_TOLERANCE = 1e-6;
/**
 * Households above which a local run is warned about.
 *
 * @example
 * ```ts
 * LOCAL_HOUSEHOLDS_WARNING; // 10000000
 * ```
 */
export const LOCAL_HOUSEHOLDS_WARNING = 10_000_000;

/** Checks (and, when asked, rescales) a weight map at `field` inside a step. */
function checkWeights(step: string, field: string, obj: Record<string, number | undefined> | undefined, normalizeAsked: boolean, issues: Issue[]): void {
  if (!obj) return;
  const entries = Object.entries(obj).filter((e): e is [string, number] => typeof e[1] === 'number');
  const total = sum(entries.map(([, w]) => w));
  const path = `${step}.${field}`;
  if (!(total > 0)) {
    issues.push({ path, message: 'has no positive weight (allowed: weights from 0 to 1 summing to 1)', value: obj, fix: `give at least one entry of ${path} a positive weight` });
    return;
  }
  if (normalizeAsked) {
    for (const [k, w] of entries) obj[k] = w / total;
    return;
  }
  if (Math.abs(total - 1) > WEIGHT_SUM_TOLERANCE)
    issues.push({
      path,
      message: `weights sum to ${Number(total.toFixed(9))}, not 1 (allowed: a sum of 1 ± ${WEIGHT_SUM_TOLERANCE})`,
      value: obj,
      fix: `make the weights of ${path} sum to 1, or set ${step}.normalize_weights: true to rescale them`,
    });
}

function getField(obj: Record<string, unknown>, dottedPath: string): Record<string, number | undefined> | undefined {
  let v: unknown = obj;
  for (const k of dottedPath.split('.')) v = isRecord(v) ? v[k] : undefined;
  return isRecord(v) ? (v as Record<string, number | undefined>) : undefined;
}

/** Writes 0 for the fixed-name weights a user left out, so the resolved config is explicit. */
export function fillZeros(step: StepName, value: Record<string, unknown>): void {
  for (const f of WEIGHT_FIELDS[step]) {
    const obj = getField(value, f);
    const s = schemaAt(STEP_SCHEMAS[step], f.split('.'));
    let cur = s;
    for (let i = 0; cur && i < 10; i++) {
      const def = cur._zod.def as { type: string; innerType?: AnySchema; shape?: Record<string, unknown> };
      if (def.type === 'object') {
        if (obj) for (const k of Object.keys(def.shape ?? {})) if (obj[k] === undefined) obj[k] = 0;
        break;
      }
      cur = def.innerType;
    }
  }
}

/** Rules inside one step (after its schema parsed). Mutates weights when normalization is asked. */
export function stepRules<S extends StepName>(step: S, c: StepConfig<S>, issues: Issue[], warnings: Issue[]): void {
  const normalizeAsked = 'normalize_weights' in c && (c as { normalize_weights: boolean }).normalize_weights;
  for (const f of WEIGHT_FIELDS[step]) checkWeights(step, f, getField(c as Record<string, unknown>, f), normalizeAsked, issues);
  const range = (path: string, lo: number, hi: number, what: string): void => {
    if (lo > hi) issues.push({ path: `${step}.${path}.min`, message: `min (${lo}) is greater than max (${hi})`, value: { min: lo, max: hi }, fix: `swap them or lower ${step}.${path}.min to at most ${hi} (${what})` });
  };
  switch (step) {
    case 'run': {
      const r = c as StepConfig<'run'>;
      if (r.mode === 'append' && r.batch === 0)
        issues.push({ path: 'run.batch', message: 'append mode needs a batch index ≥ 1 (batch 0 is the first run, whose keys would collide)', value: 0, fix: 'set run.batch to the next unused batch index, e.g. 1' });
      break;
    }
    case 'households': {
      const h = c as StepConfig<'households'>;
      const hs = h.household_size;
      range('household_size', hs.min, hs.max, 'household sizes are 1–10');
      if (hs.distribution !== 'census' && hs.min <= hs.max && (hs.mean < hs.min || hs.mean > hs.max))
        issues.push({ path: 'households.household_size.mean', message: `must lie between min (${hs.min}) and max (${hs.max})`, value: hs.mean, fix: `set households.household_size.mean to a number from ${hs.min} to ${hs.max}` });
      if (hs.distribution !== 'census' && hs.std_dev === 0 && !Number.isInteger(hs.mean) && hs.min <= hs.max)
        warnings.push({ path: 'households.household_size.std_dev', message: 'is 0, so every household has the same size and a fractional mean cannot be matched', value: 0, fix: 'use a positive std_dev' });
      compositionRules(h, issues, warnings);
      if (h.num_households > MAX_HOUSEHOLDS_PER_BATCH)
        issues.push({
          path: 'households.num_households',
          message: `is larger than one batch's key range (${MAX_HOUSEHOLDS_PER_BATCH.toLocaleString('en-US')})`,
          value: h.num_households,
          fix: `generate at most ${MAX_HOUSEHOLDS_PER_BATCH.toLocaleString('en-US')} households per batch and append further batches (run.mode: append, run.batch: 1, 2, …)`,
        });
      else if (h.num_households > LOCAL_HOUSEHOLDS_WARNING)
        warnings.push({ path: 'households.num_households', message: `${h.num_households.toLocaleString('en-US')} households is above the supported 10,000,000; expect long runs and large outputs (a local run needs tens of GB)`, value: h.num_households, fix: 'run on Databricks, or split into appended batches' });
      else if (h.num_households < 1000)
        warnings.push({ path: 'households.num_households', message: 'fewer than 1,000 households: distributions are noisy (fine for tests)', value: h.num_households, fix: 'use at least 1,000 households for realistic data' });
      if (h.location.states && h.location.regions)
        issues.push({ path: 'households.location', message: 'sets both states and regions', value: h.location, fix: 'keep either households.location.states or households.location.regions' });
      if (h.location.states) {
        for (const code of Object.keys(h.location.states))
          if (!US_STATES.includes(code))
            issues.push({ path: `households.location.states.${code}`, message: 'is not a US state code (or DC)', value: code, fix: `use a two-letter code such as ${closest(code.toUpperCase(), US_STATES) ?? 'CA'}` });
        if (Object.keys(h.location.states).length === 0) issues.push({ path: 'households.location.states', message: 'is empty', value: {}, fix: 'name at least one state, or remove states to use every state' });
      }
      break;
    }
    case 'demographics': {
      const d = c as StepConfig<'demographics'>;
      if (d.age.min >= d.age.max)
        issues.push({
          path: 'demographics.age.min',
          message: `the age range is empty or inverted: min ${d.age.min} ≥ max ${d.age.max} (allowed: 18 ≤ min < max ≤ 100)`,
          value: { min: d.age.min, max: d.age.max },
          fix: d.age.min > d.age.max ? `swap them: min ${d.age.max}, max ${d.age.min}` : `raise demographics.age.max above ${d.age.min}`,
        });
      else if (d.age.distribution === 'normal' && (d.age.mean < d.age.min || d.age.mean > d.age.max))
        issues.push({ path: 'demographics.age.mean', message: `must lie inside the age range ${d.age.min}–${d.age.max}`, value: d.age.mean, fix: `set demographics.age.mean between ${d.age.min} and ${d.age.max}` });
      const ip = d.identifiers_per_person;
      range('identifiers_per_person', ip.min, ip.max, 'identifiers per person are 2–15');
      if (ip.min <= ip.max && (ip.mean < ip.min || ip.mean > ip.max))
        issues.push({ path: 'demographics.identifiers_per_person.mean', message: `must lie between min (${ip.min}) and max (${ip.max})`, value: ip.mean, fix: `set it to a number from ${ip.min} to ${ip.max}` });
      // plausibility: education and employment levels that need an age above the range
      if (d.age.min < d.age.max) {
        for (const lvl of EDUCATION_LEVELS)
          if ((d.education[lvl] ?? 0) > 0 && EDUCATION_MIN_AGE[lvl] > d.age.max)
            issues.push({
              path: `demographics.education.${lvl}`,
              message: `is implausible: ${lvl} needs an age of at least ${EDUCATION_MIN_AGE[lvl]}, but the oldest individual is ${d.age.max}`,
              value: d.education[lvl],
              fix: `set demographics.education.${lvl} to 0, or raise demographics.age.max to at least ${EDUCATION_MIN_AGE[lvl]}`,
            });
        for (const st of EMPLOYMENT_STATUSES)
          if ((d.employment[st] ?? 0) > 0 && EMPLOYMENT_MIN_AGE[st] > d.age.max)
            issues.push({
              path: `demographics.employment.${st}`,
              message: `is implausible: ${st} needs an age of at least ${EMPLOYMENT_MIN_AGE[st]}, but the oldest individual is ${d.age.max}`,
              value: d.employment[st],
              fix: `set demographics.employment.${st} to 0, or raise demographics.age.max to at least ${EMPLOYMENT_MIN_AGE[st]}`,
            });
      }
      break;
    }
    case 'engagement': {
      const e = c as StepConfig<'engagement'>;
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(e.end_date);
      const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
      if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== e.end_date || e.end_date < '2000-01-01' || e.end_date > '2100-01-01')
        issues.push({ path: 'engagement.end_date', message: 'is not a calendar date from 2000-01-01 to 2100-01-01', value: e.end_date, fix: "use an ISO date such as '2026-01-01'" });
      const ev = e.events_per_person;
      if (ev.max < ev.mean) issues.push({ path: 'engagement.events_per_person.max', message: `is below the mean (${ev.mean})`, value: ev.max, fix: `raise engagement.events_per_person.max to at least ${Math.ceil(ev.mean)}` });
      else {
        const r = eventsModel(ev);
        if ('error' in r)
          issues.push({ path: 'engagement.events_per_person.mean', message: `cannot be reached: ${r.error}`, value: ev.mean, fix: "raise engagement.events_per_person.max, lower the mean, or use distribution 'poisson' or 'normal'" });
      }
      const cats = Object.keys(e.content_categories);
      if (cats.length === 0 || cats.length > 30)
        issues.push({ path: 'engagement.content_categories', message: `has ${cats.length} categories (allowed: 1–30)`, value: e.content_categories, fix: 'name between 1 and 30 categories with weights' });
      for (const cat of cats)
        if (!/^[a-z][a-z0-9_]{0,39}$/.test(cat))
          issues.push({ path: `engagement.content_categories.${cat}`, message: 'is not a lower_snake_case name (allowed: lower_snake_case, 1–40 characters)', value: cat, fix: `rename it to ${cat.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^[^a-z]+/, '') || 'a name such as news'}` });
      break;
    }
    case 'audience': {
      const a = c as StepConfig<'audience'>;
      if (a.segments.length === 0 || a.segments.length > 30)
        issues.push({ path: 'audience.segments', message: `has ${a.segments.length} segments (allowed: 1–30)`, value: a.segments.length, fix: 'define between 1 and 30 segments' });
      const seen = new Set<string>();
      a.segments.forEach((s, i) => {
        if (seen.has(s.name)) issues.push({ path: `audience.segments.${i}.name`, message: `duplicates the segment name '${s.name}'`, value: s.name, fix: 'give every segment a unique name' });
        seen.add(s.name);
        if (s.name === 'general' || s.name === 'all') issues.push({ path: `audience.segments.${i}.name`, message: `'${s.name}' is reserved`, value: s.name, fix: "choose another name ('general' means no segment, 'all' means everyone)" });
        if (s.age_min !== undefined && s.age_max !== undefined && s.age_min > s.age_max)
          issues.push({ path: `audience.segments.${i}.age_min`, message: `is greater than age_max (${s.age_max})`, value: s.age_min, fix: 'swap age_min and age_max' });
        if (new Set(s.categories).size !== s.categories.length) issues.push({ path: `audience.segments.${i}.categories`, message: 'lists a category twice', value: s.categories, fix: 'list each category once' });
      });
      const bt = a.behavioral_thresholds;
      if (bt.heavy_daily_events <= bt.regular_daily_events)
        issues.push({ path: 'audience.behavioral_thresholds.heavy_daily_events', message: `must be greater than regular_daily_events (${bt.regular_daily_events})`, value: bt.heavy_daily_events, fix: `set it above ${bt.regular_daily_events}` });
      break;
    }
    case 'campaigns': {
      const k = c as StepConfig<'campaigns'>;
      range('duration_days', k.duration_days.min, k.duration_days.max, 'flight lengths in days');
      if (k.channels.length === 0) issues.push({ path: 'campaigns.channels', message: 'is empty (allowed: a non-empty subset of email, social, display, video, ctv)', value: [], fix: "list at least one channel, e.g. ['email', 'social']" });
      if (new Set(k.channels).size !== k.channels.length) issues.push({ path: 'campaigns.channels', message: 'lists a channel twice', value: k.channels, fix: 'list each channel once' });
      if (k.attribution_models.length === 0) issues.push({ path: 'campaigns.attribution_models', message: 'is empty (allowed: a non-empty subset of the five models)', value: [], fix: "list at least one model, e.g. ['last_touch']" });
      if (new Set(k.attribution_models).size !== k.attribution_models.length) issues.push({ path: 'campaigns.attribution_models', message: 'lists a model twice', value: k.attribution_models, fix: 'list each model once' });
      if (k.audience_share.min > k.audience_share.max)
        issues.push({ path: 'campaigns.audience_share.min', message: `min (${k.audience_share.min}) is greater than max (${k.audience_share.max})`, value: k.audience_share, fix: 'swap min and max' });
      if (k.frequency.mean > k.frequency.cap) issues.push({ path: 'campaigns.frequency.mean', message: `is above the frequency cap (${k.frequency.cap})`, value: k.frequency.mean, fix: `lower it to at most ${k.frequency.cap} or raise campaigns.frequency.cap` });
      break;
    }
  }
}

/** Rules that need several steps. */
export function crossRules(c: IdentityGraphConfig, issues: Issue[], warnings: Issue[]): void {
  const cats = new Set(Object.keys(c.engagement.content_categories));
  c.audience.segments.forEach((s, i) => {
    s.categories.forEach((cat, j) => {
      if (!cats.has(cat))
        issues.push({
          path: `audience.segments.${i}.categories.${j}`,
          message: `refers to '${cat}', which is not a configured content category`,
          value: cat,
          fix: `use one of ${[...cats].join(', ')}${closest(cat, [...cats]) ? ` (did you mean '${closest(cat, [...cats])}'?)` : ''}, or add '${cat}' to engagement.content_categories`,
        });
    });
    const lo = s.age_min ?? c.demographics.age.min;
    const hi = s.age_max ?? c.demographics.age.max;
    if (lo <= hi && (hi < c.demographics.age.min || lo > c.demographics.age.max))
      issues.push({
        path: `audience.segments.${i}.age_min`,
        message: `segment ages ${lo}–${hi} lie outside the population's ages ${c.demographics.age.min}–${c.demographics.age.max}, so '${s.name}' can never match`,
        value: { age_min: s.age_min, age_max: s.age_max },
        fix: 'move the segment age range inside demographics.age',
      });
  });
  if (c.campaigns.duration_days.max > c.engagement.time_period_days)
    issues.push({
      path: 'campaigns.duration_days.max',
      message: `flights of up to ${c.campaigns.duration_days.max} days do not fit the ${c.engagement.time_period_days}-day engagement window`,
      value: c.campaigns.duration_days.max,
      fix: `lower campaigns.duration_days.max to at most ${c.engagement.time_period_days}, or lengthen engagement.time_period_days`,
    });
  // age / education / employment / income plausibility against the population model
  const age = c.demographics.age;
  if (age.min < age.max) {
    const brackets = weightsOf(INCOME_BRACKETS, c.households.income_brackets);
    const ages = ageModel(c, brackets);
    const edu = weightsOf(EDUCATION_LEVELS, c.demographics.education);
    EDUCATION_LEVELS.forEach((lvl, i) => {
      const w = edu[i] as number;
      const eligible = shareAtLeast(ages, EDUCATION_MIN_AGE[lvl]);
      if (w > 0 && EDUCATION_MIN_AGE[lvl] <= age.max && w > eligible + 1e-9)
        issues.push({
          path: `demographics.education.${lvl}`,
          message: `is implausible: ${(w * 100).toFixed(1)}% of individuals would hold ${lvl}, but only ${(eligible * 100).toFixed(1)}% are ${EDUCATION_MIN_AGE[lvl]} or older`,
          value: c.demographics.education[lvl],
          fix: `lower demographics.education.${lvl} below ${eligible.toFixed(3)}, or raise the ages (demographics.age)`,
        });
    });
    const emp = weightsOf(EMPLOYMENT_STATUSES, c.demographics.employment);
    EMPLOYMENT_STATUSES.forEach((st, i) => {
      const w = emp[i] as number;
      const eligible = shareAtLeast(ages, EMPLOYMENT_MIN_AGE[st]);
      if (w > 0 && EMPLOYMENT_MIN_AGE[st] <= age.max && w > eligible + 1e-9)
        issues.push({
          path: `demographics.employment.${st}`,
          message: `is implausible: ${(w * 100).toFixed(1)}% of individuals would be ${st}, but only ${(eligible * 100).toFixed(1)}% are ${EMPLOYMENT_MIN_AGE[st]} or older`,
          value: c.demographics.employment[st],
          fix: `lower demographics.employment.${st} below ${eligible.toFixed(3)}, or raise the ages (demographics.age)`,
        });
    });
    const high = (brackets[3] as number) + (brackets[4] as number);
    if (age.max < 25 && high > 0.1)
      issues.push({
        path: 'households.income_brackets',
        message: `is implausible for householders aged ${age.min}–${age.max}: ${(high * 100).toFixed(0)}% of households would earn over $100k (about 4% of US households headed by under-25s do)`,
        value: c.households.income_brackets,
        fix: 'lower the 100k-150k and 150k+ weights to at most 0.1 together, or widen demographics.age',
      });
    const earners = ['full_time', 'part_time', 'self_employed', 'retired'] as const;
    const earning = sum(earners.map((s) => c.demographics.employment[s] ?? 0));
    const above25 = 1 - (brackets[0] as number);
    if (earning === 0 && above25 > 0)
      issues.push({
        path: 'demographics.employment',
        message: `is implausible: nobody works or draws a pension, yet ${(above25 * 100).toFixed(0)}% of households would earn over $25k`,
        value: c.demographics.employment,
        fix: 'give full_time, part_time, self_employed or retired a positive weight, or put every household in the <25k bracket',
      });
  }
  const ids = c.demographics.identifiers_per_person;
  const primaryW = c.demographics.identifier_types[c.demographics.primary_identifier] ?? 0;
  if (primaryW < 1 / ids.mean - 1e-9)
    warnings.push({
      path: `demographics.identifier_types.${c.demographics.primary_identifier}`,
      message: `every individual has one primary ${c.demographics.primary_identifier}, so its share is at least 1/mean = ${(1 / ids.mean).toFixed(3)}; the output will hold more than the configured ${primaryW}`,
      value: primaryW,
      fix: `raise it to at least ${(1 / ids.mean).toFixed(3)}, or choose another demographics.primary_identifier`,
    });
  const ctvW = c.demographics.identifier_types.ctv_id ?? 0;
  if (ctvW * ids.mean > 1 + 1e-9)
    warnings.push({ path: 'demographics.identifier_types.ctv_id', message: `at most one household CTV per individual: the share cannot exceed 1/mean = ${(1 / ids.mean).toFixed(3)}`, value: ctvW, fix: `lower it to at most ${(1 / ids.mean).toFixed(3)}` });
  const rows = c.households.num_households * 2 * c.engagement.events_per_person.mean;
  if (c.run.target === 'local' && rows > 2e9)
    warnings.push({ path: 'engagement.events_per_person.mean', message: `about ${(rows / 1e9).toFixed(1)} billion engagement rows for a local run`, value: c.engagement.events_per_person.mean, fix: 'lower the households or events per person, or run on Databricks' });
}
