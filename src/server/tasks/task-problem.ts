import type { Shortfall } from '../../core/draw/types.ts';
import type { Citation } from '../../core/rules/schema.ts';

/** Why a plan, task or draw operation was refused: a code, a sentence, and where it applies. */
export interface TaskProblem {
  readonly code:
    | 'NOT_FOUND'
    | 'FORBIDDEN'
    | 'INVALID'
    | 'BAD_STATE'
    | 'WINDOW_NOT_OPEN'
    | 'NO_RULE_PACK'
    | 'PACK_CHANGED'
    | 'ALREADY_DRAWN'
    | 'COMMITMENT_MISMATCH'
    | 'SECRET_REQUIRED'
    | 'BEACON_REQUIRED'
    | 'SHORTFALL'
    | 'ENTROPY_CLOSED'
    | 'RULE'
    | 'NOT_DRAWN'
    | 'UNKNOWN_CATEGORY'
    | 'NOT_SIGNED'
    | 'NOT_IN_TEAM'
    | 'PUBLISHED'
    | 'PRINCIPAL_SIGNATURE_REQUIRED'
    | 'CONFLICT'
    | 'DOUBLE_BOOKED';
  readonly message: string;
  /** The input field at fault, when there is one. */
  readonly field?: string;
  /** Every field at fault, one issue each, when there are several (`field` is the first). */
  readonly issues?: readonly { readonly field: string; readonly message: string }[];
  /** The clause of the pack that refuses it. */
  readonly cite?: Citation;
  /** What a draw lacks, by stratum or team, with what the pack allows. */
  readonly shortfalls?: readonly Shortfall[];
}

export const problem = (code: TaskProblem['code'], message: string, extra: Omit<TaskProblem, 'code' | 'message'> = {}): TaskProblem => ({ code, message, ...extra });

/**
 * Guided setup (directories, then the rule pack, then the plan and its tasks): the refusal of a
 * step taken before the rule pack names the step to take next.
 */
export const noRulePack = (jurisdiction: { readonly name: string; readonly code: string }, step: string): TaskProblem =>
  problem('NO_RULE_PACK', `${jurisdiction.name}（${jurisdiction.code}）还没有选择规则包：先建立执法人员名录，再选择规则包（switchRulePack），然后才能${step}（no rule pack yet: switch to one first）`);
