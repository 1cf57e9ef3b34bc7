import { jurisdictionVocabulary } from './vocabulary/jurisdiction-vocabulary.ts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGraphQLError, createYoga } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { createServerAdapter } from '@whatwg-node/server';
import type { DirectoryKind } from '../core/directory/kinds/index.ts';
import { viewerFromRequest, viewerFromToken } from './auth/tokens.ts';
import { visibleTasks } from './auth/visibility.ts';
import { exportOfDraw } from './draws/draw-export.ts';
import { openingsFor } from './draws/upper-level-seals.ts';
import { livePage } from './pages/live.ts';
import { isMemberOf, type Viewer } from './auth/viewer.ts';
import type { Database } from './db/database.ts';
import type { PackRegistry } from '../rulepacks/registry.ts';
import { exportDirectory } from './directory/export-directory.ts';
import { encodeTable } from './import/encode-file.ts';
import { createLoaders, type Context } from './schema/context.ts';
import { schema } from './schema/index.ts';
import { portal } from './portal/portal-routes.ts';
import { enterprisePortal } from './portal/enterprise-routes.ts';
import { noticeRoutes } from './portal/notice-routes.ts';
import { NOTICE_STYLE_HASH } from './portal/notice-pages.ts';
import { createEventBus, type EventBus } from './events/pubsub.ts';
import type { Services } from './tasks/services.ts';
import { watchStoredPacks } from './rulepacks/stored-packs.ts';
import { createSubscriptionSharing } from './events/shared-subscription.ts';
import { watchRevocations } from './auth/revocation.ts';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { CONSOLE_POLICY, GRAPHIQL_POLICY, pagePolicy, withSecurityHeaders } from './http/security-headers.ts';
import { isConsolePath, serveConsole } from './console/serve-console.ts';
import { handleReportDownload, REPORT_PATH } from './compliance/report-route.ts';
import { PORTAL_STYLE_HASH } from './portal/html.ts';
import { createPortalCache } from './portal/portal-cache.ts';
import { startBulletinScheduler } from './results/monthly-bulletins.ts';
import type { PageCacheLimits } from './cache/page-cache.ts';
import { LIVE_PAGE_HASHES } from './pages/live.ts';
import { useRefuseNulCharacters } from './limits/refuse-nul-characters.ts';
import { createComplianceWarnings } from './compliance/compliance-warnings.ts';
import { createDeadlineAlerts } from './results/deadline-alerts.ts';
import { createSubscriptionCounter, isRefusal, type Holder, type Release } from './events/subscription-limits.ts';
import { DEFAULT_WEBSOCKET_LIMITS, type WebSocketLimits } from './config.ts';
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './import/decode-limits.ts';
import { useRequestBodyLimit } from './request-body-limit.ts';
import { DEFAULT_REQUEST_LIMITS, useRequestLimits, type RequestLimits } from './limits/request-limits.ts';
import { createRateLimits, type RateLimits } from './limits/rate-limits.ts';
import { clientAddress } from './limits/client-address.ts';
import type { IncomingMessage } from 'node:http';

/** Who sent a request, as the HTTP server saw it; in-process calls may say, or be `local`. */
export interface RequestClient {
  /** The socket's remote address. */
  readonly remoteAddress?: string | undefined;
}

export interface App {
  /** Fetch-style handler: tests call it in-process, no port needed. */
  readonly fetch: (request: Request, client?: RequestClient) => Promise<Response>;
  start(port: number): Promise<{ port: number }>;
  stop(): Promise<void>;
}

const LIVE_PATH = /^\/live\/([0-9a-f-]{36})$/;
const DRAW_EXPORT_PATH = /^\/draws\/([0-9a-f-]{36})\/export\.json$/;
const EXPORT_PATH = /^\/export\/([0-9]{6,12})\/(enterprises|inspectors|experts|checklist|records)\.(csv|xlsx)$/;

/** Our own pages' policy: their inline blocks by hash, nothing from elsewhere. */
const PAGE_POLICY = pagePolicy({ styles: [PORTAL_STYLE_HASH, NOTICE_STYLE_HASH, LIVE_PAGE_HASHES.style], scripts: [LIVE_PAGE_HASHES.script] });

/**
 * GraphiQL with its scripts inline (@graphql-yoga/render-graphiql), so it works on an intranet
 * without the internet (yoga's default page loads them from a CDN); rendered once (9 MB).
 */
let graphiqlPage: string | undefined;
const offlineGraphiQL = (options?: Parameters<typeof renderGraphiQL>[0]) => (graphiqlPage ??= renderGraphiQL(options));

export interface AppOptions {
  /** Shared with other instances through Redis when REDIS_URL is set; in-process otherwise. */
  readonly events?: EventBus;
  /** Default pause between picks on the live page (DRAW_PACING_MS). */
  readonly drawPacingMs?: number;
  /** Frame, document and subscription limits of GraphQL over WebSocket (WS_MAX_*); defaults for those left out. */
  readonly websocket?: Partial<WebSocketLimits>;
  /** What an upload may cost (IMPORT_MAX_BYTES and its siblings, `decodeLimitsOf(config)`). */
  readonly importLimits?: Partial<DecodeLimits>;
  /** What one GraphQL request may cost (GRAPHQL_MAX_*); DEFAULT_REQUEST_LIMITS otherwise. */
  readonly requestLimits?: RequestLimits;
  /** Login backoff and quotas, through Redis when REDIS_URL is set; in memory with the defaults otherwise. */
  readonly rateLimits?: RateLimits;
  /** Proxies in front of the server whose X-Forwarded-For is believed (TRUST_PROXY), default 0. */
  readonly trustProxy?: number;
  /** How often a started server looks for a monthly bulletin to issue (default 10 minutes); false: never. */
  readonly bulletinEveryMs?: number | false;
  /** The clock of what runs by the calendar (the bulletin's tick); the system clock by default. */
  readonly now?: () => Date;
  /** What the portal's page cache may hold (DEFAULT_PAGE_CACHE_LIMITS for those left out). */
  readonly portalCache?: Partial<PageCacheLimits>;
}

export function buildApp(db: Database, packs: PackRegistry, options: AppOptions = {}): App {
  const events = options.events ?? createEventBus();
  const services: Services = { prisma: db.prisma, databaseKind: db.kind, packs, events, drawPacingMs: options.drawPacingMs ?? 1500, ...(options.now ? { now: options.now } : {}) };
  const deadlineAlerts = createDeadlineAlerts(services);
  // The portal's GET pages, kept until something public changes on any instance (portal-cache.ts).
  const portalCache = createPortalCache(events, options.portalCache);
  const complianceWarnings = createComplianceWarnings(services);
  // A revoked token's open WebSocket connections close on every instance (HTTP looks each token up).
  const revocations = watchRevocations(events);
  // A pack saved on any instance loads on this one too (the others read it on a lookup miss).
  const storedPacks = watchStoredPacks(db.prisma, packs, events);
  const wsLimits: WebSocketLimits = { ...DEFAULT_WEBSOCKET_LIMITS, ...options.websocket };
  const importLimits: DecodeLimits = { ...DEFAULT_DECODE_LIMITS, ...options.importLimits };
  const rateLimits = options.rateLimits ?? createRateLimits();
  const addressOf = (request: { headers: { get(name: string): string | null } }, client: RequestClient | undefined) =>
    clientAddress(client?.remoteAddress, request.headers.get('x-forwarded-for'), options.trustProxy ?? 0);
  const yoga = createYoga<{ viewer: Viewer; address: string }, Context>({
    schema,
    graphiql: { title: 'double-random GraphQL' },
    renderGraphiQL: offlineGraphiQL,
    landingPage: false,
    // Tokens travel in the Authorization header, never in cookies: any origin may call the API,
    // and no origin is ever reflected with credentials.
    cors: { origin: '*', credentials: false, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization'] },
    // One upload limit for files and JSON alike: useRequestBodyLimit replaces yoga's 25 MB default.
    maxRequestBodySize: false,
    plugins: [useRequestBodyLimit(importLimits.maxBytes), useRequestLimits(options.requestLimits ?? DEFAULT_REQUEST_LIMITS), useRefuseNulCharacters(), portalCache.plugin],
    context: ({ viewer, address }) => ({ db, viewer, packs, services, deadlineAlerts, complianceWarnings, importLimits, loaders: createLoaders(db), address, rateLimits }),
  });

  /** GraphQL with the viewer resolved first, so a bad token is a 401, not a 500. */
  async function handleGraphQL(request: Request, client: RequestClient | undefined): Promise<Response> {
    const viewer = await viewerFromRequest(db.prisma, request);
    if ('invalid' in viewer) {
      return Response.json({ errors: [{ message: viewer.invalid, extensions: { code: 'UNAUTHENTICATED' } }] }, { status: 401, headers: { 'www-authenticate': 'Bearer' } });
    }
    return yoga.fetch(request, { viewer, address: addressOf(request, client) });
  }

  async function handleExport(request: Request, match: RegExpExecArray): Promise<Response> {
    const [, code, kind, format] = match as unknown as [string, string, DirectoryKind, 'csv' | 'xlsx'];
    const jurisdiction = await db.prisma.jurisdiction.findUnique({ where: { code } });
    if (!jurisdiction) return new Response(`No jurisdiction has code ${code}\n`, { status: 404 });
    const viewer = await viewerFromRequest(db.prisma, request);
    if ('invalid' in viewer) return new Response(`${viewer.invalid}\n`, { status: 401 });
    // Exports hold personal data in full: members of the jurisdiction only.
    if (!isMemberOf(viewer, jurisdiction.id)) return new Response('Exports need an API token of this jurisdiction\n', { status: 403 });
    const table = await exportDirectory(db.prisma, kind, jurisdiction.id, await jurisdictionVocabulary(db.sql, packs, jurisdiction.id));
    const encoding = new URL(request.url).searchParams.get('encoding') === 'gb18030' ? 'gb18030' : 'utf-8-bom';
    const body = await encodeTable(table, format, encoding);
    const type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : `text/csv; charset=${encoding === 'gb18030' ? 'gb18030' : 'utf-8'}`;
    return new Response(new Uint8Array(body), {
      headers: { 'content-type': type, 'content-disposition': `attachment; filename="${code}-${kind}.${format}"` },
    });
  }

  /** A held draw's export, for anyone who may see the task: what `double-random draw verify` reads. */
  async function handleDrawExport(request: Request, drawId: string): Promise<Response> {
    const viewer = await viewerFromRequest(db.prisma, request);
    if ('invalid' in viewer) return new Response(`${viewer.invalid}\n`, { status: 401 });
    const draw = await db.prisma.draw.findFirst({ where: { id: drawId, task: visibleTasks(viewer) }, include: { entropy: { orderBy: { seq: 'asc' }, select: { value: true } } } });
    // Sealed upper-level entries open for this viewer only when theirs to see (docs/security.md, What covert means).
    const exported = draw && exportOfDraw(draw, draw.entropy.map((e) => e.value), await openingsFor(db.prisma, draw, viewer));
    if (!exported) return new Response('No held draw has this id (or it is not published)\n', { status: 404 });
    return new Response(JSON.stringify(exported, null, 2), { headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="draw-${drawId}.json"` } });
  }

  const fetch = async (request: Request, client?: RequestClient): Promise<Response> => {
    const response = await route(request, client);
    const { pathname } = new URL(request.url);
    const graphiql = pathname.startsWith('/graphql') && (response.headers.get('content-type') ?? '').startsWith('text/html');
    return withSecurityHeaders(response, graphiql ? GRAPHIQL_POLICY : isConsolePath(pathname) ? CONSOLE_POLICY : PAGE_POLICY);
  };

  const route = async (request: Request, client: RequestClient | undefined): Promise<Response> => {
    const url = new URL(request.url);
    if (url.pathname === '/health') return Response.json({ ok: true, database: db.kind });
    const live = LIVE_PATH.exec(url.pathname);
    if (live && request.method === 'GET') return new Response(livePage(live[1]!), { headers: { 'content-type': 'text/html; charset=utf-8' } });
    const drawExport = DRAW_EXPORT_PATH.exec(url.pathname);
    if (drawExport && request.method === 'GET') return handleDrawExport(request, drawExport[1]!);
    const report = REPORT_PATH.exec(url.pathname);
    if (report && request.method === 'GET') return handleReportDownload(services, request, report);
    const match = EXPORT_PATH.exec(url.pathname);
    if (match && request.method === 'GET') return handleExport(request, match);
    if (url.pathname.startsWith('/graphql')) return handleGraphQL(request, client);
    const consoleFile = await serveConsole(request);
    if (consoleFile) return consoleFile;
    // The enterprise's notice is kept with the portal's pages; its verification keeps its own cache (per draw).
    const enterprisePage = await enterprisePortal(services, request, portalCache.pages);
    if (enterprisePage) return enterprisePage;
    // The notices are portal pages too: cached alike, dropped alike when something is published.
    const portalPage = await portalCache.pages.serve(request, async () => (await noticeRoutes({ prisma: db.prisma, packs }, request)) ?? portal(db.prisma, request, packs));
    if (portalPage) return portalPage;
    return new Response('Not found\n', { status: 404 });
  };

  let server: Server | undefined;
  let sockets: WebSocketServer | undefined;
  let bulletins: { stop(): Promise<void> } | undefined;
  return {
    fetch,
    start(port) {
      server = createServer(createServerAdapter<{ req: IncomingMessage }>((request, context) => fetch(request, { remoteAddress: context.req.socket.remoteAddress })));
      // ws accepts 100 MiB frames by default; a GraphQL message is a few kilobytes. Over the limit ws closes that socket with 1009.
      sockets = new WebSocketServer({ server, path: '/graphql', maxPayload: wsLimits.maxPayloadBytes });
      serveGraphQLOverWebSocket(sockets);
      // A serving instance issues each month's bulletin on its due working day (monthly-bulletins.ts).
      if (options.bulletinEveryMs !== false) bulletins = startBulletinScheduler(services, options.bulletinEveryMs);
      return new Promise((resolve) => server!.listen(port, () => resolve({ port: (server!.address() as AddressInfo).port })));
    },
    async stop() {
      for (const client of sockets?.clients ?? []) client.terminate();
      await new Promise<void>((resolve) => (sockets ? sockets.close(() => resolve()) : resolve()));
      await new Promise<void>((resolve, reject) => (server ? server.close((e) => (e ? reject(e) : resolve())) : resolve()));
      server?.closeAllConnections();
      await revocations.stop();
      storedPacks.stop();
      portalCache.stop();
      await bulletins?.stop();
      if (!options.events) await events.close();
      if (!options.rateLimits) await rateLimits.close();
    },
  };

  /**
   * graphql-ws on the same path as HTTP GraphQL, through yoga's envelop so both share the schema,
   * the context and the plugins. The token travels in the connection's `authorization` parameter.
   * Each connection and each operation takes a place under the caps of its holder (see
   * subscription-limits.ts); a place is given back when the operation completes or the socket closes.
   */
  function serveGraphQLOverWebSocket(wss: WebSocketServer): void {
    // A live draw's viewers share one execution of its events (see shared-subscription.ts).
    const shared = createSubscriptionSharing((args) => (args.rootValue as { subscribe: (a: ExecutionArgs) => unknown }).subscribe(args));
    const counter = createSubscriptionCounter(wsLimits);
    const leasesOf = (extra: SocketState) => (extra.leases ??= new Map<string, Lease>());
    /**
     * The operations still open on a connection. graphql-ws forgets an operation the moment the
     * client completes it, and calls onComplete only once it has unwound: give its place back at
     * the first, so a client that swaps one subscription for another at the cap is not refused.
     */
    const openOn = (ctx: { subscriptions: Record<string, unknown>; extra: SocketState }) => {
      const leases = leasesOf(ctx.extra);
      for (const [id, lease] of leases) {
        if (id in ctx.subscriptions) continue;
        lease.release();
        leases.delete(id);
      }
      return leases.size;
    };
    const refusal = (message: string, extensions: Record<string, unknown>) => [createGraphQLError(message, { extensions })];
    useServer<Record<string, unknown>, SocketState>(
      {
        execute: (args) => (args.rootValue as { execute: (a: ExecutionArgs) => unknown }).execute(args) as never,
        subscribe: (args) => shared(args, (args.contextValue as Context).viewer) as never,
        onConnect: async (ctx) => {
          const auth = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
          const viewer = await viewerFromToken(db.prisma, typeof auth === 'string' ? auth : undefined);
          if ('invalid' in viewer) return false;
          const holder: Holder = viewer.kind === 'token' ? { tokenId: viewer.tokenId } : { address: ctx.extra.request.socket.remoteAddress ?? 'unknown' };
          const place = counter.connect(holder);
          if (isRefusal(place)) {
            ctx.extra.socket.close(1008, place.message); // policy violation: graphql-ws clients do not retry it
            return false;
          }
          ctx.extra.viewer = viewer;
          ctx.extra.holder = holder;
          ctx.extra.releaseConnection = place;
          if (viewer.kind === 'token') ctx.extra.untrack = revocations.track(viewer.tokenId, ctx.extra.socket);
          return true;
        },
        onSubscribe: async (ctx, id, payload) => {
          const bytes = Buffer.byteLength(payload.query);
          if (bytes > wsLimits.maxDocumentBytes) {
            return refusal(`GraphQL 文档过大：${bytes} 字节，上限 ${wsLimits.maxDocumentBytes} 字节 (WS_MAX_DOCUMENT_BYTES) (the document is over the limit)`, { code: 'DOCUMENT_TOO_LARGE', limit: wsLimits.maxDocumentBytes, setting: 'WS_MAX_DOCUMENT_BYTES' });
          }
          const leases = leasesOf(ctx.extra);
          leases.get(id)?.release(); // a reused id: graphql-ws has already ended the operation that had it
          leases.delete(id);
          const place = counter.subscribe(ctx.extra.holder!, openOn(ctx));
          if (isRefusal(place)) return refusal(place.message, { code: place.code, limit: place.limit, setting: place.setting });
          leases.set(id, { payload, release: place });
          const giveBack = () => {
            place();
            if (leases.get(id)?.payload === payload) leases.delete(id);
          };
          try {
            const request = ctx.extra.request;
            const forwarded = request.headers['x-forwarded-for'];
            const address = clientAddress(request.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(',') : forwarded, options.trustProxy ?? 0);
            const { schema: envelopedSchema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({ ...ctx, request, socket: ctx.extra.socket, params: payload, viewer: ctx.extra.viewer, address });
            // A refused document (a syntax error, a request limit) is an error message on the socket, not its end.
            let document: ExecutionArgs['document'];
            try {
              document = parse(payload.query);
              const errors = validate(envelopedSchema, document);
              if (errors.length) {
                giveBack();
                return errors;
              }
            } catch (error) {
              if (error instanceof GraphQLError) {
                giveBack();
                return [error];
              }
              throw error;
            }
            return {
              schema: envelopedSchema,
              operationName: payload.operationName ?? null,
              document,
              variableValues: payload.variables ?? null,
              contextValue: await contextFactory(),
              rootValue: { execute, subscribe },
            } satisfies ExecutionArgs;
          } catch (error) {
            giveBack();
            throw error;
          }
        },
        onComplete: (ctx, id, payload) => {
          const lease = leasesOf(ctx.extra).get(id);
          if (lease?.payload !== payload) return;
          lease.release();
          leasesOf(ctx.extra).delete(id);
        },
        onClose: (ctx) => {
          ctx.extra.untrack?.();
          ctx.extra.releaseConnection?.();
          for (const lease of leasesOf(ctx.extra).values()) lease.release();
          leasesOf(ctx.extra).clear();
        },
      },
      wss,
    );
  }
}

/** What graphql-ws keeps per socket: the viewer, whose caps it counts against, and its places. */
type SocketState = {
  viewer?: Viewer;
  holder?: Holder;
  releaseConnection?: Release;
  leases?: Map<string, Lease>;
  /** Stops watching for this token's revocation. */
  untrack?: () => void;
};

/** An operation's place under the caps; `payload` tells it from a later operation that reuses its id. */
interface Lease {
  readonly payload: unknown;
  readonly release: Release;
}
