/**
 * truth_source_records and source_records: what several source systems (CRM, e-commerce,
 * loyalty, web sign-ups, a data partner) hold about each person, with controlled noise.
 *
 * The answer key comes first: `truth_source_records` is a child of `individuals` (the household
 * stays the shard) with the person, the source, the noise flags and the person's true and
 * alternative values (nickname, previous name and address, second and household contacts).
 * Every person-level value is a stable hash of the person's or household's key, so all records
 * of one person agree. `source_records` is a row-for-row projection of it (same record_id) that
 * applies the flagged noise and shows nothing that identifies the person.
 */
import { call, concat, intBetween, lit, nullOf, pick, poolRow, poolValue, substr, t, timestampIn, uniform, type ScenarioBuilder, type X } from '@synthgraph/core';
import type { IdentityGraphModel } from '../model.js';
import { SOURCE_SYSTEMS } from '../resolution-config.js';
import type { campaignStage } from './campaigns.js';
import { choose, firstOf, hashIndex } from './expressions.js';
import { emailDomainsPool, NAME_POOL_SIZE } from './pools.js';
import { dateText, hashUnit, phoneOf, phoneText, typo } from './record-noise.js';
import { femaleFirstNamesPool, maleFirstNamesPool, RESOLUTION_POOL_SIZE, streetsPool } from './resolution-pools.js';

type CampaignEntities = ReturnType<typeof campaignStage> extends ScenarioBuilder<infer E> ? E : never;

/**
 * Records per person at most: one per source plus one duplicate each.
 *
 * @example
 * ```ts
 * MAX_SOURCE_RECORDS; // 10
 * ```
 */
export const MAX_SOURCE_RECORDS = SOURCE_SYSTEMS.length * 2;
/** First names a birth cohort draws from (a window of the pool that shifts by cohort). */
const COHORT_WINDOW = 200;
/** Shift of the window per birth decade (older cohorts use the start of the pool, where the formal names are). */
const COHORT_SHIFT = 25;
/** Birth decades modelled (1930s and before … 2000s and after). */
const COHORTS = 8;
const DOMAINS = emailDomainsPool.rows.map((r) => String(r[0]));
const DOMAIN_PROBS = (() => {
  const w = emailDomainsPool.weights ?? DOMAINS.map(() => 1);
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / sum);
})();
/** Share of typos with a second edit (edit distance 2: a substitution at another position). */
const SECOND_TYPO = 0.2;

/** Which field a missing-field noise blanks: email, phone, address, date of birth. */
const MISSING_FIELD_WEIGHTS = [0.35, 0.3, 0.15, 0.2];

const lower = (s: X<string>): X<string> => call<string>('lower', s);
const upper = (s: X<string>): X<string> => call<string>('upper', s);

/** Records of source `i` for a person: 0 (not covered), 1, or 2 (a duplicate). */
function recordsIn(m: IdentityGraphModel, person: X<number>, i: number): X<number> {
  const r = m.config.resolution;
  const s = SOURCE_SYSTEMS[i] as (typeof SOURCE_SYSTEMS)[number];
  const coverage = r.enabled ? r.sources[s].coverage : 0;
  if (coverage === 0) return lit(0);
  return firstOf([[hashUnit(person, 101 + i).lt(coverage), firstOf([[hashUnit(person, 111 + i).lt(r.duplicate_rate), lit(2)]], lit(1))]], lit(0));
}

/** The reference date's year and MMDD (birth dates are consistent with `age` on it). */
function referenceDate(m: IdentityGraphModel): { year: number; mmdd: number } {
  const [y, mo, d] = m.config.engagement.end_date.split('-').map(Number) as [number, number, number];
  return { year: y, mmdd: mo * 100 + d };
}

/**
 * Adds truth_source_records and source_records.
 *
 * @example
 * ```ts
 * const s = sourceRecordsStage(campaignStage(…), model);
 * ```
 */
export function sourceRecordsStage(s: ScenarioBuilder<CampaignEntities>, m: IdentityGraphModel) {
  const r = m.config.resolution;
  const noise = r.noise;
  const ref = referenceDate(m);
  const w = m.window;
  const rate = (c: { col(n: 'noise_multiplier'): X<number> }, p: number): X<boolean> => uniform().lt(c.col('noise_multiplier').times(p));
  return s
    .pool(femaleFirstNamesPool)
    .pool(maleFirstNamesPool)
    .pool(streetsPool)
    .entity('truth_source_records', (e) => {
      let b = e
        .childrenOf('individuals', {
          count: (p) => SOURCE_SYSTEMS.map((_, i) => recordsIn(m, p.col('individual_id'), i)).reduce((a, x) => a.plus(x)),
          max: MAX_SOURCE_RECORDS,
        })
        .comment('ANSWER KEY of source_records: the person behind each record and the noise applied to it. Drop every truth_* table to hand the rest out as a blind test.')
        .key('record_id', { comment: 'The source record (equal to source_records.record_id)' })
        .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'), { comment: 'The person the record is about (ground truth)' })
        .column('household_id', t.bigint(), (c) => c.parent.col('household_id'), { comment: 'The household of that person' })
        .column('slot', t.int(), (c) => c.index(), { hidden: true })
        .column('end_0', t.int(), (c) => recordsIn(m, c.col('individual_id'), 0), { hidden: true });
      for (let i = 1; i < SOURCE_SYSTEMS.length; i++) b = b.column(`end_${i}` as 'end_0', t.int(), (c) => c.col(`end_${i - 1}` as 'end_0').plus(recordsIn(m, c.col('individual_id'), i)), { hidden: true });
      const end = (c: { col(n: 'end_0'): X<number> }, i: number): X<number> => c.col(`end_${i}` as 'end_0');
      return b
        .column('source_system', t.string(), (c) =>
          firstOf(
            SOURCE_SYSTEMS.slice(0, -1).map((src, i) => [c.col('slot').lt(end(c, i)), lit(src)] as const),
            lit(SOURCE_SYSTEMS[SOURCE_SYSTEMS.length - 1] as string),
          ),
          { comment: `The source system holding the record: ${SOURCE_SYSTEMS.join(', ')}` },
        )
        .column('source_start', t.int(), (c) => firstOf(SOURCE_SYSTEMS.slice(1).map((_, i) => [c.col('slot').ge(end(c, i)).and(c.col('slot').lt(end(c, i + 1))), end(c, i)] as const), lit(0)), { hidden: true })
        .column('noise_multiplier', t.double(), (c) =>
          firstOf(
            SOURCE_SYSTEMS.slice(0, -1).map((src) => [c.col('source_system').eq(src), lit(r.sources[src].noise * r.noise_scale)] as const),
            lit(r.sources.data_partner.noise * r.noise_scale),
          ),
          { hidden: true },
        )
        // ------------------------------------------------------------ the person's true values
        .column('zip', t.string(), (c) => c.lookup('households', c.col('household_id'), 'location_zip'), { hidden: true })
        .column('zip3', t.bigint(), (c) => substr(c.col('zip'), 1, 3).cast(t.bigint()), { hidden: true })
        .column('noise_lookalike', t.boolean(), (c) => hashUnit(c.col('individual_id'), 120).lt(r.lookalike_rate), {
          comment: 'The person shares first and last name with other people of the same ZIP area (look-alikes)',
        })
        .column('birth_month', t.int(), (c) => hashIndex(c.col('individual_id'), 12, 126).plus(1), { hidden: true })
        .column('birth_day', t.int(), (c) => hashIndex(c.col('individual_id'), 28, 127).plus(1), { hidden: true })
        .column('birth_year', t.int(), (c) => lit(ref.year).minus(c.parent.col('age')).minus(firstOf([[c.col('birth_month').times(100).plus(c.col('birth_day')).gt(ref.mmdd), lit(1)]], lit(0))), { hidden: true })
        .column('female', t.boolean(), (c) => c.parent.col('gender').eq('female').or(c.parent.col('gender').ne('male').and(hashUnit(c.col('individual_id'), 121).lt(0.5))), { hidden: true })
        .column('first_index', t.int(), (c) => {
          const cohort = c.col('birth_year').minus(1930).idiv(10);
          const shift = firstOf([[cohort.lt(0), lit(0)], [cohort.ge(COHORTS), lit(COHORTS - 1)]], cohort).times(COHORT_SHIFT);
          const within = firstOf([[c.col('noise_lookalike'), hashIndex(c.col('zip3'), COHORT_WINDOW, 122)]], hashIndex(c.col('individual_id'), COHORT_WINDOW, 123));
          return within.plus(shift).mod(RESOLUTION_POOL_SIZE.first);
        }, { hidden: true })
        .column('true_first_name', t.string(), (c) => firstOf([[c.col('female'), poolValue<string>('female_first_names', 'first', c.col('first_index'))]], poolValue<string>('male_first_names', 'first', c.col('first_index'))), {
          comment: 'The first name (synthetic, by gender and birth cohort)',
        })
        .column('true_nickname', t.string(), (c) => firstOf([[c.col('female'), poolValue<string>('female_first_names', 'nick', c.col('first_index'))]], poolValue<string>('male_first_names', 'nick', c.col('first_index'))), {
          comment: 'Short form of the first name used by the nickname noise',
        })
        .column('true_last_name', t.string(), (c) =>
          poolValue<string>('last_names', 'last', firstOf([[c.col('noise_lookalike'), hashIndex(c.col('zip3'), NAME_POOL_SIZE.last, 124)]], hashIndex(c.col('household_id'), NAME_POOL_SIZE.last, 2))),
          { comment: "The last name (the household's, or the look-alike name of the area)" },
        )
        .column('previous_last_name', t.string(), (c) => poolValue<string>('last_names', 'last', hashIndex(c.col('individual_id'), NAME_POOL_SIZE.last, 125)), { comment: 'Last name before a name change' })
        .column('true_date_of_birth', t.string(), (c) => dateText(c.col('birth_year'), c.col('birth_month'), c.col('birth_day'), lit(0)), { comment: 'Date of birth, YYYY-MM-DD (consistent with individuals.age on the end date)' })
        .column('true_email', t.string(), (c) =>
          concat(lower(concat(c.col('true_first_name'), '.', c.col('true_last_name'))), hashIndex(c.col('individual_id'), 100, 128).str(), '@', choose(hashUnit(c.col('individual_id'), 129), DOMAIN_PROBS, DOMAINS)),
          { comment: "The person's main email address" },
        )
        .column('second_email', t.string(), (c) =>
          concat(lower(concat(substr(c.col('true_first_name'), 1, 1), c.col('true_last_name'))), hashIndex(c.col('individual_id'), 1000, 130).str(), '@', choose(hashUnit(c.col('individual_id'), 131), DOMAIN_PROBS, DOMAINS)),
          { comment: "The person's second email address" },
        )
        .column('household_email', t.string(), (c) =>
          concat(lower(concat('the', c.col('true_last_name'), 's')), hashIndex(c.col('household_id'), 100, 132).str(), '@', choose(hashUnit(c.col('household_id'), 133), DOMAIN_PROBS, DOMAINS)),
          { comment: 'Email address shared by the household' },
        )
        .column('true_phone', t.string(), (c) => phoneOf(hashIndex(c.col('individual_id'), 780, 134).plus(201), hashIndex(c.col('individual_id'), 780, 135).plus(201), hashIndex(c.col('individual_id'), 10_000, 136)), {
          comment: "The person's mobile phone, (AAA) EEE-LLLL",
        })
        .column('household_phone', t.string(), (c) => phoneOf(hashIndex(c.col('household_id'), 780, 137).plus(201), hashIndex(c.col('household_id'), 780, 138).plus(201), hashIndex(c.col('household_id'), 10_000, 139)), {
          comment: 'The household landline, (AAA) EEE-LLLL',
        })
        .column('true_address_line', t.string(), (c) => concat(hashIndex(c.col('household_id'), 9_899, 140).plus(1).str(), ' ', poolValue<string>('streets', 'street', hashIndex(c.col('household_id'), RESOLUTION_POOL_SIZE.streets, 141))), {
          comment: "The household's street address",
        })
        .column('true_city', t.string(), (c) => c.lookup('households', c.col('household_id'), 'location_city'), { comment: "The household's city" })
        .column('true_state', t.string(), (c) => c.lookup('households', c.col('household_id'), 'location_state'), { comment: "The household's state" })
        .column('true_zip', t.string(), (c) => c.col('zip'), { comment: "The household's ZIP code" })
        .column('previous_place', t.bigint(), () => poolRow('places'), { hidden: true })
        .column('previous_address_line', t.string(), (c) => concat(hashIndex(c.col('household_id'), 9_899, 143).plus(1).str(), ' ', poolValue<string>('streets', 'street', hashIndex(c.col('household_id'), RESOLUTION_POOL_SIZE.streets, 144))), {
          comment: 'The address before the household moved',
        })
        .column('previous_city', t.string(), (c) => poolValue<string>('places', 'city', c.col('previous_place')), { comment: 'City of the previous address' })
        .column('previous_state', t.string(), (c) => poolValue<string>('places', 'state', c.col('previous_place')), { comment: 'State of the previous address' })
        .column('previous_zip', t.string(), (c) => poolValue<string>('places', 'zip', c.col('previous_place')), { comment: 'ZIP of the previous address' })
        // ------------------------------------------------------------ the noise applied
        .column('noise_duplicate', t.boolean(), (c) => c.col('slot').gt(c.col('source_start')), { comment: 'A second record of the same person in the same source' })
        .column('noise_typo', t.boolean(), (c) => rate(c, noise.typo), { comment: 'A typo in first name, last name, email or address' })
        .column('noise_nickname', t.boolean(), (c) => rate(c, noise.nickname), { comment: 'The first name is a nickname / short form' })
        .column('noise_initial', t.boolean(), (c) => c.col('noise_nickname').not().and(rate(c, noise.initial)), { comment: 'The first name is an initial' })
        .column('noise_transposed', t.boolean(), (c) => rate(c, noise.transposed), { comment: 'First and last name are swapped' })
        .column('noise_missing', t.boolean(), (c) => rate(c, noise.missing), { comment: 'One of email, phone, address or date of birth is missing (or the birth date only has its year)' })
        .column('noise_format', t.boolean(), (c) => rate(c, noise.format), { comment: 'Formatting variants: phone format, upper-case address, capitalised email, MM/DD/YYYY birth date' })
        .column('noise_stale_address', t.boolean(), (c) => rate(c, noise.stale_address), { comment: 'The address is the previous one (before a move)' })
        .column('noise_name_change', t.boolean(), (c) => rate(c, noise.name_change), { comment: 'The last name is the previous one (before a name change)' })
        .column('noise_shared_contact', t.boolean(), (c) => rate(c, noise.shared_contact), { comment: "Email and phone are the household's shared ones" })
        .column('noise_other_email', t.boolean(), (c) => c.col('noise_shared_contact').not().and(rate(c, noise.other_email)), { comment: "The email is the person's second address" })
        .foreignKey('individual_id', 'individuals')
        .foreignKey('household_id', 'households')
        .notNull('individual_id')
        .oneOf('source_system', SOURCE_SYSTEMS);
    })
    .entity('source_records', (e) =>
      e
        .windowOf('truth_source_records', { partitionBy: ['individual_id'], orderBy: ['record_id'] })
        .comment('What source systems hold about people: names, contacts, addresses and birth dates with realistic noise. Who is who is only in truth_source_records.')
        .key('record_id', { comment: 'Opaque record id (the answer key is truth_source_records)' })
        .column('source_system', t.string(), (c) => c.row.col('source_system'), { comment: `The source system: ${SOURCE_SYSTEMS.join(', ')}` })
        .column('typo_field', t.int(), () => intBetween(0, 3), { hidden: true })
        .column('typo_op', t.int(), () => intBetween(0, 3), { hidden: true })
        .column('typo_pos', t.int(), () => intBetween(0, 2), { hidden: true })
        .column('typo_char', t.int(), () => intBetween(0, 7), { hidden: true })
        .column('typo_twice', t.boolean(), () => uniform().lt(SECOND_TYPO), { hidden: true })
        // The second edit substitutes at another position, so it can never undo the first.
        .column('typo_pos2', t.int(), (c) => c.col('typo_pos').plus(intBetween(1, 2)).mod(3), { hidden: true })
        .column('typo_char2', t.int(), () => intBetween(0, 7), { hidden: true })
        .column('missing_field', t.int(), () => pick([0, 1, 2, 3], MISSING_FIELD_WEIGHTS), { hidden: true })
        .column('missing_keeps_year', t.boolean(), () => uniform().lt(0.5), { hidden: true })
        .column('phone_format', t.int(), () => intBetween(1, 3), { hidden: true })
        .column('given', t.string(), (c) =>
          firstOf([[c.row.col('noise_nickname'), c.row.col('true_nickname')], [c.row.col('noise_initial'), substr(c.row.col('true_first_name'), 1, 1)]], c.row.col('true_first_name')),
          { hidden: true },
        )
        .column('family', t.string(), (c) => firstOf([[c.row.col('noise_name_change'), c.row.col('previous_last_name')]], c.row.col('true_last_name')), { hidden: true })
        .column('first_raw', t.string(), (c) => firstOf([[c.row.col('noise_transposed'), c.col('family')]], c.col('given')), { hidden: true })
        .column('last_raw', t.string(), (c) => firstOf([[c.row.col('noise_transposed'), c.col('given')]], c.col('family')), { hidden: true })
        .column('email_raw', t.string(), (c) =>
          firstOf([[c.row.col('noise_shared_contact'), c.row.col('household_email')], [c.row.col('noise_other_email'), c.row.col('second_email')]], c.row.col('true_email')),
          { hidden: true },
        )
        .column('address_raw', t.string(), (c) => firstOf([[c.row.col('noise_stale_address'), c.row.col('previous_address_line')]], c.row.col('true_address_line')), { hidden: true })
        .column('phone_raw', t.string(), (c) => firstOf([[c.row.col('noise_shared_contact'), c.row.col('household_phone')]], c.row.col('true_phone')), { hidden: true })
        .column('typo_in', t.string(), (c) => firstOf([[c.col('typo_field').eq(0), c.col('first_raw')], [c.col('typo_field').eq(1), c.col('last_raw')], [c.col('typo_field').eq(2), c.col('email_raw')]], c.col('address_raw')), { hidden: true })
        .column('typo_once', t.string(), (c) => typo(c.col('typo_in'), c.col('typo_op'), c.col('typo_pos'), c.col('typo_char')), { hidden: true })
        .column('typo_out', t.string(), (c) => firstOf([[c.col('typo_twice'), typo(c.col('typo_once'), lit(0), c.col('typo_pos2'), c.col('typo_char2'))]], c.col('typo_once')), { hidden: true })
        .column('first_name', t.string(), (c) => firstOf([[c.row.col('noise_typo').and(c.col('typo_field').eq(0)), c.col('typo_out')]], c.col('first_raw')), {
          comment: 'First name as the source holds it',
        })
        .column('last_name', t.string(), (c) => firstOf([[c.row.col('noise_typo').and(c.col('typo_field').eq(1)), c.col('typo_out')]], c.col('last_raw')), {
          comment: 'Last name as the source holds it',
        })
        .column('email_typed', t.string(), (c) => firstOf([[c.row.col('noise_typo').and(c.col('typo_field').eq(2)), c.col('typo_out')]], c.col('email_raw')), { hidden: true })
        .column('email', t.string(), (c) =>
          firstOf(
            [
              [c.row.col('noise_missing').and(c.col('missing_field').eq(0)), nullOf(t.string())],
              [c.row.col('noise_format'), concat(upper(substr(c.col('email_typed'), 1, 1)), substr(c.col('email_typed'), 2, 200))],
            ],
            c.col('email_typed'),
          ),
          { comment: 'Email address (NULL when the source has none)' },
        )
        .column('phone', t.string(), (c) => {
          const p = c.col('phone_raw');
          return firstOf(
            [
              [c.row.col('noise_missing').and(c.col('missing_field').eq(1)), nullOf(t.string())],
              [c.row.col('noise_format'), phoneText(substr(p, 2, 3), substr(p, 7, 3), substr(p, 11, 4), c.col('phone_format'))],
            ],
            p,
          );
        }, { comment: 'Phone number in the source’s format (NULL when missing)' })
        .column('address_typed', t.string(), (c) => firstOf([[c.row.col('noise_typo').and(c.col('typo_field').eq(3)), c.col('typo_out')]], c.col('address_raw')), { hidden: true })
        .column('address_missing', t.boolean(), (c) => c.row.col('noise_missing').and(c.col('missing_field').eq(2)), { hidden: true })
        .column('address_line', t.string(), (c) => firstOf([[c.col('address_missing'), nullOf(t.string())], [c.row.col('noise_format'), upper(c.col('address_typed'))]], c.col('address_typed')), {
          comment: 'Street address (NULL when missing)',
        })
        .column('city', t.string(), (c) => firstOf([[c.col('address_missing'), nullOf(t.string())], [c.row.col('noise_stale_address'), c.row.col('previous_city')]], c.row.col('true_city')), { comment: 'City' })
        .column('state', t.string(), (c) => firstOf([[c.col('address_missing'), nullOf(t.string())], [c.row.col('noise_stale_address'), c.row.col('previous_state')]], c.row.col('true_state')), { comment: 'USPS state code' })
        .column('zip', t.string(), (c) => firstOf([[c.col('address_missing'), nullOf(t.string())], [c.row.col('noise_stale_address'), c.row.col('previous_zip')]], c.row.col('true_zip')), { comment: 'Five-digit ZIP code' })
        .column('date_of_birth', t.string(), (c) => {
          const d = c.row.col('true_date_of_birth');
          return firstOf(
            [
              [c.row.col('noise_missing').and(c.col('missing_field').eq(3)), firstOf([[c.col('missing_keeps_year'), substr(d, 1, 4)]], nullOf(t.string()))],
              [c.row.col('noise_format'), concat(substr(d, 6, 2), '/', substr(d, 9, 2), '/', substr(d, 1, 4))],
            ],
            d,
          );
        }, { comment: 'Date of birth: YYYY-MM-DD, MM/DD/YYYY, only the year (YYYY) or NULL' })
        .column('observed_at', t.timestamp(), () => timestampIn({ start: w.startMicros, days: w.days }), { comment: 'When the source last updated the record (inside the window)' })
        .foreignKey('record_id', 'truth_source_records')
        .notNull('source_system')
        .oneOf('source_system', SOURCE_SYSTEMS)
        .range('observed_at', w.startMicros, w.endMicros - 1),
    );
}
