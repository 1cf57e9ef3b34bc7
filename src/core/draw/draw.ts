import { err, ok, type Result } from '../result.ts';
import { scanTaskPool, stratumOf } from '../rules/evaluate-pool.ts';
import { prepareTask, type PreparedTask } from './prepared-task.ts';
import { hookHistory, withHistory, withRotationVerdicts } from '../rules/rotation.ts';
import type { EnterpriseFacts, RulePackHooks } from '../rules/facts.ts';
import { HookFailure } from '../rules/hook-answer.ts';
import type { DrawPorts } from './ports.ts';
import { toHex } from './ports.ts';
import { RandomStream } from './random-stream.ts';
import { sampleUniform, sampleWeighted } from './sample.ts';
import { planStrata } from './ratios.ts';
import { dueInclusion, stratumInclusion } from './inclusion.ts';
import { stratumLabel } from '../rules/messages.ts';
import { deriveSeed } from './seed.ts';
import { byCodeUnits, canonicalSnapshot } from './canonical-snapshot.ts';
import { snapshotHash, taskHash } from './snapshot-hash.ts';
import { TeamDrawer, TeamSetup } from './teams.ts';
import { admits, algorithmFor, recusesServed } from './algorithm.ts';
import { checkOpenings, closedSeals, openedHistory, sealOwner, sealsOf } from './upper-level-seal.ts';
import { ALGORITHM_V4, type Algorithm, type DrawPack, type DrawRecord, type DrawSnapshot, type DrawTask, type PickRecord, type SealOpening, type SeedInputs, type Shortfall, type SnapshotHistory, type StratumRecord } from './types.ts';
import type { Rules } from '../rules/schema.ts';

const EMPTY = new Int32Array(0);

export interface DrawInput {
  readonly snapshot: DrawSnapshot;
  readonly task: DrawTask;
  readonly pack: DrawPack;
  readonly hooks?: RulePackHooks;
  readonly seed: SeedInputs;
  /**
   * The snapshot's hash as computed and published when the task was locked (§3). A server that
   * holds the locked snapshot passes it, so that a province is not hashed a second time at the
   * reveal. The draw takes it as given and writes it into the record: a snapshot that is not the
   * locked one then gives a record that fails verification, which always hashes the snapshot.
   */
  readonly lockedSnapshotHash?: string;
  /**
   * The opened lists of the snapshot's seals (§9), every one of them: a sealed snapshot is drawn
   * only with all its upper-level entries known, and each opening must hash to its seal.
   */
  readonly openings?: readonly SealOpening[];
  /**
   * The version to draw by (§0). A new draw leaves it out and takes the one its inputs call for;
   * a verifier passes the one the record names, which must admit the inputs.
   */
  readonly algorithm?: Algorithm;
}


/**
 * Draws the enterprises, the checklist items and the teams of a task, reproducibly from its
 * inputs (see docs/draw-algorithm.md for the exact order). Refuses, with a report of what is
 * short and what the pack allows, rather than return a partial draw.
 */
export function runDraw(input: DrawInput, ports: DrawPorts): Result<DrawRecord, Shortfall[]> {
  try {
    return draw(input, ports);
  } catch (error) {
    // Hooks run deep inside the loops; a failing one ends the draw with one clear error.
    if (error instanceof HookFailure) return err([{ code: 'HOOK_FAILED', message: `规则包的钩子 ${error.message}（a hook of the pack failed; no draw）` }]);
    throw error;
  }
}

function draw(input: DrawInput, ports: DrawPorts): Result<DrawRecord, Shortfall[]> {
  const { task, pack } = input;
  const hooks = input.hooks ?? {};
  const rules = pack.rules;
  if (!Number.isInteger(task.size) || task.size < 1) return err([{ code: 'BAD_INPUT', message: `task size must be a whole number ≥ 1, got ${task.size}` }]);

  // 1. Canonical snapshot, version, hashes and seed. A snapshot with seals needs them opened.
  const snapshot = canonicalSnapshot(input.snapshot);
  let history = snapshot.history;
  const algorithm = input.algorithm ?? algorithmFor(snapshot, rules, task, input.hooks);
  // Per-stratum ratios are drawn by v4 only (§6a): an earlier version refuses them rather than
  // silently draw by weights.
  if (rules.strata?.ratios?.length && algorithm !== ALGORITHM_V4) {
    return err([{ code: 'BAD_INPUT', message: `规则包按分层比例抽取（${rules.strata.cite.clause}），${algorithm} 不支持，须按 ${ALGORITHM_V4} 抽取（per-stratum ratios are drawn by ${ALGORITHM_V4} only）` }]);
  }
  if (!admits(algorithm, snapshot, rules, task, input.hooks)) {
    return err([{ code: 'BAD_INPUT', message: `算法版本 ${algorithm} 不适用于这些输入，应为 ${algorithmFor(snapshot, rules, task, input.hooks)}（docs/draw-algorithm.md §0; the version does not admit these inputs）` }]);
  }
  if (sealsOf(snapshot).length > 0) {
    const { opened, issues } = checkOpenings(snapshot, input.openings ?? [], ports);
    const closed = closedSeals(snapshot, opened);
    if (issues.length > 0) return err(issues.map((i) => ({ code: 'BAD_INPUT', message: `${i.path}: ${i.actual}（应为 ${i.expected}）` })));
    if (closed.length > 0) return err([{ code: 'BAD_INPUT', message: `快照有 ${closed.length} 个上级封存名单未开启，无法抽取（${closed.map(sealOwner).join('、')}；sealed upper-level entries not opened）` }]);
    history = openedHistory(history, opened);
  }
  const hashes = { snapshotHash: input.lockedSnapshotHash ?? snapshotHash(snapshot, ports), taskHash: taskHash(task, ports), packHash: pack.contentHash };
  let seed: Uint8Array;
  try {
    seed = deriveSeed(input.seed, hashes, ports, algorithm);
  } catch (error) {
    return err([{ code: 'BAD_INPUT', message: (error as Error).message }]);
  }
  const random = new RandomStream(seed);
  const selected = drawSelection({ snapshot, history, task, rules, hooks, algorithm }, random);
  if (!selected.ok) return selected;

  return ok({
    algorithm,
    packKey: pack.key,
    packHash: pack.contentHash,
    snapshotHash: hashes.snapshotHash,
    taskHash: hashes.taskHash,
    commitment: input.seed.commitment,
    seed: toHex(seed),
    ...selected.value,
    randomValuesUsed: random.consumed,
  });
}

/** What a draw picks, without what only verifiability needs (hashes, seed, commitment): the record's middle. */
export type DrawSelection = Omit<DrawRecord, 'algorithm' | 'packKey' | 'packHash' | 'snapshotHash' | 'taskHash' | 'commitment' | 'seed' | 'randomValuesUsed'>;

export interface SelectionInput {
  /** In canonical order (canonicalSnapshot); its history is not read, `history` is. */
  readonly snapshot: DrawSnapshot;
  /** The year's history with any seals opened. */
  readonly history: SnapshotHistory;
  readonly task: DrawTask;
  readonly rules: Rules;
  /** The pack's hooks as it defines them (v4 gives them the history here). */
  readonly hooks: RulePackHooks;
  readonly algorithm: Algorithm;
  /**
   * What no history changes (prepareTask: the pool's history-free part, the teams' setup, the
   * items), made for this snapshot, task, rules, hooks and algorithm, when the caller draws the
   * same task many times with different histories (the simulation); made here otherwise.
   */
  readonly prepared?: PreparedTask;
}

/**
 * Steps 2–6 of the draw (docs/draw-algorithm.md): the pool, mandatory coverage, the strata, the
 * reserve, checklist items and teams, reading `random` in the published order. runDraw calls it
 * with the stream of the derived seed; the simulation (src/core/simulation) with a stream of its
 * own, so that a simulated draw is the engine's draw and not a copy of it.
 */
export function drawSelection(input: SelectionInput, random: RandomStream): Result<DrawSelection, Shortfall[]> {
  try {
    return select(input, random);
  } catch (error) {
    if (error instanceof HookFailure) return err([{ code: 'HOOK_FAILED', message: `规则包的钩子 ${error.message}（a hook of the pack failed; no draw）` }]);
    throw error;
  }
}

function select(input: SelectionInput, random: RandomStream): Result<DrawSelection, Shortfall[]> {
  const { snapshot, history, task, rules, algorithm } = input;
  // v4's hooks receive the history, deep-frozen, beside their own arguments (§5a); v1–v3's keep theirs exactly.
  const v4 = algorithm === ALGORITHM_V4;
  const hooks = v4 ? withHistory(input.hooks, hookHistory(history)) : input.hooks;

  // 2. The pool, in USCC order, with the reasons for everyone left out. Members are numbers
  // (indices into the pool scan), not objects: a province pool has a million.
  const prepared = input.prepared ?? prepareTask({ snapshot, task, rules, hooks: input.hooks, algorithm });
  const pool = scanTaskPool(prepared.taskPool, hooks, history, prepared.buffers);
  const poolSize = pool.positions.length;
  if (poolSize + pool.reserve.length < task.size) {
    const reserve = pool.reserve.length > 0 ? `，一般不重合的备选 ${pool.reserve.length} 家` : '';
    return err([{ code: 'POOL_TOO_SMALL', message: `任务要抽取 ${task.size} 家企业，候选池只有 ${poolSize} 家${reserve}（另有 ${pool.excluded.length} 家被排除，各有其原因） (the pool is too small)`, needed: task.size, available: poolSize + pool.reserve.length, excluded: pool.excluded }]);
  }

  // 3. Mandatory coverage first: every due unit if they fit, else a uniform draw among them.
  // The others by stratum: one pass counts the members of each class (a pool has a few dozen
  // classes and up to a million members), each stratum's size, mass and whether its weights are
  // equal are added up from its classes, and a second pass fills each stratum's part of one array.
  const strataByKey = new Map<string, { size: number; mass: number; weight: number; uniform: boolean; ratio: number; mixed: boolean; members: Int32Array; filled: number }>();
  const stratumOfClass = pool.classes.map((c) => {
    let stratum = strataByKey.get(c.stratum);
    if (!stratum) strataByKey.set(c.stratum, (stratum = { size: 0, mass: 0, weight: -1, uniform: true, ratio: c.ratio, mixed: false, members: EMPTY, filled: 0 }));
    return stratum;
  });
  // The due members, ascending (the scan lists them in member order; sorted to rely on nothing).
  const due = [...pool.due.keys()].sort((x, y) => x - y);
  const perClass = new Int32Array(pool.classes.length);
  for (let m = 0, d = 0; m < poolSize; m++) {
    if (d < due.length && due[d] === m) {
      d++;
      continue;
    }
    perClass[pool.classOf[m]!]!++;
  }
  pool.classes.forEach((c, index) => {
    const count = perClass[index]!;
    if (count === 0) return;
    const stratum = stratumOfClass[index]!;
    if (stratum.size === 0) {
      stratum.weight = c.weight;
      stratum.ratio = c.ratio;
    } else {
      stratum.uniform &&= c.weight === stratum.weight;
      stratum.mixed ||= c.ratio !== stratum.ratio;
    }
    stratum.size += count;
    stratum.mass += c.weight * count;
  });
  // One array for every stratum's members, each stratum a view of its part.
  const members = prepared.buffers.members;
  let offset = 0;
  for (const stratum of strataByKey.values()) {
    stratum.members = members.subarray(offset, offset + stratum.size);
    offset += stratum.size;
  }
  for (let m = 0, d = 0; m < poolSize; m++) {
    if (d < due.length && due[d] === m) {
      d++;
      continue;
    }
    const stratum = stratumOfClass[pool.classOf[m]!]!;
    stratum.members[stratum.filled++] = m;
  }
  // 分层比例 (v4, §6a): the quotas are fixed before any value is read, so a task too small for the
  // ratios is refused without drawing anything.
  const strataKeys = [...strataByKey.keys()].filter((k) => strataByKey.get(k)!.size > 0).sort(byCodeUnits);
  if (v4) {
    const mixed = strataKeys.find((k) => strataByKey.get(k)!.mixed);
    if (mixed !== undefined) return err([{ code: 'BAD_INPUT', message: `分层「${stratumLabel(mixed)}」的企业匹配不同的分层比例条目（${rules.strata?.cite.clause ?? ''}），一个分层只能有一个比例 (one stratum matches two ratio entries)` }]);
  }
  const planned = planStrata(strataKeys.map((key) => ({ key, size: strataByKey.get(key)!.size, mass: strataByKey.get(key)!.mass, ratio: v4 ? strataByKey.get(key)!.ratio : -1 })), rules, task.size, due.length, pool.reserve.length);
  if (!planned.ok) return err([planned.shortfall]);
  const dueChosen = due.length <= task.size ? due : sampleUniform(due, task.size, random);
  const chosenSet = new Set(dueChosen);
  const usccOf = (m: number) => snapshot.enterprises[pool.positions[m]!]!.uscc;
  const stillDue = due.filter((m) => !chosenSet.has(m)).map(usccOf);

  // 4. The rest by strata: ratio strata their exact quotas (v4), the others by largest remainder
  // in proportion to each stratum's weight. A ratio stratum is sampled uniformly (§6a).
  const quotas = planned.plan.quotas;
  const strata: StratumRecord[] = [];
  const lotChosen: number[] = [];
  const weightOf = (m: number) => pool.classes[pool.classOf[m]!]!.weight;
  strataKeys.forEach((key, i) => {
    const { members, mass, ratio } = strataByKey.get(key)!;
    const uniform = strataByKey.get(key)!.uniform || (v4 && ratio >= 0);
    const quota = quotas[i]!;
    strata.push(v4 ? { stratum: key, size: members.length, weight: mass, quota, ratio: ratio >= 0 ? ratio : null, inclusion: stratumInclusion(quota, members.length, uniform) } : { stratum: key, size: members.length, weight: mass, quota });
    if (quota === 0) return;
    const drawn = uniform ? sampleUniform(members, quota, random) : sampleWeighted(members, Array.from(members, weightOf), quota, random);
    for (const m of drawn) lotChosen.push(m);
  });
  const chosen = [...dueChosen, ...lotChosen];
  // 4a. 一般不重合 (v4, §5c): the seats the pool could not fill, drawn uniformly from the reserve.
  const reserveChosen = chosen.length < task.size && pool.reserve.length > 0 ? sampleUniform(pool.reserve, Math.min(task.size - chosen.length, pool.reserve.length), random) : [];
  if (chosen.length + reserveChosen.length < task.size) {
    return err([{ code: 'POOL_TOO_SMALL', message: `只能抽取 ${chosen.length + reserveChosen.length} 家企业，任务要抽取 ${task.size} 家：权重为 0 的分层不能再多抽 (only ${chosen.length + reserveChosen.length} enterprises could be drawn; strata with no weight cannot give more)`, needed: task.size, available: chosen.length }]);
  }

  // 5. Checklist items, then 6. teams, enterprise by enterprise in pick order.
  const itemsWanted = task.itemsPerInspection ?? rules.checklist?.drawItems?.min ?? 0;
  const { itemsFor } = prepared;
  // Inspectors no enterprise could have: reported once. The task's general ones are made once
  // (with the teams' setup); v4: 轮换 rotation leaves out those at the pack's maximum of draws in
  // a row (§7a), after the other reasons.
  const setup = prepared.teams ?? new TeamSetup(snapshot, rules, hooks, task);
  const general = setup.generallyIneligible();
  const rotated = v4 ? withRotationVerdicts(rules, snapshot.inspectors, general.list, history.consecutiveDraws) : null;
  const ineligibleInspectors = rotated ?? general.list;
  const teams = new TeamDrawer(snapshot, rules, hooks, task, rotated ? new Set(rotated.map((x) => x.id)) : general.ids, random, recusesServed(algorithm, rules), setup);
  const shortfalls = teams.shortfalls;
  const picks: PickRecord[] = [];
  // A pick's items, then its team (§7's order of reads): the same for the pool's picks and the reserve's.
  const itemsAndTeam = (e: EnterpriseFacts) => {
    const applicable = itemsFor(e.sector);
    if (applicable.length < itemsWanted) {
      shortfalls.push({ code: 'ITEMS_SHORT', uscc: e.uscc, needed: itemsWanted, available: applicable.length, message: `${e.uscc}（${e.sector}）每次检查须抽取 ${itemsWanted} 个检查事项，检查事项清单中适用其行业的只有 ${applicable.length} 个 (needs ${itemsWanted} checklist items, the checklist has ${applicable.length} for its sector)` });
    }
    const items = sampleUniform(applicable, itemsWanted, random);
    return { items, team: teams.teamFor(e) };
  };
  chosen.forEach((m, index) => {
    const e = snapshot.enterprises[pool.positions[m]!]!;
    const { items, team } = itemsAndTeam(e);
    picks.push({ order: index + 1, uscc: e.uscc, stratum: pool.classes[pool.classOf[m]!]!.stratum, due: index < dueChosen.length, items, team });
  });
  // The reserve's picks last, in the order drawn: items and team as any other, marked `reserve`.
  reserveChosen.forEach((r, index) => {
    const e = snapshot.enterprises[r.position]!;
    picks.push({ order: chosen.length + index + 1, uscc: e.uscc, stratum: stratumOf(e, rules, hooks), due: false, ...itemsAndTeam(e), reserve: true });
  });
  if (shortfalls.length > 0) return err(shortfalls);

  return ok({
    picks,
    strata,
    excluded: pool.excluded,
    ...(pool.reserve.length > 0 ? { avoided: pool.reserve.map(({ uscc, reasons }) => ({ uscc, reasons })) } : {}),
    ineligibleInspectors,
    recusals: teams.recusals,
    stillDue,
    ...(v4 ? { dueInclusion: dueInclusion(dueChosen.length, due.length) } : {}),
  });
}

