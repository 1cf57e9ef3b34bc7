import type { Citation } from '../../core/rules/schema.ts';

/**
 * A citation helper for one source document: `const c = citing('plan'); c('第六条')`,
 * or `c('第六条', { default: true, note: 'why' })` where the document is silent.
 */
export function citing(doc: string) {
  return (clause: string, extra: { readonly default?: true; readonly note?: string } = {}): Citation => ({ doc, clause, ...extra });
}
