import { loadRegistry } from '../../src/rulepacks/registry.ts';
import type { Database } from '../../src/server/db/database.ts';
import { createEventBus } from '../../src/server/events/pubsub.ts';
import type { Services } from '../../src/server/tasks/services.ts';

/** The services a draw needs, on a database opened by the test (built-in packs, in-process events). */
export async function servicesOf(db: Database): Promise<Services> {
  return { prisma: db.prisma, databaseKind: db.kind, packs: await loadRegistry(), events: createEventBus(), drawPacingMs: 0 };
}
