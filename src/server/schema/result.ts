import type { Prisma } from '@prisma/client';
import { ResultEventKind } from '@prisma/client';
import type { Handling, HazardFinding, ItemFinding, ResultContent } from '../../core/results/types.ts';
import { readableJurisdictions, type Viewer } from '../auth/viewer.ts';
import { visibleTasks } from '../auth/visibility.ts';
import { categoryLabel } from '../results/draw-rules.ts';
import { answerObjection, fileObjection, reviewObjection } from '../results/objections.ts';
import { recordResultEvent } from '../results/result-events.ts';
import { correctResult, publishResult, recordResult, signCorrection, signResult, updateResult } from '../results/results.ts';
import { builder } from './builder.ts';
import { personOf } from './person-ref.ts';
import { TASK_ERRORS, unwrap } from './errors.ts';
import { TaskRef } from './task.ts';
import { likeLiteral } from '../db/like-pattern.ts';
import { pageCost } from '../limits/field-cost.ts';

/** Results a viewer may see: members all of their jurisdiction's, everyone the published ones of published tasks. */
export function visibleResults(viewer: Viewer): Prisma.InspectionResultWhereInput {
  const published: Prisma.InspectionResultWhereInput = { status: 'PUBLISHED', task: visibleTasks({ kind: 'public' }) };
  return viewer.kind === 'token' ? { OR: [{ jurisdictionId: { in: readableJurisdictions(viewer) } }, published] } : published;
}

export const ResultStatusEnum = builder.enumType('ResultStatus', { values: ['DRAFT', 'PUBLISHED'] as const, description: '录入中, 已公示' });
export const ResultEventKindEnum = builder.enumType(ResultEventKind, { name: 'ResultEventKind' });
const ItemOutcomeEnum = builder.enumType('ItemOutcome', { values: ['COMPLIANT', 'NONCOMPLIANT', 'NOT_APPLICABLE'] as const });
const TransferToEnum = builder.enumType('TransferTo', { values: ['AUTHORITY', 'JUDICIAL'] as const, description: '移送其他行政机关, 移送司法机关' });

const ItemFindingRef = builder.objectRef<ItemFinding>('ItemFinding').implement({
  fields: (t) => ({ code: t.exposeString('code'), outcome: t.field({ type: ItemOutcomeEnum, resolve: (i) => i.outcome }), note: t.string({ nullable: true, resolve: (i) => i.note ?? null }) }),
});
const HazardRef = builder.objectRef<HazardFinding>('HazardFinding').implement({
  description: '隐患; major: 重大事故隐患; concealed: 隐瞒不报',
  fields: (t) => ({ description: t.exposeString('description'), major: t.exposeBoolean('major'), concealed: t.exposeBoolean('concealed'), itemCode: t.string({ nullable: true, resolve: (h) => h.itemCode ?? null }) }),
});
const PenaltyRef = builder.objectRef<NonNullable<Handling['penalty']>>('Penalty').implement({
  fields: (t) => ({ decisionNumber: t.exposeString('decisionNumber'), fineYuan: t.int({ nullable: true, resolve: (p) => p.fineYuan ?? null }) }),
});
const TransferRef = builder.objectRef<NonNullable<Handling['transfer']>>('Transfer').implement({
  fields: (t) => ({ to: t.field({ type: TransferToEnum, resolve: (x) => x.to }), recipient: t.exposeString('recipient') }),
});
const HandlingRef = builder.objectRef<Handling>('Handling').implement({
  description: '处理: 责令限期整改, 行政处罚, 移送',
  fields: (t) => ({
    rectificationDue: t.field({ type: 'Date', nullable: true, resolve: (h) => h.rectificationDue ?? null }),
    penalty: t.field({ type: PenaltyRef, nullable: true, resolve: (h) => h.penalty ?? null }),
    transfer: t.field({ type: TransferRef, nullable: true, resolve: (h) => h.transfer ?? null }),
  }),
});

export const ResultRef = builder.prismaNode('InspectionResult', {
  name: 'InspectionResult',
  id: { field: 'id' },
  select: { id: true },
  nullable: true,
  description: '检查结果: one version of what a team found at a drawn enterprise',
  findUnique: (id, ctx) => ({ id, AND: [visibleResults(ctx.viewer)] }),
  fields: (t) => ({
    version: t.exposeInt('version', { description: '1 for the original; each correction (更正) adds one' }),
    status: t.field({ type: ResultStatusEnum, select: { status: true }, resolve: (r) => r.status }),
    uscc: t.exposeString('uscc'),
    enterpriseName: t.exposeString('enterpriseName'),
    category: t.exposeString('category', { description: "The pack's result category code" }),
    categoryLabel: t.string({ select: { drawId: true, category: true }, resolve: (r, _, ctx) => categoryLabel(ctx.db.prisma, r.drawId, r.category) }),
    inspectedOn: t.expose('inspectedOn', { type: 'Date' }),
    items: t.field({ type: [ItemFindingRef], select: { items: true }, resolve: (r) => r.items as unknown as ItemFinding[] }),
    hazards: t.field({ type: [HazardRef], select: { hazards: true }, resolve: (r) => r.hazards as unknown as HazardFinding[] }),
    handling: t.field({ type: HandlingRef, select: { handling: true }, resolve: (r) => r.handling as unknown as Handling }),
    nonCooperation: t.exposeStringList('nonCooperation', { description: '不予配合情节严重: the case codes' }),
    summary: t.exposeString('summary'),
    contentHash: t.exposeString('contentHash', { description: 'SHA-256 of the canonical content: what the signatures sign' }),
    correctionReason: t.exposeString('correctionReason', { nullable: true }),
    principalSigned: t.boolean({ select: { principalSignedBy: true }, resolve: (r) => r.principalSignedBy !== null }),
    signatures: t.field({
      type: [SignatureRef],
      description: "The team's signatures on this version's content",
      select: { signatures: { select: { inspectorId: true, signedAt: true, contentHash: true, inPerson: true } }, contentHash: true },
      resolve: (r) => r.signatures.filter((s) => s.contentHash === r.contentHash),
    }),
    enteredAt: t.expose('enteredAt', { type: 'DateTime' }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    supersedes: t.relation('supersedes', { nullable: true, description: 'The version this one corrects' }),
    correctedBy: t.relation('correctedBy', { nullable: true, description: 'The version that corrects this one' }),
    task: t.relation('task'),
    objections: t.relation('objections', { description: 'Objections to this version (members of the jurisdiction)', query: (_args, ctx) => ({ where: ctx.viewer.kind === 'token' ? { jurisdictionId: ctx.viewer.jurisdictionId } : { id: '' } }) }),
  }),
});

const SignatureRef = builder.objectRef<{ inspectorId: string; signedAt: Date; inPerson: boolean }>('ResultSignature').implement({
  fields: (t) => ({
    inPerson: t.exposeBoolean('inPerson', { description: "Signed with the inspector's own login; false: a signature given on paper, recorded by a clerk" }),
    inspectorId: t.exposeString('inspectorId', { description: "The signer's pseudonymous id (TeamPerson.id)" }),
    inspector: t.field({ type: 'String', description: "The signer's name", resolve: async (s, _, ctx) => (await ctx.loaders.teamPeople.load(s.inspectorId))?.name ?? s.inspectorId }),
    signedAt: t.expose('signedAt', { type: 'DateTime' }),
  }),
});

export const ObjectionRef = builder.prismaNode('Objection', {
  name: 'Objection',
  id: { field: 'id' },
  select: { id: true },
  nullable: true,
  description: '异议: an enterprise disputes a published result; reviewed and answered within the pack\'s working days',
  findUnique: (id, ctx) => ({ id, jurisdictionId: ctx.viewer.kind === 'token' ? ctx.viewer.jurisdictionId : '' }),
  fields: (t) => ({
    status: t.exposeString('status', { description: 'RECEIVED, REVIEWED, ANSWERED' }),
    receivedOn: t.expose('receivedOn', { type: 'Date' }),
    filedBy: t.exposeString('filedBy'),
    grounds: t.exposeString('grounds'),
    reviewedOn: t.expose('reviewedOn', { type: 'Date', nullable: true }),
    upheld: t.exposeBoolean('upheld', { nullable: true, description: '确有错误: a correction follows' }),
    reviewNote: t.exposeString('reviewNote', { nullable: true }),
    answeredOn: t.expose('answeredOn', { type: 'Date', nullable: true }),
    answer: t.exposeString('answer', { nullable: true }),
    result: t.relation('result'),
  }),
});

builder.prismaObjectField('InspectionTask', 'results', (t) =>
  t.relation('results', {
    description: 'Results of the drawn enterprises, every version: all for members, published ones for everyone else',
    query: (_args, ctx) => ({ where: visibleResults(ctx.viewer), orderBy: [{ pickOrder: 'asc' }, { version: 'asc' }] }),
  }),
);

builder.prismaObjectField('Jurisdiction', 'publishedResults', (t) =>
  t.relatedConnection('results', {
    complexity: pageCost,
    description: 'Published results (一公开), newest first, every version, for everyone; search by enterprise name or USCC',
    cursor: 'id',
    totalCount: true,
    args: { search: t.arg.string({ required: false }) },
    query: (args, ctx) => {
      const q = args.search?.trim();
      return {
        where: { AND: [visibleResults(ctx.viewer), { status: 'PUBLISHED' }, q ? { OR: [{ enterpriseName: { contains: likeLiteral(q) } }, { uscc: { startsWith: likeLiteral(q.toUpperCase()) } }] } : {}] } satisfies Prisma.InspectionResultWhereInput,
        orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }],
      };
    },
  }),
);

const ItemInput = builder.inputType('ItemFindingInput', {
  fields: (t) => ({ code: t.string({ required: true }), outcome: t.field({ type: ItemOutcomeEnum, required: true }), note: t.string({ required: false }) }),
});
const HazardInput = builder.inputType('HazardInput', {
  fields: (t) => ({ description: t.string({ required: true }), major: t.boolean({ required: false }), concealed: t.boolean({ required: false }), itemCode: t.string({ required: false }) }),
});
const PenaltyInput = builder.inputType('PenaltyInput', { fields: (t) => ({ decisionNumber: t.string({ required: true }), fineYuan: t.int({ required: false }) }) });
const TransferInput = builder.inputType('TransferInput', { fields: (t) => ({ to: t.field({ type: TransferToEnum, required: true }), recipient: t.string({ required: true }) }) });
const HandlingInput = builder.inputType('HandlingInput', {
  fields: (t) => ({ rectificationDue: t.field({ type: 'Date', required: false }), penalty: t.field({ type: PenaltyInput, required: false }), transfer: t.field({ type: TransferInput, required: false }) }),
});
const ResultInput = builder.inputType('ResultInput', {
  description: "The team's result: category from the pack, items checked, hazards, handling",
  fields: (t) => ({
    category: t.string({ required: true }),
    inspectedOn: t.field({ type: 'Date', required: true }),
    items: t.field({ type: [ItemInput], required: false }),
    hazards: t.field({ type: [HazardInput], required: false }),
    handling: t.field({ type: HandlingInput, required: false }),
    nonCooperation: t.stringList({ required: false }),
    summary: t.string({ required: false }),
  }),
});

type ResultInputShape = typeof ResultInput.$inferInput;
function contentOfInput(i: ResultInputShape): ResultContent {
  const h = i.handling ?? {};
  return {
    category: i.category,
    inspectedOn: i.inspectedOn,
    items: (i.items ?? []).map((x) => ({ code: x.code, outcome: x.outcome, note: x.note ?? undefined })),
    hazards: (i.hazards ?? []).map((x) => ({ description: x.description, major: x.major ?? false, concealed: x.concealed ?? false, itemCode: x.itemCode ?? undefined })),
    handling: {
      rectificationDue: h.rectificationDue ?? undefined,
      penalty: h.penalty ? { decisionNumber: h.penalty.decisionNumber, fineYuan: h.penalty.fineYuan ?? undefined } : undefined,
      transfer: h.transfer ? { to: h.transfer.to, recipient: h.transfer.recipient } : undefined,
    },
    nonCooperation: i.nonCooperation ?? [],
    summary: i.summary ?? '',
  };
}

builder.mutationFields((t) => ({
  recordResult: t.prismaField({
    type: 'InspectionResult',
    description: "录入: enters the team's result for a drawn enterprise as a draft (only enterprises the draw picked; 偃师 五(四)).",
    errors: { types: TASK_ERRORS, directResult: true },
    args: { task: t.arg.globalID({ required: true, for: TaskRef }), uscc: t.arg.string({ required: true }), input: t.arg({ type: ResultInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const row = unwrap(await recordResult(ctx.services, ctx.viewer, { taskId: args.task.id, uscc: args.uscc, content: contentOfInput(args.input) }));
      return ctx.db.prisma.inspectionResult.findUniqueOrThrow({ ...query, where: { id: row.id } });
    },
  }),
  updateResult: t.prismaField({
    type: 'InspectionResult',
    description: 'Edits a draft result; signatures given before no longer count. A published result is never edited: correct it.',
    errors: { types: TASK_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: ResultRef }), input: t.arg({ type: ResultInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const row = unwrap(await updateResult(ctx.services, ctx.viewer, args.id.id, contentOfInput(args.input)));
      return ctx.db.prisma.inspectionResult.findUniqueOrThrow({ ...query, where: { id: row.id } });
    },
  }),
  signResult: t.prismaField({
    type: 'InspectionResult',
    description: "签字: a member of the enterprise's team signs this version's content.",
    errors: { types: TASK_ERRORS, directResult: true },
    args: {
      id: t.arg.globalID({ required: true, for: ResultRef }),
      inspector: t.arg.id({ required: false, description: "Whose paper signature a clerk records (Inspector node id, directory id or 执法证号); an inspector's own login signs as itself" }),
    },
    resolve: async (query, _root, args, ctx) => {
      const raw = args.inspector === null || args.inspector === undefined ? null : String(args.inspector);
      const result = raw ? await ctx.db.prisma.inspectionResult.findUnique({ where: { id: args.id.id }, select: { jurisdictionId: true } }) : null;
      // A node id, a directory id or the 执法证号, as recordConflict takes them.
      const inspectorId = raw && result ? (await personOf(ctx, result.jurisdictionId, raw))?.id ?? raw : raw;
      const row = unwrap(await signResult(ctx.services, ctx.viewer, args.id.id, inspectorId));
      return ctx.db.prisma.inspectionResult.findUniqueOrThrow({ ...query, where: { id: row.id } });
    },
  }),
  publishResult: t.prismaField({
    type: 'InspectionResult',
    description: '公示: publishes a signed result (or a correction the principal signed) for good, with its consequences.',
    errors: { types: TASK_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: ResultRef }) },
    resolve: async (query, _root, args, ctx) => {
      const row = unwrap(await publishResult(ctx.services, ctx.viewer, args.id.id));
      return ctx.db.prisma.inspectionResult.findUniqueOrThrow({ ...query, where: { id: row.id } });
    },
  }),
  correctResult: t.prismaField({
    type: 'InspectionResult',
    description: '更正: drafts a new version of a published result; both stay public once the principal signs and it is published (卧龙 第二十六条).',
    errors: { types: TASK_ERRORS, directResult: true },
    args: {
      id: t.arg.globalID({ required: true, for: ResultRef }),
      input: t.arg({ type: ResultInput, required: true }),
      reason: t.arg.string({ required: true }),
      objection: t.arg.globalID({ required: false, for: ObjectionRef, description: 'The upheld objection this correction answers' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const row = unwrap(await correctResult(ctx.services, ctx.viewer, args.id.id, contentOfInput(args.input), args.reason, args.objection?.id ?? null));
      return ctx.db.prisma.inspectionResult.findUniqueOrThrow({ ...query, where: { id: row.id } });
    },
  }),
  signCorrection: t.prismaField({
    type: 'InspectionResult',
    description: "The principal's (单位主要负责人, admins) signature on a drafted correction.",
    errors: { types: TASK_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: ResultRef }) },
    resolve: async (query, _root, args, ctx) => {
      const row = unwrap(await signCorrection(ctx.services, ctx.viewer, args.id.id));
      return ctx.db.prisma.inspectionResult.findUniqueOrThrow({ ...query, where: { id: row.id } });
    },
  }),
  recordResultEvent: t.prismaField({
    type: 'InspectionResult',
    description: 'Dates what followed an inspection: feedback sent/received, opinion, end of handling, follow-up (复查, with rectified).',
    errors: { types: TASK_ERRORS, directResult: true },
    args: {
      result: t.arg.globalID({ required: true, for: ResultRef }),
      kind: t.arg({ type: ResultEventKindEnum, required: true }),
      occurredOn: t.arg({ type: 'Date', required: true }),
      rectified: t.arg.boolean({ required: false }),
      note: t.arg.string({ required: false }),
    },
    resolve: async (query, _root, args, ctx) => {
      unwrap(await recordResultEvent(ctx.services, ctx.viewer, { resultId: args.result.id, kind: args.kind, occurredOn: args.occurredOn, rectified: args.rectified, note: args.note }));
      return ctx.db.prisma.inspectionResult.findUniqueOrThrow({ ...query, where: { id: args.result.id } });
    },
  }),
  fileObjection: t.prismaField({
    type: 'Objection',
    description: "Registers an enterprise's objection (异议) to a published result on the day it was received.",
    errors: { types: TASK_ERRORS, directResult: true },
    args: { result: t.arg.globalID({ required: true, for: ResultRef }), receivedOn: t.arg({ type: 'Date', required: true }), filedBy: t.arg.string({ required: true }), grounds: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const o = unwrap(await fileObjection(ctx.services, ctx.viewer, { resultId: args.result.id, receivedOn: args.receivedOn, filedBy: args.filedBy, grounds: args.grounds }));
      return ctx.db.prisma.objection.findUniqueOrThrow({ ...query, where: { id: o.id } });
    },
  }),
  reviewObjection: t.prismaField({
    type: 'Objection',
    description: '复核: upheld when the result was wrong (a correction follows).',
    errors: { types: TASK_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: ObjectionRef }), reviewedOn: t.arg({ type: 'Date', required: true }), upheld: t.arg.boolean({ required: true }), note: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const o = unwrap(await reviewObjection(ctx.services, ctx.viewer, { objectionId: args.id.id, reviewedOn: args.reviewedOn, upheld: args.upheld, note: args.note }));
      return ctx.db.prisma.objection.findUniqueOrThrow({ ...query, where: { id: o.id } });
    },
  }),
  answerObjection: t.prismaField({
    type: 'Objection',
    description: '反馈: the answer to the enterprise; an upheld objection is answered once its correction is published.',
    errors: { types: TASK_ERRORS, directResult: true },
    args: { id: t.arg.globalID({ required: true, for: ObjectionRef }), answeredOn: t.arg({ type: 'Date', required: true }), answer: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const o = unwrap(await answerObjection(ctx.services, ctx.viewer, { objectionId: args.id.id, answeredOn: args.answeredOn, answer: args.answer }));
      return ctx.db.prisma.objection.findUniqueOrThrow({ ...query, where: { id: o.id } });
    },
  }),
}));
