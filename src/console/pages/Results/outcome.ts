import type { CombinedError } from 'urql';
import { isRefusal, type RefusalValue } from '../../components/Refusal.tsx';

/** What a screen shows after a mutation that did not succeed: the refusal (with its clause) or a transport error. */
export interface Shown {
  readonly refusal?: RefusalValue | undefined;
  readonly error?: CombinedError | undefined;
}

/**
 * What to show for a mutation's answer, or undefined when it succeeded: the error-union member
 * (errors are values), else the request's own error.
 */
export function shownFor(result: { readonly error?: CombinedError | undefined }, answer: { readonly __typename?: string } | null | undefined): Shown | undefined {
  if (isRefusal(answer)) return { refusal: answer };
  if (result.error) return { error: result.error };
  return answer ? undefined : {};
}
