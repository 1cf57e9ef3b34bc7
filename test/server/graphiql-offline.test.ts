import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openDatabase } from '../../src/server/db/database.ts';
import { launchChromium, offlinePage, screenshotPath } from '../helpers/browser.ts';
import { demoCounty, type DemoCounty } from '../helpers/demo-county.ts';

describe('GraphiQL on an intranet without the internet, in headless Chromium', () => {
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), { enterprises: 5 });
    base = `http://127.0.0.1:${(await demo.app.start(0)).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.app.stop();
    await demo?.db.close();
  });

  it('loads every asset from the server, runs a query and shows the answer', async () => {
    // The 政务外网 has no route to the internet: anything not from this server is refused.
    const { page, outside, violations: cspViolations } = await offlinePage(browser, base);
    await page.goto(`${base}/graphql?query=${encodeURIComponent('{ sectors { code } }')}`);
    await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
    await page.click('.graphiql-execute-button');
    await expect.poll(async () => (await page.locator('.graphiql-response').textContent()) ?? '', { timeout: 20_000 }).toContain('hazardous_chemicals');
    await page.screenshot({ path: screenshotPath('graphiql-offline.png') });
    expect(outside).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
