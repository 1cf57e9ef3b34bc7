import { cacheExchange, Client, fetchExchange } from 'urql';
import { readSession } from './session.ts';

/** GraphQL on this server, the session's token in the Authorization header (never a cookie). */
export const client = new Client({
  url: '/graphql',
  exchanges: [cacheExchange, fetchExchange],
  preferGetMethod: false,
  fetchOptions: () => {
    const session = readSession();
    return session ? { headers: { authorization: `Bearer ${session.token}` } } : {};
  },
});
