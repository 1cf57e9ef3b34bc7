import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyLine, copyValue } from '../../src/server/db/copy-text.ts';
import type { Database } from '../../src/server/db/database.ts';
import { bulkUpsert } from '../../src/server/directory/bulk-upsert.ts';
import { DIRECTORY_WRITERS } from '../../src/server/directory/writers.ts';
import { TEST_DATABASES } from '../helpers/databases.ts';
import { createJurisdiction } from '../helpers/fixtures.ts';

// Strings COPY's text format gives a meaning to, and strings an array literal does.
const AWKWARD = ['tab\there', 'line\nbreak', 'cr\rhere', 'back\\slash', '\\N', '\\.', '"quoted"', 'a,b{c}', '', ' padded ', 'NULL', '赵六'];
const inspectors = AWKWARD.map((text, i) => ({
  certificate_number: `豫A${String(i).padStart(4, '0')}`,
  name: text,
  gender: i % 2 ? 'FEMALE' : 'MALE',
  phone: i % 3 ? null : text,
  id_number: null,
  certificate_valid_until: i % 2 ? '2027-06-30' : null,
  unit: `${text}股`,
  unit_kind: 'SECTION',
  domains: i === 0 ? [] : [text, 'x,y', 'q"uote', 'NULL', '{z}'],
  formal_staff: i % 2 === 0,
}));

describe('COPY text format', () => {
  it('escapes what the format gives a meaning to and nothing else', () => {
    expect(AWKWARD.map(copyValue)).toEqual(['tab\\there', 'line\\nbreak', 'cr\\rhere', 'back\\\\slash', '\\\\N', '\\\\.', '"quoted"', 'a,b{c}', '', ' padded ', 'NULL', '赵六']);
    expect([null, undefined, true, false, 3].map(copyValue)).toEqual(['\\N', '\\N', 't', 'f', '3']);
    expect(copyValue(['a,b', 'q"uote', 'back\\slash', null, ''])).toBe('{"a,b","q\\\\"uote","back\\\\\\\\slash",NULL,""}');
    expect([{ a: 'x', b: null }, { a: 'y\tz', b: ['1'] }].map((row) => copyLine(row, ['a', 'b']))).toEqual(['x\t\\N', 'y\\tz\t{"1"}']);
  });
});

describe.each(TEST_DATABASES)('bulk writes on $name', (target) => {
  let db: Database;
  const writer = DIRECTORY_WRITERS.inspectors;
  const stored = async (jurisdictionId: string) =>
    db.sql.query(
      `SELECT certificate_number, name, gender, phone, id_number, certificate_valid_until::text, unit, unit_kind, domains, formal_staff, active
       FROM inspector WHERE jurisdiction_id = $1 ORDER BY certificate_number`,
      [jurisdictionId],
    );
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => {
    await db.close();
  });

  it('stores every value alike whether copied into an empty directory or merged into a filled one', async () => {
    const empty = await createJurisdiction(db, '411303', '卧龙区');
    const filled = await createJurisdiction(db, '411302', '宛城区');
    await db.sql.transaction((tx) => bulkUpsert(tx, writer.target, filled.id, [{ ...inspectors[1]!, name: '旧名' }]));

    const copied = await db.sql.transaction((tx) => bulkUpsert(tx, writer.target, empty.id, inspectors));
    const merged = await db.sql.transaction((tx) => bulkUpsert(tx, writer.target, filled.id, inspectors));
    expect([copied.created, copied.updated, merged.created, merged.updated]).toEqual([inspectors.length, 0, inspectors.length - 1, 1]);
    const rows = await stored(empty.id);
    expect(rows).toEqual(await stored(filled.id));
    expect(rows.map((r) => r.name)).toEqual(AWKWARD);
    expect(rows.map((r) => r.domains)).toEqual(inspectors.map((i) => i.domains));
    expect(rows.map((r) => [r.certificate_valid_until, r.phone, r.formal_staff, r.active])).toEqual(
      inspectors.map((i) => [i.certificate_valid_until, i.phone, i.formal_staff, true]),
    );
    // Each copied row has an id of its own and a history row.
    const [ids] = await db.sql.query<{ n: number; h: number }>(
      'SELECT count(DISTINCT id)::int AS n, (SELECT count(*)::int FROM inspector_history h WHERE h.jurisdiction_id = $1) AS h FROM inspector WHERE jurisdiction_id = $1',
      [empty.id],
    );
    expect(ids).toEqual({ n: inspectors.length, h: inspectors.length });
  });

  it.runIf(target.name === 'postgres')('merges when another transaction fills the directory while the copy runs', async () => {
    const j = await createJurisdiction(db, '411321', '南召县');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let copiedFirst!: () => void;
    const firstCopied = new Promise<void>((resolve) => (copiedFirst = resolve));
    const first = db.sql.transaction(async (tx) => {
      const outcome = await bulkUpsert(tx, writer.target, j.id, inspectors);
      copiedFirst();
      await held;
      return outcome;
    });
    await firstCopied;
    // The second sees the directory empty (the first has not committed), copies, waits on the
    // first's rows in the unique index, and falls back to merging once they commit.
    const second = db.sql.transaction((tx) => bulkUpsert(tx, writer.target, j.id, inspectors.map((i) => ({ ...i, unit: '执法二大队' }))));
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    expect(await first).toMatchObject({ created: inspectors.length, updated: 0 });
    expect(await second).toMatchObject({ created: 0, updated: inspectors.length });
    const rows = await stored(j.id);
    expect(rows).toHaveLength(inspectors.length);
    expect(new Set(rows.map((r) => r.unit))).toEqual(new Set(['执法二大队']));
  });
});
