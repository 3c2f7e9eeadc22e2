/**
 * Unity Catalog object names: validation (the platform's own rules) and backtick quoting.
 */
import { SynthgraphError, type Issue } from '@synthgraph/core';
import { redactText } from '../auth/redact.js';

/** Which name was invalid. */
export type UnityCatalogNameField = 'catalog' | 'schema' | 'table';

/**
 * A catalog, schema or table name that Unity Catalog would reject. Code `INPUT_INVALID`; the
 * `field` (and the issue's `path`) names which one.
 *
 * @example
 * ```ts
 * try { validateUnityCatalogName('schema', 'my schema'); }
 * catch (e) { if (e instanceof UnityCatalogNameError) console.error(e.field, e.message); }
 * ```
 */
export class UnityCatalogNameError extends SynthgraphError {
  /** The option that holds the bad name. */
  readonly field: UnityCatalogNameField;

  constructor(field: UnityCatalogNameField, value: unknown, reason: string) {
    const shown = typeof value === 'string' ? redactText(value.length > 80 ? `${value.slice(0, 77)}...` : value) : String(value);
    const fix = 'use at most 255 characters, none of them a period, a space, a forward slash or a control character';
    super('INPUT_INVALID', `Invalid ${field} name ${JSON.stringify(shown)}: ${reason}. Unity Catalog names ${fix.replace('use', 'have')}.`, {
      issues: [{ path: field, message: reason, value: shown, fix }],
    });
    this.field = field;
  }
}

/**
 * Validates a catalog, schema or table name against Unity Catalog's rules: 1–255 characters,
 * no period, space, forward slash, ASCII control character or DEL. Returns the name.
 *
 * @example
 * ```ts
 * validateUnityCatalogName('catalog', 'main'); // 'main'
 * validateUnityCatalogName('schema', 'a.b');   // throws UnityCatalogNameError (field 'schema')
 * ```
 */
export function validateUnityCatalogName(field: UnityCatalogNameField, name: unknown): string {
  if (typeof name !== 'string') throw new UnityCatalogNameError(field, name, 'is not a string');
  if (name.length === 0) throw new UnityCatalogNameError(field, name, 'is empty');
  if (name.length > 255) throw new UnityCatalogNameError(field, name, `is ${name.length} characters long (at most 255)`);
  // eslint-disable-next-line no-control-regex
  const bad = /[.\s/\x00-\x1f\x7f]/.exec(name);
  if (bad) {
    const c = bad[0];
    const what = c === '.' ? 'a period' : c === ' ' ? 'a space' : c === '/' ? 'a forward slash' : `the character U+${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
    throw new UnityCatalogNameError(field, name, `contains ${what}`);
  }
  return name;
}

/**
 * The problem with a name as an option issue (`path`: where the user gave it), or none: for
 * collecting every invalid option before failing, where {@link validateUnityCatalogName} throws.
 *
 * @example
 * ```ts
 * unityCatalogNameIssues('schema', 'a.b', '--schema'); // [{ path: '--schema', message: 'contains a period', … }]
 * ```
 */
export function unityCatalogNameIssues(field: UnityCatalogNameField, name: unknown, path: string): Issue[] {
  try {
    validateUnityCatalogName(field, name);
    return [];
  } catch (e) {
    if (!(e instanceof UnityCatalogNameError)) throw e;
    return [{ path, message: e.issues[0]?.message ?? 'is not a valid name', value: name, fix: 'use a Unity Catalog name: no period, space, slash or control character' }];
  }
}

/**
 * Quotes one name part with backticks, doubling any backtick inside (Databricks SQL rules).
 *
 * @example
 * ```ts
 * quoteIdentifier('main');        // '`main`'
 * quoteIdentifier('we`ird');      // '`we``ird`'
 * quoteIdentifier('a@example.com'); // '`a@example.com`'
 * ```
 */
export function quoteIdentifier(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/**
 * Quotes a dotted name, part by part.
 *
 * @example
 * ```ts
 * qualifiedName('main', 'synth', 'households'); // '`main`.`synth`.`households`'
 * ```
 */
export function qualifiedName(...parts: readonly string[]): string {
  return parts.map(quoteIdentifier).join('.');
}
