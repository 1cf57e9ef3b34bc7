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

/** In order already? (A snapshot read from the database usually is: checking is O(n), sorting is not.) */
function inOrder<T>(list: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < list.length; i++) if (compare(list[i - 1]!, list[i]!) > 0) return false;
  return true;
}

const byUscc = (a: EnterpriseFacts, b: EnterpriseFacts) => byCodeUnits(a.uscc, b.uscc);

export function canonicalSnapshot(s: DrawSnapshot): DrawSnapshot {
  // Records already in order are not copied (a province snapshot has a million enterprises).
  const enterprises = s.enterprises.map((e): EnterpriseFacts => (e.records.length < 2 || inOrder(e.records, byRecord) ? e : { ...e, records: [...e.records].sort(byRecord) }));
  return {
    enterprises: inOrder(enterprises, byUscc) ? enterprises : enterprises.sort(byUscc),
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
// Text JSON.stringify would write as is: no control character, quote, backslash or surrogate.
const PLAIN = /^[^\u0000-\u001f"\\\ud800-\udfff]*$/;
/** A JSON string literal, exactly as JSON.stringify writes it; plain text skips the call. */
const quote = (v: string) => (PLAIN.test(v) ? `"${v}"` : str(v));
const nullable = (v: string | null) => (v === null ? 'null' : quote(v));

/**
 * JCS of one enterprise record, with its keys written in sorted order directly: the same bytes
 * as canonicalJson (a test checks it), without sorting keys a million times.
 */
function enterpriseJson(e: EnterpriseFacts): string {
  let records = '';
  for (let i = 0; i < e.records.length; i++) records += `${i > 0 ? ',' : ''}{"kind":${quote(e.records[i]!.kind)},"occurredOn":${quote(e.records[i]!.occurredOn)}}`;
  return `{"blacklisted":${e.blacklisted},"creditLevel":${quote(e.creditLevel)},"keyHighDanger":${e.keyHighDanger},"majorHazardSource":${e.majorHazardSource},"name":${quote(e.name)},"operatingStatus":${quote(e.operatingStatus)},"records":[${records}],"riskLevel":${quote(e.riskLevel)},"scale":${nullable(e.scale)},"sector":${quote(e.sector)},"subSector":${nullable(e.subSector)},"township":${nullable(e.township)},"uscc":${quote(e.uscc)}}`;
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

const BUFFER_BYTES = 1 << 20;

/**
 * SHA-256 of the snapshot's canonical JSON. With an incremental SHA-256 port the enterprises are
 * encoded one by one into a reused buffer that is hashed whenever it fills, so the JSON is never
 * held whole and no per-enterprise bytes are left for the collector; the bytes hashed are the
 * same either way.
 */
export function snapshotHash(canonical: DrawSnapshot, ports: DrawPorts): string {
  if (!ports.createSha256 || !hasKnownSnapshotShape(canonical)) return toHex(ports.sha256(utf8(snapshotJson(canonical))));
  const hash = ports.createSha256();
  const buffer = new Uint8Array(BUFFER_BYTES);
  let used = 0;
  const flush = () => {
    if (used > 0) hash.update(buffer.subarray(0, used));
    used = 0;
  };
  const write = (text: string) => {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (text.length * 3 > BUFFER_BYTES - used) flush();
    if (text.length * 3 > BUFFER_BYTES) return hash.update(utf8(text));
    used += encoder.encodeInto(text, buffer.subarray(used)).written;
  };
  const others = (keys: readonly (typeof SNAPSHOT_KEYS)[number][]) => keys.map((k) => `${str(k)}:${canonicalJson(canonical[k])}`).join(',');
  write(`{${others(['checklist', 'conflicts'])},"enterprises":[`);
  const list = canonical.enterprises;
  for (let i = 0; i < list.length; i++) write(i > 0 ? `,${enterpriseJson(list[i]!)}` : enterpriseJson(list[i]!));
  write(`],${others(['experts', 'history', 'inspectors'])}}`);
  flush();
  return toHex(hash.digest());
}
const encoder = new TextEncoder();
export const taskHash = (task: DrawTask, ports: DrawPorts) => hashOf(task, ports);
