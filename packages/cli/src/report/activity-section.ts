/** Activity over time: engagements by hour, weekday, month and day (UTC). */
import { sql, type SqlExpr } from '@synthgraph/core';
import type { ReportTargets } from './report-targets.js';
import { int, q, unavailable, type ReportSql, type Schema } from './report-sql.js';
import type { ActivityData, Maybe } from './report-types.js';

/** An instant in microseconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ` (seconds truncated). */
const isoSecond = (micros: unknown): string | null => (micros === null || micros === undefined ? null : new Date(Math.floor(Number(micros) / 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z'));

/** The activity section over `content_engagements.event_ts`. */
export async function activityData(s: ReportSql, schema: Schema, targets: ReportTargets): Promise<Maybe<ActivityData>> {
  const title = 'Activity over time';
  const why = schema.missing('content_engagements', 'event_ts');
  if (why) return unavailable('activity', title, why);
  const ts = q.col('t', 'event_ts');
  const present = q.notNull(ts);
  const series = async (k: SqlExpr, size: number, offset: number): Promise<number[]> => {
    const out = Array.from({ length: size }, () => 0);
    for (const r of await s.run(q.counts('content_engagements', k, present))) {
      const i = int(r['k']) - offset;
      if (i >= 0 && i < size) out[i] = int(r['n']);
    }
    return out;
  };
  const micros = sql.call('microsFromTimestamp', [ts]);
  const head = (await s.run(sql.select([q.item('n', sql.countStar()), q.item('first', sql.agg('min', micros)), q.item('last', sql.agg('max', micros))], sql.table('content_engagements', 't'))))[0];
  const byDay = (await s.run(q.counts('content_engagements', q.text(sql.call('toDate', [ts])), present)))
    .map((r) => ({ day: String(r['k']), count: int(r['n']) }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return {
    status: 'ok',
    byWindowMonth: windowMonths(byDay),
    table: 'content_engagements',
    column: 'event_ts',
    total: int(head?.['n']),
    first: isoSecond(head?.['first']),
    last: isoSecond(head?.['last']),
    byHour: await series(sql.call('hour', [ts]), 24, 0),
    byWeekday: await series(sql.call('weekday', [ts]), 7, 0),
    byMonth: await series(sql.call('month', [ts]), 12, 1),
    byDay,
    pattern: targets.text([['temporal'], ['pattern']]),
  };
}

/**
 * Events per month from the first day's month to the last day's, months without events as 0:
 * a 90-day window shows its 3–4 months and nothing else.
 *
 * @example
 * ```ts
 * windowMonths([{ day: '2025-10-03', count: 2 }, { day: '2025-12-31', count: 1 }]); // Oct 2, Nov 0, Dec 1
 * ```
 */
export function windowMonths(byDay: readonly { readonly day: string; readonly count: number }[]): { month: string; count: number }[] {
  const first = byDay[0];
  const last = byDay.at(-1);
  if (!first || !last) return [];
  const counts = new Map<string, number>();
  for (const d of byDay) counts.set(d.day.slice(0, 7), (counts.get(d.day.slice(0, 7)) ?? 0) + d.count);
  const out: { month: string; count: number }[] = [];
  let y = Number(first.day.slice(0, 4));
  let m = Number(first.day.slice(5, 7));
  const end = last.day.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    out.push({ month: key, count: counts.get(key) ?? 0 });
    if (key >= end) break;
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return out;
}
