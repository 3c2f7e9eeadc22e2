/**
 * Writes the identity-graph config JSON Schema to schema/identity-graph.schema.json.
 * Usage (from the repository root): node_modules/.bin/tsx --conditions=source packages/presets/scripts/write-schema.ts
 * A test fails when the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { identityGraphJsonSchema, JSON_SCHEMA_PATH } from '../src/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, JSON_SCHEMA_PATH);
writeFileSync(file, `${JSON.stringify(identityGraphJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
