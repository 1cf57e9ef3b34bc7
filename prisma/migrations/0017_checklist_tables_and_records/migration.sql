-- Checklist tables as bureaus publish them, and enterprise records in bulk (issue 20, items 5, 6, 2).
-- checklist_item: each column of a published 抽查事项清单 has a field that means it — 抽查类别
-- (category), 事项类别 (item_kind), 检查对象 as written (inspection_object), 检查主体 (subject),
-- 检查人员要求, 备注 — and columns the importer does not know are kept in `extra` (header →
-- value). 抽查比例 and 抽查频次 are kept as published with their value when the text reads as
-- one (ratio_percent with ratio_minimum for "不低于", frequency_period year/half_year/quarter/month).
ALTER TABLE "checklist_item"
  ADD COLUMN "category" TEXT,
  ADD COLUMN "item_kind" TEXT,
  ADD COLUMN "inspection_object" TEXT,
  ADD COLUMN "subject" TEXT,
  ADD COLUMN "inspector_requirement" TEXT,
  ADD COLUMN "remarks" TEXT,
  ADD COLUMN "ratio_text" TEXT,
  ADD COLUMN "ratio_percent" DECIMAL(5,2),
  ADD COLUMN "ratio_minimum" BOOLEAN,
  ADD COLUMN "frequency_text" TEXT,
  ADD COLUMN "frequency_period" TEXT,
  ADD COLUMN "extra" JSONB NOT NULL DEFAULT '{}';

-- The directory's history has every column of its table (0009).
ALTER TABLE "checklist_item_history"
  ADD COLUMN "category" TEXT,
  ADD COLUMN "item_kind" TEXT,
  ADD COLUMN "inspection_object" TEXT,
  ADD COLUMN "subject" TEXT,
  ADD COLUMN "inspector_requirement" TEXT,
  ADD COLUMN "remarks" TEXT,
  ADD COLUMN "ratio_text" TEXT,
  ADD COLUMN "ratio_percent" DECIMAL(5,2),
  ADD COLUMN "ratio_minimum" BOOLEAN,
  ADD COLUMN "frequency_text" TEXT,
  ADD COLUMN "frequency_period" TEXT,
  ADD COLUMN "extra" JSONB NOT NULL DEFAULT '{}';

ALTER TABLE "checklist_item" ADD CONSTRAINT "checklist_item_frequency_period_check"
  CHECK ("frequency_period" IN ('year', 'half_year', 'quarter', 'month'));

-- Enterprise records import from a file: re-importing a record (same enterprise, kind, date
-- and 文号) changes only its 摘要, and finds it by this index.
CREATE INDEX "enterprise_record_enterprise_id_kind_occurred_on_idx" ON "enterprise_record"("enterprise_id", "kind", "occurred_on");
GRANT UPDATE (description) ON enterprise_record TO double_random_app;
