import type { EventBus } from '../events/pubsub.ts';

/** What a revoked token's open connection is closed with (graphql-ws' 4401 Unauthorized). */
export const REVOKED_CLOSE = { code: 4401, reason: '令牌已撤销或用户已停用 (token revoked)' } as const;

interface Closable {
  close(code: number, reason: string): void;
}

/**
 * The open WebSocket connections of each token on this instance, closed when any instance
 * announces the token's revocation (HTTP requests need nothing: each looks its token up).
 */
export function watchRevocations(events: EventBus): { track(tokenId: string, socket: Closable): () => void; stop(): Promise<void> } {
  const byToken = new Map<string, Set<Closable>>();
  const iterator = events.pubsub.subscribe('credentials')[Symbol.asyncIterator]();
  const done = (async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      for (const id of next.value.revokedTokenIds) {
        for (const socket of byToken.get(id) ?? []) socket.close(REVOKED_CLOSE.code, REVOKED_CLOSE.reason);
        byToken.delete(id);
      }
    }
  })();
  return {
    track(tokenId, socket) {
      const sockets = byToken.get(tokenId) ?? new Set();
      sockets.add(socket);
      byToken.set(tokenId, sockets);
      return () => {
        sockets.delete(socket);
        if (sockets.size === 0 && byToken.get(tokenId) === sockets) byToken.delete(tokenId);
      };
    },
    async stop() {
      await iterator.return?.();
      await done;
    },
  };
}
