import type { RulePackHooks } from '../../core/rules/facts.ts';
import type { Meta, Rules } from '../../core/rules/schema.ts';

/** A rule pack as its author writes it: data (`meta`, `rules`) plus optional pure `hooks`. */
export interface RulePackDefinition {
  readonly meta: Meta;
  readonly rules: Rules;
  readonly hooks?: RulePackHooks;
}

/**
 * Declares a rule pack. It returns its argument unchanged: the point is the type, which lets
 * an editor check the pack as it is written. Validation happens when the pack is loaded.
 *
 * @example
 * export default defineRulePack({
 *   meta: { id: 'my-county', name: '某县', level: 'COUNTY', version: '1.0.0',
 *           sources: [{ id: 'plan', title: '某县双随机实施方案' }], inForce: { from: '2026-01-01' } },
 *   rules: { team: { minSize: 2, leader: true, cite: { doc: 'plan', clause: '三' } } },
 * });
 */
export function defineRulePack<const P extends RulePackDefinition>(pack: P): P {
  return pack;
}
