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
    expect(page).toContain(`/j/${DEMO}/tasks/${done.taskId}/notices/${pick.uscc}.pdf`);
    const notice = await demo.app.fetch(new Request(`http://test/j/${DEMO}/tasks/${done.taskId}/notices/${pick.uscc}.pdf`));
    expect(notice.status).toBe(200);
    expect(notice.headers.get('content-type')).toBe('application/pdf');
    expect(await (await demo.app.fetch(new Request(`http://test/verify/${done.drawId}/${pick.uscc}`))).text()).toContain('验证通过');
    expect(await (await demo.app.fetch(new Request(`http://test/enterprises/${pick.uscc}`))).text()).toContain('演示：工贸企业双随机抽查');
    const audit = await demo.db.prisma.auditEntry.findMany({ where: { subjectId: task.id }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['task.created', 'task.announce', 'task.close']));
  });
});
