import type { Prisma, PrismaClient } from '@prisma/client';
import { toIsoDate } from '../../core/directory/dates.ts';
import type { PackRegistry } from '../../rulepacks/registry.ts';
import { PUBLISHED_RESULTS } from './portal-data.ts';

/** One blacklisting (黑名单) as the public reads it: no personal data, only the enterprise and why. */
export interface PublicBlacklisting {
  readonly id: string;
  readonly enterpriseName: string;
  readonly uscc: string;
  readonly since: string;
  readonly reason: string;
  /** The clause that decided it (三(六)) and its document by number and title; null for a directory entry. */
  readonly clause: string | null;
  readonly document: string | null;
  /** The published result it came from; null for a directory entry. */
  readonly resultId: string | null;
  /** The follow-up (复查) it came from, if any. */
  readonly followUpOn: string | null;
  readonly liftedOn: string | null;
  readonly liftedReason: string | null;
  /** A correction of its result no longer supports it: withdrawn (kept on record). */
  readonly withdrawnOn: string | null;
  readonly withdrawnReason: string | null;
  readonly withdrawnByResultId: string | null;
}

/** How many blacklistings the page and `Jurisdiction.blacklist` list at most (newest first). */
export const BLACKLIST_LIMIT = 1000;

/**
 * The blacklistings the public may see: those a directory entry made, and those of a published
 * result of a published task. A covert task's result, published while its inspection runs, stays
 * off the list until the task closes (PUBLISHED_TASKS), as the result itself does.
 */
export const PUBLIC_BLACKLISTINGS: Prisma.EnterpriseBlacklistingWhereInput = { OR: [{ resultId: null }, { result: PUBLISHED_RESULTS }] };

/** Where the pack's documents name a source: its number and title (攀安监〔2019〕3号《…》), never its id. */
export function documentTitles(packs: PackRegistry): (id: string | null) => string | null {
  const titles = new Map<string, string>();
  for (const pack of packs.list()) for (const s of pack.meta.sources) titles.set(s.id, `${s.number ? `${s.number}` : ''}《${s.title}》`);
  return (id) => (id ? (titles.get(id) ?? null) : null);
}

export async function publicBlacklist(prisma: PrismaClient, jurisdictionId: string, titleOf: (id: string | null) => string | null): Promise<PublicBlacklisting[]> {
  const rows = await prisma.enterpriseBlacklisting.findMany({
    where: { AND: [{ jurisdictionId }, PUBLIC_BLACKLISTINGS] },
    orderBy: [{ since: 'desc' }, { createdAt: 'desc' }],
    take: BLACKLIST_LIMIT,
    select: {
      id: true, since: true, reason: true, citeDoc: true, clause: true, resultId: true, liftedOn: true, liftedReason: true, withdrawnOn: true, withdrawnReason: true,
      enterprise: { select: { name: true, uscc: true } }, resultEvent: { select: { occurredOn: true } },
      // A correction is named only once it is public itself.
      withdrawnByResult: { select: { id: true, status: true } },
    },
  });
  const iso = (d: Date | null) => (d ? toIsoDate(d) : null);
  return rows.map((b) => ({
    id: b.id, enterpriseName: b.enterprise.name, uscc: b.enterprise.uscc, since: toIsoDate(b.since), reason: b.reason, clause: b.clause, document: titleOf(b.citeDoc), resultId: b.resultId,
    followUpOn: iso(b.resultEvent?.occurredOn ?? null), liftedOn: iso(b.liftedOn), liftedReason: b.liftedReason, withdrawnOn: iso(b.withdrawnOn), withdrawnReason: b.withdrawnReason,
    withdrawnByResultId: b.withdrawnByResult?.status === 'PUBLISHED' ? b.withdrawnByResult.id : null,
  }));
}
