import { fixture } from '../../src/rulepacks/sdk/test-kit.ts';
import { testerFor } from './load.ts';

const tester = await testerFor('heilongjiang-county');
const { enterprise, task } = fixture;

tester.run('二(五) key units yearly, blacklist half-yearly, major hazards more often', {
  valid: [
    { kind: 'pool', enterprise: enterprise({ keyHighDanger: true }), task: task({ inspectionDate: '2026-03-10' }), due: [{ messageId: 'DUE', data: { who: 'keyHighDanger' }, clause: '二(五)' }] },
    { kind: 'pool', enterprise: enterprise({ blacklisted: true }), task: task({ inspectionDate: '2026-09-10' }), history: { lastInspected: { '91350100M000100Y43': '2026-02-01' } }, due: [{ messageId: 'DUE', data: { who: 'blacklisted', every: 'half-year' } }] },
    { kind: 'pool', enterprise: enterprise({ majorHazardSource: true }), due: [{ messageId: 'DUE', data: { who: 'majorHazard' } }] },
  ],
  invalid: [{ kind: 'pool', enterprise: enterprise(), history: { upperLevelDrawn: ['91350100M000100Y43'] }, errors: [{ messageId: 'UPPER_LEVEL_DRAWN', clause: '二(二)' }] }],
});

tester.run('二(七) results public within 20 working days of handling', {
  deadlines: [
    { id: 'publication', from: '2026-09-21', expected: '2026-10-26', clause: '二(七)' },
    // 2027 is not published yet: 元旦 2027-01-01 is off by law, its make-up days unknown, hence provisional.
    { id: 'publication', from: '2026-12-10', expected: '2027-01-08', provisional: true },
  ],
});
