import { readFile } from 'node:fs/promises';
import type { DrawExport } from '../core/draw/export.ts';
import { verificationStatus, verifyDraw } from '../core/draw/verify.ts';
import { isolateHookSources } from '../rulepacks/sdk/isolate-hooks.ts';
import { NODE_DRAW_PORTS } from '../server/draw-ports.ts';

/** `double-random draw verify <draw.json>`: re-derives a published draw; exit 1 when it differs, 2 when part of it is pending (§9). */
export async function drawCommand(args: string[]): Promise<number> {
  const [sub, file] = args;
  if (sub !== 'verify' || !file) throw new Error('draw verify <draw.json>');
  let exported: DrawExport;
  try {
    exported = JSON.parse(await readFile(file, 'utf8')) as DrawExport;
  } catch (error) {
    console.error(`${file}: not a readable draw export (${(error as Error).message})`);
    return 1;
  }
  // The export's own hook source is re-created and run isolated: no pack needs to be installed.
  const result = verifyDraw(exported, { ...NODE_DRAW_PORTS, isolateHooks: isolateHookSources });
  if (result.matches) {
    console.log(`MATCHES: ${exported.record.picks.length} picks of task ${exported.task.id} re-derive from the published inputs (pack ${exported.pack.key}, seed ${exported.record.seed}).`);
    return 0;
  }
  if (verificationStatus(result) === 'PENDING') {
    // Neither verified nor failed: the rest can be checked once the upper level's covert task closes.
    console.log(`PENDING: ${result.pending!.summary}`);
    for (const c of result.pending!.checked) console.log(`  已核验 ${c}`);
    for (const p of result.pending!.parts) console.log(`  待核验 ${p.path}: ${p.reason}`);
    return 2;
  }
  console.log(`DIFFERS: ${result.differences.length} difference(s) between the record and what its inputs give:`);
  for (const d of result.differences.slice(0, 50)) console.log(`  ${d.path}: the inputs give ${d.expected}; the record says ${d.actual}`);
  return 1;
}
