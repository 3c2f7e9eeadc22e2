import { describe, expect, it } from 'vitest';
import { resolveConfig, validateConfig } from './config-validation.js';
import { SOURCE_SYSTEMS } from './resolution-config.js';

describe('the resolution config group', () => {
  it('defaults every source and noise rate', () => {
    const c = resolveConfig({});
    expect(c.resolution.enabled).toBe(true);
    expect(Object.keys(c.resolution.sources)).toEqual([...SOURCE_SYSTEMS]);
    expect(c.resolution.sources.data_partner.noise).toBeGreaterThan(c.resolution.sources.crm.noise);
    expect(c.resolution.noise_scale).toBe(1);
  });

  it('takes overrides and rejects bad values with the field path and the allowed range', () => {
    expect(resolveConfig({ resolution: { noise_scale: 2, sources: { crm: { coverage: 1 } } } }).resolution).toMatchObject({ noise_scale: 2, sources: { crm: { coverage: 1, noise: 0.5 } } });
    const r = validateConfig({ resolution: { noise: { typo: 1.5 } } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ path: 'resolution.noise.typo', value: 1.5 });
    const unknown = validateConfig({ resolution: { sources: { crmm: {} } } });
    expect(unknown.ok).toBe(false);
    const typo = validateConfig({ resolutoin: {} });
    expect(!typo.ok && typo.issues[0]?.fix).toContain('resolution');
  });
});
