import { selectorTest } from './classify.ts';
import type { EnterpriseFacts, RulePackHooks, TaskFacts } from './facts.ts';
import type { Verdict } from './messages.ts';
import type { Rules, Selector } from './schema.ts';

/** What happened to an enterprise this year, as far as the pool is concerned. */
export interface YearHistory {
  /** Double-random inspections of each USCC this year (by this jurisdiction, or this bureau when the cap says so). */
  readonly doubleRandomCount?: Readonly<Record<string, number>>;
  /** USCCs the upper-level bureau drew this year. */
  readonly upperLevelDrawn?: readonly string[];
  /** Last inspection date per USCC (any kind), for mandatory coverage. */
  readonly lastInspected?: Readonly<Record<string, string>>;
  /** USCCs the lower-level bureaus drew this year (v4, §5c). */
  readonly lowerLevelDrawn?: readonly string[];
}

export interface PoolMember {
  readonly uscc: string;
  readonly stratum: string;
  /** Relative chance, a whole number (1 unless the pack weighs strata). */
  readonly weight: number;
  /** 分层比例 the index of the first `strata.ratios` entry it matches, −1 for none. */
  readonly ratio: number;
  /** Mandatory coverage this enterprise is due for (it must be drawn). */
  readonly due: readonly Verdict[];
}

/** An enterprise left out of a pool, with every reason. */
export interface ExcludedEntry {
  readonly uscc: string;
  readonly reasons: readonly Verdict[];
}

export interface PoolEvaluation {
  readonly members: readonly PoolMember[];
  readonly excluded: readonly ExcludedEntry[];
  /** v4's reserve (avoided units, §5c); empty unless `avoid` was asked for. */
  readonly reserve?: readonly { readonly uscc: string; readonly reasons: readonly Verdict[] }[];
}

const LABEL = { year: '年', 'half-year': '半年' } as const;

export function stratumOf(enterprise: EnterpriseFacts, rules: Rules, hooks: RulePackHooks): string {
  if (hooks.stratumOf) return hooks.stratumOf({ enterprise });
  const by = rules.strata?.by ?? [];
  return by.length === 0 ? 'all' : by.map((key) => `${key}=${enterprise[key]}`).join('|');
}

type When = NonNullable<NonNullable<Rules['strata']>['weights']>[number]['when'];

/** A weight's or a ratio's `when`: each field present lists the enterprise's value. */
export const matchesWhen = (when: When, e: Pick<EnterpriseFacts, 'riskLevel' | 'creditLevel' | 'sector'>): boolean =>
  (!when.riskLevel || when.riskLevel.includes(e.riskLevel)) && (!when.creditLevel || when.creditLevel.includes(e.creditLevel)) && (!when.sector || when.sector.includes(e.sector));

function weightOf(enterprise: EnterpriseFacts, rules: Rules): number {
  const entry = rules.strata?.weights?.find(({ when }) => matchesWhen(when, enterprise));
  return entry?.weight ?? 1;
}

/** 分层比例 the first ratio entry the enterprise matches (−1: none; the stratum shares seats by weight). */
export function ratioOf(enterprise: Pick<EnterpriseFacts, 'riskLevel' | 'creditLevel' | 'sector'>, rules: Rules): number {
  return rules.strata?.ratios?.findIndex(({ when }) => matchesWhen(when, enterprise)) ?? -1;
}

/**
 * The classes (stratum and weight) of a pool, numbered in the order first met. Without a stratum
 * hook they depend only on risk, credit and sector, so they are worked out once per combination,
 * not once per enterprise; a hook's answers are numbered by their value.
 */
function classifier(rules: Rules, hooks: RulePackHooks): { classOf: (e: EnterpriseFacts) => number; classes: PoolClass[] } {
  const classes: PoolClass[] = [];
  const numbered = new Map<string, number>();
  const number = (stratum: string, weight: number, ratio: number) => {
    const key = `${weight}\u0000${ratio}\u0000${stratum}`;
    let index = numbered.get(key);
    if (index === undefined) {
      numbered.set(key, (index = classes.length));
      classes.push({ stratum, weight, ratio });
    }
    return index;
  };
  if (hooks.stratumOf) return { classes, classOf: (e) => number(stratumOf(e, rules, hooks), weightOf(e, rules), ratioOf(e, rules)) };
  const seen = new Map<string, Map<string, Map<string, number>>>();
  const classOf = (e: EnterpriseFacts) => {
    let byCredit = seen.get(e.riskLevel);
    if (!byCredit) seen.set(e.riskLevel, (byCredit = new Map()));
    let bySector = byCredit.get(e.creditLevel);
    if (!bySector) byCredit.set(e.creditLevel, (bySector = new Map()));
    let value = bySector.get(e.sector);
    if (value === undefined) bySector.set(e.sector, (value = number(stratumOf(e, rules, hooks), weightOf(e, rules), ratioOf(e, rules))));
    return value;
  };
  return { classes, classOf };
}

/** Where each period began, for an inspection on `date`: the year, or its half. */
function periodStarts(date: string): Record<'year' | 'half-year', string> {
  const year = date.slice(0, 4);
  return { year: `${year}-01-01`, 'half-year': date.slice(5) < '07-01' ? `${year}-01-01` : `${year}-07-01` };
}

const NONE: readonly Verdict[] = [];

/** The mandatory coverage this enterprise is due for in the period containing the inspection date (`groups`: the frequencies whose group it is in). */
function dueVerdicts(enterprise: EnterpriseFacts, groups: readonly number[], rules: Rules, starts: Record<'year' | 'half-year', string>, lastInspected: string | undefined): readonly Verdict[] {
  let verdicts: Verdict[] | undefined;
  for (const i of groups) {
    const f = rules.frequencies![i]!;
    if (!lastInspected || lastInspected < starts[f.every]) {
      (verdicts ??= []).push({ messageId: 'DUE', data: { uscc: enterprise.uscc, every: f.every, who: f.who, period: LABEL[f.every] }, cite: f.cite });
    }
  }
  return verdicts ?? NONE;
}

/** A member's stratum and weight: one shared object per combination, not one per enterprise. */
export interface PoolClass {
  readonly stratum: string;
  readonly weight: number;
  /** The first matching `strata.ratios` entry, −1 for none. */
  readonly ratio: number;
}

/**
 * A pool without an object per member, for the draw (a province pool has a million; typed
 * arrays leave nothing per member for the collector to copy): member m is the enterprise at
 * `positions[m]` of the input list, of class `classes[classOf[m]]`; the few due for mandatory
 * coverage are listed by member index.
 */
export interface PoolScan {
  readonly positions: Int32Array;
  readonly classOf: Int32Array;
  readonly classes: readonly PoolClass[];
  readonly due: ReadonlyMap<number, readonly Verdict[]>;
  readonly excluded: PoolEvaluation['excluded'];
  /**
   * v4 (`avoid`): the reserve, units left out only because the other level drew them under an
   * `avoid` rule (一般不重合), in input order, each with its position in the input list and its
   * reasons; drawn only for seats the pool cannot fill (docs/draw-algorithm.md §5c). Empty otherwise.
   */
  readonly reserve: readonly { readonly position: number; readonly uscc: string; readonly reasons: readonly Verdict[] }[];
}

/**
 * The part of a task's pool scan that no history changes: operating status, the pack's scope and
 * the task's sectors (with their reasons), each candidate's class and the frequencies' groups it
 * is in. A draw makes it and uses it once (scanPool); the simulation (规则模拟) makes it once per
 * planned task and scans every simulated year's history against it (scanTaskPool), so that a
 * thousand years do not test a county's 10,000 enterprises' status and sector ten thousand times.
 */
export interface TaskPool {
  readonly rules: Rules;
  readonly enterprises: readonly EnterpriseFacts[];
  readonly task: TaskFacts;
  readonly avoid: boolean;
  readonly inGroup: (enterprise: EnterpriseFacts, group: Selector) => boolean;
  readonly starts: Record<'year' | 'half-year', string>;
  /** Positions with something to look at in every scan (fixed reasons, frequencies' groups), ascending. */
  readonly marked: Int32Array;
  /**
   * Each marked position's excluded entry when it is left out for reasons no history changes
   * (status, scope, task's sectors), in `marked`'s order; undefined for those only in a group.
   * Shared by every scan where the history adds nothing to it.
   */
  readonly markedFixed: readonly (ExcludedEntry | undefined)[];
  /** Each candidate's class in `classes` (−1 for the fixed-excluded); null when the pack's stratum hook classifies, which v4 gives the history. */
  readonly classOf: Int32Array | null;
  readonly classes: readonly PoolClass[];
  /** The indices of `rules.frequencies` each candidate is in, for those in at least one. */
  readonly frequencyGroups: ReadonlyMap<number, readonly number[]>;
  /** USCC → position, when asked for (`index`) and the USCCs are unique: the history is then looked up by USCC, not scanned. */
  readonly positionOf: ReadonlyMap<string, number> | null;
}

/**
 * Arrays a scan may write its members into instead of making its own, for a pool scanned many
 * times (规则模拟): each as long as the task's list. The scan's `positions` and `classOf` are then
 * views of them, valid until the next scan into the same buffers.
 */
export interface ScanBuffers {
  readonly positions: Int32Array;
  readonly classOf: Int32Array;
}

/** The history-free part of a task's pool (see TaskPool). `index`: build the USCC index, for a pool scanned many times. */
export function taskPool(rules: Rules, hooks: RulePackHooks, input: { readonly enterprises: readonly EnterpriseFacts[]; readonly task: TaskFacts; readonly avoid?: boolean; readonly index?: boolean }): TaskPool {
  const { task } = input;
  const list = input.enterprises;
  const inGroup = selectorTest(rules, task.inspectionDate, { special: task.special });
  const scope = rules.scope ? new Set(rules.scope.sectors) : undefined;
  const taskSectors = task.sectors.length > 0 ? new Set(task.sectors) : undefined;
  const markedFixed: (ExcludedEntry | undefined)[] = [];
  const frequencyGroups = new Map<number, number[]>();
  const marked: number[] = [];
  const frequencies = rules.frequencies ?? [];
  const classify = hooks.stratumOf ? null : classifier(rules, hooks);
  const classOf = classify ? new Int32Array(list.length) : null;
  for (let position = 0; position < list.length; position++) {
    const e = list[position]!;
    let reasons: Verdict[] | undefined;
    if (e.operatingStatus === 'CLOSED') (reasons ??= []).push({ messageId: 'NOT_OPERATING', data: { uscc: e.uscc, status: e.operatingStatus } });
    if (scope && !scope.has(e.sector)) (reasons ??= []).push({ messageId: 'OUT_OF_SCOPE', data: { uscc: e.uscc, sector: e.sector }, cite: rules.scope!.cite });
    if (taskSectors && !taskSectors.has(e.sector)) (reasons ??= []).push({ messageId: 'NOT_IN_TASK', data: { uscc: e.uscc, sector: e.sector } });
    if (reasons) {
      marked.push(position);
      markedFixed.push({ uscc: e.uscc, reasons });
      if (classOf) classOf[position] = -1;
      continue;
    }
    if (classOf) classOf[position] = classify!.classOf(e);
    let groups: number[] | undefined;
    frequencies.forEach((f, i) => {
      if (inGroup(e, f.who)) (groups ??= []).push(i);
    });
    if (groups) {
      frequencyGroups.set(position, groups);
      marked.push(position);
      markedFixed.push(undefined);
    }
  }
  let positionOf: Map<string, number> | null = null;
  if (input.index) {
    positionOf = new Map();
    for (let position = 0; position < list.length; position++) positionOf.set(list[position]!.uscc, position);
    if (positionOf.size !== list.length) positionOf = null;
  }
  return { rules, enterprises: list, task, avoid: input.avoid === true, inGroup, starts: periodStarts(task.inspectionDate), marked: Int32Array.from(marked), markedFixed, classOf, classes: classify?.classes ?? [], frequencyGroups, positionOf };
}

/** The USCCs whose count this year has reached the cap. */
function* atCap(counts: Readonly<Record<string, number>>, perYear: number): Generator<string> {
  for (const uscc in counts) if (counts[uscc]! >= perYear) yield uscc;
}

/** 上限 the cap's exceptions: whether the enterprise is in one of the groups the cap does not reach. */
function exempt(enterprise: EnterpriseFacts, exceptions: readonly Selector[], inGroup: TaskPool['inGroup']): boolean {
  for (const s of exceptions) if (inGroup(enterprise, s)) return true;
  return false;
}

/** The positions of these USCCs in the task's list: by the index when there is one, else by one pass. */
function positionsOf(pool: TaskPool, usccs: Iterable<string>): Set<number> {
  const found = new Set<number>();
  if (pool.positionOf) {
    for (const u of usccs) {
      const position = pool.positionOf.get(u);
      if (position !== undefined) found.add(position);
    }
    return found;
  }
  const wanted = new Set(usccs);
  if (wanted.size === 0) return found;
  pool.enterprises.forEach((e, position) => {
    if (wanted.has(e.uscc)) found.add(position);
  });
  return found;
}

/**
 * Who is in a task's pool and why the others are not: the engine's order is operating status,
 * the pack's scope, the task's sectors, the upper level's draws, the cap, then the pool hook.
 * Every reason cites the rule behind it.
 */
export function scanPool(rules: Rules, hooks: RulePackHooks, input: { readonly enterprises: readonly EnterpriseFacts[]; readonly task: TaskFacts; readonly history?: YearHistory; readonly avoid?: boolean }): PoolScan {
  return scanTaskPool(taskPool(rules, hooks, input), hooks, input.history);
}

/**
 * scanPool for a task whose history-free part is made (taskPool): the year's history (upper and
 * lower levels' draws, the cap's counts, last inspections) and the pool hook, position by position
 * only where something can differ from the plain candidate.
 */
export function scanTaskPool(pool: TaskPool, hooks: RulePackHooks, history: YearHistory = {}, buffers?: ScanBuffers): PoolScan {
  const { rules, task, inGroup, starts } = pool;
  const list = pool.enterprises;
  const upper = new Set(history.upperLevelDrawn ?? []);
  const lower = new Set(history.lowerLevelDrawn ?? []);
  const reserve: { position: number; uscc: string; reasons: Verdict[] }[] = [];
  const positions = buffers?.positions ?? new Int32Array(list.length);
  const classOf = buffers?.classOf ?? new Int32Array(list.length);
  let size = 0;
  const due = new Map<number, readonly Verdict[]>();
  const excluded: ExcludedEntry[] = [];
  const upperRule = upper.size > 0 ? rules.exclusions?.upperLevelDrawnThisYear : undefined;
  const lowerRule = lower.size > 0 ? rules.exclusions?.lowerLevelDrawnThisYear : undefined;
  // 一般不重合: in v4 an `avoid` rule puts the unit in the reserve; v1–v3 leave it out as `exclude` does.
  const upperAvoids = pool.avoid && upperRule?.effect === 'avoid';
  const lowerAvoids = pool.avoid && lowerRule?.effect === 'avoid';
  const counts = history.doubleRandomCount;
  const lastInspected = history.lastInspected ?? {};
  const upperAt = upperRule ? positionsOf(pool, upper) : undefined;
  const lowerAt = lowerRule ? positionsOf(pool, lower) : undefined;
  // The cap (上限): a cap of 0 reaches everyone, else only those the year's counts name.
  const cap = rules.cap;
  const capEveryone = cap !== undefined && cap.perYear <= 0;
  const cappedAt = cap && !capEveryone && counts ? positionsOf(pool, atCap(counts, cap.perYear)) : undefined;
  // The classes numbered in the order first met in this pool, as a scan from scratch numbers them.
  const classify = pool.classOf ? null : classifier(rules, hooks);
  const classes: PoolClass[] = classify ? classify.classes : [];
  const renumber = new Int32Array(pool.classes.length).fill(-1);
  const poolClassOf = pool.classOf;
  const numbered = (c: number) => {
    let n = renumber[c]!;
    if (n < 0) {
      renumber[c] = n = classes.length;
      classes.push(pool.classes[c]!);
    }
    return n;
  };
  const classAt = (position: number) => (poolClassOf ? numbered(poolClassOf[position]!) : classify!.classOf(list[position]!));
  const exceptions = cap?.exceptions ?? [];
  // `fixedEntry`: the task's own entry for the position, when it is left out whatever the history.
  const look = (position: number, fixedEntry: ExcludedEntry | undefined) => {
    const e = list[position]!;
    const fixed = fixedEntry?.reasons;
    // Copied only when the history adds to the fixed reasons: otherwise the task's own entry is shared.
    let added: Verdict[] | undefined;
    let avoided: Verdict[] | undefined;
    if (upperAt?.has(position)) {
      if (upperAvoids) (avoided ??= []).push({ messageId: 'UPPER_LEVEL_AVOIDED', data: { uscc: e.uscc, year: task.year }, cite: upperRule!.cite });
      else (added ??= []).push({ messageId: 'UPPER_LEVEL_DRAWN', data: { uscc: e.uscc, year: task.year }, cite: upperRule!.cite });
    }
    if (lowerAt?.has(position)) {
      if (lowerAvoids) (avoided ??= []).push({ messageId: 'LOWER_LEVEL_AVOIDED', data: { uscc: e.uscc, year: task.year }, cite: lowerRule!.cite });
      else (added ??= []).push({ messageId: 'LOWER_LEVEL_DRAWN', data: { uscc: e.uscc, year: task.year }, cite: lowerRule!.cite });
    }
    if (cap && (capEveryone || cappedAt?.has(position)) && !exempt(e, exceptions, inGroup)) {
      (added ??= []).push({ messageId: 'CAP_REACHED', data: { uscc: e.uscc, count: counts?.[e.uscc] ?? 0, year: task.year, cap: cap.perYear }, cite: cap.cite });
    }
    if (!added && !fixed && hooks.poolFilter) {
      const verdict = hooks.poolFilter({ enterprise: e, task });
      if (verdict !== true) added = [{ messageId: 'HOOK_REFUSED', data: { subject: e.uscc, reason: verdict.reason }, cite: verdict.cite }];
    }
    if (avoided) {
      // Avoided and nothing else: the reserve. With another reason as well: left out, with all of them.
      if (!added && !fixed) {
        reserve.push({ position, uscc: e.uscc, reasons: avoided });
        return;
      }
      (added ??= []).push(...avoided);
    }
    if (added) {
      excluded.push({ uscc: e.uscc, reasons: fixed ? [...fixed, ...added] : added });
      return;
    }
    if (fixedEntry) {
      excluded.push(fixedEntry);
      return;
    }
    const groups = pool.frequencyGroups.get(position);
    if (groups) {
      const verdicts = dueVerdicts(e, groups, rules, starts, lastInspected[e.uscc]);
      if (verdicts.length > 0) due.set(size, verdicts);
    }
    positions[size] = position;
    classOf[size] = classAt(position);
    size++;
  };
  // Every position where the history or a hook can say something (the task's marks merged with the
  // history's, both ascending); between them, plain candidates.
  const everyone = capEveryone || hooks.poolFilter !== undefined || hooks.stratumOf !== undefined;
  const marked = pool.marked;
  if (everyone) {
    for (let position = 0, i = 0; position < list.length; position++) look(position, i < marked.length && marked[i] === position ? pool.markedFixed[i++] : undefined);
  } else {
    const extra = Int32Array.from(new Set([...(upperAt ?? []), ...(lowerAt ?? []), ...(cappedAt ?? [])])).sort();
    let i = 0;
    let j = 0;
    let from = 0;
    while (true) {
      const next = Math.min(i < marked.length ? marked[i]! : list.length, j < extra.length ? extra[j]! : list.length);
      // The plain candidates before the next mark.
      // (A stratum hook classifies each enterprise in look: here the task's classes are known.)
      for (let position = from; position < next; position++) {
        positions[size] = position;
        classOf[size++] = numbered(poolClassOf![position]!);
      }
      if (next >= list.length) break;
      const fixedEntry = i < marked.length && marked[i] === next ? pool.markedFixed[i++] : undefined;
      const inHistory = j < extra.length && extra[j] === next;
      if (inHistory) j++;
      // Left out whatever the history, which says nothing of it: the task's entry as it is.
      if (fixedEntry && !inHistory) excluded.push(fixedEntry);
      else look(next, fixedEntry);
      from = next + 1;
    }
  }
  return { positions: positions.subarray(0, size), classOf: classOf.subarray(0, size), classes, due, excluded, reserve };
}

/** The pool as one record per member (for explanations and pack tests; the draw uses scanPool). */
export function evaluatePool(rules: Rules, hooks: RulePackHooks, input: { readonly enterprises: readonly EnterpriseFacts[]; readonly task: TaskFacts; readonly history?: YearHistory; readonly avoid?: boolean }): PoolEvaluation {
  const scan = scanPool(rules, hooks, input);
  const members = Array.from(scan.positions, (position, m): PoolMember => {
    const { stratum, weight, ratio } = scan.classes[scan.classOf[m]!]!;
    return { uscc: input.enterprises[position]!.uscc, stratum, weight, ratio, due: scan.due.get(m) ?? NONE };
  });
  return { members, excluded: scan.excluded, ...(scan.reserve.length > 0 ? { reserve: scan.reserve.map(({ uscc, reasons }) => ({ uscc, reasons })) } : {}) };
}
