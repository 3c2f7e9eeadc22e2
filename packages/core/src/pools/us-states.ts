/**
 * The 50 US states and the District of Columbia, with their 2020 Census resident populations
 * (U.S. Census Bureau, April 1, 2020 resident population; total 331,449,281). Territories and
 * military "states" (PR, GU, VI, AS, MP, FM, MH, PW, AA, AE, AP) are deliberately absent.
 */

/**
 * Resident population of each state and DC at the 2020 Census, by USPS code. The default
 * state weights of `placesPool`.
 *
 * @example
 * ```ts
 * US_STATE_POPULATION_2020.CA; // 39538223
 * ```
 */
export const US_STATE_POPULATION_2020: Readonly<Record<string, number>> = Object.freeze({
  AL: 5024279,
  AK: 733391,
  AZ: 7151502,
  AR: 3011524,
  CA: 39538223,
  CO: 5773714,
  CT: 3605944,
  DE: 989948,
  DC: 689545,
  FL: 21538187,
  GA: 10711908,
  HI: 1455271,
  ID: 1839106,
  IL: 12812508,
  IN: 6785528,
  IA: 3190369,
  KS: 2937880,
  KY: 4505836,
  LA: 4657757,
  ME: 1362359,
  MD: 6177224,
  MA: 7029917,
  MI: 10077331,
  MN: 5706494,
  MS: 2961279,
  MO: 6154913,
  MT: 1084225,
  NE: 1961504,
  NV: 3104614,
  NH: 1377529,
  NJ: 9288994,
  NM: 2117522,
  NY: 20201249,
  NC: 10439388,
  ND: 779094,
  OH: 11799448,
  OK: 3959353,
  OR: 4237256,
  PA: 13002700,
  RI: 1097379,
  SC: 5118425,
  SD: 886667,
  TN: 6910840,
  TX: 29145505,
  UT: 3271616,
  VT: 643077,
  VA: 8631393,
  WA: 7705281,
  WV: 1793716,
  WI: 5893718,
  WY: 576851,
});

/**
 * USPS codes of the 50 states and DC, sorted.
 *
 * @example
 * ```ts
 * US_STATES.length; // 51
 * ```
 */
export const US_STATES: readonly string[] = Object.freeze(Object.keys(US_STATE_POPULATION_2020).sort());
