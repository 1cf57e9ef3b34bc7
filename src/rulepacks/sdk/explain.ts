import { packVocabulary } from './pack-vocabulary.ts';
import type { Citation, Rules, Selector } from '../../core/rules/schema.ts';
import { formatCitation } from './problem.ts';
import type { LoadedPack } from './validate-pack.ts';

/** One rule in plain words, in Chinese and English, with its clause. */
export interface Explanation {
  readonly path: string;
  readonly zh: string;
  readonly en: string;
  readonly cite: Citation;
  /** The citation as a reader sees it: 文号 and clause. */
  readonly source: string;
  /** The pack author's note on how the clause is read (a default's reasoning), when there is one. */
  readonly note?: string;
}

export const GROUP: Record<Selector, [string, string]> = {
  all: ['全部检查对象', 'every enterprise'],
  keyHighDanger: ['危险性较大的重点单位', 'key high-danger units'],
  blacklisted: ['列入"黑名单"的单位', 'blacklisted units'],
  majorHazard: ['存在重大事故隐患（重大危险源）的单位', 'units with major hazards'],
  complaintHeavy: ['投诉举报多的单位', 'complaint-heavy units'],
  accidentProne: ['事故多发频发的单位', 'accident-prone units'],
  penalised: ['受到过行政处罚的单位', 'penalised units'],
  seriousViolator: ['有严重违法违规记录的单位', 'serious violators'],
  dishonest: ['失信市场主体', 'dishonest entities'],
  trustworthy: ['守信企业', 'trustworthy enterprises'],
  highRisk: ['高风险检查对象', 'high-risk enterprises'],
  lowRisk: ['低风险检查对象', 'low-risk enterprises'],
  directedSpecial: ['专项整治、特殊事件或上级指令的定向抽查', 'directed special campaigns'],
};
const DEADLINE: Record<string, [string, string]> = {
  report: ['完成检查报告', 'complete the inspection report'],
  feedback: ['向被检查对象反馈检查结果', 'send the result to the enterprise'],
  opinion: ['被检查对象反馈意见建议', "receive the enterprise's opinion"],
  'result-entry': ['录入检查结果', 'enter the results'],
  publication: ['公开检查结果', 'publish the results'],
  'objection-review': ['复核异议', 'review an objection'],
  'objection-answer': ['反馈复核结果', 'answer an objection'],
};
const EVENT: Record<string, [string, string]> = {
  'inspection-end': ['检查结束', 'the inspection ends'],
  'report-done': ['检查报告完成', 'the report is done'],
  'feedback-received': ['收到书面反馈', 'the enterprise receives the result'],
  'result-produced': ['检查结果产生', 'the result is produced'],
  'task-end': ['抽查任务结束', 'the task ends'],
  'handling-end': ['查处完毕', 'handling ends'],
  'objection-received': ['收到异议申请材料', 'the objection is received'],
  'review-done': ['作出复核结果', 'the review is decided'],
};
const STRATUM_BY: Record<'sector' | 'scale' | 'riskLevel' | 'creditLevel', [string, string]> = {
  sector: ['行业', 'sector'],
  scale: ['规模', 'scale'],
  riskLevel: ['风险等级', 'risk level'],
  creditLevel: ['信用等级', 'credit level'],
};
const zhGroups = (s: readonly Selector[]) => s.map((x) => GROUP[x][0]).join('、');
const enGroups = (s: readonly Selector[]) => s.map((x) => GROUP[x][1]).join(', ');
const unit = (count: 'calendar' | 'working') => (count === 'working' ? ['个工作日', 'working days'] : ['日', 'calendar days']);

/** Every rule of a pack in plain Chinese and English, in the order of the rule language. */
export function explainRules(rules: Rules, sources: LoadedPack['meta']['sources']): Explanation[] {
  const out: Explanation[] = [];
  const add = (path: string, cite: Citation, zh: string, en: string) => out.push({ path, zh, en, cite, source: formatCitation(cite, sources), ...(cite.note ? { note: cite.note } : {}) });
  const r = rules;
  const sectorLabel = (code: string) => packVocabulary(r).labelOf(code);
  if (r.vocabulary) {
    const zh = r.vocabulary.sectors.map((s) => `${s.label}（${s.code}${s.parent ? `，属${sectorLabel(s.parent)}` : ''}${s.aliases?.length ? `，又称${s.aliases.join('、')}` : ''}）`).join('；');
    add('vocabulary', r.vocabulary.cite, `在全国基础行业目录之外增加行业领域：${zh}`, `Adds ${r.vocabulary.sectors.length} sector(s) to the national base vocabulary: ${r.vocabulary.sectors.map((s) => s.code).join(', ')}`);
  }
  if (r.scope) {
    const sub = r.scope.subDirectories?.length ? r.scope.subDirectories : undefined;
    add('scope', r.scope.cite, `名录库覆盖：${r.scope.sectors.map(sectorLabel).join('、')}${sub ? `；分设子名录：按${sub.map((d) => STRATUM_BY[d][0]).join('、')}` : ''}`, `The directory covers ${r.scope.sectors.length} sector(s): ${r.scope.sectors.join(', ')}${sub ? `; sub-directories by ${sub.map((d) => STRATUM_BY[d][1]).join(', ')}` : ''}`);
  }
  if (r.directory) add('directory', r.directory.cite, `必须纳入名录库：${zhGroups(r.directory.mustInclude)}${r.directory.updateEveryMonths ? `；至少每${r.directory.updateEveryMonths}个月更新` : ''}`, `Must be in the directory: ${enGroups(r.directory.mustInclude)}`);
  if (r.inspectorDirectory) {
    const d = r.inspectorDirectory;
    add('inspectorDirectory', d.cite, [d.minSize && `执法检查人员名录库不少于${d.minSize}人`, d.reviewEveryMonths && `每${d.reviewEveryMonths}个月核查一次名录（执法证件、岗位）`].filter(Boolean).join('；'), [d.minSize && `At least ${d.minSize} inspectors in the directory`, d.reviewEveryMonths && `the directory is reviewed every ${d.reviewEveryMonths} months`].filter(Boolean).join('; '));
  }
  for (const [k, d] of Object.entries(r.definitions ?? {})) {
    if (d) add(`definitions.${k}`, d.cite, `${GROUP[k as Selector][0]}：${d.withinMonths}个月内${d.minRecords}次及以上`, `${GROUP[k as Selector][1]}: ${d.minRecords}+ records within ${d.withinMonths} months`);
  }
  const s = r.shares;
  if (s?.planShareMin) add('shares.planShareMin', s.planShareMin.cite, `年度监督检查计划中"双随机"抽查比例不低于${s.planShareMin.percent}%`, `At least ${s.planShareMin.percent}% of the annual plan's inspections are double random`);
  if (s?.entitiesDrawnMin) add('shares.entitiesDrawnMin', s.entitiesDrawnMin.cite, `抽查比例不低于监管对象的${s.entitiesDrawnMin.percent}%`, `At least ${s.entitiesDrawnMin.percent}% of supervised entities are drawn each year`);
  if (s?.roundsPerYearMin) add('shares.roundsPerYearMin', s.roundsPerYearMin.cite, `每年至少抽查${s.roundsPerYearMin.rounds}次`, `At least ${s.roundsPerYearMin.rounds} round(s) a year`);
  if (s?.covertDrawn) add('shares.covertDrawn', s.covertDrawn.cite, '暗查暗访一般采用"双随机"方式', 'Covert checks are generally drawn at random');
  if (r.strata) {
    const matcher = (when: Record<string, readonly string[] | undefined>) => Object.entries(when).filter(([, v]) => v?.length).map(([k, v]) => `${k}=${v!.join('/')}`).join(' 且 ') || '其余';
    const weights = (r.strata.weights ?? []).map((w) => `${matcher(w.when)}→${w.weight}`).join('，');
    // 分层比例: the percent with its rounding (default up, 不低于), or a count; and the minimum.
    const ROUND = { up: ['向上取整', 'rounded up'], down: ['向下取整', 'rounded down'], nearest: ['四舍五入', 'rounded half up'] } as const;
    const ratioZh = (x: NonNullable<typeof r.strata.ratios>[number]) => `${matcher(x.when)}→${x.count !== undefined ? `${x.count}家` : `${x.percent}%（${ROUND[x.rounding ?? 'up'][0]}）`}${x.min !== undefined ? `，至少${x.min}家` : ''}`;
    const ratioEn = (x: NonNullable<typeof r.strata.ratios>[number]) => `${matcher(x.when)}→${x.count !== undefined ? `${x.count} enterprises` : `${x.percent}% (${ROUND[x.rounding ?? 'up'][1]})`}${x.min !== undefined ? `, at least ${x.min}` : ''}`;
    const ratios = (r.strata.ratios ?? []).map(ratioZh).join('；');
    const ratiosEn = (r.strata.ratios ?? []).map(ratioEn).join('; ');
    add('strata', r.strata.cite, `按${r.strata.by.map((b) => STRATUM_BY[b][0]).join('、')}分层${weights ? `；权重（取首个匹配）：${weights}` : ''}${ratios ? `；抽查比例（取首个匹配，比例分层内等概率抽取）：${ratios}` : ''}`, `Strata by ${r.strata.by.join(', ')}${weights ? `; weights (first match): ${weights}` : ''}${ratiosEn ? `; ratios (first match, uniform within the stratum): ${ratiosEn}` : ''}`);
  }
  (r.frequencies ?? []).forEach((f, i) => add(`frequencies.${i}`, f.cite, `${GROUP[f.who][0]}每${f.every === 'year' ? '年' : '半年'}至少检查一次`, `${GROUP[f.who][1]} are inspected at least once every ${f.every}`));
  if (r.cap) add('cap', r.cap.cite, `同一企业一年内${r.cap.scope === 'bureau' ? '被本局各业务部门' : ''}"双随机"检查不超过${r.cap.perYear}次${r.cap.exceptions.length ? `（不受限制：${zhGroups(r.cap.exceptions)}）` : ''}`, `At most ${r.cap.perYear} double-random inspections per enterprise a year${r.cap.scope === 'bureau' ? ' by the whole bureau' : ''}${r.cap.exceptions.length ? ` (except ${enGroups(r.cap.exceptions)})` : ''}`);
  const x = r.exclusions;
  if (x?.upperLevelDrawnThisYear) add('exclusions.upperLevelDrawnThisYear', x.upperLevelDrawnThisYear.cite, x.upperLevelDrawnThisYear.effect === 'exclude' ? '上级本年度已抽查的企业予以排除' : '与上级本年度抽查的企业一般不重合、不交叉（仅在候选不足时补抽）', x.upperLevelDrawnThisYear.effect === 'exclude' ? 'Enterprises the upper level drew this year are excluded' : 'Avoid enterprises the upper level drew this year (drawn only when the pool is short)');
  if (x?.lowerLevelDrawnThisYear) add('exclusions.lowerLevelDrawnThisYear', x.lowerLevelDrawnThisYear.cite, x.lowerLevelDrawnThisYear.effect === 'exclude' ? '下级本年度已抽查的企业予以排除' : '与下级本年度抽查的企业一般不重合、不交叉（仅在候选不足时补抽）', x.lowerLevelDrawnThisYear.effect === 'exclude' ? 'Enterprises the lower levels drew this year are excluded' : 'Avoid enterprises the lower levels drew this year (drawn only when the pool is short)');
  if (x?.notDoubleRandom) add('exclusions.notDoubleRandom', x.notDoubleRandom.cite, `不适用"双随机"的情形：${x.notDoubleRandom.kinds.map((k) => k.label).join('；')}`, `Not double random: ${x.notDoubleRandom.kinds.map((k) => k.code).join(', ')}`);
  if (x?.onlyDrawnMayBeInspected) add('exclusions.onlyDrawnMayBeInspected', x.onlyDrawnMayBeInspected.cite, '只能对抽取的企业实施检查', 'Only drawn enterprises may be inspected');
  const c = r.checklist;
  if (c?.drawItems) add('checklist.drawItems', c.drawItems.cite, `每次检查随机抽取不少于${c.drawItems.min}项检查事项${c.drawItems.max ? `，不多于${c.drawItems.max}项` : ''}`, `Each inspection draws at least ${c.drawItems.min} checklist item(s)`);
  (c?.coverage ?? []).forEach((v, i) => add(`checklist.coverage.${i}`, v.cite, `${v.fromYear}年起抽查事项清单覆盖${v.percent}%的执法事项`, `From ${v.fromYear} the checklist covers ${v.percent}% of enforcement items`));
  if (c?.oneForm) add('checklist.oneForm', c.oneForm.cite, '一张表格管检查', 'One form per inspection');
  const EVERY = { year: '每年', 'half-year': '每半年', quarter: '每季度', month: '每月' } as const;
  (c?.items ?? []).forEach((v, i) => add(
    `checklist.items.${i}`, v.cite,
    `${v.code !== undefined ? `事项 ${v.code}` : `名称或检查对象含“${v.match}”的事项`}：${[v.ratioMinPercent !== undefined ? `抽查比例不低于${v.ratioMinPercent}%` : '', v.every ? `${EVERY[v.every]}至少抽查一次` : ''].filter(Boolean).join('，')}`,
    `Items ${v.code ?? `matching "${v.match}"`}: ${[v.ratioMinPercent !== undefined ? `at least ${v.ratioMinPercent}%` : '', v.every ? `every ${v.every}` : ''].filter(Boolean).join(', ')}`,
  ));
  if (r.team) {
    const t = r.team;
    add('team', t.cite, `每个检查对象不少于${t.minSize}名检查人员${t.maxSize ? `、不多于${t.maxSize}名` : ''}${t.leader ? '，确定1名组长' : ''}${t.maxTeamsPerInspector ? `；一次抽取中每名检查人员至多参加${t.maxTeamsPerInspector}个检查组` : ''}`, `At least ${t.minSize}${t.maxSize ? ` and at most ${t.maxSize}` : ''} inspectors per enterprise${t.leader ? ', one of them leader' : ''}${t.maxTeamsPerInspector ? `; an inspector joins at most ${t.maxTeamsPerInspector} team(s) per draw` : ''}`);
    if (t.rotation) add('team.rotation', t.rotation.cite, `检查人员至多连续参加${t.rotation.maxConsecutiveDraws}次抽取（轮换${t.rotation.maxConsecutiveDraws === 1 ? '，每次双随机人员不同' : ''}）`, `An inspector serves in at most ${t.rotation.maxConsecutiveDraws} consecutive draw(s) (rotation)`);
  }
  (r.specialists ?? []).forEach((sp, i) => add(`specialists.${i}`, sp.cite, `${sectorLabel(sp.sector)}：抽取${sp.teamSize}名检查人员，其中该领域人员不少于${sp.minSpecialists}名`, `${sp.sector}: teams of ${sp.teamSize} with at least ${sp.minSpecialists} specialist(s)`));
  if (r.eligibility) {
    const e = r.eligibility;
    const zh = [e.formalStaff && '正式工作人员', e.certificateValidOnInspectionDate && '检查日持有效执法证件', e.domainMatch && '执法领域与被检查单位行业相符'].filter(Boolean).join('、');
    const en = [e.formalStaff && 'formal staff', e.certificateValidOnInspectionDate && 'a certificate valid on the inspection date', e.domainMatch && 'a matching enforcement domain'].filter(Boolean).join(', ');
    add('eligibility', e.cite, `检查人员资格：${zh || '无额外要求'}`, `Inspectors need ${en || 'nothing further'}`);
  }
  if (r.experts) add('experts', r.experts.cite, `根据需要按专业从专家库随机抽取专家${r.experts.directHireForComplexCases ? '；情况特殊复杂的可直接聘请知名专家' : ''}`, `Experts drawn by specialty when needed${r.experts.directHireForComplexCases ? '; renowned experts may be hired directly for complex cases' : ''}`);
  if (r.recusal) add('recusal', r.recusal.cite, `回避：${r.recusal.reasons.join('、')}；方式：${r.recusal.methods.map((m) => (m === 'swap' ? '交换检查对象' : '不参与并由系统重新抽取')).join('或')}`, `Recusal for ${r.recusal.reasons.join(', ')}; by ${r.recusal.methods.join(' or ')}`);
  if (r.replacement) add('replacement', r.replacement.cite, `抽取人员原则上不得更换；因${r.replacement.reasons.map((x) => ({ 'post-change': '工作岗位调整', 'work-conflict': '工作冲突', health: '身体健康状况' })[x]).join('、')}经${r.replacement.approval}可更换`, `Replacement only for ${r.replacement.reasons.join(', ')}, approved by ${r.replacement.approval}`);
  if (r.pooling) add('pooling', r.pooling.cite, `人员不足时：${[r.pooling.neighbours && '与相邻区域人员合并随机匹配', r.pooling.townshipStations && '从乡镇安监站人员中抽取', r.pooling.directAssignment && '直接委派'].filter(Boolean).join('、')}`, `When short of inspectors: ${[r.pooling.neighbours && 'pool with neighbours', r.pooling.townshipStations && 'draw township stations', r.pooling.directAssignment && 'assign directly'].filter(Boolean).join(', ')}`);
  if (r.announcement) add('announcement', r.announcement.cite, `${r.announcement.leadDays > 0 ? `检查前${r.announcement.leadDays}${unit(r.announcement.count)[0]}公告` : '锁定后自动发布任务公告'}${r.announcement.covertStaysSecret ? '；暗查暗访不公开' : ''}`, `${r.announcement.leadDays > 0 ? `Announced ${r.announcement.leadDays} ${unit(r.announcement.count)[1]} before` : 'Announced when locked'}${r.announcement.covertStaysSecret ? '; covert checks stay secret' : ''}`);
  (r.deadlines ?? []).forEach((d, i) => add(`deadlines.${i}`, d.cite, `${EVENT[d.from]![0]}后${d.days}${unit(d.count)[0]}内${DEADLINE[d.id]![0]}`, `${DEADLINE[d.id]![1]} within ${d.days} ${unit(d.count)[1]} after ${EVENT[d.from]![1]}`));
  if (r.periodicPublication) add('periodicPublication', r.periodicPublication.cite, `每月前${r.periodicPublication.withinWorkingDays}个工作日内公开上月结果`, `Last month's results are published within the first ${r.periodicPublication.withinWorkingDays} working days of each month`);
  if (r.resultCategories) add('resultCategories', r.resultCategories.cite, `检查结果：${r.resultCategories.categories.map((k) => k.label).join('；')}`, `${r.resultCategories.categories.length} result categories`);
  if (r.resultSigning) add('resultSigning', r.resultSigning.cite, r.resultSigning.by === 'whole-team' ? '检查结果由检查组全体成员签字确认后方可公示' : '检查结果由检查组组长签字确认后方可公示', r.resultSigning.by === 'whole-team' ? 'The whole team signs a result before it is published' : 'The team leader signs a result before it is published');
  if (r.nonCooperation) add('nonCooperation', r.nonCooperation.cite, `不予配合情节严重：${r.nonCooperation.cases.map((k) => k.label).join('；')}`, `Serious non-cooperation (${r.nonCooperation.category}): ${r.nonCooperation.cases.length} cases`);
  const a = r.afterPublication;
  if (a?.changeNeedsPrincipalSignature) add('afterPublication.changeNeedsPrincipalSignature', a.changeNeedsPrincipalSignature.cite, '结果一经公示不得擅自更改；确有错误的经主要负责人签字后更改', 'A published result changes only with the principal\'s signature');
  if (a?.objection) add('afterPublication.objection', a.objection.cite, `异议${a.objection.reviewWorkingDays}个工作日内复核，复核后${a.objection.answerWorkingDays}个工作日内反馈`, `Objections reviewed within ${a.objection.reviewWorkingDays} and answered within ${a.objection.answerWorkingDays} working days`);
  if (a?.blacklistOn) add('afterPublication.blacklistOn', a.blacklistOn.cite, '重大隐患隐瞒不报、逾期不整改或整改不到位的，公开曝光并纳入"黑名单"', 'Concealed or unrectified major hazards: exposed and blacklisted');
  if (a?.handling) add('afterPublication.handling', a.handling.cite, `违法行为的处理：${a.handling.outcomes.join('、')}`, `Handling of violations: ${a.handling.outcomes.join(', ')}`);
  const p = r.planning;
  if (p?.annualPlanDue) add('planning.annualPlanDue', p.annualPlanDue.cite, `每年${p.annualPlanDue.month}月${p.annualPlanDue.day}日前确定${p.annualPlanDue.plansYear === 'next' ? '下一年度' : '本年度'}检查计划`, `The ${p.annualPlanDue.plansYear} year's plan is due by ${p.annualPlanDue.month}/${p.annualPlanDue.day}`);
  if (p?.jointInspectionsMin) add('planning.jointInspectionsMin', p.jointInspectionsMin.cite, `每年至少发起或参与${p.jointInspectionsMin.perYear}次部门联合抽查`, `At least ${p.jointInspectionsMin.perYear} joint inspection(s) a year`);
  if (p?.filedUpwardAndPublished) add('planning.filedUpwardAndPublished', p.filedUpwardAndPublished.cite, '年度抽查计划报上一级备案并向社会公开', 'The annual plan is filed upward and published');
  return out;
}

/** A pack's hooks (code the pack carries, run isolated): each by name with the size and SHA-256 of its source, as the content hash covers it. */
export function explainHooks(pack: Pick<LoadedPack, 'hookSources'>, sha256: (text: string) => string): { name: string; characters: number; sha256: string }[] {
  return Object.entries(pack.hookSources).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, source]) => ({ name, characters: source.length, sha256: sha256(source) }));
}

export function explainPack(pack: LoadedPack): Explanation[] {
  const sources = [...pack.meta.sources, ...(pack.parent ? pack.parent.meta.sources : [])];
  return explainRules(pack.rules, sources);
}
