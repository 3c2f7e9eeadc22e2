/**
 * Behaviour sections over `content_engagements`: sessions (events per session, session length,
 * reactions on content viewed earlier in the session) and the device mix by age band.
 */
import { sql, type SqlExpr, type SqlSelect } from '@synthgraph/core';
import { numericDistribution } from './numeric-section.js';
import type { ReportTargets } from './report-targets.js';
import { byKey, int, key, q, ratio, unavailable, type ReportSql, type Schema } from './report-sql.js';
import type { DeviceByAgeData, Maybe, NumericTarget, SessionsData } from './report-types.js';

/** Engagement types that react to a content item (they should follow a view of it). */
export const REACTION_TYPES = ['like', 'comment', 'share'] as const;

/**
 * Age bands of the device mix: the lower bounds of 18–24 … 65+ (ACS / Pew age groups).
 *
 * @example
 * ```ts
 * AGE_BANDS.labels[AGE_BANDS.labels.length - 1]; // '65+'
 * ```
 */
export const AGE_BANDS = { thresholds: [18, 25, 35, 45, 55, 65], labels: ['under 18', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'] } as const;

const ce = 'content_engagements';

/** `SELECT <x> AS x FROM (per-session aggregates)`: one value per session. */
function perSession(x: (micros: SqlExpr) => SqlExpr): SqlSelect {
  const t = q.col('t', 'session_id');
  return sql.select([q.item('x', x(sql.call('microsFromTimestamp', [q.col('t', 'event_ts')])))], sql.table(ce, 't'), q.notNull(t), [t]);
}

/** Share of reactions (likes, comments, shares) on content viewed at or before them in the same session. */
async function reactions(s: ReportSql): Promise<SessionsData['reactions']> {
  const v = (c: string): SqlExpr => q.col('v', c);
  const e = (c: string): SqlExpr => q.col('e', c);
  const views = sql.select(
    [q.item('session_id', v('session_id')), q.item('content_id', v('content_id')), q.item('t', sql.agg('min', v('event_ts')))],
    sql.table(ce, 'v'),
    q.eq(v('engagement_type'), q.str('view')),
    [v('session_id'), v('content_id')],
  );
  const on = sql.binary('and', q.on('e', 'w', 'session_id'), q.on('e', 'w', 'content_id'));
  const from = sql.join('left', sql.table(ce, 'e'), sql.subquery(views, 'w'), on);
  const isReaction = sql.binary('and', q.notNull(e('session_id')), sql.inList(e('engagement_type'), REACTION_TYPES.map((r) => q.str(r)), false));
  const row = (await s.run(sql.select([q.item('n', sql.countStar()), q.item('viewed', sql.agg('countIf', null, sql.binary('<=', q.col('w', 't'), e('event_ts'))))], from, isReaction)))[0];
  const count = int(row?.['n']);
  const onViewedContent = int(row?.['viewed']);
  return { count, onViewedContent, share: ratio(onViewedContent, count) };
}

/** The sessions section over `content_engagements.session_id`. */
export async function sessionsData(s: ReportSql, schema: Schema, targets: ReportTargets): Promise<Maybe<SessionsData>> {
  const title = 'Sessions';
  const why = schema.missing(ce, 'session_id');
  if (why) return unavailable('sessions', title, why);
  const id = 'events_per_session';
  const configured = targets.number([['events', 'per', 'session']]);
  const explicit = targets.numeric({ id, table: ce, column: id, hints: [] });
  const target: NumericTarget | null = explicit ?? (configured ? { mean: configured.value, source: configured.source } : null);
  // The preset's knob is the mean of a full session; a person's last session may be cut short.
  const fullSession = !explicit && configured ? '; the configured mean is that of a full session, and a last session may be cut short' : '';
  const sid = q.col('t', 'session_id');
  const counts = sql.select([q.item('x', sql.countStar())], sql.table(ce, 't'), q.notNull(sid), [sid]);
  const eventsPerSession = await numericDistribution(s, { id, title: 'Events per session', description: `${ce} rows per session_id (rows without a session are left out)${fullSession}`, source: counts, integer: true, target });
  const hasTs = schema.has(ce, 'event_ts');
  const minutes = (m: SqlExpr): SqlExpr => sql.binary('/', sql.binary('-', sql.agg('max', m), sql.agg('min', m)), sql.lit(60_000_000, 'double'));
  const lengthMinutes = hasTs
    ? await numericDistribution(s, { id: 'session_minutes', title: 'Session length (minutes)', description: 'last minus first event_ts of each session, in minutes (0 for one-event sessions)', source: perSession(minutes), integer: false, target: null })
    : null;
  const canReact = hasTs && schema.has(ce, 'engagement_type', 'content_id');
  const head = (await s.run(sql.select([q.item('n', sql.countStar()), q.item('ws', q.countOf(sid))], sql.table(ce, 't'))))[0];
  const total = int(head?.['n']);
  return {
    status: 'ok',
    table: ce,
    sessions: eventsPerSession.stats.count,
    events: total,
    eventsWithoutSession: total - int(head?.['ws']),
    eventsPerSession,
    lengthMinutes,
    reactions: canReact ? await reactions(s) : null,
  };
}

/** The device mix of events by the individual's age band. */
export async function deviceByAgeData(s: ReportSql, schema: Schema): Promise<Maybe<DeviceByAgeData>> {
  const title = 'Device mix by age';
  const why = schema.missing(ce, 'individual_id', 'device_type') ?? schema.missing('individuals', 'individual_id', 'age');
  if (why) return unavailable('device_by_age', title, why);
  const age = q.col('i', 'age');
  const band = sql.bucket(age, AGE_BANDS.thresholds, AGE_BANDS.labels.map((l) => q.str(l)));
  const device = q.text(q.col('e', 'device_type'));
  const from = sql.join('inner', sql.table(ce, 'e'), sql.table('individuals', 'i'), q.on('e', 'i', 'individual_id'));
  const rows = await s.run(sql.select([q.item('b', band), q.item('d', device), q.item('n', sql.countStar())], from, q.notNull(age), [band, device]));
  const counts = new Map<string, Map<string, number>>();
  const byDevice = new Map<string, number>();
  for (const r of rows) {
    const b = key(r['b']);
    const d = key(r['d']);
    const n = int(r['n']);
    if (!counts.has(b)) counts.set(b, new Map());
    counts.get(b)?.set(d, n);
    byDevice.set(d, (byDevice.get(d) ?? 0) + n);
  }
  const devices = [...byDevice.entries()].sort((a, b) => b[1] - a[1] || byKey(a[0], b[0])).map(([d]) => d);
  const bands = AGE_BANDS.labels.filter((l) => counts.has(l)).map((band) => {
    const c = counts.get(band) ?? new Map<string, number>();
    const events = [...c.values()].reduce((a, b) => a + b, 0);
    return { band, events, counts: Object.fromEntries(devices.map((d) => [d, c.get(d) ?? 0])), shares: Object.fromEntries(devices.map((d) => [d, (c.get(d) ?? 0) / events])) };
  });
  return { status: 'ok', devices, bands, events: bands.reduce((a, b) => a + b.events, 0) };
}
