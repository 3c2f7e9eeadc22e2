/**
 * Starts {@link commitRun} in a child process (optionally killed at a fault point) and waits.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAULT_ENV } from '@synthgraph/core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../..');

/** How a child run ended. */
export interface ChildResult {
  readonly pid: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Runs `commitRun(out, households, batch, mode)` in a child; `killAt` names a fault point; `extraEnv` adds to its environment (e.g. `TZ`). */
export function runChild(out: string, households: number, batch: number, mode: 'replace' | 'append', killAt?: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<ChildResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  if (killAt === undefined) delete env[FAULT_ENV];
  else env[FAULT_ENV] = killAt;
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', path.join(here, 'commit-child.ts'), out, String(households), String(batch), mode], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ pid: child.pid ?? 0, code, signal, stderr }));
  });
}
