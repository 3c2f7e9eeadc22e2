import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const fixtures = join(here, 'fixtures');

let eslint: ESLint;

beforeAll(async () => {
  // The repository's own configuration, rooted at the fixtures (which the normal lint ignores).
  const { configFor } = (await import(pathToFileURL(join(root, 'eslint.config.js')).href)) as { configFor: (root: string) => Linter.Config[] };
  eslint = new ESLint({ cwd: fixtures, overrideConfigFile: true, overrideConfig: configFor(fixtures) });
});

async function ruleIds(file: string): Promise<string[]> {
  const [result] = await eslint.lintFiles([join(fixtures, file)]);
  if (!result) throw new Error(`no lint result for ${file}`);
  return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`).sort();
}

describe('lint guard rails', () => {
  it('fails a deliberate import cycle on both sides', async () => {
    expect(await ruleIds('packages/core/src/cycle-a.ts')).toEqual(['import-x/no-cycle']);
    expect(await ruleIds('packages/core/src/cycle-b.ts')).toEqual(['import-x/no-cycle']);
  });

  it('fails an upward import between packages', async () => {
    expect(await ruleIds('packages/core/src/upward.ts')).toEqual(['import-x/no-restricted-paths']);
  });

  it('fails product code that imports test support', async () => {
    expect(await ruleIds('packages/core/src/imports-test-support.ts')).toEqual(['import-x/no-restricted-paths']);
  });

  it('fails a static import of an engine package in the CLI (optional peers, loaded through engines.ts), not a type import', async () => {
    expect(await ruleIds('packages/cli/src/static-engine.ts')).toEqual(['@typescript-eslint/no-restricted-imports']);
  });

  it('fails a bare Error thrown from product code', async () => {
    expect(await ruleIds('packages/core/src/raw-throw.ts')).toEqual(['no-restricted-syntax']);
  });

  it('fails a product file over 400 lines, not a test file', async () => {
    const long = Array.from({ length: 401 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';
    const lint = async (file: string): Promise<string[]> => {
      const [result] = await eslint.lintText(long, { filePath: join(fixtures, file) });
      return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
    };
    expect(await lint('packages/core/src/long.ts')).toEqual(['max-lines']);
    expect(await lint('packages/core/src/long.test.ts')).toEqual([]);
  });

  it('passes clean files: a downward import, and a test importing test support', async () => {
    expect(await ruleIds('packages/core/src/clean.ts')).toEqual([]);
    expect(await ruleIds('packages/cli/src/command.ts')).toEqual([]);
    expect(await ruleIds('packages/core/src/clean.test-d.ts')).toEqual([]);
    expect(await ruleIds('packages/core/test/support/fake-rows.ts')).toEqual([]);
  });
});
