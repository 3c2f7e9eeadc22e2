import { createHash } from 'node:crypto';
import { SpecError } from '../errors.js';
import type { ScenarioIR } from './types.js';

/**
 * Canonical JSON: object keys sorted, no whitespace. Equal IRs give equal text whatever the
 * order their properties were created in.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: 2 }); // '{"a":2,"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new SpecError([{ path: '', message: 'contains a non-finite number', value, fix: 'use finite numbers only' }], 'IR_INVALID');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * Stable content hash of an IR: `sha256:` + hex SHA-256 of its canonical JSON.
 *
 * @example
 * ```ts
 * irHash(ir); // 'sha256:3f…'
 * ```
 */
export function irHash(ir: ScenarioIR): string {
  return `sha256:${createHash('sha256').update(canonicalJson(ir)).digest('hex')}`;
}
