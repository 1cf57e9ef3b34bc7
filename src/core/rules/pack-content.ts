import { canonicalJson } from '../canonical-json.ts';
import type { Meta, Rules } from './schema.ts';

/**
 * The text a pack's content hash is the SHA-256 of: the canonical JSON of its meta, the rules
 * in force and its hooks' source text. The SDK (at load) and the verifier (from an export)
 * both hash exactly this, so the two cannot drift apart.
 */
export function packContentJson(meta: Meta, rules: Rules, hookSources: Readonly<Record<string, string>>): string {
  return canonicalJson({ meta, rules, hooks: hookSources });
}
