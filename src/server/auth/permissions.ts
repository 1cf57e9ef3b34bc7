import type { Role } from '@prisma/client';
import type { Viewer } from './viewer.ts';

/** Who may do what in their own jurisdiction. Admins may do everything. */
export const PERMISSIONS = {
  /** Annual plans and tasks: create, edit, publish. */
  plan: ['ADMIN', 'PLANNER'],
  /** Lock, draw, dispatch, announce, replace a drawn inspector. */
  draw: ['ADMIN', 'DRAW_OFFICER'],
  /** Start and close inspections, record inspections outside double random. */
  inspect: ['ADMIN', 'DRAW_OFFICER', 'INSPECTOR'],
  /** Record conflicts of interest (回避). */
  conflicts: ['ADMIN', 'PLANNER', 'DRAW_OFFICER'],
  /** Enter, sign and publish results; record feedback, follow-ups and objections (谁检查、谁录入、谁公开). */
  results: ['ADMIN', 'DRAW_OFFICER', 'INSPECTOR'],
  /** Sign as the principal (单位主要负责人): corrections of published results (卧龙 第二十六条). */
  principal: ['ADMIN'],
  /** Read and verify the audit trail. */
  audit: ['ADMIN', 'AUDITOR'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function may(viewer: Viewer, jurisdictionId: string, permission: Permission): boolean {
  return viewer.kind === 'token' && viewer.jurisdictionId === jurisdictionId && (PERMISSIONS[permission] as readonly Role[]).includes(viewer.role);
}

/** The sentence a refusal gives: who would be allowed. */
export function refusal(viewer: Viewer, permission: Permission): string {
  const who = PERMISSIONS[permission].join(', ');
  return viewer.kind === 'public'
    ? `需要本辖区的令牌（Authorization: Bearer …），且角色为 ${who} 之一 (This needs an API token of the jurisdiction with one of the roles ${who})`
    : `您的令牌（${viewer.role}）不能在此辖区做这件事；本辖区的 ${who} 可以 (Your token may not do this here)`;
}
