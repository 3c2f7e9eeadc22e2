/** Building blocks of the report page shared by its sections: number formats, cells, tiles, notes, tables and the histogram card. */
import { barChart, esc } from './svg-charts.js';
import type { Maybe, NumericDistribution, Unavailable } from './report-types.js';

/** `1234567` → `1,234,567`. */
export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
/** A share as a percentage: `0.1234` → `12.3%` (two decimals under 1%). */
export const fmtPct = (n: number | null): string => (n === null ? '–' : `${(n * 100).toFixed(Math.abs(n) < 0.01 && n !== 0 ? 2 : 1)}%`);
/** A number with up to `digits` decimals. */
export const fmtNum = (n: number | null, digits = 2): string => (n === null ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits }));

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
  const first = n.bins[0];
  if (t?.mean !== undefined && first) {
    const w = first.hi - first.lo;
    const integer = Number.isInteger(first.lo) && Number.isInteger(w);
    marker = { at: integer ? (t.mean - first.lo + 0.5) / w : (t.mean - first.lo) / w, label: `target mean ${fmtNum(t.mean)}` };
  }
  const chart = n.bins.length
    ? barChart({ id: `hist-${n.id}`, title: `${n.title}: histogram`, orientation: 'vertical', categories: n.bins.map((b) => b.label), series: [{ name: 'rows', values: n.bins.map((b) => b.count) }], format: fmtInt, marker })
    : '<p>No values.</p>';
  const targetText = t
    ? ` · target ${[t.mean !== undefined ? `mean ${fmtNum(t.mean)}` : '', t.sd !== undefined ? `sd ${fmtNum(t.sd)}` : '', t.min !== undefined || t.max !== undefined ? `range ${fmtNum(t.min ?? null)}–${fmtNum(t.max ?? null)}` : ''].filter(Boolean).join(', ')} from <code>${esc(t.source)}</code>`
    : '';
  const statRow = `<tr>${numCell(`stat:${n.id}:count`, st.count, fmtInt(st.count))}${numCell(`stat:${n.id}:mean`, st.mean, fmtNum(st.mean))}${numCell(`stat:${n.id}:sd`, st.sd, fmtNum(st.sd))}${numCell(`stat:${n.id}:min`, st.min, fmtNum(st.min))}${numCell(`stat:${n.id}:p50`, st.p50, fmtNum(st.p50))}${numCell(`stat:${n.id}:max`, st.max, fmtNum(st.max))}</tr>`;
  return `<div class="card" data-distribution="${esc(n.id)}"><h3>${esc(n.title)}</h3><p class="meta">${esc(n.description)}${targetText}</p>${chart}${table(['count', 'mean', 'sd', 'min', 'median', 'max'], [statRow])}${extra}</div>`;
}

