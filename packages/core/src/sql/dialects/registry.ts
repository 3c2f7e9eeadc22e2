/**
 * The dialect registry: each dialect package registers its dialect when it is imported, and the
 * CLI and engines look dialects up by name.
 */
import { ConfigError, InternalError } from '../../errors.js';
import type { Dialect } from '../dialect.js';

const registry = new Map<string, Dialect>();

/**
 * Registers a dialect under its name. Registering the same object again is a no-op; another
 * dialect under a taken name is an error.
 *
 * @example
 * ```ts
 * registerDialect(duckdbDialect);
 * ```
 */
export function registerDialect(dialect: Dialect): Dialect {
  const known = registry.get(dialect.name);
  if (known && known !== dialect) throw new InternalError(`a different dialect named '${dialect.name}' is already registered`);
  registry.set(dialect.name, dialect);
  return dialect;
}

/**
 * The registered dialect of a name; a {@link ConfigError} listing the known names when none is.
 *
 * @example
 * ```ts
 * const d = getDialect('duckdb');
 * ```
 */
export function getDialect(name: string): Dialect {
  const d = registry.get(name);
  if (!d) {
    const known = listDialects();
    throw new ConfigError([{ path: 'dialect', message: `unknown dialect '${name}'`, value: name, fix: known.length ? `use one of ${known.join(', ')}` : 'import a dialect package such as @synthgraph/duckdb first' }], 'Unknown dialect');
  }
  return d;
}

/**
 * The names of every registered dialect, sorted.
 *
 * @example
 * ```ts
 * listDialects(); // ['duckdb', 'spark']
 * ```
 */
export function listDialects(): string[] {
  return [...registry.keys()].sort();
}
