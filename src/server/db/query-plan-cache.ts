import { createRequire } from 'node:module';

/**
 * Prisma 6's client engine (`engineType = "client"`, STACK.md) compiles every query to a plan in
 * WebAssembly on the event loop, about 2–5 ms a query on these machines, most of a simple read's
 * cost. A plan depends only on the client's schema and connection and on the request, so the
 * plan of a request seen before is reused: identical requests (a dashboard page, the portal, the
 * reads behind a live draw's viewers) skip the compiler. Prisma 7.4 caches plans by query shape;
 * this is the exact-request version of it for Prisma 6. Each client (each database, each schema)
 * has its own compiler and so its own cache. Plans are frozen: Prisma's executor only reads them
 * (the whole suite runs with frozen plans, and a write to one would throw, Prisma's runtime being
 * strict mode). PRISMA_PLAN_CACHE=0 turns it off.
 */
interface Compiler {
  compile(request: string): unknown;
  compileBatch(request: string): unknown;
}

const SIZE = 2_000;
const caches = new WeakMap<object, { single: Map<string, unknown>; batch: Map<string, unknown> }>();
export const planCacheStats = { hits: 0, misses: 0 };

/** Freezes a plan all the way down: the executor only reads plans, and a write would throw here. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function remember(cache: Map<string, unknown>, request: string, compile: () => unknown): unknown {
  const cached = cache.get(request);
  if (cached !== undefined) {
    planCacheStats.hits++;
    // Most recently used last, so the oldest goes first when full.
    cache.delete(request);
    cache.set(request, cached);
    return cached;
  }
  planCacheStats.misses++;
  const plan = deepFreeze(compile());
  if (cache.size >= SIZE) cache.delete(cache.keys().next().value!);
  cache.set(request, plan);
  return plan;
}

let installed = false;

/** Memoises the query compiler of every Prisma client of this process (idempotent). */
export function installQueryPlanCache(): void {
  if (installed || process.env.PRISMA_PLAN_CACHE === '0') return;
  installed = true;
  const require = createRequire(import.meta.url);
  // The module the generated client loads its compiler from (node_modules/.prisma/client).
  const runtime = require(require.resolve('.prisma/client/query_compiler_bg.js')) as { QueryCompiler: { prototype: Compiler } };
  const proto = runtime.QueryCompiler.prototype;
  const { compile, compileBatch } = proto;
  const cachesOf = (compiler: object) => {
    let c = caches.get(compiler);
    if (!c) caches.set(compiler, (c = { single: new Map(), batch: new Map() }));
    return c;
  };
  proto.compile = function (this: Compiler, request: string) {
    return remember(cachesOf(this).single, request, () => compile.call(this, request));
  };
  proto.compileBatch = function (this: Compiler, request: string) {
    return remember(cachesOf(this).batch, request, () => compileBatch.call(this, request));
  };
}

