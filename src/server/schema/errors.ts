import { render, type Verdict } from '../../core/rules/messages.ts';
import { builder } from './builder.ts';

export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/** Input that breaks a directory rule; every issue names its field. */
export class ValidationError extends Error {
  constructor(readonly issues: readonly FieldIssue[]) {
    // For people: the reasons in Chinese; which field each concerns is in `issues`.
    super(issues.map((i) => i.message).join('；'));
    this.name = 'ValidationError';
  }
}

export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** A unique key is taken (a USCC already in the directory…). */
export class ConflictError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  fields: (t) => ({ message: t.exposeString('message') }),
});

const FieldIssueRef = builder.objectRef<FieldIssue>('FieldIssue').implement({
  fields: (t) => ({ field: t.exposeString('field'), message: t.exposeString('message') }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ issues: t.field({ type: [FieldIssueRef], resolve: (e) => [...e.issues] }) }),
});

builder.objectType(ForbiddenError, { name: 'ForbiddenError', interfaces: [ErrorInterface] });
builder.objectType(NotFoundError, { name: 'NotFoundError', interfaces: [ErrorInterface] });
builder.objectType(ConflictError, {
  name: 'ConflictError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ field: t.exposeString('field') }),
});

/** The errors every directory mutation can return. */
export const MUTATION_ERRORS = [ValidationError, ForbiddenError, NotFoundError, ConflictError];

/** A rule, a state or a draw's constraints refuse the operation; `code` says which. */
export class RuleError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly clause: string | null = null,
    readonly shortfalls: readonly ShortfallView[] = [],
  ) {
    super(message);
    this.name = 'RuleError';
  }
}

/** A draw's shortfall as the API shows it (src/core/draw/types.ts Shortfall). */
export interface ShortfallView {
  readonly code: string;
  readonly message: string;
  readonly allowed?: string | undefined;
  readonly needed?: number | undefined;
  readonly excluded?: readonly { readonly uscc: string; readonly reasons: readonly Verdict[] }[] | undefined;
}

const ExclusionRef = builder.objectRef<{ readonly uscc: string; readonly reasons: readonly Verdict[] }>('DrawExclusion').implement({
  description: 'An enterprise left out of a pool, and why (each reason with its clause)',
  fields: (t) => ({
    uscc: t.exposeString('uscc'),
    reasons: t.stringList({ resolve: (x) => x.reasons.map((r) => `${render(r)}${r.cite ? `（${r.cite.clause}）` : ''}`) }),
  }),
});

const ShortfallRef = builder.objectRef<ShortfallView>('DrawShortfall').implement({
  description: 'What a draw lacks (a stratum or a team), and what the pack allows to fill the gap',
  fields: (t) => ({
    code: t.exposeString('code'),
    message: t.exposeString('message'),
    allowed: t.string({ nullable: true, resolve: (s) => s.allowed ?? null }),
    needed: t.int({ nullable: true, description: 'How many are needed; RATIOS_SIZE: the task size the per-stratum ratios require', resolve: (s) => s.needed ?? null }),
    excluded: t.field({ type: [ExclusionRef], description: 'POOL_TOO_SMALL: every enterprise left out of the pool, with its reasons', resolve: (s) => [...(s.excluded ?? [])] }),
  }),
});

builder.objectType(RuleError, {
  name: 'RuleError',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    code: t.exposeString('code', { description: 'BAD_STATE, ALREADY_DRAWN, COMMITMENT_MISMATCH, SHORTFALL, RULE, …' }),
    clause: t.string({ nullable: true, description: 'The clause of the rule pack that refuses it', resolve: (e) => e.clause }),
    shortfalls: t.field({ type: [ShortfallRef], resolve: (e) => [...e.shortfalls] }),
  }),
});

/** The errors plan, task and draw mutations return. */
export const TASK_ERRORS = [ValidationError, ForbiddenError, NotFoundError, RuleError];

/** Turns a service's refusal into the typed GraphQL error for it. */
export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string | undefined; issues?: readonly FieldIssue[] | undefined; cite?: { clause: string } | undefined; shortfalls?: readonly ShortfallView[] | undefined } }): T {
  if (result.ok) return result.value;
  const e = result.error;
  if (e.code === 'FORBIDDEN') throw new ForbiddenError(e.message);
  if (e.code === 'NOT_FOUND' && !e.field) throw new NotFoundError(e.message);
  if ((e.code === 'INVALID' || e.code === 'NOT_FOUND') && e.field) throw new ValidationError(e.issues?.length ? e.issues : [{ field: e.field, message: e.message }]);
  throw new RuleError(e.code, e.message, e.cite?.clause ?? null, e.shortfalls ?? []);
}
