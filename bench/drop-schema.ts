import pg from 'pg';

/** Drops a bench schema as its owner: the server's connections work as double_random_app, which may not. */
export async function dropSchema(ownerUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
