import type { Citation } from '../rules/schema.ts';
import type { ReportFacts } from './report-facts.ts';
import type { ComplianceReport, ComplianceRow, ComplianceSubject, ObligationKind, ObligationStatus } from './types.ts';

/** The status as a clerk reads it (合规 screen, PDF, XLSX). */
export const STATUS_LABELS: Record<ObligationStatus, string> = {
  MET: '已达成',
  ON_TRACK: '按进度',
  AT_RISK: '有风险',
  MISSED: '未达成',
  NOT_MEASURABLE: '无法计量',
};

/** A table of a section: a title, its column headings and rows of text. */
export interface ReportTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface ReportSection {
  readonly id: string;
  /** 一、总体情况 … as 004 numbers its headings. */
  readonly heading: string;
  /** Chinese sentences, each figure with its clause in （）. */
  readonly paragraphs: readonly string[];
  readonly tables: readonly ReportTable[];
}

/** 自查报告: the whole report, ready for a renderer (PDF, XLSX) that only lays it out. */
export interface SelfInspectionReport {
  readonly title: string;
  /** 统计截至… 规则包… */
  readonly subtitle: string;
  readonly sections: readonly ReportSection[];
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/**
 * 5.07%: two decimals rounded down, as the compliance rows are, so that a share just short of its
 * target never reads as reaching it (4 of 60 is 6.66%). The epsilon keeps 29 of 100 at 29.00%.
 */
export const percentText = (value: number, of: number): string => (of === 0 ? '—' : `${(Math.floor((value * 10000) / of + 1e-9) / 100).toFixed(2)}%`);

/** 《document》clause; a clause the pack supplies where the document is silent says so. */
export function citeText(cite: Citation | null, sources: ReportFacts['sources']): string {
  if (!cite) return '平台默认';
  const source = sources.find((s) => s.id === cite.doc);
  const doc = source ? (source.number ?? `《${source.title}》`) : cite.doc;
  return `${doc}${cite.clause}${cite.default ? '（文件未明确，规则包默认）' : ''}`;
}

/** Whole calendar days from `from` to `to` (ISO civil dates). */
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const subjectName = (s: ComplianceSubject): string => (s.kind === 'TASK' ? s.title : s.name);
const subjectCode = (s: ComplianceSubject): string => (s.kind === 'ENTERPRISE' || s.kind === 'RESULT' ? s.uscc : s.kind === 'TASK' ? s.taskId : s.inspectorId);

/** One obligation as a sentence: what it asks, its clause, the target, what was achieved, the status. */
export function rowSentence(row: ComplianceRow, sources: ReportFacts['sources']): string {
  const figures = [row.target ? `目标${row.target.text}` : null, row.achieved ? `实际${row.achieved.text}` : null].filter(Boolean).join('，');
  return `${row.label}（${citeText(row.cite, sources)}，${row.period.label}）：${figures ? `${figures}，` : ''}${STATUS_LABELS[row.status]}。${row.explanation}`;
}

const obligationTable = (title: string, rows: readonly ComplianceRow[], sources: ReportFacts['sources']): ReportTable => ({
  title,
  columns: ['义务', '条款', '期间', '目标', '实际', '状态'],
  rows: rows.map((r) => [r.label, citeText(r.cite, sources), r.period.label, r.target?.text ?? '—', r.achieved?.text ?? '—', STATUS_LABELS[r.status]]),
});

/** The entities or tasks behind rows that are not met: who is still due, who is over the cap, which task was late. */
const subjectsTable = (title: string, rows: readonly ComplianceRow[]): ReportTable | null => {
  const listed = rows.filter((r) => r.status !== 'MET' && r.subjects.length > 0);
  if (listed.length === 0) return null;
  return {
    title,
    columns: ['义务', '对象', '代码', '说明'],
    rows: listed.flatMap((r) => [
      ...r.subjects.map((s) => [r.label, subjectName(s), subjectCode(s), s.note]),
      ...(r.subjectsTotal > r.subjects.length ? [[r.label, `另有${r.subjectsTotal - r.subjects.length}个未列出`, '', '']] : []),
    ]),
  };
};

/** Which section of 004's order an obligation belongs to. */
const SECTION_OF: Record<ObligationKind, 'shares' | 'frequency' | 'checklist' | 'deadlines' | 'other'> = {
  ENTITIES_DRAWN_SHARE: 'shares',
  ROUNDS: 'shares',
  DOUBLE_RANDOM_SHARE: 'shares',
  CAP: 'shares',
  JOINT: 'shares',
  FREQUENCY: 'frequency',
  CHECKLIST_COVERAGE: 'checklist',
  CHECKLIST_ITEM: 'checklist',
  SPECIALISTS: 'checklist',
  RECUSAL: 'checklist',
  INSPECTOR_DIRECTORY: 'checklist',
  DEADLINE: 'deadlines',
  OTHER: 'other',
};

/**
 * The self-inspection report (自查报告) of a jurisdiction's year, written the way 004 (黑龙江某县
 * 自查报告) is: the year's totals, the shares and frequencies (二(五)), coverage per group, the
 * checklist and the inspectors, deadlines (二(七)), results, corrections and objections, the use
 * of the results (二(八)), what the platform cannot measure and what remains to be done. Every
 * obligation appears exactly once, with its clause; none is dropped for being unmeasurable.
 */
export function reportSections(report: ComplianceReport, facts: ReportFacts): SelfInspectionReport {
  const { sources } = facts;
  const t = report.totals;
  const byPart = (part: string) => report.rows.filter((r) => r.status !== 'NOT_MEASURABLE' && SECTION_OF[r.kind] === part);
  const sections: Omit<ReportSection, 'heading'>[] = [];
  const drawnShare = report.rows.find((r) => r.kind === 'ENTITIES_DRAWN_SHARE');
  const shareCite = drawnShare ? `（${citeText(drawnShare.cite, sources)}）` : '';

  sections.push({
    id: 'overview',
    paragraphs: [
      `${report.year}年（统计截至${report.asOf}），全年共抽取检查对象${t.distinctDrawn}家，占监管对象总数${t.supervised}家的${percentText(t.distinctDrawn, t.supervised)}${shareCite}；共抽取${t.draws}户次（同一对象多次抽中按户次计，按家计为${t.distinctDrawn}家）。`,
      `全年开展抽查任务${t.tasks}次（另取消${t.cancelledTasks}次），实际完成双随机检查${t.inspectionsDone}户次，其他方式检查${t.otherInspections}户次；双随机检查占实际检查的${percentText(t.inspectionsDone, t.inspectionsDone + t.otherInspections)}。`,
      report.pack ? `适用规则包：${report.pack.name}（${report.pack.id}@${report.pack.version}）。` : '本年度未设定规则包，各项义务无从计量。',
      `共计${report.rows.length}项义务：${(Object.keys(STATUS_LABELS) as ObligationStatus[]).map((s) => `${STATUS_LABELS[s]}${report.rows.filter((r) => r.status === s).length}项`).join('，')}。`,
    ],
    tables: [],
  });

  const shares = byPart('shares');
  sections.push({ id: 'shares', paragraphs: shares.length ? shares.map((r) => rowSentence(r, sources)) : ['规则包未规定抽查比例和频次。'], tables: shares.length ? [obligationTable('抽查比例和频次', shares, sources), ...[subjectsTable('未达成或有风险的对象', shares)].filter((x): x is ReportTable => x !== null)] : [] });

  const frequency = byPart('frequency');
  const coverageRows = report.coverage.map((c) => {
    const inspected = c.inspectedByMonth.at(-1) ?? 0;
    return [c.label, String(c.due), String(inspected), percentText(inspected, c.due)];
  });
  sections.push({
    id: 'coverage',
    paragraphs: frequency.length ? frequency.map((r) => rowSentence(r, sources)) : ['规则包未规定重点对象的检查频次。'],
    tables: [
      ...(coverageRows.length ? [{ title: '各类对象检查覆盖', columns: ['对象类别', '应检查（家）', '已检查（家）', '覆盖率'], rows: coverageRows }] : []),
      ...[subjectsTable('尚未覆盖的对象', frequency)].filter((x): x is ReportTable => x !== null),
    ],
  });

  const checklist = byPart('checklist');
  sections.push({
    id: 'checklist',
    paragraphs: checklist.length ? checklist.map((r) => rowSentence(r, sources)) : ['规则包未规定抽查事项和检查人员的要求。'],
    tables: [
      ...(checklist.length ? [obligationTable('抽查事项和检查人员', checklist, sources)] : []),
      ...(report.inspectorLoad.length ? [{ title: '检查人员工作量', columns: ['检查人员', '被抽中（次）', '实际检查（户次）'], rows: report.inspectorLoad.map((i) => [i.name, String(i.draws), String(i.inspections)]) }] : []),
    ],
  });

  const deadlines = byPart('deadlines');
  sections.push({
    id: 'deadlines',
    paragraphs: deadlines.length ? deadlines.map((r) => rowSentence(r, sources)) : ['规则包未规定时限。'],
    tables: [...(deadlines.length ? [obligationTable('时限执行情况', deadlines, sources)] : []), ...[subjectsTable('逾期事项', deadlines)].filter((x): x is ReportTable => x !== null)],
  });

  const r = facts.results;
  sections.push({
    id: 'results',
    paragraphs: [`全年公开检查结果${r.published}份（${citeText(r.cite, sources)}）${r.byCategory.length ? `，其中${r.byCategory.map((c) => `${c.label}${c.count}份`).join('，')}` : ''}。`],
    tables: r.byCategory.length ? [{ title: '检查结果分类', columns: ['结果类别', '份数', '占比'], rows: r.byCategory.map((c) => [c.label, String(c.count), percentText(c.count, r.published)]) }] : [],
  });

  const o = facts.objections;
  const corrections = facts.corrections.list;
  sections.push({
    id: 'corrections',
    paragraphs: [
      `全年更正已公开的检查结果${corrections.length}份（${citeText(facts.corrections.cite, sources)}）。`,
      `全年收到异议申请${o.filed}件，已复核${o.reviewed}件，其中确有错误予以更正${o.upheld}件，已反馈${o.answered}件；复核或反馈超过期限${o.late.length}件（${citeText(o.cite, sources)}）。`,
    ],
    tables: [
      ...(corrections.length ? [{ title: '更正', columns: ['被检查对象', '统一社会信用代码', '版本', '日期', '更正理由'], rows: corrections.map((c) => [c.name, c.uscc, `第${c.version}版`, c.on, c.reason]) }] : []),
      ...(o.late.length
        ? [{ title: '逾期的异议处理', columns: ['被检查对象', '统一社会信用代码', '环节', '期限', '完成日期', '逾期'], rows: o.late.map((l) => [l.name, l.uscc, l.step === 'REVIEW' ? '复核' : '反馈', l.due, l.doneOn ?? '尚未完成', l.doneOn ? `${daysBetween(l.due, l.doneOn)}天` : `截至${report.asOf}已逾期${daysBetween(l.due, report.asOf)}天`]) }]
        : []),
    ],
  });

  const c = facts.consequences;
  const judicial = c.transfers.filter((x) => x.to === 'JUDICIAL').length;
  sections.push({
    id: 'consequences',
    paragraphs: [
      `对抽查发现的违法违规行为依法查处（${citeText(c.handlingCite, sources)}）：行政处罚${c.penalties.length}家，罚款合计${c.penalties.reduce((sum, p) => sum + (p.fineYuan ?? 0), 0)}元；移送${c.transfers.length}家（其中移送司法机关${judicial}家）。`,
      `列入安全生产"黑名单"${c.blacklistings.filter((b) => !b.withdrawn).length}家${c.blacklistings.some((b) => b.withdrawn) ? `（另有${c.blacklistings.filter((b) => b.withdrawn).length}家经更正撤回）` : ''}，记入安全生产信用记录${c.creditRecords.length}条。`,
    ],
    tables: [
      ...(c.penalties.length ? [{ title: '行政处罚', columns: ['被检查对象', '统一社会信用代码', '决定书文号', '罚款（元）'], rows: c.penalties.map((p) => [p.name, p.uscc, p.decisionNumber, p.fineYuan === null ? '—' : String(p.fineYuan)]) }] : []),
      ...(c.transfers.length ? [{ title: '移送', columns: ['被检查对象', '统一社会信用代码', '移送', '接收单位'], rows: c.transfers.map((x) => [x.name, x.uscc, x.to === 'JUDICIAL' ? '司法机关' : '有关部门', x.recipient]) }] : []),
      ...(c.blacklistings.length ? [{ title: '列入黑名单', columns: ['被检查对象', '统一社会信用代码', '列入日期', '原因', '条款'], rows: c.blacklistings.map((b) => [b.name, b.uscc, b.since, b.withdrawn ? `${b.reason}（已撤回）` : b.reason, citeText(b.cite, sources)]) }] : []),
      ...(c.creditRecords.length ? [{ title: '信用记录', columns: ['被检查对象', '统一社会信用代码', '记录', '原因', '日期'], rows: c.creditRecords.map((x) => [x.name, x.uscc, x.what, x.reason, x.on]) }] : []),
    ],
  });

  // Stated by the pack, not measured by the platform: listed with the reason, never dropped.
  const unmeasured = report.rows.filter((row) => row.status === 'NOT_MEASURABLE' || SECTION_OF[row.kind] === 'other');
  sections.push({
    id: 'unmeasured',
    paragraphs: unmeasured.length ? unmeasured.map((row) => `${row.label}（${citeText(row.cite, sources)}）：${STATUS_LABELS[row.status]}。${row.explanation}`) : ['规则包规定的各项义务均可由平台计量。'],
    tables: [],
  });

  const open = report.rows.filter((row) => row.status === 'MISSED' || row.status === 'AT_RISK');
  sections.push({
    id: 'problems',
    paragraphs: [
      ...(open.length ? open.map((row) => `${STATUS_LABELS[row.status]}：${row.label}（${citeText(row.cite, sources)}），${row.explanation}`) : ['各项可计量的义务均已达成或按进度推进。']),
      ...report.warnings.map((w) => `${w.dueBy}前（剩余${w.daysLeft}天）：${w.message}${w.suggestedTask ? `建议：${w.suggestedTask.title}（${w.suggestedTask.size}家）。` : ''}`),
    ],
    tables: [],
  });

  const HEADINGS: Record<string, string> = {
    overview: '总体情况',
    shares: '抽查比例和频次',
    coverage: '重点对象检查覆盖',
    checklist: '抽查事项和检查人员',
    deadlines: '时限执行情况',
    results: '检查结果',
    corrections: '更正与异议',
    consequences: '抽查成果综合运用',
    unmeasured: '平台无法计量的义务',
    problems: '存在的问题和下一步工作',
  };
  return {
    title: `${report.jurisdiction.name}${report.year}年"双随机、一公开"自查报告`,
    subtitle: `统计截至${report.asOf}${report.pack ? `　适用规则包：${report.pack.name}（${report.pack.version}）` : ''}`,
    sections: sections.map((s, i) => ({ ...s, heading: `${NUMERALS[i]}、${HEADINGS[s.id]}` })),
  };
}
