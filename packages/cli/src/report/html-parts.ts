/** Building blocks of the report page shared by its sections: number formats, cells, tiles, notes, tables and the histogram card. */
import { barChart, esc } from './svg-charts.js';
import type { HistogramBin, Maybe, NumericDistribution, Unavailable } from './report-types.js';
import { compactNumber, HEAVY_TAIL_RATIO } from './numeric-section.js';

/** `1234567` → `1,234,567`. */
export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
/** A share as a percentage: `0.1234` → `12.3%` (two decimals under 1%). */
export const fmtPct = (n: number | null): string => (n === null ? '–' : `${(n * 100).toFixed(Math.abs(n) < 0.01 && n !== 0 ? 2 : 1)}%`);
/** A count in readable form for axes and bar labels: `1,234` → `1.23K`, `3,400,000` → `3.4M`. */
export const fmtCompact = (n: number): string => compactNumber(Math.abs(n) >= 1000 ? n : Math.round(n * 1000) / 1000);
/** A number with up to `digits` decimals (two significant digits when it would show as 0). */
export const fmtNum = (n: number | null, digits = 2): string =>
  n === null ? '–' : n !== 0 && Math.abs(n) < 10 ** -digits ? n.toPrecision(2) : n.toLocaleString('en-US', { maximumFractionDigits: digits });

/** A table cell holding a number, readable back through `data-key` / `data-value`. */
export const numCell = (key: string, value: number | null, text: string): string =>
  `<td class="num" data-key="${esc(key)}"${value === null ? '' : ` data-value="${esc(String(value))}"`}>${esc(text)}</td>`;
/** A tile of a tile row, its value readable back through `data-key` / `data-value`. */
export const tile = (key: string, label: string, value: number | string, text: string, cls = ''): string =>
  `<div class="tile ${cls}"><div class="label">${esc(label)}</div><div class="value" data-key="${esc(key)}" data-value="${esc(String(value))}">${esc(text)}</div></div>`;
/** The box that replaces a section or chart that cannot be shown. */
export const note = (u: Unavailable): string => `<div class="unavailable" data-unavailable="${esc(u.id)}"><strong>${esc(u.title)}</strong>: not available — ${esc(u.reason)}.</div>`;
/** A table of pre-rendered rows. */
export const table = (head: readonly string[], rows: readonly string[], cls = ''): string =>
  `<table class="${cls}"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;

/** A histogram card for a numeric distribution (also used by the identity-graph section). */
export function numericCard(n: Maybe<NumericDistribution>, extra = ''): string {
  if (n.status === 'unavailable') return note(n);
  const st = n.stats;
  const t = n.target;
  let marker: { at: number; label: string } | undefined;
  if (t?.mean !== undefined && n.bins.length) {
    // The bin holding the mean, and the position inside it (unit bins are centred on their value).
    const mean = t.mean;
    const found = n.bins.findIndex((b) => mean >= b.lo && mean < b.hi);
    const i = found >= 0 ? found : mean < (n.bins[0] as HistogramBin).lo ? 0 : n.bins.length - 1;
    const b = n.bins[i] as HistogramBin;
    const unit = b.hi - b.lo === 1 && Number.isInteger(b.lo);
    marker = { at: i + (unit ? 0.5 : Math.min(1, Math.max(0, (mean - b.lo) / (b.hi - b.lo)))), label: `target mean ${fmtNum(t.mean)}` };
  }
  const log = n.scale === 'log';
  const chart = n.bins.length
    ? barChart({ id: `hist-${n.id}`, title: `${n.title}: histogram${log ? ' (log-scaled bins)' : ''}`, orientation: 'vertical', categories: n.bins.map((b) => b.label), series: [{ name: 'rows', values: n.bins.map((b) => b.count) }], format: fmtCompact, marker })
    : '<p>No values.</p>';
  const scaleNote = log ? ` · <span data-key="scale:${esc(n.id)}" data-value="log">log-scaled bins</span> (heavy tail: max more than ${HEAVY_TAIL_RATIO}× the median)` : '';
  const targetText = t
    ? ` · target ${[t.mean !== undefined ? `mean ${fmtNum(t.mean)}` : '', t.sd !== undefined ? `sd ${fmtNum(t.sd)}` : '', t.min !== undefined || t.max !== undefined ? `range ${fmtNum(t.min ?? null)}–${fmtNum(t.max ?? null)}` : ''].filter(Boolean).join(', ')} from <code>${esc(t.source)}</code>`
    : '';
  const statRow = `<tr>${numCell(`stat:${n.id}:count`, st.count, fmtInt(st.count))}${numCell(`stat:${n.id}:mean`, st.mean, fmtNum(st.mean))}${numCell(`stat:${n.id}:sd`, st.sd, fmtNum(st.sd))}${numCell(`stat:${n.id}:min`, st.min, fmtNum(st.min))}${numCell(`stat:${n.id}:p50`, st.p50, fmtNum(st.p50))}${numCell(`stat:${n.id}:max`, st.max, fmtNum(st.max))}</tr>`;
  return `<div class="card" data-distribution="${esc(n.id)}"><h3>${esc(n.title)}</h3><p class="meta">${esc(n.description)}${targetText}${scaleNote}</p>${chart}${table(['count', 'mean', 'sd', 'min', 'median', 'max'], [statRow])}${extra}</div>`;
}

