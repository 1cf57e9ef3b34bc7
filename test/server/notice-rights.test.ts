import { describe, expect, it } from 'vitest';
import panzhihua from '../../src/rulepacks/panzhihua/index.ts';
import shuncheng from '../../src/rulepacks/shuncheng/index.ts';
import wolong from '../../src/rulepacks/wolong/index.ts';
import type { Meta, Rules } from '../../src/core/rules/schema.ts';
import { leadNotice, noticeRights } from '../../src/server/portal/enterprise-notice.ts';

const of = (pack: { meta: unknown; rules: unknown }) => [pack.meta as Meta, pack.rules as Rules] as const;

describe("an enterprise's notice states its rights and the notice period from the pack's clauses", () => {
  it('攀枝花 三(四): announced 15 days ahead, with the document cited; not for a covert check; 卧龙 asks for none', () => {
    const [meta, rules] = of(panzhihua);
    expect(leadNotice(meta, rules, false, '2026-03-01', '2026-03-16')).toBe(
      '依据《安全生产"双随机，双公示"抽查机制的实施方案》（攀安监〔2019〕3号）三(四)，检查对象确定后应当提前 15 日公告并告知拟检查对象：本通知书于 2026-03-01 发出，检查日期为 2026-03-16。',
    );
    expect(leadNotice(meta, rules, true, '2026-03-01', '2026-03-16')).toBeNull();
    expect(leadNotice(...of(wolong), false, '2026-03-01', '2026-03-16')).toBeNull();
  });

  it('cites each pack its own clause for 回避 and 异议, and says so where its documents are silent', () => {
    const [pm, pr] = of(panzhihua);
    const [recusal, objection] = noticeRights(pm, pr);
    expect(recusal).toMatchObject({ title: '申请回避', basis: '《安全生产"双随机，双公示"抽查机制的实施方案》（攀安监〔2019〕3号）三(三)' });
    expect(recusal!.text).toContain('隶属同一主管部门');
    expect(recusal!.text).toContain('曾为贵单位提供评价、检测检验、设计、标准化评审等服务');
    // 攀枝花's document sets no objection procedure: the notice says so rather than invent one.
    expect(objection).toMatchObject({ title: '提出异议', basis: null });
    expect(objection!.text).toContain('未规定');

    const [wr, wo] = noticeRights(...of(wolong));
    expect(wr!.basis).toBe('《"双随机、一公开"监管抽查工作细则》第二十条');
    expect(wo!.basis).toBe('《"双随机、一公开"监管抽查工作细则》第二十六条');
    expect(wo!.text).toContain('20 个工作日内复核，复核后 15 个工作日内答复');
    expect(noticeRights(...of(shuncheng))[0]!.basis).toContain('第十四条');
  });
});
