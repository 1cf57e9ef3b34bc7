import type { Citation, Rules } from '../rules/schema.ts';
import type { ResultIssue } from './types.ts';

export interface TeamOfResult {
  readonly leaderId: string;
  readonly memberIds: readonly string[];
}

/** Who must sign: the whole team (卧龙 第二十三条, and the default) or the leader alone. */
export function requiredSigners(rules: Rules, team: TeamOfResult): { readonly ids: readonly string[]; readonly cite: Citation | undefined } {
  const byLeader = rules.resultSigning?.by === 'leader';
  return { ids: byLeader ? [team.leaderId] : [...new Set([team.leaderId, ...team.memberIds])], cite: rules.resultSigning?.cite };
}

export interface PublicationFacts {
  readonly status: 'DRAFT' | 'PUBLISHED';
  readonly contentHash: string;
  /** Signatures given, each on the content hash it saw. */
  readonly signatures: readonly { readonly inspectorId: string; readonly contentHash: string }[];
  readonly team: TeamOfResult;
  /** A correction of a published version (更正). */
  readonly correction: boolean;
  /** The principal (单位主要负责人) who signed the correction, if one did. */
  readonly principalSignedBy: string | null;
}

/**
 * Why a result may not be published yet: it already is (published results never change; a
 * correction is a new version), a signer has not signed this content, or a correction lacks the
 * principal's signature (卧龙 第二十六条).
 */
export function publicationIssues(rules: Rules, facts: PublicationFacts): ResultIssue[] {
  if (facts.status === 'PUBLISHED') return [publishedIssue(rules)];
  if (facts.correction) {
    if (facts.principalSignedBy) return [];
    const rule = rules.afterPublication?.changeNeedsPrincipalSignature;
    return [{ code: 'PRINCIPAL_SIGNATURE_REQUIRED', message: '更正须经单位主要负责人签字后才能公示 (a correction of a published result is published only once the principal has signed it)', cite: rule?.cite }];
  }
  const { ids, cite } = requiredSigners(rules, facts.team);
  const signed = new Set(facts.signatures.filter((s) => s.contentHash === facts.contentHash).map((s) => s.inspectorId));
  const missing = ids.filter((id) => !signed.has(id));
  if (missing.length === 0) return [];
  return [{ code: 'NOT_SIGNED', message: `检查组尚未全部签字：本版结果还缺 ${missing.length} 人签字（共需 ${ids.length} 人），签齐后才能公示 (the team has not signed this version: ${missing.length} of ${ids.length} signature(s) missing (${missing.join(', ')}))`, cite }];
}

/** The refusal to edit a published result, saying how to correct it instead. */
export function publishedIssue(rules: Rules): ResultIssue {
  const rule = rules.afterPublication?.changeNeedsPrincipalSignature;
  return {
    code: 'PUBLISHED',
    message: '已公示的结果不能修改：请提出更正（correctResult），经单位主要负责人签字后作为新版本公示，两版均保持公开 (a published result is never edited: correct it)',
    cite: rule?.cite,
  };
}
