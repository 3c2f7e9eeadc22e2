/**
 * The canonical content hash of a table: one SQL query, printed by any dialect, whose result is
 * the same on every engine for the same rows — so manifests of a DuckDB run and a Spark run of
 * the same scenario and seed show equal hashes table by table.
 *
 * How it is computed (only integer arithmetic that no engine can overflow, `md5`, `floor`,
 * `abs` and exact double operations; see docs/determinism.md for the mixer):
 *
 * 1. Each output column is read in its internal representation ({@link canonicalSelect}:
 *    timestamps as micros, dates as days, decimals as scaled integers).
 * 2. Every numeric value becomes 32-bit *lanes*: an integer `w` gives `w & 0xffffffff` and the
 *    high half; a boolean 0 or 1. The string, array and map values of a row are written as one
 *    unambiguous text (length-prefixed strings, sizes, elements in order, doubles as their exact
 *    words) whose `md5` — the same in every engine — gives two lanes: one md5 per row.
 * 3. A double `x` is encoded exactly by `sign`, `a = floor(|x|)`, `f1 = floor(frac(|x|)·2^53)` and
 *    `f2 = floor((frac(|x|)·2^53 − f1)·2^53)`: floor, subtraction of the floor (Sterbenz) and scaling
 *    by powers of two are exact IEEE operations, so equal values give equal words on every
 *    engine, without formatting doubles as text. Distinct values give distinct words for
 *    0 and 2^-53 ≤ |x| < 2^62; NaN, infinities and larger magnitudes share one encoding.
 * 4. Each lane is xored with a key derived from the column name and multiplied by an odd key
 *    modulo 2^32 (NULL lanes count as a key of their own); the row hash is `lowbias32` of the sum
 *    of the lanes, twice with two keys for 64 bits.
 * 5. The table hash sums the 16-bit halves of the row hashes (no overflow below 2^47 rows) and
 *    combines them modulo 2^32 here: independent of row order and file layout.
 */
import { InternalError } from '../errors.js';
import type { ColumnType, ScenarioIR } from '../ir/types.js';
import { MIXER, signed32, streamKeys, streamOf, TWO_32 } from '../random/mixer.js';
import { canonicalSelect, outputTypes } from '../sql/canonical.js';
import type { Dialect } from '../sql/dialect.js';
import type { TableRef } from '../sql/printer.js';

/**
 * Format tag of {@link parseContentHash}'s result; changes only with a new encoding.
 *
 * @example
 * ```ts
 * manifest.tables.households.canonicalHash.startsWith(`${CANONICAL_HASH_VERSION}:`); // true
 * ```
 */
export const CANONICAL_HASH_VERSION = 'canonical1';

const M32 = 4294967295;
const TWO_53 = 2 ** 53;
const TWO_62 = 2 ** 62;
const [R1, R2] = MIXER.rounds as readonly [{ shift: number; multiplier: number }, { shift: number; multiplier: number }];
const [MUL1, MUL2] = [signed32(R1.multiplier), signed32(R2.multiplier)];
const key = (name: string): { k0: number; k1: number } => streamKeys(0, streamOf(`content-hash.${name}`));

/** SQL helpers bound to a dialect. */
class HashSql {
  constructor(readonly d: Dialect) {}
  int = (v: number): string => this.d.bigintLiteral(v);
  mask = (x: string): string => `(${x} & ${this.int(M32)})`;
  xor = (a: string, b: string): string => this.d.fns.xor([a, b]);
  shr = (a: string, n: number): string => this.d.fns.shiftRight([a, String(n)]);
  /** `(x · m) mod 2^32` for 0 ≤ x < 2^32 and a signed 32-bit multiplier: |x·m| < 2^63. */
  mul = (x: string, m: number): string => this.mask(`(${x}) * ${this.int(m)}`);
  /** The three `lowbias32` steps, each using its input twice (one projection layer each). */
  steps = [
    (x: string): string => this.mul(this.xor(x, this.shr(x, R1.shift)), MUL1),
    (x: string): string => this.mul(this.xor(x, this.shr(x, R2.shift)), MUL2),
    (x: string): string => this.xor(x, this.shr(x, MIXER.finalShift)),
  ];
  /** Low and high 32-bit halves of a signed BIGINT word (floor division of an exact multiple). */
  halves = (w: string): string[] => {
    const lo = this.mask(w);
    return [lo, this.mask(this.d.fns.idiv([`(${w} - ${lo})`, this.int(TWO_32)]))];
  };
  /** 32 bits from 8 hex digits of `hex` starting at 1-based `from`, via `instr` (no engine-specific base conversion). */
  hex32 = (hex: string, from: number): string =>
    `(${Array.from({ length: 8 }, (_, k) => `(instr('0123456789abcdef', substr(${hex}, ${from + k}, 1)) - 1) * ${this.int(16 ** (7 - k))}`).join(' + ')})`;
  /** The exact words of a double: sign (2 for NaN, infinities and |x| ≥ 2^62), floor, two 53-bit fraction pieces. */
  doubleWords = (x: string): string[] => {
    const d = this.d;
    const ax = `abs(${x})`;
    const ok = `${ax} < ${d.doubleLiteral(TWO_62)}`;
    const scale = d.doubleLiteral(TWO_53);
    const frac = `(${ax} - ${d.fns.toDouble([d.fns.floor([ax])])})`;
    const f1 = d.fns.floor([`${frac} * ${scale}`]);
    const f2 = d.fns.floor([`(${frac} * ${scale} - ${d.fns.toDouble([f1])}) * ${scale}`]);
    const guard = (w: string): string => `CASE WHEN ${ok} THEN ${w} ELSE ${this.int(0)} END`;
    return [`CASE WHEN ${x} IS NULL THEN NULL WHEN ${ok} THEN (CASE WHEN ${x} < ${d.doubleLiteral(0)} THEN ${this.int(1)} ELSE ${this.int(0)} END) ELSE ${this.int(2)} END`, guard(d.fns.floor([ax])), guard(f1), guard(f2)];
  };
  /** A string literal. */
  str = (v: string): string => this.d.stringLiteral(v);
  /** Decimal text of a BIGINT (integers print the same on every engine). */
  text = (x: string): string => this.d.fns.toString([x]);
  /** Text of a scalar that cannot be confused with its neighbours: length-prefixed strings, `;`-terminated numbers, `N` for NULL. */
  scalarText = (t: ColumnType, x: string, name: string): string => {
    const d = this.d;
    const concat = (parts: string[]): string => d.fns.concat(parts);
    switch (t.kind) {
      case 'string':
        return `coalesce(${concat([this.text(`length(${x})`), this.str(':'), x])}, ${this.str('N')})`;
      case 'boolean':
        return `CASE WHEN ${x} THEN ${this.str('t')} WHEN NOT ${x} THEN ${this.str('f')} ELSE ${this.str('N')} END`;
      case 'double':
        return `coalesce(${concat(this.doubleWords(x).flatMap((w) => [this.text(w), this.str(',')]))}, ${this.str('N')})`;
      case 'array':
      case 'map':
        throw new InternalError(`nested ${t.kind} in ${name} has no canonical hash`);
      default:
        return `coalesce(${concat([this.text(x), this.str(';')])}, ${this.str('N')})`;
    }
  };
  /** Text of a string, array or map column value (NULL as `N`): the row's texts are hashed together with one `md5`. */
  columnText = (t: ColumnType, x: string, name: string): string => {
    const d = this.d;
    if (t.kind === 'array') {
      const items = d.joinArray(x, (e) => this.scalarText(t.element, e, name));
      return `CASE WHEN ${x} IS NULL THEN ${this.str('N')} ELSE ${d.fns.concat([this.text(d.fns.arraySize([x])), this.str('['), items, this.str(']')])} END`;
    }
    if (t.kind === 'map') {
      const values = `map_values(${x})`;
      const entries = d.joinArray(`map_keys(${x})`, (k, i) => d.fns.concat([this.scalarText(t.key, k, name), this.scalarText(t.value, d.fns.arrayGet([values, i]), name)]));
      return `CASE WHEN ${x} IS NULL THEN ${this.str('N')} ELSE ${d.fns.concat([this.text(d.fns.arraySize([`map_keys(${x})`])), this.str('{'), entries, this.str('}')])} END`;
    }
    return this.scalarText(t, x, name);
  };
}

/** Whether a column goes into the row's text (hashed once with md5) rather than into integer words. */
const isText = (t: ColumnType): boolean => t.kind === 'string' || t.kind === 'array' || t.kind === 'map';

/** Integer words of a numeric or boolean column (first layer). */
function columnWords(h: HashSql, t: ColumnType, x: string): string[] {
  if (t.kind === 'boolean') return [`CASE WHEN ${x} THEN ${h.int(1)} WHEN NOT ${x} THEN ${h.int(0)} END`];
  if (t.kind === 'double') return h.doubleWords(x);
  return [x];
}

const layer = (d: Dialect, items: readonly (readonly [string, string])[], from: string, alias: string): string =>
  `SELECT ${items.map(([a, e]) => `${e} AS ${d.quoteIdent(a)}`).join(',\n  ')}\nFROM (\n${from}\n) AS ${d.quoteIdent(alias)}`;

/**
 * The query computing an entity's canonical content hash: one row with the text columns `n`
 * (rows) and `a0`, `a1`, `b0`, `b1` (16-bit sums), read by {@link parseContentHash}.
 *
 * @example
 * ```ts
 * const sql = contentHashSql(ir, 'households', duckdbDialect, (e) => duckdbDialect.quoteIdent(e));
 * const [row] = await query(sql);
 * manifest.tables.households.canonicalHash === parseContentHash(row); // e.g. 'canonical1:0f3a…:3000'
 * ```
 */
export function contentHashSql(ir: ScenarioIR, entity: string, dialect: Dialect, tableRef?: TableRef): string {
  const h = new HashSql(dialect);
  const q = (n: string): string => dialect.quoteIdent(n);
  const cols = outputTypes(ir, entity);
  let sql = canonicalSelect(ir, entity, dialect, tableRef);
  const prepItems: [string, string][] = [];
  const lanes: string[] = [];
  const laneKeys: { k0: number; k1: number }[] = [];
  const addLanes = (name: string, ls: readonly string[]): void =>
    ls.forEach((l) => {
      laneKeys.push(key(`${name}.${laneKeys.length}`));
      lanes.push(l);
    });
  cols.forEach((c, i) => {
    if (isText(c.type)) return;
    columnWords(h, c.type, q(c.name)).forEach((w, j) => {
      prepItems.push([`__p${i}_${j}`, w]);
      addLanes(c.name, h.halves(q(`__p${i}_${j}`)));
    });
  });
  const texts = cols.filter((c) => isText(c.type));
  if (texts.length) {
    prepItems.push(['__t', `md5(${dialect.fns.concat(texts.map((c) => h.columnText(c.type, q(c.name), c.name)))})`]);
    addLanes(texts.map((c) => c.name).join(','), [h.hex32(q('__t'), 1), h.hex32(q('__t'), 9)]);
  }
  sql = layer(dialect, prepItems, sql, '__c');
  const names = lanes.map((_, i) => `__l${i}`);
  sql = layer(dialect, lanes.map((l, i) => [names[i] as string, h.xor(l, h.int((laneKeys[i] as { k0: number }).k0))]), sql, '__w');
  // Each keyed lane times its own odd multiplier (a bijection modulo 2^32); NULL lanes count as their key.
  const total = names.map((n, i) => `coalesce(${h.mul(q(n), signed32(((laneKeys[i] as { k1: number }).k1 | 1) >>> 0))}, ${h.int((laneKeys[i] as { k0: number }).k0)})`).join(' + ');
  sql = layer(dialect, [['__x', total || h.int(0)]], sql, '__r');
  const rowKeys = [key('row.a').k0, key('row.b').k0];
  const fold = h.xor(h.mask(q('__x')), dialect.fns.shiftRight([q('__x'), '32']));
  sql = layer(dialect, rowKeys.map((k, i) => [`__y${i}`, h.xor(fold, h.int(k))] as const), sql, '__f');
  for (const [s, step] of h.steps.entries()) sql = layer(dialect, ['__y0', '__y1'].map((n) => [n, step(q(n))] as const), sql, `__n${s}`);
  const sum = (x: string): string => dialect.fns.toString([`coalesce(sum(${x}), ${h.int(0)})`]);
  const lo16 = (n: string): string => sum(`${q(n)} & ${h.int(65535)}`);
  const hi16 = (n: string): string => sum(dialect.fns.shiftRight([q(n), '16']));
  return layer(dialect, [['n', dialect.fns.toString(['count(*)'])], ['a0', lo16('__y0')], ['a1', hi16('__y0')], ['b0', lo16('__y1')], ['b1', hi16('__y1')]], sql, '__h');
}

/**
 * The canonical content hash `canonical1:<16 hex digits>:<rows>` from the row of
 * {@link contentHashSql} (values as text, numbers or bigints).
 *
 * @example
 * ```ts
 * parseContentHash({ n: '2', a0: '3', a1: '0', b0: '0', b1: '1' }); // 'canonical1:0000000300010000:2'
 * ```
 */
export function parseContentHash(row: Readonly<Record<string, unknown>>): string {
  const big = (k: string): bigint => BigInt(String(row[k] ?? '0').split('.')[0] || '0');
  const part = (lo: string, hi: string): string => ((big(lo) + big(hi) * 65536n) % 2n ** 32n).toString(16).padStart(8, '0');
  return `${CANONICAL_HASH_VERSION}:${part('a0', 'a1')}${part('b0', 'b1')}:${Number(big('n'))}`;
}
