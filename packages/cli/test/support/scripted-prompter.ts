/**
 * Test helper: a {@link Prompter} that answers from a script instead of a terminal. Each rule
 * matches prompt messages and hands out its answers in order; a prompt no rule answers gets its
 * default (Enter). Everything shown and asked is recorded.
 */
import { WizardCancelledError, type Choice, type Prompter } from '../../src/init/prompter.js';

/**
 * Cancels the prompt (Ctrl-C).
 *
 * @example
 * ```ts
 * scriptedPrompter([{ match: /^Seed/, answers: [CANCEL] }]);
 * ```
 */
export const CANCEL = Symbol('cancel');
/**
 * Presses Enter (takes the default).
 *
 * @example
 * ```ts
 * scriptedPrompter([{ match: /^Target/, answers: [ENTER, 'main.synthetic'] }]);
 * ```
 */
export const ENTER = Symbol('enter');

/** An answer: text for text prompts, a value for selects, values for multiselects, a boolean for confirms. */
export type ScriptedAnswer = string | boolean | readonly string[] | typeof CANCEL | typeof ENTER;

/** Answers for the prompts whose message matches. */
export interface ScriptRule {
  readonly match: RegExp;
  readonly answers: ScriptedAnswer[];
}

/** A scripted prompter and what it recorded. */
export interface ScriptedPrompter extends Prompter {
  /** Every prompt message asked, in order. */
  readonly asked: string[];
  /** Every line shown (`kind: text`), in order, prompts included (`? message`). */
  readonly log: string[];
}

/**
 * A prompter driven by rules (at most `maxPrompts` prompts, so a loop fails instead of hanging).
 *
 * @example
 * ```ts
 * const p = scriptedPrompter([{ match: /^Number of households/, answers: ['0', '500'] }]);
 * ```
 */
export function scriptedPrompter(rules: readonly ScriptRule[], maxPrompts = 500): ScriptedPrompter {
  const asked: string[] = [];
  const log: string[] = [];
  const next = (message: string): ScriptedAnswer => {
    asked.push(message);
    log.push(`? ${message}`);
    if (asked.length > maxPrompts) throw new Error(`more than ${maxPrompts} prompts; last: ${message}`);
    const rule = rules.find((r) => r.match.test(message) && r.answers.length > 0);
    const a = rule ? (rule.answers.shift() as ScriptedAnswer) : ENTER;
    if (a === CANCEL) throw new WizardCancelledError();
    return a;
  };
  return {
    asked,
    log,
    intro: (t) => void log.push(`intro: ${t}`),
    outro: (t) => void log.push(`outro: ${t}`),
    step: (t) => void log.push(`step: ${t}`),
    info: (t) => void log.push(`info: ${t}`),
    success: (t) => void log.push(`success: ${t}`),
    warn: (t) => void log.push(`warn: ${t}`),
    error: (t) => void log.push(`error: ${t}`),
    cancelled: (t) => void log.push(`cancelled: ${t}`),
    text: async (q) => {
      const a = next(q.message);
      if (a === ENTER || a === '') return q.defaultValue;
      if (typeof a !== 'string') throw new Error(`text prompt '${q.message}' got ${String(a)}`);
      return a;
    },
    select: async <T extends string>(q: { readonly message: string; readonly options: readonly Choice<T>[]; readonly initialValue?: T }) => {
      const a = next(q.message);
      const v = a === ENTER ? (q.initialValue ?? q.options[0]?.value) : a;
      const hit = q.options.find((o) => o.value === v);
      if (!hit) throw new Error(`select '${q.message}' has no option ${String(v)} (options: ${q.options.map((o) => o.value).join(', ')})`);
      return hit.value;
    },
    multiselect: async <T extends string>(q: { readonly message: string; readonly options: readonly Choice<T>[]; readonly initialValues: readonly T[] }) => {
      const a = next(q.message);
      if (a === ENTER) return [...q.initialValues];
      if (!Array.isArray(a)) throw new Error(`multiselect '${q.message}' got ${String(a)}`);
      for (const v of a) if (!q.options.some((o) => o.value === v)) throw new Error(`multiselect '${q.message}' has no option ${String(v)}`);
      return [...(a as T[])];
    },
    confirm: async (q) => {
      const a = next(q.message);
      if (a === ENTER) return q.initialValue;
      if (typeof a !== 'boolean') throw new Error(`confirm '${q.message}' got ${String(a)}`);
      return a;
    },
  };
}
