import { canonicalJson } from '../canonical-json.ts';
import { fromHex, toHex, utf8, type DrawPorts } from './ports.ts';
import { ALGORITHM, type Algorithm, type SeedInputs } from './types.ts';

/** The commitment a bureau publishes before a draw: SHA-256 of the secret's 32 bytes, hex. */
export function commitmentOf(secretHex: string, ports: DrawPorts): string {
  const secret = fromHex(secretHex);
  if (secret.length !== 32) throw new RangeError('the secret is 32 bytes (64 hex digits)');
  return toHex(ports.sha256(secret));
}

/**
 * The seed: SHA-256 of the UTF-8 bytes of the canonical JSON of
 * { algorithm, entropy, packHash, secret, snapshotHash, taskHash }.
 * It binds the bureau's secret to public entropy fixed after the commitment, and to the exact
 * pool, task and pack, so none of them can change once the seed is known.
 */
export function deriveSeed(inputs: SeedInputs, hashes: { snapshotHash: string; taskHash: string; packHash: string }, ports: DrawPorts, algorithm: Algorithm = ALGORITHM): Uint8Array {
  if (commitmentOf(inputs.secret, ports) !== inputs.commitment) throw new RangeError('the secret does not match its published commitment');
  return ports.sha256(
    utf8(canonicalJson({ algorithm, entropy: [...inputs.entropy], packHash: hashes.packHash, secret: inputs.secret, snapshotHash: hashes.snapshotHash, taskHash: hashes.taskHash })),
  );
}
