import { Worker } from 'node:worker_threads';
import { DEFAULT_DECODE_LIMITS, type DecodeLimits, formatBytes } from './decode-limits.ts';
import { decodeTable, type DecodedFile } from './decode-table.ts';
import { FileDecodeError, fail } from './file-problem.ts';

export { FileDecodeError, type FileProblemCode } from './file-problem.ts';
export { decodeText, type TextEncoding } from './read-csv.ts';
export type { DecodedFile, FileFormat } from './decode-table.ts';
export { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './decode-limits.ts';

/** Default upper bound for an uploaded directory file (IMPORT_MAX_BYTES overrides). */
export const DEFAULT_MAX_BYTES = DEFAULT_DECODE_LIMITS.maxBytes;

/** Limits from a partial set (a bare number is the file size limit, as it used to be). */
export const decodeLimits = (limits: Partial<DecodeLimits> | number = {}): DecodeLimits => ({
  ...DEFAULT_DECODE_LIMITS,
  ...(typeof limits === 'number' ? { maxBytes: limits } : limits),
});

const WORKER = new URL('./decode-worker.mjs', import.meta.url);

/**
 * Turns an uploaded file into a table, in a worker thread with its own heap limit and a time
 * limit: the worst file costs one `FileDecodeError` and leaves the event loop, and so every
 * other client, alone. At most `decodeConcurrency` files are decoded at once.
 */
export async function decodeFile(bytes: Uint8Array, limits: Partial<DecodeLimits> | number = {}): Promise<DecodedFile> {
  const all = decodeLimits(limits);
  // Cheap refusals need no worker.
  if (bytes.byteLength > all.maxBytes) decodeTable(bytes, all);
  if (bytes.byteLength === 0) decodeTable(bytes, all);
  await turns.take(all.decodeConcurrency);
  try {
    return await decodeInWorker(bytes, all);
  } finally {
    turns.give();
  }
}

function decodeInWorker(bytes: Uint8Array, limits: DecodeLimits): Promise<DecodedFile> {
  return new Promise((resolve, reject) => {
    // execArgv empty: the entry registers tsx itself (see decode-worker.mjs).
    const worker = new Worker(WORKER, { workerData: { bytes, limits }, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: limits.decodeHeapMb } });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const refuse = (code: 'DECODE_TIMEOUT' | 'DECODE_OUT_OF_MEMORY', message: string) =>
      settle(() => {
        try {
          fail(code, message);
        } catch (error) {
          reject(error);
        }
      });
    const timer = setTimeout(
      () => refuse('DECODE_TIMEOUT', `读取文件超过时间上限 ${limits.decodeTimeoutMs} 毫秒（IMPORT_DECODE_TIMEOUT_MS），已停止；请拆分文件或删除多余的行列 / Reading the file took longer than the limit`),
      limits.decodeTimeoutMs,
    );
    worker.once('message', (message: { ok: true; file: DecodedFile } | { ok: false; problem: FileDecodeError['problem'] } | { ok: false; error: string }) =>
      settle(() => {
        if (message.ok) resolve(message.file);
        else if ('problem' in message) reject(new FileDecodeError(message.problem));
        else reject(new Error(`decode worker: ${message.error}`));
      }),
    );
    worker.once('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        refuse('DECODE_OUT_OF_MEMORY', `读取文件所需内存超过上限 ${formatBytes(limits.decodeHeapMb * 1024 * 1024)}（IMPORT_DECODE_HEAP_MB），已停止；请拆分文件或删除多余的行列 / Reading the file needs more memory than the limit`);
      } else {
        settle(() => reject(error));
      }
    });
    worker.once('exit', (code) => settle(() => reject(new Error(`decode worker exited with code ${code} before answering`))));
  });
}

/** A counting semaphore: decodes take a turn and give it back. */
const turns = (() => {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async take(max: number): Promise<void> {
      if (running < max) {
        running++;
        return;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    give(): void {
      const next = waiting.shift();
      if (next) next();
      else running--;
    },
  };
})();
