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
  },
});
