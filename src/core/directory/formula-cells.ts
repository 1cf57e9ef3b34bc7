/**
 * CSV injection (OWASP): a cell that begins with =, +, -, @, a tab or a carriage return is run as a
 * formula by spreadsheet programs. Exports write such a cell with a leading apostrophe, which they
 * show as text; imports take the apostrophe off again, so an export re-imports unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function restoreNeutralised(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
