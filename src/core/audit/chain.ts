import { canonicalJson } from '../canonical-json.ts';
import type { DrawPorts } from '../draw/ports.ts';
import { toHex, utf8 } from '../draw/ports.ts';

/** The hash a jurisdiction's first entry points back to. */
export const GENESIS_HASH = '0'.repeat(64);

/** One entry of a jurisdiction's audit trail, as stored (without its own hash). */
export interface AuditFields {
  readonly jurisdictionId: string;
  readonly seq: number;
  /** ISO 8601 with milliseconds, UTC. */
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly payload: unknown;
  readonly prevHash: string;
}

export interface AuditEntryData extends AuditFields {
  readonly hash: string;
}

/**
 * SHA-256 (lowercase hex) of the entry's canonical JSON (RFC 8785) without `hash`: any change
 * to any field, or to the entry before it (through prevHash), changes it.
 */
export function auditHash(entry: AuditFields, ports: Pick<DrawPorts, 'sha256'>): string {
  const { jurisdictionId, seq, at, actor, action, subjectType, subjectId, payload, prevHash } = entry;
  return toHex(ports.sha256(utf8(canonicalJson({ jurisdictionId, seq, at, actor, action, subjectType, subjectId, payload, prevHash }))));
}

export type AuditBreakKind = 'EDITED' | 'MISSING' | 'RELINKED' | 'TRUNCATED';

export interface AuditBreak {
  readonly kind: AuditBreakKind;
  readonly seq: number;
  readonly message: string;
}

/**
 * Checks a trail read in `seq` order: every entry hashes to what it says, points to the entry
 * before it, and no number is skipped; the last entry is the recorded head when one is given.
 * Reports every break, not only the first, so an auditor sees the extent of a tampering.
 */
export function verifyAuditChain(entries: readonly AuditEntryData[], ports: Pick<DrawPorts, 'sha256'>, head?: { seq: number; hash: string }): AuditBreak[] {
  const breaks: AuditBreak[] = [];
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) {
      breaks.push({ kind: 'MISSING', seq: expectedSeq, message: `第 ${expectedSeq}–${entry.seq - 1} 条记录缺失（已被删除）（entries ${expectedSeq}–${entry.seq - 1} are missing）` });
    }
    if (entry.prevHash !== prev) {
      breaks.push({ kind: 'RELINKED', seq: entry.seq, message: `第 ${entry.seq} 条没有指向前一条记录：其 prevHash 为 ${entry.prevHash.slice(0, 12)}…，应为 ${prev.slice(0, 12)}…（entry ${entry.seq} does not point to the entry before it）` });
    }
    const actual = auditHash(entry, ports);
    if (actual !== entry.hash) {
      breaks.push({ kind: 'EDITED', seq: entry.seq, message: `第 ${entry.seq} 条（${entry.action}）写入后被改动：内容的哈希为 ${actual.slice(0, 12)}…，记录的哈希为 ${entry.hash.slice(0, 12)}…（entry ${entry.seq} was changed after it was written）` });
    }
    prev = entry.hash;
    expectedSeq = entry.seq + 1;
  }
  if (head && (head.seq !== expectedSeq - 1 || head.hash !== prev)) {
    breaks.push({ kind: 'TRUNCATED', seq: head.seq, message: `审计链止于第 ${expectedSeq - 1} 条，而记录的末条是第 ${head.seq} 条：末尾的记录被删除（entries were removed from the end）` });
  }
  return breaks;
}
