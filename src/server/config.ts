import type { SubscriptionLimits } from './events/subscription-limits.ts';

/** GraphQL over WebSocket: the frame and document sizes, and the subscription and connection caps. */
export interface WebSocketLimits extends SubscriptionLimits {
  /** Largest WebSocket frame in bytes (WS_MAX_PAYLOAD_BYTES), default 1 MiB; a bigger one closes that socket (1009). */
  readonly maxPayloadBytes: number;
  /** Largest GraphQL document of one WebSocket operation in UTF-8 bytes (WS_MAX_DOCUMENT_BYTES), default 16 KiB; refused before parsing. */
  readonly maxDocumentBytes: number;
}

export const DEFAULT_WEBSOCKET_LIMITS: WebSocketLimits = {
  maxPayloadBytes: 1024 * 1024,
  maxDocumentBytes: 16 * 1024,
  perConnection: 20,
  perToken: 100,
  perAddress: 2000,
  connectionsPerToken: 100,
  connectionsPerAddress: 2000,
};
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './import/decode-limits.ts';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from './limits/rate-limits.ts';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './limits/request-limits.ts';

/** Settings from the environment, with the defaults the README documents. */
export interface Config {
  /** HTTP port (PORT), default 4000. */
  readonly port: number;
  /** PGlite data folder (DATA_DIR), default ./data; ignored when DATABASE_URL is set. */
  readonly dataDir: string;
  /**
   * postgres://… (DATABASE_URL): use a real PostgreSQL instead of the embedded PGlite. The
   * server's login role; it must be granted double_random_app, which every connection enters.
   * Default unset (PGlite).
   */
  readonly databaseUrl: string | undefined;
  /**
   * postgres://… of the schema's owner (MIGRATION_DATABASE_URL): the server and `migrate` apply
   * the migrations with it and close it before serving. Default unset: migrate with
   * DATABASE_URL, whose login role must then own the schema.
   */
  readonly migrationDatabaseUrl: string | undefined;
  /** redis://… (REDIS_URL): share subscription events between server instances. */
  readonly redisUrl: string | undefined;
  /**
   * Largest upload in bytes (IMPORT_MAX_BYTES), default 64 MiB: an import file, and the body of
   * any GraphQL request (a `verifyDraw` export), which may be 1 MiB more for the multipart envelope.
   */
  readonly importMaxBytes: number;
  /** Last row of an imported table (IMPORT_MAX_ROWS), default 1,000,000. */
  readonly importMaxRows: number;
  /** Last column holding a value in an imported table (IMPORT_MAX_COLUMNS), default 200. */
  readonly importMaxColumns: number;
  /** Cells of an imported table, each row up to its last value, and an XLSX's shared strings (IMPORT_MAX_CELLS), default 10,000,000. */
  readonly importMaxCells: number;
  /** Bytes an XLSX may inflate to over the parts read (IMPORT_MAX_INFLATED_BYTES), default 512 MiB. */
  readonly importMaxInflatedBytes: number;
  /** Uncompressed ÷ compressed size of an XLSX part over 1 MiB (IMPORT_MAX_COMPRESSION_RATIO), default 200. */
  readonly importMaxCompressionRatio: number;
  /** Heap of the worker decoding one file, MiB (IMPORT_DECODE_HEAP_MB), default 1024. */
  readonly importDecodeHeapMb: number;
  /** Time one file may take to decode before its worker is stopped, ms (IMPORT_DECODE_TIMEOUT_MS), default 60,000. */
  readonly importDecodeTimeoutMs: number;
  /** Files decoded at once, the others wait (IMPORT_DECODE_CONCURRENCY), default 2. */
  readonly importDecodeConcurrency: number;
  /** A folder of extra rule packs (PACKS_DIR): ESM modules, JSON or YAML. */
  readonly packsDir: string | undefined;
  /** Default pause between picks shown in a live draw (DRAW_PACING_MS), default 1500. */
  readonly drawPacingMs: number;
  /**
   * How long each hook of a pack may run on the SDK's sample inputs when the pack is loaded
   * (PACK_HOOK_TIMEOUT_MS), default 1000 ms: a hook that loops is refused, not waited for.
   */
  readonly packHookTimeoutMs: number;
  /** WebSocket limits (WS_MAX_*), defaults in DEFAULT_WEBSOCKET_LIMITS. */
  readonly websocket: WebSocketLimits;
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
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} 应为 ${min} 至 ${max} 的整数 / ${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

const positiveInteger = (env: NodeJS.ProcessEnv, name: string, fallback: number) => wholeNumber(env, name, fallback, 1);

function readWebSocketLimits(env: NodeJS.ProcessEnv): WebSocketLimits {
  const d = DEFAULT_WEBSOCKET_LIMITS;
  return {
    maxPayloadBytes: positiveInteger(env, 'WS_MAX_PAYLOAD_BYTES', d.maxPayloadBytes),
    maxDocumentBytes: positiveInteger(env, 'WS_MAX_DOCUMENT_BYTES', d.maxDocumentBytes),
    perConnection: positiveInteger(env, 'WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', d.perConnection),
    perToken: positiveInteger(env, 'WS_MAX_SUBSCRIPTIONS_PER_TOKEN', d.perToken),
    perAddress: positiveInteger(env, 'WS_MAX_PUBLIC_SUBSCRIPTIONS_PER_ADDRESS', d.perAddress),
    connectionsPerToken: positiveInteger(env, 'WS_MAX_CONNECTIONS_PER_TOKEN', d.connectionsPerToken),
    connectionsPerAddress: positiveInteger(env, 'WS_MAX_PUBLIC_CONNECTIONS_PER_ADDRESS', d.connectionsPerAddress),
  };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const d = DEFAULT_DECODE_LIMITS;
  const drawPacingMs = Number(env.DRAW_PACING_MS ?? 1500);
  if (!Number.isInteger(drawPacingMs) || drawPacingMs < 0 || drawPacingMs > 60_000) throw new Error(`DRAW_PACING_MS must be a whole number of milliseconds from 0 to 60000, got "${env.DRAW_PACING_MS}"`);
  const packHookTimeoutMs = Number(env.PACK_HOOK_TIMEOUT_MS ?? 1000);
  if (!Number.isInteger(packHookTimeoutMs) || packHookTimeoutMs < 1 || packHookTimeoutMs > 60_000) throw new Error(`PACK_HOOK_TIMEOUT_MS must be a whole number of milliseconds from 1 to 60000, got "${env.PACK_HOOK_TIMEOUT_MS}"`);
  if (env.MIGRATION_DATABASE_URL && !env.DATABASE_URL) {
    throw new Error('设置了 MIGRATION_DATABASE_URL 却没有 DATABASE_URL：所有者的连接只用于 PostgreSQL 上的迁移（MIGRATION_DATABASE_URL needs DATABASE_URL）');
  }
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
    packHookTimeoutMs,
    drawPacingMs,
    dataDir: env.DATA_DIR || './data',
    databaseUrl: env.DATABASE_URL || undefined,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    importMaxBytes: positiveInteger(env, 'IMPORT_MAX_BYTES', d.maxBytes),
    importMaxRows: positiveInteger(env, 'IMPORT_MAX_ROWS', d.maxRows),
    importMaxColumns: positiveInteger(env, 'IMPORT_MAX_COLUMNS', d.maxColumns),
    importMaxCells: positiveInteger(env, 'IMPORT_MAX_CELLS', d.maxCells),
    importMaxInflatedBytes: positiveInteger(env, 'IMPORT_MAX_INFLATED_BYTES', d.maxInflatedBytes),
    importMaxCompressionRatio: positiveInteger(env, 'IMPORT_MAX_COMPRESSION_RATIO', d.maxCompressionRatio),
    importDecodeHeapMb: positiveInteger(env, 'IMPORT_DECODE_HEAP_MB', d.decodeHeapMb),
    importDecodeTimeoutMs: positiveInteger(env, 'IMPORT_DECODE_TIMEOUT_MS', d.decodeTimeoutMs),
    importDecodeConcurrency: positiveInteger(env, 'IMPORT_DECODE_CONCURRENCY', d.decodeConcurrency),
    packsDir: env.PACKS_DIR || undefined,
    websocket: readWebSocketLimits(env),
    requestLimits,
    rateLimits,
    trustProxy: wholeNumber(env, 'TRUST_PROXY', 0, 0, 10),
  };
}

/** The decode limits of the configuration, as the import and the HTTP layer take them. */
export function decodeLimitsOf(config: Config): DecodeLimits {
  return {
    maxBytes: config.importMaxBytes,
    maxRows: config.importMaxRows,
    maxColumns: config.importMaxColumns,
    maxCells: config.importMaxCells,
    maxInflatedBytes: config.importMaxInflatedBytes,
    maxCompressionRatio: config.importMaxCompressionRatio,
    decodeHeapMb: config.importDecodeHeapMb,
    decodeTimeoutMs: config.importDecodeTimeoutMs,
    decodeConcurrency: config.importDecodeConcurrency,
  };
}
