/**
 * The progress events of a run, the same on every engine: one step per table, one per check and
 * one for the write; `step` is the number of steps begun. Phases: `plan` (opening the engine),
 * `table` (started, running, finished with its rows), `check` (started per statement, finished
 * per check with its violations), `write`, `done`.
 */
import type { ProgressEvent } from './engine.js';

type Event = Omit<ProgressEvent, 'elapsedMs' | 'step' | 'steps'>;

/**
 * Counts a run's steps and emits its progress events. Starting a table or a group of checks
 * twice (a retried statement) begins no new step.
 *
 * @example
 * ```ts
 * const progress = new RunProgress({ tables: plan.tables.length, checks: plan.checks.length }, console.log);
 * progress.tableStarted('households');
 * progress.tableFinished('households', 1000);
 * ```
 */
export class RunProgress {
  /** Steps of the run. */
  readonly steps: number;
  /** Steps begun. */
  step = 0;
  readonly #begun = new Set<string>();
  readonly #t0: number;

  constructor(
    counts: { readonly tables: number; readonly checks: number },
    private readonly onProgress?: (e: ProgressEvent) => void,
  ) {
    this.steps = counts.tables + counts.checks + 1;
    this.#t0 = performance.now();
  }

  /** Emits an event at the current step. */
  emit(e: Event): void {
    this.onProgress?.({ ...e, step: this.step, steps: this.steps, elapsedMs: Math.round(performance.now() - this.#t0) });
  }

  #begin(key: string): void {
    if (this.#begun.has(key)) return;
    this.#begun.add(key);
    this.step++;
  }

  /** Opening the engine (no step). */
  plan(detail: string): void {
    this.emit({ phase: 'plan', state: 'started', detail });
  }

  tableStarted(table: string): void {
    this.#begin(`table:${table}`);
    this.emit({ phase: 'table', table, state: 'started' });
  }

  tableRunning(table: string, detail: string): void {
    this.emit({ phase: 'table', table, state: 'running', detail });
  }

  tableFinished(table: string, rows: number): void {
    this.emit({ phase: 'table', table, state: 'finished', rows });
  }

  /** A statement running `checks` (names) of `table` started: begins the step of its first check. */
  checksStarted(table: string, checks: readonly string[]): void {
    this.#begin(`check:${checks[0] ?? table}`);
    this.emit({ phase: 'check', table, state: 'started', detail: checks.length === 1 ? checks[0] : `${checks.length} checks of ${table}` });
  }

  /** A check's result: begins its step unless it was the first of its statement. */
  checkFinished(table: string, check: string, violations: number): void {
    this.#begin(`check:${check}`);
    this.emit({ phase: 'check', table, state: 'finished', detail: check, rows: violations });
  }

  /** The write step (storing, converting, committing, rolling back). */
  write(state: ProgressEvent['state'], detail?: string, table?: string): void {
    this.#begin('write');
    this.emit({ phase: 'write', state, ...(table === undefined ? {} : { table }), ...(detail === undefined ? {} : { detail }) });
  }

  /** The run is complete. */
  done(rows: number): void {
    this.step = this.steps;
    this.emit({ phase: 'done', state: 'finished', rows });
  }
}
