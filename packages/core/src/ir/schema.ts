import { z } from 'zod';
import { SpecError, type Issue } from '../errors.js';
import { IR_VERSION, type ColumnType, type Dist, type Expr, type ScenarioIR } from './types.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const safeInt = z.number().int().refine(Number.isSafeInteger, 'must be a safe integer');
const name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier (letters, digits, underscore)');

export const columnTypeSchema: z.ZodType<ColumnType> = z.lazy(() =>
  z.union([
    z.object({ kind: z.enum(['bigint', 'int', 'double', 'boolean', 'string', 'timestamp', 'date']) }).strict(),
    z.object({ kind: z.literal('decimal'), precision: z.number().int().min(1).max(38), scale: z.number().int().min(0).max(18) }).strict(),
    z.object({ kind: z.literal('array'), element: columnTypeSchema }).strict(),
    z.object({ kind: z.literal('map'), key: columnTypeSchema, value: columnTypeSchema }).strict(),
  ]),
) as z.ZodType<ColumnType>;

const literal = z.union([finite, z.string(), z.boolean(), z.null()]);
const weights = z.array(finite.refine((w) => w >= 0, 'weights must be ≥ 0')).min(1);

const distSchema: z.ZodType<Dist> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('uniform'), min: finite, max: finite }).strict(),
    z.object({ kind: z.literal('int'), min: safeInt, max: safeInt }).strict(),
    z.object({ kind: z.literal('bernoulli'), p: finite.refine((p) => p >= 0 && p <= 1, 'p must be in [0, 1]') }).strict(),
    z.object({ kind: z.literal('categorical'), values: z.array(literal).min(1), weights }).strict(),
    z.object({ kind: z.literal('normal'), mean: finite, sd: finite.refine((v) => v >= 0, 'sd must be ≥ 0') }).strict(),
    z.object({ kind: z.literal('lognormal'), mu: finite, sigma: finite.refine((v) => v > 0, 'sigma must be > 0') }).strict(),
    z.object({ kind: z.literal('exponential'), rate: finite.refine((v) => v > 0, 'rate must be > 0') }).strict(),
    z.object({ kind: z.literal('powerLaw'), alpha: finite.refine((v) => v > 1, 'alpha must be > 1'), min: finite, max: finite }).strict(),
    z.object({ kind: z.literal('poisson'), lambda: finite.refine((v) => v > 0 && v <= 1000, 'lambda must be in (0, 1000]') }).strict(),
    z.object({ kind: z.literal('zipf'), n: z.number().int().min(1).max(100000), s: finite.refine((v) => v > 0, 's must be > 0') }).strict(),
    z.object({ kind: z.literal('poolRow'), pool: name }).strict(),
    z
      .object({
        kind: z.literal('timestamp'),
        start: safeInt,
        days: z.number().int().min(1).max(36600),
        hourWeights: z.array(finite).length(24).nullable(),
        weekdayWeights: z.array(finite).length(7).nullable(),
        monthWeights: z.array(finite).length(12).nullable(),
        within: z.object({ from: exprSchema, to: exprSchema }).strict().nullable(),
      })
      .strict(),
  ]),
) as z.ZodType<Dist>;

/** zod schema of an {@link Expr}. */
export const exprSchema: z.ZodType<Expr> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('lit'), value: literal, type: z.enum(['bigint', 'int', 'double', 'boolean', 'string', 'timestamp', 'date', 'decimal', 'array', 'map']) }).strict(),
    z.object({ kind: z.literal('key') }).strict(),
    z.object({ kind: z.literal('index') }).strict(),
    z.object({ kind: z.literal('col'), name }).strict(),
    z.object({ kind: z.literal('ref'), side: z.enum(['parent', 'left', 'right', 'row']), name }).strict(),
    z.object({ kind: z.literal('draw'), slot: z.string().min(1), dist: distSchema }).strict(),
    z.object({ kind: z.literal('unary'), op: z.enum(['neg', 'not', 'floor', 'ceil', 'isNull', 'sqrt', 'abs']), arg: exprSchema }).strict(),
    z
      .object({
        kind: z.literal('binary'),
        op: z.enum(['+', '-', '*', '/', 'idiv', '%', '=', '<>', '<', '<=', '>', '>=', 'and', 'or']),
        left: exprSchema,
        right: exprSchema,
      })
      .strict(),
    z
      .object({
        kind: z.literal('call'),
        fn: z.enum([
          'least', 'greatest', 'concat', 'sha256', 'lpad', 'toString', 'lower', 'upper', 'coalesce', 'toDouble',
          'arrayContains', 'arraySize', 'arrayGet', 'dayOfWeek', 'hourOfDay', 'daysOf', 'substr', 'arrayCompact',
        ]),
        args: z.array(exprSchema),
      })
      .strict(),
    z.object({ kind: z.literal('case'), whens: z.array(z.object({ when: exprSchema, then: exprSchema }).strict()).min(1), else: exprSchema }).strict(),
    z.object({ kind: z.literal('cast'), to: columnTypeSchema, arg: exprSchema }).strict(),
    z.object({ kind: z.literal('pool'), pool: name, column: name, index: exprSchema }).strict(),
    z.object({ kind: z.literal('bucket'), arg: exprSchema, thresholds: z.array(finite), values: z.array(exprSchema).min(1) }).strict(),
    z.object({ kind: z.literal('array'), items: z.array(exprSchema) }).strict(),
    z.object({ kind: z.literal('map'), keys: z.array(exprSchema), values: z.array(exprSchema) }).strict(),
    z.object({ kind: z.literal('lookup'), entity: name, key: exprSchema, column: name }).strict(),
    z
      .object({
        kind: z.literal('agg'),
        fn: z.enum(['count', 'sum', 'min', 'max', 'countDistinct', 'mode', 'topN', 'countIf', 'sumIf']),
        arg: exprSchema.nullable(),
        where: exprSchema.nullable(),
        n: z.number().int().min(1).max(100).nullable(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('win'),
        fn: z.enum(['rowNumber', 'count', 'sum', 'min', 'max', 'first', 'last']),
        arg: exprSchema.nullable(),
        frame: z.enum(['all', 'preceding']),
      })
      .strict(),
  ]),
) as z.ZodType<Expr>;

const constraintSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('primaryKey'), column: name }).strict(),
  z.object({ kind: z.literal('foreignKey'), column: name, entity: name, references: name }).strict(),
  z.object({ kind: z.literal('unique'), columns: z.array(name).min(1) }).strict(),
  z.object({ kind: z.literal('notNull'), column: name }).strict(),
  z.object({ kind: z.literal('range'), column: name, min: finite.nullable(), max: finite.nullable() }).strict(),
  z.object({ kind: z.literal('enum'), column: name, values: z.array(literal).min(1) }).strict(),
  z.object({ kind: z.literal('temporal'), before: name, after: name }).strict(),
  z.object({ kind: z.literal('rule'), name: z.string().min(1), violation: exprSchema }).strict(),
  z.object({ kind: z.literal('childCount'), column: name, entity: name, foreignKey: name }).strict(),
]);

const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sequence'), rows: safeInt.refine((n) => n >= 0, 'rows must be ≥ 0'), keyOffset: safeInt }).strict(),
  z.object({ kind: z.literal('children'), parent: name, count: exprSchema, max: z.number().int().min(1).max(65536), fanout: z.number().int().min(1) }).strict(),
  z.object({ kind: z.literal('cross'), left: name, right: name, keep: exprSchema, fanout: z.number().int().min(1) }).strict(),
  z.object({ kind: z.literal('group'), from: name, by: name, where: exprSchema.nullable() }).strict(),
  z.object({ kind: z.literal('window'), from: name, partitionBy: z.array(name), orderBy: z.array(name), where: exprSchema.nullable() }).strict(),
]);

const entitySchema = z
  .object({
    name,
    comment: z.string().nullable(),
    source: sourceSchema,
    columns: z
      .array(z.object({ name, type: columnTypeSchema, expr: exprSchema, comment: z.string().nullable(), output: z.boolean() }).strict())
      .min(1),
    constraints: z.array(constraintSchema),
    keyColumn: name,
  })
  .strict();

const poolSchema = z
  .object({
    name,
    columns: z.array(z.object({ name, type: z.enum(['string', 'int', 'double']) }).strict()).min(1),
    rows: z.array(z.array(z.union([z.string(), finite]))).min(1),
    weights: z.array(finite).nullable(),
    source: z.string(),
  })
  .strict();

/** zod schema of a {@link ScenarioIR}. Used wherever an engine receives an IR. */
export const scenarioIRSchema = z
  .object({
    irVersion: z.literal(IR_VERSION),
    name: z.string().min(1),
    seed: safeInt.refine((s) => s >= 0, 'seed must be ≥ 0'),
    fakerVersion: z.string().nullable(),
    pools: z.array(poolSchema),
    entities: z.array(entitySchema).min(1),
    keys: z.enum(['opaque', 'structured']).optional(),
    meta: z.record(z.string(), z.unknown()),
  })
  .strict();

/** Converts zod issues into synthgraph {@link Issue}s. */
export function zodIssues(error: z.ZodError, prefix = ''): Issue[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
    ...('input' in i && i.input !== undefined ? { value: i.input } : {}),
  }));
}

/**
 * Parses unknown input (e.g. `JSON.parse` of a stored IR) into a validated, frozen {@link ScenarioIR}.
 *
 * @example
 * ```ts
 * const ir = parseIR(JSON.parse(fs.readFileSync('plan.json', 'utf8')));
 * ```
 */
export function parseIR(input: unknown): ScenarioIR {
  const r = scenarioIRSchema.safeParse(input);
  if (!r.success) throw new SpecError(zodIssues(r.error, 'ir'), 'IR_INVALID');
  return deepFreeze(r.data as ScenarioIR);
}

/** Recursively freezes a plain object graph. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
