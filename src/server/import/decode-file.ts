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
 * other client, alone. At most `decodeConcurrency` files are decoded at once. A worker that ran
 * out of heap or time is terminated; one that answered is kept warm for the next file.
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

/** A worker with its heap limit; kept warm between files, since starting one (tsx included) costs ~0.3 s of CPU. */
interface DecodeWorker {
  readonly worker: Worker;
  readonly heapMb: number;
  idleTimer?: NodeJS.Timeout;
}

const forget = (w: DecodeWorker) => {
  const i = idle.indexOf(w);
  if (i >= 0) idle.splice(i, 1);
  clearTimeout(w.idleTimer);
};

/** How long an idle worker is kept for the next file before it is stopped and its memory freed. */
const IDLE_MS = 30_000;
const idle: DecodeWorker[] = [];

function workerFor(heapMb: number): DecodeWorker {
  const i = idle.findIndex((w) => w.heapMb === heapMb);
  if (i >= 0) {
    const [warm] = idle.splice(i, 1);
    clearTimeout(warm!.idleTimer);
    warm!.worker.ref();
    return warm!;
  }
  // execArgv empty: the entry registers tsx itself (see decode-worker.mjs).
  const w: DecodeWorker = { worker: new Worker(WORKER, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: heapMb } }), heapMb };
  // A worker that ends while idle is never handed a file.
  w.worker.once('exit', () => forget(w));
  return w;
}

function keepWarm(w: DecodeWorker, concurrency: number): void {
  if (idle.length >= concurrency) {
    void w.worker.terminate();
    return;
  }
  w.worker.unref();
  w.idleTimer = setTimeout(() => {
    forget(w);
    void w.worker.terminate();
  }, IDLE_MS).unref();
  idle.push(w);
}

type Answer = { ok: true; file: DecodedFile } | { ok: false; problem: FileDecodeError['problem'] } | { ok: false; error: string };

function decodeInWorker(bytes: Uint8Array, limits: DecodeLimits): Promise<DecodedFile> {
  return new Promise((resolve, reject) => {
    const w = workerFor(limits.decodeHeapMb);
    const { worker } = w;
    let settled = false;
    const settle = (outcome: () => void, reusable = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (reusable) keepWarm(w, limits.decodeConcurrency);
      else void worker.terminate();
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
    const onMessage = (answer: Answer) =>
      settle(() => {
        if (answer.ok) resolve(answer.file);
        else if ('problem' in answer) reject(new FileDecodeError(answer.problem));
        else reject(new Error(`decode worker: ${answer.error}`));
      }, answer.ok || 'problem' in answer);
    const onError = (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        refuse('DECODE_OUT_OF_MEMORY', `读取文件所需内存超过上限 ${formatBytes(limits.decodeHeapMb * 1024 * 1024)}（IMPORT_DECODE_HEAP_MB），已停止；请拆分文件或删除多余的行列 / Reading the file needs more memory than the limit`);
      } else {
        settle(() => reject(error));
      }
    };
    const onExit = (code: number) => settle(() => reject(new Error(`decode worker exited with code ${code} before answering`)));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage({ bytes, limits });
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
