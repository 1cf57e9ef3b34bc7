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
    // Browser tests share the machine's two cores with the rest of the suite: a step may wait long
    // under load. A failing test takes this long to fail; a passing one is not slowed.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll waits for what a page or a subscriber shows; one second is too short on a loaded machine.
    expect: { poll: { timeout: 30_000 } },
    // Each file opens its own PGlite and its own PostgreSQL schema; a few at a time keeps memory sane.
    pool: 'forks',
    maxWorkers: 2,
    // Files share their worker's modules (the server, the schema, Prisma, PGlite's image of a migrated
    // database) instead of loading them anew each: ~4 minutes of the suite. No test changes a
    // module's state for the next (no mocks, no process.env writes); each opens its own database.
    isolate: false,
  },
});
