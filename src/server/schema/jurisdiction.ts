import { builder } from './builder.ts';
import { JurisdictionLevelEnum } from './enums.ts';

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
