import { SECTORS } from '../directory/sectors.ts';
import { inspectorVerdicts } from '../rules/evaluate-team.ts';
import type { EnterpriseFacts, InspectorFacts, RulePackHooks } from '../rules/facts.ts';
import type { Verdict } from '../rules/messages.ts';
import { ineligibleInspectorsOf } from '../rules/rotation.ts';
import type { Rules } from '../rules/schema.ts';
import type { RandomStream } from './random-stream.ts';
import { sampleUniform } from './sample.ts';
import { SeatPool } from './seat-pool.ts';
import { expertsWanted } from './algorithm.ts';
import type { DrawSnapshot, DrawTask, ExpertFacts, Shortfall, TeamRecord } from './types.ts';

/** A person left out of one enterprise's team, and why (回避 recusal). */
export interface Recusal {
  readonly uscc: string;
  readonly personId: string;
  readonly reason: string;
}

const CONFLICT = 'recorded conflict of interest (回避)';
const SERVED = 'served the enterprise (评价、检测检验、设计、标准化评审)';

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
 * Everything about a sector's teams that does not depend on the enterprise: its shape and its
 * seat pools (worked out at its first pick; a province has a few dozen sectors and 30,000 picks).
 */
interface SectorSeats {
  readonly shape: { size: number; specialists: number };
  readonly all: SeatPool;
  readonly own: SeatPool;
  readonly specialists: { own?: SeatPool; all?: SeatPool };
  readonly experts: readonly ExpertFacts[];
}

/** A sector's candidates before the draw's ineligible inspectors are left out, and its experts. */
interface SectorSetup {
  readonly shape: { size: number; specialists: number };
  /** Inspectors the sector's eligibility lets in (its domain, with specialists required not for all members), in directory order. */
  readonly candidates: readonly InspectorFacts[];
  readonly experts: readonly ExpertFacts[];
  /** The candidates less the task's generally ineligible (`generalIneligibleIds`), all and own only, with their pool keys. */
  general?: { readonly all: Candidates; readonly own: Candidates };
}

/** A seat pool's candidates and the key that makes pools with the same candidates one pool. */
interface Candidates {
  readonly items: readonly InspectorFacts[];
  readonly key: string;
}

const candidates = (items: readonly InspectorFacts[]): Candidates => ({ items, key: JSON.stringify(items.map((i) => i.id)) });

/**
 * What a task's teams are drawn from that no draw of it changes: the inspectors generally
 * ineligible (the pack's eligibility and hook, §7; not rotation, which depends on the history),
 * each sector's shape, candidates and fitting experts, the recorded conflicts by enterprise. A
 * real draw makes it and uses it once; the simulation (规则模拟) makes it once per planned task
 * (prepareTask) and draws a thousand years' teams from it. Valid only while the hooks' answers do
 * not depend on the history (not for v4 with an inspector hook, which is given it, §5a).
 */
export class TeamSetup {
  readonly conflictsByUscc = new Map<string, string[]>();
  readonly expertConflicts: ReadonlySet<string>;
  readonly servedKinds: ReadonlySet<string>;
  readonly expertsWanted: number;
  readonly substitutesWanted: number;
  private readonly sectors = new Map<string, SectorSetup>();
  private readonly positions = new Map<string, ReadonlyMap<string, number>>();
  private general?: { readonly list: { id: string; reasons: Verdict[] }[]; readonly ids: ReadonlySet<string> };

  constructor(
    readonly snapshot: DrawSnapshot,
    readonly rules: Rules,
    readonly hooks: RulePackHooks,
    readonly task: DrawTask,
  ) {
    for (const c of snapshot.conflicts) {
      const list = this.conflictsByUscc.get(c.uscc);
      if (list) list.push(c.personId);
      else this.conflictsByUscc.set(c.uscc, [c.personId]);
    }
    this.expertConflicts = new Set(snapshot.conflicts.map((c) => `${c.personId}\u0000${c.uscc}`));
    this.servedKinds = new Set(rules.recusal?.serviceKinds ?? ['EVALUATION', 'TESTING', 'DESIGN', 'STANDARDISATION']);
    this.expertsWanted = expertsWanted(rules, task);
    this.substitutesWanted = task.substitutes ?? 2;
  }

  /** The inspectors no enterprise of the task could have, with their reasons, rotation aside (ineligibleInspectorsOf), and their ids. */
  generallyIneligible(): { readonly list: readonly { id: string; reasons: Verdict[] }[]; readonly ids: ReadonlySet<string> } {
    if (!this.general) {
      const list = ineligibleInspectorsOf(this.rules, this.hooks, this.snapshot.inspectors, this.task);
      this.general = { list, ids: new Set(list.map((x) => x.id)) };
    }
    return this.general;
  }

  sector(sector: string): SectorSetup {
    let setup = this.sectors.get(sector);
    if (!setup) {
      const { rules, hooks, task } = this;
      const shape = teamShape(rules, task, sector);
      // With specialists required, the other members need not enforce in the sector themselves.
      const memberRules = shape.specialists > 0 && rules.eligibility ? { ...rules, eligibility: { ...rules.eligibility, domainMatch: false } } : rules;
      // Eligibility for one of the sector's enterprises reads only its sector.
      const probe = { sector } as EnterpriseFacts;
      const candidates = this.snapshot.inspectors.filter((i) => inspectorVerdicts(memberRules, hooks, i, task, probe).length === 0);
      const experts = this.expertsWanted > 0 ? this.snapshot.experts.filter((x) => expertFits(x, sector)) : [];
      setup = { shape, candidates, experts };
      this.sectors.set(sector, setup);
    }
    return setup;
  }

  /** The sector's candidates less these ineligible ids: made once per sector for the task's general ones. */
  candidatesOf(sector: string, ineligibleIds: ReadonlySet<string>): { readonly all: Candidates; readonly own: Candidates } {
    const setup = this.sector(sector);
    const general = this.general !== undefined && ineligibleIds === this.general.ids;
    if (general && setup.general) return setup.general;
    const eligible = setup.candidates.filter((i) => !ineligibleIds.has(i.id));
    const lists = { all: candidates(eligible), own: candidates(eligible.filter((i) => i.home === 'own')) };
    if (general) setup.general = lists;
    return lists;
  }

  /** Each candidate's position in a pool's list, by the pool's key. */
  positionsOf(c: Candidates): ReadonlyMap<string, number> {
    let map = this.positions.get(c.key);
    if (!map) this.positions.set(c.key, (map = new Map(c.items.map((i, p) => [i.id, p]))));
    return map;
  }
}

/**
 * The seat pools of a draw. Pools with the same candidates are one pool: its lowest-load tier
 * depends only on the candidates and their loads, so sharing it changes no draw, and a team's
 * loads are raised in each distinct pool once (sectors with the same eligible inspectors are
 * common: eligibility often does not depend on the sector).
 */
class SeatPools {
  private readonly byCandidates = new Map<string, SeatPool>();
  private readonly ofInspector = new Map<string, SeatPool[]>();
  private readonly load = new Map<string, number>();
  /** Inspectors at the pack's maximum of teams, in the order they reached it. */
  readonly atMax: string[] = [];

  constructor(
    private readonly maxLoad: number,
    private readonly setup: TeamSetup,
  ) {}

  of(c: Candidates): SeatPool {
    let pool = this.byCandidates.get(c.key);
    if (!pool) {
      pool = new SeatPool(c.items, this.load, this.setup.positionsOf(c));
      this.byCandidates.set(c.key, pool);
      for (const i of c.items) {
        const pools = this.ofInspector.get(i.id);
        if (pools) pools.push(pool);
        else this.ofInspector.set(i.id, [pool]);
      }
    }
    return pool;
  }

  /** Counts a completed team: each member's load rises by one. */
  served(ids: readonly string[]): void {
    for (const id of ids) {
      const load = (this.load.get(id) ?? 0) + 1;
      this.load.set(id, load);
      if (load === this.maxLoad) this.atMax.push(id);
      for (const pool of this.ofInspector.get(id) ?? []) pool.raised(id);
    }
  }
}

const NONE: readonly number[] = [];

/** Positions in a pool of the ids that are among its candidates, ascending (what SeatPool takes as excluded). */
function positionsIn(pool: SeatPool, ...lists: readonly (readonly string[])[]): readonly number[] {
  let out: number[] | undefined;
  for (const ids of lists) {
    for (const id of ids) {
      const p = pool.position.get(id);
      if (p !== undefined) (out ??= []).push(p);
    }
  }
  return out ? out.sort((a, b) => a - b) : NONE;
}

/**
 * Draws the teams (inspectors and experts) of a draw's picks, pick by pick, as
 * docs/draw-algorithm.md §7 says: recusals and shortfalls are collected for the record.
 */
export class TeamDrawer {
  readonly recusals: Recusal[] = [];
  readonly shortfalls: Shortfall[] = [];
  private readonly pools: SeatPools;
  private readonly sectors = new Map<string, SectorSeats>();
  private readonly setup: TeamSetup;

  constructor(
    snapshot: DrawSnapshot,
    private readonly rules: Rules,
    hooks: RulePackHooks,
    task: DrawTask,
    /** Inspectors no enterprise may have in this draw: the setup's general ones (the same set) plus any rotation leaves out. */
    private readonly ineligibleIds: ReadonlySet<string>,
    private readonly random: RandomStream,
    /** Whether the draw's version leaves out experts who served the enterprise (algorithm.ts recusesServed). */
    private readonly recuseServed: boolean,
    /** The task's setup when made beforehand (prepareTask); made here otherwise. */
    setup?: TeamSetup,
  ) {
    this.setup = setup ?? new TeamSetup(snapshot, rules, hooks, task);
    this.pools = new SeatPools(rules.team?.maxTeamsPerInspector ?? Number.POSITIVE_INFINITY, this.setup);
  }

  /** The team for the next pick. */
  teamFor(e: EnterpriseFacts): TeamRecord {
    const seats = this.seatsOf(e);
    const { leader, members, substitutes } = this.drawInspectors(e, seats);
    return { leader, members, substitutes, experts: this.drawExperts(e, seats.experts) };
  }

  private seatsOf(e: EnterpriseFacts): SectorSeats {
    let seats = this.sectors.get(e.sector);
    if (!seats) {
      const { shape, experts } = this.setup.sector(e.sector);
      const { all, own } = this.setup.candidatesOf(e.sector, this.ineligibleIds);
      seats = { shape, all: this.pools.of(all), own: this.pools.of(own), specialists: {}, experts };
      this.sectors.set(e.sector, seats);
    }
    return seats;
  }

  private specialistsIn(seats: SectorSeats, kind: 'own' | 'all', sector: string): SeatPool {
    return (seats.specialists[kind] ??= this.pools.of(candidates(seats[kind].items.filter((i) => i.domains.includes(sector)))));
  }

  /**
   * Specialists first, then the other members; each seat drawn uniformly among the candidates
   * with the fewest teams so far in this draw (balanced load), leaving out recorded conflicts
   * and inspectors at the pack's maximum of teams. Own inspectors first; pooled ones
   * (neighbours) only when the own are too few. The first member drawn leads.
   */
  private drawInspectors(e: EnterpriseFacts, seats: SectorSeats): Omit<TeamRecord, 'experts'> {
    const { shape, all, own } = seats;
    const { rules, random } = this;
    // Recorded conflicts, in the candidates' id order, as the plain definition reports them.
    const conflicted = positionsIn(all, this.setup.conflictsByUscc.get(e.uscc) ?? []);
    for (const p of conflicted) this.recusals.push({ uscc: e.uscc, personId: all.items[p]!.id, reason: CONFLICT });
    // Out of this team altogether: recorded conflicts, and inspectors at the pack's maximum of teams
    // (usually neither: no set is built then).
    const atMax = this.pools.atMax;
    const out: readonly string[] = conflicted.length === 0 && atMax.length === 0 ? [] : [...new Set([...conflicted.map((p) => all.items[p]!.id), ...atMax])];
    const ownCount = own.items.length - positionsIn(own, out).length;
    const usableKind = ownCount >= shape.size ? 'own' : 'all';
    const usable = seats[usableKind];
    const usableCount = usable.items.length - positionsIn(usable, out).length;
    const members: string[] = [];
    const pickSeat = (pool: SeatPool) => {
      const chosen = pool.draw(positionsIn(pool, out, members), random);
      if (!chosen) return false;
      members.push(chosen.id);
      return true;
    };
    if (shape.specialists > 0) {
      const specialists = this.specialistsIn(seats, usableKind, e.sector);
      for (let s = 0; s < shape.specialists; s++) {
        if (!pickSeat(specialists)) {
          const available = specialists.items.length - positionsIn(specialists, out).length;
          this.shortfalls.push({ code: 'SPECIALISTS_SHORT', uscc: e.uscc, needed: shape.specialists, available, message: `the ${e.sector} team for ${e.uscc} needs ${shape.specialists} specialist(s); ${available} eligible`, allowed: poolingAllowed(rules) });
          break;
        }
      }
    }
    while (members.length < shape.size) {
      if (!pickSeat(usable)) {
        this.shortfalls.push({ code: 'TEAM_SHORT', uscc: e.uscc, needed: shape.size, available: usableCount, message: `the team for ${e.uscc} (${e.sector}) needs ${shape.size} inspectors; ${usableCount} are eligible for it`, allowed: poolingAllowed(rules) });
        break;
      }
    }
    this.pools.served(members);
    const substitutes = usable.sample(positionsIn(usable, out, members), this.setup.substitutesWanted, random);
    return { leader: members[0] ?? '', members, substitutes };
  }

  /** The experts (id order) whose specialties fit the sector, less conflicts and those who served the enterprise. */
  private drawExperts(e: EnterpriseFacts, fitting: readonly ExpertFacts[]): string[] {
    const wanted = this.setup.expertsWanted;
    if (wanted === 0) return [];
    const clear = fitting.filter((x) => {
      const served = this.recuseServed && x.served.some((s) => s.uscc === e.uscc && this.setup.servedKinds.has(s.kind));
      const conflict = this.setup.expertConflicts.has(`${x.id}\u0000${e.uscc}`);
      if (served || conflict) this.recusals.push({ uscc: e.uscc, personId: x.id, reason: served ? SERVED : CONFLICT });
      return !served && !conflict;
    });
    if (clear.length < wanted) {
      this.shortfalls.push({ code: 'EXPERTS_SHORT', uscc: e.uscc, needed: wanted, available: clear.length, message: `${e.uscc} needs ${wanted} expert(s) in ${e.sector}; ${clear.length} without a conflict` });
    }
    return sampleUniform(clear.map((x) => x.id), wanted, this.random);
  }
}
