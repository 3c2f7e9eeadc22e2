/**
 * The report of a real identity-graph output (small): the summary and its verdict, checks
 * collapsed until one fails, campaigns in number order with their population, log-scaled bins for
 * heavy tails and only the window's months — each against the raw rows or the manifest.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, type Manifest } from '@synthgraph/core';
import { duckdb, DuckdbReader, readTableRows } from '@synthgraph/duckdb';
import { evaluateDistributions, identityGraph, type DistributionTarget } from '@synthgraph/presets';
import { buildReport, type BuiltReport } from './report-builder.js';
import { binning } from './numeric-section.js';
import type { Maybe, NumericDistribution } from './report-types.js';
import { expectHistogram } from '../../test/support/report-expect.js';

let dir: string;
let out: string;
let manifest: Manifest;
let report: BuiltReport;

function ok<T>(m: Maybe<T>): T {
  if (m.status !== 'ok') throw new Error(`${m.id} is unavailable: ${m.reason}`);
  return m;
}
const targetsOf = (m: Manifest): DistributionTarget[] => m.extra['distributionTargets'] as DistributionTarget[];
/** The rows of the check table or realism list, in page order. */
const statuses = (html: string, attr: 'data-check' | 'data-target'): { name: string; status: string }[] =>
  [...html.matchAll(new RegExp(`<tr ${attr}="([^"]+)" data-status="([^"]+)"`, 'g'))].map((m) => ({ name: m[1] as string, status: m[2] as string }));

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-report-summary-'));
  out = path.join(dir, 'out');
  manifest = await generate(identityGraph({ households: { num_households: 1500 } }), duckdb({ out, threads: 2 }), { seed: 5 });
  report = await buildReport(out);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('summary', () => {
  it('opens the page with the verdict, tables, rows, checks, realism targets met, engine, seed and the manifest’s time', async () => {
    const j = report.json;
    expect(manifest.generatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(j.summary.generatedAt).toBe(manifest.generatedAt);
    // The realism targets are the manifest's, measured independently here on the same files.
    const reader = await DuckdbReader.open(out);
    const measured = await evaluateDistributions(targetsOf(manifest), (sql) => reader.query(sql));
    reader.close();
    const r = ok(j.realism);
    expect(r.total).toBe(targetsOf(manifest).length);
    expect(r.total).toBeGreaterThan(20);
    expect(r.items.map((i) => [i.id, i.pass])).toEqual(measured.map((m) => [m.id, m.pass]));
    expect(r.met).toBe(measured.filter((m) => m.pass).length);
    expect(r.missed + r.met + r.notMeasured).toBe(r.total);
    const good = j.checks.failed === 0 && r.missed === 0;
    expect(j.verdict.status).toBe(good ? 'pass' : 'fail');
    expect(j.verdict.text).toContain(`${r.met} of ${r.total} realism targets met`);
    expect(j.verdict.text).toContain(j.checks.failed ? `of ${j.checks.total} failed` : `all ${j.checks.total} checks passed`);

    // The summary is the first section, and its tiles carry the numbers.
    const html = report.html;
    expect(html.indexOf('<section id="summary">')).toBeLessThan(html.indexOf('<section id="tables">'));
    const summary = html.slice(html.indexOf('<section id="summary">'), html.indexOf('<section id="tables">'));
    const tileValue = (key: string): string | undefined => new RegExp(`data-key="${key}" data-value="([^"]*)"`).exec(summary)?.[1];
    expect(tileValue('verdict')).toBe(j.verdict.status);
    expect(tileValue('table-count')).toBe(String(Object.keys(manifest.tables).length));
    expect(tileValue('total-rows')).toBe(String(manifest.totalRows));
    expect(tileValue('checks-passed')).toBe(String(j.checks.passed));
    expect(tileValue('checks-failed')).toBe(String(j.checks.failed));
    expect(tileValue('realism-met')).toBe(String(r.met));
    expect(tileValue('engine')).toBe(manifest.engine);
    expect(tileValue('seed')).toBe('5');
    expect(tileValue('generated-at')).toBe(manifest.generatedAt);
    expect(summary).toContain(`${manifest.generatedAt?.slice(0, 10)} ${manifest.generatedAt?.slice(11, 16)} UTC`);
    // The list of targets is collapsed while none is missed.
    expect(summary).toContain(r.missed ? '<details id="realism-targets" open>' : '<details id="realism-targets">');
    // No clock is read: the same output gives the same page.
    expect((await buildReport(out)).html).toBe(html);
  });

  it('a missed target fails the verdict, names it and opens the list with it first; an unmeasurable one is not a failure', async () => {
    const targets = targetsOf(manifest);
    const i = targets.findIndex((t) => t.kind === 'share');
    const strict = { ...targets[i], tolerance: 0 } as DistributionTarget;
    const absent = { kind: 'share', id: 'nowhere.kind', description: 'a table this output lacks', table: 'nowhere', column: 'kind', expected: { a: 1 }, tolerance: 0.1 };
    const r = await buildReport(out, { manifest: { ...manifest, extra: { ...manifest.extra, distributionTargets: [...targets.slice(0, i), strict, ...targets.slice(i + 1), absent] } } });
    const realism = ok(r.json.realism);
    expect(realism.items.find((x) => x.id === strict.id)?.pass).toBe(false);
    expect(realism.items.find((x) => x.id === 'nowhere.kind')).toMatchObject({ pass: null, deviation: null });
    expect(realism.notMeasured).toBe(1);
    expect(r.json.verdict.status).toBe('fail');
    expect(r.json.verdict.text).toContain(strict.id);
    expect(r.html).toContain('<details id="realism-targets" open>');
    expect(statuses(r.html, 'data-target')[0]).toEqual({ name: strict.id, status: 'missed' });

    // Only the unmeasurable one added: nothing is missed, so the verdict is the checks'.
    const lenient = await buildReport(out, { manifest: { ...manifest, extra: { ...manifest.extra, distributionTargets: [absent] } } });
    expect(ok(lenient.json.realism)).toMatchObject({ total: 1, met: 0, missed: 0, notMeasured: 1 });
    expect(lenient.json.verdict.status).toBe(lenient.json.checks.failed ? 'fail' : 'pass');
  });
});

describe('checks', () => {
  it('are collapsed while all pass, and open with the failing ones first when one fails', async () => {
    expect(report.json.checks.failed).toBe(0);
    expect(report.html).toContain('<details id="check-list"><summary>show all');
    expect(report.html).not.toContain('<details id="check-list" open>');

    const failing = manifest.checks.at(-1);
    const checks = manifest.checks.map((c) => (c === failing ? { ...c, violations: 3 } : c));
    const r = await buildReport(out, { manifest: { ...manifest, checks } });
    expect(r.json.checks.failed).toBe(1);
    expect(r.json.verdict.status).toBe('fail');
    expect(r.html).toContain('<details id="check-list" open>');
    const rows = statuses(r.html, 'data-check');
    expect(rows).toHaveLength(manifest.checks.length);
    expect(rows[0]).toEqual({ name: failing?.name, status: 'fail' });
    expect(rows.slice(1).every((x) => x.status === 'pass')).toBe(true);
  });

  it('say how each was verified: a scan, or a foreign key by construction spot-checked over a sample', () => {
    expect(report.json.checks.items.map((i) => i.verified)).toEqual(manifest.checks.map((c) => c.verified));
    const fk = report.json.checks.items.find((i) => i.name.startsWith('individuals.foreignKey(household_id'));
    expect(fk?.verified).toBe('construction+sample');
    expect(report.html).toContain(`data-key="verified:${fk?.name}" data-value="construction+sample">by construction + sample</td>`);
    expect(report.html).toContain('data-key="verified:individuals.primaryKey(individual_id)" data-value="scan">every row</td>');
  });
});

describe('campaigns', () => {
  it('are ordered by their number (#0, #1, … #10) and show their population (the treatment group) and reach', async () => {
    const f = ok(report.json.funnel);
    const numbers = f.byCampaign.map((c) => Number(/#(\d+)/.exec(c.label)?.[1]));
    expect(numbers.length).toBeGreaterThan(10);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    const assignments = await readTableRows(out, 'campaign_assignments');
    const exposures = await readTableRows(out, 'campaign_exposures');
    for (const c of f.byCampaign) {
      const treated = new Set(assignments.filter((a) => String(a['campaign_id']) === c.group && a['assignment'] === 'treatment').map((a) => String(a['individual_id'])));
      const reached = new Set(exposures.filter((x) => String(x['campaign_id']) === c.group).map((x) => String(x['individual_id'])));
      expect(c.population, c.label).toBe(treated.size);
      expect(c.reached, c.label).toBe(reached.size);
      expect(c.reachRate).toBeCloseTo(reached.size / treated.size, 12);
      expect(report.html).toContain(`data-key="funnel:campaign:${c.group}:population" data-value="${treated.size}"`);
    }
  });
});

describe('histograms', () => {
  it('heavy-tailed distributions get log-scaled bins that spread the rows; the others stay linear', async () => {
    const people = await readTableRows(out, 'individuals');
    const events = await readTableRows(out, 'content_engagements');
    const perPerson = new Map<string, number>();
    for (const e of events) perPerson.set(String(e['individual_id']), (perPerson.get(String(e['individual_id'])) ?? 0) + 1);
    const values: Record<string, number[]> = {
      events_per_person: people.map((p) => perPerson.get(String(p['individual_id'])) ?? 0),
      income_individual: people.map((p) => Number(p['income_individual'])),
      age: people.map((p) => Number(p['age'])),
    };
    const num = (id: string): NumericDistribution => ok(report.json.distributions.numeric.find((d) => d.id === id) as Maybe<NumericDistribution>);
    for (const [id, xs] of Object.entries(values)) {
      const d = num(id);
      expectHistogram(d, xs);
      const sorted = [...xs].sort((a, b) => a - b);
      const median = ((sorted[Math.floor((xs.length - 1) / 2)] as number) + (sorted[Math.ceil((xs.length - 1) / 2)] as number)) / 2;
      const max = sorted.at(-1) as number;
      const heavy = (sorted[0] as number) >= 0 && max > 20 * median;
      expect(d.scale, id).toBe(heavy ? 'log' : 'linear');
      if (!heavy) continue;
      // Linear bins would crowd the rows into one bar; the log bins do not.
      const linear = binning(sorted[0] as number, max, id !== 'income_individual', 40);
      const fullestLinear = Math.max(...linear.edges.slice(0, -1).map((lo, k) => xs.filter((x) => x >= lo && (k === linear.count - 1 || x < (linear.edges[k + 1] as number))).length));
      const fullestLog = Math.max(...d.bins.map((b) => b.count));
      expect(fullestLog, id).toBeLessThan(fullestLinear);
      expect(fullestLog / xs.length, id).toBeLessThan(0.5);
      // Readable edges on the 1-2-5 scale, and the chart says it is log-scaled.
      for (const b of d.bins) expect(String(b.hi).replace(/0+$/, '').replace('.', ''), `${id} ${b.label}`).toMatch(/^0*[125]$/);
      expect(report.html).toContain(`${d.title}: histogram (log-scaled bins)`);
    }
    // The preset's engagements and incomes are heavy-tailed at this size; age is not.
    expect([num('events_per_person').scale, num('income_individual').scale, num('age').scale]).toEqual(['log', 'log', 'linear']);
  });
});

describe('activity', () => {
  it('the month chart shows only the months of the generation window', async () => {
    const a = ok(report.json.activity);
    const events = await readTableRows(out, 'content_engagements');
    const months = new Map<string, number>();
    for (const e of events) {
      const m = String(e['event_ts']).slice(0, 7);
      months.set(m, (months.get(m) ?? 0) + 1);
    }
    const first = [...months.keys()].sort()[0] as string;
    const last = [...months.keys()].sort().at(-1) as string;
    // The default window is 90 days: three or four calendar months, consecutive, empty ones as 0.
    expect(a.byWindowMonth.length).toBeGreaterThanOrEqual(3);
    expect(a.byWindowMonth.length).toBeLessThanOrEqual(4);
    expect(a.byWindowMonth[0]?.month).toBe(first);
    expect(a.byWindowMonth.at(-1)?.month).toBe(last);
    for (const m of a.byWindowMonth) expect(m.count, m.month).toBe(months.get(m.month) ?? 0);
    expect(a.byWindowMonth.reduce((s, m) => s + m.count, 0)).toBe(events.length);
    const chart = /<svg [^>]*data-chart="activity-month"[\s\S]*?<\/svg>/.exec(report.html)?.[0] ?? '';
    expect((chart.match(/<rect class="bar"/g) ?? []).length).toBe(a.byWindowMonth.length);
  });
});
