import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/core/draw/random-stream.ts';
import { sampleUniform } from '../../src/core/draw/sample.ts';
import { SeatPool } from '../../src/core/draw/seat-pool.ts';
import { fixture } from '../../src/rulepacks/sdk/test-kit.ts';

const seed = (text: string) => new Uint8Array(createHash('sha256').update(text).digest());

/** The plain definition of a seat: the lowest-load tier of the open candidates, uniform in id order. */
function plainSeat(ids: readonly string[], load: Map<string, number>, excluded: Set<string>, random: RandomStream): string | undefined {
  const open = ids.filter((id) => !excluded.has(id));
  if (open.length === 0) return undefined;
  const least = Math.min(...open.map((id) => load.get(id) ?? 0));
  const tier = open.filter((id) => (load.get(id) ?? 0) === least);
  return tier[random.uniform(tier.length)];
}

describe('SeatPool', () => {
  it('draws exactly what the plain definition draws, over many seats, loads and exclusions', () => {
    for (let trial = 0; trial < 40; trial++) {
      const ids = Array.from({ length: 5 + (trial % 17) }, (_, i) => `I-${String(i).padStart(3, '0')}`);
      const load = new Map<string, number>();
      const plainLoad = new Map<string, number>();
      const pool = new SeatPool(ids.map((id) => fixture.inspector({ id })), load);
      const a = new RandomStream(seed(`trial-${trial}`));
      const b = new RandomStream(seed(`trial-${trial}`));
      const pick = new RandomStream(seed(`choices-${trial}`));
      for (let team = 0; team < 30; team++) {
        const members: string[] = [];
        const conflicted = new Set(ids.filter(() => pick.uniform(9) === 0));
        for (let seat = 0; seat < 3; seat++) {
          const excluded = new Set([...conflicted, ...members]);
          const positions = [...excluded].map((id) => pool.position.get(id)!).sort((x, y) => x - y);
          const fast = pool.draw(positions, a)?.id;
          expect(fast).toBe(plainSeat(ids, plainLoad, excluded, b));
          if (fast) members.push(fast);
        }
        const excluded = [...new Set([...conflicted, ...members])];
        const positions = excluded.map((id) => pool.position.get(id)!).sort((x, y) => x - y);
        expect(pool.sample(positions, 2, a)).toEqual(sampleUniform(ids.filter((id) => !excluded.includes(id)), 2, b));
        for (const id of members) {
          load.set(id, (load.get(id) ?? 0) + 1);
          plainLoad.set(id, (plainLoad.get(id) ?? 0) + 1);
          pool.raised(id);
        }
        // Another pool (another sector) can raise loads too.
        const other = ids[pick.uniform(ids.length)]!;
        load.set(other, (load.get(other) ?? 0) + 1);
        plainLoad.set(other, (plainLoad.get(other) ?? 0) + 1);
        pool.raised(other);
      }
    }
  });
});
