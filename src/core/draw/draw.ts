import { SECTORS } from '../directory/sectors.ts';
import { err, ok, type Result } from '../result.ts';
import { evaluatePool, type PoolMember } from '../rules/evaluate-pool.ts';
import { inspectorVerdicts } from '../rules/evaluate-team.ts';
import type { EnterpriseFacts, InspectorFacts, RulePackHooks } from '../rules/facts.ts';
import type { Verdict } from '../rules/messages.ts';
import type { Rules } from '../rules/schema.ts';
import type { DrawPorts } from './ports.ts';
import { toHex } from './ports.ts';
import { RandomStream } from './random-stream.ts';
import { SeatPool } from './seat-pool.ts';
import { allocateQuotas, sampleUniform, sampleWeighted } from './sample.ts';
import { deriveSeed } from './seed.ts';
import { byCodeUnits, canonicalSnapshot, enterpriseByUscc } from './canonical-snapshot.ts';
import { snapshotHash, taskHash } from './snapshot-hash.ts';
import { ALGORITHM, type DrawPack, type DrawRecord, type DrawSnapshot, type DrawTask, type ExpertFacts, type PickRecord, type SeedInputs, type Shortfall, type StratumRecord, type TeamRecord } from './types.ts';

export interface DrawInput {
  readonly snapshot: DrawSnapshot;
  readonly task: DrawTask;
  readonly pack: DrawPack;
  readonly hooks?: RulePackHooks;
  readonly seed: SeedInputs;
}


/** How large the team for this enterprise is, and how many of it must be sector specialists. */
function teamShape(rules: Rules, task: DrawTask, sector: string): { size: number; specialists: number } {
  const special = rules.specialists?.find((s) => s.sector === sector);
  if (special) return { size: Math.max(special.teamSize, task.teamSize ?? 0), specialists: special.minSpecialists };
  return { size: task.teamSize ?? rules.team?.minSize ?? 2, specialists: 0 };
}

function poolingAllowed(rules: Rules): string {
  const p = rules.pooling;
  if (!p) return 'the pack allows no pooling';
  const ways = [p.neighbours && 'neighbouring jurisdictions', p.townshipStations && 'township stations', p.directAssignment && 'direct assignment (outside the draw)'].filter(Boolean);
  return `${ways.length ? `the pack allows ${ways.join(', ')}` : 'the pack allows no pooling'} (${p.cite.clause})`;
}

/** An expert's specialties name the enterprise's sector (its Chinese label or code). */
function expertFits(expert: ExpertFacts, sector: string): boolean {
  const label = SECTORS.find((s) => s.code === sector)?.label ?? sector;
  return expert.specialties.some((s) => s === sector || s.includes(label) || label.includes(s));
}

/**
 * Draws the enterprises, the checklist items and the teams of a task, reproducibly from its
 * inputs (see docs/draw-algorithm.md for the exact order). Refuses, with a report of what is
 * short and what the pack allows, rather than return a partial draw.
 */
export function runDraw(input: DrawInput, ports: DrawPorts): Result<DrawRecord, Shortfall[]> {
  const { task, pack } = input;
  const hooks = input.hooks ?? {};
  const rules = pack.rules;
  if (!Number.isInteger(task.size) || task.size < 1) return err([{ code: 'BAD_INPUT', message: `task size must be a whole number ≥ 1, got ${task.size}` }]);
  // Per-stratum ratios are part of the rule language but not yet of the algorithm: refuse rather
  // than silently draw by weights.
  if (rules.strata?.ratios?.length) {
    return err([{ code: 'BAD_INPUT', message: `the pack sets per-stratum ratios (${rules.strata.cite.clause}), which ${ALGORITHM} does not draw yet; express them as weights` }]);
  }

  // 1. Canonical snapshot, hashes and seed.
  const snapshot = canonicalSnapshot(input.snapshot);
  const hashes = { snapshotHash: snapshotHash(snapshot, ports), taskHash: taskHash(task, ports), packHash: pack.contentHash };
  let seed: Uint8Array;
  try {
    seed = deriveSeed(input.seed, hashes, ports);
  } catch (error) {
    return err([{ code: 'BAD_INPUT', message: (error as Error).message }]);
  }
  const random = new RandomStream(seed);

  // 2. The pool, in USCC order, with the reasons for everyone left out.
  const pool = evaluatePool(rules, hooks, { enterprises: snapshot.enterprises, task, history: snapshot.history });
  if (pool.members.length < task.size) {
    return err([{ code: 'POOL_TOO_SMALL', message: `the task asks for ${task.size} enterprises but only ${pool.members.length} are in its pool (${pool.excluded.length} left out, each with its reason)`, needed: task.size, available: pool.members.length }]);
  }

  // 3. Mandatory coverage first: every due unit if they fit, else a uniform draw among them.
  // One pass splits the pool into the due and the strata (a province pool has a million members).
  const due: PoolMember[] = [];
  const byStratum = new Map<string, { members: PoolMember[]; mass: number; uniform: boolean }>();
  for (const m of pool.members) {
    if (m.due.length > 0) {
      due.push(m);
      continue;
    }
    const stratum = byStratum.get(m.stratum);
    if (!stratum) byStratum.set(m.stratum, { members: [m], mass: m.weight, uniform: true });
    else {
      stratum.uniform &&= m.weight === stratum.members[0]!.weight;
      stratum.members.push(m);
      stratum.mass += m.weight;
    }
  }
  const dueChosen = due.length <= task.size ? due : sampleUniform(due, task.size, random);
  const chosenSet = new Set(dueChosen.map((m) => m.uscc));
  const stillDue = due.filter((m) => !chosenSet.has(m.uscc)).map((m) => m.uscc);

  // 4. The rest by strata: quotas by largest remainder in proportion to each stratum's weight.
  const strataKeys = [...byStratum.keys()].sort(byCodeUnits);
  const remaining = task.size - dueChosen.length;
  const quotas = allocateQuotas(remaining, strataKeys.map((k) => ({ mass: byStratum.get(k)!.mass, capacity: byStratum.get(k)!.members.length })));
  const strata: StratumRecord[] = [];
  const lotChosen: PoolMember[] = [];
  strataKeys.forEach((key, i) => {
    const { members, mass, uniform } = byStratum.get(key)!;
    const quota = quotas[i]!;
    strata.push({ stratum: key, size: members.length, weight: mass, quota });
    if (quota === 0) return;
    lotChosen.push(...(uniform ? sampleUniform(members, quota, random) : sampleWeighted(members, members.map((m) => m.weight), quota, random)));
  });
  const chosen = [...dueChosen, ...lotChosen];
  if (chosen.length < task.size) {
    return err([{ code: 'POOL_TOO_SMALL', message: `only ${chosen.length} enterprises could be drawn (strata with no weight cannot give more)`, needed: task.size, available: chosen.length }]);
  }

  // 5. Checklist items, then 6. teams, enterprise by enterprise in pick order.
  const itemsWanted = task.itemsPerInspection ?? rules.checklist?.drawItems?.min ?? 0;
  const leaves = snapshot.checklist.filter((c) => c.leaf);
  // The items a sector's enterprises may be given: worked out once per sector, not per pick.
  const itemsBySector = new Map<string, readonly string[]>();
  const itemsFor = (sector: string) => {
    let items = itemsBySector.get(sector);
    if (!items) itemsBySector.set(sector, (items = leaves.filter((c) => c.sectors.length === 0 || c.sectors.includes(sector)).map((c) => c.code)));
    return items;
  };
  const expertsWanted = task.expertsPerTeam ?? (rules.experts?.when === 'required' ? 1 : 0);
  const substitutesWanted = task.substitutes ?? 2;
  // Recorded conflicts of experts (inspectors' go through the seat pools).
  const conflicts = new Set(snapshot.conflicts.map((c) => `${c.personId}\u0000${c.uscc}`));
  const servedKinds = new Set(rules.recusal?.serviceKinds ?? ['EVALUATION', 'TESTING', 'DESIGN', 'STANDARDISATION']);
  const recuseServed = rules.recusal ? rules.recusal.reasons.includes('served-enterprise') : true;
  const maxLoad = rules.team?.maxTeamsPerInspector ?? Number.POSITIVE_INFINITY;

  // Inspectors no enterprise could have: reported once.
  const ineligibleInspectors = snapshot.inspectors
    .map((i) => ({ id: i.id, reasons: inspectorVerdicts(rules, hooks, i, task) }))
    .filter((x) => x.reasons.length > 0);
  const ineligibleIds = new Set(ineligibleInspectors.map((x) => x.id));
  const generallyEligible = snapshot.inspectors.filter((i) => !ineligibleIds.has(i.id));
  // Eligibility for an enterprise depends on its sector only: computed once per sector.
  const bySector = new Map<string, InspectorFacts[]>();
  const eligibleFor = (e: EnterpriseFacts, memberRules: Rules) => {
    let list = bySector.get(e.sector);
    if (!list) {
      list = generallyEligible.filter((i) => inspectorVerdicts(memberRules, hooks, i, task, e).length === 0);
      bySector.set(e.sector, list);
    }
    return list;
  };

  const shortfalls: Shortfall[] = [];
  const recusals: { uscc: string; personId: string; reason: string }[] = [];
  const pools = new SeatPools(snapshot.conflicts);
  const picks: PickRecord[] = [];
  chosen.forEach((member, index) => {
    const e = enterpriseByUscc(snapshot, member.uscc)!; // every pool member comes from the snapshot
    const applicable = itemsFor(e.sector);
    if (applicable.length < itemsWanted) {
      shortfalls.push({ code: 'ITEMS_SHORT', uscc: e.uscc, needed: itemsWanted, available: applicable.length, message: `${e.uscc} (${e.sector}) needs ${itemsWanted} checklist items, the checklist has ${applicable.length} for its sector` });
    }
    const items = sampleUniform(applicable, itemsWanted, random);
    const team = drawTeam(e, rules, task, eligibleFor, pools, { random, maxLoad, recusals, shortfalls, substitutesWanted });
    const experts = drawExperts(e, snapshot.experts, expertsWanted, { random, conflicts, recusals, shortfalls, servedKinds, recuseServed });
    picks.push({ order: index + 1, uscc: e.uscc, stratum: member.stratum, due: member.due.length > 0, items, team: { ...team, experts } });
  });
  if (shortfalls.length > 0) return err(shortfalls);

  return ok({
    algorithm: ALGORITHM,
    packKey: pack.key,
    packHash: pack.contentHash,
    snapshotHash: hashes.snapshotHash,
    taskHash: hashes.taskHash,
    commitment: input.seed.commitment,
    seed: toHex(seed),
    picks,
    strata,
    excluded: pool.excluded,
    ineligibleInspectors,
    recusals,
    stillDue,
    randomValuesUsed: random.consumed,
  });
}

interface TeamContext {
  readonly random: RandomStream;
  readonly maxLoad: number;
  readonly recusals: { uscc: string; personId: string; reason: string }[];
  readonly shortfalls: Shortfall[];
  readonly substitutesWanted: number;
}

function drawExperts(
  e: EnterpriseFacts,
  experts: readonly ExpertFacts[],
  wanted: number,
  ctx: { random: RandomStream; conflicts: Set<string>; recusals: { uscc: string; personId: string; reason: string }[]; shortfalls: Shortfall[]; servedKinds: Set<string>; recuseServed: boolean },
): string[] {
  if (wanted === 0) return [];
  const fitting = experts.filter((x) => expertFits(x, e.sector));
  const clear = fitting.filter((x) => {
    const served = ctx.recuseServed && x.served.some((s) => s.uscc === e.uscc && ctx.servedKinds.has(s.kind));
    const conflict = ctx.conflicts.has(`${x.id}\u0000${e.uscc}`);
    if (served || conflict) ctx.recusals.push({ uscc: e.uscc, personId: x.id, reason: served ? 'served the enterprise (评价、检测检验、设计、标准化评审)' : 'recorded conflict of interest (回避)' });
    return !served && !conflict;
  });
  if (clear.length < wanted) {
    ctx.shortfalls.push({ code: 'EXPERTS_SHORT', uscc: e.uscc, needed: wanted, available: clear.length, message: `${e.uscc} needs ${wanted} expert(s) in ${e.sector}; ${clear.length} without a conflict` });
  }
  return sampleUniform(clear.map((x) => x.id), wanted, ctx.random);
}

export type { Verdict };

/**
 * The seat pools of a draw, by kind; each inspector's teams so far; which pools each inspector
 * is in (to update loads); and the recorded conflicts by enterprise.
 */
class SeatPools {
  private readonly byKey = new Map<string, SeatPool>();
  private readonly ofInspector = new Map<string, SeatPool[]>();
  private readonly load = new Map<string, number>();
  private readonly conflictsByUscc = new Map<string, string[]>();

  constructor(conflicts: DrawSnapshot['conflicts']) {
    for (const c of conflicts) {
      const list = this.conflictsByUscc.get(c.uscc) ?? [];
      list.push(c.personId);
      this.conflictsByUscc.set(c.uscc, list);
    }
  }

  conflictsOf(uscc: string): readonly string[] {
    return this.conflictsByUscc.get(uscc) ?? [];
  }

  get(key: string, items: () => readonly InspectorFacts[]): SeatPool {
    let pool = this.byKey.get(key);
    if (!pool) {
      pool = new SeatPool(items(), this.load);
      this.byKey.set(key, pool);
      for (const i of pool.items) this.ofInspector.set(i.id, [...(this.ofInspector.get(i.id) ?? []), pool]);
    }
    return pool;
  }

  loadOf(id: string): number {
    return this.load.get(id) ?? 0;
  }

  /** Counts a completed team: each member's load rises by one. */
  served(ids: readonly string[]): void {
    for (const id of ids) {
      this.load.set(id, (this.load.get(id) ?? 0) + 1);
      for (const pool of this.ofInspector.get(id) ?? []) pool.raised(id);
    }
  }
}

/**
 * One team: specialists first, then the other members; each seat drawn uniformly among the
 * candidates with the fewest teams so far in this draw (balanced load), leaving out recorded
 * conflicts and inspectors at the pack's maximum of teams. Own inspectors first; pooled ones
 * (neighbours) only when the own are too few. The first member drawn leads. SeatPool keeps this
 * from scanning every candidate for every seat.
 */
function drawTeam(e: EnterpriseFacts, rules: Rules, task: DrawTask, eligibleFor: (e: EnterpriseFacts, memberRules: Rules) => readonly InspectorFacts[], pools: SeatPools, ctx: TeamContext): Omit<TeamRecord, 'experts'> {
  const shape = teamShape(rules, task, e.sector);
  const memberRules = shape.specialists > 0 && rules.eligibility ? { ...rules, eligibility: { ...rules.eligibility, domainMatch: false } } : rules;
  const eligible = () => eligibleFor(e, memberRules);
  const all = pools.get(`${e.sector}|all|any`, eligible);
  const own = pools.get(`${e.sector}|own|any`, () => eligible().filter((i) => i.home === 'own'));
  // Recorded conflicts, in the candidates' id order, as the plain definition reports them.
  const conflicted = pools.conflictsOf(e.uscc).map((id) => all.position.get(id)).filter((p): p is number => p !== undefined).sort((a, b) => a - b);
  for (const p of conflicted) ctx.recusals.push({ uscc: e.uscc, personId: all.items[p]!.id, reason: 'recorded conflict of interest (回避)' });
  // Out of this team altogether: recorded conflicts, and inspectors at the pack's maximum of teams.
  const atMax = Number.isFinite(ctx.maxLoad) ? all.items.filter((i) => pools.loadOf(i.id) >= ctx.maxLoad).map((i) => i.id) : [];
  const conflictedIds = [...conflicted.map((p) => all.items[p]!.id), ...atMax];
  const excludedIn = (pool: SeatPool, ids: readonly string[]) => ids.map((id) => pool.position.get(id)).filter((p): p is number => p !== undefined).sort((a, b) => a - b);
  const ownCount = own.items.length - excludedIn(own, conflictedIds).length;
  const usableKind = ownCount >= shape.size ? 'own' : 'all';
  const usable = usableKind === 'own' ? own : all;
  const usableCount = usable.items.length - excludedIn(usable, conflictedIds).length;
  const specialists = pools.get(`${e.sector}|${usableKind}|specialists`, () => usable.items.filter((i) => i.domains.includes(e.sector)));
  const specialistCount = specialists.items.length - excludedIn(specialists, conflictedIds).length;
  const members: string[] = [];
  const pickSeat = (pool: SeatPool) => {
    const chosen = pool.draw(excludedIn(pool, [...conflictedIds, ...members]), ctx.random);
    if (!chosen) return false;
    members.push(chosen.id);
    return true;
  };
  for (let s = 0; s < shape.specialists; s++) {
    if (!pickSeat(specialists)) {
      ctx.shortfalls.push({ code: 'SPECIALISTS_SHORT', uscc: e.uscc, needed: shape.specialists, available: specialistCount, message: `the ${e.sector} team for ${e.uscc} needs ${shape.specialists} specialist(s); ${specialistCount} eligible`, allowed: poolingAllowed(rules) });
      break;
    }
  }
  while (members.length < shape.size) {
    if (!pickSeat(usable)) {
      ctx.shortfalls.push({ code: 'TEAM_SHORT', uscc: e.uscc, needed: shape.size, available: usableCount, message: `the team for ${e.uscc} (${e.sector}) needs ${shape.size} inspectors; ${usableCount} are eligible for it`, allowed: poolingAllowed(rules) });
      break;
    }
  }
  pools.served(members);
  const substitutes = usable.sample(excludedIn(usable, [...conflictedIds, ...members]), ctx.substitutesWanted, ctx.random);
  return { leader: members[0] ?? '', members, substitutes };
}
