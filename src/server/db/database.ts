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

export interface DatabaseOptions {
  /** `postgres://…` for a real PostgreSQL; unset for the embedded PGlite. */
  readonly url?: string | undefined;
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

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  installQueryPlanCache();
  const db = options.url ? await openPostgres(options.url, options.schema ?? 'public') : await openPGlite(options.dataDir ?? './data');
  if (options.migrate !== false) {
    try {
      await migrate(db.sql);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
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

async function openPGlite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  // relaxedDurability: PGlite would otherwise wait, after every protocol message (six per
  // query), for its file system's sync under a lock; on Node's file system (a data folder) and
  // in memory that sync does nothing, since the WebAssembly writes go to the files as they happen.
  // Not waiting for it takes ~10% off a directory page.
  const lite = await PGlite.create(dataDir, { relaxedDurability: true });
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

function postgresConnection(pool: pg.Pool): SqlConnection {
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

async function openPostgres(url: string, schema: string): Promise<Database> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid PostgreSQL schema name: ${schema}`);
  // search_path makes unqualified names in migrations and raw SQL land in the schema.
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}` });
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
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
