/**
 * Value pools of `source_records`: first names by gender with a nickname each, and street
 * names. Synthetic (faker, driven by the seed); never real people.
 */
import { fakerPool, type PoolFactory } from '@synthgraph/core';

/**
 * Rows of each first-name pool and of the street pool.
 *
 * @example
 * ```ts
 * RESOLUTION_POOL_SIZE.first; // 400
 * ```
 */
export const RESOLUTION_POOL_SIZE = { first: 400, streets: 500 } as const;

/** Common US short forms of formal first names (the nickname noise uses them when it can). */
const NICKNAMES: Readonly<Record<string, string>> = {
  Robert: 'Bob', William: 'Bill', Richard: 'Dick', James: 'Jim', John: 'Jack', Joseph: 'Joe', Michael: 'Mike', Thomas: 'Tom', Charles: 'Chuck',
  Christopher: 'Chris', Daniel: 'Dan', Matthew: 'Matt', Anthony: 'Tony', Donald: 'Don', Steven: 'Steve', Andrew: 'Andy', Joshua: 'Josh',
  Kenneth: 'Ken', Edward: 'Ed', Ronald: 'Ron', Timothy: 'Tim', Jeffrey: 'Jeff', Nicholas: 'Nick', Jonathan: 'Jon', Benjamin: 'Ben',
  Samuel: 'Sam', Gregory: 'Greg', Alexander: 'Alex', Patrick: 'Pat', Raymond: 'Ray', Lawrence: 'Larry', Gerald: 'Jerry', Douglas: 'Doug',
  Frederick: 'Fred', Zachary: 'Zach', Nathaniel: 'Nate', Theodore: 'Ted', Peter: 'Pete', Leonard: 'Len', Eugene: 'Gene', Harold: 'Hal',
  Elizabeth: 'Liz', Jennifer: 'Jen', Margaret: 'Peggy', Patricia: 'Pat', Susan: 'Sue', Deborah: 'Debbie', Rebecca: 'Becky', Katherine: 'Kate',
  Catherine: 'Cathy', Kimberly: 'Kim', Jessica: 'Jess', Christine: 'Chris', Victoria: 'Vicky', Samantha: 'Sam', Alexandra: 'Alex',
  Stephanie: 'Steph', Abigail: 'Abby', Cynthia: 'Cindy', Dorothy: 'Dot', Pamela: 'Pam', Judith: 'Judy', Barbara: 'Barb', Theresa: 'Terry',
  Jacqueline: 'Jackie', Kathleen: 'Kathy', Melissa: 'Mel', Natalie: 'Nat', Gabrielle: 'Gabby', Suzanne: 'Suzy', Valerie: 'Val', Virginia: 'Ginny',
  Madeline: 'Maddie', Josephine: 'Josie', Caroline: 'Carrie', Christina: 'Tina', Angela: 'Angie', Sandra: 'Sandy', Teresa: 'Terry',
};

/**
 * A short form of a first name: the common nickname, else its first letters (always different
 * from the name, never empty).
 *
 * @example
 * ```ts
 * nicknameOf('Robert'); // "Bob"
 * nicknameOf('Marisol'); // "Mar"
 * ```
 */
export function nicknameOf(name: string): string {
  return NICKNAMES[name] ?? name.slice(0, Math.max(1, Math.min(3, name.length - 1)));
}

/** The formal names of the nickname table, for one sex, placed first in its pool. */
const FORMAL: Record<'female' | 'male', readonly string[]> = {
  male: Object.keys(NICKNAMES).slice(0, 41),
  female: Object.keys(NICKNAMES).slice(41),
};

/** First names of one sex (faker, seeded) with their nicknames; the formal names of the nickname table come first. */
function firstNames(sex: 'female' | 'male'): PoolFactory {
  return ({ seed }) => {
    const faked = fakerPool({ name: `${sex}_first_names`, size: RESOLUTION_POOL_SIZE.first, seed, columns: { first: (f) => f.person.firstName(sex) }, unique: true });
    const formal = FORMAL[sex];
    const seen = new Set(formal);
    const rest = faked.rows.map((r) => String(r[0])).filter((n) => !seen.has(n));
    const names = [...formal, ...rest].slice(0, RESOLUTION_POOL_SIZE.first);
    return {
      name: `${sex}_first_names`,
      columns: [
        { name: 'first', type: 'string' },
        { name: 'nick', type: 'string' },
      ],
      rows: names.map((n) => [n, nicknameOf(n)]),
      source: `${faked.source}; common US nicknames (hand-written)`,
      ...(faked.fakerVersion ? { fakerVersion: faked.fakerVersion } : {}),
    };
  };
}

/**
 * Female first names with nicknames.
 *
 * @example
 * ```ts
 * scenario('x').pool(femaleFirstNamesPool);
 * ```
 */
export const femaleFirstNamesPool: PoolFactory = firstNames('female');
/**
 * Male first names with nicknames.
 *
 * @example
 * ```ts
 * scenario('x').pool(maleFirstNamesPool);
 * ```
 */
export const maleFirstNamesPool: PoolFactory = firstNames('male');
/**
 * Street names (faker `location.street`, seeded).
 *
 * @example
 * ```ts
 * scenario('x').pool(streetsPool);
 * ```
 */
export const streetsPool: PoolFactory = ({ seed }) => fakerPool({ name: 'streets', size: RESOLUTION_POOL_SIZE.streets, seed, columns: { street: 'location.street' }, unique: true });
