/**
 * Waiting for a cancelled operation to stop on the server. `cancel()` returns once the warehouse
 * accepted the request, not once the statement stopped: a CTAS can still commit afterwards, so a
 * rollback must wait for a terminal operation state first (with a bound).
 *
 * The `@databricks/sql` operation refuses `status()` once it was cancelled (a client-side flag);
 * its backend still asks the server (`getOperationStatus`), so the backend's status is read when
 * there is one, the operation's own `status()` otherwise.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { WarehouseOperation } from './planned-statement.js';

/** Thrift `TOperationState` values that end an operation: FINISHED, CANCELED, CLOSED, ERROR, TIMEDOUT. */
const TERMINAL_THRIFT_STATES = new Set([2, 3, 4, 5, 8]);
/** The driver's neutral `OperationState` values that end an operation. */
const TERMINAL_STATES = new Set(['Succeeded', 'Failed', 'Cancelled', 'Closed']);

/** How long to wait for a cancelled operation to stop. */
export interface StopWait {
  /** Most milliseconds to wait (default 120 000). */
  readonly boundMs?: number;
  /** Milliseconds between two status polls (default 1 000). */
  readonly pollMs?: number;
  /** Waits between polls (injectable for tests). */
  readonly sleep?: (ms: number) => Promise<void>;
}

type Backend = { status?: (progress: boolean) => Promise<{ state?: unknown }> };

async function stopped(op: WarehouseOperation): Promise<boolean> {
  const backend = (op as { backend?: Backend }).backend;
  if (typeof backend?.status === 'function') return TERMINAL_STATES.has(String((await backend.status(false)).state));
  return TERMINAL_THRIFT_STATES.has(Number((await op.status()).operationState));
}

/**
 * Polls the operation's server state until it is terminal. Resolves `true` once it is, `false`
 * when the bound passes first (or the state cannot be read): then nobody knows whether the
 * statement will still take effect. Counts its waits rather than reading a clock.
 *
 * @example
 * ```ts
 * await op.cancel();
 * if (!(await waitUntilStopped(op, { boundMs: 60_000 }))) console.warn('the statement may still commit');
 * ```
 */
export async function waitUntilStopped(op: WarehouseOperation, wait: StopWait = {}): Promise<boolean> {
  const bound = wait.boundMs ?? 120_000;
  const poll = Math.max(1, wait.pollMs ?? 1000);
  const sleep = wait.sleep ?? ((ms: number) => sleepFor(ms));
  for (let waited = 0; ; waited += poll) {
    try {
      if (await stopped(op)) return true;
    } catch {
      // Unreadable for now; polled again until the bound.
    }
    if (waited >= bound) return false;
    await sleep(poll);
  }
}
