import { describe, expect, it } from 'vitest';
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

describe('二(二) 上级与下级随机抽查的生产经营单位一般不重合、不交叉: the upper level\'s picks avoided, drawn only when short (double-random/v4)', async () => {
  const { runDraw } = await import('../../src/core/draw/draw.ts');
  const { commitmentOf } = await import('../../src/core/draw/seed.ts');
  const { demoSnapshot } = await import('../../src/demo/demo-snapshot.ts');
  const { NODE_DRAW_PORTS: ports } = await import('../../src/server/draw-ports.ts');
  const { builtIn } = await import('./load.ts');
  const pack = await builtIn('heilongjiang-county');
  const secret = '4d'.repeat(32);
  const base = demoSnapshot({ enterprises: 50, inspectors: 30 });
  const upper = base.enterprises.filter((e) => e.operatingStatus !== 'CLOSED').slice(0, 10).map((e) => e.uscc);
  const drawOf = (history: object, size: number) => runDraw({ snapshot: { ...base, history }, task: { id: 'T-HLJ', year: 2026, inspectionDate: '2026-06-15', sectors: [], covert: false, joint: false, special: false, size }, pack: { key: 'hlj', contentHash: pack.contentHash, rules: pack.rules }, seed: { secret, commitment: commitmentOf(secret, ports), entropy: [] } }, ports);

  it('fills the task from the rest, and from the upper level\'s picks only the seats left', () => {
    const first = drawOf({}, 1);
    if (!first.ok) throw new Error('no draw');
    const rest = base.enterprises.length - first.value.excluded.length - upper.length;
    const full = drawOf({ upperLevelDrawn: upper }, rest);
    const short = drawOf({ upperLevelDrawn: upper }, rest + 2);
    if (!full.ok || !short.ok) throw new Error('no draw');
    expect(pack.rules.exclusions?.upperLevelDrawnThisYear).toMatchObject({ effect: 'avoid', cite: { clause: '二(二)' } });
    expect(full.value.picks.filter((p) => upper.includes(p.uscc))).toEqual([]);
    expect(short.value.picks.filter((p) => upper.includes(p.uscc)).map((p) => p.reserve)).toEqual([true, true]);
    expect(short.value.avoided![0]!.reasons[0]).toMatchObject({ messageId: 'UPPER_LEVEL_AVOIDED', cite: { clause: '二(二)' } });
  });
});
