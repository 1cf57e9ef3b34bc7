import type { Result } from '../../core/result.ts';
import { mayCreateJurisdiction, mayUpdateJurisdiction } from '../auth/permissions.ts';
import { actorOf } from '../auth/viewer.ts';
import { createJurisdiction, updateJurisdiction, type JurisdictionRefusal } from '../jurisdictions/create-jurisdiction.ts';
import { builder } from './builder.ts';
import { JurisdictionLevelEnum } from './enums.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.ts';

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

function unwrapJurisdiction<T>(result: Result<T, JurisdictionRefusal>): T {
  if (result.ok) return result.value;
  const e = result.error;
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
