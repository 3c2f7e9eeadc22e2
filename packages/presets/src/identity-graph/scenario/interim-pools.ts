/**
 * Interim pools used until core's `fakerPool` / `placesPool` are exported from
 * `@synthgraph/core`: a short list of common US names and real city/state/ZIP triples of large
 * US cities weighted by population.
 */
import type { PoolInput } from '@synthgraph/core';

const FIRST = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Christopher', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Sandra', 'Mark', 'Margaret', 'Donald', 'Ashley', 'Steven', 'Kimberly', 'Andrew', 'Emily', 'Paul', 'Donna', 'Joshua', 'Michelle',
  'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Melissa', 'George', 'Deborah', 'Timothy', 'Stephanie', 'Ronald', 'Dorothy', 'Jason', 'Rebecca', 'Edward', 'Sharon', 'Jeffrey', 'Laura', 'Ryan', 'Cynthia',
  'Jacob', 'Amy', 'Gary', 'Kathleen', 'Nicholas', 'Angela', 'Eric', 'Shirley', 'Jonathan', 'Brenda', 'Stephen', 'Emma', 'Larry', 'Anna', 'Justin', 'Pamela', 'Scott', 'Nicole', 'Brandon', 'Samantha',
  'Benjamin', 'Katherine', 'Samuel', 'Christine', 'Gregory', 'Helen', 'Alexander', 'Debra', 'Patrick', 'Rachel', 'Frank', 'Carolyn', 'Raymond', 'Janet', 'Jack', 'Maria', 'Dennis', 'Olivia', 'Jerry', 'Heather',
  'Tyler', 'Diane', 'Aaron', 'Julie', 'Jose', 'Joyce', 'Adam', 'Victoria', 'Nathan', 'Ruth', 'Henry', 'Virginia', 'Zachary', 'Lauren', 'Douglas', 'Kelly', 'Peter', 'Christina', 'Kyle', 'Joan',
];
const LAST = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes',
  'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper', 'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson',
  'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes', 'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster', 'Jimenez',
  'Powell', 'Jenkins', 'Perry', 'Russell', 'Sullivan', 'Bell', 'Coleman', 'Butler', 'Henderson', 'Barnes', 'Gonzales', 'Fisher', 'Vasquez', 'Simmons', 'Romero', 'Jordan', 'Patterson', 'Alexander', 'Hamilton', 'Graham',
];

/**
 * A name pool (first or last names), the same for every seed.
 *
 * @example
 * ```ts
 * interimNames('first_names', 'first', 42).rows.length; // 120
 * ```
 */
export function interimNames(name: string, column: string, _seed: number): PoolInput {
  const list = column === 'first' ? FIRST : LAST;
  return { name, columns: [{ name: column, type: 'string' }], rows: list.map((n) => [n]), weights: null, source: 'interim: common US names' };
}

/** Real city / state / ZIP triples and approximate populations (thousands). */
const PLACES: readonly (readonly [string, string, string, number])[] = [
  ['New York', 'NY', '10001', 8336],
  ['Brooklyn', 'NY', '11201', 2590],
  ['Buffalo', 'NY', '14201', 276],
  ['Los Angeles', 'CA', '90001', 3898],
  ['San Diego', 'CA', '92101', 1386],
  ['San Jose', 'CA', '95112', 1013],
  ['San Francisco', 'CA', '94103', 815],
  ['Fresno', 'CA', '93721', 542],
  ['Sacramento', 'CA', '95814', 524],
  ['Chicago', 'IL', '60601', 2746],
  ['Springfield', 'IL', '62701', 114],
  ['Houston', 'TX', '77002', 2304],
  ['San Antonio', 'TX', '78205', 1434],
  ['Dallas', 'TX', '75201', 1304],
  ['Austin', 'TX', '78701', 961],
  ['Fort Worth', 'TX', '76102', 918],
  ['El Paso', 'TX', '79901', 678],
  ['Phoenix', 'AZ', '85003', 1608],
  ['Tucson', 'AZ', '85701', 542],
  ['Philadelphia', 'PA', '19103', 1603],
  ['Pittsburgh', 'PA', '15222', 302],
  ['Jacksonville', 'FL', '32202', 949],
  ['Miami', 'FL', '33130', 442],
  ['Tampa', 'FL', '33602', 384],
  ['Orlando', 'FL', '32801', 307],
  ['Columbus', 'OH', '43215', 905],
  ['Cleveland', 'OH', '44113', 372],
  ['Cincinnati', 'OH', '45202', 309],
  ['Charlotte', 'NC', '28202', 874],
  ['Raleigh', 'NC', '27601', 467],
  ['Indianapolis', 'IN', '46204', 887],
  ['Seattle', 'WA', '98101', 737],
  ['Spokane', 'WA', '99201', 228],
  ['Denver', 'CO', '80202', 715],
  ['Colorado Springs', 'CO', '80903', 478],
  ['Washington', 'DC', '20001', 689],
  ['Boston', 'MA', '02108', 675],
  ['Nashville', 'TN', '37203', 689],
  ['Memphis', 'TN', '38103', 633],
  ['Detroit', 'MI', '48226', 639],
  ['Grand Rapids', 'MI', '49503', 198],
  ['Portland', 'OR', '97205', 652],
  ['Las Vegas', 'NV', '89101', 641],
  ['Louisville', 'KY', '40202', 633],
  ['Baltimore', 'MD', '21201', 585],
  ['Milwaukee', 'WI', '53202', 577],
  ['Albuquerque', 'NM', '87102', 564],
  ['Oklahoma City', 'OK', '73102', 681],
  ['Kansas City', 'MO', '64106', 508],
  ['St. Louis', 'MO', '63101', 301],
  ['Atlanta', 'GA', '30303', 498],
  ['Omaha', 'NE', '68102', 486],
  ['Minneapolis', 'MN', '55401', 429],
  ['New Orleans', 'LA', '70112', 383],
  ['Newark', 'NJ', '07102', 311],
  ['Salt Lake City', 'UT', '84101', 200],
  ['Birmingham', 'AL', '35203', 200],
  ['Richmond', 'VA', '23219', 226],
  ['Virginia Beach', 'VA', '23451', 459],
  ['Boise', 'ID', '83702', 235],
  ['Des Moines', 'IA', '50309', 214],
  ['Little Rock', 'AR', '72201', 202],
  ['Jackson', 'MS', '39201', 153],
  ['Charleston', 'SC', '29401', 150],
  ['Columbia', 'SC', '29201', 136],
  ['Wichita', 'KS', '67202', 397],
  ['Anchorage', 'AK', '99501', 291],
  ['Honolulu', 'HI', '96813', 350],
  ['Hartford', 'CT', '06103', 121],
  ['Providence', 'RI', '02903', 190],
  ['Manchester', 'NH', '03101', 115],
  ['Burlington', 'VT', '05401', 45],
  ['Portland', 'ME', '04101', 68],
  ['Wilmington', 'DE', '19801', 71],
  ['Charleston', 'WV', '25301', 48],
  ['Fargo', 'ND', '58102', 126],
  ['Sioux Falls', 'SD', '57104', 192],
  ['Billings', 'MT', '59101', 117],
  ['Cheyenne', 'WY', '82001', 65],
];

/**
 * Places weighted by population, reweighted per state when state weights are given.
 *
 * @example
 * ```ts
 * interimPlaces(42, { CA: 1 }).rows.every((r) => r[1] === 'CA'); // true
 * ```
 */
export function interimPlaces(_seed: number, states?: Readonly<Record<string, number>>): PoolInput {
  let rows = PLACES;
  let weights = rows.map((r) => r[3]);
  if (states) {
    rows = PLACES.filter((r) => (states[r[1]] ?? 0) > 0);
    const byState = new Map<string, number>();
    for (const r of rows) byState.set(r[1], (byState.get(r[1]) ?? 0) + r[3]);
    weights = rows.map((r) => ((states[r[1]] as number) * r[3]) / (byState.get(r[1]) as number));
  }
  return {
    name: 'places',
    columns: [
      { name: 'city', type: 'string' },
      { name: 'state', type: 'string' },
      { name: 'zip', type: 'string' },
    ],
    rows: rows.map((r) => [r[0], r[1], r[2]]),
    weights,
    source: 'interim: large US cities (population in thousands)',
  };
}
