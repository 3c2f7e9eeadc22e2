import type { ProgressEvent } from '@synthgraph/core';

const fmt = (n: number): string => n.toLocaleString('en-US');
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

/** Erases the cursor's line and returns to its start. */
const CLEAR_LINE = '\r\x1b[2K';

/** Where progress goes: a terminal reports its width in `columns`. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(s: string): boolean;
}

/**
 * Cuts `line` to fit `columns` cells so a terminal never wraps it (a wrapped live line leaves
 * its first rows behind on every redraw). Progress text is single-width characters.
 *
 * @example
 * ```ts
 * fitToWidth('[3/12] generating content_engagements …', 21); // '[3/12] generating c…'
 * ```
 */
export function fitToWidth(line: string, columns: number): string {
  const chars = [...line];
  const room = Math.max(1, columns - 1); // the last column would move the cursor on some terminals
  return chars.length <= room ? line : `${chars.slice(0, room - 1).join('')}…`;
}

/** The text of one event, or undefined when it is not shown. */
function describe(e: ProgressEvent, live: boolean): string | undefined {
  const overall = `[${e.step}/${e.steps}]`;
  let line: string;
  if (e.state === 'running') {
    // Heartbeats of long statements: shown on the live line, not logged line by line.
    if (!live) return undefined;
    line = `${overall} ${e.table ?? e.phase} … ${e.detail ?? ''}`.trimEnd();
  } else if (e.phase === 'table') line = e.state === 'started' ? `${overall} generating ${e.table} …` : `${overall} ${e.table}: ${fmt(e.rows ?? 0)} rows`;
  else if (e.phase === 'check') line = e.state === 'started' ? `${overall} checking ${e.detail}` : `${overall} ${e.detail}: ${e.rows === 0 ? 'ok' : `${fmt(e.rows ?? 0)} violations`}`;
  else if (e.phase === 'write') line = `${overall} ${e.detail ?? 'writing output'}`;
  else if (e.phase === 'done') line = `done: ${fmt(e.rows ?? 0)} rows`;
  else if (e.phase === 'plan') line = `${overall} ${e.detail ?? 'planning'}`;
  else line = `${overall} ${e.phase} ${e.table ?? ''} ${e.state}`;
  if (!live && e.state === 'started' && e.phase !== 'table') return undefined;
  return `${line} · ${secs(e.elapsedMs)}`;
}

/**
 * Renders progress. On a terminal: one live line, redrawn in place and cut to the terminal's
 * current width, so nothing is left behind whatever the width or a resize. Otherwise (a pipe,
 * a file, CI logs): one plain line per finished step.
 *
 * @example
 * ```ts
 * const progress = new ProgressRenderer(process.stderr);
 * await generate(ir, engine, { onProgress: progress.on });
 * progress.end();
 * ```
 */
export class ProgressRenderer {
  private shown = false;
  constructor(
    private readonly stream: ProgressStream,
    private readonly quiet = false,
  ) {}

  /** Handles one event. */
  on = (e: ProgressEvent): void => {
    if (this.quiet) return;
    const live = this.stream.isTTY === true;
    const line = describe(e, live);
    if (line === undefined) return;
    if (!live) {
      this.stream.write(`${line}\n`);
      return;
    }
    this.stream.write(`${CLEAR_LINE}${fitToWidth(line, this.stream.columns ?? 80)}`);
    this.shown = true;
    if (e.phase === 'done') this.end();
  };

  /** Ends the live line (before printing other output). */
  end(): void {
    if (this.shown) this.stream.write('\n');
    this.shown = false;
  }
}
