/**
 * `--preset PATH`: a user's preset module (TypeScript or JavaScript) runs through generate,
 * plan, validate and init; a missing module or one without a preset is a clear exit 2.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '@synthgraph/core';
import { fakeIO } from '../test/support/fake-io.js';
import { main } from './main.js';
import type { PlanJson } from './commands/plan.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const example = path.join(root, 'examples', 'custom-preset.ts');
let dir: string;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIO(dir);
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

beforeAll(async () => {
  // Inside the repository, so the modules written here resolve @synthgraph/* as a user's would.
  await mkdir(path.join(root, 'node_modules', '.cache'), { recursive: true });
  dir = await mkdtemp(path.join(root, 'node_modules', '.cache', 'sg-cli-preset-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('--preset PATH', () => {
  it('generate runs examples/custom-preset.ts with its config file and seed', async () => {
    await writeFile(path.join(dir, 'subs.yaml'), 'customers: 300\nmonths: 6\n');
    const r = await run('generate', '--preset', example, '--config', 'subs.yaml', '--seed', '7', '--out', 'subs');
    expect(r.code, r.err).toBe(0);
    const m = JSON.parse(await readFile(path.join(dir, 'subs', 'manifest.json'), 'utf8')) as Manifest;
    expect(m.scenario).toBe('subscriptions');
    expect(m.seed).toBe(7);
    expect(m.tables['customers']?.rows).toBe(300);
    expect(Object.keys(m.tables).sort()).toEqual(['customer_revenue', 'customers', 'invoices', 'plans']);
    expect(m.checks.every((c) => c.violations === 0)).toBe(true);
  });

  it('plan and validate use the module too; an invalid config names the field', async () => {
    const plan = JSON.parse((await run('plan', '--preset', example, '--json', '--no-checks')).out) as PlanJson;
    expect(plan.scenario).toBe('subscriptions');
    expect(plan.statements.map((s) => s.table)).toContain('invoices');
    await writeFile(path.join(dir, 'bad.yaml'), 'customers: 0\n');
    const bad = await run('validate', '--preset', example, '--config', 'bad.yaml');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('customers');
    expect((await run('generate', '--preset', example, '--households', '10', '--out', 'h')).err).toContain('--households: applies to the identity-graph preset');
  });

  it('init writes the preset defaults and says how to run them', async () => {
    const r = await run('init', '--preset', example, '--yes', '--out', 'subs-init.yaml');
    expect(r.code, r.err).toBe(0);
    expect(await readFile(path.join(dir, 'subs-init.yaml'), 'utf8')).toContain('customers: 2000');
    expect(r.out).toContain(`generate --config subs-init.yaml --preset ${example}`);
  });

  it('a JavaScript module works; a missing module or one without a preset exits 2 and writes nothing', async () => {
    await writeFile(
      path.join(dir, 'tiny.mjs'),
      `import { scenario } from '@synthgraph/core';\nimport { definePreset, z } from '@synthgraph/presets';\n` +
        `export const preset = definePreset({ name: 'tiny', description: 'one table', config: z.object({ rows: z.number().int().default(5) }), build: (c) => scenario('tiny').entity('items', (e) => e.rows(c.rows).key('item_id')) });\n`,
    );
    const ok = await run('generate', '--preset', './tiny.mjs', '--seed', '1', '--out', 'tiny', '--no-report');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('5 rows in 1 tables');

    await writeFile(path.join(dir, 'none.mjs'), 'export const answer = 42;\n');
    for (const [ref, text] of [
      ['./missing-preset.ts', 'no preset module at this path'],
      ['./none.mjs', 'exports no preset (exports: answer)'],
    ] as const) {
      const r = await run('generate', '--preset', ref, '--out', 'never');
      expect(r.code, ref).toBe(2);
      expect(r.err, ref).toContain(`--preset: ${text}`);
      expect(existsSync(path.join(dir, 'never'))).toBe(false);
    }
  });
});
