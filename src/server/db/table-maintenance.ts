import type { SqlSession } from './sql.ts';

/** Tables that bulk writes fill; names come from code, never from input. */
export type BulkTable = 'enterprise' | 'enterprise_record' | 'inspector' | 'expert' | 'checklist_item';

/**
 * After a bulk write has committed, does what autovacuum would do soon after on a server:
 * refreshes the planner's statistics and the visibility map of a table that changed by more
 * than autovacuum's threshold (50 rows + 10%). PGlite runs no autovacuum at all, and a table
 * just filled by an import has no statistics: the planner then guesses one matching row and
 * sorts thousands for a page, and counts read every row from the heap instead of the index.
 * VACUUM cannot run inside a transaction, so this is called on the connection, after commit.
 * The application's role may VACUUM these tables on PostgreSQL 17 and later and on PGlite (the
 * MAINTAIN privilege); before 17 only the owner may, so it ANALYZEs through the function the
 * owner lends for that (migration 0012) and leaves the visibility map to autovacuum.
 */
export async function maintainAfterBulkWrite(sql: SqlSession, table: BulkTable, changedRows: number): Promise<boolean> {
  if (changedRows <= 0) return false;
  // Each row written added a row to the table's history (migration 0009), which the year's
  // compliance reads by jurisdiction; its statistics are refreshed alike (migration 0025).
  const history = `${table}_history` as const;
  // Both tables' sizes and the server's version, asked once.
  const [stats] = await sql.query<{ table: number | null; history: number | null; maintain: boolean }>(
    `SELECT (SELECT reltuples::float8 FROM pg_class WHERE oid = to_regclass($1)) AS "table", (SELECT reltuples::float8 FROM pg_class WHERE oid = to_regclass($2)) AS history,
            current_setting('server_version_num')::int >= 170000 AS maintain`,
    [table, history],
  );
  const maintain = stats?.maintain ?? false;
  const refreshed = await refreshIfChanged(sql, table, stats?.table ?? null, maintain, changedRows);
  await refreshIfChanged(sql, history, stats?.history ?? null, maintain, changedRows);
  return refreshed;
}

async function refreshIfChanged(sql: SqlSession, target: BulkTable | `${BulkTable}_history`, reltuples: number | null, maintain: boolean, changedRows: number): Promise<boolean> {
  // reltuples is -1 until the table is first analysed.
  const known = Math.max(reltuples ?? 0, 0);
  if (changedRows <= 50 + 0.1 * known) return false;
  if (maintain) await sql.exec(`VACUUM (ANALYZE) ${target}`);
  else await sql.query('SELECT refresh_table_statistics($1)', [target]);
  return true;
}

/**
 * The same for a caller whose rows are already committed (an import, the demo seed): a failure
 * is logged, never turned into an error of the write that has succeeded.
 */
export async function maintainAfterCommit(sql: SqlSession, table: BulkTable, changedRows: number): Promise<void> {
  await maintainAfterBulkWrite(sql, table, changedRows).catch((error: Error) => {
    console.warn(`statistics of ${table} not refreshed after a bulk write: ${error.message}`);
  });
}
