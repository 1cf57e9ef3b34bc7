/**
 * Runs a hook with the usual sources of non-determinism switched off: Math.random, Date.now
 * and crypto.getRandomValues throw while it runs. This catches the common mistakes; it is not
 * a sandbox (a hook could still read a global it was handed), which is why the SDK also calls
 * each hook twice on the same input and compares the answers.
 */
export class HookPurityError extends Error {
  constructor(what: string) {
    super(`a hook called ${what}; hooks must be deterministic (no clock, no randomness, no I/O)`);
    this.name = 'HookPurityError';
  }
}

export function runGuarded<T>(fn: () => T): T {
  const random = Math.random;
  const now = Date.now;
  const getRandomValues = globalThis.crypto?.getRandomValues;
  Math.random = () => {
    throw new HookPurityError('Math.random');
  };
  Date.now = () => {
    throw new HookPurityError('Date.now');
  };
  if (globalThis.crypto) {
    (globalThis.crypto as { getRandomValues: unknown }).getRandomValues = () => {
      throw new HookPurityError('crypto.getRandomValues');
    };
  }
  try {
    return fn();
  } finally {
    Math.random = random;
    Date.now = now;
    if (globalThis.crypto && getRandomValues) (globalThis.crypto as { getRandomValues: unknown }).getRandomValues = getRandomValues;
  }
}
