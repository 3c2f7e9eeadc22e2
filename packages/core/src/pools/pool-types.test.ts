import { describe, expect, it } from 'vitest';
import { SynthgraphError } from '../errors.js';
import { PoolError } from './pool-error.js';
import { MAX_POOL_ROWS, cellMatches, validatePool, type Pool } from './pool-types.js';

const good: Pool = {
  name: 'tiers',
  columns: [
    { name: 'tier', type: 'string' },
    { name: 'rank', type: 'int' },
    { name: 'lift', type: 'double' },
  ],
  rows: [
    ['gold', 1, 1.5],
    ['silver', 2, 1.2],
  ],
  weights: [1, 3],
  source: 'hand-written',
};

function pathOf(p: unknown): string {
  try {
    validatePool(p as Pool);
  } catch (e) {
    expect(e).toBeInstanceOf(PoolError);
    return (e as PoolError).path;
  }
  throw new Error('expected a PoolError');
}

describe('validatePool', () => {
  it('accepts a well-formed pool and returns it', () => {
    expect(validatePool(good)).toBe(good);
    const { weights: _w, ...unweighted } = good;
    expect(validatePool(unweighted)).toBe(unweighted);
  });

  it('names the first problem', () => {
    expect(pathOf({ ...good, name: 'two words' })).toBe('name');
    expect(pathOf({ ...good, columns: [] })).toBe('columns');
    expect(pathOf({ ...good, columns: [good.columns[0], { name: 'tier', type: 'int' }, good.columns[2]] })).toBe('columns[1].name');
    expect(pathOf({ ...good, columns: [good.columns[0], { name: 'rank', type: 'bigint' }, good.columns[2]] })).toBe('columns[1].type');
    expect(pathOf({ ...good, rows: [] })).toBe('rows');
    expect(pathOf({ ...good, rows: [['gold', 1]] , weights: [1] })).toBe('rows[0]');
    expect(pathOf({ ...good, rows: [['gold', 1.5, 1]], weights: [1] })).toBe('rows[0][1]');
    expect(pathOf({ ...good, rows: [['gold', 1, Number.NaN]], weights: [1] })).toBe('rows[0][2]');
    expect(pathOf({ ...good, rows: [[3, 1, 1]], weights: [1] })).toBe('rows[0][0]');
    expect(pathOf({ ...good, weights: [1] })).toBe('weights');
    expect(pathOf({ ...good, weights: [1, -1] })).toBe('weights[1]');
    expect(pathOf({ ...good, weights: [0, 0] })).toBe('weights');
    expect(pathOf({ ...good, source: '' })).toBe('source');
    expect(pathOf({ ...good, rows: Array.from({ length: MAX_POOL_ROWS + 1 }, () => ['x', 1, 1]), weights: undefined })).toBe('rows');
  });

  it('cellMatches checks the column types', () => {
    expect(cellMatches('a', 'string')).toBe(true);
    expect(cellMatches(1, 'string')).toBe(false);
    expect(cellMatches(2 ** 53, 'int')).toBe(false);
    expect(cellMatches(-7, 'int')).toBe(true);
    expect(cellMatches(Number.POSITIVE_INFINITY, 'double')).toBe(false);
    expect(cellMatches(0.1, 'double')).toBe(true);
  });

  it('PoolError carries code, path, value and fix', () => {
    const e = new PoolError('is negative', { path: 'weights[1]', value: -1, fix: 'use weights ≥ 0' });
    expect(e).toBeInstanceOf(SynthgraphError);
    expect(e.name).toBe('PoolError');
    expect(e.issues).toEqual([{ path: 'weights[1]', message: 'is negative', value: -1, fix: 'use weights ≥ 0' }]);
    expect(e.code).toBe('POOL_INVALID');
    expect(e.message).toBe('weights[1]: is negative (got -1) — fix: use weights ≥ 0');
    expect(new PoolError('x', { path: 'p', value: Number.NaN, fix: 'f' }).message).toContain('(got NaN)');
  });
});
