/**
 * The REST side of the grant check: SDK error shapes, path segments, and the effective
 * permissions of a securable asked per identity (`principal=`), so that a caller who may read
 * only its own permissions is not mistaken for one who holds none.
 */
import { ApiError, HttpError, type WorkspaceClient } from '@databricks/sdk-experimental';
import { DatabricksAuthError, UntrustedCertificateError, certificateProblem } from '../auth/auth-error.js';
import { redactText } from '../auth/redact.js';
import { GrantCheckError } from './grants-error.js';

/** The SDK services the check uses (a `WorkspaceClient` has them all). */
export type GrantsClient = Pick<WorkspaceClient, 'currentUser' | 'servicePrincipalsV2' | 'usersV2' | 'catalogs' | 'schemas' | 'tables' | 'grants'>;

const MAX_PAGES = 1000;

/** What the effective permissions of one securable say about a principal and its groups. */
export interface EffectivePrivileges {
  /** Privileges held by any of the identities (own, group or inherited from a parent). */
  readonly held: ReadonlySet<string>;
  /** Identities whose permissions could not be read (403): a privilege not in `held` may still be theirs. */
  readonly unreadable: readonly string[];
  /** The securable does not exist (404). */
  readonly notFound?: boolean;
}

/**
 * The effective privileges of `identities` on a securable: one query per identity
 * (`principal=`), all pages each. A refused query (403) leaves that identity unreadable
 * rather than failing the check; a missing securable (404) answers `notFound`.
 *
 * @example
 * ```ts
 * const { held, unreadable } = await effectivePrivileges(client, 'SCHEMA', 'main.synth', ['alice@example.com', 'account users'], 'main.synth');
 * ```
 */
export async function effectivePrivileges(client: GrantsClient, securableType: 'CATALOG' | 'SCHEMA' | 'TABLE', fullName: string, identities: readonly string[], shownName: string): Promise<EffectivePrivileges> {
  const held = new Set<string>();
  const unreadable: string[] = [];
  for (const identity of identities) {
    let pageToken: string | undefined;
    let page = 0;
    for (; page < MAX_PAGES; page++) {
      let res;
      try {
        res = await client.grants.getEffective({ securable_type: securableType, full_name: fullName, principal: identity, max_results: 0, ...(pageToken ? { page_token: pageToken } : {}) });
      } catch (e) {
        if (statusOf(e) === 404) return { held, unreadable, notFound: true };
        if (statusOf(e) !== 403) throw callFailed(`read the effective permissions of ${identity} on ${securableType.toLowerCase()} ${shownName}`, e, client);
        unreadable.push(identity);
        break;
      }
      for (const a of res.privilege_assignments ?? []) {
        if (a.principal !== undefined && a.principal.toLowerCase() !== identity.toLowerCase()) continue;
        for (const p of a.privileges ?? []) if (p.privilege) held.add(p.privilege);
      }
      pageToken = res.next_page_token || undefined;
      if (pageToken === undefined) break;
    }
    if (page === MAX_PAGES) throw new GrantCheckError(`read the effective permissions of ${securableType.toLowerCase()} ${shownName}: more than ${MAX_PAGES} pages`, new Error('too many pages'));
  }
  return { held, unreadable };
}

/** A name as one segment of a REST path: the SDK inserts it unencoded. */
export function pathPart(name: string): string {
  return encodeURIComponent(name);
}

export function statusOf(e: unknown): number | undefined {
  if (e instanceof ApiError) return e.statusCode;
  if (e instanceof HttpError) return e.code;
  return undefined;
}

export function callFailed(what: string, e: unknown, client: GrantsClient): Error {
  const certificate = certificateProblem(e);
  if (certificate !== undefined) return new UntrustedCertificateError(hostOf(client), certificate, e);
  if (statusOf(e) === 401) {
    return new DatabricksAuthError(`Databricks rejected the credentials while trying to ${redactText(what)}.`, [
      { path: 'credentials', message: 'rejected (HTTP 401)', fix: 'check the token or OAuth client credentials and the host' },
    ], e);
  }
  return new GrantCheckError(what, e);
}

/** The workspace URL of an SDK client, when it is a `WorkspaceClient`. */
function hostOf(client: GrantsClient): string | undefined {
  const config = (client as { config?: { host?: unknown } }).config;
  return typeof config?.host === 'string' ? config.host : undefined;
}
