import { canonicalJson } from '../canonical-json.ts';
import { runDraw } from './draw.ts';
import { snapshotShapeIssues } from './snapshot-shape.ts';
import type { DrawExport } from './export.ts';
import { EXPORT_FORMAT, EXPORT_FORMAT_SEALED } from './export.ts';
import type { DrawPorts } from './ports.ts';
import { toHex, utf8 } from './ports.ts';
import { packContentJson } from '../rules/pack-content.ts';
import type { RulePackHooks } from '../rules/facts.ts';
import { citableDocs } from '../rules/hook-answer.ts';
import { scanPool } from '../rules/evaluate-pool.ts';
import { hookHistory, ineligibleInspectorsOf, withHistory } from '../rules/rotation.ts';
import { canonicalSnapshot } from './canonical-snapshot.ts';
import { deriveSeed } from './seed.ts';
import { snapshotHash, taskHash } from './snapshot-hash.ts';
import { ALGORITHM_V4, ALGORITHMS, type Algorithm, type SealOpening, type UpperLevelSeal } from './types.ts';
import { admits, algorithmFor, avoidsByReserve, isAlgorithm } from './algorithm.ts';
import { ruleLanguageIssues } from './rule-language.ts';
import { checkOpenings, closedSeals, openedHistory, sealsOf, waitingFor } from './upper-level-seal.ts';

export interface Difference {
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

/** A part of the record a verifier could not re-derive yet, and why. */
export interface PendingPart {
  readonly path: string;
  readonly reason: string;
}

/** What a verification of a sealed export could check before its seals open (§9). */
export interface PendingVerification {
  /** What was re-derived and found equal, as a reader reads it. */
  readonly checked: readonly string[];
  readonly parts: readonly PendingPart[];
  /** The seals still closed: whose covert task the rest waits for. */
  readonly waitingFor: readonly UpperLevelSeal[];
  /** One sentence (Chinese, then English) for a screen. */
  readonly summary: string;
}

export interface Verification {
  /** True only when the whole record was re-derived from the inputs and is equal. */
  readonly matches: boolean;
  readonly differences: readonly Difference[];
  /** Only when part of the draw waits for a sealed upper-level list; never with `matches`. */
  readonly pending?: PendingVerification;
}

export type VerificationStatus = 'VERIFIED' | 'MISMATCH' | 'PENDING';

/** VERIFIED (all re-derived and equal), MISMATCH (a difference found), or PENDING (nothing differs, part waits for a seal). */
export const verificationStatus = (v: Verification): VerificationStatus => (v.matches ? 'VERIFIED' : v.pending && v.differences.length === 0 ? 'PENDING' : 'MISMATCH');

const show = (v: unknown) => (v === undefined ? 'nothing' : canonicalJson(v));

/**
 * Equal as canonical JSON sees them (key order and undefined-valued keys do not count), without
 * writing either out: a province's record is large, and equal records are the common case.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b || (typeof a === 'number' && typeof b === 'number' && canonicalJson(a) === canonicalJson(b));
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], other[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const kx = keys(x);
  if (kx.length !== keys(y).length) return false;
  for (const k of kx) if (!(k in y) || !sameJson(x[k], y[k])) return false;
  return true;
}

function compare(path: string, recorded: unknown, derived: unknown, out: Difference[]): void {
  if (sameJson(recorded, derived)) return;
  if (Array.isArray(recorded) && Array.isArray(derived)) {
    if (recorded.length !== derived.length) out.push({ path: `${path}.length`, expected: String(derived.length), actual: String(recorded.length) });
    for (let i = 0; i < Math.min(recorded.length, derived.length); i++) compare(`${path}[${i}]`, recorded[i], derived[i], out);
    return;
  }
  if (recorded && derived && typeof recorded === 'object' && typeof derived === 'object') {
    for (const key of new Set([...Object.keys(recorded), ...Object.keys(derived)])) {
      compare(path ? `${path}.${key}` : key, (recorded as Record<string, unknown>)[key], (derived as Record<string, unknown>)[key], out);
    }
    return;
  }
  out.push({ path, expected: show(derived), actual: show(recorded) });
}

/**
 * Re-derives a draw from its export and says whether the recorded result matches, or where it
 * differs ("expected" is what the inputs give, "actual" what the record says). A pack's hooks
 * are re-created from the export's own source text by `ports.isolateHooks`, isolated as the
 * server runs them, so the export alone decides the draw. An export with a seal still closed (§9)
 * is checked as far as its public inputs go and reported pending, never as verified and never as
 * a mismatch for what it could not re-derive.
 */
export function verifyDraw(data: DrawExport, ports: DrawPorts): Verification {
  const differences: Difference[] = [];
  if (data.format !== EXPORT_FORMAT && data.format !== EXPORT_FORMAT_SEALED) return { matches: false, differences: [{ path: 'format', expected: `${EXPORT_FORMAT} or ${EXPORT_FORMAT_SEALED}`, actual: String(data.format) }] };
  const packHash = toHex(ports.sha256(utf8(packContentJson(data.pack.meta, data.pack.rules, data.pack.hooks))));
  if (packHash !== data.pack.contentHash) differences.push({ path: 'pack.contentHash', expected: packHash, actual: data.pack.contentHash });
  // The version the record names decides the draw (§0); its rule language decides what the rules
  // may say. Rules outside it are refused, each value named, rather than drawn by a reading of
  // them that the server never made (§5b).
  const named = (data.record as { algorithm?: unknown } | undefined)?.algorithm;
  if (!isAlgorithm(named)) return { matches: false, differences: [...differences, { path: 'record.algorithm', expected: `已公布的算法版本之一：${ALGORITHMS.join('、')}（a published version）`, actual: show(named) }] };
  const language = ruleLanguageIssues(data.pack.rules, named);
  if (language.length > 0) return { matches: false, differences: [...differences, ...language.map(({ path, problem }) => ({ path, expected: `${named} 规则语言中的值（a value of the rule language of ${named}）`, actual: problem }))] };
  let hooks: RulePackHooks | undefined;
  if (Object.keys(data.pack.hooks).length > 0) {
    if (!ports.isolateHooks) {
      differences.push({ path: 'pack.hooks', expected: 'a hook isolator (ports.isolateHooks) to run the exported source', actual: `${Object.keys(data.pack.hooks).join(', ')} (source only)` });
      return { matches: false, differences };
    }
    const made = ports.isolateHooks(data.pack.hooks, citableDocs(data.pack.meta, data.pack.rules));
    if (!made.ok) {
      differences.push(...made.error.map((p) => ({ path: p.hook ? `pack.hooks.${p.hook}` : 'pack.hooks', expected: 'a self-contained hook', actual: p.message })));
      return { matches: false, differences };
    }
    hooks = made.value;
  }
  // A snapshot with fields the algorithm does not know would hash differently here and in an
  // independent verifier (§3): refused, each field named.
  const shape = snapshotShapeIssues(data.snapshot);
  if (shape.length > 0) return { matches: false, differences: [...differences, ...shape.map(({ path, problem }) => ({ path, expected: 'a field of the snapshot format', actual: problem }))] };
  // v1 has no seals and no openings; v2 has at least one seal and its list of openings (§9).
  const seals = sealsOf(data.snapshot);
  if (data.format === EXPORT_FORMAT && (seals.length > 0 || 'openings' in data)) return { matches: false, differences: [...differences, { path: 'format', expected: `${EXPORT_FORMAT_SEALED} (the snapshot has sealed upper-level entries)`, actual: data.format }] };
  if (data.format === EXPORT_FORMAT_SEALED) {
    if (seals.length === 0) return { matches: false, differences: [...differences, { path: 'snapshot.history.upperLevelSealed', expected: `at least one seal in a ${EXPORT_FORMAT_SEALED} export`, actual: 'none' }] };
    if (!Array.isArray(data.openings)) return { matches: false, differences: [...differences, { path: 'openings', expected: '封存名单的开启列表，尚无开启时为 []（a list, [] before any opening）', actual: data.openings === undefined ? 'nothing' : typeof data.openings }] };
  }
  if (!admits(named, data.snapshot, data.pack.rules, data.task, hooks)) {
    return { matches: false, differences: [...differences, { path: 'record.algorithm', expected: `${algorithmFor(data.snapshot, data.pack.rules, data.task, hooks)}（${named} 不适用于这些输入：v1 无封存，v2 须有封存，v3 只用于按 v1/v2 会抽到曾为该企业服务的专家的抽取；docs/draw-algorithm.md §0）`, actual: named }] };
  }
  const { opened, issues } = checkOpenings(data.snapshot, data.openings, ports);
  if (issues.length > 0) return { matches: false, differences: [...differences, ...issues] };
  const closed = closedSeals(data.snapshot, opened);
  if (closed.length > 0) return verifyBeforeOpening(data, ports, hooks ?? {}, named, opened, closed, differences);

  const openings = [...opened.values()];
  const derived = runDraw({ snapshot: data.snapshot, task: data.task, pack: { key: data.pack.key, contentHash: data.pack.contentHash, rules: data.pack.rules }, ...(hooks ? { hooks } : {}), seed: data.seed, ...(openings.length > 0 ? { openings } : {}), algorithm: named }, ports);
  if (!derived.ok) {
    differences.push({ path: 'record', expected: `no draw: ${derived.error.map((s) => s.message).join('; ')}`, actual: 'a recorded draw' });
    return { matches: false, differences };
  }
  compare('record', data.record, derived.value, differences);
  return { matches: differences.length === 0, differences };
}

const PENDING_PARTS = ['record.picks', 'record.strata', 'record.excluded', 'record.avoided', 'record.stillDue', 'record.dueInclusion', 'record.recusals', 'record.randomValuesUsed'] as const;

/**
 * A sealed export before its opening: everything that does not depend on the sealed lists is
 * re-derived and compared (hashes, seed, inspectors); each pick is checked to be an enterprise
 * of the snapshot that no public reason keeps out of the pool; the pool, the order of the picks,
 * their items and teams wait for the seals.
 */
function verifyBeforeOpening(data: DrawExport, ports: DrawPorts, hooks: RulePackHooks, algorithm: Algorithm, opened: ReadonlyMap<string, SealOpening>, closed: readonly UpperLevelSeal[], differences: Difference[]): Verification {
  const { task, record } = data;
  const rules = data.pack.rules;
  const snapshot = canonicalSnapshot(data.snapshot);
  const hashes = { snapshotHash: snapshotHash(snapshot, ports), taskHash: taskHash(task, ports), packHash: data.pack.contentHash };
  compare('record.algorithm', record.algorithm, algorithm, differences);
  compare('record.packKey', record.packKey, data.pack.key, differences);
  compare('record.packHash', record.packHash, hashes.packHash, differences);
  compare('record.snapshotHash', record.snapshotHash, hashes.snapshotHash, differences);
  compare('record.taskHash', record.taskHash, hashes.taskHash, differences);
  compare('record.commitment', record.commitment, data.seed.commitment, differences);
  try {
    compare('record.seed', record.seed, toHex(deriveSeed(data.seed, hashes, ports, algorithm)), differences);
  } catch (error) {
    differences.push({ path: 'seed.secret', expected: 'the secret behind the published commitment', actual: (error as Error).message });
  }
  // v4: hooks with history, rotation and the reserve as the draw has them (§5a, §7a, §5c).
  const v4 = algorithm === ALGORITHM_V4;
  const history = openedHistory(snapshot.history, opened);
  const drawHooks = v4 ? withHistory(hooks, hookHistory(history)) : hooks;
  const ineligible = ineligibleInspectorsOf(rules, drawHooks, snapshot.inspectors, task, v4 ? snapshot.history.consecutiveDraws : undefined);
  compare('record.ineligibleInspectors', record.ineligibleInspectors, ineligible, differences);
  // Only the sealed lists are unknown: a pick that a public reason keeps out can never be right.
  const pool = scanPool(rules, drawHooks, { enterprises: snapshot.enterprises, task, history, avoid: avoidsByReserve(algorithm) });
  const inPool = new Set([...Array.from(pool.positions, (p) => snapshot.enterprises[p]!.uscc), ...pool.reserve.map((r) => r.uscc)]);
  if (!Array.isArray(record.picks)) differences.push({ path: 'record.picks', expected: 'a list of picks', actual: typeof record.picks });
  else {
    if (record.picks.length !== task.size) differences.push({ path: 'record.picks.length', expected: String(task.size), actual: String(record.picks.length) });
    record.picks.forEach((p, i) => {
      if (!inPool.has(p?.uscc)) differences.push({ path: `record.picks[${i}].uscc`, expected: '名录快照中、不因公开理由被排除的企业（a pool member as far as the public inputs go）', actual: show(p?.uscc) });
    });
  }
  const reason = waitingFor(closed);
  const checked = [
    '规则包内容哈希（pack.contentHash, record.packHash）',
    '名录快照哈希，含封存承诺（record.snapshotHash）',
    '任务哈希（record.taskHash）',
    `秘密值与承诺、种子推导，算法 ${algorithm}（record.commitment, record.seed）`,
    '不具备资格的检查人员（record.ineligibleInspectors）',
    ...(opened.size > 0 ? [`已开启的 ${opened.size} 个封存名单与其承诺相符（openings）`] : []),
    '每个抽中企业都在名录快照中，且不因公开的理由被排除（record.picks[].uscc）',
  ];
  const summary = differences.length === 0
    ? `部分核验：${checked.length} 项由公开输入重新推导且与记录一致；抽取池、抽中顺序、检查事项与检查组${reason}。`
    : `核验未通过：${differences.length} 处与公开输入不符；其余部分${reason}。`;
  return { matches: false, differences, pending: { checked, parts: PENDING_PARTS.map((path) => ({ path, reason })), waitingFor: closed, summary } };
}
