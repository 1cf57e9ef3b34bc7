import type { EnterpriseFacts, RecordFact } from '../rules/facts.ts';
import type { DrawSnapshot, SnapshotHistory, UpperLevelSeal } from './types.ts';

/**
 * What a snapshot's enterprise holds, and nothing else: the hash covers exactly these fields
 * (docs/draw-algorithm.md §3), since they are all the draw reads. An export that carries other
 * fields is refused at the door (`snapshotShapeIssues`) rather than hashed one way here and
 * another by an independent verifier.
 */
export const ENTERPRISE_FIELDS = {
  blacklisted: 'boolean',
  creditLevel: 'string',
  keyHighDanger: 'boolean',
  majorHazardSource: 'boolean',
  name: 'string',
  operatingStatus: 'string',
  records: 'records',
  riskLevel: 'string',
  scale: 'string or null',
  sector: 'string',
  subSector: 'string or null',
  township: 'string or null',
  uscc: 'string',
} as const satisfies Record<keyof EnterpriseFacts, string>;

export const SNAPSHOT_FIELDS = ['checklist', 'conflicts', 'enterprises', 'experts', 'history', 'inspectors'] as const satisfies readonly (keyof DrawSnapshot)[];

/** The history's fields: v1's three, v2's seals (§9) and v4's rotation and lower-level lists (§7a, §5c). Others would be dropped by the canonical form, so they are refused. */
export const HISTORY_FIELDS = ['consecutiveDraws', 'doubleRandomCount', 'lastInspected', 'lastLeaders', 'lowerLevelDrawn', 'upperLevelDrawn', 'upperLevelSealed'] as const satisfies readonly (keyof SnapshotHistory)[];
const SEAL_FIELDS = ['commitment', 'draw', 'jurisdiction', 'level'] as const satisfies readonly (keyof UpperLevelSeal)[];
const HEX64 = /^[0-9a-f]{64}$/;

/** Where the history departs from its format: unknown fields, and seals that are not exactly { commitment, draw, jurisdiction, level }. */
function historyIssues(history: unknown, issues: ShapeIssue[]): void {
  if (history === null || typeof history !== 'object' || Array.isArray(history)) {
    issues.push({ path: 'snapshot.history', problem: '应为对象（expected an object）' });
    return;
  }
  for (const k of Object.keys(history)) if (!(HISTORY_FIELDS as readonly string[]).includes(k)) issues.push({ path: `snapshot.history.${k}`, problem: '不是历史记录的字段（not a field of a snapshot\'s history）' });
  v4HistoryIssues(history as SnapshotHistory, issues);
  const seals = (history as SnapshotHistory).upperLevelSealed as unknown;
  if (seals === undefined) return;
  if (!Array.isArray(seals) || seals.length === 0) {
    issues.push({ path: 'snapshot.history.upperLevelSealed', problem: '应为非空的封存列表，没有封存时不出现（expected a non-empty list of seals, absent when there are none）' });
    return;
  }
  const seen = new Set<string>();
  seals.forEach((seal: unknown, i) => {
    const at = `snapshot.history.upperLevelSealed[${i}]`;
    if (seal === null || typeof seal !== 'object' || Array.isArray(seal)) return issues.push({ path: at, problem: '封存应为 { commitment, draw, jurisdiction, level }' });
    for (const k of Object.keys(seal)) if (!(SEAL_FIELDS as readonly string[]).includes(k)) issues.push({ path: `${at}.${k}`, problem: '不是封存的字段（not a field of a seal）' });
    for (const k of SEAL_FIELDS) if (typeof (seal as Record<string, unknown>)[k] !== 'string') issues.push({ path: `${at}.${k}`, problem: '应为字符串（expected a string）' });
    const { commitment } = seal as UpperLevelSeal;
    if (typeof commitment === 'string' && !HEX64.test(commitment)) issues.push({ path: `${at}.commitment`, problem: '应为 64 位小写十六进制（expected 64 lowercase hex digits）' });
    else if (seen.has(commitment)) issues.push({ path: `${at}.commitment`, problem: '同一承诺出现两次（the same commitment twice）' });
    seen.add(commitment);
  });
}

/**
 * v4's history fields (§7a, §5c): present only when not empty, `consecutiveDraws` whole numbers
 * ≥ 1 by inspector id, `lastLeaders` and `lowerLevelDrawn` lists of strings, each once.
 */
function v4HistoryIssues(history: SnapshotHistory, issues: ShapeIssue[]): void {
  const counts = history.consecutiveDraws as unknown;
  if (counts !== undefined) {
    if (counts === null || typeof counts !== 'object' || Array.isArray(counts) || Object.keys(counts).length === 0) {
      issues.push({ path: 'snapshot.history.consecutiveDraws', problem: '应为非空的“检查人员 → 连续次数”对象，没有时不出现（expected a non-empty object, absent when empty）' });
    } else {
      for (const [id, k] of Object.entries(counts)) if (!Number.isInteger(k) || (k as number) < 1) issues.push({ path: `snapshot.history.consecutiveDraws.${id}`, problem: `应为不小于 1 的整数（expected a whole number ≥ 1），实为 ${JSON.stringify(k)}` });
    }
  }
  for (const key of ['lastLeaders', 'lowerLevelDrawn'] as const) {
    const list = history[key] as unknown;
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === 'string')) issues.push({ path: `snapshot.history.${key}`, problem: '应为非空的字符串列表，没有时不出现（expected a non-empty list of strings, absent when empty）' });
    else if (new Set(list).size !== list.length) issues.push({ path: `snapshot.history.${key}`, problem: '同一项出现两次（an entry twice）' });
  }
}

/** An enterprise reduced to its fields, for the generic (slow) path. */
export function enterpriseFields(e: EnterpriseFacts): EnterpriseFacts {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(ENTERPRISE_FIELDS) as (keyof EnterpriseFacts)[]) out[k] = e[k];
  out.records = Array.isArray(e.records) ? e.records.map((r): RecordFact => ({ kind: r.kind, occurredOn: r.occurredOn })) : e.records;
  return out as unknown as EnterpriseFacts;
}

const hasKind = (value: unknown, kind: (typeof ENTERPRISE_FIELDS)[keyof EnterpriseFacts]) =>
  kind === 'records' ? Array.isArray(value) : kind === 'string or null' ? value === null || typeof value === 'string' : typeof value === kind;

/** Exactly { kind, occurredOn }, both strings. */
function isRecord(r: unknown): boolean {
  if (r === null || typeof r !== 'object') return false;
  let count = 0;
  for (const k in r) if (k !== 'kind' && k !== 'occurredOn') return false; else count++;
  return count === 2 && typeof (r as RecordFact).kind === 'string' && typeof (r as RecordFact).occurredOn === 'string';
}

/** Where a snapshot departs from its format, and how. */
export interface ShapeIssue {
  readonly path: string;
  readonly problem: string;
}

/**
 * Where a snapshot (from an export file, say) departs from the shape the draw reads: unknown or
 * missing fields, wrong types, each with its path. At most `limit` issues.
 */
export function snapshotShapeIssues(s: DrawSnapshot, limit = 20): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  for (const k of Object.keys(s)) if (!(SNAPSHOT_FIELDS as readonly string[]).includes(k)) issues.push({ path: `snapshot.${k}`, problem: 'not a field of a snapshot' });
  for (const k of SNAPSHOT_FIELDS) if (!(k in s)) issues.push({ path: `snapshot.${k}`, problem: 'missing' });
  if ('history' in s) historyIssues(s.history, issues);
  if (!Array.isArray(s.enterprises)) return [...issues, { path: 'snapshot.enterprises', problem: 'expected a list' }];
  const fields = Object.entries(ENTERPRISE_FIELDS);
  for (let i = 0; i < s.enterprises.length && issues.length < limit; i++) {
    const e = s.enterprises[i] as unknown as Record<string, unknown>;
    const at = `snapshot.enterprises[${i}]`;
    if (e === null || typeof e !== 'object') {
      issues.push({ path: at, problem: 'expected an object' });
      continue;
    }
    // A million enterprises in a province: no arrays or strings made for one that is fine.
    for (const k in e) if (!Object.hasOwn(ENTERPRISE_FIELDS, k)) issues.push({ path: `${at}.${k}`, problem: 'not a field of an enterprise in a snapshot' });
    for (const [k, kind] of fields) {
      if (!hasKind(e[k], kind)) issues.push({ path: `${at}.${k}`, problem: `expected ${kind === 'records' ? 'a list of dated records' : `a ${kind}`}, got ${e[k] === undefined ? 'nothing' : JSON.stringify(e[k])}` });
    }
    if (!Array.isArray(e.records)) continue;
    const records = e.records as unknown[];
    for (let j = 0; j < records.length; j++) if (!isRecord(records[j])) issues.push({ path: `${at}.records[${j}]`, problem: 'expected exactly { kind, occurredOn } as strings' });
  }
  return issues.slice(0, limit);
}
