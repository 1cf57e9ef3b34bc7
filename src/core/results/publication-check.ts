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
    return [{ code: 'PRINCIPAL_SIGNATURE_REQUIRED', message: 'a correction of a published result is published only once the principal (单位主要负责人) has signed it', cite: rule?.cite }];
  }
  const { ids, cite } = requiredSigners(rules, facts.team);
  const signed = new Set(facts.signatures.filter((s) => s.contentHash === facts.contentHash).map((s) => s.inspectorId));
  const missing = ids.filter((id) => !signed.has(id));
  if (missing.length === 0) return [];
  return [{ code: 'NOT_SIGNED', message: `the team has not signed this version of the result: ${missing.length} of ${ids.length} signature(s) missing (${missing.join(', ')})`, cite }];
}

/** The refusal to edit a published result, saying how to correct it instead. */
export function publishedIssue(rules: Rules): ResultIssue {
  const rule = rules.afterPublication?.changeNeedsPrincipalSignature;
  return {
    code: 'PUBLISHED',
    message: 'a published result is never edited: file a correction (correctResult), which becomes a new version once the principal signs it; both versions stay public',
    cite: rule?.cite,
  };
}
