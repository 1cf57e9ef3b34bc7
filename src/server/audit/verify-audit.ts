import type { PrismaClient } from '@prisma/client';
import { verifyAuditChain, type AuditBreak } from '../../core/audit/chain.ts';
import { NODE_DRAW_PORTS } from '../draw-ports.ts';

export interface AuditVerification {
  readonly valid: boolean;
  readonly entries: number;
  readonly head: string | null;
  readonly breaks: readonly AuditBreak[];
}

/** Re-hashes a jurisdiction's whole trail from the rows as they are now. */
export async function verifyAuditTrail(prisma: PrismaClient, jurisdictionId: string): Promise<AuditVerification> {
  const [jurisdiction, rows] = await Promise.all([
    prisma.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId }, select: { auditSeq: true, auditHead: true } }),
    prisma.auditEntry.findMany({ where: { jurisdictionId }, orderBy: { seq: 'asc' } }),
  ]);
  const entries = rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  const head = jurisdiction.auditSeq > 0 && jurisdiction.auditHead ? { seq: jurisdiction.auditSeq, hash: jurisdiction.auditHead } : undefined;
  const breaks = verifyAuditChain(entries, NODE_DRAW_PORTS, head);
  if (!head && entries.length > 0) breaks.push({ kind: 'TRUNCATED', seq: 0, message: '审计链有记录，却没有记录末条的哈希（the trail has entries but no recorded head）' });
  return { valid: breaks.length === 0, entries: entries.length, head: jurisdiction.auditHead, breaks };
}
