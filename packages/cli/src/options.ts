/**
 * Option parsing helpers: every problem is collected with the option's name and the fix.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Issue } from '@synthgraph/core';
import { UsageError } from './cli-error.js';

/** Parsed values keyed by option name. */
export type Values = Record<string, string | boolean | undefined>;

/** The option table of a command, as `node:util` `parseArgs` takes it. */
export type OptionTable = NonNullable<ParseArgsConfig['options']>;

/** Positional arguments a command accepts (default: none). */
export interface PositionalSpec {
  /** How many at most. */
  readonly max: number;
  /** How the help names them, e.g. `DIR`. */
  readonly name: string;
}

/** Edit distance (insertions, deletions, substitutions), for did-you-mean suggestions. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] as number;
}

/**
 * The closest of `candidates` to `word` when it is close enough to be a typo, else undefined.
 *
 * @example
 * ```ts
 * closest('housholds', ['households', 'seed']); // 'households'
 * closest('xyz', ['households', 'seed']); // undefined
 * ```
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = c.startsWith(w) && w.length >= 3 ? 0.5 : distance(w, c.toLowerCase());
    if (!best || d < best.d) best = { c, d };
  }
  return best && best.d <= Math.max(1, Math.floor(best.c.length / 3)) ? best.c : undefined;
}

const usage = (command: string, message: string, path: string, value: unknown, fix: string): UsageError =>
  new UsageError(`${message}\nRun 'synthgraph ${command} --help' for the options.`, [{ path, message, value, fix }]);

/**
 * Parses argv strictly: an unknown option or an unexpected positional argument is a usage error
 * (exit 2) naming it, with the closest option as a did-you-mean.
 *
 * @example
 * ```ts
 * const { values } = parse(['--households', '100'], { households: { type: 'string' } }, 'generate');
 * ```
 */
export function parse(args: readonly string[], options: OptionTable, command: string, positional: PositionalSpec = { max: 0, name: '' }): { values: Values; positionals: string[] } {
  const names = Object.keys(options);
  const loose = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  for (const t of loose.tokens ?? []) {
    // '-5' after a string option is a (negative) value, reported by the strict pass below.
    if (t.kind !== 'option' || Object.hasOwn(options, t.name) || /^-\d/.test(t.rawName)) continue;
    const near = closest(t.name, names);
    throw usage(command, `unknown option '${t.rawName}' for 'synthgraph ${command}'${near ? `. Did you mean --${near}?` : ''}`, t.rawName, t.rawName, near ? `--${near}` : `run 'synthgraph ${command} --help'`);
  }
  let r: ReturnType<typeof parseArgs>;
  try {
    r = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (e) {
    // The remaining parse errors: a string option without its value, a value given to a flag.
    const msg = (e as Error).message;
    const name = /'(-{1,2}[\w-]+)/.exec(msg)?.[1] ?? command;
    if (/ambiguous/.test(msg)) throw usage(command, `${name} needs a value; write a value that starts with a dash as ${name}=VALUE`, name, undefined, `${name}=VALUE`);
    const missing = /argument missing/.test(msg);
    throw usage(command, missing ? `${name} needs a value` : `${name} takes no value`, name, undefined, missing ? `${name} VALUE` : `write ${name} alone`);
  }
  const extra = r.positionals.slice(positional.max);
  if (extra.length) {
    const [first, next] = extra as [string, string | undefined];
    const near = closest(first.replace(/^-+/, ''), names);
    const fix = near ? `--${near}${options[near]?.type === 'string' && next !== undefined ? ` ${next}` : ''}` : `remove '${first}'`;
    const takes = positional.max ? `takes at most ${positional.max} argument${positional.max === 1 ? '' : 's'} (${positional.name})` : 'takes no arguments, only options';
    throw usage(command, `unexpected argument '${first}': 'synthgraph ${command}' ${takes}${near ? `. Did you mean ${fix}?` : ''}`, first, extra, fix);
  }
  return { values: r.values as Values, positionals: r.positionals };
}

/** Reads an integer option within bounds, collecting issues. */
export function intOption(values: Values, name: string, issues: Issue[], bounds: { min: number; max?: number }): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const text = String(raw).replace(/_/g, '');
  const n = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < bounds.min || (bounds.max !== undefined && n > bounds.max)) {
    issues.push({
      path: `--${name}`,
      message: `must be an integer${bounds.max !== undefined ? ` from ${bounds.min} to ${bounds.max}` : ` ≥ ${bounds.min}`}`,
      value: raw,
      fix: `e.g. --${name} ${Math.max(bounds.min, 1)}`,
    });
    return undefined;
  }
  return n;
}

/** Reads a string option that must be one of `choices`. */
export function choiceOption<T extends string>(values: Values, name: string, choices: readonly T[], issues: Issue[]): T | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (!choices.includes(raw as T)) {
    issues.push({ path: `--${name}`, message: `must be one of ${choices.join(', ')}`, value: raw, fix: `e.g. --${name} ${choices[0]}` });
    return undefined;
  }
  return raw as T;
}

/** Throws a usage error when issues were collected. */
export function throwIfIssues(issues: readonly Issue[], command: string): void {
  if (!issues.length) return;
  const lines = issues.map((i) => `  - ${i.path}: ${i.message}${i.value !== undefined ? ` (got ${JSON.stringify(i.value)})` : ''}${i.fix ? ` — fix: ${i.fix}` : ''}`);
  throw new UsageError(`Invalid options for 'synthgraph ${command}':\n${lines.join('\n')}`, issues);
}
