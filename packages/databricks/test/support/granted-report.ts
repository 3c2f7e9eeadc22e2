/** Test support: a passing grant report for `main.synth` in replace mode, as runs on the fake warehouse need. */
import type { GrantReport } from '../../src/grants/grant-report.js';

/**
 * @example
 * runOnWarehouse(plan, { catalog: 'main', schema: 'synth', grantsChecked: GRANTED_REPORT, session: w.factory });
 */
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
