import { createGraphQLError, Repeater } from 'graphql-yoga';
import type { TaskSignal } from '../events/pubsub.ts';
import { drawEvents, type DrawEvent } from '../draws/draw-events.ts';
import type { TaskState } from '../../core/tasks/lifecycle.ts';
import { canReadTask, visibleTasks } from '../auth/visibility.ts';
import { builder } from './builder.ts';
import { DrawRef, TeamPersonRef } from './draw-ceremony.ts';
import { TaskStatusEnum, VerificationStatusEnum } from './enums.ts';

type Of<T extends DrawEvent['type']> = Extract<DrawEvent, { type: T }>;

const DrawLockedRef = builder.objectRef<Of<'DrawLocked'>>('DrawLocked').implement({
  description: 'The draw as locked: the commitment, the frozen pool and the pack',
  fields: (t) => ({
    drawId: t.string({ resolve: (e) => e.view.drawId }),
    taskTitle: t.string({ resolve: (e) => e.view.taskTitle }),
    size: t.int({ resolve: (e) => e.view.size }),
    inspectionDate: t.field({ type: 'Date', resolve: (e) => e.view.inspectionDate }),
    commitment: t.string({ resolve: (e) => e.view.commitment }),
    beacon: t.string({ nullable: true, resolve: (e) => e.view.beacon }),
    snapshotHash: t.string({ resolve: (e) => e.view.snapshotHash }),
    packKey: t.string({ resolve: (e) => e.view.packKey }),
    candidates: t.int({ resolve: (e) => e.view.candidates }),
    pacingMs: t.int({ resolve: (e) => e.view.pacingMs }),
    lockedAt: t.field({ type: 'DateTime', resolve: (e) => e.view.lockedAt }),
  }),
});

const EntropyAddedRef = builder.objectRef<Of<'EntropyAdded'>>('EntropyAdded').implement({
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    value: t.exposeString('value'),
    contributor: t.exposeString('contributor'),
    receivedAt: t.field({ type: 'DateTime', resolve: (e) => e.receivedAt }),
  }),
});

const SeedRevealedRef = builder.objectRef<Of<'SeedRevealed'>>('SeedRevealed').implement({
  description: 'The secret revealed and the seed derived: from here the outcome is fixed',
  fields: (t) => ({
    secret: t.string({ resolve: (e) => e.held.secret }),
    entropy: t.stringList({ resolve: (e) => e.held.entropy.map((x) => x.value) }),
    seed: t.string({ resolve: (e) => e.held.seed }),
    drawnAt: t.field({ type: 'DateTime', resolve: (e) => e.held.drawnAt }),
  }),
});

const PickRevealedRef = builder.objectRef<Of<'PickRevealed'>>('PickRevealed').implement({
  description: 'One drawn enterprise with its items and team (people by name and unit only)',
  fields: (t) => ({
    order: t.int({ resolve: (e) => e.pick.order }),
    total: t.exposeInt('total'),
    uscc: t.string({ resolve: (e) => e.pick.uscc }),
    enterpriseName: t.string({ nullable: true, resolve: (e) => e.pick.enterpriseName }),
    stratum: t.string({ resolve: (e) => e.pick.stratum }),
    due: t.boolean({ resolve: (e) => e.pick.due }),
    fromReserve: t.boolean({ description: '一般不重合的备选中补抽 (docs/draw-algorithm.md §5c)', resolve: (e) => e.pick.fromReserve }),
    items: t.stringList({ resolve: (e) => [...e.pick.items] }),
    leader: t.field({ type: TeamPersonRef, resolve: (e) => e.pick.leader }),
    members: t.field({ type: [TeamPersonRef], resolve: (e) => [...e.pick.members] }),
    experts: t.field({ type: [TeamPersonRef], resolve: (e) => [...e.pick.experts] }),
    revealAt: t.field({ type: 'DateTime', description: 'When this pick is shown (drawn-at + lead + order × pacing, the lead max(1 s, pacing) when paced), on every server alike', resolve: (e) => e.revealAt }),
  }),
});

const DrawCompletedRef = builder.objectRef<Of<'DrawCompleted'>>('DrawCompleted').implement({
  fields: (t) => ({
    picks: t.exposeInt('picks'),
    verified: t.boolean({ description: 'The whole record re-derives from its published inputs (false while part of it is pending)', resolve: (e) => e.matches }),
    status: t.field({ type: VerificationStatusEnum, resolve: (e) => e.status }),
    differences: t.stringList({ resolve: (e) => [...e.differences] }),
    pending: t.stringList({ description: 'What waits for the covert task of an upper level to close', resolve: (e) => [...e.pending] }),
    summary: t.string({ description: 'One sentence for the screen (Chinese)', resolve: (e) => e.summary }),
    exportUrl: t.string({ resolve: (e) => `/draws/${e.drawId}/export.json` }),
  }),
});

const DrawCancelledRef = builder.objectRef<Of<'DrawCancelled'>>('DrawCancelled').implement({
  description: 'The task was cancelled before its draw (cancelTask): the draw will never be held; last event',
  fields: (t) => ({
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
    reason: t.exposeString('reason', { description: '取消理由' }),
  }),
});

const DrawEventRef = builder.unionType('DrawEvent', {
  types: [DrawLockedRef, EntropyAddedRef, SeedRevealedRef, PickRevealedRef, DrawCompletedRef, DrawCancelledRef],
  resolveType: (e) => e.type,
});

const TaskEventRef = builder.objectRef<TaskSignal>('TaskEvent').implement({
  description: 'A task of the jurisdiction changed state',
  fields: (t) => ({
    taskId: t.string({ description: 'The Task node id', resolve: (e) => Buffer.from(`Task:${e.taskId}`).toString('base64') }),
    status: t.field({ type: TaskStatusEnum, resolve: (e) => e.status as never }),
    action: t.exposeString('action'),
    at: t.exposeString('at'),
  }),
});

builder.subscriptionType({});

builder.subscriptionFields((t) => ({
  drawEvents: t.field({
    type: DrawEventRef,
    description: 'A draw as it happens (an error with code NOT_FOUND when the draw is unknown or not published): first the state so far, then the entropy, the revealed seed, each pick paced for a screen, and the verified record.',
    args: { draw: t.arg.globalID({ required: true, for: DrawRef }) },
    subscribe: async (_root, args, ctx) => {
      const visible = await ctx.db.prisma.draw.count({ where: { id: args.draw.id, task: visibleTasks(ctx.viewer) } });
      if (!visible) throw createGraphQLError('No draw has this id (or it is not published)', { extensions: { code: 'NOT_FOUND' } });
      return drawEvents(ctx.services, args.draw.id);
    },
    resolve: (event) => event,
  }),
  taskEvents: t.field({
    type: TaskEventRef,
    description: "State changes of a jurisdiction's tasks, for dashboards (covert tasks only for members until closed).",
    args: { jurisdiction: t.arg.string({ required: true }) },
    subscribe: async (_root, args, ctx) => {
      const jurisdiction = await ctx.db.prisma.jurisdiction.findUnique({ where: { code: args.jurisdiction }, select: { id: true } });
      if (!jurisdiction) throw createGraphQLError(`No jurisdiction has code ${args.jurisdiction}`, { extensions: { code: 'NOT_FOUND' } });
      const source = ctx.services.events.pubsub.subscribe('task', jurisdiction.id);
      return new Repeater<TaskSignal>(async (push, stop) => {
        const it = source[Symbol.asyncIterator]();
        void stop.then(() => it.return?.());
        for (;;) {
          const next = await Promise.race([it.next(), stop.then(() => ({ done: true as const, value: undefined }))]);
          if (next.done) return;
          const signal = next.value as TaskSignal;
          if (canReadTask(ctx.viewer, { jurisdictionId: jurisdiction.id, status: signal.status as TaskState, covert: signal.covert, cancelledFrom: (signal.cancelledFrom ?? null) as TaskState | null })) await push(signal);
        }
      });
    },
    resolve: (signal) => signal,
  }),
}));
