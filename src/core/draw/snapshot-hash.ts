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
const byRecord = (a: EnterpriseFacts['records'][number], b: EnterpriseFacts['records'][number]) => byCodeUnits(a.occurredOn, b.occurredOn) || byCodeUnits(a.kind, b.kind);

export function canonicalSnapshot(s: DrawSnapshot): DrawSnapshot {
  return {
    // Records already in order are not copied (a province snapshot has a million enterprises).
    enterprises: s.enterprises
      .map((e): EnterpriseFacts => (e.records.every((r, i, all) => i === 0 || byRecord(all[i - 1]!, r) <= 0) ? e : { ...e, records: [...e.records].sort(byRecord) }))
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

const str = JSON.stringify;
const nullable = (v: string | null) => (v === null ? 'null' : str(v));

/**
 * JCS of one enterprise record, with its keys written in sorted order directly: the same bytes
 * as canonicalJson (a test checks it), without sorting keys a million times.
 */
function enterpriseJson(e: EnterpriseFacts): string {
  const records = e.records.map((r) => `{"kind":${str(r.kind)},"occurredOn":${str(r.occurredOn)}}`).join(',');
  return `{"blacklisted":${e.blacklisted},"creditLevel":${str(e.creditLevel)},"keyHighDanger":${e.keyHighDanger},"majorHazardSource":${e.majorHazardSource},"name":${str(e.name)},"operatingStatus":${str(e.operatingStatus)},"records":[${records}],"riskLevel":${str(e.riskLevel)},"scale":${e.scale === null ? 'null' : str(e.scale)},"sector":${str(e.sector)},"subSector":${nullable(e.subSector)},"township":${nullable(e.township)},"uscc":${str(e.uscc)}}`;
}

const ENTERPRISE_KEYS = ['blacklisted', 'creditLevel', 'keyHighDanger', 'majorHazardSource', 'name', 'operatingStatus', 'records', 'riskLevel', 'scale', 'sector', 'subSector', 'township', 'uscc'];

/** Exactly the known keys (anything else takes the generic path, so nothing is left out of the hash). */
function hasKnownShape(e: EnterpriseFacts): boolean {
  let count = 0;
  for (const _ in e) count++;
  return count === ENTERPRISE_KEYS.length && ENTERPRISE_KEYS.every((k) => k in e) && e.records.every((r) => Object.keys(r).length === 2);
}

const SNAPSHOT_KEYS = ['checklist', 'conflicts', 'enterprises', 'experts', 'history', 'inspectors'] as const;

/**
 * Canonical JSON of a canonical snapshot. Its six keys are written in sorted order, and the
 * enterprises (the bulk) through the fixed-order writer when they have exactly the known keys;
 * anything unexpected takes the generic path, so nothing is ever left out of the hash.
 */
/** The snapshot has exactly the known shape, so the fixed-order writer gives its JCS bytes. */
const hasKnownSnapshotShape = (s: DrawSnapshot) => Object.keys(s).length === SNAPSHOT_KEYS.length && SNAPSHOT_KEYS.every((k) => k in s) && s.enterprises.every(hasKnownShape);

export function snapshotJson(s: DrawSnapshot): string {
  if (!hasKnownSnapshotShape(s)) return canonicalJson(s);
  const field = (key: (typeof SNAPSHOT_KEYS)[number]) => `${str(key)}:${key === 'enterprises' ? `[${s.enterprises.map(enterpriseJson).join(',')}]` : canonicalJson(s[key])}`;
  return `{${SNAPSHOT_KEYS.map(field).join(',')}}`;
}

/** SHA-256 of the canonical JSON of a value, hex. */
export function hashOf(value: unknown, ports: DrawPorts): string {
  return toHex(ports.sha256(utf8(canonicalJson(value))));
}

const CHUNK = 4096;

/**
 * SHA-256 of the snapshot's canonical JSON. With an incremental SHA-256 port the JSON is fed in
 * chunks of enterprises and never held whole; the bytes hashed are the same either way.
 */
export function snapshotHash(canonical: DrawSnapshot, ports: DrawPorts): string {
  if (!ports.createSha256 || !hasKnownSnapshotShape(canonical)) return toHex(ports.sha256(utf8(snapshotJson(canonical))));
  const hash = ports.createSha256();
  const write = (text: string) => hash.update(utf8(text));
  const others = (keys: readonly (typeof SNAPSHOT_KEYS)[number][]) => keys.map((k) => `${str(k)}:${canonicalJson(canonical[k])}`).join(',');
  write(`{${others(['checklist', 'conflicts'])},"enterprises":[`);
  const list = canonical.enterprises;
  for (let i = 0; i < list.length; i += CHUNK) write((i > 0 ? ',' : '') + list.slice(i, i + CHUNK).map(enterpriseJson).join(','));
  write(`],${others(['experts', 'history', 'inspectors'])}}`);
  return toHex(hash.digest());
}
export const taskHash = (task: DrawTask, ports: DrawPorts) => hashOf(task, ports);
