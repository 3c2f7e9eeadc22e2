/**
 * Refreshes the generated columns/constraints block of docs/tables/<table>.md.
 * Usage (from the repository root): node_modules/.bin/tsx --conditions=source packages/presets/scripts/write-table-docs.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableBlocks, withBlock } from './table-docs.js';

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/tables');
for (const [table, block] of tableBlocks()) {
  const file = path.join(docs, `${table}.md`);
  const text = existsSync(file) ? readFileSync(file, 'utf8') : `# ${table}\n`;
  writeFileSync(file, withBlock(text, block));
  process.stdout.write(`wrote docs/tables/${table}.md\n`);
}
