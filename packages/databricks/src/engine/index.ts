/**
 * The Databricks engine: a scenario's Spark SQL run on a SQL warehouse into Unity Catalog, behind
 * the grant check and the warehouse executor's run ledger.
 */
export { databricks, validateDatabricksEngineOptions, type DatabricksEngineOptions } from './databricks-engine.js';
export { databricksStatements, latestManifestSql, MANIFEST_DETAIL_KEY, type DatabricksPlanOptions, type DatabricksStatement } from './databricks-statements.js';
