import { fixture } from '../../src/rulepacks/sdk/test-kit.ts';
import { testerFor } from './load.ts';

const tester = await testerFor('yanshi');
const { enterprise, inspector } = fixture;

tester.run('二(一) 工贸 enterprises only', {
  valid: ['metallurgy', 'nonferrous', 'building_materials', 'machinery', 'light_industry', 'textile'].map((sector) => ({ kind: 'pool' as const, name: sector, enterprise: enterprise({ sector }) })),
  invalid: [{ kind: 'pool', enterprise: enterprise({ sector: 'hazardous_chemicals' }), errors: [{ messageId: 'OUT_OF_SCOPE', clause: '二(一)' }] }],
});

tester.run('二(二) formal staff with a valid enforcement certificate', {
  valid: [{ kind: 'inspector', inspector: inspector() }],
  invalid: [
    { kind: 'inspector', inspector: inspector({ formalStaff: false }), errors: [{ messageId: 'NOT_FORMAL_STAFF', clause: '二(二)' }] },
    { kind: 'inspector', inspector: inspector({ certificateValidUntil: null }), errors: [{ messageId: 'CERTIFICATE_INVALID', clause: '二(二)' }] },
  ],
});

tester.run('二(三) results entered within 5 working days; 四.4 published within 5 days', {
  deadlines: [
    { id: 'result-entry', from: '2026-04-30', expected: '2026-05-11', clause: '二(三)' },
    { id: 'publication', from: '2026-04-27', expected: '2026-05-06', clause: '四.4' },
  ],
});
