import { may, refusal } from '../auth/permissions.ts';
import { actorOf } from '../auth/viewer.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { builder } from './builder.ts';
import { personOf } from './person-ref.ts';
import type { Context } from './context.ts';
import { OtherInspectionKindEnum } from './enums.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';

builder.prismaObject('OtherInspection', {
  description: 'An inspection outside double random (卧龙 第二条); counted by caps, coverage and the plan',
  fields: (t) => ({
    uscc: t.exposeString('uscc'),
    kind: t.expose('kind', { type: OtherInspectionKindEnum }),
    inspectedOn: t.expose('inspectedOn', { type: 'Date' }),
    note: t.exposeString('note', { nullable: true }),
    actor: t.exposeString('actor'),
  }),
});

builder.prismaObject('ConflictOfInterest', {
  description: 'A recorded conflict of interest (回避): the person is never drawn for the enterprise',
  fields: (t) => ({
    personId: t.exposeString('personId'),
    uscc: t.exposeString('uscc'),
    reason: t.exposeString('reason'),
    actor: t.exposeString('actor'),
  }),
});

async function writable(ctx: Context, code: string, permission: 'inspect' | 'conflicts') {
  const j = await ctx.db.prisma.jurisdiction.findUnique({ where: { code }, select: { id: true } });
  if (!j) throw new NotFoundError(`没有行政区划代码为 ${code} 的辖区 (No jurisdiction has code ${code})`);
  if (!may(ctx.viewer, j.id, permission)) throw new ForbiddenError(refusal(ctx.viewer, permission));
  return j;
}

async function assertEnterprise(ctx: Context, jurisdictionId: string, uscc: string) {
  const e = await ctx.db.prisma.enterprise.findUnique({ where: { jurisdictionId_uscc: { jurisdictionId, uscc } }, select: { id: true } });
  if (!e) throw new ValidationError([{ field: 'uscc', message: `no enterprise of the directory has USCC ${uscc}` }]);
}

builder.mutationFields((t) => ({
  recordOtherInspection: t.prismaField({
    type: 'OtherInspection',
    description: 'Records an inspection outside double random (admins, draw officers, inspectors)',
    errors: { types: [ValidationError, ForbiddenError, NotFoundError], directResult: true },
    args: {
      jurisdiction: t.arg.string({ required: true }),
      uscc: t.arg.string({ required: true }),
      kind: t.arg({ type: OtherInspectionKindEnum, required: true }),
      inspectedOn: t.arg({ type: 'Date', required: true }),
      note: t.arg.string({ required: false }),
    },
    resolve: async (query, _root, args, ctx) => {
      const j = await writable(ctx, args.jurisdiction, 'inspect');
      const uscc = args.uscc.trim().toUpperCase();
      await assertEnterprise(ctx, j.id, uscc);
      const actor = actorOf(ctx.viewer);
      return ctx.db.prisma.$transaction(async (tx) => {
        const row = await tx.otherInspection.create({ ...query, data: { jurisdictionId: j.id, uscc, kind: args.kind, inspectedOn: new Date(`${args.inspectedOn}T00:00:00Z`), note: args.note ?? null, actor } });
        await appendAudit(tx, { jurisdictionId: j.id, actor, action: 'inspection.other', subjectType: 'OtherInspection', subjectId: row.id, payload: { uscc, kind: args.kind, inspectedOn: args.inspectedOn } });
        return row;
      });
    },
  }),
  recordConflict: t.prismaField({
    type: 'ConflictOfInterest',
    description: 'Records that an inspector or expert must not serve an enterprise (回避); later draws respect it',
    errors: { types: [ValidationError, ForbiddenError, NotFoundError], directResult: true },
    args: { jurisdiction: t.arg.string({ required: true }), person: t.arg.string({ required: true, description: 'The inspector or expert: its node id, its directory id, or the inspector\'s 执法证号' }), uscc: t.arg.string({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const j = await writable(ctx, args.jurisdiction, 'conflicts');
      const uscc = args.uscc.trim().toUpperCase();
      await assertEnterprise(ctx, j.id, uscc);
      const person = await personOf(ctx, j.id, args.person);
      if (!person) throw new ValidationError([{ field: 'person', message: `本辖区没有此人：${args.person.trim()}（可填检查人员或专家的编号，或执法证号）` }]);
      if (!args.reason.trim()) throw new ValidationError([{ field: 'reason', message: '请写明回避理由（利害关系……）' }]);
      const actor = actorOf(ctx.viewer);
      return ctx.db.prisma.$transaction(async (tx) => {
        const row = await tx.conflictOfInterest.upsert({ ...query, where: { jurisdictionId_personId_uscc: { jurisdictionId: j.id, personId: person.id, uscc } }, create: { jurisdictionId: j.id, personId: person.id, uscc, reason: args.reason.trim(), actor }, update: {} });
        await appendAudit(tx, { jurisdictionId: j.id, actor, action: 'conflict.recorded', subjectType: 'ConflictOfInterest', subjectId: row.id, payload: { personId: person.id, uscc, reason: args.reason.trim() } });
        return row;
      });
    },
  }),
}));
