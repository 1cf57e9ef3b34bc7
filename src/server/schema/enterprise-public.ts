import { parseUscc } from '../../core/identifiers/uscc.ts';
import { drawVerification, type DrawVerificationPage } from '../portal/draw-verification.ts';
import { enterpriseRecord, type EnterpriseRecord, type RecordInspection } from '../portal/enterprise-record.ts';
import { builder } from './builder.ts';
import { NotFoundError, ValidationError } from './errors.ts';

/** A USCC argument checked (GB 32100-2015 check character), or the ValidationError that names the field. */
function checkedUscc(text: string): string {
  const parsed = parseUscc(text);
  if (!parsed.ok) throw new ValidationError([{ field: 'uscc', message: parsed.error.message }]);
  return parsed.value;
}

/** A draw id as the portal's URLs carry it, or the global id of a Draw node. */
function rawDrawId(id: string): string {
  const decoded = Buffer.from(id, 'base64').toString();
  return decoded.startsWith('Draw:') ? decoded.slice(5) : id;
}

const Stratum = builder.objectRef<NonNullable<DrawVerificationPage['stratum']>>('PublicDrawStratum').implement({
  fields: (t) => ({ key: t.exposeString('key'), label: t.exposeString('label', { description: 'Chinese' }), size: t.exposeInt('size'), quota: t.exposeInt('quota') }),
});

const SeedInputsRef = builder.objectRef<DrawVerificationPage['seed']>('PublicDrawSeedInputs').implement({
  description: "The seed's inputs as the draw's export shows them",
  fields: (t) => ({
    commitment: t.exposeString('commitment'), secret: t.exposeString('secret', { description: "The draw officer's revealed secret" }), seed: t.exposeString('seed'),
    snapshotHash: t.exposeString('snapshotHash'), packKey: t.exposeString('packKey'),
    beacon: t.string({ nullable: true, description: 'The public source named at the lock', resolve: (s) => s.beacon }),
    entropy: t.stringList({ description: 'Public entropy in the order received', resolve: (s) => [...s.entropy] }),
  }),
});

const CheckRef = builder.objectRef<DrawVerificationPage['verification']>('PublicDrawCheck').implement({
  fields: (t) => ({
    status: t.exposeString('status', { description: 'VERIFIED, MISMATCH or PENDING' }),
    summary: t.exposeString('summary'),
    differences: t.stringList({ resolve: (v) => [...v.differences] }),
    pending: t.stringList({ resolve: (v) => [...v.pending] }),
  }),
});

const VerificationPageRef = builder.objectRef<DrawVerificationPage>('PublicDrawVerification').implement({
  description: "That an enterprise was drawn fairly (/verify/<draw>/<uscc>): the draw, its pool and stratum, the enterprise's exact chance, the seed's inputs and the verifier's result on the stored record. No personal data.",
  fields: (t) => ({
    drawId: t.exposeString('drawId'), taskId: t.exposeString('taskId'), taskTitle: t.exposeString('taskTitle'), covert: t.exposeBoolean('covert'),
    noticeNumber: t.string({ nullable: true, description: '抽查任务公告 number, e.g. 卧龙应急随抽〔2026〕第3号', resolve: (v) => v.noticeNumber }), authority: t.exposeString('authority', { description: '检查实施机关' }),
    jurisdictionCode: t.string({ resolve: (v) => v.jurisdiction.code }), jurisdictionName: t.string({ resolve: (v) => v.jurisdiction.name }),
    inspectionDate: t.exposeString('inspectionDate'), algorithm: t.exposeString('algorithm'), uscc: t.exposeString('uscc'),
    enterpriseName: t.string({ nullable: true, resolve: (v) => v.enterpriseName }),
    inSnapshot: t.exposeBoolean('inSnapshot'), drawn: t.exposeBoolean('drawn'), order: t.int({ nullable: true, resolve: (v) => v.order }), due: t.exposeBoolean('due'), fromReserve: t.exposeBoolean('fromReserve'),
    snapshotSize: t.exposeInt('snapshotSize'), poolSize: t.int({ nullable: true, description: 'Null while a sealed upper-level list hides it', resolve: (v) => v.poolSize }), size: t.exposeInt('size'),
    stratum: t.field({ type: Stratum, nullable: true, resolve: (v) => v.stratum }),
    inclusion: t.string({ nullable: true, description: '入选概率, a reduced fraction "p/q"; null where not exact or not yet known', resolve: (v) => v.inclusion }),
    percent: t.string({ nullable: true, resolve: (v) => v.percent }),
    explanation: t.exposeString('explanation', { description: 'Chinese, with the clauses' }),
    seed: t.field({ type: SeedInputsRef, resolve: (v) => v.seed }),
    verification: t.field({ type: CheckRef, resolve: (v) => v.verification }),
  }),
});

const RecordVersionRef = builder.objectRef<RecordInspection['results'][number]>('PublicRecordResult').implement({
  fields: (t) => ({ id: t.exposeString('id', { description: 'The result page is /results/<id>' }), version: t.exposeInt('version'), categoryLabel: t.exposeString('categoryLabel'), publishedOn: t.exposeString('publishedOn'), correctionReason: t.string({ nullable: true, resolve: (r) => r.correctionReason }) }),
});

const RecordObjectionRef = builder.objectRef<RecordInspection['objections'][number]>('PublicRecordObjection').implement({
  description: "An objection's status, without who filed it or why",
  fields: (t) => ({
    status: t.exposeString('status', { description: 'RECEIVED, REVIEWED or ANSWERED' }), statusLabel: t.exposeString('statusLabel'), receivedOn: t.exposeString('receivedOn'),
    answeredOn: t.string({ nullable: true, resolve: (o) => o.answeredOn }), upheld: t.boolean({ nullable: true, resolve: (o) => o.upheld }),
  }),
});

const RecordInspectionRef = builder.objectRef<RecordInspection>('PublicRecordInspection').implement({
  fields: (t) => ({
    drawId: t.exposeString('drawId'), taskId: t.exposeString('taskId'), taskTitle: t.exposeString('taskTitle'),
    jurisdictionCode: t.string({ resolve: (i) => i.jurisdiction.code }), authority: t.exposeString('authority', { description: '检查实施机关' }),
    noticeNumber: t.string({ nullable: true, description: '抽查任务公告 number, e.g. 卧龙应急随抽〔2026〕第3号', resolve: (i) => i.noticeNumber }), inspectionDate: t.exposeString('inspectionDate'), covert: t.exposeBoolean('covert'),
    noticeUrl: t.exposeString('noticeUrl'), verificationUrl: t.exposeString('verificationUrl'),
    results: t.field({ type: [RecordVersionRef], description: 'Published versions, oldest first', resolve: (i) => [...i.results] }),
    objections: t.field({ type: [RecordObjectionRef], resolve: (i) => [...i.objections] }),
  }),
});

const EnterpriseRecordRef = builder.objectRef<EnterpriseRecord>('PublicEnterpriseRecord').implement({
  description: '扫码入企: one enterprise\'s published inspections across jurisdictions, newest first, 20 a page',
  fields: (t) => ({
    uscc: t.exposeString('uscc'), name: t.string({ nullable: true, resolve: (r) => r.name }),
    total: t.exposeInt('total'), page: t.exposeInt('page'), pages: t.exposeInt('pages'),
    inspections: t.field({ type: [RecordInspectionRef], resolve: (r) => [...r.inspections] }),
  }),
});

builder.queryFields((t) => ({
  publicDrawVerification: t.field({
    type: VerificationPageRef,
    description: 'The public verification page of an enterprise in a held draw (covert: not before its task closes). Anyone may ask.',
    args: { draw: t.arg.string({ required: true, description: "The draw's id, as in /verify/<draw>/<uscc>, or a Draw node id" }), uscc: t.arg.string({ required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true },
    resolve: async (_root, args, ctx) => {
      const found = await drawVerification(ctx.services, rawDrawId(args.draw), checkedUscc(args.uscc));
      if (!found) throw new NotFoundError('没有这次已公开的抽取（暗查暗访任务在检查结束前不公开）');
      return found;
    },
  }),
  publicEnterpriseRecord: t.field({
    type: EnterpriseRecordRef,
    description: "One enterprise's public record by USCC (扫码入企). Anyone may ask.",
    args: { uscc: t.arg.string({ required: true }), page: t.arg.int({ required: false, description: 'From 1; 20 inspections a page' }) },
    errors: { types: [ValidationError], directResult: true },
    resolve: (_root, args, ctx) => enterpriseRecord(ctx.db.prisma, checkedUscc(args.uscc), args.page ?? 1),
  }),
}));
