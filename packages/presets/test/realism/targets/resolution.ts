/** Realism targets of the resolution area (see docs/realism.md and docs/tables/source_records.md). */
import type { RealismTarget } from './types.js';

/** Share of records with a noise flag set. */
const share = (flag: string): string => `SELECT avg(CASE WHEN ${flag} THEN 1.0 ELSE 0.0 END) AS value FROM truth_source_records`;

export const RESOLUTION_TARGETS: readonly RealismTarget[] = [
  {
    id: 'resolution.stale_address_share',
    area: 'identity resolution',
    target: 'records holding a previous address ≈ the annual mover rate (~9–11%)',
    source: 'Census Bureau CPS ASEC Geographic Mobility 2021–2022 (8.7% of people moved in a year); 10% default × the record-weighted source multiplier (≈1.11)',
    sql: share('noise_stale_address'),
    min: 0.08,
    max: 0.14,
    format: 'percent',
  },
  {
    id: 'resolution.name_change_share',
    area: 'identity resolution',
    target: 'records holding a previous last name: a few percent',
    source: 'CDC/NCHS National Marriage and Divorce Rate Trends 2000–2022 (about 6 marriages per 1,000 people a year); 3% default × the source multiplier',
    sql: share('noise_name_change'),
    min: 0.02,
    max: 0.05,
    format: 'percent',
  },
  {
    id: 'resolution.typo_share',
    area: 'identity resolution',
    target: 'records with a typo: a few percent, as in the Febrl / GeCo corruption defaults',
    source: 'Christen 2005 (Febrl data generator); Christen & Vatsalan, CIKM 2013 (GeCo): 4% default × the source multiplier',
    sql: share('noise_typo'),
    min: 0.03,
    max: 0.06,
    format: 'percent',
  },
];
