import { fixture } from '../../src/rulepacks/sdk/test-kit.ts';
import { testerFor } from './load.ts';

const tester = await testerFor('shuncheng');
const { enterprise, inspector, task } = fixture;
const mine = enterprise({ sector: 'non_coal_mine' });

tester.run('第十条 the directory covers five kinds of enterprise', {
  valid: [{ kind: 'pool', enterprise: mine }, { kind: 'pool', enterprise: enterprise({ sector: 'occupational_health' }) }],
  invalid: [{ kind: 'pool', enterprise: enterprise({ sector: 'machinery' }), errors: [{ messageId: 'OUT_OF_SCOPE', clause: '第十条' }] }],
});

tester.run('第十五条 at most 4 a year; enterprises the upper level drew this year are excluded', {
  valid: [{ kind: 'pool', enterprise: mine, history: { doubleRandomCount: { '91350100M000100Y43': 3 } } }],
  invalid: [
    { kind: 'pool', enterprise: mine, history: { doubleRandomCount: { '91350100M000100Y43': 4 } }, errors: [{ messageId: 'CAP_REACHED', data: { cap: 4 }, clause: '第十五条' }] },
    { name: 'dishonest is no exception here', kind: 'pool', enterprise: enterprise({ sector: 'non_coal_mine', creditLevel: 'DISHONEST' }), history: { doubleRandomCount: { '91350100M000100Y43': 4 } }, errors: [{ messageId: 'CAP_REACHED' }] },
    { kind: 'pool', enterprise: mine, history: { upperLevelDrawn: ['91350100M000100Y43'] }, errors: [{ messageId: 'UPPER_LEVEL_DRAWN', clause: '第十五条' }] },
  ],
});

tester.run('第十三条 non-coal mines: 3 inspectors, at least one non-coal specialist', {
  valid: [{ kind: 'team', team: [inspector({ id: 'a', domains: ['non_coal_mine'] }), inspector({ id: 'b' }), inspector({ id: 'c' })], enterprise: mine }],
  invalid: [
    { name: 'two inspectors', kind: 'team', team: [inspector({ id: 'a', domains: ['non_coal_mine'] }), inspector({ id: 'b' })], enterprise: mine, errors: [{ messageId: 'TEAM_TOO_SMALL', data: { min: 3, size: 2 }, clause: '第十三条' }] },
    { name: 'no specialist', kind: 'team', team: [inspector({ id: 'a' }), inspector({ id: 'b' }), inspector({ id: 'c' })], enterprise: mine, errors: [{ messageId: 'TOO_FEW_SPECIALISTS', data: { min: 1, count: 0 }, clause: '第十三条' }] },
  ],
});

tester.run('第十四条 township station inspectors may be drawn', {
  valid: [{ kind: 'inspector', inspector: inspector({ unitKind: 'TOWNSHIP_STATION' }) }],
  invalid: [{ kind: 'inspector', inspector: inspector({ home: 'neighbour' }), errors: [{ messageId: 'POOLING_NOT_ALLOWED', data: { origin: 'neighbouring jurisdiction' }, clause: '第十四条' }] }],
});

tester.run('第十七、十八、二十条 report in 5, feedback in 5, opinion in 3 working days', {
  deadlines: [
    // 09-29, 09-30, 10-08, 10-09, 10-10 (Saturday worked after 国庆).
    { id: 'report', from: '2026-09-28', expected: '2026-10-10', clause: '第十七条' },
    // 10-10 (worked Saturday), 10-12, 10-13, 10-14, 10-15.
    { id: 'feedback', from: '2026-10-09', expected: '2026-10-15', clause: '第十八条' },
    // 02-13, 02-14 (Saturday worked before 春节), then 02-24 after the holiday.
    { id: 'opinion', from: '2026-02-12', expected: '2026-02-24', clause: '第二十条' },
  ],
});

export const _ = task;
