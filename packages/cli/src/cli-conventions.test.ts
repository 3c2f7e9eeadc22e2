/**
 * The CLI's conventions: version, help, did-you-mean for unknown commands, options and
 * arguments, and the --json documents of validate and plan.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { version } from '@synthgraph/core';
import { fakeIO } from '../test/support/fake-io.js';
import { main } from './main.js';
import type { PlanJson } from './commands/plan.js';
import type { ValidateJson } from './commands/validate.js';
import { fitToWidth, ProgressRenderer } from './progress.js';

let dir: string;
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = fakeIO(dir);
  const code = await main(args, r);
  return { code, out: r.out, err: r.err };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-cli-conv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('version and help', () => {
  it.each([['-V'], ['--version']])('%s prints the version', async (flag) => {
    expect(await run(flag)).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });

  it("'help <command>' prints the command's help, as '<command> --help' does", async () => {
    for (const cmd of ['generate', 'plan', 'validate', 'init', 'report', 'check-grants']) {
      const a = await run('help', cmd);
      expect(a.code, cmd).toBe(0);
      expect(a.out, cmd).toBe((await run(cmd, '--help')).out);
      expect(a.out, cmd).toContain(`synthgraph ${cmd}`);
    }
  });
});

describe('did-you-mean', () => {
  it('an unknown command exits 2 with the closest command', async () => {
    const r = await run('genrate');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown command 'genrate'. Did you mean 'generate'?");
    expect((await run('help', 'pln')).err).toContain("Did you mean 'plan'?");
  });

  it('an unknown option exits 2 with the closest option, not the raw parser text', async () => {
    const r = await run('generate', '--housholds', '100', '--out', 'typo');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown option '--housholds' for 'synthgraph generate'. Did you mean --households?");
    expect(r.err).not.toMatch(/ERR_PARSE_ARGS|Unknown option/);
    expect(existsSync(path.join(dir, 'typo'))).toBe(false);
  });

  it('a missing option value names the option', async () => {
    const r = await run('plan', '--households');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--households needs a value');
  });

  it("'generate households 100' exits 2, suggests --households 100 and writes nothing", async () => {
    const r = await run('generate', 'households', '100', '--out', 'positional');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unexpected argument 'households'");
    expect(r.err).toContain('Did you mean --households 100?');
    expect(existsSync(path.join(dir, 'positional'))).toBe(false);
  });

  it('every command rejects stray arguments (report takes one directory)', async () => {
    for (const args of [['plan', 'spark'], ['validate', 'x.yaml'], ['init', 'now'], ['check-grants', 'main'], ['report', 'a', 'b']]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toContain('unexpected argument');
    }
  });
});

describe('--json', () => {
  it('validate --json prints the documented document, valid or not', async () => {
    await writeFile(path.join(dir, 'ok.yaml'), 'households:\n  num_households: 2000\nrun:\n  seed: 9\n');
    const ok = await run('validate', '--config', 'ok.yaml', '--json');
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toEqual({ valid: true, config: 'ok.yaml', preset: 'identity-graph', seed: 9, warnings: [], issues: [] } satisfies ValidateJson);

    await writeFile(path.join(dir, 'bad.yaml'), 'households:\n  num_households: -3\n');
    const bad = await run('validate', '--config', 'bad.yaml', '--json');
    expect(bad.code).toBe(2);
    const doc = JSON.parse(bad.out) as ValidateJson;
    expect(doc.valid).toBe(false);
    expect(doc.issues.map((i) => i.path)).toContain('households.num_households');
  });

  it('with --json a refused command also prints its error as JSON on stdout', async () => {
    const r = await run('plan', '--households', '0', '--json');
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out) as { error: { code: string; exitCode: number; issues: { path: string }[] } };
    expect(doc.error).toMatchObject({ code: 'INPUT_INVALID', exitCode: 2 });
    expect(doc.error.issues.map((i) => i.path)).toEqual(['--households']);
  });

  it('plan --json lists every statement with its table, rows and SQL', async () => {
    const r = await run('plan', '--households', '100', '--json');
    expect(r.code, r.err).toBe(0);
    const plan = JSON.parse(r.out) as PlanJson;
    expect(plan).toMatchObject({ scenario: 'identity-graph', seed: 42, dialect: 'duckdb' });
    const households = plan.statements.find((s) => s.kind === 'table' && s.table === 'households');
    expect(households?.estimatedRows).toBe(100);
    expect(households?.sql).toContain('CREATE OR REPLACE TABLE "households"');
    // The checks as runs send them: one statement per table, its checks in columns c0, c1, …
    const checks = plan.statements.filter((s) => s.kind === 'check');
    expect(new Set(checks.map((s) => s.table)).size).toBe(checks.length);
    const individuals = checks.find((s) => s.table === 'individuals');
    expect(individuals?.checks?.[0]).toEqual({ name: 'individuals.primaryKey(individual_id)', column: 'c0', verified: 'scan' });
    expect(individuals?.checks?.find((c) => c.name.startsWith('individuals.foreignKey(household_id'))).toMatchObject({ verified: 'construction+sample' });
    for (const s of checks) for (const c of s.checks ?? []) expect(s.sql, c.name).toContain(` AS "${c.column}"`);
    // The lookup tables of the large pools: created before the first table, dropped after the last.
    const kinds = plan.statements.map((s) => `${s.kind}${s.role ? `:${s.role}` : ''}`);
    expect(kinds[0]).toBe('lookup:create');
    expect(plan.statements[0]?.sql).toMatch(/^CREATE OR REPLACE TEMP TABLE "_sg_lookup_\w+"/);
    expect(kinds.lastIndexOf('lookup:create')).toBeLessThan(kinds.indexOf('table'));
    expect(kinds.indexOf('lookup:drop')).toBeGreaterThan(kinds.lastIndexOf('table'));
    const noChecks = JSON.parse((await run('plan', '--households', '100', '--json', '--no-checks')).out) as PlanJson;
    expect(noChecks.statements.every((s) => s.kind === 'table' || s.kind === 'lookup')).toBe(true);
  });
});

describe('progress on a terminal', () => {
  it('cuts a line to the terminal width, so it never wraps', () => {
    expect(fitToWidth('[3/12] generating content_engagements …', 21)).toBe('[3/12] generating c…');
    expect(fitToWidth('short', 80)).toBe('short');
  });

  it('redraws one live line: every frame erases the line and fits in the width', () => {
    let written = '';
    const stream = { isTTY: true, columns: 30, write: (s: string) => ((written += s), true) };
    const p = new ProgressRenderer(stream);
    p.on({ phase: 'table', state: 'started', table: 'content_engagements_with_a_long_name', step: 1, steps: 2, elapsedMs: 5 });
    p.on({ phase: 'table', state: 'finished', table: 'content_engagements_with_a_long_name', rows: 123456, step: 1, steps: 2, elapsedMs: 900 });
    p.on({ phase: 'done', state: 'finished', rows: 123456, step: 2, steps: 2, elapsedMs: 1000 });
    const frames = written.split('\r\x1b[2K').filter(Boolean);
    expect(frames).toHaveLength(3);
    for (const f of frames) expect([...f.replace(/\n$/, '')].length).toBeLessThan(30);
    expect(written.endsWith('\n')).toBe(true);
  });
});
