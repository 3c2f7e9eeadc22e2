/**
 * @synthgraph/presets — ready-made scenarios written only with core's public DSL: the
 * identity graph (eleven tables, source records and truth_* answer keys) with its six-step configuration schema, distribution targets and
 * the preset registry the CLI uses.
 *
 * @packageDocumentation
 */
export { presets, getPreset, identityGraphPreset, UnknownPresetError, definePreset, isPreset, type Preset, type PresetName, type PresetDefinition } from './preset-registry.js';
/** zod, re-exported so a custom preset's config schema uses the same zod as {@link definePreset}. */
export { z } from 'zod';
export { identityGraph, IDENTITY_GRAPH_TABLES, type IdentityGraphScenario, type IdentityGraphEntities, type IdentityGraphTable } from './identity-graph/identity-graph.js';
export {
  identityGraphConfigSchema,
  runStep,
  householdsStep,
  demographicsStep,
  engagementStep,
  audienceStep,
  campaignsStep,
  segmentSchema,
  DEFAULT_SEGMENTS,
  STEP_NAMES,
  STEP_SCHEMAS,
  MAX_BATCH,
  MAX_HOUSEHOLDS_PER_BATCH,
  MAX_EVENTS_PER_PERSON,
  type IdentityGraphConfig,
  type IdentityGraphConfigInput,
  type StepName,
  type StepConfig,
  type StepInput,
  type SegmentConfig,
  type FieldMeta,
} from './identity-graph/config-schema.js';
export { validateConfig, validateStep, resolveConfig, WEIGHT_SUM_TOLERANCE, type ValidationResult } from './identity-graph/config-validation.js';
export { identityGraphJsonSchema, JSON_SCHEMA_PATH } from './identity-graph/json-schema.js';
export {
  distributionTargets,
  distributionChecks,
  type DistributionTarget,
  type DistributionResult,
  type MeasuredColumn,
} from './identity-graph/distribution-checks.js';
export { evaluateDistributions, type QueryFn } from './identity-graph/distribution-evaluate.js';
export { targetPrinter, targetedBy, DEFAULT_CHECK_DIALECT, type SqlTarget } from './identity-graph/sql-target.js';
export { keyRanges, type KeyRange } from './identity-graph/key-ranges.js';
export { buildModel, HOUSEHOLD_KEY_STRIDE, CAMPAIGN_KEY_STRIDE, type IdentityGraphModel } from './identity-graph/model.js';
export * from './identity-graph/vocabulary.js';
export { identityGraphInvariants, type InvariantQuery } from './identity-graph/invariants.js';
export {
  scoreResolution,
  scoreResolutionCells,
  type ResolutionScore,
  type ResolutionMetrics,
  type ResolutionCell,
  type ResolutionRecord,
  type PrecisionRecall,
} from './resolution/score-resolution.js';
export { resolutionStep, SOURCE_SYSTEMS, NOISE_TYPES, type ResolutionConfig, type SourceSystem, type NoiseType } from './identity-graph/resolution-config.js';
export { MAX_SOURCE_RECORDS } from './identity-graph/scenario/source-records.js';
