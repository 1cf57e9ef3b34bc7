import { citing } from '../sdk/citing.ts';
import { defineRulePack } from '../sdk/define-rule-pack.ts';

// 洛阳市偃师区 (seed 001): 偃应急〔2023〕18号, 2023年"双随机、一公开"监管工作实施方案.
const doc = 'yanshi-2023';
const c = citing(doc);

export default defineRulePack({
  meta: {
    id: 'yanshi',
    name: '偃师区2023年"双随机、一公开"监管',
    level: 'COUNTY',
    version: '1.0.0',
    sources: [{ id: doc, number: '偃应急〔2023〕18号', title: '2023年"双随机、一公开"监管工作实施方案', issuedBy: '洛阳市偃师区应急管理局', date: '2023' }],
    inForce: { from: '2023-01-01', until: '2023-12-31' },
  },
  rules: {
    // 冶金、有色、建材、机械、轻工、纺织等工贸行业企业.
    scope: { sectors: ['metallurgy', 'nonferrous', 'building_materials', 'machinery', 'light_industry', 'textile'], cite: c('二(一)') },
    exclusions: {
      // 必须要严格按照执法计划和"双随机一公开"抽取的企业进行安全生产行政执法.
      onlyDrawnMayBeInspected: { cite: c('五(四)') },
    },
    checklist: {
      // 随机抽取执法检查对象和事项; the ten content areas of 三 form the checklist.
      drawItems: { min: 3, cite: c('四.1', { default: true, note: '一定数量: at least 3 of the 10 content areas' }) },
    },
    // 随机抽取一定数量的执法人员 … 进行分组.
    team: { minSize: 2, leader: true, cite: c('四.2', { default: true, note: '执法人员不得少于两人 (行政处罚法第四十二条)' }) },
    eligibility: {
      // 取得有效行政执法证件的正式工作人员; drawn by the enterprise's industry (四.2).
      formalStaff: true,
      certificateValidOnInspectionDate: true,
      domainMatch: true,
      cite: c('二(二)'),
    },
    deadlines: [
      { id: 'result-entry', days: 5, count: 'working', from: 'result-produced', cite: c('二(三)') },
      // 执法检查结束后，各单位要于5日内…公开: calendar days.
      { id: 'publication', days: 5, count: 'calendar', from: 'inspection-end', cite: c('四.4') },
    ],
    afterPublication: {
      handling: { outcomes: ['penalty'], cite: c('四.4') },
    },
  },
});
