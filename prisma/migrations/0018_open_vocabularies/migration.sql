-- Open vocabularies (issue 20, 4).
--
-- 1. 规上 (规模以上, above designated size) on the enterprise: a flag of the directory, not of the
--    draw's rule language. The history table gains the column too, in the same place (the history
--    trigger names the directory table's columns from the catalogue).
ALTER TABLE "enterprise" ADD COLUMN "above_designated_size" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "enterprise_history" ADD COLUMN "above_designated_size" BOOLEAN;

-- 2. A checklist item's 检查对象 as the bureau wrote it: the text sectors are matched from. The
--    checklist import (migration 0017) creates the same column; this one only makes sure it exists.
ALTER TABLE "checklist_item" ADD COLUMN IF NOT EXISTS "inspection_object" TEXT;
ALTER TABLE "checklist_item_history" ADD COLUMN IF NOT EXISTS "inspection_object" TEXT;

-- 3. Sectors a jurisdiction adds to the base vocabulary and its pack's. Edited by its admins;
--    every change is on the audit trail.
CREATE TABLE "jurisdiction_sector" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "aliases" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "parent" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "jurisdiction_sector_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "jurisdiction_sector_jurisdiction_id_code_key" ON "jurisdiction_sector"("jurisdiction_id", "code");
ALTER TABLE "jurisdiction_sector" ADD CONSTRAINT "jurisdiction_sector_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- 4. The bureau's corrections of how a 检查对象 text matched sectors: text (normalised) → sectors,
--    who and when. Clearing one deletes its row; the audit trail keeps both.
CREATE TABLE "sector_match_correction" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "sectors" TEXT[] NOT NULL,
    "corrected_by" TEXT NOT NULL,
    "corrected_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "sector_match_correction_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "sector_match_correction_jurisdiction_id_text_key" ON "sector_match_correction"("jurisdiction_id", "text");
ALTER TABLE "sector_match_correction" ADD CONSTRAINT "sector_match_correction_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A TRUNCATE would change a jurisdiction's vocabulary off the audit trail.
CREATE TRIGGER jurisdiction_sector_no_truncate BEFORE TRUNCATE ON jurisdiction_sector
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
ALTER TABLE jurisdiction_sector ENABLE ALWAYS TRIGGER jurisdiction_sector_no_truncate;
CREATE TRIGGER sector_match_correction_no_truncate BEFORE TRUNCATE ON sector_match_correction
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
ALTER TABLE sector_match_correction ENABLE ALWAYS TRIGGER sector_match_correction_no_truncate;

GRANT SELECT, INSERT, UPDATE, DELETE ON jurisdiction_sector, sector_match_correction TO double_random_app;
