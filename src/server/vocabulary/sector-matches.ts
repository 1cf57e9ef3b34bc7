import type { Prisma, PrismaClient } from '@prisma/client';
import { matchObjectText, MAX_OBJECT_TEXT, normaliseObjectText, type ObjectMatch, type SectorCorrections } from '../../core/directory/match-sectors.ts';
import type { SectorVocabulary } from '../../core/directory/sector-vocabulary.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { appendAudit } from '../audit/append-audit.ts';

/** The bureau's table of how each 检查对象 text matched sectors (Jurisdiction.sectorMatches). */
export interface SectorMatchRow {
  readonly text: string;
  /** What the matcher gives without the bureau's correction. */
  readonly matched: ObjectMatch;
  /** What is in force: the correction when there is one. */
  readonly effective: ObjectMatch;
  readonly correction: { readonly sectors: readonly string[]; readonly correctedBy: string; readonly correctedAt: Date } | null;
  /** Active checklist items whose 检查对象 is this text. */
  readonly items: number;
}

export interface MatchProblem {
  readonly code: 'INVALID';
  readonly field: 'text' | 'sectors';
  readonly message: string;
}

type Client = PrismaClient | Prisma.TransactionClient;

async function corrections(db: Client, jurisdictionId: string) {
  return db.sectorMatchCorrection.findMany({ where: { jurisdictionId }, orderBy: { text: 'asc' } });
}

/**
 * The bureau's corrections as matchObjectText takes them: what a checklist import matches each
 * item's 检查对象 with (`matchObjectText(text, await jurisdictionVocabulary(…), await sectorCorrections(…))`).
 */
export async function sectorCorrections(db: Client, jurisdictionId: string): Promise<SectorCorrections> {
  return new Map((await corrections(db, jurisdictionId)).map((c) => [c.text, c.sectors]));
}

/** Active checklist items with their 检查对象 (checklist_item.inspection_object), by normalised text. */
async function itemsByText(db: Client, jurisdictionId: string): Promise<Map<string, string[]>> {
  const rows = await db.$queryRaw<{ id: string; inspection_object: string }[]>`
    SELECT id, inspection_object FROM checklist_item WHERE jurisdiction_id = ${jurisdictionId} AND active AND inspection_object IS NOT NULL`;
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const text = normaliseObjectText(r.inspection_object);
    if (text === '') continue;
    out.set(text, [...(out.get(text) ?? []), r.id]);
  }
  return out;
}

/**
 * Every distinct 检查对象 text of the jurisdiction's checklist, and every text the bureau has
 * corrected (even when no item has it any more), with what it matched, how, and the correction.
 */
export async function sectorMatches(db: Client, vocabulary: SectorVocabulary, jurisdictionId: string): Promise<SectorMatchRow[]> {
  const [items, fixes] = await Promise.all([itemsByText(db, jurisdictionId), corrections(db, jurisdictionId)]);
  const byText = new Map(fixes.map((c) => [c.text, c]));
  const texts = [...new Set([...items.keys(), ...byText.keys()])].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'));
  const table = new Map(fixes.map((c) => [c.text, c.sectors]));
  return texts.map((text) => {
    const fix = byText.get(text);
    return {
      text,
      matched: matchObjectText(text, vocabulary),
      effective: matchObjectText(text, vocabulary, table),
      correction: fix ? { sectors: fix.sectors, correctedBy: fix.correctedBy, correctedAt: fix.correctedAt } : null,
      items: items.get(text)?.length ?? 0,
    };
  });
}

/**
 * Re-derives the sectors of the checklist items whose 检查对象 is `text` from the matcher and
 * the bureau's corrections (after a correction is saved or cleared). Returns the items changed.
 */
export async function rederiveItemSectors(tx: Prisma.TransactionClient, vocabulary: SectorVocabulary, jurisdictionId: string, text: string): Promise<number> {
  const ids = (await itemsByText(tx, jurisdictionId)).get(text) ?? [];
  if (ids.length === 0) return 0;
  const { sectors } = matchObjectText(text, vocabulary, await sectorCorrections(tx, jurisdictionId));
  return tx.$executeRaw`UPDATE checklist_item SET sectors = ${sectors}::text[], updated_at = now()
    WHERE id = ANY(${ids}::text[]) AND sectors IS DISTINCT FROM ${sectors}::text[]`;
}

/** The codes a correction names (codes, labels or aliases of the vocabulary), or why not. */
export function correctionSectors(vocabulary: SectorVocabulary, text: string, sectors: readonly string[]): Result<{ text: string; codes: string[] }, MatchProblem> {
  const key = normaliseObjectText(text);
  if (key === '' || key.length > MAX_OBJECT_TEXT) return err({ code: 'INVALID', field: 'text', message: `检查对象应为 1 至 ${MAX_OBJECT_TEXT} 个字（the text is empty or too long）` });
  if (sectors.length === 0) return err({ code: 'INVALID', field: 'sectors', message: '请至少选择一个行业领域；要恢复自动匹配，请清除更正（choose at least one sector, or clear the correction）' });
  const codes: string[] = [];
  for (const s of sectors) {
    const found = vocabulary.find(s);
    if (!found) return err({ code: 'INVALID', field: 'sectors', message: `“${s}”不是本辖区已知的行业领域（is not a known sector）` });
    if (!codes.includes(found.code)) codes.push(found.code);
  }
  return ok({ text: key, codes });
}

/** Saves (or replaces) the bureau's correction of a text, on the audit trail, and re-derives its items. */
export async function saveCorrection(tx: Prisma.TransactionClient, vocabulary: SectorVocabulary, jurisdictionId: string, actor: string, text: string, codes: string[]): Promise<void> {
  const before = await tx.sectorMatchCorrection.findUnique({ where: { jurisdictionId_text: { jurisdictionId, text } } });
  const saved = await tx.sectorMatchCorrection.upsert({
    where: { jurisdictionId_text: { jurisdictionId, text } },
    create: { jurisdictionId, text, sectors: codes, correctedBy: actor },
    update: { sectors: codes, correctedBy: actor, correctedAt: new Date() },
  });
  const items = await rederiveItemSectors(tx, vocabulary, jurisdictionId, text);
  await appendAudit(tx, { jurisdictionId, actor, action: 'sector-match.corrected', subjectType: 'SectorMatchCorrection', subjectId: saved.id, payload: { text, sectors: codes, before: before?.sectors ?? null, itemsChanged: items } });
}

/** Clears the bureau's correction: the text is matched by the vocabulary again. */
export async function clearCorrection(tx: Prisma.TransactionClient, vocabulary: SectorVocabulary, jurisdictionId: string, actor: string, text: string): Promise<boolean> {
  const before = await tx.sectorMatchCorrection.findUnique({ where: { jurisdictionId_text: { jurisdictionId, text } } });
  if (!before) return false;
  await tx.sectorMatchCorrection.delete({ where: { id: before.id } });
  const items = await rederiveItemSectors(tx, vocabulary, jurisdictionId, text);
  await appendAudit(tx, { jurisdictionId, actor, action: 'sector-match.cleared', subjectType: 'SectorMatchCorrection', subjectId: before.id, payload: { text, before: before.sectors, itemsChanged: items } });
  return true;
}
