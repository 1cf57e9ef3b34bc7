import { readCell, type Field } from '../../core/directory/fields.ts';
import type { DirectorySpec } from '../../core/directory/kinds/index.ts';
import { ValidationError, type FieldIssue } from './errors.ts';
import { chinaDate } from '../../core/calendar/china-date.ts';
import type { SectorVocabulary } from '../../core/directory/sector-vocabulary.ts';

/** A GraphQL input value as the text a spreadsheet cell would hold. */
function asCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.join('、');
  return String(value);
}

/**
 * Validates mutation input with the same field rules as a file import, so GraphQL and files
 * cannot disagree. With `partial`, only the fields present are checked and returned.
 */
export function validateInput<R>(spec: DirectorySpec<R>, input: Record<string, unknown>, options: { partial: boolean; sectors?: SectorVocabulary }): Partial<R> {
  const issues: FieldIssue[] = [];
  const value: Partial<R> = {};
  const context = { today: chinaDate(new Date()), sectors: options.sectors };
  for (const [key, field] of Object.entries(spec.fields) as [keyof R & string, Field<unknown>][]) {
    if (options.partial && input[key] === undefined) continue;
    const result = readCell(field, asCell(input[key]), context);
    if (result.ok) value[key] = result.value as R[typeof key];
    // A reason that names its column already (统一社会信用代码“…”校验位不符) is not prefixed twice.
    else issues.push({ field: key, message: result.error.startsWith(field.headers[0]!) ? result.error : `${field.headers[0]}：${result.error}` });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return value;
}
