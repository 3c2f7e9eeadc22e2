/**
 * Finds the configured targets a report compares against, from the manifest.
 *
 * Two places, first match wins:
 * 1. `extra.distributionTargets` — explicit targets keyed by `table.column`, by column or by
 *    chart id (`{ "households.income_bracket": { "<25k": 0.2, … } }`, `{ gender: { weights: {…} } }`,
 *    `{ households: { household_size: { mean: 2.5 } } }` or an array of `{ table?, column, … }`).
 * 2. `config` (the resolved preset config) — searched by name: an object of non-negative numbers
 *    whose path mentions the hint (e.g. `income`) and whose keys are the values seen in the data;
 *    for numbers, an object with `mean` / `min` / `max` under a path naming the hints.
 * Pure functions of the manifest; nothing here reads data.
 */
import type { CategoricalTarget, NumericTarget } from './report-types.js';

type Json = unknown;

const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: Json): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Splits a path into lower-case word tokens.
 *
 * @example
 * ```ts
 * pathTokens('config.incomeBrackets.size_dist'); // ['config', 'income', 'brackets', 'size', 'dist']
 * ```
 */
export function pathTokens(path: string): string[] {
  return path
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True when every hint is a prefix of some token of the path. */
function mentions(path: string, hints: readonly string[]): boolean {
  const tokens = pathTokens(path);
  return hints.every((h) => tokens.some((t) => t.startsWith(h)));
}

const WEIGHT_WRAPPERS = ['weights', 'target', 'targets', 'expected', 'shares', 'distribution', 'probabilities'] as const;
const WEIGHT_FIELDS = ['weight', 'share', 'p', 'probability', 'target', 'expected'] as const;
const NAME_FIELDS = ['value', 'name', 'key', 'category', 'label', 'type'] as const;

/**
 * Reads weights from `{a: 0.2, …}`, `{weights: {…}}` or `[{value: 'a', weight: 0.2}, …]`; null otherwise.
 *
 * @example
 * ```ts
 * asWeights({ weights: { view: 0.6, click: 0.4 } }); // { view: 0.6, click: 0.4 }
 * ```
 */
export function asWeights(v: Json): Record<string, number> | null {
  if (Array.isArray(v)) {
    const out: Record<string, number> = {};
    for (const item of v) {
      if (!isRecord(item)) return null;
      const name = NAME_FIELDS.map((f) => item[f]).find((x): x is string => typeof x === 'string');
      const weight = WEIGHT_FIELDS.map((f) => item[f]).find(isNum);
      if (name === undefined || weight === undefined || weight < 0) return null;
      out[name] = weight;
    }
    return Object.keys(out).length >= 2 ? out : null;
  }
  if (!isRecord(v)) return null;
  for (const w of WEIGHT_WRAPPERS) {
    const inner = v[w];
    if (inner !== undefined) {
      const r = asWeights(inner);
      if (r) return r;
    }
  }
  const entries = Object.entries(v);
  if (entries.length < 2 || !entries.every(([, x]) => isNum(x) && x >= 0)) return null;
  // A numeric summary ({mean, sd, min, max}) is not a set of weights.
  if (entries.some(([k]) => NUMERIC_FIELDS.has(k))) return null;
  return Object.fromEntries(entries) as Record<string, number>;
}

const NUMERIC_FIELDS = new Set(['mean', 'avg', 'average', 'sd', 'std', 'std_dev', 'stddev', 'stdDev', 'min', 'max', 'range']);

/**
 * Reads `{mean, sd|std_dev, min, max}` or `{range: [min, max]}`; null when none is present.
 *
 * @example
 * ```ts
 * asNumericTarget({ mean: 2.5, std_dev: 1.2 }); // { mean: 2.5, sd: 1.2 }
 * ```
 */
export function asNumericTarget(v: Json): Omit<NumericTarget, 'source'> | null {
  if (!isRecord(v)) return null;
  const pick = (...names: string[]): number | undefined => names.map((n) => v[n]).find(isNum);
  let min = pick('min', 'minimum');
  let max = pick('max', 'maximum');
  const range = v['range'];
  if (Array.isArray(range) && range.length === 2 && isNum(range[0]) && isNum(range[1])) [min, max] = [range[0], range[1]];
  const t = { mean: pick('mean', 'avg', 'average'), sd: pick('sd', 'std', 'std_dev', 'stddev', 'stdDev'), min, max };
  const present = Object.fromEntries(Object.entries(t).filter(([, x]) => x !== undefined)) as Omit<NumericTarget, 'source'>;
  return Object.keys(present).length ? present : null;
}

/** Normalises weights to shares summing to 1 (null when they sum to 0). */
function toShares(w: Readonly<Record<string, number>>): Record<string, number> | null {
  const sum = Object.values(w).reduce((a, b) => a + b, 0);
  if (!(sum > 0)) return null;
  return Object.fromEntries(Object.entries(w).map(([k, x]) => [k, x / sum]));
}

interface Node {
  readonly path: string;
  readonly value: Json;
}

function walk(root: Json, prefix: string, depth = 8): Node[] {
  const out: Node[] = [];
  const go = (v: Json, path: string, d: number): void => {
    out.push({ path, value: v });
    if (d <= 0) return;
    if (isRecord(v)) for (const [k, x] of Object.entries(v)) go(x, `${path}.${k}`, d - 1);
  };
  go(root, prefix, depth);
  return out;
}

/** What a target lookup needs to know about a chart. */
export interface TargetQuery {
  /** Chart id, e.g. `income_bracket` or `household_size`. */
  readonly id: string;
  readonly table?: string;
  readonly column?: string;
  /** Hint groups: the config path must mention every hint of one group. */
  readonly hints: readonly (readonly string[])[];
}

/**
 * The configured targets of one output.
 *
 * @example
 * ```ts
 * const targets = new ReportTargets(manifest);
 * targets.categorical({ id: 'gender', table: 'individuals', column: 'gender', hints: [['gender']] }, ['female', 'male']);
 * ```
 */
export class ReportTargets {
  readonly #explicit: Map<string, Node>;
  readonly #config: readonly Node[];

  constructor(manifest: { readonly config?: Readonly<Record<string, unknown>>; readonly extra?: Readonly<Record<string, unknown>> }) {
    this.#explicit = explicitTargets(manifest.extra?.['distributionTargets']);
    this.#config = manifest.config ? walk(manifest.config, 'config') : [];
  }

  #explicitFor(q: TargetQuery): Node | undefined {
    const keys = [q.table && q.column ? `${q.table}.${q.column}` : '', q.id, q.column ?? ''].filter(Boolean);
    for (const k of keys) {
      const n = this.#explicit.get(k);
      if (n) return n;
    }
    return undefined;
  }

  /** The configured shares of a categorical column, given the values seen in the data. */
  categorical(q: TargetQuery, observed: readonly string[]): CategoricalTarget | null {
    const ex = this.#explicitFor(q);
    if (ex) {
      const w = asWeights(ex.value);
      const shares = w && toShares(w);
      if (shares) return { shares, source: ex.path };
    }
    if (!observed.length) return null;
    const seen = new Set(observed);
    let best: { node: Node; w: Record<string, number>; overlap: number } | undefined;
    for (const node of this.#config) {
      if (!q.hints.some((h) => mentions(node.path, h))) continue;
      const w = asWeights(node.value);
      if (!w) continue;
      const keys = Object.keys(w);
      const overlap = keys.filter((k) => seen.has(k)).length;
      if (overlap < Math.min(2, keys.length) || overlap * 2 < keys.length) continue;
      if (!best || overlap > best.overlap || (overlap === best.overlap && node.path.length < best.node.path.length)) best = { node, w, overlap };
    }
    const shares = best && toShares(best.w);
    return best && shares ? { shares, source: best.node.path } : null;
  }

  /** The configured mean / sd / range of a numeric variable. */
  numeric(q: TargetQuery): NumericTarget | null {
    const ex = this.#explicitFor(q);
    if (ex) {
      const t = asNumericTarget(ex.value);
      if (t) return { ...t, source: ex.path };
      if (isNum(ex.value)) return { mean: ex.value, source: ex.path };
    }
    for (const node of this.#config) {
      if (!q.hints.some((h) => mentions(node.path, h))) continue;
      const t = asNumericTarget(node.value);
      if (t) return { ...t, source: node.path };
      const last = pathTokens(node.path.slice(node.path.lastIndexOf('.') + 1));
      if (isNum(node.value) && last.some((x) => x === 'mean' || x === 'avg' || x === 'average')) return { mean: node.value, source: node.path };
    }
    return null;
  }

  /** The first string the config holds under a path naming the hints (e.g. the temporal pattern). */
  text(hints: readonly (readonly string[])[]): { value: string; source: string } | null {
    for (const node of this.#config) if (typeof node.value === 'string' && hints.some((h) => mentions(node.path, h))) return { value: node.value, source: node.path };
    return null;
  }

  /** The first number under a path naming the hints (e.g. campaign reach). */
  number(hints: readonly (readonly string[])[]): { value: number; source: string } | null {
    for (const node of this.#config) if (isNum(node.value) && hints.some((h) => mentions(node.path, h))) return { value: node.value, source: node.path };
    return null;
  }

  /** The first `{min, max}` (or `[min, max]`) under a path naming the hints. */
  range(hints: readonly (readonly string[])[]): { min: number; max: number; source: string } | null {
    for (const node of this.#config) {
      if (!hints.some((h) => mentions(node.path, h))) continue;
      const v = node.value;
      if (Array.isArray(v) && v.length === 2 && isNum(v[0]) && isNum(v[1])) return { min: v[0], max: v[1], source: node.path };
      const t = asNumericTarget(v);
      if (t?.min !== undefined && t.max !== undefined) return { min: t.min, max: t.max, source: node.path };
    }
    return null;
  }
}

/** Flattens `extra.distributionTargets` into key → node (keys: `table.column`, `column`, id). */
function explicitTargets(v: Json): Map<string, Node> {
  const out = new Map<string, Node>();
  const base = 'extra.distributionTargets';
  if (Array.isArray(v)) {
    v.forEach((item, i) => {
      if (!isRecord(item)) return;
      const column = typeof item['column'] === 'string' ? item['column'] : typeof item['id'] === 'string' ? item['id'] : undefined;
      if (!column) return;
      const table = typeof item['table'] === 'string' ? item['table'] : undefined;
      const node = { path: `${base}[${i}]`, value: item };
      if (table) out.set(`${table}.${column}`, node);
      if (!out.has(column)) out.set(column, node);
    });
    return out;
  }
  if (!isRecord(v)) return out;
  for (const [k, x] of Object.entries(v)) {
    const node = { path: `${base}.${k}`, value: x };
    if (asWeights(x) || asNumericTarget(x) || isNum(x)) {
      out.set(k, node);
      const dot = k.indexOf('.');
      if (dot > 0 && !out.has(k.slice(dot + 1))) out.set(k.slice(dot + 1), node);
    } else if (isRecord(x)) {
      // { table: { column: spec } }
      for (const [c, y] of Object.entries(x)) {
        const inner = { path: `${base}.${k}.${c}`, value: y };
        out.set(`${k}.${c}`, inner);
        if (!out.has(c)) out.set(c, inner);
      }
    }
  }
  return out;
}
