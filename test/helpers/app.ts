import { buildApp, type App } from '../../src/server/app.ts';
import { createApiToken } from '../../src/server/auth/tokens.ts';
import type { Database } from '../../src/server/db/database.ts';

export interface GraphQLResult<T = any> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Runs GraphQL through the app in-process (yoga.fetch), with an optional bearer token. */
export function graphqlClient(app: App) {
  return async <T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResult<T>> => {
    const response = await app.fetch(
      new Request('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      }),
    );
    return (await response.json()) as GraphQLResult<T>;
  };
}

export async function tokenFor(db: Database, code: string, role: 'ADMIN' | 'PLANNER' | 'AUDITOR' | 'INSPECTOR' = 'ADMIN') {
  const j = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code } });
  return createApiToken(db.prisma, { name: `${role.toLowerCase()}-${code}`, role, jurisdictionId: j.id });
}

export { buildApp };
