-- Directory history, typed. Until now every change to a directory row was kept as
-- to_jsonb(row) in one directory_change table; building that JSON cost about as much as
-- writing the row itself and made a bulk import twice as slow. Each directory table now has
-- a history table that holds the row as it is (same columns, same types) after the change
-- (before it, for a deletion), with who and when: `<table>_history`. The triggers stay the
-- ones of 0001 (statement-level, transition tables, the actor from double_random.actor);
-- only the function they call changes. The rows kept so far move over unchanged.
--
-- A history table has the change's columns first, then every column of its directory table.
-- It is indexed by record (a record's history); the old log's (jurisdiction, table, time) index
-- is not kept: nothing reads the history by jurisdiction, and each index costs every import.
-- The trigger names the directory table's columns from the catalogue, so a migration that
-- adds a column to a directory table must add it to its history table too, or every write
-- to that table fails (test/server/history.test.ts compares the two).

DO $$
DECLARE
  t text;
  cols text;
BEGIN
  FOREACH t IN ARRAY ARRAY['enterprise', 'enterprise_record', 'inspector', 'expert', 'expert_service', 'checklist_item'] LOOP
    EXECUTE format($q$CREATE TABLE %I (
      change_id BIGSERIAL PRIMARY KEY,
      op TEXT NOT NULL,
      actor TEXT NOT NULL,
      changed_at TIMESTAMP(3) NOT NULL,
      LIKE %I)$q$, t || '_history', t);
    EXECUTE format('CREATE INDEX %I ON %I (id, change_id)', t || '_history_id_idx', t || '_history');
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite()', t || '_history_append_only', t || '_history');

    SELECT string_agg(format('%I', attname), ', ' ORDER BY attnum) INTO cols
      FROM pg_attribute WHERE attrelid = t::regclass AND attnum > 0 AND NOT attisdropped;
    EXECUTE format($q$INSERT INTO %I (change_id, op, actor, changed_at, %s)
      SELECT c.id, c.op, c.actor, c.changed_at, r.* FROM directory_change c
      CROSS JOIN LATERAL jsonb_populate_record(NULL::%I, c."row") r
      WHERE c.table_name = %L ORDER BY c.id$q$, t || '_history', cols, t, t);
    EXECUTE format($q$SELECT setval(pg_get_serial_sequence(%L, 'change_id'), COALESCE(max(change_id), 0) + 1, false) FROM %I$q$, t || '_history', t || '_history');
  END LOOP;
END;
$$;

-- Every row of the old log has moved (the DO block above stops the migration otherwise).
DO $$
DECLARE
  moved bigint;
  kept bigint;
BEGIN
  SELECT (SELECT count(*) FROM enterprise_history) + (SELECT count(*) FROM enterprise_record_history)
       + (SELECT count(*) FROM inspector_history) + (SELECT count(*) FROM expert_history)
       + (SELECT count(*) FROM expert_service_history) + (SELECT count(*) FROM checklist_item_history) INTO moved;
  SELECT count(*) FROM directory_change INTO kept;
  IF moved <> kept THEN
    RAISE EXCEPTION 'directory history: % rows moved of %', moved, kept;
  END IF;
END;
$$;

DROP TABLE directory_change;

CREATE OR REPLACE FUNCTION record_directory_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  who text := COALESCE(NULLIF(current_setting('double_random.actor', true), ''), 'system');
  history text := TG_TABLE_NAME || '_history';
  cols text;
  changed text;
BEGIN
  -- The directory table's columns in their order, which is also the order of n.* below.
  SELECT string_agg(format('%I', attname), ', ' ORDER BY attnum),
         string_agg(format('o.%1$I IS DISTINCT FROM n.%1$I', attname), ' OR ' ORDER BY attnum) FILTER (WHERE attname <> 'updated_at')
    INTO cols, changed
    FROM pg_attribute WHERE attrelid = TG_RELID AND attnum > 0 AND NOT attisdropped;
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('INSERT INTO %I (op, actor, changed_at, %s) SELECT %L, $1, now(), n.* FROM new_rows n', history, cols, TG_OP) USING who;
  ELSIF TG_OP = 'UPDATE' THEN
    -- An update that changes nothing but the timestamp is not a change.
    EXECUTE format('INSERT INTO %I (op, actor, changed_at, %s) SELECT %L, $1, now(), n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE %s',
      history, cols, TG_OP, changed) USING who;
  ELSE
    EXECUTE format('INSERT INTO %I (op, actor, changed_at, %s) SELECT %L, $1, now(), o.* FROM old_rows o', history, cols, TG_OP) USING who;
  END IF;
  RETURN NULL;
END;
$$;
