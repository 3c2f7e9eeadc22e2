/**
 * docs/getting-started.md is a walk-through that must keep working: its commands exist, and the
 * flow it describes — init, validate, generate --config, the SQL on the Parquet output, report —
 * runs (with a small household count) and every SQL block returns rows.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckdbReader } from '@synthgraph/duckdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCommand } from '../commands/generate.js';
import { initCommand, INIT_HELP } from '../commands/init.js';
import { reportCommand } from '../commands/report.js';
import { validateCommand } from '../commands/validate.js';
import type { CliIO } from '../io.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const doc = readFileSync(path.join(root, 'docs', 'getting-started.md'), 'utf8');
const blocks = (lang: string): string[] => [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] as string);
let dir: string;
let text = '';
const io = (): CliIO => ({
  stdout: { write: (s: string) => ((text += s), true) },
  stderr: { write: (s: string) => ((text += s), true) },
  cwd: dir,
  env: {},
  onInterrupt: () => () => undefined,
});

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'synthgraph-getting-started-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('docs/getting-started.md', () => {
  it('installs with the README command and uses only existing commands and init options', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const sh = blocks('sh').join('\n');
    expect(sh).toContain('npx -y pnpm@10.34.8 install');
    expect(readme).toContain('npx -y pnpm@10.34.8 install');
    const commands = new Set([...sh.matchAll(/pnpm synthgraph ([a-z][a-z-]*)/g)].map((m) => m[1]));
    expect([...commands].sort()).toEqual(['generate', 'init', 'report', 'validate']);
    for (const m of sh.matchAll(/pnpm synthgraph init (.*)/g)) for (const opt of (m[1] as string).match(/--[a-z-]+/g) ?? []) expect(INIT_HELP).toContain(opt);
    for (const link of [...doc.matchAll(/\]\(([^)#]+)\)/g)].map((m) => m[1] as string).filter((l) => !/^https?:/.test(l)))
      expect(existsSync(path.join(root, 'docs', link)), link).toBe(true);
  });

  it('the flow runs: init, validate, generate --config, the SQL, report', async () => {
    const config = path.join(dir, 'synthgraph.yaml');
    const out = path.join(dir, 'synthgraph-out');
    expect(await initCommand(['--yes'], io(), { randomSeed: () => 1234567 })).toBe(0);
    expect(await validateCommand(['--config', config], io())).toBe(0);
    expect(text).toContain('is valid (preset identity-graph, seed 1234567)');
    expect(await generateCommand(['--config', config, '--households', '300', '--out', out, '--quiet'], io())).toBe(0);
    expect(text).toMatch(/checks: \d+ passed, 0 failed/);
    const sql = blocks('sql');
    expect(sql.length).toBeGreaterThanOrEqual(3);
    const reader = await DuckdbReader.open(out);
    try {
      for (const q of sql) {
        const rows = await reader.query(q.replaceAll("'synthgraph-out/", `'${out}/`).replace(/;\s*$/, ''));
        expect(rows.length, q).toBeGreaterThan(0);
      }
    } finally {
      reader.close();
    }
    expect(await reportCommand([out], io())).toBe(0);
    expect(existsSync(path.join(out, 'report.html'))).toBe(true);
  });
});
