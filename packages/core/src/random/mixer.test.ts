/**
 * The counter-based mixer: the published test vectors (DESIGN.md, docs/determinism.md) and the
 * properties the rest of the system relies on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InternalError } from '../errors.js';
import { INV_TWO_32, TWO_32, draw32, lowbias32, split64, streamKeys, streamOf } from './mixer.js';

/** The four vectors of DESIGN.md "Determinism" (also in docs/determinism.md). */
const VECTORS = [
  { seed: 42, stream: 0, k0: 141911470, k1: 2564780011, key: 0, draw: 1557352637 },
  { seed: 42, stream: 0, k0: 141911470, k1: 2564780011, key: 4294967303, draw: 1820882341 },
  { seed: 42, stream: 1, k0: 1413766669, k1: 2054621955, key: 1000003, draw: 2276757095 },
  { seed: 7, stream: 123456789, k0: 3026866442, k1: 1097935587, key: 1099511627787, draw: 2744063869 },
] as const;

/** streamOf vectors published in docs/determinism.md, with the keys and the draw at row key 0 for seed 42. */
const STREAM_VECTORS = [
  { name: '', stream: 3480089612033477, k0: 334817434, k1: 990467855, draw: 4205555861 },
  { name: 'households.size.0', stream: 561158608703432, k0: 789416981, k1: 2306149487, draw: 3784288382 },
  { name: 'individuals.age.0', stream: 6582064220382092, k0: 3476591700, k1: 1251660531, draw: 438843378 },
  { name: 'households.created_at.0:hour', stream: 6814729641654091, k0: 3995595978, k1: 132993491, draw: 2295534720 },
  { name: 'individuals.$count.0', stream: 8794461684134474, k0: 1583307329, k1: 2346835937, draw: 4015459715 },
] as const;

const u32 = fc.integer({ min: 0, max: 0xffffffff });

/** Multiplicative inverse of an odd 32-bit constant modulo 2^32 (Newton iteration). */
function inverseOdd(c: number): number {
  let x = c; // correct to 3 bits for odd c
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(c, x)) >>> 0;
  return x >>> 0;
}

/** Inverse of lowbias32: undoes each step in reverse order. */
function unLowbias32(y: number): number {
  const unXorShift = (v: number, s: number): number => {
    let x = v;
    for (let i = s; i < 32; i += s) x = (v ^ (x >>> s)) >>> 0;
    return x >>> 0;
  };
  let x = unXorShift(y, 16);
  x = Math.imul(x, inverseOdd(0x846ca68b)) >>> 0;
  x = unXorShift(x, 15);
  x = Math.imul(x, inverseOdd(0x7feb352d)) >>> 0;
  return unXorShift(x, 16);
}

/** The DESIGN.md formula written out with BigInt, independent of the implementation. */
function referenceDraw(seed: number, stream: number, key: number): { k0: number; k1: number; draw: number } {
  const M = 0xffffffffn;
  const lb = (v: bigint): bigint => {
    let x = v & M;
    x ^= x >> 16n;
    x = (x * 0x7feb352dn) & M;
    x ^= x >> 15n;
    x = (x * 0x846ca68bn) & M;
    x ^= x >> 16n;
    return x;
  };
  const s = BigInt(seed);
  const st = BigInt(stream);
  let h = lb((s & M) ^ 0x9e3779b9n);
  h = lb(h ^ (s >> 32n));
  h = lb(h ^ (st & M));
  h = lb(h ^ (st >> 32n));
  const k0 = h;
  const k1 = lb(h ^ 0x85ebca6bn);
  const id = BigInt(key);
  const draw = lb(lb((id & M) ^ k0) ^ (id >> 32n) ^ k1);
  return { k0: Number(k0), k1: Number(k1), draw: Number(draw) };
}

describe('DESIGN.md test vectors', () => {
  it.each(VECTORS)('seed $seed, stream $stream, row key $key → draw $draw', (v) => {
    const keys = streamKeys(v.seed, v.stream);
    expect(keys).toEqual({ k0: v.k0, k1: v.k1 });
    expect(draw32(keys, v.key)).toBe(v.draw);
  });

  it('the BigInt reference model reproduces the vectors', () => {
    for (const v of VECTORS) expect(referenceDraw(v.seed, v.stream, v.key)).toEqual({ k0: v.k0, k1: v.k1, draw: v.draw });
  });

  it.each(STREAM_VECTORS)('streamOf("$name") = $stream', (v) => {
    expect(streamOf(v.name)).toBe(v.stream);
    const keys = streamKeys(42, v.stream);
    expect(keys).toEqual({ k0: v.k0, k1: v.k1 });
    expect(draw32(keys, 0)).toBe(v.draw);
    expect(referenceDraw(42, v.stream, 0)).toEqual({ k0: v.k0, k1: v.k1, draw: v.draw });
  });
});

describe('lowbias32', () => {
  it('maps 0 to 0 and returns unsigned 32-bit integers', () => {
    expect(lowbias32(0)).toBe(0);
    fc.assert(
      fc.property(u32, (x) => {
        const y = lowbias32(x);
        return Number.isInteger(y) && y >= 0 && y <= 0xffffffff;
      }),
    );
  });

  it('is a bijection on 32-bit integers (it has an inverse)', () => {
    fc.assert(fc.property(u32, (x) => unLowbias32(lowbias32(x)) === x));
    // and no collisions over a dense block of inputs
    const seen = new Set<number>();
    for (let x = 0; x < 1 << 18; x++) seen.add(lowbias32(x));
    expect(seen.size).toBe(1 << 18);
  });

  it('treats a signed int32 like its unsigned value', () => {
    fc.assert(fc.property(u32, (x) => lowbias32(x | 0) === lowbias32(x)));
  });

  it('avalanches: flipping one input bit flips about half of the output bits', () => {
    // For each input bit, the probability that each output bit flips should be ≈ 0.5. Over
    // N = 4096 inputs, one cell's flip rate has sd 0.5/√N ≈ 0.0078; lowbias32's published
    // worst-case bias is ~0.0017, so |rate − 0.5| < 0.05 (≈ 6 sd) holds for a good mixer and
    // fails for a poor one (e.g. the identity, a single multiply or xorshift).
    const N = 4096;
    const flips = Array.from({ length: 32 }, () => new Array<number>(32).fill(0));
    for (let i = 0; i < N; i++) {
      const x = lowbias32(i ^ 0xdeadbeef); // well-spread inputs
      const y = lowbias32(x);
      for (let b = 0; b < 32; b++) {
        const d = (y ^ lowbias32((x ^ (1 << b)) >>> 0)) >>> 0;
        const row = flips[b] as number[];
        for (let o = 0; o < 32; o++) if ((d >>> o) & 1) row[o] = (row[o] as number) + 1;
      }
    }
    let worst = 0;
    for (const row of flips) for (const c of row) worst = Math.max(worst, Math.abs(c / N - 0.5));
    expect(worst).toBeLessThan(0.05);
  });

  it('consecutive inputs give balanced output bits', () => {
    // Each output bit over 2^16 consecutive inputs: share of ones within 4 binomial sd (0.5/√n).
    const n = 1 << 16;
    const ones = new Array<number>(32).fill(0);
    for (let x = 0; x < n; x++) {
      const y = lowbias32(x);
      for (let b = 0; b < 32; b++) if ((y >>> b) & 1) ones[b] = (ones[b] as number) + 1;
    }
    for (const c of ones) expect(Math.abs(c / n - 0.5)).toBeLessThan(4 * (0.5 / Math.sqrt(n)));
  });
});

describe('split64, streamKeys and draw32', () => {
  it('split64 splits into low and high 32-bit halves', () => {
    expect(split64(0)).toEqual([0, 0]);
    expect(split64(4294967303)).toEqual([7, 1]);
    expect(split64(Number.MAX_SAFE_INTEGER)).toEqual([0xffffffff, 0x1fffff]);
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (v) => {
      const [lo, hi] = split64(v);
      return hi * TWO_32 + lo === v;
    }));
  });

  it('rejects negative, fractional and unsafe seeds or streams', () => {
    expect(() => split64(-1)).toThrow(InternalError);
    expect(() => split64(1.5)).toThrow(InternalError);
    expect(() => streamKeys(2 ** 53, 0)).toThrow(InternalError);
    expect(() => streamKeys(1, -3)).toThrow(InternalError);
  });

  it('agrees with the BigInt model of the DESIGN.md formula for any seed, stream and key', () => {
    const safe = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(safe, safe, safe, (seed, stream, key) => {
        const ref = referenceDraw(seed, stream, key);
        const keys = streamKeys(seed, stream);
        return keys.k0 === ref.k0 && keys.k1 === ref.k1 && draw32(keys, key) === ref.draw;
      }),
      { numRuns: 2000 },
    );
  });

  it('is a pure function: the same inputs always give the same draw', () => {
    fc.assert(fc.property(fc.nat(), fc.nat(), fc.nat(), (seed, stream, key) => draw32(streamKeys(seed, stream), key) === draw32(streamKeys(seed, stream), key)));
  });

  it('distinct keys of one stream give distinct draws when the high half is equal', () => {
    // For a fixed hi, lo ↦ draw is a composition of bijections, so it never collides.
    const keys = streamKeys(42, 0);
    const seen = new Set<number>();
    for (let lo = 0; lo < 1 << 16; lo++) seen.add(draw32(keys, 5 * TWO_32 + lo));
    expect(seen.size).toBe(1 << 16);
  });

  it('draws of neighbouring streams are uncorrelated', () => {
    // Pearson correlation of u = draw·2^-32 over n = 2^15 keys for streams s and s+1: under
    // independence r ~ N(0, 1/n), so |r| < 4/√n ≈ 0.022.
    const n = 1 << 15;
    const a = streamKeys(42, 1000);
    const b = streamKeys(42, 1001);
    let sx = 0;
    let sy = 0;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let k = 0; k < n; k++) {
      const x = draw32(a, k) * INV_TWO_32;
      const y = draw32(b, k) * INV_TWO_32;
      sx += x;
      sy += y;
      sxy += x * y;
      sxx += x * x;
      syy += y * y;
    }
    const r = (sxy - (sx * sy) / n) / Math.sqrt((sxx - (sx * sx) / n) * (syy - (sy * sy) / n));
    expect(Math.abs(r)).toBeLessThan(4 / Math.sqrt(n));
  });

  it('INV_TWO_32 is exactly 2^-32, so draw·INV_TWO_32 is exact and < 1', () => {
    expect(INV_TWO_32).toBe(2 ** -32);
    expect(0xffffffff * INV_TWO_32).toBeLessThan(1);
  });
});

describe('streamOf', () => {
  it('gives a stable non-negative safe integer for any name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (name) => {
        const s = streamOf(name);
        return Number.isSafeInteger(s) && s >= 0 && streamOf(name) === s;
      }),
    );
  });

  it('has the FNV-1a 32-bit hash as its low half (standard FNV-1a vectors)', () => {
    expect(streamOf('') % TWO_32).toBe(0x811c9dc5);
    expect(streamOf('a') % TWO_32).toBe(0xe40c292c);
    expect(streamOf('foobar') % TWO_32).toBe(0xbf9cf968);
    // the high 21 bits: FNV-1a with offset basis 0x050c5d1f, masked
    expect(Math.floor(streamOf('') / TWO_32)).toBe(0x050c5d1f & 0x1fffff);
  });

  it('hashes UTF-8 bytes (names differing only in non-ASCII characters differ)', () => {
    expect(streamOf('é')).not.toBe(streamOf('e'));
    expect(streamOf('ü.a.0')).not.toBe(streamOf('u.a.0'));
  });

  it('separates the names of a realistic scenario without collisions', () => {
    const names: string[] = [];
    for (let e = 0; e < 20; e++)
      for (let c = 0; c < 50; c++)
        for (let s = 0; s < 5; s++) for (const suffix of ['', ':day', ':hour', ':second']) names.push(`entity_${e}.column_${c}.${s}${suffix}`);
    expect(new Set(names.map(streamOf)).size).toBe(names.length);
  });
});
