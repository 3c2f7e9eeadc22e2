/**
 * Unity Catalog grant checks (REST only, through `@databricks/sdk-experimental`): the caller or
 * a service principal, effective permissions of the catalog and schema including group
 * memberships and inheritance, and the exact GRANT statements for what is missing.
 */
export { checkGrants, assertGrants, grantStatement, requiredPrivileges, ACCOUNT_USERS_GROUP, type GrantsClient } from './grant-check.js';
export type { GrantReport, GrantCheckRequest, GrantPrincipal, MissingPrivilege, RequiredPrivilege, UncheckedPrivilege, WriteMode } from './grant-report.js';
export { MissingPrivilegesError, CatalogNotFoundError, PrincipalNotFoundError, GrantCheckError } from './grants-error.js';
export { validateUnityCatalogName, unityCatalogNameIssues, quoteIdentifier, qualifiedName, UnityCatalogNameError, type UnityCatalogNameField } from './unity-catalog-names.js';
