/**
 * How many subscriptions and connections one holder may keep open on this instance: per
 * connection, per token across its connections, and for the public (no token) per remote
 * address. The public caps are generous on purpose: a bureau's hall or a mobile network puts
 * hundreds of viewers of one live draw behind one address, and a shared draw costs one execution.
 */
export interface SubscriptionLimits {
  /** Operations open at once on one WebSocket (WS_MAX_SUBSCRIPTIONS_PER_CONNECTION), default 20. */
  readonly perConnection: number;
  /** Subscriptions of one token across its connections (WS_MAX_SUBSCRIPTIONS_PER_TOKEN), default 100. */
  readonly perToken: number;
  /** Subscriptions without a token from one remote address (WS_MAX_PUBLIC_SUBSCRIPTIONS_PER_ADDRESS), default 2000. */
  readonly perAddress: number;
  /** WebSockets of one token (WS_MAX_CONNECTIONS_PER_TOKEN), default 100. */
  readonly connectionsPerToken: number;
  /** WebSockets without a token from one remote address (WS_MAX_PUBLIC_CONNECTIONS_PER_ADDRESS), default 2000. */
  readonly connectionsPerAddress: number;
}

/** Who a cap counts: a token, or the public by its remote address. */
export type Holder = { readonly tokenId: string } | { readonly address: string };

export interface Refusal {
  readonly code: 'TOO_MANY_SUBSCRIPTIONS' | 'TOO_MANY_CONNECTIONS';
  /** The configuration variable of the limit that was hit. */
  readonly setting: string;
  readonly limit: number;
  readonly message: string;
}

/** Gives a held place back; calling it again does nothing. */
export type Release = () => void;

const keyOf = (h: Holder) => ('tokenId' in h ? `token:${h.tokenId}` : `address:${h.address}`);

export function createSubscriptionCounter(limits: SubscriptionLimits) {
  const subscriptions = new Map<string, number>();
  const connections = new Map<string, number>();

  function take(counts: Map<string, number>, key: string): Release {
    counts.set(key, (counts.get(key) ?? 0) + 1);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      const left = (counts.get(key) ?? 1) - 1;
      if (left > 0) counts.set(key, left);
      else counts.delete(key);
    };
  }

  return {
    /** A place for one more connection of `holder`, or why not. */
    connect(holder: Holder): Release | Refusal {
      const key = keyOf(holder);
      const token = 'tokenId' in holder;
      const limit = token ? limits.connectionsPerToken : limits.connectionsPerAddress;
      if ((connections.get(key) ?? 0) >= limit) {
        const setting = token ? 'WS_MAX_CONNECTIONS_PER_TOKEN' : 'WS_MAX_PUBLIC_CONNECTIONS_PER_ADDRESS';
        // A close reason holds at most 123 bytes: keep it short.
        const message = token ? `连接过多：每个令牌最多 ${limit} 个连接 (${setting})` : `连接过多：同一地址最多 ${limit} 个连接 (${setting})`;
        return { code: 'TOO_MANY_CONNECTIONS', setting, limit, message };
      }
      return take(connections, key);
    },

    /** A place for one more subscription of `holder` on a connection that has `onConnection` open. */
    subscribe(holder: Holder, onConnection: number): Release | Refusal {
      if (onConnection >= limits.perConnection) {
        const limit = limits.perConnection;
        return { code: 'TOO_MANY_SUBSCRIPTIONS', setting: 'WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', limit, message: `订阅过多：每个连接最多同时 ${limit} 个订阅，请先结束不再需要的订阅 (at most ${limit} subscriptions per connection, WS_MAX_SUBSCRIPTIONS_PER_CONNECTION)` };
      }
      const key = keyOf(holder);
      if ('tokenId' in holder && (subscriptions.get(key) ?? 0) >= limits.perToken) {
        const limit = limits.perToken;
        return { code: 'TOO_MANY_SUBSCRIPTIONS', setting: 'WS_MAX_SUBSCRIPTIONS_PER_TOKEN', limit, message: `订阅过多：每个令牌在本服务器上最多同时 ${limit} 个订阅（含其所有连接）(at most ${limit} subscriptions per token, WS_MAX_SUBSCRIPTIONS_PER_TOKEN)` };
      }
      if ('address' in holder && (subscriptions.get(key) ?? 0) >= limits.perAddress) {
        const limit = limits.perAddress;
        return { code: 'TOO_MANY_SUBSCRIPTIONS', setting: 'WS_MAX_PUBLIC_SUBSCRIPTIONS_PER_ADDRESS', limit, message: `订阅过多：无令牌访问时同一地址最多同时 ${limit} 个订阅 (at most ${limit} public subscriptions per address, WS_MAX_PUBLIC_SUBSCRIPTIONS_PER_ADDRESS)` };
      }
      return take(subscriptions, key);
    },
  };
}

export type SubscriptionCounter = ReturnType<typeof createSubscriptionCounter>;

export const isRefusal = (r: Release | Refusal): r is Refusal => typeof r !== 'function';
