import { jurisdictionVocabulary } from '../vocabulary/jurisdiction-vocabulary.ts';
import type { Prisma, UnitKind } from '@prisma/client';
import { inspectorSpec, type InspectorRow } from '../../core/directory/kinds/index.ts';
import { builder } from './builder.ts';
import { countOnce, startCount } from './count-alongside.ts';
import { assertKeyFree, asViewer, editableJurisdiction, editableRecord, isoToDate, deactivateResolver, type Tx } from './directory-mutations.ts';
import { MUTATION_ERRORS } from './errors.ts';
import { GenderEnum, UnitKindEnum } from './enums.ts';
import { historyField } from './history.ts';
import { personalIdNumber, personalPhone } from './personal-data.ts';
import { validateInput } from './validate-input.ts';
import { likeLiteral } from '../db/like-pattern.ts';
import { pageCost } from '../limits/field-cost.ts';

export const InspectorRef = builder.prismaNode('Inspector', {
  id: { field: 'id' },
  description: '执法检查人员名录库: a certified inspector',
  fields: (t) => ({
    name: t.exposeString('name'),
    gender: t.expose('gender', { type: GenderEnum, nullable: true }),
    phone: t.string({ nullable: true, description: 'Masked for anyone outside the jurisdiction', select: { phone: true, jurisdictionId: true }, resolve: (i, _, ctx) => personalPhone(ctx, i.jurisdictionId, i.phone) }),
    idNumber: t.string({ nullable: true, description: '身份证号, masked for anyone outside the jurisdiction', select: { idNumber: true, jurisdictionId: true }, resolve: (i, _, ctx) => personalIdNumber(ctx, i.jurisdictionId, i.idNumber) }),
    certificateNumber: t.exposeString('certificateNumber', { description: '行政执法证号' }),
    certificateValidUntil: t.expose('certificateValidUntil', { type: 'Date', nullable: true }),
    unit: t.exposeString('unit'),
    unitKind: t.expose('unitKind', { type: UnitKindEnum }),
    domains: t.exposeStringList('domains', { description: 'Sector codes of the inspector\'s 执法领域' }),
    formalStaff: t.exposeBoolean('formalStaff', { description: '正式在编' }),
    active: t.exposeBoolean('active'),
    jurisdiction: t.relation('jurisdiction'),
    history: historyField(t, 'inspector'),
  }),
});

function inspectorInputFields(required: boolean) {
  return (t: any) => ({
    certificateNumber: t.string({ required }),
    name: t.string({ required }),
    gender: t.field({ type: GenderEnum, required: false }),
    phone: t.string({ required: false }),
    idNumber: t.string({ required: false }),
    certificateValidUntil: t.field({ type: 'Date', required: false }),
    unit: t.string({ required }),
    unitKind: t.field({ type: UnitKindEnum, required: false }),
    domains: t.stringList({ required: false, description: 'Sector codes or Chinese names' }),
    formalStaff: t.boolean({ required: false }),
  });
}

const InspectorInput = builder.inputType('InspectorInput', { fields: inspectorInputFields(true) });
const InspectorPatch = builder.inputType('InspectorPatch', { fields: inspectorInputFields(false) });

const toData = (row: Partial<InspectorRow>) => ({
  ...row,
  ...(row.certificateValidUntil !== undefined ? { certificateValidUntil: isoToDate(row.certificateValidUntil) } : {}),
});

const assertCertificateFree = (tx: Tx, jurisdictionId: string, certificateNumber: string, exceptId?: string) =>
  assertKeyFree(
    () => tx.inspector.findUnique({ where: { jurisdictionId_certificateNumber: { jurisdictionId, certificateNumber } }, select: { id: true } }),
    'certificateNumber',
    `执法证号 ${certificateNumber} 已在本名录中 (is already in this directory)`,
    exceptId,
  );

builder.mutationFields((t) => ({
  createInspector: t.prismaField({
    type: 'Inspector',
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: { jurisdiction: t.arg.string({ required: true }), input: t.arg({ type: InspectorInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const jurisdiction = await editableJurisdiction(ctx, args.jurisdiction);
      const row = validateInput(inspectorSpec, args.input, { partial: false, sectors: await jurisdictionVocabulary(ctx.db.sql, ctx.packs, jurisdiction.id) }) as InspectorRow;
      return asViewer(ctx, async (tx) => {
        await assertCertificateFree(tx, jurisdiction.id, row.certificateNumber);
        return tx.inspector.create({ ...query, data: { ...toData(row), jurisdictionId: jurisdiction.id } as InspectorRow & { jurisdictionId: string; certificateValidUntil: Date | null } });
      });
    },
  }),
  updateInspector: t.prismaField({
    type: 'Inspector',
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: InspectorRef }), input: t.arg({ type: InspectorPatch, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const current = await editableRecord(ctx, 'inspector', () => ctx.db.prisma.inspector.findUnique({ where: { id: args.id.id } }));
      const patch = validateInput(inspectorSpec, args.input, { partial: true, sectors: await jurisdictionVocabulary(ctx.db.sql, ctx.packs, current.jurisdictionId) });
      return asViewer(ctx, async (tx) => {
        if (patch.certificateNumber) await assertCertificateFree(tx, current.jurisdictionId, patch.certificateNumber, current.id);
        return tx.inspector.update({ ...query, where: { id: current.id }, data: toData(patch) as object });
      });
    },
  }),
  deactivateInspector: t.prismaField({
    type: 'Inspector',
    description: 'Takes an inspector out of the directory (left the bureau, lost the certificate); history stays.',
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: InspectorRef }) },
    resolve: deactivateResolver('inspector', 'inspector') as never,
  }),
}));

const inspectorWhere = (jurisdictionId: string, args: { active?: boolean | null; domain?: string | null; unitKind?: UnitKind | null; search?: string | null }): Prisma.InspectorWhereInput => ({
  jurisdictionId,
  active: args.active ?? true,
  ...(args.domain ? { domains: { has: args.domain } } : {}),
  ...(args.unitKind ? { unitKind: args.unitKind } : {}),
  ...(args.search ? { OR: [{ name: { contains: likeLiteral(args.search) } }, { certificateNumber: { contains: likeLiteral(args.search) } }] } : {}),
});

builder.prismaObjectFields('Jurisdiction', (t) => ({
  inspectors: t.prismaConnection({
    complexity: pageCost,
    type: 'Inspector',
    description: 'The inspector directory (执法检查人员名录库)',
    cursor: 'id',
    args: {
      active: t.arg.boolean({ required: false, defaultValue: true }),
      domain: t.arg.string({ required: false, description: 'Only inspectors enforcing in this sector' }),
      unitKind: t.arg({ type: UnitKindEnum, required: false }),
      search: t.arg.string({ required: false, description: 'Part of the name or the certificate number' }),
    },
    resolve: (query, j, args, ctx, info) => {
      const where = inspectorWhere(j.id, args);
      startCount(args, info, () => ctx.db.prisma.inspector.count({ where }));
      return ctx.db.prisma.inspector.findMany({ ...query, where, orderBy: [{ certificateNumber: 'asc' }, { id: 'asc' }] });
    },
    totalCount: (j, args, ctx) => countOnce(args, () => ctx.db.prisma.inspector.count({ where: inspectorWhere(j.id, args) })),
  }),
}));
