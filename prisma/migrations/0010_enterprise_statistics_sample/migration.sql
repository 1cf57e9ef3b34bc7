-- ANALYZE samples 300 rows per unit of the largest statistics target of a table's columns:
-- 30,000 rows at the default of 100, which cost ~0.4 s on PGlite after every large import
-- (table-maintenance.ts). The columns pages filter, order and join on have few distinct values
-- (sectors, levels, flags, jurisdictions) or are unique (ids, USCCs, names); a sample of 3,000
-- rows estimates them as well for the planner's choices (the filtered page keeps its plan),
-- in a tenth of the time.
ALTER TABLE "enterprise"
  ALTER COLUMN "id" SET STATISTICS 10,
  ALTER COLUMN "jurisdiction_id" SET STATISTICS 10,
  ALTER COLUMN "uscc" SET STATISTICS 10,
  ALTER COLUMN "name" SET STATISTICS 10,
  ALTER COLUMN "sector" SET STATISTICS 10,
  ALTER COLUMN "sub_sector" SET STATISTICS 10,
  ALTER COLUMN "scale" SET STATISTICS 10,
  ALTER COLUMN "risk_level" SET STATISTICS 10,
  ALTER COLUMN "credit_level" SET STATISTICS 10,
  ALTER COLUMN "blacklisted" SET STATISTICS 10,
  ALTER COLUMN "key_high_danger" SET STATISTICS 10,
  ALTER COLUMN "major_hazard_source" SET STATISTICS 10,
  ALTER COLUMN "township" SET STATISTICS 10,
  ALTER COLUMN "operating_status" SET STATISTICS 10,
  ALTER COLUMN "active" SET STATISTICS 10,
  ALTER COLUMN "created_at" SET STATISTICS 10,
  ALTER COLUMN "updated_at" SET STATISTICS 10;
