/** Settings from the environment, with the defaults the README documents. */
export interface Config {
  /** HTTP port (PORT), default 4000. */
  readonly port: number;
  /** PGlite data folder (DATA_DIR), default ./data; ignored when DATABASE_URL is set. */
  readonly dataDir: string;
  /**
   * postgres://… (DATABASE_URL): use a real PostgreSQL instead of the embedded PGlite. The
   * server's login role; it must be granted double_random_app, which every connection enters.
   * Default unset (PGlite).
   */
  readonly databaseUrl: string | undefined;
  /**
   * postgres://… of the schema's owner (MIGRATION_DATABASE_URL): the server and `migrate` apply
   * the migrations with it and close it before serving. Default unset: migrate with
   * DATABASE_URL, whose login role must then own the schema.
   */
  readonly migrationDatabaseUrl: string | undefined;
  /** redis://… (REDIS_URL): share subscription events between server instances. */
  readonly redisUrl: string | undefined;
  /** Largest accepted import file in bytes (IMPORT_MAX_BYTES), default 64 MiB. */
  readonly importMaxBytes: number;
  /** A folder of extra rule packs (PACKS_DIR): ESM modules, JSON or YAML. */
  readonly packsDir: string | undefined;
  /** Default pause between picks shown in a live draw (DRAW_PACING_MS), default 1500. */
  readonly drawPacingMs: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const importMaxBytes = Number(env.IMPORT_MAX_BYTES ?? 64 * 1024 * 1024);
  if (!Number.isFinite(importMaxBytes) || importMaxBytes <= 0) throw new Error(`IMPORT_MAX_BYTES must be a positive number, got "${env.IMPORT_MAX_BYTES}"`);
  const drawPacingMs = Number(env.DRAW_PACING_MS ?? 1500);
  if (!Number.isInteger(drawPacingMs) || drawPacingMs < 0 || drawPacingMs > 60_000) throw new Error(`DRAW_PACING_MS must be a whole number of milliseconds from 0 to 60000, got "${env.DRAW_PACING_MS}"`);
  if (env.MIGRATION_DATABASE_URL && !env.DATABASE_URL) {
    throw new Error('设置了 MIGRATION_DATABASE_URL 却没有 DATABASE_URL：所有者的连接只用于 PostgreSQL 上的迁移（MIGRATION_DATABASE_URL needs DATABASE_URL）');
  }
  return {
    port,
    drawPacingMs,
    dataDir: env.DATA_DIR || './data',
    databaseUrl: env.DATABASE_URL || undefined,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    importMaxBytes,
    packsDir: env.PACKS_DIR || undefined,
  };
}
