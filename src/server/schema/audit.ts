import { may, refusal } from '../auth/permissions.ts';
import { verifyAuditTrail } from '../audit/verify-audit.ts';
import { builder } from './builder.ts';
import { EDGES_COST, PAGE_FIELD_COST } from '../limits/field-cost.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';

const AuditEntryRef = builder.prismaObject('AuditEntry', {
  description: 'One entry of the hash-chained audit trail: each holds the hash of the entry before it',
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    at: t.expose('at', { type: 'DateTime' }),
    actor: t.exposeString('actor'),
    action: t.exposeString('action'),
    subjectType: t.exposeString('subjectType'),
    subjectId: t.exposeString('subjectId'),
    payload: t.expose('payload', { type: 'JSON' }),
    prevHash: t.exposeString('prevHash'),
    hash: t.exposeString('hash'),
  }),
});

const AuditPageRef = builder.objectRef<{ entries: import('@prisma/client').AuditEntry[]; headSeq: number; head: string | null }>('AuditTrailPage').implement({
  fields: (t) => ({
    // auditTrail multiplies by the entries it returns: counted there, not again as a list.
    entries: t.field({ type: [AuditEntryRef], complexity: EDGES_COST, resolve: (p) => p.entries }),
    headSeq: t.exposeInt('headSeq', { description: 'The number of the last entry' }),
    head: t.string({ nullable: true, description: 'The hash of the last entry', resolve: (p) => p.head }),
  }),
});

const BreakRef = builder.objectRef<{ kind: string; seq: number; message: string }>('AuditBreak').implement({
  fields: (t) => ({ kind: t.exposeString('kind', { description: 'EDITED, MISSING, RELINKED or TRUNCATED' }), seq: t.exposeInt('seq'), message: t.exposeString('message') }),
});

const AuditVerificationRef = builder.objectRef<{ valid: boolean; entries: number; head: string | null; breaks: readonly { kind: string; seq: number; message: string }[] }>('AuditVerification').implement({
  fields: (t) => ({
    valid: t.exposeBoolean('valid'),
    entries: t.exposeInt('entries'),
    head: t.string({ nullable: true, resolve: (v) => v.head }),
    breaks: t.field({ type: [BreakRef], resolve: (v) => [...v.breaks] }),
  }),
});

async function auditableJurisdiction(ctx: { db: { prisma: import('@prisma/client').PrismaClient }; viewer: import('../auth/viewer.ts').Viewer }, code: string) {
  const j = await ctx.db.prisma.jurisdiction.findUnique({ where: { code }, select: { id: true } });
  if (!j) throw new NotFoundError(`没有行政区划代码为 ${code} 的辖区 (No jurisdiction has code ${code})`);
  if (!may(ctx.viewer, j.id, 'audit')) throw new ForbiddenError(refusal(ctx.viewer, 'audit'));
  return j;
}

builder.queryFields((t) => ({
  auditTrail: t.field({
    type: AuditPageRef,
    description: "A jurisdiction's audit trail from entry `after` on (admins and auditors of it)",
    errors: { types: [ForbiddenError, NotFoundError], directResult: true },
    complexity: (args) => ({ field: PAGE_FIELD_COST, multiplier: Math.min(Math.max(args.first ?? 100, 0), 1000) }),
    args: { jurisdiction: t.arg.string({ required: true }), after: t.arg.int({ required: false }), first: t.arg.int({ required: false, description: 'At most 1000; default 100' }) },
    resolve: async (_root, args, ctx) => {
      const j = await auditableJurisdiction(ctx, args.jurisdiction);
      const entries = await ctx.db.prisma.auditEntry.findMany({ where: { jurisdictionId: j.id, seq: { gt: args.after ?? 0 } }, orderBy: { seq: 'asc' }, take: Math.min(args.first ?? 100, 1000) });
      const head = await ctx.db.prisma.jurisdiction.findUniqueOrThrow({ where: { id: j.id }, select: { auditSeq: true, auditHead: true } });
      return { entries, headSeq: head.auditSeq, head: head.auditHead };
    },
  }),
  verifyAuditTrail: t.field({
    type: AuditVerificationRef,
    description: 'Re-hashes the whole trail: finds entries edited, deleted or relinked behind the application (admins and auditors)',
    errors: { types: [ForbiddenError, NotFoundError] },
    args: { jurisdiction: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => verifyAuditTrail(ctx.db.prisma, (await auditableJurisdiction(ctx, args.jurisdiction)).id),
  }),
}));

builder.prismaObjectField('Jurisdiction', 'auditHead', (t) =>
  t.string({ nullable: true, description: 'Hash of the last audit entry: publish it, and any later rewrite of the trail shows', resolve: (j) => j.auditHead }),
);
builder.prismaObjectField('Jurisdiction', 'auditSeq', (t) => t.exposeInt('auditSeq', { description: 'Number of audit entries' }));
