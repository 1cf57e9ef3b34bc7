import { createHash } from 'node:crypto';
import type { DrawPorts } from '../core/draw/ports.ts';

/** The draw's ports on Node: OpenSSL's SHA-256. */
export const NODE_DRAW_PORTS: DrawPorts = {
  sha256: (data) => new Uint8Array(createHash('sha256').update(data).digest()),
};
