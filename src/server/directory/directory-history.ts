import type { SqlSession } from '../db/sql.ts';

/** Directory tables whose every change is kept in `<table>_history` (migration 0009). */
export type HistoryTable = 'enterprise' | 'enterprise_record' | 'inspector' | 'expert' | 'expert_service' | 'checklist_item';

/** One change to a directory row: who, when, and the row after it (before it, for a deletion). */
export interface DirectoryChange {
  readonly op: 'INSERT' | 'UPDATE' | 'DELETE';
  readonly actor: string;
  readonly changedAt: Date;
  readonly tableName: HistoryTable;
  /** The row with its database column names, as `to_jsonb` gives it. */
  readonly row: Record<string, unknown>;
}

/**
 * The changes to some rows of one directory table, oldest first, by row id (one statement).
 * The history table holds the row typed; it becomes JSON here, for the few rows asked for.
 */
export async function directoryHistory(sql: SqlSession, table: HistoryTable, ids: readonly string[]): Promise<Map<string, DirectoryChange[]>> {
  const rows = await sql.query<{ id: string; op: DirectoryChange['op']; actor: string; changed_at: string; row: Record<string, unknown> }>(
    `SELECT h.id, h.op, h.actor, to_char(h.changed_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS changed_at,
       to_jsonb(h) - 'change_id' - 'op' - 'actor' - 'changed_at' AS "row"
     FROM ${table}_history h WHERE h.id = ANY($1::text[]) ORDER BY h.change_id`,
    [ids],
  );
  const byId = new Map<string, DirectoryChange[]>(ids.map((id) => [id, []]));
  for (const r of rows) byId.get(r.id)!.push({ op: r.op, actor: r.actor, changedAt: new Date(r.changed_at), tableName: table, row: r.row });
  return byId;
}
