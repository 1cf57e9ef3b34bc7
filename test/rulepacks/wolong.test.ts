import { fixture } from '../../src/rulepacks/sdk/test-kit.ts';
import { testerFor } from './load.ts';

const tester = await testerFor('wolong');
const { enterprise, inspector, task } = fixture;

tester.run('第六条 sectors in scope', {
  valid: [{ kind: 'pool', enterprise: enterprise({ sector: 'hazardous_chemicals' }) }, { kind: 'pool', enterprise: enterprise({ sector: 'safety_services' }) }],
  invalid: [{ kind: 'pool', enterprise: enterprise({ sector: 'fireworks' }), errors: [{ messageId: 'OUT_OF_SCOPE', data: { sector: 'fireworks' }, clause: '第六条' }] }],
});

tester.run('第十五条（第三章） at most 2 double-random checks a year, with exceptions', {
  valid: [
    { name: 'once this year', kind: 'pool', enterprise: enterprise(), history: { doubleRandomCount: { '91350100M000100Y43': 1 } } },
    { name: 'dishonest enterprises are not capped', kind: 'pool', enterprise: enterprise({ creditLevel: 'DISHONEST' }), history: { doubleRandomCount: { '91350100M000100Y43': 2 } } },
    {
      name: 'several complaints lift the cap',
      kind: 'pool',
      enterprise: enterprise({ records: [{ kind: 'COMPLAINT', occurredOn: '2026-01-10' }, { kind: 'COMPLAINT', occurredOn: '2026-04-02' }] }),
      history: { doubleRandomCount: { '91350100M000100Y43': 2 } },
    },
    { name: 'a directed special task is not capped', kind: 'pool', enterprise: enterprise(), task: task({ special: true }), history: { doubleRandomCount: { '91350100M000100Y43': 3 } } },
  ],
  invalid: [
    { name: 'twice already', kind: 'pool', enterprise: enterprise(), history: { doubleRandomCount: { '91350100M000100Y43': 2 } }, errors: [{ messageId: 'CAP_REACHED', data: { cap: 2, count: 2 }, clause: '第十五条（第三章）' }] },
    {
      name: 'one old complaint is not "several"',
      kind: 'pool',
      enterprise: enterprise({ records: [{ kind: 'COMPLAINT', occurredOn: '2024-01-10' }, { kind: 'COMPLAINT', occurredOn: '2026-04-02' }] }),
      history: { doubleRandomCount: { '91350100M000100Y43': 2 } },
      errors: [{ messageId: 'CAP_REACHED' }],
    },
  ],
});

tester.run('第十八条、第十九条 teams of two or more with a leader, qualified inspectors', {
  valid: [{ kind: 'team', team: [inspector({ id: 'a' }), inspector({ id: 'b' })], enterprise: enterprise() }],
  invalid: [
    { name: 'one inspector', kind: 'team', team: [inspector({ id: 'a' })], enterprise: enterprise(), errors: [{ messageId: 'TEAM_TOO_SMALL', data: { min: 2, size: 1 }, clause: '第十八条' }] },
    { name: 'no leader', kind: 'team', team: [inspector({ id: 'a' }), inspector({ id: 'b' })], leaderId: null, enterprise: enterprise(), errors: [{ messageId: 'NO_LEADER', clause: '第十八条' }] },
    { name: 'certificate lapsed before the inspection', kind: 'inspector', inspector: inspector({ certificateValidUntil: '2026-06-14' }), errors: [{ messageId: 'CERTIFICATE_INVALID', data: { date: '2026-06-15' }, clause: '第十九条' }] },
  ],
});

tester.run('第十八条 pooling with neighbouring areas', {
  valid: [{ kind: 'inspector', inspector: inspector({ home: 'neighbour' }) }],
  invalid: [{ kind: 'inspector', inspector: inspector({ unitKind: 'TOWNSHIP_STATION' }), errors: [{ messageId: 'POOLING_NOT_ALLOWED', data: { origin: 'township station' }, clause: '第十八条' }] }],
});

tester.run('第二十六条 results within 20 working days; objections reviewed in 20 and answered in 15', {
  deadlines: [
    // 09-20 (a Sunday worked for 中秋/国庆) counts; 09-25…27 and 10-01…07 do not; 10-10 (Saturday) counts.
    { id: 'publication', from: '2026-09-18', expected: '2026-10-22', clause: '第二十六条' },
    { id: 'objection-review', from: '2026-02-10', expected: '2026-03-16' },
    // 元旦 2027 is off by law before 2027 is published: 12 days in December, then 01-04, 05, 06.
    { id: 'objection-answer', from: '2026-12-15', expected: '2027-01-06', provisional: true },
  ],
});
