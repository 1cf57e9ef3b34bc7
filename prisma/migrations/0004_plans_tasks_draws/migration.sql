-- Plans, tasks, draws, their public entropy and picks, other inspections, conflicts of interest,
-- and the hash-chained audit trail (issue 6).
-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('DRAFT', 'LOCKED', 'DRAWN', 'DISPATCHED', 'ANNOUNCED', 'INSPECTING', 'CLOSED');

-- CreateEnum
CREATE TYPE "DrawStatus" AS ENUM ('LOCKED', 'DRAWN');

-- CreateEnum
CREATE TYPE "OtherInspectionKind" AS ENUM ('SPECIAL_ORDER', 'COMPLAINT', 'TRANSFER', 'EMERGENCY', 'OTHER');

-- AlterTable
ALTER TABLE "jurisdiction" ADD COLUMN     "audit_head" TEXT,
ADD COLUMN     "audit_seq" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "inspection_plan" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "double_random_count" INTEGER NOT NULL,
    "other_count" INTEGER NOT NULL,
    "status" "PlanStatus" NOT NULL DEFAULT 'DRAFT',
    "published_at" TIMESTAMP(3),
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inspection_plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inspection_task" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "plan_id" TEXT,
    "title" TEXT NOT NULL,
    "sectors" TEXT[],
    "covert" BOOLEAN NOT NULL DEFAULT false,
    "joint" BOOLEAN NOT NULL DEFAULT false,
    "joint_departments" TEXT[],
    "special" BOOLEAN NOT NULL DEFAULT false,
    "window_start" DATE NOT NULL,
    "window_end" DATE NOT NULL,
    "inspection_date" DATE NOT NULL,
    "size" INTEGER NOT NULL,
    "checklist_codes" TEXT[],
    "items_per_inspection" INTEGER,
    "team_size" INTEGER,
    "experts_per_team" INTEGER,
    "substitutes" INTEGER,
    "status" "TaskStatus" NOT NULL DEFAULT 'DRAFT',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inspection_task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "draw" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "status" "DrawStatus" NOT NULL DEFAULT 'LOCKED',
    "pack" JSONB NOT NULL,
    "draw_task" JSONB NOT NULL,
    "snapshot" JSONB NOT NULL,
    "snapshot_hash" TEXT NOT NULL,
    "commitment" TEXT NOT NULL,
    "held_secret" TEXT,
    "beacon" TEXT,
    "pacing_ms" INTEGER NOT NULL,
    "locked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_by" TEXT NOT NULL,
    "secret" TEXT,
    "seed" TEXT,
    "record" JSONB,
    "drawn_at" TIMESTAMPTZ(3),
    "drawn_by" TEXT,
    "idempotency_key" TEXT,

    CONSTRAINT "draw_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "entropy_contribution" (
    "draw_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "contributor" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "entropy_contribution_pkey" PRIMARY KEY ("draw_id","seq")
);

-- CreateTable
CREATE TABLE "draw_pick" (
    "draw_id" TEXT NOT NULL,
    "order" INTEGER NOT NULL,
    "jurisdiction_id" TEXT NOT NULL,
    "enterprise_id" TEXT,
    "uscc" TEXT NOT NULL,
    "stratum" TEXT NOT NULL,
    "due" BOOLEAN NOT NULL,
    "items" TEXT[],
    "leader_id" TEXT NOT NULL,
    "member_ids" TEXT[],
    "expert_ids" TEXT[],
    "substitute_ids" TEXT[],

    CONSTRAINT "draw_pick_pkey" PRIMARY KEY ("draw_id","order")
);

-- CreateTable
CREATE TABLE "team_replacement" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "draw_id" TEXT NOT NULL,
    "pick_order" INTEGER NOT NULL,
    "outgoing_id" TEXT NOT NULL,
    "incoming_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_replacement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "other_inspection" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "uscc" TEXT NOT NULL,
    "kind" "OtherInspectionKind" NOT NULL,
    "inspected_on" DATE NOT NULL,
    "note" TEXT,
    "actor" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "other_inspection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conflict_of_interest" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "uscc" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conflict_of_interest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entry" (
    "jurisdiction_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("jurisdiction_id","seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "inspection_plan_jurisdiction_id_year_key" ON "inspection_plan"("jurisdiction_id", "year");

-- CreateIndex
CREATE INDEX "inspection_task_jurisdiction_id_status_idx" ON "inspection_task"("jurisdiction_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "draw_task_id_key" ON "draw"("task_id");

-- CreateIndex
CREATE INDEX "draw_jurisdiction_id_status_idx" ON "draw"("jurisdiction_id", "status");

-- CreateIndex
CREATE INDEX "draw_pick_jurisdiction_id_uscc_idx" ON "draw_pick"("jurisdiction_id", "uscc");

-- CreateIndex
CREATE INDEX "team_replacement_draw_id_pick_order_idx" ON "team_replacement"("draw_id", "pick_order");

-- CreateIndex
CREATE INDEX "other_inspection_jurisdiction_id_uscc_idx" ON "other_inspection"("jurisdiction_id", "uscc");

-- CreateIndex
CREATE UNIQUE INDEX "conflict_of_interest_jurisdiction_id_person_id_uscc_key" ON "conflict_of_interest"("jurisdiction_id", "person_id", "uscc");

-- AddForeignKey
ALTER TABLE "inspection_plan" ADD CONSTRAINT "inspection_plan_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inspection_task" ADD CONSTRAINT "inspection_task_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inspection_task" ADD CONSTRAINT "inspection_task_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "inspection_plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "draw" ADD CONSTRAINT "draw_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "draw" ADD CONSTRAINT "draw_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "inspection_task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "entropy_contribution" ADD CONSTRAINT "entropy_contribution_draw_id_fkey" FOREIGN KEY ("draw_id") REFERENCES "draw"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "draw_pick" ADD CONSTRAINT "draw_pick_draw_id_fkey" FOREIGN KEY ("draw_id") REFERENCES "draw"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_replacement" ADD CONSTRAINT "team_replacement_draw_id_fkey" FOREIGN KEY ("draw_id") REFERENCES "draw"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "other_inspection" ADD CONSTRAINT "other_inspection_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conflict_of_interest" ADD CONSTRAINT "conflict_of_interest_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_entry" ADD CONSTRAINT "audit_entry_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- What a draw records is never lost or quietly changed: the audit trail, the public entropy, the
-- picks and the replacements are append-only, and a draw row is filled in once (LOCKED → DRAWN).
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER entropy_contribution_append_only BEFORE UPDATE OR DELETE ON entropy_contribution
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER draw_pick_append_only BEFORE UPDATE OR DELETE ON draw_pick
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER team_replacement_append_only BEFORE UPDATE OR DELETE ON team_replacement
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER other_inspection_append_only BEFORE UPDATE OR DELETE ON other_inspection
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();

CREATE FUNCTION refuse_draw_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'draw is never deleted (% refused)', TG_OP;
  END IF;
  IF OLD.status = 'DRAWN' THEN
    RAISE EXCEPTION 'draw % is drawn and can no longer change', OLD.id;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER draw_written_once BEFORE UPDATE OR DELETE ON draw
  FOR EACH ROW EXECUTE FUNCTION refuse_draw_rewrite();
