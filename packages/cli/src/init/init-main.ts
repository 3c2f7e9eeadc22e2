/**
 * Runs `synthgraph init` alone (the pty tests spawn it; `synthgraph init` runs the same
 * command through the CLI):
 *
 *   node_modules/.bin/tsx --conditions=source packages/cli/src/init/init-main.ts [options]
 */
import { SynthgraphError } from '@synthgraph/core';
import { exitCodeOf } from '../cli-error.js';
import { initCommand } from '../commands/init.js';
import { processIO } from '../io.js';

initCommand(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof SynthgraphError ? e.message : String((e as Error)?.stack ?? e)}\n`);
    process.exitCode = exitCodeOf(e);
  },
);
