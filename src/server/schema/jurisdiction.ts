import type { Result } from '../../core/result.ts';
import type { Prisma } from '@prisma/client';
import { may, mayAppointFirstAdmin, mayCreateJurisdiction, mayUpdateJurisdiction } from '../auth/permissions.ts';
import { canRead, type Viewer } from '../auth/viewer.ts';
import { pageCost } from '../limits/field-cost.ts';
import { UserRef } from './session.ts';
import { agreeToPooling, type PoolingAgreement } from '../jurisdictions/pooling-consent.ts';
import { actorOf } from '../auth/viewer.ts';
import { createJurisdiction, updateJurisdiction, type JurisdictionRefusal } from '../jurisdictions/create-jurisdiction.ts';
import { builder } from './builder.ts';
import { authorityOf, NAMING_SELECT, noticePrefixOf } from '../portal/notice-number.ts';
import { JurisdictionLevelEnum } from './enums.ts';
import { ConflictError, ForbiddenError, NotFoundError, RuleError, ValidationError } from './errors.ts';

export const JurisdictionRef = builder.prismaNode('Jurisdiction', {
  id: { field: 'id' },
  description: 'An administrative division (行政区划) with its own bureau, directories and rule pack',
  fields: (t) => ({
    code: t.exposeString('code', { description: '行政区划代码' }),
    name: t.exposeString('name'),
    level: t.expose('level', { type: JurisdictionLevelEnum }),
    parent: t.relation('parent', { nullable: true }),
    children: t.relation('children', { query: { orderBy: { code: 'asc' } } }),
    rulePackId: t.exposeString('rulePackId', { nullable: true }),
    rulePackVersion: t.exposeString('rulePackVersion', { nullable: true }),
    authorityName: t.string({ description: '检查实施机关 as notices name it: its own, else the default from the name (南阳市卧龙区应急管理局)', select: { ...NAMING_SELECT }, resolve: (j) => authorityOf(j) }),
    noticePrefix: t.string({ description: '文号前缀 of new notice numbers: its own, else the default from the name (卧龙应急随抽)', select: { ...NAMING_SELECT }, resolve: (j) => noticePrefixOf(j) }),
    authorityNameSet: t.boolean({ description: 'Whether the jurisdiction set its own 检查实施机关 (false: the default)', select: { authorityName: true }, resolve: (j) => j.authorityName !== null }),
    noticePrefixSet: t.boolean({ description: 'Whether the jurisdiction set its own 文号前缀 (false: the default)', select: { noticePrefix: true }, resolve: (j) => j.noticePrefix !== null }),
  }),
});

builder.prismaObjectField('Jurisdiction', 'neighbours', (t) =>
  t.field({
    type: [JurisdictionRef],
    description: "Jurisdictions whose inspectors may be pooled with this one's",
    select: { neighbours: { select: { neighbour: true } } },
    resolve: (j) => j.neighbours.map((n) => n.neighbour),
  }),
);

builder.queryFields((t) => ({
  jurisdictions: t.prismaField({
    type: ['Jurisdiction'],
    description: 'All jurisdictions, by code',
    resolve: (query, _root, _args, ctx) => ctx.db.prisma.jurisdiction.findMany({ ...query, orderBy: { code: 'asc' } }),
  }),
  jurisdiction: t.prismaField({
    type: 'Jurisdiction',
    nullable: true,
    args: { code: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.db.prisma.jurisdiction.findUnique({ ...query, where: { code: args.code } }),
  }),
}));

const JURISDICTION_ERRORS = [ValidationError, ForbiddenError, NotFoundError, ConflictError];

function unwrapJurisdiction<T>(result: Result<T, JurisdictionRefusal | { code: 'BAD_STATE'; message: string; field?: string }>): T {
  if (result.ok) return result.value;
  const e = result.error;
  if (e.code === 'BAD_STATE') throw new RuleError(e.code, e.message);
  if (e.code === 'FORBIDDEN') throw new ForbiddenError(e.message);
  if (e.code === 'NOT_FOUND') throw new NotFoundError(e.message);
  if (e.code === 'DUPLICATE') throw new ConflictError(e.field ?? 'code', e.message);
  throw new ValidationError([{ field: e.field ?? 'code', message: e.message }]);
}

const CreateJurisdictionInput = builder.inputType('CreateJurisdictionInput', {
  fields: (t) => ({
    code: t.string({ required: true, description: '行政区划代码 (GB/T 2260), e.g. 511502' }),
    name: t.string({ required: false, description: "Defaults to the table's name (翠屏区)" }),
    level: t.field({ type: JurisdictionLevelEnum, required: true, description: "Must be the code's kind: 510000 PROVINCE, 511500 CITY, 511502 COUNTY" }),
    parent: t.string({ required: false, description: 'The code of the division above (511500 for 511502); omitted, it is taken from the table when that jurisdiction exists here, else the new one is top-level (operator only)' }),
    neighbours: t.stringList({ required: false, description: 'Codes of adjacent jurisdictions already here (both sides become neighbours; pooling inspectors still needs both admins to agree)' }),
  }),
});

const UpdateJurisdictionInput = builder.inputType('UpdateJurisdictionInput', {
  fields: (t) => ({
    name: t.string({ required: false, description: "An empty name brings back the table's" }),
    neighbours: t.stringList({ required: false, description: 'The whole set of neighbours (replaces it); omitted, unchanged' }),
    authorityName: t.string({ required: false, description: '检查实施机关 shown on every notice (南阳市卧龙区应急管理局); empty: back to the default derived from the name; omitted, unchanged' }),
    noticePrefix: t.string({ required: false, description: '文号前缀 of task and result notices (卧龙应急随抽 → 卧龙应急随抽〔2026〕第3号); empty: back to the default; numbers already given keep theirs' }),
  }),
});

builder.mutationFields((t) => ({
  createJurisdiction: t.prismaField({
    type: 'Jurisdiction',
    description: "Creates a jurisdiction, checked against GB/T 2260 and its parent: top-level by the installation's operator (OPERATOR), a subordinate by the operator or the parent's admins. On the new jurisdiction's audit trail and its parent's.",
    errors: { types: JURISDICTION_ERRORS, directResult: true },
    args: { input: t.arg({ type: CreateJurisdictionInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const created = unwrapJurisdiction(await createJurisdiction(ctx.db.prisma, { actor: actorOf(ctx.viewer), mayCreateUnder: (parentId) => mayCreateJurisdiction(ctx.viewer, parentId) }, input));
      return ctx.db.prisma.jurisdiction.findUniqueOrThrow({ ...query, where: { id: created.id } });
    },
  }),
  updateJurisdiction: t.prismaField({
    type: 'Jurisdiction',
    description: "Renames a jurisdiction or replaces its neighbours (its admins, its parent's admins, the operator); on the trails of it and of every neighbour added or removed",
    errors: { types: JURISDICTION_ERRORS, directResult: true },
    args: { code: t.arg.string({ required: true }), input: t.arg({ type: UpdateJurisdictionInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const updated = unwrapJurisdiction(await updateJurisdiction(ctx.db.prisma, { actor: actorOf(ctx.viewer), mayUpdate: (j) => mayUpdateJurisdiction(ctx.viewer, j) }, args.code, args.input));
      return ctx.db.prisma.jurisdiction.findUniqueOrThrow({ ...query, where: { id: updated.id } });
    },
  }),
}));

const JurisdictionNameRef = builder.objectRef<PoolingAgreement['jurisdiction']>('JurisdictionName').implement({
  fields: (t) => ({ code: t.exposeString('code'), name: t.exposeString('name') }),
});

const PoolingAgreementRef = builder.objectRef<PoolingAgreement>('PoolingAgreement').implement({
  description: "Two neighbours' agreement to pool their inspectors in draws (卧龙 第十八条): each side's admin agrees; pooled once both have",
  fields: (t) => ({
    jurisdiction: t.field({ type: JurisdictionNameRef, resolve: (a) => a.jurisdiction }),
    neighbour: t.field({ type: JurisdictionNameRef, resolve: (a) => a.neighbour }),
    agreedBy: t.exposeString('agreedBy'),
    agreedAt: t.field({ type: 'DateTime', resolve: (a) => a.agreedAt }),
    neighbourAgreedBy: t.exposeString('neighbourAgreedBy', { nullable: true }),
    neighbourAgreedAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.neighbourAgreedAt }),
    pooled: t.boolean({ description: 'Both sides agreed: their draws pool each other’s inspectors', resolve: (a) => a.neighbourAgreedAt !== null }),
  }),
});

builder.mutationField('agreeToPooling', (t) =>
  t.field({
    type: PoolingAgreementRef,
    description: "Records that the jurisdiction (its admins) agrees to pool inspectors with a neighbour, on both trails; draws pool them once the neighbour's admins agree too",
    errors: { types: [...JURISDICTION_ERRORS, RuleError], directResult: true },
    args: { jurisdiction: t.arg.string({ required: true }), neighbour: t.arg.string({ required: true, description: "The neighbour's 行政区划代码" }) },
    resolve: async (_root, args, ctx) => {
      const j = await ctx.db.prisma.jurisdiction.findUnique({ where: { code: args.jurisdiction }, select: { id: true } });
      if (!j) throw new NotFoundError(`没有行政区划代码为 ${args.jurisdiction} 的辖区`);
      if (!may(ctx.viewer, j.id, 'pooling')) throw new ForbiddenError('联合抽取执法人员须由双方辖区的管理员（ADMIN）各自同意');
      return unwrapJurisdiction(await agreeToPooling(ctx.db.prisma, { jurisdictionId: j.id, neighbourCode: args.neighbour, actor: actorOf(ctx.viewer) }));
    },
  }),
);

/**
 * Who sees a jurisdiction's users: its admins all of them (they manage them); the operator and
 * the parent's admins, who appoint a first admin, its admins only; anyone else none.
 */
function visibleUsers(viewer: Viewer, jurisdiction: { readonly id: string; readonly parentId: string | null }): Prisma.AppUserWhereInput {
  if (viewer.kind === 'token' && viewer.role === 'ADMIN' && viewer.jurisdictionId === jurisdiction.id) return {};
  if (mayAppointFirstAdmin(viewer, jurisdiction)) return { role: 'ADMIN' };
  return { id: { in: [] } };
}

builder.prismaObjectField('Jurisdiction', 'users', (t) =>
  t.prismaConnection({
    type: UserRef,
    cursor: 'id',
    complexity: pageCost,
    description: "The jurisdiction's users, by username: all of them for its admins; its admins only for the operator and the parent's admins (who appoint the first one); none for anyone else",
    resolve: (query, j, _args, ctx) => ctx.db.prisma.appUser.findMany({ ...query, where: { jurisdictionId: j.id, ...visibleUsers(ctx.viewer, j) }, orderBy: [{ username: 'asc' }, { id: 'asc' }] }),
    totalCount: (j, _args, ctx) => ctx.db.prisma.appUser.count({ where: { jurisdictionId: j.id, ...visibleUsers(ctx.viewer, j) } }),
  }),
);

interface NeighbourPooling {
  readonly neighbour: { readonly id: string; readonly code: string; readonly name: string };
  readonly agreedBy: string | null;
  readonly agreedAt: Date | null;
  readonly neighbourAgreedBy: string | null;
  readonly neighbourAgreedAt: Date | null;
}

const NeighbourPoolingRef = builder.objectRef<NeighbourPooling>('NeighbourPooling').implement({
  description: "Where pooling inspectors with one neighbour stands (卧龙 第十八条): this side's consent, the neighbour's, pooled once both agreed",
  fields: (t) => ({
    neighbour: t.field({ type: JurisdictionNameRef, resolve: (p) => p.neighbour }),
    agreedBy: t.exposeString('agreedBy', { nullable: true, description: "Who agreed for this jurisdiction; null until its admins agree (agreeToPooling)" }),
    agreedAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.agreedAt }),
    neighbourAgreedBy: t.exposeString('neighbourAgreedBy', { nullable: true }),
    neighbourAgreedAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.neighbourAgreedAt }),
    pooled: t.boolean({ description: 'Both sides agreed: their draws pool each other’s inspectors', resolve: (p) => p.agreedAt !== null && p.neighbourAgreedAt !== null }),
  }),
});

builder.prismaObjectField('Jurisdiction', 'pooling', (t) =>
  t.field({
    type: [NeighbourPoolingRef],
    description: "Each neighbour with both sides' consent to pool inspectors, by the neighbour's code (members of the jurisdiction and of the levels above it; empty for anyone else)",
    resolve: async (j, _args, ctx) => {
      if (!canRead(ctx.viewer, j.id)) return [];
      const [links, consents] = await Promise.all([
        ctx.db.prisma.jurisdictionNeighbour.findMany({ where: { jurisdictionId: j.id }, select: { neighbour: { select: { id: true, code: true, name: true } } }, orderBy: { neighbour: { code: 'asc' } } }),
        ctx.db.prisma.poolingConsent.findMany({ where: { OR: [{ jurisdictionId: j.id }, { neighbourId: j.id }] } }),
      ]);
      return links.map(({ neighbour }) => {
        const mine = consents.find((c) => c.jurisdictionId === j.id && c.neighbourId === neighbour.id);
        const theirs = consents.find((c) => c.jurisdictionId === neighbour.id && c.neighbourId === j.id);
        return { neighbour, agreedBy: mine?.agreedBy ?? null, agreedAt: mine?.agreedAt ?? null, neighbourAgreedBy: theirs?.agreedBy ?? null, neighbourAgreedAt: theirs?.agreedAt ?? null };
      });
    },
  }),
);
