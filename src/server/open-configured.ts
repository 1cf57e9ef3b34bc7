import type { Config } from './config.ts';
import { lockDataDir } from './db/data-lock.ts';
import { openDatabase, type Database } from './db/database.ts';

/** Opens the configured database (PostgreSQL by DATABASE_URL, else PGlite in DATA_DIR, locked), migrated. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) {
    // `?schema=name`, as Prisma spells it, selects a PostgreSQL schema other than public.
    const url = new URL(config.databaseUrl);
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    return openDatabase({ url: url.toString(), schema });
  }
  const release = lockDataDir(config.dataDir);
  try {
    const db = await openDatabase({ dataDir: config.dataDir });
    return {
      ...db,
      async close() {
        await db.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
