import { describe, expect, it } from 'vitest';
import { scenario } from '@synthgraph/core';
import { definePreset, identityGraphPreset, isPreset } from './preset-registry.js';
import { z } from 'zod';

const shop = definePreset({
  name: 'shop',
  description: 'customers',
  config: z.object({ customers: z.object({ count: z.number().int().min(1).default(10) }).prefault({}) }),
  build: (c) => scenario('shop').entity('customers', (e) => e.rows(c.customers.count).key('customer_id')),
});

describe('definePreset', () => {
  it('takes its defaults, steps and JSON Schema from the config schema', () => {
    expect(shop.defaultConfig).toEqual({ customers: { count: 10 } });
    expect(shop.steps).toEqual(['customers']);
    expect(shop.jsonSchema()).toMatchObject({ type: 'object', properties: { customers: { type: 'object' } } });
  });

  it('reports problems with the field path, per step and whole', () => {
    const whole = shop.validateConfig({ customers: { count: 0 } });
    expect(whole.ok).toBe(false);
    if (!whole.ok) expect(whole.issues.map((i) => i.path)).toEqual(['customers.count']);
    const step = shop.validateStep('customers', { count: 'x' });
    expect(step.ok).toBe(false);
    if (!step.ok) expect(step.issues[0]?.path).toBe('customers.count');
    expect(shop.validateStep('nope', {}).ok).toBe(false);
  });

  it('builds the scenario for a valid config', () => {
    const r = shop.validateConfig({ customers: { count: 3 } });
    expect(r.ok).toBe(true);
    if (r.ok) expect(shop.build(r.config).toIR({ seed: 1 }).entities.map((e) => e.name)).toEqual(['customers']);
  });

  it('isPreset tells presets from other exports', () => {
    expect(isPreset(shop)).toBe(true);
    expect(isPreset(identityGraphPreset)).toBe(true);
    expect(isPreset({ name: 'x' })).toBe(false);
    expect(isPreset(42)).toBe(false);
  });
});
