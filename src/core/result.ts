/** Errors are values: every failure the domain can report carries a stable code. */
export interface Problem<Code extends string = string> {
  readonly code: Code;
  readonly message: string;
  /** Where the problem is: a field name, or row and column of an imported file. */
  readonly field?: string;
  readonly row?: number;
  readonly column?: string;
}

export type Result<T, E = Problem> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
