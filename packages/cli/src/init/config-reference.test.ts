/**
 * docs/config-reference.md is generated from the preset's config schema: the committed file must
 * be what the generator writes today, and must name every field.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getPreset } from '@synthgraph/presets';
import { describe, expect, it } from 'vitest';
import { renderConfigReference } from './config-reference.js';
import { allowedOf, schemaAtPath, schemaFields, typeOf, type JsonSchemaNode } from './schema-fields.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const committed = readFileSync(path.join(root, 'docs', 'config-reference.md'), 'utf8');
const schema = getPreset('identity-graph').jsonSchema() as JsonSchemaNode;

describe('docs/config-reference.md', () => {
  it('is up to date (regenerate: node_modules/.bin/tsx --conditions=source scripts/gen-config-reference.ts)', () => {
    expect(committed).toBe(renderConfigReference());
  });

  it('has a row for every field of every step, with its description', () => {
    const fields = schemaFields(schema).filter((f) => f.depth > 1); // depth 1: the steps, one heading each
    expect(fields.length).toBeGreaterThan(100);
    for (const f of fields) {
      const row = committed.split('\n').find((l) => l.startsWith(`| \`${f.path}\` |`));
      expect(row, f.path).toBeDefined();
      if (f.description) expect(row).toContain(f.description.replace(/\|/g, '\\|'));
    }
    for (const step of getPreset('identity-graph').steps) expect(committed).toContain(`\`${step}\``);
  });
});

describe('schema fields', () => {
  it('walks objects, maps and list items, inheriting defaults from the parent', () => {
    const fields = new Map(schemaFields(schema).map((f) => [f.path, f]));
    expect(fields.get('households.num_households')).toMatchObject({ type: 'integer', default: 10000, hasDefault: true });
    expect(fields.get('households.income_brackets.<25k')).toMatchObject({ default: 0.18, hasDefault: true });
    expect(fields.get('engagement.content_categories')?.type).toBe('map: string → number');
    expect(fields.has('engagement.content_categories.<name>')).toBe(true);
    expect(fields.has('audience.segments[].name')).toBe(true);
    expect(fields.get('campaigns.channels')?.type).toBe('array of "email" | "social" | "display" | "video" | "ctv"');
    expect(fields.get('run.seed')?.hasDefault).toBe(false);
  });

  it('derives types and allowed values when no metadata says', () => {
    expect(typeOf({ type: 'integer' })).toBe('integer');
    expect(allowedOf({ type: 'integer', minimum: 1, maximum: 5 })).toBe('1 to 5');
    expect(allowedOf({ type: 'number', minimum: 0 })).toBe('≥ 0');
    expect(allowedOf({ enum: ['a', 'b'] })).toBe('one of "a", "b"');
    expect(schemaAtPath(schema, ['audience', 'segments', 0, 'name'])?.type).toBe('string');
    expect(schemaAtPath(schema, ['engagement', 'content_categories', 'news'])?.type).toBe('number');
  });
});
