import type { PrismaClient } from '@prisma/client';
import type { PackRegistry } from '../../rulepacks/registry.ts';
import type { DatabaseKind } from '../db/database.ts';
import type { EventBus, TaskSignal } from '../events/pubsub.ts';

/** What the plan, task and draw operations need from the running server. */
export interface Services {
  readonly prisma: PrismaClient;
  /** Which database prisma talks to: PGlite runs on this thread, PostgreSQL beside it (what some reads are shaped by). */
  readonly databaseKind: DatabaseKind;
  readonly packs: PackRegistry;
  readonly events: EventBus;
  /** Default pause between picks in a live draw (DRAW_PACING_MS). */
  readonly drawPacingMs: number;
  /** The clock of what runs by the calendar (the monthly bulletin's tick); the system clock when left out. */
  readonly now?: () => Date;
}

/** Tells dashboards (taskEvents) that a task changed; called after the change committed. */
export function announceTaskChange(services: Services, jurisdictionId: string, task: { id: string; status: string; covert: boolean; cancelledFrom?: string | null }, action: string): void {
  const signal: TaskSignal = { taskId: task.id, status: task.status, covert: task.covert, ...(task.cancelledFrom ? { cancelledFrom: task.cancelledFrom } : {}), action, at: new Date().toISOString() };
  services.events.pubsub.publish('task', jurisdictionId, signal);
  // What the portal shows follows a task's status and its results: every instance drops its pages.
  services.events.pubsub.publish('portal', { jurisdictionId, action });
}
