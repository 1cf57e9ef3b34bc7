import type { ChecklistRow } from '../core/directory/kinds/index.ts';

const INDUSTRY_TRADE = ['metallurgy', 'nonferrous', 'building_materials', 'machinery', 'light_industry', 'textile', 'commerce'];
/** Items every supervised enterprise is checked on: no sector list means every sector. */
const ALL: string[] = [];
const LAW = '《中华人民共和国安全生产法》';

type Item = [code: string, name: string, content: string, basis: string, sectors: string[], children?: [string, string][]];

/**
 * The demo checklist (抽查事项清单), from the ten content areas of 偃师 三 and the items of
 * 卧龙 第三十二条; sub-items show the hierarchy.
 */
const ITEMS: Item[] = [
  ['AQ01', '安全生产行政审批及管理机构人员情况', '依法通过安全生产行政审批；安全生产管理机构和安全生产管理人员设置配备', `${LAW}第二十四条`, ALL, [
    ['安全生产管理机构设置', '按规定设置安全生产管理机构或配备专职安全生产管理人员'],
    ['主要负责人和安全管理人员考核', '主要负责人、安全管理人员安全生产知识和管理能力考核合格'],
    ['特种作业人员持证上岗', '特种作业人员按照国家有关规定经专门的安全作业培训并取得相应资格'],
  ]],
  ['AQ02', '安全生产责任制和规章制度', '建立和落实全员安全生产责任制、安全生产规章制度和操作规程', `${LAW}第四条、第二十一条`, ALL, [
    ['全员安全生产责任制', '建立健全并落实全员安全生产责任制'],
    ['操作规程', '组织制定并实施本单位安全生产规章制度和操作规程'],
  ]],
  ['AQ03', '安全投入', '安全费用提取、使用情况及安全投入情况', `${LAW}第二十三条；《企业安全生产费用提取和使用管理办法》`, ALL],
  ['AQ04', '重大危险源管理', '重大危险源登记建档、定期检测、评估、监控和制定应急预案', `${LAW}第四十条；《危险化学品重大危险源监督管理暂行规定》`, ['hazardous_chemicals', 'fireworks'], [
    ['重大危险源辨识与备案', '重大危险源登记建档并报应急管理部门备案'],
    ['重大危险源监测监控', '重大危险源安全监测监控系统运行正常'],
  ]],
  ['AQ05', '安全设备和警示标志', '安全警示标志设置和对安全设备的维护、保养、定期检测', `${LAW}第三十五条、第三十六条`, ALL],
  ['AQ06', '应急预案和应急救援', '制定、实施生产安全事故应急预案，定期演练，应急救援器材配备', `${LAW}第八十一条、第八十二条；《生产安全事故应急条例》`, ALL, [
    ['应急预案备案', '生产安全事故应急预案按规定备案'],
    ['应急演练', '定期组织应急预案演练并记录'],
  ]],
  ['AQ07', '建设项目安全设施“三同时”', '安全设施与主体工程同时设计、同时施工、同时投入生产和使用', `${LAW}第三十一条至第三十四条`, ALL],
  ['AQ08', '安全生产教育培训和劳动防护', '从业人员、被派遣劳动者和实习学生的教育培训；劳动防护用品提供和佩戴', `${LAW}第二十八条、第四十五条`, ALL],
  ['AQ09', '隐患排查治理', '生产安全事故隐患排查治理制度建立及实施', `${LAW}第四十一条；《安全生产事故隐患排查治理暂行规定》`, ALL, [
    ['隐患排查治理制度', '建立健全隐患排查治理制度并如实记录'],
    ['重大事故隐患治理', '重大事故隐患治理方案、治理情况报告'],
  ]],
  ['AQ10', '高风险分级监管', '高风险工艺、设备、场所、岗位、物品的分级监管制度建立和落实', '《河南省安全生产风险管控与隐患治理办法》', ALL],
  ['AQ11', '交叉作业和承包租赁管理', '同一作业区域内生产经营活动的安全管理；对承包、承租单位的协调管理', `${LAW}第四十八条、第四十九条`, ALL],
  ['AQ12', '安全评价检测检验机构执业情况', '对安全评价、安全生产检测检验机构的行政检查', '《安全评价检测检验机构管理办法》', ['safety_services']],
  ['AQ13', '职业病危害防治', '职业病危害因素检测、评价，职业健康监护', '《中华人民共和国职业病防治法》', ['occupational_health', ...INDUSTRY_TRADE]],
];

export function demoChecklist(): ChecklistRow[] {
  const rows: ChecklistRow[] = [];
  for (const [code, name, content, legalBasis, sectors, children = []] of ITEMS) {
    const common = {
      legalBasis, sectors, method: '查阅资料、现场检查', department: '区应急管理局', level: '县级', subItem: null, category: null, itemKind: null,
      inspectionObject: null, subject: null, inspectorRequirement: null, ratioText: null, frequencyText: null, remarks: null, extra: {},
    };
    rows.push({ code, name, content, parentCode: null, ...common });
    children.forEach(([childName, childContent], i) => {
      rows.push({ code: `${code}-${String(i + 1).padStart(2, '0')}`, name: childName, content: childContent, parentCode: code, ...common });
    });
  }
  return rows;
}
