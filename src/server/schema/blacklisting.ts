import { liftBlacklisting } from '../directory/lift-blacklisting.ts';
import { builder } from './builder.ts';
import { EnterpriseRef } from './enterprise.ts';
import { TASK_ERRORS, unwrap } from './errors.ts';
import { ResultRef, visibleResults } from './result.ts';
import { pageCost } from '../limits/field-cost.ts';
import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/viewer.ts';

/**
 * The blacklistings a viewer may see in a jurisdiction's list: a directory entry's, or one of a
 * published result the viewer may see (a covert task's result stays off it for the public until
 * the task closes, as on the portal's 黑名单 page).
 */
const listedBlacklistings = (jurisdictionId: string, viewer: Viewer): Prisma.EnterpriseBlacklistingWhereInput => ({
  jurisdictionId, OR: [{ resultId: null }, { result: { AND: [visibleResults(viewer), { status: 'PUBLISHED' }] } }],
});

// Public, like Enterprise.blacklisted: who lifted it (a token's name) is on the audit trail, not here.
builder.prismaObject('EnterpriseBlacklisting', {
  name: 'Blacklisting',
  description: '黑名单: one blacklisting of an enterprise, with its lifting (移出) or its withdrawal by a correction (更正)',
  fields: (t) => ({
    enterpriseName: t.string({ description: 'The enterprise (企业名称) as the directory names it now', select: { enterprise: { select: { name: true } } }, resolve: (b) => b.enterprise.name }),
    uscc: t.string({ description: '统一社会信用代码', select: { enterprise: { select: { uscc: true } } }, resolve: (b) => b.enterprise.uscc }),
    since: t.expose('since', { type: 'Date', description: "The day it was blacklisted: the publication, or the follow-up (复查) that found the hazard unrectified after the period; a covert task's, the day it closed" }),
    reason: t.exposeString('reason'),
    clause: t.exposeString('clause', { nullable: true, description: "The pack's clause that decided it (攀枝花 三(六)); none for a directory entry" }),
    document: t.exposeString('citeDoc', { nullable: true, description: "The pack's source document (an id of its meta.sources)" }),
    result: t.field({
      type: ResultRef, nullable: true, description: 'The published result it came from',
      select: { resultId: true },
      resolve: (b, _args, ctx) => (b.resultId ? ctx.db.prisma.inspectionResult.findFirst({ where: { id: b.resultId, AND: [visibleResults(ctx.viewer)] } }) : null),
    }),
    followUpOn: t.field({ type: 'Date', nullable: true, description: 'The follow-up (复查) it came from, if any', select: { resultEvent: { select: { occurredOn: true } } }, resolve: (b) => b.resultEvent?.occurredOn ?? null }),
    liftedOn: t.expose('liftedOn', { type: 'Date', nullable: true, description: '移出黑名单' }),
    liftedReason: t.exposeString('liftedReason', { nullable: true }),
    withdrawnOn: t.expose('withdrawnOn', { type: 'Date', nullable: true, description: 'A correction of its result no longer supports it: withdrawn (kept on record)' }),
    withdrawnReason: t.exposeString('withdrawnReason', { nullable: true }),
    withdrawnBy: t.field({
      type: ResultRef, nullable: true, description: 'The correction that withdrew it',
      select: { withdrawnByResultId: true },
      resolve: (b, _args, ctx) => (b.withdrawnByResultId ? ctx.db.prisma.inspectionResult.findFirst({ where: { id: b.withdrawnByResultId, AND: [visibleResults(ctx.viewer)] } }) : null),
    }),
  }),
});

builder.prismaObjectFields('Enterprise', (t) => ({
  blacklistings: t.relation('blacklistings', { query: { orderBy: [{ since: 'desc' }, { createdAt: 'desc' }] }, description: 'Every blacklisting (黑名单), newest first, open, lifted or withdrawn' }),
}));

builder.prismaObjectFields('Jurisdiction', (t) => ({
  blacklist: t.prismaConnection({
    complexity: pageCost,
    type: 'EnterpriseBlacklisting',
    description: "黑名单 (曝光), public: the jurisdiction's blacklistings, newest first, open, lifted or withdrawn, as its portal page /j/<code>/blacklist lists them",
    cursor: 'id',
    resolve: (query, j, _args, ctx) => ctx.db.prisma.enterpriseBlacklisting.findMany({ ...query, where: listedBlacklistings(j.id, ctx.viewer), orderBy: [{ since: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }] }),
    totalCount: (j, _args, ctx) => ctx.db.prisma.enterpriseBlacklisting.count({ where: listedBlacklistings(j.id, ctx.viewer) }),
  }),
}));

builder.mutationFields((t) => ({
  liftBlacklisting: t.prismaField({
    type: 'Enterprise',
    description: "移出黑名单: lifts the enterprise's open blacklisting on a day, for a reason (the jurisdiction's ADMIN or PLANNER); on the audit trail, the directory's flag cleared with its history.",
    errors: { types: TASK_ERRORS, directResult: true },
    args: { enterprise: t.arg.globalID({ required: true, for: EnterpriseRef }), liftedOn: t.arg({ type: 'Date', required: true }), reason: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      unwrap(await liftBlacklisting(ctx.services, ctx.viewer, { enterpriseId: args.enterprise.id, liftedOn: args.liftedOn, reason: args.reason }));
      return ctx.db.prisma.enterprise.findUniqueOrThrow({ ...query, where: { id: args.enterprise.id } });
    },
  }),
}));
