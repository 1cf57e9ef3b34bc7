import { verifyDraw, type Verification } from '../../core/draw/verify.ts';
import { loadedPacksHookIsolator } from '../../rulepacks/registry.ts';
import { NODE_DRAW_PORTS } from '../draw-ports.ts';
import type { Services } from '../tasks/services.ts';
import { PromiseCache } from '../cache/promise-cache.ts';
import { entropyValues } from './contribute-entropy.ts';
import { exportOfDraw } from './draw-export.ts';

// A held draw never changes, so its verification is kept: a thousand viewers cost one re-derivation.
const cache = new PromiseCache<string, Verification>({ size: 200 });

/** Re-derives a held draw from its own export, as any outsider would (docs/draw-algorithm.md). */
export function verifyHeldDraw(s: Services, drawId: string): Promise<Verification | undefined> {
  return cache.get(drawId, () => verify(s, drawId));
}

async function verify(s: Services, drawId: string): Promise<Verification | undefined> {
  const draw = await s.prisma.draw.findUnique({ where: { id: drawId } });
  if (!draw) return undefined;
  const exported = exportOfDraw(draw, await entropyValues(s.prisma, draw.id));
  if (!exported) return undefined;
  return verifyDraw(exported, { ...NODE_DRAW_PORTS, isolateHooks: loadedPacksHookIsolator(s.packs) });
}
