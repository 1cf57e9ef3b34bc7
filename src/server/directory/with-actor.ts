import type { SqlSession } from '../db/sql.ts';

/**
 * Names who makes the changes of the current transaction; the history triggers read it
 * (see prisma/migrations/0001_directories). Transaction-local, so it cannot leak.
 */
export async function setActor(tx: SqlSession, actor: string): Promise<void> {
  await tx.query("SELECT set_config('double_random.actor', $1, true)", [actor]);
}
