/**
 * A value per key (a jurisdiction's deadline alerts), recomputed once per change however many
 * watch it, and shared by every watcher. Changes that arrive while a computation runs coalesce
 * into one more computation; a watcher who joins while nothing changed since the last value gets
 * that value without a computation. A watcher keeps only the newest value it has not read, so a
 * slow socket holds one list, never a queue of them.
 */
export interface SharedLatestOptions<V> {
  /** Starts listening for changes of `key`, calling `changed` on each; returns how to stop. */
  readonly listen: (key: string, changed: () => void) => () => void;
  /** The key's value now. */
  readonly compute: (key: string) => Promise<V>;
  /** What besides a change makes a value stale (for deadlines: the day); equal stamps mean still current. */
  readonly stamp?: () => string;
  /** What watchers get when a computation fails; it is not kept, so the next change or watcher tries again. */
  readonly failure: (error: unknown, key: string) => V;
}

export interface SharedLatest<V> {
  /** The key's value now (shared when current), then again after every change. */
  watch(key: string): AsyncIterableIterator<V>;
  /** Keys with at least one watcher (for tests and benchmarks). */
  readonly watchedKeys: () => number;
}

interface Watcher<V> {
  pending: { readonly value: V } | undefined;
  wake: (() => void) | undefined;
  closed: boolean;
}

interface Feed<V> {
  readonly watchers: Set<Watcher<V>>;
  latest: { readonly value: V; readonly stamp: string } | undefined;
  computing: boolean;
  /** A change arrived during the running computation: run once more when it ends. */
  dirty: boolean;
  stop: () => void;
}

const offer = <V>(w: Watcher<V>, value: V) => {
  w.pending = { value };
  w.wake?.();
  w.wake = undefined;
};

/**
 * Watchers woken per turn of the event loop. Each woken watcher's execution and send run as
 * microtasks, which would otherwise keep every other request waiting until thousands of
 * subscribers have had their list; between batches the server answers its other requests.
 */
const FAN_OUT_BATCH = 50;

async function fanOut<V>(watchers: readonly Watcher<V>[], value: V): Promise<void> {
  for (let i = 0; i < watchers.length; i += FAN_OUT_BATCH) {
    if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const w of watchers.slice(i, i + FAN_OUT_BATCH)) if (!w.closed) offer(w, value);
  }
}

export function createSharedLatest<V>(options: SharedLatestOptions<V>): SharedLatest<V> {
  const feeds = new Map<string, Feed<V>>();
  const stamp = options.stamp ?? (() => '');

  async function run(key: string, feed: Feed<V>): Promise<void> {
    feed.computing = true;
    try {
      do {
        feed.dirty = false;
        const at = stamp();
        let value: V;
        let ok = true;
        try {
          value = await options.compute(key);
        } catch (error) {
          value = options.failure(error, key);
          ok = false;
        }
        if (feeds.get(key) !== feed) return; // every watcher left meanwhile
        feed.latest = ok ? { value, stamp: at } : undefined;
        const reached = [...feed.watchers];
        await fanOut(reached, value);
        // Who joined during the fan-out waited for this value (a computation was still under way).
        const had = new Set(reached);
        for (const w of feed.watchers) if (!had.has(w)) offer(w, value);
      } while (feed.dirty);
    } finally {
      feed.computing = false;
    }
  }

  function changed(key: string, feed: Feed<V>): void {
    if (feed.computing) feed.dirty = true;
    else void run(key, feed);
  }

  function watch(key: string): AsyncIterableIterator<V> {
    let feed = feeds.get(key);
    if (!feed) {
      const created: Feed<V> = { watchers: new Set(), latest: undefined, computing: false, dirty: false, stop: () => {} };
      feeds.set(key, created);
      // Listen before the first computation, so a change during it is not lost.
      created.stop = options.listen(key, () => changed(key, created));
      feed = created;
    }
    const mine: Feed<V> = feed;
    const w: Watcher<V> = { pending: undefined, wake: undefined, closed: false };
    mine.watchers.add(w);
    // A running computation's value reaches this watcher too; otherwise share the latest if current.
    if (!mine.computing) {
      if (mine.latest && !mine.dirty && mine.latest.stamp === stamp()) offer(w, mine.latest.value);
      else void run(key, mine);
    }

    const close = () => {
      if (w.closed) return;
      w.closed = true;
      mine.watchers.delete(w);
      if (mine.watchers.size === 0 && feeds.get(key) === mine) {
        feeds.delete(key);
        mine.stop();
      }
      w.wake?.();
    };
    const iterator: AsyncIterableIterator<V> = {
      next: async () => {
        while (!w.closed) {
          if (w.pending) {
            const { value } = w.pending;
            w.pending = undefined;
            return { done: false, value };
          }
          await new Promise<void>((resolve) => (w.wake = resolve));
        }
        return { done: true, value: undefined };
      },
      return: async () => {
        close();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  return { watch, watchedKeys: () => feeds.size };
}

/** Listens to an async iterable of events (a pub/sub topic) as a `listen` for createSharedLatest. */
export function listenTo(source: AsyncIterable<unknown>, changed: () => void): () => void {
  const it = source[Symbol.asyncIterator]();
  // The first next() starts the subscription (a Repeater runs its executor then), before any computation.
  let next = it.next();
  void (async () => {
    for (;;) {
      const r = await next;
      if (r.done) return;
      changed();
      next = it.next();
    }
  })().catch((error: unknown) => console.error('shared-latest: the change events stopped', error));
  return () => void it.return?.();
}
