import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/server/config.ts';
import { APP_ROLE, openDatabase } from '../../src/server/db/database.ts';
import { openConfiguredDatabase } from '../../src/server/open-configured.ts';
import { dropSchema, ensureTestRoles, POSTGRES_APP_URL, POSTGRES_URL, TEST_DATABASES, TEST_LOGIN_ROLE, type TestDb } from '../helpers/databases.ts';

/** Every table whose rows the application promises never to lose (migration 0012, docs/security.md). */
const GUARDED = [
  '_migrations',
  'enterprise', 'enterprise_record', 'inspector', 'expert', 'expert_service', 'checklist_item',
  'enterprise_history', 'enterprise_record_history', 'inspector_history', 'expert_history', 'expert_service_history', 'checklist_item_history',
  'rule_pack_switch', 'calendar_override',
  'draw', 'entropy_contribution', 'draw_pick', 'team_replacement', 'other_inspection', 'audit_entry',
  'inspection_result', 'result_signature', 'result_event', 'objection',
  'enterprise_blacklisting', 'result_standing_change', 'plan_amendment', 'pooling_consent',
  'stored_rule_pack',
  'periodic_bulletin',
  'jurisdiction_sector', 'sector_match_correction',
];

describe.each(TEST_DATABASES)('the server works with the application role only ($name)', (target) => {
  let db: TestDb;
  let enterpriseId: string;
  beforeAll(async () => {
    db = await target.open();
    const [j] = await db.sql.query<{ id: string }>(`INSERT INTO jurisdiction (code, name, level) VALUES ('411303', '卧龙区', 'COUNTY') RETURNING id`);
    const [e] = await db.sql.query<{ id: string }>(`INSERT INTO enterprise (jurisdiction_id, uscc, name, sector, updated_at) VALUES ($1, '91411303MA44XYZ12K', '南阳甲机械有限公司', 'machinery', now()) RETURNING id`, [j!.id]);
    enterpriseId = e!.id;
  }, 60_000);
  afterAll(async () => db?.close());
  /** The owner's statement in a session that would skip the triggers of a replica. */
  const asReplica = (sql: string) =>
    db.owner.transaction(async (tx) => {
      await tx.exec('SET LOCAL session_replication_role = replica');
      await tx.exec(sql);
    });

  it('refuses TRUNCATE of a history table, the picks, the results and the audit trail on the server’s connection', async () => {
    for (const table of ['enterprise_history', 'draw_pick', 'inspection_result', 'audit_entry']) {
      await expect(db.sql.exec(`TRUNCATE ${table}`), table).rejects.toThrow(/permission denied/);
    }
    expect(await db.sql.query('SELECT 1 FROM enterprise_history WHERE id = $1', [enterpriseId])).toHaveLength(1);
  });

  it('refuses a superuser’s TRUNCATE of every guarded table by a trigger, in a replica session too, and says why in Chinese', async () => {
    // CASCADE: a table that others reference is otherwise refused by the foreign key first.
    for (const table of GUARDED) {
      await expect(db.owner.exec(`TRUNCATE ${table} CASCADE`), table).rejects.toThrow(/表 \w+ 的记录须永久保留，不能清空/);
      await expect(asReplica(`TRUNCATE ${table} CASCADE`), `${table} (replica)`).rejects.toThrow(/不能清空/);
    }
    for (const table of ['enterprise_history', 'draw_pick', 'inspection_result', 'audit_entry']) {
      await expect(db.owner.exec(`TRUNCATE ${table} CASCADE`), table).rejects.toThrow(`表 ${table} 的记录须永久保留，不能清空`);
    }
    // From a table the guarded ones reference, the cascade reaches their guards.
    await expect(db.owner.exec('TRUNCATE jurisdiction CASCADE')).rejects.toThrow(/不能清空/);
    // An UPDATE or DELETE refused by a row trigger stays refused in a replica session.
    await expect(asReplica('DELETE FROM enterprise_history')).rejects.toThrow(/append-only/);
    expect(await db.owner.query('SELECT 1 FROM enterprise_history WHERE id = $1', [enterpriseId])).toHaveLength(1);
  });

  it('cannot set session_replication_role, alter or drop a table, disable a trigger or create one', async () => {
    expect(await db.sql.query('SELECT current_user AS role')).toEqual([{ role: APP_ROLE }]);
    await expect(db.sql.exec('SET session_replication_role = replica')).rejects.toThrow(/permission denied to set parameter/);
    await expect(db.sql.exec('ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only')).rejects.toThrow(/must be owner/);
    await expect(db.sql.exec('ALTER TABLE draw ADD COLUMN note text')).rejects.toThrow(/must be owner/);
    await expect(db.sql.exec('DROP TABLE audit_entry')).rejects.toThrow(/must be owner/);
    await expect(db.sql.exec('DROP TRIGGER audit_entry_no_truncate ON audit_entry')).rejects.toThrow(/must be owner/);
    await expect(db.sql.exec('CREATE TABLE shadow (id int)')).rejects.toThrow(/permission denied for schema/);
    await expect(db.sql.exec('DELETE FROM audit_entry')).rejects.toThrow(/permission denied/);
  });

  it('grants every table to the role, none with TRUNCATE, TRIGGER or REFERENCES, and the role owns nothing', async () => {
    const tables = await db.owner.query<{ name: string; reads: boolean; beyond: boolean }>(
      `SELECT c.relname AS name, has_table_privilege($1, c.oid, 'SELECT') AS reads,
              has_table_privilege($1, c.oid, 'TRUNCATE') OR has_table_privilege($1, c.oid, 'TRIGGER') OR has_table_privilege($1, c.oid, 'REFERENCES') AS beyond
         FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' ORDER BY 1`,
      [APP_ROLE],
    );
    expect(tables.length).toBeGreaterThan(30);
    // The ledger is the migration runner's alone.
    expect(tables.filter((t) => !t.reads).map((t) => t.name)).toEqual(['_migrations']);
    expect(tables.filter((t) => t.beyond).map((t) => t.name)).toEqual([]);
    expect(await db.owner.query(`SELECT relname FROM pg_class WHERE relowner = $1::regrole`, [APP_ROLE])).toEqual([]);
  });
});

describe('the server’s PostgreSQL login role', () => {
  it('is not a superuser, owns nothing and stays without those rights after RESET ROLE', async () => {
    const db = await TEST_DATABASES.find((d) => d.name === 'postgres')!.open();
    try {
      const [login] = await db.sql.query<{ name: string; superuser: boolean; replication: boolean }>(
        'SELECT session_user AS name, rolsuper AS superuser, rolreplication AS replication FROM pg_roles WHERE rolname = session_user',
      );
      expect(login).toEqual({ name: TEST_LOGIN_ROLE, superuser: false, replication: false });
      await expect(db.sql.transaction(async (tx) => tx.exec('RESET ROLE; SET LOCAL session_replication_role = replica'))).rejects.toThrow(/permission denied/);
      await expect(db.sql.transaction(async (tx) => tx.exec('RESET ROLE; TRUNCATE audit_entry'))).rejects.toThrow(/permission denied/);
      await expect(db.sql.transaction(async (tx) => tx.exec('SET LOCAL ROLE postgres'))).rejects.toThrow(/permission denied to set role/);
    } finally {
      await db.close();
    }
  });

  it('serves with DATABASE_URL after migrating with MIGRATION_DATABASE_URL, both naming the schema', async () => {
    await ensureTestRoles();
    const schema = `t_${randomBytes(6).toString('hex')}`;
    try {
      const config = readConfig({ DATABASE_URL: `${POSTGRES_APP_URL}?schema=${schema}`, MIGRATION_DATABASE_URL: `${POSTGRES_URL}?schema=${schema}` });
      const db = await openConfiguredDatabase(config);
      try {
        expect(await db.sql.query('SELECT session_user AS login, current_user AS role, current_schema() AS schema')).toEqual([{ login: TEST_LOGIN_ROLE, role: APP_ROLE, schema }]);
        expect(await db.prisma.jurisdiction.count()).toBe(0);
      } finally {
        await db.close();
      }
    } finally {
      await dropSchema(schema);
    }
  });

  it('is told in Chinese when it has not been granted the application role', async () => {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const outsider = 'double_random_test_outsider';
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`DO $$ BEGIN CREATE ROLE ${outsider} LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await admin.end();
    const url = new URL(POSTGRES_URL);
    url.username = outsider;
    try {
      await expect(openDatabase({ url: url.toString(), migrationUrl: POSTGRES_URL, schema })).rejects.toMatchObject({
        code: 'APP_ROLE_NOT_GRANTED',
        message: expect.stringContaining(`登录角色 ${outsider} 未被授予 ${APP_ROLE}`),
      });
    } finally {
      await dropSchema(schema);
    }
  });

  it('needs DATABASE_URL beside MIGRATION_DATABASE_URL', () => {
    expect(() => readConfig({ MIGRATION_DATABASE_URL: POSTGRES_URL })).toThrow(/MIGRATION_DATABASE_URL/);
  });
});
