/** Realism targets of the events area (see docs/realism.md). */
import { dayWeights } from '@synthgraph/core';
import { buildModel, resolveConfig } from '../../../src/index.js';
import type { RealismTarget } from './types.js';

const model = buildModel(resolveConfig({}));
const w = model.window;
const dayW = dayWeights({ kind: 'timestamp', start: w.startMicros, days: w.days, hourWeights: null, weekdayWeights: model.temporal.weekly ?? null, monthWeights: model.temporal.monthly ?? null, within: null });
const dayTotal = dayW.reduce((a, b) => a + b, 0);
const edgeDays = [0, 1, 2, w.days - 3, w.days - 2, w.days - 1];
/** Each edge day's events over its expected share of all events (weekday and month shaping). */
const edgeRatios = `WITH d AS (SELECT CAST(floor((epoch_us(event_ts) - ${w.startMicros}) / 86400000000) AS INTEGER) AS day, count(*) AS n FROM content_engagements GROUP BY 1),
  e(day, share) AS (VALUES ${edgeDays.map((d) => `(${d}, ${(dayW[d] as number) / dayTotal})`).join(', ')})
  SELECT d.n / ((SELECT sum(n) FROM d) * e.share) AS r FROM e JOIN d USING (day)`;
const perPerson = `SELECT i.individual_id, count(e.event_id) AS n FROM individuals i LEFT JOIN content_engagements e USING (individual_id) GROUP BY 1`;
const byAge = (device: string, from: number, to: number): string =>
  `(SELECT avg(CASE WHEN e.device_type = '${device}' THEN 1.0 ELSE 0 END) FROM content_engagements e JOIN individuals i USING (individual_id) WHERE i.age BETWEEN ${from} AND ${to})`;
const medianView = (where: string): string => `(SELECT median(duration_seconds) FROM content_engagements WHERE engagement_type = 'view' AND ${where})`;
const SESSIONS = 'Contentsquare Digital Experience Benchmark 2023 and Google Analytics benchmarks: 3–5 pages or screens per session';
const DEVICES = 'Pew Research Center Mobile Fact Sheet 2024; Nielsen The Gauge / Total Audience Report 2023–24';

export const EVENTS_TARGETS: readonly RealismTarget[] = [
  {
    id: 'events.events_per_session',
    area: 'sessions',
    target: 'mean events per session ≥ 3',
    source: SESSIONS,
    sql: 'SELECT count(*) * 1.0 / count(DISTINCT session_id) AS value FROM content_engagements',
    min: 3,
    max: 8,
    format: 'number',
  },
  {
    id: 'events.session_one_identifier',
    area: 'sessions',
    target: 'every session on one identifier (most distinct identifiers in a session = 1)',
    source: SESSIONS,
    sql: 'SELECT max(k) AS value FROM (SELECT count(DISTINCT identifier_value) AS k FROM content_engagements GROUP BY session_id)',
    min: 1,
    max: 1,
    format: 'number',
  },
  {
    id: 'events.session_gap_minutes',
    area: 'sessions',
    target: 'events of a session minutes apart (95th percentile of gaps ≤ 10 min)',
    source: SESSIONS,
    sql: `SELECT quantile_cont(g, 0.95) AS value FROM (
      SELECT (epoch_us(event_ts) - lag(epoch_us(event_ts)) OVER (PARTITION BY session_id ORDER BY event_ts, event_id)) / 60e6 AS g FROM content_engagements) WHERE g IS NOT NULL`,
    min: 0,
    max: 10,
    format: 'number',
  },
  {
    id: 'events.reactions_on_viewed_content',
    area: 'sessions',
    target: '≥ 90% of likes, comments and shares are on content viewed earlier in the same session',
    source: 'behavioural: a reaction follows a view of the item (YouTube / Meta engagement definitions)',
    sql: `WITH v AS (SELECT session_id, content_id, min(event_ts) AS t FROM content_engagements WHERE engagement_type = 'view' GROUP BY 1, 2)
      SELECT avg(CASE WHEN v.t <= e.event_ts THEN 1.0 ELSE 0 END) AS value FROM content_engagements e LEFT JOIN v USING (session_id, content_id)
      WHERE e.engagement_type IN ('like', 'comment', 'share')`,
    min: 0.9,
    max: 1,
    format: 'percent',
  },
  {
    id: 'events.pacific_peak_after_eastern',
    area: 'time zones',
    target: 'UTC evening peak of Pacific households ~3 h after Eastern ones (2–4 h)',
    source: 'IANA tz database; diurnal shape in local time (Nielsen prime time 8–11 pm local)',
    sql: `WITH c AS (SELECT h.time_zone AS z, hour(e.event_ts) AS hr, count(*) AS n FROM content_engagements e JOIN individuals i USING (individual_id) JOIN households h ON h.household_id = i.household_id
        WHERE h.time_zone IN ('America/New_York', 'America/Los_Angeles') GROUP BY 1, 2),
      s AS (SELECT a.z, a.hr, sum(b.n) AS n FROM c a JOIN c b ON a.z = b.z AND (b.hr - a.hr + 24) % 24 IN (0, 1, 23) GROUP BY 1, 2),
      p AS (SELECT z, arg_max(hr, n) AS hr FROM s GROUP BY 1)
      SELECT ((SELECT hr FROM p WHERE z = 'America/Los_Angeles') - (SELECT hr FROM p WHERE z = 'America/New_York') + 24) % 24 AS value`,
    min: 2,
    max: 4,
    format: 'number',
  },
  {
    id: 'events.window_edges_min',
    area: 'window edges',
    target: 'first and last three days each ≥ 85% of their expected volume after weekday and seasonal shaping (smallest ratio)',
    source: 'no fall-off at the window edges (the temporal shape is the only variation)',
    sql: `SELECT min(r) AS value FROM (${edgeRatios})`,
    min: 0.85,
    max: 1.15,
    format: 'percent',
  },
  {
    id: 'events.window_edges_max',
    area: 'window edges',
    target: 'first and last three days each ≤ 115% of their expected volume (largest ratio)',
    source: 'no pile-up at the window edges',
    sql: `SELECT max(r) AS value FROM (${edgeRatios})`,
    min: 0.85,
    max: 1.15,
    format: 'percent',
  },
  {
    id: 'events.ctv_view_share',
    area: 'device × behaviour',
    target: 'CTV events ≥ 90% views',
    source: 'Nielsen, streaming on CTV (lean-back viewing)',
    sql: "SELECT avg(CASE WHEN engagement_type = 'view' THEN 1.0 ELSE 0 END) AS value FROM content_engagements WHERE device_type = 'ctv'",
    min: 0.9,
    max: 1,
    format: 'percent',
  },
  {
    id: 'events.ctv_comment_share',
    area: 'device × behaviour',
    target: 'CTV events ≤ 1% comments',
    source: 'Nielsen, streaming on CTV (no keyboard)',
    sql: "SELECT avg(CASE WHEN engagement_type = 'comment' THEN 1.0 ELSE 0 END) AS value FROM content_engagements WHERE device_type = 'ctv'",
    min: 0,
    max: 0.01,
    format: 'percent',
  },
  {
    id: 'events.mobile_young_over_old',
    area: 'device × behaviour',
    target: 'mobile share of events at 18–34 ≥ 1.3× that at 65+',
    source: DEVICES,
    sql: `SELECT ${byAge('mobile', 18, 34)} / ${byAge('mobile', 65, 200)} AS value`,
    min: 1.3,
    max: 4,
    format: 'number',
  },
  {
    id: 'events.ctv_old_over_young',
    area: 'device × behaviour',
    target: 'CTV share of events higher at 65+ than at 18–34',
    source: DEVICES,
    sql: `SELECT ${byAge('ctv', 65, 200)} / ${byAge('ctv', 18, 34)} AS value`,
    min: 1.1,
    max: 5,
    format: 'number',
  },
  {
    id: 'events.desktop_old_over_young',
    area: 'device × behaviour',
    target: 'desktop share of events higher at 65+ than at 18–34',
    source: DEVICES,
    sql: `SELECT ${byAge('desktop', 65, 200)} / ${byAge('desktop', 18, 34)} AS value`,
    min: 1.1,
    max: 5,
    format: 'number',
  },
  {
    id: 'events.view_seconds_category',
    area: 'device × behaviour',
    target: 'view duration differs by category (median entertainment view ≥ 1.5× median news view)',
    source: 'Conviva State of Streaming 2023; Pew Research news consumption 2023',
    sql: `SELECT ${medianView("content_category = 'entertainment'")} / ${medianView("content_category = 'news'")} AS value`,
    min: 1.5,
    max: 5,
    format: 'number',
  },
  {
    id: 'events.view_seconds_device',
    area: 'device × behaviour',
    target: 'view duration differs by device (median CTV view ≥ 5× median mobile view)',
    source: 'Conviva State of Streaming 2023; Nielsen The Gauge',
    sql: `SELECT ${medianView("device_type = 'ctv'")} / ${medianView("device_type = 'mobile'")} AS value`,
    min: 5,
    max: 50,
    format: 'number',
  },
  {
    id: 'events.one_event_people',
    area: 'activity',
    target: 'people with exactly one event ≤ 15%',
    source: 'log-normal per-user activity (Wang et al., heavy-tailed user activity; Pew Research social media use 2024)',
    sql: `SELECT avg(CASE WHEN n = 1 THEN 1.0 ELSE 0 END) AS value FROM (${perPerson})`,
    min: 0,
    max: 0.15,
    format: 'percent',
  },
  {
    id: 'events.mean_per_person',
    area: 'activity',
    target: `mean events per person within ±5% of the configured ${model.config.engagement.events_per_person.mean}`,
    source: 'configuration (engagement.events_per_person.mean)',
    sql: `SELECT avg(n) AS value FROM (${perPerson})`,
    min: model.config.engagement.events_per_person.mean * 0.95,
    max: model.config.engagement.events_per_person.mean * 1.05,
    format: 'number',
  },
  {
    id: 'events.top_one_percent_share',
    area: 'activity',
    target: 'top 1% of people make 5–20% of events (heavy tail kept)',
    source: 'log-normal per-user activity (heavy tail)',
    sql: `SELECT sum(CASE WHEN rk <= c / 100 THEN n ELSE 0 END) * 1.0 / sum(n) AS value FROM (SELECT n, row_number() OVER (ORDER BY n DESC, individual_id) AS rk, count(*) OVER () AS c FROM (${perPerson}))`,
    min: 0.05,
    max: 0.2,
    format: 'percent',
  },
];
