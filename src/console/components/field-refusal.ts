import type { RefusalValue } from './Refusal.tsx';

/**
 * A ValidationError as a clerk reads it: the server's message names fields by their code
 * ("pack: …"), so each issue is said with its field's Chinese name instead. Other refusals pass as they are.
 */
export function fieldRefusal(refusal: RefusalValue, fieldNames: Readonly<Record<string, string>>): RefusalValue {
  if (refusal.__typename !== 'ValidationError' || !refusal.issues?.length) return refusal;
  return { ...refusal, message: refusal.issues.map((i) => `${fieldNames[i.field] ?? i.field}：${i.message}`).join('；'), issues: [] };
}
