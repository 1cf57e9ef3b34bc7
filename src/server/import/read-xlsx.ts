import { posix } from 'node:path';
import { SaxesParser } from 'saxes';
import type { Table } from '../../core/directory/read-table.ts';
import { type DecodeLimits, formatBytes } from './decode-limits.ts';
import { FileDecodeError, columnLetters, fail } from './file-problem.ts';
import { checkDeclaredSize, inflateEntry, listZipEntries, type ZipEntry } from './zip-entries.ts';

/**
 * Reads the first sheet of an XLSX file as text cells, streaming: the parts are inflated piece
 * by piece into a SAX parser, and only cells holding a value are kept, so a file costs memory in
 * proportion to what it really holds. Cells read as exceljs read them before (shared, inline and
 * rich strings, numbers, booleans, formula results, dates by their number format).
 */
export function readXlsx(bytes: Uint8Array, limits: DecodeLimits): Table {
  try {
    return readWorkbook(bytes, limits);
  } catch (error) {
    if (error instanceof FileDecodeError) throw error;
    // saxes and fflate throw plain errors on damaged XML or deflate data.
    return fail('XLSX_UNREADABLE', `XLSX 文件无法读取：${(error as Error).message} / The XLSX file cannot be read`);
  }
}

interface XmlHandlers {
  open?(name: string, attributes: Readonly<Record<string, string>>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** Element names without their namespace prefix: some writers spell `<x:c>` for `<c>`. */
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

function readWorkbook(bytes: Uint8Array, limits: DecodeLimits): Table {
  const entries = new Map<string, ZipEntry>();
  for (const entry of listZipEntries(bytes)) if (!entries.has(entry.name)) entries.set(entry.name, entry);
  const part = (path: string | undefined) => (path === undefined ? undefined : entries.get(path));

  const workbook = part('xl/workbook.xml');
  if (!workbook) return fail('XLSX_UNREADABLE', 'XLSX 文件无法读取：其中没有工作簿（xl/workbook.xml）/ The file is a zip archive but not an XLSX workbook');
  const rels = part('xl/_rels/workbook.xml.rels');
  const budget = { left: limits.maxInflatedBytes };
  const parse = (entry: ZipEntry, handlers: XmlHandlers) => parseXml(bytes, entry, budget, handlers);

  checkParts([workbook, rels], limits);
  let date1904 = false;
  let firstSheetRel: string | undefined;
  parse(workbook, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name === 'sheet' && firstSheetRel === undefined) firstSheetRel = attribute(a, 'id') ?? '';
    },
  });
  const targets = new Map<string, { type: string; target: string }>();
  if (rels) {
    parse(rels, {
      open(name, a) {
        if (name === 'Relationship' && a.Id && a.Target) targets.set(a.Id, { type: a.Type ?? '', target: resolveTarget(a.Target) });
      },
    });
  }
  const byType = (suffix: string) => [...targets.values()].find((t) => t.type.endsWith(suffix))?.target;
  const sheet = part(firstSheetRel === undefined ? undefined : targets.get(firstSheetRel)?.target) ?? part('xl/worksheets/sheet1.xml');
  if (!sheet) return fail('EMPTY_FILE', '工作簿中没有工作表 / The workbook has no sheet');
  const strings = part(byType('/sharedStrings') ?? 'xl/sharedStrings.xml');
  const styles = part(byType('/styles') ?? 'xl/styles.xml');
  // Every declared size is checked before anything is inflated.
  checkParts([workbook, rels, sheet, strings, styles], limits);

  const shared = strings ? readSharedStrings(strings, parse, limits) : [];
  const dateStyles = styles ? readDateStyles(styles, parse) : [];
  return readSheet(sheet, parse, limits, { shared, dateStyles, date1904 });
}

function checkParts(parts: readonly (ZipEntry | undefined)[], limits: DecodeLimits): void {
  let total = 0;
  for (const entry of parts) {
    if (!entry) continue;
    checkDeclaredSize(entry, limits.maxCompressionRatio);
    total += entry.size;
  }
  if (total > limits.maxInflatedBytes) {
    fail('XLSX_TOO_LARGE', `XLSX 文件解压后有 ${formatBytes(total)}，超过上限 ${formatBytes(limits.maxInflatedBytes)}（IMPORT_MAX_INFLATED_BYTES）/ The XLSX file inflates to more than the limit`);
  }
}

function parseXml(bytes: Uint8Array, entry: ZipEntry, budget: { left: number }, handlers: XmlHandlers): void {
  const parser = new SaxesParser();
  const { open, close, text } = handlers;
  if (open) parser.on('opentag', (tag) => open(localName(tag.name), tag.attributes as Record<string, string>));
  if (close) parser.on('closetag', (tag) => close(localName(tag.name)));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  const decoder = new TextDecoder('utf-8');
  budget.left -= inflateEntry(bytes, entry, budget.left, (chunk) => parser.write(decoder.decode(chunk, { stream: true })));
  parser.write(decoder.decode());
  parser.close();
}

/** An attribute by local name (`r:id` whatever the prefix). */
function attribute(attributes: Readonly<Record<string, string>>, name: string): string | undefined {
  for (const [key, value] of Object.entries(attributes)) if (localName(key) === name && key !== name) return value;
  return attributes[name];
}

/** Relationship targets are relative to xl/ unless absolute. */
const resolveTarget = (target: string) => (target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target)));

/** OOXML escapes characters XML cannot hold as _xHHHH_ in string parts; exceljs decodes them. */
const unescapeOoxml = (text: string) => (text.includes('_x') ? text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text);

type Parse = (entry: ZipEntry, handlers: XmlHandlers) => void;

function readSharedStrings(entry: ZipEntry, parse: Parse, limits: DecodeLimits): string[] {
  const strings: string[] = [];
  let current = '';
  let raw: string | null = null;
  let phonetic = 0;
  parse(entry, {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 't' && phonetic === 0) raw = '';
      else if (name === 'rPh') phonetic++;
    },
    text(text) {
      if (raw !== null) raw += text;
    },
    close(name) {
      if (name === 't' && raw !== null) {
        current += unescapeOoxml(raw);
        raw = null;
      } else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        strings.push(current);
        if (strings.length > limits.maxCells) {
          fail('TOO_MANY_CELLS', `XLSX 文件的共享字符串超过 ${limits.maxCells} 个（IMPORT_MAX_CELLS）/ The file has more shared strings than the cell limit`);
        }
      }
    },
  });
  return strings;
}

/** exceljs' built-in number formats that are dates (ids 14–22 and 45–47). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);
/** Excel allows about 64,000 cell formats; more are not real. */
const MAX_STYLES = 65_536;

/** exceljs' test: a format is a date when, outside quotes and brackets, it has date or time letters. */
const isDateFormat = (code: string) => /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** For each cell format (the `s` of a cell), whether its numbers are dates. */
function readDateStyles(entry: ZipEntry, parse: Parse): boolean[] {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  parse(entry, {
    open(name, a) {
      if (name === 'numFmt' && a.numFmtId !== undefined) custom.set(Number.parseInt(a.numFmtId, 10), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs && formats.length < MAX_STYLES) formats.push(Number.parseInt(a.numFmtId ?? '0', 10) || 0);
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return formats.map((id) => {
    if (id === 0) return false;
    const code = custom.get(id);
    return code === undefined ? BUILT_IN_DATE_FORMATS.has(id) : isDateFormat(code);
  });
}

interface SheetContext {
  readonly shared: readonly string[];
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
}

interface Cell {
  row: number;
  column: number;
  type: string;
  style: number;
  formula: boolean;
  value: string | undefined;
  inline: string | undefined;
}

const CELL_REF = /^([A-Za-z]+)([0-9]+)$/;

function readSheet(entry: ZipEntry, parse: Parse, limits: DecodeLimits, context: SheetContext): Table {
  const rows = new Map<number, string[]>();
  let cells = 0;
  let rowNumber = 0;
  let nextColumn = 1;
  let cell: Cell | null = null;
  let capture: 'v' | 't' | 'run' | null = null;
  let raw = '';
  let inRun = false;
  let phonetic = 0;
  const merges: { top: number; left: number; bottom: number; right: number }[] = [];

  const keep = (row: number, column: number, text: string) => {
    const ref = () => `${columnLetters(Math.min(column, 16_384))}${row}`;
    if (row > limits.maxRows) {
      fail('TOO_MANY_ROWS', `单元格 ${ref()} 在第 ${row} 行，超过行数上限 ${limits.maxRows}（IMPORT_MAX_ROWS）/ Cell ${ref()} is past the row limit`, { row });
    }
    if (column > limits.maxColumns) {
      fail('TOO_MANY_COLUMNS', `单元格 ${ref()} 在第 ${column} 列，超过列数上限 ${limits.maxColumns}（IMPORT_MAX_COLUMNS）/ Cell ${ref()} is past the column limit`, { row, column: columnLetters(Math.min(column, 16_384)) });
    }
    let cellsOfRow = rows.get(row);
    if (!cellsOfRow) rows.set(row, (cellsOfRow = []));
    if (column > cellsOfRow.length) {
      cells += column - cellsOfRow.length;
      if (cells > limits.maxCells) {
        fail('TOO_MANY_CELLS', `工作表的单元格超过上限 ${limits.maxCells} 个（IMPORT_MAX_CELLS，每行计到最后一个有值的单元格），在单元格 ${ref()} / The sheet has more cells than the limit`, { row });
      }
      while (cellsOfRow.length < column - 1) cellsOfRow.push('');
      cellsOfRow.push(text);
    } else {
      cellsOfRow[column - 1] = text;
    }
  };

  parse(entry, {
    open(name, a) {
      switch (name) {
        case 'row':
          rowNumber = a.r === undefined ? rowNumber + 1 : wholeNumber(a.r, '行号');
          nextColumn = 1;
          break;
        case 'c': {
          let row = rowNumber;
          let column = nextColumn;
          if (a.r !== undefined) {
            const match = CELL_REF.exec(a.r);
            if (!match) return fail('XLSX_UNREADABLE', `XLSX 文件无法读取：单元格引用 "${a.r.slice(0, 20)}" 无效 / A cell reference is not valid`);
            column = lettersToColumn(match[1]!);
            row = wholeNumber(match[2]!, '行号');
          }
          nextColumn = column + 1;
          cell = { row, column, type: a.t ?? 'n', style: a.s === undefined ? 0 : Number.parseInt(a.s, 10) || 0, formula: false, value: undefined, inline: undefined };
          break;
        }
        case 'f':
          if (cell) cell.formula = true;
          break;
        case 'v':
          if (cell) (capture = 'v'), (raw = '');
          break;
        case 'r':
          inRun = true;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 'mergeCell': {
          const range = /^([A-Za-z]+)([0-9]+)(?::([A-Za-z]+)([0-9]+))?$/.exec(a.ref ?? '');
          if (!range) return fail('XLSX_UNREADABLE', `XLSX 文件无法读取：合并单元格范围 "${(a.ref ?? '').slice(0, 20)}" 无效 / A merged range is not valid`);
          const [top, bottom] = [wholeNumber(range[2]!, '行号'), wholeNumber(range[4] ?? range[2]!, '行号')].sort((x, y) => x - y) as [number, number];
          const [left, right] = [lettersToColumn(range[1]!), lettersToColumn(range[3] ?? range[1]!)].sort((x, y) => x - y) as [number, number];
          merges.push({ top, left, bottom, right });
          break;
        }
        case 't':
          if (cell && phonetic === 0) (capture = inRun ? 'run' : 't'), (raw = '');
          break;
      }
    },
    text(text) {
      if (capture) raw += text;
    },
    close(name) {
      switch (name) {
        case 'v':
          if (cell && capture === 'v') cell.value = (cell.value ?? '') + raw;
          capture = null;
          break;
        case 't':
          if (cell && capture) cell.inline = (cell.inline ?? '') + (capture === 'run' ? unescapeOoxml(raw) : raw);
          capture = null;
          break;
        case 'r':
          inRun = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c':
          if (cell) {
            const text = cellText(cell, context).trim();
            if (text !== '') keep(cell.row, cell.column, text);
          }
          cell = null;
          break;
      }
    },
  });

  fillMerged(merges, rows, keep, limits);

  // The first row with a value holds the headers; rows missing in between are blank lines.
  const numbers = [...rows.keys()].sort((a, b) => a - b);
  const headerRow = numbers[0];
  if (headerRow === undefined) return fail('EMPTY_FILE', '工作簿的第一张工作表没有内容 / The workbook has no rows on its first sheet');
  const last = numbers.at(-1)!;
  const blank: readonly string[] = Object.freeze([]);
  const data: (readonly string[])[] = [];
  for (let r = headerRow + 1; r <= last; r++) data.push(rows.get(r) ?? blank);
  return { headers: rows.get(headerRow)!, rows: data, firstRow: headerRow + 1 };
}

/**
 * A merged range (<mergeCells>) holds its value in its top-left cell only; every cell of the
 * range is given that value, as a reader of the sheet sees it (an item's 编号 merged down over
 * its sub-item rows). A range is bounded by the row, column and cell limits before any cell is
 * filled, so a hostile range over the whole sheet costs one error, not the memory.
 */
function fillMerged(
  merges: readonly { top: number; left: number; bottom: number; right: number }[],
  rows: ReadonlyMap<number, readonly string[]>,
  keep: (row: number, column: number, text: string) => void,
  limits: DecodeLimits,
): void {
  let area = 0;
  for (const m of merges) {
    if (m.bottom > limits.maxRows) fail('TOO_MANY_ROWS', `合并单元格延伸到第 ${m.bottom} 行，超过行数上限 ${limits.maxRows}（IMPORT_MAX_ROWS）/ A merged range reaches past the row limit`, { row: m.bottom });
    if (m.right > limits.maxColumns) fail('TOO_MANY_COLUMNS', `合并单元格延伸到第 ${m.right} 列，超过列数上限 ${limits.maxColumns}（IMPORT_MAX_COLUMNS）/ A merged range reaches past the column limit`, { row: m.top });
    area += (m.bottom - m.top + 1) * (m.right - m.left + 1);
    if (area > limits.maxCells) fail('TOO_MANY_CELLS', `合并单元格共覆盖超过 ${limits.maxCells} 个单元格（IMPORT_MAX_CELLS）/ Merged ranges cover more cells than the cell limit`, { row: m.top });
  }
  for (const m of merges) {
    const text = rows.get(m.top)?.[m.left - 1] ?? '';
    if (text === '') continue;
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) keep(r, c, text);
    }
  }
}

function wholeNumber(text: string, what: string): number {
  const n = Number.parseInt(text, 10);
  if (!Number.isSafeInteger(n) || n < 1) fail('XLSX_UNREADABLE', `XLSX 文件无法读取：${what} "${text.slice(0, 20)}" 无效 / A row or column number is not valid`);
  return n;
}

/** Letters past three (XFD is the last column Excel has) only need to read as "too far". */
function lettersToColumn(letters: string): number {
  let column = 0;
  for (const ch of letters.slice(0, 4).toUpperCase()) column = column * 26 + ch.charCodeAt(0) - 64;
  return column;
}

/** exceljs decoded entities a second time in `str` values; kept so files read as before. */
const xmlDecode = (text: string) =>
  text.replace(/&(lt|gt|amp|apos|quot);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' })[name as 'lt']);

/** A cell's value as the import reads it: what exceljs gave, through the old `cellText`. */
function cellText(cell: Cell, context: SheetContext): string {
  const { value, type } = cell;
  if (cell.formula) {
    if (value === undefined) return '';
    if (type === 'str') return xmlDecode(value);
    if (type === 'b') return String(Number.parseInt(value, 10) !== 0);
    if (type === 'e') return '';
    return numberText(Number.parseFloat(value), cell, context);
  }
  if (type === 'inlineStr') return cell.inline ?? value ?? '';
  if (value === undefined) return '';
  switch (type) {
    case 's':
      return context.shared[Number.parseInt(value, 10)] ?? '';
    case 'str':
      return xmlDecode(value);
    case 'b':
      return String(Number.parseInt(value, 10) !== 0);
    case 'e':
      return '';
    case 'd':
      // ISO 8601 dates (strict OOXML); exceljs misread them as numbers.
      return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
    default:
      return numberText(Number.parseFloat(value), cell, context);
  }
}

const DAY_MS = 24 * 3600 * 1000;

function numberText(n: number, cell: Cell, context: SheetContext): string {
  if (context.dateStyles[cell.style] && Number.isFinite(n)) {
    // exceljs' excelToDate: serial days from 1899-12-30 (1904-01-01 in the 1904 system).
    const date = new Date(Math.round((n - 25569 + (context.date1904 ? 1462 : 0)) * DAY_MS));
    if (!Number.isNaN(date.getTime())) return date.toISOString().slice(0, 10);
  }
  return String(n);
}
