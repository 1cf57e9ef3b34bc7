import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { migrate } from './migrate.ts';
import { installQueryPlanCache } from './query-plan-cache.ts';
import { countingAdapter, QueryCounter } from './query-counter.ts';
import type { SqlConnection, SqlSession } from './sql.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** The role the application works as; migration 0012 creates it and grants it what the code does. */
export const APP_ROLE = 'double_random_app';

export class DatabaseRoleError extends Error {
  constructor(
    readonly code: 'APP_ROLE_MISSING' | 'APP_ROLE_NOT_GRANTED',
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseRoleError';
  }
}

/** The first connection failed: says in words what the operator must do when it is the role. */
function appRoleError(url: string, error: Error & { code?: string }): Error {
  const login = decodeURIComponent(new URL(url).username) || '(默认用户)';
  if (error.code === '22023' && /"role"/.test(error.message)) {
    return new DatabaseRoleError('APP_ROLE_MISSING', `数据库中没有角色 ${APP_ROLE}：请先以所有者身份迁移（MIGRATION_DATABASE_URL，见 README「PostgreSQL roles」）（role ${APP_ROLE} does not exist: migrate first）`);
  }
  if (error.code === '42501' && /set role/i.test(error.message)) {
    return new DatabaseRoleError('APP_ROLE_NOT_GRANTED', `登录角色 ${login} 未被授予 ${APP_ROLE}：请执行 GRANT ${APP_ROLE} TO ${login}（见 README「PostgreSQL roles」）（login role ${login} is not a member of ${APP_ROLE}）`);
  }
  return error;
}

export interface DatabaseOptions {
  /**
   * `postgres://…` for a real PostgreSQL; unset for the embedded PGlite. The server's
   * connections log in with it and enter {@link APP_ROLE}, so the login role must be granted it.
   */
  readonly url?: string | undefined;
  /**
   * `postgres://…` of the schema's owner, used only to create the schema and migrate, then
   * closed. Default `url` (then that login role must own the schema's tables).
   */
  readonly migrationUrl?: string | undefined;
  /** PGlite data folder; `memory://` keeps it in memory. Default `./data`. */
  readonly dataDir?: string | undefined;
  /** PostgreSQL schema to work in (tests isolate each file in its own). Default `public`. */
  readonly schema?: string | undefined;
  /** Apply pending migrations on open. Default true. */
  readonly migrate?: boolean | undefined;
}

export interface Database {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  /** Plain SQL on the same database, for the migration runner and bulk paths. */
  readonly sql: SqlConnection;
  /** Statements Prisma has sent; tests use it to prove a page costs a constant number. */
  readonly queries: QueryCounter;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens the database, migrated as its owner unless `migrate: false`, with every connection the
 * application then uses working as {@link APP_ROLE}: no TRUNCATE, no DDL, no triggers disabled.
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  installQueryPlanCache();
  const migrating = options.migrate !== false;
  return options.url
    ? openPostgres(options.url, options.migrationUrl ?? options.url, options.schema ?? 'public', migrating)
    : openPGlite(options.dataDir ?? './data', migrating);
}

function pgliteConnection(lite: PGlite): SqlConnection {
  const session = (q: Pick<PGlite, 'query' | 'exec'>): SqlSession => ({
    query: async <Row,>(sql: string, params?: unknown[]) => (await q.query<Row>(sql, params)).rows,
    exec: async (sql: string) => {
      await q.exec(sql);
    },
    // PGlite reads COPY's input from a blob it names /dev/blob.
    copyFrom: async (sql: string, data: string) => {
      await q.query(`${sql} FROM '/dev/blob'`, [], { blob: new Blob([data]) });
    },
  });
  return { ...session(lite), transaction: (fn) => lite.transaction((tx) => fn(session(tx))) };
}

/** The dump of a freshly migrated in-memory database, made once per process (see openPGlite). */
let migratedImage: Promise<Blob> | undefined;

/**
 * A fresh in-memory database starts from a copy of one migrated in this process: creating a
 * cluster (initdb) and migrating it takes ~2.5 s, loading the copy ~0.4 s, and tests and
 * benchmarks open hundreds. The copy is made by the same migrations, so it is what migrating
 * would make; `migrate` still runs on it and finds nothing to do. A data folder is never a copy.
 */
function migratedInMemory(): Promise<Blob> {
  migratedImage ??= (async () => {
    const lite = await PGlite.create('memory://', { relaxedDurability: true });
    try {
      await migrate(pgliteConnection(lite));
      return await lite.dumpDataDir('none');
    } finally {
      await lite.close();
    }
  })().catch((error: unknown) => {
    migratedImage = undefined; // not kept: the next open tries again
    throw error;
  });
  return migratedImage;
}

async function openPGlite(dataDir: string, migrating: boolean): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  // relaxedDurability: PGlite would otherwise wait, after every protocol message (six per
  // query), for its file system's sync under a lock; on Node's file system (a data folder) and
  // in memory that sync does nothing, since the WebAssembly writes go to the files as they happen.
  // Not waiting for it takes ~10% off a directory page.
  const fresh = dataDir === 'memory://' && migrating;
  const lite = await PGlite.create(dataDir, { relaxedDurability: true, ...(fresh ? { loadDataDir: await migratedInMemory() } : {}) });
  try {
    if (migrating) await migrate(pgliteConnection(lite));
    await enterAppRoleOnPGlite(lite);
  } catch (error) {
    await lite.close();
    throw error;
  }
  const queries = new QueryCounter();
  const adapter = countingAdapter(new PrismaPGlite(lite) as unknown as SqlDriverAdapterFactory, queries);
  const prisma = new PrismaClient({ adapter });
  return {
    kind: 'pglite',
    prisma,
    sql: pgliteConnection(lite),
    queries,
    async close() {
      await prisma.$disconnect();
      await lite.close();
    },
  };
}

/** Plain SQL over a pool of PostgreSQL connections (the server's, or an owner's for migrations). */
export function postgresConnection(pool: pg.Pool): SqlConnection {
  const session = (c: pg.Pool | pg.PoolClient): SqlSession => ({
    query: async <Row,>(sql: string, params?: unknown[]) => (await c.query(sql, params)).rows as Row[],
    exec: async (sql: string) => {
      await c.query(sql);
    },
    copyFrom: async (sql: string, data: string) => {
      const client = c instanceof pg.Pool ? await c.connect() : c;
      try {
        await pipeline(Readable.from([data]), client.query(copyFrom(`${sql} FROM STDIN`)));
      } finally {
        if (client !== c) (client as pg.PoolClient).release();
      }
    },
  });
  return {
    ...session(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(session(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/**
 * PGlite is single-user: its one session logs in as the superuser `postgres` (its `username`
 * option only sets the role, as here). The session works as the application's role from
 * here on, so the application's own SQL gets the same refusals as on PostgreSQL; code in the
 * process could still `RESET ROLE`, which no database setting can prevent in-process
 * (docs/security.md, "Database roles"). The role is created here when the database has not
 * been migrated yet (`migrate: false`), and may read PGlite's virtual /dev/blob, from which
 * `COPY … FROM` reads a bulk import (pgliteConnection): PostgreSQL asks that of any COPY from
 * a file, and PGlite's file system holds only its own data folder.
 */
async function enterAppRoleOnPGlite(lite: PGlite): Promise<void> {
  await lite.exec(`DO $$ BEGIN
    IF to_regrole('${APP_ROLE}') IS NULL THEN CREATE ROLE ${APP_ROLE} NOLOGIN; END IF;
    IF NOT pg_has_role('${APP_ROLE}', 'pg_read_server_files', 'MEMBER') THEN GRANT pg_read_server_files TO ${APP_ROLE}; END IF;
  END $$;
  SET ROLE ${APP_ROLE};`);
}

function postgresPool(url: string, schema: string, extra: { readonly role?: string; readonly max?: number } = {}): pg.Pool {
  // search_path makes unqualified names in migrations and raw SQL land in the schema; `role`
  // is SET ROLE at the start of every connection, before any query of the application.
  const options = `-c search_path=${schema}${extra.role ? ` -c role=${extra.role}` : ''}`;
  return new pg.Pool({ connectionString: url, options, ...(extra.max ? { max: extra.max } : {}) });
}

/**
 * Creates the schema and migrates it on one connection of the owner (one, so that the
 * runner's advisory lock is taken and released by the same session), then closes it.
 */
async function migratePostgres(url: string, schema: string): Promise<void> {
  const owner = postgresPool(url, schema, { max: 1 });
  try {
    await owner.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await migrate(postgresConnection(owner));
  } finally {
    await owner.end();
  }
}

async function openPostgres(url: string, migrationUrl: string, schema: string, migrating: boolean): Promise<Database> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`PostgreSQL 模式名 ${schema} 无效（invalid schema name）：只能用小写字母、数字和下划线，至多 63 个字符`);
  if (migrating) await migratePostgres(migrationUrl, schema);
  const pool = postgresPool(url, schema, { role: APP_ROLE });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw appRoleError(url, error as Error & { code?: string });
  }
  const queries = new QueryCounter();
  const adapter = countingAdapter(new PrismaPg(pool, { schema }) as unknown as SqlDriverAdapterFactory, queries);
  const prisma = new PrismaClient({ adapter });
  return {
    kind: 'postgres',
    prisma,
    sql: postgresConnection(pool),
    queries,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
