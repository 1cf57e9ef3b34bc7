import type { EnterpriseFacts, InspectorFacts, RulePackHooks, TaskFacts } from './facts.ts';
import { render, type Verdict } from './messages.ts';
import type { Rules } from './schema.ts';

/**
 * Why an inspector may not serve on a team for this enterprise (empty when eligible):
 * pooling, formal staff, certificate valid on the inspection date, enforcement domain, hook.
 */
export function inspectorVerdicts(rules: Rules, hooks: RulePackHooks, inspector: InspectorFacts, task: TaskFacts, enterprise?: EnterpriseFacts): Verdict[] {
  const verdicts: Verdict[] = [];
  const { eligibility, pooling } = rules;
  if (inspector.home === 'neighbour' && !pooling?.neighbours) {
    verdicts.push({ messageId: 'POOLING_NOT_ALLOWED', data: { id: inspector.id, origin: 'neighbouring jurisdiction' }, ...(pooling ? { cite: pooling.cite } : {}) });
  }
  // Township stations serve when the pack pools them, or when it says nothing about pooling.
  if (inspector.unitKind === 'TOWNSHIP_STATION' && pooling && !pooling.townshipStations) {
    verdicts.push({ messageId: 'POOLING_NOT_ALLOWED', data: { id: inspector.id, origin: 'township station' }, cite: pooling.cite });
  }
  if (eligibility?.formalStaff && !inspector.formalStaff) verdicts.push({ messageId: 'NOT_FORMAL_STAFF', data: { id: inspector.id }, cite: eligibility.cite });
  if (eligibility?.certificateValidOnInspectionDate && (!inspector.certificateValidUntil || inspector.certificateValidUntil < task.inspectionDate)) {
    verdicts.push({ messageId: 'CERTIFICATE_INVALID', data: { id: inspector.id, date: task.inspectionDate }, cite: eligibility.cite });
  }
  if (eligibility?.domainMatch && enterprise && !inspector.domains.includes(enterprise.sector)) {
    verdicts.push({ messageId: 'DOMAIN_MISMATCH', data: { id: inspector.id, sector: enterprise.sector }, cite: eligibility.cite });
  }
  if (verdicts.length === 0 && hooks.inspectorEligible) {
    const verdict = hooks.inspectorEligible({ inspector, task });
    if (verdict !== true) verdicts.push({ messageId: 'HOOK_REFUSED', data: { subject: inspector.id, reason: verdict.reason }, cite: verdict.cite });
  }
  return verdicts;
}

/** What is wrong with a team for an enterprise (empty when it satisfies the pack). */
export function teamVerdicts(rules: Rules, hooks: RulePackHooks, input: { readonly team: readonly InspectorFacts[]; readonly leaderId: string | null; readonly enterprise: EnterpriseFacts; readonly task: TaskFacts }): Verdict[] {
  const { team, leaderId, enterprise, task } = input;
  const verdicts: Verdict[] = [];
  const special = rules.specialists?.find((s) => s.sector === enterprise.sector);
  const min = special?.teamSize ?? rules.team?.minSize ?? 1;
  const minCite = special?.cite ?? rules.team?.cite;
  if (team.length < min) verdicts.push({ messageId: 'TEAM_TOO_SMALL', data: { sector: enterprise.sector, min, size: team.length }, ...(minCite ? { cite: minCite } : {}) });
  if (rules.team?.maxSize !== undefined && team.length > rules.team.maxSize) {
    verdicts.push({ messageId: 'TEAM_TOO_LARGE', data: { max: rules.team.maxSize, size: team.length }, cite: rules.team.cite });
  }
  if (rules.team?.leader && !team.some((m) => m.id === leaderId)) verdicts.push({ messageId: 'NO_LEADER', data: {}, cite: rules.team.cite });
  if (special) {
    const count = team.filter((m) => m.domains.includes(special.sector)).length;
    if (count < special.minSpecialists) verdicts.push({ messageId: 'TOO_FEW_SPECIALISTS', data: { sector: special.sector, min: special.minSpecialists, count }, cite: special.cite });
  }
  for (const member of team) {
    // With specialists required, the other members need not enforce in the sector themselves.
    const rulesForMember = special && rules.eligibility ? { ...rules, eligibility: { ...rules.eligibility, domainMatch: false } } : rules;
    const problems = inspectorVerdicts(rulesForMember, {}, member, task, enterprise);
    if (problems.length > 0) verdicts.push({ messageId: 'INELIGIBLE_MEMBER', data: { id: member.id, reason: problems.map(render).join('; ') }, ...(problems[0]!.cite ? { cite: problems[0]!.cite } : {}) });
  }
  if (verdicts.length === 0 && hooks.teamConstraint) {
    const verdict = hooks.teamConstraint({ team, enterprise, task });
    if (verdict !== true) verdicts.push({ messageId: 'HOOK_REFUSED', data: { subject: 'team', reason: verdict.reason }, cite: verdict.cite });
  }
  return verdicts;
}
