/**
 * The guided set-up: walks a preset's config steps in order, prefilled with the preset's
 * defaults, validating each step with the preset's own step validation before moving on. An
 * invalid step is asked again with every problem shown (path, value, allowed range, fix); a
 * valid one ends with a choice to continue, go back to the previous step or edit it again.
 * After the last step the whole configuration is validated; a cross-step problem takes the user
 * back to the step it names.
 */
import type { Issue } from '@synthgraph/core';
import type { Prompter } from './prompter.js';
import { getAt, parseNumberAnswer, setAt, type Question, type StepPlan, type StepValue, type WizardPlan } from './wizard-plan.js';

/** A validation result as the presets return it. */
export type StepValidation = { readonly ok: true; readonly config: unknown; readonly warnings: readonly Issue[] } | { readonly ok: false; readonly issues: readonly Issue[]; readonly warnings: readonly Issue[] };

/** What the wizard needs of a preset (the presets' `Preset` satisfies it). */
export interface WizardPreset {
  readonly name: string;
  readonly steps: readonly string[];
  readonly defaultConfig: unknown;
  validateStep(step: string, input: unknown): StepValidation;
  validateConfig(input: unknown): StepValidation;
}

/** Options of {@link runWizard}. */
export interface WizardOptions {
  readonly preset: WizardPreset;
  readonly plan: WizardPlan;
  readonly prompter: Prompter;
  /** The seed proposed at the first step (written into the config). */
  readonly seed: number;
}

/** The wizard's result: the resolved configuration and its warnings. */
export interface WizardOutcome {
  readonly config: Record<string, unknown>;
  readonly warnings: readonly Issue[];
}

/**
 * One line per issue: `path: message (got value)` then its fix.
 *
 * @example
 * ```ts
 * formatIssue({ path: 'households.num_households', message: 'must be ≥ 1', value: 0, fix: 'set it to 1 or more' });
 * // "households.num_households: must be ≥ 1 (got 0)\n  fix: set it to 1 or more"
 * ```
 */
export function formatIssue(i: Issue): string {
  let got = '';
  if (i.value !== undefined) {
    const s = JSON.stringify(i.value) ?? String(i.value);
    got = ` (got ${s.length > 80 ? `${s.slice(0, 77)}...` : s})`;
  }
  return `${i.path || '(config)'}: ${i.message}${got}${i.fix ? `\n  fix: ${i.fix}` : ''}`;
}

/** The part of an issue path inside `step`, or undefined when the issue is about another step. */
function inStep(step: string, path: string): string | undefined {
  if (path === step) return '';
  return path.startsWith(`${step}.`) ? path.slice(step.length + 1) : undefined;
}

/** Issues that concern the field at `key` (the field itself, something inside it, or its parent object). */
function issuesAt(step: string, key: string, issues: readonly Issue[]): Issue[] {
  return issues.filter((i) => {
    const rel = inStep(step, i.path);
    return rel !== undefined && rel !== '' && (rel === key || rel.startsWith(`${key}.`) || key.startsWith(`${rel}.`));
  });
}

const clone = <T>(v: T): T => structuredClone(v);
const show = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : Array.isArray(v) ? v.join(', ') : String(v));

/** Asks one question into `draft`. */
async function ask(p: Prompter, q: Question, draft: StepValue, fallback: StepValue, defaults: StepValue, flagged: boolean): Promise<void> {
  // a field named by an error starts from its last valid value, so Enter gets a valid step back
  const current = flagged ? getAt(fallback, q.key) : getAt(draft, q.key);
  const message = flagged ? `${q.label}  ✖ see the error above` : q.label;
  switch (q.kind) {
    case 'number': {
      const answer = await p.text({ message, defaultValue: show(current) });
      setAt(draft, q.key, answer.trim() === '' ? current : parseNumberAnswer(answer));
      return;
    }
    case 'text': {
      const shown = q.none !== undefined && (current === '' || current === undefined) ? q.none : show(current);
      const answer = (await p.text({ message, defaultValue: shown })).trim();
      setAt(draft, q.key, q.none !== undefined && answer === q.none ? '' : answer);
      return;
    }
    case 'select': {
      const initial = typeof current === 'string' ? current : undefined;
      setAt(draft, q.key, await p.select({ message, options: q.options, ...(initial !== undefined ? { initialValue: initial } : {}) }));
      return;
    }
    case 'multiselect': {
      const source = flagged ? fallback : draft;
      const selected = q.read ? q.read(source) : ((getAt(source, q.key) as string[] | undefined) ?? []);
      const answer = await p.multiselect({ message, options: q.options(draft, defaults), initialValues: selected });
      if (q.write) q.write(draft, answer, defaults);
      else setAt(draft, q.key, answer);
      return;
    }
  }
}

/** Asks a step's questions (and, when chosen, its weights) and returns the draft. */
async function askStep(p: Prompter, plan: StepPlan, prefill: StepValue, lastValid: StepValue, defaults: StepValue, issues: readonly Issue[]): Promise<StepValue> {
  const draft = clone(prefill);
  for (const q of plan.questions) {
    if (q.when && !q.when(draft)) continue;
    await ask(p, q, draft, lastValid, defaults, issuesAt(plan.step, q.key, issues).length > 0);
  }
  if (!plan.weights.length) return draft;
  const flaggedWeights = plan.weights.filter((w) => issuesAt(plan.step, w.key, issues).length > 0).map((w) => w.key);
  const edit = await p.multiselect({
    message: 'Weights to edit (space selects, enter continues; none selected keeps them)',
    options: plan.weights.map((w) => ({ value: w.key, label: w.label, hint: weightSummary(getAt(draft, w.key)) })),
    initialValues: flaggedWeights,
  });
  if (!edit.length) return draft;
  for (const w of plan.weights.filter((x) => edit.includes(x.key))) {
    const map = getAt(draft, w.key);
    if (map === null || typeof map !== 'object') continue;
    for (const [name, value] of Object.entries(map as Record<string, unknown>)) {
      const answer = await p.text({ message: `${w.label}: ${name}`, defaultValue: show(value) });
      setAt(draft, `${w.key}.${name}`, answer.trim() === '' ? value : parseNumberAnswer(answer));
    }
  }
  const sumFlagged = issues.some((i) => /sum/.test(i.message) && flaggedWeights.length > 0);
  draft['normalize_weights'] = await p.confirm({ message: 'Rescale these weights to sum to 1 if they do not? (normalize_weights)', initialValue: draft['normalize_weights'] === true || sumFlagged });
  return draft;
}

function weightSummary(map: unknown): string {
  if (map === null || typeof map !== 'object') return '';
  const s = Object.entries(map as Record<string, unknown>)
    .map(([k, v]) => `${k} ${show(v)}`)
    .join(', ');
  return s.length > 70 ? `${s.slice(0, 67)}...` : s;
}

const emptyPlan = (step: string): StepPlan => ({ step, title: step, about: '', questions: [], weights: [] });

/**
 * Runs the guided set-up and returns the validated configuration (the preset's resolved form:
 * every field explicit). Rejects with `WizardCancelledError` when the user cancels a prompt.
 *
 * @example
 * ```ts
 * const { config } = await runWizard({ preset: getPreset('identity-graph'), plan: identityGraphWizard, prompter: clackPrompter(streams), seed: 42 });
 * ```
 */
export async function runWizard(o: WizardOptions): Promise<WizardOutcome> {
  const { preset, prompter: p } = o;
  const steps = preset.steps;
  const plans = steps.map((s) => o.plan.steps.find((x) => x.step === s) ?? emptyPlan(s));
  const defaults = clone(preset.defaultConfig) as Record<string, StepValue>;
  defaults['run'] = { ...(defaults['run'] ?? {}), seed: o.seed };
  const accepted: Record<string, StepValue> = clone(defaults);
  const drafts: Record<string, StepValue | undefined> = {};
  const pending: Record<string, readonly Issue[]> = {};
  const shownWarnings = new Set<string>();
  const warn = (ws: readonly Issue[]): void => {
    for (const w of ws) {
      const id = `${w.path}\0${w.message}`;
      if (shownWarnings.has(id)) continue;
      shownWarnings.add(id);
      p.warn(`${w.path}: ${w.message}${w.fix ? `\n  ${w.fix}` : ''}`);
    }
  };
  let review = false;
  let i = 0;
  for (;;) {
    if (i >= steps.length) {
      const whole = o.preset.validateConfig(accepted);
      warn(whole.warnings);
      if (whole.ok) return { config: whole.config as Record<string, unknown>, warnings: whole.warnings };
      p.error(`The steps are valid one by one, but not together:\n${whole.issues.map(formatIssue).join('\n')}`);
      const first = whole.issues.map((x) => steps.findIndex((s) => inStep(s, x.path) !== undefined)).find((x) => x >= 0) ?? steps.length - 1;
      const step = steps[first] as string;
      pending[step] = whole.issues.filter((x) => inStep(step, x.path) !== undefined);
      review = true;
      i = first;
      continue;
    }
    const step = steps[i] as string;
    const plan = plans[i] as StepPlan;
    const issues = pending[step] ?? [];
    if (!issues.length) p.step(`Step ${i + 1} of ${steps.length} · ${plan.title}${plan.about ? `\n${plan.about}` : ''}`);
    const draft = await askStep(p, plan, drafts[step] ?? (accepted[step] as StepValue), accepted[step] as StepValue, defaults[step] ?? {}, issues);
    const r = preset.validateStep(step, draft);
    if (!r.ok) {
      p.error(`${plan.title} is not valid yet; answer the step again (your answers are kept, the fields in error start from their last valid value):\n${r.issues.map(formatIssue).join('\n')}`);
      drafts[step] = draft;
      pending[step] = r.issues;
      continue;
    }
    warn(r.warnings);
    accepted[step] = r.config as StepValue;
    drafts[step] = undefined;
    pending[step] = [];
    const last = i === steps.length - 1;
    const nextLabel = review ? 'Continue → check the whole configuration' : last ? 'Finish: check and write the config file' : `Continue → ${(plans[i + 1] as StepPlan).title}`;
    const nav = await p.select({
      message: `${plan.title} ✓`,
      options: [{ value: 'next', label: nextLabel }, ...(i > 0 ? [{ value: 'back', label: `← Back to ${(plans[i - 1] as StepPlan).title}` }] : []), { value: 'again', label: `Edit ${plan.title} again` }],
      initialValue: 'next',
    });
    if (nav === 'back') {
      review = false;
      i--;
    } else if (nav === 'next') i = review ? steps.length : i + 1;
  }
}
