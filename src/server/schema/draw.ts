import type { DrawExport } from '../../core/draw/export.ts';
import { verifyDraw, type Difference } from '../../core/draw/verify.ts';
import { NODE_DRAW_PORTS } from '../draw-ports.ts';
import { builder } from './builder.ts';

const DifferenceRef = builder.objectRef<Difference>('DrawDifference').implement({
  fields: (t) => ({
    path: t.exposeString('path'),
    expected: t.exposeString('expected', { description: 'What the published inputs give' }),
    actual: t.exposeString('actual', { description: 'What the record says' }),
  }),
});

const VerificationRef = builder.objectRef<{ matches: boolean; differences: readonly Difference[] }>('DrawVerification').implement({
  fields: (t) => ({
    matches: t.exposeBoolean('matches'),
    differences: t.field({ type: [DifferenceRef], resolve: (v) => [...v.differences] }),
  }),
});

builder.queryField('verifyDraw', (t) =>
  t.field({
    type: VerificationRef,
    description: 'Re-derives a draw from its export (docs/draw-algorithm.md) and says whether the record matches, or where it differs. Anyone may ask.',
    args: { draw: t.arg({ type: 'JSON', required: true }) },
    resolve: (_root, args, ctx) => {
      const exported = args.draw as DrawExport;
      if (!exported || typeof exported !== 'object' || !('record' in exported)) return { matches: false, differences: [{ path: 'draw', expected: 'a draw export', actual: typeof exported }] };
      const registered = ctx.packs.packs.get(exported.pack?.key);
      const hooks = registered && registered.contentHash === exported.pack.contentHash && Object.keys(registered.hooks).length > 0 ? registered.hooks : undefined;
      try {
        return verifyDraw(exported, NODE_DRAW_PORTS, hooks ? { hooks } : {});
      } catch (error) {
        return { matches: false, differences: [{ path: 'draw', expected: 'a well-formed draw export', actual: (error as Error).message }] };
      }
    },
  }),
);
