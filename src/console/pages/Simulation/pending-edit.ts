import type { RulePackMetaInput } from '../../gql/graphql.ts';

/**
 * The pack editor's unsaved edit (编辑中的规则包), handed to 规则模拟 to compare with its base:
 * what saveRulePack would be sent. Kept in sessionStorage, as the session is, so that it lasts
 * through a reload of this tab and no longer; nothing is saved on the server.
 */
export interface PendingEdit {
  readonly jurisdiction: string;
  /** id@version the edit starts from: the pack it is compared with. */
  readonly base: string;
  readonly meta: RulePackMetaInput;
  readonly rules: Record<string, unknown>;
}

const KEY = 'double-random.simulation.edit';

export function keepEdit(edit: PendingEdit): void {
  sessionStorage.setItem(KEY, JSON.stringify(edit));
}

export function readEdit(): PendingEdit | undefined {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as PendingEdit;
  } catch {
    return undefined;
  }
}

export function dropEdit(): void {
  sessionStorage.removeItem(KEY);
}
