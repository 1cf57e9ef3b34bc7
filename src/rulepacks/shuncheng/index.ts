import { citing } from '../sdk/citing.ts';
import { defineRulePack } from '../sdk/define-rule-pack.ts';

// 抚顺市顺城区 (seed 003): 顺城区安全生产监督管理局随机抽查工作细则.
const doc = 'shuncheng-rules';
const c = citing(doc);

export default defineRulePack({
  meta: {
    id: 'shuncheng',
    name: '顺城区安全生产监督管理局随机抽查',
    level: 'COUNTY',
    version: '1.0.0',
    sources: [{ id: doc, title: '顺城区安全生产监督管理局随机抽查工作细则', issuedBy: '顺城区安全生产监督管理局' }],
    // Undated; 第八条 sets targets for 2016 and 2017, so in force from 2016.
    inForce: { from: '2016-01-01' },
  },
  rules: {
    scope: { sectors: ['non_coal_mine', 'hazardous_chemicals', 'fireworks', 'general', 'occupational_health'], cite: c('第十条') },
    // 对于守信企业，在抽取时可予以不抽查或降低抽查次数: honest enterprises weigh less (weights are defaults).
    strata: {
      by: ['creditLevel'],
      weights: [
        { when: { creditLevel: ['TRUSTWORTHY'] }, weight: 1 },
        { when: {}, weight: 2 },
      ],
      cite: c('第十二条', { default: true, note: '降低抽查次数: half the weight of others' }),
    },
    // 同一年度内对同一企业的抽查次数不超过4次; other units of the bureau exclude an enterprise checked 4 times.
    cap: { perYear: 4, exceptions: [], scope: 'bureau', cite: c('第十五条') },
    exclusions: {
      upperLevelDrawnThisYear: { effect: 'exclude', cite: c('第十五条') },
    },
    checklist: {
      drawItems: { min: 3, cite: c('第十三条', { default: true, note: '从随机抽查事项清单中抽取检查内容: at least 3' }) },
      coverage: [
        { fromYear: 2016, percent: 70, cite: c('第八条') },
        { fromYear: 2017, percent: 100, cite: c('第八条') },
      ],
    },
    team: { minSize: 2, leader: true, cite: c('第十三条', { default: true, note: 'two or more, three for non-coal mines' }) },
    specialists: [{ sector: 'non_coal_mine', teamSize: 3, minSpecialists: 1, cite: c('第十三条') }],
    eligibility: { formalStaff: false, certificateValidOnInspectionDate: true, domainMatch: false, cite: c('第九条') },
    pooling: { neighbours: false, townshipStations: true, directAssignment: false, cite: c('第十四条') },
    experts: { when: 'as-needed', drawnBy: 'specialty', directHireForComplexCases: false, cite: c('第十四条') },
    recusal: { reasons: ['interest'], methods: ['swap', 'step-out-and-redraw'], cite: c('第十四条') },
    deadlines: [
      { id: 'report', days: 5, count: 'working', from: 'inspection-end', cite: c('第十七条') },
      { id: 'feedback', days: 5, count: 'working', from: 'report-done', cite: c('第十八条') },
      { id: 'opinion', days: 3, count: 'working', from: 'feedback-received', cite: c('第二十条') },
    ],
    periodicPublication: { every: 'month', withinWorkingDays: 5, cite: c('第二十一条') },
    resultCategories: {
      // 对被检查人评价，以及处理意见和建议: an evaluation with a handling opinion.
      categories: [
        { code: 'no-violation', label: '未发现违法行为' },
        { code: 'rectify', label: '发现问题，责令整改' },
        { code: 'penalty', label: '予以行政处罚' },
        { code: 'transfer', label: '移送其他行政机关或司法机关' },
      ],
      cite: c('第十七条', { note: 'the categories follow 第二十二条\'s outcomes' }),
    },
    afterPublication: {
      handling: { outcomes: ['penalty', 'transfer-authority', 'transfer-judicial'], cite: c('第二十二条') },
    },
    planning: {
      annualPlanDue: { month: 12, day: 31, plansYear: 'next', cite: c('第十一条') },
    },
  },
});
