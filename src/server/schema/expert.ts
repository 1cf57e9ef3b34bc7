import { expertSpec, type ExpertRow } from '../../core/directory/kinds/index.ts';
import { builder } from './builder.ts';
import { countOnce, startCount } from './count-alongside.ts';
import { assertKeyFree, asViewer, editableJurisdiction, editableRecord, isoToDate, deactivateResolver, type Tx } from './directory-mutations.ts';
import { MUTATION_ERRORS } from './errors.ts';
import { ExpertServiceKindEnum, GenderEnum } from './enums.ts';
import { historyField } from './history.ts';
import { personalIdNumber, personalPhone } from './personal-data.ts';
import { validateInput } from './validate-input.ts';
import { pageCost } from '../limits/field-cost.ts';

builder.prismaObject('ExpertService', {
  description: 'An enterprise the expert served: grounds for recusal (回避, 攀枝花 三(三))',
  fields: (t) => ({
    enterpriseUscc: t.exposeString('enterpriseUscc'),
    kind: t.expose('kind', { type: ExpertServiceKindEnum }),
    servedOn: t.expose('servedOn', { type: 'Date' }),
  }),
});

export const ExpertRef = builder.prismaNode('Expert', {
  id: { field: 'id' },
  description: '专家库: an expert who may be drawn into a team',
  fields: (t) => ({
    name: t.exposeString('name'),
    gender: t.expose('gender', { type: GenderEnum, nullable: true }),
    phone: t.string({ nullable: true, select: { phone: true, jurisdictionId: true }, resolve: (e, _, ctx) => personalPhone(ctx, e.jurisdictionId, e.phone) }),
    idNumber: t.string({ select: { idNumber: true, jurisdictionId: true }, resolve: (e, _, ctx) => personalIdNumber(ctx, e.jurisdictionId, e.idNumber)! }),
    specialties: t.exposeStringList('specialties'),
    employer: t.exposeString('employer', { nullable: true }),
    title: t.exposeString('title', { nullable: true }),
    active: t.exposeBoolean('active'),
    services: t.relation('services', { query: { orderBy: { servedOn: 'desc' } } }),
    jurisdiction: t.relation('jurisdiction'),
    history: historyField(t, 'expert'),
  }),
});

const ExpertServiceInput = builder.inputType('ExpertServiceInput', {
  fields: (t) => ({
    enterpriseUscc: t.string({ required: true }),
    kind: t.field({ type: ExpertServiceKindEnum, required: true }),
    servedOn: t.field({ type: 'Date', required: true }),
  }),
});

function expertInputFields(required: boolean) {
  return (t: any) => ({
    idNumber: t.string({ required }),
    name: t.string({ required }),
    gender: t.field({ type: GenderEnum, required: false }),
    phone: t.string({ required: false }),
    specialties: t.stringList({ required }),
    employer: t.string({ required: false }),
    title: t.string({ required: false }),
    services: t.field({ type: [ExpertServiceInput], required: false, description: 'Replaces all recorded services when given' }),
  });
}

const ExpertInput = builder.inputType('ExpertInput', { fields: expertInputFields(true) });
const ExpertPatch = builder.inputType('ExpertPatch', { fields: expertInputFields(false) });

// Services arrive as objects; the spec reads them in the file's "USCC|kind|date" form.
const servicesAsCell = (input: Record<string, unknown>) => {
  const services = input.services as { enterpriseUscc: string; kind: string; servedOn: string }[] | null | undefined;
  return services === undefined ? input : { ...input, services: (services ?? []).map((s) => `${s.enterpriseUscc}|${s.kind}|${s.servedOn}`).join('；') };
};

async function writeServices(tx: Tx, expert: { id: string; jurisdictionId: string }, services: ExpertRow['services'] | undefined) {
  if (services === undefined) return;
  await tx.expertService.deleteMany({ where: { expertId: expert.id } });
  await tx.expertService.createMany({
    data: services.map((s) => ({ expertId: expert.id, jurisdictionId: expert.jurisdictionId, enterpriseUscc: s.enterpriseUscc, kind: s.kind, servedOn: isoToDate(s.servedOn)! })),
  });
}

const assertIdNumberFree = (tx: Tx, jurisdictionId: string, idNumber: string, exceptId?: string) =>
  assertKeyFree(
    () => tx.expert.findUnique({ where: { jurisdictionId_idNumber: { jurisdictionId, idNumber } }, select: { id: true } }),
    'idNumber',
    '该身份证号已在专家库中 (This 身份证号 is already in the expert pool)',
    exceptId,
  );

builder.mutationFields((t) => ({
  createExpert: t.prismaField({
    type: 'Expert',
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: { jurisdiction: t.arg.string({ required: true }), input: t.arg({ type: ExpertInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const jurisdiction = await editableJurisdiction(ctx, args.jurisdiction);
      const { services, ...row } = validateInput(expertSpec, servicesAsCell(args.input), { partial: false }) as ExpertRow;
      return asViewer(ctx, async (tx) => {
        await assertIdNumberFree(tx, jurisdiction.id, row.idNumber);
        const created = await tx.expert.create({ data: { ...row, jurisdictionId: jurisdiction.id } });
        await writeServices(tx, created, services);
        return tx.expert.findUniqueOrThrow({ ...query, where: { id: created.id } });
      });
    },
  }),
  updateExpert: t.prismaField({
    type: 'Expert',
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: ExpertRef }), input: t.arg({ type: ExpertPatch, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const current = await editableRecord(ctx, 'expert', () => ctx.db.prisma.expert.findUnique({ where: { id: args.id.id } }));
      const { services, ...patch } = validateInput(expertSpec, servicesAsCell(args.input), { partial: true });
      return asViewer(ctx, async (tx) => {
        if (patch.idNumber) await assertIdNumberFree(tx, current.jurisdictionId, patch.idNumber, current.id);
        await tx.expert.update({ where: { id: current.id }, data: patch });
        await writeServices(tx, current, services);
        return tx.expert.findUniqueOrThrow({ ...query, where: { id: current.id } });
      });
    },
  }),
  deactivateExpert: t.prismaField({
    type: 'Expert',
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: ExpertRef }) },
    resolve: deactivateResolver('expert', 'expert') as never,
  }),
}));

const expertWhere = (jurisdictionId: string, args: { active?: boolean | null; specialty?: string | null }) => ({
  jurisdictionId,
  active: args.active ?? true,
  ...(args.specialty ? { specialties: { has: args.specialty } } : {}),
});

builder.prismaObjectFields('Jurisdiction', (t) => ({
  experts: t.prismaConnection({
    complexity: pageCost,
    type: 'Expert',
    description: 'The expert pool (专家库)',
    cursor: 'id',
    args: { active: t.arg.boolean({ required: false, defaultValue: true }), specialty: t.arg.string({ required: false }) },
    resolve: (query, j, args, ctx, info) => {
      const where = expertWhere(j.id, args);
      startCount(args, info, () => ctx.db.prisma.expert.count({ where }));
      return ctx.db.prisma.expert.findMany({ ...query, where, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
    },
    totalCount: (j, args, ctx) => countOnce(args, () => ctx.db.prisma.expert.count({ where: expertWhere(j.id, args) })),
  }),
}));
