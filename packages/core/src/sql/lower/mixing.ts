/**
 * The mixer as SQL projection layers, built from the constants of `random/mixer.ts`: one layer
 * per step that reads its input twice (a `lowbias32` round or the final shift), so no engine
 * inlines an input into exponential text.
 */
import { MIXER, TWO_32, signed32, streamKeys } from '../../random/mixer.js';
import { sql, type SqlExpr } from '../sql-nodes.js';
import type { Layers } from './layers.js';

const mask32 = (a: SqlExpr): SqlExpr => sql.binary('&', a, sql.int(TWO_32 - 1));
/** `a ^ b` (spelled by the dialect). */
export const xor = (a: SqlExpr, b: SqlExpr): SqlExpr => sql.call('xor', [a, b]);
/** One `lowbias32` multiply round on a 32-bit input: `((x ^ x >>> s) · m) & (2^32 − 1)`, with m signed. */
export const round = (x: SqlExpr, r: { readonly shift: number; readonly multiplier: number }): SqlExpr =>
  mask32(sql.binary('*', xor(x, sql.shift(x, r.shift)), sql.int(signed32(r.multiplier))));
/** The final step of `lowbias32`: `x ^ x >>> 16`. */
export const finish = (x: SqlExpr): SqlExpr => xor(x, sql.shift(x, MIXER.finalShift));

/**
 * Adds the layers that compute `draw32(streamKeys(seed, stream), key)` into column `names[i]`
 * for each `streams[i]`, from the key column `keyCol`:
 * `lowbias32(lowbias32(lo ^ k0) ^ hi ^ k1)`.
 *
 * @example
 * ```ts
 * addMixingLayers(layers, '__key', [streamOf('e.c.0')], ['__r0'], 42);
 * ```
 */
export function addMixingLayers(layers: Layers, keyCol: string, streams: readonly number[], names: readonly string[], seed: number): void {
  const key = sql.col(null, keyCol);
  const keys = streams.map((s) => streamKeys(seed, s));
  const steps: ((x: SqlExpr, i: number) => SqlExpr)[] = [
    ...MIXER.rounds.map((r) => (x: SqlExpr) => round(x, r)),
    (x, i) => xor(xor(finish(x), sql.shift(key, 32)), sql.int((keys[i] as { k1: number }).k1)),
    ...MIXER.rounds.map((r) => (x: SqlExpr) => round(x, r)),
    finish,
  ];
  steps.forEach((step, s) =>
    layers.project(names.map((n, i) => ({ alias: n, expr: step(s === 0 ? xor(mask32(key), sql.int((keys[i] as { k0: number }).k0)) : sql.col(null, n), i) }))),
  );
}
