import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Role } from '@prisma/client';
import { createUser } from '../../src/server/auth/users.ts';
import { CONSOLE_DIR } from '../../src/server/console/serve-console.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { launchChromium, offlinePage, screenshotPath } from './browser.ts';
import { DEMO, demoCounty, type DemoCounty } from './demo-county.ts';

const CREATE_USER = `mutation($j: String!, $u: String!, $n: String!, $p: String!, $r: Role!) {
  createUser(jurisdiction: $j, username: $u, name: $n, password: $p, role: $r) { __typename ... on Error { message } } }`;
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { __typename ... on Session { token expiresAt user { username name role jurisdiction { code name } } } } }`;

/** A console user: username, name, role, and the jurisdiction's code when it is not the demo county. */
export type ConsoleUser = readonly [username: string, name: string, role: string, jurisdiction?: string];

/**
 * Creates these users of the demo county (by its admin token) and logs each in through GraphQL,
 * as the login form does: username → the session the console keeps in sessionStorage.
 */
export async function consoleSessions(demo: DemoCounty, users: readonly ConsoleUser[], password: string): Promise<Map<string, string>> {
  const sessions = new Map<string, string>();
  for (const [u, n, r, elsewhere] of users) {
    if (elsewhere) {
      // A user of another jurisdiction (the city above the county), made as its own admin would.
      const j = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: elsewhere } });
      const made = await createUser(demo.db.prisma, { username: u, name: n, password, role: r as Role, jurisdictionId: j.id });
      expect(made.ok, JSON.stringify(made)).toBe(true);
    } else {
      const created = (await demo.gql(CREATE_USER, { j: DEMO, u, n, p: password, r }, demo.tokens.ADMIN)).data.createUser;
      expect(created.__typename, JSON.stringify(created)).toBe('User');
    }
    const session = (await demo.gql(LOGIN, { u, p: password })).data.login;
    expect(session.__typename).toBe('Session');
    sessions.set(u, JSON.stringify({ token: session.token, expiresAt: session.expiresAt, user: session.user }));
  }
  return sessions;
}

/** An offline page whose tab holds this session (sessionStorage, as the login form leaves it). */
export async function pageWithSession(browser: Browser, base: string, session: string, options: { stepTimeoutMs?: number } = {}): Promise<Awaited<ReturnType<typeof offlinePage>>> {
  const opened = await offlinePage(browser, base);
  // A step that cannot happen fails in seconds, naming itself, rather than at the test's timeout.
  if (options.stepTimeoutMs !== undefined) opened.page.setDefaultTimeout(options.stepTimeoutMs);
  await opened.page.addInitScript((s) => sessionStorage.setItem('double-random.console.session', s), session);
  return opened;
}

/** Logs in through the console's form and waits for the home screen. */
export async function logInThroughForm(page: Page, base: string, username: string, password: string): Promise<void> {
  // A step that cannot happen fails in seconds, naming itself, rather than at the test's timeout.
  page.setDefaultTimeout(45_000);
  await page.goto(`${base}/console/login`);
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await page.click('#login-submit');
  await page.waitForURL(`${base}/console/`);
}

const openOptions = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');

/**
 * Chooses the option of an antd Select that contains `text`, waits for its list to close, and
 * checks the select shows it: on a loaded machine a click during the list's opening animation can
 * be lost, so it tries again (three times at most).
 */
export async function choose(page: Page, selector: string, text: string, options: { search?: boolean } = {}): Promise<void> {
  const select = page.locator(selector).locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.click(selector);
    // A long (virtual) list renders only the options in view: the clerk types to find one.
    if (options.search) await page.keyboard.type(text);
    await openOptions(page).filter({ hasText: text }).first().click();
    // A single choice closes its own list; a multiple one stays open, as does a list whose click was
    // lost. An open list is closed with Escape, which it takes; pressed with no list open, Escape
    // reaches the dialog around the select and closes it (rc-portal's stack), as it would a clerk's.
    const multiple = await select.evaluate((e) => e.classList.contains('ant-select-multiple'));
    const closed = multiple ? false : await expect.poll(() => page.locator('.ant-select-item-option:visible').count(), { timeout: 5_000 }).toBe(0).then(() => true, () => false);
    if (!closed) await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ant-select-item-option:visible').count()).toBe(0);
    if (((await select.textContent().catch(() => '')) ?? '').includes(text)) return;
  }
  throw new Error(`${selector} does not show “${text}” after three attempts`);
}

/** Types a date into an antd DatePicker and moves on with Tab, as a clerk at the keyboard would (Enter submits the form). */
export async function pickDate(page: Page, selector: string, day: string): Promise<void> {
  await page.click(selector);
  await page.fill(selector, day);
  await page.press(selector, 'Tab');
}

/** A full-page screenshot under test-results/screenshots; with `forDocs`, also into docs/screenshots. */
export async function shoot(page: Page, name: string, forDocs = false): Promise<void> {
  const path = screenshotPath(name);
  await page.screenshot({ path, fullPage: true });
  if (forDocs && process.env.UPDATE_DOC_SCREENSHOTS) {
    mkdirSync('docs/screenshots', { recursive: true });
    copyFileSync(path, `docs/screenshots/${name}`);
  }
}

/**
 * The text of the first element `selector` finds, '' while there is none; it does not wait for one
 * (expect.poll asks again), so a poll over two elements, one of which never shows, is not held up.
 */
export const textOf = async (page: Page, selector: string): Promise<string> => (await page.locator(selector).first().allTextContents())[0] ?? '';

/**
 * Clicks a button that opens an antd Popconfirm, then its confirming button. A click during the
 * popover's opening animation can be lost on a loaded machine: the popover then stays open, and
 * the confirming button is clicked again (three times at most).
 */
export async function confirmWith(page: Page, trigger: string, button: string): Promise<void> {
  await page.click(trigger);
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.locator(button).click();
    try {
      await page.locator(button).waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch {
      // still open: the click was lost
    }
  }
}

/** A demo county served on a free port, its console's users logged in, and Chromium: what a console test runs against. */
export interface ConsoleBed {
  readonly demo: DemoCounty;
  readonly browser: Browser;
  readonly base: string;
  readonly sessions: Map<string, string>;
  close(): Promise<void>;
}

/**
 * Opens a console test bed: an in-memory demo county (`county` as for demoCounty), `prepare`
 * run on it (tasks, results), these users' sessions, the server and a browser. Refuses at once
 * when the console has not been built (a stale or missing bundle fails every step otherwise).
 */
export async function consoleBed(options: {
  readonly county?: Parameters<typeof demoCounty>[1];
  readonly users: readonly ConsoleUser[];
  readonly password?: string;
  readonly prepare?: (demo: DemoCounty) => Promise<void>;
}): Promise<ConsoleBed> {
  expect(existsSync(join(CONSOLE_DIR, 'index.html')), 'dist/console is missing: run npm run build:console').toBe(true);
  const demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), options.county);
  await options.prepare?.(demo);
  const sessions = await consoleSessions(demo, options.users, options.password ?? 'Wolong-2026-pass');
  const base = `http://127.0.0.1:${(await demo.app.start(0)).port}`;
  const browser = await launchChromium();
  return {
    demo, browser, base, sessions,
    async close() {
      await browser.close();
      await demo.app.stop();
      await demo.db.close();
    },
  };
}
