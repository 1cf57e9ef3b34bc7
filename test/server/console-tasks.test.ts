import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { offlinePage } from '../helpers/browser.ts';
import { choose, consoleBed, pickDate, shoot, logInThroughForm, textOf, type ConsoleBed } from '../helpers/console-page.ts';
import { DEMO, NEIGHBOUR, type DemoCounty } from '../helpers/demo-county.ts';

const CREATE_PLAN = `mutation { createPlan(jurisdiction: "${DEMO}", year: 2026, title: "2026年度监督检查计划", doubleRandomCount: 40, otherCount: 60) { __typename ... on Plan { id } ... on Error { message } } }`;
const CREATE_TASK = `mutation($input: TaskInput!) { createTask(jurisdiction: "${DEMO}", input: $input) { __typename ... on Task { id } ... on Error { message } } }`;
const PERSON = 'id name homeJurisdiction homeJurisdictionName';
const PICKS = `query($id: ID!) { node(id: $id) { ... on Task { draw { picks { order enterpriseName team { leader { ${PERSON} } members { ${PERSON} } experts { ${PERSON} } substitutes { ${PERSON} } } } } } } }`;
const PASSWORD = 'Wolong-2026-pass';
const TITLE = '2026年第四批双随机抽查';

const rawId = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;

describe('the 抽查任务 screens in headless Chromium', () => {
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  let taskId: string;
  let bed: ConsoleBed | undefined;
  beforeAll(async () => {
    ({ demo, browser, base } = bed = await consoleBed({
      // Two inspectors of its own: the teams need the neighbour's (宛城区, pooled by the seed's agreement).
      county: { enterprises: 40, inspectors: 2 },
      prepare: async (d) => { expect((await d.gql(CREATE_PLAN, {}, d.tokens.PLANNER)).data.createPlan.__typename).toBe('Plan'); },
      users: [['wangfang', '王芳', 'PLANNER'], ['lisi', '李四', 'DRAW_OFFICER']], password: PASSWORD,
    }));
  }, 120_000);
  // Each browser flow may take two minutes (the tests' own timeouts): the machine's cores are shared.
  afterAll(async () => { await bed?.close(); });

  async function logIn(page: Page, username: string) {
    await logInThroughForm(page, base, username, PASSWORD);
  }
  const detailUrl = () => `${base}/console/tasks/${encodeURIComponent(taskId)}`;
  const status = (page: Page) => page.textContent('#task-status').catch(() => '');

  it('a planner creates a task in a plan through the form (a date outside the plan’s year refused), and is not offered lock or draw', async () => {
    const { page, outside, violations } = await offlinePage(browser, base);
    await logIn(page, 'wangfang');
    await page.click('.ant-menu-item:has-text("抽查任务")');
    await page.waitForURL(`${base}/console/tasks`);
    await page.click('#task-create');
    await page.fill('#task_title', TITLE);
    await choose(page, '#task_plan', '2026 年度');
    await pickDate(page, '#task_windowStart', '2027-01-04');
    await pickDate(page, '#task_windowEnd', '2027-01-29');
    await pickDate(page, '#task_inspectionDate', '2027-01-11');
    await page.fill('#task_size', '3');
    await page.click('#task-form-submit');
    await expect.poll(() => page.textContent('#task-form-refusal').catch(() => ''), { timeout: 45_000 }).toContain('计划是 2026 年度的，检查却在 2027 年');
    expect(await demo.db.prisma.inspectionTask.count()).toBe(0);

    await pickDate(page, '#task_windowStart', '2026-12-10');
    await pickDate(page, '#task_windowEnd', '2026-12-31');
    await pickDate(page, '#task_inspectionDate', '2026-12-15');
    await page.click('#task_joint');
    await page.fill('#task_jointDepartments', '市场监督管理局');
    await page.press('#task_jointDepartments', 'Enter');
    await page.click('#task-form-submit');
    await page.waitForURL(/\/console\/tasks\/.+/, { timeout: 45_000 });
    taskId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await expect.poll(() => status(page), { timeout: 45_000 }).toBe('草稿');
    const row = await demo.db.prisma.inspectionTask.findUniqueOrThrow({ where: { id: rawId(taskId) }, include: { plan: true } });
    expect(row).toMatchObject({ title: TITLE, status: 'DRAFT', size: 3, joint: true, jointDepartments: ['市场监督管理局'], plan: { year: 2026 } });
    expect(row.windowStart.toISOString().slice(0, 10)).toBe('2026-12-10');
    const details = (await page.textContent('#task-details')) ?? '';
    expect(details).toContain('2026 年度 · 2026年度监督检查计划');
    expect(details).toContain('联合检查');
    // A planner edits and cancels; locking and drawing are the draw officer's.
    expect(await page.locator('#task-edit').count()).toBe(1);
    expect(await page.locator('#task-lock').count()).toBe(0);
    expect(await page.locator('#lock-submit').count()).toBe(0);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  }, 120_000);

  it('a draw officer locks it with their own commitment, draws with the secret, sees the picks and teams, and dispatches and announces it', async () => {
    const { page, outside, violations } = await offlinePage(browser, base);
    await logIn(page, 'lisi');
    await page.goto(detailUrl());
    await page.click('#lock-generate-secret');
    const secret = await page.inputValue('#lock-secret');
    const commitment = await page.inputValue('#lock-commitment');
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    // docs/draw-algorithm.md §2: commitment = hex(SHA-256(S)) over the 32 bytes.
    expect(commitment).toBe(createHash('sha256').update(Buffer.from(secret, 'hex')).digest('hex'));
    // Locking waits until the officer says the secret is kept.
    await page.click('#lock-submit');
    await expect.poll(() => page.textContent('#task-lock'), { timeout: 10_000 }).toContain('请先保存密钥');
    await page.click('text=我已妥善保存密钥');
    await page.fill('#lock_beacon', '2026年12月8日中国福利彩票双色球开奖号码');
    await shoot(page, 'console-task-lock.png', true);
    await page.click('#lock-submit');
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('已锁定');
    const locked = await demo.db.prisma.draw.findFirstOrThrow({ where: { taskId: rawId(taskId) } });
    expect(locked).toMatchObject({ commitment, heldSecret: null, status: 'LOCKED', beacon: '2026年12月8日中国福利彩票双色球开奖号码' });

    // The public live room opens in a new tab.
    const live = page.locator('#task-live-link');
    expect(await live.getAttribute('href')).toBe(`/live/${locked.id}`);
    expect(await live.getAttribute('target')).toBe('_blank');
    expect((await demo.app.fetch(new Request(`${base}/live/${locked.id}`))).status).toBe(200);

    // A wrong secret is caught before the request; the right one draws.
    await page.fill('#draw_secret', 'ab'.repeat(32));
    await page.fill('#draw_beaconValue', '03 07 12 19 25 31 + 09');
    await page.click('#draw-submit');
    await expect.poll(() => page.textContent('#task-draw'), { timeout: 10_000 }).toContain('密钥的哈希与公布的承诺值不符');
    await page.fill('#draw_secret', secret);
    await page.click('#draw-submit');
    await expect.poll(() => status(page), { timeout: 30_000 }).toBe('已抽取');
    await expect.poll(() => page.locator('#task-picks-table tbody tr.ant-table-row').count(), { timeout: 45_000 }).toBe(3);
    const drawn = await demo.db.prisma.draw.findUniqueOrThrow({ where: { id: locked.id } });
    expect(drawn).toMatchObject({ status: 'DRAWN', secret });

    const picks = (await demo.gql(PICKS, { id: taskId }, demo.tokens.DRAW_OFFICER)).data.node.draw.picks as { enterpriseName: string; team: Record<'leader' | 'members' | 'experts' | 'substitutes', unknown> }[];
    const text = (await page.textContent('#task-picks')) ?? '';
    type Person = { name: string; homeJurisdiction: string; homeJurisdictionName: string };
    for (const p of picks) {
      expect(text).toContain(p.enterpriseName);
      const team = p.team as { leader: Person; members: Person[]; experts: Person[]; substitutes: Person[] };
      for (const person of [team.leader, ...team.members, ...team.experts]) expect(text).toContain(person.name);
      // An inspector pooled from the neighbour (联合抽取) is shown with their home jurisdiction.
      for (const person of [team.leader, ...team.members].filter((x) => x.homeJurisdiction === NEIGHBOUR)) expect(text).toContain(`${person.name}（`);
    }
    const pooled = picks.flatMap((p) => { const t = p.team as { leader: Person; members: Person[] }; return [t.leader, ...t.members]; }).filter((x) => x.homeJurisdiction === NEIGHBOUR);
    expect(pooled.length).toBeGreaterThan(0);
    expect(text).toContain('来自宛城区');
    expect(text).not.toMatch(/INSPECTOR|EXPERT|riskLevel|creditLevel/);
    expect(await page.textContent('#task-draw-record')).toContain(secret);

    // A replacement needs the pack's reason and its approval (卧龙 第二十条).
    // By name, so that a choice lost on a loaded machine is seen and made again (choose).
    const first = (picks as unknown as { order: number; team: { leader: Person } }[]).find((p) => p.order === 1)!.team.leader;
    await page.click('#replace-1');
    await choose(page, '#replace_inspector', `${first.name}（`);
    await choose(page, '#replace_reason', '岗位变动');
    await page.click('#replace-form-submit');
    // When what is awaited does not show, the failure quotes the dialog (or its absence: “对话框：”).
    const dialog = async () => `对话框：${await textOf(page, '.ant-modal')}`;
    await expect.poll(async () => (await textOf(page, '#replace-refusal')) || dialog(), { timeout: 45_000 }).toContain('依据：第二十条');
    await page.fill('#replace_approvedBy', '任务执行单位 张局长');
    await page.click('#replace-form-submit');
    // The dialog itself shows the reason chosen: only the replacements' table counts as recorded.
    await expect.poll(async () => ((await textOf(page, '#task-replacements')).includes('岗位变动') ? '已记录' : dialog()), { timeout: 45_000 }).toBe('已记录');
    expect(await demo.db.prisma.teamReplacement.count({ where: { drawId: locked.id } })).toBe(1);

    // Only the steps valid now: dispatch, then announce.
    expect(await page.locator('#task-step-announce').count()).toBe(0);
    await page.click('#task-step-dispatch');
    await expect.poll(() => status(page), { timeout: 45_000 }).toBe('已派发');
    expect(await page.locator('#task-step-dispatch').count()).toBe(0);
    await page.click('#task-step-announce');
    await expect.poll(() => status(page), { timeout: 45_000 }).toBe('已公告');
    expect((await demo.db.prisma.inspectionTask.findUniqueOrThrow({ where: { id: rawId(taskId) } })).status).toBe('ANNOUNCED');
    expect(await page.locator('#task-step-start-inspection').count()).toBe(1);
    await shoot(page, 'console-task-drawn.png', true);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  }, 120_000);

  it('the list filters by state in Chinese, and a planner is offered no draw or step on the drawn task', async () => {
    const { page, outside, violations } = await offlinePage(browser, base);
    await logIn(page, 'wangfang');
    await page.goto(`${base}/console/tasks`);
    await expect.poll(() => page.textContent('#tasks-table'), { timeout: 45_000 }).toContain(TITLE);
    await choose(page, '#task-status-filter', '草稿');
    await expect.poll(() => page.textContent('#tasks-table'), { timeout: 45_000 }).toContain('没有符合条件的抽查任务');
    // 草稿 off again (a second choice toggles it), 已公告 on.
    await choose(page, '#task-status-filter', '草稿');
    await choose(page, '#task-status-filter', '已公告');
    await expect.poll(() => page.textContent('#tasks-table'), { timeout: 45_000 }).toContain(TITLE);
    expect(await page.textContent('#tasks')).toContain('共 1 项');
    expect(await page.textContent('#tasks-table')).not.toMatch(/ANNOUNCED|DRAFT/);
    await shoot(page, 'console-tasks.png', true);

    await page.click(`.task-link:has-text("${TITLE}")`);
    await expect.poll(() => status(page), { timeout: 45_000 }).toBe('已公告');
    await expect.poll(() => page.locator('#task-picks-table tbody tr.ant-table-row').count(), { timeout: 45_000 }).toBe(3);
    for (const id of ['#task-lock', '#task-draw', '#draw-submit', '#replace-1', '#task-step-start-inspection', '#task-edit', '#task-cancel']) expect(await page.locator(id).count(), id).toBe(0);

    // A draft not wanted any more is cancelled with its reason, and stays as 已取消.
    const draft = (await demo.gql(CREATE_TASK, { input: { title: '2026年第五批双随机抽查', windowStart: '2026-12-14', windowEnd: '2026-12-31', inspectionDate: '2026-12-21', size: 2 } }, demo.tokens.PLANNER)).data.createTask;
    await page.goto(`${base}/console/tasks/${encodeURIComponent(draft.id)}`);
    await page.click('#task-cancel');
    await page.fill('#cancel_reason', '与上级专项检查重复');
    await page.click('#cancel-form-submit');
    await expect.poll(() => status(page), { timeout: 45_000 }).toBe('已取消');
    expect(await page.textContent('#task-details')).toContain('与上级专项检查重复');
    expect(await demo.db.prisma.inspectionTask.findUniqueOrThrow({ where: { id: rawId(draft.id) } })).toMatchObject({ status: 'CANCELLED', cancellationReason: '与上级专项检查重复' });
    expect(await page.locator('#task-cancel').count()).toBe(0);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  }, 120_000);
});
