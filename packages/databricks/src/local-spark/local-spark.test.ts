/**
 * Real tests against a real local Apache Spark 4 + Delta Lake session. They never skip: without
 * `bash scripts/setup-spark.sh` they fail with that instruction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancelledError, generate, lowbias32 as coreLowbias32 } from '@synthgraph/core';
import { duckdb, DuckdbReader } from '@synthgraph/duckdb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { conformanceScenario } from '../../../../test/conformance/scenario.js';
import { cleanUp, groupMembers, killParentAndWait, nextJson, poll, processes, startChild } from '../../test/support/local-spark-processes.js';
import { LocalSpark, LocalSparkNotInstalledError, SparkSqlError, findSinglePartitionExchanges, type SparkValue } from './index.js';

/** JS reference of the mixer (DESIGN.md "Determinism"): unsigned 32-bit in, unsigned 32-bit out. */
function lowbias32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * lowbias32 in Spark SQL, one CTE per step (each step reads its input twice). BIGINT throughout;
 * the second constant is the signed -2073254261 and each product is masked, so |x·C| < 2^63 and
 * ANSI mode never overflows.
 */
function lowbias32Ctes(prefix: string, from: string, carry: readonly string[]): { ctes: string[]; last: string } {
  const keep = carry.length > 0 ? `${carry.join(', ')}, ` : '';
  const steps = [
    'x ^ shiftright(x, 16)',
    '(x * 2146121005) & 4294967295',
    'x ^ shiftright(x, 15)',
    '(x * -2073254261) & 4294967295',
    'x ^ shiftright(x, 16)',
  ];
  const ctes: string[] = [];
  let input = from;
  steps.forEach((step, i) => {
    const name = `${prefix}${i + 1}`;
    ctes.push(`${name} AS (SELECT ${keep}${step} AS x FROM ${input})`);
    input = name;
  });
  return { ctes, last: input };
}

const num = (v: SparkValue | undefined): number => Number(v as string);

let spark: LocalSpark;
let warehouseDir: string;
let startError: unknown;

beforeAll(async () => {
  warehouseDir = mkdtempSync(join(tmpdir(), 'synthgraph-local-spark-'));
  try {
    spark = await LocalSpark.start({ warehouseDir, cores: 2, shufflePartitions: 4 });
  } catch (e) {
    startError = e; // every test fails with it (e.g. "run `bash scripts/setup-spark.sh`"), none is skipped
  }
}, 600_000);

beforeEach(() => {
  if (startError !== undefined) throw startError;
});

afterAll(async () => {
  await spark?.close();
  rmSync(warehouseDir, { recursive: true, force: true });
});

describe('LocalSpark (real Apache Spark 4 + Delta Lake)', () => {
  it('runs Spark 4.0 with Delta, ANSI mode on and a UTC session', async () => {
    expect(spark.sparkVersion).toMatch(/^4\.0\./);
    expect(spark.deltaVersion).toMatch(/^4\.0\./);
    const { rows } = await spark.sql('SELECT current_timezone() AS tz');
    expect(rows).toEqual([['UTC']]);
    const ansi = await spark.sql('SET spark.sql.ansi.enabled');
    expect(ansi.rows).toEqual([['spark.sql.ansi.enabled', 'true']]);
  });

  it('creates a Delta table with CTAS over a 4-partition range, then counts and sums it', async () => {
    await spark.sql('CREATE OR REPLACE TABLE t USING DELTA AS SELECT id, id*2 AS x FROM range(0, 100000, 1, 4)', { collect: false });
    const { columns, rows } = await spark.sql('SELECT count(*) AS n, sum(x) AS s, min(id) AS lo, max(id) AS hi FROM t');
    expect(columns).toEqual([
      { name: 'n', type: 'bigint' },
      { name: 's', type: 'bigint' },
      { name: 'lo', type: 'bigint' },
      { name: 'hi', type: 'bigint' },
    ]);
    expect(rows).toEqual([['100000', '9999900000', '0', '99999']]);
    const detail = await spark.sql('DESCRIBE DETAIL t');
    const format = detail.columns.findIndex((c) => c.name === 'format');
    expect(detail.rows[0]?.[format]).toBe('delta');
    // Replacing is idempotent and atomic.
    await spark.sql('CREATE OR REPLACE TABLE t USING DELTA AS SELECT id, id*3 AS x FROM range(0, 100000, 1, 4)', { collect: false });
    expect((await spark.sql('SELECT sum(x) FROM t')).rows).toEqual([['14999850000']]);
  });

  it('returns an ANSI overflow as SparkSqlError and keeps working afterwards', async () => {
    const statement = 'SELECT id * 9223372036854775807 AS boom FROM range(0, 10, 1, 2)';
    const err = await spark.sql(statement).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SparkSqlError);
    const e = err as SparkSqlError;
    expect(e.code).toBe('STATEMENT_FAILED');
    expect(e.errorClass).toBe('ARITHMETIC_OVERFLOW');
    expect(e.sqlState).toBe('22003');
    expect(e.statement).toBe(statement);
    expect(e.sparkMessage).toContain('long overflow');
    expect(e.message).toContain('ARITHMETIC_OVERFLOW');

    // Also when the rows are not collected, and for parse errors.
    await expect(spark.sql(statement, { collect: false })).rejects.toMatchObject({ errorClass: 'ARITHMETIC_OVERFLOW' });
    await expect(spark.sql('SELEC 1')).rejects.toMatchObject({ errorClass: 'PARSE_SYNTAX_ERROR', sqlState: '42601' });
    await expect(spark.sql("SELECT CAST('abc' AS INT)")).rejects.toMatchObject({ errorClass: 'CAST_INVALID_INPUT' });

    expect((await spark.sql('SELECT 1 AS one')).rows).toEqual([[1]]);
  });

  it('shows the root cause of a failed write task, not only the wrapper', async () => {
    // the cast fails inside the task writing the table: Spark reports TASK_WRITE_FAILED around it
    const statement = "CREATE OR REPLACE TABLE write_fails USING delta AS SELECT id, CAST(CASE WHEN id = 7 THEN 'x' ELSE '1' END AS INT) AS v FROM range(0, 10, 1, 2)";
    const e = (await spark.sql(statement).catch((x: unknown) => x)) as SparkSqlError;
    expect(e).toBeInstanceOf(SparkSqlError);
    expect(e.errorClass).toBe('TASK_WRITE_FAILED');
    expect(e.rootCause).toMatchObject({ exception: 'org.apache.spark.SparkNumberFormatException', errorClass: 'CAST_INVALID_INPUT' });
    expect(e.rootCause?.message).toContain("The value 'x'");
    expect(e.message).toMatch(/^Spark SQL failed \[TASK_WRITE_FAILED\]: .*\n {2}caused by org\.apache\.spark\.SparkNumberFormatException: \[CAST_INVALID_INPUT\] The value 'x' of the type "STRING" cannot be cast to "INT"/);
    // a failure without a nested cause adds no line
    const flat = (await spark.sql('SELEC 1').catch((x: unknown) => x)) as SparkSqlError;
    expect(flat.rootCause).toBeNull();
    expect(flat.message).not.toContain('caused by');
  });

  it('truncates long statements on errors', async () => {
    const statement = `SELECT ${'1 + '.repeat(2000)}x`;
    const e = (await spark.sql(statement).catch((x: unknown) => x)) as SparkSqlError;
    expect(e).toBeInstanceOf(SparkSqlError);
    expect(e.statement.length).toBeLessThan(2100);
    expect(e.statement).toContain('characters omitted');
  });

  it('explains a GROUP BY on a multi-partition range without a single-partition exchange', async () => {
    const groupBy = 'SELECT id % 7 AS k, count(*) AS n FROM range(0, 100000, 1, 4) GROUP BY id % 7';
    const formatted = await spark.explain(groupBy);
    expect(formatted).toContain('hashpartitioning');
    expect(findSinglePartitionExchanges(formatted)).toEqual([]);
    expect(findSinglePartitionExchanges(await spark.explain(groupBy, { mode: 'simple' }))).toEqual([]);
    expect(findSinglePartitionExchanges(await spark.explain(groupBy, { mode: 'extended' }))).toEqual([]);
  });

  it('detects the single-partition exchange of a global row_number()', async () => {
    const window = 'SELECT id, row_number() OVER (ORDER BY id) AS rn FROM range(0, 100000, 1, 4)';
    const formatted = findSinglePartitionExchanges(await spark.explain(window));
    expect(formatted).toHaveLength(1);
    expect(formatted[0]).toMatch(/^\(\d+\) Exchange SinglePartition, ENSURE_REQUIREMENTS/);
    const simple = findSinglePartitionExchanges(await spark.explain(window, { mode: 'simple' }));
    expect(simple).toHaveLength(1);
    expect(simple[0]).toMatch(/^Exchange SinglePartition, ENSURE_REQUIREMENTS/);

    // Spark rejects an unordered `row_number() OVER ()`: a global numbering always needs ORDER BY.
    await expect(spark.explain('SELECT id, row_number() OVER () AS rn FROM range(0, 10)')).rejects.toBeInstanceOf(SparkSqlError);

    // A partitioned window is fine.
    const partitioned = 'SELECT id, row_number() OVER (PARTITION BY id % 16 ORDER BY id) AS rn FROM range(0, 100000, 1, 4)';
    expect(findSinglePartitionExchanges(await spark.explain(partitioned))).toEqual([]);
  });

  it('explains the query written by a CTAS (Spark itself prints only the write node)', async () => {
    const ctas = 'CREATE OR REPLACE TABLE w USING DELTA AS SELECT id, row_number() OVER (ORDER BY id) AS rn FROM range(0, 1000, 1, 4)';
    const plan = await spark.explain(ctas, { mode: 'simple' });
    expect(plan).toContain('AtomicReplaceTableAsSelect');
    expect(plan).toContain('== Written Query ==');
    expect(findSinglePartitionExchanges(plan)).toHaveLength(1);
    const ok = 'CREATE OR REPLACE TABLE w USING DELTA AS SELECT id % 7 AS k, count(*) AS n FROM range(0, 1000, 1, 4) GROUP BY 1';
    expect(findSinglePartitionExchanges(await spark.explain(ok))).toEqual([]);
    // Explaining executes nothing.
    await expect(spark.sql('SELECT * FROM w')).rejects.toMatchObject({ errorClass: 'TABLE_OR_VIEW_NOT_FOUND' });
    // Analysis errors of the written query come back as SparkSqlError too.
    await expect(spark.explain('CREATE TABLE w2 USING DELTA AS SELECT * FROM missing_table')).rejects.toMatchObject({
      errorClass: 'TABLE_OR_VIEW_NOT_FOUND',
    });
  });

  it('evaluates the BIGINT bit operations of the RNG exactly (boundary values)', async () => {
    const xs = [0, 1, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffeffff, 0xffff0000, 0xffffffff];
    const { rows } = await spark.sql(
      `SELECT x,
              ((x ^ shiftright(x, 16)) * 2146121005) & 4294967295 AS a,
              ((x ^ shiftright(x, 15)) * -2073254261) & 4294967295 AS b,
              x ^ 2654435769 AS c,
              shiftright(x * 1048576 + 12345, 32) AS hi,
              (x * 1048576 + 12345) & 4294967295 AS lo
       FROM VALUES ${xs.map((x) => `(${x}L)`).join(', ')} AS v(x) ORDER BY x`,
    );
    for (const row of rows) {
      const x = num(row[0]);
      expect(num(row[1])).toBe(Math.imul((x ^ (x >>> 16)) >>> 0, 0x7feb352d) >>> 0);
      expect(num(row[2])).toBe(Math.imul((x ^ (x >>> 15)) >>> 0, 0x846ca68b) >>> 0);
      expect(num(row[3])).toBe((x ^ 0x9e3779b9) >>> 0);
      const key = x * 1048576 + 12345; // < 2^53: exact in JS too
      expect([num(row[4]), num(row[5])]).toEqual([Math.floor(key / 4294967296), key % 4294967296]);
    }
    expect(rows).toHaveLength(xs.length);
  });

  it('computes lowbias32 bit-exactly: recorded vectors and ids 0..100000 against the JS reference', async () => {
    // Recorded vectors (JS with Math.imul, confirmed by Spark below).
    const vectors: ReadonlyArray<readonly [number, number]> = [
      [0, 0],
      [1, 1753845952],
      [2, 3507691905],
      [3, 1408362973],
      [42, 388445122],
      [65535, 868931770],
      [65536, 3702500880],
      [100000, 727286121],
      [2147483647, 2368339896],
      [2147483648, 3427483940],
      [4294967295, 1734902346],
      [2654435769, 33350994],
    ];
    for (const [x, h] of vectors) {
      expect(lowbias32(x)).toBe(h);
      expect(coreLowbias32(x)).toBe(h);
    }
    const vec = lowbias32Ctes('s', 'v', ['id', 'expected']);
    const vecRows = await spark.sql(
      `WITH v AS (SELECT id, expected, id AS x FROM VALUES ${vectors.map(([x, h]) => `(${x}L, ${h}L)`).join(', ')} AS t(id, expected)),
       ${vec.ctes.join(',\n')}
       SELECT id, x, expected FROM ${vec.last} ORDER BY id`,
    );
    expect(vecRows.rows).toHaveLength(vectors.length);
    for (const [, x, expected] of vecRows.rows) expect(x).toBe(expected);

    const all = lowbias32Ctes('s', 's0', ['id']);
    const { rows, truncated } = await spark.sql(
      `WITH s0 AS (SELECT id, id AS x FROM range(0, 100001, 1, 4)),
       ${all.ctes.join(',\n')}
       SELECT id, x FROM ${all.last} ORDER BY id`,
      { maxRows: 200_000 },
    );
    expect(truncated).toBe(false);
    expect(rows).toHaveLength(100_001);
    let mismatches = 0;
    rows.forEach((row, i) => {
      if (num(row[0]) !== i || num(row[1]) !== lowbias32(i)) mismatches++;
    });
    expect(mismatches).toBe(0);
  });

  it('reproduces the DESIGN.md draw vectors: lowbias32(lowbias32(lo ^ k0) ^ hi ^ k1)', async () => {
    const vectors = [
      { k0: 141911470, k1: 2564780011, key: 0, draw: 1557352637 },
      { k0: 141911470, k1: 2564780011, key: 4294967303, draw: 1820882341 },
      { k0: 1413766669, k1: 2054621955, key: 1000003, draw: 2276757095 },
      { k0: 3026866442, k1: 1097935587, key: 1099511627787, draw: 2744063869 },
    ];
    for (const v of vectors) {
      const lo = v.key % 4294967296;
      const hi = Math.floor(v.key / 4294967296);
      expect(lowbias32((lowbias32((lo ^ v.k0) >>> 0) ^ hi ^ v.k1) >>> 0)).toBe(v.draw);
    }
    const inner = lowbias32Ctes('a', 'a0', ['key', 'k1', 'draw']);
    const outer = lowbias32Ctes('b', 'b0', ['key', 'draw']);
    const { rows } = await spark.sql(
      `WITH v AS (SELECT * FROM VALUES ${vectors.map((v) => `(${v.k0}L, ${v.k1}L, ${v.key}L, ${v.draw}L)`).join(', ')} AS t(k0, k1, key, draw)),
       a0 AS (SELECT key, k1, draw, (key & 4294967295) ^ k0 AS x FROM v),
       ${inner.ctes.join(',\n')},
       b0 AS (SELECT key, draw, x ^ shiftright(key, 32) ^ k1 AS x FROM ${inner.last}),
       ${outer.ctes.join(',\n')}
       SELECT key, x, draw FROM ${outer.last} ORDER BY key`,
    );
    expect(rows).toHaveLength(vectors.length);
    for (const [, x, draw] of rows) expect(x).toBe(draw);
  });

  it('encodes values losslessly', async () => {
    const { columns, rows } = await spark.sql(
      `SELECT CAST(9007199254740993 AS BIGINT) AS big, CAST(-1.10 AS DECIMAL(10,2)) AS dec, CAST(0 AS DECIMAL(20,10)) AS zero,
              TIMESTAMP'2024-01-02 03:04:05.123456' AS ts, TIMESTAMP_NTZ'1969-12-31 23:59:59.999999' AS ntz, DATE'2024-02-29' AS d,
              array(1, 2) AS arr, map('a', 1L) AS m, named_struct('p', 1L, 'q', array(TIMESTAMP'1970-01-01 00:00:01')) AS st,
              CAST('NaN' AS DOUBLE) AS nan, CAST('-Infinity' AS DOUBLE) AS ninf, 0.1D AS dbl, CAST(1.5 AS FLOAT) AS f,
              NULL AS nul, X'CAFE' AS bin, INTERVAL '1-2' YEAR TO MONTH AS ym, 'é\\u2028"' AS s, true AS b, CAST(7 AS TINYINT) AS i8`,
    );
    expect(columns.map((c) => c.type)).toEqual([
      'bigint', 'decimal(10,2)', 'decimal(20,10)', 'timestamp', 'timestamp_ntz', 'date', 'array<int>', 'map<string,bigint>',
      'struct<p:bigint,q:array<timestamp>>', 'double', 'double', 'double', 'float', 'void', 'binary', 'interval year to month',
      'string', 'boolean', 'tinyint',
    ]);
    expect(rows).toEqual([
      [
        '9007199254740993', '-1.10', '0.0000000000', '1704164645123456', '-1', '2024-02-29', [1, 2], { a: '1' },
        { p: '1', q: ['1000000'] }, 'NaN', '-Infinity', 0.1, 1.5, null, 'yv4=', "INTERVAL '1-2' YEAR TO MONTH",
        'é\u2028"', true, 7,
      ],
    ]);
  });

  it('reads the timestamps of a DuckDB Parquet output as TIMESTAMP (UTC instants, not TIMESTAMP_NTZ) with the same instants', async () => {
    const out = join(warehouseDir, 'duckdb-parquet');
    await generate(conformanceScenario(200).toIR({ seed: 3 }), duckdb({ out, threads: 1 }));
    const reader = await DuckdbReader.open(out);
    try {
      const tables = { households: ['household_id', 'created_at'], individuals: ['individual_id', 'first_seen', 'last_seen'] };
      for (const [table, [id, ...stamps]] of Object.entries(tables) as [string, string[]][]) {
        const all = await spark.sql(`SELECT * FROM parquet.\`${join(out, table)}\` LIMIT 1`);
        for (const c of stamps) expect(all.columns.find((x) => x.name === c)?.type, `${table}.${c}`).toBe('timestamp');
        const micros = stamps.map((c) => `unix_micros(${c})`).join(', ');
        const fromSpark = await spark.sql(`SELECT CAST(${id} AS STRING), ${micros} FROM parquet.\`${join(out, table)}\` ORDER BY ${id}`, { maxRows: 10_000 });
        const fromDuckdb = await reader.rows(`SELECT CAST(${id} AS VARCHAR), ${stamps.map((c) => `CAST(epoch_us(${c}) AS VARCHAR)`).join(', ')} FROM ${table} ORDER BY ${id}`);
        const byId = (rows: readonly (readonly unknown[])[]): Map<string, unknown[]> => new Map(rows.map((r) => [String(r[0]), r.slice(1).map(String)]));
        expect(fromSpark.rows.length, table).toBeGreaterThan(0);
        expect(fromSpark.rows.length, table).toBe(fromDuckdb.length);
        expect(byId(fromSpark.rows), table).toEqual(byId(fromDuckdb));
      }
    } finally {
      reader.close();
    }
  });

  it('limits collected rows and can run a query without collecting it', async () => {
    const limited = await spark.sql('SELECT id FROM range(0, 1000, 1, 2) ORDER BY id', { maxRows: 3 });
    expect(limited.rows).toEqual([['0'], ['1'], ['2']]);
    expect(limited.truncated).toBe(true);
    const none = await spark.sql('SELECT id FROM range(0, 1000, 1, 2)', { collect: false });
    expect(none.rows).toEqual([]);
    expect(none.columns).toEqual([{ name: 'id', type: 'bigint' }]);
  });

  it('matches pipelined responses to their requests', async () => {
    const n = 8;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => spark.sql(`SELECT ${i} AS i, sum(id) AS s FROM range(0, ${(i + 1) * 1000}, 1, 2)`)),
    );
    results.forEach((r, i) => {
      const m = (i + 1) * 1000;
      expect(r.rows).toEqual([[i, String((m * (m - 1)) / 2)]]);
    });
    const mixed = await Promise.allSettled([spark.sql('SELECT 1 / 0'), spark.ping(), spark.sql('SELECT 2 AS two')]);
    expect(mixed[0]).toMatchObject({ status: 'rejected', reason: { errorClass: 'DIVIDE_BY_ZERO' } });
    expect(mixed[1].status).toBe('fulfilled');
    expect(mixed[2]).toMatchObject({ status: 'fulfilled', value: { rows: [[2]] } });
  });

  it('cancels a running statement through an AbortSignal', async () => {
    const started = performance.now();
    const slow = spark.sql('SELECT count(*) FROM range(0, 100000000000, 1, 2) WHERE (id * 7) % 1000003 = 5', {
      signal: AbortSignal.timeout(1500),
    });
    await expect(slow).rejects.toBeInstanceOf(CancelledError);
    // The next statement runs once Spark has dropped the cancelled jobs.
    expect((await spark.sql('SELECT 3 AS three')).rows).toEqual([[3]]);
    expect(performance.now() - started).toBeLessThan(60_000);
  });

  it('fails with the setup instruction when Spark is not installed', async () => {
    const err = await LocalSpark.start({ warehouseDir, sparkHome: join(warehouseDir, 'no-such-spark') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LocalSparkNotInstalledError);
    expect((err as Error).message).toContain('bash scripts/setup-spark.sh');
  });

  it('aborting a start kills the runner', async () => {
    const wh = mkdtempSync(join(tmpdir(), 'synthgraph-local-spark-abort-'));
    try {
      const started = LocalSpark.start({ warehouseDir: wh, catalog: 'in-memory', signal: AbortSignal.timeout(300) });
      await expect(started).rejects.toBeInstanceOf(CancelledError);
    } finally {
      rmSync(wh, { recursive: true, force: true });
    }
  });

  it('a runner and its JVM do not outlive a Node process that is killed (SIGKILL) mid-statement', async () => {
    const wh = mkdtempSync(join(tmpdir(), 'synthgraph-local-spark-orphan-'));
    const { child, lines, exited } = startChild('busy', wh);
    let runnerPid: number | undefined;
    try {
      runnerPid = (await nextJson(lines))['runnerPid'] as number;
      expect(await nextJson(lines)).toEqual({ running: true });
      expect(groupMembers(runnerPid).map((m) => m.comm)).toContain('java');
      // The runner notices its parent is gone and ends its whole group, JVM included.
      expect(await killParentAndWait(child, exited, runnerPid)).toEqual([]);
    } finally {
      cleanUp(child, runnerPid, wh);
    }
  }, 300_000);

  it('nor one killed while the session is still starting (the runner is not reading stdin yet)', async () => {
    const wh = mkdtempSync(join(tmpdir(), 'synthgraph-local-spark-orphan-start-'));
    const { child, exited } = startChild('busy', wh);
    let runnerPid: number | undefined;
    try {
      runnerPid = await poll(() => processes().find((p) => p.ppid === child.pid && p.comm.startsWith('python'))?.pid, 600);
      expect(runnerPid).toBeGreaterThan(0);
      const pgid = runnerPid as number;
      // Kill as soon as Spark's JVM exists: the session is far from ready then.
      expect(await poll(() => (groupMembers(pgid).some((m) => m.comm === 'java') ? true : undefined), 600)).toBe(true);
      expect(await killParentAndWait(child, exited, pgid)).toEqual([]);
    } finally {
      cleanUp(child, runnerPid, wh);
    }
  }, 300_000);

  it('close() leaves nothing behind: a Node process ends by itself right after closing its session', async () => {
    const wh = mkdtempSync(join(tmpdir(), 'synthgraph-local-spark-exit-'));
    const { child, lines, exited } = startChild('close', wh);
    try {
      const closed = await nextJson(lines);
      expect(closed['closed']).toBe(true);
      // No timer (such as a close timeout) is left to hold the event loop open.
      expect(closed['activeResources']).not.toContain('Timeout');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(wh, { recursive: true, force: true });
    }
  }, 300_000);

  it('close() stops the runner and its JVM, and later statements fail cleanly', async () => {
    const pid = spark.pid;
    expect(pid).toBeGreaterThan(0);
    const pending = spark.sql('SELECT count(*) FROM range(0, 100000000000, 1, 2)').catch((e: unknown) => e);
    await spark.close();
    expect(await pending).toBeInstanceOf(CancelledError);
    expect(() => process.kill(-(pid as number), 0)).toThrow(); // no process of the group is left (java included)
    await expect(spark.sql('SELECT 1')).rejects.toThrow(/closed/);
    await spark.close(); // idempotent
  });
});
