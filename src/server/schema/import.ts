import type { Field } from '../../core/directory/fields.ts';
import { DIRECTORY_SPECS, type DirectoryKind } from '../../core/directory/kinds/index.ts';
import type { Problem } from '../../core/result.ts';
import { importDirectory, type ImportReport } from '../directory/import-directory.ts';
import { actorOf } from '../auth/viewer.ts';
import { builder } from './builder.ts';
import { ONCE_PER_OPERATION } from '../limits/once-per-operation.ts';
import { editableJurisdiction } from './directory-mutations.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';
import { DirectoryKindEnum } from './enums.ts';

const ProblemRef = builder.objectRef<Problem>('ImportProblem').implement({
  description: 'A rejected row or a file-level problem',
  fields: (t) => ({
    code: t.exposeString('code'),
    message: t.exposeString('message'),
    row: t.exposeInt('row', { nullable: true, description: 'Row number in the file (the header is row 1)' }),
    column: t.exposeString('column', { nullable: true }),
    field: t.exposeString('field', { nullable: true }),
  }),
});

interface DirectoryFieldView {
  readonly field: string;
  readonly label: string;
  readonly required: boolean;
}

/** The fields of a directory kind with the Chinese header exports write (the first the spec knows). */
function fieldsOf(kind: DirectoryKind): DirectoryFieldView[] {
  return (Object.entries(DIRECTORY_SPECS[kind].fields) as [string, Field<unknown>][]).map(([field, f]) => ({ field, label: f.headers[0]!, required: f.required }));
}

const labelOf = (kind: DirectoryKind, field: string) => (DIRECTORY_SPECS[kind].fields as Record<string, Field<unknown>>)[field]?.headers[0] ?? field;

const DirectoryFieldRef = builder.objectRef<DirectoryFieldView>('DirectoryField').implement({
  description: 'A column a directory file may have: the field, its Chinese header, whether every file needs it',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The property name, e.g. uscc; a ColumnMapping may name it' }),
    label: t.exposeString('label', { description: 'The Chinese header exports write, e.g. 统一社会信用代码' }),
    required: t.exposeBoolean('required'),
  }),
});

const ImportColumnRef = builder.objectRef<{ readonly header: string; readonly field: string; readonly kind: DirectoryKind }>('ImportColumn').implement({
  description: 'A header of the file that was recognised, and the field it was read as',
  fields: (t) => ({
    header: t.exposeString('header', { description: 'As written in the file' }),
    field: t.exposeString('field'),
    label: t.string({ description: 'The field\'s Chinese header', resolve: (c) => labelOf(c.kind, c.field) }),
  }),
});

const ImportReportRef = builder.objectRef<ImportReport>('ImportReport').implement({
  fields: (t) => ({
    kind: t.field({ type: DirectoryKindEnum, resolve: (r) => r.kind }),
    dryRun: t.exposeBoolean('dryRun'),
    committed: t.exposeBoolean('committed', { description: 'The changes are in the database. False for a dry run or a rejected file, which change nothing.' }),
    format: t.string({ nullable: true, resolve: (r) => r.format }),
    encoding: t.string({ nullable: true, resolve: (r) => r.encoding }),
    rows: t.exposeInt('rows'),
    created: t.exposeInt('created'),
    updated: t.exposeInt('updated'),
    unchanged: t.exposeInt('unchanged'),
    problems: t.field({ type: [ProblemRef], resolve: (r) => [...r.problems] }),
    ignoredColumns: t.exposeStringList('ignoredColumns', { description: 'Headers of the file read as no field (map them with `mapping`, or they stay out)' }),
    keptColumns: t.exposeStringList('keptColumns', { description: 'Headers read as no field and kept as they are with each record (a checklist keeps every column)' }),
    titleRows: t.exposeStringList('titleRows', { description: 'Rows above the header that were skipped (a title such as XX县应急管理局2026年双随机抽查事项清单)' }),
    generatedKeys: t.exposeInt('generatedKeys', { description: 'Records whose code the import generated (a checklist without 编号, and its sub-items); the scheme is in docs/rule-packs.md' }),
    warnings: t.field({ type: [ProblemRef], description: 'Found and reported, not stopping the import (an 检查对象 naming no known sector)', resolve: (r) => [...r.warnings] }),
    headers: t.exposeStringList('headers', { description: 'The file\'s header row, in order (empty when the file could not be read)' }),
    columns: t.field({ type: [ImportColumnRef], description: 'Each recognised header with the field it was read as, in file order (after `mapping`)', resolve: (r) => r.columns.map((c) => ({ ...c, kind: r.kind })) }),
    fields: t.field({ type: [DirectoryFieldRef], description: 'Every field of this directory kind, for choosing a mapping', resolve: (r) => fieldsOf(r.kind) }),
  }),
});

const ColumnMapping = builder.inputType('ColumnMapping', {
  description: 'Reads the file column `from` as the directory column `to` (a header such as 企业名称, or a field name such as name)',
  fields: (t) => ({ from: t.string({ required: true }), to: t.string({ required: true }) }),
});

builder.mutationField('importDirectory', (t) =>
  t.field({
    type: ImportReportRef,
    description: 'Imports a CSV (UTF-8, UTF-8 with BOM, GBK/GB18030, detected) or XLSX file: every row or none. Re-import updates by USCC, certificate number, ID number or item code.',
    errors: { types: [ForbiddenError, NotFoundError], directResult: true },
    extensions: ONCE_PER_OPERATION,
    args: {
      kind: t.arg({ type: DirectoryKindEnum, required: true }),
      jurisdiction: t.arg.string({ required: true }),
      file: t.arg({ type: 'File', required: true }),
      dryRun: t.arg.boolean({ required: false, defaultValue: false }),
      mapping: t.arg({ type: [ColumnMapping], required: false }),
    },
    resolve: async (_root, args, ctx) => {
      await editableJurisdiction(ctx, args.jurisdiction);
      return importDirectory(ctx.db.sql, {
        kind: args.kind,
        jurisdictionCode: args.jurisdiction,
        file: new Uint8Array(await args.file.arrayBuffer()),
        dryRun: args.dryRun ?? false,
        mapping: Object.fromEntries((args.mapping ?? []).map((m) => [m.from, m.to])),
        actor: actorOf(ctx.viewer),
        limits: ctx.importLimits,
        packs: ctx.packs,
      });
    },
  }),
);
