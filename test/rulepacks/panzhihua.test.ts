import { describe, expect, it } from 'vitest';
import { announcementDue } from '../../src/core/rules/evaluate-deadlines.ts';
import { fixture } from '../../src/rulepacks/sdk/test-kit.ts';
import { builtIn, testerFor } from './load.ts';

const tester = await testerFor('panzhihua');
const { enterprise, inspector, task } = fixture;

tester.run('二(六) key units yearly; blacklisted, complaint-heavy, penalised half-yearly', {
  valid: [
    { name: 'a key unit not yet inspected this year is due', kind: 'pool', enterprise: enterprise({ keyHighDanger: true }), due: [{ messageId: 'DUE', data: { every: 'year', who: 'keyHighDanger' }, clause: '二(六)' }] },
    { name: 'a key unit inspected in January is not due in June', kind: 'pool', enterprise: enterprise({ keyHighDanger: true }), history: { lastInspected: { '91350100M000100Y43': '2026-01-20' } }, due: [] },
    {
      name: 'blacklisted and penalised: due again in the second half',
      kind: 'pool',
      enterprise: enterprise({ blacklisted: true, records: [{ kind: 'PENALTY', occurredOn: '2026-03-01' }] }),
      task: task({ inspectionDate: '2026-08-03' }),
      history: { lastInspected: { '91350100M000100Y43': '2026-05-20' } },
      due: [
        { messageId: 'DUE', data: { who: 'penalised', every: 'half-year' } },
        { messageId: 'DUE', data: { who: 'blacklisted', every: 'half-year' } },
      ],
    },
    { name: 'an ordinary enterprise is never due', kind: 'pool', enterprise: enterprise(), due: [] },
  ],
  invalid: [
    // 原则上…一般不重合、不交叉 (二(二)).
    { kind: 'pool', enterprise: enterprise(), history: { upperLevelDrawn: ['91350100M000100Y43'] }, errors: [{ messageId: 'UPPER_LEVEL_DRAWN', clause: '二(二)' }] },
  ],
});

tester.run('三(二) inspectors drawn by the sector of the enterprise', {
  valid: [{ kind: 'inspector', inspector: inspector({ domains: ['hazardous_chemicals'] }), enterprise: enterprise({ sector: 'hazardous_chemicals' }) }],
  invalid: [{ kind: 'inspector', inspector: inspector({ domains: ['machinery'] }), enterprise: enterprise({ sector: 'hazardous_chemicals' }), errors: [{ messageId: 'DOMAIN_MISMATCH', clause: '三(二)' }] }],
});

tester.run('三(六) results published within 7 days of the inspection', {
  deadlines: [
    { id: 'publication', from: '2026-03-02', expected: '2026-03-09', clause: '三(六)' },
    { id: 'publication', from: '2026-09-27', expected: '2026-10-08' },
  ],
});

describe('panzhihua: 三(四) announced 15 days before, covert checks stay secret', () => {
  it('computes the last day to announce, and none for a covert check', async () => {
    const { rules } = await builtIn('panzhihua');
    expect(announcementDue(rules, '2026-06-16', false)).toMatchObject({ date: '2026-06-01', cite: { clause: '三(四)' } });
    expect(announcementDue(rules, '2026-06-16', true)).toBeNull();
  });
});

describe('二(二) 上级与下级随机抽查的生产经营单位一般不重合、不交叉: both ways, avoided not forbidden (double-random/v4)', async () => {
  const { runDraw } = await import('../../src/core/draw/draw.ts');
  const { commitmentOf } = await import('../../src/core/draw/seed.ts');
  const { demoSnapshot } = await import('../../src/demo/demo-snapshot.ts');
  const { NODE_DRAW_PORTS: ports } = await import('../../src/server/draw-ports.ts');
  const pack = await builtIn('panzhihua');
  const secret = '3c'.repeat(32);
  const base = demoSnapshot({ enterprises: 60, inspectors: 30 });
  const drawOf = (history: object, size: number) => {
    const result = runDraw({ snapshot: { ...base, history }, task: { id: 'T-PZH', year: 2026, inspectionDate: '2026-06-15', sectors: [], covert: false, joint: false, special: false, size }, pack: { key: 'panzhihua', contentHash: pack.contentHash, rules: pack.rules }, seed: { secret, commitment: commitmentOf(secret, ports), entropy: [] } }, ports);
    if (!result.ok) throw new Error(result.error.map((s) => s.message).join('; '));
    return result.value;
  };

  it('cites 二(二) for the city avoiding what its districts drew, as for the district avoiding the city', () => {
    expect(pack.rules.exclusions?.lowerLevelDrawnThisYear).toMatchObject({ effect: 'avoid', cite: { clause: '二(二)' } });
    expect(pack.rules.exclusions?.upperLevelDrawnThisYear).toMatchObject({ effect: 'avoid', cite: { clause: '二(二)' } });
  });

  it('draws the other level\'s picks only for the seats the rest of the pool cannot fill', () => {
    const operating = base.enterprises.filter((e) => e.operatingStatus !== 'CLOSED').map((e) => e.uscc);
    const upper = operating.slice(0, 20);
    const lower = operating.slice(20, 40);
    const others = drawOf({}, 1).excluded.length; // closed and the like: out whatever the levels drew
    const rest = base.enterprises.length - others - 40;
    const enough = drawOf({ upperLevelDrawn: upper, lowerLevelDrawn: lower }, rest);
    expect(enough.algorithm).toBe('double-random/v4');
    expect(enough.picks.some((p) => p.reserve || upper.includes(p.uscc) || lower.includes(p.uscc))).toBe(false);
    expect(enough.avoided!.map((a) => a.reasons[0]!.messageId).sort()).toEqual([...Array(20).fill('LOWER_LEVEL_AVOIDED'), ...Array(20).fill('UPPER_LEVEL_AVOIDED')]);
    const short = drawOf({ upperLevelDrawn: upper, lowerLevelDrawn: lower }, rest + 3);
    expect(short.picks.filter((p) => p.reserve).map((p) => p.uscc).every((u) => upper.includes(u) || lower.includes(u))).toBe(true);
    expect(short.picks.filter((p) => p.reserve)).toHaveLength(3);
  });
});
