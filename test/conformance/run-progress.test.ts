/**
 * Progress events mean the same on every engine: the same steps, phases and order for the same
 * scenario (the engines share core's run loop and RunProgress).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, type Manifest, type ProgressEvent } from '@synthgraph/core';
import { duckdb } from '@synthgraph/duckdb';
import { databricks, type GrantReport } from '@synthgraph/databricks';
import { FakeWarehouse } from '../../packages/databricks/test/support/fake-warehouse.js';
import { conformanceScenario } from './scenario.js';

const granted: GrantReport = { principal: 'local', principalType: 'user', groups: [], catalog: 'main', schema: 'synth', mode: 'replace', schemaExists: true, required: [], satisfied: true, missing: [], notes: [] };

/** The events without timing and engine-specific wording. */
const shape = (events: readonly ProgressEvent[]): string[] =>
  events.filter((e) => e.state !== 'running').map((e) => `${e.step}/${e.steps} ${e.phase}:${e.state}${e.table ? ` ${e.table}` : ''}${e.phase === 'check' && e.state === 'finished' ? ` ${e.detail ?? ''}=${e.rows ?? ''}` : ''}`);

describe('progress events', () => {
  it('count the same steps, in the same phases and order, on DuckDB and on a Databricks warehouse', async () => {
    const ir = conformanceScenario(40).toIR({ seed: 7 });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sg-progress-'));
    try {
      const local: ProgressEvent[] = [];
      const remote: ProgressEvent[] = [];
      const m: Manifest = await generate(ir, duckdb({ out: path.join(dir, 'out') }), { onProgress: (e) => local.push(e) });
      await generate(ir, databricks({ catalog: 'main', schema: 'synth', session: new FakeWarehouse().factory, grantsChecked: granted, retries: 0 }), { onProgress: (e) => remote.push(e) });
      const steps = ir.entities.length + m.checks.length + 1;
      expect(local[0]?.steps).toBe(steps);
      // The fake warehouse answers every check with 0 violations: compare the counts of the real run with that.
      const zero = (events: ProgressEvent[]): ProgressEvent[] => events.map((e) => (e.phase === 'check' && e.state === 'finished' ? { ...e, rows: 0 } : e));
      expect(shape(local).filter((s) => s.includes(' table:started ')).length).toBe(ir.entities.length);
      expect(shape(local).filter((s) => s.includes(' check:finished ')).length).toBe(m.checks.length);
      expect(shape(zero(remote))).toEqual(shape(zero(local)));
      expect(local.at(-1)).toMatchObject({ phase: 'done', step: steps, steps });
      expect(local.every((e, i) => e.step >= (local[i - 1]?.step ?? 0))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
