-- The directory as it was over a year (a year's compliance, src/server/compliance/load-facts.ts)
-- reads the history of every enterprise that was ever in a jurisdiction: 0009 indexed the history
-- by record only, so finding a jurisdiction's enterprises scanned the whole table (1.2–1.5 s for a
-- county of 100,000 on PostgreSQL). Keyed by (jurisdiction, id), the ids come from the index alone.
-- One more index on every import's history insert; it is the only reader by jurisdiction.
CREATE INDEX "enterprise_history_jurisdiction_id_id_idx" ON "enterprise_history" ("jurisdiction_id", "id");
