import type { Config } from './config.ts';
import { lockDataDir } from './db/data-lock.ts';
import { openDatabase, type Database } from './db/database.ts';

/** `?schema=name`, as Prisma spells it, selects a PostgreSQL schema other than public. */
function splitSchema(databaseUrl: string): { url: string; schema: string | undefined } {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get('schema') ?? undefined;
  url.searchParams.delete('schema');
  return { url: url.toString(), schema };
}

/**
 * Opens the configured database (PostgreSQL by DATABASE_URL, else PGlite in DATA_DIR, locked),
 * migrated with MIGRATION_DATABASE_URL when it is set, working as the application's role.
 */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) {
    const server = splitSchema(config.databaseUrl);
    const owner = config.migrationDatabaseUrl ? splitSchema(config.migrationDatabaseUrl) : undefined;
    if (owner?.schema && server.schema && owner.schema !== server.schema) {
      throw new Error(`DATABASE_URL 的模式 ${server.schema} 与 MIGRATION_DATABASE_URL 的模式 ${owner.schema} 不同：两者须指向同一模式（the two URLs name different schemas）`);
    }
    const db = await openDatabase({ url: server.url, migrationUrl: owner?.url, schema: server.schema ?? owner?.schema });
    await warnIfPrivileged(db);
    return db;
  }
  const release = lockDataDir(config.dataDir);
  try {
    const db = await openDatabase({ dataDir: config.dataDir });
    return {
      ...db,
      async close() {
        await db.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Every connection works as double_random_app, but a login role that is a superuser or owns
 * the tables could RESET ROLE: say so, since only a restricted login role makes it a guarantee.
 */
async function warnIfPrivileged(db: Database): Promise<void> {
  const [login] = await db.sql.query<{ name: string; superuser: boolean; owner: boolean }>(
    `SELECT session_user AS name, r.rolsuper AS superuser, pg_has_role(session_user, c.relowner, 'MEMBER') AS owner
       FROM pg_roles r, pg_class c WHERE r.rolname = session_user AND c.oid = to_regclass('draw')`,
  );
  if (login && (login.superuser || login.owner)) {
    console.warn(
      `警告：服务器以${login.superuser ? '超级用户' : '表的所有者'} ${login.name} 登录数据库，虽已切换到 double_random_app，仍可 RESET ROLE 取回全部权限；请为 DATABASE_URL 建一个受限的登录角色，迁移用 MIGRATION_DATABASE_URL（见 README「PostgreSQL roles」）。` +
        ` (the server logs in as ${login.name}, a ${login.superuser ? 'superuser' : 'table owner'}: use a restricted login role for DATABASE_URL)`,
    );
  }
}
