/**
 * Test support: a passing grant report for `main.synth` (replace mode), the executor's entry
 * ticket in tests that do not run the grant check.
 */
import type { GrantReport } from '../../src/grants/grant-report.js';

export const GRANTED_REPORT: GrantReport = {
  principal: 'alice@example.com',
  principalType: 'user',
  groups: ['account users'],
  catalog: 'main',
  schema: 'synth',
  mode: 'replace',
  schemaExists: true,
  required: ['USE_CATALOG', 'USE_SCHEMA', 'CREATE_TABLE'],
  satisfied: true,
  missing: [],
  notes: [],
};
