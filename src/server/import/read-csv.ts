import chardet from 'chardet';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { Table } from '../../core/directory/read-table.ts';
import type { DecodeLimits } from './decode-limits.ts';
import { fail } from './file-problem.ts';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'gb18030';

/** UTF-8 (with or without BOM), UTF-16 with BOM, or the GB family (GBK, GB2312, GB18030), detected. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: ask the detector
  }
  const guesses = chardet.analyse(bytes);
  const best = guesses[0];
  const isGb = (name: string) => /^(GB18030|GBK|GB2312)$/i.test(name);
  // Short GBK files are sometimes ranked below a single-byte code page, never below another
  // CJK encoding: a Shift_JIS or Big5 file must not be read as GBK.
  const otherCjk = best !== undefined && /^(Shift_JIS|EUC-JP|EUC-KR|Big5|ISO-2022)/i.test(best.name);
  const gb = guesses.find((g) => isGb(g.name) && g.confidence >= 10);
  if (gb && !otherCjk) return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
  return fail(
    'ENCODING_UNDETECTED',
    `文件既不是 UTF-8 也不是 GBK/GB18030 编码${best ? `（看起来是 ${best.name}）` : ''}，请另存为 CSV UTF-8 或 XLSX / The file is neither UTF-8 nor GBK/GB18030${best ? ` (it looks like ${best.name})` : ''}; save it as CSV UTF-8 or as XLSX`,
  );
}

export function readCsv(text: string, limits: DecodeLimits): Table {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  checkShape(text, delimiter, limits);
  // papaparse: about four times faster than csv-parse on a 100,000-row directory.
  const { data, errors } = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true });
  const error = errors[0];
  if (error) {
    // error.row counts records from 0, the header included: record n + 1 of the file.
    const row = error.row === undefined ? undefined : error.row + 1;
    return fail('CSV_MALFORMED', `CSV 格式有误${row ? `（第 ${row} 行）` : ''} / The CSV is malformed${row ? ` at row ${row}` : ''}: ${error.message}`, row === undefined ? {} : { row });
  }
  const [headers, ...rows] = data;
  if (!headers) return fail('EMPTY_FILE', '文件没有表头行 / The file has no header row');
  return { headers, rows, firstRow: 2 };
}

/**
 * Counts lines and fields before papaparse builds them, so that a file of a million commas on
 * one line is refused by its shape instead of becoming a million-cell row. Quotes are followed
 * as papaparse follows them; a malformed file is left to papaparse to name.
 */
function checkShape(text: string, delimiter: string, limits: DecodeLimits): void {
  const newline = text.includes('\n') ? 10 : 13;
  const separator = delimiter.charCodeAt(0);
  let line = 1;
  let fields = 1;
  let cells = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === separator) {
      if (++fields > limits.maxColumns) {
        fail('TOO_MANY_COLUMNS', `第 ${line} 行超过列数上限 ${limits.maxColumns}（IMPORT_MAX_COLUMNS）/ Line ${line} has more columns than the limit`, { row: line });
      }
    } else if (c === newline) {
      cells += fields;
      if (cells > limits.maxCells) {
        fail('TOO_MANY_CELLS', `文件在第 ${line} 行超过单元格上限 ${limits.maxCells}（IMPORT_MAX_CELLS）/ The file has more cells than the limit`, { row: line });
      }
      fields = 1;
      if (++line > limits.maxRows && hasMore(text, i + 1)) {
        fail('TOO_MANY_ROWS', `文件超过行数上限 ${limits.maxRows}（IMPORT_MAX_ROWS）/ The file has more rows than the limit`, { row: line });
      }
    }
  }
}

/** Whether anything but line ends follows: a final newline does not start a row. */
function hasMore(text: string, from: number): boolean {
  const other = /[^\r\n]/g;
  other.lastIndex = from;
  return other.test(text);
}
