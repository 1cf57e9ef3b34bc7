import { visibleTasks } from '../auth/visibility.ts';
import { contributeEntropy, contributorKey } from '../draws/contribute-entropy.ts';
import { exportOfDraw, type StoredPack } from '../draws/draw-export.ts';
import { drawTask } from '../draws/draw-task.ts';
import { lockTask } from '../draws/lock-task.ts';
import { replaceInspector } from '../draws/replace-inspector.ts';
import type { PickWithTeam } from '../draws/picks-of-draws.ts';
import { unknownPerson, type TeamView } from '../draws/team-view.ts';
import { heldVerificationView, verifyHeldDraw } from '../draws/verify-held-draw.ts';
import { openingsFor } from '../draws/upper-level-seals.ts';
import type { VerificationStatus } from '../../core/draw/verify.ts';
import { builder } from './builder.ts';
import { ONCE_PER_OPERATION } from '../limits/once-per-operation.ts';
import { rateLimited } from '../limits/limit-error.ts';
import { HELD_DRAW_EXPORT_COST } from '../limits/field-cost.ts';
import type { Context, TeamPerson } from './context.ts';
import { DrawStatusEnum, VerificationStatusEnum } from './enums.ts';
import { TASK_ERRORS, unwrap } from './errors.ts';
import { TaskRef } from './task.ts';

export const TeamPersonRef = builder.objectRef<TeamPerson>('TeamPerson').implement({
  description: 'A person on a drawn team, as published: name and unit (no ID number, no phone)',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'The pseudonymous id the draw export uses' }),
    name: t.exposeString('name'),
    unit: t.exposeString('unit'),
    kind: t.exposeString('kind', { description: 'INSPECTOR or EXPERT' }),
    homeJurisdiction: t.exposeString('homeCode', { description: "行政区划代码 of the jurisdiction whose directory the person is in: a neighbour's for an inspector pooled from it (联合抽取)" }),
    homeJurisdictionName: t.exposeString('homeName'),
  }),
});

const person = (ctx: Context, id: string) => ctx.loaders.teamPeople.load(id).then((p) => p ?? unknownPerson(id));

export const TeamRef = builder.objectRef<TeamView>('Team').implement({
  description: 'The team of a pick as it stands: drawn, with recorded replacements applied',
  fields: (t) => ({
    leader: t.field({ type: TeamPersonRef, description: '组长', resolve: (team) => team.leader }),
    members: t.field({ type: [TeamPersonRef], resolve: (team) => team.members }),
    experts: t.field({ type: [TeamPersonRef], resolve: (team) => team.experts }),
    substitutes: t.field({ type: [TeamPersonRef], description: 'Replacements in the drawn order', resolve: (team) => team.substitutes }),
  }),
});

export const DrawPickRef = builder.objectRef<PickWithTeam>('DrawPick').implement({
  description: 'One drawn enterprise with its checklist items and team',
  fields: (t) => ({
    order: t.exposeInt('order'),
    uscc: t.exposeString('uscc', { description: '统一社会信用代码' }),
    enterpriseName: t.exposeString('enterpriseName', { nullable: true }),
    stratum: t.exposeString('stratum'),
    due: t.exposeBoolean('due', { description: 'Drawn because mandatory coverage made it due, not by lot' }),
    items: t.exposeStringList('items', { description: 'Checklist item codes drawn for it' }),
    fromReserve: t.exposeBoolean('fromReserve', {
      description: '一般不重合的备选中补抽: drawn from the reserve (the other level\'s picks this year, avoided) for a seat the rest of the pool could not fill (docs/draw-algorithm.md §5c). False while a covert upper-level list of the draw is still sealed (§9): the mark would tell that list early; the export shows it once the list opens',
    }),
    team: t.expose('team', { type: TeamRef }),
  }),
});

builder.prismaObject('EntropyContribution', {
  description: 'Public entropy, in the order received',
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    value: t.exposeString('value'),
    contributor: t.exposeString('contributor'),
    receivedAt: t.expose('receivedAt', { type: 'DateTime' }),
  }),
});

builder.prismaObject('TeamReplacement', {
  description: 'A drawn inspector replaced by the next substitute (卧龙 第二十条): a new event, never an edit',
  fields: (t) => ({
    pickOrder: t.exposeInt('pickOrder'),
    outgoing: t.field({ type: TeamPersonRef, resolve: (r, _, ctx) => person(ctx, r.outgoingId) }),
    incoming: t.field({ type: TeamPersonRef, resolve: (r, _, ctx) => person(ctx, r.incomingId) }),
    reason: t.exposeString('reason'),
    actor: t.exposeString('actor'),
    at: t.expose('at', { type: 'DateTime' }),
  }),
});

const VerificationRef = builder.objectRef<{ matches: boolean; status: VerificationStatus; differences: string[]; pending: string[]; summary: string }>('HeldDrawVerification').implement({
  fields: (t) => ({
    matches: t.exposeBoolean('matches', { description: 'True only when the whole record re-derives from the published inputs' }),
    status: t.field({ type: VerificationStatusEnum, resolve: (v) => v.status }),
    differences: t.exposeStringList('differences'),
    pending: t.exposeStringList('pending', { description: 'What waits for a sealed upper-level list (a covert task not yet closed), and whose' }),
    summary: t.exposeString('summary', { description: 'One sentence for a screen (Chinese)' }),
  }),
});

export const DrawRef = builder.prismaNode('Draw', {
  id: { field: 'id' },
  // Load only the columns asked for: a draw row holds its whole snapshot (megabytes for a county).
  select: { id: true },
  // Not visible to this viewer reads as not there (null), without an error in the log.
  nullable: true,
  description: 'The draw of a task: locked (commitment published, entropy open), then drawn once',
  findUnique: (id, ctx) => ({ id, task: visibleTasks(ctx.viewer) }),
  fields: (t) => ({
    status: t.expose('status', { type: DrawStatusEnum }),
    task: t.relation('task'),
    commitment: t.exposeString('commitment', { description: "SHA-256 of the bureau's secret, published at lock time" }),
    beacon: t.exposeString('beacon', { nullable: true, description: 'The public source named in advance whose value joins the entropy' }),
    snapshotHash: t.exposeString('snapshotHash'),
    packKey: t.string({ select: { pack: true }, resolve: (d) => (d.pack as unknown as StoredPack).key }),
    packHash: t.string({ select: { pack: true }, resolve: (d) => (d.pack as unknown as StoredPack).contentHash }),
    candidates: t.int({
      description: 'Enterprises in the frozen directory',
      resolve: async (d, _, ctx) => {
        const [row] = await ctx.db.prisma.$queryRaw<{ n: number }[]>`SELECT jsonb_array_length(snapshot->'enterprises')::int AS n FROM draw WHERE id = ${d.id}`;
        return row?.n ?? 0;
      },
    }),
    pacingMs: t.exposeInt('pacingMs'),
    lockedAt: t.expose('lockedAt', { type: 'DateTime' }),
    drawnAt: t.expose('drawnAt', { type: 'DateTime', nullable: true }),
    secret: t.exposeString('secret', { nullable: true, description: 'Revealed at the draw' }),
    seed: t.exposeString('seed', { nullable: true }),
    liveUrl: t.string({ resolve: (d) => `/live/${d.id}` }),
    exportUrl: t.string({ nullable: true, select: { status: true }, resolve: (d) => (d.status === 'DRAWN' ? `/draws/${d.id}/export.json` : null) }),
    entropy: t.relation('entropy', { query: { orderBy: { seq: 'asc' } } }),
    picks: t.field({ type: [DrawPickRef], description: 'In drawn order', resolve: (d, _, ctx) => ctx.loaders.drawPicks.load(d.id) }),
    replacements: t.relation('replacements', { query: { orderBy: { at: 'asc' } } }),
    export: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The draw export (docs/draw-algorithm.md) once drawn: all a verifier needs, no personal data',
      complexity: HELD_DRAW_EXPORT_COST,
      select: { id: true, taskId: true, status: true, pack: true, drawTask: true, snapshot: true, secret: true, commitment: true, record: true, entropy: { orderBy: { seq: 'asc' }, select: { value: true } } },
      resolve: async (d, _, ctx) => exportOfDraw(d as never, d.entropy.map((e) => e.value), await openingsFor(ctx.db.prisma, d, ctx.viewer)) ?? null,
    }),
    verification: t.field({
      type: VerificationRef,
      nullable: true,
      description: 'The draw re-derived from its export by this server (anyone can do the same: `double-random draw verify`)',
      complexity: HELD_DRAW_EXPORT_COST,
      resolve: async (d, _, ctx) => {
        const v = await verifyHeldDraw(ctx.services, d.id);
        return v ? heldVerificationView(v) : null;
      },
    }),
  }),
});

builder.mutationFields((t) => ({
  lockTask: t.prismaField({
    type: 'Draw',
    description: "Locks a draft task (draw officers): freezes its pool and pack, publishes the commitment, opens the draw for public entropy. Without a commitment the server makes and keeps the secret until the draw.",
    errors: { types: TASK_ERRORS, directResult: true },
    args: {
      task: t.arg.globalID({ required: true, for: TaskRef }),
      commitment: t.arg.string({ required: false, description: 'SHA-256 (hex) of your own 32-byte secret' }),
      beacon: t.arg.string({ required: false, description: 'A public source named now whose value joins the entropy at the draw' }),
      pacingMs: t.arg.int({ required: false, description: 'Pause between picks on the live page (default DRAW_PACING_MS)' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const draw = unwrap(await lockTask(ctx.services, ctx.viewer, { taskId: args.task.id, commitment: args.commitment, beacon: args.beacon, pacingMs: args.pacingMs }));
      return ctx.db.prisma.draw.findUniqueOrThrow({ ...query, where: { id: draw.id } });
    },
  }),
  contributeEntropy: t.prismaField({
    type: 'EntropyContribution',
    description: "Adds an observer's text to a locked draw's public entropy (anyone, for a non-covert draw). Once per operation, within quotas per address and per contributor.",
    extensions: ONCE_PER_OPERATION,
    errors: { types: TASK_ERRORS, directResult: true },
    args: { draw: t.arg.globalID({ required: true, for: DrawRef }), value: t.arg.string({ required: true }), contributor: t.arg.string({ required: false }) },
    resolve: async (query, _root, args, ctx) => {
      const refusal = await ctx.rateLimits.entropy(args.draw.id, ctx.address, contributorKey(ctx.viewer, args.contributor));
      if (refusal) throw rateLimited(refusal);
      const c = unwrap(await contributeEntropy(ctx.services, ctx.viewer, { drawId: args.draw.id, value: args.value, contributor: args.contributor }));
      return ctx.db.prisma.entropyContribution.findUniqueOrThrow({ ...query, where: { drawId_seq: { drawId: c.drawId, seq: c.seq } } });
    },
  }),
  drawTask: t.prismaField({
    type: 'Draw',
    description: 'Holds a locked draw (draw officers): reveals the secret, derives the seed, draws, and records it all at once. A task is drawn once; the same idempotency key gets the same draw back.',
    errors: { types: TASK_ERRORS, directResult: true },
    args: {
      draw: t.arg.globalID({ required: true, for: DrawRef }),
      secret: t.arg.string({ required: false, description: 'The secret behind your own commitment' }),
      beaconValue: t.arg.string({ required: false }),
      idempotencyKey: t.arg.string({ required: false }),
    },
    resolve: async (query, _root, args, ctx) => {
      const outcome = unwrap(await drawTask(ctx.services, ctx.viewer, { drawId: args.draw.id, secret: args.secret, beaconValue: args.beaconValue, idempotencyKey: args.idempotencyKey }));
      return ctx.db.prisma.draw.findUniqueOrThrow({ ...query, where: { id: outcome.draw.id } });
    },
  }),
  replaceInspector: t.prismaField({
    type: 'TeamReplacement',
    description: 'Replaces a drawn inspector by the next substitute drawn for the team (draw officers); recorded, never an edit.',
    errors: { types: TASK_ERRORS, directResult: true },
    args: {
      draw: t.arg.globalID({ required: true, for: DrawRef }),
      pickOrder: t.arg.int({ required: true }),
      inspector: t.arg.string({ required: true, description: 'The pseudonymous id of the inspector leaving the team' }),
      reason: t.arg.string({ required: true }),
      approvedBy: t.arg.string({ required: false }),
    },
    resolve: async (query, _root, args, ctx) => {
      const r = unwrap(await replaceInspector(ctx.services, ctx.viewer, { drawId: args.draw.id, pickOrder: args.pickOrder, outgoingId: args.inspector, reason: args.reason, approvedBy: args.approvedBy }));
      return ctx.db.prisma.teamReplacement.findUniqueOrThrow({ ...query, where: { id: r.id } });
    },
  }),
}));
