import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../../src/server/db/database.ts';

/** The machine's PostgreSQL (STACK.md); TEST_DATABASE_URL overrides. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  readonly name: 'pglite' | 'postgres';
  /** Opens a fresh database, migrated unless `migrate: false`. */
  open(options?: { readonly migrate?: boolean }): Promise<Database>;
}

/**
 * Both databases every persistence test runs on: an in-memory PGlite, and the machine's
 * PostgreSQL in a schema of its own, dropped when the database is closed.
 */
export const TEST_DATABASES: readonly TestDatabase[] = [
  { name: 'pglite', open: (options) => openDatabase({ dataDir: 'memory://', ...options }) },
  {
    name: 'postgres',
    async open(options) {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const db = await openDatabase({ url: POSTGRES_URL, schema, ...options });
      return {
        ...db,
        async close() {
          await db.sql.exec(`DROP SCHEMA ${schema} CASCADE`);
          await db.close();
        },
      };
    },
  },
];
