import { builder } from './builder.ts';

export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/** Input that breaks a directory rule; every issue names its field. */
export class ValidationError extends Error {
  constructor(readonly issues: readonly FieldIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
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
