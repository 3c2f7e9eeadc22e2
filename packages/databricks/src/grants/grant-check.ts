/**
 * The Unity Catalog grant check, run before the first statement of a Databricks run. Uses the
 * SDK's REST clients only (SCIM, catalogs, schemas, effective permissions): it never starts a
 * warehouse and sends no SQL.
 *
 * How privileges are found:
 * - the principal and its groups: SCIM `Me` for the caller, or the SCIM service principal /
 *   user found by filter; every principal also belongs to `account users`;
 * - privileges: the effective permissions of the catalog and of the schema
 *   (`/api/2.1/unity-catalog/effective-permissions/{type}/{name}`, all pages). They include
 *   privileges inherited from parent securables (a schema lists what was granted on its
 *   catalog) but are listed per grantee, so the assignments of every group the principal
 *   belongs to are added up with its own;
 * - ownership: an owner has every privilege on the object it owns (not on its children);
 * - `ALL_PRIVILEGES` satisfies every privilege on its securable;
 * - a missing schema (404) means the run creates it and, as its creator, owns it: only USE
 *   CATALOG and CREATE SCHEMA on the catalog are then needed.
 */
import { ApiError, HttpError, type WorkspaceClient } from '@databricks/sdk-experimental';
import { ConfigError } from '@synthgraph/core';
import { DatabricksAuthError, UntrustedCertificateError, certificateProblem } from '../auth/auth-error.js';
import { redactText } from '../auth/redact.js';
import type { GrantCheckRequest, GrantPrincipal, GrantReport, MissingPrivilege, RequiredPrivilege } from './grant-report.js';
import { CatalogNotFoundError, GrantCheckError, MissingPrivilegesError, PrincipalNotFoundError } from './grants-error.js';
import { qualifiedName, quoteIdentifier, validateUnityCatalogName } from './unity-catalog-names.js';

/** The SDK services the check uses (a `WorkspaceClient` has them all). */
export type GrantsClient = Pick<WorkspaceClient, 'currentUser' | 'servicePrincipalsV2' | 'usersV2' | 'catalogs' | 'schemas' | 'grants'>;

/**
 * The group every user and service principal of the account belongs to: its grants count for everyone.
 *
 * @example
 * ```ts
 * report.groups.includes(ACCOUNT_USERS_GROUP); // always true
 * ```
 */
export const ACCOUNT_USERS_GROUP = 'account users';

/** Unity Catalog's SQL spelling of each privilege. */
const SQL_PRIVILEGE: Readonly<Record<RequiredPrivilege, string>> = {
  USE_CATALOG: 'USE CATALOG',
  CREATE_SCHEMA: 'CREATE SCHEMA',
  USE_SCHEMA: 'USE SCHEMA',
  CREATE_TABLE: 'CREATE TABLE',
  MODIFY: 'MODIFY',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGES = 1000;

/**
 * The `GRANT` statement for one privilege, with every name backtick-quoted.
 *
 * @example
 * ```ts
 * grantStatement('USE_CATALOG', ['main'], 'alice@example.com');
 * // 'GRANT USE CATALOG ON CATALOG `main` TO `alice@example.com`'
 * grantStatement('CREATE_TABLE', ['main', 'synth'], 'alice@example.com');
 * // 'GRANT CREATE TABLE ON SCHEMA `main`.`synth` TO `alice@example.com`'
 * ```
 */
export function grantStatement(privilege: RequiredPrivilege, securable: readonly [string] | readonly [string, string], principal: string): string {
  const kind = securable.length === 1 ? 'CATALOG' : 'SCHEMA';
  return `GRANT ${SQL_PRIVILEGE[privilege]} ON ${kind} ${qualifiedName(...securable)} TO ${quoteIdentifier(principal)}`;
}

/**
 * The privileges a run needs: USE CATALOG on the catalog; USE SCHEMA and CREATE TABLE on the
 * schema, plus MODIFY to append; or, when the schema does not exist, CREATE SCHEMA on the
 * catalog instead of the schema privileges (the creator owns the new schema).
 *
 * @example
 * ```ts
 * requiredPrivileges('append', true); // ['USE_CATALOG', 'USE_SCHEMA', 'CREATE_TABLE', 'MODIFY']
 * requiredPrivileges('replace', false); // ['USE_CATALOG', 'CREATE_SCHEMA']
 * ```
 */
export function requiredPrivileges(mode: GrantCheckRequest['mode'], schemaExists: boolean): RequiredPrivilege[] {
  if (!schemaExists) return ['USE_CATALOG', 'CREATE_SCHEMA'];
  return mode === 'append' ? ['USE_CATALOG', 'USE_SCHEMA', 'CREATE_TABLE', 'MODIFY'] : ['USE_CATALOG', 'USE_SCHEMA', 'CREATE_TABLE'];
}

/**
 * Checks that a principal may run into `catalog.schema`, with REST calls only (no SQL, no
 * warehouse). Returns a report listing each missing privilege with its `GRANT` statement.
 * Throws {@link UnityCatalogNameError} for an invalid name, a `ConfigError` for a mode other than
 * `replace` or `append`, {@link CatalogNotFoundError},
 * {@link PrincipalNotFoundError}, {@link DatabricksAuthError} when the token is rejected and
 * {@link GrantCheckError} when a call fails otherwise.
 *
 * @example
 * ```ts
 * const conn = await resolveDatabricksConfig();
 * const report = await checkGrants({ catalog: 'main', schema: 'synth', mode: 'replace' }, conn.workspaceClient());
 * if (!report.satisfied) for (const m of report.missing) console.log(m.grantStatement + ';');
 * ```
 */
export async function checkGrants(request: GrantCheckRequest, client: GrantsClient): Promise<GrantReport> {
  const catalog = validateUnityCatalogName('catalog', request.catalog);
  const schema = validateUnityCatalogName('schema', request.schema);
  const mode = request.mode;
  if (mode !== 'replace' && mode !== 'append')
    throw new ConfigError([{ path: 'mode', message: "must be 'replace' or 'append'", value: mode, fix: "pass mode: 'replace' to overwrite the tables or 'append' to add a batch" }]);
  const notes: string[] = [];

  const who = await resolvePrincipal(request.principal, client, notes);
  const identities = new Set([who.name, ...who.groups].map((n) => n.toLowerCase()));
  const isMe = (owner: string | undefined): boolean => owner !== undefined && identities.has(owner.toLowerCase());

  // The catalog must exist; its owner has every privilege on it.
  let catalogOwner: string | undefined;
  try {
    catalogOwner = (await client.catalogs.get({ name: pathPart(catalog) })).owner;
  } catch (e) {
    const status = statusOf(e);
    if (status === 404) throw new CatalogNotFoundError(catalog, e);
    if (status !== 403) throw callFailed(`read catalog ${catalog}`, e, client);
    notes.push(`not allowed to read catalog ${catalog}: its owner is unknown`);
  }

  // Does the schema exist? 404 ⇒ the run creates it.
  const fullSchema = `${catalog}.${schema}`;
  let schemaExists = true;
  let schemaOwner: string | undefined;
  try {
    schemaOwner = (await client.schemas.get({ full_name: `${pathPart(catalog)}.${pathPart(schema)}` })).owner;
  } catch (e) {
    const status = statusOf(e);
    if (status === 404) schemaExists = false;
    else if (status === 403) notes.push(`not allowed to read schema ${fullSchema}: assuming it exists`);
    else throw callFailed(`read schema ${fullSchema}`, e, client);
  }

  const onCatalog = await effectivePrivileges(client, 'CATALOG', pathPart(catalog), identities, notes, catalog);
  const onSchema = schemaExists ? await effectivePrivileges(client, 'SCHEMA', `${pathPart(catalog)}.${pathPart(schema)}`, identities, notes, fullSchema) : new Set<string>();

  const required = requiredPrivileges(mode, schemaExists);
  const missing: MissingPrivilege[] = [];
  for (const privilege of required) {
    const onCatalogLevel = privilege === 'USE_CATALOG' || privilege === 'CREATE_SCHEMA';
    const held = onCatalogLevel ? onCatalog : onSchema;
    const owned = onCatalogLevel ? isMe(catalogOwner) : isMe(schemaOwner);
    if (owned || held.has(privilege) || held.has('ALL_PRIVILEGES')) continue;
    missing.push({
      privilege,
      securableType: onCatalogLevel ? 'CATALOG' : 'SCHEMA',
      securable: onCatalogLevel ? catalog : fullSchema,
      grantStatement: grantStatement(privilege, onCatalogLevel ? [catalog] : [catalog, schema], who.name),
    });
  }
  return {
    principal: who.name,
    principalType: who.type,
    groups: who.groups,
    catalog,
    schema,
    mode,
    schemaExists,
    required,
    satisfied: missing.length === 0,
    missing,
    notes,
  };
}

/**
 * {@link checkGrants}, throwing {@link MissingPrivilegesError} (code `MISSING_PRIVILEGES`, the
 * exact `GRANT` statements in its message) unless every privilege is held.
 *
 * @example
 * ```ts
 * const report = await assertGrants({ catalog: 'main', schema: 'synth', mode: 'append' }, conn.workspaceClient());
 * await runOnWarehouse(statements, { connection: conn.sqlConnectOptions(), catalog: 'main', schema: 'synth', grantsChecked: report });
 * ```
 */
export async function assertGrants(request: GrantCheckRequest, client: GrantsClient): Promise<GrantReport> {
  const report = await checkGrants(request, client);
  if (!report.satisfied) throw new MissingPrivilegesError(report);
  return report;
}

interface ResolvedPrincipal {
  readonly name: string;
  readonly type: GrantReport['principalType'];
  readonly groups: readonly string[];
}

async function resolvePrincipal(spec: GrantPrincipal | undefined, client: GrantsClient, notes: string[]): Promise<ResolvedPrincipal> {
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

/** Every privilege held on a securable by any of the identities (own or inherited, all pages). */
async function effectivePrivileges(
  client: GrantsClient,
  securableType: 'CATALOG' | 'SCHEMA',
  fullName: string,
  identities: ReadonlySet<string>,
  notes: string[],
  shownName: string,
): Promise<Set<string>> {
  const held = new Set<string>();
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let res;
    try {
      res = await client.grants.getEffective({ securable_type: securableType, full_name: fullName, max_results: 0, ...(pageToken ? { page_token: pageToken } : {}) });
    } catch (e) {
      if (statusOf(e) === 403) {
        notes.push(`not allowed to read the permissions of ${securableType.toLowerCase()} ${shownName}: its privileges are reported missing`);
        return held;
      }
      throw callFailed(`read the effective permissions of ${securableType.toLowerCase()} ${shownName}`, e, client);
    }
    for (const a of res.privilege_assignments ?? []) {
      if (a.principal === undefined || !identities.has(a.principal.toLowerCase())) continue;
      for (const p of a.privileges ?? []) if (p.privilege) held.add(p.privilege);
    }
    pageToken = res.next_page_token || undefined;
    if (pageToken === undefined) return held;
  }
  throw new GrantCheckError(`read the effective permissions of ${securableType.toLowerCase()} ${shownName}: more than ${MAX_PAGES} pages`, new Error('too many pages'));
}

/** A name as one segment of a REST path: the SDK inserts it unencoded. */
function pathPart(name: string): string {
  return encodeURIComponent(name);
}

function statusOf(e: unknown): number | undefined {
  if (e instanceof ApiError) return e.statusCode;
  if (e instanceof HttpError) return e.code;
  return undefined;
}

function callFailed(what: string, e: unknown, client: GrantsClient): Error {
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
