import { inspectorVerdicts } from './evaluate-team.ts';
import type { HookHistory, InspectorFacts, RulePackHooks, TaskFacts } from './facts.ts';
import type { Verdict } from './messages.ts';
import type { Rules } from './schema.ts';

/**
 * 轮换 rotation (docs/draw-algorithm.md §7a): an inspector who has served in the pack's maximum
 * of the jurisdiction's draws in a row (`history.consecutiveDraws`) is not a candidate for this
 * one. "确保每次双随机人员不同" is `maxConsecutiveDraws: 1`.
 */
export function rotationVerdict(rules: Rules, consecutiveDraws: Readonly<Record<string, number>> | undefined, inspector: Pick<InspectorFacts, 'id'>): Verdict | undefined {
  const rotation = rules.team?.rotation;
  if (!rotation || !consecutiveDraws) return undefined;
  const count = consecutiveDraws[inspector.id] ?? 0;
  if (count < rotation.maxConsecutiveDraws) return undefined;
  return { messageId: 'ROTATION_LIMIT', data: { id: inspector.id, count, max: rotation.maxConsecutiveDraws }, cite: rotation.cite };
}

/** The inspectors of a directory whom rotation leaves out, in the given order. */
export const atRotationLimit = <I extends Pick<InspectorFacts, 'id'>>(rules: Rules, consecutiveDraws: Readonly<Record<string, number>> | undefined, inspectors: readonly I[]): I[] =>
  inspectors.filter((i) => rotationVerdict(rules, consecutiveDraws, i) !== undefined);

/** Freezes a value and everything in it (hooks get history they cannot change, §5a). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The history a v4 draw's hooks receive: every field present (empty when the snapshot has none), deep-frozen. */
export function hookHistory(history: { readonly doubleRandomCount?: Readonly<Record<string, number>>; readonly lastInspected?: Readonly<Record<string, string>>; readonly upperLevelDrawn?: readonly string[]; readonly lowerLevelDrawn?: readonly string[]; readonly consecutiveDraws?: Readonly<Record<string, number>>; readonly lastLeaders?: readonly string[] }): HookHistory {
  return deepFreeze({
    doubleRandomCount: { ...history.doubleRandomCount },
    lastInspected: { ...history.lastInspected },
    upperLevelDrawn: [...(history.upperLevelDrawn ?? [])],
    lowerLevelDrawn: [...(history.lowerLevelDrawn ?? [])],
    consecutiveDraws: { ...history.consecutiveDraws },
    lastLeaders: [...(history.lastLeaders ?? [])],
  });
}

/** Hooks that receive `history` beside their own arguments (v4 only; v1–v3 pass the hooks as they are). */
export function withHistory<H extends object>(hooks: H, history: HookHistory): H {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(hooks)) {
    if (typeof fn === 'function') out[name] = (input: object) => (fn as (i: object) => unknown)({ ...input, history });
  }
  return out as H;
}

/**
 * The inspectors no enterprise of a draw could have, with their reasons: the pack's eligibility
 * and hook (§7), then, in v4 (`consecutiveDraws` passed), rotation's (§7a).
 */
export function ineligibleInspectorsOf(rules: Rules, hooks: RulePackHooks, inspectors: readonly InspectorFacts[], task: TaskFacts, consecutiveDraws?: Readonly<Record<string, number>>): { id: string; reasons: Verdict[] }[] {
  const general = inspectors.flatMap((i) => {
    const reasons = inspectorVerdicts(rules, hooks, i, task);
    return reasons.length > 0 ? [{ id: i.id, reasons }] : [];
  });
  return withRotationVerdicts(rules, inspectors, general, consecutiveDraws) ?? general;
}

/**
 * The `general` ineligible inspectors (§7, in directory order) with rotation's reasons (§7a)
 * added, and those rotation alone leaves out, in directory order; null when rotation leaves out
 * nobody (the general list stands). A task drawn many times makes `general` once (teams.ts).
 */
export function withRotationVerdicts(rules: Rules, inspectors: readonly Pick<InspectorFacts, 'id'>[], general: readonly { id: string; reasons: Verdict[] }[], consecutiveDraws: Readonly<Record<string, number>> | undefined): { id: string; reasons: Verdict[] }[] | null {
  if (!inspectors.some((i) => rotationVerdict(rules, consecutiveDraws, i))) return null;
  const byId = new Map(general.map((x) => [x.id, x]));
  return inspectors.flatMap((i) => {
    const base = byId.get(i.id);
    const rotation = rotationVerdict(rules, consecutiveDraws, i);
    if (rotation) return [{ id: i.id, reasons: [...(base?.reasons ?? []), rotation] }];
    return base ? [base] : [];
  });
}

/** One held draw of the jurisdiction, as rotation counts it: who led, who served (leader or member), over all its teams. */
export interface ServedDraw {
  readonly leaders: readonly string[];
  readonly served: readonly string[];
}

/**
 * The rotation history (§7a) from the jurisdiction's held draws, newest first: for each inspector
 * who served in the newest, in how many of the newest draws in a row; and the newest's leaders.
 * Both absent when there is no draw (so the snapshot keeps its bytes).
 */
export function rotationHistory(newestFirst: readonly ServedDraw[]): { consecutiveDraws?: Record<string, number>; lastLeaders?: string[] } {
  const [newest] = newestFirst;
  if (!newest || newest.served.length === 0) return {};
  const sets = newestFirst.map((d) => new Set(d.served));
  const consecutiveDraws: Record<string, number> = {};
  for (const id of [...new Set(newest.served)].sort()) {
    let k = 0;
    while (k < sets.length && sets[k]!.has(id)) k++;
    consecutiveDraws[id] = k;
  }
  const leaders = [...new Set(newest.leaders)].sort();
  return { consecutiveDraws, ...(leaders.length > 0 ? { lastLeaders: leaders } : {}) };
}
