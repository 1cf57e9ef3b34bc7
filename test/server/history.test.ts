import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/database.ts';
import { migrate, readMigrations } from '../../src/server/db/migrate.ts';
import { directoryHistory, type HistoryTable } from '../../src/server/directory/directory-history.ts';
import { setActor } from '../../src/server/directory/with-actor.ts';
import { TEST_DATABASES, type TestDb } from '../helpers/databases.ts';

const TABLES: readonly HistoryTable[] = ['enterprise', 'enterprise_record', 'inspector', 'expert', 'expert_service', 'checklist_item'];
const CHANGE_COLUMNS = ['change_id', 'op', 'actor', 'changed_at'];
const USCC = '91411303MA44XYZ12K';

async function columns(db: Database, table: string): Promise<string[]> {
  const rows = await db.sql.query<{ c: string }>(
    `SELECT attname || ' ' || format_type(atttypid, atttypmod) AS c FROM pg_attribute
     WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [table],
  );
  return rows.map((r) => r.c);
}

describe.each(TEST_DATABASES)('directory history on $name', (target) => {
  let db: TestDb;
  afterEach(async () => {
    await db.close();
  });

  it('has a history table per directory table with every one of its columns, typed the same', async () => {
    db = await target.open();
    for (const table of TABLES) {
      const history = await columns(db, `${table}_history`);
      expect(history.slice(0, CHANGE_COLUMNS.length).map((c) => c.split(' ')[0])).toEqual(CHANGE_COLUMNS);
      expect(history.slice(CHANGE_COLUMNS.length), table).toEqual(await columns(db, table));
    }
  });

  it('keeps each insert, real update and deletion with who and when; an update of the timestamp alone is no change', async () => {
    db = await target.open();
    const [j] = await db.sql.query<{ id: string }>(`INSERT INTO jurisdiction (code, name, level) VALUES ('411303', '卧龙区', 'COUNTY') RETURNING id`);
    const id = await db.sql.transaction(async (tx) => {
      await setActor(tx, 'user:planner');
      const [row] = await tx.query<{ id: string }>(`INSERT INTO enterprise (jurisdiction_id, uscc, name, sector, updated_at) VALUES ($1, $2, '南阳甲机械有限公司', 'machinery', now()) RETURNING id`, [j!.id, USCC]);
      return row!.id;
    });
    await db.sql.transaction(async (tx) => {
      await setActor(tx, 'user:auditor');
      await tx.query(`UPDATE enterprise SET risk_level = 'HIGH', updated_at = now() WHERE id = $1`, [id]);
      await tx.query(`UPDATE enterprise SET updated_at = now() + interval '1 day' WHERE id = $1`, [id]);
    });
    await db.owner.query('DELETE FROM enterprise WHERE id = $1', [id]); // the application never deletes one; the owner could

    const changes = (await directoryHistory(db.sql, 'enterprise', [id])).get(id)!;
    expect(changes.map((c) => [c.op, c.actor, c.row.risk_level])).toEqual([
      ['INSERT', 'user:planner', 'GENERAL'],
      ['UPDATE', 'user:auditor', 'HIGH'],
      ['DELETE', 'system', 'HIGH'],
    ]);
    expect(changes[0]!.row).toMatchObject({ id, uscc: USCC, name: '南阳甲机械有限公司', jurisdiction_id: j!.id });
    expect(Object.keys(changes[0]!.row)).not.toContain('change_id');
    expect(changes.every((c) => c.changedAt instanceof Date && Math.abs(c.changedAt.getTime() - Date.now()) < 60_000)).toBe(true);
  });

  it('moves the history kept before migration 0009 over, row for row', async () => {
    db = await target.open({ migrate: false });
    const files = await readMigrations();
    const before = files.findIndex((f) => f.name.startsWith('0009_'));
    await migrate(db.owner, files.slice(0, before));
    // Before 0012 the application's role has no grants: the old rows are the owner's writes.
    const [j] = await db.owner.query<{ id: string }>(`INSERT INTO jurisdiction (code, name, level) VALUES ('411303', '卧龙区', 'COUNTY') RETURNING id`);
    const id = await db.owner.transaction(async (tx) => {
      await setActor(tx, 'import:tester');
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO inspector (jurisdiction_id, name, gender, certificate_number, unit, unit_kind, domains, updated_at)
         VALUES ($1, '王伟', 'MALE', 'ZF-001', '执法一大队', 'BRIGADE', ARRAY['hazardous_chemicals'], now()) RETURNING id`,
        [j!.id],
      );
      await tx.query(`UPDATE inspector SET unit = '执法二大队', updated_at = now() WHERE id = $1`, [row!.id]);
      return row!.id;
    });
    const old = await db.owner.query<{ id: string; op: string; actor: string; row: Record<string, unknown> }>(`SELECT id::text, op, actor, "row" FROM directory_change ORDER BY id`);
    expect(old).toHaveLength(2);

    expect(await migrate(db.owner, files)).toEqual(files.slice(before).map((f) => f.name));
    expect(await db.sql.query(`SELECT 1 FROM pg_class WHERE relname = 'directory_change' AND relnamespace = to_regnamespace(current_schema())`)).toEqual([]);
    const moved = (await directoryHistory(db.sql, 'inspector', [id])).get(id)!;
    expect(moved.map((c) => [c.op, c.actor])).toEqual(old.map((o) => [o.op, o.actor]));
    expect(moved.map((c) => c.row)).toEqual(old.map((o) => o.row));
    // New changes follow the moved ones.
    await db.sql.query(`UPDATE inspector SET formal_staff = false, updated_at = now() WHERE id = $1`, [id]);
    const [latest] = await db.sql.query<{ change_id: string }>('SELECT change_id::text FROM inspector_history ORDER BY change_id DESC LIMIT 1');
    expect(Number(latest!.change_id)).toBeGreaterThan(Number(old[1]!.id));
  });
});
