import { err, ok, type Problem, type Result } from '../result.ts';
import type { DrawTask } from '../draw/types.ts';
import { SIMULATION_LIMITS } from './limits.ts';
import type { PlannedTask, SimulationInput } from './types.ts';

/** A planned task dated in the simulated calendar year, as the draw takes it. */
export interface DatedTask {
  readonly index: number;
  readonly title: string;
  readonly task: DrawTask;
}

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function dateOf(t: PlannedTask, year: number, field: string): Result<string, Problem> {
  if (t.date !== undefined) {
    const m = /^(\d{2})-(\d{2})$/.exec(t.date);
    const month = m ? Number(m[1]) : 0;
    const day = m ? Number(m[2]) : 0;
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    if (!m || month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]! || (month === 2 && day === 29 && !leap)) {
      return err({ code: 'BAD_PLAN', field: `${field}.date`, message: `${field}.date：日期「${t.date}」应为 MM-DD（如 03-15），且是 ${year} 年的一天` });
    }
    return ok(`${year}-${t.date}`);
  }
  if (t.month === undefined || !Number.isInteger(t.month) || t.month < 1 || t.month > 12) {
    return err({ code: 'BAD_PLAN', field: `${field}.month`, message: `${field}：须写明月份 month（1–12）或日期 date（MM-DD）` });
  }
  return ok(`${year}-${pad(t.month)}-15`);
}

/**
 * The plan checked and dated: every task with a date in `year`, a whole size ≥ 1, in date order
 * (ties in the plan's order), and the input within SIMULATION_LIMITS. One refusal names the field.
 */
export function datedPlan(input: Pick<SimulationInput, 'plan' | 'years' | 'directory' | 'compare' | 'enterprises'>, year: number): Result<DatedTask[], Problem> {
  const { years, plan } = input;
  if (!Number.isInteger(years) || years < 1 || years > SIMULATION_LIMITS.years) {
    return err({ code: 'TOO_MUCH', field: 'years', message: `模拟年数须为 1 至 ${SIMULATION_LIMITS.years} 的整数，收到 ${years}` });
  }
  if (plan.length === 0) return err({ code: 'BAD_PLAN', field: 'tasks', message: '抽查计划至少要有一个任务（tasks 为空）' });
  if (plan.length > SIMULATION_LIMITS.tasks) return err({ code: 'TOO_MUCH', field: 'tasks', message: `抽查计划最多 ${SIMULATION_LIMITS.tasks} 个任务，收到 ${plan.length} 个` });
  const packs = input.compare ? 2 : 1;
  const work = years * input.directory.enterprises.length * plan.length * packs;
  if (work > SIMULATION_LIMITS.work) {
    return err({
      code: 'TOO_MUCH',
      field: 'years',
      message: `模拟规模超出限额：${years} 年 × ${input.directory.enterprises.length} 家企业 × ${plan.length} 个任务 × ${packs} 个规则包 = ${work.toLocaleString('en-US')}，上限为 ${SIMULATION_LIMITS.work.toLocaleString('en-US')}（请减少模拟年数）`,
    });
  }
  const top = input.enterprises?.top;
  if (top !== undefined && (!Number.isInteger(top) || top < 0 || top > SIMULATION_LIMITS.top)) return err({ code: 'TOO_MUCH', field: 'enterprises.top', message: `列出的企业数须为 0 至 ${SIMULATION_LIMITS.top}，收到 ${top}` });
  if ((input.enterprises?.uscc?.length ?? 0) > SIMULATION_LIMITS.uscc) return err({ code: 'TOO_MUCH', field: 'enterprises.uscc', message: `最多查询 ${SIMULATION_LIMITS.uscc} 个统一社会信用代码` });
  const dated: DatedTask[] = [];
  for (const [index, t] of plan.entries()) {
    const field = `tasks[${index}]`;
    if (!Number.isInteger(t.size) || t.size < 1) return err({ code: 'BAD_PLAN', field: `${field}.size`, message: `${field}.size：抽取企业数须为不小于 1 的整数，收到 ${t.size}` });
    for (const key of ['itemsPerInspection', 'teamSize'] as const) {
      const v = t[key];
      if (v !== undefined && (!Number.isInteger(v) || v < (key === 'teamSize' ? 1 : 0) || v > 50)) return err({ code: 'BAD_PLAN', field: `${field}.${key}`, message: `${field}.${key}：须为 ${key === 'teamSize' ? 1 : 0} 至 50 的整数，收到 ${v}` });
    }
    const date = dateOf(t, year, field);
    if (!date.ok) return date;
    const title = t.title?.trim() || `任务${index + 1}`;
    dated.push({
      index,
      title,
      task: {
        id: `S-${index + 1}`,
        year,
        inspectionDate: date.value,
        sectors: [...(t.sectors ?? [])],
        covert: t.covert ?? false,
        joint: t.joint ?? false,
        special: t.special ?? false,
        size: t.size,
        ...(t.itemsPerInspection !== undefined ? { itemsPerInspection: t.itemsPerInspection } : {}),
        ...(t.teamSize !== undefined ? { teamSize: t.teamSize } : {}),
      },
    });
  }
  return ok(dated.sort((x, y) => (x.task.inspectionDate < y.task.inspectionDate ? -1 : x.task.inspectionDate > y.task.inspectionDate ? 1 : x.index - y.index)));
}
