#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: no build step.
import { register } from 'tsx/esm/api';

// Piping into `head` closes stdout early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// A server and its CLI run in production mode unless told otherwise: graphql-js then skips its
// development checks (~8% of a dashboard page, docs/performance.md) and graphql-yoga keeps the
// details of unexpected errors out of responses. NODE_ENV=development brings both back.
process.env.NODE_ENV ??= 'production';

register();
const { main } = await import('../src/cli/main.ts');
await main();
