import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SqlConnection } from './sql.ts';

export const MIGRATIONS_DIR = new URL('../../../prisma/migrations/', import.meta.url).pathname;

export interface MigrationFile {
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export class MigrationError extends Error {
  constructor(
    readonly code: 'MIGRATION_CHANGED' | 'MIGRATION_FAILED' | 'MIGRATION_UNKNOWN',
    readonly migration: string,
    message: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

const LEDGER = `CREATE TABLE IF NOT EXISTS _migrations (
  name text PRIMARY KEY,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** Arbitrary constant: serialises concurrent runners on one PostgreSQL database. */
const ADVISORY_LOCK_KEY = 4242_0001;

/**
 * Applies pending migrations in name order, each in its own transaction together with its
 * ledger row. Refuses to run when an applied migration's file has changed since, or when
 * the database has a migration this code does not know (it is newer than the code).
 */
export async function migrate(db: SqlConnection, migrations?: readonly MigrationFile[]): Promise<string[]> {
  const files = migrations ?? (await readMigrations());
  await db.exec(LEDGER);
  await db.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
  try {
    const applied = new Map(
      (await db.query<{ name: string; checksum: string }>('SELECT name, checksum FROM _migrations')).map((r) => [r.name, r.checksum]),
    );
    const known = new Set(files.map((f) => f.name));
    for (const name of applied.keys()) {
      if (!known.has(name)) {
        throw new MigrationError('MIGRATION_UNKNOWN', name, `The database has migration ${name}, which this version of double-random does not have; upgrade the code.`);
      }
    }
    const ran: string[] = [];
    for (const file of files) {
      const previous = applied.get(file.name);
      if (previous !== undefined) {
        if (previous !== file.checksum) {
          throw new MigrationError(
            'MIGRATION_CHANGED',
            file.name,
            `Migration ${file.name} was applied with checksum ${previous} but its file now has ${file.checksum}; applied migrations must not change, add a new one instead.`,
          );
        }
        continue;
      }
      try {
        await db.transaction(async (tx) => {
          await tx.exec(file.sql);
          await tx.query('INSERT INTO _migrations (name, checksum) VALUES ($1, $2)', [file.name, file.checksum]);
        });
      } catch (cause) {
        throw new MigrationError('MIGRATION_FAILED', file.name, `Migration ${file.name} failed and was rolled back: ${(cause as Error).message}`);
      }
      ran.push(file.name);
    }
    return ran;
  } finally {
    await db.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]);
  }
}
