import type { Prisma } from '@prisma/client';
import { auditHash, GENESIS_HASH } from '../../core/audit/chain.ts';
import { NODE_DRAW_PORTS } from '../draw-ports.ts';

export interface AuditEvent {
  readonly jurisdictionId: string;
  readonly actor: string;
  /** What happened, e.g. `task.locked`, `draw.drawn`. */
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly payload: Prisma.InputJsonValue;
}

/**
 * Appends one entry to the jurisdiction's hash chain inside the caller's transaction. Advancing
 * the head row first locks it, so concurrent appends of one jurisdiction queue up and each sees
 * the entry before it; the entry and the head commit or roll back with the change they record.
 */
export async function appendAudit(tx: Prisma.TransactionClient, event: AuditEvent, at: Date = new Date()): Promise<{ seq: number; hash: string }> {
  const [head] = await tx.$queryRaw<{ audit_seq: number; audit_head: string | null }[]>`
    UPDATE jurisdiction SET audit_seq = audit_seq + 1 WHERE id = ${event.jurisdictionId} RETURNING audit_seq, audit_head`;
  if (!head) throw new Error(`no jurisdiction ${event.jurisdictionId}`);
  const fields = {
    jurisdictionId: event.jurisdictionId,
    seq: head.audit_seq,
    at: at.toISOString(),
    actor: event.actor,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    // Stored as jsonb, which reorders keys: the hash is over canonical JSON, so order is immaterial.
    payload: event.payload,
    prevHash: head.audit_head ?? GENESIS_HASH,
  };
  const hash = auditHash(fields, NODE_DRAW_PORTS);
  await tx.auditEntry.create({ data: { ...fields, at, hash } });
  await tx.$executeRaw`UPDATE jurisdiction SET audit_head = ${hash} WHERE id = ${event.jurisdictionId}`;
  return { seq: fields.seq, hash };
}
