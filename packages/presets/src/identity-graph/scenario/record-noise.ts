/**
 * The string operations of the source-record noise model, built only from core's DSL:
 * stable per-person hash draws, typos at edit distance 1, phone formats and birth-date text.
 */
import { concat, lit, substr, type X } from '@synthgraph/core';
import { firstOf, hashIndex } from './expressions.js';

/** Resolution of {@link hashUnit}. */
const UNIT = 1_000_000;

/**
 * A stable value in [0, 1) of a non-negative key and a round: the same for every record of
 * one person (unlike a draw, which is keyed by the row).
 *
 * @example
 * ```ts
 * hashUnit(c.parent.col('individual_id'), 101).lt(0.55); // covered by the CRM
 * ```
 */
export function hashUnit(key: X<number>, round: number): X<number> {
  return hashIndex(key, UNIT, round).div(UNIT);
}

/** The edit operations of a typo. */
export const TYPO_OPS = ['substitute', 'delete', 'swap', 'insert'] as const;
/** The 1-based character positions a typo may touch (the first letter is kept, as in most keying errors). */
export const TYPO_POSITIONS = [2, 3, 4] as const;
/** Characters a typo substitutes or inserts. */
const TYPO_CHARS = ['a', 'e', 'i', 'o', 'n', 'r', 's', 't'] as const;

/**
 * `s` with one edit (substitution, deletion, adjacent swap or insertion) at a position, as a
 * CASE over the operation (0–3) and the position index (0–2). A substitution of a character
 * by itself writes `x` instead, so the edit distance is always 1 when `s` reaches the position.
 *
 * @example
 * ```ts
 * typo(c.col('first'), intBetween(0, 3), intBetween(0, 2), intBetween(0, 7));
 * ```
 */
export function typo(s: X<string>, op: X<number>, pos: X<number>, ch: X<number>): X<string> {
  const char = firstOf(
    TYPO_CHARS.slice(0, -1).map((c, i) => [ch.eq(i), lit(c)] as const),
    lit(TYPO_CHARS[TYPO_CHARS.length - 1] as string),
  );
  const branches: (readonly [X<boolean>, X<string>])[] = [];
  TYPO_POSITIONS.forEach((p, pi) => {
    const head = substr(s, 1, p - 1);
    const at = substr(s, p, 1);
    const other = firstOf([[at.eq(char), lit('x')]], char);
    const edits: X<string>[] = [concat(head, other, substr(s, p + 1, 200)), concat(head, substr(s, p + 1, 200)), concat(head, substr(s, p + 1, 1), at, substr(s, p + 2, 200)), concat(head, at, char, substr(s, p + 1, 200))];
    edits.forEach((edit, oi) => branches.push([op.eq(oi).and(pos.eq(pi)), edit]));
  });
  const last = branches.pop() as readonly [X<boolean>, X<string>];
  return firstOf(branches, last[1]);
}

/**
 * A US phone number from its area code, exchange and line (3, 3 and 4 digits) in one of four
 * formats: 0 `(AAA) EEE-LLLL` (the canonical one), 1 `AAA-EEE-LLLL`, 2 `AAA.EEE.LLLL`,
 * 3 `+1AAAEEELLLL`.
 *
 * @example
 * ```ts
 * phoneText(lit('415'), lit('555'), lit('0134'), lit(0)); // '(415) 555-0134'
 * ```
 */
export function phoneText(a: X<string>, e: X<string>, l: X<string>, format: X<number>): X<string> {
  return firstOf(
    [
      [format.eq(1), concat(a, '-', e, '-', l)],
      [format.eq(2), concat(a, '.', e, '.', l)],
      [format.eq(3), concat('+1', a, e, l)],
    ],
    concat('(', a, ') ', e, '-', l),
  );
}

/**
 * The canonical phone text of three integers (area and exchange 201–980, line 0–9999).
 *
 * @example
 * ```ts
 * phoneOf(hashIndex(id, 780, 1).plus(201), hashIndex(id, 780, 2).plus(201), hashIndex(id, 10_000, 3));
 * ```
 */
export function phoneOf(area: X<number>, exchange: X<number>, line: X<number>): X<string> {
  return phoneText(area.str(), exchange.str(), line.str().lpad(4, '0'), lit(0));
}

/**
 * A date as `YYYY-MM-DD` (format 0) or `MM/DD/YYYY` (format 1).
 *
 * @example
 * ```ts
 * dateText(c.col('birth_year'), c.col('birth_month'), c.col('birth_day'), lit(0)); // '1984-07-19'
 * ```
 */
export function dateText(year: X<number>, month: X<number>, day: X<number>, format: X<number>): X<string> {
  const y = year.str();
  const m = month.str().lpad(2, '0');
  const d = day.str().lpad(2, '0');
  return firstOf([[format.eq(1), concat(m, '/', d, '/', y)]], concat(y, '-', m, '-', d));
}
