/** The identity-graph section: identifiers per person, persons per household, shared devices, lifetimes. */
import { sql, type SqlExpr, type SqlFrom } from '@synthgraph/core';
import { HOUSEHOLD_SIZE_HINTS, numericDistribution, perOwner } from './numeric-section.js';
import type { ReportTargets } from './report-targets.js';
import { byKey, int, key, num, q, ratio, unavailable, type ReportSql, type Schema } from './report-sql.js';
import type { IdentityGraphData, Lifetimes, Maybe, NumericDistribution, SharedDevices } from './report-types.js';

/**
 * Identifier types that stand for household devices in the shared-device rate.
 *
 * @example
 * ```ts
 * SHARED_DEVICE_TYPES.includes('ctv_id'); // true
 * ```
 */
export const SHARED_DEVICE_TYPES = ['ctv_id', 'ip_address'] as const;

const gt1 = (e: SqlExpr): SqlExpr => sql.binary('>', e, sql.int(1));

async function identifiersPerPerson(s: ReportSql, schema: Schema, targets: ReportTargets): Promise<Maybe<NumericDistribution>> {
  const id = 'identifiers_per_person';
  const title = 'Identifiers per individual';
  const why = schema.missing('identity_mappings', 'individual_id');
  if (why) return unavailable(id, title, why);
  const hasPeople = schema.has('individuals', 'individual_id');
  const source = perOwner('identity_mappings', hasPeople ? 'individuals' : null, 'individual_id');
  const description = hasPeople ? 'identity_mappings rows per individual (individuals without any count as 0)' : 'identity_mappings rows per mapped individual (individuals table absent)';
  const target = targets.numeric({ id, table: 'identity_mappings', column: 'identifiers_per_person', hints: [['identifier', 'per'], ['identifier', 'mean']] });
  return { status: 'ok', ...(await numericDistribution(s, { id, title, description, source, integer: true, target })) };
}

async function personsPerHousehold(s: ReportSql, schema: Schema, targets: ReportTargets): Promise<{ chart: Maybe<NumericDistribution>; mismatches: number | null }> {
  const id = 'persons_per_household';
  const title = 'Individuals per household';
  const why = schema.missing('individuals', 'household_id');
  if (why) return { chart: unavailable(id, title, why), mismatches: null };
  const withHouseholds = schema.has('households', 'household_id');
  const source = perOwner('individuals', withHouseholds ? 'households' : null, 'household_id');
  const description = withHouseholds ? 'individuals per household (households without any count as 0)' : 'individuals per household that has any (households table absent)';
  // households that count minors apart (num_adults) have their individuals in num_adults
  const members = withHouseholds && schema.has('households', 'num_adults') ? 'num_adults' : 'household_size';
  const target = members === 'num_adults' ? targets.numeric({ id: 'num_adults', table: 'households', column: 'num_adults', hints: [['num', 'adults']] }) : targets.numeric({ id: 'household_size', table: 'households', column: 'household_size', hints: HOUSEHOLD_SIZE_HINTS });
  const chart: Maybe<NumericDistribution> = { status: 'ok', ...(await numericDistribution(s, { id, title, description, source, integer: true, target })) };
  if (!schema.has('households', 'household_id', members)) return { chart, mismatches: null };
  const counted = sql.select([q.item('household_id', q.col('i', 'household_id')), q.item('n', sql.countStar())], sql.table('individuals', 'i'), null, [q.col('i', 'household_id')]);
  const size = q.col('h', members);
  const differs = sql.binary('or', sql.unary('isNull', size), sql.binary('<>', size, sql.call('coalesce', [q.col('c', 'n'), sql.int(0)])));
  const from = sql.join('left', sql.table('households', 'h'), sql.subquery(counted, 'c'), q.on('h', 'c', 'household_id'));
  const mismatches = int((await s.run(sql.select([q.item('n', sql.countStar())], from, differs)))[0]?.['n']);
  return { chart, mismatches };
}

async function sharedDevices(s: ReportSql, schema: Schema): Promise<Maybe<SharedDevices>> {
  const why = schema.missing('identity_mappings', 'individual_id', 'identifier_type', 'identifier_value');
  if (why) return unavailable('shared_devices', 'Shared devices', why);
  const withHh = schema.has('individuals', 'individual_id', 'household_id');
  const m: SqlFrom = sql.table('identity_mappings', 'm');
  const values = sql.select(
    [
      q.item('t', q.col('m', 'identifier_type')),
      q.item('v', q.col('m', 'identifier_value')),
      q.item('k', sql.agg('countDistinct', q.col('m', 'individual_id'))),
      ...(withHh ? [q.item('hh', sql.agg('countDistinct', q.col('i', 'household_id')))] : []),
    ],
    withHh ? sql.join('left', m, sql.table('individuals', 'i'), q.on('m', 'i', 'individual_id')) : m,
    null,
    [q.col('m', 'identifier_type'), q.col('m', 'identifier_value')],
  );
  const k = q.col('v', 'k');
  const rows = await s.run(
    sql.select(
      [
        q.item('t', q.col('v', 't')),
        q.item('n', sql.countStar()),
        q.item('shared', sql.agg('countIf', null, gt1(k))),
        q.item('sum_k', sql.agg('sum', q.when(gt1(k), k))),
        ...(withHh ? [q.item('same_hh', sql.agg('countIf', null, sql.binary('and', gt1(k), q.eq(q.col('v', 'hh'), sql.int(1)))))] : []),
      ],
      sql.subquery(values, 'v'),
      null,
      [q.col('v', 't')],
    ),
  );
  const device = new Set<string>(SHARED_DEVICE_TYPES);
  const byType = rows
    .map((r) => {
      const valuesN = int(r['n']);
      const shared = int(r['shared']);
      return {
        identifierType: key(r['t']),
        values: valuesN,
        sharedValues: shared,
        rate: valuesN ? shared / valuesN : 0,
        meanIndividualsPerSharedValue: shared ? num(int(r['sum_k']) / shared) : null,
        sameHouseholdShare: withHh ? ratio(int(r['same_hh']), shared) : null,
        deviceType: device.has(String(r['t'])),
      };
    })
    .sort((a, b) => byKey(a.identifierType, b.identifierType));
  const dev = byType.filter((b) => b.deviceType);
  const valuesN = dev.reduce((a, b) => a + b.values, 0);
  const sharedValues = dev.reduce((a, b) => a + b.sharedValues, 0);
  return { status: 'ok', deviceTypes: [...SHARED_DEVICE_TYPES], values: valuesN, sharedValues, rate: valuesN ? sharedValues / valuesN : null, byType };
}

async function lifetimes(s: ReportSql, schema: Schema): Promise<Maybe<Lifetimes>> {
  const why = schema.missing('identity_mappings', 'first_seen', 'last_seen');
  if (why) return unavailable('identifier_lifetimes', 'Identifier lifetimes', why);
  // Whole seconds between first and last sighting, in days.
  const seconds = (c: string): SqlExpr => sql.binary('idiv', sql.call('microsFromTimestamp', [q.col('m', c)]), sql.int(1_000_000));
  const days = sql.binary('/', sql.binary('-', seconds('last_seen'), seconds('first_seen')), sql.int(86_400));
  const distribution = await numericDistribution(s, {
    id: 'identifier_lifetimes',
    title: 'Identifier lifetime (days)',
    description: 'identity_mappings last_seen − first_seen, in days',
    source: sql.select([q.item('x', days)], sql.table('identity_mappings', 'm')),
    integer: false,
    target: null,
  });
  const hasActive = schema.has('identity_mappings', 'active');
  if (!schema.has('identity_mappings', 'identifier_type')) return { status: 'ok', distribution, byType: [] };
  const perRow = sql.select(
    [q.item('t', q.col('m', 'identifier_type')), q.item('d', days), ...(hasActive ? [q.item('active', q.col('m', 'active'))] : [])],
    sql.table('identity_mappings', 'm'),
  );
  const d = q.col('l', 'd');
  const activeShare = sql.agg('avg', sql.case([{ when: q.col('l', 'active'), then: sql.lit(1, 'double') }], sql.lit(0, 'double')));
  const rows = await s.run(
    sql.select(
      [q.item('t', q.col('l', 't')), q.item('n', sql.countStar()), q.item('mean', sql.agg('avg', d)), q.item('p50', sql.agg('median', d)), q.item('mx', sql.agg('max', d)), ...(hasActive ? [q.item('act', activeShare)] : [])],
      sql.subquery(perRow, 'l'),
      null,
      [q.col('l', 't')],
    ),
  );
  const byType = rows
    .map((r) => ({ identifierType: key(r['t']), count: int(r['n']), meanDays: num(r['mean']), p50Days: num(r['p50']), maxDays: num(r['mx']), activeShare: hasActive ? num(r['act']) : null }))
    .sort((a, b) => byKey(a.identifierType, b.identifierType));
  return { status: 'ok', distribution, byType };
}

/** The identity-graph section. */
export async function identityGraphData(s: ReportSql, schema: Schema, targets: ReportTargets): Promise<IdentityGraphData> {
  const persons = await personsPerHousehold(s, schema, targets);
  return {
    identifiersPerPerson: await identifiersPerPerson(s, schema, targets),
    personsPerHousehold: persons.chart,
    householdSizeMismatches: persons.mismatches,
    sharedDevices: await sharedDevices(s, schema),
    lifetimes: await lifetimes(s, schema),
  };
}
