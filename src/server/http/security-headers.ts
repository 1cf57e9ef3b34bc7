import { createHash } from 'node:crypto';

/** A CSP source that allows one inline <script> or <style> by its content: 'sha256-…'. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Headers every response carries (OWASP's secure headers). */
const ALWAYS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
};

export interface PagePolicy {
  /** Hashes of the inline styles and scripts of the server's own pages. */
  readonly styles: readonly string[];
  readonly scripts: readonly string[];
}

/**
 * The Content-Security-Policy of the portal and the live page: nothing but this server, inline
 * blocks only by their hashes, no framing, forms post only here.
 */
export function pagePolicy(policy: PagePolicy): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${policy.scripts.join(' ')}`,
    `style-src 'self' ${policy.styles.join(' ')}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * GraphiQL is one page with its scripts, styles and editor workers inline (served from this
 * server, so it works without the internet); its policy allows inline code and blob workers, but
 * still nothing from elsewhere.
 */
export const GRAPHIQL_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The staff console (/console): its scripts are files of this server (no inline script), and antd's
 * CSS-in-JS inserts <style> tags at run time, hence 'unsafe-inline' for styles here only; it talks
 * to /graphql on this server and loads nothing from elsewhere.
 */
export const CONSOLE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The response with the security headers added (a copy when its headers are immutable). */
export function withSecurityHeaders(response: Response, csp: string): Response {
  let target = response;
  try {
    for (const [name, value] of Object.entries(ALWAYS)) response.headers.set(name, value);
  } catch {
    // A Response from fetch() has immutable headers: copy it.
    target = new Response(response.body, response);
    for (const [name, value] of Object.entries(ALWAYS)) target.headers.set(name, value);
  }
  target.headers.set('content-security-policy', csp);
  return target;
}
