import type { Draw } from '@prisma/client';
import { verifyDraw, type Verification } from '../../core/draw/verify.ts';
import { hooksForExport } from '../../rulepacks/registry.ts';
import { NODE_DRAW_PORTS } from '../draw-ports.ts';
import type { Services } from '../tasks/services.ts';
import { exportOfDraw } from './draw-export.ts';

const cache = new Map<string, Verification>();
const CACHE_SIZE = 200;

/**
 * Re-derives a held draw from its own export, as any outsider would (docs/draw-algorithm.md).
 * A held draw never changes, so the answer is kept per draw: a thousand viewers of one live draw
 * cost one re-derivation.
 */
export async function verifyHeldDraw(s: Services, draw: Draw): Promise<Verification | undefined> {
  const cached = cache.get(draw.id);
  if (cached) return cached;
  const entropy = (await s.prisma.entropyContribution.findMany({ where: { drawId: draw.id }, orderBy: { seq: 'asc' }, select: { value: true } })).map((e) => e.value);
  const exported = exportOfDraw(draw, entropy);
  if (!exported) return undefined;
  const hooks = hooksForExport(s.packs, exported.pack);
  const verification = verifyDraw(exported, NODE_DRAW_PORTS, hooks ? { hooks } : {});
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(draw.id, verification);
  return verification;
}
