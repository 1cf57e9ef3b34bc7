import type { Citation } from './schema.ts';

/**
 * Every reason the engine gives, by id, with placeholders. Reports carry the id, the data and
 * the citation of the rule that caused them, so a screen can show the sentence and the clause.
 */
export const MESSAGES = {
  NOT_OPERATING: '{uscc} is {status}, not operating',
  OUT_OF_SCOPE: '{uscc} is in sector {sector}, outside the sectors the pack covers',
  NOT_IN_TASK: '{uscc} is in sector {sector}, outside this directed task',
  UPPER_LEVEL_DRAWN: '{uscc} was drawn by the upper-level bureau in {year}',
  CAP_REACHED: '{uscc} already had {count} double-random inspection(s) in {year}; the cap is {cap}',
  HOOK_REFUSED: '{subject}: {reason}',
  NOT_FORMAL_STAFF: 'inspector {id} is not formal staff',
  CERTIFICATE_INVALID: "inspector {id}'s enforcement certificate is not valid on {date}",
  DOMAIN_MISMATCH: 'inspector {id} does not enforce in sector {sector}',
  POOLING_NOT_ALLOWED: 'inspector {id} comes from a {origin}, which the pack does not pool',
  TEAM_TOO_SMALL: 'a team for sector {sector} needs at least {min} inspectors, has {size}',
  TEAM_TOO_LARGE: 'a team has at most {max} inspectors, has {size}',
  NO_LEADER: 'the team has no leader among its members',
  TOO_FEW_SPECIALISTS: 'a {sector} team needs {min} specialist(s) in the sector, has {count}',
  INELIGIBLE_MEMBER: 'team member {id} is not eligible: {reason}',
  DUE: '{uscc} must be inspected every {every} ({who}); not yet this {period}',
  PLAN_SHARE: 'double random is {share}% of the planned inspections; the pack asks for at least {min}%',
} as const;

export type MessageId = keyof typeof MESSAGES;

export interface Verdict {
  readonly messageId: MessageId;
  readonly data: Readonly<Record<string, string | number>>;
  /** The rule that caused it (a hook's refusal cites its own clause); absent for the engine's own rules (a closed enterprise). */
  readonly cite?: Citation;
}

export function render(verdict: Verdict): string {
  return MESSAGES[verdict.messageId].replace(/\{(\w+)\}/g, (_, key: string) => String(verdict.data[key] ?? `{${key}}`));
}

export function placeholders(messageId: MessageId): string[] {
  return [...MESSAGES[messageId].matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}
