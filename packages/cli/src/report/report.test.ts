/**
 * The report's numbers against independent computations on a generated fixture: the raw rows
 * are read back and every metric is recomputed in TypeScript (or with a different SQL
 * formulation), then compared with report.json.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, intBetween, pick, scenario, t, type Manifest } from '@synthgraph/core';
import { duckdb, readTableRows } from '@synthgraph/duckdb';
import { IDENTITY_GRAPH_TABLES, identityGraphPreset } from '@synthgraph/presets';
import type { CliIO } from '../io.js';
import { reportCommand } from '../commands/report.js';
import { buildReport, writeReport, type BuiltReport } from './report-builder.js';
import { FIXTURE_ENGAGEMENT, FIXTURE_GENDER, FIXTURE_IDENTIFIERS, FIXTURE_INCOME, reportFixture } from '../../test/support/report-fixture.js';
import type { Maybe, NumericDistribution } from './report-types.js';
import { expectHistogram, mean, near } from '../../test/support/report-expect.js';

let dir: string;
let out: string;
let manifest: Manifest;
let report: BuiltReport;
const cache = new Map<string, Record<string, unknown>[]>();

/** All rows of a table, read once. */
async function rows(table: string): Promise<Record<string, unknown>[]> {
  let r = cache.get(table);
  if (!r) cache.set(table, (r = await readTableRows(out, table)));
  return r;
}
const n = (v: unknown): number => Number(v);
const ts = (v: unknown): Date => new Date(`${String(v).replace(' ', 'T')}Z`);
function ok<T>(m: Maybe<T>): T {
  if (m.status !== 'ok') throw new Error(`${m.id} is unavailable: ${m.reason}`);
  return m;
}
const countBy = <T>(xs: readonly T[], key: (x: T) => string): Map<string, number> => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
};
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-report-'));
  out = path.join(dir, 'out');
  manifest = await generate(reportFixture(300), duckdb({ out }), { seed: 7 });
  report = await buildReport(out);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('report numbers', () => {
  it('summary, tables and checks are the manifest’s', async () => {
    const s = report.json.summary;
    expect(s).toMatchObject({ seed: 7, engine: manifest.engine, format: 'parquet', irHash: manifest.irHash, totalRows: manifest.totalRows, tableCount: Object.keys(manifest.tables).length });
    expect(s.batches).toEqual([{ index: 0, seed: 7, irHash: manifest.irHash, rows: manifest.totalRows }]);
    expect(report.json.tables.map((x) => [x.name, x.rows, x.bytes, x.contentHash])).toEqual(Object.entries(manifest.tables).map(([k, v]) => [k, v.rows, v.bytes, v.contentHash]));
    for (const x of report.json.tables) expect(x.countedRows, x.name).toBe((await rows(x.name)).length);
    expect(report.json.checks.items.map((c) => [c.name, c.table, c.violations, c.passed])).toEqual(manifest.checks.map((c) => [c.name, c.table, c.violations, c.violations === 0]));
    expect(report.json.checks).toMatchObject({ total: manifest.checks.length, failed: 0, passed: manifest.checks.length });
  });

  it('categorical counts and shares equal the rows; targets come from the config and extra', async () => {
    const shown = report.json.distributions.categorical.filter((c) => c.status === 'ok');
    expect(shown.map((c) => c.id)).toEqual(expect.arrayContaining(['income_bracket', 'time_zone', 'household_role', 'gender', 'identifier_type', 'engagement_type', 'content_category', 'segment_primary']));
    for (const c of report.json.distributions.categorical) {
      if (c.status !== 'ok') continue;
      const data = await rows(c.table);
      const counts = countBy(data, (r) => (r[c.column] === null ? '(null)' : String(r[c.column])));
      expect(c.total, c.id).toBe(data.length);
      for (const x of c.categories) {
        expect(x.count, `${c.id}=${x.value}`).toBe(counts.get(x.value) ?? 0);
        expect(x.share).toBeCloseTo((counts.get(x.value) ?? 0) / data.length, 10);
      }
      expect(c.categories.reduce((a, x) => a + x.count, 0) + c.otherCount).toBe(data.length);
      if (c.target) {
        const diffs = [...new Set([...counts.keys(), ...Object.keys(c.target.shares)])].map((v) => Math.abs((counts.get(v) ?? 0) / data.length - (c.target?.shares[v] ?? 0)));
        expect(c.maxAbsDiff).toBeCloseTo(Math.max(...diffs), 10);
      }
    }
    const target = (id: string): unknown => {
      const c = ok(report.json.distributions.categorical.find((x) => x.id === id) as Maybe<{ target: unknown }>);
      return c.target;
    };
    expect(target('income_bracket')).toEqual({ shares: FIXTURE_INCOME, source: 'config.households.income_brackets' });
    expect(target('gender')).toEqual({ shares: FIXTURE_GENDER, source: 'extra.distributionTargets.individuals.gender' });
    const ids = target('identifier_type') as { shares: Record<string, number>; source: string };
    expect(ids.source).toBe('config.demographics.identifier_types');
    for (const [k, v] of Object.entries(FIXTURE_IDENTIFIERS)) expect(ids.shares[k]).toBeCloseTo(v, 10);
    expect((target('engagement_type') as { source: string }).source).toBe('config.engagement.engagement_types');
    expect(Object.keys((target('engagement_type') as { shares: object }).shares)).toEqual(Object.keys(FIXTURE_ENGAGEMENT));
    expect(target('housing_type')).toBeNull();
    // Target order first: the income chart follows the configured bracket order.
    expect(ok(report.json.distributions.categorical[0] as Maybe<{ categories: { value: string }[] }>).categories.map((x) => x.value)).toEqual(Object.keys(FIXTURE_INCOME));
  });

  it('numeric histograms and statistics equal the values', async () => {
    const num = (id: string): NumericDistribution => ok(report.json.distributions.numeric.find((d) => d.id === id) as Maybe<NumericDistribution>);
    const people = await rows('individuals');
    expectHistogram(num('age'), people.map((r) => n(r['age'])));
    expect(num('age').target).toEqual({ min: 18, max: 90, source: 'config.demographics.age_range' });
    expectHistogram(num('household_size'), (await rows('households')).map((r) => n(r['household_size'])));
    expect(num('household_size').target).toMatchObject({ mean: 2.5, sd: 1.2, min: 1, max: 5 });
    expectHistogram(num('num_children'), (await rows('households')).map((r) => n(r['num_children'])));
    const events = countBy(await rows('content_engagements'), (r) => String(r['individual_id']));
    expectHistogram(num('events_per_person'), people.map((p) => events.get(String(p['individual_id'])) ?? 0));
    expectHistogram(num('income_individual'), people.map((r) => n(r['income_individual'])));
    const views = (await rows('content_engagements')).filter((r) => r['duration_seconds'] !== null);
    expectHistogram(num('duration_seconds'), views.map((r) => n(r['duration_seconds'])));
    expectHistogram(num('exposure_frequency'), (await rows('campaign_exposures')).map((r) => n(r['frequency'])));
    expectHistogram(num('time_to_conversion_hours'), (await rows('response_events')).map((r) => n(r['time_to_conversion_hours'])));
  });

  it('identity graph: identifiers per person, persons per household, shared devices, lifetimes', async () => {
    const g = report.json.identityGraph;
    const people = await rows('individuals');
    const maps = await rows('identity_mappings');
    const perPerson = countBy(maps, (r) => String(r['individual_id']));
    expectHistogram(ok(g.identifiersPerPerson), people.map((p) => perPerson.get(String(p['individual_id'])) ?? 0));
    expect(ok(g.identifiersPerPerson).target).toMatchObject({ mean: 4, source: 'config.demographics.identifiers_per_person' });
    const households = await rows('households');
    const members = countBy(people, (r) => String(r['household_id']));
    expectHistogram(ok(g.personsPerHousehold), households.map((h) => members.get(String(h['household_id'])) ?? 0));
    expect(g.householdSizeMismatches).toBe(households.filter((h) => n(h['household_size']) !== (members.get(String(h['household_id'])) ?? 0)).length);
    expect(g.householdSizeMismatches).toBe(0);

    const sd = ok(g.sharedDevices);
    const householdOf = new Map(people.map((p) => [String(p['individual_id']), String(p['household_id'])]));
    const byValue = new Map<string, { type: string; people: Set<string> }>();
    for (const m of maps) {
      const key = `${String(m['identifier_type'])}\u0000${String(m['identifier_value'])}`;
      const e = byValue.get(key) ?? { type: String(m['identifier_type']), people: new Set<string>() };
      e.people.add(String(m['individual_id']));
      byValue.set(key, e);
    }
    const values = [...byValue.values()];
    for (const b of sd.byType) {
      const of = values.filter((v) => v.type === b.identifierType);
      const shared = of.filter((v) => v.people.size > 1);
      expect(b.values, b.identifierType).toBe(of.length);
      expect(b.sharedValues, b.identifierType).toBe(shared.length);
      expect(b.rate).toBeCloseTo(shared.length / of.length, 10);
      if (shared.length) {
        expect(b.meanIndividualsPerSharedValue).toBeCloseTo(mean(shared.map((v) => v.people.size)), 10);
        expect(b.sameHouseholdShare).toBeCloseTo(shared.filter((v) => new Set([...v.people].map((p) => householdOf.get(p))).size === 1).length / shared.length, 10);
      } else expect(b.meanIndividualsPerSharedValue).toBeNull();
    }
    const devices = values.filter((v) => v.type === 'ctv_id' || v.type === 'ip_address');
    expect(sd.values).toBe(devices.length);
    expect(sd.rate).toBeCloseTo(devices.filter((v) => v.people.size > 1).length / devices.length, 10);
    // The fixture shares one CTV and one IP per household: multi-person households share them.
    expect(sd.rate).toBeGreaterThan(0.05);
    expect(sd.byType.find((b) => b.identifierType === 'ctv_id')?.sameHouseholdShare).toBe(1);
    expect(sd.byType.find((b) => b.identifierType === 'email_hash')?.sharedValues).toBe(0);

    const lt = ok(g.lifetimes);
    const life = maps.map((m) => ({ type: String(m['identifier_type']), days: (ts(m['last_seen']).getTime() - ts(m['first_seen']).getTime()) / 86_400_000, active: m['active'] === true }));
    expectHistogram(lt.distribution, life.map((l) => l.days));
    for (const b of lt.byType) {
      const of = life.filter((l) => l.type === b.identifierType);
      expect(b.count).toBe(of.length);
      near(b.meanDays, mean(of.map((l) => l.days)));
      expect(b.maxDays).toBe(Math.max(...of.map((l) => l.days)));
      expect(b.activeShare).toBeCloseTo(of.filter((l) => l.active).length / of.length, 10);
    }
  });

  it('activity by hour, weekday, month and day equals the event timestamps (UTC)', async () => {
    const a = ok(report.json.activity);
    const events = (await rows('content_engagements')).map((r) => ts(r['event_ts']));
    expect(a.total).toBe(events.length);
    const hist = (size: number, f: (d: Date) => number): number[] => {
      const h = Array.from({ length: size }, () => 0);
      for (const e of events) h[f(e)] = (h[f(e)] ?? 0) + 1;
      return h;
    };
    expect(a.byHour).toEqual(hist(24, (d) => d.getUTCHours()));
    expect(a.byWeekday).toEqual(hist(7, (d) => (d.getUTCDay() + 6) % 7));
    expect(a.byMonth).toEqual(hist(12, (d) => d.getUTCMonth()));
    const days = countBy(events, (d) => d.toISOString().slice(0, 10));
    expect(a.byDay).toEqual([...days.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([day, count]) => ({ day, count })));
    const sorted = [...events].sort((x, y) => x.getTime() - y.getTime());
    expect(a.first).toBe(`${sorted[0]?.toISOString().slice(0, 19)}Z`);
    expect(a.last).toBe(`${sorted.at(-1)?.toISOString().slice(0, 19)}Z`);
    expect(a.pattern).toEqual({ value: 'seasonal', source: 'config.engagement.temporal_pattern' });
    // The configured diurnal shape is visible: evening hours beat the small hours.
    expect((a.byHour[20] ?? 0) > 3 * (a.byHour[3] ?? 0)).toBe(true);
  });

  it('campaign funnel by segment and campaign equals a join of the raw rows', async () => {
    const f = ok(report.json.funnel);
    expect(f.segmentSource).toBe('audience_attributes.segment_primary');
    expect(f.configuredReach).toEqual({ value: 0.3, source: 'config.campaigns.reach' });
    const segOf = new Map((await rows('audience_attributes')).map((r) => [String(r['individual_id']), String(r['segment_primary'])]));
    const people = await rows('individuals');
    const exposures = await rows('campaign_exposures');
    const responses = await rows('response_events');
    const expectRow = (group: string, inGroup: (r: Record<string, unknown>) => boolean, population: number | null): void => {
      const row = [...f.bySegment, ...f.byCampaign.map((c) => ({ ...c, group: `campaign ${c.group}` })), { ...f.total, group: 'total' }].find((r) => r.group === group);
      expect(row, group).toBeDefined();
      if (!row) return;
      const ex = exposures.filter(inGroup);
      const re = responses.filter(inGroup);
      const conv = re.filter((r) => r['response_type'] === 'conversion');
      const reached = new Set(ex.map((r) => String(r['individual_id']))).size;
      const pairs = new Set(ex.map((r) => `${String(r['individual_id'])}/${String(r['campaign_id'])}`)).size;
      const impressions = ex.reduce((a, r) => a + n(r['frequency']), 0);
      const responders = new Set(re.map((r) => String(r['individual_id']))).size;
      const converters = new Set(conv.map((r) => String(r['individual_id']))).size;
      expect(row.population, group).toBe(population);
      expect(row.reached, group).toBe(reached);
      expect(row.exposures, group).toBe(ex.length);
      expect(row.impressions, group).toBe(impressions);
      expect(row.frequency).toBeCloseTo(impressions / pairs, 10);
      expect(row.responses, group).toBe(re.length);
      expect(row.responders, group).toBe(responders);
      expect(row.responseRate).toBeCloseTo(responders / reached, 10);
      expect(row.responsesPerExposure).toBeCloseTo(re.length / ex.length, 10);
      expect(row.conversions, group).toBe(conv.length);
      expect(row.converters, group).toBe(converters);
      expect(row.conversionRate).toBeCloseTo(converters / reached, 10);
      near(row.revenue, conv.reduce((a, r) => a + n(r['value']), 0), `${group} revenue`);
      near(row.cost, ex.reduce((a, r) => a + n(r['cost']), 0), `${group} cost`);
      const clicks = re.filter((r) => r['response_type'] === 'click').length;
      expect(row.clicks, group).toBe(clicks);
      expect(row.clickThrough).toBeCloseTo(clicks / impressions, 10);
      if (clicks > 0) expect(row.conversionsPerClick).toBeCloseTo(conv.length / clicks, 10);
      if (population !== null) expect(row.reachRate).toBeCloseTo(reached / population, 10);
    };
    const segments = [...new Set(segOf.values())].sort();
    expect(f.bySegment.map((r) => r.group)).toEqual(segments);
    for (const s of segments) expectRow(s, (r) => segOf.get(String(r['individual_id'])) === s, people.filter((p) => segOf.get(String(p['individual_id'])) === s).length);
    // Without campaign_assignments every individual may be exposed to every campaign: the population is all of them.
    for (const c of await rows('campaigns')) expectRow(`campaign ${String(c['campaign_id'])}`, (r) => String(r['campaign_id']) === String(c['campaign_id']), people.length);
    // Campaigns ordered by the number in their names (`Campaign 0` … `Campaign 3`), not by their opaque ids as text.
    const byName = (await rows('campaigns')).map((c) => ({ id: String(c['campaign_id']), k: Number(/\d+$/.exec(String(c['campaign_name']))?.[0]) })).sort((a, b) => a.k - b.k);
    expect(f.byCampaign.map((r) => r.group)).toEqual(byName.map((c) => c.id));
    expectRow('total', () => true, people.length);
    // spend vs budget per campaign, and the frequency curve covers every exposure row
    for (const c of await rows('campaigns')) {
      const row = f.byCampaign.find((r) => r.group === String(c['campaign_id']));
      if (row) expect(row.spendShare).toBeCloseTo((row.cost ?? 0) / n(c['budget']), 10);
    }
    expect(f.frequencyCurve.reduce((a, b) => a + b.rows, 0)).toBe(exposures.length);
  });

  it('the page is self-contained, every chart has an id and a title, and the same output gives the same bytes', async () => {
    const html = report.html;
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script(?![^>]*type="application\/json")/);
    expect(html).not.toMatch(/<link|<img|<iframe|url\(|@import/);
    const charts = [...html.matchAll(/<svg [^>]*data-chart="([^"]+)"[^>]*>(<title[^>]*>[^<]+<\/title>)/g)].map((m) => m[1]);
    expect(charts.length).toBe((html.match(/<svg /g) ?? []).length);
    expect(new Set(charts).size).toBe(charts.length);
    expect(charts).toEqual(expect.arrayContaining(['table-rows', 'dist-income_bracket', 'dist-gender', 'dist-engagement_type', 'dist-identifier_type', 'hist-age', 'hist-household_size', 'hist-identifiers_per_person', 'activity-hour', 'activity-weekday', 'activity-month', 'activity-daily', 'shared-devices', 'hist-identifier_lifetimes', 'funnel-total', 'funnel-segments']));
    const embedded = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(JSON.parse(embedded)).toEqual(JSON.parse(JSON.stringify(report.json)));
    const again = await buildReport(out);
    expect(again.html).toBe(html);
  });
});

describe('graceful degradation', () => {
  it("an output of a preset names the preset's tables it lacks", async () => {
    const { campaigns: _dropped, ...tables } = manifest.tables;
    const r = await buildReport(out, { manifest: { ...manifest, scenario: identityGraphPreset.name, tables } });
    const absent = IDENTITY_GRAPH_TABLES.filter((name) => !(name in tables));
    expect(absent).toContain('campaigns');
    expect(r.json.notes).toContain(`Tables of the identity-graph scenario absent from this output: ${absent.join(', ')}. Sections that need them say so below.`);
    expect(r.json.tables.map((x) => x.name)).not.toContain('campaigns');
  });

  it('an output with only households and individuals says what is missing and still charts what is there', async () => {
    const small = path.join(dir, 'small');
    const s = scenario('small')
      .entity('households', (e) => e.rows(50).key('household_id').column('income_bracket', t.string(), () => pick(['low', 'high'])).column('household_size', t.int(), () => intBetween(1, 3)))
      .entity('individuals', (e) =>
        e
          .childrenOf('households', { count: (p) => p.col('household_size'), max: 4 })
          .key('individual_id')
          .column('household_id', t.bigint(), (c) => c.parent.col('household_id'))
          .column('age', t.int(), () => intBetween(18, 80)),
      );
    await generate(s, duckdb({ out: small }), { seed: 1 });
    const r = await buildReport(small);
    // 'small' is no preset: its tables are the manifest's, so none is absent; the sections say what they miss.
    expect(r.json.notes.join('\n')).not.toMatch(/absent from this output/);
    expect(r.json.notes).toContain('Campaign funnel: not shown — table campaign_exposures is absent.');
    expect(r.json.funnel).toMatchObject({ status: 'unavailable', reason: 'table campaign_exposures is absent' });
    expect(r.json.activity).toMatchObject({ status: 'unavailable', reason: 'table content_engagements is absent' });
    expect(r.json.identityGraph.sharedDevices.status).toBe('unavailable');
    expect(r.json.identityGraph.personsPerHousehold.status).toBe('ok');
    expect(r.json.distributions.categorical.find((c) => c.id === 'gender')).toMatchObject({ status: 'unavailable', reason: 'column individuals.gender is absent' });
    expect(ok(r.json.distributions.categorical[0] as Maybe<{ target: unknown }>).target).toBeNull();
    expect(r.html).toContain('data-unavailable="funnel"');
    expect(r.html).toContain('table campaign_exposures is absent');
    expect(r.html).toContain('data-chart="dist-income_bracket"');
    expect(r.html).toContain('data-chart="hist-persons_per_household"');
    expect(r.html).not.toContain('data-chart="activity-hour"');
  });

  it('an output whose tables cannot be read still reports the manifest', async () => {
    const broken = path.join(dir, 'broken');
    await generate(reportFixture(20), duckdb({ out: broken }), { seed: 3 });
    await rm(path.join(broken, 'households'), { recursive: true, force: true });
    const r = await buildReport(broken);
    expect(r.json.notes[0]).toMatch(/could not be read/);
    expect(r.json.tables.every((x) => x.countedRows === null)).toBe(true);
    expect(r.json.checks.total).toBeGreaterThan(0);
    expect(r.html).toContain('data-chart="table-rows"');
  });

  it('a directory without manifest.json is an input error naming the fix', async () => {
    await expect(buildReport(path.join(dir, 'nothing-here'))).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.stringMatching(/manifest\.json/) });
  });
});

describe('writeReport and synthgraph report', () => {
  const io = (): CliIO & { out: string; err: string } => {
    const o = {
      out: '',
      err: '',
      stdout: { isTTY: false, write: (s: string) => ((o.out += s), true) },
      stderr: { isTTY: false, write: (s: string) => ((o.err += s), true) },
      cwd: dir,
      env: {},
      onInterrupt: () => () => undefined,
    };
    return o;
  };

  it('writes report.html and report.json into the output directory or --out', async () => {
    const w = await writeReport(out);
    expect(w.htmlPath).toBe(path.join(out, 'report.html'));
    expect(await readFile(w.htmlPath, 'utf8')).toBe(report.html);
    expect(JSON.parse(await readFile(w.jsonPath, 'utf8'))).toEqual(JSON.parse(JSON.stringify(report.json)));
    const r = io();
    expect(await reportCommand(['out', '--out', 'elsewhere'], r)).toBe(0);
    expect(r.out).toContain(path.join(dir, 'elsewhere', 'report.html'));
    expect(r.out).toMatch(/checks: \d+ passed, 0 failed/);
    expect(r.out).toContain(`\n${report.json.verdict.text}\n`);
    expect(existsSync(path.join(dir, 'elsewhere', 'report.json'))).toBe(true);
    const j = io();
    expect(await reportCommand(['out', '--json'], j)).toBe(0);
    expect(JSON.parse(j.out)).toMatchObject({ reportVersion: 1, summary: { seed: 7 } });
    const h = io();
    expect(await reportCommand(['--help'], h)).toBe(0);
    expect(h.out).toContain('Usage: synthgraph report');
  });

  it('bad input is an input error (exit 2 through main)', async () => {
    await expect(reportCommand(['missing-dir'], io())).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(reportCommand(['a', 'b'], io())).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(reportCommand(['--bogus'], io())).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });
});
