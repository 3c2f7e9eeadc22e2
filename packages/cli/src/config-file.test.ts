import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONFIG_BYTES, MAX_CONFIG_DEPTH } from './config-file.js';
import { fakeIO } from '../test/support/fake-io.js';
import { main } from './main.js';

let dir: string;

/** Runs `generate --config FILE` and returns the exit code and stderr; nothing may be written. */
async function generateWith(file: string): Promise<{ code: number; err: string }> {
  const o = fakeIO(dir);
  const code = await main(['generate', '--config', file, '--out', 'out', '--quiet'], o);
  expect(existsSync(path.join(dir, 'out'))).toBe(false);
  return { code, err: o.err };
}

const nestedJson = (depth: number): string => `{"households": ${'{"a": '.repeat(depth)}1${'}'.repeat(depth)}}`;
const nestedYaml = (depth: number): string => `households: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-config-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('--config problems are exit 2 naming the file and the fix', () => {
  it('a directory', async () => {
    await mkdir(path.join(dir, 'conf.d'));
    const { code, err } = await generateWith('conf.d');
    expect(code).toBe(2);
    expect(err).toContain('is a directory');
    expect(err).toContain(path.join(dir, 'conf.d'));
    expect(err).not.toMatch(/unexpected error|EISDIR|\n\s+at /);
  });

  it('a file that cannot be read', async () => {
    // /proc/self/mem is a regular file that every read of fails (EIO), even for root.
    const { code, err } = await generateWith('/proc/self/mem');
    expect(code).toBe(2);
    expect(err).toContain('cannot read the file');
    expect(err).toContain('/proc/self/mem');
    expect(err).not.toMatch(/unexpected error|\n\s+at /);
  });

  it('a file over the size limit', async () => {
    const file = path.join(dir, 'huge.yaml');
    await writeFile(file, `# ${'x'.repeat(MAX_CONFIG_BYTES)}\nhouseholds: {}\n`);
    const { code, err } = await generateWith(file);
    expect(code).toBe(2);
    expect(err).toContain(`over the ${MAX_CONFIG_BYTES}-byte limit`);
    expect(err).toContain(file);
  });

  it.each([
    ['deep.json', nestedJson(5000)],
    ['deep.yaml', nestedYaml(5000)],
    ['deep-65.json', nestedJson(MAX_CONFIG_DEPTH)],
    ['deep-65.yaml', nestedYaml(MAX_CONFIG_DEPTH)],
  ])('%s nested deeper than the limit', async (name, text) => {
    const file = path.join(dir, name);
    await writeFile(file, text);
    const { code, err } = await generateWith(file);
    expect(code).toBe(2);
    expect(err).toContain(`nests deeper than ${MAX_CONFIG_DEPTH} levels`);
    expect(err).toContain(file);
    expect(err).not.toMatch(/unexpected error|RangeError|call stack|\n\s+at /);
  });

  it('nesting up to the limit is read (and then validated as usual)', async () => {
    const file = path.join(dir, 'deep-ok.json');
    await writeFile(file, nestedJson(MAX_CONFIG_DEPTH - 2));
    const { code, err } = await generateWith(file);
    expect(code).toBe(2);
    expect(err).not.toContain('nests deeper');
    expect(err).toContain('households');
  });
});
