import type { Role } from '@prisma/client';

/**
 * Who is asking: the public (no token), the holder of a token bound to one jurisdiction, or the
 * installation's operator (平台管理员, role OPERATOR), bound to none: it creates jurisdictions and
 * their first admins, and is no member of any (it reads what the public reads).
 */
export type Viewer =
  | { readonly kind: 'public' }
  | { readonly kind: 'operator'; readonly tokenId: string; readonly name: string; readonly role: 'OPERATOR'; readonly userId?: string | undefined }
  | {
      readonly kind: 'token';
      readonly tokenId: string;
      readonly name: string;
      readonly role: Role;
      readonly jurisdictionId: string;
      /** The user a login session belongs to; unset for an API token. */
      readonly userId?: string | undefined;
      /** A user's session linked to a directory inspector: they sign results as that inspector. */
      readonly inspectorId?: string | undefined;
      /** The jurisdictions below this one (a city's districts), which it supervises: it reads, never changes, their work. */
      readonly supervised?: readonly string[] | undefined;
    };

export const PUBLIC: Viewer = { kind: 'public' };

/** Roles that maintain the directories (一单两库). */
export const DIRECTORY_EDITORS: readonly Role[] = ['ADMIN', 'PLANNER'];

export function isMemberOf(viewer: Viewer, jurisdictionId: string): boolean {
  return viewer.kind === 'token' && viewer.jurisdictionId === jurisdictionId;
}

/**
 * Reading a jurisdiction's plans, tasks, deadlines and results: its members, and the members of
 * the levels above it, which supervise it (上级监督). Changes keep to members (permissions.ts);
 * personal data stays masked for the upper level (personal-data.ts uses isMemberOf).
 */
export function canRead(viewer: Viewer, jurisdictionId: string): boolean {
  return isMemberOf(viewer, jurisdictionId) || (viewer.kind === 'token' && (viewer.supervised ?? []).includes(jurisdictionId));
}

/** The jurisdictions whose work the viewer reads as a member or a supervisor (none for the public and the operator). */
export function readableJurisdictions(viewer: Viewer): string[] {
  return viewer.kind === 'token' ? [viewer.jurisdictionId, ...(viewer.supervised ?? [])] : [];
}

export function canEditDirectory(viewer: Viewer, jurisdictionId: string): boolean {
  return viewer.kind === 'token' && viewer.jurisdictionId === jurisdictionId && DIRECTORY_EDITORS.includes(viewer.role);
}

/** The name written into the directory history for changes this viewer makes. */
export function actorOf(viewer: Viewer): string {
  return viewer.kind === 'public' ? 'public' : `token:${viewer.name}`;
}
