import type { Rules } from '../../core/rules/schema.ts';
import type { Draw } from '@prisma/client';
import { EXPORT_FORMAT, type DrawExport } from '../../core/draw/export.ts';
import type { DrawRecord, DrawSnapshot, DrawTask } from '../../core/draw/types.ts';

/** The pack part of a draw export, as stored with the draw at lock time. */
export type StoredPack = DrawExport['pack'];

/**
 * The published export of a held draw (docs/draw-algorithm.md): everything a verifier needs,
 * no personal data. Undefined while the draw is still locked (the secret is not yet revealed).
 */
export function exportOfDraw(draw: Draw, entropy: readonly string[]): DrawExport | undefined {
  if (draw.status !== 'DRAWN' || !draw.secret || !draw.record) return undefined;
  return {
    format: EXPORT_FORMAT,
    pack: draw.pack as unknown as StoredPack,
    task: draw.drawTask as unknown as DrawTask,
    snapshot: draw.snapshot as unknown as DrawSnapshot,
    seed: { secret: draw.secret, commitment: draw.commitment, entropy: [...entropy] },
    record: draw.record as unknown as DrawRecord,
  };
}

/** The rules a draw was locked with: results, replacements and deadlines follow them, not a later switch. */
export function rulesOfDraw(draw: { readonly pack: unknown }): Rules {
  return (draw.pack as StoredPack).rules;
}
