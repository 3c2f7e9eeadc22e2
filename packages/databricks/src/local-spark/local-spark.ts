/**
 * A client for a real local Apache Spark 4 + Delta Lake session, run by
 * `python/spark_runner.py` in the venv that `scripts/setup-spark.sh` installs.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { CancelledError, ConfigError } from '@synthgraph/core';
import { LocalSparkError, LocalSparkNotInstalledError, SparkSqlError } from './local-spark-error.js';
import { DEFAULTS, validateLocalSparkOptions, type ExplainOptions, type LocalSparkOptions, type SqlOptions, type SqlResult } from './local-spark-options.js';
import { parseRunnerLine, type RunnerErrorBody, type RunnerRequest, type RunnerResponse } from './protocol.js';
import {
  defaultRunnerPath,
  defaultSparkHome,
  forgetRunner,
  groupAlive,
  killTree,
  lineReader,
  pause,
  settlesWithin,
  spawnRunner,
  venvPython,
} from './runner-process.js';

const CLOSE_TIMEOUT_MS = 60_000;
const LOG_TAIL_LINES = 40;

interface Pending {
  readonly statement: string;
  readonly resolve: (r: RunnerResponse & { ok: true }) => void;
  readonly reject: (e: unknown) => void;
  readonly detach: () => void;
}

/**
 * One long-lived local Spark session (local[N], Delta Lake, ANSI mode, UTC), driven through a
 * runner process over JSON lines. Statements may be issued concurrently; Spark runs them one at a
 * time in order. Always {@link LocalSpark.close} it; runners left open are killed when the Node
 * process exits, and a runner whose parent dies stops by itself.
 *
 * @example
 * ```ts
 * const spark = await LocalSpark.start({ warehouseDir: '/tmp/wh' });
 * try {
 *   await spark.sql('CREATE OR REPLACE TABLE t USING DELTA AS SELECT id FROM range(0, 1000, 1, 4)');
 *   const { rows } = await spark.sql('SELECT count(*) FROM t'); // [['1000']]
 * } finally {
 *   await spark.close();
 * }
 * ```
 */
export class LocalSpark {
  /** Apache Spark version of the session, e.g. `4.0.1`. */
  readonly sparkVersion: string;
  /** Delta Lake version of the session, e.g. `4.0.1`. */
  readonly deltaVersion: string;
  /** The warehouse directory (absolute). */
  readonly warehouseDir: string;
  /** Milliseconds from spawning the runner to a ready session. */
  readonly startMs: number;
  /** Local cores (`local[N]`), also the session's default parallelism. */
  readonly cores: number;
  /** Process id of the runner; it leads a process group that holds Spark's JVM. */
  readonly pid: number | undefined;

  readonly #child: ChildProcess;
  readonly #pending = new Map<number, Pending>();
  readonly #logTail: string[];
  #nextId = 1;
  #closing: Promise<void> | undefined;
  #exited = false;
  #exitInfo = '';

  private constructor(child: ChildProcess, init: { sparkVersion: string; deltaVersion: string; warehouseDir: string; startMs: number; cores: number; logTail: string[] }) {
    this.#child = child;
    this.pid = child.pid;
    this.sparkVersion = init.sparkVersion;
    this.deltaVersion = init.deltaVersion;
    this.warehouseDir = init.warehouseDir;
    this.startMs = init.startMs;
    this.cores = init.cores;
    this.#logTail = init.logTail;
  }

  /**
   * Starts a session. Throws {@link LocalSparkNotInstalledError} when `scripts/setup-spark.sh`
   * has not been run, {@link LocalSparkError} when Spark does not come up in time.
   *
   * @example
   * ```ts
   * const spark = await LocalSpark.start({ warehouseDir: mkdtempSync(join(tmpdir(), 'wh-')), cores: 2 });
   * ```
   */
  static async start(opts: LocalSparkOptions): Promise<LocalSpark> {
    validateLocalSparkOptions(opts);
    if (opts.signal?.aborted) throw new CancelledError('Starting local Spark was cancelled.', opts.signal.reason);
    const sparkHome = resolve(opts.sparkHome ?? defaultSparkHome());
    const python = venvPython(sparkHome);
    if (!existsSync(python)) throw new LocalSparkNotInstalledError(sparkHome, `the Python venv (${python})`);
    const stamp = join(sparkHome, 'setup.stamp');
    if (!existsSync(stamp)) throw new LocalSparkNotInstalledError(sparkHome, `a completed setup (${stamp})`);
    const runner = opts.runnerPath ?? defaultRunnerPath();
    if (!existsSync(runner)) throw new LocalSparkError(`The Spark runner script is missing: ${runner} (set SYNTHGRAPH_SPARK_RUNNER or runnerPath).`);
    const warehouseDir = isAbsolute(opts.warehouseDir) ? opts.warehouseDir : resolve(opts.warehouseDir);

    const args = [
      runner,
      '--warehouse', warehouseDir,
      '--cores', String(opts.cores ?? DEFAULTS.cores),
      '--shuffle-partitions', String(opts.shufflePartitions ?? DEFAULTS.shufflePartitions),
      '--driver-memory', opts.driverMemory ?? DEFAULTS.driverMemory,
      '--catalog', opts.catalog ?? DEFAULTS.catalog,
      '--log-level', opts.logLevel ?? DEFAULTS.logLevel,
      '--ivy-dir', join(sparkHome, 'ivy'),
      '--jars-file', join(sparkHome, 'delta-jars.txt'),
      `--cds-archive=${join(sparkHome, 'spark-cds.jsa')}`,
      ...(opts.javaOptions !== undefined ? [`--java-opts=${opts.javaOptions}`] : []),
      ...Object.entries(opts.conf ?? {}).map(([k, v]) => `--conf=${k}=${v}`),
    ];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PYTHONUNBUFFERED: '1',
      PYTHONDONTWRITEBYTECODE: '1',
      SPARK_LOCAL_IP: '127.0.0.1',
      PYSPARK_PYTHON: python,
      PYSPARK_DRIVER_PYTHON: python,
      TZ: 'UTC',
    };
    // A Spark install of the user's must not replace the pinned one, nor inject its settings.
    for (const k of ['SPARK_HOME', 'SPARK_CONF_DIR', 'PYSPARK_SUBMIT_ARGS', 'SPARK_SUBMIT_OPTS', '_JAVA_OPTIONS', 'JAVA_TOOL_OPTIONS']) delete env[k];

    const started = performance.now();
    const child = spawnRunner(python, args, env);
    const logTail: string[] = [];
    let instance: LocalSpark | undefined;

    const onStderrLine = (line: string): void => {
      logTail.push(line);
      if (logTail.length > LOG_TAIL_LINES) logTail.shift();
      opts.onLog?.(line);
    };
    lineReader(child.stderr, onStderrLine);

    return await new Promise<LocalSpark>((resolvePromise, rejectPromise) => {
      let settled = false;
      const finish = (err: unknown, value?: LocalSpark): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        if (err !== undefined) {
          killTree(child, 'SIGKILL');
          forgetRunner(child);
          rejectPromise(err);
        } else resolvePromise(value as LocalSpark);
      };
      const timeoutMs = opts.startTimeoutMs ?? DEFAULTS.startTimeoutMs;
      const timer = setTimeout(
        () => finish(new LocalSparkError(`Local Spark did not become ready within ${timeoutMs} ms.`, [...logTail])),
        timeoutMs,
      );
      const onAbort = (): void => finish(new CancelledError('Starting local Spark was cancelled.', opts.signal?.reason));
      opts.signal?.addEventListener('abort', onAbort, { once: true });

      child.on('error', (e) => {
        if (!settled) finish(new LocalSparkError(`Could not run ${python}: ${e.message}`, [...logTail], e));
        else if (instance !== undefined) instance.#onExit(`spawn error: ${e.message}`);
      });
      child.on('exit', (code, signal) => {
        const why = signal !== null ? `signal ${signal}` : `exit code ${String(code)}`;
        if (!settled) finish(new LocalSparkError(`The local Spark runner exited before the session was ready (${why}).`, [...logTail]));
        else if (instance !== undefined) instance.#onExit(why);
      });
      child.stdin?.on('error', () => {
        /* EPIPE after the runner died: reported through 'exit' */
      });
      lineReader(child.stdout, (line) => {
        const msg = parseRunnerLine(line);
        switch (msg.kind) {
          case 'ready': {
            if (settled) return;
            instance = new LocalSpark(child, {
              sparkVersion: msg.ready.sparkVersion,
              deltaVersion: msg.ready.deltaVersion,
              warehouseDir,
              cores: opts.cores ?? DEFAULTS.cores,
              startMs: Math.round(performance.now() - started),
              logTail,
            });
            instance.#updateRef();
            finish(undefined, instance);
            return;
          }
          case 'failed':
            finish(new LocalSparkError(`Local Spark failed to start: [${msg.error.class}] ${msg.error.message}`, [...logTail]));
            return;
          case 'response':
            if (instance !== undefined) instance.#onResponse(msg.response);
            return;
          case 'bye':
            return;
          case 'invalid':
            onStderrLine(`[stdout] ${line}`);
            return;
        }
      });
    });
  }

  /**
   * Runs one Spark SQL statement. Rejects with {@link SparkSqlError} when Spark fails it; the
   * session stays usable.
   *
   * @example
   * ```ts
   * const { columns, rows } = await spark.sql('SELECT id, id * 2 AS x FROM range(3)');
   * // columns: [{ name: 'id', type: 'bigint' }, { name: 'x', type: 'bigint' }]; rows: [['0', '0'], ['1', '2'], ['2', '4']]
   * ```
   */
  async sql(statement: string, options: SqlOptions = {}): Promise<SqlResult> {
    const maxRows = options.maxRows ?? DEFAULTS.maxRows;
    if (!Number.isSafeInteger(maxRows) || maxRows < 0) {
      throw new ConfigError([{ path: 'maxRows', message: 'must be a non-negative integer', value: options.maxRows }], 'Invalid sql() options');
    }
    const r = await this.#request(statement, options.signal, (id) => ({ id, op: 'sql', sql: statement, collect: options.collect !== false, maxRows }));
    return { columns: r.columns ?? [], rows: r.rows ?? [], truncated: r.truncated ?? false, elapsedMs: r.elapsedMs ?? 0 };
  }

  /**
   * Returns Spark's `EXPLAIN` text (default `EXPLAIN FORMATTED`). For `CREATE/REPLACE TABLE … AS
   * SELECT` and `INSERT`, whose plan Spark prints as a single write node, the physical plan of the
   * written query follows under `== Written Query ==`. Use with {@link findSinglePartitionExchanges}.
   *
   * @example
   * ```ts
   * const plan = await spark.explain('SELECT k, count(*) FROM t GROUP BY k');
   * ```
   */
  async explain(statement: string, options: ExplainOptions = {}): Promise<string> {
    const mode = options.mode ?? 'formatted';
    const r = await this.#request(statement, options.signal, (id) => ({ id, op: 'explain', sql: statement, mode }));
    return r.plan ?? '';
  }

  /**
   * Round-trips a no-op through the runner (answered even while a statement runs).
   *
   * @example
   * ```ts
   * await spark.ping();
   * ```
   */
  async ping(): Promise<void> {
    await this.#request('(ping)', undefined, (id) => ({ id, op: 'ping' }));
  }

  /** Whether the session can still take statements. */
  get isOpen(): boolean {
    return !this.#exited && this.#closing === undefined;
  }

  /**
   * Stops the session and waits until the runner and its JVM have exited (killing them if they
   * do not within a minute). Statements still pending reject with `CancelledError`. Idempotent.
   *
   * @example
   * ```ts
   * await spark.close();
   * ```
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    const child = this.#child;
    this.#setRef(true);
    const hadPending = this.#pending.size > 0;
    this.#rejectAll(() => new CancelledError('The statement was cancelled: local Spark was closed.'));
    if (!this.#exited) {
      const exited = new Promise<void>((r) => {
        if (this.#exited) r();
        else child.once('exit', () => r());
      });
      if (hadPending) this.#send({ id: this.#nextId++, op: 'cancel' });
      this.#send({ id: this.#nextId++, op: 'shutdown' });
      child.stdin?.end();
      // Every timer here is cleared once the runner exits: none may hold the process open after a run.
      if (!(await settlesWithin(exited, CLOSE_TIMEOUT_MS))) {
        killTree(child, 'SIGTERM');
        if (!(await settlesWithin(exited, 5_000))) killTree(child, 'SIGKILL');
        await settlesWithin(exited, 5_000);
      }
    }
    // The runner waits for its JVM; make sure nothing of the group is left behind anyway.
    for (let i = 0; i < 50 && groupAlive(child); i++) await pause(100);
    if (groupAlive(child)) killTree(child, 'SIGKILL');
    forgetRunner(child);
    this.#setRef(false);
  }

  #request(statement: string, signal: AbortSignal | undefined, make: (id: number) => RunnerRequest): Promise<RunnerResponse & { ok: true }> {
    if (this.#closing !== undefined) return Promise.reject(new LocalSparkError('Local Spark was closed.'));
    if (this.#exited) return Promise.reject(new LocalSparkError(`Local Spark is not running (${this.#exitInfo}).`, [...this.#logTail]));
    if (signal?.aborted) return Promise.reject(new CancelledError('The statement was cancelled.', signal.reason));
    const id = this.#nextId++;
    return new Promise((resolvePromise, rejectPromise) => {
      const onAbort = (): void => {
        if (!this.#pending.delete(id)) return;
        this.#send({ id: this.#nextId++, op: 'cancel', target: id });
        this.#updateRef();
        rejectPromise(new CancelledError('The statement was cancelled.', signal?.reason));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, {
        statement,
        resolve: resolvePromise,
        reject: rejectPromise,
        detach: () => signal?.removeEventListener('abort', onAbort),
      });
      this.#updateRef();
      this.#send(make(id));
    });
  }

  #send(request: RunnerRequest): void {
    const stdin = this.#child.stdin;
    if (stdin === null || stdin.destroyed || stdin.writableEnded) return;
    stdin.write(`${JSON.stringify(request)}\n`);
  }

  /** Called for every response line. */
  #onResponse(response: RunnerResponse): void {
    if (response.id === null) {
      this.#logTail.push(`[protocol] ${JSON.stringify(response)}`);
      return;
    }
    const pending = this.#pending.get(response.id);
    if (pending === undefined) return; // cancelled by the caller, or a reply to cancel/shutdown
    this.#pending.delete(response.id);
    pending.detach();
    this.#updateRef();
    if (response.ok) pending.resolve(response);
    else pending.reject(toError(pending.statement, response.error));
  }

  /** Called when the runner process exits. */
  #onExit(why: string): void {
    this.#exited = true;
    this.#exitInfo = why;
    forgetRunner(this.#child);
    if (this.#closing === undefined) {
      this.#rejectAll(() => new LocalSparkError(`The local Spark runner exited unexpectedly (${why}).`, [...this.#logTail]));
    }
  }

  /** Keeps the Node event loop alive only while statements are in flight. */
  #updateRef(): void {
    this.#setRef(this.#pending.size > 0);
  }

  #rejectAll(make: () => unknown): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) {
      p.detach();
      p.reject(make());
    }
  }

  #setRef(active: boolean): void {
    const handles: unknown[] = [this.#child, this.#child.stdin, this.#child.stdout, this.#child.stderr];
    for (const h of handles) {
      const handle = h as { ref?: () => void; unref?: () => void } | null;
      if (active) handle?.ref?.();
      else handle?.unref?.();
    }
  }
}

function toError(statement: string, error: RunnerErrorBody): Error {
  if (error.class === 'CANCELLED') return new CancelledError('The statement was cancelled.');
  return new SparkSqlError(statement, {
    errorClass: error.class,
    sparkMessage: error.message,
    sqlState: error.sqlState,
    exception: error.exception ?? null,
    rootCause: error.rootCause ?? null,
  });
}
