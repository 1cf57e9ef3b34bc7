import { usccCheckCharacter } from '../../src/core/identifiers/uscc.ts';
import { idNumberCheckDigit } from '../../src/core/identifiers/id-number.ts';
import type { Database } from '../../src/server/db/database.ts';

/** A valid USCC from 17 characters. */
export const uscc = (first17: string) => first17 + usccCheckCharacter(first17);
export const idNumber = (first17: string) => first17 + idNumberCheckDigit(first17);

export async function createJurisdiction(db: Database, code: string, name: string, level: 'PROVINCE' | 'CITY' | 'COUNTY' = 'COUNTY') {
  return db.prisma.jurisdiction.create({ data: { code, name, level } });
}

export const csv = (rows: readonly (readonly string[])[]) => `${rows.map((r) => r.join(',')).join('\n')}\n`;
