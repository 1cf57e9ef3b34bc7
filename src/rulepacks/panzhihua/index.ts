import { FIRST_SECTOR_CODES } from '../../core/directory/sectors.ts';
import { citing } from '../sdk/citing.ts';
import { defineRulePack } from '../sdk/define-rule-pack.ts';

// 攀枝花市 (seed 000): 攀安监〔2019〕3号, 安全生产"双随机，双公示"抽查机制的实施方案.
const doc = 'panzhihua-2019';
const c = citing(doc);

export default defineRulePack({
  meta: {
    id: 'panzhihua',
    name: '攀枝花市安全生产"双随机、双公示"抽查',
    level: 'CITY',
    version: '1.0.0',
    sources: [{ id: doc, number: '攀安监〔2019〕3号', title: '安全生产"双随机，双公示"抽查机制的实施方案', issuedBy: '攀枝花市安全生产监督管理局', date: '2019-01-09' }],
    inForce: { from: '2019-01-09' },
    description: '双随机、双公示: publish the objects drawn and the results.',
  },
  rules: {
    // 名录库要涵盖本地全部被监管企业; sub-directories by sector, class and grade.
    scope: { sectors: [...FIRST_SECTOR_CODES], subDirectories: ['sector', 'scale', 'riskLevel'], cite: c('二(二)') },
    directory: { mustInclude: ['keyHighDanger', 'blacklisted', 'majorHazard'], cite: c('二(二)') },
    // The document names the groups but not how many complaints make one "complaint-heavy": defaults.
    definitions: {
      complaintHeavy: { minRecords: 2, withinMonths: 12, cite: c('二(六)', { default: true, note: '投诉举报多: 2 or more in 12 months' }) },
      accidentProne: { minRecords: 2, withinMonths: 24, cite: c('二(六)', { default: true, note: '事故多发频发: 2 or more in 24 months' }) },
      penalised: { minRecords: 1, withinMonths: 12, cite: c('二(六)', { default: true, note: '受到过行政处罚: within the last 12 months' }) },
      seriousViolator: { minRecords: 1, withinMonths: 36, cite: c('二(六)', { default: true, note: '严重违法违规记录: within the last 36 months' }) },
    },
    shares: {
      planShareMin: { percent: 30, cite: c('二(六)') },
      covertDrawn: { generally: true, cite: c('二(六)') },
    },
    frequencies: [
      { who: 'keyHighDanger', every: 'year', cite: c('二(六)') },
      { who: 'complaintHeavy', every: 'half-year', cite: c('二(六)') },
      { who: 'accidentProne', every: 'half-year', cite: c('二(六)') },
      { who: 'penalised', every: 'half-year', cite: c('二(六)') },
      { who: 'seriousViolator', every: 'half-year', cite: c('二(六)') },
      { who: 'blacklisted', every: 'half-year', cite: c('二(六)') },
    ],
    exclusions: {
      // 一般不重合、不交叉: avoided, not forbidden.
      upperLevelDrawnThisYear: { effect: 'avoid', cite: c('二(二)') },
      // 上级…与下级…一般不重合、不交叉 binds both ways: the city avoids what its districts drew.
      lowerLevelDrawnThisYear: { effect: 'avoid', cite: c('二(二)') },
    },
    checklist: {
      // 随机抽取一定数量的检查事项: the number is left open.
      drawItems: { min: 3, cite: c('三(一)', { default: true, note: '一定数量: at least 3 items' }) },
      oneForm: { cite: c('二(三)') },
    },
    // 随机抽取一定数量的执法人员: at least two, as 行政处罚法 requires for enforcement.
    team: { minSize: 2, leader: true, cite: c('三(二)', { default: true, note: '执法人员不得少于两人 (行政处罚法第四十二条)' }) },
    eligibility: {
      formalStaff: false,
      certificateValidOnInspectionDate: true,
      domainMatch: true, // 依据被检查单位的行业特点和监管职责分工
      cite: c('三(二)'),
    },
    experts: { when: 'as-needed', drawnBy: 'specialty', directHireForComplexCases: true, cite: c('三(三)') },
    recusal: {
      reasons: ['interest', 'same-competent-department', 'served-enterprise'],
      serviceKinds: ['EVALUATION', 'TESTING', 'DESIGN', 'STANDARDISATION'],
      methods: ['step-out-and-redraw'],
      cite: c('三(三)'),
    },
    announcement: { leadDays: 15, count: 'calendar', covertStaysSecret: true, cite: c('三(四)') },
    deadlines: [{ id: 'publication', days: 7, count: 'calendar', from: 'inspection-end', cite: c('三(六)') }],
    afterPublication: {
      blacklistOn: { cases: ['concealed-major-hazard', 'unrectified-major-hazard'], cite: c('三(六)') },
      handling: { outcomes: ['penalty', 'exposure'], cite: c('三(六)') },
    },
  },
});
