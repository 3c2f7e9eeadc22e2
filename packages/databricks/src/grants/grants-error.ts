/**
 * Errors of the grant check. Messages and causes are redacted.
 */
import { SynthgraphError } from '@synthgraph/core';
import { redactError, redactText } from '../auth/redact.js';
import type { GrantReport, MissingPrivilege } from './grant-report.js';

/**
 * The principal lacks Unity Catalog privileges the run needs; nothing was executed. Code
 * `MISSING_PRIVILEGES`. The message lists each missing privilege with the exact `GRANT`
 * statement to ask for; {@link MissingPrivilegesError.grantStatements} has them alone.
 *
 * @example
 * ```ts
 * try { await assertGrants({ catalog: 'main', schema: 'synth', mode: 'replace' }, client); }
 * catch (e) {
 *   if (e instanceof MissingPrivilegesError) console.error(e.grantStatements.join(';\n') + ';');
 * }
 * ```
 */
export class MissingPrivilegesError extends SynthgraphError {
  /** The failing report. */
  readonly report: GrantReport;
  /** What is missing, in a stable order (catalog first). */
  readonly missing: readonly MissingPrivilege[];
  /** One `GRANT … TO \`principal\`` per missing privilege (no trailing semicolon). */
  readonly grantStatements: readonly string[];

  constructor(report: GrantReport) {
    const lines = report.missing.map((m) => `  - ${m.privilege.replace(/_/g, ' ')} on ${m.securableType.toLowerCase()} ${m.securable}: ${m.grantStatement};${m.alternative ? ` (or ${m.alternative};)` : ''}`);
    const target = `${report.catalog}.${report.schema}`;
    super(
      'MISSING_PRIVILEGES',
      redactText(
        `${report.principalType === 'service-principal' ? 'Service principal' : 'User'} \`${report.principal}\` is missing ${report.missing.length} Unity Catalog privilege${report.missing.length === 1 ? '' : 's'} ` +
          `needed to ${report.mode === 'append' ? 'append to' : 'write'} ${target}${report.schemaExists ? '' : ' (the schema does not exist yet and will be created)'}. Nothing was executed.\n` +
          `Ask an owner of the catalog or schema, or a metastore admin, to run:\n${lines.join('\n')}`,
      ),
      {
        issues: report.missing.map((m) => ({
          path: m.securableType === 'CATALOG' ? 'catalog' : m.securableType === 'SCHEMA' ? 'schema' : 'tables',
          message: `missing ${m.privilege.replace(/_/g, ' ')} on ${m.securableType.toLowerCase()} ${m.securable}`,
          value: m.securable,
          fix: m.grantStatement,
        })),
      },
    );
    this.report = report;
    this.missing = report.missing;
    this.grantStatements = report.missing.map((m) => m.grantStatement);
  }
}

/**
 * The catalog does not exist (or the workspace is not attached to a metastore that has it).
 * Code `CONFIG_INVALID`, issue path `catalog`.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof CatalogNotFoundError) console.error(`no catalog ${e.catalog}`); }
 * ```
 */
export class CatalogNotFoundError extends SynthgraphError {
  readonly catalog: string;

  constructor(catalog: string, cause?: unknown) {
    super('CONFIG_INVALID', `Catalog \`${redactText(catalog)}\` does not exist in this workspace's Unity Catalog metastore.`, {
      issues: [{ path: 'catalog', message: 'does not exist', value: redactText(catalog), fix: 'check the catalog name (SHOW CATALOGS) or ask a metastore admin to create it' }],
      cause: cause === undefined ? undefined : redactError(cause),
    });
    this.catalog = catalog;
  }
}

/**
 * The principal to check could not be found (an unknown service principal application id or
 * user name). Code `CONFIG_INVALID`, issue path `principal`.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof PrincipalNotFoundError) console.error(e.message); }
 * ```
 */
export class PrincipalNotFoundError extends SynthgraphError {
  constructor(what: string) {
    super('CONFIG_INVALID', `${redactText(what)} was not found in this workspace.`, {
      issues: [{ path: 'principal', message: 'not found', value: redactText(what), fix: 'check the application id / user name, and that it is assigned to this workspace' }],
    });
  }
}

/**
 * A Unity Catalog or SCIM call failed for another reason than a missing privilege (network,
 * server error, throttling beyond the SDK's retry budget). Code `ENGINE_FAILED`; the cause is
 * redacted.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof GrantCheckError) console.error(e.message, e.cause); }
 * ```
 */
export class GrantCheckError extends SynthgraphError {
  constructor(what: string, cause: unknown) {
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    super('ENGINE_FAILED', redactText(`The grant check could not ${what}${detail}`), { cause: redactError(cause) });
  }
}
