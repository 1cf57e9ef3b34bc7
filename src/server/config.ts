import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './import/decode-limits.ts';

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
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const limit = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} 必须是正整数 / ${name} must be a positive whole number, got "${env[name]}"`);
    return value;
  };
  const d = DEFAULT_DECODE_LIMITS;
  const drawPacingMs = Number(env.DRAW_PACING_MS ?? 1500);
  if (!Number.isInteger(drawPacingMs) || drawPacingMs < 0 || drawPacingMs > 60_000) throw new Error(`DRAW_PACING_MS must be a whole number of milliseconds from 0 to 60000, got "${env.DRAW_PACING_MS}"`);
  return {
    port,
    drawPacingMs,
    dataDir: env.DATA_DIR || './data',
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    importMaxBytes: limit('IMPORT_MAX_BYTES', d.maxBytes),
    importMaxRows: limit('IMPORT_MAX_ROWS', d.maxRows),
    importMaxColumns: limit('IMPORT_MAX_COLUMNS', d.maxColumns),
    importMaxCells: limit('IMPORT_MAX_CELLS', d.maxCells),
    importMaxInflatedBytes: limit('IMPORT_MAX_INFLATED_BYTES', d.maxInflatedBytes),
    importMaxCompressionRatio: limit('IMPORT_MAX_COMPRESSION_RATIO', d.maxCompressionRatio),
    importDecodeHeapMb: limit('IMPORT_DECODE_HEAP_MB', d.decodeHeapMb),
    importDecodeTimeoutMs: limit('IMPORT_DECODE_TIMEOUT_MS', d.decodeTimeoutMs),
    importDecodeConcurrency: limit('IMPORT_DECODE_CONCURRENCY', d.decodeConcurrency),
    packsDir: env.PACKS_DIR || undefined,
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
