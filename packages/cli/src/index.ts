/**
 * @synthgraph/cli — the `synthgraph` command line, thin over the SDK.
 *
 * @packageDocumentation
 */
export { main, COMMANDS, HELP } from './main.js';
export { EXIT, UsageError, exitCodeOf } from './cli-error.js';
export { processIO, type CliIO } from './io.js';
export { EngineMissingError, importEngine, type EngineImporter, type EnginePackage } from './engines.js';
export { summary } from './commands/generate.js';
export * from './report/index.js';
export { reportCommand } from './commands/report.js';
export { initCommand, INIT_HELP } from './commands/init.js';
export { scoreResolutionCommand, SCORE_RESOLUTION_HELP } from './commands/score-resolution.js';
export { scoreResolutionFiles, TRUTH_TABLE, type ResolutionFileScore } from './resolution/score-files.js';
