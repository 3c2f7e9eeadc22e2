/**
 * The engine packages, loaded only when a command needs one. `@synthgraph/duckdb` and
 * `@synthgraph/databricks` are optional peer dependencies of the CLI, so a DuckDB-only user never
 * installs the Databricks stack (and the reverse). This is the one place that imports them at run
 * time; everything else imports their types only. Importing a package also registers its SQL
 * dialects (`duckdb`, `spark`) with core.
 *
 * The public typings name only {@link EngineImporter}, {@link EnginePackage} and
 * {@link EngineMissingError}: they must type-check in a project that has neither engine package.
 */
import { SynthgraphError } from '@synthgraph/core';
import type * as DuckdbPackage from '@synthgraph/duckdb';
import type * as DatabricksPackage from '@synthgraph/databricks';

/** The module of `@synthgraph/duckdb`. */
type DuckdbModule = typeof DuckdbPackage;
/** The module of `@synthgraph/databricks`. */
type DatabricksModule = typeof DatabricksPackage;

/** The engine packages and their modules. */
interface EngineModules {
  readonly '@synthgraph/duckdb': DuckdbModule;
  readonly '@synthgraph/databricks': DatabricksModule;
}

/**
 * The name of an engine package: an optional peer dependency of the CLI.
 *
 * @example
 * ```ts
 * const needed: EnginePackage = '@synthgraph/duckdb';
 * ```
 */
export type EnginePackage = '@synthgraph/duckdb' | '@synthgraph/databricks';

/**
 * Imports an engine package by name. Injectable (`CliIO.importEngine`, `buildReport`'s
 * `importEngine`), so a test can simulate a package that is not installed.
 *
 * @example
 * ```ts
 * const notInstalled: EngineImporter = async (name) => {
 *   throw Object.assign(new Error(`Cannot find package '${name}'`), { code: 'ERR_MODULE_NOT_FOUND' });
 * };
 * await main(['plan', '--dialect', 'spark'], { ...processIO(), importEngine: notInstalled }); // 2
 * ```
 */
export type EngineImporter = (name: EnginePackage) => Promise<unknown>;

/** What each engine package is needed for, for the error message. */
const PURPOSE: Readonly<Record<EnginePackage, string>> = {
  '@synthgraph/duckdb': 'local runs (generate --target duckdb, plan --dialect duckdb) and reading outputs (report, score-resolution)',
  '@synthgraph/databricks': 'Spark and Databricks (generate --target spark|databricks|databricks-local, plan --dialect spark|databricks, check-grants)',
};

/** The package whose import registers each SQL dialect the CLI knows (`plan --dialect`). */
export const DIALECT_PACKAGES: Readonly<Record<string, EnginePackage>> = {
  duckdb: '@synthgraph/duckdb',
  spark: '@synthgraph/databricks',
  databricks: '@synthgraph/databricks',
};

/**
 * An engine package the command needs is not installed (exit 2). `packageName` and
 * `installCommand` name it and the fix.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof EngineMissingError) console.error(e.installCommand); } // npm install @synthgraph/databricks
 * ```
 */
export class EngineMissingError extends SynthgraphError {
  readonly packageName: EnginePackage;
  readonly installCommand: string;

  constructor(packageName: EnginePackage, what: string, cause?: unknown) {
    const installCommand = `npm install ${packageName}`;
    super(
      'ENGINE_MISSING',
      `${what} needs ${packageName}, which is not installed (it is an optional peer dependency of @synthgraph/cli, used for ${PURPOSE[packageName]}). Install it with: ${installCommand}`,
      { issues: [{ path: packageName, message: 'is not installed', fix: installCommand }], cause },
    );
    this.packageName = packageName;
    this.installCommand = installCommand;
  }
}

/**
 * The real imports: literal specifiers, so bundlers and type checkers see them.
 *
 * @example
 * ```ts
 * const { duckdb } = (await importEngine('@synthgraph/duckdb')) as typeof import('@synthgraph/duckdb');
 * ```
 */
export const importEngine: EngineImporter = (name) => (name === '@synthgraph/duckdb' ? import('@synthgraph/duckdb') : import('@synthgraph/databricks'));

/** Whether `e` says that `name` itself (not one of its own dependencies) cannot be found. */
function isNotFound(e: unknown, name: EnginePackage): boolean {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const message = String((e as Error | null)?.message ?? '');
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && (message.includes(`'${name}'`) || message.includes(`"${name}"`));
}

/**
 * Loads the engine packages on first use and keeps them. A package that is not installed
 * gives an {@link EngineMissingError} naming it and its install command. Internal (not part of
 * the public typings, which would otherwise name the engine packages): see {@link enginesOf}.
 */
export class EngineLoader {
  readonly #importer: EngineImporter;
  readonly #loaded = new Map<EnginePackage, Promise<unknown>>();

  constructor(importer: EngineImporter) {
    this.#importer = importer;
  }

  /** `@synthgraph/duckdb`, for `what` (the command or option that needs it, for the error). */
  duckdb(what: string): Promise<DuckdbModule> {
    return this.load('@synthgraph/duckdb', what);
  }

  /** `@synthgraph/databricks`, for `what`. */
  databricks(what: string): Promise<DatabricksModule> {
    return this.load('@synthgraph/databricks', what);
  }

  /** Loads the package of a dialect the CLI knows, which registers it; other dialects are left alone. */
  async dialect(name: string, what: string): Promise<void> {
    const pkg = Object.hasOwn(DIALECT_PACKAGES, name) ? DIALECT_PACKAGES[name] : undefined;
    if (pkg) await this.load(pkg, what);
  }

  /** Loads a package by name. */
  load<P extends EnginePackage>(name: P, what: string): Promise<EngineModules[P]> {
    let p = this.#loaded.get(name);
    if (!p) {
      p = this.#importer(name).catch((e: unknown) => {
        this.#loaded.delete(name);
        throw isNotFound(e, name) ? new EngineMissingError(name, what, e) : e;
      });
      this.#loaded.set(name, p);
    }
    return p as Promise<EngineModules[P]>;
  }
}

/** One loader (one cache) per importer. */
const loaders = new WeakMap<EngineImporter, EngineLoader>();

/** The loader of an importer (default: the real imports), made once and kept with it. */
export function enginesOf(importer: EngineImporter = importEngine): EngineLoader {
  let l = loaders.get(importer);
  if (!l) loaders.set(importer, (l = new EngineLoader(importer)));
  return l;
}
