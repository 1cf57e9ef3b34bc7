import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client of a running server, with an optional bearer token. */
export function wsClient(port: number, token?: string): Client {
  return createClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
}

/** Collects a subscription's events until it completes, or until `until` says to stop. */
export function collect<T = any>(client: Client, query: string, variables: Record<string, unknown>, until?: (events: T[]) => boolean): { done: Promise<T[]>; events: T[]; cancel: () => void } {
  const events: T[] = [];
  let cancel = () => {};
  const done = new Promise<T[]>((resolve, reject) => {
    cancel = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) return reject(new Error(JSON.stringify(value.errors)));
          events.push(value.data as T);
          if (until?.(events)) {
            cancel();
            resolve(events);
          }
        },
        error: (e) => reject(new Error(Array.isArray(e) ? e.map((x: { message: string }) => x.message).join('; ') : String((e as Error)?.message ?? e))),
        complete: () => resolve(events),
      },
    );
  });
  return { done, events, cancel: () => cancel() };
}

/** Reads a subscription served as server-sent events (yoga's default transport) until it completes. */
export async function sse<T = any>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T[]> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  const events: T[] = [];
  for (const block of text.split('\n\n')) {
    const lines = block.split('\n');
    if (!lines.some((l) => l === 'event: next')) continue;
    const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
    events.push((JSON.parse(data) as { data: T }).data);
  }
  return events;
}

/** Waits until `condition` holds (checked every 10 ms), failing with `what` after `ms`: waits for pushes, asserts no speed. */
export async function until(condition: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
