/**
 * Realism targets: the distribution targets a preset records in its manifest
 * (`extra.distributionTargets`, each with its expected value and tolerance) measured on the
 * output with the preset's own evaluator, so the report's verdict is the one the realism tests use.
 */
import type { Manifest } from '@synthgraph/core';
import { evaluateDistributions, type DistributionTarget, type SqlTarget } from '@synthgraph/presets';
import { num, unavailable } from './report-sql.js';
import type { ChecksSummary, Maybe, RealismData, RealismTargetResult, Verdict } from './report-types.js';

const isTarget = (v: unknown): v is DistributionTarget => typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string' && typeof (v as { id?: unknown }).id === 'string';

/**
 * The recorded targets of a manifest (an array of `{ kind, id, … }`), or null when it records none.
 *
 * @example
 * ```ts
 * recordedTargets(manifest)?.map((t) => t.id); // ['households.income_bracket', …]
 * ```
 */
export function recordedTargets(m: Pick<Manifest, 'extra'>): DistributionTarget[] | null {
  const v = m.extra['distributionTargets'];
  if (!Array.isArray(v)) return null;
  const targets = v.filter(isTarget);
  return targets.length ? targets : null;
}

/**
 * Measures every recorded target, one at a time: a target that cannot be measured (its table or
 * column is absent, its kind unknown to this version) is listed as not measured, never failed.
 *
 * @example
 * ```ts
 * const realism = await realismData((sql) => reader.query(sql), manifest, { dialect: 'duckdb' });
 * if (realism.status === 'ok') console.log(`${realism.met} of ${realism.total} met`);
 * ```
 */
export async function realismData(query: ((sql: string) => Promise<Record<string, unknown>[]>) | null, manifest: Pick<Manifest, 'extra'>, target: SqlTarget): Promise<Maybe<RealismData>> {
  const title = 'Realism targets';
  const targets = recordedTargets(manifest);
  if (!targets) return unavailable('realism', title, 'the manifest records no realism targets (extra.distributionTargets as a list)');
  if (!query) return unavailable('realism', title, 'the tables could not be read');
  const items: RealismTargetResult[] = [];
  for (const t of targets) {
    const description = typeof t.description === 'string' ? t.description : t.id;
    try {
      const [r] = await evaluateDistributions([t], query, target);
      items.push(r ? { id: t.id, kind: t.kind, description, pass: r.pass, deviation: num(r.deviation), reason: null } : { id: t.id, kind: t.kind, description, pass: null, deviation: null, reason: 'no result' });
    } catch (e) {
      items.push({ id: t.id, kind: t.kind, description, pass: null, deviation: null, reason: (e as Error).message.split('\n')[0] ?? 'not measurable' });
    }
  }
  const met = items.filter((i) => i.pass === true).length;
  const missed = items.filter((i) => i.pass === false).length;
  return { status: 'ok', total: items.length, met, missed, notMeasured: items.length - met - missed, items };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * The verdict line: `pass` when no check failed and no realism target was missed.
 *
 * @example
 * ```ts
 * verdictOf({ total: 2, passed: 2, failed: 0, items: [] }, realism).status; // 'pass' when no target was missed
 * ```
 */
export function verdictOf(checks: ChecksSummary, realism: Maybe<RealismData>): Verdict {
  const r = realism.status === 'ok' ? realism : null;
  const fail = checks.failed > 0 || (r !== null && r.missed > 0);
  const checkText = checks.total === 0 ? 'no checks recorded' : checks.failed ? `${plural(checks.failed, 'check')} of ${checks.total} failed` : `all ${plural(checks.total, 'check')} passed`;
  const realismText = !r
    ? 'no realism targets recorded'
    : `${r.met} of ${plural(r.total, 'realism target')} met${r.missed ? ` (${r.missed} missed: ${r.items.filter((i) => i.pass === false).map((i) => i.id).join(', ')})` : ''}${r.notMeasured ? `, ${r.notMeasured} not measured` : ''}`;
  return { status: fail ? 'fail' : 'pass', text: `${fail ? 'Needs attention' : 'Looks good'}: ${checkText}; ${realismText}.` };
}
