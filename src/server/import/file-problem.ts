import type { Problem } from '../../core/result.ts';

export type FileProblemCode =
  | 'FILE_TOO_LARGE'
  | 'EMPTY_FILE'
  | 'ENCODING_UNDETECTED'
  | 'CSV_MALFORMED'
  | 'XLSX_UNREADABLE'
  /** A zip entry inflates past its declared size, the compression ratio or the inflated total. */
  | 'XLSX_TOO_LARGE'
  | 'TOO_MANY_ROWS'
  | 'TOO_MANY_COLUMNS'
  | 'TOO_MANY_CELLS'
  /** A cell holds a character PostgreSQL cannot store in text (NUL). */
  | 'INVALID_CHARACTER'
  | 'DECODE_TIMEOUT'
  | 'DECODE_OUT_OF_MEMORY';

/** A file that cannot become a table; its problem is what the import report shows. */
export class FileDecodeError extends Error {
  constructor(readonly problem: Problem<FileProblemCode>) {
    super(problem.message);
    this.name = 'FileDecodeError';
  }
}

export const fail = (code: FileProblemCode, message: string, where: { row?: number; column?: string } = {}): never => {
  throw new FileDecodeError({ code, message, ...where });
};

/** Spreadsheet column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
