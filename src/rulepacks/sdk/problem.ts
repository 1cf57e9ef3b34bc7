import type { Citation } from '../../core/rules/schema.ts';

/** Why a pack was refused: which file, where in the pack, why, and the clause involved. */
export interface PackProblem {
  readonly code: 'SCHEMA' | 'UNKNOWN_SOURCE' | 'CONTRADICTION' | 'HOOK' | 'EXTENDS' | 'LOAD' | 'DUPLICATE' | 'VOCABULARY';
  readonly file?: string;
  /** Dotted path in the pack, e.g. rules.cap.perYear */
  readonly path: string;
  readonly message: string;
  readonly cites?: readonly Citation[];
}

export function formatCitation(cite: Citation, sources?: readonly { id: string; number?: string | undefined; title: string }[]): string {
  const source = sources?.find((s) => s.id === cite.doc);
  const doc = source ? (source.number ?? source.title) : cite.doc;
  return `${doc} ${cite.clause}${cite.default ? '（默认值 default: the document is silent）' : ''}`;
}

export function formatProblem(p: PackProblem): string {
  const where = [p.file, p.path].filter(Boolean).join(' › ');
  const cites = p.cites?.length ? ` [${p.cites.map((c) => `${c.doc} ${c.clause}`).join('; ')}]` : '';
  return `${where}: ${p.message}${cites}`;
}
