/**
 * The report's sessions and device-by-age numbers against the raw rows of a generated fixture,
 * recomputed in TypeScript; and what the section says when their columns are absent.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, intBetween, scenario, t } from '@synthgraph/core';
import { sparkDialect } from '@synthgraph/databricks';
import { duckdb, readTableRows } from '@synthgraph/duckdb';
import { buildReport, readManifest, type BuiltReport } from './report-builder.js';
import { collectReport } from './report-collector.js';
import { AGE_BANDS } from './sessions-section.js';
import { reportFixture } from '../../test/support/report-fixture.js';
import { expectHistogram } from '../../test/support/report-expect.js';
import type { Maybe } from './report-types.js';

let dir: string;
let out: string;
let report: BuiltReport;
let events: Record<string, unknown>[];
let people: Record<string, unknown>[];

function ok<T>(m: Maybe<T>): T {
  if (m.status !== 'ok') throw new Error(`${m.id} is unavailable: ${m.reason}`);
  return m;
}
const micros = (v: unknown): number => new Date(`${String(v).replace(' ', 'T')}Z`).getTime() * 1000;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-report-behaviour-'));
  out = path.join(dir, 'out');
  await generate(reportFixture(200), duckdb({ out }), { seed: 11 });
  report = await buildReport(out);
  events = await readTableRows(out, 'content_engagements');
  people = await readTableRows(out, 'individuals');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sessions', () => {
  it('events per session and session length equal the rows grouped by session_id', () => {
    const s = ok(report.json.sessions);
    const bySession = new Map<string, number[]>();
    for (const e of events) {
      const id = String(e['session_id']);
      bySession.set(id, [...(bySession.get(id) ?? []), micros(e['event_ts'])]);
    }
    expect(s.sessions).toBe(bySession.size);
    expect(s.events).toBe(events.length);
    expect(s.eventsWithoutSession).toBe(0);
    expectHistogram(s.eventsPerSession, [...bySession.values()].map((ts) => ts.length));
    expect(s.eventsPerSession.target).toEqual({ mean: 3, source: 'config.engagement.events_per_session' });
    const lengths = [...bySession.values()].map((ts) => (Math.max(...ts) - Math.min(...ts)) / 60e6);
    const len = s.lengthMinutes;
    expect(len).not.toBeNull();
    if (len) {
      expect(len.stats.count).toBe(lengths.length);
      expect(len.stats.min).toBeCloseTo(Math.min(...lengths), 6);
      expect(len.stats.max).toBeCloseTo(Math.max(...lengths), 6);
      expect(len.stats.mean).toBeCloseTo(lengths.reduce((a, b) => a + b, 0) / lengths.length, 4);
      expect(len.bins.reduce((a, b) => a + b.count, 0)).toBe(lengths.length);
    }
  });

  it('reactions on viewed content: likes, comments and shares after a view of the same item in the session', () => {
    const r = ok(report.json.sessions).reactions;
    const firstView = new Map<string, number>();
    for (const e of events) {
      if (e['engagement_type'] !== 'view') continue;
      const k = `${String(e['session_id'])}|${String(e['content_id'])}`;
      firstView.set(k, Math.min(firstView.get(k) ?? Infinity, micros(e['event_ts'])));
    }
    const reactions = events.filter((e) => ['like', 'comment', 'share'].includes(String(e['engagement_type'])));
    const viewed = reactions.filter((e) => (firstView.get(`${String(e['session_id'])}|${String(e['content_id'])}`) ?? Infinity) <= micros(e['event_ts']));
    // The fixture puts half the events of a session on one item, so both outcomes occur.
    expect(viewed.length).toBeGreaterThan(0);
    expect(viewed.length).toBeLessThan(reactions.length);
    expect(r).toEqual({ count: reactions.length, onViewedContent: viewed.length, share: viewed.length / reactions.length });
  });
});

describe('device × age', () => {
  it('each band’s device counts and shares equal the events joined to the individual’s age', () => {
    const d = ok(report.json.deviceByAge);
    const ageOf = new Map(people.map((p) => [String(p['individual_id']), Number(p['age'])]));
    const bandOf = (age: number): string => AGE_BANDS.labels[AGE_BANDS.thresholds.filter((x) => age >= x).length] as string;
    const counts = new Map<string, Map<string, number>>();
    for (const e of events) {
      const band = bandOf(ageOf.get(String(e['individual_id'])) as number);
      const m = counts.get(band) ?? new Map<string, number>();
      m.set(String(e['device_type']), (m.get(String(e['device_type'])) ?? 0) + 1);
      counts.set(band, m);
    }
    expect(d.bands.map((b) => b.band)).toEqual(AGE_BANDS.labels.filter((l) => counts.has(l)));
    expect(d.events).toBe(events.length);
    expect([...d.devices].sort()).toEqual(['ctv', 'desktop', 'mobile']);
    for (const b of d.bands) {
      const m = counts.get(b.band) ?? new Map<string, number>();
      const total = [...m.values()].reduce((a, x) => a + x, 0);
      expect(b.events, b.band).toBe(total);
      for (const dev of d.devices) {
        expect(b.counts[dev], `${b.band} ${dev}`).toBe(m.get(dev) ?? 0);
        expect(b.shares[dev]).toBeCloseTo((m.get(dev) ?? 0) / total, 12);
      }
    }
  });

  it('the page draws both sections with readable numbers', () => {
    const s = ok(report.json.sessions);
    expect(report.html).toContain('<section id="behaviour">');
    expect(report.html).toContain('data-chart="hist-events_per_session"');
    expect(report.html).toContain('data-chart="hist-session_minutes"');
    expect(report.html).toContain('data-chart="device-by-age"');
    expect(report.html).toContain(`data-key="sessions" data-value="${s.sessions}"`);
    expect(report.html).toContain(`data-key="reactions-count" data-value="${s.reactions?.count}"`);
  });

  it('the sections are SQL trees printed in the output’s dialect (Spark here)', async () => {
    const seen: string[] = [];
    const columns = new Map([
      ['content_engagements', new Set(['event_id', 'individual_id', 'session_id', 'event_ts', 'engagement_type', 'content_id', 'device_type'])],
      ['individuals', new Set(['individual_id', 'age'])],
    ]);
    const db = { query: async (q: string) => (seen.push(q), []), columns: async () => columns };
    const data = await collectReport(db, await readManifest(out), { dialect: sparkDialect(), table: (name) => `delta.\`/data/${name}\`` });
    expect(data.sessions.status).toBe('ok');
    expect(data.deviceByAge.status).toBe('ok');
    // events per session, session length, events without a session, reactions, device × age
    const ours = seen.filter((q) => q.includes('`session_id`') || q.includes('`i`.`age`'));
    expect(ours.length).toBe(5);
    for (const q of ours) expect(q).toContain('delta.`/data/content_engagements`');
    expect(ours.some((q) => q.includes('delta.`/data/individuals`'))).toBe(true);
  });
});

describe('absent columns', () => {
  it('an output without sessions or ages says so instead of failing', async () => {
    const small = path.join(dir, 'small');
    const s = scenario('small')
      .entity('individuals', (e) => e.rows(20).key('individual_id'))
      .entity('content_engagements', (e) =>
        e
          .childrenOf('individuals', { count: () => intBetween(1, 3), max: 3 })
          .key('event_id')
          .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'))
          .column('device_type', t.string(), () => 'mobile')
          .foreignKey('individual_id', 'individuals'),
      );
    await generate(s, duckdb({ out: small }), { seed: 1 });
    const r = await buildReport(small);
    expect(r.json.sessions).toMatchObject({ status: 'unavailable', reason: 'column content_engagements.session_id is absent' });
    expect(r.json.deviceByAge).toMatchObject({ status: 'unavailable', reason: 'column individuals.age is absent' });
    expect(r.json.notes).toContain('Sessions: not shown — column content_engagements.session_id is absent.');
    expect(r.html).toContain('data-unavailable="sessions"');
    expect(r.html).toContain('data-unavailable="device_by_age"');
  });
});
