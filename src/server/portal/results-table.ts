import { chinaDateTime } from '../../core/calendar/china-date.ts';
import type { ExportTable } from '../import/encode-file.ts';
import type { PublicResult } from './portal-data.ts';

/** Published results as a table for CSV and XLSX (no personal data, every version). */
export function resultsTable(results: readonly PublicResult[]): ExportTable {
  return {
    sheetName: '检查结果',
    headers: ['企业名称', '统一社会信用代码', '抽查任务', '检查日期', '检查结果', '结果代码', '重大事故隐患', '责令整改期限', '行政处罚决定书', '罚款（元）', '移送', '情况说明', '版本', '更正理由', '公示时间', '内容哈希'],
    rows: results.map((r) => [
      r.enterpriseName, r.uscc, r.taskTitle, r.inspectedOn, r.categoryLabel, r.category, String(r.hazards.filter((h) => h.major).length), r.handling.rectificationDue ?? '',
      r.handling.penalty?.decisionNumber ?? '', r.handling.penalty?.fineYuan !== undefined ? String(r.handling.penalty.fineYuan) : '', r.handling.transfer ? `${r.handling.transfer.to === 'JUDICIAL' ? '司法机关' : '行政机关'}：${r.handling.transfer.recipient}` : '',
      r.summary, String(r.version), r.correctionReason ?? '', chinaDateTime(r.publishedAt), r.contentHash,
    ]),
  };
}
