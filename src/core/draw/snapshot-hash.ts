import { canonicalJson } from '../canonical-json.ts';
import type { EnterpriseFacts, InspectorFacts } from '../rules/facts.ts';
import { toHex, utf8, type DrawPorts } from './ports.ts';
import type { DrawSnapshot, DrawTask } from './types.ts';

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedStrings = (values: readonly string[]) => [...values].sort(byCodeUnits);

/**
 * The snapshot in canonical order: enterprises by USCC, inspectors and experts by id, checklist
 * items by code, conflicts by person then USCC, and every list inside a record sorted. The draw
 * runs on this order, and its hash is SHA-256 of its canonical JSON (JCS).
 */
export function canonicalSnapshot(s: DrawSnapshot): DrawSnapshot {
  return {
    enterprises: [...s.enterprises]
      .map((e): EnterpriseFacts => ({ ...e, records: [...e.records].sort((a, b) => byCodeUnits(a.occurredOn, b.occurredOn) || byCodeUnits(a.kind, b.kind)) }))
      .sort((a, b) => byCodeUnits(a.uscc, b.uscc)),
    inspectors: [...s.inspectors].map((i): InspectorFacts => ({ ...i, domains: sortedStrings(i.domains) })).sort((a, b) => byCodeUnits(a.id, b.id)),
    experts: [...s.experts]
      .map((e) => ({ ...e, specialties: sortedStrings(e.specialties), served: [...e.served].sort((a, b) => byCodeUnits(a.uscc, b.uscc) || byCodeUnits(a.kind, b.kind)) }))
      .sort((a, b) => byCodeUnits(a.id, b.id)),
    checklist: [...s.checklist].map((c) => ({ ...c, sectors: sortedStrings(c.sectors) })).sort((a, b) => byCodeUnits(a.code, b.code)),
    history: {
      doubleRandomCount: Object.fromEntries(Object.entries(s.history.doubleRandomCount ?? {}).sort(([a], [b]) => byCodeUnits(a, b))),
      upperLevelDrawn: sortedStrings(s.history.upperLevelDrawn ?? []),
      lastInspected: Object.fromEntries(Object.entries(s.history.lastInspected ?? {}).sort(([a], [b]) => byCodeUnits(a, b))),
    },
    conflicts: [...s.conflicts].sort((a, b) => byCodeUnits(a.personId, b.personId) || byCodeUnits(a.uscc, b.uscc)),
  };
}

/** SHA-256 of the canonical JSON of a value, hex. */
export function hashOf(value: unknown, ports: DrawPorts): string {
  return toHex(ports.sha256(utf8(canonicalJson(value))));
}

export const snapshotHash = (canonical: DrawSnapshot, ports: DrawPorts) => hashOf(canonical, ports);
export const taskHash = (task: DrawTask, ports: DrawPorts) => hashOf(task, ports);
