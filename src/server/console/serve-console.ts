import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build:console` (run by postinstall) leaves the staff console. */
export const CONSOLE_DIR = fileURLToPath(new URL('../../../dist/console/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Vite names what it emits under assets/ by content hash: such a file never changes, so it may be kept a year. */
const HASHED = 'public, max-age=31536000, immutable';

export function isConsolePath(pathname: string): boolean {
  return pathname === '/console' || pathname.startsWith('/console/');
}

/**
 * The console's files at /console, and its index.html for any other path under it (the client's
 * own routes: /console/login, …). Undefined for paths outside /console.
 */
export async function serveConsole(request: Request, dir: string = CONSOLE_DIR): Promise<Response | undefined> {
  const { pathname } = new URL(request.url);
  if (!isConsolePath(pathname)) return undefined;
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('仅支持 GET (GET only)\n', { status: 405, headers: { allow: 'GET, HEAD' } });
  const index = await readOrUndefined(resolve(dir, 'index.html'));
  if (!index) {
    return new Response('控制台尚未构建：请运行 npm run build:console（npm install 会自动构建） (the console is not built)\n', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const relative = decodeURIComponent(pathname.slice('/console'.length)).replace(/^\/+/, '');
  if (relative.startsWith('assets/')) {
    const file = resolve(dir, relative);
    // A path that climbs out of the build (../) is not one of its files.
    const body = file.startsWith(resolve(dir) + sep) ? await readOrUndefined(file) : undefined;
    if (!body) return new Response('Not found\n', { status: 404 });
    return new Response(new Uint8Array(body), { headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': HASHED } });
  }
  // index.html names this build's hashed files: always asked for again, so a new build shows at once.
  return new Response(new Uint8Array(index), { headers: { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache' } });
}

async function readOrUndefined(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
    throw error;
  }
}
