import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../src/core/calendar/china-date.ts';
import { viewerFromToken } from '../../src/server/auth/tokens.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { publishDemoTask } from '../../src/server/demo/demo-publication.ts';
import { demoCounty, DEMO, type DemoCounty } from '../helpers/demo-county.ts';
import { servicesOf } from '../helpers/services.ts';

describe('the demo publication a new installation starts with', () => {
  let demo: DemoCounty;
  beforeAll(async () => {
    demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }));
  }, 120_000);
  afterAll(async () => demo?.db.close());

  it('takes a task from draw to published results by the operations a bureau uses, and the portal shows it', async () => {
    const viewer = await viewerFromToken(demo.db.prisma, `Bearer ${demo.tokens.ADMIN}`);
    if (!('kind' in viewer) || viewer.kind !== 'token') throw new Error('no viewer');
    const done = await publishDemoTask(await servicesOf(demo.db), viewer, chinaDate(new Date()));
    expect(done.results).toBe(6);
    const task = await demo.db.prisma.inspectionTask.findUniqueOrThrow({ where: { id: done.taskId } });
    expect(task.status).toBe('CLOSED');
    expect(await demo.db.prisma.inspectionResult.count({ where: { taskId: done.taskId, status: 'PUBLISHED' } })).toBe(6);
    const page = await (await demo.app.fetch(new Request(`http://test/j/${DEMO}`))).text();
    expect(page).toContain('演示：工贸企业双随机抽查');
    expect(page).toContain('发现问题已责令改正');
    // Each pick has its notice, its verification page and its public record (扫码入企).
    const pick = await demo.db.prisma.drawPick.findFirstOrThrow({ where: { drawId: done.drawId }, orderBy: { order: 'asc' } });
    const drawPage = await (await demo.app.fetch(new Request(`http://test/j/${DEMO}/draws/${done.taskId}`))).text();
    expect(drawPage).toContain(`/j/${DEMO}/tasks/${done.taskId}/notices/${pick.uscc}.pdf`);
    const pdf = await demo.app.fetch(new Request(`http://test/j/${DEMO}/tasks/${done.taskId}/notices/${pick.uscc}.pdf`));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(await (await demo.app.fetch(new Request(`http://test/verify/${done.drawId}/${pick.uscc}`))).text()).toContain('验证通过');
    expect(await (await demo.app.fetch(new Request(`http://test/enterprises/${pick.uscc}`))).text()).toContain('演示：工贸企业双随机抽查');
    // Each of the four notices has something (issue 22, 4).
    const year = task.noticeYear;
    expect(task.noticeSeq).toBe(1);
    const notice = async (kind: string) => (await demo.app.fetch(new Request(`http://test/j/${DEMO}/notices/${kind}`))).text();
    expect(await notice('checklist')).toMatch(/<td>1<\/td><td>/);
    expect(await notice('plans')).toContain(`演示：${year}年度安全生产监督检查计划`);
    const tasks = await notice('tasks');
    expect(tasks).toContain(`卧龙应急随抽〔${year}〕第1号`);
    expect(tasks).toContain(`${year}年 演示：${year}年度安全生产监督检查计划`);
    const results = await notice('results');
    expect(results).toContain(`卧龙应急随抽结〔${year}〕第1号`);
    expect(results).toContain('南阳市卧龙区应急管理局');
    expect(results).toContain('：不符合');
    // The demo directory's blacklisted enterprises are on the 黑名单 page from the first start.
    const blacklisted = await demo.db.prisma.enterprise.findMany({ where: { jurisdiction: { code: DEMO }, blacklisted: true }, select: { uscc: true } });
    expect(blacklisted.length).toBeGreaterThan(0);
    const blacklist = await (await demo.app.fetch(new Request(`http://test/j/${DEMO}/blacklist`))).text();
    for (const e of blacklisted) expect(blacklist).toContain(`<code>${e.uscc}</code>`);
    expect(blacklist).toContain('在列');
    const audit = await demo.db.prisma.auditEntry.findMany({ where: { subjectId: task.id }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['task.created', 'task.announce', 'task.close']));
  });
});
