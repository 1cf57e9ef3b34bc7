import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, MigrationError, readMigrations } from '../../src/server/db/migrate.ts';
import { TEST_DATABASES, type TestDb } from '../helpers/databases.ts';

describe.each(TEST_DATABASES)('migration runner on $name', (target) => {
  let db: TestDb;
  beforeEach(async () => {
    db = await target.open();
  });
  afterEach(async () => {
    await db.close();
  });

  it('has applied every migration once, with its checksum, and a second run does nothing', async () => {
    const files = await readMigrations();
    const ledger = await db.owner.query<{ name: string; checksum: string }>('SELECT name, checksum FROM _migrations ORDER BY name');
    expect(ledger).toEqual(files.map((f) => ({ name: f.name, checksum: f.checksum })));
    expect(await migrate(db.owner)).toEqual([]);
  });

  it('refuses to run when an applied migration file has changed', async () => {
    const files = await readMigrations();
    const changed = files.map((f, i) => (i === 0 ? { ...f, checksum: 'edited' } : f));
    await expect(migrate(db.owner, changed)).rejects.toMatchObject({ code: 'MIGRATION_CHANGED', migration: files[0]!.name });
  });

  it('refuses a database that has a migration the code does not know', async () => {
    await expect(migrate(db.owner, [])).rejects.toBeInstanceOf(MigrationError);
  });

  it('rolls a failing migration back whole, ledger row included', async () => {
    const files = await readMigrations();
    const broken = { name: '9999_broken', sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();', checksum: 'x' };
    await expect(migrate(db.owner, [...files, broken])).rejects.toMatchObject({ code: 'MIGRATION_FAILED', migration: '9999_broken' });
    const tables = await db.sql.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
    expect(tables).toEqual([]);
    expect(await db.owner.query("SELECT 1 FROM _migrations WHERE name = '9999_broken'")).toEqual([]);
  });

  it('keeps the directory history append-only', async () => {
    const [j] = await db.sql.query<{ id: string }>(`INSERT INTO jurisdiction (code, name, level) VALUES ('110000', '北京市', 'PROVINCE') RETURNING id`);
    await db.sql.query(`INSERT INTO checklist_item (jurisdiction_id, code, name, updated_at) VALUES ($1, 'X1', '事项', now())`, [j!.id]);
    await expect(db.sql.query('UPDATE checklist_item_history SET actor = $1', ['someone else'])).rejects.toThrow(/permission denied/);
    await expect(db.owner.query('UPDATE checklist_item_history SET actor = $1', ['someone else'])).rejects.toThrow(/append-only/);
    await expect(db.owner.query('DELETE FROM checklist_item_history')).rejects.toThrow(/append-only/);
  });
});
