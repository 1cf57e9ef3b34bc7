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
  /** Agree to pool inspectors with a neighbour (卧龙 第十八条); both sides' admins must. */
  pooling: ['ADMIN'],
  /** Extend the sector vocabulary and correct how 检查对象 texts match sectors (issue 20, 4). */
  vocabulary: ['ADMIN'],
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

/**
 * Creating a jurisdiction under `parentId` (null: at the top of the installation): the operator
 * (平台管理员) anywhere, an admin of a jurisdiction its subordinates (a city its districts).
 */
export function mayCreateJurisdiction(viewer: Viewer, parentId: string | null): boolean {
  if (viewer.kind === 'operator') return true;
  return parentId !== null && viewer.kind === 'token' && viewer.role === 'ADMIN' && viewer.jurisdictionId === parentId;
}

/** Renaming a jurisdiction and setting its neighbours: its admins, its parent's admins, the operator. */
export function mayUpdateJurisdiction(viewer: Viewer, jurisdiction: { readonly id: string; readonly parentId: string | null }): boolean {
  return viewer.kind === 'operator' || (viewer.kind === 'token' && viewer.role === 'ADMIN' && (viewer.jurisdictionId === jurisdiction.id || viewer.jurisdictionId === jurisdiction.parentId));
}

/**
 * Appointing the first admin of a jurisdiction that has none (just created, or every admin gone):
 * whoever may create it, the operator or its parent's admins. After that it manages its own people.
 */
export function mayAppointFirstAdmin(viewer: Viewer, jurisdiction: { readonly parentId: string | null }): boolean {
  return mayCreateJurisdiction(viewer, jurisdiction.parentId);
}
