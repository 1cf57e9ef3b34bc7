import type { Field } from '../../../core/directory/fields.ts';
import { DIRECTORY_SPECS } from '../../../core/directory/kinds/index.ts';
import type { CreditLevel, EnterpriseScale, Gender, OperatingStatus, RiskLevel, UnitKind } from '../../gql/graphql.ts';
import { CREDIT_LEVEL_LABELS, GENDER_LABELS, OPERATING_STATUS_LABELS, RISK_LEVEL_LABELS, SCALE_LABELS, UNIT_KIND_LABELS } from '../../locale/labels.ts';

/** The four directories, as the console names them (tab keys, export paths, importDirectory kinds). */
export type DirectoryTab = 'enterprises' | 'inspectors' | 'experts' | 'checklist';

export type InputKind = 'text' | 'textarea' | 'select' | 'sector' | 'sectors' | 'tags' | 'switch' | 'date';

/** One field of a create/edit form and of the record's details. */
export interface FormField {
  /** The GraphQL input's field name, also the form field's name (ids become `<form>_<name>`). */
  readonly name: string;
  readonly label: string;
  readonly input: InputKind;
  /** Required when creating (the directory spec's required fields). */
  readonly required: boolean;
  readonly options?: readonly { readonly value: string; readonly label: string }[];
  /** The value as the clerk reads it: Chinese names for codes and sectors, 是/否 for flags. */
  readonly format: (value: unknown) => string;
}

const optionsOf = <V extends string>(labels: Record<V, string>) => Object.entries<string>(labels).map(([value, label]) => ({ value, label }));

/**
 * The form fields of a directory kind, labelled with the headers its files and exports use
 * (src/core/directory/kinds), and formatted by the same spec, so the console, the files and the
 * server's validation name and read a field alike.
 */
function fieldsOf(tab: DirectoryTab, inputs: Record<string, { input: InputKind; options?: FormField['options'] }>): readonly FormField[] {
  const spec = DIRECTORY_SPECS[tab].fields as Record<string, Field<unknown>>;
  return Object.entries(inputs).map(([name, { input, options }]) => {
    const field = spec[name]!;
    const format = (value: unknown) => (value === null || value === undefined || value === '' ? '' : field.format(value));
    return { name, label: field.headers[0]!, input, required: field.required, ...(options ? { options } : {}), format };
  });
}

export const ENTERPRISE_FIELDS = fieldsOf('enterprises', {
  uscc: { input: 'text' },
  name: { input: 'text' },
  legalRepresentative: { input: 'text' },
  address: { input: 'text' },
  contactPerson: { input: 'text' },
  phone: { input: 'text' },
  // Sectors are chosen from the jurisdiction's vocabulary (Query.sectors), fetched by the form.
  sector: { input: 'sector' },
  subSector: { input: 'text' },
  scale: { input: 'select', options: optionsOf<EnterpriseScale>(SCALE_LABELS) },
  riskLevel: { input: 'select', options: optionsOf<RiskLevel>(RISK_LEVEL_LABELS) },
  creditLevel: { input: 'select', options: optionsOf<CreditLevel>(CREDIT_LEVEL_LABELS) },
  blacklisted: { input: 'switch' },
  keyHighDanger: { input: 'switch' },
  majorHazardSource: { input: 'switch' },
  township: { input: 'text' },
  operatingStatus: { input: 'select', options: optionsOf<OperatingStatus>(OPERATING_STATUS_LABELS) },
  aboveDesignatedSize: { input: 'switch' },
});

export const INSPECTOR_FIELDS = fieldsOf('inspectors', {
  certificateNumber: { input: 'text' },
  name: { input: 'text' },
  gender: { input: 'select', options: optionsOf<Gender>(GENDER_LABELS) },
  phone: { input: 'text' },
  idNumber: { input: 'text' },
  certificateValidUntil: { input: 'date' },
  unit: { input: 'text' },
  unitKind: { input: 'select', options: optionsOf<UnitKind>(UNIT_KIND_LABELS) },
  domains: { input: 'sectors' },
  formalStaff: { input: 'switch' },
});

// Services (服务记录, grounds for recusal) are kept by import or GraphQL; the form leaves them as they are.
export const EXPERT_FIELDS = fieldsOf('experts', {
  idNumber: { input: 'text' },
  name: { input: 'text' },
  gender: { input: 'select', options: optionsOf<Gender>(GENDER_LABELS) },
  phone: { input: 'text' },
  specialties: { input: 'tags' },
  employer: { input: 'text' },
  title: { input: 'text' },
});

export const CHECKLIST_FIELDS = fieldsOf('checklist', {
  code: { input: 'text' },
  name: { input: 'text' },
  content: { input: 'textarea' },
  legalBasis: { input: 'textarea' },
  sectors: { input: 'sectors' },
  method: { input: 'text' },
  department: { input: 'text' },
  level: { input: 'text' },
  parentCode: { input: 'text' },
});

export const FIELDS_OF: Record<DirectoryTab, readonly FormField[]> = {
  enterprises: ENTERPRISE_FIELDS,
  inspectors: INSPECTOR_FIELDS,
  experts: EXPERT_FIELDS,
  checklist: CHECKLIST_FIELDS,
};

/** A history row's column (legal_representative) as the form field it stores (legalRepresentative). */
export function fieldOfColumn(tab: DirectoryTab, column: string): FormField | undefined {
  const name = column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return FIELDS_OF[tab].find((f) => f.name === name);
}
