import { categoriesOf, type ResultCategory } from '../../core/results/categories.ts';
import { requiredSigners } from '../../core/results/publication-check.ts';
import { drawRules } from '../results/draw-rules.ts';
import { teamOfResult } from '../results/results.ts';
import { unknownPerson } from '../draws/team-view.ts';
import { readableJurisdictions } from '../auth/viewer.ts';
import { builder } from './builder.ts';
import { TeamPersonRef } from './draw-ceremony.ts';
import { ResultEventKindEnum } from './result.ts';

// What a form entering a result needs beside the result itself: the pack's categories (with
// their Chinese labels), the names of the checklist items drawn, who must sign and who has.

const ResultCategoryRef = builder.objectRef<ResultCategory>('ResultCategory').implement({
  description: "A result category of the draw's pack (抽查检查结果): its code, as ResultInput.category takes it, and its Chinese label",
  fields: (t) => ({ code: t.exposeString('code'), label: t.exposeString('label') }),
});

builder.prismaObjectField('Draw', 'resultCategories', (t) =>
  t.field({
    type: [ResultCategoryRef],
    description: "The categories a result of this draw may take, under the pack it was held with (a later switch of pack does not change them)",
    resolve: async (d, _a, ctx) => {
      const rules = await drawRules(ctx.db.prisma, d.id);
      return rules ? [...categoriesOf(rules).categories] : [];
    },
  }),
);

builder.prismaObjectField('Draw', 'drawnItems', (t) =>
  t.prismaField({
    type: ['ChecklistItem'],
    description: "The checklist items drawn for any of this draw's enterprises, by code (names for DrawPick.items)",
    select: { jurisdictionId: true },
    resolve: async (query, d, _a, ctx) => {
      const picks = await ctx.loaders.drawPicks.load(d.id);
      const codes = [...new Set(picks.flatMap((p) => p.items))];
      return ctx.db.prisma.checklistItem.findMany({ ...query, where: { jurisdictionId: d.jurisdictionId, code: { in: codes } }, orderBy: { code: 'asc' } });
    },
  }),
);

interface NonCooperationView {
  readonly category: string;
  readonly cases: readonly ResultCategory[];
  readonly clause: string;
}

const NonCooperationRef = builder.objectRef<NonCooperationView>('NonCooperationRule').implement({
  description: '不予配合情节严重: the result category it leads to, and the cases that qualify (a result of that category names at least one)',
  fields: (t) => ({
    category: t.exposeString('category'),
    cases: t.field({ type: [ResultCategoryRef], description: 'Each case: its code, as ResultInput.nonCooperation takes it, and its Chinese label', resolve: (r) => [...r.cases] }),
    clause: t.exposeString('clause'),
  }),
});

builder.prismaObjectField('Draw', 'nonCooperation', (t) =>
  t.field({
    type: NonCooperationRef,
    nullable: true,
    description: "The pack's rule on serious non-cooperation, under the pack the draw was held with; null when it has none",
    resolve: async (d, _a, ctx) => {
      const rule = (await drawRules(ctx.db.prisma, d.id))?.nonCooperation;
      return rule ? { category: rule.category, cases: rule.cases, clause: rule.cite.clause } : null;
    },
  }),
);

interface Signer {
  readonly personId: string;
  readonly signedAt: Date | null;
  readonly inPerson: boolean | null;
}

const ResultSignerRef = builder.objectRef<Signer>('ResultSigner').implement({
  description: 'A member of the team who must sign this version (the pack decides: the whole team or the leader), and whether they have',
  fields: (t) => ({
    person: t.field({ type: TeamPersonRef, resolve: async (s, _a, ctx) => (await ctx.loaders.teamPeople.load(s.personId)) ?? unknownPerson(s.personId) }),
    signed: t.boolean({ resolve: (s) => s.signedAt !== null }),
    signedAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.signedAt }),
    inPerson: t.boolean({ nullable: true, description: 'Signed with their own login; false: a paper signature a clerk recorded; null: not signed', resolve: (s) => s.inPerson }),
  }),
});

builder.prismaObjectField('InspectionResult', 'signers', (t) =>
  t.field({
    type: [ResultSignerRef],
    description: "Who must sign this version's content before it is published (the team as it stands), leader first, and who has",
    select: { drawId: true, pickOrder: true, contentHash: true, signatures: { select: { inspectorId: true, signedAt: true, contentHash: true, inPerson: true } } },
    resolve: async (r, _a, ctx) => {
      const [rules, team] = await Promise.all([drawRules(ctx.db.prisma, r.drawId), teamOfResult(ctx.services, r)]);
      if (!rules) return [];
      const signed = new Map(r.signatures.filter((s) => s.contentHash === r.contentHash).map((s) => [s.inspectorId, s]));
      return requiredSigners(rules, team).ids.map((id) => ({ personId: id, signedAt: signed.get(id)?.signedAt ?? null, inPerson: signed.get(id)?.inPerson ?? null }));
    },
  }),
);

builder.prismaObject('ResultEvent', {
  description: 'What followed an inspection, dated (recordResultEvent): the deadlines run from or end with it',
  fields: (t) => ({
    kind: t.field({ type: ResultEventKindEnum, resolve: (e) => e.kind }),
    occurredOn: t.expose('occurredOn', { type: 'Date' }),
    rectified: t.exposeBoolean('rectified', { nullable: true, description: 'FOLLOW_UP: whether the hazards were rectified' }),
    note: t.exposeString('note', { nullable: true }),
    recordedAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.prismaObjectField('InspectionResult', 'events', (t) =>
  t.relation('events', {
    description: 'The events recorded on this version, by date (members of the jurisdiction and the levels above it; empty for others)',
    query: (_args, ctx) => ({ where: { result: { jurisdictionId: { in: readableJurisdictions(ctx.viewer) } } }, orderBy: [{ occurredOn: 'asc' }, { createdAt: 'asc' }] }),
  }),
);
