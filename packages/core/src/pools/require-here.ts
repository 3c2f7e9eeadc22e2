/**
 * A CommonJS `require` rooted at this file, in both builds: the ESM build (and vitest/tsx) has
 * `import.meta.url`; the CJS build has `__filename` (and an empty `import.meta`). Used to read
 * dependency versions and to locate the package's own data files (the residential ZIP table,
 * read lazily, only when a places pool is built, instead of at import time).
 */
import { createRequire } from 'node:module';

let cached: NodeJS.Require | undefined;

/**
 * `require` resolved from this module's location.
 *
 * @example
 * ```ts
 * const version = (requireHere()('@faker-js/faker/package.json') as { version: string }).version;
 * ```
 */
export function requireHere(): NodeJS.Require {
  cached ??= createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
  return cached;
}

/**
 * The `version` field of an installed package's `package.json`, or `'unknown'` when it cannot
 * be read.
 *
 * @example
 * ```ts
 * packageVersion('@faker-js/faker'); // e.g. '10.6.0'
 * ```
 */
export function packageVersion(name: string): string {
  try {
    const pkg: unknown = requireHere()(`${name}/package.json`);
    if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') return pkg.version;
  } catch {
    // fall through
  }
  return 'unknown';
}
