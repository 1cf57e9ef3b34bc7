import { parentPort } from 'node:worker_threads';
import type { DecodeLimits } from './decode-limits.ts';
import { decodeTable } from './decode-table.ts';
import { FileDecodeError } from './file-problem.ts';

/** Decodes the files it is sent, one at a time, answering each with the table or the problem. */
parentPort!.on('message', ({ bytes, limits }: { bytes: Uint8Array; limits: DecodeLimits }) => {
  try {
    parentPort!.postMessage({ ok: true, file: decodeTable(bytes, limits) });
  } catch (error) {
    if (error instanceof FileDecodeError) parentPort!.postMessage({ ok: false, problem: error.problem });
    else parentPort!.postMessage({ ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});
