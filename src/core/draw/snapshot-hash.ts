import { canonicalJson, writeCanonicalJson } from '../canonical-json.ts';
import type { EnterpriseFacts } from '../rules/facts.ts';
import { JsonBytes, putBytes, putString } from './json-bytes.ts';
import { toHex, utf8, type DrawPorts } from './ports.ts';
import { enterpriseFields, SNAPSHOT_FIELDS } from './snapshot-shape.ts';
import type { DrawSnapshot, DrawTask } from './types.ts';

const str = JSON.stringify;
const COMMA = utf8(',');

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

/**
 * What a writer has made once per value, with a budget shared by all its caches (values past it
 * are made each time instead of kept): a province's enterprises repeat a few dozen levels,
 * sectors and townships, while a hostile snapshot could make every value distinct.
 */
class PerValue<T> {
  private readonly made = new Map<string | null, T>();

  constructor(
    private readonly make: (value: string | null) => T,
    private readonly budget: { left: number },
  ) {}

  of(value: string | null): T {
    let made = this.made.get(value);
    if (made === undefined) {
      made = this.make(value);
      if (this.budget.left > 0) {
        this.budget.left--;
        this.made.set(value, made);
      }
    }
    return made;
  }
}

const K = {
  kind: utf8('{"kind":'),
  occurredOn: utf8(',"occurredOn":'),
};

/** Bytes an enterprise takes besides its fragments and free strings: quotes and the closing brace. */
const FIXED = 4 + 1;
const RECORD = K.kind.length + K.occurredOn.length + 4 + 2;

/** A fragment copied whole: TypedArray#set costs the same for 10 bytes or 100 (a loop does not). */
const copy = (b: Uint8Array, p: number, bytes: Uint8Array): number => {
  b.set(bytes, p);
  return p + bytes.length;
};

/**
 * Writes enterprises (their fields only, in JCS key order) as UTF-8 canonical JSON. Everything
 * between the free strings (name, records, USCC) is a fragment made once per combination of the
 * values in it and copied whole: the keys, the booleans, the levels, the sector and township.
 */
class EnterpriseWriter {
  private readonly budget = { left: 1 << 16 };
  // Values are written by JSON.stringify (str), which escapes lone surrogates: their UTF-8 is lossless.
  /** `{"blacklisted":…,"creditLevel":…,"keyHighDanger":…,"majorHazardSource":…,"name":`, by credit level, then the three flags as bits. */
  private readonly head = new PerValue(
    (credit) => Array.from({ length: 8 }, (_, bits) => utf8(`{"blacklisted":${(bits & 4) > 0},"creditLevel":${str(credit)},"keyHighDanger":${(bits & 2) > 0},"majorHazardSource":${(bits & 1) > 0},"name":`)),
    this.budget,
  );
  /** `,"operatingStatus":…,"records":[` */
  private readonly status = new PerValue((status) => utf8(`,"operatingStatus":${str(status)},"records":[`), this.budget);
  /** `],"riskLevel":…,"scale":…,"sector":…,"subSector":`, by risk, scale and sector. */
  private readonly middle = new PerValue(
    (risk) => new PerValue((scale) => new PerValue((sector) => utf8(`],"riskLevel":${str(risk)},"scale":${str(scale)},"sector":${str(sector)},"subSector":`), this.budget), this.budget),
    this.budget,
  );
  /** The sub-sector, then `,"township":`. */
  private readonly subSector = new PerValue((sub) => utf8(`${str(sub)},"township":`), this.budget);
  /** The township, then `,"uscc":`. */
  private readonly township = new PerValue((town) => utf8(`${str(town)},"uscc":`), this.budget);

  /**
   * The enterprise written at `p`, then the new position; NO_ROOM when it might not fit before
   * `b.length` (nothing useful was written), ODD when a field is not of its type (the caller
   * takes the generic path: the same bytes).
   */
  put(b: Uint8Array, p: number, e: EnterpriseFacts): number {
    const { blacklisted, creditLevel, keyHighDanger, majorHazardSource, name, operatingStatus, records, riskLevel, scale, sector, subSector, township, uscc } = e;
    if (typeof blacklisted !== 'boolean' || typeof keyHighDanger !== 'boolean' || typeof majorHazardSource !== 'boolean' || !Array.isArray(records)) return ODD;
    if (!isText(creditLevel) || !isText(name) || !isText(operatingStatus) || !isText(riskLevel) || !isText(sector) || !isText(uscc) || !isTextOrNull(scale) || !isTextOrNull(subSector) || !isTextOrNull(township)) return ODD;
    const head = this.head.of(creditLevel)[(blacklisted ? 4 : 0) + (keyHighDanger ? 2 : 0) + (majorHazardSource ? 1 : 0)]!;
    const status = this.status.of(operatingStatus);
    const middle = this.middle.of(riskLevel).of(scale).of(sector);
    const sub = this.subSector.of(subSector);
    const town = this.township.of(township);
    // The most it can take: fragments, then each free string at 6 bytes a code unit (\uXXXX) and quotes.
    let most = FIXED + head.length + status.length + middle.length + sub.length + town.length + (name.length + uscc.length) * 6;
    for (const r of records) {
      if (!isText(r.kind) || !isText(r.occurredOn)) return ODD;
      most += RECORD + (r.kind.length + r.occurredOn.length) * 6;
    }
    if (p + most > b.length) return NO_ROOM;
    p = putString(b, copy(b, p, head), name);
    p = copy(b, p, status);
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      if (i > 0) b[p++] = 0x2c; // ,
      p = putString(b, putBytes(b, p, K.kind), r.kind);
      p = putString(b, putBytes(b, p, K.occurredOn), r.occurredOn);
      b[p++] = 0x7d; // }
    }
    p = putString(b, copy(b, copy(b, copy(b, p, middle), sub), town), uscc);
    b[p++] = 0x7d; // }
    return p;
  }
}

/** The writer could not write: the buffer is too full, or a field is not of its type. */
const NO_ROOM = -1;
const ODD = -2;

const isText = (v: unknown): v is string => typeof v === 'string';
const isTextOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

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
  const writer = new EnterpriseWriter();
  const text = (t: string) => out.text(t);
  const streamParts = (keys: readonly (typeof SNAPSHOT_FIELDS)[number][]) =>
    keys.forEach((k, i) => {
      text(`${i > 0 ? ',' : ''}${str(k)}:`);
      writeCanonicalJson(canonical[k], text);
    });
  text('{');
  streamParts(BEFORE_ENTERPRISES);
  text(',"enterprises":[');
  const list = canonical.enterprises;
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    if (i > 0) out.write(COMMA);
    let p = writer.put(out.buffer, out.used, e);
    if (p === NO_ROOM) {
      out.flush();
      p = writer.put(out.buffer, 0, e);
    }
    if (p >= 0) out.used = p;
    else out.write(utf8(canonicalJson(enterpriseFields(e)))); // odd types, or larger than the buffer: the generic path, same bytes
  }
  text('],');
  streamParts(AFTER_ENTERPRISES);
  text('}');
  out.flush();
  return toHex(hash.digest());
}

export const taskHash = (task: DrawTask, ports: DrawPorts) => hashOf(task, ports);
