/** Realism targets of the people area (see docs/realism.md). */
import type { RealismTarget } from './types.js';

const AFLA = "Census Bureau, America's Families and Living Arrangements 2023 (CPS ASEC)";
const EDUCATION_RANK =
  "CASE education_level WHEN 'less_than_high_school' THEN 0 WHEN 'high_school' THEN 1 WHEN 'some_college' THEN 2 WHEN 'associate' THEN 3 WHEN 'bachelor' THEN 4 WHEN 'master' THEN 5 ELSE 6 END";
const couples = "FROM individuals h JOIN individuals p USING (household_id) WHERE h.household_role = 'householder' AND p.household_role = 'partner'";
const share = (cond: string, from: string): string => `SELECT avg(CASE WHEN ${cond} THEN 1.0 ELSE 0.0 END) AS value FROM ${from}`;

const COMPOSITION: readonly RealismTarget[] = [
  { id: 'people.persons_per_household', area: 'household composition', target: 'persons per household 2.4–2.6', source: `${AFLA}, table HH-4 (2.5 persons)`, sql: 'SELECT avg(household_size) AS value FROM households', min: 2.4, max: 2.6 },
  { id: 'people.adults_per_household', area: 'household composition', target: 'adults per household 1.85–2.05', source: `${AFLA}, tables HH-4 and AVG1 (≈ 1.95 adults)`, sql: 'SELECT avg(num_adults) AS value FROM households', min: 1.85, max: 2.05 },
  {
    id: 'people.one_person_households',
    area: 'household composition',
    target: 'one-person households 26–31%',
    source: `${AFLA}, table HH-4 (28–29%)`,
    sql: share('household_size = 1', 'households'),
    min: 0.26,
    max: 0.31,
    format: 'percent',
  },
  {
    id: 'people.households_with_minors',
    area: 'household composition',
    target: 'households with minors 24–30%',
    source: `${AFLA}, table H2 (households with related children under 18: 27%)`,
    sql: share('num_children > 0', 'households'),
    min: 0.24,
    max: 0.3,
    format: 'percent',
  },
  {
    id: 'people.adults_are_individuals',
    area: 'household composition',
    target: 'num_adults equals the household’s individuals and household_size = num_adults + num_children in every household',
    source: 'identity-graph spec (minors are counted, not modelled)',
    sql: `${share('h.num_adults = coalesce(i.n, 0) AND h.household_size = h.num_adults + h.num_children', 'households h LEFT JOIN (SELECT household_id, count(*) AS n FROM individuals GROUP BY 1) i USING (household_id)')}`,
    min: 1,
    max: 1,
    format: 'percent',
  },
];

const ROLES: readonly RealismTarget[] = [
  { id: 'people.couple_households', area: 'roles', target: 'households with a partner 50–58%', source: `${AFLA}, tables H1 and UC1 (married 47% + unmarried partners 7%)`, sql: share('has_partner', 'households'), min: 0.5, max: 0.58, format: 'percent' },
  {
    id: 'people.partners_opposite_gender',
    area: 'roles',
    target: 'partners opposite-gender in ≥ 97% of couples (configurable)',
    source: 'ACS 2022 same-sex couple households (1.3M of 72M couples)',
    sql: `SELECT avg(CASE WHEN h.gender <> p.gender THEN 1.0 ELSE 0.0 END) AS value ${couples} AND h.gender IN ('female', 'male') AND p.gender IN ('female', 'male')`,
    min: 0.97,
    max: 1,
    format: 'percent',
  },
  { id: 'people.partner_age_gap_median', area: 'roles', target: 'median partner age difference ≤ 3 years', source: `${AFLA}, table FG3 (spouses' age difference)`, sql: `SELECT median(abs(h.age - p.age)) AS value ${couples}`, min: 0, max: 3 },
  {
    id: 'people.adult_child_age_gap_min',
    area: 'roles',
    target: 'adult children at least 18 years younger than the householder',
    source: 'identity-graph spec',
    sql: "SELECT min(h.age - c.age) AS value FROM individuals h JOIN individuals c USING (household_id) WHERE h.household_role = 'householder' AND c.household_role = 'adult_child'",
    min: 18,
    max: 40,
  },
  {
    id: 'people.adult_child_age_gap_max',
    area: 'roles',
    target: 'adult children at most 40 years younger than the householder',
    source: 'identity-graph spec',
    sql: "SELECT max(h.age - c.age) AS value FROM individuals h JOIN individuals c USING (household_id) WHERE h.household_role = 'householder' AND c.household_role = 'adult_child'",
    min: 18,
    max: 40,
  },
  {
    id: 'people.roles_present',
    area: 'roles',
    target: 'all six roles occur (householder, partner, adult_child, parent, other_relative, roommate)',
    source: `${AFLA}, table A2 (adults by relationship to the householder)`,
    sql: "SELECT count(DISTINCT household_role) AS value FROM individuals WHERE household_role IN ('householder', 'partner', 'adult_child', 'parent', 'other_relative', 'roommate')",
    min: 6,
    max: 6,
  },
];

const BRACKET_OK =
  "(h.income_bracket = '<25k' AND s < 25000) OR (h.income_bracket = '25k-50k' AND s >= 24999 AND s < 50000) OR (h.income_bracket = '50k-100k' AND s >= 49999 AND s < 100000) OR (h.income_bracket = '100k-150k' AND s >= 99999 AND s < 150000) OR (h.income_bracket = '150k+' AND s >= 149999)";

const INCOME: readonly RealismTarget[] = [
  {
    id: 'people.fulltime_median_income',
    area: 'individual income',
    target: 'full-time median $50k–$70k',
    source: 'BLS Usual Weekly Earnings 2023 (full-time median $1,117/week ≈ $58k/yr); CPS ASEC PINC-01',
    sql: "SELECT median(income_individual) AS value FROM individuals WHERE employment_status = 'full_time'",
    min: 50_000,
    max: 70_000,
    format: 'dollars',
  },
  {
    id: 'people.fulltime_min_income',
    area: 'individual income',
    target: 'no full-time worker below $15,080/yr',
    source: 'federal minimum wage $7.25 × 2,080 hours',
    sql: "SELECT min(income_individual) AS value FROM individuals WHERE employment_status = 'full_time'",
    min: 15_080,
    max: 1e9,
    format: 'dollars',
  },
  {
    id: 'people.income_falls_with_education',
    area: 'individual income',
    target: 'full-time median income rises with every education level (count of levels below the one before: 0)',
    source: 'BLS Usual Weekly Earnings 2023, table 5 (earnings by educational attainment)',
    sql: `SELECT count(*) AS value FROM (SELECT med < lag(med) OVER (ORDER BY r) AS falls FROM (SELECT ${EDUCATION_RANK} AS r, median(income_individual) AS med FROM individuals WHERE employment_status = 'full_time' GROUP BY 1)) WHERE falls`,
    min: 0,
    max: 0,
  },
  {
    id: 'people.retiree_median_income',
    area: 'individual income',
    target: "retirees' median income $12k–$40k",
    source: 'CPS ASEC 2023 PINC-01 (persons 65+: median $30k); SSA average retired-worker benefit ≈ $22k',
    sql: "SELECT median(income_individual) AS value FROM individuals WHERE employment_status = 'retired'",
    min: 12_000,
    max: 40_000,
    format: 'dollars',
  },
  {
    id: 'people.student_median_income',
    area: 'individual income',
    target: "students' median income below $25k",
    source: 'CPS ASEC 2023 PINC-01 (persons 18–24 enrolled in school)',
    sql: "SELECT median(income_individual) AS value FROM individuals WHERE employment_status = 'student'",
    min: 0,
    max: 25_000,
    format: 'dollars',
  },
  {
    id: 'people.members_income_in_bracket',
    area: 'individual income',
    target: "members' incomes add up to an income in the household's bracket in ≥ 95% of households (non-member share 0: individual income is total money income)",
    source: 'CPS ASEC household income = sum of the members’ money incomes',
    sql: share(BRACKET_OK, 'households h JOIN (SELECT household_id, sum(income_individual) AS s FROM individuals GROUP BY 1) USING (household_id)'),
    min: 0.95,
    max: 1,
    format: 'percent',
  },
];

const EMPLOYMENT: readonly RealismTarget[] = [
  {
    id: 'people.students_aged_18_24',
    area: 'employment by age',
    target: 'students concentrated at 18–24 (≥ 55% of students)',
    source: 'BLS CPS 2023 table 3; CPS October 2022 school enrollment',
    sql: share('age BETWEEN 18 AND 24', "individuals WHERE employment_status = 'student'"),
    min: 0.55,
    max: 1,
    format: 'percent',
  },
  {
    id: 'people.employed_65_74',
    area: 'employment by age',
    target: 'employed share at 65–74 between 20% and 35%',
    source: 'BLS CPS 2023 table 3 (65–69: 32%, 70–74: 19%)',
    sql: share("employment_status IN ('full_time', 'part_time', 'self_employed')", 'individuals WHERE age BETWEEN 65 AND 74'),
    min: 0.2,
    max: 0.35,
    format: 'percent',
  },
  {
    id: 'people.retired_62_66',
    area: 'employment by age',
    target: 'retired share at 62–66 between 30% and 60%',
    source: 'BLS CPS 2023 table 3; CPS ASEC not-in-labor-force reasons',
    sql: share("employment_status = 'retired'", 'individuals WHERE age BETWEEN 62 AND 66'),
    min: 0.3,
    max: 0.6,
    format: 'percent',
  },
  {
    id: 'people.out_of_labour_force_75_plus',
    area: 'employment by age',
    target: '≥ 85% retired or not in the labour force at 75+',
    source: 'BLS CPS 2023 table 3 (75+: participation 8.5%)',
    sql: share("employment_status IN ('retired', 'not_in_labor_force')", 'individuals WHERE age >= 75'),
    min: 0.85,
    max: 1,
    format: 'percent',
  },
];

export const PEOPLE_TARGETS: readonly RealismTarget[] = [...COMPOSITION, ...ROLES, ...INCOME, ...EMPLOYMENT];
