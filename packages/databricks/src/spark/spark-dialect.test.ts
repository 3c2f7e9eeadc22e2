/**
 * The Databricks statements the Spark dialect prints for one table: per-column comments,
 * constraint names unique per schema, re-runnable constraints, and `clusterBy` validation.
 * Pure SQL text; no Spark.
 */
import { buildPlan, ConfigError, type CreateTableStmt, type ScenarioIR } from '@synthgraph/core';
import { describe, expect, it } from 'vitest';
import { conformanceScenario } from '../../../../test/conformance/scenario.js';
import { constraintName, sparkDialect, type SparkTableOptions } from './spark-dialect.js';

const ir: ScenarioIR = conformanceScenario(30).toIR({ seed: 1 });
const q = (name: string): string => `\`main\`.\`synth\`.\`${name}\``;

function statements(prefix: string, over: Partial<SparkTableOptions> = {}): Map<string, readonly string[]> {
  const tableRef = (e: string): string => q(`${prefix}${e}`);
  const d = sparkDialect({ unityCatalogConstraints: true, tableRef, tableName: (e) => `${prefix}${e}`, ...over });
  return new Map(buildPlan(ir, d, { tableRef, entities: ['households', 'individuals'] }).tables.map((t) => [t.entity, t.sql]));
}

const constraintNames = (sql: Iterable<readonly string[]>): string[] => [...sql].flat().flatMap((s) => [...s.matchAll(/ADD CONSTRAINT `([^`]+)`/g)].map((m) => m[1] as string));

describe('spark dialect: Unity Catalog constraints', () => {
  it('names constraints after the prefixed table, so two prefixes in one schema never collide', () => {
    const a = constraintNames(statements('exp1_').values());
    const b = constraintNames(statements('exp2_').values());
    expect(a).toEqual(['exp1_households_pk', 'exp1_individuals_pk', 'exp1_individuals_household_id_fk']);
    expect(a.filter((n) => b.includes(n))).toEqual([]);
  });

  it("drops the table's own foreign keys, then its primary key, before adding them again", () => {
    const ind = statements('p_').get('individuals') ?? [];
    const at = (re: RegExp): number => ind.findIndex((s) => re.test(s));
    const dropFk = at(/^ALTER TABLE `main`.`synth`.`p_individuals` DROP FOREIGN KEY IF EXISTS \(`household_id`\)$/);
    const dropPk = at(/^ALTER TABLE `main`.`synth`.`p_individuals` DROP PRIMARY KEY IF EXISTS CASCADE$/);
    const addPk = at(/ADD CONSTRAINT `p_individuals_pk` PRIMARY KEY \(`individual_id`\) NOT ENFORCED$/);
    const addFk = at(/ADD CONSTRAINT `p_individuals_household_id_fk` FOREIGN KEY \(`household_id`\) REFERENCES `main`.`synth`.`p_households` \(`household_id`\) NOT ENFORCED$/);
    expect([dropFk, dropPk, addPk, addFk].every((i) => i > 0)).toBe(true);
    expect(dropFk < dropPk && dropPk < addPk && addPk < addFk).toBe(true);
  });

  it('prints one ALTER COLUMN … COMMENT statement per commented column', () => {
    const d = sparkDialect();
    const tableRef = (e: string): string => q(e);
    const plan = buildPlan(ir, d, { tableRef, entities: ['households'] }).tables[0];
    expect(plan).toBeDefined();
    const stmt = plan?.plan as CreateTableStmt;
    const [first, second] = stmt.columns;
    const columns = stmt.columns.map((c) => (c === first ? { ...c, comment: "row's key" } : c === second ? { ...c, comment: 'second' } : { ...c, comment: null }));
    const sql = d.createTable({ ...stmt, columns }, 'SELECT 1', q('households'));
    expect(sql.slice(1)).toEqual([
      `ALTER TABLE ${q('households')} ALTER COLUMN \`${first?.name}\` COMMENT 'row\\'s key'`,
      `ALTER TABLE ${q('households')} ALTER COLUMN \`${second?.name}\` COMMENT 'second'`,
    ]);
  });

  it('shortens long names with a stable hash and keeps short ones readable', () => {
    const long = `t${'x'.repeat(200)}`;
    const n = constraintName(long, 'fk', 'household_id');
    expect(n).toHaveLength(128);
    expect(n).toBe(constraintName(long, 'fk', 'household_id'));
    expect(n).not.toBe(constraintName(`${long}y`, 'fk', 'household_id'));
    expect(n).toMatch(/^tx+_[0-9a-f]{16}$/);
    expect(constraintName('households', 'pk')).toBe('households_pk');
  });
});

describe('spark dialect: clusterBy', () => {
  const issues = (clusterBy: Record<string, string[]>): unknown => {
    try {
      statements('', { clusterBy });
      return undefined;
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as ConfigError).issues.map((i) => i.path);
    }
  };

  it('accepts up to four scalar columns of the table', () => {
    expect(issues({ individuals: ['household_id', 'individual_id'] })).toBeUndefined();
    expect(statements('', { clusterBy: { individuals: ['household_id'] } }).get('individuals')?.[0]).toContain('CLUSTER BY (`household_id`)');
  });

  it('rejects more than four columns, unknown columns and unsupported types with the field path', () => {
    expect(issues({ individuals: ['household_id', 'individual_id', 'household_id', 'individual_id', 'household_id'] })).toEqual(['clusterBy.individuals']);
    expect(issues({ individuals: ['no_such_column'] })).toEqual(['clusterBy.individuals.0']);
    const nested = ir.entities.flatMap((e) => e.columns.filter((c) => c.type.kind === 'array' || c.type.kind === 'map' || c.type.kind === 'boolean').map((c) => [e.name, c.name] as const))[0];
    expect(nested).toBeDefined();
    const [entity, column] = nested as readonly [string, string];
    const tableRef = (e: string): string => q(e);
    expect(() => buildPlan(ir, sparkDialect({ clusterBy: { [entity]: [column] }, tableRef }), { tableRef })).toThrow(ConfigError);
  });
});
