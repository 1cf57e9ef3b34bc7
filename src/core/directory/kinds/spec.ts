import type { Problem } from '../../result.ts';
import type { Field, ReadContext } from '../fields.ts';

/** The columns of one directory kind, keyed by the record's property names. */
export type FieldsOf<R> = { readonly [K in keyof R]-?: Field<R[K]> };

/** What a kind's `finish` step returns: the records to write, and what it changed or found. */
export interface FinishedRecords<R> {
  readonly records: { readonly row: number; readonly value: R }[];
  /** Rows that cannot be written (nothing is written then). */
  readonly problems: Problem<'INVALID_VALUE' | 'MISSING_VALUE'>[];
  /** Found and reported, not blocking (an 检查对象 naming no known sector). */
  readonly warnings: Problem<'UNMATCHED_SECTOR'>[];
  /** Records whose key the step generated. */
  readonly generatedKeys: number;
}

export interface DirectorySpec<R> {
  readonly kind: DirectoryKind;
  readonly label: string;
  /** The property that identifies a record on re-import (USCC, certificate number…). */
  readonly key: keyof R & string;
  /** The identity of a record when it is more than `key` (an enterprise record: USCC, kind, date, reference). */
  readonly keyOf?: (record: R) => string;
  readonly fields: FieldsOf<R>;
  /** Unknown columns go to the record's `extra` (header → value) instead of being ignored. */
  readonly keepsUnknownColumns?: boolean;
  /** Turns the rows as read into the records to write (a checklist's sub-items, generated codes). */
  readonly finish?: (records: readonly { readonly row: number; readonly value: R }[], context: ReadContext) => FinishedRecords<R>;
}

export type DirectoryKind = 'enterprises' | 'inspectors' | 'experts' | 'checklist' | 'records';
