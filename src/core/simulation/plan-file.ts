import { z } from 'zod';
import { err, ok, type Problem, type Result } from '../result.ts';
import type { PlannedTask } from './types.ts';

/** A plan of tasks as a file or a request gives it: a list, or `{ tasks: [...] }`. */
const Task = z.strictObject({
  title: z.string().max(100).optional(),
  month: z.number().int().min(1).max(12).optional(),
  date: z.string().regex(/^\d{2}-\d{2}$/).optional(),
  size: z.number().int().min(1),
  sectors: z.array(z.string().max(64)).max(50).optional(),
  covert: z.boolean().optional(),
  joint: z.boolean().optional(),
  special: z.boolean().optional(),
  itemsPerInspection: z.number().int().min(0).max(50).optional(),
  teamSize: z.number().int().min(1).max(50).optional(),
});
const Plan = z.union([z.array(Task), z.strictObject({ tasks: z.array(Task) })]);

/** The plan's tasks, or the first problem with its path (tasks[2].size …) in Chinese. */
export function parsePlan(value: unknown): Result<PlannedTask[], Problem> {
  const parsed = Plan.safeParse(value, { error: z.locales.zhCN().localeError });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    const field = path.startsWith('[') ? `tasks${path}` : path || 'tasks';
    return err({ code: 'BAD_PLAN', field, message: `抽查计划 ${field}：${issue.message}` });
  }
  return ok(Array.isArray(parsed.data) ? parsed.data : parsed.data.tasks);
}
