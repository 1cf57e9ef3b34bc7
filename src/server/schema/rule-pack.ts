import { chinaDate } from '../../core/calendar/china-date.ts';
import { packKey } from '../../rulepacks/registry.ts';
import { explainPack, type Explanation } from '../../rulepacks/sdk/explain.ts';
import type { PackProblem } from '../../rulepacks/sdk/problem.ts';
import type { LoadedPack } from '../../rulepacks/sdk/validate-pack.ts';
import { actorOf } from '../auth/viewer.ts';
import { switchRulePack } from '../rulepacks/switch-rule-pack.ts';
import { findPack, loadStoredPacks } from '../rulepacks/stored-packs.ts';
import { builder } from './builder.ts';
import { editableJurisdiction } from './directory-mutations.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { JurisdictionLevelEnum } from './enums.ts';

export const CitationRef = builder.objectRef<{ doc: string; clause: string; default?: boolean | undefined; note?: string | undefined }>('Citation').implement({
  description: 'The clause of a source document a rule comes from',
  fields: (t) => ({
    document: t.exposeString('doc'),
    clause: t.exposeString('clause'),
    isDefault: t.boolean({ description: 'The document is silent and the pack supplies a default', resolve: (c) => c.default ?? false }),
    note: t.string({ nullable: true, resolve: (c) => c.note ?? null }),
  }),
});

export const ExplanationRef = builder.objectRef<Explanation>('RuleExplanation').implement({
  description: 'One rule in plain words, with its clause',
  fields: (t) => ({
    path: t.exposeString('path'),
    zh: t.exposeString('zh'),
    en: t.exposeString('en'),
    source: t.exposeString('source', { description: '文号 (or title) and clause' }),
    citation: t.field({ type: CitationRef, resolve: (e) => e.cite }),
  }),
});

const SourceRef = builder.objectRef<LoadedPack['meta']['sources'][number]>('RulePackSource').implement({
  fields: (t) => ({
    id: t.exposeString('id'),
    number: t.string({ nullable: true, resolve: (s) => s.number ?? null }),
    title: t.exposeString('title'),
    issuedBy: t.string({ nullable: true, resolve: (s) => s.issuedBy ?? null }),
    date: t.string({ nullable: true, resolve: (s) => s.date ?? null }),
  }),
});

export const RulePackRef = builder.objectRef<LoadedPack>('RulePack').implement({
  description: "A jurisdiction's rules, as data with the clause of every rule",
  fields: (t) => ({
    key: t.string({ description: 'id@version', resolve: packKey }),
    id: t.string({ resolve: (p) => p.meta.id }),
    version: t.string({ resolve: (p) => p.meta.version }),
    name: t.string({ resolve: (p) => p.meta.name }),
    level: t.field({ type: JurisdictionLevelEnum, resolve: (p) => p.meta.level }),
    extends: t.string({ nullable: true, resolve: (p) => p.meta.extends ?? null }),
    inForceFrom: t.string({ resolve: (p) => p.meta.inForce.from }),
    inForceUntil: t.string({ nullable: true, resolve: (p) => p.meta.inForce.until ?? null }),
    sources: t.field({ type: [SourceRef], resolve: (p) => [...p.meta.sources, ...(p.parent?.meta.sources ?? [])] }),
    contentHash: t.string({ description: 'SHA-256 of the pack\'s canonical content; every draw records it', resolve: (p) => p.contentHash }),
    rules: t.field({ type: 'JSON', description: 'The rules in force (the parent\'s, overridden by this pack\'s)', resolve: (p) => p.rules }),
    explanations: t.field({ type: [ExplanationRef], resolve: (p) => explainPack(p) }),
    hooks: t.stringList({ description: 'The extension points this pack implements', resolve: (p) => Object.keys(p.hooks) }),
  }),
});

/** Absolute paths on the server (PACKS_DIR's location, a module's file) reduced to their last part: nobody outside needs the server's folders. */
export function withoutServerPaths(text: string): string {
  return text.replace(/(?:file:\/\/)?(?:[A-Za-z]:)?(?:[\\/][^\s'"`:,;()\\/]+)+[\\/]?/g, (path) => {
    const parts = path.split(/[\\/]/).filter(Boolean);
    return parts.length > 1 ? `…/${parts.at(-1)}` : path;
  });
}

const PackProblemRef = builder.objectRef<PackProblem>('RulePackProblem').implement({
  description: 'Why a pack was refused at load',
  fields: (t) => ({
    code: t.exposeString('code'),
    file: t.string({ nullable: true, description: "The pack's file name (built-in:<id> for a built-in pack); never the server's folders", resolve: (p) => (p.file ? withoutServerPaths(p.file) : null) }),
    path: t.exposeString('path'),
    message: t.string({ resolve: (p) => withoutServerPaths(p.message) }),
    citations: t.field({ type: [CitationRef], resolve: (p) => [...(p.cites ?? [])] }),
  }),
});

builder.prismaObject('RulePackSwitch', {
  fields: (t) => ({
    fromPack: t.exposeString('fromPack', { nullable: true }),
    toPack: t.exposeString('toPack'),
    contentHash: t.exposeString('contentHash'),
    actor: t.exposeString('actor'),
    reason: t.exposeString('reason', { nullable: true }),
    switchedAt: t.expose('switchedAt', { type: 'DateTime' }),
  }),
});

builder.queryFields((t) => ({
  rulePacks: t.field({
    type: [RulePackRef],
    description: 'Every loaded rule pack, by id and version: built-in, PACKS_DIR and stored in the database',
    resolve: async (_r, _a, ctx) => {
      await loadStoredPacks(ctx.db.prisma, ctx.packs);
      return ctx.packs.list();
    },
  }),
  rulePack: t.field({
    type: RulePackRef,
    nullable: true,
    args: { id: t.arg.string({ required: true }), version: t.arg.string({ required: false, description: 'Default: the newest' }) },
    resolve: async (_r, args, ctx) => (await findPack(ctx.db.prisma, ctx.packs, args.id, args.version ?? undefined)) ?? null,
  }),
  rulePackProblems: t.field({
    type: [PackProblemRef],
    description: 'Packs refused at load, and why (the others are in use); a stored pack is named stored:<id@version>',
    resolve: async (_r, _a, ctx) => {
      await loadStoredPacks(ctx.db.prisma, ctx.packs);
      return [...ctx.packs.problems];
    },
  }),
}));

builder.prismaObjectFields('Jurisdiction', (t) => ({
  rulePack: t.field({
    type: RulePackRef,
    nullable: true,
    description: 'The active rule pack',
    select: { rulePackId: true, rulePackVersion: true },
    resolve: async (j, _a, ctx) => (j.rulePackId ? (ctx.packs.get(j.rulePackId, j.rulePackVersion ?? undefined) ?? (await findPack(ctx.db.prisma, ctx.packs, j.rulePackId, j.rulePackVersion ?? undefined)) ?? null) : null),
  }),
  rulePackHistory: t.relation('rulePackSwitches', { description: 'Every switch of rule pack, oldest first', query: { orderBy: { switchedAt: 'asc' } } }),
}));

builder.mutationField('switchRulePack', (t) =>
  t.prismaField({
    type: 'Jurisdiction',
    description: "Makes a pack the jurisdiction's active pack (admins of the jurisdiction); the switch is recorded with the pack's content hash.",
    errors: { types: [ValidationError, ForbiddenError, NotFoundError], directResult: true },
    args: {
      jurisdiction: t.arg.string({ required: true }),
      pack: t.arg.string({ required: true, description: 'Pack id' }),
      version: t.arg.string({ required: false }),
      reason: t.arg.string({ required: false }),
    },
    resolve: async (query, _root, args, ctx) => {
      const jurisdiction = await editableJurisdiction(ctx, args.jurisdiction);
      if (ctx.viewer.kind !== 'token' || ctx.viewer.role !== 'ADMIN') throw new ForbiddenError('Only an admin of the jurisdiction switches its rule pack');
      const result = await switchRulePack(ctx.db.prisma, ctx.packs, {
        jurisdictionId: jurisdiction.id,
        packId: args.pack,
        version: args.version ?? undefined,
        actor: actorOf(ctx.viewer),
        reason: args.reason ?? undefined,
        onDate: chinaDate(new Date()),
      });
      if (!result.ok) throw new ValidationError([{ field: result.error.field, message: result.error.message }]);
      return ctx.db.prisma.jurisdiction.findUniqueOrThrow({ ...query, where: { id: jurisdiction.id } });
    },
  }),
);
