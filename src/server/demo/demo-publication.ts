import type { Problem } from '../../core/result.ts';
import type { Viewer } from '../auth/viewer.ts';
import { drawTask } from '../draws/draw-task.ts';
import { lockTask } from '../draws/lock-task.ts';
import { currentTeam } from '../draws/current-team.ts';
import { publishResult, recordResult, signResult } from '../results/results.ts';
import type { Services } from '../tasks/services.ts';
import type { TaskProblem } from '../tasks/task-problem.ts';
import { advanceTask, createTask } from '../tasks/tasks.ts';
import { createPlan, publishPlan } from '../tasks/plans.ts';
import { addDays } from '../../core/calendar/china-date.ts';


/** Unwraps a step of the demo, naming the step when it fails. */
function step<T>(name: string, result: { ok: true; value: T } | { ok: false; error: TaskProblem | Problem }): T {
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

/**
 * A finished task for a new installation to look at, in the year's published plan: drawn three weeks ago, announced (and numbered), inspected,
 * every result entered, signed on paper, published; one with a hazard and a rectification order.
 * The portal (`/`), the feed and the live-draw page of the draw then show real records, made by
 * the same operations a bureau uses (and recorded in the audit trail as the demo's); each drawn
 * enterprise has its 检查通知书, its verification page and its public record (/enterprises/<uscc>).
 */
export async function publishDemoTask(s: Services, viewer: Viewer & { kind: 'token' }, today: string): Promise<{ taskId: string; drawId: string; results: number }> {
  const inspectionDate = addDays(today, -20);
  const jurisdictionCode = (await s.prisma.jurisdiction.findUniqueOrThrow({ where: { id: viewer.jurisdictionId } })).code;
  // The year's plan, published, so that the 抽查计划公告 has one and the task notice names it.
  const year = Number(inspectionDate.slice(0, 4));
  const plan = step('plan', await createPlan(s, viewer, { jurisdictionCode, year, title: `演示：${year}年度安全生产监督检查计划`, doubleRandomCount: 12, otherCount: 4 }));
  step('publish plan', await publishPlan(s, viewer, plan.id, addDays(inspectionDate, -10)));
  const task = step('task', await createTask(s, viewer, {
    jurisdictionCode, planId: plan.id,
    title: '演示：工贸企业双随机抽查', sectors: [], covert: false, joint: false, jointDepartments: [], special: false,
    windowStart: addDays(today, -30), windowEnd: addDays(today, -10), inspectionDate, size: 6, checklistCodes: [], itemsPerInspection: 2,
  }));
  const draw = step('lock', await lockTask(s, viewer, { taskId: task.id, pacingMs: 0 }));
  step('draw', await drawTask(s, viewer, { drawId: draw.id }));
  step('dispatch', await advanceTask(s, viewer, task.id, 'DISPATCH', addDays(inspectionDate, -2)));
  step('announce', await advanceTask(s, viewer, task.id, 'ANNOUNCE', addDays(inspectionDate, -2)));
  step('inspect', await advanceTask(s, viewer, task.id, 'START_INSPECTION', inspectionDate));
  const picks = await s.prisma.drawPick.findMany({ where: { drawId: draw.id }, orderBy: { order: 'asc' } });
  for (const [i, pick] of picks.entries()) {
    const withHazard = i === 0;
    const content = {
      category: withHazard ? 'ordered-to-correct' : 'no-problem',
      inspectedOn: inspectionDate,
      items: pick.items.map((code) => ({ code, outcome: withHazard ? ('NONCOMPLIANT' as const) : ('COMPLIANT' as const) })),
      hazards: withHazard ? [{ description: '配电箱未可靠接地，消防通道堆放杂物', major: false, concealed: false }] : [],
      handling: withHazard ? { rectificationDue: addDays(inspectionDate, 15) } : {},
      nonCooperation: [],
      summary: withHazard ? '发现一般隐患2项，已当场责令限期改正' : '现场检查未发现问题',
    };
    const result = step(`result ${pick.uscc}`, await recordResult(s, viewer, { taskId: task.id, uscc: pick.uscc, content }, today));
    const team = currentTeam(pick, []);
    for (const who of new Set([team.leader, ...team.members])) step('signature', await signResult(s, viewer, result.id, who));
    step('publish', await publishResult(s, viewer, result.id));
  }
  step('close', await advanceTask(s, viewer, task.id, 'CLOSE', addDays(inspectionDate, 2)));
  return { taskId: task.id, drawId: draw.id, results: picks.length };
}
