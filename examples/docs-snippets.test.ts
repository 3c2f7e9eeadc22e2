/**
 * Every TypeScript block of docs/writing-a-scenario.md is an excerpt of an example in this folder,
 * and the examples are type-checked and run in CI — so every snippet of the tutorial compiles.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const doc = readFileSync(path.join(here, '..', 'docs', 'writing-a-scenario.md'), 'utf8');
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
/** Lines without their indentation, so an excerpt matches at any nesting depth. */
const lines = (s: string): string[] => s.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
const examples = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => ({ file: f, text: lines(readFileSync(path.join(here, f), 'utf8')).join('\n') }));

describe('docs/writing-a-scenario.md', () => {
  it('has TypeScript snippets', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  it.each(blocks.map((b, i) => [i + 1, b] as const))('snippet %i is an excerpt of an example', (_i, block) => {
    const wanted = lines(block).join('\n');
    const found = examples.find((e) => e.text.includes(wanted));
    expect(found, `not found in examples/*.ts:\n${block}`).toBeDefined();
  });
});
