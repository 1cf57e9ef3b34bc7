import type { Rules } from '../rules/schema.ts';
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
export function v4Features(snapshot: DrawSnapshot, rules: Rules, task: DrawTask): string[] {
  const features: string[] = [];
  void snapshot;
  void task;
  // 分层比例 per-stratum ratios (§6): v1–v3 refuse them.
  if ((rules.strata?.ratios?.length ?? 0) > 0) features.push('strata.ratios');
  return features;
}

const v4CalledFor = (snapshot: DrawSnapshot, rules: Rules, task: DrawTask) => v4Features(snapshot, rules, task).length > 0;

/** The version a new draw of these inputs is made by: v4 where its rules call for it, v3 where it differs from v1/v2, else v2 with seals, else v1. */
export function algorithmFor(snapshot: DrawSnapshot, rules: Rules, task: DrawTask): Algorithm {
  if (v4CalledFor(snapshot, rules, task)) return ALGORITHM_V4;
  if (servedRecusalDiffers(rules, task)) return ALGORITHM_RECUSES_SERVED;
  return hasSeals(snapshot) ? ALGORITHM_SEALED : ALGORITHM;
}

/**
 * Whether a recorded version can have drawn these inputs: v1 has no seals, v2 has at least one,
 * v3 only where it differs from them (with or without seals). v1 and v2 stay admitted where v3
 * would now be taken: the draws made before v3 was published are such, and keep verifying.
 */
export function admits(algorithm: Algorithm, snapshot: DrawSnapshot, rules: Rules, task: DrawTask): boolean {
  if (algorithm === ALGORITHM) return !hasSeals(snapshot);
  if (algorithm === ALGORITHM_SEALED) return hasSeals(snapshot);
  if (algorithm === ALGORITHM_V4) return v4CalledFor(snapshot, rules, task);
  return servedRecusalDiffers(rules, task);
}

/** Does this version leave out experts who served the enterprise under these rules? */
export const recusesServed = (algorithm: Algorithm, rules: Rules): boolean =>
  algorithm === ALGORITHM_RECUSES_SERVED || algorithm === ALGORITHM_V4 || !rules.recusal || rules.recusal.reasons.includes('served-enterprise');
