import type { EnterpriseFacts, InspectorFacts, RecordFact } from '../rules/facts.ts';
import type { DrawSnapshot } from './types.ts';

/** The canonical order's comparison: UTF-16 code units (for ASCII, byte order). */
export const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedStrings = (values: readonly string[]) => [...values].sort(byCodeUnits);
/** An enterprise's records in canonical order: by date, then kind. */
export const byRecord = (a: RecordFact, b: RecordFact) => byCodeUnits(a.occurredOn, b.occurredOn) || byCodeUnits(a.kind, b.kind);
const byUscc = (a: EnterpriseFacts, b: EnterpriseFacts) => byCodeUnits(a.uscc, b.uscc);

/** In order already? (A snapshot read from the database usually is: checking is O(n), sorting is not.) */
function inOrder<T>(list: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < list.length; i++) if (compare(list[i - 1]!, list[i]!) > 0) return false;
  return true;
}

const recordsInOrder = (e: EnterpriseFacts) => e.records.length < 2 || inOrder(e.records, byRecord);

/** Enterprises by USCC and each one's records in order: one pass, no callbacks (a province has a million). */
function enterprisesInOrder(list: readonly EnterpriseFacts[]): boolean {
  let previous: string | undefined;
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    if (previous !== undefined && previous > e.uscc) return false;
    if (!recordsInOrder(e)) return false;
    previous = e.uscc;
  }
  return true;
}

/**
 * The snapshot in canonical order (docs/draw-algorithm.md §3): enterprises by USCC, inspectors
 * and experts by id, checklist items by code, conflicts by person then USCC, upper-level seals by
 * commitment, and every list inside a record sorted. The draw runs on this order and hashes it.
 * Enterprises already in order (as the server reads them) are neither copied nor sorted: a
 * province has a million.
 */
export function canonicalSnapshot(s: DrawSnapshot): DrawSnapshot {
  let enterprises = s.enterprises;
  if (!enterprisesInOrder(enterprises)) {
    enterprises = enterprises.map((e) => (recordsInOrder(e) ? e : { ...e, records: [...e.records].sort(byRecord) }));
    if (!inOrder(enterprises, byUscc)) enterprises = [...enterprises].sort(byUscc);
  }
  return {
    enterprises,
    inspectors: [...s.inspectors].map((i): InspectorFacts => ({ ...i, domains: sortedStrings(i.domains) })).sort((a, b) => byCodeUnits(a.id, b.id)),
    experts: [...s.experts]
      .map((e) => ({ ...e, specialties: sortedStrings(e.specialties), served: [...e.served].sort((a, b) => byCodeUnits(a.uscc, b.uscc) || byCodeUnits(a.kind, b.kind)) }))
      .sort((a, b) => byCodeUnits(a.id, b.id)),
    checklist: [...s.checklist].map((c) => ({ ...c, sectors: sortedStrings(c.sectors) })).sort((a, b) => byCodeUnits(a.code, b.code)),
    history: {
      doubleRandomCount: Object.fromEntries(Object.entries(s.history.doubleRandomCount ?? {}).sort(([a], [b]) => byCodeUnits(a, b))),
      upperLevelDrawn: sortedStrings(s.history.upperLevelDrawn ?? []),
      lastInspected: Object.fromEntries(Object.entries(s.history.lastInspected ?? {}).sort(([a], [b]) => byCodeUnits(a, b))),
      // Only when there is one (§9): a snapshot without seals keeps v1's bytes.
      ...(s.history.upperLevelSealed !== undefined ? { upperLevelSealed: [...s.history.upperLevelSealed].sort((a, b) => byCodeUnits(a.commitment, b.commitment)) } : {}),
      // v4's fields likewise only when present (§3, §5c, §7a): a snapshot without them keeps its bytes.
      ...(s.history.consecutiveDraws !== undefined ? { consecutiveDraws: Object.fromEntries(Object.entries(s.history.consecutiveDraws).sort(([a], [b]) => byCodeUnits(a, b))) } : {}),
      ...(s.history.lastLeaders !== undefined ? { lastLeaders: sortedStrings(s.history.lastLeaders) } : {}),
      ...(s.history.lowerLevelDrawn !== undefined ? { lowerLevelDrawn: sortedStrings(s.history.lowerLevelDrawn) } : {}),
    },
    conflicts: [...s.conflicts].sort((a, b) => byCodeUnits(a.personId, b.personId) || byCodeUnits(a.uscc, b.uscc)),
  };
}
