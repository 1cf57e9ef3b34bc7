import { citing } from '../sdk/citing.ts';
import { defineRulePack } from '../sdk/define-rule-pack.ts';

// 南阳市卧龙区 (seed 002): "双随机、一公开"监管抽查工作细则.
// The document numbers two articles 第十五条 (in 第三章 and 第四章); citations say which.
const doc = 'wolong-rules';
const c = citing(doc);

export default defineRulePack({
  meta: {
    id: 'wolong',
    name: '卧龙区应急管理局"双随机、一公开"监管抽查',
    level: 'COUNTY',
    version: '1.0.0',
    sources: [{ id: doc, title: '"双随机、一公开"监管抽查工作细则', issuedBy: '南阳市卧龙区应急管理局' }],
    // The document carries no date; in force from the start of 2021 by default.
    inForce: { from: '2021-01-01' },
  },
  rules: {
    // 危险化学品、非煤矿山、安全评价检测检验机构、工矿商贸等行业领域.
    scope: {
      sectors: ['hazardous_chemicals', 'non_coal_mine', 'safety_services', 'metallurgy', 'nonferrous', 'building_materials', 'machinery', 'light_industry', 'textile', 'commerce'],
      subDirectories: ['sector', 'riskLevel', 'creditLevel'],
      cite: c('第六条'),
    },
    // 凡是列入清单内监管事项所对应的市场主体…均应列入市场主体名录库.
    directory: { mustInclude: ['all'], cite: c('第八条') },
    definitions: {
      // 多次被投诉举报: "several" read as two or more in a year.
      complaintHeavy: { minRecords: 2, withinMonths: 12, cite: c('第十五条（第三章）', { default: true, note: '多次: 2 or more in 12 months' }) },
      seriousViolator: { minRecords: 1, withinMonths: 36, cite: c('第十五条（第三章）', { default: true }) },
    },
    shares: {
      entitiesDrawnMin: { percent: 5, cite: c('第六条') },
      roundsPerYearMin: { rounds: 1, cite: c('第六条') },
    },
    // 根据信用分级分类情况设定抽查比例; 高风险和失信 higher, 低风险 lower. The document gives no
    // numbers: weights 3 (high risk or dishonest), 2 (others), 1 (low risk) are defaults.
    strata: {
      by: ['riskLevel', 'creditLevel'],
      weights: [
        { when: { riskLevel: ['MAJOR', 'HIGH'] }, weight: 3 },
        { when: { creditLevel: ['DISHONEST', 'SERIOUSLY_DISHONEST'] }, weight: 3 },
        { when: { riskLevel: ['LOW'] }, weight: 1 },
        { when: {}, weight: 2 },
      ],
      cite: c('第十五条（第三章）', { default: true, note: '适当提高/降低抽查比例和频次: weights 3/2/1' }),
    },
    cap: {
      perYear: 2,
      // 多次被投诉举报、列入重点关注名录、失信记录、严重违法违规记录, or 专项整治/特殊事件/上级指令的定向抽查.
      exceptions: ['complaintHeavy', 'keyHighDanger', 'dishonest', 'seriousViolator', 'directedSpecial'],
      cite: c('第十五条（第三章）', { note: '重点关注名录 read as key high-danger units' }),
    },
    exclusions: {
      notDoubleRandom: {
        kinds: [
          { code: 'special-order', label: '国务院、应急部和省政府对监督检查有专门要求或重点工作部署的' },
          { code: 'complaint-lead', label: '受理投诉举报、大数据监测、依法履职过程中发现涉嫌违法违规行为，依法应当进行监督检查的' },
          { code: 'transferred-case', label: '转办、交办、督办案件的' },
          { code: 'emergency', label: '突发性安全生产事件的' },
          { code: 'other', label: '其他不适用于随机抽查事项的' },
        ],
        cite: c('第二条'),
      },
    },
    team: { minSize: 2, leader: true, cite: c('第十八条') },
    eligibility: {
      formalStaff: false,
      certificateValidOnInspectionDate: true, // 检查人员应当具备执法资格 (第十九条)
      domainMatch: true,
      cite: c('第十九条', { note: 'domain match is a default: 第九条 records 执法领域 without requiring it' }),
    },
    experts: { when: 'as-needed', drawnBy: 'specialty', directHireForComplexCases: true, cite: c('第十八条') },
    recusal: { reasons: ['interest'], methods: ['step-out-and-redraw'], cite: c('第二十条') },
    replacement: { reasons: ['post-change', 'work-conflict', 'health'], approval: '任务执行单位同意', cite: c('第二十条') },
    pooling: { neighbours: true, townshipStations: false, directAssignment: true, cite: c('第十八条') },
    // 确认锁定并选择下发…同时自动在"双随机"监管平台发布抽查任务公告. No lead time is set.
    announcement: { leadDays: 0, count: 'calendar', covertStaysSecret: true, automatic: true, cite: c('第十七条', { note: 'covert checks stay secret by default' }) },
    deadlines: [
      { id: 'result-entry', days: 20, count: 'working', from: 'task-end', cite: c('第二十六条') },
      { id: 'publication', days: 20, count: 'working', from: 'task-end', cite: c('第二十六条') },
      { id: 'objection-review', days: 20, count: 'working', from: 'objection-received', cite: c('第二十六条') },
      { id: 'objection-answer', days: 15, count: 'working', from: 'review-done', cite: c('第二十六条') },
    ],
    resultCategories: {
      categories: [
        { code: 'no-problem', label: '未发现问题' },
        { code: 'not-disclosed', label: '未按规定公示应当公示的信息' },
        { code: 'false-disclosure', label: '公示信息隐瞒真实情况弄虚作假' },
        { code: 'unreachable', label: '通过登记的住所（经营场所）无法联系' },
        { code: 'ordered-to-correct', label: '发现问题已责令改正' },
        { code: 'non-cooperation', label: '不配合检查情节严重' },
        { code: 'no-activity', label: '未发现开展本次抽查涉及的经营活动' },
        { code: 'pending', label: '发现问题待后续处理' },
        { code: 'pass', label: '合格' },
        { code: 'fail', label: '不合格' },
      ],
      cite: c('第二十四条'),
    },
    // 检查结束后，汇总检查情况形成检查结果并由检查组全体成员签字确认.
    resultSigning: { by: 'whole-team', cite: c('第二十三条') },
    nonCooperation: {
      category: 'non-cooperation',
      cases: [
        { code: 'refused-entry', label: '拒绝检查人员或其委托的专业机构进入被检查场所' },
        { code: 'refused-materials', label: '拒绝向检查人员或其委托的专业机构提供相关材料' },
        { code: 'untruthful', label: '不如实或不按要求提供情况或相关材料' },
        { code: 'obstruction', label: '其他阻扰、妨碍检查工作的行为，致使检查工作无法正常进行' },
      ],
      cite: c('第二十五条'),
    },
    afterPublication: {
      changeNeedsPrincipalSignature: { cite: c('第二十六条') },
      objection: { reviewWorkingDays: 20, answerWorkingDays: 15, cite: c('第二十六条') },
    },
    planning: {
      filedUpwardAndPublished: { cite: c('第十二条') },
      jointInspectionsMin: { perYear: 1, cite: c('第十三条') },
    },
  },
});
