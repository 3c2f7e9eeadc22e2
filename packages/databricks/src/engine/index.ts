/**
 * The Databricks engine: a scenario's Spark SQL run on a SQL warehouse into Unity Catalog, behind
 * the grant check and the warehouse executor's run ledger.
 */
export {
  databricks,
  databricksStatements,
  validateDatabricksEngineOptions,
  latestManifestSql,
  MANIFEST_DETAIL_KEY,
  type DatabricksEngineOptions,
  type DatabricksStatement,
} from './databricks-engine.js';
