import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (STACK.md); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

/** Headless Chromium with the flags this machine's closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Where tests leave their screenshots (gitignored); docs/screenshots holds the ones the README shows. */
export function screenshotPath(name: string): string {
  const dir = process.env.SCREENSHOT_DIR ?? 'test-results/screenshots';
  mkdirSync(dir, { recursive: true });
  return `${dir}/${name}`;
}

/**
 * A page that reaches nothing but the server at `base` (a bureau's 政务外网 has no route out):
 * every other request is aborted and listed in `outside`; CSP violations are listed in `violations`.
 */
export async function offlinePage(browser: Browser, base: string, viewport = { width: 1400, height: 900 }): Promise<{ page: Page; outside: string[]; violations: string[] }> {
  const page = await browser.newPage({ viewport });
  const outside: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return { page, outside, violations };
}
