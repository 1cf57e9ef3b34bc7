import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createYoga } from 'graphql-yoga';
import { createServerAdapter } from '@whatwg-node/server';
import { DIRECTORY_KINDS, type DirectoryKind } from '../core/directory/kinds/index.ts';
import { viewerFromRequest } from './auth/tokens.ts';
import { isMemberOf, type Viewer } from './auth/viewer.ts';
import type { Database } from './db/database.ts';
import type { PackRegistry } from '../rulepacks/registry.ts';
import { exportDirectory } from './directory/export-directory.ts';
import { encodeTable } from './import/encode-file.ts';
import { createLoaders, type Context } from './schema/context.ts';
import { schema } from './schema/index.ts';
import { landingPage } from './pages/landing.ts';

export interface App {
  /** Fetch-style handler: tests call it in-process, no port needed. */
  readonly fetch: (request: Request) => Promise<Response>;
  start(port: number): Promise<{ port: number }>;
  stop(): Promise<void>;
}

const EXPORT_PATH = /^\/export\/([0-9]{6,12})\/(enterprises|inspectors|experts|checklist)\.(csv|xlsx)$/;

export function buildApp(db: Database, packs: PackRegistry): App {
  const yoga = createYoga<{ viewer: Viewer }, Context>({
    schema,
    graphiql: { title: 'double-random GraphQL' },
    landingPage: false,
    context: ({ viewer }) => ({ db, viewer, packs, loaders: createLoaders(db) }),
  });

  /** GraphQL with the viewer resolved first, so a bad token is a 401, not a 500. */
  async function handleGraphQL(request: Request): Promise<Response> {
    const viewer = await viewerFromRequest(db.prisma, request);
    if ('invalid' in viewer) {
      return Response.json({ errors: [{ message: viewer.invalid, extensions: { code: 'UNAUTHENTICATED' } }] }, { status: 401, headers: { 'www-authenticate': 'Bearer' } });
    }
    return yoga.fetch(request, { viewer });
  }

  async function handleExport(request: Request, match: RegExpExecArray): Promise<Response> {
    const [, code, kind, format] = match as unknown as [string, string, DirectoryKind, 'csv' | 'xlsx'];
    const jurisdiction = await db.prisma.jurisdiction.findUnique({ where: { code } });
    if (!jurisdiction) return new Response(`No jurisdiction has code ${code}\n`, { status: 404 });
    const viewer = await viewerFromRequest(db.prisma, request);
    if ('invalid' in viewer) return new Response(`${viewer.invalid}\n`, { status: 401 });
    // Exports hold personal data in full: members of the jurisdiction only.
    if (!isMemberOf(viewer, jurisdiction.id)) return new Response('Exports need an API token of this jurisdiction\n', { status: 403 });
    const table = await exportDirectory(db.prisma, kind, jurisdiction.id);
    const encoding = new URL(request.url).searchParams.get('encoding') === 'gb18030' ? 'gb18030' : 'utf-8-bom';
    const body = await encodeTable(table, format, encoding);
    const type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : `text/csv; charset=${encoding === 'gb18030' ? 'gb18030' : 'utf-8'}`;
    return new Response(new Uint8Array(body), {
      headers: { 'content-type': type, 'content-disposition': `attachment; filename="${code}-${kind}.${format}"` },
    });
  }

  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.pathname === '/health') return Response.json({ ok: true, database: db.kind });
    if (url.pathname === '/' && request.method === 'GET') {
      const jurisdictions = await db.prisma.jurisdiction.findMany({ orderBy: { code: 'asc' } });
      return new Response(landingPage(jurisdictions, DIRECTORY_KINDS), { headers: { 'content-type': 'text/html; charset=utf-8' } });
    }
    const match = EXPORT_PATH.exec(url.pathname);
    if (match && request.method === 'GET') return handleExport(request, match);
    if (url.pathname.startsWith('/graphql')) return handleGraphQL(request);
    return new Response('Not found\n', { status: 404 });
  };

  let server: Server | undefined;
  return {
    fetch,
    start(port) {
      server = createServer(createServerAdapter(fetch));
      return new Promise((resolve) => server!.listen(port, () => resolve({ port: (server!.address() as AddressInfo).port })));
    },
    stop() {
      return new Promise((resolve, reject) => (server ? server.close((e) => (e ? reject(e) : resolve())) : resolve()));
    },
  };
}
