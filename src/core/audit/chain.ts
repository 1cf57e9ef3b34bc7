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
      breaks.push({ kind: 'MISSING', seq: expectedSeq, message: `entries ${expectedSeq}–${entry.seq - 1} are missing (deleted)` });
    }
    if (entry.prevHash !== prev) {
      breaks.push({ kind: 'RELINKED', seq: entry.seq, message: `entry ${entry.seq} does not point to the entry before it (prevHash ${entry.prevHash.slice(0, 12)}…, expected ${prev.slice(0, 12)}…)` });
    }
    const actual = auditHash(entry, ports);
    if (actual !== entry.hash) {
      breaks.push({ kind: 'EDITED', seq: entry.seq, message: `entry ${entry.seq} (${entry.action}) was changed after it was written: its content hashes to ${actual.slice(0, 12)}…, it says ${entry.hash.slice(0, 12)}…` });
    }
    prev = entry.hash;
    expectedSeq = entry.seq + 1;
  }
  if (head && (head.seq !== expectedSeq - 1 || head.hash !== prev)) {
    breaks.push({ kind: 'TRUNCATED', seq: head.seq, message: `the trail ends at entry ${expectedSeq - 1} but its recorded head is entry ${head.seq}: entries were removed from the end` });
  }
  return breaks;
}
