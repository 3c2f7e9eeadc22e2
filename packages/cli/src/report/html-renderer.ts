/**
 * Renders {@link ReportData} as one self-contained HTML page: inline CSS, inline SVG charts,
 * no script, no font, no image from the network. Every number shown in a table or tile
 * carries `data-key` and `data-value` (the raw number) so tests and scrapers can read it back;
 * the full data is embedded as `<script type="application/json" id="report-data">`.
 */
import { barChart, esc, lineChart, PALETTE, type BarSeries } from './svg-charts.js';
import { behaviourSection } from './behaviour-html.js';
import { campaignMeasurementSection } from './campaign-measurement-html.js';
import { fmtCompact, fmtInt, fmtNum, fmtPct, note, numCell, numericCard, table, tile } from './html-parts.js';
import type {
  ActivityData,
  CategoricalDistribution,
  FunnelData,
  FunnelRow,
  IdentityGraphData,
  ResolutionData,
  Maybe,
  ReportData,
} from './report-types.js';

const fmtBytes = (b: number): string => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(2)} GiB` : b >= 2 ** 20 ? `${(b / 2 ** 20).toFixed(1)} MiB` : `${(b / 1024).toFixed(1)} KiB`);
const fmtMs = (ms: number): string => (ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`);
/** A hash shortened for display (`sha256:5abae2203dcc…`), the full value in a tooltip. */
const hashCode = (h: string): string => {
  const i = h.indexOf(':');
  const short = i >= 0 ? h.slice(0, i + 13) : h.slice(0, 12);
  return `<code title="${esc(h)}">${esc(short)}${short.length < h.length ? '…' : ''}</code>`;
};
/** An ISO instant as `2026-01-31 18:30 UTC`. */
const fmtInstant = (iso: string): string => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso);
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const CSS = `
:root{--fg:#0f172a;--muted:#64748b;--line:#e2e8f0;--bg:#f8fafc;--card:#fff;--ok:#15803d;--bad:#b91c1c;--accent:#2563eb}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{background:#0f172a;color:#fff;padding:20px 32px}
header h1{margin:0 0 4px;font-size:22px}
header .sub{color:#cbd5e1;font-size:13px}
header code{color:#e2e8f0}
nav{position:sticky;top:0;z-index:1;background:#fff;border-bottom:1px solid var(--line);padding:8px 32px;display:flex;gap:16px;flex-wrap:wrap}
nav a{color:var(--accent);text-decoration:none;font-size:13px}
main{max-width:1360px;margin:0 auto;padding:16px 32px 48px}
section{margin-top:28px}
h2{font-size:18px;margin:0 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}
h3{font-size:15px;margin:0 0 8px}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:10px}
.tile{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.tile .label{color:var(--muted);font-size:12px}
.tile .value{font-size:20px;font-weight:600;overflow-wrap:anywhere}
.tile.text .value{font-size:15px}.tile.ok .value{color:var(--ok)}.tile.bad .value{color:var(--bad)}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(620px,1fr));gap:14px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px;overflow-x:auto}
.card .meta{color:var(--muted);font-size:12px;margin:0 0 8px}
svg.chart{display:block;max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-size:13px;margin-top:8px}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{color:var(--muted);font-weight:600;background:#f1f5f9}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600}
.pass{background:#dcfce7;color:var(--ok)}.fail{background:#fee2e2;color:var(--bad)}
.unavailable{background:#fffbeb;border:1px solid #fde68a;border-radius:8px;padding:10px 12px;margin:8px 0;color:#78350f}
.notes li{margin:4px 0}
.verdict{font-size:16px;font-weight:600;margin:0 0 12px;padding:10px 14px;border-radius:8px}
.verdict.pass{background:#dcfce7;color:var(--ok)}.verdict.fail{background:#fee2e2;color:var(--bad)}
details>summary{cursor:pointer;color:var(--accent);margin:6px 0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px}
footer{color:var(--muted);font-size:12px;margin-top:32px}
`;

/**
 * Renders the report page.
 *
 * @example
 * ```ts
 * const html = renderReportHtml(await collectReport(reader, manifest));
 * ```
 */
export function renderReportHtml(data: ReportData): string {
  const s = data.summary;
  const title = `synthgraph report — ${s.scenario} (seed ${s.seed})`;
  const sections = [
    ['summary', 'Summary', summarySection(data)],
    ['tables', 'Tables', tablesSection(data)],
    ['checks', 'Checks', checksSection(data)],
    ['distributions', 'Distributions', distributionsSection(data)],
    ['activity', 'Activity over time', activitySection(data.activity)],
    ['behaviour', 'Sessions and devices', behaviourSection(data.sessions, data.deviceByAge)],
    ['identity-graph', 'Identity graph', identitySection(data.identityGraph)],
    ['funnel', 'Campaign funnel', funnelSection(data.funnel)],
    ['campaign-measurement', 'Campaign measurement', campaignMeasurementSection(data.delivery, data.lift, data.attribution)],
    ['resolution', 'Identity resolution difficulty', resolutionSection(data.resolution)],
    ['notes', 'Notes', notesSection(data)],
  ] as const;
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(data.generator)}">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${esc(title)}</h1><div class="sub">${esc(s.engine)} · ${esc(s.format)} · synthgraph ${esc(s.synthgraph)} · IR ${hashCode(s.irHash)}</div></header>
<nav>${sections.map(([id, name]) => `<a href="#${id}">${esc(name)}</a>`).join('')}</nav>
<main>
${sections.map(([id, name, body]) => `<section id="${id}"><h2>${esc(name)}</h2>${body}</section>`).join('\n')}
<footer>Generated by ${esc(data.generator)} from <code>manifest.json</code> and the tables beside it. Self-contained: no scripts, fonts or images are loaded. The numbers are also in <code>report.json</code>.</footer>
</main>
<script type="application/json" id="report-data">${json}</script>
</body>
</html>
`;
}

function summarySection(d: ReportData): string {
  const s = d.summary;
  const c = d.checks;
  const r = d.realism.status === 'ok' ? d.realism : null;
  const tiles = [
    tile('table-count', 'Tables', s.tableCount, String(s.tableCount)),
    tile('total-rows', 'Total rows', s.totalRows, fmtInt(s.totalRows)),
    tile('checks-passed', 'Checks passed', c.passed, `${c.passed} / ${c.total}`, c.failed ? '' : 'ok'),
    tile('checks-failed', 'Checks failed', c.failed, String(c.failed), c.failed ? 'bad' : 'ok'),
    r ? tile('realism-met', 'Realism targets met', r.met, `${r.met} / ${r.total}`, r.missed ? 'bad' : 'ok') : tile('realism-met', 'Realism targets met', '', 'none recorded'),
    tile('engine', 'Engine', s.engine, s.engine, 'text'),
    tile('seed', 'Seed', s.seed, String(s.seed)),
    tile('generated-at', 'Generated at', s.generatedAt ?? '', s.generatedAt ? fmtInstant(s.generatedAt) : 'not recorded', 'text'),
  ].join('');
  const verdict = `<p class="verdict ${d.verdict.status}" data-key="verdict" data-value="${d.verdict.status}">${esc(d.verdict.text)}</p>`;
  const meta = `<p class="meta">Scenario <code>${esc(s.scenario)}</code>, format ${esc(s.format)}, synthgraph ${esc(s.synthgraph)}, generation time <span data-key="elapsed-ms" data-value="${s.elapsedMs}">${fmtMs(s.elapsedMs)}</span>, ${s.batches.length} batch${s.batches.length === 1 ? '' : 'es'}, IR version ${s.irVersion}, IR hash <code data-key="ir-hash">${esc(s.irHash)}</code>. The time is the one the manifest records, never the report's.</p>`;
  const batches =
    s.batches.length > 0
      ? `<details><summary>batches</summary>${table(
          ['batch', 'seed', 'IR hash', 'rows added'],
          s.batches.map((b) => `<tr><td>${b.index}</td>${numCell(`batch-seed:${b.index}`, b.seed, String(b.seed))}<td>${hashCode(b.irHash)}</td>${numCell(`batch-rows:${b.index}`, b.rows, fmtInt(b.rows))}</tr>`),
        )}</details>`
      : '';
  return `${verdict}<div class="tiles">${tiles}</div>${meta}${batches}${realismDetails(d)}`;
}

/** The realism targets, one row each; collapsed unless one is missed (then missed ones first). */
function realismDetails(d: ReportData): string {
  if (d.realism.status !== 'ok') return `<p class="meta" data-unavailable="realism">Realism targets: ${esc(d.realism.reason)}.</p>`;
  const r = d.realism;
  const rank = (p: boolean | null): number => (p === false ? 0 : p === null ? 1 : 2);
  const rows = [...r.items]
    .sort((a, b) => rank(a.pass) - rank(b.pass))
    .map((i) => {
      const status = i.pass === null ? 'not measured' : i.pass ? 'met' : 'missed';
      return `<tr data-target="${esc(i.id)}" data-status="${i.pass === null ? 'unmeasured' : i.pass ? 'met' : 'missed'}"><td><code>${esc(i.id)}</code></td><td>${esc(i.description)}${i.reason ? ` <span class="meta">(${esc(i.reason)})</span>` : ''}</td>${numCell(`realism-deviation:${i.id}`, i.deviation, fmtNum(i.deviation, 4))}<td><span class="badge ${i.pass === false ? 'fail' : 'pass'}">${status}</span></td></tr>`;
    });
  return `<details id="realism-targets"${r.missed ? ' open' : ''}><summary>Realism targets: ${r.met} of ${r.total} met${r.missed ? `, ${r.missed} missed` : ''}${r.notMeasured ? `, ${r.notMeasured} not measured` : ''}</summary><p class="meta">The targets the run recorded in <code>manifest.extra.distributionTargets</code> (expected value and tolerance each), measured on these tables by the preset's own evaluator.</p>${table(['target', 'what', 'deviation', 'result'], rows)}</details>`;
}

function tablesSection(d: ReportData): string {
  if (!d.tables.length) return '<p>The manifest lists no tables.</p>';
  const chart = barChart({ id: 'table-rows', title: 'Rows per table', categories: d.tables.map((t) => t.name), series: [{ name: 'rows', values: d.tables.map((t) => t.rows) }], format: fmtCompact });
  const rows = d.tables.map(
    (t) =>
      `<tr><td>${esc(t.name)}</td>${numCell(`rows:${t.name}`, t.rows, fmtInt(t.rows))}${numCell(`counted:${t.name}`, t.countedRows, t.countedRows === null ? '–' : fmtInt(t.countedRows))}${numCell(`bytes:${t.name}`, t.bytes, fmtBytes(t.bytes))}${numCell(`files:${t.name}`, t.files, String(t.files))}${numCell(`elapsed:${t.name}`, t.elapsedMs, fmtMs(t.elapsedMs))}<td>${hashCode(t.contentHash)}</td></tr>`,
  );
  return `<div class="card">${chart}${table(['table', 'rows (manifest)', 'rows (read back)', 'size', 'files', 'time', 'content hash'], rows)}</div>`;
}

function checksSection(d: ReportData): string {
  const c = d.checks;
  if (!c.total) return '<p>The manifest records no checks.</p>';
  const sampled = c.items.filter((i) => i.verified === 'construction+sample').length;
  const how = sampled
    ? ` ${sampled} of them are foreign keys that hold by construction (the column is the referenced table's key, copied from the row's own source), spot-checked over a deterministic sample of ≈ 1/64 of the rows; every other check scanned every row.`
    : '';
  const head = `<p><span class="badge ${c.failed ? 'fail' : 'pass'}">${c.failed ? `${c.failed} failed` : 'all passed'}</span> ${c.passed} of ${c.total} checks found 0 violations.${how}</p>`;
  const items = [...c.items].sort((a, b) => Number(a.passed) - Number(b.passed));
  const rows = items.map(
    (i) =>
      `<tr data-check="${esc(i.name)}" data-status="${i.passed ? 'pass' : 'fail'}"><td><code>${esc(i.name)}</code></td><td>${esc(i.table)}</td>${numCell(`violations:${i.name}`, i.violations, fmtInt(i.violations))}<td data-key="verified:${esc(i.name)}" data-value="${i.verified}">${i.verified === 'scan' ? 'every row' : 'by construction + sample'}</td><td><span class="badge ${i.passed ? 'pass' : 'fail'}">${i.passed ? 'pass' : 'fail'}</span></td></tr>`,
  );
  // Collapsed while every check passes; open, failures first, as soon as one fails.
  return `${head}<details id="check-list"${c.failed ? ' open' : ''}><summary>${c.failed ? `${c.failed} failed, ${c.passed} passed` : `show all ${c.total} checks`}</summary><div class="card">${table(['check', 'table', 'violations', 'verified', 'result'], rows)}</div></details>`;
}

function categoricalCard(c: Maybe<CategoricalDistribution>): string {
  if (c.status === 'unavailable') return note(c);
  const series: BarSeries[] = [{ name: 'actual', values: c.categories.map((x) => x.share), color: PALETTE[0] }];
  if (c.target) series.push({ name: 'target', values: c.categories.map((x) => x.target ?? 0), color: PALETTE[1], outline: true });
  const chart = c.categories.length ? barChart({ id: `dist-${c.id}`, title: `${c.title}: share of ${c.table} rows${c.target ? ', actual vs target' : ''}`, categories: c.categories.map((x) => x.value), series, format: fmtPct }) : '<p>No rows.</p>';
  const meta = `<p class="meta"><code>${esc(c.table)}.${esc(c.column)}</code> · ${fmtInt(c.total)} rows${c.target ? ` · target from <code>${esc(c.target.source)}</code> · max |actual − target| <span data-key="maxdiff:${esc(c.id)}" data-value="${c.maxAbsDiff ?? ''}">${fmtPct(c.maxAbsDiff)}</span>` : ' · no configured target'}${c.otherCount ? ` · ${fmtInt(c.otherCount)} rows in other categories` : ''}</p>`;
  const rows = c.categories.map(
    (x) =>
      `<tr><td>${esc(x.value)}</td>${numCell(`count:${c.id}:${x.value}`, x.count, fmtInt(x.count))}${numCell(`share:${c.id}:${x.value}`, x.share, fmtPct(x.share))}${c.target ? numCell(`target:${c.id}:${x.value}`, x.target, fmtPct(x.target)) : ''}</tr>`,
  );
  return `<div class="card" data-distribution="${esc(c.id)}"><h3>${esc(c.title)}</h3>${meta}${chart}<details><summary>numbers</summary>${table(c.target ? ['value', 'rows', 'share', 'target'] : ['value', 'rows', 'share'], rows)}</details></div>`;
}

function distributionsSection(d: ReportData): string {
  const cat = d.distributions.categorical;
  const numeric = d.distributions.numeric;
  const okCat = cat.filter((c) => c.status === 'ok');
  const withTarget = okCat.filter((c) => c.status === 'ok' && c.target).length;
  return `<p>Categorical columns as shares of their table's rows, next to the configured weights when the manifest holds them (${withTarget} of ${okCat.length} have a target). Numeric columns as histograms with summary statistics.</p>
<h3>Categorical</h3><div class="grid">${cat.filter((c) => c.status === 'ok').map((c) => categoricalCard(c)).join('')}</div>${cat.filter((c) => c.status !== 'ok').map((c) => categoricalCard(c)).join('')}
<h3 style="margin-top:18px">Numeric</h3><div class="grid">${numeric.filter((c) => c.status === 'ok').map((n) => numericCard(n)).join('')}</div>${numeric.filter((c) => c.status !== 'ok').map((n) => numericCard(n)).join('')}`;
}

function activitySection(a: Maybe<ActivityData>): string {
  if (a.status === 'unavailable') return note(a);
  if (!a.total) return '<p>content_engagements has no rows.</p>';
  const share = (xs: readonly number[]): number[] => xs.map((x) => x / a.total);
  const meta = `<p class="meta">${fmtInt(a.total)} events in <code>${esc(a.table)}.${esc(a.column)}</code> from ${esc(a.first ? fmtInstant(a.first) : '–')} to ${esc(a.last ? fmtInstant(a.last) : '–')}${a.pattern ? ` · configured temporal pattern <strong data-key="temporal-pattern">${esc(a.pattern.value)}</strong> (<code>${esc(a.pattern.source)}</code>)` : ''}.</p>`;
  const hour = barChart({ id: 'activity-hour', title: 'Events by hour of day (UTC), share', orientation: 'vertical', categories: a.byHour.map((_, h) => String(h)), series: [{ name: 'events', values: share(a.byHour) }], format: fmtPct });
  const weekday = barChart({ id: 'activity-weekday', title: 'Events by weekday, share', orientation: 'vertical', categories: WEEKDAYS, series: [{ name: 'events', values: share(a.byWeekday) }], format: fmtPct });
  // Only the months of the window: a 90-day window shows 3–4 bars, not twelve.
  const monthLabels = a.byWindowMonth.map((m) => `${MONTHS[Number(m.month.slice(5, 7)) - 1] ?? m.month} ${m.month.slice(0, 4)}`);
  const month = barChart({ id: 'activity-month', title: 'Events by month of the window, share', orientation: 'vertical', categories: monthLabels, series: [{ name: 'events', values: share(a.byWindowMonth.map((m) => m.count)) }], format: fmtPct });
  const daily = lineChart({ id: 'activity-daily', title: 'Events per day', points: a.byDay.map((p) => ({ label: p.day, value: p.count })), format: fmtCompact });
  const counts = (key: string, labels: readonly string[], xs: readonly number[]): string =>
    table(labels as string[], [`<tr>${xs.map((x, i) => numCell(`${key}:${i}`, x, fmtInt(x))).join('')}</tr>`], 'compact');
  return `${meta}<div class="grid">
<div class="card"><h3>Hour of day</h3>${hour}<details><summary>numbers</summary>${counts('hour', a.byHour.map((_, h) => String(h)), a.byHour)}</details></div>
<div class="card"><h3>Weekday</h3>${weekday}<details><summary>numbers</summary>${counts('weekday', WEEKDAYS, a.byWeekday)}</details></div>
<div class="card"><h3>Month</h3>${month}<details><summary>numbers</summary>${counts('month', monthLabels, a.byWindowMonth.map((m) => m.count))}</details></div>
<div class="card"><h3>Per day</h3>${daily}</div>
</div>`;
}

function identitySection(g: IdentityGraphData): string {
  const parts: string[] = [];
  const tiles: string[] = [];
  if (g.identifiersPerPerson.status === 'ok') tiles.push(tile('identifiers-per-person', 'Identifiers per individual (mean)', g.identifiersPerPerson.stats.mean ?? '', fmtNum(g.identifiersPerPerson.stats.mean)));
  if (g.personsPerHousehold.status === 'ok') tiles.push(tile('persons-per-household', 'Individuals per household (mean)', g.personsPerHousehold.stats.mean ?? '', fmtNum(g.personsPerHousehold.stats.mean)));
  if (g.householdSizeMismatches !== null)
    tiles.push(tile('household-size-mismatches', 'adults ≠ members', g.householdSizeMismatches, fmtInt(g.householdSizeMismatches), g.householdSizeMismatches ? 'bad' : 'ok'));
  if (g.sharedDevices.status === 'ok') tiles.push(tile('shared-device-rate', 'Shared-device rate', g.sharedDevices.rate ?? '', fmtPct(g.sharedDevices.rate)));
  if (g.lifetimes.status === 'ok') tiles.push(tile('lifetime-mean-days', 'Identifier lifetime (mean days)', g.lifetimes.distribution.stats.mean ?? '', fmtNum(g.lifetimes.distribution.stats.mean, 1)));
  if (tiles.length) parts.push(`<div class="tiles">${tiles.join('')}</div>`);
  const grid: string[] = [];
  const notes: string[] = [];
  for (const n of [g.identifiersPerPerson, g.personsPerHousehold]) (n.status === 'ok' ? grid : notes).push(numericCard(n));
  const sd = g.sharedDevices;
  if (sd.status === 'ok') {
    const chart = sd.byType.length
      ? barChart({ id: 'shared-devices', title: 'Share of identifier values mapped to more than one individual, by type', categories: sd.byType.map((b) => b.identifierType), series: [{ name: 'shared', values: sd.byType.map((b) => b.rate) }], format: fmtPct })
      : '<p>No identifiers.</p>';
    const rows = sd.byType.map(
      (b) =>
        `<tr><td>${esc(b.identifierType)}${b.deviceType ? ' (device)' : ''}</td>${numCell(`shared-values:${b.identifierType}`, b.values, fmtInt(b.values))}${numCell(`shared-shared:${b.identifierType}`, b.sharedValues, fmtInt(b.sharedValues))}${numCell(`shared-rate:${b.identifierType}`, b.rate, fmtPct(b.rate))}${numCell(`shared-k:${b.identifierType}`, b.meanIndividualsPerSharedValue, fmtNum(b.meanIndividualsPerSharedValue))}${numCell(`shared-samehh:${b.identifierType}`, b.sameHouseholdShare, fmtPct(b.sameHouseholdShare))}</tr>`,
    );
    grid.push(
      `<div class="card" data-distribution="shared-devices"><h3>Shared devices</h3><p class="meta">Shared-device rate = share of distinct ${sd.deviceTypes.map((t) => `<code>${esc(t)}</code>`).join(' / ')} values mapped to more than one individual: ${fmtInt(sd.sharedValues)} of ${fmtInt(sd.values)} = <strong>${fmtPct(sd.rate)}</strong>.</p>${chart}${table(['identifier type', 'values', 'shared', 'rate', 'individuals per shared value', 'shared within one household'], rows)}</div>`,
    );
  } else notes.push(note(sd));
  const lt = g.lifetimes;
  if (lt.status === 'ok') {
    const rows = lt.byType.map(
      (b) =>
        `<tr><td>${esc(b.identifierType)}</td>${numCell(`lifetime-count:${b.identifierType}`, b.count, fmtInt(b.count))}${numCell(`lifetime-mean:${b.identifierType}`, b.meanDays, fmtNum(b.meanDays, 1))}${numCell(`lifetime-p50:${b.identifierType}`, b.p50Days, fmtNum(b.p50Days, 1))}${numCell(`lifetime-max:${b.identifierType}`, b.maxDays, fmtNum(b.maxDays, 1))}${numCell(`lifetime-active:${b.identifierType}`, b.activeShare, fmtPct(b.activeShare))}</tr>`,
    );
    grid.push(numericCard({ status: 'ok', ...lt.distribution }, rows.length ? table(['identifier type', 'mappings', 'mean days', 'median days', 'max days', 'active'], rows) : ''));
  } else notes.push(note(lt));
  parts.push(`<div class="grid">${grid.join('')}</div>${notes.join('')}`);
  return parts.join('');
}

function resolutionSection(r: Maybe<ResolutionData>): string {
  if (r.status === 'unavailable') return note(r);
  const e = r.exactEmail;
  const tiles = [
    tile('resolution-records', 'Source records', r.records, fmtInt(r.records)),
    tile('resolution-records-per-person', 'Records per person (mean)', r.recordsPerPerson ?? '', fmtNum(r.recordsPerPerson)),
    tile('resolution-duplicates-per-person', 'Duplicates within a source per person', r.duplicatesPerPerson ?? '', fmtNum(r.duplicatesPerPerson, 3)),
    tile('resolution-noisy-share', 'Records with noise', r.noisyShare ?? '', fmtPct(r.noisyShare)),
    tile('resolution-exact-email-f1', 'Exact-email baseline F1', e.f1 ?? '', fmtNum(e.f1, 3)),
  ];
  const noise = r.noiseRates.map((n) => `<tr><td>${esc(n.noise)}</td>${numCell(`noise-records:${n.noise}`, n.records, fmtInt(n.records))}${numCell(`noise-rate:${n.noise}`, n.rate, fmtPct(n.rate))}</tr>`);
  const sources = r.bySource.map((b) => `<tr><td>${esc(b.source)}</td>${numCell(`source-records:${b.source}`, b.records, fmtInt(b.records))}${numCell(`source-noisy:${b.source}`, b.noisyShare, fmtPct(b.noisyShare))}</tr>`);
  const baseline = `<p class="meta">Exact-email baseline (records with the same lower-cased email are one person), scored against <code>truth_source_records</code>: pairwise precision <strong>${fmtPct(e.precision)}</strong>, recall <strong>${fmtPct(e.recall)}</strong> (${fmtInt(e.truePositivePairs)} of ${fmtInt(e.predictedPairs)} predicted pairs are true; ${fmtInt(e.truePairs)} true pairs). Score your own method with <code>synthgraph score-resolution</code>.</p>`;
  return `<div class="tiles">${tiles.join('')}</div><div class="grid"><div class="card" data-distribution="resolution-noise"><h3>Noise by type</h3>${table(['noise', 'records', 'share'], noise)}</div><div class="card" data-distribution="resolution-sources"><h3>Records by source</h3>${table(['source', 'records', 'with noise'], sources)}${baseline}</div></div>`;
}

function funnelSection(f: Maybe<FunnelData>): string {
  if (f.status === 'unavailable') return note(f);
  const t = f.total;
  const stages: [string, number | null][] = [
    ['population', t.population],
    ['reached', t.reached],
    ['responded', t.responders],
    ['converted', t.converters],
  ];
  const shown = stages.filter((s): s is [string, number] => s[1] !== null);
  const overall = barChart({ id: 'funnel-total', title: 'Campaign funnel: individuals at each stage (all campaigns)', categories: shown.map((s) => s[0]), series: [{ name: 'individuals', values: shown.map((s) => s[1]) }], format: fmtCompact });
  const cfg = [
    f.configuredReach ? `configured reach <strong>${fmtPct(f.configuredReach.value)}</strong> (<code>${esc(f.configuredReach.source)}</code>)` : '',
    f.configuredResponseRate ? `configured response rate ${fmtPct(f.configuredResponseRate.min)}–${fmtPct(f.configuredResponseRate.max)} (<code>${esc(f.configuredResponseRate.source)}</code>)` : '',
  ].filter(Boolean);
  const meta = `<p class="meta">Reach = distinct individuals exposed / individuals in the group; frequency = impressions (sum of <code>frequency</code>) per exposed (individual, campaign) pair; response and conversion rates = distinct responding / converting individuals / individuals reached; CTR = clicks / impressions; conversions per click = conversions (post-click and view-through) / clicks; spend / budget = sum of <code>cost</code> / <code>campaigns.budget</code>.${f.segmentSource ? ` Segments from <code>${esc(f.segmentSource)}</code>.` : ''}${cfg.length ? ` ${cfg.join('; ')}.` : ''}</p>`;
  const curve = f.frequencyCurve.length
    ? barChart({ id: 'funnel-frequency', title: 'Frequency curve: reached (individual, campaign) pairs by impressions', orientation: 'vertical', categories: f.frequencyCurve.map((c) => String(c.frequency)), series: [{ name: 'pairs', values: f.frequencyCurve.map((c) => c.rows) }], format: fmtCompact })
    : '';
  const parts = [meta, `<div class="card">${overall}${funnelTable([t], 'total')}${curve}</div>`];
  if (!f.segmentSource) parts.push('<div class="unavailable" data-unavailable="funnel-segments"><strong>Funnel by segment</strong>: not available — table audience_attributes (segment_primary) is absent, so only totals and campaigns are shown.</div>');
  const rateChart = (id: string, title: string, rows: readonly FunnelRow[]): string =>
    barChart({
      id,
      title,
      orientation: 'vertical',
      categories: rows.map((r) => r.label),
      series: [
        { name: 'reach', values: rows.map((r) => r.reachRate), color: PALETTE[0] },
        { name: 'response', values: rows.map((r) => r.responseRate), color: PALETTE[2] },
        { name: 'conversion', values: rows.map((r) => r.conversionRate), color: PALETTE[3] },
      ].filter((s) => s.values.some((v) => v !== null)),
      format: fmtPct,
    });
  if (f.bySegment.length) parts.push(`<div class="card"><h3>By audience segment</h3>${rateChart('funnel-segments', 'Reach, response and conversion rate by audience segment', f.bySegment)}${funnelTable(f.bySegment, 'segment')}</div>`);
  if (f.byCampaign.length) parts.push(`<div class="card"><h3>By campaign</h3>${rateChart('funnel-campaigns', 'Response and conversion rate by campaign', f.byCampaign)}${funnelTable(f.byCampaign, 'campaign')}</div>`);
  return parts.join('');
}

function funnelTable(rows: readonly FunnelRow[], kind: string): string {
  const head = [kind, 'population', 'reached', 'reach', 'impressions', 'frequency', 'clicks', 'CTR', 'responders', 'response rate', 'conversions', 'conversions / click', 'conversion rate', 'revenue', 'cost', 'budget', 'spend / budget'];
  const opt = (k: string, v: number | null, f: (x: number) => string): string => numCell(k, v, v === null ? '–' : f(v));
  return table(
    head,
    rows.map((r) => {
      const k = (m: string): string => `funnel:${kind}:${r.group}:${m}`;
      return `<tr><td>${esc(r.label)}${r.label !== r.group ? ` <span class="meta">(${esc(r.group)})</span>` : ''}</td>${numCell(k('population'), r.population, r.population === null ? '–' : fmtInt(r.population))}${numCell(k('reached'), r.reached, fmtInt(r.reached))}${numCell(k('reachRate'), r.reachRate, fmtPct(r.reachRate))}${numCell(k('impressions'), r.impressions, fmtInt(r.impressions))}${numCell(k('frequency'), r.frequency, fmtNum(r.frequency))}${opt(k('clicks'), r.clicks, fmtInt)}${opt(k('clickThrough'), r.clickThrough, fmtPct)}${numCell(k('responders'), r.responders, r.responders === null ? '–' : fmtInt(r.responders))}${numCell(k('responseRate'), r.responseRate, fmtPct(r.responseRate))}${numCell(k('conversions'), r.conversions, r.conversions === null ? '–' : fmtInt(r.conversions))}${opt(k('conversionsPerClick'), r.conversionsPerClick, fmtPct)}${numCell(k('conversionRate'), r.conversionRate, fmtPct(r.conversionRate))}${numCell(k('revenue'), r.revenue, fmtNum(r.revenue))}${numCell(k('cost'), r.cost, fmtNum(r.cost))}${opt(k('budget'), r.budget, fmtNum)}${opt(k('spendShare'), r.spendShare, fmtPct)}</tr>`;
    }),
  );
}

function notesSection(d: ReportData): string {
  if (!d.notes.length) return '<p>Every section could be computed.</p>';
  return `<ul class="notes">${d.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`;
}
