import { jurisdictionVocabulary } from '../vocabulary/jurisdiction-vocabulary.ts';
import { parseFrequency, parseRatio } from '../../core/checklist/ratio-frequency.ts';
import { checklistSpec, type ChecklistRow } from '../../core/directory/kinds/index.ts';
import { builder } from './builder.ts';
import { countOnce, startCount } from './count-alongside.ts';
import { assertKeyFree, asViewer, editableJurisdiction, editableRecord, deactivateResolver, type Tx } from './directory-mutations.ts';
import { MUTATION_ERRORS, ValidationError } from './errors.ts';
import { historyField } from './history.ts';
import { validateInput } from './validate-input.ts';
import { pageCost } from '../limits/field-cost.ts';

const ExtraColumnRef = builder.objectRef<{ header: string; value: string }>('ChecklistExtraColumn').implement({
  description: 'A column of an imported checklist file kept as it was: its header and this item\'s value',
  fields: (t) => ({ header: t.exposeString('header'), value: t.exposeString('value') }),
});

export const ChecklistItemRef = builder.prismaNode('ChecklistItem', {
  id: { field: 'id' },
  description: '抽查事项清单: an inspection item; items may have sub-items',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    content: t.exposeString('content', { nullable: true }),
    legalBasis: t.exposeString('legalBasis', { nullable: true }),
    sectors: t.exposeStringList('sectors'),
    method: t.exposeString('method', { nullable: true }),
    department: t.exposeString('department', { nullable: true }),
    level: t.exposeString('level', { nullable: true }),
    category: t.exposeString('category', { nullable: true, description: '抽查类别 (一般检查/重点检查), as published' }),
    itemKind: t.exposeString('itemKind', { nullable: true, description: '事项类别, as published' }),
    inspectionObject: t.exposeString('inspectionObject', { nullable: true, description: '检查对象, whole and as published (sectors are what it matched)' }),
    subject: t.exposeString('subject', { nullable: true, description: '检查主体' }),
    inspectorRequirement: t.exposeString('inspectorRequirement', { nullable: true, description: '检查人员要求' }),
    remarks: t.exposeString('remarks', { nullable: true, description: '备注' }),
    ratioText: t.exposeString('ratioText', { nullable: true, description: '抽查比例 as published ("不低于5%")' }),
    ratioPercent: t.float({ nullable: true, description: 'The 抽查比例 in percent when its text reads as one', resolve: (c) => (c.ratioPercent === null ? null : Number(c.ratioPercent)) }),
    ratioMinimum: t.exposeBoolean('ratioMinimum', { nullable: true, description: 'The ratio is a minimum (不低于…)' }),
    frequencyText: t.exposeString('frequencyText', { nullable: true, description: '抽查频次 as published ("每年一次")' }),
    frequencyPeriod: t.exposeString('frequencyPeriod', { nullable: true, description: 'year, half_year, quarter or month, when the 抽查频次 reads as one' }),
    extraColumns: t.field({
      type: [ExtraColumnRef],
      description: 'Columns of the imported file the checklist has no field for, as they were (every column is kept)',
      resolve: (c) => Object.entries((c.extra ?? {}) as Record<string, string>).map(([header, value]) => ({ header, value })),
    }),
    active: t.exposeBoolean('active'),
    parent: t.relation('parent', { nullable: true }),
    children: t.relation('children', { query: { where: { active: true }, orderBy: { code: 'asc' } } }),
    history: historyField(t, 'checklist_item'),
  }),
});

function checklistInputFields(required: boolean) {
  return (t: any) => ({
    code: t.string({ required }),
    name: t.string({ required }),
    content: t.string({ required: false }),
    legalBasis: t.string({ required: false }),
    sectors: t.stringList({ required: false }),
    method: t.string({ required: false }),
    department: t.string({ required: false }),
    level: t.string({ required: false }),
    category: t.string({ required: false }),
    itemKind: t.string({ required: false }),
    inspectionObject: t.string({ required: false }),
    subject: t.string({ required: false }),
    inspectorRequirement: t.string({ required: false }),
    remarks: t.string({ required: false }),
    ratioText: t.string({ required: false, description: '抽查比例 as published; its value is read from it' }),
    frequencyText: t.string({ required: false, description: '抽查频次 as published; its period is read from it' }),
    parentCode: t.string({ required: false, description: 'Code of the parent item, for a sub-item' }),
  });
}

const ChecklistItemInput = builder.inputType('ChecklistItemInput', { fields: checklistInputFields(true) });
const ChecklistItemPatch = builder.inputType('ChecklistItemPatch', { fields: checklistInputFields(false) });

/** The parent's id for a parent code; the item may not become its own ancestor. */
async function parentIdOf(tx: Tx, jurisdictionId: string, parentCode: string | null | undefined, selfId?: string): Promise<string | null | undefined> {
  if (parentCode === undefined) return undefined;
  if (parentCode === null) return null;
  const parent = await tx.checklistItem.findUnique({ where: { jurisdictionId_code: { jurisdictionId, code: parentCode } }, select: { id: true } });
  if (!parent) throw new ValidationError([{ field: 'parentCode', message: `没有编码为 ${parentCode} 的检查事项 (no checklist item has this code)` }]);
  for (let at: string | null = parent.id; at; ) {
    if (at === selfId) throw new ValidationError([{ field: 'parentCode', message: '事项不能成为自己的上级 (an item cannot be its own ancestor)' }]);
    at = (await tx.checklistItem.findUnique({ where: { id: at }, select: { parentId: true } }))?.parentId ?? null;
  }
  return parent.id;
}

/** The values read from 抽查比例 and 抽查频次 (the file import does the same: writers.ts). */
function parsedRatioFrequency(row: Partial<ChecklistRow>) {
  const ratio = row.ratioText === undefined ? undefined : row.ratioText === null ? null : parseRatio(row.ratioText);
  return {
    ...(ratio === undefined ? {} : { ratioPercent: ratio?.percent ?? null, ratioMinimum: ratio?.minimum ?? null }),
    ...(row.frequencyText === undefined ? {} : { frequencyPeriod: row.frequencyText === null ? null : parseFrequency(row.frequencyText) }),
  };
}

const assertCodeFree = (tx: Tx, jurisdictionId: string, code: string, exceptId?: string) =>
  assertKeyFree(
    () => tx.checklistItem.findUnique({ where: { jurisdictionId_code: { jurisdictionId, code } }, select: { id: true } }),
    'code',
    `事项编码 ${code} 已在本清单中 (is already in this checklist)`,
    exceptId,
  );

builder.mutationFields((t) => ({
  createChecklistItem: t.prismaField({
    type: 'ChecklistItem',
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: { jurisdiction: t.arg.string({ required: true }), input: t.arg({ type: ChecklistItemInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const jurisdiction = await editableJurisdiction(ctx, args.jurisdiction);
      const { parentCode, subItem: _subItem, extra: _extra, ...row } = validateInput(checklistSpec, args.input, { partial: false, sectors: await jurisdictionVocabulary(ctx.db.sql, ctx.packs, jurisdiction.id) }) as ChecklistRow;
      return asViewer(ctx, async (tx) => {
        await assertCodeFree(tx, jurisdiction.id, row.code);
        const parentId = await parentIdOf(tx, jurisdiction.id, parentCode);
        return tx.checklistItem.create({ ...query, data: { ...row, ...parsedRatioFrequency(row), jurisdictionId: jurisdiction.id, parentId: parentId ?? null } });
      });
    },
  }),
  updateChecklistItem: t.prismaField({
    type: 'ChecklistItem',
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: ChecklistItemRef }), input: t.arg({ type: ChecklistItemPatch, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const current = await editableRecord(ctx, 'checklist item', () => ctx.db.prisma.checklistItem.findUnique({ where: { id: args.id.id } }));
      const { parentCode, subItem: _subItem, extra: _extra, ...patch } = validateInput(checklistSpec, args.input, { partial: true, sectors: await jurisdictionVocabulary(ctx.db.sql, ctx.packs, current.jurisdictionId) });
      return asViewer(ctx, async (tx) => {
        if (patch.code) await assertCodeFree(tx, current.jurisdictionId, patch.code, current.id);
        const parentId = await parentIdOf(tx, current.jurisdictionId, args.input.parentCode === undefined ? undefined : (parentCode ?? null), current.id);
        return tx.checklistItem.update({ ...query, where: { id: current.id }, data: { ...patch, ...parsedRatioFrequency(patch), ...(parentId !== undefined ? { parentId } : {}) } });
      });
    },
  }),
  deactivateChecklistItem: t.prismaField({
    type: 'ChecklistItem',
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: ChecklistItemRef }) },
    resolve: deactivateResolver('checklistItem', 'checklist item') as never,
  }),
}));

const checklistWhere = (jurisdictionId: string, sector: string | null | undefined) => ({ jurisdictionId, active: true, ...(sector ? { sectors: { has: sector } } : {}) });

builder.prismaObjectFields('Jurisdiction', (t) => ({
  checklist: t.relation('checklistItems', {
    description: 'The top-level checklist items (抽查事项清单); sub-items hang under children',
    query: { where: { parentId: null, active: true }, orderBy: { code: 'asc' } },
  }),
  checklistItems: t.prismaConnection({
    complexity: pageCost,
    type: 'ChecklistItem',
    description: 'Every checklist item, flat',
    cursor: 'id',
    args: { sector: t.arg.string({ required: false }) },
    resolve: (query, j, args, ctx, info) => {
      const where = checklistWhere(j.id, args.sector);
      startCount(args, info, () => ctx.db.prisma.checklistItem.count({ where }));
      return ctx.db.prisma.checklistItem.findMany({ ...query, where, orderBy: [{ code: 'asc' }, { id: 'asc' }] });
    },
    totalCount: (j, args, ctx) => countOnce(args, () => ctx.db.prisma.checklistItem.count({ where: checklistWhere(j.id, args.sector) })),
  }),
}));
