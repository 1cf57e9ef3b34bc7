import { DIRECTORY_SPECS, type DirectoryKind } from '../../core/directory/kinds/index.ts';
import { readTable } from '../../core/directory/read-table.ts';
import { chinaDate } from '../../core/calendar/china-date.ts';
import type { Problem } from '../../core/result.ts';
import type { SqlConnection } from '../db/sql.ts';
import { maintainAfterCommit } from '../db/table-maintenance.ts';
import { decodeFile, FileDecodeError, type DecodeLimits, type FileFormat, type TextEncoding } from '../import/decode-file.ts';
import { writeDirectory } from './write-directory.ts';
import { DIRECTORY_WRITERS } from './writers.ts';
import { jurisdictionVocabulary, type PackLookup } from '../vocabulary/jurisdiction-vocabulary.ts';

export interface ImportOptions {
  readonly kind: DirectoryKind;
  readonly jurisdictionCode: string;
  readonly file: Uint8Array;
  readonly dryRun?: boolean;
  /** File header → header or property the directory knows. */
  readonly mapping?: Readonly<Record<string, string>>;
  readonly actor: string;
  /** What reading the file may cost (Config: IMPORT_MAX_BYTES and its siblings); defaults otherwise. */
  readonly limits?: Partial<DecodeLimits>;
  /** The file size limit alone; overrides `limits.maxBytes`. */
  readonly maxBytes?: number;
  /** The loaded packs: a jurisdiction's pack may add sectors. Without it, base and the jurisdiction's own. */
  readonly packs?: PackLookup;
}

export interface ImportReport {
  readonly kind: DirectoryKind;
  readonly dryRun: boolean;
  readonly format: FileFormat | null;
  readonly encoding: TextEncoding | null;
  /** Data rows in the file (blank lines not counted). */
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Every rejected row and file-level problem; when not empty, nothing was written. */
  readonly problems: readonly Problem[];
  readonly ignoredColumns: readonly string[];
  /** Headers with no field that are kept in each record's `extra` (a checklist keeps every column). */
  readonly keptColumns: readonly string[];
  /** Rows above the header that were skipped (a title row), each as its text. */
  readonly titleRows: readonly string[];
  /** Records whose key the import generated (a checklist without 编号, its sub-items). */
  readonly generatedKeys: number;
  /** Found and reported; they do not stop the import (an 检查对象 naming no known sector). */
  readonly warnings: readonly Problem[];
  /** The file's header row, as read (the row found below any title rows). */
  readonly headers: readonly string[];
  /** Each recognised header with the directory field it was read as (after `mapping`). */
  readonly columns: readonly { readonly header: string; readonly field: string }[];
  /** The changes are in the database (not a dry run and no problems). */
  readonly committed: boolean;
}

/** Thrown inside the transaction to roll a dry run back after computing its exact counts. */
class RollBack extends Error {
  constructor(readonly counts: { created: number; updated: number }) {
    super('dry run');
  }
}

/**
 * Imports a directory file into one jurisdiction: all rows or none. Rows are matched on the
 * directory's key (USCC, certificate number, ID number, item code), so re-importing updates
 * without duplicating. A dry run performs the same writes and rolls them back.
 */
export async function importDirectory(sql: SqlConnection, options: ImportOptions): Promise<ImportReport> {
  const dryRun = options.dryRun ?? false;
  const base = { kind: options.kind, dryRun, created: 0, updated: 0, unchanged: 0, committed: false, ignoredColumns: [] as string[], keptColumns: [] as string[], titleRows: [] as string[], generatedKeys: 0, warnings: [] as Problem[], headers: [] as string[], columns: [] as { header: string; field: string }[] };
  let decoded;
  try {
    decoded = await decodeFile(options.file, { ...options.limits, ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }) });
  } catch (error) {
    if (error instanceof FileDecodeError) return { ...base, format: null, encoding: null, rows: 0, problems: [error.problem] };
    throw error;
  }
  const spec = DIRECTORY_SPECS[options.kind];
  const writer = DIRECTORY_WRITERS[options.kind];
  const [jurisdiction] = await sql.query<{ id: string }>('SELECT id FROM jurisdiction WHERE code = $1', [options.jurisdictionCode]);
  // Sectors are read in the jurisdiction's vocabulary (base + its pack's + its own).
  const sectors = jurisdiction ? await jurisdictionVocabulary(sql, options.packs, jurisdiction.id) : undefined;
  // A checklist's 检查对象 is matched to sectors as 名录库 › 检查对象匹配 shows it, the bureau's corrections first.
  const objectCorrections = jurisdiction && options.kind === 'checklist'
    ? new Map((await sql.query<{ text: string; sectors: string[] }>('SELECT text, sectors FROM sector_match_correction WHERE jurisdiction_id = $1', [jurisdiction.id])).map((c) => [c.text, c.sectors]))
    : undefined;
  const read = readTable<any>(spec, decoded.table, options.mapping, { today: chinaDate(new Date()), sectors, objectCorrections });
  const rows = decoded.table.rows.filter((cells) => cells.some((c) => c.trim() !== '')).length - read.titleRows.length;
  const reportBase = { ...base, format: decoded.format, encoding: decoded.encoding, rows, ignoredColumns: [...read.ignoredColumns], keptColumns: [...read.keptColumns], titleRows: [...read.titleRows], generatedKeys: read.generatedKeys, warnings: [...read.warnings], headers: [...read.headers], columns: [...read.columns] };

  if (!jurisdiction) {
    return { ...reportBase, problems: [{ code: 'JURISDICTION_UNKNOWN', field: 'jurisdiction', message: `没有行政区划代码为 ${options.jurisdictionCode} 的辖区 (No jurisdiction has code ${options.jurisdictionCode})` }] };
  }
  if (read.problems.length > 0) return { ...reportBase, problems: read.problems };

  try {
    const counts = await sql.transaction(async (tx) => {
      const problems = (await writer.check?.(tx, jurisdiction.id, read.records)) ?? [];
      if (problems.length > 0) throw new RejectedRows(problems);
      const counts = await writeDirectory(tx, options.kind, jurisdiction.id, read.records.map((r) => r.value), options.actor);
      if (dryRun) throw new RollBack(counts);
      return counts;
    });
    await maintainAfterCommit(sql, writer.target.table, counts.created + counts.updated);
    return { ...reportBase, ...counts, unchanged: read.records.length - counts.created - counts.updated, problems: [], committed: true };
  } catch (error) {
    if (error instanceof RollBack) {
      const { created, updated } = error.counts;
      return { ...reportBase, created, updated, unchanged: read.records.length - created - updated, problems: [] };
    }
    if (error instanceof RejectedRows) return { ...reportBase, problems: error.problems };
    throw error;
  }
}

class RejectedRows extends Error {
  constructor(readonly problems: Problem[]) {
    super('rejected rows');
  }
}
