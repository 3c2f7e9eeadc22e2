/**
 * The JSON Schema of the identity-graph configuration (draft 2020-12), for editors, UIs and
 * config files. Cross-field rules (weights summing to 1, min ≤ max, segment categories) are not
 * expressible in JSON Schema; `validateConfig` checks them.
 */
import { z } from 'zod';
import { identityGraphConfigSchema } from './config-schema.js';

/**
 * Where the committed schema lives (relative to the package root).
 *
 * @example
 * ```ts
 * JSON_SCHEMA_PATH; // "schema/identity-graph.schema.json"
 * ```
 */
export const JSON_SCHEMA_PATH = 'schema/identity-graph.schema.json';

/**
 * The JSON Schema of the identity-graph config input (every field optional; defaults shown).
 *
 * @example
 * ```ts
 * const schema = identityGraphJsonSchema();
 * schema.properties; // run, households, demographics, engagement, audience, campaigns
 * ```
 */
export function identityGraphJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(identityGraphConfigSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: schema['$schema'],
    $id: 'https://synthgraph.dev/schema/identity-graph.schema.json',
    title: 'synthgraph identity-graph preset configuration',
    description: 'Six steps: run, households, demographics, engagement, audience, campaigns. Weights must sum to 1 (±1e-6) unless normalize_weights is true.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}
