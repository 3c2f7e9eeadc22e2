/**
 * Turns zod parse errors of the identity-graph config into core {@link Issue}s that name the
 * field path, the offending value, the allowed range and a fix (with "did you mean" spelling).
 */
import type { Issue } from '@synthgraph/core';
import { z } from 'zod';
import type { FieldMeta } from './config-schema.js';

/** Any zod schema of the config. */
export type AnySchema = z.ZodType;

/** The schema node at a path (through defaults, optionals, objects, arrays and records). */
export function schemaAt(schema: AnySchema, path: readonly PropertyKey[]): AnySchema | undefined {
  let s: AnySchema | undefined = schema;
  const unwrap = (x: AnySchema): AnySchema => {
    let cur = x;
    for (let i = 0; i < 10; i++) {
      const def = cur._zod.def as { type: string; innerType?: AnySchema };
      if ((def.type === 'default' || def.type === 'prefault' || def.type === 'optional' || def.type === 'nullable') && def.innerType) cur = def.innerType;
      else break;
    }
    return cur;
  };
  for (const key of path) {
    if (!s) return undefined;
    const inner = unwrap(s);
    const def = inner._zod.def as { type: string; shape?: Record<string, AnySchema>; element?: AnySchema; valueType?: AnySchema };
    if (def.type === 'object') s = def.shape?.[String(key)];
    else if (def.type === 'array') s = def.element;
    else if (def.type === 'record') s = def.valueType;
    else return undefined;
  }
  return s;
}

/** The field metadata (description, allowed range) at a path. */
function metaAt(schema: AnySchema, path: readonly PropertyKey[]): { description?: string; allowed?: string } {
  let s = schemaAt(schema, path);
  for (let i = 0; s && i < 10; i++) {
    const m = z.globalRegistry.get(s) as Partial<FieldMeta> | undefined;
    if (m?.['x-allowed']) return { description: m.description, allowed: m['x-allowed'] };
    const def = s._zod.def as { type: string; innerType?: AnySchema };
    s = def.innerType;
  }
  return {};
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k as string];
  }
  return v;
}

const dotted = (prefix: string, path: readonly PropertyKey[]): string => [prefix, ...path.map(String)].filter((x) => x !== '').join('.');

/** The option closest to `word` by edit distance, when close enough to be a likely typo. */
export function closest(word: string, options: readonly string[]): string | undefined {
  const dist = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        (d[i] as number[])[j] = Math.min((d[i - 1] as number[])[j]! + 1, (d[i] as number[])[j - 1]! + 1, (d[i - 1] as number[])[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    return (d[a.length] as number[])[b.length] as number;
  };
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const dd = dist(word.toLowerCase(), o.toLowerCase());
    if (dd < bestD) {
      bestD = dd;
      best = o;
    }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** A short description of a value's type for messages (`an array`, `a string`, …). */
export function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Converts zod issues into core issues with value, allowed range and fix. */
export function zodToIssues(schema: AnySchema, error: z.ZodError, input: unknown, prefix: string): Issue[] {
  const out: Issue[] = [];
  for (const zi of error.issues) {
    if (zi.code === 'unrecognized_keys') {
      const known = Object.keys(((): Record<string, unknown> => {
        const s = schemaAt(schema, zi.path);
        let cur = s;
        for (let i = 0; cur && i < 10; i++) {
          const def = cur._zod.def as { type: string; innerType?: AnySchema; shape?: Record<string, unknown> };
          if (def.type === 'object') return def.shape ?? {};
          cur = def.innerType;
        }
        return {};
      })());
      for (const key of zi.keys) {
        const near = closest(key, known);
        out.push({
          path: dotted(prefix, [...zi.path, key]),
          message: `is not a known field${known.length ? ` (known fields: ${known.join(', ')})` : ''}`,
          value: valueAt(input, [...zi.path, key]),
          fix: near ? `did you mean '${near}'? rename it` : 'remove it',
        });
      }
      continue;
    }
    const m = metaAt(schema, zi.path);
    const value = valueAt(input, zi.path);
    const allowed = m.allowed ? ` (allowed: ${m.allowed})` : '';
    let message: string;
    switch (zi.code) {
      case 'invalid_type':
        message = value === undefined ? `is required${allowed}` : `must be ${zi.expected === 'int' ? 'an integer' : zi.expected === 'number' ? 'a number' : `of type ${zi.expected}`}, got ${describeType(value)}${allowed}`;
        break;
      case 'too_big':
        message = `must be ${zi.inclusive ? '≤' : '<'} ${String(zi.maximum)}${allowed}`;
        break;
      case 'too_small':
        message = `must be ${zi.inclusive ? '≥' : '>'} ${String(zi.minimum)}${allowed}`;
        break;
      case 'invalid_value':
        message = `must be one of ${zi.values.map((x) => JSON.stringify(x)).join(', ')}`;
        break;
      case 'invalid_format':
        message = `${zi.message}${allowed}`;
        break;
      default:
        message = `${zi.message}${allowed}`;
    }
    const field = dotted(prefix, zi.path);
    out.push({ path: field, message, value, fix: m.allowed ? `set ${field} to ${m.allowed}` : 'correct the value' });
  }
  return out;
}

/** Whether `v` is a plain object (not null, not an array). */
export const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
