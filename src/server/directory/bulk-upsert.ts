import { randomUUID } from 'node:crypto';
import { copyLine, copyValue } from '../db/copy-text.ts';
import type { SqlSession } from '../db/sql.ts';
import type { BulkTable } from '../db/table-maintenance.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';

/** A column written by a bulk upsert: its SQL name and the type json_to_recordset reads it as. */
export type ColumnSpec = readonly [name: string, type: string];

export interface UpsertTarget {
  readonly table: BulkTable;
  /** The natural key within a jurisdiction (unique together with jurisdiction_id). */
  readonly key: string;
  readonly columns: readonly ColumnSpec[];
}

export interface UpsertOutcome {
  readonly created: number;
  readonly updated: number;
  /** The natural key of every row that was inserted or changed, when asked for. */
  readonly keys: ReadonlySet<string>;
}

/** Rows per statement: keeps each JSON parameter or COPY input to a few megabytes. */
const CHUNK = 5000;

/**
 * Inserts or updates rows by (jurisdiction_id, key), all or none with the caller's transaction.
 * Rows are objects keyed by column name. Table and column names come from code, never input.
 *
 * Into a jurisdiction's empty directory (a first import, the demo seed) the rows are copied
 * in with COPY, which PostgreSQL inserts in batches: about a third cheaper than the upsert. Should
 * a row with one of the keys appear meanwhile (a concurrent write), the copy is rolled back to
 * its savepoint and the rows go through the upsert instead, which merges.
 *
 * Both paths give new rows ids from randomUUID, not from the column's gen_random_uuid(): PGlite
 * asks JavaScript for the random bytes of each call (~0.9 s per 100,000 rows). An existing row
 * keeps its id (the upsert does not set it).
 */
export async function bulkUpsert(
  tx: SqlSession,
  target: UpsertTarget,
  jurisdictionId: string,
  rows: readonly Record<string, unknown>[],
  options: { readonly keys?: boolean } = {},
): Promise<UpsertOutcome> {
  if (rows.length > 0 && (await isEmptyDirectory(tx, target, jurisdictionId))) {
    await tx.exec('SAVEPOINT bulk_copy');
    try {
      await copyRows(tx, target, jurisdictionId, rows);
      await tx.exec('RELEASE SAVEPOINT bulk_copy');
      return { created: rows.length, updated: 0, keys: new Set(options.keys ? rows.map((r) => r[target.key] as string) : []) };
    } catch (error) {
      await tx.exec('ROLLBACK TO SAVEPOINT bulk_copy');
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return upsertRows(tx, target, jurisdictionId, rows, options);
}

async function isEmptyDirectory(tx: SqlSession, target: UpsertTarget, jurisdictionId: string): Promise<boolean> {
  const [row] = await tx.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${target.table} WHERE jurisdiction_id = $1) AS any`, [jurisdictionId]);
  return !row!.any;
}

async function copyRows(tx: SqlSession, target: UpsertTarget, jurisdictionId: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  const columns = target.columns.map(([name]) => name);
  const sql = `COPY ${target.table} (id, jurisdiction_id, ${columns.map((c) => `"${c}"`).join(', ')})`;
  const lead = `\t${copyValue(jurisdictionId)}\t`;
  for (let i = 0; i < rows.length; i += CHUNK) {
    let text = '';
    for (let r = i; r < Math.min(i + CHUNK, rows.length); r++) text += `${randomUUID()}${lead}${copyLine(rows[r]!, columns)}\n`;
    await tx.copyFrom(sql, text);
  }
}

/** One statement per chunk; an update that would change nothing is skipped, so re-importing the same file writes no history. */
async function upsertRows(
  tx: SqlSession,
  target: UpsertTarget,
  jurisdictionId: string,
  rows: readonly Record<string, unknown>[],
  options: { readonly keys?: boolean },
): Promise<UpsertOutcome> {
  const names = target.columns.map(([name]) => `"${name}"`);
  const definition = target.columns.map(([name, type]) => `"${name}" ${type}`).join(', ');
  const updatable = names.filter((n) => n !== `"${target.key}"`);
  // One row back per chunk, not one per record: on PGlite every returned row crosses from
  // WebAssembly into JavaScript.
  const sql = `
    WITH written AS (INSERT INTO ${target.table} (id, jurisdiction_id, ${names.join(', ')}, active, updated_at)
    SELECT id, $2, ${names.join(', ')}, true, now() FROM json_to_recordset($1::json) AS x(id text, ${definition})
    ON CONFLICT (jurisdiction_id, "${target.key}") DO UPDATE SET
      ${updatable.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}, active = true, updated_at = now()
    WHERE (${updatable.map((n) => `${target.table}.${n}`).join(', ')}, ${target.table}.active)
      IS DISTINCT FROM (${updatable.map((n) => `EXCLUDED.${n}`).join(', ')}, true)
    RETURNING "${target.key}" AS key, (xmax = 0) AS inserted)
    SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS updated,
      ${options.keys ? 'array_agg(key)' : 'NULL::text[]'} AS keys
    FROM written`;
  let created = 0;
  let updated = 0;
  const keys = new Set<string>();
  const encode = (from: number) => (from < rows.length ? JSON.stringify(rows.slice(from, from + CHUNK).map((row) => ({ id: randomUUID(), ...row }))) : '');
  let next = encode(0);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const pending = tx.query<{ created: number; updated: number; keys: string[] | null }>(sql, [next, jurisdictionId]);
    // PostgreSQL writes this chunk while the next one is encoded (awaited at once: no unhandled rejection).
    next = encode(i + CHUNK);
    const [result] = await pending;
    created += result!.created;
    updated += result!.updated;
    for (const key of result!.keys ?? []) keys.add(key);
  }
  return { created, updated, keys };
}
