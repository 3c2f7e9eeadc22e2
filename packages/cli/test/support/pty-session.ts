/**
 * Test helper: runs a command in a real pseudo-terminal (util-linux `script`), waits for text
 * on the screen and types keys — an `expect` for the init wizard's tests.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

/**
 * Keys as a terminal sends them.
 *
 * @example
 * ```ts
 * await session.send(KEY.down, KEY.space, KEY.enter);
 * ```
 */
export const KEY = { enter: '\r', up: '\x1b[A', down: '\x1b[B', space: ' ', ctrlC: '\x03', backspace: '\x7f' } as const;

/**
 * Removes terminal control sequences (colours, cursor moves, erasures) and carriage returns.
 *
 * @example
 * ```ts
 * stripAnsi('\x1b[36m◆\x1b[39m  Seed'); // '◆  Seed'
 * ```
 */
export function stripAnsi(s: string): string {
  return stripVTControlCharacters(s).replace(/\r/g, '');
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Options of {@link PtySession.spawn}. */
export interface PtyOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cols?: number;
  readonly rows?: number;
}

/**
 * A command running in a pseudo-terminal.
 *
 * @example
 * ```ts
 * const s = PtySession.spawn('node_modules/.bin/tsx --conditions=source packages/cli/src/init/init-main.ts', { cwd });
 * await s.prompt('Seed');
 * s.send(KEY.enter);
 * const code = await s.exit();
 * ```
 */
export class PtySession {
  private raw = '';
  private cursor = 0;
  private exitCode: number | null = null;
  private readonly exited: Promise<number>;
  /** Every key sent, in order (for failure messages). */
  readonly sent: string[] = [];

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (d: Buffer) => {
      this.raw += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      this.raw += d.toString('utf8');
    });
    this.exited = new Promise((resolve) => {
      child.on('close', (code) => {
        this.exitCode = code ?? -1;
        resolve(this.exitCode);
      });
    });
  }

  /** Starts `command` (a shell command line) in a pseudo-terminal of `cols`×`rows`. */
  static spawn(command: string, o: PtyOptions): PtySession {
    const child = spawn('script', ['-qfec', `stty cols ${o.cols ?? 120} rows ${o.rows ?? 50}; exec ${command}`, '/dev/null'], {
      cwd: o.cwd,
      env: { ...process.env, TERM: 'xterm-256color', FORCE_COLOR: undefined, NO_COLOR: undefined, CI: undefined, ...o.env },
      stdio: 'pipe',
    });
    return new PtySession(child);
  }

  /** Everything written so far, control sequences included (to replay on a model terminal). */
  output(): string {
    return this.raw;
  }

  /** Everything shown so far, control sequences removed. */
  screen(): string {
    return stripAnsi(this.raw);
  }

  /** Waits until `pattern` appears after everything matched before; returns the text up to and including it. */
  async expect(pattern: RegExp | string, timeoutMs = 20_000): Promise<string> {
    const re = typeof pattern === 'string' ? new RegExp(escape(pattern)) : pattern;
    const t0 = performance.now();
    for (;;) {
      const text = this.screen();
      const m = re.exec(text.slice(this.cursor));
      if (m) {
        const end = this.cursor + m.index + m[0].length;
        const seen = text.slice(this.cursor, end);
        this.cursor = end;
        return seen;
      }
      if (this.exitCode !== null || performance.now() - t0 > timeoutMs) {
        const why = this.exitCode !== null ? `the process exited (${this.exitCode})` : `${timeoutMs} ms passed`;
        throw new Error(`expected ${re} but ${why}. Keys sent: ${JSON.stringify(this.sent)}\n--- screen after the last match ---\n${text.slice(this.cursor).slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 15));
    }
  }

  /** Waits for the active prompt whose message starts with `label` (clack marks it with ◆). */
  prompt(label: string, timeoutMs?: number): Promise<string> {
    return this.expect(new RegExp(`◆  ${escape(label)}`), timeoutMs);
  }

  /** Types keys (a short pause first, so the prompt is listening). */
  async send(...keys: string[]): Promise<void> {
    for (const k of keys) {
      await new Promise((r) => setTimeout(r, 25));
      this.sent.push(k);
      this.child.stdin.write(k);
    }
  }

  /** Waits for the prompt `label`, then types `keys`. */
  async answer(label: string, ...keys: string[]): Promise<void> {
    await this.prompt(label);
    await this.send(...keys);
  }

  /** Waits for the exit code (the command's own, through `script -e`). */
  async exit(timeoutMs = 20_000): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no exit after ${timeoutMs} ms\n${this.screen().slice(-3000)}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the session's process group leader (cleanup after a failed test). */
  kill(): void {
    if (this.exitCode === null) this.child.kill('SIGKILL');
  }
}
