/**
 * Counter-based randomness: every draw is a pure function of (seed, stream, row key).
 * See docs/determinism.md for the specification and test vectors.
 */

/** 2^32 as a number. */
export const TWO_32 = 4294967296;
/** 2^-32, exactly representable: converts a 32-bit draw into [0, 1). */
export const INV_TWO_32 = 2.3283064365386963e-10;

/**
 * The two multipliers of {@link lowbias32}; SQL spellings of the mixer are built from these.
 *
 * @example
 * ```ts
 * const [m1, m2] = LOWBIAS32_MULTIPLIERS; // 0x7feb352d, 0x846ca68b
 * ```
 */
export const LOWBIAS32_MULTIPLIERS = [0x7feb352d, 0x846ca68b] as const;

/**
 * The `lowbias32` integer hash (Chris Wellons), on unsigned 32-bit integers.
 *
 * @example
 * ```ts
 * lowbias32(0); // 0
 * ```
 */
export function lowbias32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, LOWBIAS32_MULTIPLIERS[0]) >>> 0;
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, LOWBIAS32_MULTIPLIERS[1]) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** A pair of 32-bit keys derived from (seed, stream); inlined into SQL as literals. */
export interface StreamKeys {
  readonly k0: number;
  readonly k1: number;
}

/** Splits a non-negative safe integer into its low and high 32-bit halves. */
export function split64(v: number): [lo: number, hi: number] {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`expected a non-negative safe integer, got ${v}`);
  return [v >>> 0, Math.floor(v / TWO_32) >>> 0];
}

/**
 * Key schedule: `h = lowbias32(seedLo ^ 0x9e3779b9); h = lowbias32(h ^ seedHi);
 * h = lowbias32(h ^ streamLo); h = lowbias32(h ^ streamHi); k0 = h; k1 = lowbias32(h ^ 0x85ebca6b)`.
 *
 * @example
 * ```ts
 * streamKeys(42, 0); // { k0: 141911470, k1: 2564780011 }
 * ```
 */
export function streamKeys(seed: number, stream: number): StreamKeys {
  const [seedLo, seedHi] = split64(seed);
  const [streamLo, streamHi] = split64(stream);
  let h = lowbias32((seedLo ^ 0x9e3779b9) >>> 0);
  h = lowbias32((h ^ seedHi) >>> 0);
  h = lowbias32((h ^ streamLo) >>> 0);
  h = lowbias32((h ^ streamHi) >>> 0);
  return { k0: h, k1: lowbias32((h ^ 0x85ebca6b) >>> 0) };
}

/**
 * One 32-bit draw for a row key: `lowbias32(lowbias32(lo ^ k0) ^ hi ^ k1)` where
 * `key = hi·2^32 + lo`.
 *
 * @example
 * ```ts
 * draw32(streamKeys(42, 0), 0); // 1557352637
 * ```
 */
export function draw32(keys: StreamKeys, key: number): number {
  const lo = key >>> 0;
  const hi = Math.floor(key / TWO_32) >>> 0;
  return lowbias32((lowbias32((lo ^ keys.k0) >>> 0) ^ hi ^ keys.k1) >>> 0);
}

/**
 * Stable stream number for a name (entity, column and draw slot): FNV-1a over the UTF-8 bytes
 * gives the low 32 bits; a second FNV-1a pass with another offset basis gives the high 21 bits,
 * so the stream is a safe integer.
 *
 * @example
 * ```ts
 * streamOf('individuals.age.0'); // 6582064220382092
 * ```
 */
export function streamOf(name: string): number {
  const bytes = new TextEncoder().encode(name);
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (const byte of bytes) {
    a = Math.imul(a ^ byte, 0x01000193) >>> 0;
    b = Math.imul(b ^ byte, 0x01000193) >>> 0;
  }
  return (b & 0x1fffff) * TWO_32 + a;
}
