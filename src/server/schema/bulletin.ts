import { issueBulletin, bulletinsOf, type PeriodicBulletin } from '../results/monthly-bulletins.ts';
import { actorOf, isMemberOf } from '../auth/viewer.ts';
import { builder } from './builder.ts';
import { TASK_ERRORS, unwrap } from './errors.ts';
import { problem } from '../tasks/task-problem.ts';
import { err } from '../../core/result.ts';

const BulletinRef = builder.objectRef<PeriodicBulletin>('PeriodicBulletin').implement({
  description: '月度公告 (顺城 第二十一条): last month\'s results, feedback, opinions, penalties, transfers and how results were used, issued once on the due working day and never changed',
  fields: (t) => ({
    month: t.exposeString('month', { description: 'YYYY-MM' }),
    dueOn: t.field({ type: 'Date', description: 'The due working day (the n-th working day of the next month, in the jurisdiction\'s calendar)', resolve: (b) => b.dueOn }),
    issuedOn: t.field({ type: 'Date', description: 'The day it was issued (Beijing time)', resolve: (b) => b.issuedOn }),
    issuedAt: t.field({ type: 'DateTime', resolve: (b) => b.issuedAt }),
    daysLate: t.exposeInt('daysLate', { description: 'Calendar days after the due day; above 0 it is shown 逾期发布' }),
    late: t.boolean({ description: '逾期发布', resolve: (b) => b.daysLate > 0 }),
    byScheduler: t.boolean({ description: 'Issued by the server on its due day (or at its first tick after it), not by hand', resolve: (b) => b.issuedBy === 'scheduler' }),
    pack: t.exposeString('packKey', { description: 'The rule pack whose periodicPublication asked for it' }),
    contentHash: t.exposeString('contentHash', { description: 'SHA-256 (hex) of the canonical JSON of its content' }),
    content: t.field({ type: 'JSON', description: 'What it says: results, feedback, opinions, penalties, transfers, handling and uses (BulletinContent, docs/publication.md)', resolve: (b) => b.content }),
  }),
});

builder.prismaObjectFields('Jurisdiction', (t) => ({
  bulletins: t.field({
    type: [BulletinRef],
    description: '月度公告, public, newest month first; none for a pack without periodic publication',
    resolve: (j, _args, ctx) => bulletinsOf(ctx.db.prisma, j.id),
  }),
}));

builder.mutationFields((t) => ({
  issueBulletin: t.field({
    type: BulletinRef,
    description: "Issues a month's bulletin by hand (the jurisdiction's ADMIN), by the scheduler's rules: the month must be over, late if after the due day; refused once issued (a bulletin is never re-issued)",
    errors: { types: TASK_ERRORS, directResult: true },
    args: { jurisdiction: t.arg.string({ required: true, description: '行政区划代码' }), month: t.arg.string({ required: true, description: 'YYYY-MM' }) },
    resolve: async (_root, args, ctx) => {
      const j = await ctx.db.prisma.jurisdiction.findUnique({ where: { code: args.jurisdiction }, select: { id: true, name: true } });
      if (!j) return unwrap(err(problem('NOT_FOUND', `没有行政区划代码为 ${args.jurisdiction} 的辖区`)));
      if (!isMemberOf(ctx.viewer, j.id) || ctx.viewer.kind !== 'token' || ctx.viewer.role !== 'ADMIN') {
        return unwrap(err(problem('FORBIDDEN', `月度公告须由${j.name}的 ADMIN（单位负责人）发布${ctx.viewer.kind === 'token' ? `，您的令牌角色为 ${ctx.viewer.role}` : '（需要 API 令牌）'} (only an admin of the jurisdiction issues a bulletin)`)));
      }
      const issued = unwrap(await issueBulletin(ctx.services, { jurisdictionId: j.id, month: args.month, issuedBy: actorOf(ctx.viewer) }));
      if (!issued.created) return unwrap(err(problem('CONFLICT', `${j.name} ${args.month} 的月度公告已于 ${issued.bulletin.issuedOn} 发布，发布后不再修改 (already issued)`, { field: 'month' })));
      return issued.bulletin;
    },
  }),
}));
