import { parseIdNumber } from '../identifiers/id-number.ts';
import { parseUscc } from '../identifiers/uscc.ts';
import { err, ok, type Result } from '../result.ts';
import { parseDate } from './dates.ts';
import { restoreNeutralised } from './formula-cells.ts';
import { matchObjectText } from './match-sectors.ts';
import { BASE_VOCABULARY, knownLabels, type SectorVocabulary } from './sector-vocabulary.ts';
import { BOOLEAN_WORDS, labelOf, lookup, type Vocabulary } from './vocabulary.ts';

/**
 * One column of a directory file: the headers it is known by, how a cell is read and how a
 * value is written back. Parsers return a reason (a sentence) rather than throwing.
 */
export interface Field<T> {
  /** Chinese headers bureaus use; the first is the one exports write. */
  readonly headers: readonly string[];
  readonly required: boolean;
  /** Reads a non-empty cell. */
  readonly parse: (text: string, context: ReadContext) => Result<T, string>;
  /** Value for an empty optional cell. */
  readonly empty: T;
  /** Writes a value back as a bureau reads it; a sector by the jurisdiction's label when `context.sectors` is given. */
  readonly format: (value: T, context?: ReadContext) => string;
}

type FieldOptions = { readonly required?: boolean };

/** What reading a cell may depend on besides its text (the core takes the clock as an input). */
export interface ReadContext {
  /** Today in the jurisdiction (YYYY-MM-DD): a birth date after it is impossible. */
  readonly today?: string | undefined;
  /** The jurisdiction's sectors (base + its pack's + its own); the base vocabulary when absent. */
  readonly sectors?: SectorVocabulary | undefined;
  /** The bureau's corrections of 检查对象 → sectors (normalised text → codes), read with `sectors`. */
  readonly objectCorrections?: ReadonlyMap<string, readonly string[]> | undefined;
}

const fail = (reason: string) => err(reason);

function make<T>(headers: readonly string[], options: FieldOptions, empty: T, parse: Field<T>['parse'], format: Field<T>['format']): Field<T> {
  return { headers, required: options.required ?? false, parse, empty, format };
}

export function textField(headers: readonly string[], options: FieldOptions & { readonly max?: number } = {}): Field<string | null> {
  const max = options.max ?? 500;
  return make<string | null>(headers, options, null, (text) => (text.length > max ? fail(`超过 ${max} 个字（is longer than ${max} characters）`) : ok(text)), (v) => v ?? '');
}

export function requiredText(headers: readonly string[], max = 500): Field<string> {
  return make<string>(headers, { required: true }, '', (text) => (text.length > max ? fail(`超过 ${max} 个字（is longer than ${max} characters）`) : ok(text)), (v) => v);
}

export function usccField(headers: readonly string[]): Field<string> {
  return make<string>(headers, { required: true }, '', (text) => {
    const r = parseUscc(text);
    return r.ok ? r : fail(r.error.message);
  }, (v) => v);
}

export function idNumberField(headers: readonly string[], options: FieldOptions = {}): Field<string | null> {
  return make<string | null>(headers, options, null, (text, context) => {
    const r = parseIdNumber(text, context.today);
    return r.ok ? r : fail(r.error.message);
  }, (v) => v ?? '');
}

export function dateField(headers: readonly string[], options: FieldOptions = {}): Field<string | null> {
  return make<string | null>(headers, options, null, (text) => {
    const r = parseDate(text);
    return r.ok ? r : fail(r.error.message);
  }, (v) => v ?? '');
}

export function enumField<V extends string>(headers: readonly string[], vocabulary: Vocabulary<V>, empty: NoInfer<V>): Field<V>;
export function enumField<V extends string>(headers: readonly string[], vocabulary: Vocabulary<V>, empty: null): Field<V | null>;
export function enumField<V extends string>(headers: readonly string[], vocabulary: Vocabulary<V>, empty: V | null): Field<V | null> {
  return make<V | null>(headers, {}, empty, (text) => {
    const code = lookup(vocabulary, text);
    if (code) return ok(code);
    const known = Object.values<readonly string[]>(vocabulary).map((labels) => labels[0]).join('、');
    return fail(`“${text}”不是 ${known} 之一（is not one of them）`);
  }, (v) => (v === null ? '' : labelOf(vocabulary, v)));
}

export function booleanField(headers: readonly string[]): Field<boolean> {
  return make<boolean>(headers, {}, false, (text) => {
    const word = text.trim().toUpperCase();
    if ((BOOLEAN_WORDS.true as readonly string[]).includes(word)) return ok(true);
    if ((BOOLEAN_WORDS.false as readonly string[]).includes(word)) return ok(false);
    return fail(`“${text}”应为“是”或“否”（is not 是 or 否）`);
  }, (v) => (v ? '是' : '否'));
}

const LIST_SEPARATOR = /[、,，;；/|\s]+/;

/**
 * A sector by its code, label or alias in the jurisdiction's vocabulary. An unknown one is
 * refused with the closest sector when the text contains one's name (烟花爆竹批发部 → 烟花爆竹批发),
 * else with every known label.
 */
function parseSector(text: string, context: ReadContext): Result<string, string> {
  const vocabulary = context.sectors ?? BASE_VOCABULARY;
  const sector = vocabulary.find(text);
  if (sector) return ok(sector.code);
  const near = matchObjectText(text, vocabulary);
  if (near.sectors.length === 1) return fail(`“${text}”不是已知的行业领域，是否指“${vocabulary.labelOf(near.sectors[0]!)}”？(is not a known sector; did you mean ${near.sectors[0]}?)`);
  return fail(`“${text}”不是已知的行业领域（${knownLabels(vocabulary)}）(is not a known sector)`);
}

const sectorLabel = (code: string, context?: ReadContext) => (context?.sectors ?? BASE_VOCABULARY).labelOf(code);

export function sectorField(headers: readonly string[]): Field<string> {
  return make<string>(headers, { required: true }, '', parseSector, sectorLabel);
}

export function sectorListField(headers: readonly string[], options: FieldOptions = {}): Field<string[]> {
  return make<string[]>(headers, options, [], (text, context) => {
    const codes: string[] = [];
    for (const part of text.split(LIST_SEPARATOR).filter(Boolean)) {
      const r = parseSector(part, context);
      if (!r.ok) return r;
      if (!codes.includes(r.value)) codes.push(r.value);
    }
    return ok(codes);
  }, (v, context) => v.map((code) => sectorLabel(code, context)).join('、'));
}

export function listField(headers: readonly string[], options: FieldOptions = {}): Field<string[]> {
  return make<string[]>(headers, options, [], (text) => ok([...new Set(text.split(LIST_SEPARATOR).filter(Boolean))]), (v) => v.join('、'));
}

/** Parses a field's cell: empty cells give the field's empty value or a "required" reason. */
export function readCell<T>(field: Field<T>, raw: string | undefined, context: ReadContext = {}): Result<T, string> {
  const text = restoreNeutralised((raw ?? '').trim());
  if (text === '') return field.required ? fail('必填，不能为空（is required）') : ok(field.empty);
  return field.parse(text, context);
}
