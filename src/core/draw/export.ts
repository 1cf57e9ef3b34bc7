import type { Meta, Rules } from '../rules/schema.ts';
import type { DrawRecord, DrawSnapshot, DrawTask, SeedInputs } from './types.ts';

export const EXPORT_FORMAT = 'double-random/draw-export/v1';

/**
 * Everything a verifier needs to re-derive a draw, and no personal data: enterprises are public
 * facts; inspectors and experts appear only by pseudonymous ids.
 */
export interface DrawExport {
  readonly format: typeof EXPORT_FORMAT;
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
  readonly record: DrawRecord;
}
