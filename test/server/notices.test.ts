import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '../../src/core/calendar/china-date.ts';
import { TEST_DATABASES, type TestDb } from '../helpers/databases.ts';
import { demoCounty, DEMO, TASK_INPUT, type DemoCounty } from '../helpers/demo-county.ts';
import { Q, resultInput, signAll, type DrawnPick } from '../helpers/results-flow.ts';

const raw = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;
/** A checklist code as a clerk would never see it (AQ04, AQ04-01), not inside a USCC. */
/** A CSV as rows keyed by header (BOM dropped). */
const parse = (text: string, _options: { columns: true }) => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
const ITEM_CODE = /\bAQ\d{2}(-\d+)?\b/;

const PLAN = `mutation($j: String!, $y: Int!) { createPlan(jurisdiction: $j, year: $y, title: "2026年度安全生产监督检查计划", doubleRandomCount: 12, otherCount: 4) { ... on Plan { id } ... on Error { message } } }`;
const PUBLISH_PLAN = `mutation($id: ID!) { publishPlan(id: $id) { __typename ... on Error { message } } }`;
const TASK = `mutation($j: String!, $p: ID, $input: TaskInput!) { createTask(jurisdiction: $j, plan: $p, input: $input) { __typename ... on Task { id } ... on Error { message } ... on ValidationError { issues { field message } } } }`;
const NOTICES = `query($c: String!, $from: Date, $to: Date) { jurisdiction(code: $c) {
  checklistNotice { code name legalBasis ratio frequency }
  planNotices { title year directed responsibleUnit ratio documentNumber tasks { number title } }
  taskNotices { taskId number resultNumber title type joint departments items scope authority objectCount picks { name uscc items } }
  resultNotices { taskId number taskNumber authority version versions { version enterprise reason } entries { uscc version result items { name outcome } } }
  creditRecords(from: $from, to: $to) { __typename ... on JurisdictionCreditRecordsSuccess { data { uscc enterpriseName authority inspectionType taskNumber resultNoticeNumber version supersedesId } } ... on ValidationError { issues { field message } } }
} }`;

describe.each(TEST_DATABASES)('the four public notices and the credit export ($name)', (database) => {
  let demo: DemoCounty;
  let db: TestDb;
  const today = chinaDate(new Date());
  const year = Number(today.slice(0, 4));
  let joint: { taskId: string; drawId: string; picks: DrawnPick[] };
  let covert: { taskId: string; drawId: string; picks: DrawnPick[] };
  let itemNames: Map<string, string>;
  const get = (path: string) => demo.app.fetch(new Request(`http://test${path}`));
  const text = async (path: string) => {
    const r = await get(path);
    expect(r.status, path).toBe(200);
    return r.text();
  };
  const everything = async () => [
    ...(await Promise.all(['checklist', 'plans', 'tasks', 'results'].flatMap((k) => [`/j/${DEMO}/notices/${k}`, `/j/${DEMO}/notices/${k}.csv`]).map(text))),
    await text(`/j/${DEMO}/feed.atom`), await text(`/j/${DEMO}/credit.csv`), JSON.stringify((await demo.gql(NOTICES, { c: DEMO })).data),
  ].join('\n');

  async function drawnTask(input: Record<string, unknown>, planId: string | null) {
    const task = (await demo.gql(TASK, { j: DEMO, p: planId, input: { ...TASK_INPUT, ...input } }, demo.tokens.PLANNER)).data.createTask;
    expect(task.__typename, JSON.stringify(task)).toBe('Task');
    const draw = (await demo.gql(Q.lock, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
    const drawn = (await demo.gql(Q.draw, { d: draw.id }, demo.tokens.DRAW_OFFICER)).data.drawTask;
    expect(drawn.__typename, JSON.stringify(drawn)).toBe('Draw');
    return { taskId: task.id as string, drawId: draw.id as string, picks: drawn.picks as DrawnPick[] };
  }
  const advance = async (taskId: string, steps: string[]) => {
    for (const s of steps) {
      const token = s === 'DISPATCH' || s === 'ANNOUNCE' ? demo.tokens.DRAW_OFFICER : demo.tokens.INSPECTOR;
      const r = (await demo.gql(Q.advance, { t: taskId, s }, token)).data.advanceTask;
      expect(r.__typename, JSON.stringify(r)).toBe('Task');
    }
  };
  async function publish(taskId: string, pick: DrawnPick, over: Record<string, unknown> = {}) {
    const r = (await demo.gql(Q.record, { t: taskId, u: pick.uscc, i: resultInput(pick, over) }, demo.tokens.INSPECTOR)).data.recordResult;
    expect(r.__typename, JSON.stringify(r)).toBe('InspectionResult');
    await signAll(demo, r.id, pick);
    expect((await demo.gql(Q.publish, { id: r.id }, demo.tokens.INSPECTOR)).data.publishResult.status).toBe('PUBLISHED');
    return r.id as string;
  }

  beforeAll(async () => {
    db = await database.open();
    demo = await demoCounty(db, { enterprises: 150 });
    const county = await demo.db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: DEMO } });
    itemNames = new Map((await demo.db.prisma.checklistItem.findMany({ where: { jurisdictionId: county.id }, select: { code: true, name: true } })).map((i) => [i.code, i.name]));
    const plan = (await demo.gql(PLAN, { j: DEMO, y: 2026 }, demo.tokens.PLANNER)).data.createPlan;
    expect((await demo.gql(PUBLISH_PLAN, { id: plan.id }, demo.tokens.PLANNER)).data.publishPlan.__typename).toBe("Plan");

    // A joint special task on two named items: announced, inspected, every result published, one corrected.
    joint = await drawnTask({ title: '危险化学品联合专项检查', size: 3, joint: true, jointDepartments: ['南阳市卧龙区市场监督管理局', '南阳市卧龙区消防救援大队'], special: true, checklistCodes: ['AQ04', 'AQ06'], itemsPerInspection: 2 }, plan.id);
    await advance(joint.taskId, ['DISPATCH', 'ANNOUNCE', 'START_INSPECTION']);
    const ids: string[] = [];
    for (const [i, pick] of joint.picks.entries()) {
      const items = pick.items.map((code, k) => ({ code, outcome: i === 0 && k === 0 ? 'NONCOMPLIANT' : 'COMPLIANT', ...(i === 0 && k === 0 ? { note: '未按规定备案' } : {}) }));
      ids.push(await publish(joint.taskId, pick, i === 0 ? { category: 'ordered-to-correct', items, hazards: [{ description: '重大危险源未备案' }], handling: { rectificationDue: '2026-04-15' }, summary: '发现隐患1项' } : { items }));
    }
    const v2 = (await demo.gql(Q.correct, { id: ids[1], i: resultInput(joint.picks[1]!, { category: 'no-activity', items: [], summary: '检查当日停产' }), r: '核实企业当日停产', o: null }, demo.tokens.INSPECTOR)).data.correctResult;
    await demo.gql(Q.signCorrection, { id: v2.id }, demo.tokens.ADMIN);
    expect((await demo.gql(Q.publish, { id: v2.id }, demo.tokens.INSPECTOR)).data.publishResult.status).toBe('PUBLISHED');

    // A covert task under inspection with one published result: public only once it closes.
    covert = await drawnTask({ title: '夜间暗查暗访', size: 2, covert: true }, plan.id);
    await advance(covert.taskId, ['DISPATCH', 'START_INSPECTION']);
    await publish(covert.taskId, covert.picks[0]!);
  }, 240_000);
  afterAll(async () => demo?.db.close());

  it('抽查事项清单 is public: every item in force with its basis, ratio and frequency, as HTML, CSV and XLSX', async () => {
    const page = await text(`/j/${DEMO}/notices/checklist`);
    expect(page).toContain('卧龙区随机抽查事项清单');
    expect(page).toContain('南阳市卧龙区应急管理局');
    expect(page).toContain('重大危险源管理');
    expect(page).toContain('《中华人民共和国安全生产法》第四十条');
    expect(page).toContain('@media print');
    expect(page).not.toContain('<script');
    const csv = parse((await (await get(`/j/${DEMO}/notices/checklist.csv`)).text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(Object.keys(csv[0]!)).toEqual(['序号', '事项编码', '抽查事项名称', '上级事项', '抽查依据', '检查主体', '检查对象', '抽查比例', '抽查频次', '检查方式', '抽查类别']);
    expect(csv.find((r) => r['事项编码'] === 'AQ04')).toMatchObject({ 抽查事项名称: '重大危险源管理' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await get(`/j/${DEMO}/notices/checklist.xlsx`)).arrayBuffer());
    expect(workbook.worksheets[0]!.name).toBe('抽查事项清单');
    expect(workbook.worksheets[0]!.rowCount).toBe(csv.length + 1);
  });

  it('抽查计划公告 shows the published plan, its responsible unit and tasks, and leaves what the platform does not hold empty', async () => {
    const page = await text(`/j/${DEMO}/notices/plans`);
    expect(page).toContain('2026年度安全生产监督检查计划');
    expect(page).toContain('<dt>责任单位</dt><dd>南阳市卧龙区应急管理局</dd>');
    expect(page).toContain('抽查比例不低于监管对象的5%（第六条）');
    expect(page).toContain(`卧龙应急随抽〔${year}〕第1号 危险化学品联合专项检查`);
    // The covert task is not listed while it is open.
    expect(page).not.toContain('夜间暗查暗访');
    const { planNotices } = (await demo.gql(NOTICES, { c: DEMO })).data.jurisdiction;
    expect(planNotices).toEqual([{ title: '2026年度安全生产监督检查计划', year: 2026, directed: '不定向', responsibleUnit: '南阳市卧龙区应急管理局', ratio: '抽查比例不低于监管对象的5%（第六条）', documentNumber: null, tasks: [{ number: `卧龙应急随抽〔${year}〕第1号`, title: '危险化学品联合专项检查' }] }]);
  });

  it('抽查任务公告: numbered, typed, the departments of a joint task, items by name never by code, the authority, the picks with their notice links', async () => {
    const page = await text(`/j/${DEMO}/notices/tasks`);
    expect(page).toContain(`卧龙应急随抽〔${year}〕第1号`);
    expect(page).toContain('不定向、联合检查（南阳市卧龙区市场监督管理局、南阳市卧龙区消防救援大队）、专项检查');
    expect(page).toContain('<dt>联合检查部门</dt><dd>南阳市卧龙区市场监督管理局、南阳市卧龙区消防救援大队</dd>');
    expect(page).toContain('<dt>检查事项</dt><dd>重大危险源管理、应急预案和应急救援</dd>');
    expect(page).toContain('<dt>检查实施机关</dt><dd>南阳市卧龙区应急管理局</dd>');
    expect(page).toContain('<dt>抽查对象数量</dt><dd>3 家</dd>');
    expect(page).not.toMatch(ITEM_CODE);
    for (const p of joint.picks) {
      expect(page).toContain(p.uscc);
      for (const code of p.items) expect(page).toContain(itemNames.get(code)!);
      expect(page).toContain(`href="/j/${DEMO}/tasks/${raw(joint.taskId)}/notices/${p.uscc}.pdf"`);
      expect(page).toContain(`href="/verify/${raw(joint.drawId)}/${p.uscc}"`);
    }
    const one = await text(`/j/${DEMO}/notices/tasks/${raw(joint.taskId)}`);
    expect(one).toContain(`卧龙应急随抽〔${year}〕第1号`);
    const csv = parse((await (await get(`/j/${DEMO}/notices/tasks.csv`)).text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(csv).toHaveLength(1);
    expect(csv[0]).toMatchObject({ 公告编号: `卧龙应急随抽〔${year}〕第1号`, 联合检查部门: '南阳市卧龙区市场监督管理局、南阳市卧龙区消防救援大队', 检查事项: '重大危险源管理、应急预案和应急救援', 检查实施机关: '南阳市卧龙区应急管理局', 抽查对象数量: '3', 所属计划: '2026年 2026年度安全生产监督检查计划' });
    expect(csv[0]!['检查事项']).not.toMatch(ITEM_CODE);
    const { taskNotices } = (await demo.gql(NOTICES, { c: DEMO })).data.jurisdiction;
    expect(taskNotices).toHaveLength(1);
    expect(taskNotices[0]).toMatchObject({ number: `卧龙应急随抽〔${year}〕第1号`, resultNumber: `卧龙应急随抽结〔${year}〕第1号`, joint: true, departments: ['南阳市卧龙区市场监督管理局', '南阳市卧龙区消防救援大队'], items: ['重大危险源管理', '应急预案和应急救援'], authority: '南阳市卧龙区应急管理局', objectCount: 3 });
    expect(taskNotices[0].picks.flatMap((p: { items: string[] }) => p.items).join()).not.toMatch(ITEM_CODE);
  });

  it('抽查结果公告: numbered per task, the authority, each enterprise and each item, the correction as version 2 and version 1 still readable', async () => {
    const page = await text(`/j/${DEMO}/notices/results`);
    expect(page).toContain(`卧龙应急随抽结〔${year}〕第1号（第2版）`);
    expect(page).toContain('南阳市卧龙区应急管理局');
    const first = joint.picks[0]!;
    expect(page).toContain(`${itemNames.get(first.items[0]!)}：不符合（未按规定备案）`);
    expect(page).toContain(`${itemNames.get(first.items[1]!)}：符合`);
    expect(page).toContain('更正 第2版');
    expect(page).toContain('核实企业当日停产');
    expect(page).not.toMatch(ITEM_CODE);
    const v1 = await text(`/j/${DEMO}/notices/results/${raw(joint.taskId)}?v=1`);
    expect(v1).toContain('第1版（共2版，');
    expect(v1).not.toContain('更正 第2版');
    expect(v1).toContain(`${itemNames.get(joint.picks[1]!.items[0]!)}：符合`);
    const rows = parse((await (await get(`/j/${DEMO}/notices/results.csv`)).text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['统一社会信用代码'])).toEqual(joint.picks.map((p) => p.uscc));
    expect(rows[0]).toMatchObject({ 结果公告编号: `卧龙应急随抽结〔${year}〕第1号`, 版本: '2', 检查实施机关: '南阳市卧龙区应急管理局' });
    expect(rows[0]!['各检查事项结果']).toContain('：不符合（未按规定备案）');
    expect(rows[1]).toMatchObject({ 结果版本: '2', 更正理由: '核实企业当日停产' });
    const { resultNotices } = (await demo.gql(NOTICES, { c: DEMO })).data.jurisdiction;
    expect(resultNotices).toHaveLength(1);
    expect(resultNotices[0]).toMatchObject({ number: `卧龙应急随抽结〔${year}〕第1号`, taskNumber: `卧龙应急随抽〔${year}〕第1号`, authority: '南阳市卧龙区应急管理局', version: 2, versions: [{ version: 1 }, { version: 2, reason: '核实企业当日停产' }] });
    expect(resultNotices[0].entries[0].items[0]).toEqual({ name: itemNames.get(first.items[0]!), outcome: '不符合' });
  });

  it('the feed has an entry for the plan, the task notice and each version of the result notice', async () => {
    const feed = await text(`/j/${DEMO}/feed.atom`);
    const task = raw(joint.taskId);
    expect(feed).toContain(`urn:double-random:task-notice:${task}`);
    expect(feed).toContain(`urn:double-random:result-notice:${task}:v1`);
    expect(feed).toContain(`urn:double-random:result-notice:${task}:v2`);
    expect(feed).toContain(`抽查任务公告 卧龙应急随抽〔${year}〕第1号：危险化学品联合专项检查`);
    expect(feed).toContain('抽查计划公告：2026年度安全生产监督检查计划');
  });

  it('the credit export: the documented columns, each published version, and a 400 in Chinese for a bad period', async () => {
    const r = await get(`/j/${DEMO}/credit.csv?from=${addDays(today, -5)}&to=${today}`);
    expect(r.status).toBe(200);
    const rows = parse((await r.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['统一社会信用代码', '企业名称', '检查实施机关', '行政区划代码', '检查类型', '检查日期', '检查结果', '检查结果代码', '处理情况', '任务编号', '结果公告编号', '抽查任务名称', '公示日期', '版本', '更正理由', '记录标识', '所更正记录标识']);
    // Three originals and one correction that names the record it replaces; nothing of the open covert task.
    expect(rows).toHaveLength(4);
    const correction = rows.find((x) => x['版本'] === '2')!;
    expect(correction['所更正记录标识']).toBe(rows.find((x) => x['版本'] === '1' && x['统一社会信用代码'] === correction['统一社会信用代码'])!['记录标识']);
    expect(rows[0]).toMatchObject({ 检查实施机关: '南阳市卧龙区应急管理局', 检查类型: '双随机抽查（不定向、联合检查（南阳市卧龙区市场监督管理局、南阳市卧龙区消防救援大队）、专项检查）', 任务编号: `卧龙应急随抽〔${year}〕第1号`, 结果公告编号: `卧龙应急随抽结〔${year}〕第1号`, 公示日期: today, 行政区划代码: DEMO });
    // An earlier period holds none of them.
    expect((await text(`/j/${DEMO}/credit.csv?from=2025-01-01&to=2025-01-31`)).trim().split('\r\n')).toHaveLength(1);
    const xlsx = await get(`/j/${DEMO}/credit.xlsx?from=${addDays(today, -5)}&to=${today}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets[0]!.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    expect(workbook.worksheets[0]!.rowCount).toBe(5);

    for (const [query, said] of [['from=2026-02-30', '起始日期（from）「2026-02-30」不是有效日期'], ['from=2026/01/01', '不是有效日期'], ['from=2026-05-01&to=2026-04-01', '起始日期 2026-05-01 晚于截止日期 2026-04-01'], ['from=2025-01-01&to=2026-06-30', '一次最多导出 366 天']] as const) {
      const bad = await get(`/j/${DEMO}/credit.csv?${query}`);
      expect(bad.status, query).toBe(400);
      expect(await bad.text(), query).toContain(said);
    }
    const { creditRecords } = (await demo.gql(NOTICES, { c: DEMO, from: '2025-01-01', to: '2026-06-30' })).data.jurisdiction;
    expect(creditRecords).toEqual({ __typename: 'ValidationError', issues: [{ field: 'to', message: expect.stringContaining('一次最多导出 366 天') }] });
    const good = (await demo.gql(NOTICES, { c: DEMO, from: addDays(today, -5), to: today })).data.jurisdiction.creditRecords;
    expect(good.data).toHaveLength(4);
  });

  it('a covert task is on none of them before it closes, and on each after', async () => {
    const before = await everything();
    expect(before).not.toContain('夜间暗查暗访');
    // A covert pick the joint task also drew (the draws are random) is public by that task: only the others are secret.
    for (const p of covert.picks.filter((c) => !joint.picks.some((j) => j.uscc === c.uscc))) expect(before).not.toContain(p.uscc);
    expect((await get(`/j/${DEMO}/notices/tasks/${raw(covert.taskId)}`)).status).toBe(404);
    expect((await get(`/j/${DEMO}/notices/results/${raw(covert.taskId)}`)).status).toBe(404);

    await advance(covert.taskId, ['CLOSE']);
    const tasks = await text(`/j/${DEMO}/notices/tasks`);
    expect(tasks).toContain('夜间暗查暗访');
    expect(tasks).toContain(`卧龙应急随抽〔${year}〕第2号`);
    expect(tasks).toContain('不定向、暗查暗访');
    // Covert: no enterprise notice was sent, so none is linked.
    expect(tasks).not.toContain(`/tasks/${raw(covert.taskId)}/notices/`);
    expect(await text(`/j/${DEMO}/notices/results`)).toContain(`卧龙应急随抽结〔${year}〕第2号`);
    expect(await text(`/j/${DEMO}/notices/plans`)).toContain('夜间暗查暗访');
    expect(await text(`/j/${DEMO}/feed.atom`)).toContain(`urn:double-random:task-notice:${raw(covert.taskId)}`);
    expect(await text(`/j/${DEMO}/credit.csv`)).toContain(covert.picks[0]!.uscc);
    expect(JSON.stringify((await demo.gql(NOTICES, { c: DEMO })).data)).toContain('夜间暗查暗访');
  });
});
