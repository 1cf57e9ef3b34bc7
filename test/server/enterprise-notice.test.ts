import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../src/core/calendar/china-date.ts';
import { launchChromium, screenshotPath } from '../helpers/browser.ts';
import { TEST_DATABASES, type TestDb } from '../helpers/databases.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { inspectingTask, Q, resultInput, signAll, type DrawnPick } from '../helpers/results-flow.ts';

const raw = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;
const ORIGIN = 'http://portal.test';
const REPLACE = `mutation($d: ID!, $o: Int!, $i: String!, $r: String!) { replaceInspector(draw: $d, pickOrder: $o, inspector: $i, reason: $r, approvedBy: "张局长") { __typename ... on Error { message } } }`;

/** The text of a PDF (pdftotext) and what its QR code says (pdftoppm at 150 dpi, then zbarimg). */
function readPdf(pdf: Uint8Array): { text: string; qr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'notice-'));
  const file = join(dir, 'notice.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-png', '-r', '150', file, join(dir, 'page')]);
  const pages = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
  const qr = execFileSync('zbarimg', ['-q', '--raw', ...pages.map((p) => join(dir, p))], { encoding: 'utf8' }).trim();
  return { text, qr };
}

describe.each(TEST_DATABASES)("the enterprise's notice, its verification page and its public record on $name", (target) => {
  let db: TestDb;
  let demo: DemoCounty;
  let announced: { taskId: string; drawId: string; picks: DrawnPick[] };
  /** The enterprise whose result was corrected after an objection (set by that test). */
  let corrected: string | undefined;
  const get = (path: string) => demo.app.fetch(new Request(path.startsWith('http') ? path : `${ORIGIN}${path}`));
  const noticeUrl = (taskId: string, uscc: string) => `/j/${DEMO}/tasks/${raw(taskId)}/notices/${uscc}.pdf`;

  beforeAll(async () => {
    db = await target.open();
    demo = await demoCounty(db);
    announced = await inspectingTask(demo, { title: '2026年第三批 工贸企业双随机抽查', size: 4, itemsPerInspection: 2 }, 'ANNOUNCED');
  }, 180_000);
  afterAll(async () => {
    await demo?.db.close();
  });

  it("gives a drawn enterprise its notice: Chinese text, the team, the items by name, its rights with the clauses, the same bytes each time, and a QR code to a page that verifies the draw", async () => {
    const pick = announced.picks[0]!;
    const first = await get(noticeUrl(announced.taskId, pick.uscc));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await first.arrayBuffer());
    const again = new Uint8Array(await (await get(noticeUrl(announced.taskId, pick.uscc))).arrayBuffer());
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);

    const { text, qr } = readPdf(bytes);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('安全生产监督检查通知书');
    expect(flat).toContain(pick.enterpriseName);
    expect(flat).toContain(pick.uscc);
    expect(flat).toContain('检查日期：2026-03-16');
    // The task notice's number and the inspecting authority, as numbered when it was announced.
    const numbered = await db.prisma.inspectionTask.findUniqueOrThrow({ where: { id: raw(announced.taskId) }, select: { noticeSeq: true, noticeYear: true } });
    expect(flat).toContain(`卧龙应急随抽〔${numbered.noticeYear}〕第${numbered.noticeSeq}号`);
    expect(flat).toContain('检查实施机关：南阳市卧龙区应急管理局');
    // The team by name and role, as the portal shows teams (names only).
    const leader = await db.prisma.inspector.findUniqueOrThrow({ where: { id: pick.team.leader.id }, select: { name: true, phone: true, idNumber: true } });
    expect(flat).toContain(`${leader.name}（组长）`);
    if (leader.phone) expect(flat).not.toContain(leader.phone);
    expect(flat).not.toContain(leader.idNumber);
    // Items by name, never only their codes.
    const items = await db.prisma.checklistItem.findMany({ where: { jurisdiction: { code: DEMO }, code: { in: pick.items } }, select: { name: true } });
    expect(pick.items.length).toBe(2);
    expect(items.length).toBe(2);
    for (const item of items) expect(flat).toContain(item.name.replace(/\s+/g, ''));
    // 卧龙: 回避 第二十条, 异议 第二十六条 (20 and 15 working days).
    expect(flat).toContain('申请回避');
    expect(flat).toContain('第二十条');
    expect(flat).toContain('提出异议');
    expect(flat).toContain('20个工作日内复核');
    expect(flat).toContain('第二十六条');

    expect(qr).toBe(`${ORIGIN}/verify/${raw(announced.drawId)}/${pick.uscc}`);
    const page = await get(qr);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('验证通过');
    expect(body).toContain(pick.enterpriseName);
    // The exact chance is the one the explanation and the record give, reduced, with its percent.
    const exported = await (await get(`/draws/${raw(announced.drawId)}/export.json`)).json();
    const explained = (await demo.gql(`query($d: JSON!, $u: String!) { explainDrawCandidate(draw: $d, uscc: $u) { inclusion } }`, { d: exported, u: pick.uscc })).data.explainDrawCandidate;
    expect(explained.inclusion).toMatch(/^\d+\/\d+$/);
    expect(body).toContain(`<strong>${explained.inclusion}</strong>`);
    const [p, q] = explained.inclusion.split('/').map(Number);
    expect(body).toContain(`${((p / q) * 100).toFixed(2)}%`);
    expect(body).toContain(exported.seed.commitment);
    expect(body).toContain(exported.seed.secret);
    expect(body).not.toContain(leader.idNumber);

    // In public GraphQL, with no token.
    const gql = (await demo.gql(`query($d: String!, $u: String!) { publicDrawVerification(draw: $d, uscc: $u) { __typename ... on PublicDrawVerification { drawn inclusion percent verification { status } seed { commitment } } ... on Error { message } } }`, { d: raw(announced.drawId), u: pick.uscc })).data.publicDrawVerification;
    expect(gql).toMatchObject({ __typename: 'PublicDrawVerification', drawn: true, inclusion: explained.inclusion, verification: { status: 'VERIFIED' }, seed: { commitment: exported.seed.commitment } });
  });

  it('keeps a rendered notice per origin, and renders it again once the team changes', async () => {
    const pick = announced.picks[3]!;
    const url = noticeUrl(announced.taskId, pick.uscc);
    expect((await get(url)).headers.get('x-cache')).toBe('MISS');
    const kept = await get(url);
    expect(kept.headers.get('x-cache')).toBe('HIT');
    // Its QR code holds the address it was asked at: another origin gets its own.
    const elsewhere = await get(`http://other.test${url}`);
    expect(elsewhere.headers.get('x-cache')).toBe('MISS');
    expect(readPdf(new Uint8Array(await elsewhere.arrayBuffer())).qr).toMatch(/^http:\/\/other\.test\/verify\//);
    expect(readPdf(new Uint8Array(await kept.arrayBuffer())).qr.startsWith(`${ORIGIN}/verify/`)).toBe(true);

    // 卧龙 第二十条: a member replaced; the kept notice goes with the mutation.
    const outgoing = pick.team.members.find((m) => m.id !== pick.team.leader.id) ?? pick.team.leader;
    const name = async (id: string) => (await db.prisma.inspector.findUniqueOrThrow({ where: { id } })).name;
    const replaced = (await demo.gql(REPLACE, { d: announced.drawId, o: pick.order, i: outgoing.id, r: '身体原因' }, demo.tokens.DRAW_OFFICER)).data.replaceInspector;
    expect(replaced.__typename, JSON.stringify(replaced)).toBe('TeamReplacement');
    const incoming = await db.prisma.teamReplacement.findFirstOrThrow({ where: { drawId: raw(announced.drawId), pickOrder: pick.order }, select: { incomingId: true } });
    const after = await get(url);
    expect(after.headers.get('x-cache')).toBe('MISS');
    const text = readPdf(new Uint8Array(await after.arrayBuffer())).text.replace(/\s+/g, '');
    expect(text).toContain(await name(incoming.incomingId));
    expect(text).not.toContain(await name(outgoing.id));
  });

  it("says so for an enterprise the draw did not pick, and refuses a malformed USCC with a 400 that names the check character", async () => {
    const drawn = new Set(announced.picks.map((p) => p.uscc));
    const other = (await db.prisma.enterprise.findMany({ where: { jurisdiction: { code: DEMO } }, select: { uscc: true }, take: 20 })).find((e) => !drawn.has(e.uscc))!;
    const page = await get(`/verify/${raw(announced.drawId)}/${other.uscc}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('未被抽中');
    expect((await get(noticeUrl(announced.taskId, other.uscc))).status).toBe(404);

    const bad = `${other.uscc.slice(0, 17)}${other.uscc[17] === '0' ? '1' : '0'}`;
    for (const path of [`/enterprises/${bad}`, `/verify/${raw(announced.drawId)}/${bad}`, noticeUrl(announced.taskId, bad)]) {
      const refused = await get(path);
      expect(refused.status, path).toBe(400);
      expect(await refused.text()).toContain('校验位不符');
    }
    const gql = (await demo.gql(`query($u: String!) { publicEnterpriseRecord(uscc: $u) { __typename ... on ValidationError { issues { field message } } } }`, { u: bad })).data.publicEnterpriseRecord;
    expect(gql.__typename).toBe('ValidationError');
    expect(gql.issues[0]).toMatchObject({ field: 'uscc', message: expect.stringContaining('校验位不符') });
  });

  it('shows 验证失败, and where, once a stored draw record is tampered with past its trigger', async () => {
    const task = await inspectingTask(demo, { title: '2026年第四批 篡改核验', size: 3 }, 'ANNOUNCED');
    const id = raw(task.drawId);
    const drawn = new Set(task.picks.map((p) => p.uscc));
    const forged = (await db.prisma.enterprise.findMany({ where: { jurisdiction: { code: DEMO } }, select: { uscc: true }, take: 20 })).find((e) => !drawn.has(e.uscc))!.uscc;
    expect(await (await get(`/verify/${id}/${task.picks[0]!.uscc}`)).text()).toContain('验证通过');
    // As the schema's owner, past the trigger that refuses any change to a held draw: the record
    // now says another enterprise was drawn first.
    await db.owner.exec('ALTER TABLE draw DISABLE TRIGGER draw_written_once');
    await db.owner.query(`UPDATE draw SET record = jsonb_set(record, '{picks,0,uscc}', to_jsonb($2::text)) WHERE id = $1`, [id, forged]);
    await db.owner.exec('ALTER TABLE draw ENABLE ALWAYS TRIGGER draw_written_once');
    const body = await (await get(`/verify/${id}/${forged}`)).text();
    expect(body).toContain('被抽中');
    expect(body).toContain('验证失败');
    expect(body).not.toContain('验证通过');
    expect(body).toContain('record.picks[0].uscc');
  });

  it('gives a covert task no notice, no verification page and no record entry before it closes, and all three after', async () => {
    const task = await inspectingTask(demo, { title: '2026年 暗查暗访', size: 2, covert: true }, 'INSPECTING');
    const pick = task.picks[0]!;
    const recordOf = async () => (await demo.gql(`query($u: String!) { publicEnterpriseRecord(uscc: $u) { ... on PublicEnterpriseRecord { inspections { taskTitle } } } }`, { u: pick.uscc })).data.publicEnterpriseRecord.inspections.map((i: { taskTitle: string }) => i.taskTitle);
    expect((await get(noticeUrl(task.taskId, pick.uscc))).status).toBe(404);
    const hidden = await get(`/verify/${raw(task.drawId)}/${pick.uscc}`);
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).toContain('暗查暗访');
    expect(await (await get(`/enterprises/${pick.uscc}`)).text()).not.toContain('2026年 暗查暗访');
    expect(await recordOf()).not.toContain('2026年 暗查暗访');
    const gql = (await demo.gql(`query($d: String!, $u: String!) { publicDrawVerification(draw: $d, uscc: $u) { __typename } }`, { d: raw(task.drawId), u: pick.uscc })).data.publicDrawVerification;
    expect(gql.__typename).toBe('NotFoundError');

    expect((await demo.gql(Q.advance, { t: task.taskId, s: 'CLOSE' }, demo.tokens.DRAW_OFFICER)).data.advanceTask.status).toBe('CLOSED');
    expect((await get(noticeUrl(task.taskId, pick.uscc))).status).toBe(200);
    expect(await (await get(`/verify/${raw(task.drawId)}/${pick.uscc}`)).text()).toContain('验证通过');
    expect(await (await get(`/enterprises/${pick.uscc}`)).text()).toContain('2026年 暗查暗访');
    expect(await recordOf()).toContain('2026年 暗查暗访');
  });

  it("lists an enterprise's inspections with each result's versions and its objection's status, without the objector", async () => {
    const task = await inspectingTask(demo, { title: '2026年第五批 异议与更正', size: 2 }, 'INSPECTING');
    const pick = task.picks[0]!;
    const today = chinaDate(new Date());
    const r = (await demo.gql(Q.record, { t: task.taskId, u: pick.uscc, i: resultInput(pick, { category: 'ordered-to-correct', hazards: [{ description: '消防通道堵塞' }], handling: { rectificationDue: '2026-04-15' } }) }, demo.tokens.INSPECTOR)).data.recordResult;
    await signAll(demo, r.id, pick);
    expect((await demo.gql(Q.publish, { id: r.id }, demo.tokens.INSPECTOR)).data.publishResult.status).toBe('PUBLISHED');
    const filer = '异议人张某某';
    const objection = (await demo.gql(Q.file, { r: r.id, on: today, by: filer, g: '检查当日企业停产检修' }, demo.tokens.INSPECTOR)).data.fileObjection;
    await demo.gql(Q.review, { id: objection.id, on: today, up: true, n: '核实停产' }, demo.tokens.INSPECTOR);
    const v2 = (await demo.gql(Q.correct, { id: r.id, i: resultInput(pick, { category: 'no-activity', items: [], summary: '检查当日停产' }), r: '经异议复核，检查当日企业停产', o: objection.id }, demo.tokens.INSPECTOR)).data.correctResult;
    await demo.gql(Q.signCorrection, { id: v2.id }, demo.tokens.ADMIN);
    expect((await demo.gql(Q.publish, { id: v2.id }, demo.tokens.INSPECTOR)).data.publishResult.status).toBe('PUBLISHED');

    corrected = pick.uscc;
    const page = await get(`/enterprises/${pick.uscc}`);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('2026年第五批 异议与更正');
    expect(body).toContain('更正 第2版');
    expect(body).toContain('经异议复核，检查当日企业停产');
    expect(body).toContain(`href="/results/${raw(v2.id)}"`);
    expect(body).toContain(`href="/results/${raw(r.id)}"`);
    expect(body).toContain('复核中，待答复');
    expect(body).not.toContain(filer);
    expect(body).not.toContain('检查当日企业停产检修');

    await demo.gql(Q.answer, { id: objection.id, on: today, a: '已更正并重新公示' }, demo.tokens.INSPECTOR);
    const record = (await demo.gql(`query($u: String!) { publicEnterpriseRecord(uscc: $u) { ... on PublicEnterpriseRecord { total inspections { taskTitle authority results { version categoryLabel } objections { status statusLabel } } } } }`, { u: pick.uscc })).data.publicEnterpriseRecord;
    const mine = record.inspections.find((i: { taskTitle: string }) => i.taskTitle === '2026年第五批 异议与更正');
    expect(mine.results.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(mine.objections).toEqual([{ status: 'ANSWERED', statusLabel: '已答复' }]);
  });

  it.runIf(target.name === 'pglite')("reads without JavaScript in Chromium: from the portal's draw to the notice, the verification page and the record", async () => {
    const pick = announced.picks[1]!;
    const base = `http://127.0.0.1:${(await demo.app.start(0)).port}`;
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${base}/j/${DEMO}/draws/${raw(announced.taskId)}`, { timeout: 45_000 });
      // The portal's draw page links each drawn enterprise's notice, verification page and record.
      const notice = page.locator(`a[href="${noticeUrl(announced.taskId, pick.uscc)}"]`);
      expect(await notice.count()).toBe(1);
      const pdf = await page.request.get(`${base}${await notice.getAttribute('href')}`);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      // The notice's first page as an image, for the docs.
      const file = join(mkdtempSync(join(tmpdir(), 'notice-')), 'notice.pdf');
      writeFileSync(file, await pdf.body());
      execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', file, screenshotPath('enterprise-notice.png').replace(/\.png$/, '')]);
      await page.locator(`a[href="/verify/${raw(announced.drawId)}/${pick.uscc}"]`).click({ timeout: 45_000 });
      await page.waitForURL(`**/verify/**`, { timeout: 45_000 });
      expect(await page.textContent('#verdict')).toContain('验证通过');
      expect(await page.textContent('#chance')).toMatch(/\d+\/\d+（\d+\.\d{2}%）/);
      await page.screenshot({ path: screenshotPath('portal-verification.png'), fullPage: true });
      await page.goto(`${base}/enterprises/${pick.uscc}`, { timeout: 45_000 });
      expect(await page.textContent('body')).toContain('2026年第三批 工贸企业双随机抽查');
      // The record the screenshot shows: one with a correction and an answered objection, when that test ran.
      if (corrected) await page.goto(`${base}/enterprises/${corrected}`, { timeout: 45_000 });
      await page.screenshot({ path: screenshotPath('portal-enterprise-record.png'), fullPage: true });
    } finally {
      await browser.close();
      await demo.app.stop();
    }
  }, 120_000);
});
