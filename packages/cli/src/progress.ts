import type { ProgressEvent } from '@synthgraph/core';

const fmt = (n: number): string => n.toLocaleString('en-US');
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

/**
 * Renders progress: a live line on a TTY, plain lines otherwise.
 */
export class ProgressRenderer {
  private last = '';
  constructor(
    private readonly stream: NodeJS.WriteStream | { isTTY?: boolean; write(s: string): boolean },
    private readonly quiet = false,
  ) {}

  /** Handles one event. */
  on = (e: ProgressEvent): void => {
    if (this.quiet) return;
    const overall = `[${e.step}/${e.steps}]`;
    let line: string;
    if (e.state === 'running') {
      // Heartbeats of long statements: shown on a live line, not logged line by line.
      if (!this.stream.isTTY) return;
      line = `${overall} ${e.table ?? e.phase} … ${e.detail ?? ''}`.trimEnd();
    } else if (e.phase === 'table') line = e.state === 'started' ? `${overall} generating ${e.table} …` : `${overall} ${e.table}: ${fmt(e.rows ?? 0)} rows`;
    else if (e.phase === 'check') line = e.state === 'started' ? `${overall} checking ${e.detail}` : `${overall} ${e.detail}: ${e.rows === 0 ? 'ok' : `${fmt(e.rows ?? 0)} violations`}`;
    else if (e.phase === 'write') line = `${overall} ${e.detail ?? 'writing output'}`;
    else if (e.phase === 'done') line = `done: ${fmt(e.rows ?? 0)} rows`;
    else if (e.phase === 'plan') line = `${overall} ${e.detail ?? 'planning'}`;
    else line = `${overall} ${e.phase} ${e.table ?? ''} ${e.state}`;
    line = `${line} · ${secs(e.elapsedMs)}`;
    if (this.stream.isTTY) {
      const pad = Math.max(0, this.last.length - line.length);
      this.stream.write(`\r${line}${' '.repeat(pad)}`);
      if (e.phase === 'done') this.stream.write('\n');
      this.last = line;
    } else if (e.state !== 'started' || e.phase === 'table') {
      this.stream.write(`${line}\n`);
    }
  };

  /** Ends a live line (before printing other output). */
  end(): void {
    if (this.stream.isTTY && this.last) this.stream.write('\n');
    this.last = '';
  }
}
