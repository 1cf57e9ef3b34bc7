-- Blacklisting on the record, and consequences that follow corrections (issue 18, items 7 and 8).
-- enterprise_blacklisting: each blacklisting with its date, reason, clause and the result (or
-- follow-up) it came from, its lifting (移出) or its withdrawal by a correction; every way the
-- directory's flag changes leaves one (a trigger below covers imports and directory edits).
-- result_standing_change: what each publication or follow-up changed (from → to), so that a
-- correction undoes exactly that. enterprise_record: a record a correction no longer produces
-- is withdrawn, never deleted, and no longer counted. See docs/publication.md.
-- AlterTable
ALTER TABLE "enterprise_record" ADD COLUMN     "withdrawn_on" DATE,
ADD COLUMN     "withdrawn_reason" TEXT;

-- CreateTable
CREATE TABLE "enterprise_blacklisting" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "enterprise_id" TEXT NOT NULL,
    "since" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "cite_doc" TEXT,
    "clause" TEXT,
    "result_id" TEXT,
    "result_event_id" TEXT,
    "actor" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lifted_on" DATE,
    "lifted_reason" TEXT,
    "lifted_by" TEXT,
    "withdrawn_on" DATE,
    "withdrawn_reason" TEXT,
    "withdrawn_by_result_id" TEXT,

    CONSTRAINT "enterprise_blacklisting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "result_standing_change" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "enterprise_id" TEXT NOT NULL,
    "result_id" TEXT NOT NULL,
    "result_event_id" TEXT,
    "field" TEXT NOT NULL,
    "from_value" TEXT NOT NULL,
    "to_value" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "blacklisting_id" TEXT,
    "made_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),
    "ended_by_result_id" TEXT,
    "ending" TEXT,

    CONSTRAINT "result_standing_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "enterprise_blacklisting_enterprise_id_since_idx" ON "enterprise_blacklisting"("enterprise_id", "since");

-- CreateIndex
CREATE INDEX "enterprise_blacklisting_jurisdiction_id_since_idx" ON "enterprise_blacklisting"("jurisdiction_id", "since");

-- CreateIndex
CREATE INDEX "result_standing_change_result_id_idx" ON "result_standing_change"("result_id");

-- CreateIndex
CREATE INDEX "result_standing_change_enterprise_id_idx" ON "result_standing_change"("enterprise_id");

-- AddForeignKey
ALTER TABLE "enterprise_blacklisting" ADD CONSTRAINT "enterprise_blacklisting_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enterprise_blacklisting" ADD CONSTRAINT "enterprise_blacklisting_result_id_fkey" FOREIGN KEY ("result_id") REFERENCES "inspection_result"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enterprise_blacklisting" ADD CONSTRAINT "enterprise_blacklisting_result_event_id_fkey" FOREIGN KEY ("result_event_id") REFERENCES "result_event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enterprise_blacklisting" ADD CONSTRAINT "enterprise_blacklisting_withdrawn_by_result_id_fkey" FOREIGN KEY ("withdrawn_by_result_id") REFERENCES "inspection_result"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "result_standing_change" ADD CONSTRAINT "result_standing_change_result_id_fkey" FOREIGN KEY ("result_id") REFERENCES "inspection_result"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "result_standing_change" ADD CONSTRAINT "result_standing_change_result_event_id_fkey" FOREIGN KEY ("result_event_id") REFERENCES "result_event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "result_standing_change" ADD CONSTRAINT "result_standing_change_blacklisting_id_fkey" FOREIGN KEY ("blacklisting_id") REFERENCES "enterprise_blacklisting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "result_standing_change" ADD CONSTRAINT "result_standing_change_ended_by_result_id_fkey" FOREIGN KEY ("ended_by_result_id") REFERENCES "inspection_result"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- The directory's history has every column of its table (0009).
ALTER TABLE "enterprise_record_history" ADD COLUMN "withdrawn_on" DATE, ADD COLUMN "withdrawn_reason" TEXT;

-- A blacklisting moves forward: what was recorded never changes; it is lifted once, withdrawn once.
CREATE FUNCTION refuse_blacklisting_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '黑名单记录不能删除（enterprise_blacklisting is never deleted）';
  END IF;
  IF NEW.enterprise_id <> OLD.enterprise_id OR NEW.jurisdiction_id <> OLD.jurisdiction_id OR NEW.since <> OLD.since OR NEW.reason <> OLD.reason
     OR NEW.cite_doc IS DISTINCT FROM OLD.cite_doc OR NEW.clause IS DISTINCT FROM OLD.clause OR NEW.result_id IS DISTINCT FROM OLD.result_id
     OR NEW.result_event_id IS DISTINCT FROM OLD.result_event_id OR NEW.actor <> OLD.actor OR NEW.created_at <> OLD.created_at
     OR (OLD.lifted_on IS NOT NULL AND (NEW.lifted_on IS DISTINCT FROM OLD.lifted_on OR NEW.lifted_reason IS DISTINCT FROM OLD.lifted_reason OR NEW.lifted_by IS DISTINCT FROM OLD.lifted_by))
     OR (OLD.withdrawn_on IS NOT NULL AND (NEW.withdrawn_on IS DISTINCT FROM OLD.withdrawn_on OR NEW.withdrawn_reason IS DISTINCT FROM OLD.withdrawn_reason OR NEW.withdrawn_by_result_id IS DISTINCT FROM OLD.withdrawn_by_result_id)) THEN
    RAISE EXCEPTION '黑名单记录 % 的登记、移出和撤销一经记载不再改变（enterprise_blacklisting only moves forward）', OLD.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER enterprise_blacklisting_moves_forward BEFORE UPDATE OR DELETE ON enterprise_blacklisting
  FOR EACH ROW EXECUTE FUNCTION refuse_blacklisting_rewrite();

-- A standing change is recorded once and ends once (undone, or changed by someone since).
CREATE FUNCTION refuse_standing_change_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '结果对企业的变更记录不能删除（result_standing_change is never deleted）';
  END IF;
  IF NEW.result_id <> OLD.result_id OR NEW.enterprise_id <> OLD.enterprise_id OR NEW.field <> OLD.field OR NEW.from_value <> OLD.from_value
     OR NEW.to_value <> OLD.to_value OR NEW.reason <> OLD.reason OR NEW.made_at <> OLD.made_at
     OR NEW.result_event_id IS DISTINCT FROM OLD.result_event_id OR NEW.blacklisting_id IS DISTINCT FROM OLD.blacklisting_id
     OR OLD.ending IS NOT NULL THEN
    RAISE EXCEPTION '结果对企业的变更记录 % 一经记载不再改变，只能终止一次（result_standing_change ends once）', OLD.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER result_standing_change_ends_once BEFORE UPDATE OR DELETE ON result_standing_change
  FOR EACH ROW EXECUTE FUNCTION refuse_standing_change_rewrite();

ALTER TABLE result_standing_change ADD CONSTRAINT result_standing_change_field_check CHECK (field IN ('blacklisted', 'riskLevel', 'creditLevel'));
ALTER TABLE result_standing_change ADD CONSTRAINT result_standing_change_ending_check CHECK (ending IN ('UNDONE', 'CHANGED_SINCE'));

-- The directory's flag and the blacklistings agree, whoever changes it: an import or a directory
-- edit that sets `blacklisted` opens a blacklisting (reason: the directory), one that clears it
-- lifts the open one. The application opens, lifts and withdraws its own before it changes the
-- flag, so the trigger finds nothing to do then. Dates are Beijing's (UTC+8, no daylight saving).
CREATE FUNCTION follow_directory_blacklist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  who text := COALESCE(NULLIF(current_setting('double_random.actor', true), ''), 'system');
  today date := ((now() AT TIME ZONE 'UTC') + interval '8 hours')::date;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO enterprise_blacklisting (jurisdiction_id, enterprise_id, since, reason, actor)
      SELECT n.jurisdiction_id, n.id, today, '名录中登记为黑名单', who FROM new_rows n WHERE n.blacklisted;
  ELSE
    INSERT INTO enterprise_blacklisting (jurisdiction_id, enterprise_id, since, reason, actor)
      SELECT n.jurisdiction_id, n.id, today, '名录中登记为黑名单', who FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.blacklisted AND NOT o.blacklisted
        AND NOT EXISTS (SELECT 1 FROM enterprise_blacklisting b WHERE b.enterprise_id = n.id AND b.lifted_on IS NULL AND b.withdrawn_on IS NULL);
    UPDATE enterprise_blacklisting b SET lifted_on = today, lifted_reason = '名录中取消黑名单登记', lifted_by = who
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE b.enterprise_id = n.id AND o.blacklisted AND NOT n.blacklisted AND b.lifted_on IS NULL AND b.withdrawn_on IS NULL;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER enterprise_follows_blacklist_insert AFTER INSERT ON enterprise REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION follow_directory_blacklist();
CREATE TRIGGER enterprise_follows_blacklist_update AFTER UPDATE ON enterprise REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION follow_directory_blacklist();

-- Enterprises blacklisted before this migration: since the change that last set the flag (its
-- history), else the row's last update; the reason says it predates these records.
INSERT INTO enterprise_blacklisting (jurisdiction_id, enterprise_id, since, reason, actor)
SELECT e.jurisdiction_id, e.id,
  (COALESCE((SELECT min(h.changed_at) FROM enterprise_history h WHERE h.id = e.id AND h.blacklisted
      AND h.change_id > COALESCE((SELECT max(f.change_id) FROM enterprise_history f WHERE f.id = e.id AND NOT f.blacklisted), 0)), e.updated_at))::date,
  '名录中登记为黑名单（本记录建立之前）', 'migration:0014'
FROM enterprise e WHERE e.blacklisted;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['enterprise_blacklisting', 'result_standing_change'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()', t || '_no_truncate', t);
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', t, t || '_no_truncate');
  END LOOP;
END;
$$;
ALTER TABLE enterprise_blacklisting ENABLE ALWAYS TRIGGER enterprise_blacklisting_moves_forward;
ALTER TABLE result_standing_change ENABLE ALWAYS TRIGGER result_standing_change_ends_once;

-- What the code does: opens blacklistings and lifts or withdraws them; records standing changes
-- and ends them; withdraws a result's records.
GRANT SELECT, INSERT ON enterprise_blacklisting TO double_random_app;
GRANT UPDATE (lifted_on, lifted_reason, lifted_by, withdrawn_on, withdrawn_reason, withdrawn_by_result_id) ON enterprise_blacklisting TO double_random_app;
GRANT SELECT, INSERT ON result_standing_change TO double_random_app;
GRANT UPDATE (ended_at, ended_by_result_id, ending) ON result_standing_change TO double_random_app;
GRANT UPDATE (withdrawn_on, withdrawn_reason) ON enterprise_record TO double_random_app;
