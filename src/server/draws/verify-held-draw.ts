import { verificationStatus, verifyDraw, type Verification, type VerificationStatus } from '../../core/draw/verify.ts';
import { loadedPacksHookIsolator } from '../../rulepacks/registry.ts';
import { NODE_DRAW_PORTS } from '../draw-ports.ts';
import type { Services } from '../tasks/services.ts';
import { PromiseCache } from '../cache/promise-cache.ts';
import { PUBLIC } from '../auth/viewer.ts';
import { entropyValues } from './contribute-entropy.ts';
import { exportOfDraw } from './draw-export.ts';
import { openingsFor, publicOpenState } from './upper-level-seals.ts';

// A held draw changes only when one of its seals opens, so its verification is kept per state of
// its seals: a thousand viewers cost one re-derivation.
const cache = new PromiseCache<string, Verification>({ size: 200 });

/**
 * Re-derives a held draw from its public export, as any outsider would (docs/draw-algorithm.md):
 * with a covert upper-level task still open, what waits for it is reported pending.
 */
export async function verifyHeldDraw(s: Services, drawId: string): Promise<Verification | undefined> {
  const state = await publicOpenState(s.prisma, drawId);
  return cache.get(`${drawId}|${state}`, () => verify(s, drawId));
}

async function verify(s: Services, drawId: string): Promise<Verification | undefined> {
  const draw = await s.prisma.draw.findUnique({ where: { id: drawId } });
  if (!draw) return undefined;
  const exported = exportOfDraw(draw, await entropyValues(s.prisma, draw.id), await openingsFor(s.prisma, draw, PUBLIC));
  if (!exported) return undefined;
  return verifyDraw(exported, { ...NODE_DRAW_PORTS, isolateHooks: loadedPacksHookIsolator(s.packs) });
}

/** A verification as the staff screens and the live page show it: one line per difference or pending part. */
export function heldVerificationView(v: Verification): { matches: boolean; status: VerificationStatus; differences: string[]; pending: string[]; summary: string } {
  const status = verificationStatus(v);
  const summary = v.pending?.summary ?? (v.matches ? '验证通过：结果可由公开数据重新推算（verified）' : `验证未通过：${v.differences.length} 处与公开输入不符（mismatch）`);
  return {
    matches: v.matches,
    status,
    differences: v.differences.map((x) => `${x.path}: expected ${x.expected}, recorded ${x.actual}`),
    pending: (v.pending?.parts ?? []).map((p) => `${p.path}: ${p.reason}`),
    summary,
  };
}
