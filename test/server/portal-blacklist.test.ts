import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../src/core/calendar/china-date.ts';
import { launchChromium, screenshotPath } from '../helpers/browser.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, Q, resultInput, signAll, type DrawnPick } from '../helpers/results-flow.ts';

const raw = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;
const LIFT = `mutation($e: ID!, $on: Date!, $r: String!) { liftBlacklisting(enterprise: $e, liftedOn: $on, reason: $r) { __typename ... on Error { message } } }`;
const BLACKLIST = `query($j: String!) { jurisdiction(code: $j) { blacklist(first: 100) { totalCount edges { node { enterpriseName uscc since reason clause document result { id } liftedOn liftedReason } } } } }`;

// 卧龙's rules with 攀枝花 三(六)'s blacklist, loaded from PACKS_DIR like a bureau's own pack.
const PACK = {
  meta: {
    id: 'test-blacklist-portal', name: '测试县', level: 'COUNTY', version: '1.0.0', extends: 'wolong@1.0.0', inForce: { from: '2021-01-01' },
    sources: [{ id: 'test-plan', number: '测应急〔2026〕1号', title: '测试县双随机实施方案' }],
  },
  rules: { afterPublication: { blacklistOn: { cases: ['concealed-major-hazard', 'unrectified-major-hazard'], cite: { doc: 'test-plan', clause: '三(六)' } } } },
};
const ENTERPRISE = `query($j: String!, $s: String!) { jurisdiction(code: $j) { enterprises(first: 1, filter: { search: $s }) { edges { node { uscc blacklisted blacklistings { since clause liftedOn followUpOn } records { kind reference } } } } } }`;
const BLACKLISTED = `query($j: String!) { jurisdiction(code: $j) { enterprises(first: 100, filter: { blacklisted: true }) { edges { node { uscc } } } } }`;
const CONCEALED = { category: 'pending', hazards: [{ description: '尾矿库坝体裂缝隐瞒不报', major: true, concealed: true }] };

describe.each(TEST_DATABASES)('the public 黑名单 page ($name)', (database) => {
  let demo: DemoCounty;
  let open: { pick: DrawnPick; resultId: string };
  let covert: { taskId: string; pick: DrawnPick };
  let covertFollowUp: DrawnPick;
  const page = async (path = `/j/${DEMO}/blacklist`) => (await demo.app.fetch(new Request(`http://test${path}`))).text();
  const row = (html: string, uscc: string) => html.split('<tr').find((r) => r.includes(`<code>${uscc}</code>`));

  async function publishConcealed(taskId: string, pick: DrawnPick): Promise<string> {
    const r = (await demo.gql(Q.record, { t: taskId, u: pick.uscc, i: resultInput(pick, CONCEALED) }, demo.tokens.INSPECTOR)).data.recordResult;
    await signAll(demo, r.id, pick);
    expect((await demo.gql(Q.publish, { id: r.id }, demo.tokens.INSPECTOR)).data.publishResult.status).toBe('PUBLISHED');
    return r.id;
  }

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packs-'));
    writeFileSync(join(dir, `${PACK.meta.id}.json`), JSON.stringify(PACK));
    demo = await demoCounty(await database.open(), { packsDir: dir, pack: PACK.meta.id });
    const task = await inspectingTask(demo, { title: '尾矿库专项抽查' });
    const clean = async (p: DrawnPick) => !(await demo.db.prisma.enterprise.findFirstOrThrow({ where: { jurisdiction: { code: DEMO }, uscc: p.uscc } })).blacklisted;
    const pick = (await Promise.all(task.picks.map(async (p) => ((await clean(p)) ? p : undefined)))).find(Boolean)!;
    open = { pick, resultId: await publishConcealed(task.taskId, pick) };
    // A covert task's concealed hazard, published while the inspection still runs.
    const hidden = await inspectingTask(demo, { title: '暗查暗访 尾矿库', covert: true, size: 6 });
    const taken = new Set(task.picks.map((p) => p.uscc));
    const other = (await Promise.all(hidden.picks.map(async (p) => (!taken.has(p.uscc) && (await clean(p)) ? p : undefined)))).find(Boolean)!;
    covert = { taskId: hidden.taskId, pick: other };
    await publishConcealed(hidden.taskId, other);
    // And one whose follow-up (复查) found the major hazard unrectified after the period, also before the close.
    const second = (await Promise.all(hidden.picks.map(async (p) => (!taken.has(p.uscc) && p.uscc !== other.uscc && (await clean(p)) ? p : undefined)))).find(Boolean)!;
    const ordered = (await demo.gql(Q.record, { t: hidden.taskId, u: second.uscc, i: resultInput(second, { category: 'ordered-to-correct', hazards: [{ description: '尾矿库排洪设施堵塞', major: true }], handling: { rectificationDue: '2026-04-10' } }) }, demo.tokens.INSPECTOR)).data.recordResult;
    await signAll(demo, ordered.id, second);
    expect((await demo.gql(Q.publish, { id: ordered.id }, demo.tokens.INSPECTOR)).data.publishResult.status).toBe('PUBLISHED');
    expect((await demo.gql(Q.event, { r: ordered.id, k: 'FOLLOW_UP', on: '2026-04-13', rect: false }, demo.tokens.INSPECTOR)).data.recordResultEvent.__typename).toBe('InspectionResult');
    covertFollowUp = second;
  }, 180_000);
  afterAll(async () => demo?.db.close());

  it('lists who, since when and why (clause, document, the result linked), without personal data, linked from the jurisdiction page as 黑名单', async () => {
    expect(await page(`/j/${DEMO}`)).toContain(`<a href="/j/${DEMO}/blacklist">黑名单</a>`);
    const html = await page();
    const mine = row(html, open.pick.uscc)!;
    expect(mine).toContain(open.pick.enterpriseName);
    expect(mine).toContain(chinaDate(new Date()));
    expect(mine).toContain('依据 测应急〔2026〕1号《测试县双随机实施方案》三(六)');
    expect(mine).toContain(`href="/results/${raw(open.resultId)}"`);
    expect(mine).toContain('在列');
    const e = await demo.db.prisma.enterprise.findFirstOrThrow({ where: { jurisdiction: { code: DEMO }, uscc: open.pick.uscc } });
    for (const personal of [e.legalRepresentative, e.phone, e.contactPerson]) if (personal) expect(html).not.toContain(personal);
  });

  it("keeps a covert task's blacklisting off the page, out of public GraphQL and out of the directory until the task closes", async () => {
    const hidden = [covert.pick.uscc, covertFollowUp.uscc];
    const html = await page();
    for (const uscc of hidden) expect(html).not.toContain(uscc);
    const publicList = (await demo.gql(BLACKLIST, { j: DEMO })).data.jurisdiction.blacklist;
    expect(publicList.edges.map((e: any) => e.node.uscc)).toContain(open.pick.uscc);
    for (const uscc of hidden) expect(publicList.edges.map((e: any) => e.node.uscc)).not.toContain(uscc);
    // The directory is public too (its standing, records, the 黑名单 filter) and so is every later
    // draw's snapshot of it: nothing in it changes before the close, for members either.
    const forMembers = (await demo.gql(BLACKLIST, { j: DEMO }, demo.tokens.ADMIN)).data.jurisdiction.blacklist;
    expect(forMembers.totalCount).toBe(publicList.totalCount);
    for (const token of [undefined, demo.tokens.ADMIN]) {
      for (const uscc of hidden) {
        const node = (await demo.gql(ENTERPRISE, { j: DEMO, s: uscc }, token)).data.jurisdiction.enterprises.edges[0].node;
        expect(node, uscc).toMatchObject({ uscc, blacklisted: false, blacklistings: [] });
        expect(node.records.filter((r: any) => r.reference?.startsWith('result:')), uscc).toEqual([]);
      }
      const listed = (await demo.gql(BLACKLISTED, { j: DEMO }, token)).data.jurisdiction.enterprises.edges.map((e: any) => e.node.uscc);
      expect(listed).toContain(open.pick.uscc);
      for (const uscc of hidden) expect(listed).not.toContain(uscc);
    }
    expect(publicList.edges.find((e: any) => e.node.uscc === open.pick.uscc).node).toMatchObject({ clause: '三(六)', document: 'test-plan', liftedOn: null });

    expect((await demo.gql(Q.advance, { t: covert.taskId, s: 'CLOSE' }, demo.tokens.INSPECTOR)).data.advanceTask.__typename).toBe('Task');
    await new Promise((r) => setTimeout(r, 20));
    // At the close, both take effect that day: the concealed hazard's and the follow-up's (its origin kept).
    const today = chinaDate(new Date());
    const after = await page();
    for (const uscc of hidden) expect(row(after, uscc), uscc).toContain('三(六)');
    for (const uscc of hidden) {
      const node = (await demo.gql(ENTERPRISE, { j: DEMO, s: uscc })).data.jurisdiction.enterprises.edges[0].node;
      expect(node.blacklisted, uscc).toBe(true);
      expect(node.blacklistings, uscc).toMatchObject([{ since: today, clause: '三(六)', liftedOn: null }]);
    }
    const followedUp = (await demo.gql(ENTERPRISE, { j: DEMO, s: covertFollowUp.uscc })).data.jurisdiction.enterprises.edges[0].node;
    expect(followedUp.blacklistings[0].followUpOn).toBe('2026-04-13');
    const closing = await demo.db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'task.close', subjectId: raw(covert.taskId) } });
    expect((closing.payload as any).consequencesApplied.map((c: any) => c.uscc).sort()).toEqual([...hidden].sort());
  });

  it('shows a lifting (移出) with its day and reason, at once, though the page was kept', async () => {
    await page();
    const enterprise = await demo.db.prisma.enterprise.findFirstOrThrow({ where: { jurisdiction: { code: DEMO }, uscc: open.pick.uscc } });
    const today = chinaDate(new Date());
    const lifted = (await demo.gql(LIFT, { e: Buffer.from(`Enterprise:${enterprise.id}`).toString('base64'), on: today, r: '重大事故隐患已整改并经审查同意' }, demo.tokens.PLANNER)).data.liftBlacklisting;
    expect(lifted.__typename, JSON.stringify(lifted)).toBe('Enterprise');
    const mine = row(await page(), open.pick.uscc)!;
    expect(mine).toContain(`已移出</span> ${today}`);
    expect(mine).toContain('重大事故隐患已整改并经审查同意');
    const node = (await demo.gql(BLACKLIST, { j: DEMO })).data.jurisdiction.blacklist.edges.find((e: any) => e.node.uscc === open.pick.uscc).node;
    expect(node).toMatchObject({ liftedOn: today, liftedReason: '重大事故隐患已整改并经审查同意' });
  });

  it.runIf(database.name === 'pglite')('renders in Chromium without JavaScript (docs/publication.md)', async () => {
    const browser = await launchChromium();
    try {
      const { port } = await demo.app.start(0);
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
      const tab = await context.newPage();
      await tab.goto(`http://127.0.0.1:${port}/j/${DEMO}/blacklist`, { timeout: 45_000 });
      expect(await tab.textContent('h2')).toContain('黑名单');
      await tab.screenshot({ path: screenshotPath('portal-blacklist.png'), fullPage: true });
    } finally {
      await browser.close();
      await demo.app.stop();
    }
  }, 90_000);
});
