import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { CONSOLE_DIR } from '../../src/server/console/serve-console.ts';
import { launchChromium, offlinePage, screenshotPath } from '../helpers/browser.ts';
import { choose, confirmWith, consoleSessions, pageWithSession } from '../helpers/console-page.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { csv, uscc } from '../helpers/fixtures.ts';
import { buildXlsx, cell } from '../helpers/xlsx.ts';
import { TABLE_B_HEADERS, TABLE_B_ROWS, TABLE_B_TITLE, tableBRuns, tableXlsx } from '../helpers/checklist-tables.ts';

const PASSWORD = 'Wolong-2026-pass';

describe('名录库 and the import wizard in headless Chromium', () => {
  let demo: DemoCounty;
  let browser: Browser;
  let base: string;
  const sessions = new Map<string, string>();
  const inDemo = { jurisdiction: { code: DEMO } };
  beforeAll(async () => {
    expect(existsSync(join(CONSOLE_DIR, 'index.html')), 'dist/console is missing: run npm run build:console').toBe(true);
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), { enterprises: 45 });
    for (const [u, session] of await consoleSessions(demo, [['zhaolei', '赵磊', 'PLANNER'], ['liming', '李明', 'INSPECTOR']], PASSWORD)) sessions.set(u, session);
    base = `http://127.0.0.1:${(await demo.app.start(0)).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.app.stop();
    await demo?.db.close();
  });

  const pageAs = (username: string) => pageWithSession(browser, base, sessions.get(username)!);

  const rows = (page: Page, table: string) => page.locator(`#${table} tbody tr.ant-table-row`);

  it('lists the enterprises a page at a time with the total, pages on with the cursor, and filters on the server, in Chinese', async () => {
    const { page, outside, violations } = await pageAs('zhaolei');
    await page.goto(`${base}/console/`);
    await page.click('.ant-menu-item:has-text("名录库")');
    await page.waitForURL(`${base}/console/directories`);
    const total = await demo.db.prisma.enterprise.count({ where: { ...inDemo, active: true } });
    await expect.poll(() => rows(page, 'enterprises-table').count(), { timeout: 45_000 }).toBe(20);
    await expect.poll(() => page.textContent('#enterprises-total')).toContain(`共 ${total} 条，第 1 / ${Math.ceil(total / 20)} 页`);
    const first = await rows(page, 'enterprises-table').first().textContent();
    const table = (await page.textContent('#enterprises-table')) ?? '';
    expect(table).toMatch(/风险|一般|守信/);
    // Codes never reach the clerk: sectors and levels by their Chinese names.
    expect(table).not.toMatch(/hazardous_chemicals|non_coal_mine|MAJOR|GENERAL|OPERATING|TRUSTWORTHY/);
    await page.screenshot({ path: screenshotPath('console-directories-enterprises.png'), fullPage: true });

    await page.click('#enterprises-next');
    await expect.poll(() => page.textContent('#enterprises-total')).toContain('第 2 /');
    await expect.poll(() => rows(page, 'enterprises-table').first().textContent()).not.toBe(first);
    await page.click('#enterprises-previous');
    await expect.poll(() => rows(page, 'enterprises-table').first().textContent()).toBe(first);

    // A sector filter: the server counts and pages the filtered set.
    const machinery = await demo.db.prisma.enterprise.count({ where: { ...inDemo, active: true, sector: 'machinery' } });
    await choose(page, '#enterpriseFilter_sector', '机械');
    await page.click('#enterpriseFilter-apply');
    await expect.poll(() => page.textContent('#enterprises-total')).toContain(`共 ${machinery} 条`);
    const sectorCells = await rows(page, 'enterprises-table').locator('td:nth-child(3)').allTextContents();
    expect(new Set(sectorCells)).toEqual(new Set(['机械']));

    // A name search, with Enter in the field.
    const one = await demo.db.prisma.enterprise.findFirstOrThrow({ where: { ...inDemo, sector: 'machinery' }, orderBy: { name: 'asc' } });
    await page.fill('#enterpriseFilter_search', one.name);
    await page.press('#enterpriseFilter_search', 'Enter');
    await expect.poll(() => page.textContent('#enterprises-total')).toContain('共 1 条');
    expect(await rows(page, 'enterprises-table').first().textContent()).toContain(one.uscc);

    // The other directories: inspectors with their units and domains in Chinese.
    await page.click('#tab-inspectors');
    await expect.poll(() => rows(page, 'inspectors-table').count(), { timeout: 45_000 }).toBeGreaterThan(0);
    const inspectors = (await page.textContent('#inspectors-table')) ?? '';
    expect(inspectors).not.toMatch(/BRIGADE|SECTION|TOWNSHIP_STATION/);
    expect(await page.textContent('#inspectors-total')).toContain(`共 ${await demo.db.prisma.inspector.count({ where: { ...inDemo, active: true } })} 条`);
    await page.click('#tab-checklist');
    await expect.poll(() => rows(page, 'checklist-table').count(), { timeout: 45_000 }).toBeGreaterThan(0);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('creates an enterprise through the form, shows a refused field with its Chinese reason, edits it and shows its history', async () => {
    const { page, outside, violations } = await pageAs('zhaolei');
    await page.goto(`${base}/console/directories`);
    await page.click('#enterprises-create');
    const good = uscc('91411303MA9C00001');
    const wrong = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    await page.fill('#enterprise_uscc', wrong);
    await page.fill('#enterprise_name', '南阳控制台测试机械有限公司');
    await choose(page, '#enterprise_sector', '机械');
    await choose(page, '#enterprise_riskLevel', '较大风险');
    await page.click('#enterprise-submit');
    // The server's refusal on the field it names, in Chinese, and above the form.
    await expect.poll(() => page.textContent('#enterprise-refusal').catch(() => ''), { timeout: 45_000 }).toContain('校验位不符');
    await expect.poll(() => page.locator('.ant-form-item-explain-error').first().textContent().catch(() => '')).toContain('校验位不符');
    expect(await page.locator('.ant-form-item-has-error').count()).toBe(1);
    // The field's message fades in: wait for it before the screenshot.
    await page.waitForSelector('#enterprise_uscc_help:not(.ant-form-show-help-appear)');
    expect(await page.textContent('#enterprise-refusal')).not.toContain('uscc');
    await page.screenshot({ path: screenshotPath('console-directories-refused.png') });
    expect(await demo.db.prisma.enterprise.count({ where: { uscc: wrong } })).toBe(0);

    await page.fill('#enterprise_uscc', good);
    await page.click('#enterprise-submit');
    await expect.poll(() => page.textContent('#record-details').catch(() => ''), { timeout: 45_000 }).toContain('南阳控制台测试机械有限公司');
    const created = await demo.db.prisma.enterprise.findFirstOrThrow({ where: { ...inDemo, uscc: good } });
    expect(created).toMatchObject({ name: '南阳控制台测试机械有限公司', sector: 'machinery', riskLevel: 'HIGH' });
    expect(await page.textContent('#record-details')).toContain('较大风险');

    await page.click('#record-edit');
    await page.fill('#enterprise_name', '南阳控制台测试重工有限公司');
    await page.fill('#enterprise_township', '潦河镇');
    await page.click('#enterprise-submit');
    await expect.poll(() => page.textContent('#record-history').catch(() => ''), { timeout: 45_000 }).toContain('修改');
    const history = (await page.textContent('#record-history')) ?? '';
    expect(history).toContain('新增');
    expect(history).toContain('企业名称：南阳控制台测试重工有限公司');
    expect(history).toContain('所属乡镇：潦河镇');
    expect(history).toContain('风险等级：较大风险');
    expect(history).not.toMatch(/legal_representative|risk_level|HIGH/);
    expect(await demo.db.prisma.enterprise.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ name: '南阳控制台测试重工有限公司', township: '潦河镇' });
    await page.screenshot({ path: screenshotPath('console-directories-history.png') });

    // Deactivating keeps the record and its history; the drawer says so.
    await confirmWith(page, '#record-deactivate', '#record-deactivate-confirm');
    await expect.poll(() => page.textContent('#record-drawer').catch(() => ''), { timeout: 45_000 }).toContain('此记录已停用');
    expect((await demo.db.prisma.enterprise.findUniqueOrThrow({ where: { id: created.id } })).active).toBe(false);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('imports a GBK CSV: maps an unknown header, refuses the wrong row with its row and Chinese reason, then imports the corrected file', async () => {
    const { page, outside, violations } = await pageAs('zhaolei');
    await page.goto(`${base}/console/directories`);
    await page.click('#enterprises-import');
    await page.waitForURL(`${base}/console/directories/import?kind=enterprises`);
    const [a, b, c] = ['91411303MA9D00001', '91411303MA9D00002', '91411303MA9D00003'].map(uscc) as [string, string, string];
    const wrongB = `${b.slice(0, 17)}${b[17] === '0' ? '1' : '0'}`;
    const header = ['统一社会信用代码', '企业全称', '行业类别', '风险等级', '备注'];
    const file = (second: string) => ({ name: '企业名录.csv', mimeType: 'text/csv', buffer: iconv.encode(csv([header, [a, '南阳导入甲有限公司', '机械', '一般', '新增'], [second, '南阳导入乙有限公司', '危化', '重大风险', ''], [c, '南阳导入丙有限公司', '纺织', '低风险', '']]), 'gbk') });

    await page.setInputFiles('#import_file', file(wrongB));
    await page.click('#import-check');
    await expect.poll(() => page.textContent('#import-detected').catch(() => ''), { timeout: 45_000 }).toContain('GBK / GB18030');
    expect(await page.textContent('#import-detected')).toContain('CSV');
    // 企业全称 is no header the directory knows: the wizard says so, and the file lacks 企业名称.
    const mapping = (await page.textContent('#import-mapping')) ?? '';
    expect(mapping).toContain('已识别');
    expect(mapping).toContain('未识别');
    expect(await page.textContent('#import-problems')).toContain('文件缺少市场主体名录库必需的列“企业名称”');

    await choose(page, '#import-map-1', '企业名称（必填）');
    await page.click('#import-recheck');
    await expect.poll(() => page.textContent('#import-problems').catch(() => ''), { timeout: 45_000 }).toContain('校验位不符');
    const problems = rows(page, 'import-problems');
    expect(await problems.count()).toBe(1);
    const problem = await problems.first().locator('td').allTextContents();
    expect(problem.slice(0, 3)).toEqual(['3', '统一社会信用代码', '统一社会信用代码']);
    expect(problem[3]).toContain('第 3 行');
    expect(await page.textContent('#import-rejected')).toContain('没有写入任何数据');
    await page.screenshot({ path: screenshotPath('console-directories-import-refused.png'), fullPage: true });
    expect(await demo.db.prisma.enterprise.count({ where: { uscc: { in: [a, b, c] } } })).toBe(0);

    // The corrected file, uploaded again with the same mapping: the dry run passes, then the import lands.
    await page.setInputFiles('#import_file', file(b));
    await page.click('#import-check');
    await expect.poll(() => page.textContent('#import-preview').catch(() => ''), { timeout: 45_000 }).toContain('将新增 3 条');
    expect(await page.textContent('#import-preview')).toContain('不导入的列：备注');
    expect(await demo.db.prisma.enterprise.count({ where: { uscc: { in: [a, b, c] } } })).toBe(0);
    await page.screenshot({ path: screenshotPath('console-directories-import-preview.png'), fullPage: true });
    await page.click('#import-commit');
    await expect.poll(() => page.textContent('#import-result').catch(() => ''), { timeout: 45_000 }).toContain('新增 3 条');
    const landed = await demo.db.prisma.enterprise.findMany({ where: { ...inDemo, uscc: { in: [a, b, c] } }, orderBy: { uscc: 'asc' } });
    expect(landed.map((e) => [e.name, e.sector, e.riskLevel])).toEqual([
      ['南阳导入甲有限公司', 'machinery', 'GENERAL'],
      ['南阳导入乙有限公司', 'hazardous_chemicals', 'MAJOR'],
      ['南阳导入丙有限公司', 'textile', 'LOW'],
    ]);
    await page.screenshot({ path: screenshotPath('console-directories-import-done.png'), fullPage: true });
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('imports inspectors from an XLSX workbook', async () => {
    const { page, outside, violations } = await pageAs('zhaolei');
    await page.goto(`${base}/console/directories/import?kind=inspectors`);
    const headers = ['执法证号', '姓名', '所属单位', '单位类型', '执法领域'];
    const body = [['豫41130399001', '周敏', '卧龙区应急管理局', '执法大队', '危化、机械'], ['豫41130399002', '吴刚', '卧龙区应急管理局', '科室', '非煤矿山']];
    const letters = 'ABCDE';
    const sheetData = [headers, ...body].map((r, i) => `<row r="${i + 1}">${r.map((v, j) => cell(`${letters[j]}${i + 1}`, v)).join('')}</row>`).join('');
    await page.setInputFiles('#import_file', { name: '执法人员.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(buildXlsx({ sheetData })) });
    await page.click('#import-check');
    await expect.poll(() => page.textContent('#import-preview').catch(() => ''), { timeout: 45_000 }).toContain('将新增 2 条');
    expect(await page.textContent('#import-detected')).toContain('Excel 工作簿（XLSX）');
    await page.click('#import-commit');
    await expect.poll(() => page.textContent('#import-result').catch(() => ''), { timeout: 45_000 }).toContain('新增 2 条');
    const zhou = await demo.db.prisma.inspector.findFirstOrThrow({ where: { ...inDemo, certificateNumber: '豫41130399001' } });
    expect(zhou).toMatchObject({ name: '周敏', unitKind: 'BRIGADE', domains: ['hazardous_chemicals', 'machinery'] });
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('imports a published checklist table (XLSX, title row, merged cells): the title skipped, codes generated and kept columns said, unmatched 检查对象 listed', async () => {
    const { page, outside, violations } = await pageAs('zhaolei');
    await page.goto(`${base}/console/directories/import?kind=checklist`);
    const headers = [...TABLE_B_HEADERS, '公示方式'];
    // The last item's 抽查对象 names no sector ("根据实际情况确定"): a warning, the text kept.
    const last = TABLE_B_ROWS.length - 1;
    const body = TABLE_B_ROWS.map((r, i) => [...r.slice(0, 5), i === last ? '根据实际情况确定' : r[5]!, ...r.slice(6), i === 0 ? '门户网站公示' : '']).map((r) => [`T${r[0]}`, ...r.slice(1)]);
    await page.setInputFiles('#import_file', { name: '抽查事项清单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(tableXlsx(TABLE_B_TITLE, headers, body, tableBRuns(), [3])) });
    await page.click('#import-check');
    await expect.poll(() => page.textContent('#import-preview').catch(() => ''), { timeout: 45_000 }).toContain('将新增 17 条');
    const notes = (await page.textContent('#import-notes')) ?? '';
    expect(notes).toContain(`表头上方的标题行已跳过：${TABLE_B_TITLE}`);
    expect(notes).toContain('10 个事项没有编号（或为抽查子项），已按固定规则生成编号');
    expect(notes).toContain('没有对应字段的列原样保留在每个事项中：公示方式');
    const mapping = (await page.textContent('#import-mapping')) ?? '';
    expect(mapping).toContain('原样保留');
    expect(mapping).not.toContain('未识别');
    expect(await page.textContent('#import-warnings')).toContain('“根据实际情况确定”未对应到已知的行业领域');
    await page.screenshot({ path: screenshotPath('console-directories-import-checklist.png'), fullPage: true });
    await page.click('#import-commit');
    await expect.poll(() => page.textContent('#import-result').catch(() => ''), { timeout: 45_000 }).toContain('新增 17 条');
    const child = await demo.db.prisma.checklistItem.findFirstOrThrow({ where: { ...inDemo, code: 'T1-2' }, include: { parent: true } });
    expect(child).toMatchObject({ name: '重大危险源安全管理', parent: { code: 'T1', name: '危险化学品企业安全生产行政检查' } });

    // The checklist tab: the items as published, and the year's tally of their ratio and frequency.
    await page.goto(`${base}/console/directories?tab=checklist`);
    await expect.poll(() => page.textContent('#checklist-tally-table').catch(() => ''), { timeout: 45_000 }).toContain('T1-2 重大危险源安全管理');
    const tally = rows(page, 'checklist-tally-table').filter({ hasText: 'T2-1 尾矿库安全管理' });
    expect(await tally.textContent()).toContain('不低于10%');
    expect(await tally.textContent()).toContain('每半年一次');
    expect(await tally.textContent()).toContain('未达到');
    expect(await page.textContent('#checklist-tally-table')).toContain('根据实际情况确定');
    await page.screenshot({ path: screenshotPath('console-directories-checklist-tally.png'), fullPage: true });
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('imports enterprise records as the fifth kind, refusing an unknown kind in Chinese first', async () => {
    const { page, outside, violations } = await pageAs('zhaolei');
    await page.goto(`${base}/console/directories/import?kind=records`);
    const [e] = await demo.db.prisma.enterprise.findMany({ where: inDemo, take: 1, orderBy: { uscc: 'asc' } });
    const header = ['统一社会信用代码', '记录类型', '发生日期', '文号/编号', '摘要'];
    const file = (kind: string) => ({ name: '企业记录.csv', mimeType: 'text/csv', buffer: iconv.encode(csv([header, [e!.uscc, '投诉举报', '2026-03-02', '卧应急投〔2026〕5号', '举报夜间生产'], [e!.uscc, kind, '2026-03-09', '卧应急罚〔2026〕3号', '处罚']]), 'gbk') });
    await page.setInputFiles('#import_file', file('约谈'));
    await page.click('#import-check');
    await expect.poll(() => page.textContent('#import-problems').catch(() => ''), { timeout: 45_000 }).toContain('“约谈”不是 投诉举报、生产安全事故、行政处罚、严重违法违规 之一');
    await page.setInputFiles('#import_file', file('行政处罚'));
    await page.click('#import-check');
    await expect.poll(() => page.textContent('#import-preview').catch(() => ''), { timeout: 45_000 }).toContain('将新增 2 条');
    await page.click('#import-commit');
    await expect.poll(() => page.textContent('#import-result').catch(() => ''), { timeout: 45_000 }).toContain('已导入企业记录');
    expect(await demo.db.prisma.enterpriseRecord.count({ where: { enterpriseId: e!.id, reference: { in: ['卧应急投〔2026〕5号', '卧应急罚〔2026〕3号'] } } })).toBe(2);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('keeps to the server’s upload limit: a file over IMPORT_MAX_BYTES is refused in Chinese, a request past its envelope too', async () => {
    // The same database behind a server whose limit is 20 kB (IMPORT_MAX_BYTES=20000).
    const small = buildApp(demo.db, demo.packs, { drawPacingMs: 0, importLimits: { maxBytes: 20_000 } });
    const smallBase = `http://127.0.0.1:${(await small.start(0)).port}`;
    try {
      const opened = await offlinePage(browser, smallBase);
      const { page, outside, violations } = opened;
      await page.addInitScript((session) => sessionStorage.setItem('double-random.console.session', session), sessions.get('zhaolei')!);
      await page.goto(`${smallBase}/console/directories/import`);
      const row = (n: number) => `${uscc(`91411303MA9E${String(n).padStart(5, '0')}`)},南阳上传上限测试有限公司${n},机械`;
      const big = (rows: number) => ({ name: '大文件.csv', mimeType: 'text/csv', buffer: Buffer.from(csv([['统一社会信用代码', '企业名称', '行业类别']]) + Array.from({ length: rows }, (_, i) => row(i)).join('\n')) });
      // Past the limit but within the multipart envelope: the server reads the request and refuses the file.
      await page.setInputFiles('#import_file', big(600));
      await page.click('#import-check');
      await expect.poll(() => page.textContent('#import-problems').catch(() => ''), { timeout: 45_000 }).toContain('IMPORT_MAX_BYTES');
      expect(await page.textContent('#import-problems')).toContain('超过上限');
      // Past the envelope too (over 1 MB more): refused before the body is read, with the same limit named.
      await page.setInputFiles('#import_file', big(25_000));
      await page.click('#import-check');
      await expect.poll(() => page.textContent('#import-refusal').catch(() => ''), { timeout: 45_000 }).toContain('请求体超过上限');
      expect(await demo.db.prisma.enterprise.count({ where: { name: { startsWith: '南阳上传上限测试' } } })).toBe(0);
      expect(outside).toEqual([]);
      expect(violations).toEqual([]);
      await page.close();
    } finally {
      await small.stop();
    }
  });

  it('exports with the token in the header, never in the address', async () => {
    const { page, outside, violations } = await pageAs('zhaolei');
    await page.goto(`${base}/console/directories`);
    const exportRequest = page.waitForRequest((r) => r.url().includes('/export/'));
    await page.click('#enterprises-export');
    const download = page.waitForEvent('download');
    await page.click('#enterprises-export-csv');
    const request = await exportRequest;
    expect(request.url()).toBe(`${base}/export/${DEMO}/enterprises.csv`);
    expect(request.headers().authorization).toMatch(/^Bearer /);
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${DEMO}-enterprises.csv`);
    const text = readFileSync((await file.path())!, 'utf8');
    expect(text.replace(/^\uFEFF/, '').startsWith('统一社会信用代码,企业名称')).toBe(true);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('lets an inspector read the directories but offers no change, no import, and refuses the import page', async () => {
    const { page, outside, violations } = await pageAs('liming');
    await page.goto(`${base}/console/directories`);
    await page.waitForSelector('.ant-menu');
    const menu = (await page.textContent('.ant-menu')) ?? '';
    expect(menu).toContain('名录库');
    expect(menu).not.toContain('名录导入');
    await expect.poll(() => rows(page, 'enterprises-table').count(), { timeout: 45_000 }).toBe(20);
    expect(await page.locator('#enterprises-create').count()).toBe(0);
    expect(await page.locator('#enterprises-import').count()).toBe(0);
    expect(await page.locator('#enterprises-export').count()).toBe(1);
    await rows(page, 'enterprises-table').first().locator('.record-open').click();
    await expect.poll(() => page.textContent('#record-history').catch(() => ''), { timeout: 45_000 }).toContain('新增');
    expect(await page.locator('#record-edit').count()).toBe(0);
    expect(await page.locator('#record-deactivate').count()).toBe(0);
    await page.goto(`${base}/console/directories/import`);
    await expect.poll(() => page.textContent('.ant-result').catch(() => ''), { timeout: 45_000 }).toContain('您的角色无权查看此页面');
    expect(await page.locator('#import_file').count()).toBe(0);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });
});
