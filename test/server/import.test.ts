import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/database.ts';
import { maintainAfterBulkWrite } from '../../src/server/db/table-maintenance.ts';
import { exportDirectory } from '../../src/server/directory/export-directory.ts';
import { importDirectory, type ImportOptions } from '../../src/server/directory/import-directory.ts';
import { toCsv, toXlsx } from '../../src/server/import/encode-file.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { createJurisdiction, csv, idNumber, uscc } from '../helpers/fixtures.ts';

const HEADERS = ['统一社会信用代码', '企业名称', '法定代表人', '行业类别', '风险等级', '信用等级', '黑名单', '所属乡镇'];
const A = uscc('91411303MA4000001');
const B = uscc('91411303MA4000002');
const C = uscc('91411303MA4000003');
const rows = [
  [A, '南阳甲机械有限公司', '张三', '机械', '较大风险', '守信', '否', '潦河镇'],
  [B, '南阳乙化工有限公司', '李四', '危化', '重大风险', '失信', '是', '蒲山镇'],
  [C, '南阳丙纺织有限公司', '王五', '纺织', '低风险', '一般', '否', '石桥镇'],
];

describe.each(TEST_DATABASES)('directory import on $name', (target) => {
  let db: Database;
  const run = (file: Uint8Array, extra: Partial<ImportOptions> = {}) =>
    importDirectory(db.sql, { kind: 'enterprises', jurisdictionCode: '411303', file, actor: 'tester', ...extra });
  const count = async (table: string) => (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  beforeAll(async () => {
    db = await target.open();
    await createJurisdiction(db, '411303', '卧龙区');
    await createJurisdiction(db, '411302', '宛城区');
  });
  afterAll(async () => {
    await db.close();
  });

  it('rejects a GBK file with one bad USCC, naming its row and column, and imports nothing', async () => {
    const bad = rows.map((r) => [...r]);
    bad[1]![0] = `${B.slice(0, 17)}${B[17] === '0' ? '1' : '0'}`;
    const report = await run(iconv.encode(csv([HEADERS, ...bad]), 'gbk'));
    expect(report).toMatchObject({ committed: false, encoding: 'gb18030', rows: 3, created: 0 });
    expect(report.problems).toEqual([expect.objectContaining({ code: 'INVALID_VALUE', row: 3, column: '统一社会信用代码' })]);
    expect(report.problems[0]!.message).toContain('check character');
    expect(await count('enterprise')).toBe(0);
    expect(await count('enterprise_history')).toBe(0);
  });

  it('a dry run of the corrected file reports exact counts and writes nothing', async () => {
    const report = await run(iconv.encode(csv([HEADERS, ...rows]), 'gbk'), { dryRun: true });
    expect(report).toMatchObject({ committed: false, dryRun: true, created: 3, updated: 0, problems: [] });
    expect(await count('enterprise')).toBe(0);
  });

  it('imports the corrected file, with history naming the actor', async () => {
    const report = await run(iconv.encode(csv([HEADERS, ...rows]), 'gbk'));
    expect(report).toMatchObject({ committed: true, created: 3, updated: 0, unchanged: 0 });
    const b = await db.prisma.enterprise.findFirstOrThrow({ where: { uscc: B } });
    expect(b).toMatchObject({ name: '南阳乙化工有限公司', sector: 'hazardous_chemicals', riskLevel: 'MAJOR', creditLevel: 'DISHONEST', blacklisted: true, township: '蒲山镇' });
    const history = await db.sql.query<{ op: string; actor: string; name: string }>('SELECT op, actor, name FROM enterprise_history');
    expect(history).toHaveLength(3);
    expect(history.every((h) => h.op === 'INSERT' && h.actor === 'tester')).toBe(true);
    expect(history.map((h) => h.name)).toContain('南阳乙化工有限公司');
  });

  it('re-imports by USCC: updates what changed, duplicates nothing, records only real changes', async () => {
    const changed = rows.map((r) => [...r]);
    changed[2]![4] = '一般风险';
    const report = await run(Buffer.from(csv([HEADERS, ...changed])));
    expect(report).toMatchObject({ committed: true, created: 0, updated: 1, unchanged: 2 });
    expect(await count('enterprise')).toBe(3);
    const updates = await db.sql.query<{ risk_level: string }>("SELECT risk_level FROM enterprise_history WHERE op = 'UPDATE'");
    expect(updates.map((u) => u.risk_level)).toEqual(['GENERAL']);
  });

  it('keeps the directory of each jurisdiction apart: the same USCC in another county is another record', async () => {
    const report = await run(Buffer.from(csv([HEADERS, rows[0]!])), { jurisdictionCode: '411302' });
    expect(report.created).toBe(1);
    expect(await db.prisma.enterprise.count({ where: { uscc: A } })).toBe(2);
  });

  it('reports a duplicate USCC within one file and an unknown sector, and writes nothing', async () => {
    const before = await count('enterprise_history');
    const report = await run(Buffer.from(csv([HEADERS, rows[0]!, [...rows[0]!], [C, '丁', '', '化工', '', '', '', '']])));
    expect(report.problems.map((p) => [p.code, p.row, p.column])).toEqual([
      ['DUPLICATE_KEY', 3, '统一社会信用代码'],
      ['INVALID_VALUE', 4, '行业类别'],
    ]);
    expect(await count('enterprise_history')).toBe(before);
  });

  it('names an unknown jurisdiction and a file over the size limit', async () => {
    expect((await run(Buffer.from(csv([HEADERS, rows[0]!])), { jurisdictionCode: '999999' })).problems[0]!.code).toBe('JURISDICTION_UNKNOWN');
    expect((await run(Buffer.from(csv([HEADERS, rows[0]!])), { maxBytes: 16 })).problems[0]!.code).toBe('FILE_TOO_LARGE');
  });

  it('exports a directory that re-imports unchanged, as CSV and as XLSX', async () => {
    const j = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: '411303' } });
    const table = await exportDirectory(db.prisma, 'enterprises', j.id);
    expect(table.headers.slice(0, 2)).toEqual(['统一社会信用代码', '企业名称']);
    expect(table.rows).toHaveLength(3);
    for (const file of [toCsv(table), toCsv(table, 'gb18030'), await toXlsx(table)]) {
      expect(await run(file)).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 3 });
    }
  });

  it('imports inspectors from XLSX and re-imports by certificate number', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('执法人员');
    sheet.addRow(['执法证号', '姓名', '性别', '身份证号', '执法证有效期至', '所属单位', '单位类型', '执法领域', '正式在编']);
    sheet.addRow(['豫A0001', '赵六', '男', idNumber('41130319800101001'), new Date(Date.UTC(2027, 5, 30)), '危险化学品监管股', '科室', '危化、烟花爆竹', '是']);
    sheet.addRow(['豫A0002', '钱七', '女', idNumber('41130319900202002'), '2025/12/31', '潦河镇安监站', '乡镇安监站', '机械', '否']);
    const file = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await run(file, { kind: 'inspectors' })).toMatchObject({ committed: true, created: 2, format: 'xlsx' });
    expect(await run(file, { kind: 'inspectors' })).toMatchObject({ committed: true, created: 0, unchanged: 2 });
    const zhao = await db.prisma.inspector.findFirstOrThrow({ where: { certificateNumber: '豫A0001' } });
    expect(zhao).toMatchObject({ domains: ['hazardous_chemicals', 'fireworks'], formalStaff: true, unitKind: 'SECTION' });
    expect(zhao.certificateValidUntil?.toISOString().slice(0, 10)).toBe('2027-06-30');
  });

  it('imports experts with the enterprises they served, and the file replaces their services', async () => {
    const id = idNumber('41130019700303003');
    const head = ['身份证号', '姓名', '专业', '工作单位', '服务记录'];
    const first = await run(Buffer.from(csv([head, [id, '孙八', '危险化学品、消防', '某评价公司', `${A}|评价|2023-05-01；${B}|检测检验|2024-01-02`]])), { kind: 'experts' });
    expect(first).toMatchObject({ committed: true, created: 1 });
    const second = await run(Buffer.from(csv([head, [id, '孙八', '危险化学品、消防', '某评价公司', `${A}|评价|2023-05-01`]])), { kind: 'experts' });
    expect(second).toMatchObject({ committed: true, created: 0, updated: 1 });
    const services = await db.prisma.expertService.findMany({ where: { expert: { idNumber: id } } });
    expect(services.map((s) => [s.enterpriseUscc, s.kind])).toEqual([[A, 'EVALUATION']]);
  });

  it('imports a checklist with sub-items and refuses a parent that does not exist or a cycle', async () => {
    const head = ['事项编码', '抽查事项', '检查依据', '适用行业', '上级事项编码'];
    const ok = await run(Buffer.from(csv([head, ['C1', '安全管理', '安全生产法', '机械', ''], ['C1-1', '责任制', '安全生产法第四条', '机械', 'C1']])), { kind: 'checklist' });
    expect(ok).toMatchObject({ committed: true, created: 2 });
    const child = await db.prisma.checklistItem.findFirstOrThrow({ where: { code: 'C1-1' }, include: { parent: true } });
    expect(child.parent?.code).toBe('C1');
    const missing = await run(Buffer.from(csv([head, ['C2', '应急', '', '', 'NOPE']])), { kind: 'checklist' });
    expect(missing.problems).toEqual([expect.objectContaining({ row: 2, column: '上级事项编码' })]);
    const cycle = await run(Buffer.from(csv([head, ['C1', '安全管理', '', '', 'C1-1']])), { kind: 'checklist' });
    expect(cycle.problems[0]!.message).toContain('its own ancestor');
  });

  // Neither PGlite nor a server with autovacuum off would otherwise ever have statistics: the
  // planner would sort every match of a filtered page instead of walking the name index.
  it('leaves the planner statistics for the columns pages filter and order on, none for free text', async () => {
    const stats = async () =>
      (await db.sql.query<{ attname: string }>("SELECT attname FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'enterprise'")).map((r) => r.attname);
    expect(await stats()).toEqual([]);
    const many = Array.from({ length: 120 }, (_, i) => [uscc(`91411302MB${String(i).padStart(7, '0')}`), `宛城企业${i}`, '赵六', '机械', '一般', '守信', '否', '新华街道']);
    const report = await importDirectory(db.sql, { kind: 'enterprises', jurisdictionCode: '411302', file: Buffer.from(csv([HEADERS, ...many])), actor: 'tester' });
    expect(report).toMatchObject({ committed: true, created: 120 });
    expect(await stats()).toEqual(expect.arrayContaining(['jurisdiction_id', 'name', 'sector', 'risk_level', 'active']));
    expect(await stats()).not.toContain('legal_representative');
    const [table] = await db.sql.query<{ reltuples: number; relallvisible: number }>("SELECT reltuples::float8 AS reltuples, relallvisible FROM pg_class WHERE oid = to_regclass('enterprise')");
    expect(table!.reltuples).toBeGreaterThanOrEqual(120);
    // Its history too, which the year's compliance reads by jurisdiction (load-facts.ts).
    const [history] = await db.sql.query<{ reltuples: number }>("SELECT reltuples::float8 AS reltuples FROM pg_class WHERE oid = to_regclass('enterprise_history')");
    expect(history!.reltuples).toBeGreaterThanOrEqual(120);
    // Vacuumed, so counts can read the index alone, where the application's role may VACUUM
    // (PGlite, PostgreSQL 17+); before 17 it may only ANALYZE and autovacuum does the rest.
    const [server] = await db.sql.query<{ maintain: boolean }>("SELECT current_setting('server_version_num')::int >= 170000 AS maintain");
    if (server!.maintain) expect(table!.relallvisible).toBeGreaterThan(0);
    // Autovacuum's threshold: 50 rows and a tenth of the table.
    expect(await maintainAfterBulkWrite(db.sql, 'enterprise', 50 + Math.floor(table!.reltuples / 10))).toBe(false);
    expect(await maintainAfterBulkWrite(db.sql, 'enterprise', 51 + Math.ceil(table!.reltuples / 10))).toBe(true);
  });
});
