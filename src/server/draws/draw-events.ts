import type { Draw, DrawPick, EntropyContribution, InspectionTask } from '@prisma/client';
import { Repeater } from 'graphql-yoga';
import type { Viewer } from '../auth/viewer.ts';
import { visibleTasks } from '../auth/visibility.ts';
import type { DrawSignal } from '../events/pubsub.ts';
import type { Services } from '../tasks/services.ts';
import type { StoredPack } from './draw-export.ts';
import { verifyHeldDraw } from './verify-held-draw.ts';

/** What a live draw shows, in order. Picks are paced for a screen; the outcome is fixed at the reveal. */
export type DrawEvent =
  | { readonly type: 'DrawLocked'; readonly draw: Draw & { task: InspectionTask }; readonly packKey: string; readonly candidates: number }
  | { readonly type: 'EntropyAdded'; readonly contribution: EntropyContribution }
  | { readonly type: 'SeedRevealed'; readonly draw: Draw; readonly entropy: readonly string[] }
  | { readonly type: 'PickRevealed'; readonly pick: DrawPick; readonly total: number; readonly revealAt: Date }
  | { readonly type: 'DrawCompleted'; readonly draw: Draw; readonly picks: number; readonly matches: boolean; readonly differences: readonly string[] };

/** When pick `order` (1-based) is shown: the picks come out one by one after the reveal. */
export const revealTime = (drawnAt: Date, pacingMs: number, order: number) => new Date(drawnAt.getTime() + order * pacingMs);

async function loadDraw(s: Services, viewer: Viewer, drawId: string) {
  return s.prisma.draw.findFirst({ where: { id: drawId, task: visibleTasks(viewer) }, include: { task: true } });
}

/**
 * The events of one draw for one subscriber: first the state so far (lock, entropy, and once
 * drawn the seed and the picks already shown), then live changes. It listens before it reads, so
 * nothing that happens in between is lost; every instance paces the picks from the same drawn-at
 * time, so viewers on different servers see the same pick at the same moment.
 */
export function drawEvents(s: Services, viewer: Viewer, drawId: string): Repeater<DrawEvent> {
  return new Repeater<DrawEvent>(async (push, stop) => {
    const live = s.events.pubsub.subscribe('draw', drawId)[Symbol.asyncIterator]();
    const stopped = stop.then(() => ({ done: true as const, value: undefined }));
    const nextSignal = () => Promise.race([live.next() as Promise<IteratorResult<DrawSignal>>, stopped]);
    let open = true;
    void stop.then(() => {
      open = false;
      void live.return?.();
    });
    try {
      let draw = await loadDraw(s, viewer, drawId);
      if (!draw) {
        stop(new Error('No draw has this id (or it is not published)'));
        return;
      }
      const pack = draw.pack as unknown as StoredPack;
      const candidates = ((draw.snapshot as { enterprises?: unknown[] }).enterprises ?? []).length;
      await push({ type: 'DrawLocked', draw, packKey: pack.key, candidates });

      let lastSeq = 0;
      const pushEntropyAfter = async () => {
        const fresh = await s.prisma.entropyContribution.findMany({ where: { drawId, seq: { gt: lastSeq } }, orderBy: { seq: 'asc' } });
        for (const contribution of fresh) {
          await push({ type: 'EntropyAdded', contribution });
          lastSeq = contribution.seq;
        }
      };
      await pushEntropyAfter();
      while (open && draw.status !== 'DRAWN') {
        const signal = await nextSignal();
        if (signal.done) return;
        if (signal.value.kind === 'ENTROPY' && signal.value.seq > lastSeq) await pushEntropyAfter();
        if (signal.value.kind === 'DRAWN') {
          draw = (await loadDraw(s, viewer, drawId))!;
          await pushEntropyAfter(); // the beacon's value, added at the draw
        }
      }
      if (!open) return;
      const entropy = (await s.prisma.entropyContribution.findMany({ where: { drawId }, orderBy: { seq: 'asc' }, select: { value: true } })).map((e) => e.value);
      await push({ type: 'SeedRevealed', draw, entropy });
      const picks = await s.prisma.drawPick.findMany({ where: { drawId }, orderBy: { order: 'asc' } });
      for (const pick of picks) {
        const revealAt = revealTime(draw.drawnAt!, draw.pacingMs, pick.order);
        const wait = revealAt.getTime() - Date.now();
        if (wait > 0 && (await Promise.race([new Promise((r) => setTimeout(r, wait, 'tick')), stop])) !== 'tick') return;
        if (!open) return;
        await push({ type: 'PickRevealed', pick, total: picks.length, revealAt });
      }
      const verification = await verifyHeldDraw(s, draw);
      await push({ type: 'DrawCompleted', draw, picks: picks.length, matches: verification?.matches ?? false, differences: (verification?.differences ?? []).map((d) => `${d.path}: expected ${d.expected}, recorded ${d.actual}`) });
      stop();
    } catch (error) {
      stop(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
