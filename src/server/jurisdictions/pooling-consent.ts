import type { Prisma, PrismaClient } from '@prisma/client';
import { chinaDateTime } from '../../core/calendar/china-date.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import type { JurisdictionRefusal } from './create-jurisdiction.ts';

/**
 * Pooling inspectors with a neighbour (卧龙 第十八条: 相邻县区可联合抽取执法人员) needs both
 * jurisdictions' admins to agree: each side's consent is kept, with who and when, on both trails,
 * and a draw pools a neighbour's inspectors only once both have agreed.
 */

export interface PoolingAgreement {
  readonly jurisdiction: { readonly id: string; readonly code: string; readonly name: string };
  readonly neighbour: { readonly id: string; readonly code: string; readonly name: string };
  readonly agreedBy: string;
  readonly agreedAt: Date;
  /** Null until the neighbour's admins agree too. */
  readonly neighbourAgreedBy: string | null;
  readonly neighbourAgreedAt: Date | null;
}

type Refusal = JurisdictionRefusal | { readonly code: 'BAD_STATE'; readonly message: string; readonly field?: string };

/** Records the consent of `jurisdiction` (its admin, checked by the caller) to pool with `neighbour`. */
export async function agreeToPooling(prisma: PrismaClient, input: { readonly jurisdictionId: string; readonly neighbourCode: string; readonly actor: string }): Promise<Result<PoolingAgreement, Refusal>> {
  const link = await prisma.jurisdictionNeighbour.findFirst({
    where: { jurisdictionId: input.jurisdictionId, neighbour: { code: input.neighbourCode.trim() } },
    select: { jurisdiction: { select: { id: true, code: true, name: true } }, neighbour: { select: { id: true, code: true, name: true } } },
  });
  if (!link) return err({ code: 'INVALID', field: 'neighbour', message: `${input.neighbourCode.trim()} 不是本辖区的相邻辖区：先用 updateJurisdiction 写明相邻辖区，再商定联合抽取` });
  const { jurisdiction, neighbour } = link;
  try {
    await prisma.$transaction(async (tx) => {
      await tx.poolingConsent.create({ data: { jurisdictionId: jurisdiction.id, neighbourId: neighbour.id, agreedBy: input.actor } });
      const payload = { jurisdiction: jurisdiction.code, neighbour: neighbour.code };
      await appendAudit(tx, { jurisdictionId: jurisdiction.id, actor: input.actor, action: 'pooling.agreed', subjectType: 'Jurisdiction', subjectId: neighbour.id, payload });
      await appendAudit(tx, { jurisdictionId: neighbour.id, actor: input.actor, action: 'pooling.agreed_by_neighbour', subjectType: 'Jurisdiction', subjectId: jurisdiction.id, payload });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const earlier = await prisma.poolingConsent.findUniqueOrThrow({ where: { jurisdictionId_neighbourId: { jurisdictionId: jurisdiction.id, neighbourId: neighbour.id } } });
    return err({ code: 'BAD_STATE', message: `本辖区已于 ${chinaDateTime(earlier.agreedAt)} 同意与 ${neighbour.name}（${neighbour.code}）联合抽取执法人员（${earlier.agreedBy}）` });
  }
  return ok(await agreementOf(prisma, jurisdiction, neighbour));
}

async function agreementOf(prisma: PrismaClient, jurisdiction: PoolingAgreement['jurisdiction'], neighbour: PoolingAgreement['neighbour']): Promise<PoolingAgreement> {
  const consents = await prisma.poolingConsent.findMany({ where: { OR: [{ jurisdictionId: jurisdiction.id, neighbourId: neighbour.id }, { jurisdictionId: neighbour.id, neighbourId: jurisdiction.id }] } });
  const mine = consents.find((c) => c.jurisdictionId === jurisdiction.id)!;
  const theirs = consents.find((c) => c.jurisdictionId === neighbour.id);
  return { jurisdiction, neighbour, agreedBy: mine.agreedBy, agreedAt: mine.agreedAt, neighbourAgreedBy: theirs?.agreedBy ?? null, neighbourAgreedAt: theirs?.agreedAt ?? null };
}

/** The neighbours whose inspectors a draw of this jurisdiction pools: adjacent, and both sides agreed. */
export async function pooledNeighbours(db: Prisma.TransactionClient | PrismaClient, jurisdictionId: string): Promise<string[]> {
  const [neighbours, mine, theirs] = await Promise.all([
    db.jurisdictionNeighbour.findMany({ where: { jurisdictionId }, select: { neighbourId: true } }),
    db.poolingConsent.findMany({ where: { jurisdictionId }, select: { neighbourId: true } }),
    db.poolingConsent.findMany({ where: { neighbourId: jurisdictionId }, select: { jurisdictionId: true } }),
  ]);
  const agreed = new Set(mine.map((c) => c.neighbourId).filter((id) => theirs.some((t) => t.jurisdictionId === id)));
  return neighbours.map((n) => n.neighbourId).filter((id) => agreed.has(id));
}
