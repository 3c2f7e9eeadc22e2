/**
 * @synthgraph/core — the fluent DSL, the IR, deterministic randomness, value pools, the SQL
 * lowering shared by every dialect and the in-process evaluator.
 *
 * @packageDocumentation
 */
export { version } from './version.js';

export * from './errors.js';
export * from './ir/types.js';
export { parseIR, scenarioIRSchema, exprSchema, columnTypeSchema, zodIssues, deepFreeze } from './ir/schema.js';
export { canonicalJson, irHash } from './ir/hash.js';
export { validateIR, keySpace, columnOrder } from './ir/validate.js';
export * from './random/mixer.js';
export { OPAQUE_KEY, OPAQUE_KEY_DOMAIN, KEY_MODES, keyRoundKeys, feistelRound, encodeKey, decodeKey, type KeyMode } from './random/opaque-keys.js';
export { keySpaces, idColumns, keyModeOf } from './ir/id-columns.js';
export { foreignKeyByConstruction, checkVerification, type CheckVerification } from './ir/fk-construction.js';
export { normalQuantile, piecewiseTable, evalPiecewise, cumulativeThresholds, knots, upperBound, type PiecewiseTable } from './random/quantiles.js';
export { expandExpr, collectStreams, dayWeights, standardNormalTable, type ExpandContext } from './random/expand.js';
export { expandScenario } from './random/expand-scenario.js';
export { children, mapChildren, mapExpr, visit, collect } from './ir/walk.js';
export * from './dsl/column-types.js';
export * from './dsl/expr.js';
export * from './dsl/scenario-builder.js';
export { Evaluator, type Row, type RowsOptions } from './eval/evaluator.js';
export { toOutput, canonicalValue, formatScaled, formatDays, formatMicros, readableValue, rangeText } from './eval/values.js';
export { prettyIR } from './ir/pretty.js';
export * from './sql/sql-nodes.js';
export { baseDialect, checkIdentifier, doubleText, IdentifierError, type Dialect } from './sql/dialect.js';
export {
  baseFunctions,
  baseTypes,
  typeName,
  type FunctionTable,
  type FunctionName,
  type TypeNameTable,
  type ScalarFn,
  type AggregateFn,
  type WindowFn,
  type DialectSpecificFn,
} from './sql/dialects/functions.js';
export { registerDialect, getDialect, listDialects } from './sql/dialects/registry.js';
export { lowerExpr, layerScope, type LowerScope } from './sql/lower-expr.js';
export { printExpr, printLiteral, internalType } from './sql/print-expr.js';
export { SqlPrinter, type TableRef } from './sql/printer.js';
export { lowerEntity, type LowerOptions } from './sql/lower-entity.js';
export { decodedTable } from './sql/lower/key-layers.js';
export { shardLayout, householdShards, shardPredicate, shardSource, shardSourceTable, type ShardLayout, type ShardRead, type ShardRange } from './sql/shards.js';
export type { EntityShard } from './sql/lower/sources.js';
export { compileChecks, checkName } from './sql/checks.js';
export { compileCheckGroups, checkColumn } from './sql/check-groups.js';
export { lookupTableName, lookupTableStatements, LOOKUP_INDEX, LOOKUP_MIN_ROWS, type LookupTableStatements } from './sql/lookup-tables.js';
export { buildPlan, type StatementPlan, type TableStatements, type TableShard, type CheckStatement, type CheckGroupStatement, type PlanOptions } from './sql/plan.js';
export * from './run/engine.js';
export { createManifest, type ManifestParts } from './run/manifest.js';
export { contentHashSql, parseContentHash, CANONICAL_HASH_VERSION } from './run/content-hash.js';
export { canonicalSelect, canonicalText, canonicalRowText, outputTypes } from './sql/canonical.js';
export { checkOutputPath, MAX_NEW_OUTPUT_LEVELS, type CheckOutputPathOptions, type OutputPathIssue, type OutputPathReason } from './run/output-path.js';
export { assertReplaceable, readAppendTarget, nextBatchIndex, LocalOutput, type LocalOutputOptions } from './run/output-dir.js';
export { OutputLock, OutputLockedError, lockFileOf } from './run/output-lock.js';
export { recoverOutput, type Recovery } from './run/output-recovery.js';
export { FAULT_ENV } from './run/fault-point.js';
export { RunProgress } from './run/progress.js';
export { runPlan, countRowsSql, type RunSession, type SessionStart, type TableWriter, type TableFiles, type RunPlanOptions } from './run/run-plan.js';
export {
  PoolError,
  type Pool,
  type PoolColumn,
  type PoolColumnType,
  MAX_POOL_ROWS,
  validatePool,
  cellMatches,
  SeededRandomizer,
  fakerPool,
  FAKER_VERSION,
  FAKER_METHODS,
  type FakerMethodPath,
  type FakerLocale,
  type FakerColumnGenerator,
  type FakerPoolOptions,
  placesPool,
  DEFAULT_PLACES_SIZE,
  type PlacesPoolOptions,
  usZipTable,
  US_ZIPS_SOURCE,
  type UsZip,
  US_STATES,
  US_STATE_POPULATION_2020,
  aliasTable,
  aliasPick,
  aliasProbabilities,
  thresholdPick,
  apportionUnits,
  checkWeights,
  type AliasTable,
} from './pools/index.js';
