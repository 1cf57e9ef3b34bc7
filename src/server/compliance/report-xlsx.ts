import ExcelJS from 'exceljs';
import type { ReportFacts } from '../../core/compliance/report-facts.ts';
import { citeText, STATUS_LABELS, type ReportTable, type SelfInspectionReport } from '../../core/compliance/report-sections.ts';
import type { ComplianceReport, ComplianceSubject } from '../../core/compliance/types.ts';
import { neutraliseFormula } from '../../core/directory/formula-cells.ts';

type Cell = string | number;

/** A sheet with bold headings and columns wide enough for Chinese text; text cells never run as formulas. */
function addSheet(workbook: ExcelJS.Workbook, name: string, columns: readonly string[], rows: readonly (readonly Cell[])[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = columns.map((header, i) => ({ header, width: Math.min(60, Math.max(10, header.length * 2 + 4, ...rows.map((r) => String(r[i] ?? '').length * 1.6))) }));
  for (const row of rows) sheet.addRow(row.map((c) => (typeof c === 'string' ? neutraliseFormula(c) : c)));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return sheet;
}

const tablesOf = (report: SelfInspectionReport, sectionId: string): readonly ReportTable[] => report.sections.find((s) => s.id === sectionId)?.tables ?? [];

/** Several tables on one sheet, each under its title, a blank row between them. */
function addTablesSheet(workbook: ExcelJS.Workbook, name: string, tables: readonly ReportTable[], lead: readonly string[]): void {
  const sheet = workbook.addWorksheet(name);
  sheet.getColumn(1).width = 36;
  for (let c = 2; c <= 6; c++) sheet.getColumn(c).width = 22;
  for (const line of lead) sheet.addRow([neutraliseFormula(line)]);
  for (const table of tables) {
    sheet.addRow([]);
    sheet.addRow([table.title]).font = { bold: true };
    sheet.addRow([...table.columns]).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map(neutraliseFormula));
  }
}

const subjectCells = (s: ComplianceSubject): [string, string, string] =>
  s.kind === 'TASK' ? [s.title, s.taskId, s.note] : s.kind === 'INSPECTOR' ? [s.name, '', s.note] : [s.name, s.uscc, s.note];

/**
 * The self-inspection report as a workbook: 汇总 the summary (the report's sentences), then one
 * sheet per kind of detail: 义务 obligations, 涉及对象 the entities and tasks behind them, 覆盖
 * coverage per group by month, 时限 deadlines, 更正与异议, 结果运用 and 检查人员 the inspectors' load.
 */
export async function reportXlsx(compliance: ComplianceReport, report: SelfInspectionReport, facts: ReportFacts): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'double-random';
  workbook.title = report.title;
  const summary = workbook.addWorksheet('汇总');
  summary.getColumn(1).width = 24;
  summary.getColumn(2).width = 120;
  summary.addRow([report.title]).font = { bold: true, size: 14 };
  summary.addRow([report.subtitle]);
  for (const section of report.sections) {
    summary.addRow([]);
    summary.addRow([section.heading]).font = { bold: true };
    for (const p of section.paragraphs) summary.addRow(['', neutraliseFormula(p)]).getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  const { sources } = facts;
  addSheet(workbook, '义务', ['义务', '条款', '期间', '目标', '实际', '状态', '说明', '涉及对象（个）'], compliance.rows.map((r) => [r.label, citeText(r.cite, sources), r.period.label, r.target?.text ?? '', r.achieved?.text ?? '', STATUS_LABELS[r.status], r.explanation, r.subjectsTotal]));
  addSheet(workbook, '涉及对象', ['义务', '状态', '对象', '代码', '说明'], compliance.rows.flatMap((r) => r.subjects.map((s) => [r.label, STATUS_LABELS[r.status], ...subjectCells(s)])));
  const months = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
  addSheet(workbook, '覆盖', ['对象类别', '应检查（家）', ...months], compliance.coverage.map((c) => [c.label, c.due, ...c.inspectedByMonth]));
  const deadlines = compliance.rows.filter((r) => r.kind === 'DEADLINE');
  addSheet(workbook, '时限', ['时限', '条款', '期限', '执行情况', '状态', '对象', '说明'], deadlines.flatMap((r) => {
    const head = [r.label, citeText(r.cite, sources), r.target?.text ?? '', r.achieved?.text ?? '', STATUS_LABELS[r.status]];
    return r.subjects.length === 0 ? [[...head, '', r.explanation]] : r.subjects.map((s) => [...head, subjectCells(s)[0], s.note]);
  }));
  const corrections = report.sections.find((s) => s.id === 'corrections');
  addTablesSheet(workbook, '更正与异议', tablesOf(report, 'corrections'), corrections?.paragraphs ?? []);
  const consequences = report.sections.find((s) => s.id === 'consequences');
  addTablesSheet(workbook, '结果运用', tablesOf(report, 'consequences'), consequences?.paragraphs ?? []);
  addSheet(workbook, '检查人员', ['检查人员', '被抽中（次）', '实际检查（户次）'], compliance.inspectorLoad.map((i) => [i.name, i.draws, i.inspections]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
