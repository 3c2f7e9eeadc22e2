/**
 * content_engagements: the events observed on each individual's identifiers, in sessions.
 *
 * A person's events (index i) fall into sessions of a per-person length L (1 … 2·mean − 1):
 * session i div L, position i mod L. Everything the events of one session share (start time in
 * the household's local time, device, identifier) comes from a keyed hash of the session key;
 * positions group into blocks (of three by default) whose first event views or clicks an item and whose
 * follow-ups may share, like or comment on the item just viewed.
 */
import { bernoulli, concat, dayWeights, greatest, least, lit, lognormal, normal, nullOf, pick, poisson, powerLaw, steps, t, uniform, type Micros, type ScenarioBuilder, type X } from '@synthgraph/core';
import type { IdentityGraphModel } from '../model.js';
import { FANOUT } from '../model.js';
import { TYPE_ORDER } from '../event-model.js';
import { DEVICE_BY_IDENTIFIER, DEVICE_IDENTIFIERS, DEVICE_TYPES, IDENTIFIER_TYPES, VIEW_SECONDS_CATEGORY_FACTOR, VIEW_SECONDS_MEDIAN, type DeviceType, type IdentifierType } from '../vocabulary.js';
import { choose, clamp, firstOf, hashIndex, logLogistic, popularityRank } from './expressions.js';
import type { identityStage } from './identity.js';
import { observesDstOf, standardOffsetOf } from '../time-zones.js';
import { hashStage1, hashStage2, hashStage3, hashUnit } from './session-hash.js';

type IdentityEntities = ReturnType<typeof identityStage> extends ScenarioBuilder<infer E> ? E : never;

const DAY = 86_400_000_000;
const HOUR = 3_600_000_000;
const SECOND = 1_000_000;
/** Session keys: individual key · 4096 + session number (sessions never outnumber events). */
const SESSION_STRIDE = 4096;
/** Block keys: (session key mod 2^31 − 1) · 2048 + block number. */
const BLOCK_STRIDE = 2048;
const SOCIAL = ['share', 'like', 'comment'] as const;

/** A popularity rank in 1..n from a uniform expression (see `popularityRank`). */
function rankOf(u: X<number>, n: number): X<number> {
  const c = 1 - (n + 1) ** -0.25;
  const inv = lit(1).div(lit(1).minus(u.times(c)));
  const sq = inv.times(inv);
  return least(n, greatest(1, sq.times(sq).floor()));
}

/** A timestamp as its epoch microseconds. */
const micros = (x: X<Micros>): X<number> => x as unknown as X<number>;

/** `x` is one of `values`. */
function isIn(x: X<string>, values: readonly string[]): X<boolean> {
  return values.map((v) => x.eq(v)).reduce((a, b) => a.or(b), lit(false));
}

/** Whether the device can be observed on the identifier type. */
function compatible(device: X<string>, type: X<string>): X<boolean> {
  return firstOf(
    DEVICE_TYPES.map((d) => [device.eq(d), isIn(type, DEVICE_IDENTIFIERS[d])] as const),
    lit(false),
  );
}

/**
 * Adds content_engagements.
 *
 * @example
 * ```ts
 * const s = engagementsStage(identityStage(peopleStage(model), model), model);
 * ```
 */
export function engagementsStage(s: ScenarioBuilder<IdentityEntities>, m: IdentityGraphModel) {
  const w = m.window;
  const ev = m.events;
  const cfg = m.config;
  const em = m.engagement;
  /** Events per block: an opening view (or click) and the follow-ups that may react to it. */
  const BLOCK = em.session.block;
  const dayW = dayWeights({ kind: 'timestamp', start: w.startMicros, days: w.days, hourWeights: null, weekdayWeights: m.temporal.weekly ?? null, monthWeights: m.temporal.monthly ?? null, within: null });
  const dayIdx = dayW.map((_, i) => i);
  const hours = Array.from({ length: 24 }, (_, h) => h);
  const catalog = cfg.engagement.content_catalog_size;
  const typeOf = (u: X<number>, probs: readonly number[]): X<string> => choose(u, probs, TYPE_ORDER);
  const byDevice = <T>(device: X<string>, f: (d: DeviceType) => X<T>): X<T> =>
    firstOf(
      DEVICE_TYPES.slice(0, -1).map((d) => [device.eq(d), f(d)] as const),
      f(DEVICE_TYPES[DEVICE_TYPES.length - 1] as DeviceType),
    );
  return s.entity('content_engagements', (e) =>
    e
      .childrenOf('individuals', {
        count: () => {
          const raw =
            ev.kind === 'poisson'
              ? poisson(ev.param)
              : ev.kind === 'normal'
                ? normal(ev.param, ev.sd).plus(0.5).floor()
                : ev.kind === 'lognormal'
                  ? lognormal(ev.param, ev.sd).plus(0.5).floor()
                  : powerLaw(ev.param, 1, ev.max + 1).floor();
          return clamp(raw, 1, ev.max);
        },
        max: FANOUT.events,
      })
      .comment('Content engagement events in sessions: each session is minutes of events on one of the individual’s identifiers (active at the time), shaped in the household’s local time.')
      .key('event_id', { comment: 'Event id, opaque (does not reveal the individual)' })
      .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'), { comment: 'Who engaged (ground truth behind the identifier)' })
      .column('time_zone', t.string(), (c) => c.lookup('households', c.parent.col('household_id'), 'time_zone'), { hidden: true })
      .column('session_length', t.int(), (c) => hashIndex(c.parent.col('individual_id'), em.session.maxLength - em.session.minLength + 1, 9).plus(em.session.minLength), { hidden: true })
      .column('session_no', t.int(), (c) => c.index().idiv(c.col('session_length')), { hidden: true })
      .column('position', t.int(), (c) => c.index().mod(c.col('session_length')), { hidden: true })
      .column('session_key', t.bigint(), (c) => c.parent.col('individual_id').times(SESSION_STRIDE).plus(c.col('session_no')), { hidden: true })
      .column('block_key', t.bigint(), (c) => c.col('session_key').mod(2_147_483_647).times(BLOCK_STRIDE).plus(c.col('position').idiv(BLOCK)), { hidden: true })
      // keyed hashes: session time (1, 2), device and identifier (3), session id (4, 5), block item and types (6, 7)
      .column('hs1_a', t.bigint(), (c) => hashStage1(c.col('session_key'), 1), { hidden: true })
      .column('hs2_a', t.bigint(), (c) => hashStage1(c.col('session_key'), 2), { hidden: true })
      .column('hs3_a', t.bigint(), (c) => hashStage1(c.col('session_key'), 3), { hidden: true })
      .column('hs4_a', t.bigint(), (c) => hashStage1(c.col('session_key'), 4), { hidden: true })
      .column('hs5_a', t.bigint(), (c) => hashStage1(c.col('session_key').idiv(65_536), 5), { hidden: true })
      .column('hb6_a', t.bigint(), (c) => hashStage1(c.col('block_key'), 6), { hidden: true })
      .column('hb7_a', t.bigint(), (c) => hashStage1(c.col('block_key'), 7), { hidden: true })
      .column('hs1_b', t.bigint(), (c) => hashStage2(c.col('hs1_a'), 1), { hidden: true })
      .column('hs2_b', t.bigint(), (c) => hashStage2(c.col('hs2_a'), 2), { hidden: true })
      .column('hs3_b', t.bigint(), (c) => hashStage2(c.col('hs3_a'), 3), { hidden: true })
      .column('hs4_b', t.bigint(), (c) => hashStage2(c.col('hs4_a'), 4), { hidden: true })
      .column('hs5_b', t.bigint(), (c) => hashStage2(c.col('hs5_a'), 5), { hidden: true })
      .column('hb6_b', t.bigint(), (c) => hashStage2(c.col('hb6_a'), 6), { hidden: true })
      .column('hb7_b', t.bigint(), (c) => hashStage2(c.col('hb7_a'), 7), { hidden: true })
      .column('hs1', t.bigint(), (c) => hashStage3(c.col('hs1_b')), { hidden: true })
      .column('hs2', t.bigint(), (c) => hashStage3(c.col('hs2_b')), { hidden: true })
      .column('hs3', t.bigint(), (c) => hashStage3(c.col('hs3_b')), { hidden: true })
      .column('hs4', t.bigint(), (c) => hashStage3(c.col('hs4_b')), { hidden: true })
      .column('hs5', t.bigint(), (c) => hashStage3(c.col('hs5_b')), { hidden: true })
      .column('hb6', t.bigint(), (c) => hashStage3(c.col('hb6_b')), { hidden: true })
      .column('hb7', t.bigint(), (c) => hashStage3(c.col('hb7_b')), { hidden: true })
      // session start: local day (weekday and season), local hour (diurnal), second; then UTC
      .column('local_day', t.int(), (c) => choose(hashUnit(c.col('hs1'), 0, 31), dayW, dayIdx), { hidden: true })
      .column('local_hour', t.int(), (c) => (m.temporal.hourly ? choose(hashUnit(c.col('hs2'), 12, 19), m.temporal.hourly, hours) : hashUnit(c.col('hs2'), 12, 19).times(24).floor()), { hidden: true })
      .column('dst', t.int(), (c) => firstOf([[observesDstOf(c.col('time_zone')), em.dst.thresholds.length ? steps<number>(c.col('local_day'), em.dst.thresholds, em.dst.values) : lit(em.dst.values[0] as number)]], lit(0)), { hidden: true })
      .column('gap', t.bigint(), (c) => c.col('hs1').mod(241).plus(60).times(SECOND), { hidden: true })
      .column('span', t.bigint(), (c) => c.col('gap').times(c.col('session_length')), { hidden: true })
      .column('utc_start', t.bigint(), (c) =>
        lit(w.startMicros)
          .plus(c.col('local_day').times(DAY))
          .plus(c.col('local_hour').times(HOUR))
          .plus(c.col('hs2').mod(3600).times(SECOND))
          .minus(standardOffsetOf(c.col('time_zone')).plus(c.col('dst').times(60)).times(60 * SECOND)),
        { hidden: true },
      )
      .column('session_start', t.bigint(), (c) =>
        firstOf(
          [
            [c.col('utc_start').ge(w.endMicros), c.col('utc_start').minus(w.days * DAY)],
            [c.col('utc_start').lt(w.startMicros), c.col('utc_start').plus(w.days * DAY)],
            [c.col('utc_start').plus(c.col('span')).gt(w.endMicros - 1), lit(w.endMicros - 1).minus(c.col('span'))],
          ],
          c.col('utc_start'),
        ),
        { hidden: true },
      )
      // device intended by age, and three candidate identifiers (a hashed slot, the household CTV slot for CTV sessions, the primary)
      .column('intent', t.string(), (c) => {
        const age = c.parent.col('age');
        const u = hashUnit(c.col('hs3'), 0, 10);
        const bands = em.deviceByAge;
        return firstOf(
          bands.slice(0, -1).map((b) => [age.le(b.to), choose(u, b.shares, DEVICE_TYPES)] as const),
          choose(u, (bands[bands.length - 1] as (typeof bands)[number]).shares, DEVICE_TYPES),
        );
      }, { hidden: true })
      .column('slot_a', t.int(), (c) => hashUnit(c.col('hs3'), 10, 10).times(c.parent.col('identifier_count')).floor(), { hidden: true })
      .column('slot_b', t.int(), (c) => firstOf([[c.col('intent').eq('ctv'), least(3, c.parent.col('identifier_count').minus(1))]], c.col('slot_a').plus(1).mod(c.parent.col('identifier_count'))), { hidden: true })
      .column('key_a', t.bigint(), (c) => c.parent.col('individual_id').times(16).plus(c.col('slot_a')), { hidden: true })
      .column('key_b', t.bigint(), (c) => c.parent.col('individual_id').times(16).plus(c.col('slot_b')), { hidden: true })
      .column('key_c', t.bigint(), (c) => c.parent.col('individual_id').times(16), { hidden: true })
      .column('type_a', t.string(), (c) => c.lookup('identity_mappings', c.col('key_a'), 'identifier_type'), { hidden: true })
      .column('type_b', t.string(), (c) => c.lookup('identity_mappings', c.col('key_b'), 'identifier_type'), { hidden: true })
      .column('type_c', t.string(), (c) => c.lookup('identity_mappings', c.col('key_c'), 'identifier_type'), { hidden: true })
      .column('first_a', t.timestamp(), (c) => c.lookup('identity_mappings', c.col('key_a'), 'first_seen'), { hidden: true })
      .column('first_b', t.timestamp(), (c) => c.lookup('identity_mappings', c.col('key_b'), 'first_seen'), { hidden: true })
      .column('first_c', t.timestamp(), (c) => c.lookup('identity_mappings', c.col('key_c'), 'first_seen'), { hidden: true })
      .column('last_a', t.timestamp(), (c) => c.lookup('identity_mappings', c.col('key_a'), 'last_seen'), { hidden: true })
      .column('last_b', t.timestamp(), (c) => c.lookup('identity_mappings', c.col('key_b'), 'last_seen'), { hidden: true })
      .column('last_c', t.timestamp(), (c) => c.lookup('identity_mappings', c.col('key_c'), 'last_seen'), { hidden: true })
      .column('value_a', t.string(), (c) => c.lookup('identity_mappings', c.col('key_a'), 'identifier_value'), { hidden: true })
      .column('value_b', t.string(), (c) => c.lookup('identity_mappings', c.col('key_b'), 'identifier_value'), { hidden: true })
      .column('value_c', t.string(), (c) => c.lookup('identity_mappings', c.col('key_c'), 'identifier_value'), { hidden: true })
      .column('active_a', t.boolean(), (c) => micros(c.col('first_a')).le(c.col('session_start')).and(c.col('session_start').plus(c.col('span')).le(micros(c.col('last_a')))), { hidden: true })
      .column('active_b', t.boolean(), (c) => micros(c.col('first_b')).le(c.col('session_start')).and(c.col('session_start').plus(c.col('span')).le(micros(c.col('last_b')))), { hidden: true })
      .column('active_c', t.boolean(), (c) => micros(c.col('first_c')).le(c.col('session_start')).and(c.col('session_start').plus(c.col('span')).le(micros(c.col('last_c')))), { hidden: true })
      .column('chosen', t.int(), (c) =>
        firstOf(
          [
            [c.col('active_a').and(compatible(c.col('intent'), c.col('type_a'))), lit(0)],
            [c.col('active_b').and(compatible(c.col('intent'), c.col('type_b'))), lit(1)],
            [c.col('active_c').and(compatible(c.col('intent'), c.col('type_c'))), lit(2)],
            [c.col('active_a'), lit(0)],
            [c.col('active_b'), lit(1)],
            [c.col('active_c'), lit(2)],
          ],
          lit(0),
        ),
        { hidden: true },
      )
      .column('identifier_type', t.string(), (c) => firstOf([[c.col('chosen').eq(1), c.col('type_b')], [c.col('chosen').eq(2), c.col('type_c')]], c.col('type_a')), {
        comment: 'Type of the identifier the event was observed on (one per session)',
      })
      .column('identifier_value', t.string(), (c) => firstOf([[c.col('chosen').eq(1), c.col('value_b')], [c.col('chosen').eq(2), c.col('value_c')]], c.col('value_a')), {
        comment: 'The identifier (one of the individual’s mappings, active at event_ts; one per session)',
      })
      .column('id_first_seen', t.timestamp(), (c) => firstOf([[c.col('chosen').eq(1), c.col('first_b')], [c.col('chosen').eq(2), c.col('first_c')]], c.col('first_a')), { hidden: true })
      .column('id_last_seen', t.timestamp(), (c) => firstOf([[c.col('chosen').eq(1), c.col('last_b')], [c.col('chosen').eq(2), c.col('last_c')]], c.col('last_a')), { hidden: true })
      .column('id_lo', t.bigint(), (c) => greatest(micros(c.col('id_first_seen')), w.startMicros), { hidden: true })
      .column('id_hi', t.bigint(), (c) => least(micros(c.col('id_last_seen')), w.endMicros - 1), { hidden: true })
      // a session outside its identifier's span moves by whole days into it (its local hour is kept)
      .column('start_in_span', t.bigint(), (c) => {
        const start = c.col('session_start');
        const early = c.col('id_lo').minus(start);
        const late = start.plus(c.col('span')).minus(c.col('id_hi'));
        return firstOf(
          [
            [early.gt(0), start.plus(early.plus(DAY - 1).idiv(DAY).times(DAY))],
            [late.gt(0), start.minus(late.plus(DAY - 1).idiv(DAY).times(DAY))],
          ],
          start,
        );
      }, { hidden: true })
      .column('event_ts', t.timestamp(), (c) => {
        const raw = c.col('start_in_span').plus(c.col('position').times(c.col('gap'))).plus(uniform().times(c.col('gap')).times(0.5).floor());
        return greatest<Micros>(c.col('id_lo') as unknown as X<Micros>, least<Micros>(c.col('id_hi') as unknown as X<Micros>, raw as X<Micros>));
      }, { comment: 'When it happened (UTC): sessions start at local-time-shaped moments, events follow minutes apart; inside the window and the identifier’s active span' })
      .column('dev', t.string(), (c) => {
        const type = c.col('identifier_type');
        const u = hashUnit(c.col('hs3'), 20, 11);
        const probsOf = (k: IdentifierType): number[] => DEVICE_TYPES.map((d) => DEVICE_BY_IDENTIFIER[k][d] ?? 0);
        const fromType = firstOf(
          IDENTIFIER_TYPES.slice(0, -1).map((k) => [type.eq(k), choose(u, probsOf(k), DEVICE_TYPES)] as const),
          choose(u, probsOf(IDENTIFIER_TYPES[IDENTIFIER_TYPES.length - 1] as IdentifierType), DEVICE_TYPES),
        );
        return firstOf([[compatible(c.col('intent'), type), c.col('intent')]], fromType);
      }, { hidden: true })
      // block types: the first event views (or clicks) an item, the follow-ups may share, like or comment on it
      .column('type_first', t.string(), (c) => byDevice(c.col('dev'), (d) => typeOf(hashUnit(c.col('hb6'), 0, 10), d === 'ctv' ? em.types.ctv.first : em.types.other.first)), { hidden: true })
      .column('etype', t.string(), (c) => {
        const u = uniform();
        const second = byDevice(c.col('dev'), (d) => {
          const p = d === 'ctv' ? em.types.ctv : em.types.other;
          return firstOf([[c.col('type_first').eq('view'), typeOf(u, p.afterView)]], typeOf(u, p.afterClick));
        });
        return firstOf([[c.col('position').mod(BLOCK).eq(0), c.col('type_first')]], second);
      }, { hidden: true })
      .column('on_block_item', t.boolean(), (c) => c.col('position').mod(BLOCK).eq(0).or(isIn(c.col('etype'), SOCIAL)), { hidden: true })
      .column('content_category', t.string(), (c) => {
        const blockCat = firstOf([[hashUnit(c.col('hb6'), 10, 21).lt(cfg.engagement.interest_strength), c.parent.col('primary_interest')]], choose(hashUnit(c.col('hb7'), 0, 10), m.categoryWeights, m.categories));
        const freshCat = firstOf([[bernoulli(cfg.engagement.interest_strength), c.parent.col('primary_interest')]], pick(m.categories, m.categoryWeights));
        return firstOf([[c.col('on_block_item'), blockCat]], freshCat);
      }, { comment: 'Content category (the individual’s primary interest, or drawn by the category weights)' })
      .column('content_rank', t.bigint(), (c) => firstOf([[c.col('on_block_item'), rankOf(hashUnit(c.col('hb7'), 10, 21), catalog)]], popularityRank(catalog)), { hidden: true })
      .column('content_id', t.string(), (c) => concat(c.col('content_category'), '_', c.col('content_rank').str().lpad(String(catalog).length, '0')), {
        comment: 'Content item (popularity is power-law within a category)',
      })
      .column('engagement_type', t.string(), (c) => c.col('etype'), { comment: 'view, click, share, like or comment (shares, likes and comments follow a view of the same content in the session)' })
      .column('device_type', t.string(), (c) => c.col('dev'), { comment: 'desktop, mobile, tablet or ctv (one per session; its share by age follows Pew Research and Nielsen)' })
      .column('duration_seconds', t.int(), (c) => {
        const median = byDevice(c.col('dev'), (d) => lit(VIEW_SECONDS_MEDIAN[d])).times(
          firstOf(
            m.categories.map((k) => [c.col('content_category').eq(k), lit(VIEW_SECONDS_CATEGORY_FACTOR[k] ?? 1)] as const),
            lit(1),
          ),
        );
        return firstOf([[c.col('engagement_type').eq('view'), clamp(logLogistic(median).floor(), 1, 4 * 3600)]], nullOf(t.int()));
      }, { comment: 'Seconds watched: > 0 for views (median by device and category), NULL otherwise' })
      .column('session_id', t.string(), (c) => concat('ses_', c.col('hs4').str().lpad(10, '0'), c.col('hs5').str().lpad(10, '0')), {
        comment: 'Opaque session identifier (a keyed hash of the session; events of a session share it)',
      })
      .foreignKey('individual_id', 'individuals')
      .oneOf('engagement_type', ['view', 'click', 'share', 'like', 'comment'])
      .oneOf('content_category', m.categories)
      .oneOf('device_type', DEVICE_TYPES)
      .oneOf('identifier_type', IDENTIFIER_TYPES)
      .notNull('identifier_value')
      .range('event_ts', w.startMicros, w.endMicros - 1)
      .range('duration_seconds', 1, null)
      .rule('duration_only_for_views', (c) =>
        c.col('engagement_type').eq('view').and(c.col('duration_seconds').isNull()).or(c.col('engagement_type').ne('view').and(c.col('duration_seconds').isNull().not())),
      ),
  );
}
