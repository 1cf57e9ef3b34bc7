import { FIRST_SECTOR_CODES } from '../../core/directory/sectors.ts';
import { citing } from '../sdk/citing.ts';
import { defineRulePack } from '../sdk/define-rule-pack.ts';

// 黑龙江省某县 (seed 004): 县政府双随机一公开实施方案, following the provincial scheme (黑政转办发〔20**〕6号).
const doc = 'heilongjiang-county-plan';
const c = citing(doc);

export default defineRulePack({
  meta: {
    id: 'heilongjiang-county',
    name: '黑龙江省某县安全生产"双随机、一公开"',
    level: 'COUNTY',
    version: '1.0.0',
    sources: [{ id: doc, title: '县政府双随机一公开自查报告（实施方案）', issuedBy: '黑龙江省某县人民政府' }],
    inForce: { from: '2016-04-30' }, // 名录库 and 人员名录库 due by the end of April 2016 (二(二), 二(四))
  },
  rules: {
    // 按照《黑龙江省生产经营单位安全生产分类分级监督管理办法（试行）》建立名录库, covering every supervised enterprise.
    scope: { sectors: [...FIRST_SECTOR_CODES], subDirectories: ['sector', 'scale', 'riskLevel'], cite: c('二(二)') },
    directory: { mustInclude: ['blacklisted', 'keyHighDanger'], updateEveryMonths: 12, cite: c('二(二)') },
    shares: {
      planShareMin: { percent: 30, cite: c('二(五)', { note: '不低于30%并逐步提高' }) },
      covertDrawn: { generally: true, cite: c('二(五)') },
    },
    frequencies: [
      { who: 'keyHighDanger', every: 'year', cite: c('二(五)') },
      { who: 'blacklisted', every: 'half-year', cite: c('二(五)') },
      // 重大事故隐患单位: 制定专门的工作方案…增加执法检查频次. No period is given: half-yearly by default.
      { who: 'majorHazard', every: 'half-year', cite: c('二(五)', { default: true, note: '增加执法检查频次: at least half-yearly' }) },
    ],
    exclusions: {
      upperLevelDrawnThisYear: { effect: 'avoid', cite: c('二(二)') },
    },
    checklist: { oneForm: { cite: c('二(三)') } },
    team: { minSize: 2, leader: true, cite: c('二(四)', { default: true, note: '执法人员不得少于两人 (行政处罚法第四十二条)' }) },
    // 行政执法检查人员名录库要涵盖所有执法人员，并按照负责监管的行业领域分组.
    eligibility: { formalStaff: false, certificateValidOnInspectionDate: true, domainMatch: true, cite: c('二(四)') },
    experts: { when: 'as-needed', drawnBy: 'specialty', directHireForComplexCases: true, cite: c('二(四)') },
    deadlines: [{ id: 'publication', days: 20, count: 'working', from: 'handling-end', cite: c('二(七)') }],
    afterPublication: {
      handling: { outcomes: ['penalty', 'credit-record', 'exposure', 'restriction'], cite: c('二(八)') },
    },
    planning: {
      jointInspectionsMin: { perYear: 1, cite: c('二(六)', { default: true, note: '开展联合抽查: at least one a year' }) },
    },
  },
});
