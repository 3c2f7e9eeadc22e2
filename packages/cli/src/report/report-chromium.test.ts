/**
 * report.html in a real browser: headless Chromium parses the page (`--dump-dom`) and paints
 * it (`--screenshot`). Every chart must be in the DOM and non-empty, the numbers on the page
 * must be the manifest's, and the charts must actually paint. Fails (never skips) when
 * Chromium is missing, with the install command.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, type Manifest } from '@synthgraph/core';
import { duckdb } from '@synthgraph/duckdb';
import { CHROMIUM_MISSING, countColour, decodePng, dumpDom, findChromium, screenshot } from '../../test/support/chromium-harness.js';
import { writeReport, type WrittenReport } from './report-builder.js';
import { reportFixture } from '../../test/support/report-fixture.js';
import { PALETTE } from './svg-charts.js';

const chromium = findChromium();
const browser = (): string => {
  if (!chromium) throw new Error(CHROMIUM_MISSING);
  return chromium;
};

let dir: string;
let manifest: Manifest;
let report: WrittenReport;

const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Every `data-key` → { value, text } on the page. */
function pageNumbers(dom: string): Map<string, { value: string | undefined; text: string }> {
  const out = new Map<string, { value: string | undefined; text: string }>();
  for (const m of dom.matchAll(/<(?:td|div)\b[^>]*?\bdata-key="([^"]*)"(?:\s+data-value="([^"]*)")?[^>]*>([^<]*)</g)) {
    out.set(unescape(m[1] as string), { value: m[2] === undefined ? undefined : unescape(m[2]), text: unescape(m[3] as string) });
  }
  return out;
}
const plain = (text: string): number => Number(text.replace(/,/g, ''));

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-report-browser-'));
  manifest = await generate(reportFixture(300), duckdb({ out: path.join(dir, 'out') }), { seed: 11 });
  report = await writeReport(path.join(dir, 'out'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('report.html in headless Chromium', () => {
  it('Chromium is installed (apt-get install -y chromium)', () => {
    expect(chromium, CHROMIUM_MISSING).not.toBeNull();
  });

  it('every chart is in the DOM, titled and non-empty; the page shows the manifest’s numbers', async () => {
    const dom = await dumpDom(browser(), report.htmlPath, path.join(dir, 'profile-dom'));
    expect(dom).toContain('<section id="funnel">');

    // Charts: one <svg data-chart> per chart the data calls for, each with a title and marks.
    const svgs = [...dom.matchAll(/<svg\b([^>]*)>([\s\S]*?)<\/svg>/g)].map((m) => ({ id: /data-chart="([^"]+)"/.exec(m[1] as string)?.[1], body: m[2] as string }));
    const j = report.json;
    const ok = <T extends { status: string }>(xs: readonly T[]): number => xs.filter((x) => x.status === 'ok').length;
    const g = j.identityGraph;
    const expected =
      1 + // rows per table
      ok(j.distributions.categorical) +
      ok(j.distributions.numeric) +
      (j.activity.status === 'ok' ? 4 : 0) +
      ok([g.identifiersPerPerson, g.personsPerHousehold, g.sharedDevices, g.lifetimes]) +
      (j.funnel.status === 'ok' ? 1 + (j.funnel.bySegment.length ? 1 : 0) + (j.funnel.byCampaign.length ? 1 : 0) + (j.funnel.frequencyCurve.length ? 1 : 0) : 0) +
      (j.sessions.status === 'ok' ? 1 + (j.sessions.lengthMinutes ? 1 : 0) : 0) +
      (j.deviceByAge.status === 'ok' ? 1 : 0) +
      (j.delivery.status === 'ok' ? (j.delivery.campaigns.some((c) => c.spendShare !== null) ? 1 : 0) + (j.delivery.maxFrequency ? 1 : 0) : 0) +
      (j.lift.status === 'ok' && j.lift.campaigns.length ? 1 : 0) +
      (j.attribution.status === 'ok' && j.attribution.campaigns.length ? 1 : 0);
    expect(svgs.length).toBe(expected);
    expect(svgs.length).toBeGreaterThanOrEqual(30);
    expect(new Set(svgs.map((s) => s.id)).size).toBe(svgs.length);
    for (const s of svgs) {
      expect(s.id, 'data-chart').toBeTruthy();
      expect(s.body, `${s.id} title`).toMatch(/^<title[^>]*>[^<]+<\/title>/);
      const marks = (s.body.match(/<rect class="bar|<polyline|<circle/g) ?? []).length;
      expect(marks, `${s.id} marks`).toBeGreaterThan(0);
      // A shortened label always carries the full one as a tooltip.
      for (const t of s.body.match(/<text\b[^>]*>(?:(?!<\/text>)[\s\S])*…(?:(?!<\/text>)[\s\S])*<\/text>/g) ?? []) expect(t, `${s.id} label`).toMatch(/<title>[^<]+<\/title>/);
    }

    // Numbers: the page's values (attribute and visible text) are the manifest's.
    const nums = pageNumbers(dom);
    const shown = (key: string): number => {
      const v = nums.get(key);
      expect(v, `data-key ${key} on the page`).toBeDefined();
      expect(plain(v?.text ?? ''), `text of ${key}`).toBe(Number(v?.value));
      return Number(v?.value);
    };
    expect(dom).toContain(`data-key="verdict" data-value="${report.json.verdict.status}">${report.json.verdict.text}</p>`);
    expect(shown('seed')).toBe(manifest.seed);
    expect(shown('total-rows')).toBe(manifest.totalRows);
    expect(shown('table-count')).toBe(Object.keys(manifest.tables).length);
    expect(shown('checks-failed')).toBe(manifest.checks.filter((c) => c.violations).length);
    expect(Number(nums.get('checks-passed')?.value)).toBe(manifest.checks.filter((c) => !c.violations).length);
    for (const [t, r] of Object.entries(manifest.tables)) {
      expect(shown(`rows:${t}`), t).toBe(r.rows);
      expect(shown(`counted:${t}`), t).toBe(r.rows);
    }
    for (const c of manifest.checks) expect(shown(`violations:${c.name}`), c.name).toBe(c.violations);
    expect(dom.match(/data-status="pass"/g)?.length).toBe(manifest.checks.filter((c) => !c.violations).length);
    expect(shown('batch-rows:0')).toBe(manifest.totalRows);

    // The embedded data survives the browser's parse unchanged.
    const embedded = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(dom)?.[1] ?? '';
    expect(JSON.parse(embedded)).toEqual(JSON.parse(JSON.stringify(report.json)));
  });

  it('the charts paint: a screenshot shows bars in the series colours', async () => {
    const png = path.join(dir, 'report.png');
    const size = { width: 1400, height: 3200 };
    const img = decodePng(await screenshot(browser(), report.htmlPath, png, size, path.join(dir, 'profile-shot')));
    expect([img.width, img.height]).toEqual([size.width, size.height]);
    // Bars (actual) and target outlines in the first screen: rows per table, income, gender, …
    expect(countColour(img, PALETTE[0], 2)).toBeGreaterThan(20_000);
    expect(countColour(img, PALETTE[1], 12)).toBeGreaterThan(500);
    // Not one flat colour: the page has its dark header and white cards too.
    expect(countColour(img, '#0f172a', 2)).toBeGreaterThan(20_000);
    expect(countColour(img, '#ffffff', 0)).toBeGreaterThan(500_000);
    const keep = process.env['SYNTHGRAPH_REPORT_SCREENSHOT_DIR'];
    if (keep) {
      await mkdir(keep, { recursive: true });
      await copyFile(png, path.join(keep, 'report.png'));
      await copyFile(report.htmlPath, path.join(keep, 'report.html'));
    }
  });
});
