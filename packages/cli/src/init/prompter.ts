/**
 * The prompts the init wizard needs, behind a small interface: the real one is @clack/prompts on
 * a terminal, tests script it. A cancelled prompt (Ctrl-C, Escape) rejects with
 * {@link WizardCancelledError} so the wizard never has to check for a cancel symbol.
 */
import type { Readable, Writable } from 'node:stream';
import { SynthgraphError } from '@synthgraph/core';

/** One choice of a select or multiselect. */
export interface Choice<T extends string> {
  readonly value: T;
  readonly label?: string;
  readonly hint?: string;
}

/**
 * What the wizard asks and tells. Every question resolves to the answer or rejects with
 * {@link WizardCancelledError}.
 *
 * @example
 * ```ts
 * const p: Prompter = await clackPrompter({ input: process.stdin, output: process.stdout });
 * const n = await p.text({ message: 'Households', defaultValue: '10000' });
 * ```
 */
export interface Prompter {
  intro(title: string): void;
  outro(message: string): void;
  /** A section heading (one step of the wizard). */
  step(message: string): void;
  info(message: string): void;
  success(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** The closing line of a cancelled session. */
  cancelled(message: string): void;
  /** A line of text; an empty answer is `defaultValue` (shown as the placeholder). */
  text(q: { readonly message: string; readonly defaultValue: string }): Promise<string>;
  select<T extends string>(q: { readonly message: string; readonly options: readonly Choice<T>[]; readonly initialValue?: T }): Promise<T>;
  multiselect<T extends string>(q: { readonly message: string; readonly options: readonly Choice<T>[]; readonly initialValues: readonly T[] }): Promise<T[]>;
  confirm(q: { readonly message: string; readonly initialValue: boolean }): Promise<boolean>;
}

/**
 * The user cancelled a prompt (Ctrl-C or Escape). Nothing has been written.
 *
 * @example
 * ```ts
 * try { await runWizard(opts); } catch (e) { if (e instanceof WizardCancelledError) console.log('nothing written'); }
 * ```
 */
export class WizardCancelledError extends SynthgraphError {
  constructor() {
    super('CANCELLED', 'cancelled, nothing written');
  }
}

function answered<T>(v: T): Exclude<T, symbol> {
  if (typeof v === 'symbol') throw new WizardCancelledError();
  return v as Exclude<T, symbol>;
}

/** Our choices as clack options (clack's option type is conditional on the value type). */
const options = <T extends string>(cs: readonly Choice<T>[]): never[] => cs.map((o) => ({ value: o.value, label: o.label ?? o.value, ...(o.hint ? { hint: o.hint } : {}) })) as never[];

/**
 * The real prompter: @clack/prompts on the given terminal streams. `signal` cancels the prompt
 * on screen (used for a SIGINT that arrives outside raw mode). @clack/prompts is loaded here,
 * only when questions are asked (it is ESM-only, and `--yes` runs never need it).
 *
 * @example
 * ```ts
 * const p = await clackPrompter({ input: process.stdin, output: process.stdout });
 * p.intro('synthgraph init');
 * ```
 */
export async function clackPrompter(streams: { readonly input: Readable; readonly output: Writable; readonly signal?: AbortSignal }): Promise<Prompter> {
  const clack = await import('@clack/prompts');
  const common = { input: streams.input, output: streams.output, ...(streams.signal ? { signal: streams.signal } : {}) };
  const out = { output: streams.output };
  return {
    intro: (title) => clack.intro(title, out),
    outro: (message) => clack.outro(message, out),
    step: (message) => clack.log.step(message, out),
    info: (message) => clack.log.info(message, out),
    success: (message) => clack.log.success(message, out),
    warn: (message) => clack.log.warn(message, out),
    error: (message) => clack.log.error(message, out),
    cancelled: (message) => clack.cancel(message, out),
    text: async (q) => {
      const v = answered(await clack.text({ ...common, message: q.message, placeholder: q.defaultValue, defaultValue: q.defaultValue }));
      return v === undefined || v === '' ? q.defaultValue : v;
    },
    select: async <T extends string>(q: { readonly message: string; readonly options: readonly Choice<T>[]; readonly initialValue?: T }) =>
      answered(
        await clack.select<T>({
          ...common,
          message: q.message,
          options: options(q.options),
          ...(q.initialValue !== undefined ? { initialValue: q.initialValue } : {}),
        }),
      ),
    multiselect: async <T extends string>(q: { readonly message: string; readonly options: readonly Choice<T>[]; readonly initialValues: readonly T[] }) =>
      answered(
        await clack.multiselect<T>({
          ...common,
          message: q.message,
          options: options(q.options),
          initialValues: [...q.initialValues],
          // an empty selection reaches the SDK's validation, which says what to fix
          required: false,
        }),
      ),
    confirm: async (q) => answered(await clack.confirm({ ...common, message: q.message, initialValue: q.initialValue })),
  };
}
