/** The machine and load a benchmark ran on, recorded next to its figures. */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import type { RunContext } from './results.js';

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) return m[1].trim();
  } catch {
    /* not Linux */
  }
  return cpus()[0]?.model ?? 'unknown CPU';
}

/** CPU, cores, memory, Node and platform of this machine. */
export function machine(): string {
  return `${cpuModel()}, ${cpus().length} cores (${availableParallelism()} available), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}`;
}

/** The context of a run starting now. */
export function runContext(): RunContext {
  const [a = 0, b = 0, c = 0] = loadavg();
  const r = (n: number): number => Math.round(n * 100) / 100;
  return { date: new Date().toISOString(), machine: machine(), load: [r(a), r(b), r(c)] };
}
