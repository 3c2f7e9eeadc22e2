/**
 * @synthgraph/databricks — Spark SQL, local Apache Spark + Delta, Unity Catalog grant checks and
 * Databricks SQL execution.
 *
 * @packageDocumentation
 */
export * from './spark/index.js';
export * from './local-spark/index.js';
export * from './auth/index.js';
export * from './grants/index.js';
export * from './executor/index.js';
export * from './engine/index.js';
export * from './rehearsal/index.js';
