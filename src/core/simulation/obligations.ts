import type { ComplianceEnterprise, ComplianceFacts } from '../compliance/facts.ts';
import { indexDirectory, measureCompliance, type DirectoryIndex } from '../compliance/measure-compliance.ts';
import type { ObligationKind } from '../compliance/types.ts';
import { selectorsOf } from '../rules/classify.ts';
import type { SimulatedYear, YearSimulator } from './simulate-year.ts';
import type { SimulationPack } from './types.ts';

/**
 * The obligations a simulated year can show: those measured on draws and inspections. Deadlines,
 * the inspector directory's review, checklist items' own ratios, recusals and the double-random
 * share (every simulated inspection is double random) depend on what a simulation does not make,
 * so their chance would say nothing and they are left out (docs/simulation.md).
 */
const SIMULATED: ReadonlySet<ObligationKind> = new Set(['ENTITIES_DRAWN_SHARE', 'ROUNDS', 'FREQUENCY', 'CAP', 'JOINT', 'CHECKLIST_COVERAGE', 'SPECIALISTS']);

export interface YearObligation {
  readonly id: string;
  readonly label: string;
  readonly clause: string | null;
  readonly met: boolean;
}

/**
 * One simulated year's obligations at the year's end, measured by the compliance engine
 * (measureCompliance) on facts made from the year's draws: each pick inspected on its task's date,
 * every enterprise of the directory in it all year. MET at the year's end counts as met.
 */
export class ObligationMeter {
  /** Per pack's simulator: the directory's part of the facts and its index, the same every simulated year. */
  private readonly directories = new WeakMap<YearSimulator, { enterprises: readonly ComplianceEnterprise[]; index: DirectoryIndex; inspectors: ComplianceFacts['inspectors'] }>();

  constructor(private readonly calendarYear: number) {}

  private directoryOf(pack: SimulationPack, sim: YearSimulator) {
    let made = this.directories.get(sim);
    if (!made) {
      const asOf = `${this.calendarYear}-12-31`;
      // The groups once per pack: the directory does not change between simulated years.
      const enterprises = sim.enterprises
        .filter((e) => e.operatingStatus !== 'CLOSED')
        .map((e) => ({ uscc: e.uscc, name: e.name, sector: e.sector, inDirectory: [{ from: `${this.calendarYear}-01-01`, to: null }], groups: [...selectorsOf(e, pack.rules, asOf)] }));
      made = { enterprises, index: indexDirectory({ enterprises, year: this.calendarYear, asOf }), inspectors: sim.inspectors.map((i) => ({ id: i.id, name: i.id, active: true, domains: i.domains })) };
      this.directories.set(sim, made);
    }
    return made;
  }

  measure(pack: SimulationPack, year: SimulatedYear, sim: YearSimulator): YearObligation[] {
    const Y = this.calendarYear;
    const [id = pack.key, version = ''] = pack.key.split('@');
    const drawn = year.draws.filter((d) => d.selection !== null);
    const directory = this.directoryOf(pack, sim);
    const facts: ComplianceFacts = {
      rules: pack.rules,
      pack: { id, version, name: pack.name },
      jurisdiction: { code: 'SIMULATION', name: '模拟', level: 'COUNTY' },
      year: Y,
      asOf: `${Y}-12-31`,
      enterprises: directory.enterprises,
      tasks: year.draws.map((d) => ({
        id: d.dated.task.id,
        title: d.dated.title,
        // A refused draw is a task that did not happen.
        status: d.selection ? 'CLOSED' : 'CANCELLED',
        inspectionDate: d.dated.task.inspectionDate,
        directed: d.dated.task.sectors.length > 0 || d.dated.task.special,
        joint: d.dated.task.joint,
        covert: d.dated.task.covert,
        announcedOn: d.dated.task.inspectionDate,
        closedOn: d.dated.task.inspectionDate,
        size: d.dated.task.size,
      })),
      picks: drawn.flatMap((d) => d.selection!.picks.map((p) => ({ taskId: d.dated.task.id, uscc: p.uscc, team: [p.team.leader, ...p.team.members], experts: p.team.experts }))),
      inspections: drawn.flatMap((d) => d.selection!.picks.map((p) => ({ taskId: d.dated.task.id, uscc: p.uscc, on: d.dated.task.inspectionDate }))),
      otherInspections: [],
      recusals: drawn.flatMap((d) => d.selection!.recusals.map((r) => ({ taskId: d.dated.task.id, uscc: r.uscc, personId: r.personId, personName: r.personId, reason: r.reason }))),
      deadlines: [],
      inspectors: directory.inspectors,
      inspectorsReviewedOn: null,
      plan: null,
      checklistItems: [],
      subjectsLimit: 0,
    };
    return measureCompliance(facts, directory.index, { inspectorLoad: false })
      .rows.filter((r) => SIMULATED.has(r.kind) && r.status !== 'NOT_MEASURABLE')
      .map((r) => ({ id: r.id, label: r.label, clause: r.cite?.clause ?? null, met: r.status === 'MET' }));
  }
}
