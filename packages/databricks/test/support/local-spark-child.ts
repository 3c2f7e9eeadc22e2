/**
 * A Node process that runs a local Spark session, for tests of how the session ends with its
 * process. Run with `node --conditions=source --import tsx local-spark-child.ts MODE WAREHOUSE`;
 * it prints one JSON line per step on stdout.
 *
 * - `busy`: starts a session, prints `{"runnerPid"}`, starts a long statement and waits (to be killed).
 * - `close`: starts a session, runs a statement, closes it, prints `{"closed", "activeResources"}`
 *   and then ends by itself — unless something left behind keeps it alive.
 */
import { LocalSpark } from '../../src/local-spark/index.js';

const [mode, warehouseDir] = process.argv.slice(2);
if ((mode !== 'busy' && mode !== 'close') || warehouseDir === undefined) {
  process.stderr.write('usage: local-spark-child.ts busy|close WAREHOUSE\n');
  process.exit(2);
}
const say = (message: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify(message)}\n`);
};

const spark = await LocalSpark.start({ warehouseDir, catalog: 'in-memory', cores: 1, shufflePartitions: 1, driverMemory: '512m' });
if (mode === 'busy') {
  say({ runnerPid: spark.pid });
  // Keeps Spark's JVM busy (and this process alive) until the test kills this process.
  void spark.sql('SELECT count(*) FROM range(0, 100000000000, 1, 1) WHERE (id * 7) % 1000003 = 5').catch(() => undefined);
  say({ running: true });
} else {
  await spark.sql('SELECT 1');
  await spark.close();
  say({ closed: true, activeResources: process.getActiveResourcesInfo() });
}
