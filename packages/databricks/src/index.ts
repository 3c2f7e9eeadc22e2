/**
 * @synthgraph/databricks — Spark SQL, local Apache Spark + Delta, Unity Catalog grant checks and
 * Databricks SQL execution.
 *
 * @packageDocumentation
 */
export * from './spark/index.js';
export * from './local-spark/index.js';
