import { describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH, verifyAuditChain, type AuditEntryData } from '../../src/core/audit/chain.ts';
import { checkPlan } from '../../src/core/tasks/check-plan.ts';
import { cancellation, nextState, publicCanSee } from '../../src/core/tasks/lifecycle.ts';
import { applyPlanChanges, planFieldChanges } from '../../src/core/tasks/plan-fields.ts';
import { validateTask } from '../../src/core/tasks/validate-task.ts';
import { NODE_DRAW_PORTS } from '../../src/server/draw-ports.ts';
import type { Rules } from '../../src/core/rules/schema.ts';
import heilongjiang from '../../src/rulepacks/heilongjiang-county/index.ts';
import shuncheng from '../../src/rulepacks/shuncheng/index.ts';
import panzhihua from '../../src/rulepacks/panzhihua/index.ts';
import wolong from '../../src/rulepacks/wolong/index.ts';

describe('annual plan checks', () => {
  it('refuses a plan whose double-random share is below 30% (黑龙江 二(五))', () => {
    const rules = heilongjiang.rules;
    const low = checkPlan(rules, { year: 2026, doubleRandomCount: 29, otherCount: 71 });
    expect(low.shareOk).toBe(false);
    expect(low.sharePercent).toBe(29);
    expect(low.problems[0]?.cite?.clause).toBe('二(五)');
    expect(checkPlan(rules, { year: 2026, doubleRandomCount: 30, otherCount: 70 }).shareOk).toBe(true);
  });

  it("dates next year's plan by 31 December of the year before (顺城 第十一条)", () => {
    expect(checkPlan(shuncheng.rules, { year: 2027, doubleRandomCount: 10, otherCount: 0 }).dueDate).toBe('2026-12-31');
    expect(checkPlan(wolong.rules, { year: 2027, doubleRandomCount: 10, otherCount: 0 }).dueDate).toBeNull();
  });
});

describe('task lifecycle', () => {
  const OPEN = '2026-03-01';
  const TODAY = '2026-03-16';
  it('refuses to announce a covert check where the pack keeps it secret (攀枝花 三(四))', () => {
    const r = nextState(panzhihua.rules, { status: 'DISPATCHED', covert: true, windowStart: OPEN }, 'ANNOUNCE', TODAY);
    expect(r).toMatchObject({ ok: false, refusal: { code: 'COVERT_STAYS_SECRET', cite: { clause: '三(四)' } } });
    expect(nextState(panzhihua.rules, { status: 'DISPATCHED', covert: true, windowStart: OPEN }, 'START_INSPECTION', TODAY)).toEqual({ ok: true, to: 'INSPECTING' });
  });

  it('a non-covert inspection is announced before it starts when the pack requires it', () => {
    expect(nextState(panzhihua.rules, { status: 'DISPATCHED', covert: false, windowStart: OPEN }, 'START_INSPECTION', TODAY)).toMatchObject({ ok: false, refusal: { code: 'MUST_ANNOUNCE' } });
    expect(nextState(panzhihua.rules, { status: 'DISPATCHED', covert: false, windowStart: OPEN }, 'ANNOUNCE', TODAY)).toEqual({ ok: true, to: 'ANNOUNCED' });
    expect(nextState({}, { status: 'DISPATCHED', covert: false, windowStart: OPEN }, 'START_INSPECTION', TODAY)).toEqual({ ok: true, to: 'INSPECTING' });
  });

  it('steps only from the states they follow', () => {
    expect(nextState({}, { status: 'LOCKED', covert: false, windowStart: OPEN }, 'DISPATCH', TODAY)).toMatchObject({ ok: false, refusal: { code: 'BAD_STATE' } });
    expect(nextState({}, { status: 'INSPECTING', covert: false, windowStart: OPEN }, 'CLOSE', TODAY)).toEqual({ ok: true, to: 'CLOSED' });
  });

  it('refuses to start an inspection before its window opens, naming the first day it may (6a)', () => {
    const early = nextState({}, { status: 'DISPATCHED', covert: false, windowStart: '2026-12-10' }, 'START_INSPECTION', '2026-12-09');
    expect(early).toMatchObject({ ok: false, refusal: { code: 'WINDOW_NOT_OPEN' } });
    expect(early.ok ? '' : early.refusal.message).toContain('最早2026-12-10开始检查');
    expect(nextState(panzhihua.rules, { status: 'ANNOUNCED', covert: false, windowStart: '2026-12-10' }, 'START_INSPECTION', '2026-11-30')).toMatchObject({ ok: false, refusal: { code: 'WINDOW_NOT_OPEN' } });
    expect(nextState({}, { status: 'DISPATCHED', covert: false, windowStart: '2026-12-10' }, 'START_INSPECTION', '2026-12-10')).toEqual({ ok: true, to: 'INSPECTING' });
  });

  it('keeps a covert check secret under a pack without an announcement rule: the platform default (6b)', () => {
    for (const rules of [{}, shuncheng.rules, heilongjiang.rules] as Rules[]) {
      expect(rules.announcement).toBeUndefined();
      const r = nextState(rules, { status: 'DISPATCHED', covert: true, windowStart: OPEN }, 'ANNOUNCE', TODAY);
      expect(r).toMatchObject({ ok: false, refusal: { code: 'COVERT_STAYS_SECRET' } });
      expect(r.ok ? '' : r.refusal.message).toContain('暗查暗访任务不公告');
      expect(nextState(rules, { status: 'DISPATCHED', covert: true, windowStart: OPEN }, 'START_INSPECTION', TODAY)).toEqual({ ok: true, to: 'INSPECTING' });
    }
    // Only a pack that says so announces covert checks.
    const announcing = { announcement: { ...panzhihua.rules.announcement!, covertStaysSecret: false } };
    expect(nextState(announcing, { status: 'DISPATCHED', covert: true, windowStart: OPEN }, 'ANNOUNCE', TODAY)).toEqual({ ok: true, to: 'ANNOUNCED' });
  });

  it('cancels a draft or a locked task, never a drawn one (6e)', () => {
    expect(cancellation({ status: 'DRAFT', covert: false })).toEqual({ ok: true });
    expect(cancellation({ status: 'LOCKED', covert: true })).toEqual({ ok: true });
    for (const status of ['DRAWN', 'DISPATCHED', 'ANNOUNCED', 'INSPECTING', 'CLOSED', 'CANCELLED'] as const) {
      expect(cancellation({ status, covert: false }), status).toMatchObject({ ok: false, refusal: { code: 'BAD_STATE' } });
    }
  });

  it('the public sees a task cancelled after its lock (its commitment was public), not a cancelled draft or covert task', () => {
    expect(publicCanSee({ status: 'CANCELLED', covert: false, cancelledFrom: 'LOCKED' })).toBe(true);
    expect(publicCanSee({ status: 'CANCELLED', covert: false, cancelledFrom: 'DRAFT' })).toBe(false);
    expect(publicCanSee({ status: 'CANCELLED', covert: true, cancelledFrom: 'LOCKED' })).toBe(false);
  });

  it('the public sees non-covert tasks once locked, covert ones once closed', () => {
    expect(publicCanSee({ status: 'DRAFT', covert: false })).toBe(false);
    expect(publicCanSee({ status: 'LOCKED', covert: false })).toBe(true);
    expect(publicCanSee({ status: 'INSPECTING', covert: true })).toBe(false);
    expect(publicCanSee({ status: 'CLOSED', covert: true })).toBe(true);
  });
});

describe('plan changes', () => {
  it('lists the fields a change sets to new values, titles trimmed', () => {
    const plan = { year: 2026, title: '2026年度计划', doubleRandomCount: 20, otherCount: 80 };
    const after = applyPlanChanges(plan, { doubleRandomCount: 40, otherCount: 60, title: ' 2026年度计划 ' });
    expect(planFieldChanges(plan, after)).toEqual([{ field: 'doubleRandomCount', from: 20, to: 40 }, { field: 'otherCount', from: 80, to: 60 }]);
    expect(planFieldChanges(plan, applyPlanChanges(plan, {}))).toEqual([]);
  });
});

describe('task validation', () => {
  const base = { title: 't', sectors: [] as string[], covert: false, joint: false, jointDepartments: [] as string[], special: false, windowStart: '2026-03-01', windowEnd: '2026-03-31', inspectionDate: '2026-03-16', size: 5, checklistCodes: [] as string[] };
  const known = { knownItems: new Set(['A1']) };
  it('accepts a well-formed task', () => expect(validateTask(base, known)).toEqual([]));
  it('names the field of each problem', () => {
    const fields = (input: Partial<typeof base> & Record<string, unknown>, ctx: { knownItems: Set<string>; planYear?: number } = known) => validateTask({ ...base, ...input }, ctx).map((i) => i.field);
    expect(fields({ inspectionDate: '2026-04-01' })).toEqual(['inspectionDate']);
    expect(fields({ windowEnd: '2026-02-01' })).toEqual(['windowEnd']);
    expect(fields({ inspectionDate: '2026-02-30' })).toEqual(['inspectionDate']);
    expect(fields({ size: 0 })).toEqual(['size']);
    expect(fields({ sectors: ['NOPE'] })).toEqual(['sectors']);
    expect(fields({ joint: true })).toEqual(['jointDepartments']);
    expect(fields({ checklistCodes: ['A1', 'Z9'] })).toEqual(['checklistCodes']);
    expect(fields({ teamSize: 0 })).toEqual(['teamSize']);
    expect(fields({}, { knownItems: new Set(), planYear: 2027 })).toEqual(['plan']);
  });
});

describe('audit hash chain', () => {
  const chain = (n: number): AuditEntryData[] => {
    const out: AuditEntryData[] = [];
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= n; seq++) {
      const fields = { jurisdictionId: 'j', seq, at: `2026-03-0${seq}T00:00:00.000Z`, actor: 'a', action: 'x', subjectType: 'T', subjectId: String(seq), payload: { n: seq, nested: { b: 1, a: 2 } }, prevHash: prev };
      const hash = auditHash(fields, NODE_DRAW_PORTS);
      out.push({ ...fields, hash });
      prev = hash;
    }
    return out;
  };

  it('an untouched chain verifies, whatever the key order of the payloads', () => {
    const c = chain(4).map((e) => ({ ...e, payload: { nested: { a: 2, b: 1 }, n: (e.payload as { n: number }).n } }));
    expect(verifyAuditChain(c, NODE_DRAW_PORTS, { seq: 4, hash: c[3]!.hash })).toEqual([]);
  });

  it('finds an edited, a deleted and a truncated entry', () => {
    const edited = chain(4).map((e) => (e.seq === 2 ? { ...e, actor: 'someone else' } : e));
    expect(verifyAuditChain(edited, NODE_DRAW_PORTS).map((b) => [b.kind, b.seq])).toEqual([['EDITED', 2]]);
    const c = chain(4);
    const deleted = c.filter((e) => e.seq !== 3);
    expect(verifyAuditChain(deleted, NODE_DRAW_PORTS).map((b) => b.kind)).toEqual(['MISSING', 'RELINKED']);
    expect(verifyAuditChain(c.slice(0, 3), NODE_DRAW_PORTS, { seq: 4, hash: c[3]!.hash }).map((b) => b.kind)).toEqual(['TRUNCATED']);
  });
});
