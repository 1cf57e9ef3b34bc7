import type { Role } from './gql/graphql.ts';

/** Who is logged in: what `login` returned, kept for this browser tab only (sessionStorage). */
export interface ConsoleSession {
  readonly token: string;
  readonly expiresAt: string;
  readonly user: { readonly username: string; readonly name: string; readonly role: Role; readonly jurisdiction: { readonly code: string; readonly name: string } | null };
}

const KEY = 'double-random.console.session';

/** The session of this tab, or undefined when none or expired (the server refuses it then anyway). */
export function readSession(now: Date = new Date()): ConsoleSession | undefined {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return undefined;
  try {
    const session = JSON.parse(raw) as ConsoleSession;
    if (!session.token || new Date(session.expiresAt) <= now) return undefined;
    return session;
  } catch {
    return undefined;
  }
}

export function saveSession(session: ConsoleSession): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
