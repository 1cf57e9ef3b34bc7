import { canonicalJson } from '../canonical-json.ts';
import type { EnterpriseFacts } from '../rules/facts.ts';
import { JsonBytes, putBool, putBytes, putString, STRING_MARGIN } from './json-bytes.ts';
import { toHex, utf8, type DrawPorts } from './ports.ts';
import { enterpriseFields, SNAPSHOT_FIELDS } from './snapshot-shape.ts';
import type { DrawSnapshot, DrawTask } from './types.ts';

const str = JSON.stringify;

/** The snapshot's parts other than its enterprises, as canonical JSON `"key":value` pairs. */
const parts = (s: DrawSnapshot, keys: readonly (typeof SNAPSHOT_FIELDS)[number][]) => keys.map((k) => `${str(k)}:${canonicalJson(s[k])}`).join(',');
const BEFORE_ENTERPRISES = ['checklist', 'conflicts'] as const;
const AFTER_ENTERPRISES = ['experts', 'history', 'inspectors'] as const;

/** Canonical JSON of a snapshot (for tests and small snapshots; the hash streams the same bytes). */
export function snapshotJson(s: DrawSnapshot): string {
  return `{${parts(s, BEFORE_ENTERPRISES)},"enterprises":[${s.enterprises.map((e) => canonicalJson(enterpriseFields(e))).join(',')}],${parts(s, AFTER_ENTERPRISES)}}`;
}

/** SHA-256 of the canonical JSON of a value, hex. */
export function hashOf(value: unknown, ports: DrawPorts): string {
  return toHex(ports.sha256(utf8(canonicalJson(value))));
}

// The keys of an enterprise in JCS order, with the punctuation around them.
const K = {
  blacklisted: utf8('{"blacklisted":'),
  creditLevel: utf8(',"creditLevel":'),
  keyHighDanger: utf8(',"keyHighDanger":'),
  majorHazardSource: utf8(',"majorHazardSource":'),
  name: utf8(',"name":'),
  operatingStatus: utf8(',"operatingStatus":'),
  records: utf8(',"records":['),
  kind: utf8('{"kind":'),
  nextKind: utf8(',{"kind":'),
  occurredOn: utf8(',"occurredOn":'),
  riskLevel: utf8('],"riskLevel":'),
  scale: utf8(',"scale":'),
  sector: utf8(',"sector":'),
  subSector: utf8(',"subSector":'),
  township: utf8(',"township":'),
  uscc: utf8(',"uscc":'),
  end: utf8('}'),
  comma: utf8(','),
};

/** putEnterprise could not write: the buffer is too full, or a field is not of its type. */
const NO_ROOM = -1;
const ODD = -2;

/** A string fits when even its longest escaping (\uXXXX per code unit, quotes) leaves the margin. */
const fits = (p: number, v: string | null, end: number) => p + (v === null ? 4 : v.length * 6 + 2) <= end;
const isText = (v: unknown): v is string => typeof v === 'string';
const isTextOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** A key, then a string (or null) if it fits; once NO_ROOM, stays NO_ROOM (so calls chain). */
function stringField(b: Uint8Array, p: number, key: Uint8Array, value: string | null, end: number): number {
  if (p < 0) return p;
  p = putBytes(b, p, key);
  return fits(p, value, end) ? putString(b, p, value) : NO_ROOM;
}

/** A key, then a boolean (the margin covers both). */
const boolField = (b: Uint8Array, p: number, key: Uint8Array, value: boolean) => (p < 0 ? p : putBool(b, putBytes(b, p, key), value));

/**
 * UTF-8 of the enterprise's canonical JSON (its fields only), written at `p`; the new position,
 * or NO_ROOM / ODD. Each string is written only if it fits with STRING_MARGIN to spare, which
 * covers the keys and booleans written between two strings.
 */
function putEnterprise(b: Uint8Array, p: number, e: EnterpriseFacts): number {
  const { blacklisted, creditLevel, keyHighDanger, majorHazardSource, name, operatingStatus, records, riskLevel, scale, sector, subSector, township, uscc } = e;
  if (typeof blacklisted !== 'boolean' || typeof keyHighDanger !== 'boolean' || typeof majorHazardSource !== 'boolean' || !Array.isArray(records)) return ODD;
  if (!isText(creditLevel) || !isText(name) || !isText(operatingStatus) || !isText(riskLevel) || !isText(sector) || !isText(uscc) || !isTextOrNull(scale) || !isTextOrNull(subSector) || !isTextOrNull(township)) return ODD;
  const end = b.length - STRING_MARGIN;
  p = boolField(b, p, K.blacklisted, blacklisted);
  p = stringField(b, p, K.creditLevel, creditLevel, end);
  p = boolField(b, p, K.keyHighDanger, keyHighDanger);
  p = boolField(b, p, K.majorHazardSource, majorHazardSource);
  p = stringField(b, p, K.name, name, end);
  p = stringField(b, p, K.operatingStatus, operatingStatus, end);
  if (p >= 0) p = putBytes(b, p, K.records);
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (!isText(r.kind) || !isText(r.occurredOn)) return ODD;
    p = stringField(b, p, i > 0 ? K.nextKind : K.kind, r.kind, end);
    p = stringField(b, p, K.occurredOn, r.occurredOn, end);
    if (p >= 0) p = putBytes(b, p, K.end);
  }
  p = stringField(b, p, K.riskLevel, riskLevel, end);
  p = stringField(b, p, K.scale, scale, end);
  p = stringField(b, p, K.sector, sector, end);
  p = stringField(b, p, K.subSector, subSector, end);
  p = stringField(b, p, K.township, township, end);
  p = stringField(b, p, K.uscc, uscc, end);
  return p < 0 ? p : putBytes(b, p, K.end);
}

/**
 * SHA-256 of the snapshot's canonical JSON (docs/draw-algorithm.md §3), hex. With an incremental
 * SHA-256 port the enterprises are written field by field as UTF-8 into a reused buffer that is
 * hashed whenever it fills: the JSON is never held whole and nothing per enterprise is left for
 * the collector. The bytes are those of `snapshotJson` (tested).
 */
export function snapshotHash(canonical: DrawSnapshot, ports: DrawPorts): string {
  if (!ports.createSha256) return toHex(ports.sha256(utf8(snapshotJson(canonical))));
  const hash = ports.createSha256();
  const out = new JsonBytes((bytes) => hash.update(bytes));
  out.write(utf8(`{${parts(canonical, BEFORE_ENTERPRISES)},"enterprises":[`));
  const list = canonical.enterprises;
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    if (i > 0) out.write(K.comma);
    let p = putEnterprise(out.buffer, out.used, e);
    if (p === NO_ROOM) {
      out.flush();
      p = putEnterprise(out.buffer, 0, e);
    }
    if (p >= 0) out.used = p;
    else out.write(utf8(canonicalJson(enterpriseFields(e)))); // odd types, or larger than the buffer: the generic path, same bytes
  }
  out.write(utf8(`],${parts(canonical, AFTER_ENTERPRISES)}}`));
  out.flush();
  return toHex(hash.digest());
}

export const taskHash = (task: DrawTask, ports: DrawPorts) => hashOf(task, ports);
