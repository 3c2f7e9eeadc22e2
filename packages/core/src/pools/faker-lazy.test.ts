import { describe, expect, it, vi } from 'vitest';

describe('faker loading', () => {
  it('importing core does not load faker (its main entry loads every locale); a pool loads only its locale', async () => {
    vi.doMock('@faker-js/faker', () => {
      throw new TypeError('@faker-js/faker main entry loaded at import time');
    });
    const core = await import('../index.js');
    const pool = core.fakerPool({ name: 'names', size: 3, seed: 1, locale: 'de_AT', columns: { first: 'person.firstName' } });
    expect(pool.rows).toHaveLength(3);
    expect(pool.source).toBe('faker:de_AT:person.firstName');
    vi.doUnmock('@faker-js/faker');
  });
});
