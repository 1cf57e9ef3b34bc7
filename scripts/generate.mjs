#!/usr/bin/env node
// Runs `prisma generate` on a closed network.
// Prisma 6.19's CLI asks for the query-engine library and tries to download it even with
// engineType = "client", which never loads it. Naming any existing file in
// PRISMA_QUERY_ENGINE_LIBRARY stops the download; we point it at an empty placeholder,
// and only when the variable is unset. The CLI also insists on DATABASE_URL being set.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
if (!env.PRISMA_QUERY_ENGINE_LIBRARY) {
  const dir = join('node_modules', '.cache', 'double-random');
  const placeholder = join(dir, 'query-engine-placeholder.so.node');
  if (!existsSync(placeholder)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(placeholder, '');
  }
  env.PRISMA_QUERY_ENGINE_LIBRARY = placeholder;
}
env.DATABASE_URL ??= 'postgresql://localhost:5432/unused';

const args = process.argv.slice(2);
const result = spawnSync('npx', ['prisma', ...(args.length ? args : ['generate'])], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
