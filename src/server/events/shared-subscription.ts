import type { ExecutionArgs, ExecutionResult } from 'graphql';
import { Kind, print } from 'graphql';
import type { Viewer } from '../auth/viewer.ts';

type Source = AsyncIterableIterator<ExecutionResult> | AsyncGenerator<ExecutionResult>;

/**
 * One execution of a live-draw subscription shared by every subscriber who asks the same
 * question with the same visibility: the events of a draw are the same for all its viewers, so a
 * thousand viewers cost one GraphQL execution per event instead of a thousand. A subscriber who
 * joins late gets the results so far, then the live ones, exactly as their own execution would
 * have given them.
 */
class SharedStream {
  readonly #results: ExecutionResult[] = [];
  readonly #waiting = new Set<() => void>();
  #done = false;
  #subscribers = 0;

  constructor(private readonly source: Source, private readonly onEnd: (how: 'finished' | 'abandoned') => void) {
    void this.#pump();
  }

  async #pump(): Promise<void> {
    try {
      for await (const result of this.source) {
        this.#results.push(result);
        this.#wake();
      }
    } finally {
      this.#done = true;
      this.#wake();
      this.onEnd('finished');
    }
  }

  #wake(): void {
    for (const resolve of this.#waiting) resolve();
    this.#waiting.clear();
  }

  subscribe(): AsyncIterableIterator<ExecutionResult> {
    this.#subscribers++;
    let index = 0;
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      // Nobody left watching a draw still in progress: stop its execution.
      if (--this.#subscribers === 0 && !this.#done) {
        this.onEnd('abandoned');
        void this.source.return?.(undefined);
      }
    };
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      next: async () => {
        while (!closed) {
          if (index < this.#results.length) return { done: false, value: this.#results[index++]! };
          if (this.#done) break;
          await new Promise<void>((resolve) => this.#waiting.add(resolve));
        }
        close();
        return { done: true, value: undefined };
      },
      return: async () => {
        close();
        this.#wake();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}

const SHAREABLE = new Set(['drawEvents']);

/** The key of a shareable subscription: its document, variables, and what the viewer may see. */
function shareKey(args: ExecutionArgs, viewer: Viewer): string | undefined {
  const operation = args.document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'subscription') return undefined;
  const fields = operation.selectionSet.selections;
  if (fields.length !== 1 || fields[0]!.kind !== Kind.FIELD || !SHAREABLE.has(fields[0]!.name.value)) return undefined;
  // Visibility depends only on the jurisdiction a viewer belongs to, not on the role.
  const audience = viewer.kind === 'token' ? `member:${viewer.jurisdictionId}` : 'public';
  return `${audience}\n${print(args.document)}\n${JSON.stringify(args.variableValues ?? {})}`;
}

export function createSubscriptionSharing(subscribe: (args: ExecutionArgs) => Promise<unknown> | unknown) {
  const streams = new Map<string, Promise<SharedStream | undefined>>();
  return async (args: ExecutionArgs, viewer: Viewer): Promise<unknown> => {
    const key = shareKey(args, viewer);
    if (!key) return subscribe(args);
    let stream = streams.get(key);
    if (!stream) {
      stream = Promise.resolve(subscribe(args)).then((result) => {
        if (!result || typeof result !== 'object' || !(Symbol.asyncIterator in result)) {
          streams.delete(key);
          return undefined;
        }
        const shared: SharedStream = new SharedStream(result as Source, (how) => {
          if (streams.get(key) !== stream) return;
          // Forget an abandoned execution now; keep a finished one a minute for late joiners.
          if (how === 'abandoned') streams.delete(key);
          else setTimeout(() => streams.get(key) === stream && streams.delete(key), 60_000).unref();
        });
        return shared;
      });
      streams.set(key, stream);
      const shared = await stream;
      if (!shared) return subscribe(args); // an error result: let this subscriber get it from its own execution
      return shared.subscribe();
    }
    const shared = await stream;
    return shared ? shared.subscribe() : subscribe(args);
  };
}
