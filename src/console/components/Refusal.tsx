import { Alert } from 'antd';
import type { CombinedError } from 'urql';
import { refusalOf } from '../pages/Login/refusal.ts';

/** What a mutation's error union member carries: its message, and for a rule its clause, for a form its fields. */
export interface RefusalValue {
  readonly __typename?: string;
  readonly message: string;
  readonly clause?: string | null;
  readonly code?: string;
  readonly issues?: readonly { readonly field: string; readonly message: string }[];
  readonly shortfalls?: readonly unknown[];
}

const ERROR_TYPES = new Set(['ForbiddenError', 'NotFoundError', 'RuleError', 'ValidationError']);

/** True when a mutation's answer is one of the schema's error types (a refusal, not a success). */
export function isRefusal(answer: { readonly __typename?: string } | null | undefined): answer is RefusalValue & { __typename: string } {
  return answer !== null && answer !== undefined && ERROR_TYPES.has(answer.__typename ?? '');
}

/**
 * A refusal as the clerk reads it: the server's Chinese message, the clause that refuses it
 * (依据), and each field that is wrong. `error` is a transport or GraphQL error instead.
 */
export function Refusal({ refusal, error, id }: { refusal?: RefusalValue | undefined; error?: CombinedError | undefined; id?: string }) {
  if (!refusal && !error) return null;
  const title = refusal ? refusal.message : refusalOf(error!);
  // Each field's reason, unless the message already says it; the field's code is never shown (the form marks the field).
  const reasons = (refusal?.issues ?? []).map((i) => i.message).filter((m) => !title.includes(m));
  const details = refusal ? [refusal.clause ? `依据：${refusal.clause}` : undefined, ...reasons].filter((d): d is string => d !== undefined) : [];
  return (
    <div id={id ?? 'refusal'} role="alert" style={{ marginBottom: 16 }}>
      <Alert type="error" showIcon title={title} description={details.length > 0 ? <ul style={{ margin: 0, paddingLeft: 20 }}>{details.map((d) => <li key={d}>{d}</li>)}</ul> : undefined} />
    </div>
  );
}
