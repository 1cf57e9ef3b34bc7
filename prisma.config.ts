// Prisma CLI configuration. Only `prisma generate` and `prisma migrate diff` are used, and
// both must work offline: the JS schema engine (engine: 'js') avoids the Rust binary that
// Prisma would otherwise download. Migrations are applied by the project's own runner
// (src/server/db/migrate.ts), never by `prisma migrate deploy`.
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL ?? 'postgresql://localhost/unused' }),
});
