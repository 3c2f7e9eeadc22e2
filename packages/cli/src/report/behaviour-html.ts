/** The "Sessions and devices" section of the report page: sessions and the device mix by age band. */
import { barChart, esc } from './svg-charts.js';
import { fmtInt, fmtNum, fmtPct, note, numCell, numericCard, table, tile } from './html-parts.js';
import type { DeviceByAgeData, Maybe, SessionsData } from './report-types.js';

function sessionsPart(s: Maybe<SessionsData>): string {
  if (s.status === 'unavailable') return note(s);
  const r = s.reactions;
  const len = s.lengthMinutes;
  const tiles = [
    tile('sessions', 'Sessions', s.sessions, fmtInt(s.sessions)),
    tile('events-per-session', 'Events per session (mean)', s.eventsPerSession.stats.mean ?? '', fmtNum(s.eventsPerSession.stats.mean)),
    ...(len ? [tile('session-minutes-p50', 'Session length (median minutes)', len.stats.p50 ?? '', fmtNum(len.stats.p50, 1))] : []),
    ...(r ? [tile('reactions-on-viewed', 'Reactions on content viewed earlier in the session', r.share ?? '', fmtPct(r.share))] : []),
  ];
  const reactions = r
    ? `<p class="meta">Reactions (likes, comments, shares): <span data-key="reactions-on-viewed-count" data-value="${r.onViewedContent}">${fmtInt(r.onViewedContent)}</span> of <span data-key="reactions-count" data-value="${r.count}">${fmtInt(r.count)}</span> are on a <code>content_id</code> viewed at or before them in the same session.</p>`
    : '<p class="meta">Reactions on viewed content: not shown — it needs content_engagements.engagement_type, content_id and event_ts.</p>';
  const meta = `<p class="meta">Sessions are the distinct <code>${esc(s.table)}.session_id</code> values; ${fmtInt(s.events)} events, ${fmtInt(s.eventsWithoutSession)} without a session.</p>`;
  return `<div class="tiles">${tiles.join('')}</div>${meta}${reactions}<div class="grid">${numericCard({ status: 'ok', ...s.eventsPerSession })}${len ? numericCard({ status: 'ok', ...len }) : ''}</div>`;
}

function deviceByAgePart(d: Maybe<DeviceByAgeData>): string {
  if (d.status === 'unavailable') return note(d);
  if (!d.bands.length) return '<p>No events of individuals with an age.</p>';
  const chart = barChart({
    id: 'device-by-age',
    title: 'Device mix by age band: share of the band’s events',
    orientation: 'vertical',
    categories: d.bands.map((b) => b.band),
    series: d.devices.map((dev) => ({ name: dev, values: d.bands.map((b) => b.shares[dev] ?? 0) })),
    format: fmtPct,
  });
  const rows = d.bands.map((b) => `<tr><td>${esc(b.band)}</td>${numCell(`device-age-events:${b.band}`, b.events, fmtInt(b.events))}${d.devices.map((dev) => numCell(`device-age:${b.band}:${dev}`, b.shares[dev] ?? 0, fmtPct(b.shares[dev] ?? 0))).join('')}</tr>`);
  const meta = `<p class="meta"><code>content_engagements.device_type</code> of ${fmtInt(d.events)} events by the age band of the individual (<code>individuals.age</code>); each band’s shares add up to 100%.</p>`;
  return `<div class="card" data-distribution="device-by-age"><h3>Device mix by age</h3>${meta}${chart}${table(['age band', 'events', ...d.devices], rows)}</div>`;
}

/**
 * The sessions and device-by-age part of the page.
 *
 * @example
 * ```ts
 * const html = behaviourSection(data.sessions, data.deviceByAge);
 * ```
 */
export function behaviourSection(s: Maybe<SessionsData>, d: Maybe<DeviceByAgeData>): string {
  return `<h3>Sessions</h3>${sessionsPart(s)}<h3 style="margin-top:18px">Device × age</h3>${deviceByAgePart(d)}`;
}
