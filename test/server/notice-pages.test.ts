import { describe, expect, it } from 'vitest';
import { BASE_VOCABULARY } from '../../src/core/directory/sector-vocabulary.ts';
import { INLINE_OBJECTS_MAX, taskPage, tasksPage } from '../../src/server/portal/notice-pages.ts';
import type { NoticeJurisdiction, TaskNotice } from '../../src/server/portal/notices-data.ts';

const j: NoticeJurisdiction = { id: 'j', code: '411303', name: '卧龙区', authority: '南阳市卧龙区应急管理局', rules: undefined, vocabulary: BASE_VOCABULARY };
const notice = (picks: number): TaskNotice => ({
  taskId: '00000000-0000-4000-8000-000000000001', drawId: '00000000-0000-4000-8000-000000000002', number: '卧龙应急随抽〔2026〕第1号', resultNumber: '卧龙应急随抽结〔2026〕第1号',
  title: '大型抽查', plan: null, directed: false, covert: false, special: false, joint: false, departments: [], typeText: '不定向', items: ['安全投入'], scope: '全部',
  windowStart: '2026-03-01', windowEnd: '2026-03-31', inspectionDate: '2026-03-16', authority: j.authority, objectCount: picks, publishedOn: '2026-03-01', status: 'ANNOUNCED',
  picks: Array.from({ length: picks }, (_, i) => ({ order: i + 1, name: `企业${i + 1}`, uscc: `91411303MA${String(i).padStart(8, '0')}`, items: ['安全投入'], team: ['张三（组长）'] })),
});

describe('the task notices page stays light for a large draw', () => {
  it(`lists up to ${INLINE_OBJECTS_MAX} enterprises in place, a larger list on the notice's own page`, () => {
    expect(tasksPage(j, [notice(INLINE_OBJECTS_MAX)])).toContain(`企业${INLINE_OBJECTS_MAX}<`);
    const big = notice(INLINE_OBJECTS_MAX + 1);
    const list = tasksPage(j, [big]);
    expect(list).not.toContain('企业1<');
    expect(list).toContain(`抽查对象名单（${INLINE_OBJECTS_MAX + 1} 家）见本公告单独页面`);
    expect(taskPage(j, big)).toContain(`企业${INLINE_OBJECTS_MAX + 1}<`);
  });
});
