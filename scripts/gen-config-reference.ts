/**
 * Writes docs/config-reference.md from the identity-graph preset's zod config schema (every
 * field: path, type, default, allowed values, description). With --check, writes nothing and
 * exits 1 when the committed file is out of date.
 *
 *   node_modules/.bin/tsx --conditions=source scripts/gen-config-reference.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderConfigReference } from '../packages/cli/src/init/config-reference.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, 'docs', 'config-reference.md');
const text = renderConfigReference();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // missing counts as out of date
  }
  if (current !== text) {
    process.stderr.write('docs/config-reference.md is out of date: run node_modules/.bin/tsx --conditions=source scripts/gen-config-reference.ts\n');
    process.exit(1);
  }
  process.stdout.write('docs/config-reference.md is up to date\n');
} else {
  writeFileSync(file, text);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file) || file}\n`);
}
