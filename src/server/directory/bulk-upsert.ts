import type { SqlSession } from '../db/sql.ts';
import type { BulkTable } from '../db/table-maintenance.ts';

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

/** Rows per statement: keeps each JSON parameter to a few megabytes. */
const CHUNK = 5000;

/**
 * Inserts or updates rows by (jurisdiction_id, key) in one statement per chunk. An update
 * that would change nothing is skipped, so re-importing the same file writes no history.
 * Rows are objects keyed by column name. Table and column names come from code, never input.
 */
export async function bulkUpsert(
  tx: SqlSession,
  target: UpsertTarget,
  jurisdictionId: string,
  rows: readonly Record<string, unknown>[],
  options: { readonly keys?: boolean } = {},
): Promise<UpsertOutcome> {
  const names = target.columns.map(([name]) => `"${name}"`);
  const definition = target.columns.map(([name, type]) => `"${name}" ${type}`).join(', ');
  const updatable = names.filter((n) => n !== `"${target.key}"`);
  // One row back per chunk, not one per record: on PGlite every returned row crosses from
  // WebAssembly into JavaScript.
  const sql = `
    WITH written AS (INSERT INTO ${target.table} (jurisdiction_id, ${names.join(', ')}, active, updated_at)
    SELECT $2, ${names.join(', ')}, true, now() FROM json_to_recordset($1::json) AS x(${definition})
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
  const encode = (from: number) => (from < rows.length ? JSON.stringify(rows.slice(from, from + CHUNK)) : '');
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
