import type { ImportReport } from '../server/directory/import-directory.ts';

/** An import report as a person reads it in a terminal. */
export function formatReport(report: ImportReport): string {
  const lines: string[] = [];
  const source = report.format ? `${report.format}${report.encoding ? `, ${report.encoding}` : ''}` : 'unreadable file';
  lines.push(`${report.kind}: ${report.rows} rows (${source})${report.dryRun ? ', dry run' : ''}`);
  if (report.problems.length > 0) {
    lines.push(`REJECTED, nothing was written. ${report.problems.length} problem(s):`);
    for (const p of report.problems) lines.push(`  [${p.code}] ${p.message}`);
  } else {
    lines.push(`${report.committed ? 'imported' : 'would import'}: ${report.created} new, ${report.updated} updated, ${report.unchanged} unchanged`);
  }
  if (report.ignoredColumns.length > 0) lines.push(`ignored columns: ${report.ignoredColumns.join(', ')}`);
  return lines.join('\n');
}
