import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { APP_ROLE, openDatabase, postgresConnection, type Database } from '../../src/server/db/database.ts';
import type { SqlConnection, SqlSession } from '../../src/server/db/sql.ts';

/** The machine's PostgreSQL (STACK.md), as its superuser, the owner of the test schemas; TEST_DATABASE_URL overrides. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The login role the tests' servers use, as a deployment's would be: not superuser, owner of nothing, granted double_random_app. */
export const TEST_LOGIN_ROLE = 'double_random_test';

/** The server's URL in tests: POSTGRES_URL logged in as TEST_LOGIN_ROLE (trust authentication); TEST_APP_DATABASE_URL overrides. */
export const POSTGRES_APP_URL = process.env.TEST_APP_DATABASE_URL ?? withUser(POSTGRES_URL, TEST_LOGIN_ROLE);

function withUser(url: string, user: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = '';
  return u.toString();
}

export interface TestDb extends Database {
  /** The schema owner's connection, for what only the owner may do (migrations, tampering past a trigger). */
  readonly owner: SqlConnection;
}

export interface TestDatabase {
  readonly name: 'pglite' | 'postgres';
  /** Opens a fresh database, migrated unless `migrate: false`. */
  open(options?: { readonly migrate?: boolean }): Promise<TestDb>;
}

let roles: Promise<void> | undefined;

/**
 * Creates the application's role and the tests' login role once per cluster, and never drops
 * them: roles are cluster-wide and test files run at once, so a concurrent creation is no error.
 */
export function ensureTestRoles(): Promise<void> {
  roles ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      await client.query(`DO $$ BEGIN
        BEGIN CREATE ROLE ${APP_ROLE} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
        BEGIN CREATE ROLE ${TEST_LOGIN_ROLE} LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
        IF NOT pg_has_role('${TEST_LOGIN_ROLE}', '${APP_ROLE}', 'MEMBER') THEN
          BEGIN GRANT ${APP_ROLE} TO ${TEST_LOGIN_ROLE}; EXCEPTION WHEN unique_violation THEN NULL; END;
        END IF;
      END $$`);
    } finally {
      await client.end();
    }
  })();
  return roles;
}

/** The owner's connection to a test schema of the machine's PostgreSQL; `close` ends it. */
export function ownerOf(schema: string): SqlConnection & { close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}`, max: 1 });
  return { ...postgresConnection(pool), close: () => pool.end() };
}

/** Drops a test schema of the machine's PostgreSQL as its owner (the server's role may not). */
export async function dropSchema(schema: string): Promise<void> {
  const owner = ownerOf(schema);
  try {
    await owner.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await owner.close();
  }
}

/**
 * PGlite has one session, logged in as its superuser and working as double_random_app: the
 * owner's statements run in a transaction that leaves the role for its duration.
 */
function pgliteOwner(sql: SqlConnection): SqlConnection {
  const asOwner = <T,>(fn: (tx: SqlSession) => Promise<T>) =>
    sql.transaction(async (tx) => {
      await tx.exec('SET LOCAL ROLE NONE');
      return fn(tx);
    });
  return {
    query: (q, params) => asOwner((tx) => tx.query(q, params)),
    exec: (q) => asOwner((tx) => tx.exec(q)),
    copyFrom: (q, data) => asOwner((tx) => tx.copyFrom(q, data)),
    transaction: asOwner,
  };
}

/**
 * Both databases every persistence test runs on: an in-memory PGlite, and the machine's
 * PostgreSQL in a schema of its own, migrated by its owner, served by TEST_LOGIN_ROLE, and
 * dropped when the database is closed.
 */
export const TEST_DATABASES: readonly TestDatabase[] = [
  {
    name: 'pglite',
    async open(options) {
      const db = await openDatabase({ dataDir: 'memory://', ...options });
      return { ...db, owner: pgliteOwner(db.sql) };
    },
  },
  {
    name: 'postgres',
    async open(options) {
      await ensureTestRoles();
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const owner = ownerOf(schema);
      await owner.exec(`CREATE SCHEMA ${schema}`);
      try {
        const db = await openDatabase({ url: POSTGRES_APP_URL, migrationUrl: POSTGRES_URL, schema, ...options });
        return {
          ...db,
          owner,
          async close() {
            await db.close();
            await owner.exec(`DROP SCHEMA ${schema} CASCADE`);
            await owner.close();
          },
        };
      } catch (error) {
        await owner.exec(`DROP SCHEMA ${schema} CASCADE`);
        await owner.close();
        throw error;
      }
    },
  },
];
