import type { Rules } from '../rules/schema.ts';
import type { RulePackHooks } from '../rules/facts.ts';
import { inspectorVerdicts } from '../rules/evaluate-team.ts';
import { atRotationLimit } from '../rules/rotation.ts';
import { ALGORITHM, ALGORITHM_RECUSES_SERVED, ALGORITHM_SEALED, ALGORITHM_V4, ALGORITHMS, type Algorithm, type DrawSnapshot, type DrawTask } from './types.ts';

/**
 * Which version of the algorithm a draw is made by (docs/draw-algorithm.md §0). It is not a
 * choice: a new draw takes the version its inputs call for, all of them hashed into the seed, so
 * nobody can pick between two versions' outcomes after the reveal.
 */

export const isAlgorithm = (value: unknown): value is Algorithm => (ALGORITHMS as readonly unknown[]).includes(value);

/** Experts a task's teams get: the task's number, else 1 when the pack requires experts, else 0 (§7). */
export const expertsWanted = (rules: Rules, task: Pick<DrawTask, 'expertsPerTeam'>): number => task.expertsPerTeam ?? (rules.experts?.when === 'required' ? 1 : 0);

/**
 * v1 and v2 left out experts who served the enterprise only when the pack had no recusal rule or
 * its reasons listed `served-enterprise`: with experts drawn under any other recusal rule they
 * could draw such an expert, and v3 does not.
 */
export const servedRecusalDiffers = (rules: Rules, task: Pick<DrawTask, 'expertsPerTeam'>): boolean =>
  rules.recusal !== undefined && !rules.recusal.reasons.includes('served-enterprise') && expertsWanted(rules, task) > 0;

const hasSeals = (snapshot: DrawSnapshot) => (snapshot.history.upperLevelSealed?.length ?? 0) > 0;

/**
 * What these inputs ask of the draw that only v4 does (docs/draw-algorithm.md §0), one name per
 * feature in a fixed order; empty when v1–v3 draw them as the rules mean. Each entry is true
 * exactly where an earlier version would draw differently, so that no draw changes version (and
 * bytes) for a rule that makes no difference to it.
 */
export function v4Features(snapshot: DrawSnapshot, rules: Rules, task: DrawTask, hooks?: RulePackHooks): string[] {
  const features: string[] = [];
  void snapshot;
  void task;
  // 分层比例 per-stratum ratios (§6): v1–v3 refuse them.
  if ((rules.strata?.ratios?.length ?? 0) > 0) features.push('strata.ratios');
  features.push(...levelAndRotationFeatures(snapshot, rules, task, hooks));
  return features;
}

/** Does any of these USCCs name an enterprise of the snapshot? (One pass over the directory, only when the list is not empty.) */
function meetsDirectory(snapshot: DrawSnapshot, uscc: readonly string[] | undefined): boolean {
  if (!uscc || uscc.length === 0) return false;
  const listed = new Set(uscc);
  return snapshot.enterprises.some((e) => listed.has(e.uscc));
}

/**
 * 一般不重合 avoid (§5c): v1–v3 leave avoided units out as `exclude` does, so v4 is called for
 * where the upper level's list meets the directory (a seal always does). The lower level's picks
 * (§5c): v1–v3 do not read them, so v4 where they meet the directory. 轮换 rotation (§7a): where
 * the history names an inspector at the limit whom the pack's own eligibility rules let in.
 * Hooks with history (§5a): where the pack has hooks and the snapshot carries v4's history.
 */
function levelAndRotationFeatures(snapshot: DrawSnapshot, rules: Rules, task: DrawTask, hooks: RulePackHooks | undefined): string[] {
  const features: string[] = [];
  const { history } = snapshot;
  if (rules.exclusions?.upperLevelDrawnThisYear?.effect === 'avoid' && ((history.upperLevelSealed?.length ?? 0) > 0 || meetsDirectory(snapshot, history.upperLevelDrawn))) features.push('exclusions.upperLevelDrawnThisYear.avoid');
  if (rules.exclusions?.lowerLevelDrawnThisYear && meetsDirectory(snapshot, history.lowerLevelDrawn)) features.push('exclusions.lowerLevelDrawnThisYear');
  if (rules.team?.rotation && history.consecutiveDraws && atRotationLimit(rules, history.consecutiveDraws, snapshot.inspectors).some((i) => inspectorVerdicts(rules, {}, i, task).length === 0)) {
    features.push('team.rotation');
  }
  const hooked = hooks !== undefined && Object.values(hooks).some((h) => typeof h === 'function');
  if (hooked && (history.consecutiveDraws !== undefined || history.lastLeaders !== undefined || history.lowerLevelDrawn !== undefined)) features.push('hooks.history');
  return features;
}

/** v4 puts units avoided under an `avoid` rule in a reserve (§5c); v1–v3 leave them out. */
export const avoidsByReserve = (algorithm: Algorithm) => algorithm === ALGORITHM_V4;

const v4CalledFor = (snapshot: DrawSnapshot, rules: Rules, task: DrawTask, hooks?: RulePackHooks) => v4Features(snapshot, rules, task, hooks).length > 0;

/** The version a new draw of these inputs is made by: v4 where its rules call for it, v3 where it differs from v1/v2, else v2 with seals, else v1. */
export function algorithmFor(snapshot: DrawSnapshot, rules: Rules, task: DrawTask, hooks?: RulePackHooks): Algorithm {
  if (v4CalledFor(snapshot, rules, task, hooks)) return ALGORITHM_V4;
  if (servedRecusalDiffers(rules, task)) return ALGORITHM_RECUSES_SERVED;
  return hasSeals(snapshot) ? ALGORITHM_SEALED : ALGORITHM;
}

/**
 * Whether a recorded version can have drawn these inputs: v1 has no seals, v2 has at least one,
 * v3 only where it differs from them (with or without seals). v1 and v2 stay admitted where v3
 * would now be taken: the draws made before v3 was published are such, and keep verifying.
 */
export function admits(algorithm: Algorithm, snapshot: DrawSnapshot, rules: Rules, task: DrawTask, hooks?: RulePackHooks): boolean {
  if (algorithm === ALGORITHM) return !hasSeals(snapshot);
  if (algorithm === ALGORITHM_SEALED) return hasSeals(snapshot);
  if (algorithm === ALGORITHM_V4) return v4CalledFor(snapshot, rules, task, hooks);
  return servedRecusalDiffers(rules, task);
}

/** Does this version leave out experts who served the enterprise under these rules? */
export const recusesServed = (algorithm: Algorithm, rules: Rules): boolean =>
  algorithm === ALGORITHM_RECUSES_SERVED || algorithm === ALGORITHM_V4 || !rules.recusal || rules.recusal.reasons.includes('served-enterprise');
