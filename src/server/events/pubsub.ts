import { createPubSub, type PubSub } from 'graphql-yoga';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import { setMaxListeners } from 'node:events';

/** What changed in a draw; subscribers read the rest from the database (see draw-events.ts). */
export type DrawSignal =
  | { readonly kind: 'LOCKED' }
  | { readonly kind: 'ENTROPY'; readonly seq: number; readonly value: string; readonly contributor: string; readonly receivedAt: string }
  | { readonly kind: 'DRAWN' }
  | { readonly kind: 'CANCELLED' };

export interface TaskSignal {
  readonly taskId: string;
  readonly status: string;
  readonly covert: boolean;
  /** For a cancelled task, the state it was cancelled from (the public sees one cancelled after its lock). */
  readonly cancelledFrom?: string | null;
  readonly action: string;
  readonly at: string;
}

/** Tokens revoked (by an admin, or a user deactivated): every instance closes their connections. */
export interface CredentialSignal {
  readonly revokedTokenIds: readonly string[];
}

/** A pack saved in the database (stored-packs.ts): every instance loads it. */
export interface RulePackSignal {
  readonly key: string;
  readonly contentHash: string;
}

/**
 * Something the public portal shows may have changed (a task's status, a result, a blacklisting, a
 * directory name, a bulletin): every instance drops the pages it keeps (portal-cache.ts).
 */
export interface PortalSignal {
  /** The jurisdiction it happened in; null when not known (a mutation of any kind). */
  readonly jurisdictionId: string | null;
  readonly action: string;
}

export type Topics = {
  draw: [drawId: string, signal: DrawSignal];
  task: [jurisdictionId: string, signal: TaskSignal];
  credentials: [signal: CredentialSignal];
  rulePacks: [signal: RulePackSignal];
  portal: [signal: PortalSignal];
};

export interface EventBus {
  readonly pubsub: PubSub<Topics>;
  readonly kind: 'memory' | 'redis';
  close(): Promise<void>;
}

/**
 * In-process events by default; with REDIS_URL, every instance publishes to and hears from
 * Redis, so a subscriber on one instance sees a draw run on another.
 */
export function createEventBus(redisUrl?: string): EventBus {
  if (!redisUrl) {
    // One listener per subscriber of a draw: a thousand viewers are normal, not a leak.
    const eventTarget = new EventTarget();
    setMaxListeners(0, eventTarget);
    return { pubsub: createPubSub<Topics>({ eventTarget }), kind: 'memory', close: async () => {} };
  }
  const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const eventTarget = createRedisEventTarget<CustomEvent>({ publishClient, subscribeClient });
  return {
    pubsub: createPubSub<Topics>({ eventTarget }),
    kind: 'redis',
    async close() {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
