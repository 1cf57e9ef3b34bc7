import { readSession } from '../session.ts';

/** The logged-in user's jurisdiction code ('' for the platform operator, who has none). */
export function sessionJurisdiction(): string {
  return readSession()?.user.jurisdiction?.code ?? '';
}
