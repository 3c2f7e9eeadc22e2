/**
 * A `CliIO` for tests: no terminal, an empty environment, Ctrl-C never pressed, and everything
 * written to stdout and stderr kept in `out` and `err`.
 */
import type { CliIO } from '../../src/io.js';

/** A capturing `CliIO` whose working directory is `cwd`. */
export function captureIO(cwd: string): CliIO & { out: string; err: string } {
  const o = {
    out: '',
    err: '',
    stdout: { isTTY: false, write: (s: string) => ((o.out += s), true) },
    stderr: { isTTY: false, write: (s: string) => ((o.err += s), true) },
    cwd,
    env: {},
    onInterrupt: () => () => undefined,
  };
  return o;
}
