/**
 * How people are told a pick came from the 一般不重合 reserve (docs/draw-algorithm.md §5c): the
 * live page and the portal say it in these words, the console (src/console/pages/TaskDetail) too.
 */
export const RESERVE_LABEL = '备选补抽（一般不重合）';
export const RESERVE_WHY = '上下级本年度已抽取的企业一般不重合：先从其余企业中抽取，其余企业不足以抽满本任务，此企业从备选（上级或下级本年度已抽取的企业）中补抽。';
