import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file opens its own PGlite and its own PostgreSQL schema; a few at a time keeps memory sane.
    pool: 'forks',
    maxWorkers: 2,
  },
});
