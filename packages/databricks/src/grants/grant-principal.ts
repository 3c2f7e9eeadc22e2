/**
 * Who a grant check is for: the caller (SCIM `Me`), or a service principal or user found by
 * SCIM filter, with the groups whose grants count for it (always including `account users`).
 */
import type { GrantPrincipal, GrantReport } from './grant-report.js';
import { GrantCheckError, PrincipalNotFoundError } from './grants-error.js';
import { callFailed, statusOf, type GrantsClient } from './grant-rest.js';

/**
 * The group every user and service principal of the account belongs to: its grants count for everyone.
 *
 * @example
 * ```ts
 * report.groups.includes(ACCOUNT_USERS_GROUP); // always true
 * ```
 */
export const ACCOUNT_USERS_GROUP = 'account users';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ResolvedPrincipal {
  readonly name: string;
  readonly type: GrantReport['principalType'];
  readonly groups: readonly string[];
}

export async function resolvePrincipal(spec: GrantPrincipal | undefined, client: GrantsClient, notes: string[]): Promise<ResolvedPrincipal> {
  const withAccountUsers = (groups: ReadonlyArray<{ display?: string } | undefined> | undefined): string[] => {
    const names = (groups ?? []).map((g) => g?.display).filter((d): d is string => typeof d === 'string' && d.length > 0);
    return [...new Set([...names, ACCOUNT_USERS_GROUP])];
  };
  if (spec === undefined) {
    let me;
    try {
      me = await client.currentUser.me();
    } catch (e) {
      throw callFailed('identify the caller (SCIM Me)', e, client);
    }
    const name = me.userName;
    if (!name) throw new GrantCheckError('identify the caller: SCIM Me returned no userName', new Error('no userName'));
    // Service principals have their application id (a UUID) as user name.
    return { name, type: UUID.test(name) ? 'service-principal' : 'user', groups: withAccountUsers(me.groups) };
  }
  if ('servicePrincipal' in spec) {
    const id = spec.servicePrincipal;
    if (typeof id !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(id)) throw new PrincipalNotFoundError(`Service principal application id ${JSON.stringify(String(id))} (expected a UUID)`);
    try {
      const sp = await first(client.servicePrincipalsV2.list({ filter: `applicationId eq "${id}"`, count: 1 }));
      if (sp?.applicationId !== undefined && sp.applicationId.toLowerCase() === id.toLowerCase()) {
        return { name: sp.applicationId, type: 'service-principal', groups: withAccountUsers(sp.groups) };
      }
    } catch (e) {
      if (statusOf(e) !== 403) throw callFailed(`look up service principal ${id}`, e, client);
      notes.push(`not allowed to list service principals: only grants to ${id} itself and to account users were counted`);
      return { name: id, type: 'service-principal', groups: [ACCOUNT_USERS_GROUP] };
    }
    throw new PrincipalNotFoundError(`Service principal ${id}`);
  }
  const userName = spec.user;
  if (typeof userName !== 'string' || userName.length === 0 || /["\\]/.test(userName)) throw new PrincipalNotFoundError(`User ${JSON.stringify(String(userName))}`);
  try {
    const u = await first(client.usersV2.list({ filter: `userName eq "${userName}"`, count: 1 }));
    if (u?.userName !== undefined && u.userName.toLowerCase() === userName.toLowerCase()) {
      return { name: u.userName, type: 'user', groups: withAccountUsers(u.groups) };
    }
  } catch (e) {
    if (statusOf(e) !== 403) throw callFailed(`look up user ${userName}`, e, client);
    notes.push(`not allowed to list users: only grants to ${userName} itself and to account users were counted`);
    return { name: userName, type: 'user', groups: [ACCOUNT_USERS_GROUP] };
  }
  throw new PrincipalNotFoundError(`User ${userName}`);
}

/**
 * The first item of an SDK listing. The SDK 0.17 SCIM `list()` generators re-request the same
 * page for as long as it is non-empty (they never advance `startIndex`), so never iterate one
 * to the end: with an `eq` filter the first item is the only match.
 */
async function first<T>(items: AsyncIterable<T>): Promise<T | undefined> {
  for await (const item of items) return item;
  return undefined;
}

