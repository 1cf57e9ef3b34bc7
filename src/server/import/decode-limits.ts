/**
 * What one uploaded file may cost to read. Each limit answers with its own problem code; the
 * defaults leave a province's directory (a few hundred thousand rows of a few dozen columns)
 * several times the room it needs. Config (src/server/config.ts) reads them from the environment.
 */
export interface DecodeLimits {
  /** Largest file in bytes (IMPORT_MAX_BYTES), default 64 MiB. */
  readonly maxBytes: number;
  /** Last row of the table, counting from the top of the sheet or file (IMPORT_MAX_ROWS), default 1,000,000. */
  readonly maxRows: number;
  /** Last column holding a value (IMPORT_MAX_COLUMNS), default 200. */
  readonly maxColumns: number;
  /** Cells of the table, each row counted up to its last value; for XLSX also the shared strings (IMPORT_MAX_CELLS), default 10,000,000. */
  readonly maxCells: number;
  /** Bytes an XLSX may inflate to, over the parts read (IMPORT_MAX_INFLATED_BYTES), default 512 MiB. */
  readonly maxInflatedBytes: number;
  /** Uncompressed ÷ compressed size of any XLSX part over 1 MiB (IMPORT_MAX_COMPRESSION_RATIO), default 200. */
  readonly maxCompressionRatio: number;
  /** Heap of the worker that decodes one file, in MiB (IMPORT_DECODE_HEAP_MB), default 1024. */
  readonly decodeHeapMb: number;
  /** Time one decode may take before its worker is stopped, ms (IMPORT_DECODE_TIMEOUT_MS), default 60,000. */
  readonly decodeTimeoutMs: number;
  /** Files decoded at once; more wait their turn (IMPORT_DECODE_CONCURRENCY), default 2. */
  readonly decodeConcurrency: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxRows: 1_000_000,
  maxColumns: 200,
  maxCells: 10_000_000,
  maxInflatedBytes: 512 * 1024 * 1024,
  maxCompressionRatio: 200,
  decodeHeapMb: 1024,
  decodeTimeoutMs: 60_000,
  decodeConcurrency: 2,
};

/** Below this size a part may compress as well as it likes: small XML is very repetitive. */
export const RATIO_FREE_BYTES = 1024 * 1024;

export const formatBytes = (bytes: number): string => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MiB` : `${bytes} 字节`);
