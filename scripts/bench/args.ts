/**
 * The command line of `pnpm bench` (scripts/bench/main.ts): which sections run at which sizes.
 *
 *   pnpm bench                                    # the default sections (see DEFAULT_SECTIONS)
 *   pnpm bench -- --only duckdb --households 100000,1000000
 *   pnpm bench -- --only spark,baseline --spark-households 20000 --spark-driver-memory 4g
 *   pnpm bench -- --with duckdb-10m               # the defaults plus DuckDB at 10M households
 *   pnpm bench -- --only duckdb-10m --large-households 10000000 --memory-limit 4GB
 *   pnpm bench -- --no-write                      # print the results, leave docs/benchmarks.md alone
 */

/** The sections of the benchmark, in the order they run. */
export const SECTIONS = ['evaluator', 'duckdb', 'duckdb-10m', 'spark', 'baseline'] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * What `pnpm bench` runs without `--only`: everything the issue lists except DuckDB at 10M
 * households, which takes over an hour on a 2-core machine (`--with duckdb-10m` adds it).
 */
export const DEFAULT_SECTIONS: readonly Section[] = ['evaluator', 'duckdb', 'spark', 'baseline'];

export interface BenchArgs {
  /** Sections to run, in {@link SECTIONS} order. */
  readonly sections: readonly Section[];
  /** Household counts of the DuckDB section. */
  readonly households: readonly number[];
  /** Household count of the DuckDB large run (the `duckdb-10m` section). */
  readonly largeHouseholds: number;
  /** DuckDB memory limit of the large run, e.g. `4GB`. */
  readonly memoryLimit: string;
  /** Household count of the local Spark run and the dbldatagen baseline. */
  readonly sparkHouseholds: number;
  /** Spark driver memory of both (`--target spark`'s default 2g). */
  readonly sparkDriverMemory: string;
  /** Minutes after which a Spark run or the baseline is stopped and reported as failed (a JVM thrashing in GC never ends). */
  readonly sparkTimeoutMinutes: number;
  /** Update docs/benchmarks.md (default) or only print. */
  readonly write: boolean;
  /** Arguments passed on to scripts/bench-evaluator.ts (`--rows`, `--runs`). */
  readonly evaluatorArgs: readonly string[];
}

/** A command-line mistake, with what to type instead. */
export class BenchUsageError extends Error {
  constructor(message: string) {
    super(`${message}\nusage: pnpm bench [-- --only ${SECTIONS.join(',')}] [--with duckdb-10m] [--households 100000,1000000] [--large-households 10000000] [--memory-limit 4GB] [--spark-households 100000] [--spark-driver-memory 2g] [--spark-timeout-minutes 180] [--rows N] [--runs N] [--no-write]`);
    this.name = 'BenchUsageError';
  }
}

function sections(flag: string, value: string): Section[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!names.length) throw new BenchUsageError(`${flag} needs a comma-separated list of sections`);
  for (const n of names) if (!(SECTIONS as readonly string[]).includes(n)) throw new BenchUsageError(`${flag}: unknown section '${n}' (sections: ${SECTIONS.join(', ')})`);
  return names as Section[];
}

function count(flag: string, value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new BenchUsageError(`${flag}: '${value}' is not a positive whole number of households`);
  return n;
}

/**
 * Parses the arguments after `pnpm bench --`.
 *
 * @example
 * ```ts
 * parseBenchArgs(['--only', 'duckdb', '--households', '100000']).households; // [100000]
 * ```
 */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let only: Section[] | undefined;
  const extra: Section[] = [];
  let households = [100_000, 1_000_000];
  let largeHouseholds = 10_000_000;
  let memoryLimit = '4GB';
  let sparkHouseholds = 100_000;
  let sparkDriverMemory = '2g';
  let sparkTimeoutMinutes = 180;
  let write = true;
  const evaluatorArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (flag === '--') continue;
    if (flag === '--no-write') {
      write = false;
      evaluatorArgs.push(flag);
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new BenchUsageError(`${flag} needs a value`);
    i++;
    switch (flag) {
      case '--only':
        only = sections(flag, value);
        break;
      case '--with':
        extra.push(...sections(flag, value));
        break;
      case '--households':
      case '--sizes':
        households = value.split(',').map((v) => count(flag, v.trim()));
        break;
      case '--large-households':
        largeHouseholds = count(flag, value);
        break;
      case '--spark-households':
        sparkHouseholds = count(flag, value);
        break;
      case '--spark-driver-memory':
        if (!/^\d+[mg]$/.test(value)) throw new BenchUsageError(`${flag}: '${value}' is not a JVM memory size (e.g. 2g, 4096m)`);
        sparkDriverMemory = value;
        break;
      case '--spark-timeout-minutes':
        sparkTimeoutMinutes = count(flag, value);
        break;
      case '--memory-limit':
        if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(value)) throw new BenchUsageError(`${flag}: '${value}' is not a memory size (e.g. 4GB)`);
        memoryLimit = value;
        break;
      case '--rows':
      case '--runs':
        count(flag, value);
        evaluatorArgs.push(flag, value);
        break;
      default:
        throw new BenchUsageError(`unknown option '${flag}'`);
    }
  }
  const chosen = new Set<Section>([...(only ?? DEFAULT_SECTIONS), ...extra]);
  return { sections: SECTIONS.filter((s) => chosen.has(s)), households, largeHouseholds, memoryLimit, sparkHouseholds, sparkDriverMemory, sparkTimeoutMinutes, write, evaluatorArgs };
}
