/**
 * A run in a child process for the commit-protocol tests: `tsx --conditions=source
 * commit-child.ts <out> <households> <batch> <replace|append>` (see {@link commitRun}); exit 0
 * on success, else 1 with the error code and message on stderr.
 */
import { SynthgraphError } from '@synthgraph/core';
import { commitRun } from './commit-run.js';

const [out, households, batch, mode] = process.argv.slice(2);
try {
  await commitRun(out as string, Number(households), Number(batch), mode as 'replace' | 'append');
  process.exit(0);
} catch (e) {
  process.stderr.write(`${e instanceof SynthgraphError ? e.code : 'ERROR'}: ${(e as Error).message}\n`);
  process.exit(1);
}
