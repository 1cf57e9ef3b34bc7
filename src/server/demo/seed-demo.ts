import { generateCounty, type DemoOptions } from '../../demo/generate-county.ts';
import type { SqlConnection, SqlSession } from '../db/sql.ts';
import { maintainAfterCommit } from '../db/table-maintenance.ts';
import { writeDirectory } from '../directory/write-directory.ts';
import { setActor } from '../directory/with-actor.ts';

export interface SeedSummary {
  readonly jurisdiction: string;
  readonly enterprises: number;
  readonly inspectors: number;
  readonly experts: number;
  readonly checklistItems: number;
}

const ACTOR = 'demo-seed';

async function upsertJurisdictions(tx: SqlSession, county: ReturnType<typeof generateCounty>, pooling: boolean): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const j of county.jurisdictions) {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO jurisdiction (code, name, level, parent_id) VALUES ($1, $2, $3::"JurisdictionLevel", $4)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [j.code, j.name, j.level, j.parentCode ? ids.get(j.parentCode) : null],
    );
    ids.set(j.code, row!.id);
  }
  for (const j of county.jurisdictions) {
    for (const n of j.neighbourCodes) {
      await tx.query('INSERT INTO jurisdiction_neighbour (jurisdiction_id, neighbour_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [ids.get(j.code), ids.get(n)]);
      // The demo's neighbours have agreed to pool their inspectors (卧龙 第十八条).
      if (pooling) await tx.query('INSERT INTO pooling_consent (jurisdiction_id, neighbour_id, agreed_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [ids.get(j.code), ids.get(n), ACTOR]);
    }
  }
  return ids;
}

/** Loads (or refreshes) the demo county; the same options always give the same data. */
export async function seedDemo(sql: SqlConnection, options: DemoOptions & { /** The neighbours' agreement to pool inspectors (default true). */ readonly pooling?: boolean } = {}): Promise<SeedSummary> {
  const county = generateCounty(options);
  const summary = await sql.transaction(async (tx) => {
    await setActor(tx, ACTOR);
    const ids = await upsertJurisdictions(tx, county, options.pooling ?? true);
    const countyId = ids.get(county.countyCode)!;
    await writeDirectory(tx, 'enterprises', countyId, county.enterprises, ACTOR);
    const cityRows = county.enterprises.filter((e) => county.citySupervised.includes(e.uscc));
    await writeDirectory(tx, 'enterprises', ids.get('411300')!, cityRows, ACTOR);
    await writeDirectory(tx, 'inspectors', countyId, county.inspectors, ACTOR);
    await writeDirectory(tx, 'inspectors', ids.get('411302')!, county.neighbourInspectors, ACTOR);
    await writeDirectory(tx, 'experts', countyId, county.experts, ACTOR);
    await writeDirectory(tx, 'checklist', countyId, county.checklist, ACTOR);
    // Dated history is appended once: a second seeding must not duplicate it.
    await tx.query(
      `INSERT INTO enterprise_record (jurisdiction_id, enterprise_id, kind, occurred_on, description)
       SELECT $2, e.id, x.kind, x.occurred_on, x.description
       FROM json_to_recordset($1::json) AS x(uscc text, kind "EnterpriseRecordKind", occurred_on date, description text)
       JOIN enterprise e ON e.jurisdiction_id = $2 AND e.uscc = x.uscc
       WHERE NOT EXISTS (SELECT 1 FROM enterprise_record r WHERE r.jurisdiction_id = $2)`,
      [JSON.stringify(county.records.map((r) => ({ uscc: r.uscc, kind: r.kind, occurred_on: r.occurredOn, description: r.description }))), countyId],
    );
    return {
      jurisdiction: county.countyCode,
      enterprises: county.enterprises.length,
      inspectors: county.inspectors.length,
      experts: county.experts.length,
      checklistItems: county.checklist.length,
    };
  });
  await maintainAfterCommit(sql, 'enterprise', county.enterprises.length);
  await maintainAfterCommit(sql, 'enterprise_record', county.records.length);
  return summary;
}

/** True when no jurisdiction exists yet: `npm start` seeds the demo then. */
export async function isEmpty(sql: SqlConnection): Promise<boolean> {
  const [row] = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM jurisdiction');
  return row!.n === 0;
}
