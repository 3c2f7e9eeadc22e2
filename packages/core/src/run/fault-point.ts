/**
 * Named points of a run's commit protocol where the fault-injection tests kill the process.
 * Tests set `SYNTHGRAPH_TEST_KILL_AT=<point>` in a child process; nothing else reads it, and no
 * code that shapes data has a fault point.
 */

/**
 * The environment variable the fault-injection tests set.
 *
 * @example
 * ```ts
 * spawn('tsx', [script], { env: { ...process.env, [FAULT_ENV]: 'commit:old-aside' } });
 * ```
 */
export const FAULT_ENV = 'SYNTHGRAPH_TEST_KILL_AT';

/**
 * Kills this process with SIGKILL when the fault-injection test asked for `point`.
 *
 * @example
 * ```ts
 * faultPoint('commit:manifest-staged');
 * ```
 */
export function faultPoint(point: string): void {
  if (process.env[FAULT_ENV] === point) process.kill(process.pid, 'SIGKILL');
}
