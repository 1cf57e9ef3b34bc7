import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { err, type Result } from '../../core/result.ts';

/** How often anyone may try what costs the server or a public draw; each from Config. */
export interface RateLimitSettings {
  /** Wrong passwords in a row for one account before it must wait (LOGIN_ACCOUNT_FAILURES), default 10; a success starts again. */
  readonly loginAccountFailures: number;
  /** Failed logins from one address within an hour before it must wait (LOGIN_ADDRESS_FAILURES), default 20, whatever the accounts. */
  readonly loginAddressFailures: number;
  /**
   * Password checks one instance runs at once (LOGIN_CONCURRENCY), default 1; the others wait
   * their turn. scrypt takes 128 MiB and a few hundred ms of a core: a flood's admitted attempts
   * then take one core, not all of them, and the server keeps answering everything else.
   */
  readonly loginConcurrency: number;
  /** The first wait, doubled by every further failure (LOGIN_BACKOFF_SECONDS), default 60. */
  readonly loginBackoffSeconds: number;
  /** The longest wait (LOGIN_BACKOFF_MAX_SECONDS), default 3600. */
  readonly loginBackoffMaxSeconds: number;
  /** Contributions one address may add to one draw's public entropy in a day (ENTROPY_PER_ADDRESS), default 10. */
  readonly entropyPerAddress: number;
  /** Contributions one contributor (a token, or a name given) may add to one draw in a day (ENTROPY_PER_CONTRIBUTOR), default 5. */
  readonly entropyPerContributor: number;
  /**
   * Work an anonymous address may ask of `verifyDraw` and `explainDrawCandidate` in 10 minutes
   * (VERIFY_POINTS_PER_ADDRESS), default 2000: a point per 1,000 rows of the export's snapshot
   * (about 2.5 ms of verification), so two province-size exports or a thousand county ones.
   */
  readonly verifyPointsPerAddress: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  loginAccountFailures: 10,
  loginAddressFailures: 20,
  loginConcurrency: 1,
  loginBackoffSeconds: 60,
  loginBackoffMaxSeconds: 3600,
  entropyPerAddress: 10,
  entropyPerContributor: 5,
  verifyPointsPerAddress: 2000,
};

/** Why a request is refused, and for how long. */
export interface RateRefusal {
  readonly limit: 'LOGIN_ACCOUNT' | 'LOGIN_ADDRESS' | 'ENTROPY_ADDRESS' | 'ENTROPY_CONTRIBUTOR' | 'VERIFY_ADDRESS';
  /** Chinese, then English, with the wait in seconds. */
  readonly message: string;
  readonly retryAfterMs: number;
}

export interface RateLimits {
  readonly kind: 'memory' | 'redis';
  /** Runs a login attempt unless the account or the address must wait; counts its failure, or clears the account's count on success. */
  login<T>(account: string, address: string, attempt: () => Promise<Result<T, string>>): Promise<Result<T, string | RateRefusal>>;
  /** Counts one contribution to a draw's entropy against the address and the contributor (null: anonymous and unnamed). */
  entropy(drawId: string, address: string, contributor: string | null): Promise<RateRefusal | null>;
  /** Counts the work of verifying an export of `rows` snapshot rows against an anonymous address. */
  verify(address: string, rows: number): Promise<RateRefusal | null>;
  close(): Promise<void>;
}

const HOUR = 3600;
const DAY = 24 * HOUR;
const VERIFY_WINDOW = 600;
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * The limits over Redis when `redisUrl` is set, so every instance counts the same attempts
 * (rate-limiter-flexible's RateLimiterRedis, each with an in-memory stand-in while Redis is
 * unreachable), in memory otherwise. `prefix` keeps apart installations sharing a Redis.
 */
export function createRateLimits(settings: RateLimitSettings = DEFAULT_RATE_LIMITS, redisUrl?: string, prefix = 'double-random'): RateLimits {
  const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  const limiter = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const options = { keyPrefix: `${prefix}:rl:${name}`, points, duration };
    return redis ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) }) : new RateLimiterMemory(options);
  };

  const account = backoff(limiter('login-account', Number.MAX_SAFE_INTEGER, DAY), limiter('login-account-gate', 1, CLAIM_SECONDS), settings.loginAccountFailures, settings);
  const address = backoff(limiter('login-address', Number.MAX_SAFE_INTEGER, HOUR), limiter('login-address-gate', 1, CLAIM_SECONDS), settings.loginAddressFailures, settings);
  const oneAtATime = slots(settings.loginConcurrency);
  const entropyByAddress = limiter('entropy-address', settings.entropyPerAddress, DAY);
  const entropyByContributor = limiter('entropy-contributor', settings.entropyPerContributor, DAY);
  const verifyByAddress = limiter('verify-address', settings.verifyPointsPerAddress, VERIFY_WINDOW);

  return {
    kind: redis ? 'redis' : 'memory',
    async login<T>(name: string, from: string, attempt: () => Promise<Result<T, string>>): Promise<Result<T, string | RateRefusal>> {
      const byAccount = await account.admit(name);
      if ('waitMs' in byAccount) return err({ limit: 'LOGIN_ACCOUNT', retryAfterMs: byAccount.waitMs, message: `账户 ${name} 连续登录失败次数过多，请 ${seconds(byAccount.waitMs)} 秒后再试。Too many failed logins for this account; try again in ${seconds(byAccount.waitMs)} s.` });
      const byAddress = await address.admit(from);
      if ('waitMs' in byAddress) {
        await account.cancel(byAccount);
        return err({ limit: 'LOGIN_ADDRESS', retryAfterMs: byAddress.waitMs, message: `本地址登录失败次数过多，请 ${seconds(byAddress.waitMs)} 秒后再试。Too many failed logins from this address; try again in ${seconds(byAddress.waitMs)} s.` });
      }
      let outcome: Result<T, string>;
      try {
        outcome = await oneAtATime(attempt);
      } catch (error) {
        await Promise.all([account.cancel(byAccount), address.cancel(byAddress)]);
        throw error;
      }
      // A success clears the account's failures; the address keeps its others (one good password must not launder a flood).
      if (outcome.ok) await Promise.all([account.reset(name), address.cancel(byAddress)]);
      else await Promise.all([account.failed(byAccount), address.failed(byAddress)]);
      return outcome;
    },
    async entropy(drawId, from, contributor) {
      const byAddress = await take(entropyByAddress, `${drawId}:${from}`);
      if (byAddress) return { limit: 'ENTROPY_ADDRESS', retryAfterMs: byAddress, message: `本地址为这次抽取提交的公众随机数已达每日 ${settings.entropyPerAddress} 条的上限，请 ${seconds(byAddress)} 秒后再试。This address has given this draw ${settings.entropyPerAddress} contributions today; try again in ${seconds(byAddress)} s.` };
      const byContributor = contributor === null ? 0 : await take(entropyByContributor, `${drawId}:${contributor}`);
      if (byContributor) return { limit: 'ENTROPY_CONTRIBUTOR', retryAfterMs: byContributor, message: `该贡献者为这次抽取提交的公众随机数已达每日 ${settings.entropyPerContributor} 条的上限，请 ${seconds(byContributor)} 秒后再试。This contributor has given this draw ${settings.entropyPerContributor} contributions today; try again in ${seconds(byContributor)} s.` };
      return null;
    },
    async verify(from, rows) {
      // Never more than the whole budget, so the largest export can still be verified once a window.
      const points = Math.min(settings.verifyPointsPerAddress, Math.max(1, Math.ceil(rows / 1000)));
      const wait = await take(verifyByAddress, from, points);
      return wait ? { limit: 'VERIFY_ADDRESS', retryAfterMs: wait, message: `本地址验证抽取的工作量已达每 ${VERIFY_WINDOW / 60} 分钟 ${settings.verifyPointsPerAddress} 点的上限（本次 ${points} 点），请 ${seconds(wait)} 秒后再试。This address has used its verification budget (${settings.verifyPointsPerAddress} points per ${VERIFY_WINDOW / 60} minutes; this export costs ${points}); try again in ${seconds(wait)} s.` } : null;
    },
    async close() {
      await redis?.quit().catch(() => undefined);
    },
  };
}

/** Runs tasks at most `limit` at a time, the rest in the order they came. */
function slots(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next in line, so a newcomer cannot take it in between.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/** Consumes points; the wait in ms when there are not enough left, 0 otherwise. */
async function take(limiter: RateLimiterAbstract, key: string, points = 1, options?: { customDuration: number }): Promise<number> {
  try {
    await limiter.consume(key, points, options);
    return 0;
  } catch (refused) {
    if (refused instanceof RateLimiterRes) return Math.max(1, refused.msBeforeNext);
    throw refused;
  }
}

/** How long an attempt past the free ones holds the gate while it runs (scrypt takes well under a second). */
const CLAIM_SECONDS = 60;

interface Ticket {
  readonly key: string;
  /** The attempt's number in the series, counted when admitted (so concurrent attempts cannot all slip in). */
  readonly n: number;
  readonly gate: boolean;
}

/**
 * Attempts counted per key, each as a failure until it succeeds (forgotten after the counter's
 * window, or on reset). The first `free` are admitted; the `free`-th failure and every one after
 * it closes a gate for base × 2^(n − free) seconds, up to the maximum. Past the free attempts,
 * one attempt at a time passes an open gate (an atomic consume), so a burst of concurrent
 * requests gets one try, not a thousand. Through Redis, every instance sees the same counts.
 */
function backoff(attempts: RateLimiterAbstract, gate: RateLimiterAbstract, free: number, settings: RateLimitSettings) {
  return {
    async admit(key: string): Promise<Ticket | { waitMs: number }> {
      const n = (await attempts.penalty(key, 1)).consumedPoints;
      if (n <= free) return { key, n, gate: false };
      const waitMs = await take(gate, key, 1, { customDuration: CLAIM_SECONDS });
      if (!waitMs) return { key, n, gate: true };
      await attempts.reward(key, 1);
      return { waitMs };
    },
    /** The attempt was not made after all: it does not count. */
    async cancel(ticket: Ticket): Promise<void> {
      await Promise.all([attempts.reward(ticket.key, 1), ticket.gate ? gate.delete(ticket.key) : undefined]);
    },
    async failed(ticket: Ticket): Promise<void> {
      if (ticket.n < free) return;
      await gate.block(ticket.key, Math.min(settings.loginBackoffMaxSeconds, settings.loginBackoffSeconds * 2 ** Math.min(ticket.n - free, 30)));
    },
    async reset(key: string): Promise<void> {
      await Promise.all([attempts.delete(key), gate.delete(key)]);
    },
  };
}
