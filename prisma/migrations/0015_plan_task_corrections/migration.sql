-- Plans and tasks a bureau can correct (issue 18): a draft plan is withdrawn (with its reason)
-- and no longer blocks the year, a published plan is amended by a recorded amendment, and a task
-- that was never drawn is cancelled (with its reason), kept and shown as cancelled.
-- The new enum values are not used in this transaction (PostgreSQL refuses that): the partial
-- index and the triggers test columns and text.
ALTER TYPE "PlanStatus" ADD VALUE 'WITHDRAWN';
ALTER TYPE "TaskStatus" ADD VALUE 'CANCELLED';

ALTER TABLE "inspection_plan" ADD COLUMN "withdrawn_at" TIMESTAMP(3),
  ADD COLUMN "withdrawn_by" TEXT,
  ADD COLUMN "withdrawal_reason" TEXT;

-- One plan a jurisdiction and year, withdrawn drafts aside.
DROP INDEX "inspection_plan_jurisdiction_id_year_key";
CREATE UNIQUE INDEX "inspection_plan_jurisdiction_id_year_key" ON "inspection_plan"("jurisdiction_id", "year") WHERE "withdrawn_at" IS NULL;

ALTER TABLE "inspection_task" ADD COLUMN "cancelled_from" "TaskStatus",
  ADD COLUMN "cancelled_at" TIMESTAMP(3),
  ADD COLUMN "cancelled_by" TEXT,
  ADD COLUMN "cancellation_reason" TEXT;

-- 计划调整: each amendment of a published plan, never edited or lost.
CREATE TABLE "plan_amendment" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "plan_id" TEXT NOT NULL,
    "jurisdiction_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "changes" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "amended_by" TEXT NOT NULL,
    "amended_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_amendment_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "plan_amendment_plan_id_seq_key" ON "plan_amendment"("plan_id", "seq");
ALTER TABLE "plan_amendment" ADD CONSTRAINT "plan_amendment_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "inspection_plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "plan_amendment" ADD CONSTRAINT "plan_amendment_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TRIGGER plan_amendment_append_only BEFORE UPDATE OR DELETE ON plan_amendment
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER plan_amendment_no_truncate BEFORE TRUNCATE ON plan_amendment
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
ALTER TABLE plan_amendment ENABLE ALWAYS TRIGGER plan_amendment_append_only;
ALTER TABLE plan_amendment ENABLE ALWAYS TRIGGER plan_amendment_no_truncate;

-- A withdrawn plan and a cancelled task are final: what was given up, when and why stays as it was.
CREATE FUNCTION refuse_change_when_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status::text IN ('WITHDRAWN', 'CANCELLED') THEN
    RAISE EXCEPTION '%（%）已撤回或已取消，不能再修改（% of an ended row refused）', TG_TABLE_NAME, OLD.id, TG_OP;
  END IF;
  RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER inspection_plan_withdrawn_final BEFORE UPDATE OR DELETE ON inspection_plan
  FOR EACH ROW EXECUTE FUNCTION refuse_change_when_ended();
CREATE TRIGGER inspection_task_cancelled_final BEFORE UPDATE OR DELETE ON inspection_task
  FOR EACH ROW EXECUTE FUNCTION refuse_change_when_ended();
ALTER TABLE inspection_plan ENABLE ALWAYS TRIGGER inspection_plan_withdrawn_final;
ALTER TABLE inspection_task ENABLE ALWAYS TRIGGER inspection_task_cancelled_final;

-- What the application does on the new table: it reads and appends amendments.
GRANT SELECT, INSERT ON plan_amendment TO double_random_app;
