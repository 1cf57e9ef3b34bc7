import type { Field } from '../fields.ts';

/** The columns of one directory kind, keyed by the record's property names. */
export type FieldsOf<R> = { readonly [K in keyof R]-?: Field<R[K]> };

export interface DirectorySpec<R> {
  readonly kind: DirectoryKind;
  readonly label: string;
  /** The property that identifies a record on re-import (USCC, certificate number…). */
  readonly key: keyof R & string;
  readonly fields: FieldsOf<R>;
}

export type DirectoryKind = 'enterprises' | 'inspectors' | 'experts' | 'checklist';
