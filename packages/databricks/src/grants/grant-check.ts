/**
 * The Unity Catalog grant check, run before the first statement of a Databricks run. Uses the
 * SDK's REST clients only (SCIM, catalogs, schemas, effective permissions): it never starts a
 * warehouse and sends no SQL.
 *
 * How privileges are found:
 * - the principal and its groups: SCIM `Me` for the caller, or the SCIM service principal /
 *   user found by filter; every principal also belongs to `account users`;
 * - privileges: the effective permissions of the catalog, the schema and every existing table
 *   the run replaces (`/api/2.1/unity-catalog/effective-permissions/{type}/{name}`, all pages),
 *   asked per identity (`principal=` the principal, then each of its groups) and added up.
 *   They include privileges inherited from parent securables. A query the workspace refuses
 *   (403) makes the privileges it would have shown *unknown*: a warning naming what could not
 *   be checked, not a missing privilege;
 * - ownership: an owner has every privilege on the object it owns (not on its children);
 * - `ALL_PRIVILEGES` satisfies every privilege on its securable;
 * - a missing schema (404) means the run creates it and, as its creator, owns it: only USE
 *   CATALOG and CREATE SCHEMA on the catalog are then needed;
 * - tables: `CREATE OR REPLACE` and `ADD CONSTRAINT` on an existing table need its ownership
 *   (or MANAGE); append needs MODIFY on the schema, or ownership of every existing table.
 */
import { ConfigError } from '@synthgraph/core';
import type { GrantCheckRequest, GrantReport, MissingPrivilege, RequiredPrivilege, UncheckedPrivilege } from './grant-report.js';
import { resolvePrincipal } from './grant-principal.js';
import { callFailed, effectivePrivileges, pathPart, statusOf, type EffectivePrivileges, type GrantsClient } from './grant-rest.js';
import { CatalogNotFoundError, MissingPrivilegesError } from './grants-error.js';
import { qualifiedName, quoteIdentifier, validateUnityCatalogName } from './unity-catalog-names.js';

export { ACCOUNT_USERS_GROUP } from './grant-principal.js';
export type { GrantsClient } from './grant-rest.js';

/** Unity Catalog's SQL spelling of each privilege. */
const SQL_PRIVILEGE: Readonly<Record<Exclude<RequiredPrivilege, 'OWNERSHIP'>, string>> = {
  USE_CATALOG: 'USE CATALOG',
  CREATE_SCHEMA: 'CREATE SCHEMA',
  USE_SCHEMA: 'USE SCHEMA',
  CREATE_TABLE: 'CREATE TABLE',
  MODIFY: 'MODIFY',
  MANAGE: 'MANAGE',
};

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
export function grantStatement(privilege: Exclude<RequiredPrivilege, 'OWNERSHIP'>, securable: readonly [string] | readonly [string, string] | readonly [string, string, string], principal: string): string {
  const kind = securable.length === 1 ? 'CATALOG' : securable.length === 2 ? 'SCHEMA' : 'TABLE';
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
  const tables = (request.tables ?? []).map((t) => validateUnityCatalogName('table', t));
  const mode = request.mode;
  if (mode !== 'replace' && mode !== 'append')
    throw new ConfigError([{ path: 'mode', message: "must be 'replace' or 'append'", value: mode, fix: "pass mode: 'replace' to overwrite the tables or 'append' to add a batch" }]);
  const notes: string[] = [];

  const who = await resolvePrincipal(request.principal, client, notes);
  const identityList = [...new Set([who.name, ...who.groups])];
  const identities = new Set(identityList.map((n) => n.toLowerCase()));
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
  const schemaPath = `${pathPart(catalog)}.${pathPart(schema)}`;
  let schemaExists = true;
  let schemaOwner: string | undefined;
  try {
    schemaOwner = (await client.schemas.get({ full_name: schemaPath })).owner;
  } catch (e) {
    const status = statusOf(e);
    if (status === 404) schemaExists = false;
    else if (status === 403) notes.push(`not allowed to read schema ${fullSchema}: assuming it exists`);
    else throw callFailed(`read schema ${fullSchema}`, e, client);
  }

  const onCatalog = await effectivePrivileges(client, 'CATALOG', pathPart(catalog), identityList, catalog);
  const onSchema: EffectivePrivileges = schemaExists ? await effectivePrivileges(client, 'SCHEMA', schemaPath, identityList, fullSchema) : { held: new Set(), unreadable: [] };
  const existing = schemaExists ? await existingTables(client, catalog, schema, tables, notes) : [];
  const ownsEveryTable = existing.length > 0 && existing.every((t) => isMe(t.owner));

  const required: RequiredPrivilege[] = requiredPrivileges(mode, schemaExists);
  const missing: MissingPrivilege[] = [];
  const unknown: UncheckedPrivilege[] = [];
  for (const privilege of required) {
    const onCatalogLevel = privilege === 'USE_CATALOG' || privilege === 'CREATE_SCHEMA';
    const found = onCatalogLevel ? onCatalog : onSchema;
    const owned = onCatalogLevel ? isMe(catalogOwner) : isMe(schemaOwner);
    // Appending inserts into existing tables: owning all of them serves instead of MODIFY on the schema.
    if (owned || found.held.has(privilege) || found.held.has('ALL_PRIVILEGES') || (privilege === 'MODIFY' && ownsEveryTable)) continue;
    const securable = onCatalogLevel ? catalog : fullSchema;
    const securableType = onCatalogLevel ? 'CATALOG' : 'SCHEMA';
    const statement = grantStatement(privilege as Exclude<RequiredPrivilege, 'OWNERSHIP'>, onCatalogLevel ? [catalog] : [catalog, schema], who.name);
    if (found.unreadable.length) unknown.push({ privilege, securableType, securable, grantStatement: statement, unreadable: found.unreadable });
    else missing.push({ privilege, securableType, securable, grantStatement: statement });
  }

  // Replacing a table and adding its constraints need its ownership, or MANAGE on it.
  if (mode === 'replace') {
    for (const t of existing) {
      if (t.owner !== undefined && isMe(t.owner)) continue;
      const full = `${catalog}.${schema}.${t.name}`;
      const onTable = await effectivePrivileges(client, 'TABLE', `${schemaPath}.${pathPart(t.name)}`, identityList, full);
      // A table whose owner could not be read may not exist at all: then the run creates it.
      if (onTable.notFound || onTable.held.has('MANAGE')) continue;
      if (!required.includes('OWNERSHIP')) required.push('OWNERSHIP');
      const entry = {
        privilege: 'OWNERSHIP' as const,
        securableType: 'TABLE' as const,
        securable: full,
        grantStatement: `ALTER TABLE ${qualifiedName(catalog, schema, t.name)} OWNER TO ${quoteIdentifier(who.name)}`,
        alternative: grantStatement('MANAGE', [catalog, schema, t.name], who.name),
      };
      if (t.owner === undefined || onTable.unreadable.length) unknown.push({ ...entry, unreadable: t.owner === undefined ? [who.name] : onTable.unreadable });
      else missing.push(entry);
    }
  }
  for (const u of unknown)
    notes.push(`could not check ${u.privilege === 'OWNERSHIP' ? 'ownership (or MANAGE)' : u.privilege.replace(/_/g, ' ')} on ${u.securableType.toLowerCase()} ${u.securable}: the workspace refused to show the permissions of ${u.unreadable.join(', ')}; if the run fails on it, ${u.grantStatement}`);

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
    unknown,
    notes,
  };
}

/** The tables of `names` that exist, with their owners (undefined when the workspace refused to show one). */
async function existingTables(client: GrantsClient, catalog: string, schema: string, names: readonly string[], notes: string[]): Promise<{ name: string; owner: string | undefined }[]> {
  const found: { name: string; owner: string | undefined }[] = [];
  for (const name of names) {
    const full = `${catalog}.${schema}.${name}`;
    try {
      found.push({ name, owner: (await client.tables.get({ full_name: `${pathPart(catalog)}.${pathPart(schema)}.${pathPart(name)}` })).owner });
    } catch (e) {
      const status = statusOf(e);
      if (status === 404) continue;
      if (status !== 403) throw callFailed(`read table ${full}`, e, client);
      notes.push(`not allowed to read table ${full}: its owner is unknown`);
      found.push({ name, owner: undefined });
    }
  }
  return found;
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

