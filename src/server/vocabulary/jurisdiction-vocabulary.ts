import { BASE_VOCABULARY, extendVocabulary, type SectorVocabulary, type VocabularyLayer, type VocabularyProblem } from '../../core/directory/sector-vocabulary.ts';
import type { Result } from '../../core/result.ts';
import { packLayer } from '../../rulepacks/sdk/pack-vocabulary.ts';
import type { LoadedPack } from '../../rulepacks/sdk/validate-pack.ts';
import type { PrismaClient } from '@prisma/client';
import type { SqlSession } from '../db/sql.ts';

/** What reading a vocabulary needs of a connection. */
export type Reader = Pick<SqlSession, 'query'>;

/** A Prisma client as a Reader (the task services hold Prisma, not the SQL connection). */
export function prismaQuery(prisma: PrismaClient): Reader {
  return { query: <Row>(sql: string, params: unknown[] = []) => prisma.$queryRawUnsafe<Row[]>(sql, ...params) };
}

/** Finds a loaded pack by id and version (the server's PackRegistry). */
export interface PackLookup {
  get(id: string, version?: string): LoadedPack | undefined;
}

interface Layers {
  readonly pack: VocabularyLayer | undefined;
  readonly own: VocabularyLayer;
}

async function layersOf(sql: Reader, packs: PackLookup | undefined, jurisdictionId: string): Promise<Layers> {
  const [j] = await sql.query<{ code: string; rule_pack_id: string | null; rule_pack_version: string | null }>('SELECT code, rule_pack_id, rule_pack_version FROM jurisdiction WHERE id = $1', [jurisdictionId]);
  const pack = j?.rule_pack_id ? packs?.get(j.rule_pack_id, j.rule_pack_version ?? undefined) : undefined;
  const rows = await sql.query<{ code: string; label: string; aliases: string[]; parent: string | null }>(
    'SELECT code, label, aliases, parent FROM jurisdiction_sector WHERE jurisdiction_id = $1 ORDER BY created_at, code',
    [jurisdictionId],
  );
  return {
    pack: pack?.rules.vocabulary ? packLayer(pack.rules, `${pack.meta.id}@${pack.meta.version}`) : undefined,
    own: { source: 'JURISDICTION', origin: j?.code ?? jurisdictionId, sectors: rows.map((r) => ({ code: r.code, label: r.label, aliases: r.aliases, ...(r.parent ? { parent: r.parent } : {}) })) },
  };
}

/**
 * A jurisdiction's sectors: the base, its active pack's, its own. An own sector the pack now
 * contradicts (the pack took its code or a word since) is left out rather than failing every
 * import; `sectors(jurisdiction)` shows what is in force.
 */
export async function jurisdictionVocabulary(sql: Reader, packs: PackLookup | undefined, jurisdictionId: string): Promise<SectorVocabulary> {
  const { pack, own } = await layersOf(sql, packs, jurisdictionId);
  const withPack = pack ? extendVocabulary(BASE_VOCABULARY, [pack]) : undefined;
  const base = withPack?.ok ? withPack.value : BASE_VOCABULARY;
  let vocabulary = base;
  for (const entry of own.sectors) {
    const next = extendVocabulary(vocabulary, [{ ...own, sectors: [entry] }]);
    if (next.ok) vocabulary = next.value;
  }
  return vocabulary;
}

/** The vocabulary with one more own sector, or why it cannot be added (for addJurisdictionSector). */
export async function withOwnSector(sql: Reader, packs: PackLookup | undefined, jurisdictionId: string, entry: VocabularyLayer['sectors'][number]): Promise<Result<SectorVocabulary, VocabularyProblem[]>> {
  const vocabulary = await jurisdictionVocabulary(sql, packs, jurisdictionId);
  const [j] = await sql.query<{ code: string }>('SELECT code FROM jurisdiction WHERE id = $1', [jurisdictionId]);
  return extendVocabulary(vocabulary, [{ source: 'JURISDICTION', origin: j?.code ?? jurisdictionId, sectors: [entry] }]);
}
