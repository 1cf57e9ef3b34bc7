import type { DirectoryKind } from '../../core/directory/kinds/index.ts';
import type { SqlSession } from '../db/sql.ts';
import { bulkUpsert } from './bulk-upsert.ts';
import { setActor } from './with-actor.ts';
import { DIRECTORY_WRITERS } from './writers.ts';

/**
 * Writes validated records of one directory kind inside the caller's transaction, as
 * `actor`. Returns how many records were created and how many changed.
 */
export async function writeDirectory(tx: SqlSession, kind: DirectoryKind, jurisdictionId: string, records: readonly unknown[], actor: string): Promise<{ created: number; updated: number }> {
  const writer = DIRECTORY_WRITERS[kind];
  await setActor(tx, actor);
  if (writer.write) return writer.write(tx, jurisdictionId, records);
  const outcome = await bulkUpsert(tx, writer.target, jurisdictionId, records.map(writer.columns), { keys: writer.after !== undefined });
  const touched = (await writer.after?.(tx, jurisdictionId, records)) ?? new Set<string>();
  const extra = [...touched].filter((key) => !outcome.keys.has(key)).length;
  return { created: outcome.created, updated: outcome.updated + extra };
}
