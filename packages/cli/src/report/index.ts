/**
 * The report of a generated output: `report.html` (self-contained, inline SVG charts) and
 * `report.json` (the same numbers).
 */
export { buildReport, writeReport, readManifest, REPORT_GENERATOR, type BuildReportOptions, type BuiltReport, type WriteReportOptions, type WrittenReport } from './report-builder.js';
export { collectReport, SHARED_DEVICE_TYPES, type CollectOptions, type ReportQueryable } from './report-collector.js';
export { renderReportHtml } from './html-renderer.js';
export { barChart, lineChart, type BarChartSpec, type BarSeries, type LineChartSpec } from './svg-charts.js';
export { ReportTargets, type TargetQuery } from './report-targets.js';
export * from './report-types.js';
export { covers, groupOutcome, LIFT_METHOD, liftEstimate, Z95, type GroupSums } from './lift-statistics.js';
export type * from './campaign-measurement-types.js';
