/**
 * Test support: a {@link CliIO} that records what a command writes, for in-process CLI tests.
 */
import type { CliIO } from '../../src/io.js';

/**
 * A recording CLI environment in `cwd` with `env` (default: none): not a terminal, no Ctrl-C.
 *
 * @example
 * ```ts
 * const io = fakeIO(dir);
 * await main(['plan', '--json'], io);
 * JSON.parse(io.out);
 * ```
 */
export function fakeIO(cwd: string, env: Readonly<Record<string, string>> = {}): CliIO & { out: string; err: string } {
  const o = {
    out: '',
    err: '',
    stdout: { isTTY: false, write: (s: string) => ((o.out += s), true) },
    stderr: { isTTY: false, write: (s: string) => ((o.err += s), true) },
    cwd,
    env,
    onInterrupt: () => () => undefined,
  };
  return o;
}
