import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, Q, type DrawnPick } from '../helpers/results-flow.ts';

const raw = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;
/** The drawn order of each row of a draw page's pick table. */
const orders = (page: string) => [...page.matchAll(/<tr><td>(\d+)<\/td>/g)].map((m) => Number(m[1]));

describe.each(TEST_DATABASES)('the portal in pages, cached ($name)', (database) => {
  let demo: DemoCounty;
  let big: { taskId: string; drawId: string; picks: DrawnPick[] };
  const get = (path: string, headers: Record<string, string> = {}) => demo.app.fetch(new Request(`http://test${path}`, { headers }));
  const text = async (path: string) => (await get(path)).text();

  beforeAll(async () => {
    demo = await demoCounty(await database.open(), { enterprises: 21_000 });
    // A real draw of 10,000 enterprises, announced: the case that weighed 3.1 MB on one page.
    big = await inspectingTask(demo, { title: '2026年全区工贸企业全覆盖抽查', size: 10_000 }, 'ANNOUNCED');
    big.taskId = raw(big.taskId);
    expect(big.picks).toHaveLength(10_000);
  }, 300_000);
  afterAll(async () => demo?.db.close());

  it('lists the draw on the jurisdiction page without its picks, and page 2 of its own pages holds picks 101–200', async () => {
    const home = await text(`/j/${DEMO}`);
    expect(home).toContain('2026年全区工贸企业全覆盖抽查');
    expect(home).toContain('10000 家');
    expect(home).toContain(`href="/j/${DEMO}/draws/${big.taskId}"`);
    expect(home).toContain(`id="draw-${raw(big.drawId)}"`); // the anchor older links point at
    expect(Buffer.byteLength(home)).toBeLessThan(100_000);

    const second = await text(`/j/${DEMO}/draws/${big.taskId}?page=2`);
    expect(orders(second)).toEqual(Array.from({ length: 100 }, (_, i) => 101 + i));
    expect(second).toContain(big.picks[100]!.uscc);
    expect(second).not.toContain(`<code>${big.picks[99]!.uscc}</code>`);
    expect(second).toContain('第 2 页，共 100 页（10000 条）');
    expect(second).toContain(`href="/j/${DEMO}/draws/${big.taskId}?page=3#picks"`);
    // A page of a 10,000-pick draw, not the 3.1 MB of every pick at once.
    expect(Buffer.byteLength(second)).toBeLessThan(200_000);
    expect(orders(await text(`/j/${DEMO}/draws/${big.taskId}?page=100`))).toEqual(Array.from({ length: 100 }, (_, i) => 9901 + i));
  });

  it('searches a draw by USCC, keeps the search in its page links, and refuses pages that are not there', async () => {
    const pick = big.picks[4321]!;
    const found = await text(`/j/${DEMO}/draws/${big.taskId}?q=${pick.uscc}`);
    expect(orders(found)).toEqual([4322]);
    // The jurisdiction's page, searched, says how many of each draw's picks match and links there.
    expect(await text(`/j/${DEMO}?q=${pick.uscc}`)).toContain(`href="/j/${DEMO}/draws/${big.taskId}?q=${pick.uscc}">匹配“${pick.uscc}”的检查对象 1 家`);
    const prefix = pick.uscc.slice(0, 2);
    const broad = await text(`/j/${DEMO}/draws/${big.taskId}?q=${prefix}&page=2`);
    expect(broad).toContain(`href="/j/${DEMO}/draws/${big.taskId}?q=${prefix}#picks"`); // 上一页 keeps q
    expect((await get(`/j/${DEMO}/draws/${big.taskId}?page=0`)).status).toBe(400);
    expect(await text(`/j/${DEMO}/draws/${big.taskId}?page=abc`)).toContain('页码 page 应为正整数');
    const beyond = await get(`/j/${DEMO}/draws/${big.taskId}?page=101`);
    expect(beyond.status).toBe(404);
    expect(await beyond.text()).toContain('共 100 页');
  });

  it('bounds the Atom feed: the draw entry lists its first 100 picks and links to its pages', async () => {
    const feed = await text(`/j/${DEMO}/feed.atom`);
    const entry = feed.slice(feed.indexOf('抽查公告：2026年全区工贸企业全覆盖抽查'));
    expect(entry).toContain(`/j/${DEMO}/draws/${big.taskId}`);
    expect(entry).toContain('共 10000 家，此处列出前 100 家');
    expect(Buffer.byteLength(feed)).toBeLessThan(200_000);
  });

  it('serves a second request from memory with an ETag, and renders again once a task changes', async () => {
    const path = `/j/${DEMO}/draws/${big.taskId}?page=7`;
    const first = await get(path);
    expect(first.headers.get('x-cache')).toBe('MISS');
    const body = await first.text();
    const again = await get(path);
    expect(again.headers.get('x-cache')).toBe('HIT');
    expect(await again.text()).toBe(body);
    const etag = again.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(again.headers.get('cache-control')).toBe('public, no-cache');
    const unchanged = await get(path, { 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');

    // The inspection starts: what the public reads of the draw changes, so no instance keeps the page.
    expect((await demo.gql(Q.advance, { t: Buffer.from(`Task:${big.taskId}`).toString('base64'), s: 'START_INSPECTION' }, demo.tokens.DRAW_OFFICER)).data.advanceTask.status).toBe('INSPECTING');
    await new Promise((r) => setTimeout(r, 20));
    const after = await get(path, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(await after.text()).toContain('检查中');
  });

  it("never shows a covert task's picks before it closes, cached or not, and shows them once it has", async () => {
    const covert = await inspectingTask(demo, { title: '暗查暗访 夜间专项', covert: true, size: 6 });
    const covertTask = raw(covert.taskId);
    const others = new Set(big.picks.map((p) => p.uscc));
    const own = covert.picks.map((p) => p.uscc).filter((u) => !others.has(u));
    const paths = [`/`, `/j/${DEMO}`, `/j/${DEMO}/feed.atom`, `/j/${DEMO}/draws/${covertTask}`, ...covert.picks.map((p) => `/search?q=${p.uscc}`)];
    // Twice each: the second answer is the kept one.
    for (const round of [1, 2]) {
      for (const path of paths) {
        const page = await text(path);
        expect(page, `${path} (${round})`).not.toContain('暗查暗访 夜间专项');
        // The search page repeats its query in the form: a pick would be a code cell of a table.
        for (const uscc of own) expect(page, `${path} (${round})`).not.toContain(path.startsWith('/search') ? `<code>${uscc}</code>` : uscc);
      }
    }
    expect((await get(`/j/${DEMO}/draws/${covertTask}`)).status).toBe(404);

    await demo.gql(Q.advance, { t: covert.taskId, s: 'CLOSE' }, demo.tokens.INSPECTOR);
    await new Promise((r) => setTimeout(r, 20));
    expect(await text(`/j/${DEMO}`)).toContain('暗查暗访 夜间专项');
    const opened = await text(`/j/${DEMO}/draws/${covertTask}`);
    for (const p of covert.picks) expect(opened).toContain(p.uscc);
  });
});
