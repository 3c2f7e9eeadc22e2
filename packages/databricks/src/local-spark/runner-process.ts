/**
 * The runner process of a local Spark session: where it is, how it is spawned, and how it and
 * the JVM in its process group are stopped — by `close()`, when this Node process exits, and
 * (inside `spark_runner.py`) when this Node process dies however it dies.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Default cache directory of `scripts/setup-spark.sh`: `$SYNTHGRAPH_SPARK_HOME`, else
 * `~/.cache/synthgraph/spark`.
 *
 * @example
 * ```ts
 * const python = join(defaultSparkHome(), 'venv', 'bin', 'python');
 * ```
 */
export function defaultSparkHome(): string {
  const fromEnv = process.env['SYNTHGRAPH_SPARK_HOME'];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(homedir(), '.cache', 'synthgraph', 'spark');
}

/** Where the runner script is: next to the sources (`src/local-spark/`) or the bundle (`dist/`). */
export function defaultRunnerPath(): string {
  const fromEnv = process.env['SYNTHGRAPH_SPARK_RUNNER'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../../python/spark_runner.py'), resolve(here, '../python/spark_runner.py')];
  return candidates.find((c) => existsSync(c)) ?? (candidates[0] as string);
}

/** The Python interpreter of the venv that `scripts/setup-spark.sh` installs. */
export function venvPython(sparkHome: string): string {
  return process.platform === 'win32' ? join(sparkHome, 'venv', 'Scripts', 'python.exe') : join(sparkHome, 'venv', 'bin', 'python');
}

/** Runners still alive in this process, killed (with their JVMs) when the process exits. */
const liveRunners = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of liveRunners) killTree(child, 'SIGKILL');
  });
}

/**
 * Spawns the runner as the leader of its own process group (so its JVM can be signalled with
 * it), tells it this process's pid (it ends itself and its JVM when this process dies), and
 * registers it to be killed when this process exits.
 */
export function spawnRunner(python: string, args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(python, args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...env, SYNTHGRAPH_RUNNER_PARENT_PID: String(process.pid) },
    detached: process.platform !== 'win32',
    windowsHide: true,
  });
  installExitHook();
  liveRunners.add(child);
  return child;
}

/** Forgets a runner that has exited or been killed. */
export function forgetRunner(child: ChildProcess): void {
  liveRunners.delete(child);
}

/** Signals the runner's process group (the runner and its JVM); falls back to the runner alone. */
export function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // The runner leads its own process group, which holds the JVM it started.
    process.kill(process.platform === 'win32' ? child.pid : -child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** Whether any process of the runner's group (the runner or its JVM) is still alive. */
export function groupAlive(child: ChildProcess): boolean {
  if (child.pid === undefined || process.platform === 'win32') return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves `true` when `promise` settles within `ms`, else `false`. The timer is cleared as soon
 * as the promise settles, so it never keeps the process alive after the work is done.
 */
export function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => resolvePromise(false), ms);
    const done = (): void => {
      clearTimeout(timer);
      resolvePromise(true);
    };
    promise.then(done, done);
  });
}

/** Resolves after `ms`. */
export function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Calls `onLine` for every line of a text stream. */
export function lineReader(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (stream === null) return;
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    let start = 0;
    let nl = chunk.indexOf('\n');
    while (nl >= 0) {
      const line = (buffer + chunk.slice(start, nl)).replace(/\r$/, '');
      buffer = '';
      if (line !== '') onLine(line);
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    buffer += chunk.slice(start);
  });
  stream.on('end', () => {
    if (buffer !== '') onLine(buffer);
    buffer = '';
  });
}
