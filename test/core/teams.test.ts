import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/core/draw/random-stream.ts';
import { sampleUniform } from '../../src/core/draw/sample.ts';
import { TeamDrawer } from '../../src/core/draw/teams.ts';
import type { DrawSnapshot, DrawTask, TeamRecord } from '../../src/core/draw/types.ts';
import { inspectorVerdicts } from '../../src/core/rules/evaluate-team.ts';
import type { EnterpriseFacts, InspectorFacts } from '../../src/core/rules/facts.ts';
import type { Rules } from '../../src/core/rules/schema.ts';
import { fixture } from '../../src/rulepacks/sdk/test-kit.ts';

const seed = (text: string) => new Uint8Array(createHash('sha256').update(text).digest());
const cite = { doc: 'test', clause: '第一条' };

/**
 * docs/draw-algorithm.md §7 read literally, team by team, scanning every inspector for every
 * seat: the reference TeamDrawer's seat pools (shared between sectors with the same candidates,
 * loads raised in place) must reproduce exactly.
 */
function plainTeams(snapshot: DrawSnapshot, rules: Rules, task: DrawTask, picks: readonly EnterpriseFacts[], random: RandomStream): TeamRecord[] {
  const load = new Map<string, number>();
  const max = rules.team?.maxTeamsPerInspector ?? Number.POSITIVE_INFINITY;
  const generally = snapshot.inspectors.filter((i) => inspectorVerdicts(rules, {}, i, task).length === 0);
  const seat = (candidates: readonly InspectorFacts[], taken: readonly string[]) => {
    const open = candidates.filter((i) => !taken.includes(i.id));
    if (open.length === 0) return undefined;
    const least = Math.min(...open.map((i) => load.get(i.id) ?? 0));
    const tier = open.filter((i) => (load.get(i.id) ?? 0) === least);
    return tier[random.uniform(tier.length)]!.id;
  };
  return picks.map((e) => {
    const special = rules.specialists?.find((s) => s.sector === e.sector);
    const size = special ? Math.max(special.teamSize, task.teamSize ?? 0) : (task.teamSize ?? rules.team?.minSize ?? 2);
    const memberRules = special && rules.eligibility ? { ...rules, eligibility: { ...rules.eligibility, domainMatch: false } } : rules;
    const conflicted = new Set(snapshot.conflicts.filter((c) => c.uscc === e.uscc).map((c) => c.personId));
    const candidates = generally.filter((i) => inspectorVerdicts(memberRules, {}, i, task, e).length === 0 && !conflicted.has(i.id) && (load.get(i.id) ?? 0) < max);
    const own = candidates.filter((i) => i.home === 'own');
    const usable = own.length >= size ? own : candidates;
    const members: string[] = [];
    for (let s = 0; s < (special?.minSpecialists ?? 0); s++) {
      const id = seat(usable.filter((i) => i.domains.includes(e.sector)), members);
      if (id) members.push(id);
    }
    while (members.length < size) {
      const id = seat(usable, members);
      if (!id) break;
      members.push(id);
    }
    for (const id of members) load.set(id, (load.get(id) ?? 0) + 1);
    const substitutes = sampleUniform(usable.filter((i) => !members.includes(i.id)).map((i) => i.id), task.substitutes ?? 2, random);
    return { leader: members[0] ?? '', members, substitutes, experts: [] };
  });
}

describe('TeamDrawer', () => {
  it('draws exactly the teams of the plain definition: shared pools, conflicts, the maximum of teams, neighbours, specialists', () => {
    const sectors = ['machinery', 'light_industry', 'non_coal_mine', 'commerce'];
    for (let trial = 0; trial < 30; trial++) {
      const pick = new RandomStream(seed(`setup-${trial}`));
      const inspectors = Array.from({ length: 8 + pick.uniform(14) }, (_, i) =>
        fixture.inspector({
          id: `I-${String(i).padStart(3, '0')}`,
          home: pick.uniform(5) === 0 ? 'neighbour' : 'own',
          // Most share one set of domains (their sectors' pools are the same pool); some differ.
          domains: pick.uniform(3) === 0 ? [sectors[pick.uniform(sectors.length)]!] : ['machinery', 'light_industry', 'commerce', 'non_coal_mine'],
          formalStaff: pick.uniform(10) !== 0,
        }),
      );
      const enterprises = Array.from({ length: 12 }, (_, i) => fixture.enterprise({ uscc: `E${String(i).padStart(17, '0')}`, sector: sectors[pick.uniform(sectors.length)]! }));
      // Conflicts, some with inspectors who will reach the maximum of teams.
      const conflicts = enterprises.flatMap((e) => inspectors.filter(() => pick.uniform(6) === 0).map((i) => ({ personId: i.id, uscc: e.uscc })));
      const rules: Rules = {
        team: { minSize: 2, leader: true, ...(trial % 3 !== 0 ? { maxTeamsPerInspector: 1 + (trial % 4) } : {}), cite },
        eligibility: { formalStaff: true, certificateValidOnInspectionDate: true, domainMatch: true, cite },
        pooling: { neighbours: trial % 2 === 0, townshipStations: true, directAssignment: false, cite },
        ...(trial % 5 !== 4 ? { specialists: [{ sector: 'non_coal_mine', teamSize: 3, minSpecialists: 1, cite }] } : {}),
      } satisfies Rules;
      const snapshot: DrawSnapshot = { enterprises, inspectors, experts: [], checklist: [], history: {}, conflicts };
      const task: DrawTask = { ...fixture.task(), id: `T-${trial}`, size: enterprises.length };
      const ineligible = new Set(inspectors.filter((i) => inspectorVerdicts(rules, {}, i, task).length > 0).map((i) => i.id));
      const drawer = new TeamDrawer(snapshot, rules, {}, task, ineligible, new RandomStream(seed(`draw-${trial}`)), true);
      const fast = enterprises.map((e) => drawer.teamFor(e));
      const plain = plainTeams(snapshot, rules, task, enterprises, new RandomStream(seed(`draw-${trial}`)));
      // A short team is a shortfall (no draw); the teams up to the first shortfall must agree.
      const firstShort = drawer.shortfalls.length > 0 ? enterprises.findIndex((e) => e.uscc === drawer.shortfalls[0]!.uscc) : enterprises.length;
      expect(fast.slice(0, firstShort), `trial ${trial}`).toEqual(plain.slice(0, firstShort));
    }
  });

  it('never seats an inspector beyond the pack’s maximum of teams, nor one with a recorded conflict', () => {
    const inspectors = Array.from({ length: 6 }, (_, i) => fixture.inspector({ id: `I-${i}` }));
    const enterprises = Array.from({ length: 3 }, (_, i) => fixture.enterprise({ uscc: `E${String(i).padStart(17, '0')}` }));
    const rules: Rules = { team: { minSize: 2, leader: true, maxTeamsPerInspector: 1, cite } };
    const conflicts = [{ personId: 'I-0', uscc: enterprises[0]!.uscc }, { personId: 'I-1', uscc: enterprises[0]!.uscc }];
    const drawer = new TeamDrawer({ enterprises, inspectors, experts: [], checklist: [], history: {}, conflicts }, rules, {}, { ...fixture.task(), id: 'T', size: 3 }, new Set(), new RandomStream(seed('max')), true);
    const teams = enterprises.map((e) => drawer.teamFor(e));
    expect(drawer.shortfalls).toEqual([]);
    expect(teams[0]!.members).not.toContain('I-0');
    expect(teams[0]!.members).not.toContain('I-1');
    const seated = teams.flatMap((t) => t.members);
    expect(new Set(seated).size).toBe(6); // each of the six once: nobody twice with a maximum of one
    expect(drawer.recusals.filter((r) => r.uscc === enterprises[0]!.uscc).map((r) => r.personId)).toEqual(['I-0', 'I-1']);
  });
});
