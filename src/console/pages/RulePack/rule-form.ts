/**
 * The pack editor's form, drawn from the pack language's JSON Schema (the server's
 * `rulePackLanguage`, zod's own description of src/core/rules/schema.ts): a field added to the
 * language appears here without editing the form; what it cannot show as a typed input is
 * edited as JSON, never dropped.
 */

export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly items?: JsonSchema;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly anyOf?: readonly JsonSchema[];
}

/** One rule a pack states: a top-level rule, or a member of a group (shares.planShareMin…). */
export interface RuleSlot {
  /** Dotted path under `rules`: `team`, `shares.planShareMin`. */
  readonly path: string;
  readonly schema: JsonSchema;
  /** A rule object with its `cite` and typed fields; otherwise (lists of rules) edited as JSON. */
  readonly form: boolean;
}

export type FieldKind = 'integer' | 'number' | 'boolean' | 'enum' | 'text' | 'json';

const isCited = (s: JsonSchema) => s.type === 'object' && !!s.properties?.cite;

/** Every rule of the language, in its order. */
export function ruleSlots(language: JsonSchema): RuleSlot[] {
  const slots: RuleSlot[] = [];
  for (const [key, schema] of Object.entries(language.properties ?? {})) {
    if (isCited(schema)) slots.push({ path: key, schema, form: true });
    else if (schema.type === 'object' && schema.properties) {
      // A group: each member is a rule of its own (merge-rules.ts overrides them one by one).
      for (const [member, s] of Object.entries(schema.properties)) slots.push({ path: `${key}.${member}`, schema: s, form: isCited(s) });
    } else slots.push({ path: key, schema, form: false });
  }
  return slots;
}

/** How a rule's field is edited. */
export function fieldKind(schema: JsonSchema): FieldKind {
  if (schema.type === 'integer') return 'integer';
  if (schema.type === 'number') return 'number';
  if (schema.type === 'boolean') return 'boolean';
  if (schema.type === 'string' && (schema.enum || schema.const !== undefined)) return 'enum';
  if (schema.type === 'string') return 'text';
  return 'json';
}

/** A rule's fields other than its citation. */
export const ruleFields = (slot: RuleSlot) => Object.entries(slot.schema.properties ?? {}).filter(([k]) => k !== 'cite');

export function getPath(value: unknown, path: string): unknown {
  let node = value;
  for (const key of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A copy of `value` with `path` set (or removed when `next` is undefined); empty groups go. */
export function setPath(value: Record<string, unknown>, path: string, next: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const copy = { ...value };
  if (rest.length === 0) {
    if (next === undefined) delete copy[head];
    else copy[head] = next;
    return copy;
  }
  const inner = setPath((copy[head] as Record<string, unknown> | undefined) ?? {}, rest.join('.'), next);
  if (Object.keys(inner).length === 0) delete copy[head];
  else copy[head] = inner;
  return copy;
}
