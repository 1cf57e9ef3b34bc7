import { parseFrequency, parseRatio } from '../../core/checklist/ratio-frequency.ts';
import type { ChecklistRow, DirectoryKind, EnterpriseRow, ExpertRow, InspectorRow, RecordRow } from '../../core/directory/kinds/index.ts';
import type { Problem } from '../../core/result.ts';
import type { SqlSession } from '../db/sql.ts';
import type { UpsertTarget } from './bulk-upsert.ts';

/** How the records of one directory kind are written to their table. */
export interface DirectoryWriter<R> {
  readonly target: UpsertTarget;
  readonly columns: (record: R) => Record<string, unknown>;
  /** Checks that need the database (a checklist item's parent exists…). */
  readonly check?: (tx: SqlSession, jurisdictionId: string, records: readonly { row: number; value: R }[]) => Promise<Problem[]>;
  /** Writes what the main table does not hold (an expert's services, checklist parents). Returns rows changed. */
  readonly after?: (tx: SqlSession, jurisdictionId: string, records: readonly R[]) => Promise<Set<string>>;
  /** Writes the records itself instead of the upsert by `target.key` (a kind whose identity is several columns). */
  readonly write?: (tx: SqlSession, jurisdictionId: string, records: readonly R[]) => Promise<{ created: number; updated: number }>;
}

const enterpriseWriter: DirectoryWriter<EnterpriseRow> = {
  target: {
    table: 'enterprise',
    key: 'uscc',
    columns: [
      ['uscc', 'text'], ['name', 'text'], ['legal_representative', 'text'], ['address', 'text'], ['contact_person', 'text'],
      ['phone', 'text'], ['sector', 'text'], ['sub_sector', 'text'], ['scale', '"EnterpriseScale"'], ['risk_level', '"RiskLevel"'],
      ['credit_level', '"CreditLevel"'], ['blacklisted', 'boolean'], ['key_high_danger', 'boolean'],
      ['major_hazard_source', 'boolean'], ['township', 'text'], ['operating_status', '"OperatingStatus"'], ['above_designated_size', 'boolean'],
    ],
  },
  columns: (r) => ({
    uscc: r.uscc, name: r.name, legal_representative: r.legalRepresentative, address: r.address, contact_person: r.contactPerson,
    phone: r.phone, sector: r.sector, sub_sector: r.subSector, scale: r.scale, risk_level: r.riskLevel, credit_level: r.creditLevel,
    blacklisted: r.blacklisted, key_high_danger: r.keyHighDanger, major_hazard_source: r.majorHazardSource, township: r.township,
    operating_status: r.operatingStatus, above_designated_size: r.aboveDesignatedSize,
  }),
};

const inspectorWriter: DirectoryWriter<InspectorRow> = {
  target: {
    table: 'inspector',
    key: 'certificate_number',
    columns: [
      ['certificate_number', 'text'], ['name', 'text'], ['gender', '"Gender"'], ['phone', 'text'], ['id_number', 'text'],
      ['certificate_valid_until', 'date'], ['unit', 'text'], ['unit_kind', '"UnitKind"'], ['domains', 'text[]'], ['formal_staff', 'boolean'],
    ],
  },
  columns: (r) => ({
    certificate_number: r.certificateNumber, name: r.name, gender: r.gender, phone: r.phone, id_number: r.idNumber,
    certificate_valid_until: r.certificateValidUntil, unit: r.unit, unit_kind: r.unitKind, domains: r.domains, formal_staff: r.formalStaff,
  }),
};

const expertWriter: DirectoryWriter<ExpertRow> = {
  target: {
    table: 'expert',
    key: 'id_number',
    columns: [['id_number', 'text'], ['name', 'text'], ['gender', '"Gender"'], ['phone', 'text'], ['specialties', 'text[]'], ['employer', 'text'], ['title', 'text']],
  },
  columns: (r) => ({ id_number: r.idNumber, name: r.name, gender: r.gender, phone: r.phone, specialties: r.specialties, employer: r.employer, title: r.title }),
  // The file is the truth for the services of the experts it lists: add the new, remove the gone.
  async after(tx, jurisdictionId, records) {
    const experts = await tx.query<{ id: string; id_number: string }>(
      'SELECT id, id_number FROM expert WHERE jurisdiction_id = $1 AND id_number = ANY($2::text[])',
      [jurisdictionId, records.map((r) => r.idNumber)],
    );
    const idOf = new Map(experts.map((e) => [e.id_number, e.id]));
    const desired = records.flatMap((r) => r.services.map((s) => ({ expert_id: idOf.get(r.idNumber), enterprise_uscc: s.enterpriseUscc, kind: s.kind, served_on: s.servedOn })));
    const desiredSql = `SELECT * FROM json_to_recordset($1::json) AS x(expert_id text, enterprise_uscc text, kind "ExpertServiceKind", served_on date)`;
    const same = 'd.expert_id = s.expert_id AND d.enterprise_uscc = s.enterprise_uscc AND d.kind = s.kind AND d.served_on = s.served_on';
    const removed = await tx.query<{ expert_id: string }>(
      `WITH d AS (${desiredSql}) DELETE FROM expert_service s WHERE s.expert_id = ANY($2::text[]) AND NOT EXISTS (SELECT 1 FROM d WHERE ${same}) RETURNING s.expert_id`,
      [JSON.stringify(desired), [...idOf.values()]],
    );
    const added = await tx.query<{ expert_id: string }>(
      `WITH d AS (${desiredSql}) INSERT INTO expert_service (jurisdiction_id, expert_id, enterprise_uscc, kind, served_on)
       SELECT $2, d.expert_id, d.enterprise_uscc, d.kind, d.served_on FROM d
       WHERE NOT EXISTS (SELECT 1 FROM expert_service s WHERE ${same}) RETURNING expert_id`,
      [JSON.stringify(desired), jurisdictionId],
    );
    const numberOf = new Map(experts.map((e) => [e.id, e.id_number]));
    return new Set([...removed, ...added].map((r) => numberOf.get(r.expert_id)!));
  },
};

const MAX_DEPTH = 32;

const checklistWriter: DirectoryWriter<ChecklistRow> = {
  target: {
    table: 'checklist_item',
    key: 'code',
    columns: [
      ['code', 'text'], ['name', 'text'], ['content', 'text'], ['legal_basis', 'text'], ['sectors', 'text[]'], ['method', 'text'], ['department', 'text'], ['level', 'text'],
      ['category', 'text'], ['item_kind', 'text'], ['inspection_object', 'text'], ['subject', 'text'], ['inspector_requirement', 'text'], ['remarks', 'text'],
      ['ratio_text', 'text'], ['ratio_percent', 'numeric'], ['ratio_minimum', 'boolean'], ['frequency_text', 'text'], ['frequency_period', 'text'], ['extra', 'jsonb'],
    ],
  },
  // 抽查比例 and 抽查频次 are kept as published, with their value when the text reads as one.
  columns: (r) => {
    const ratio = r.ratioText === null ? null : parseRatio(r.ratioText);
    return {
      code: r.code, name: r.name, content: r.content, legal_basis: r.legalBasis, sectors: r.sectors, method: r.method, department: r.department, level: r.level,
      category: r.category, item_kind: r.itemKind, inspection_object: r.inspectionObject, subject: r.subject, inspector_requirement: r.inspectorRequirement,
      remarks: r.remarks, ratio_text: r.ratioText, ratio_percent: ratio?.percent ?? null, ratio_minimum: ratio?.minimum ?? null,
      frequency_text: r.frequencyText, frequency_period: r.frequencyText === null ? null : parseFrequency(r.frequencyText), extra: r.extra,
    };
  },
  // A sub-item's parent must exist, in the file or already in the checklist, and the hierarchy stays a tree.
  async check(tx, jurisdictionId, records) {
    const existing = await tx.query<{ code: string; parent_code: string | null }>(
      'SELECT c.code, p.code AS parent_code FROM checklist_item c LEFT JOIN checklist_item p ON p.id = c.parent_id WHERE c.jurisdiction_id = $1',
      [jurisdictionId],
    );
    const parentOf = new Map(existing.map((e) => [e.code, e.parent_code]));
    for (const { value } of records) parentOf.set(value.code, value.parentCode);
    const problems: Problem[] = [];
    for (const { row, value } of records) {
      if (value.parentCode === null) continue;
      if (!parentOf.has(value.parentCode)) {
        problems.push({ code: 'INVALID_VALUE', row, column: '上级事项编码', field: 'parentCode', message: `第 ${row} 行「上级事项编码」：没有编码为 ${value.parentCode} 的检查事项 (no checklist item has this code)` });
        continue;
      }
      let at: string | null | undefined = value.parentCode;
      for (let depth = 0; at && depth < MAX_DEPTH; depth++) {
        if (at === value.code) {
          problems.push({ code: 'INVALID_VALUE', row, column: '上级事项编码', field: 'parentCode', message: `第 ${row} 行「上级事项编码」：事项 ${value.code} 不能成为自己的上级 (would be its own ancestor)` });
          break;
        }
        at = parentOf.get(at);
      }
    }
    return problems;
  },
  async after(tx, jurisdictionId, records) {
    const changed = await tx.query<{ code: string }>(
      `UPDATE checklist_item c SET parent_id = p.id, updated_at = now()
       FROM json_to_recordset($1::json) AS x(code text, parent_code text)
       LEFT JOIN checklist_item p ON p.jurisdiction_id = $2 AND p.code = x.parent_code
       WHERE c.jurisdiction_id = $2 AND c.code = x.code AND c.parent_id IS DISTINCT FROM p.id
       RETURNING c.code`,
      [JSON.stringify(records.map((r) => ({ code: r.code, parent_code: r.parentCode }))), jurisdictionId],
    );
    return new Set(changed.map((c) => c.code));
  },
};

const RECORD_COLUMNS = 'x(uscc text, kind "EnterpriseRecordKind", occurred_on date, reference text, description text)';
/** The same record: enterprise, kind, date and 文号 (none and none are the same). */
const SAME_RECORD = 'r.enterprise_id = e.id AND r.kind = x.kind AND r.occurred_on = x.occurred_on AND r.reference IS NOT DISTINCT FROM x.reference';

const recordWriter: DirectoryWriter<RecordRow> = {
  target: { table: 'enterprise_record', key: 'uscc', columns: [] },
  columns: (r) => ({ uscc: r.uscc, kind: r.kind, occurred_on: r.occurredOn, reference: r.reference, description: r.description }),
  // Every USCC names an enterprise of this jurisdiction's directory.
  async check(tx, jurisdictionId, records) {
    const known = new Set(
      (await tx.query<{ uscc: string }>('SELECT uscc FROM enterprise WHERE jurisdiction_id = $1 AND uscc = ANY($2::text[])', [jurisdictionId, [...new Set(records.map((r) => r.value.uscc))]])).map((e) => e.uscc),
    );
    return records
      .filter(({ value }) => !known.has(value.uscc))
      .map(({ row, value }) => ({ code: 'INVALID_VALUE', row, column: '统一社会信用代码', field: 'uscc', message: `第 ${row} 行「统一社会信用代码」：本辖区的市场主体名录库中没有 ${value.uscc} (no enterprise of this jurisdiction has this USCC)` }));
  },
  // Re-importing a file adds nothing twice: a record already there (withdrawn or not) only takes a changed 摘要.
  async write(tx, jurisdictionId, records) {
    const json = JSON.stringify(records.map(recordWriter.columns));
    const [updated] = await tx.query<{ n: number }>(
      `WITH u AS (UPDATE enterprise_record r SET description = x.description
         FROM json_to_recordset($1::json) AS ${RECORD_COLUMNS} JOIN enterprise e ON e.jurisdiction_id = $2 AND e.uscc = x.uscc
         WHERE ${SAME_RECORD} AND r.description IS DISTINCT FROM x.description RETURNING r.id)
       SELECT count(*)::int AS n FROM u`,
      [json, jurisdictionId],
    );
    const [created] = await tx.query<{ n: number }>(
      `WITH i AS (INSERT INTO enterprise_record (id, jurisdiction_id, enterprise_id, kind, occurred_on, reference, description)
         SELECT gen_random_uuid()::text, $2, e.id, x.kind, x.occurred_on, x.reference, x.description
         FROM json_to_recordset($1::json) AS ${RECORD_COLUMNS} JOIN enterprise e ON e.jurisdiction_id = $2 AND e.uscc = x.uscc
         WHERE NOT EXISTS (SELECT 1 FROM enterprise_record r WHERE ${SAME_RECORD}) RETURNING id)
       SELECT count(*)::int AS n FROM i`,
      [json, jurisdictionId],
    );
    return { created: created!.n, updated: updated!.n };
  },
};

export const DIRECTORY_WRITERS: { readonly [K in DirectoryKind]: DirectoryWriter<any> } = {
  enterprises: enterpriseWriter,
  inspectors: inspectorWriter,
  experts: expertWriter,
  checklist: checklistWriter,
  records: recordWriter,
};
