// The decode worker's entry. The server runs its TypeScript through tsx (bin/double-random.js),
// and a worker starts without the parent's loaders: it registers tsx itself, then loads the
// worker module. Started with an empty execArgv, so this is the only loader in the worker.
import { register } from 'tsx/esm/api';

register();
await import('./decode-worker.ts');
