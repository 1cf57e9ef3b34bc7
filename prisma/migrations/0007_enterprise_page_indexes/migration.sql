-- The directory's filtered page (issue 3): a page ordered by name walks the name index and
-- stops after its rows instead of sorting every match, and a filtered count is an index-only
-- scan once the table has been vacuumed (imports refresh the table's statistics and
-- visibility map, see src/server/db/table-maintenance.ts).

-- DropIndex
DROP INDEX "enterprise_jurisdiction_id_sector_risk_level_idx";

-- CreateIndex
CREATE INDEX "enterprise_jurisdiction_id_sector_risk_level_active_idx" ON "enterprise"("jurisdiction_id", "sector", "risk_level", "active");

-- CreateIndex
CREATE INDEX "enterprise_jurisdiction_id_name_id_idx" ON "enterprise"("jurisdiction_id", "name", "id");

-- No planner statistics for free text no query filters or orders on: ANALYZE after a large
-- import then samples the columns that matter only (about half the time on PGlite).
ALTER TABLE "enterprise"
  ALTER COLUMN "legal_representative" SET STATISTICS 0,
  ALTER COLUMN "address" SET STATISTICS 0,
  ALTER COLUMN "contact_person" SET STATISTICS 0,
  ALTER COLUMN "phone" SET STATISTICS 0;
