/**
 * A small, dependency-free SVG chart renderer: grouped bar charts (vertical or horizontal) and
 * line charts. Pure functions from data to markup; colours are attributes, so a chart looks the
 * same without the page's CSS. Every chart is `<svg data-chart="id">` whose first child is a
 * `<title>`, and every mark carries its own `<title>` as a tooltip.
 */

/**
 * Escapes text for XML/HTML content and attribute values.
 *
 * @example
 * ```ts
 * esc('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 * ```
 */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Series colours: actual, target, then more.
 *
 * @example
 * ```ts
 * barChart({ id: 'x', title: 'x', categories: ['a'], series: [{ name: 'rows', values: [1], color: PALETTE[2] }] });
 * ```
 */
export const PALETTE = ['#2563eb', '#f59e0b', '#10b981', '#8b5cf6', '#ef4444', '#0ea5e9'] as const;

/** One series of a bar chart. */
export interface BarSeries {
  readonly name: string;
  /** One value per category; null draws nothing. */
  readonly values: readonly (number | null)[];
  readonly color?: string;
  /** Draw as an outlined bar (used for targets). */
  readonly outline?: boolean;
}

/** A bar chart. */
export interface BarChartSpec {
  /** Unique id, written to `data-chart`. */
  readonly id: string;
  readonly title: string;
  readonly categories: readonly string[];
  readonly series: readonly BarSeries[];
  /** Formats values for axis ticks and tooltips. */
  readonly format?: (n: number) => string;
  /** `horizontal` (default for categories) or `vertical` (histograms, time). */
  readonly orientation?: 'horizontal' | 'vertical';
  /** A vertical reference line at this category position (fractional index), e.g. a target mean. */
  readonly marker?: { readonly at: number; readonly label: string };
  /** Width in px (default 640). */
  readonly width?: number;
}

/** A line chart over labelled points. */
export interface LineChartSpec {
  readonly id: string;
  readonly title: string;
  readonly points: readonly { readonly label: string; readonly value: number }[];
  readonly format?: (n: number) => string;
  readonly width?: number;
  readonly height?: number;
}

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"';
const r1 = (n: number): string => String(Math.round(n * 10) / 10);

/**
 * A "nice" step (1, 2, 2.5 or 5 × 10^k) so that about `ticks` steps cover `span`.
 *
 * @example
 * ```ts
 * niceStep(100); // 20
 * ```
 */
export function niceStep(span: number, ticks = 5): number {
  if (!(span > 0)) return 1;
  const raw = span / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

function axisTicks(max: number): { top: number; ticks: number[] } {
  const step = niceStep(max > 0 ? max : 1);
  const top = Math.max(step, Math.ceil((max > 0 ? max : 1) / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 1e6; v += step) ticks.push(Number(v.toPrecision(12)));
  return { top, ticks };
}

const defaultFormat = (n: number): string => (Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : String(Number(n.toPrecision(4))));

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/**
 * A label in at most two lines of `n` characters, broken at a space (the end of the second line
 * is cut only when even two lines are too short; the full label is then in the tooltip).
 *
 * @example
 * ```ts
 * wrapLabel('Holiday Momentum – consideration #3', 26); // ['Holiday Momentum –', 'consideration #3']
 * ```
 */
export function wrapLabel(s: string, n: number): string[] {
  if (s.length <= n) return [s];
  // Break at the last space, or after the last '/', '_' or '-' that fits.
  const space = s.lastIndexOf(' ', n);
  const sep = Math.max(...['/', '_', '-'].map((c) => s.lastIndexOf(c, n - 1)));
  const at = space > 0 && space >= sep ? space : sep > 0 ? sep + 1 : n;
  const rest = s.slice(at).trim();
  // Keep the end of a long second line (ids and numbers sit at the end of labels).
  return [s.slice(0, at).trim(), rest.length > n ? `…${rest.slice(rest.length - n + 1)}` : rest];
}

/**
 * A label cut in the middle to `n` characters, keeping its start and its end (ids and numbers).
 *
 * @example
 * ```ts
 * middleCut('Holiday Momentum – consideration #3', 30); // 'Holiday Momentu…nsideration #3'
 * ```
 */
export function middleCut(s: string, n: number): string {
  if (s.length <= n) return s;
  const head = Math.ceil((n - 1) / 2);
  return `${s.slice(0, head)}…${s.slice(s.length - (n - 1 - head))}`;
}

/** A `<text>` label with its full text as a tooltip when it is shortened or wrapped. */
function label(x: string, y: string, anchor: string, lines: readonly string[], full: string, lineHeight = 12): string {
  const tip = lines.length > 1 || lines[0] !== full ? `<title>${esc(full)}</title>` : '';
  const body = lines.length === 1 ? esc(lines[0] ?? '') : lines.map((l, i) => `<tspan x="${x}" dy="${i === 0 ? -lineHeight / 2 : lineHeight}">${esc(l)}</tspan>`).join('');
  return `<text x="${x}" y="${y}" text-anchor="${anchor}" fill="#0f172a">${tip}${body}</text>`;
}

/** Integers also exactly in tooltips when the axis format shortens them (`1.2K (1,234)`). */
const exact = (v: number, shown: string): string => (Number.isInteger(v) && Math.abs(v) >= 1000 && shown !== v.toLocaleString('en-US') ? ` (${v.toLocaleString('en-US')})` : '');

function open(id: string, title: string, width: number, height: number, desc: string): string {
  const tid = `t-${id}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="${esc(id)}" role="img" aria-labelledby="${esc(tid)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ${FONT} font-size="11"><title id="${esc(tid)}">${esc(title)}</title><desc>${esc(desc)}</desc>`;
}

function legend(series: readonly BarSeries[], x: number, y: number): string {
  if (series.length < 2) return '';
  let cx = x;
  return series
    .map((s, i) => {
      const color = s.color ?? PALETTE[i % PALETTE.length] ?? '#2563eb';
      const box = s.outline
        ? `<rect x="${cx}" y="${y - 9}" width="10" height="10" fill="none" stroke="${color}" stroke-width="2"/>`
        : `<rect x="${cx}" y="${y - 9}" width="10" height="10" fill="${color}"/>`;
      const out = `<g class="legend">${box}<text x="${cx + 14}" y="${y}" fill="#334155">${esc(s.name)}</text></g>`;
      cx += 24 + s.name.length * 6.5;
      return out;
    })
    .join('');
}

/**
 * Renders a grouped bar chart.
 *
 * @example
 * ```ts
 * barChart({ id: 'gender', title: 'Gender', categories: ['f', 'm'], series: [{ name: 'actual', values: [0.5, 0.5] }] });
 * ```
 */
export function barChart(spec: BarChartSpec): string {
  const fmt = spec.format ?? defaultFormat;
  const n = spec.categories.length;
  const k = Math.max(1, spec.series.length);
  const max = Math.max(0, ...spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v))));
  const { top, ticks } = axisTicks(max);
  const width = spec.width ?? 640;
  const desc = spec.categories.map((c, i) => `${c}: ${spec.series.map((s) => `${s.name} ${s.values[i] === null || s.values[i] === undefined ? '–' : fmt(s.values[i] as number)}`).join(', ')}`).join('; ');
  const color = (s: BarSeries, i: number): string => s.color ?? PALETTE[i % PALETTE.length] ?? '#2563eb';
  const bar = (s: BarSeries, i: number, x: number, y: number, w: number, h: number, cat: string, v: number): string => {
    const tip = `<title>${esc(`${cat} — ${s.name}: ${fmt(v)}${exact(v, fmt(v))}`)}</title>`;
    const c = color(s, i);
    return s.outline
      ? `<rect class="bar target" x="${r1(x)}" y="${r1(y)}" width="${r1(Math.max(w, 0.5))}" height="${r1(Math.max(h, 0.5))}" fill="${c}" fill-opacity="0.18" stroke="${c}" stroke-width="1.5">${tip}</rect>`
      : `<rect class="bar" x="${r1(x)}" y="${r1(y)}" width="${r1(Math.max(w, 0.5))}" height="${r1(Math.max(h, 0.5))}" fill="${c}">${tip}</rect>`;
  };

  if ((spec.orientation ?? 'horizontal') === 'horizontal') {
    const labelW = Math.min(180, 12 + 6.5 * Math.max(4, ...spec.categories.map((c) => Math.min(c.length, 26))));
    const wrapped = spec.categories.map((c) => wrapLabel(c, 26));
    const groupH = Math.max(k * 14 + 8, wrapped.some((w) => w.length > 1) ? 28 : 0);
    const topPad = k > 1 ? 26 : 10;
    const plotW = width - labelW - 70;
    const height = topPad + n * groupH + 28;
    const sx = (v: number): number => (v / top) * plotW;
    const parts = [open(spec.id, spec.title, width, height, desc), legend(spec.series, labelW, 14)];
    for (const t of ticks) {
      const x = labelW + sx(t);
      parts.push(`<line x1="${r1(x)}" x2="${r1(x)}" y1="${topPad}" y2="${topPad + n * groupH}" stroke="#e2e8f0"/>`);
      parts.push(`<text x="${r1(x)}" y="${topPad + n * groupH + 14}" text-anchor="middle" fill="#64748b">${esc(fmt(t))}</text>`);
    }
    spec.categories.forEach((cat, ci) => {
      const y0 = topPad + ci * groupH + 4;
      parts.push(label(String(labelW - 6), r1(y0 + (groupH - 8) / 2 + 4), 'end', wrapped[ci] ?? [cat], cat));
      spec.series.forEach((s, si) => {
        const v = s.values[ci];
        if (v === null || v === undefined || !Number.isFinite(v)) return;
        const yb = y0 + (groupH - 8 - k * 14) / 2 + si * 14;
        parts.push(bar(s, si, labelW, yb, sx(v), 12, cat, v));
        parts.push(`<text x="${r1(labelW + sx(v) + 4)}" y="${r1(yb + 10)}" fill="#475569" font-size="10">${esc(fmt(v))}</text>`);
      });
    });
    parts.push(`<line x1="${labelW}" x2="${labelW}" y1="${topPad}" y2="${topPad + n * groupH}" stroke="#94a3b8"/>`);
    parts.push('</svg>');
    return parts.join('');
  }

  const right = 12;
  const topPad = k > 1 || spec.marker ? 26 : 12;
  // Labels that do not fit side by side are turned 40° so that every category keeps its label
  // (cut in the middle past 30 characters, the full label in the tooltip); only when the slots
  // are too narrow even for that is every k-th category labelled.
  const slotW = (width - 56 - right) / Math.max(1, n);
  const longest = Math.max(1, ...spec.categories.map((c) => c.length));
  const rotate = longest > Math.max(3, Math.floor((slotW - 6) / 6.6)) && slotW >= 12;
  const bottom = rotate ? 22 + Math.ceil(Math.min(30, longest) * 6.2 * 0.65) : 40;
  // Room on the left for the first turned label.
  const left = rotate ? Math.max(56, Math.ceil(Math.min(30, longest) * 6.2 * 0.77) - 8) : 56;
  const height = 200 + bottom;
  const plotW = width - left - right;
  const plotH = height - topPad - bottom;
  const slot = plotW / Math.max(1, n);
  const gap = Math.min(6, slot * 0.15);
  const bw = (slot - gap) / k;
  const sy = (v: number): number => (v / top) * plotH;
  const parts = [open(spec.id, spec.title, width, height, desc), legend(spec.series, left, 14)];
  for (const t of ticks) {
    const y = topPad + plotH - sy(t);
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${r1(y)}" y2="${r1(y)}" stroke="#e2e8f0"/>`);
    parts.push(`<text x="${left - 6}" y="${r1(y + 4)}" text-anchor="end" fill="#64748b">${esc(fmt(t))}</text>`);
  }
  // Label every k-th category so that labels (up to the slot or 16 characters) never overlap.
  const chars = Math.max(1, ...spec.categories.map((c) => Math.min(c.length, 16)));
  const fitChars = Math.max(3, Math.floor((slot - 6) / 6.6));
  const every = chars <= fitChars ? 1 : Math.max(1, Math.ceil((chars * 6.6 + 8) / slot));
  const labelChars = every === 1 ? fitChars : 16;
  spec.categories.forEach((cat, ci) => {
    const x0 = left + ci * slot + gap / 2;
    spec.series.forEach((s, si) => {
      const v = s.values[ci];
      if (v === null || v === undefined || !Number.isFinite(v)) return;
      parts.push(bar(s, si, x0 + si * bw, topPad + plotH - sy(v), bw, sy(v), cat, v));
    });
    if (rotate) {
      const x = r1(x0 + (slot - gap) / 2);
      const y = topPad + plotH + 12;
      const shown = middleCut(cat, 30);
      parts.push(`<text x="${x}" y="${y}" transform="rotate(-40 ${x} ${y})" text-anchor="end" fill="#334155">${shown !== cat ? `<title>${esc(cat)}</title>` : ''}${esc(shown)}</text>`);
    } else if (ci % every === 0) parts.push(label(r1(x0 + (slot - gap) / 2), String(topPad + plotH + 14), 'middle', [truncate(cat, labelChars)], cat).replace('fill="#0f172a"', 'fill="#334155"'));
  });
  if (spec.marker && Number.isFinite(spec.marker.at)) {
    const x = left + spec.marker.at * slot;
    parts.push(
      `<g class="marker"><line x1="${r1(x)}" x2="${r1(x)}" y1="${topPad}" y2="${topPad + plotH}" stroke="#f59e0b" stroke-width="2" stroke-dasharray="5 3"><title>${esc(spec.marker.label)}</title></line><text x="${r1(x + 4)}" y="${topPad - 2}" fill="#b45309" font-size="10">${esc(spec.marker.label)}</text></g>`,
    );
  }
  parts.push(`<line x1="${left}" x2="${width - right}" y1="${topPad + plotH}" y2="${topPad + plotH}" stroke="#94a3b8"/>`);
  parts.push('</svg>');
  return parts.join('');
}

/**
 * Renders a line chart (with a light area under the line).
 *
 * @example
 * ```ts
 * lineChart({ id: 'daily', title: 'Events per day', points: [{ label: '2026-01-01', value: 12 }] });
 * ```
 */
export function lineChart(spec: LineChartSpec): string {
  const fmt = spec.format ?? defaultFormat;
  const width = spec.width ?? 640;
  const height = spec.height ?? 220;
  const left = 56;
  const right = 12;
  const topPad = 12;
  const bottom = 34;
  const plotW = width - left - right;
  const plotH = height - topPad - bottom;
  const n = spec.points.length;
  const max = Math.max(0, ...spec.points.map((p) => p.value));
  const { top, ticks } = axisTicks(max);
  const x = (i: number): number => left + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const y = (v: number): number => topPad + plotH - (v / top) * plotH;
  const first = spec.points[0];
  const last = spec.points[n - 1];
  const desc = `${n} points${first && last ? ` from ${first.label} to ${last.label}` : ''}, maximum ${fmt(max)}`;
  const parts = [open(spec.id, spec.title, width, height, desc)];
  for (const t of ticks) {
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${r1(y(t))}" y2="${r1(y(t))}" stroke="#e2e8f0"/>`);
    parts.push(`<text x="${left - 6}" y="${r1(y(t) + 4)}" text-anchor="end" fill="#64748b">${esc(fmt(t))}</text>`);
  }
  const pts = spec.points.map((p, i) => `${r1(x(i))},${r1(y(p.value))}`).join(' ');
  if (n > 0) {
    parts.push(`<polygon class="area" points="${r1(x(0))},${r1(y(0))} ${pts} ${r1(x(n - 1))},${r1(y(0))}" fill="#2563eb" fill-opacity="0.12"/>`);
    parts.push(`<polyline class="line" points="${pts}" fill="none" stroke="#2563eb" stroke-width="1.5"><title>${esc(desc)}</title></polyline>`);
    if (n === 1 && first) parts.push(`<circle cx="${r1(x(0))}" cy="${r1(y(first.value))}" r="3" fill="#2563eb"/>`);
  }
  const labels = Math.min(n, 6);
  for (let j = 0; j < labels; j++) {
    const i = labels === 1 ? 0 : Math.round((j * (n - 1)) / (labels - 1));
    const p = spec.points[i];
    const anchor = labels > 1 && j === 0 ? 'start' : labels > 1 && j === labels - 1 ? 'end' : 'middle';
    if (p) parts.push(`<text x="${r1(x(i))}" y="${topPad + plotH + 16}" text-anchor="${anchor}" fill="#334155">${esc(p.label)}</text>`);
  }
  parts.push(`<line x1="${left}" x2="${width - right}" y1="${topPad + plotH}" y2="${topPad + plotH}" stroke="#94a3b8"/>`);
  parts.push('</svg>');
  return parts.join('');
}
