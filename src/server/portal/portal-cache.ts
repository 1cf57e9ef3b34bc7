import type { Plugin } from 'graphql-yoga';
import type { DocumentNode } from 'graphql';
import { PageCache, type PageCacheLimits } from '../cache/page-cache.ts';
import type { EventBus } from '../events/pubsub.ts';

/** The portal's page cache, emptied on every instance whenever something public may have changed. */
export interface PortalCache {
  readonly pages: PageCache;
  /**
   * A yoga plugin: after any mutation that did not fail outright (a directory edit, a lifting,
   * a bulletin issued by hand…), this instance drops its pages at once and the others hear of it.
   */
  readonly plugin: Plugin;
  stop(): void;
}

/**
 * Listens to the `portal` topic of the event bus (through Redis when REDIS_URL is set, so every
 * instance drops its copy); task and result changes publish there (announceTaskChange), and so
 * does every mutation through `plugin`. Coarse on purpose: the front page and the search span
 * jurisdictions, and a change is rare beside the visits it saves.
 */
export function createPortalCache(events: EventBus, limits: Partial<PageCacheLimits> = {}): PortalCache {
  const pages = new PageCache(limits);
  const it = events.pubsub.subscribe('portal')[Symbol.asyncIterator]();
  let next = it.next();
  let stopped = false;
  void (async () => {
    for (;;) {
      const r = await next;
      if (r.done || stopped) return;
      pages.clear();
      next = it.next();
    }
  })().catch((error: unknown) => console.error('portal cache: the change events stopped', error));
  const plugin: Plugin = {
    onExecute({ args }) {
      const mutation = (args.document as DocumentNode).definitions.some((d) => d.kind === 'OperationDefinition' && d.operation === 'mutation');
      if (!mutation) return;
      return {
        onExecuteDone() {
          pages.clear();
          events.pubsub.publish('portal', { jurisdictionId: null, action: 'mutation' });
        },
      };
    },
  };
  return {
    pages,
    plugin,
    stop() {
      stopped = true;
      void it.return?.();
    },
  };
}
