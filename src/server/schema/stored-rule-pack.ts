import { z } from 'zod';
import { Rules } from '../../core/rules/schema.ts';
import { diffPacks, type RuleDifference } from '../../rulepacks/sdk/diff-packs.ts';
import { actorOf, isMemberOf } from '../auth/viewer.ts';
import { findPack, loadStoredPacks, saveStoredPack, storedPackRows, type PackMetaInput, type SavedPack, type StoredPackRow } from '../rulepacks/stored-packs.ts';
import type { LoadedPack } from '../../rulepacks/sdk/validate-pack.ts';
import type { Context } from './context.ts';
import { builder } from './builder.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { ExplanationRef, RulePackRef } from './rule-pack.ts';

/**
 * The language of rule packs as JSON Schema (zod's own description of schema.ts): the console's
 * form is drawn from it, so a field added to the language appears without editing the form.
 */
const RULES_JSON_SCHEMA = z.toJSONSchema(Rules, { unrepresentable: 'any' });

const StoredRulePackRef = builder.objectRef<StoredPackRow & { loaded: LoadedPack | undefined; member: boolean }>('StoredRulePack').implement({
  description: 'A version of a pack a jurisdiction edited itself, kept in the database; immutable once saved',
  fields: (t) => ({
    key: t.string({ description: 'id@version', resolve: (r) => `${r.packId}@${r.version}` }),
    id: t.exposeString('packId'),
    version: t.exposeString('version'),
    extends: t.string({ nullable: true, resolve: (r) => r.meta.extends ?? null }),
    contentHash: t.exposeString('contentHash'),
    name: t.string({ resolve: (r) => r.meta.name }),
    ownSources: t.field({ type: 'JSON', description: 'The source documents this version names itself (its parent\'s are its parent\'s)', resolve: (r) => r.meta.sources }),
    ownRules: t.field({ type: 'JSON', description: 'The rules this version states itself (the rest are its parent\'s)', resolve: (r) => r.rules }),
    createdBy: t.string({ nullable: true, description: 'Members of the jurisdiction only', resolve: (r) => (r.member ? r.createdBy.replace(/^token:/, '') : null) }),
    createdAt: t.field({ type: 'DateTime', resolve: (r) => r.createdAt }),
    usedAt: t.field({ type: 'DateTime', nullable: true, description: 'When the first draw locked with it', resolve: (r) => r.usedAt }),
    pack: t.field({ type: RulePackRef, nullable: true, description: 'The pack as loaded; null when it no longer validates (see rulePackProblems)', resolve: (r) => r.loaded ?? null }),
  }),
});

const RuleDifferenceRef = builder.objectRef<RuleDifference>('RuleDifference').implement({
  description: 'One rule that differs between two packs, with its wording and clause before and after',
  fields: (t) => ({
    path: t.exposeString('path'),
    change: t.exposeString('change', { description: 'added, removed or changed' }),
    before: t.field({ type: ExplanationRef, nullable: true, resolve: (d) => d.before ?? null }),
    after: t.field({ type: ExplanationRef, nullable: true, resolve: (d) => d.after ?? null }),
  }),
});

const SavedRulePackRef = builder.objectRef<SavedPack>('SavedRulePack').implement({
  description: 'A pack validated (and, unless a dry run, saved as a new version), with its differences from the base',
  fields: (t) => ({
    pack: t.field({ type: RulePackRef, resolve: (s) => s.pack }),
    differences: t.field({ type: [RuleDifferenceRef], resolve: (s) => [...s.differences] }),
    saved: t.exposeBoolean('saved'),
  }),
});

const SourceInput = builder.inputType('RulePackSourceInput', {
  fields: (t) => ({
    id: t.string({ required: true }),
    number: t.string({ required: false, description: '文号' }),
    title: t.string({ required: true }),
    issuedBy: t.string({ required: false }),
    date: t.string({ required: false }),
  }),
});

export const MetaInput = builder.inputType('RulePackMetaInput', {
  description: "A stored pack's description; its level is the jurisdiction's and it extends the base",
  fields: (t) => ({
    id: t.string({ required: false, description: 'Needed when the base is not already this jurisdiction\'s own pack' }),
    name: t.string({ required: true }),
    version: t.string({ required: false, description: 'Default: the next minor version' }),
    sources: t.field({ type: [SourceInput], required: true }),
    inForceFrom: t.string({ required: true }),
    inForceUntil: t.string({ required: false }),
    description: t.string({ required: false }),
  }),
});

/** The jurisdiction, when the viewer is its admin or the operator. */
async function adminJurisdiction(ctx: Context, code: string) {
  const j = await ctx.db.prisma.jurisdiction.findUnique({ where: { code }, select: { id: true, code: true } });
  if (!j) throw new NotFoundError(`没有行政区划代码为 ${code} 的辖区 (No jurisdiction has code ${code})`);
  const admin = ctx.viewer.kind === 'operator' || (ctx.viewer.kind === 'token' && ctx.viewer.jurisdictionId === j.id && ctx.viewer.role === 'ADMIN');
  if (!admin) throw new ForbiddenError('只有本辖区的管理员（或平台管理员）可以编辑规则包（only an admin of the jurisdiction, or the operator, edits its rule pack）');
  return j;
}

const strip = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== '')) as T;

/** The pack's description as the store takes it, from the GraphQL input. */
export function packMetaOf(meta: typeof MetaInput.$inferInput): PackMetaInput {
  const { inForceFrom, inForceUntil, sources, id, name, version, description } = meta;
  return strip({
    id: id ?? undefined,
    name,
    version: version ?? undefined,
    sources: sources.map((s) => strip({ id: s.id, title: s.title, number: s.number ?? undefined, issuedBy: s.issuedBy ?? undefined, date: s.date ?? undefined })),
    inForce: strip({ from: inForceFrom, until: inForceUntil ?? undefined }),
    description: description ?? undefined,
  });
}

/** An unsaved edit of a jurisdiction's pack, as saveRulePack takes it (for simulateYear's compareEdit). */
export const RulePackEditInput = builder.inputType('RulePackEditInput', {
  description: 'A new version of a jurisdiction’s own pack as saveRulePack would save it, not saved',
  fields: (t) => ({
    jurisdiction: t.string({ required: true }),
    base: t.string({ required: true, description: 'id@version of the pack to start from' }),
    meta: t.field({ type: MetaInput, required: true }),
    rules: t.field({ type: 'JSON', required: true, description: 'The rules this pack states itself; each with its citation { doc, clause }' }),
  }),
});

builder.queryFields((t) => ({
  rulePackLanguage: t.field({ type: 'JSON', description: 'The rules a pack may state, as JSON Schema (drawn from the pack language itself)', resolve: () => RULES_JSON_SCHEMA }),
  storedRulePacks: t.field({
    type: [StoredRulePackRef],
    description: 'Every saved version of the packs a jurisdiction edited itself, oldest first',
    errors: { types: [NotFoundError] },
    args: { jurisdiction: t.arg.string({ required: true }) },
    resolve: async (_r, args, ctx) => {
      const j = await ctx.db.prisma.jurisdiction.findUnique({ where: { code: args.jurisdiction }, select: { id: true } });
      if (!j) throw new NotFoundError(`没有行政区划代码为 ${args.jurisdiction} 的辖区 (No jurisdiction has code ${args.jurisdiction})`);
      await loadStoredPacks(ctx.db.prisma, ctx.packs);
      const member = isMemberOf(ctx.viewer, j.id) || ctx.viewer.kind === 'operator';
      return (await storedPackRows(ctx.db.prisma, { jurisdictionId: j.id })).map((r) => ({ ...r, member, loaded: ctx.packs.packs.get(`${r.packId}@${r.version}`) }));
    },
  }),
  rulePackDiff: t.field({
    type: [RuleDifferenceRef],
    description: 'What differs between two loaded packs (id@version each), rule by rule',
    errors: { types: [NotFoundError] },
    args: { a: t.arg.string({ required: true }), b: t.arg.string({ required: true }) },
    resolve: async (_r, args, ctx) => {
      const [x, y] = await Promise.all([args.a, args.b].map((ref) => findPack(ctx.db.prisma, ctx.packs, ...(ref.split('@') as [string, string | undefined]))));
      if (!x || !y) throw new NotFoundError(`没有规则包 ${!x ? args.a : args.b}（no such rule pack）`);
      return diffPacks(x, y);
    },
  }),
}));

builder.mutationField('saveRulePack', (t) =>
  t.field({
    type: SavedRulePackRef,
    description:
      "Saves a new version of the jurisdiction's own pack, extending `base` (a built-in pack, its own, or a level above's), data only: validated as `pack validate` does, refused on the path with a Chinese message, audited. `dryRun` validates and diffs only. Admins of the jurisdiction and the operator.",
    errors: { types: [ValidationError, ForbiddenError, NotFoundError], directResult: true },
    args: {
      jurisdiction: t.arg.string({ required: true }),
      base: t.arg.string({ required: true, description: 'id@version of the pack to start from' }),
      meta: t.arg({ type: MetaInput, required: true }),
      rules: t.arg({ type: 'JSON', required: true, description: 'The rules this pack states itself; each with its citation { doc, clause }' }),
      dryRun: t.arg.boolean({ required: false }),
    },
    resolve: async (_r, args, ctx) => {
      const j = await adminJurisdiction(ctx, args.jurisdiction);
      const result = await saveStoredPack(ctx.db.prisma, ctx.packs, ctx.services.events, {
        jurisdictionId: j.id,
        base: args.base,
        meta: packMetaOf(args.meta),
        rules: args.rules,
        actor: actorOf(ctx.viewer),
        dryRun: args.dryRun ?? false,
      });
      if (!result.ok) throw new ValidationError(result.error.map((p) => ({ field: p.path, message: p.message })));
      return result.value;
    },
  }),
);

