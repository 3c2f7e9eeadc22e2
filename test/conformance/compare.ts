/**
 * Canonical row sets for comparing engines with the in-process evaluator.
 */
import { canonicalRowText, canonicalSelect, outputTypes, Evaluator, type Dialect, type ScenarioIR } from '@synthgraph/core';

/** Sorted canonical rows of an entity from the evaluator. */
export function evaluatorRows(ir: ScenarioIR, entity: string): string[] {
  const types = outputTypes(ir, entity);
  return new Evaluator(ir)
    .internalRows(entity)
    .map((r) => canonicalRowText(types, r))
    .sort();
}

/** Sorted canonical rows of an entity from an engine, given a query runner returning row arrays. */
export async function engineRows(ir: ScenarioIR, entity: string, dialect: Dialect, query: (sql: string) => Promise<unknown[][]>): Promise<{ rows: string[]; sql: string }> {
  const types = outputTypes(ir, entity);
  const sql = canonicalSelect(ir, entity, dialect);
  const rows = (await query(sql)).map((r) => canonicalRowText(types, r)).sort();
  return { rows, sql };
}

/** First differences between two sorted row lists (for readable failures). */
export function firstDifferences(a: readonly string[], b: readonly string[], n = 5): string[] {
  const out: string[] = [];
  const sa = new Set(a);
  const sb = new Set(b);
  for (const r of a) if (!sb.has(r) && out.length < n) out.push(`only in evaluator: ${r}`);
  for (const r of b) if (!sa.has(r) && out.length < 2 * n) out.push(`only in engine:    ${r}`);
  return out;
}
