import { canonicalJson } from '../canonical-json.ts';
import { toHex, utf8, type DrawPorts } from '../draw/ports.ts';
import type { ResultContent } from './types.ts';

/** Which result a content belongs to: the draw, the enterprise and the version. */
export interface ResultIdentity {
  readonly drawId: string;
  readonly uscc: string;
  readonly version: number;
}

/**
 * SHA-256 (hex) of the result's canonical JSON (RFC 8785) with its identity: what each signature
 * signs. Any edit changes it, so a signature given before an edit no longer counts.
 */
export function resultContentHash(identity: ResultIdentity, content: ResultContent, ports: Pick<DrawPorts, 'sha256'>): string {
  return toHex(ports.sha256(utf8(canonicalJson({ ...identity, content }))));
}
