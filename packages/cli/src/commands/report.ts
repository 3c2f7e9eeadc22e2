import path from 'node:path';
import type { CliIO } from '../io.js';
import { parse } from '../options.js';
import { writeReport } from '../report/report-builder.js';

export const REPORT_HELP = `Usage: synthgraph report [--in DIR | DIR] [options]

Writes report.html (self-contained: inline CSS and SVG charts, nothing loaded from the
network) and report.json (the same numbers) for an output directory written by
'synthgraph generate': run summary, rows per table, every check, distributions against the
configured targets, activity over time, identity-graph metrics and the campaign funnel.
Sections whose tables are absent say so. Open report.html in any browser.

Arguments:
  DIR                 the output directory (default ./synthgraph-out)

Options:
  -o, --out DIR       where to write report.html and report.json (default: DIR)
  --json              also print report.json on stdout
  -q, --quiet         print nothing but errors
  -h, --help          this help

Exit codes: 0 written (also when checks found violations: the report shows them),
2 invalid input (no manifest.json in DIR).`;

/**
 * `synthgraph report`.
 *
 * @example
 * ```ts
 * const code = await reportCommand(['./synthgraph-out'], processIO());
 * ```
 */
export async function reportCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, { in: { type: 'string', short: 'i' }, out: { type: 'string', short: 'o' }, json: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' } }, 'report', { max: 1, name: 'DIR' });
  if (values['help']) {
    io.stdout.write(`${REPORT_HELP}\n`);
    return 0;
  }
  const dir = path.resolve(io.cwd, (values['in'] === undefined ? undefined : String(values['in'])) ?? positionals[0] ?? 'synthgraph-out');
  const outDir = values['out'] === undefined ? undefined : path.resolve(io.cwd, String(values['out']));
  const r = await writeReport(dir, { outDir, importEngine: io.importEngine });
  if (values['json']) io.stdout.write(`${JSON.stringify(r.json, null, 2)}\n`);
  else if (!values['quiet']) {
    const c = r.json.checks;
    io.stdout.write(
      [
        `report: ${r.htmlPath}`,
        `data:   ${r.jsonPath}`,
        `${r.json.summary.totalRows.toLocaleString('en-US')} rows in ${r.json.summary.tableCount} tables · seed ${r.json.summary.seed} · checks: ${c.passed} passed, ${c.failed} failed`,
        r.json.verdict.text,
        ...r.json.notes.map((n) => `note: ${n}`),
      ].join('\n') + '\n',
    );
  }
  return 0;
}
