import type { RefusalValue } from '../../components/Refusal.tsx';

/** What a directory mutation answers when it refuses: one of MUTATION_ERRORS (src/server/schema/errors.ts). */
export interface DirectoryAnswer {
  readonly __typename: string;
  readonly message?: string;
  readonly issues?: readonly { readonly field: string; readonly message: string }[];
  readonly field?: string;
}

const REFUSALS = new Set(['ValidationError', 'ConflictError', 'ForbiddenError', 'NotFoundError']);

export interface Refused {
  /** For <Refusal>: the server's Chinese message (each field's issue already names its column). */
  readonly refusal: RefusalValue;
  /** For antd's form.setFields: each issue on the field it names. */
  readonly fields: { name: string; errors: string[] }[];
}

/**
 * A refusal split for the form: every field issue goes onto its field; the message above the form
 * says the same in one line. Field names stay in the form (they are the GraphQL input's), never in text.
 */
export function refusedOf(answer: DirectoryAnswer | null | undefined): Refused | undefined {
  if (!answer || !REFUSALS.has(answer.__typename)) return undefined;
  const issues = answer.__typename === 'ValidationError' ? (answer.issues ?? []) : answer.__typename === 'ConflictError' && answer.field ? [{ field: answer.field, message: answer.message ?? '' }] : [];
  const message = answer.__typename === 'ValidationError' ? issues.map((i) => i.message).join('；') : (answer.message ?? '');
  const byField = new Map<string, string[]>();
  for (const issue of issues) byField.set(issue.field, [...(byField.get(issue.field) ?? []), issue.message]);
  return { refusal: { __typename: answer.__typename, message }, fields: [...byField].map(([name, errors]) => ({ name, errors })) };
}
