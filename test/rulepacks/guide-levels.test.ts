import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Rules } from '../../src/core/rules/schema.ts';
import { explainPack } from '../../src/rulepacks/sdk/explain.ts';
import { builtIn } from './load.ts';

// docs/rule-packs.md §9, read from the page: its rotation and 一般不重合 rules are rules of the language.
const guide = readFileSync(new URL('../../docs/rule-packs.md', import.meta.url), 'utf8');
const start = guide.indexOf('## 9. Worked examples: rotation');
const section = guide.slice(start, guide.indexOf('\n## ', start + 1));
const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => (parse(m[1]!) as { rules: unknown }).rules);

describe('docs/rule-packs.md §9: rotation and 一般不重合', () => {
  it('has both examples, each valid in the rule language', () => {
    expect(blocks).toHaveLength(2);
    for (const rules of blocks) expect(Rules.safeParse(rules).success).toBe(true);
    expect(Rules.parse(blocks[0]).team?.rotation?.maxConsecutiveDraws).toBe(1);
    expect(Rules.parse(blocks[1]).exclusions?.lowerLevelDrawnThisYear?.effect).toBe('avoid');
  });

  it('pack explain prints the rotation and the lower-level rule with their clauses', async () => {
    const pack = await builtIn('panzhihua');
    const text = JSON.stringify(explainPack({ ...pack, rules: { ...pack.rules, team: { ...pack.rules.team!, rotation: { maxConsecutiveDraws: 1, cite: { doc: pack.meta.sources[0]!.id, clause: '三(二)' } } } } }));
    expect(text).toContain('检查人员至多连续参加1次抽取（轮换，每次双随机人员不同）');
    expect(text).toContain('与下级本年度抽查的企业一般不重合、不交叉（仅在候选不足时补抽）');
  });
});
