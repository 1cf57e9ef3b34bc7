import { parentPort, workerData } from 'node:worker_threads';
import type { DecodeLimits } from './decode-limits.ts';
import { decodeTable } from './decode-table.ts';
import { FileDecodeError } from './file-problem.ts';

/** One file per worker: decode it, post the table or the problem, and be terminated. */
const { bytes, limits } = workerData as { bytes: Uint8Array; limits: DecodeLimits };
try {
  parentPort!.postMessage({ ok: true, file: decodeTable(bytes, limits) });
} catch (error) {
  if (error instanceof FileDecodeError) parentPort!.postMessage({ ok: false, problem: error.problem });
  else parentPort!.postMessage({ ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
}
