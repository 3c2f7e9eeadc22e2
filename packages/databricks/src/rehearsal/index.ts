/** The local rehearsal of a Databricks run (Spark + Delta behind the warehouse driver interface). */
export { databricksLocal, type DatabricksLocalOptions } from './databricks-local.js';
export { sparkWarehouse, SESSION_CATALOG, type SparkWarehouse } from './spark-warehouse.js';
export { driverShapes, type DriverShapes } from './driver-shapes.js';
