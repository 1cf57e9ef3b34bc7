import { PERMISSIONS, type Permission } from '../server/auth/permissions.ts';
import { DIRECTORY_EDITORS } from '../server/auth/viewer.ts';
import type { Role } from './gql/graphql.ts';

/** What the logged-in user may see and do; the server decides the same from the same table. */
export interface Access {
  readonly loggedIn: boolean;
  readonly canPlan: boolean;
  readonly canDraw: boolean;
  readonly canInspect: boolean;
  readonly canEnterResults: boolean;
  readonly canAudit: boolean;
  /** Switch the rule pack, make and revoke tokens, create and deactivate users. */
  readonly canAdmin: boolean;
  /** Create, edit, deactivate and import directory records (一单两库): DIRECTORY_EDITORS on the server. */
  readonly canEditDirectories: boolean;
  /** Correct how a 检查对象 text matched sectors, add the jurisdiction's own sectors: PERMISSIONS.vocabulary. */
  readonly canCorrectSectorMatches: boolean;
  /** The setup screen: the operator (jurisdictions, first admins) and admins (subordinates, users, tokens). */
  readonly canSetUp: boolean;
}

export type AccessKey = Exclude<keyof Access, 'loggedIn'>;

/**
 * Role → access, from the server's own PERMISSIONS (src/server/auth/permissions.ts), so the
 * console never offers what the server would refuse. One role per user, in one jurisdiction.
 */
export function access(user: { readonly role: Role } | undefined): Access {
  const may = (permission: Permission) => user !== undefined && (PERMISSIONS[permission] as readonly Role[]).includes(user.role);
  return {
    loggedIn: user !== undefined,
    canPlan: may('plan'),
    canDraw: may('draw'),
    canInspect: may('inspect'),
    canEnterResults: may('results'),
    canAudit: may('audit'),
    canAdmin: user?.role === 'ADMIN',
    canEditDirectories: user !== undefined && (DIRECTORY_EDITORS as readonly Role[]).includes(user.role),
    canCorrectSectorMatches: may('vocabulary'),
    canSetUp: user?.role === 'ADMIN' || user?.role === 'OPERATOR',
  };
}
