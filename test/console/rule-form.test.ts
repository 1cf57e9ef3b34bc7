import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { Rules } from '../../src/core/rules/schema.ts';
import { fieldKind, getPath, ruleFields, ruleSlots, setPath, type JsonSchema } from '../../src/console/pages/RulePack/rule-form.ts';
import { FIELD_LABELS, RULE_LABELS, VALUE_LABELS } from '../../src/console/pages/RulePack/rule-labels.ts';

const language = z.toJSONSchema(Rules, { unrepresentable: 'any' }) as JsonSchema;

describe('the pack editor’s form, drawn from the pack language', () => {
  it('has a slot for every rule, group members one by one, each typed field with its input', () => {
    const slots = ruleSlots(language);
    const team = slots.find((s) => s.path === 'team')!;
    expect(team.form).toBe(true);
    expect(Object.fromEntries(ruleFields(team).map(([k, s]) => [k, fieldKind(s)]))).toEqual({ minSize: 'integer', maxSize: 'integer', leader: 'boolean', maxTeamsPerInspector: 'integer', rotation: 'json' });
    expect(slots.map((s) => s.path)).toContain('shares.planShareMin');
    // A list of rules (each cited) is edited as JSON.
    expect(slots.find((s) => s.path === 'frequencies')).toMatchObject({ form: false });
  });

  it('shows a field the language gains without editing the form: typed when it can, JSON otherwise', () => {
    const grown = z.toJSONSchema(Rules.extend({ rotation: z.strictObject({ maxConsecutiveDraws: z.number().int(), among: z.array(z.string()), cite: z.strictObject({ doc: z.string(), clause: z.string() }) }).optional() })) as JsonSchema;
    const rotation = ruleSlots(grown).find((s) => s.path === 'rotation')!;
    expect(rotation.form).toBe(true);
    expect(ruleFields(rotation).map(([k, s]) => [k, fieldKind(s)])).toEqual([['maxConsecutiveDraws', 'integer'], ['among', 'json']]);
  });

  it('names every rule, field and choice of the pack language in Chinese: a clerk never sees an internal code', () => {
    const unnamed: string[] = [];
    for (const slot of ruleSlots(language)) {
      if (!RULE_LABELS[slot.path]) unnamed.push(slot.path);
      for (const [key, schema] of ruleFields(slot)) {
        if (!FIELD_LABELS[key]) unnamed.push(`${slot.path}.${key}`);
        if (fieldKind(schema) === 'enum') for (const value of schema.enum ?? [schema.const]) if (!VALUE_LABELS[`${key}=${String(value)}`]) unnamed.push(`${slot.path}.${key}=${String(value)}`);
      }
    }
    expect(unnamed).toEqual([]);
  });

  it('sets and removes a rule inside its group without touching the others', () => {
    const rules = { shares: { planShareMin: { percent: 5 } }, team: { minSize: 2 } };
    const set = setPath(rules, 'shares.covertDrawn', { generally: true });
    expect(getPath(set, 'shares.covertDrawn.generally')).toBe(true);
    expect(getPath(set, 'shares.planShareMin.percent')).toBe(5);
    expect(setPath(setPath(rules, 'shares.planShareMin', undefined), 'team', undefined)).toEqual({});
  });
});
