import { checklistSpec } from './checklist.ts';
import { enterpriseSpec } from './enterprise.ts';
import { expertSpec } from './expert.ts';
import { inspectorSpec } from './inspector.ts';
import { recordSpec } from './record.ts';
import type { DirectoryKind, DirectorySpec } from './spec.ts';

export type { ChecklistRow } from './checklist.ts';
export type { EnterpriseRow } from './enterprise.ts';
export type { ExpertRow, ExpertServiceRow } from './expert.ts';
export type { InspectorRow } from './inspector.ts';
export type { RecordRow } from './record.ts';
export type { DirectoryKind, DirectorySpec } from './spec.ts';
export { checklistSpec, enterpriseSpec, expertSpec, inspectorSpec, recordSpec };

export const DIRECTORY_SPECS = {
  enterprises: enterpriseSpec,
  inspectors: inspectorSpec,
  experts: expertSpec,
  checklist: checklistSpec,
  records: recordSpec,
} as const satisfies { [K in DirectoryKind]: DirectorySpec<never> | DirectorySpec<any> };

export const DIRECTORY_KINDS = Object.keys(DIRECTORY_SPECS) as DirectoryKind[];
