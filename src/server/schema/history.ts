import { isMemberOf } from '../auth/viewer.ts';
import type { DirectoryChange, HistoryTable } from '../directory/directory-history.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';

export const DirectoryChangeRef = builder.objectRef<DirectoryChange>('DirectoryChange').implement({
  description: 'One change to a directory record: who, when, and the record after it (before it, for a deletion).',
  fields: (t) => ({
    op: t.exposeString('op'),
    actor: t.exposeString('actor'),
    changedAt: t.expose('changedAt', { type: 'DateTime' }),
    tableName: t.exposeString('tableName'),
    row: t.expose('row', { type: 'JSON' }),
  }),
});

/** The history of one record; only members of its jurisdiction see it (it holds personal data). */
export function historyField(t: any, table: HistoryTable) {
  return t.field({
    type: [DirectoryChangeRef],
    description: 'Every change to this record, oldest first (members of its jurisdiction only; empty for others)',
    resolve: async (record: { id: string; jurisdictionId: string }, _args: unknown, ctx: Context) =>
      isMemberOf(ctx.viewer, record.jurisdictionId) ? ctx.loaders.history.load({ table, id: record.id }) : [],
  });
}
