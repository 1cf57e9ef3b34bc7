import { canonicalJson } from '../canonical-json.ts';
import { utf8, type DrawPorts } from '../draw/ports.ts';
import { RandomStream } from '../draw/random-stream.ts';

/**
 * The stream of one simulated task: ChaCha20 (the draw's own generator) keyed by SHA-256 of the
 * simulation's seed text, the year's number and the task's. Both packs of a comparison get the
 * same stream for the same task, so what differs between them is the packs' doing. Never
 * Math.random: a simulation is reproducible from its seed.
 */
export const taskStream = (ports: Pick<DrawPorts, 'sha256'>, seed: string, year: number, task: number): RandomStream =>
  new RandomStream(ports.sha256(utf8(canonicalJson({ purpose: 'double-random/simulation', seed, task, year }))));
