/**
 * The types of a grant check: what is asked, and what the check found.
 */

/** How a run writes its tables: `replace` (CREATE OR REPLACE) or `append` (insert into existing tables). */
export type WriteMode = 'replace' | 'append';

/**
 * The privileges a run may need, as Unity Catalog's REST API spells them. `OWNERSHIP` stands for
 * owning an existing table the run replaces (MANAGE on it serves too).
 */
export type RequiredPrivilege = 'USE_CATALOG' | 'CREATE_SCHEMA' | 'USE_SCHEMA' | 'CREATE_TABLE' | 'MODIFY' | 'MANAGE' | 'OWNERSHIP';

/** Who to check: a service principal by application id, or a user by user name (e-mail). Default: the caller (SCIM `Me`). */
export type GrantPrincipal = { readonly servicePrincipal: string } | { readonly user: string };

/** What `checkGrants` checks. */
export interface GrantCheckRequest {
  readonly catalog: string;
  readonly schema: string;
  readonly mode: WriteMode;
  /** Default: the authenticated caller. */
  readonly principal?: GrantPrincipal;
  /**
   * The tables the run writes, unqualified, with the run's prefix (`exp1_households`). Those
   * that exist must be owned (or MANAGEd) for `replace`; owning all of them serves instead of
   * MODIFY on the schema for `append`. Default none (tables are not checked).
   */
  readonly tables?: readonly string[];
}

/** One missing privilege and the statement that grants it. */
export interface MissingPrivilege {
  readonly privilege: RequiredPrivilege;
  readonly securableType: 'CATALOG' | 'SCHEMA' | 'TABLE';
  /** Full name, unquoted: `main`, `main.synth` or `main.synth.households`. */
  readonly securable: string;
  /**
   * E.g. ``GRANT USE CATALOG ON CATALOG `main` TO `alice@example.com` `` (no trailing semicolon);
   * for `OWNERSHIP`, ``ALTER TABLE `main`.`synth`.`households` OWNER TO `alice@example.com` ``.
   */
  readonly grantStatement: string;
  /** Another statement that serves as well (for `OWNERSHIP`: `GRANT MANAGE ON TABLE …`). */
  readonly alternative?: string;
}

/** A privilege the check could not confirm or rule out: the workspace refused to show some permissions. */
export interface UncheckedPrivilege extends MissingPrivilege {
  /** The identities (the principal or its groups) whose permissions could not be read. */
  readonly unreadable: readonly string[];
}

/** The outcome of a grant check. The executor runs only with a report whose `satisfied` is true. */
export interface GrantReport {
  /** The principal as Unity Catalog names it: a user name (e-mail) or a service principal's application id. */
  readonly principal: string;
  readonly principalType: 'user' | 'service-principal';
  /** Groups whose privileges count for the principal (SCIM memberships, plus `account users`). */
  readonly groups: readonly string[];
  readonly catalog: string;
  readonly schema: string;
  readonly mode: WriteMode;
  /** False when the schema does not exist yet: the run creates it (CREATE SCHEMA) and owns it. */
  readonly schemaExists: boolean;
  /** Every privilege the run needs, in check order. */
  readonly required: readonly RequiredPrivilege[];
  readonly satisfied: boolean;
  /** Missing privileges in a stable order: catalog first, then schema, then tables. */
  readonly missing: readonly MissingPrivilege[];
  /** Privileges that could not be checked (warnings; they do not make the report unsatisfied). Absent means none. */
  readonly unknown?: readonly UncheckedPrivilege[];
  /** Anything the check could not see (e.g. permissions it was not allowed to read). */
  readonly notes: readonly string[];
}
