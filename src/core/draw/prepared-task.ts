import { taskPool, type ScanBuffers, type TaskPool } from '../rules/evaluate-pool.ts';
import type { RulePackHooks } from '../rules/facts.ts';
import type { Rules } from '../rules/schema.ts';
import { avoidsByReserve } from './algorithm.ts';
import { TeamSetup } from './teams.ts';
import { ALGORITHM_V4, type Algorithm, type DrawSnapshot, type DrawTask } from './types.ts';

/**
 * What a task's draw sets up that no history changes: the history-free part of the pool
 * (taskPool), the teams' setup (generally ineligible inspectors, each sector's candidates and
 * experts, conflicts) and each sector's checklist items. A real draw makes it and uses it once
 * (drawSelection); the simulation (规则模拟) makes it once per planned task and version and draws
 * every simulated year from it, so that what it draws is the engine's draw, step for step.
 */
export interface PreparedTask {
  readonly algorithm: Algorithm;
  readonly taskPool: TaskPool;
  /** Null where the hooks' answers may depend on the history (v4 gives an inspector hook the history, §5a): made per draw then. */
  readonly teams: TeamSetup | null;
  /**
   * The arrays each draw's pool scan and strata are written into (one task's draws run one after
   * another, and a draw keeps nothing of them): a thousand simulated years then allocate none.
   */
  readonly buffers: ScanBuffers & { readonly members: Int32Array };
  /** The leaf items a sector's enterprises may be given, in checklist order (made at a sector's first pick). */
  readonly itemsFor: (sector: string) => readonly string[];
}

export interface PrepareInput {
  /** In canonical order (canonicalSnapshot); its history is not read. */
  readonly snapshot: DrawSnapshot;
  readonly task: DrawTask;
  readonly rules: Rules;
  /** The pack's hooks as it defines them. */
  readonly hooks: RulePackHooks;
  readonly algorithm: Algorithm;
}

/** Prepares a task's draws (see PreparedTask). `index`: the pool's USCC index, for a task drawn many times. */
export function prepareTask(input: PrepareInput, options: { readonly index?: boolean } = {}): PreparedTask {
  const { snapshot, task, rules, hooks, algorithm } = input;
  const leaves = snapshot.checklist.filter((c) => c.leaf);
  const itemsBySector = new Map<string, readonly string[]>();
  const itemsFor = (sector: string) => {
    let items = itemsBySector.get(sector);
    if (!items) itemsBySector.set(sector, (items = leaves.filter((c) => c.sectors.length === 0 || c.sectors.includes(sector)).map((c) => c.code)));
    return items;
  };
  const historyDependent = algorithm === ALGORITHM_V4 && hooks.inspectorEligible !== undefined;
  return {
    algorithm,
    taskPool: taskPool(rules, hooks, { enterprises: snapshot.enterprises, task, avoid: avoidsByReserve(algorithm), index: options.index === true }),
    teams: historyDependent ? null : new TeamSetup(snapshot, rules, hooks, task),
    buffers: { positions: new Int32Array(snapshot.enterprises.length), classOf: new Int32Array(snapshot.enterprises.length), members: new Int32Array(snapshot.enterprises.length) },
    itemsFor,
  };
}
