/**
 * Test support (not exported from the package): a content hash of every row the in-process
 * evaluator produces for an IR. Run as a script it hashes an IR read from a JSON file, so tests
 * can compare the hash computed in another process:
 *
 *   node_modules/.bin/tsx --conditions=source packages/core/test/support/rows-hash.ts plan.json
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseIR } from '../../src/ir/schema.js';
import type { ScenarioIR } from '../../src/ir/types.js';
import { Evaluator } from '../../src/eval/evaluator.js';
import { canonicalValue } from '../../src/eval/values.js';

/**
 * SHA-256 (hex) over the canonical text of every row of every entity the evaluator supports, in
 * IR order: `entity\n` then one tab-separated line per row of output columns.
 *
 * @example
 * ```ts
 * hashRows(scenario.toIR({ seed: 42 })); // '5f0c…'
 * ```
 */
export function hashRows(ir: ScenarioIR): string {
  const h = createHash('sha256');
  const ev = new Evaluator(ir);
  for (const e of ir.entities) {
    if (!ev.supports(e.name)) continue;
    const types = e.columns.filter((c) => c.output).map((c) => c.type);
    h.update(`${e.name}\n`);
    for (const r of ev.internalRows(e.name)) h.update(`${r.map((v, i) => canonicalValue(types[i] ?? { kind: 'string' }, v)).join('\t')}\n`);
  }
  return h.digest('hex');
}

const invoked = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invoked) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: rows-hash.ts <ir.json>\n');
    process.exit(2);
  }
  process.stdout.write(`${hashRows(parseIR(JSON.parse(readFileSync(file, 'utf8'))))}\n`);
}
