-- A county edits its own rule pack (issue 20, 8): packs stored in the database beside the
-- built-in and PACKS_DIR files. A stored pack is data only (meta + the rules it states itself,
-- no hooks), validated and hashed as a file pack is. A saved version is never changed: editing
-- saves the next version. The first draw locked with it is recorded (used_at, used_by_draw_id),
-- set once, by the trigger on draw below, so no code path can forget it.
CREATE TABLE "stored_rule_pack" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "pack_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "jurisdiction_id" TEXT NOT NULL,
    "meta" JSONB NOT NULL,
    "rules" JSONB NOT NULL,
    "content_hash" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "used_at" TIMESTAMPTZ(3),
    "used_by_draw_id" TEXT,

    CONSTRAINT "stored_rule_pack_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "stored_rule_pack_pack_id_version_key" ON "stored_rule_pack"("pack_id", "version");
CREATE INDEX "stored_rule_pack_jurisdiction_id_idx" ON "stored_rule_pack"("jurisdiction_id");
ALTER TABLE "stored_rule_pack" ADD CONSTRAINT "stored_rule_pack_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Immutable once saved: no DELETE, and an UPDATE only records the first draw that used it.
CREATE FUNCTION stored_rule_pack_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '已保存的规则包 %@% 不能删除（a saved rule pack is kept for ever）', OLD.pack_id, OLD.version;
  END IF;
  IF OLD.used_at IS NOT NULL OR NEW.used_at IS NULL
     OR (NEW.pack_id, NEW.version, NEW.jurisdiction_id, NEW.meta, NEW.rules, NEW.content_hash, NEW.created_by, NEW.created_at)
        IS DISTINCT FROM (OLD.pack_id, OLD.version, OLD.jurisdiction_id, OLD.meta, OLD.rules, OLD.content_hash, OLD.created_by, OLD.created_at) THEN
    RAISE EXCEPTION '已保存的规则包 %@% 不能修改，修改请另存为新版本%（a saved rule pack version is immutable: save a new version）', OLD.pack_id, OLD.version,
      CASE WHEN OLD.used_at IS NOT NULL THEN '（已有抽取使用该版本）' ELSE '' END;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER stored_rule_pack_immutable BEFORE UPDATE OR DELETE ON stored_rule_pack
  FOR EACH ROW EXECUTE FUNCTION stored_rule_pack_immutable();
ALTER TABLE stored_rule_pack ENABLE ALWAYS TRIGGER stored_rule_pack_immutable;
CREATE TRIGGER stored_rule_pack_no_truncate BEFORE TRUNCATE ON stored_rule_pack
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
ALTER TABLE stored_rule_pack ENABLE ALWAYS TRIGGER stored_rule_pack_no_truncate;

-- A draw locked with a stored pack (same key, same content hash) marks it used, once. (Not ENABLE
-- ALWAYS: a logical replica receives the publisher's update of stored_rule_pack itself.)
CREATE FUNCTION draw_marks_stored_rule_pack() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE stored_rule_pack SET used_at = NEW.locked_at, used_by_draw_id = NEW.id
   WHERE pack_id || '@' || version = NEW.pack->>'key' AND content_hash = NEW.pack->>'contentHash' AND used_at IS NULL;
  RETURN NULL;
END;
$$;
CREATE TRIGGER draw_marks_stored_rule_pack AFTER INSERT ON draw
  FOR EACH ROW EXECUTE FUNCTION draw_marks_stored_rule_pack();

GRANT SELECT, INSERT ON stored_rule_pack TO double_random_app;
GRANT UPDATE (used_at, used_by_draw_id) ON stored_rule_pack TO double_random_app;
