import { GraphQLError } from 'graphql';

/** The code of each limit a request can hit: `extensions.code` of the one error it gets. */
export type LimitCode = 'QUERY_TOO_DEEP' | 'TOO_MANY_ALIASES' | 'TOO_MANY_TOKENS' | 'TOO_MANY_DIRECTIVES' | 'QUERY_TOO_COSTLY' | 'MUTATION_REPEATED' | 'RATE_LIMITED';

/**
 * A refused request as a GraphQL error: the code, the Chinese message (English after it) and
 * the figures in `extensions` (`limit`, `actual`, …), so a client can tell what to change.
 */
export function limitError(code: LimitCode, message: string, figures: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...figures } });
}

/**
 * A rate limit's refusal (rate-limits.ts): the whole request is refused with HTTP 429 and
 * `Retry-After` (yoga takes both from `extensions.http`), the wait in seconds in `retryAfter`.
 */
export function rateLimited(refusal: { limit: string; message: string; retryAfterMs: number }): GraphQLError {
  const seconds = Math.max(1, Math.ceil(refusal.retryAfterMs / 1000));
  return new GraphQLError(refusal.message, {
    extensions: { code: 'RATE_LIMITED', limit: refusal.limit, retryAfter: seconds, http: { status: 429, headers: { 'retry-after': String(seconds) } } },
  });
}
