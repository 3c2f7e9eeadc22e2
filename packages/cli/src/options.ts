/**
 * Option parsing helpers: every problem is collected with the option's name and the fix.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Issue } from '@synthgraph/core';
import { UsageError } from './cli-error.js';

/** Parsed values keyed by option name. */
export type Values = Record<string, string | boolean | undefined>;

/** Parses argv strictly; unknown options are usage errors naming the option. */
export function parse(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>, command: string): { values: Values; positionals: string[] } {
  try {
    const r = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
    return { values: r.values as Values, positionals: r.positionals };
  } catch (e) {
    const msg = (e as Error).message;
    throw new UsageError(`${msg}\nRun 'synthgraph ${command} --help' for the options.`, [{ path: command, message: msg, fix: `run 'synthgraph ${command} --help'` }]);
  }
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
