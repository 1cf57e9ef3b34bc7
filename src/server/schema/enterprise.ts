import { jurisdictionVocabulary } from '../vocabulary/jurisdiction-vocabulary.ts';
import type { Prisma } from '@prisma/client';
import { enterpriseSpec, type EnterpriseRow } from '../../core/directory/kinds/index.ts';
import { builder } from './builder.ts';
import { countOnce, startCount } from './count-alongside.ts';
import { JurisdictionRef } from './jurisdiction.ts';
import { assertKeyFree, asViewer, editableJurisdiction, editableRecord, deactivateResolver, type Tx } from './directory-mutations.ts';
import { MUTATION_ERRORS, NotFoundError } from './errors.ts';
import { CreditLevelEnum, EnterpriseRecordKindEnum, EnterpriseScaleEnum, OperatingStatusEnum, RiskLevelEnum, SortDirectionEnum } from './enums.ts';
import { historyField } from './history.ts';
import { personalName, personalPhone } from './personal-data.ts';
import { validateInput } from './validate-input.ts';
import { likeLiteral } from '../db/like-pattern.ts';
import { pageCost } from '../limits/field-cost.ts';

export const EnterpriseRecordRef = builder.prismaObject('EnterpriseRecord', {
  fields: (t) => ({
    kind: t.expose('kind', { type: EnterpriseRecordKindEnum }),
    occurredOn: t.expose('occurredOn', { type: 'Date' }),
    description: t.exposeString('description', { nullable: true }),
    reference: t.exposeString('reference', { nullable: true }),
    withdrawnOn: t.expose('withdrawnOn', { type: 'Date', nullable: true, description: 'Withdrawn by a correction of the result that wrote it: kept, no longer counted in draws' }),
    withdrawnReason: t.exposeString('withdrawnReason', { nullable: true }),
  }),
});

export const EnterpriseRef = builder.prismaNode('Enterprise', {
  id: { field: 'id' },
  // Load only the columns a query asks for: a page of 100 rows costs less to materialise.
  select: { id: true, jurisdictionId: true },
  description: '市场主体名录库: an enterprise in one jurisdiction\'s directory',
  fields: (t) => ({
    uscc: t.exposeString('uscc', { description: '统一社会信用代码' }),
    name: t.exposeString('name'),
    legalRepresentative: t.string({ nullable: true, description: '法定代表人: in full for members of the jurisdiction, masked (张*) for everyone else', select: { legalRepresentative: true, jurisdictionId: true }, resolve: (e, _, ctx) => personalName(ctx, e.jurisdictionId, e.legalRepresentative) }),
    address: t.exposeString('address', { nullable: true }),
    contactPerson: t.string({ nullable: true, description: '联系人: in full for members of the jurisdiction, masked for everyone else', select: { contactPerson: true, jurisdictionId: true }, resolve: (e, _, ctx) => personalName(ctx, e.jurisdictionId, e.contactPerson) }),
    phone: t.string({ nullable: true, select: { phone: true, jurisdictionId: true }, resolve: (e, _, ctx) => personalPhone(ctx, e.jurisdictionId, e.phone) }),
    sector: t.exposeString('sector'),
    subSector: t.exposeString('subSector', { nullable: true }),
    scale: t.expose('scale', { type: EnterpriseScaleEnum, nullable: true }),
    riskLevel: t.expose('riskLevel', { type: RiskLevelEnum }),
    creditLevel: t.expose('creditLevel', { type: CreditLevelEnum }),
    blacklisted: t.exposeBoolean('blacklisted'),
    keyHighDanger: t.exposeBoolean('keyHighDanger'),
    majorHazardSource: t.exposeBoolean('majorHazardSource'),
    township: t.exposeString('township', { nullable: true }),
    operatingStatus: t.expose('operatingStatus', { type: OperatingStatusEnum }),
    aboveDesignatedSize: t.exposeBoolean('aboveDesignatedSize', { description: '规上 (规模以上): above designated size; a directory flag no rule of the draw reads' }),
    active: t.exposeBoolean('active'),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    jurisdiction: t.relation('jurisdiction'),
    records: t.relation('records', { query: { orderBy: { occurredOn: 'desc' } }, description: 'Complaints, accidents, penalties and serious violations, newest first; those a correction withdrew stay, with withdrawnOn, and no draw counts them' }),
    alsoSupervisedBy: t.field({
      type: [JurisdictionRef],
      description: 'Other jurisdictions whose directory holds this USCC (supervised at several levels)',
      select: { uscc: true, jurisdictionId: true },
      resolve: async (e, _, ctx) => (await ctx.loaders.jurisdictionsByUscc.load(e.uscc)).filter((j) => j.id !== e.jurisdictionId),
    }),
    history: historyField(t, 'enterprise'),
  }),
});

export const EnterpriseFilter = builder.inputType('EnterpriseFilter', {
  fields: (t) => ({
    sector: t.stringList({ required: false, description: 'Sector codes (see Query.sectors)' }),
    riskLevel: t.field({ type: [RiskLevelEnum], required: false }),
    creditLevel: t.field({ type: [CreditLevelEnum], required: false }),
    blacklisted: t.boolean({ required: false }),
    keyHighDanger: t.boolean({ required: false }),
    majorHazardSource: t.boolean({ required: false }),
    aboveDesignatedSize: t.boolean({ required: false, description: '规上 (规模以上)' }),
    township: t.string({ required: false }),
    operatingStatus: t.field({ type: [OperatingStatusEnum], required: false }),
    active: t.boolean({ required: false, description: 'Default true: deactivated enterprises are left out' }),
    search: t.string({ required: false, description: 'Part of the name, or the start of the USCC' }),
  }),
});

export const EnterpriseOrderField = builder.enumType('EnterpriseOrderField', { values: ['NAME', 'USCC', 'RISK_LEVEL', 'UPDATED_AT'] as const });
export const EnterpriseOrder = builder.inputType('EnterpriseOrder', {
  fields: (t) => ({
    field: t.field({ type: EnterpriseOrderField, required: true }),
    direction: t.field({ type: SortDirectionEnum, required: false, defaultValue: 'ASC' }),
  }),
});

type FilterInput = typeof EnterpriseFilter.$inferInput;
type OrderInput = typeof EnterpriseOrder.$inferInput;

export function enterpriseWhere(jurisdictionId: string, f: FilterInput | null | undefined): Prisma.EnterpriseWhereInput {
  const where: Prisma.EnterpriseWhereInput = { jurisdictionId, active: f?.active ?? true };
  if (f?.sector?.length) where.sector = { in: f.sector };
  if (f?.riskLevel?.length) where.riskLevel = { in: f.riskLevel };
  if (f?.creditLevel?.length) where.creditLevel = { in: f.creditLevel };
  if (f?.operatingStatus?.length) where.operatingStatus = { in: f.operatingStatus };
  if (f?.blacklisted != null) where.blacklisted = f.blacklisted;
  if (f?.keyHighDanger != null) where.keyHighDanger = f.keyHighDanger;
  if (f?.majorHazardSource != null) where.majorHazardSource = f.majorHazardSource;
  if (f?.aboveDesignatedSize != null) where.aboveDesignatedSize = f.aboveDesignatedSize;
  if (f?.township) where.township = f.township;
  const search = f?.search?.trim();
  if (search) where.OR = [{ name: { contains: likeLiteral(search) } }, { uscc: { startsWith: likeLiteral(search.toUpperCase()) } }];
  return where;
}

const ORDER_COLUMN = { NAME: 'name', USCC: 'uscc', RISK_LEVEL: 'riskLevel', UPDATED_AT: 'updatedAt' } as const;

/** Ordered by the chosen field, then by id so that cursors are stable. */
export function enterpriseOrderBy(order: OrderInput | null | undefined): Prisma.EnterpriseOrderByWithRelationInput[] {
  const direction = order?.direction === 'DESC' ? 'desc' : 'asc';
  return [{ [ORDER_COLUMN[order?.field ?? 'NAME']]: direction }, { id: 'asc' }];
}

// Create and update take the same fields; create requires what the directory requires.
function enterpriseInputFields(required: boolean) {
  return (t: any) => ({
    uscc: t.string({ required }),
    name: t.string({ required }),
    legalRepresentative: t.string({ required: false }),
    address: t.string({ required: false }),
    contactPerson: t.string({ required: false }),
    phone: t.string({ required: false }),
    sector: t.string({ required, description: 'Sector code or Chinese name' }),
    subSector: t.string({ required: false }),
    scale: t.field({ type: EnterpriseScaleEnum, required: false }),
    riskLevel: t.field({ type: RiskLevelEnum, required: false }),
    creditLevel: t.field({ type: CreditLevelEnum, required: false }),
    blacklisted: t.boolean({ required: false }),
    keyHighDanger: t.boolean({ required: false }),
    majorHazardSource: t.boolean({ required: false }),
    township: t.string({ required: false }),
    operatingStatus: t.field({ type: OperatingStatusEnum, required: false }),
    aboveDesignatedSize: t.boolean({ required: false, description: '规上 (规模以上)' }),
  });
}

const EnterpriseInput = builder.inputType('EnterpriseInput', { fields: enterpriseInputFields(true) });
const EnterprisePatch = builder.inputType('EnterprisePatch', { fields: enterpriseInputFields(false) });

const assertUsccFree = (tx: Tx, jurisdictionId: string, uscc: string, exceptId?: string) =>
  assertKeyFree(
    () => tx.enterprise.findUnique({ where: { jurisdictionId_uscc: { jurisdictionId, uscc } }, select: { id: true } }),
    'uscc',
    `统一社会信用代码 ${uscc} 已在本名录中 (is already in this directory)`,
    exceptId,
  );

builder.mutationFields((t) => ({
  createEnterprise: t.prismaField({
    type: 'Enterprise',
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: { jurisdiction: t.arg.string({ required: true, description: 'Jurisdiction code' }), input: t.arg({ type: EnterpriseInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const jurisdiction = await editableJurisdiction(ctx, args.jurisdiction);
      const row = validateInput(enterpriseSpec, args.input, { partial: false, sectors: await jurisdictionVocabulary(ctx.db.sql, ctx.packs, jurisdiction.id) }) as EnterpriseRow;
      return asViewer(ctx, async (tx) => {
        await assertUsccFree(tx, jurisdiction.id, row.uscc);
        return tx.enterprise.create({ ...query, data: { ...row, jurisdictionId: jurisdiction.id } });
      });
    },
  }),
  updateEnterprise: t.prismaField({
    type: 'Enterprise',
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: EnterpriseRef }), input: t.arg({ type: EnterprisePatch, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const current = await editableRecord(ctx, 'enterprise', () => ctx.db.prisma.enterprise.findUnique({ where: { id: args.id.id } }));
      const patch = validateInput(enterpriseSpec, args.input, { partial: true, sectors: await jurisdictionVocabulary(ctx.db.sql, ctx.packs, current.jurisdictionId) });
      return asViewer(ctx, async (tx) => {
        if (patch.uscc) await assertUsccFree(tx, current.jurisdictionId, patch.uscc, current.id);
        return tx.enterprise.update({ ...query, where: { id: current.id }, data: patch });
      });
    },
  }),
  deactivateEnterprise: t.prismaField({
    type: 'Enterprise',
    description: 'Takes an enterprise out of the directory; its history stays.',
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: EnterpriseRef }) },
    resolve: deactivateResolver('enterprise', 'enterprise') as never,
  }),
  addEnterpriseRecord: t.prismaField({
    type: 'Enterprise',
    description: 'Adds a dated complaint, accident, penalty or serious violation to an enterprise.',
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: {
      enterprise: t.arg.globalID({ required: true, for: EnterpriseRef }),
      kind: t.arg({ type: EnterpriseRecordKindEnum, required: true }),
      occurredOn: t.arg({ type: 'Date', required: true }),
      description: t.arg.string({ required: false }),
      reference: t.arg.string({ required: false }),
    },
    resolve: async (query, _root, args, ctx) => {
      const e = await editableRecord(ctx, 'enterprise', () => ctx.db.prisma.enterprise.findUnique({ where: { id: args.enterprise.id } }));
      return asViewer(ctx, async (tx) => {
        await tx.enterpriseRecord.create({
          data: { enterpriseId: e.id, jurisdictionId: e.jurisdictionId, kind: args.kind, occurredOn: new Date(`${args.occurredOn}T00:00:00Z`), description: args.description ?? null, reference: args.reference ?? null },
        });
        const updated = await tx.enterprise.findUnique({ ...query, where: { id: e.id } });
        if (!updated) throw new NotFoundError('没有这个编号的企业 (No enterprise has this id)');
        return updated;
      });
    },
  }),
}));

// A connection with its own scoped count: Prisma's relation _count would aggregate over every
// jurisdiction before joining, which cannot use the (jurisdiction_id, …) index.
builder.prismaObjectFields('Jurisdiction', (t) => ({
  enterprises: t.prismaConnection({
    complexity: pageCost,
    type: 'Enterprise',
    description: 'The enterprise directory (市场主体名录库), filtered and ordered',
    cursor: 'id',
    args: { filter: t.arg({ type: EnterpriseFilter, required: false }), orderBy: t.arg({ type: EnterpriseOrder, required: false }) },
    resolve: (query, j, args, ctx, info) => {
      const where = enterpriseWhere(j.id, args.filter);
      startCount(args, info, () => ctx.db.prisma.enterprise.count({ where }));
      return ctx.db.prisma.enterprise.findMany({ ...query, where, orderBy: enterpriseOrderBy(args.orderBy) });
    },
    totalCount: (j, args, ctx) => countOnce(args, () => ctx.db.prisma.enterprise.count({ where: enterpriseWhere(j.id, args.filter) })),
  }),
}));
