import type { Meta, Rules } from '../rules/schema.ts';
import type { DrawRecord, DrawSnapshot, DrawTask, SealOpening, SeedInputs } from './types.ts';

export const EXPORT_FORMAT = 'double-random/draw-export/v1';
/** An export whose snapshot carries sealed upper-level entries (docs/draw-algorithm.md §9). */
export const EXPORT_FORMAT_SEALED = 'double-random/draw-export/v2';

/**
 * What a sealed export leaves out of its record while a seal is closed: the parts that show who
 * the pool lost or set aside (the 一般不重合 reserve, `avoided`, and the due members' chance,
 * which counts them); the picks' `reserve` marks are left out too.
 */
export const WITHHELD_WHILE_SEALED = ['excluded', 'strata', 'avoided', 'dueInclusion'] as const;
/** The record as a sealed export shows it before every seal is opened. */
export type SealedRecord = Omit<DrawRecord, (typeof WITHHELD_WHILE_SEALED)[number]>;

/**
 * Everything a verifier needs to re-derive a draw, and no personal data: enterprises are public
 * facts; inspectors and experts appear only by pseudonymous ids.
 */
export interface DrawExport {
  readonly format: typeof EXPORT_FORMAT | typeof EXPORT_FORMAT_SEALED;
  readonly pack: {
    readonly key: string;
    readonly contentHash: string;
    readonly meta: Meta;
    readonly rules: Rules;
    /** Source text of the pack's hooks (part of its content hash); empty for data-only packs. */
    readonly hooks: Readonly<Record<string, string>>;
  };
  readonly task: DrawTask;
  readonly snapshot: DrawSnapshot;
  readonly seed: SeedInputs;
  /** v2 only: the seals opened so far (their covert tasks are closed), in the order of the seals. */
  readonly openings?: readonly SealOpening[];
  /** The whole record; in a v2 export with a seal still closed, without WITHHELD_WHILE_SEALED and the picks' `reserve` marks. */
  readonly record: DrawRecord | SealedRecord;
}

/** The record as an export shows it: whole once every seal is open, else without what the pool lost. */
export function recordForExport(record: DrawRecord, allOpen: boolean): DrawRecord | SealedRecord {
  if (allOpen) return record;
  const { excluded: _excluded, strata: _strata, avoided: _avoided, dueInclusion: _dueInclusion, ...shown } = record;
  return { ...shown, picks: shown.picks.map(({ reserve: _reserve, ...pick }) => pick) };
}
