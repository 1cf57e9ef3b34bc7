import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from './limits/rate-limits.ts';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './limits/request-limits.ts';

/** Settings from the environment, with the defaults the README documents. */
export interface Config {
  /** HTTP port (PORT), default 4000. */
  readonly port: number;
  /** PGlite data folder (DATA_DIR), default ./data; ignored when DATABASE_URL is set. */
  readonly dataDir: string;
  /** postgres://… (DATABASE_URL): use a real PostgreSQL instead of the embedded PGlite. */
  readonly databaseUrl: string | undefined;
  /** redis://… (REDIS_URL): share subscription events between server instances. */
  readonly redisUrl: string | undefined;
  /** Largest accepted import file in bytes (IMPORT_MAX_BYTES), default 64 MiB. */
  readonly importMaxBytes: number;
  /** A folder of extra rule packs (PACKS_DIR): ESM modules, JSON or YAML. */
  readonly packsDir: string | undefined;
  /** Default pause between picks shown in a live draw (DRAW_PACING_MS), default 1500. */
  readonly drawPacingMs: number;
  /**
   * What one GraphQL request may ask for: GRAPHQL_MAX_DEPTH (default 16), GRAPHQL_MAX_ALIASES
   * (30), GRAPHQL_MAX_TOKENS (1000), GRAPHQL_MAX_DIRECTIVES (50), GRAPHQL_MAX_COST (150000).
   */
  readonly requestLimits: RequestLimits;
  /**
   * Login backoff and quotas: LOGIN_ACCOUNT_FAILURES (default 10), LOGIN_ADDRESS_FAILURES (20 an
   * hour), LOGIN_BACKOFF_SECONDS (60, doubling), LOGIN_BACKOFF_MAX_SECONDS (3600), LOGIN_CONCURRENCY (1),
   * ENTROPY_PER_ADDRESS (10 per draw a day), ENTROPY_PER_CONTRIBUTOR (5), VERIFY_POINTS_PER_ADDRESS
   * (2000 per 10 minutes). Shared by every instance through Redis when REDIS_URL is set.
   */
  readonly rateLimits: RateLimitSettings;
  /**
   * How many proxies stand in front of the server (TRUST_PROXY), default 0: rate limits count
   * the socket's address and ignore X-Forwarded-For, which any client can write. With n, the
   * address n hops back in X-Forwarded-For counts.
   */
  readonly trustProxy: number;
}

/** A whole number from the environment, or the default; anything else stops the server with the variable named. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const importMaxBytes = Number(env.IMPORT_MAX_BYTES ?? 64 * 1024 * 1024);
  if (!Number.isFinite(importMaxBytes) || importMaxBytes <= 0) throw new Error(`IMPORT_MAX_BYTES must be a positive number, got "${env.IMPORT_MAX_BYTES}"`);
  const drawPacingMs = Number(env.DRAW_PACING_MS ?? 1500);
  if (!Number.isInteger(drawPacingMs) || drawPacingMs < 0 || drawPacingMs > 60_000) throw new Error(`DRAW_PACING_MS must be a whole number of milliseconds from 0 to 60000, got "${env.DRAW_PACING_MS}"`);
  const r = DEFAULT_REQUEST_LIMITS;
  const requestLimits: RequestLimits = {
    maxDepth: wholeNumber(env, 'GRAPHQL_MAX_DEPTH', r.maxDepth, 1),
    maxAliases: wholeNumber(env, 'GRAPHQL_MAX_ALIASES', r.maxAliases, 0),
    maxTokens: wholeNumber(env, 'GRAPHQL_MAX_TOKENS', r.maxTokens, 1),
    maxDirectives: wholeNumber(env, 'GRAPHQL_MAX_DIRECTIVES', r.maxDirectives, 0),
    maxCost: wholeNumber(env, 'GRAPHQL_MAX_COST', r.maxCost, 1),
  };
  const l = DEFAULT_RATE_LIMITS;
  const rateLimits: RateLimitSettings = {
    loginAccountFailures: wholeNumber(env, 'LOGIN_ACCOUNT_FAILURES', l.loginAccountFailures, 1),
    loginAddressFailures: wholeNumber(env, 'LOGIN_ADDRESS_FAILURES', l.loginAddressFailures, 1),
    loginConcurrency: wholeNumber(env, 'LOGIN_CONCURRENCY', l.loginConcurrency, 1, 64),
    loginBackoffSeconds: wholeNumber(env, 'LOGIN_BACKOFF_SECONDS', l.loginBackoffSeconds, 1),
    loginBackoffMaxSeconds: wholeNumber(env, 'LOGIN_BACKOFF_MAX_SECONDS', l.loginBackoffMaxSeconds, 1),
    entropyPerAddress: wholeNumber(env, 'ENTROPY_PER_ADDRESS', l.entropyPerAddress, 1),
    entropyPerContributor: wholeNumber(env, 'ENTROPY_PER_CONTRIBUTOR', l.entropyPerContributor, 1),
    verifyPointsPerAddress: wholeNumber(env, 'VERIFY_POINTS_PER_ADDRESS', l.verifyPointsPerAddress, 1),
  };
  return {
    port,
    drawPacingMs,
    requestLimits,
    rateLimits,
    trustProxy: wholeNumber(env, 'TRUST_PROXY', 0, 0, 10),
    dataDir: env.DATA_DIR || './data',
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    importMaxBytes,
    packsDir: env.PACKS_DIR || undefined,
  };
}
