/**
 * The append rules of the identity graph's `run` step, the same for `--mode` on the command
 * line and `run.mode` in a config: the mode flag is written into the config (so the preset's
 * own rules see it), and an append to a local output without `run.batch` takes the next
 * unused batch index of that output (a Databricks append names its batch itself: the warehouse,
 * not a local directory, holds its earlier batches).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { nextBatchIndex, type Manifest } from '@synthgraph/core';

/** True when the run goes to a Databricks warehouse (`--target databricks`, or `run.target: catalog.schema` without `--target`). */
function remoteTarget(target: unknown, run: Record<string, unknown>): boolean {
  if (target !== undefined) return target === 'databricks';
  return typeof run['target'] === 'string' && run['target'] !== 'local' && run['target'].includes('.');
}

/**
 * Applies `--mode` (the parsed options' `mode`) to the config input and chooses the batch of a
 * local append when none is set; returns the chosen batch index, if one was chosen.
 *
 * @example
 * ```ts
 * const chosen = applyRunMode(input, { mode: 'append' }, '/data/out'); // 1 after a first run into /data/out
 * ```
 */
export function applyRunMode(input: Record<string, Record<string, unknown>>, values: Readonly<Record<string, unknown>>, out: string | undefined): number | undefined {
  const run = { ...(input['run'] ?? {}) };
  const mode = values['mode'];
  if (mode === 'replace' || mode === 'append') run['mode'] = mode;
  let chosen: number | undefined;
  const manifestFile = out === undefined || remoteTarget(values['target'], run) ? undefined : path.join(out, 'manifest.json');
  if (run['mode'] === 'append' && run['batch'] === undefined && manifestFile !== undefined && existsSync(manifestFile)) {
    try {
      chosen = nextBatchIndex(JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest);
      run['batch'] = chosen;
    } catch {
      /* not a readable manifest: the engine names the problem when it opens the output */
    }
  }
  if (Object.keys(run).length) input['run'] = run;
  return chosen;
}
