import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql for the code under test and its libraries: Pothos, yoga and graphql-armor load
    // its CommonJS build, as Node does for everything in production; vite would hand src/ the ESM
    // build, and graphql refuses a schema or an error class "from another realm".
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file opens its own PGlite and its own PostgreSQL schema; a few at a time keeps memory sane.
    pool: 'forks',
    maxWorkers: 2,
  },
});
