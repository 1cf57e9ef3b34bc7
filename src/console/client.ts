import { createClient as createWsClient } from 'graphql-ws';
import { cacheExchange, Client, fetchExchange, subscriptionExchange } from 'urql';
import { readSession } from './session.ts';

/**
 * Subscriptions (the home screen's deadline alerts) over graphql-ws on the same server and path.
 * Lazy: the socket opens with the first subscription and closes after the last, so the login page
 * opens none; the token goes in the connection's `authorization` parameter, read at each connect,
 * so a new login in this tab connects as the new user.
 */
const sockets = createWsClient({
  url: () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
  lazy: true,
  connectionParams: () => {
    const session = readSession();
    return session ? { authorization: `Bearer ${session.token}` } : {};
  },
});

/** GraphQL on this server, the session's token in the Authorization header (never a cookie). */
export const client = new Client({
  url: '/graphql',
  exchanges: [
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription(request) {
        const operation = { ...request, query: request.query ?? '' };
        return {
          subscribe(sink) {
            return { unsubscribe: sockets.subscribe(operation, sink) };
          },
        };
      },
    }),
  ],
  preferGetMethod: false,
  fetchOptions: () => {
    const session = readSession();
    return session ? { headers: { authorization: `Bearer ${session.token}` } } : {};
  },
});
