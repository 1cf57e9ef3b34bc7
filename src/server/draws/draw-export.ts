import type { Rules } from '../../core/rules/schema.ts';
import type { Draw } from '@prisma/client';
import { EXPORT_FORMAT, EXPORT_FORMAT_SEALED, recordForExport, type DrawExport } from '../../core/draw/export.ts';
import type { DrawRecord, DrawSnapshot, DrawTask, SealOpening } from '../../core/draw/types.ts';
import { sealsOf } from '../../core/draw/upper-level-seal.ts';

/** The pack part of a draw export, as stored with the draw at lock time. */
export type StoredPack = DrawExport['pack'];

/**
 * The published export of a held draw (docs/draw-algorithm.md): everything a verifier needs,
 * no personal data. Undefined while the draw is still locked (the secret is not yet revealed).
 * A draw whose snapshot carries seals (§9) is exported as v2 with the openings the viewer may
 * see (`openingsFor`); while one is missing, its record leaves out what the pool lost.
 */
export function exportOfDraw(draw: Draw, entropy: readonly string[], openings: readonly SealOpening[] = []): DrawExport | undefined {
  if (draw.status !== 'DRAWN' || !draw.secret || !draw.record) return undefined;
  const snapshot = draw.snapshot as unknown as DrawSnapshot;
  const base = {
    pack: draw.pack as unknown as StoredPack,
    task: draw.drawTask as unknown as DrawTask,
    snapshot,
    seed: { secret: draw.secret, commitment: draw.commitment, entropy: [...entropy] },
  };
  const record = draw.record as unknown as DrawRecord;
  const seals = sealsOf(snapshot);
  if (seals.length === 0) return { format: EXPORT_FORMAT, ...base, record };
  const allOpen = seals.every((s) => openings.some((o) => o.commitment === s.commitment));
  return { format: EXPORT_FORMAT_SEALED, ...base, openings: [...openings], record: recordForExport(record, allOpen) };
}

/** The rules a draw was locked with: results, replacements and deadlines follow them, not a later switch. */
export function rulesOfDraw(draw: { readonly pack: unknown }): Rules {
  return (draw.pack as StoredPack).rules;
}
