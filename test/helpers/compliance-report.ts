import type { ReportFacts } from '../../src/core/compliance/report-facts.ts';
import type { ComplianceReport, ComplianceRow } from '../../src/core/compliance/types.ts';

/**
 * A year of 卧龙区 as the compliance engine reports it, built by hand: test data for the report's
 * sections and renderers (the engine itself is tested on its own). 103 of 2,030 entities drawn,
 * the figure one bureau's script found; one obligation missed with its units named.
 */
const doc = 'wolong-rules';
const year = { from: '2026-01-01', to: '2026-12-31', label: '2026年' };

const row = (over: Partial<ComplianceRow> & Pick<ComplianceRow, 'id' | 'kind' | 'label' | 'status'>): ComplianceRow => ({
  cite: { doc, clause: '第六条' },
  period: year,
  target: null,
  achieved: null,
  explanation: '',
  subjects: [],
  subjectsTotal: 0,
  ...over,
});

export const WOLONG_ROWS: readonly ComplianceRow[] = [
  row({ id: 'entities-drawn', kind: 'ENTITIES_DRAWN_SHARE', label: '抽取的检查对象占监管对象总数的比例', status: 'MET', target: { value: 5, of: null, unit: 'PERCENT', text: '不低于5%' }, achieved: { value: 5.07, of: 2030, unit: 'PERCENT', text: '103家／2030家（5.07%）' }, explanation: '按家计，同一对象多次抽中计一家。' }),
  row({ id: 'rounds', kind: 'ROUNDS', label: '全年抽查轮次', status: 'MET', target: { value: 1, of: null, unit: 'ROUNDS', text: '不少于1轮' }, achieved: { value: 3, of: null, unit: 'ROUNDS', text: '3轮' }, explanation: '已完成3次抽查任务。' }),
  row({ id: 'cap', kind: 'CAP', label: '同一对象全年被抽查次数上限', cite: { doc, clause: '第十五条（第四章）' }, status: 'MISSED', target: { value: 2, of: null, unit: 'COUNT', text: '不超过2次' }, achieved: { value: 3, of: null, unit: 'COUNT', text: '最多3次' }, explanation: '1家被抽查3次，超过上限。', subjects: [{ kind: 'ENTERPRISE', uscc: '91411303MA44TEST1X', name: '南阳市卧龙区宏达化工有限公司', note: '被抽查3次' }], subjectsTotal: 1 }),
  row({ id: 'joint', kind: 'JOINT', label: '联合抽查次数', cite: { doc, clause: '第十三条' }, status: 'AT_RISK', target: { value: 1, of: null, unit: 'COUNT', text: '不少于1次' }, achieved: { value: 0, of: null, unit: 'COUNT', text: '0次' }, explanation: '尚未开展联合抽查。' }),
  row({ id: 'frequency:KEY_HIGH_DANGER:year:1', kind: 'FREQUENCY', label: '危险性较大的重点单位每年检查覆盖', cite: { doc, clause: '第十五条（第三章）' }, status: 'MISSED', target: { value: 109, of: 109, unit: 'COUNT', text: '109家全部覆盖' }, achieved: { value: 36, of: 109, unit: 'COUNT', text: '36家／109家（33.02%）' }, explanation: '73家重点单位本年度尚未检查。', subjects: [{ kind: 'ENTERPRISE', uscc: '91411303MA44KEY01A', name: '南阳市卧龙区金龙煤气有限公司', note: '本年度尚未检查' }, { kind: 'ENTERPRISE', uscc: '91411303MA44KEY02B', name: '卧龙区永安液化气站', note: '本年度尚未检查' }], subjectsTotal: 73 }),
  row({ id: 'deadline:publication', kind: 'DEADLINE', label: '检查结果公开时限', cite: { doc, clause: '第二十二条' }, status: 'MISSED', target: { value: 20, of: null, unit: 'DAYS', text: '20个工作日内' }, achieved: { value: 2, of: 40, unit: 'COUNT', text: '40份中2份逾期' }, explanation: '2份检查结果晚于时限公开。', subjects: [{ kind: 'TASK', taskId: 'task-2', title: '2026年第二批双随机抽查', note: '晚3个工作日' }], subjectsTotal: 2 }),
  row({ id: 'recusal', kind: 'RECUSAL', label: '回避', cite: { doc, clause: '第十九条' }, status: 'MET', achieved: { value: 1, of: null, unit: 'COUNT', text: '回避1人次' }, explanation: '已按规定回避。', subjects: [{ kind: 'INSPECTOR', inspectorId: 'i-1', name: '王建国', note: '与被检查对象有利害关系' }], subjectsTotal: 1 }),
  row({ id: 'other:filed-upward', kind: 'OTHER', label: '年度计划报上级备案并公开', cite: { doc, clause: '第十二条' }, status: 'NOT_MEASURABLE', explanation: '备案在平台之外进行，平台无记录。' }),
];

export const WOLONG_REPORT: ComplianceReport = {
  jurisdiction: { code: '411303', name: '南阳市卧龙区', level: 'COUNTY' },
  year: 2026,
  asOf: '2026-12-31',
  pack: { id: 'wolong', version: '1.0.0', name: '卧龙区应急管理局"双随机、一公开"监管抽查' },
  rows: WOLONG_ROWS,
  warnings: [],
  coverage: [
    { group: 'KEY_HIGH_DANGER', label: '危险性较大的重点单位', due: 109, inspectedByMonth: [0, 0, 10, 10, 18, 18, 25, 25, 30, 36, 36, 36] },
    { group: 'BLACKLISTED', label: '黑名单单位', due: 20, inspectedByMonth: [0, 0, 2, 2, 3, 5, 5, 5, 5, 5, 5, 5] },
  ],
  inspectorLoad: [
    { inspectorId: 'i-1', name: '王建国', draws: 6, inspections: 5 },
    { inspectorId: 'i-2', name: '李秀英', draws: 4, inspections: 4 },
  ],
  totals: { supervised: 2030, distinctDrawn: 103, draws: 141, inspectionsDone: 120, otherInspections: 30, tasks: 3, cancelledTasks: 1 },
};

export const WOLONG_FACTS: ReportFacts = {
  sources: [{ id: doc, title: '"双随机、一公开"监管抽查工作细则' }],
  results: { published: 40, byCategory: [{ code: 'no-problem', label: '未发现问题', count: 31 }, { code: 'not-disclosed', label: '未按规定公示应当公示的信息', count: 9 }], cite: { doc, clause: '第二十一条' } },
  corrections: { list: [{ uscc: '91411303MA44TEST1X', name: '南阳市卧龙区宏达化工有限公司', version: 2, on: '2026-05-06', reason: '复核确有错误' }], cite: { doc, clause: '第二十六条' } },
  objections: { filed: 3, reviewed: 2, upheld: 1, answered: 2, late: [{ objectionId: 'o-1', uscc: '91411303MA44TEST1X', name: '南阳市卧龙区宏达化工有限公司', step: 'ANSWER', due: '2026-05-20', doneOn: '2026-05-25', cite: { doc, clause: '第二十六条' } }], cite: { doc, clause: '第二十六条' } },
  consequences: {
    penalties: [{ uscc: '91411303MA44KEY01A', name: '南阳市卧龙区金龙煤气有限公司', decisionNumber: '卧应急罚〔2026〕7号', fineYuan: 30000 }],
    transfers: [{ uscc: '91411303MA44KEY02B', name: '卧龙区永安液化气站', to: 'AUTHORITY', recipient: '卧龙区市场监督管理局' }],
    blacklistings: [{ uscc: '91411303MA44KEY01A', name: '南阳市卧龙区金龙煤气有限公司', since: '2026-04-02', reason: '重大事故隐患隐瞒不报', cite: { doc, clause: '第二十五条' }, withdrawn: false }],
    creditRecords: [{ uscc: '91411303MA44KEY01A', name: '南阳市卧龙区金龙煤气有限公司', what: '行政处罚', reason: '行政处罚 卧应急罚〔2026〕7号', on: '2026-03-20' }],
    handlingCite: null,
  },
};
