import { describe, expect, it } from 'vitest';
import { citeText, percentText, reportSections } from '../../src/core/compliance/report-sections.ts';
import { WOLONG_FACTS, WOLONG_REPORT } from '../helpers/compliance-report.ts';

describe('the self-inspection report (自查报告) sections', () => {
  const report = reportSections(WOLONG_REPORT, WOLONG_FACTS);
  const text = report.sections.map((s) => [s.heading, ...s.paragraphs, ...s.tables.flatMap((t) => [t.title, ...t.rows.flat()])].join('\n')).join('\n');

  it('opens as 004 does: entities drawn (by entity, not by draw) and their share of the supervised, with the clause', () => {
    expect(report.title).toBe('南阳市卧龙区2026年"双随机、一公开"自查报告');
    expect(report.sections[0]!.heading).toBe('一、总体情况');
    expect(report.sections[0]!.paragraphs[0]).toContain('全年共抽取检查对象103家，占监管对象总数2030家的5.07%（《"双随机、一公开"监管抽查工作细则》第六条）');
    expect(report.sections[0]!.paragraphs[0]).toContain('共抽取141户次');
  });

  it('lists every obligation exactly once, each with its clause, the unmeasurable ones with their reason', () => {
    for (const row of WOLONG_REPORT.rows) {
      const mentions = report.sections.flatMap((s) => s.id === 'problems' ? [] : s.paragraphs).filter((p) => p.startsWith(row.label));
      expect(mentions, row.id).toHaveLength(1);
      expect(mentions[0]).toContain(citeText(row.cite, WOLONG_FACTS.sources));
    }
    expect(report.sections.find((s) => s.id === 'unmeasured')!.paragraphs[0]).toBe('年度计划报上级备案并公开（《"双随机、一公开"监管抽查工作细则》第十二条）：无法计量。备案在平台之外进行，平台无记录。');
  });

  it('names the key units still not inspected, coverage per group, and the missed obligations under 存在的问题', () => {
    const coverage = report.sections.find((s) => s.id === 'coverage')!;
    expect(coverage.tables[0]!.rows).toContainEqual(['危险性较大的重点单位', '109', '36', '33.02%']);
    expect(coverage.tables[1]!.rows.map((r) => r[1])).toContain('南阳市卧龙区金龙煤气有限公司');
    expect(coverage.tables[1]!.rows.at(-1)![1]).toBe('另有71个未列出');
    const problems = report.sections.find((s) => s.id === 'problems')!.paragraphs;
    expect(problems).toHaveLength(4); // cap, joint (at risk), key units, publication deadline
    expect(problems.some((p) => p.startsWith('未达成：危险性较大的重点单位每年检查覆盖'))).toBe(true);
  });

  it('counts corrections, objections (late ones with how late) and consequences with their clauses', () => {
    expect(text).toContain('全年更正已公开的检查结果1份（《"双随机、一公开"监管抽查工作细则》第二十六条）');
    expect(text).toContain('全年收到异议申请3件，已复核2件，其中确有错误予以更正1件，已反馈2件；复核或反馈超过期限1件');
    expect(report.sections.find((s) => s.id === 'corrections')!.tables[1]!.rows[0]).toEqual(['南阳市卧龙区宏达化工有限公司', '91411303MA44TEST1X', '反馈', '2026-05-20', '2026-05-25', '5天']);
    expect(text).toContain('行政处罚1家，罚款合计30000元；移送1家（其中移送司法机关0家）');
    expect(text).toContain('列入安全生产"黑名单"1家，记入安全生产信用记录1条');
  });

  it('says so when the pack is silent or the document leaves a clause open, instead of leaving a figure uncited', () => {
    expect(citeText(null, WOLONG_FACTS.sources)).toBe('平台默认');
    expect(citeText({ doc: 'wolong-rules', clause: '第十五条（第三章）', default: true }, WOLONG_FACTS.sources)).toBe('《"双随机、一公开"监管抽查工作细则》第十五条（第三章）（文件未明确，规则包默认）');
  });

  it('rounds shares down, as the compliance rows do, so a share short of its target never reads as reaching it', () => {
    expect(percentText(4, 60)).toBe('6.66%');
    expect(percentText(103, 2030)).toBe('5.07%');
    expect(percentText(29, 100)).toBe('29.00%');
    expect(percentText(0, 0)).toBe('—');
  });
});
