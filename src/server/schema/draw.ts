import type { DrawExport } from '../../core/draw/export.ts';
import { explainCandidate, type CandidateExplanation } from '../../core/draw/explain-candidate.ts';
import { isAlgorithm } from '../../core/draw/algorithm.ts';
import { verificationStatus, verifyDraw, type Difference, type PendingPart, type Verification } from '../../core/draw/verify.ts';
import { checkOpenings } from '../../core/draw/upper-level-seal.ts';
import { createGraphQLError } from 'graphql-yoga';
import { heldVerificationView } from '../draws/verify-held-draw.ts';
import { VerificationStatusEnum } from './enums.ts';
import { render } from '../../core/rules/messages.ts';
import { NODE_DRAW_PORTS } from '../draw-ports.ts';
import { loadedPacksHookIsolator } from '../../rulepacks/registry.ts';
import { builder } from './builder.ts';
import { exportCost, snapshotRows } from '../limits/field-cost.ts';
import { rateLimited } from '../limits/limit-error.ts';
import type { Context } from './context.ts';

const DifferenceRef = builder.objectRef<Difference>('DrawDifference').implement({
  fields: (t) => ({
    path: t.exposeString('path'),
    expected: t.exposeString('expected', { description: 'What the published inputs give' }),
    actual: t.exposeString('actual', { description: 'What the record says' }),
  }),
});

const PendingPartRef = builder.objectRef<PendingPart>('DrawPendingPart').implement({
  description: 'A part of the record not yet re-derivable: it waits for a sealed upper-level list',
  fields: (t) => ({ path: t.exposeString('path'), reason: t.exposeString('reason') }),
});

const VerificationRef = builder.objectRef<Verification>('DrawVerification').implement({
  fields: (t) => ({
    matches: t.exposeBoolean('matches', { description: 'True only when the whole record re-derives from the inputs' }),
    status: t.field({ type: VerificationStatusEnum, resolve: (v) => verificationStatus(v) }),
    differences: t.field({ type: [DifferenceRef], resolve: (v) => [...v.differences] }),
    checked: t.stringList({ description: 'Before a seal opens: what was re-derived and compared (Chinese)', resolve: (v) => [...(v.pending?.checked ?? [])] }),
    pending: t.field({ type: [PendingPartRef], description: 'What waits for the covert task of an upper level to close', resolve: (v) => [...(v.pending?.parts ?? [])] }),
    summary: t.string({ description: 'One sentence for a screen (Chinese)', resolve: (v) => heldVerificationView(v).summary }),
  }),
});

/** Re-deriving a stranger's export is work for the server: anonymous clients have a budget per address. */
async function chargeVerification(ctx: Context, exported: unknown): Promise<void> {
  if (ctx.viewer.kind === 'token') return;
  const refusal = await ctx.rateLimits.verify(ctx.address, snapshotRows(exported));
  if (refusal) throw rateLimited(refusal);
}

builder.queryField('verifyDraw', (t) =>
  t.field({
    type: VerificationRef,
    description: 'Re-derives a draw from its export (docs/draw-algorithm.md) and says whether the record matches, or where it differs. Anyone may ask.',
    complexity: exportCost,
    args: { draw: t.arg({ type: 'JSON', required: true }) },
    resolve: async (_root, args, ctx) => {
      await chargeVerification(ctx, args.draw);
      const exported = args.draw as DrawExport;
      if (!exported || typeof exported !== 'object' || !('record' in exported)) return { matches: false, differences: [{ path: 'draw', expected: 'a draw export', actual: typeof exported }] } satisfies Verification;
      try {
        return verifyDraw(exported, { ...NODE_DRAW_PORTS, isolateHooks: loadedPacksHookIsolator(ctx.packs) });
      } catch (error) {
        return { matches: false, differences: [{ path: 'draw', expected: 'a well-formed draw export', actual: (error as Error).message }] };
      }
    },
  }),
);

const ChanceRef = builder.objectRef<{ numerator: number; denominator: number; exact: boolean }>('DrawChance').implement({
  fields: (t) => ({ numerator: t.exposeInt('numerator'), denominator: t.exposeInt('denominator'), exact: t.exposeBoolean('exact', { description: 'False for weighted strata, where this is the expected share' }) }),
});

const CandidateRef = builder.objectRef<CandidateExplanation>('DrawCandidateExplanation').implement({
  fields: (t) => ({
    uscc: t.exposeString('uscc'),
    inPool: t.boolean({ nullable: true, description: 'Null while a sealed upper-level list could still keep it out (pending)', resolve: (c) => c.inPool }),
    pending: t.exposeBoolean('pending', { description: 'The answer waits for the covert task of an upper level to close' }),
    due: t.exposeBoolean('due'),
    stratum: t.string({ nullable: true, resolve: (c) => c.stratum }),
    chance: t.field({ type: ChanceRef, nullable: true, description: 'Null while pending', resolve: (c) => c.chance }),
    inclusion: t.string({ nullable: true, description: '入选概率: the exact inclusion probability as a reduced fraction "p/q" (docs/draw-algorithm.md §6a); null while pending or in a weighted stratum with unequal weights, where it is not exact', resolve: (c) => c.inclusion }),
    reasons: t.stringList({ description: 'Each reason with the clause it comes from', resolve: (c) => c.reasons.map((r) => `${render(r)}${r.cite ? `（${r.cite.clause}）` : ''}`) }),
    summary: t.exposeString('summary'),
  }),
});

builder.queryField('explainDrawCandidate', (t) =>
  t.field({
    type: CandidateRef,
    nullable: true,
    description: "Why an enterprise is in a draw's pool or not, and its chance, with the clauses (null when the USCC is not in the draw's directory)",
    complexity: exportCost,
    args: { draw: t.arg({ type: 'JSON', required: true }), uscc: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      await chargeVerification(ctx, args.draw);
      const d = args.draw as DrawExport;
      // Only openings that hash to their seals are used: a tampered list explains nothing.
      const { opened, issues } = checkOpenings(d.snapshot, d.openings, NODE_DRAW_PORTS);
      if (issues.length > 0) {
        throw createGraphQLError(`导出中的封存名单开启无效：${issues.map((i) => `${i.path}: ${i.actual}`).join('；')}（invalid openings）`, { extensions: { code: 'INVALID_OPENING', paths: issues.map((i) => i.path) } });
      }
      return explainCandidate({ snapshot: d.snapshot, task: d.task, pack: { key: d.pack.key, contentHash: d.pack.contentHash, rules: d.pack.rules }, openings: [...opened.values()], ...(isAlgorithm(d.record?.algorithm) ? { algorithm: d.record.algorithm } : {}) }, args.uscc.trim().toUpperCase()) ?? null;
    },
  }),
);
