/**
 * The processes of local Spark sessions, seen from outside: a Node child that runs a session
 * (`local-spark-child.ts`), the processes of a runner's group read from /proc, and clean-up.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** Live (not zombie) processes, from /proc. */
export function processes(): { pid: number; ppid: number; pgrp: number; comm: string }[] {
  const found: { pid: number; ppid: number; pgrp: number; comm: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z') found.push({ pid: Number(entry), ppid: Number(ppid), pgrp: Number(pgrp), comm: readFileSync(`/proc/${entry}/comm`, 'utf8').trim() });
    } catch {
      /* the process ended while being read */
    }
  }
  return found;
}

/** Live processes of a process group (the runner leads its own, which holds its JVM). */
export const groupMembers = (pgid: number): { pid: number; comm: string }[] => processes().filter((p) => p.pgrp === pgid);

/** Polls `probe` every 100 ms, at most `tries` times, until it returns something other than undefined. */
export async function poll<T>(probe: () => T | undefined, tries: number): Promise<T | undefined> {
  for (let i = 0; i < tries; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  return probe();
}

/** SIGKILLs the Node child, then gives its runner group a few seconds to be gone; returns what is left. */
export async function killParentAndWait(child: ReturnType<typeof spawn>, exited: Promise<unknown>, runnerPid: number): Promise<{ pid: number; comm: string }[]> {
  child.kill('SIGKILL');
  await exited;
  await poll(() => (groupMembers(runnerPid).length === 0 ? true : undefined), 100);
  return groupMembers(runnerPid);
}

/** Whatever a test left: the child, the runner's group, the warehouse. */
export function cleanUp(child: ReturnType<typeof spawn>, runnerPid: number | undefined, wh: string): void {
  child.kill('SIGKILL');
  if (runnerPid !== undefined) for (const m of groupMembers(runnerPid)) process.kill(m.pid, 'SIGKILL');
  rmSync(wh, { recursive: true, force: true });
}

const CHILD = resolve(import.meta.dirname, 'local-spark-child.ts');

/** Runs test/support/local-spark-child.ts in its own Node process; yields its JSON lines. */
export function startChild(mode: 'busy' | 'close', wh: string): { child: ReturnType<typeof spawn>; lines: AsyncIterator<string>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', CHILD, mode, wh], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, lines: createInterface({ input: child.stdout })[Symbol.asyncIterator](), exited };
}

export async function nextJson(lines: AsyncIterator<string>): Promise<Record<string, unknown>> {
  const next = await lines.next();
  if (next.done === true) throw new Error('the child process ended early');
  return JSON.parse(next.value) as Record<string, unknown>;
}
