import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commitmentOf as serverCommitment } from '../../src/core/draw/seed.ts';
import { NODE_DRAW_PORTS } from '../../src/server/draw-ports.ts';
import { commitmentOf, newIdempotencyKey, newSecret } from '../../src/console/pages/TaskDetail/officer-secret.ts';

const VECTORS = JSON.parse(readFileSync('docs/draw-test-vectors.json', 'utf8')) as { seedDerivation: { secret: string; commitment: string } };

describe("the draw officer's commitment made in the browser", () => {
  it('is hex(SHA-256(S)) over the 32 bytes, as the published test vector and the server compute it', async () => {
    const { secret, commitment } = VECTORS.seedDerivation;
    expect(await commitmentOf(secret)).toBe(commitment);
    expect(await commitmentOf(secret.toUpperCase())).toBe(commitment);
    const fresh = newSecret();
    expect(await commitmentOf(fresh)).toBe(serverCommitment(fresh, NODE_DRAW_PORTS));
  });

  it('makes a new 32-byte secret each time and refuses anything that is not 64 hex digits', async () => {
    const secrets = new Set(Array.from({ length: 50 }, newSecret));
    expect(secrets.size).toBe(50);
    for (const s of secrets) expect(s).toMatch(/^[0-9a-f]{64}$/);
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{32}$/);
    await expect(commitmentOf('ab'.repeat(31))).rejects.toThrow(RangeError);
    await expect(commitmentOf('zz'.repeat(32))).rejects.toThrow(RangeError);
  });
});
