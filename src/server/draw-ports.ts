import { createHash } from 'node:crypto';
import type { DrawPorts } from '../core/draw/ports.ts';

/** The draw's ports on Node: OpenSSL's SHA-256. */
export const NODE_DRAW_PORTS: DrawPorts = {
  sha256: (data) => new Uint8Array(createHash('sha256').update(data).digest()),
  createSha256: () => {
    const hash = createHash('sha256');
    return { update: (data) => void hash.update(data), digest: () => new Uint8Array(hash.digest()) };
  },
};
