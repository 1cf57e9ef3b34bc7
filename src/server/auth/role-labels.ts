import type { Role } from '@prisma/client';

/** The Chinese names of the roles, for people (the console, the CLI, the first start's output). */
export const ROLE_LABELS: Record<Role, string> = {
  OPERATOR: '平台管理员',
  ADMIN: '管理员',
  PLANNER: '计划编制人员',
  DRAW_OFFICER: '抽取人员',
  INSPECTOR: '执法检查人员',
  AUDITOR: '审计人员',
};
