/**
 * Reference data of the people half of the identity graph: household composition (persons,
 * minors, couples), household roles, employment by age and how household income is split among
 * the adults. Every default names its public source (docs/tables/households.md and
 * individuals.md repeat them).
 */

/**
 * Household roles of individuals (the adults of a household; minors are counted, not modelled).
 *
 * @example
 * ```ts
 * HOUSEHOLD_ROLES[0]; // "householder"
 * ```
 */
export const HOUSEHOLD_ROLES = ['householder', 'partner', 'adult_child', 'parent', 'other_relative', 'roommate'] as const;
/** A household role. */
export type HouseholdRole = (typeof HOUSEHOLD_ROLES)[number];

/**
 * US households by number of persons, 1 to 10 (Census Bureau, America's Families and Living
 * Arrangements 2023, CPS ASEC table HH-4 "Households by size"; the 7+ row spread over 7–10).
 * Mean 2.45 persons on 1–10.
 *
 * @example
 * ```ts
 * US_HOUSEHOLD_SIZE_SHARES[0]; // 0.285
 * ```
 */
export const US_HOUSEHOLD_SIZE_SHARES: readonly number[] = [0.285, 0.345, 0.152, 0.126, 0.058, 0.022, 0.008, 0.0025, 0.001, 0.0005];

/**
 * Relative likelihood that a household of a given size (persons) includes minors, by size
 * 2, 3, 4, 5+ (CPS ASEC 2023 table H2/HH-4: family households with own children under 18 by
 * size). Scaled at compile time so the configured share of households with children holds.
 *
 * @example
 * ```ts
 * CHILDREN_BY_SIZE[0]; // 0.09
 * ```
 */
export const CHILDREN_BY_SIZE: readonly number[] = [0.09, 0.55, 0.78, 0.88];

/**
 * Share of households of 4+ persons with minors and two or more adults that have a third adult
 * (a grandparent or an adult child living with parents and minors; CPS ASEC 2023 table AVG1 and
 * Pew's multigenerational-household estimates).
 *
 * @example
 * ```ts
 * THIRD_ADULT_WITH_MINORS; // 0.2
 * ```
 */
export const THIRD_ADULT_WITH_MINORS = 0.2;

/**
 * Relative likelihood of minors in the household by the householder's age (CPS ASEC 2023
 * table FG10, family groups with children under 18 by age of the reference person).
 *
 * @example
 * ```ts
 * childrenByHouseholderAge(40); // 1.6
 * ```
 */
export function childrenByHouseholderAge(age: number): number {
  if (age < 25) return 0.8;
  if (age < 35) return 1.25;
  if (age < 45) return 1.6;
  if (age < 55) return 1.05;
  if (age < 65) return 0.3;
  return 0.06;
}

/**
 * Role of each adult after the householder (and the partner, when there is one): relative
 * weights (CPS ASEC 2023 table A2 / AVG1: adults 18+ by relationship to the householder —
 * adult children ≈ 9%, other relatives ≈ 5%, parents ≈ 1.5%, non-relatives ≈ 4.5% of adults).
 * An adult child needs a householder at least 38 (18–40 years younger, at least 18), a parent
 * one at least 20 years below the oldest age; otherwise the member is an other relative.
 *
 * @example
 * ```ts
 * OTHER_MEMBER_ROLES["adult_child"]; // 0.45
 * ```
 */
export const OTHER_MEMBER_ROLES: Readonly<Record<'adult_child' | 'parent' | 'other_relative' | 'roommate', number>> = {
  adult_child: 0.45,
  parent: 0.1,
  other_relative: 0.2,
  roommate: 0.25,
};

/**
 * Age gaps of the role model: adult children and parents are 20–38 years apart from the
 * householder (clamped so an adult child is at least 18); partners differ by a rounded
 * normal(0, 3.5) (CPS ASEC 2023 table FG3: the median spouse age gap is 2 years).
 *
 * @example
 * ```ts
 * ROLE_AGE_GAPS["partnerSd"]; // 3.5
 * ```
 */
export const ROLE_AGE_GAPS = { generation: [20, 38] as const, partnerSd: 3.5, adultChildMinHouseholderAge: 38 } as const;

/**
 * How household income is split among the adults: relative weight of each role. Individual
 * income is total money income (CPS ASEC person income PINC: earnings, Social Security,
 * pensions, interest), so the members' incomes add up to the household income (the Census
 * definition of household income; minors' income counted as 0).
 *
 * @example
 * ```ts
 * INCOME_WEIGHTS["partner"]; // 0.75
 * ```
 */
export const INCOME_WEIGHTS = { householder: 1, partner: 0.75, other: 0.4 } as const;

/**
 * Full-time work at 35+ hours for 52 weeks at the federal minimum wage ($7.25): the floor
 * below which a full-time status becomes part time.
 *
 * @example
 * ```ts
 * FULL_TIME_MIN_INCOME; // 15080
 * ```
 */
export const FULL_TIME_MIN_INCOME = 15_080;

/**
 * Employment status by age band (BLS CPS 2023 annual averages, table 3 "Employment status of the
 * civilian noninstitutional population by age"; table 8 for part time; students from CPS
 * October school enrollment; retired from CPS ASEC not-in-labor-force reasons). Rows: share
 * of the band in full_time, part_time, self_employed, unemployed, student, retired,
 * not_in_labor_force. The configured marginal rescales the columns (the age shape is kept).
 *
 * @example
 * ```ts
 * EMPLOYMENT_BY_AGE[0]; // {"from":18,"to":21,"shares":[0.2,0.22,0.01,0.06,0.42,0,0.09]}
 * ```
 */
export const EMPLOYMENT_BY_AGE: readonly { readonly from: number; readonly to: number; readonly shares: readonly number[] }[] = [
  { from: 18, to: 21, shares: [0.2, 0.22, 0.01, 0.06, 0.42, 0, 0.09] },
  { from: 22, to: 24, shares: [0.45, 0.14, 0.02, 0.06, 0.22, 0, 0.11] },
  { from: 25, to: 34, shares: [0.67, 0.08, 0.05, 0.04, 0.04, 0, 0.12] },
  { from: 35, to: 49, shares: [0.67, 0.07, 0.08, 0.03, 0.01, 0, 0.14] },
  { from: 50, to: 61, shares: [0.58, 0.07, 0.09, 0.03, 0.003, 0.08, 0.147] },
  { from: 62, to: 64, shares: [0.35, 0.08, 0.09, 0.02, 0.001, 0.36, 0.099] },
  { from: 65, to: 66, shares: [0.2, 0.08, 0.07, 0.015, 0, 0.57, 0.065] },
  { from: 67, to: 74, shares: [0.1, 0.07, 0.06, 0.01, 0, 0.7, 0.06] },
  { from: 75, to: 100, shares: [0.03, 0.03, 0.03, 0.003, 0, 0.86, 0.047] },
];

/**
 * Relative likelihood of each employment status by household income bracket (lowest first):
 * full-time workers live in higher-income households, the unemployed, part-timers and people
 * out of the labour force in lower ones (CPS ASEC 2023 table HINC-05, household income by work
 * experience of the householder).
 *
 * @example
 * ```ts
 * EMPLOYMENT_BY_BRACKET["full_time"]; // [0.04,0.35,1,1.35,1.5]
 * ```
 */
export const EMPLOYMENT_BY_BRACKET: Readonly<Record<'full_time' | 'part_time' | 'self_employed' | 'unemployed' | 'student' | 'retired' | 'not_in_labor_force', readonly number[]>> = {
  full_time: [0.04, 0.35, 1, 1.35, 1.5],
  part_time: [1.6, 1.3, 1, 0.8, 0.7],
  self_employed: [0.6, 0.85, 1, 1.1, 1.3],
  unemployed: [2.5, 1.5, 1, 0.6, 0.4],
  student: [1.3, 1.1, 1, 0.9, 0.9],
  retired: [1.6, 1.3, 1, 0.8, 0.7],
  not_in_labor_force: [1.8, 1.3, 1, 0.8, 0.7],
};
