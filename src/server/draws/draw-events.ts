import { Repeater } from 'graphql-yoga';
import type { DrawSignal } from '../events/pubsub.ts';
import type { Services } from '../tasks/services.ts';
import { heldView, lockedView, type HeldView, type LockedView, type PickView } from './draw-view.ts';
import { heldVerificationView, verifyHeldDraw } from './verify-held-draw.ts';
import type { VerificationStatus } from '../../core/draw/verify.ts';

/** What a live draw shows, in order. Picks are paced for a screen; the outcome is fixed at the reveal. */
export type DrawEvent =
  | { readonly type: 'DrawLocked'; readonly view: LockedView }
  | { readonly type: 'EntropyAdded'; readonly seq: number; readonly value: string; readonly contributor: string; readonly receivedAt: Date }
  | { readonly type: 'SeedRevealed'; readonly held: HeldView }
  | { readonly type: 'PickRevealed'; readonly pick: PickView; readonly total: number; readonly revealAt: Date }
  | { readonly type: 'DrawCancelled'; readonly at: Date; readonly reason: string }
  | { readonly type: 'DrawCompleted'; readonly drawId: string; readonly picks: number; readonly matches: boolean; readonly status: VerificationStatus; readonly differences: readonly string[]; readonly pending: readonly string[]; readonly summary: string };

/**
 * The pause between the draw and its first pick on a paced screen: long enough for every
 * instance to have read the committed draw (the draw's time is taken inside its transaction, and
 * the viewers' servers learn of it only after the commit), so no server shows the first picks
 * late. It follows from the draw's own pacing, so every instance computes the same schedule.
 */
export const revealLead = (pacingMs: number) => (pacingMs > 0 ? Math.max(1000, pacingMs) : 0);

/** When pick `order` (1-based) is shown: after the lead, one by one at the draw's pacing. */
export const revealTime = (drawnAt: Date, pacingMs: number, order: number) => new Date(drawnAt.getTime() + revealLead(pacingMs) + order * pacingMs);

/**
 * The events of one draw for one subscriber (who may see it: the caller checks): first the
 * state so far (lock, entropy, and once drawn the seed and the picks already shown), then live
 * changes. It listens before it reads, so nothing that happens in between is lost; every instance
 * paces the picks from the same drawn-at time, so viewers on different servers see the same pick
 * at the same moment. A held draw is read once per instance and shared by all its viewers.
 */
export function drawEvents(s: Services, drawId: string): Repeater<DrawEvent> {
  return new Repeater<DrawEvent>(async (push, stop) => {
    const live = s.events.pubsub.subscribe('draw', drawId)[Symbol.asyncIterator]();
    let open = true;
    const stopped = stop.then(() => ({ done: true as const, value: undefined }));
    void stop.then(() => {
      open = false;
      void live.return?.();
    });
    // The pub/sub's iterator adds its listener on the first next(): ask for it now, before reading,
    // or a draw or cancellation committed between the read and the first wait would never arrive.
    let nextSignal = live.next() as Promise<IteratorResult<DrawSignal>>;
    try {
      const locked = await lockedView(s, drawId);
      if (!locked) return stop(new Error('No draw has this id'));
      await push({ type: 'DrawLocked', view: locked });
      if (locked.cancelled) {
        await push({ type: 'DrawCancelled', ...locked.cancelled });
        return stop();
      }

      let lastSeq = 0;
      const catchUp = async () => {
        const fresh = await s.prisma.entropyContribution.findMany({ where: { drawId, seq: { gt: lastSeq } }, orderBy: { seq: 'asc' } });
        for (const c of fresh) {
          await push({ type: 'EntropyAdded', seq: c.seq, value: c.value, contributor: c.contributor, receivedAt: c.receivedAt });
          lastSeq = c.seq;
        }
      };
      let drawn = locked.status === 'DRAWN';
      if (!drawn) await catchUp();
      while (open && !drawn) {
        const signal = await Promise.race([nextSignal, stopped]);
        if (signal.done) return;
        nextSignal = live.next() as Promise<IteratorResult<DrawSignal>>;
        const value = signal.value;
        if (value.kind === 'ENTROPY' && value.seq === lastSeq + 1) {
          await push({ type: 'EntropyAdded', seq: value.seq, value: value.value, contributor: value.contributor, receivedAt: new Date(value.receivedAt) });
          lastSeq = value.seq;
        } else if (value.kind === 'ENTROPY' && value.seq > lastSeq) {
          await catchUp(); // a gap: read what was missed
        }
        if (value.kind === 'DRAWN') drawn = true;
        if (value.kind === 'CANCELLED') {
          const cancelled = (await lockedView(s, drawId))?.cancelled;
          if (cancelled) await push({ type: 'DrawCancelled', ...cancelled });
          return stop();
        }
      }
      if (!open) return;

      const held = await heldView(s, drawId);
      if (!held) return stop(new Error('The draw has no record'));
      // Entropy this viewer has not seen: all of it for a late joiner, the beacon's value added at the draw.
      for (const e of held.entropy) if (e.seq > lastSeq) await push({ type: 'EntropyAdded', ...e });
      await push({ type: 'SeedRevealed', held });
      for (const pick of held.picks) {
        const revealAt = revealTime(held.drawnAt, held.pacingMs, pick.order);
        const wait = revealAt.getTime() - Date.now();
        if (wait > 0 && (await Promise.race([new Promise((r) => setTimeout(r, wait, 'tick')), stop])) !== 'tick') return;
        if (!open) return;
        await push({ type: 'PickRevealed', pick, total: held.picks.length, revealAt });
      }
      const verification = await verifyHeldDraw(s, drawId);
      const shown = verification ? heldVerificationView(verification) : { matches: false, status: 'MISMATCH' as const, differences: ['record: no record to verify'], pending: [], summary: '验证未通过：没有可核验的记录' };
      await push({ type: 'DrawCompleted', drawId, picks: held.picks.length, ...shown });
      stop();
    } catch (error) {
      stop(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
