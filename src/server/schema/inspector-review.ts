import { canEditDirectory, canRead, actorOf } from '../auth/viewer.ts';
import { inspectorDirectoryReview, recordInspectorDirectoryReview, type InspectorDirectoryReview } from '../directory/inspector-review.ts';
import { activeRules } from '../tasks/active-rules.ts';
import { builder } from './builder.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';
import { CitationRef } from './rule-pack.ts';

const ReviewStatusEnum = builder.enumType('InspectorDirectoryReviewStatus', {
  description: 'OK: not yet due; DUE_SOON: due within 30 days; OVERDUE: the period has run out',
  values: ['OK', 'DUE_SOON', 'OVERDUE'] as const,
});

const ReviewRef = builder.objectRef<InspectorDirectoryReview>('InspectorDirectoryReview').implement({
  description: "The periodic review of the inspector directory (执法检查人员名录库核查) the pack asks for (inspectorDirectory.reviewEveryMonths)",
  fields: (t) => ({
    lastReviewedOn: t.field({ type: 'Date', nullable: true, resolve: (r) => r.lastReviewedOn }),
    since: t.field({ type: 'Date', description: 'The last review, or the day the directory got its first inspector', resolve: (r) => r.since }),
    dueBy: t.field({ type: 'Date', resolve: (r) => r.dueBy }),
    status: t.field({ type: ReviewStatusEnum, resolve: (r) => r.status }),
    reviewEveryMonths: t.exposeInt('reviewEveryMonths'),
    expiredCertificates: t.exposeInt('expiredCertificates', { description: 'Active inspectors whose enforcement certificate has run out' }),
    citation: t.field({ type: CitationRef, resolve: (r) => r.cite }),
  }),
});

builder.prismaObjectField('Jurisdiction', 'inspectorDirectoryReview', (t) =>
  t.field({
    type: ReviewRef,
    nullable: true,
    description: "When the inspector directory was last reviewed and when the next review is due, as of today in China (members and the levels above; null when the pack asks for no review)",
    resolve: async (j, _args, ctx) => (canRead(ctx.viewer, j.id) ? ((await inspectorDirectoryReview(ctx.db.prisma, j.id, await activeRules(ctx.services, j.id))) ?? null) : null),
  }),
);

builder.mutationField('reviewInspectorDirectory', (t) =>
  t.prismaField({
    type: 'Jurisdiction',
    description: "Records today's review of the inspector directory (certificates and posts checked) on the audit trail (admins and planners); the next review falls due from today",
    errors: { types: [ForbiddenError, NotFoundError], directResult: true },
    args: { jurisdiction: t.arg.string({ required: true }), note: t.arg.string({ required: false }) },
    resolve: async (query, _root, args, ctx) => {
      const j = await ctx.db.prisma.jurisdiction.findUnique({ where: { code: args.jurisdiction }, select: { id: true } });
      if (!j) throw new NotFoundError(`没有行政区划代码为 ${args.jurisdiction} 的辖区`);
      if (!canEditDirectory(ctx.viewer, j.id)) throw new ForbiddenError('只有本辖区的管理员和计划编制人员可以登记名录核查');
      await recordInspectorDirectoryReview(ctx.db.prisma, j.id, actorOf(ctx.viewer), args.note?.trim() || null);
      return ctx.db.prisma.jurisdiction.findUniqueOrThrow({ ...query, where: { id: j.id } });
    },
  }),
);
