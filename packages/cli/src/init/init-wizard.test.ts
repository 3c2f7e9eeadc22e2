/**
 * The init wizard's logic with scripted answers (fast, no terminal): step order, defaults,
 * re-asking an invalid step with the error, going back, weights, cross-step problems,
 * cancellation and the non-interactive paths. The real terminal is tested in init-pty.test.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { getPreset, STEP_NAMES, type IdentityGraphConfig } from '@synthgraph/presets';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitCodeOf, UsageError } from '../cli-error.js';
import { initCommand } from '../commands/init.js';
import { loadConfigFile } from '../config-file.js';
import type { CliIO } from '../io.js';
import { CANCEL, scriptedPrompter, type ScriptRule } from '../../test/support/scripted-prompter.js';
import { identityGraphWizard, parseNumberAnswer } from './wizard-plan.js';

const preset = getPreset('identity-graph');
let dir: string;
let out: string;
let err: string;

function fakeIO(): CliIO {
  out = '';
  err = '';
  return {
    stdout: { write: (s: string) => ((out += s), true) },
    stderr: { write: (s: string) => ((err += s), true) },
    cwd: dir,
    env: {},
    onInterrupt: () => () => undefined,
  };
}

function resolved(config: unknown): IdentityGraphConfig {
  const r = preset.validateConfig(config);
  if (!r.ok) throw new Error(`invalid config written: ${JSON.stringify(r.issues)}`);
  return r.config;
}

const notTTY = (): PassThrough => new PassThrough();

async function wizard(rules: ScriptRule[], args: string[] = []) {
  const prompter = scriptedPrompter(rules);
  const code = await initCommand(['--out', 'config.yaml', ...args], fakeIO(), { prompter, randomSeed: () => 7 });
  const file = path.join(dir, 'config.yaml');
  return { code, prompter, file, config: existsSync(file) ? await loadConfigFile(file) : undefined };
}

/** The index of each step heading in the log. */
const headings = (log: readonly string[]): string[] => log.filter((l) => l.startsWith('step: ')).map((l) => l.slice(6).split('\n')[0] as string);

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'synthgraph-init-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the wizard plan', () => {
  it('covers the preset steps in order', () => {
    expect(identityGraphWizard.steps.map((s) => s.step)).toEqual([...STEP_NAMES]);
    expect(preset.steps).toEqual([...STEP_NAMES]);
  });

  it('asks only fields the step schema knows', () => {
    const defaults = preset.defaultConfig as unknown as Record<string, Record<string, unknown>>;
    for (const s of identityGraphWizard.steps) {
      for (const key of [...s.questions.map((q) => q.key), ...s.weights.map((w) => w.key)]) {
        const head = key.split('.')[0] as string;
        expect(head === 'seed' || head in (defaults[s.step] ?? {}), `${s.step}.${key}`).toBe(true);
      }
    }
  });

  it('reads typed numbers leniently and leaves the rest to the validation', () => {
    expect(parseNumberAnswer('10,000')).toBe(10000);
    expect(parseNumberAnswer('1_000_000')).toBe(1000000);
    expect(parseNumberAnswer(' .5 ')).toBe(0.5);
    expect(parseNumberAnswer('1e3')).toBe(1000);
    expect(parseNumberAnswer('ten')).toBe('ten');
  });
});

describe('synthgraph init (scripted answers)', () => {
  it('walks the six steps in order and writes the defaults with the proposed seed', async () => {
    const { code, prompter, config } = await wizard([]);
    expect(code).toBe(0);
    expect(headings(prompter.log)).toEqual(['Step 1 of 6 · Run and target', 'Step 2 of 6 · Households', 'Step 3 of 6 · Demographics', 'Step 4 of 6 · Engagement', 'Step 5 of 6 · Audience', 'Step 6 of 6 · Campaigns']);
    const expected = preset.validateConfig({ run: { seed: 7 } });
    expect(expected.ok).toBe(true);
    expect(config).toEqual(expected.ok ? expected.config : undefined);
    expect(prompter.log.at(-1)).toMatch(/^outro: Wrote config\.yaml \(seed 7\)/);
  });

  it('asks a step again after an invalid value, showing path and fix, keeping the other answers', async () => {
    const rules: ScriptRule[] = [
      { match: /^Target/, answers: ['not a target!', 'main.synthetic'] },
      { match: /^Number of households/, answers: ['0', '2500'] },
      { match: /^Household size distribution/, answers: ['lognormal'] },
      { match: /^Mean household size/, answers: ['3'] },
      { match: /^Identifiers per person/, answers: ['20', '4'] },
      { match: /^Window length/, answers: ['3', '60'] },
      { match: /^Heavy from/, answers: ['0.1', '2'] },
      { match: /^Post-click conversion rate/, answers: ['1.5', '0.02'] },
    ];
    const { code, prompter, config } = await wizard(rules);
    expect(code).toBe(0);
    const errors = prompter.log.filter((l) => l.startsWith('error: '));
    const paths = ['run.target', 'households.num_households', 'demographics.identifiers_per_person.mean', 'engagement.time_period_days', 'audience.behavioral_thresholds.heavy_daily_events', 'campaigns.post_click_conversion_rate'];
    expect(errors).toHaveLength(paths.length);
    paths.forEach((p, i) => {
      expect(errors[i]).toContain(`${p}: `);
      expect(errors[i]).toContain('fix: ');
    });
    // each invalid step was asked again, flagged field marked
    expect(prompter.asked.filter((m) => m.startsWith('Number of households'))).toHaveLength(2);
    expect(prompter.asked).toContain('Number of households (1,000–10,000,000 supported)  ✖ see the error above');
    // the answer that was fine is kept as the default of the re-asked step
    const c = resolved(config);
    expect(c.run.target).toBe('main.synthetic');
    expect(prompter.log).toContain("info: run.target is main.synthetic: 'synthgraph generate' still writes local files; the target names the Unity Catalog schema of a Databricks run.");
    expect(c.households.num_households).toBe(2500);
    expect(c.households.household_size.mean).toBe(3);
    expect(c.demographics.identifiers_per_person.mean).toBe(4);
    expect(c.engagement.time_period_days).toBe(60);
    expect(c.audience.behavioral_thresholds.heavy_daily_events).toBe(2);
    expect(c.campaigns.post_click_conversion_rate).toBe(0.02);
    expect(preset.validateConfig(config).ok).toBe(true);
  });

  it('reports a value that is not a number with the field path', async () => {
    const { prompter } = await wizard([{ match: /^Number of campaigns/, answers: ['lots', '5'] }]);
    const e = prompter.log.find((l) => l.startsWith('error: '));
    expect(e).toContain('campaigns.num_campaigns: must be a number, got a string');
    expect(e).toContain('(got "lots")');
  });

  it('goes back to the previous step and keeps what was answered', async () => {
    const { code, prompter, config } = await wizard([
      { match: /^Number of households/, answers: ['1234'] },
      { match: /^Demographics ✓/, answers: ['back', 'next'] },
      { match: /^Households ✓/, answers: ['next', 'next'] },
    ]);
    expect(code).toBe(0);
    expect(headings(prompter.log)).toEqual([
      'Step 1 of 6 · Run and target',
      'Step 2 of 6 · Households',
      'Step 3 of 6 · Demographics',
      'Step 2 of 6 · Households',
      'Step 3 of 6 · Demographics',
      'Step 4 of 6 · Engagement',
      'Step 5 of 6 · Audience',
      'Step 6 of 6 · Campaigns',
    ]);
    expect((config as Record<string, Record<string, unknown>>)['households']?.['num_households']).toBe(1234);
    // the first step offers no way back
    expect(prompter.asked.filter((m) => m === 'Run and target ✓')).toHaveLength(1);
  });

  it('edits weights only when chosen, and rescales them when asked', async () => {
    const { config, prompter } = await wizard([
      { match: /^Weights to edit/, answers: [['income_brackets']] },
      { match: /^income brackets: /, answers: ['1', '1', '1', '1', '1', '1', '1', '1', '1', '1'] },
      { match: /^Rescale/, answers: [false, true] },
    ]);
    const errors = prompter.log.filter((l) => l.startsWith('error: '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('households.income_brackets: weights sum to 5, not 1');
    const c = resolved(config);
    expect(c.households.income_brackets).toEqual({ '<25k': 0.2, '25k-50k': 0.2, '50k-100k': 0.2, '100k-150k': 0.2, '150k+': 0.2 });
    expect(c.households.normalize_weights).toBe(true);
    expect(c.demographics.gender).toEqual(preset.defaultConfig.demographics.gender);
  });

  it('selects channels, attribution models and segments', async () => {
    const { config } = await wizard([
      { match: /^Channels/, answers: [['email', 'ctv']] },
      { match: /^Attribution models/, answers: [['linear']] },
      { match: /^Segments to keep/, answers: [['gamers', 'sports_fans']] },
      { match: /^Age distribution/, answers: ['normal'] },
      { match: /^Mean age/, answers: ['40'] },
    ]);
    const c = resolved(config);
    expect(c.campaigns.channels).toEqual(['email', 'ctv']);
    expect(c.campaigns.attribution_models).toEqual(['linear']);
    expect(c.audience.segments.map((s) => s.name)).toEqual(['sports_fans', 'gamers']);
    expect(c.demographics.age).toMatchObject({ distribution: 'normal', mean: 40 });
  });

  it('asks the organic conversion rate, the lookback and the true effect of each chosen channel', async () => {
    const { code, prompter, config } = await wizard([
      { match: /^Channels/, answers: [['email', 'ctv']] },
      { match: /^Organic conversion rate/, answers: ['0.02'] },
      { match: /^True effect of email/, answers: ['0'] },
      { match: /^True effect of ctv/, answers: ['12', '2.5'] },
      { match: /^Attribution lookback/, answers: ['7'] },
    ]);
    expect(code).toBe(0);
    // only the chosen channels are asked; an effect above 10 is re-asked with its path
    expect(prompter.asked.filter((m) => m.startsWith('True effect of')).map((m) => m.split(' ')[3])).toEqual(['email', 'ctv', 'email', 'ctv']);
    expect(prompter.log.find((l) => l.startsWith('error: '))).toContain('campaigns.incremental_effect.ctv');
    const c = resolved(config);
    expect(c.campaigns.organic_conversion_rate).toBe(0.02);
    expect(c.campaigns.attribution_lookback_days).toBe(7);
    expect(c.campaigns.incremental_effect).toEqual({ email: 0, social: 1, display: 1, video: 1, ctv: 2.5 });
  });

  it('takes a problem between steps back to the step it names, then checks the whole config again', async () => {
    const { code, prompter, config } = await wizard([
      { match: /^Window length/, answers: ['30'] },
      { match: /^Longest campaign/, answers: ['60', '25'] },
    ]);
    expect(code).toBe(0);
    const e = prompter.log.find((l) => l.startsWith('error: '));
    expect(e).toContain('not together');
    expect(e).toContain('campaigns.duration_days.max: flights of up to 60 days do not fit the 30-day engagement window');
    expect(prompter.asked).toContain('Longest campaign, days (within the engagement window)  ✖ see the error above');
    expect(resolved(config).campaigns.duration_days).toEqual({ min: 7, max: 25 });
  });

  it('Ctrl-C cancels without writing (exit 130)', async () => {
    const { code, prompter, file } = await wizard([{ match: /^Engagement events/, answers: [CANCEL] }]);
    expect(code).toBe(130);
    expect(prompter.log.at(-1)).toBe('cancelled: cancelled, nothing written');
    expect(existsSync(file)).toBe(false);
  });

  it('asks before overwriting an existing file; no means nothing written', async () => {
    const file = path.join(dir, 'config.yaml');
    writeFileSync(file, 'keep: me\n');
    const { code } = await wizard([{ match: /exists\. Overwrite it\?/, answers: [false] }]);
    expect(code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe('keep: me\n');
    const again = await wizard([{ match: /exists\. Overwrite it\?/, answers: [true] }]);
    expect(again.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('households:');
  });
});

describe('synthgraph init without a terminal', () => {
  it('--yes writes the defaults at once', async () => {
    const code = await initCommand(['--yes'], fakeIO(), { randomSeed: () => 11 });
    expect(code).toBe(0);
    expect(out).toContain('wrote synthgraph.yaml: the identity-graph defaults, seed 11');
    const r = preset.validateConfig(await loadConfigFile(path.join(dir, 'synthgraph.yaml')));
    expect(r.ok && r.config.run.seed).toBe(11);
  });

  it('stdin not a terminal: writes the defaults without asking, and says so', async () => {
    const code = await initCommand([], fakeIO(), { stdin: notTTY(), stdout: notTTY(), randomSeed: () => 12 });
    expect(code).toBe(0);
    expect(err).toContain('stdin is not a terminal');
    expect(existsSync(path.join(dir, 'synthgraph.yaml'))).toBe(true);
  });

  it('refuses to overwrite without --force (exit 2), overwrites with it', async () => {
    writeFileSync(path.join(dir, 'synthgraph.yaml'), 'keep: me\n');
    const e = await initCommand(['--yes'], fakeIO()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UsageError);
    expect(exitCodeOf(e)).toBe(2);
    expect((e as UsageError).issues[0]?.fix).toContain('--force');
    expect(readFileSync(path.join(dir, 'synthgraph.yaml'), 'utf8')).toBe('keep: me\n');
    expect(await initCommand(['--yes', '--force'], fakeIO(), { randomSeed: () => 3 })).toBe(0);
    expect(out).toContain('(overwritten)');
  });

  it('--format json writes JSON with $schema, which config files ignore', async () => {
    expect(await initCommand(['--yes', '--format', 'json'], fakeIO(), { randomSeed: () => 5 })).toBe(0);
    const file = path.join(dir, 'synthgraph.json');
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(String(raw['$schema'])).toMatch(/identity-graph\.schema\.json$/);
    expect(preset.validateConfig(await loadConfigFile(file)).ok).toBe(true);
  });

  it('--out x.json picks JSON; YAML into a .json file, unknown presets and formats are usage errors', async () => {
    expect(await initCommand(['--yes', '--out', 'x.json'], fakeIO())).toBe(0);
    expect(() => JSON.parse(readFileSync(path.join(dir, 'x.json'), 'utf8'))).not.toThrow();
    for (const args of [
      ['--yes', '--format', 'yaml', '--out', 'y.json'],
      ['--yes', '--preset', 'nope'],
      ['--yes', '--format', 'toml'],
      ['--yes', '--bogus'],
    ]) {
      const e = await initCommand(args, fakeIO()).catch((x: unknown) => x);
      expect(exitCodeOf(e), args.join(' ')).toBe(2);
    }
  });

  it('the YAML file points at the schema file on disk and documents each field', async () => {
    await initCommand(['--yes', '--out', 'sub/dir/c.yaml'], fakeIO(), { randomSeed: () => 9 });
    const file = path.join(dir, 'sub', 'dir', 'c.yaml');
    const text = readFileSync(file, 'utf8');
    const ref = /^# yaml-language-server: \$schema=(.+)$/m.exec(text)?.[1] ?? '';
    expect(ref).toMatch(/identity-graph\.schema\.json$/);
    if (!/^https?:/.test(ref)) expect(existsSync(path.resolve(path.dirname(file), ref))).toBe(true);
    expect(text).toContain('# Step 2 of 6 · Households');
    expect(text).toMatch(/# number of households of this batch/);
    expect(preset.validateConfig(await loadConfigFile(file)).ok).toBe(true);
  });

  it('--help prints the usage', async () => {
    expect(await initCommand(['--help'], fakeIO())).toBe(0);
    expect(out).toContain('Usage: synthgraph init');
  });
});
