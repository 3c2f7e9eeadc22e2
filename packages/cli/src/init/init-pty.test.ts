/**
 * `synthgraph init` in a real pseudo-terminal (util-linux `script`): the @clack/prompts screens
 * are driven with keystrokes — Enter for defaults, typed values, arrow keys, space, Ctrl-C — and
 * the written config is validated by the preset and generated from with `generate --config`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getPreset } from '@synthgraph/presets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCommand } from '../commands/generate.js';
import { loadConfigFile } from '../config-file.js';
import type { CliIO } from '../io.js';
import { KEY, PtySession } from '../../test/support/pty-session.js';
import { identityGraphWizard, type StepPlan, type StepValue } from './wizard-plan.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
/** The CLI's own bin, from source: `synthgraph init …` exactly as users run it. */
const bin = path.join(root, 'packages', 'cli', 'src', 'bin.ts');
const command = (args: string): string => `${tsx} --conditions=source ${bin} init ${args}`;
const preset = getPreset('identity-graph');
const plan = (step: string): StepPlan => identityGraphWizard.steps.find((s) => s.step === step) as StepPlan;
/** The step's default value (what a step shows when nothing was changed). */
const defaultsOf = (step: string): StepValue => (preset.defaultConfig as unknown as Record<string, StepValue>)[step] ?? {};
/** The labels a step asks for a draft (default: its defaults; conditional questions whose condition fails stay hidden), then the weights choice. */
const labels = (s: StepPlan, draft: StepValue = defaultsOf(s.step)): string[] => [
  ...s.questions.filter((q) => !q.when || q.when(draft)).map((q) => q.label),
  ...(s.weights.length ? ['Weights to edit'] : []),
];

let dir: string;
const sessions: PtySession[] = [];
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'synthgraph-init-pty-'));
});
afterAll(() => {
  for (const s of sessions) s.kill();
  rmSync(dir, { recursive: true, force: true });
});

function start(args: string): PtySession {
  const s = PtySession.spawn(command(args), { cwd: root });
  sessions.push(s);
  return s;
}

/** Answers one step: `typed` maps a label to the keys typed there (default: Enter); `draft` is what the answers make of the step (for its conditional questions). */
async function step(s: PtySession, p: StepPlan, typed: Record<string, string[]> = {}, draft?: StepValue): Promise<void> {
  for (const label of labels(p, draft)) await s.answer(label, ...(typed[label] ?? [KEY.enter]));
}

/** The navigation at the end of a step: Enter continues, down+Enter goes back. */
const next = (s: PtySession, p: StepPlan): Promise<void> => s.answer(`${p.title} ✓`, KEY.enter);

function quietIO(cwd: string): CliIO & { text(): string } {
  let text = '';
  const w = { write: (x: string) => ((text += x), true) };
  return { stdout: w, stderr: w, cwd, env: {}, onInterrupt: () => () => undefined, text: () => text };
}

async function generateFrom(file: string, extra: string[] = []): Promise<Record<string, { rows: number }>> {
  const out = path.join(dir, `out-${path.basename(file, '.yaml')}`);
  const io = quietIO(dir);
  const code = await generateCommand(['--config', file, '--out', out, '--quiet', ...extra], io);
  expect(code, io.text()).toBe(0);
  return (JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { tables: Record<string, { rows: number }> }).tables;
}

describe.concurrent('synthgraph init in a terminal', () => {
  it('Enter through every step writes the defaults, which validate and generate', async () => {
    const file = path.join(dir, 'defaults.yaml');
    const s = start(`--out ${file}`);
    for (const p of identityGraphWizard.steps) {
      await s.expect(`Step ${identityGraphWizard.steps.indexOf(p) + 1} of 6 · ${p.title}`);
      await step(s, p);
      await next(s, p);
    }
    await s.expect(/Wrote .*defaults\.yaml \(seed \d+\)/);
    expect(await s.exit()).toBe(0);
    const r = preset.validateConfig(await loadConfigFile(file));
    expect(r.ok).toBe(true);
    const seed = Number(/seed: (\d+)/.exec(readFileSync(file, 'utf8'))?.[1]);
    const expected = preset.validateConfig({ run: { seed } });
    expect(r.ok && expected.ok && r.config).toEqual(expected.ok && expected.config);
    const tables = await generateFrom(file, ['--households', '20']);
    expect(tables['households']?.rows).toBe(20);
  });

  it('one invalid value per step: the step is asked again with the error, path and fix', async () => {
    const file = path.join(dir, 'fixed.yaml');
    const s = start(`--out ${file}`);
    const cases: { step: string; label: string; bad: string; path: string; good: string }[] = [
      { step: 'run', label: 'Target', bad: 'nowhere!', path: 'run.target', good: 'local' },
      { step: 'households', label: 'Number of households', bad: '0', path: 'households.num_households', good: '40' },
      { step: 'demographics', label: 'Identifiers per person', bad: '20', path: 'demographics.identifiers_per_person.mean', good: '5' },
      { step: 'engagement', label: 'Window length', bad: '3', path: 'engagement.time_period_days', good: '60' },
      { step: 'audience', label: 'Heavy from', bad: '0.1', path: 'audience.behavioral_thresholds.heavy_daily_events', good: '2' },
      { step: 'campaigns', label: 'Post-click conversion rate', bad: '1.5', path: 'campaigns.post_click_conversion_rate', good: '0.03' },
    ];
    for (const c of cases) {
      const p = plan(c.step);
      const full = labels(p).find((l) => l.startsWith(c.label)) as string;
      await step(s, p, { [full]: [c.bad, KEY.enter] });
      const shown = await s.expect(new RegExp(`${p.title} is not valid yet[\\s\\S]*?${c.path.replace(/\./g, '\\.')}: [^\\n]*\\(got [^\\n]*\\n[│ ]*fix: [^\\n]+`));
      expect(shown).toContain(c.bad);
      // asked again from its first question (the screen after the error), the field in error marked
      await step(s, p, { [full]: [c.good, KEY.enter] });
      expect(s.screen()).toContain(`${full}  ✖ see the error above`);
      await next(s, p);
    }
    await s.expect(/Wrote .*fixed\.yaml/);
    expect(await s.exit()).toBe(0);
    const config = await loadConfigFile(file);
    const r = preset.validateConfig(config);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.households.num_households).toBe(40);
    expect(r.config.demographics.identifiers_per_person.mean).toBe(5);
    expect(r.config.engagement.time_period_days).toBe(60);
    expect(r.config.audience.behavioral_thresholds.heavy_daily_events).toBe(2);
    expect(r.config.campaigns.post_click_conversion_rate).toBe(0.03);
    const tables = await generateFrom(file);
    expect(tables['households']?.rows).toBe(40);
  });

  it('arrow keys, space and ← back: choices are kept across steps', async () => {
    const file = path.join(dir, 'choices.yaml');
    const s = start(`--out ${file}`);
    await step(s, plan('run'), { 'Seed (same seed + config ⇒ same data)': ['77', KEY.enter] });
    await next(s, plan('run'));
    await step(s, plan('households'), { 'Number of households (1,000–10,000,000 supported)': ['1234', KEY.enter] });
    await next(s, plan('households'));
    // demographics: pick the normal age distribution (two down), which asks its mean and std dev
    await s.answer('Youngest age', KEY.enter);
    await s.answer('Oldest age', KEY.enter);
    await s.answer('Age distribution', KEY.down, KEY.down, KEY.enter);
    await s.answer('Mean age', '40', KEY.enter);
    await s.answer('Age standard deviation', KEY.enter);
    await s.answer('Identifiers per person', KEY.enter);
    await s.answer('Weights to edit', KEY.enter);
    // ← back to households: its answers come back as the defaults
    await s.answer('Demographics ✓', KEY.down, KEY.enter);
    await s.expect('Step 2 of 6 · Households');
    const again = await s.prompt('Number of households');
    await s.expect('1234');
    expect(again).toBeDefined();
    await s.send(KEY.enter);
    await s.answer('Household size distribution', KEY.enter);
    await s.answer('Weights to edit', KEY.enter);
    await next(s, plan('households'));
    for (const label of ['Youngest age', 'Oldest age', 'Age distribution', 'Mean age', 'Age standard deviation', 'Identifiers per person', 'Weights to edit']) await s.answer(label, KEY.enter);
    await next(s, plan('demographics'));
    await step(s, plan('engagement'));
    await next(s, plan('engagement'));
    // audience: drop the first segment (space on the first option)
    await step(s, plan('audience'), { 'Segments to keep (space toggles, enter confirms)': [KEY.space, KEY.enter] });
    await next(s, plan('audience'));
    // campaigns: drop email (first channel), keep only the first attribution model (toggle the other four)
    // (the true effect of email is then not asked)
    await step(
      s,
      plan('campaigns'),
      {
        'Channels (space toggles, enter confirms)': [KEY.space, KEY.enter],
        'Attribution models (space toggles, enter confirms)': [KEY.down, KEY.space, KEY.down, KEY.space, KEY.down, KEY.space, KEY.down, KEY.space, KEY.enter],
      },
      { ...defaultsOf('campaigns'), channels: ['social', 'display', 'video', 'ctv'] },
    );
    await next(s, plan('campaigns'));
    expect(await s.exit()).toBe(0);
    const r = preset.validateConfig(await loadConfigFile(file));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.run.seed).toBe(77);
    expect(r.config.households.num_households).toBe(1234);
    expect(r.config.demographics.age).toMatchObject({ distribution: 'normal', mean: 40 });
    expect(r.config.audience.segments.map((x) => x.name)).not.toContain('sports_fans');
    expect(r.config.audience.segments.length).toBe((preset.defaultConfig.audience.segments.length as number) - 1);
    expect(r.config.campaigns.channels).toEqual(['social', 'display', 'video', 'ctv']);
    expect(r.config.campaigns.attribution_models).toEqual(['last_touch']);
  });

  it('Ctrl-C at a prompt: exit 130, "cancelled, nothing written", no file', async () => {
    const file = path.join(dir, 'cancelled.yaml');
    const s = start(`--out ${file}`);
    await step(s, plan('run'));
    await next(s, plan('run'));
    await s.answer('Number of households', KEY.ctrlC);
    await s.expect('cancelled, nothing written');
    expect(await s.exit()).toBe(130);
    expect(existsSync(file)).toBe(false);
  });

  it('--yes on a terminal asks nothing', async () => {
    const file = path.join(dir, 'yes.yaml');
    const t0 = performance.now();
    const s = start(`--yes --out ${file}`);
    expect(await s.exit(15_000)).toBe(0);
    expect(s.screen()).toContain('wrote');
    expect(performance.now() - t0).toBeLessThan(15_000);
    expect(preset.validateConfig(await loadConfigFile(file)).ok).toBe(true);
  });
});

describe('synthgraph init without a terminal', () => {
  /** Runs init with stdin closed at once; resolves with exit code and output. */
  function run(args: string[]): Promise<{ code: number | null; out: string; ms: number }> {
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const child = spawn(tsx, ['--conditions=source', bin, 'init', ...args], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
      child.stdin.end();
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`init did not finish within 15 s:\n${out}`));
      }, 15_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, out, ms: performance.now() - t0 });
      });
    });
  }

  it('stdin closed: writes the defaults and exits 0, then refuses to overwrite (exit 2) unless --force', async () => {
    const first = await run(['--out', 'piped.yaml']);
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain('stdin is not a terminal');
    expect(preset.validateConfig(await loadConfigFile(path.join(dir, 'piped.yaml'))).ok).toBe(true);
    const second = await run(['--out', 'piped.yaml']);
    expect(second.code).toBe(2);
    expect(second.out).toContain('already exists; nothing written');
    const forced = await run(['--yes', '--force', '--out', 'piped.yaml']);
    expect(forced.code, forced.out).toBe(0);
  });
});
