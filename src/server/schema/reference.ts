import { matchObjectText, type MatchHow, type MatchPart, type ObjectMatch } from '../../core/directory/match-sectors.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { BASE_VOCABULARY, type SectorVocabulary, type VocabularySector } from '../../core/directory/sector-vocabulary.ts';
import { actorOf, canRead } from '../auth/viewer.ts';
import { may, refusal } from '../auth/permissions.ts';
import { jurisdictionVocabulary, withOwnSector } from '../vocabulary/jurisdiction-vocabulary.ts';
import { clearCorrection, correctionSectors, saveCorrection, sectorMatches, type SectorMatchRow } from '../vocabulary/sector-matches.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { asViewer } from './directory-mutations.ts';
import { ConflictError, ForbiddenError, MUTATION_ERRORS, NotFoundError, ValidationError } from './errors.ts';

const SectorSourceEnum = builder.enumType('SectorSource', {
  description: 'Where a sector comes from: BASE the national base vocabulary, PACK the jurisdiction\'s rule pack (rules.vocabulary), JURISDICTION the jurisdiction itself',
  values: ['BASE', 'PACK', 'JURISDICTION'] as const,
});

const SectorRef = builder.objectRef<VocabularySector>('Sector').implement({
  description: 'A sector (行业领域): a code, its Chinese label, the words bureaus write for it, its parent class',
  fields: (t) => ({
    code: t.exposeString('code'),
    label: t.exposeString('label'),
    aliases: t.exposeStringList('aliases'),
    group: t.string({ nullable: true, resolve: (s) => s.group ?? null }),
    parent: t.string({ nullable: true, description: 'The broader class (加油加气站 → hazardous_chemicals): for matching text and labels; the draw compares codes as they are', resolve: (s) => s.parent ?? null }),
    topic: t.boolean({ description: 'A 工贸 special topic (粉尘涉爆、涉氨制冷、有限空间、金属冶炼)', resolve: (s) => s.topic ?? false }),
    source: t.field({ type: SectorSourceEnum, resolve: (s) => s.source }),
    origin: t.string({ nullable: true, description: 'The pack (id@version) or jurisdiction (code) that added it; null for the base', resolve: (s) => s.origin }),
  }),
});

async function jurisdictionOf(ctx: Context, code: string): Promise<{ id: string; code: string }> {
  const j = await ctx.db.prisma.jurisdiction.findUnique({ where: { code }, select: { id: true, code: true } });
  if (!j) throw new NotFoundError(`没有行政区划代码为 ${code} 的辖区 (No jurisdiction has code ${code})`);
  return j;
}

async function vocabularyOf(ctx: Context, jurisdictionId: string): Promise<SectorVocabulary> {
  return jurisdictionVocabulary(ctx.db.sql, ctx.packs, jurisdictionId);
}

builder.queryField('sectors', (t) =>
  t.field({
    type: [SectorRef],
    description: 'The sectors a directory may use: the national base vocabulary, or with `jurisdiction` its effective vocabulary (base + its pack\'s + its own)',
    args: { jurisdiction: t.arg.string({ required: false, description: 'Jurisdiction code' }) },
    resolve: async (_root, args, ctx) => [...(args.jurisdiction ? await vocabularyOf(ctx, (await jurisdictionOf(ctx, args.jurisdiction)).id) : BASE_VOCABULARY).sectors],
  }),
);

const MatchHowEnum = builder.enumType('SectorMatchHow', {
  description: 'How a 检查对象 text matched: EXACT a code or label, ALIAS an alias, CONTAINS the longest name it contains, CORRECTION the bureau\'s correction, UNMATCHED nothing (for a text, its weakest part)',
  values: ['EXACT', 'ALIAS', 'CONTAINS', 'CORRECTION', 'UNMATCHED'] as const,
});
const howOf = (how: MatchHow) => how.toUpperCase() as 'EXACT' | 'ALIAS' | 'CONTAINS' | 'CORRECTION' | 'UNMATCHED';

const MatchPartRef = builder.objectRef<MatchPart>('SectorMatchPart').implement({
  description: 'One part of a 检查对象 text (split at top-level 、，；, never inside brackets) and what it matched',
  fields: (t) => ({
    text: t.exposeString('text'),
    sectors: t.stringList({ resolve: (p) => [...p.sectors] }),
    how: t.field({ type: MatchHowEnum, resolve: (p) => howOf(p.how) }),
    matched: t.string({ nullable: true, description: 'The label or alias matched', resolve: (p) => p.matched }),
  }),
});

const MatchRef = builder.objectRef<ObjectMatch>('SectorMatchResult').implement({
  fields: (t) => ({
    sectors: t.stringList({ resolve: (m) => m.sectors }),
    how: t.field({ type: MatchHowEnum, resolve: (m) => howOf(m.how) }),
    parts: t.field({ type: [MatchPartRef], resolve: (m) => m.parts }),
  }),
});

const CorrectionRef = builder.objectRef<NonNullable<SectorMatchRow['correction']>>('SectorMatchCorrection').implement({
  fields: (t) => ({
    sectors: t.stringList({ resolve: (c) => [...c.sectors] }),
    correctedBy: t.exposeString('correctedBy'),
    correctedAt: t.expose('correctedAt', { type: 'DateTime' }),
  }),
});

const SectorMatchRef = builder.objectRef<SectorMatchRow>('SectorMatch').implement({
  description: 'A distinct 检查对象 text of the checklist (or one the bureau corrected), with what the vocabulary matched and the correction in force',
  fields: (t) => ({
    text: t.exposeString('text'),
    sectors: t.stringList({ description: 'The sectors in force: the correction when there is one', resolve: (r) => r.effective.sectors }),
    how: t.field({ type: MatchHowEnum, resolve: (r) => howOf(r.effective.how) }),
    matched: t.field({ type: MatchRef, description: 'What the vocabulary alone matches', resolve: (r) => r.matched }),
    correction: t.field({ type: CorrectionRef, nullable: true, resolve: (r) => r.correction }),
    items: t.exposeInt('items', { description: 'Active checklist items with this 检查对象' }),
  }),
});

builder.prismaObjectField('Jurisdiction', 'sectorMatches', (t) =>
  t.field({
    type: [SectorMatchRef],
    description: 'How each 检查对象 text of the checklist matched sectors, and the bureau\'s corrections (members and the levels above)',
    resolve: async (j, _args, ctx) => {
      if (!canRead(ctx.viewer, j.id)) return [];
      return sectorMatches(ctx.db.prisma, await vocabularyOf(ctx, j.id), j.id);
    },
  }),
);

async function adminJurisdiction(ctx: Context, code: string) {
  const j = await jurisdictionOf(ctx, code);
  if (!may(ctx.viewer, j.id, 'vocabulary')) throw new ForbiddenError(refusal(ctx.viewer, 'vocabulary'));
  return j;
}

async function matchRow(ctx: Context, jurisdictionId: string, text: string): Promise<SectorMatchRow> {
  const rows = await sectorMatches(ctx.db.prisma, await vocabularyOf(ctx, jurisdictionId), jurisdictionId);
  const row = rows.find((r) => r.text === text);
  if (row) return row;
  const matched = matchObjectText(text, await vocabularyOf(ctx, jurisdictionId));
  return { text, matched, effective: matched, correction: null, items: 0 };
}

const SectorInput = builder.inputType('JurisdictionSectorInput', {
  fields: (t) => ({
    code: t.string({ required: true, description: 'Lowercase letters, digits and underscores (hydropower)' }),
    label: t.string({ required: true }),
    aliases: t.stringList({ required: false }),
    parent: t.string({ required: false, description: 'A code of the base, the pack or the jurisdiction' }),
  }),
});

builder.mutationFields((t) => ({
  correctSectorMatch: t.field({
    type: SectorMatchRef,
    description: 'The bureau says which sectors a 检查对象 text means (admins): saved with who and when, on the audit trail; the checklist items with this text get these sectors',
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: { jurisdiction: t.arg.string({ required: true }), text: t.arg.string({ required: true }), sectors: t.arg.stringList({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const j = await adminJurisdiction(ctx, args.jurisdiction);
      const vocabulary = await vocabularyOf(ctx, j.id);
      const valid = correctionSectors(vocabulary, args.text, args.sectors);
      if (!valid.ok) throw new ValidationError([{ field: valid.error.field, message: valid.error.message }]);
      await asViewer(ctx, (tx) => saveCorrection(tx, vocabulary, j.id, actorOf(ctx.viewer), valid.value.text, valid.value.codes));
      return matchRow(ctx, j.id, valid.value.text);
    },
  }),
  clearSectorMatch: t.field({
    type: SectorMatchRef,
    description: 'Clears the bureau\'s correction of a 检查对象 text (admins): the vocabulary matches it again, and its checklist items get those sectors',
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: { jurisdiction: t.arg.string({ required: true }), text: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const j = await adminJurisdiction(ctx, args.jurisdiction);
      const vocabulary = await vocabularyOf(ctx, j.id);
      const text = args.text.replace(/\s+/g, ' ').trim();
      const cleared = await asViewer(ctx, (tx) => clearCorrection(tx, vocabulary, j.id, actorOf(ctx.viewer), text));
      if (!cleared) throw new NotFoundError(`“${text}”没有更正 (no correction of this text)`);
      return matchRow(ctx, j.id, text);
    },
  }),
  addJurisdictionSector: t.field({
    type: SectorRef,
    description: 'Adds a sector of the jurisdiction\'s own to its vocabulary (admins), on the audit trail',
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: { jurisdiction: t.arg.string({ required: true }), input: t.arg({ type: SectorInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const j = await adminJurisdiction(ctx, args.jurisdiction);
      const entry = { code: args.input.code.trim(), label: args.input.label.trim(), aliases: (args.input.aliases ?? []).map((a) => a.trim()).filter(Boolean), ...(args.input.parent ? { parent: args.input.parent.trim() } : {}) };
      const next = await withOwnSector(ctx.db.sql, ctx.packs, j.id, entry);
      if (!next.ok) throw new ValidationError(next.error.map((p) => ({ field: p.field, message: p.message })));
      await ctx.db.prisma.$transaction(async (tx) => {
        const row = await tx.jurisdictionSector.create({ data: { jurisdictionId: j.id, code: entry.code, label: entry.label, aliases: entry.aliases, parent: entry.parent ?? null, createdBy: actorOf(ctx.viewer) } });
        await appendAudit(tx, { jurisdictionId: j.id, actor: actorOf(ctx.viewer), action: 'sector.added', subjectType: 'JurisdictionSector', subjectId: row.id, payload: entry });
      });
      return next.value.byCode(entry.code)!;
    },
  }),
  removeJurisdictionSector: t.field({
    type: SectorRef,
    description: 'Removes a sector of the jurisdiction\'s own (admins), refused while a record of its directories uses it; answers the sector removed',
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: { jurisdiction: t.arg.string({ required: true }), code: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const j = await adminJurisdiction(ctx, args.jurisdiction);
      const row = await ctx.db.prisma.jurisdictionSector.findUnique({ where: { jurisdictionId_code: { jurisdictionId: j.id, code: args.code } } });
      if (!row) throw new NotFoundError(`本辖区没有自设的行业领域 ${args.code} (no own sector with this code)`);
      const [use] = await ctx.db.sql.query<{ n: number }>(
        `SELECT ((SELECT count(*) FROM enterprise WHERE jurisdiction_id = $1 AND sector = $2) + (SELECT count(*) FROM inspector WHERE jurisdiction_id = $1 AND $2 = ANY(domains))
          + (SELECT count(*) FROM checklist_item WHERE jurisdiction_id = $1 AND $2 = ANY(sectors)) + (SELECT count(*) FROM jurisdiction_sector WHERE jurisdiction_id = $1 AND parent = $2))::int AS n`,
        [j.id, args.code],
      );
      if (use!.n > 0) throw new ConflictError('code', `行业领域“${row.label}”仍有 ${use!.n} 条名录记录或下级行业使用，不能删除 (still in use)`);
      await ctx.db.prisma.$transaction(async (tx) => {
        await tx.jurisdictionSector.delete({ where: { id: row.id } });
        await appendAudit(tx, { jurisdictionId: j.id, actor: actorOf(ctx.viewer), action: 'sector.removed', subjectType: 'JurisdictionSector', subjectId: row.id, payload: { code: row.code, label: row.label } });
      });
      return { code: row.code, label: row.label, aliases: row.aliases, ...(row.parent ? { parent: row.parent } : {}), source: 'JURISDICTION' as const, origin: j.code };
    },
  }),
}));
