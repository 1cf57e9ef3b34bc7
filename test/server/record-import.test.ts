import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectorsOf } from '../../src/core/rules/classify.ts';
import panzhihua from '../../src/rulepacks/panzhihua/index.ts';
import type { Database } from '../../src/server/db/database.ts';
import { exportDirectory } from '../../src/server/directory/export-directory.ts';
import { importDirectory, type ImportOptions } from '../../src/server/directory/import-directory.ts';
import { snapshotFromDirectory } from '../../src/server/draws/snapshot-from-directory.ts';
import { toCsv } from '../../src/server/import/encode-file.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { createJurisdiction, csv, uscc } from '../helpers/fixtures.ts';
import { buildXlsx, cell } from '../helpers/xlsx.ts';

const A = uscc('91510400MA6000001');
const B = uscc('91510400MA6000002');
const ELSEWHERE = uscc('91510400MA6000003');
const ENTERPRISES = [
  ['统一社会信用代码', '企业名称', '行业类别'],
  [A, '攀枝花甲钒钛有限公司', '冶金'],
  [B, '攀枝花乙化工有限公司', '危化'],
];
const HEADERS = ['统一社会信用代码', '记录类型', '发生日期', '文号/编号', '摘要'];
const RECORDS = [
  [A, '投诉举报', '2026-02-03', '攀应急投〔2026〕11号', '群众举报夜间违规生产'],
  [A, '投诉举报', '2026-04-18', '攀应急投〔2026〕27号', '举报粉尘作业场所未清扫'],
  [B, '行政处罚', '2025-11-20', '攀应急罚〔2025〕8号', '未按规定进行特殊作业审批'],
  [B, '事故', '2026/03/01', '', '一般生产安全事故，一人轻伤'],
  [B, '严重违法违规', '2026年1月5日', '攀应急严〔2026〕1号', '列入严重违法失信名单'],
];

describe.each(TEST_DATABASES)('enterprise records in bulk on $name', (target) => {
  let db: Database;
  let jurisdictionId: string;
  const run = (file: Uint8Array, extra: Partial<ImportOptions> = {}) => importDirectory(db.sql, { kind: 'records', jurisdictionCode: '510402', file, actor: 'tester', ...extra });
  const count = async () => (await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprise_record'))[0]!.n;

  beforeAll(async () => {
    db = await target.open();
    await createJurisdiction(db, '510402', '东区');
    await createJurisdiction(db, '510403', '西区');
    jurisdictionId = (await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: '510402' } })).id;
    expect((await importDirectory(db.sql, { kind: 'enterprises', jurisdictionCode: '510402', file: Buffer.from(csv(ENTERPRISES)), actor: 'tester' })).committed).toBe(true);
    const other = [ENTERPRISES[0]!, [ELSEWHERE, '西区丙公司', '机械']];
    expect((await importDirectory(db.sql, { kind: 'enterprises', jurisdictionCode: '510403', file: Buffer.from(csv(other)), actor: 'tester' })).committed).toBe(true);
  });
  afterAll(async () => {
    await db.close();
  });

  it('a dry run names each wrong row in Chinese (USCC of another jurisdiction, bad date, unknown kind) and nothing is written', async () => {
    const bad = [...RECORDS, [ELSEWHERE, '投诉举报', '2026-01-01', '', ''], [A, '约谈', '2026-01-02', '', ''], [A, '事故', '2026-02-30', '', '']];
    const report = await run(iconv.encode(csv([HEADERS, ...bad]), 'gbk'), { dryRun: true });
    expect(report).toMatchObject({ committed: false, encoding: 'gb18030', created: 0 });
    // The file's rows are read first; the USCC check against the directory follows once every row reads.
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([[8, '记录类型'], [9, '发生日期']]);
    const byRow = new Map(report.problems.map((p) => [p.row, p]));
    expect(byRow.get(8)!.message).toContain('“约谈”不是 投诉举报、生产安全事故、行政处罚、严重违法违规 之一');
    expect(byRow.get(9)!.column).toBe('发生日期');
    expect(await count()).toBe(0);
    const onlyElsewhere = await run(Buffer.from(csv([HEADERS, ...RECORDS, [ELSEWHERE, '投诉举报', '2026-01-01', '', '']])), { dryRun: true });
    expect(onlyElsewhere.problems).toEqual([expect.objectContaining({ row: 7, column: '统一社会信用代码', message: expect.stringContaining(`本辖区的市场主体名录库中没有 ${ELSEWHERE}`) })]);
    expect(await count()).toBe(0);
  });

  it('imports the file, and a re-import (CSV or XLSX) adds nothing twice; a changed 摘要 is updated', async () => {
    const report = await run(iconv.encode(csv([HEADERS, ...RECORDS]), 'gbk'));
    expect(report).toMatchObject({ committed: true, created: 5, updated: 0, problems: [] });
    expect(report.columns.map((c) => c.field)).toEqual(['uscc', 'kind', 'occurredOn', 'reference', 'description']);
    const again = await run(Buffer.from(csv([HEADERS, ...RECORDS])));
    expect(again).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 5 });
    const xlsx = buildXlsx({ sheetData: [HEADERS, ...RECORDS.slice(0, 1).map((r) => [...r.slice(0, 4), '群众举报夜间违规生产（已核实）'])].map((cells, r) => `<row r="${r + 1}">${cells.map((t, c) => (t ? cell(`${'ABCDE'[c]}${r + 1}`, t) : '')).join('')}</row>`).join('') });
    expect(await run(xlsx)).toMatchObject({ committed: true, created: 0, updated: 1 });
    expect(await count()).toBe(5);
    const accident = await db.prisma.enterpriseRecord.findFirstOrThrow({ where: { kind: 'ACCIDENT' }, include: { enterprise: true } });
    expect(accident).toMatchObject({ reference: null, occurredOn: new Date('2026-03-01'), enterprise: { uscc: B } });
    const history = await db.sql.query<{ actor: string }>('SELECT actor FROM enterprise_record_history');
    expect(history.length).toBe(6);
    // An export re-imports unchanged.
    const exported = await exportDirectory(db.prisma, 'records', jurisdictionId);
    expect(exported.rows).toHaveLength(5);
    expect(await run(toCsv(exported))).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 5 });
  });

  it('the half-yearly groups of 攀枝花 二(六) see the imported records', async () => {
    const { snapshot } = await snapshotFromDirectory(db.prisma, jurisdictionId, { year: 2026, checklistCodes: [], taskId: 'none', upperLevel: false, inspectionDate: new Date('2026-05-10') });
    const groups = (u: string) => selectorsOf(snapshot.enterprises.find((e) => e.uscc === u)!, panzhihua.rules, '2026-05-10');
    expect(groups(A).has('complaintHeavy')).toBe(true);
    expect([...groups(B)].filter((g) => ['accidentProne', 'penalised', 'seriousViolator', 'complaintHeavy'].includes(g)).sort()).toEqual(['penalised', 'seriousViolator']);
  });
});
