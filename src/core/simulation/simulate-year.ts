import { canonicalSnapshot } from '../draw/canonical-snapshot.ts';
import { algorithmFor } from '../draw/algorithm.ts';
import { prepareTask, type PreparedTask } from '../draw/prepared-task.ts';
import { drawSelection, type DrawSelection } from '../draw/draw.ts';
import type { DrawSnapshot, Shortfall, SnapshotHistory } from '../draw/types.ts';
import type { RulePackHooks } from '../rules/facts.ts';
import { rotationHistory, type ServedDraw } from '../rules/rotation.ts';
import type { DatedTask } from './plan.ts';
import type { RandomStream } from '../draw/random-stream.ts';
import type { SimulationDirectory, SimulationPack } from './types.ts';

/** One task of one simulated year: what the engine drew, or why it refused. */
export interface SimulatedDraw {
  readonly dated: DatedTask;
  readonly selection: DrawSelection | null;
  readonly refused: readonly Shortfall[] | null;
  /** Enterprises the cap (CAP_REACHED) left out of this task's pool. */
  readonly capped: readonly string[];
}

export interface SimulatedYear {
  readonly year: number;
  readonly draws: readonly SimulatedDraw[];
}

/**
 * Draws the plan's tasks of one year under one pack, in date order, each with its own stream
 * (seeds.ts), carrying the year's history from task to task as the server would: each pick is
 * taken to be inspected on its task's date (双随机 count for the cap, last inspection for
 * mandatory coverage) and, where the pack rotates inspectors (轮换), who served in the year's draws in a row
 * (the year starts with none).
 */
export class YearSimulator {
  private readonly snapshot: DrawSnapshot;
  private readonly hooks: RulePackHooks;
  /** Each planned task's draw set-up without the history (pool's status, scope, sectors, classes; teams; items): the same in every simulated year. */
  private readonly prepared = new Map<number, PreparedTask>();

  constructor(
    private readonly pack: SimulationPack,
    directory: SimulationDirectory,
    private readonly plan: readonly DatedTask[],
    /** The stream of a year's task: the seeded one (seeds.ts, `taskStream`). */
    private readonly streamOf: (year: number, task: number) => RandomStream,
  ) {
    // Canonical once: the directory does not change through the simulation, only the history does.
    this.snapshot = canonicalSnapshot({ ...directory, history: {} });
    this.hooks = pack.hooks ?? {};
  }

  get enterprises() {
    return this.snapshot.enterprises;
  }

  get inspectors() {
    return this.snapshot.inspectors;
  }

  run(year: number): SimulatedYear {
    const { rules } = this.pack;
    // Without a prototype, so that V8 keeps them as dictionaries from the start: hundreds of
    // USCC keys added one by one to a literal would each make it a new hidden class.
    const count: Record<string, number> = Object.create(null);
    const lastInspected: Record<string, string> = Object.create(null);
    const rotation = rules.team?.rotation !== undefined;
    const servedNewestFirst: ServedDraw[] = [];
    const draws: SimulatedDraw[] = [];
    for (const dated of this.plan) {
      const { task } = dated;
      const history: SnapshotHistory = {
        doubleRandomCount: count,
        lastInspected,
        // 轮换: the year's draws so far, newest first, counted as the server counts them.
        ...(rotation ? rotationHistory(servedNewestFirst) : {}),
      };
      const snapshot = { ...this.snapshot, history };
      const algorithm = algorithmFor(snapshot, rules, task, this.hooks);
      // Prepared once per planned task and version (prepareTask): the pool's history-free part, the teams' setup, the items.
      let prepared = this.prepared.get(dated.index);
      if (prepared?.algorithm !== algorithm) this.prepared.set(dated.index, (prepared = prepareTask({ snapshot, task, rules, hooks: this.hooks, algorithm }, { index: true })));
      const result = drawSelection({ snapshot, history, task, rules, hooks: this.hooks, algorithm, prepared }, this.streamOf(year, dated.index));
      if (!result.ok) {
        draws.push({ dated, selection: null, refused: result.error, capped: [] });
        continue;
      }
      const selection = result.value;
      const capped: string[] = [];
      for (const x of selection.excluded) {
        for (const r of x.reasons) {
          if (r.messageId === 'CAP_REACHED') {
            capped.push(x.uscc);
            break;
          }
        }
      }
      for (const p of selection.picks) {
        count[p.uscc] = (count[p.uscc] ?? 0) + 1;
        lastInspected[p.uscc] = task.inspectionDate;
      }
      if (rotation) servedNewestFirst.unshift({ leaders: selection.picks.map((p) => p.team.leader), served: selection.picks.flatMap((p) => [p.team.leader, ...p.team.members]) });
      draws.push({ dated, selection, refused: null, capped });
    }
    return { year, draws };
  }
}
