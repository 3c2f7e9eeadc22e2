/**
 * Every TypeScript block of docs/writing-a-scenario.md, docs/custom-presets.md and of the guides
 * that walk through an example (docs/guides/embedding-in-a-service.md,
 * docs/guides/scripts-and-notebooks.md) is an
 * excerpt of an example in this folder (or a subfolder), and the examples are type-checked and
 * run in CI — so every snippet of those pages compiles.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const tsBlocks = (doc: string): string[] => [...readFileSync(path.join(here, '..', 'docs', doc), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
/** Lines without their indentation, so an excerpt matches at any nesting depth. */
const lines = (s: string): string[] => s.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
const examples = readdirSync(here, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.split(path.sep).includes('node_modules'))
  .map((f) => ({ file: f, text: lines(readFileSync(path.join(here, f), 'utf8')).join('\n') }));

/** Each documented page and the least number of TypeScript blocks it has. */
const DOCS: readonly (readonly [string, number])[] = [
  ['writing-a-scenario.md', 8],
  ['custom-presets.md', 1],
  ['guides/embedding-in-a-service.md', 7],
  ['guides/scripts-and-notebooks.md', 2],
];

describe.each(DOCS)('docs/%s', (doc, least) => {
  const blocks = tsBlocks(doc);

  it('has TypeScript snippets', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(least);
  });

  it.each(blocks.map((b, i) => [i + 1, b] as const))('snippet %i is an excerpt of an example', (_i, block) => {
    const wanted = lines(block).join('\n');
    const found = examples.find((e) => e.text.includes(wanted));
    expect(found, `not found in examples/**/*.ts:\n${block}`).toBeDefined();
  });
});

describe('the README commands and the packages', () => {
  const root = path.join(here, '..');
  const read = (f: string): string => readFileSync(path.join(root, f), 'utf8');
  const pkg = (f: string): Record<string, unknown> => JSON.parse(read(f)) as Record<string, unknown>;

  it('.ci/run runs exactly the README test command', () => {
    const readme = read('README.md');
    const test = /^npx -y pnpm@[\d.]+ install.* test:all$/m.exec(readme)?.[0];
    expect(test).toBeDefined();
    expect(read('.ci/run').trimEnd().split('\n').at(-1)).toBe(test);
  });

  it('the root build script quotes its filter, so no shell expands it', () => {
    const scripts = pkg('package.json')['scripts'] as Record<string, string>;
    expect(scripts['build']).toBe("pnpm -r --filter './packages/**' build");
    expect(read('scripts/test-all.mjs')).toContain("'run', 'build'");
    expect(read('scripts/test-all.mjs')).toContain('setup-chromium.sh');
  });

  it('every package ships LICENSE and README and declares the root Node range and its repository', () => {
    const engines = pkg('package.json')['engines'];
    expect(read('LICENSE')).toContain('Apache License');
    for (const name of readdirSync(path.join(root, 'packages'))) {
      const dir = `packages/${name}`;
      const p = pkg(`${dir}/package.json`);
      expect(p['license'], name).toBe('Apache-2.0');
      expect(read(`${dir}/LICENSE`), name).toBe(read('LICENSE'));
      expect(read(`${dir}/README.md`), name).toMatch(/## Install[\s\S]*```(ts|sh)[\s\S]*docs/);
      expect(p['engines'], name).toEqual(engines);
      expect(p['files'], name).toEqual(expect.arrayContaining(['dist', 'README.md', 'LICENSE']));
      expect(p['repository'], name).toMatchObject({ type: 'git', directory: dir });
      expect(typeof p['homepage'] === 'string' && typeof (p['bugs'] as { url?: string }).url === 'string', name).toBe(true);
    }
  });

  it('every guide is linked from the README docs list and the docs index', () => {
    const readme = read('README.md');
    const index = read('docs/README.md');
    const guides = readdirSync(path.join(root, 'docs/guides')).filter((f) => f.endsWith('.md'));
    expect(guides.length).toBeGreaterThanOrEqual(3);
    for (const g of [...guides.map((f) => `guides/${f}`), 'custom-presets.md']) {
      expect(readme, g).toContain(`](docs/${g})`);
      expect(index, g).toContain(`](${g})`);
    }
  });

  it('the synthgraph bin is a committed file, so it resolves at install time', () => {
    const bin = (pkg('packages/cli/package.json')['bin'] as Record<string, string>)['synthgraph'] as string;
    expect(bin.startsWith('./dist/')).toBe(false);
    expect(read(path.join('packages/cli', bin))).toContain('building synthgraph');
  });
});
