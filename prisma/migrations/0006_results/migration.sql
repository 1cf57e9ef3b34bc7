
-- CreateEnum
CREATE TYPE "ResultStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "ResultEventKind" AS ENUM ('FEEDBACK_SENT', 'FEEDBACK_RECEIVED', 'OPINION_RECEIVED', 'HANDLING_ENDED', 'FOLLOW_UP');

-- CreateEnum
CREATE TYPE "ObjectionStatus" AS ENUM ('RECEIVED', 'REVIEWED', 'ANSWERED');

-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "inspector_id" TEXT;

-- AlterTable
ALTER TABLE "inspection_task" ADD COLUMN     "announced_on" DATE,
ADD COLUMN     "closed_on" DATE;

-- CreateTable
CREATE TABLE "inspection_result" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "draw_id" TEXT NOT NULL,
    "pick_order" INTEGER NOT NULL,
    "enterprise_id" TEXT,
    "uscc" TEXT NOT NULL,
    "enterprise_name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "supersedes_id" TEXT,
    "status" "ResultStatus" NOT NULL DEFAULT 'DRAFT',
    "category" TEXT NOT NULL,
    "inspected_on" DATE NOT NULL,
    "items" JSONB NOT NULL,
    "hazards" JSONB NOT NULL,
    "handling" JSONB NOT NULL,
    "non_cooperation" TEXT[],
    "summary" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "correction_reason" TEXT,
    "principal_signed_by" TEXT,
    "principal_signed_at" TIMESTAMPTZ(3),
    "entered_by" TEXT NOT NULL,
    "entered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),
    "published_by" TEXT,

    CONSTRAINT "inspection_result_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "result_signature" (
    "result_id" TEXT NOT NULL,
    "inspector_id" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "signed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "in_person" BOOLEAN NOT NULL,

    CONSTRAINT "result_signature_pkey" PRIMARY KEY ("result_id","inspector_id","content_hash")
);

-- CreateTable
CREATE TABLE "result_event" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "result_id" TEXT NOT NULL,
    "kind" "ResultEventKind" NOT NULL,
    "occurred_on" DATE NOT NULL,
    "rectified" BOOLEAN,
    "note" TEXT,
    "actor" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "result_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "objection" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "result_id" TEXT NOT NULL,
    "received_on" DATE NOT NULL,
    "filed_by" TEXT NOT NULL,
    "grounds" TEXT NOT NULL,
    "status" "ObjectionStatus" NOT NULL DEFAULT 'RECEIVED',
    "reviewed_on" DATE,
    "upheld" BOOLEAN,
    "review_note" TEXT,
    "correction_id" TEXT,
    "answered_on" DATE,
    "answer" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "objection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "inspection_result_supersedes_id_key" ON "inspection_result"("supersedes_id");

-- CreateIndex
CREATE INDEX "inspection_result_jurisdiction_id_status_published_at_idx" ON "inspection_result"("jurisdiction_id", "status", "published_at");

-- CreateIndex
CREATE INDEX "inspection_result_task_id_idx" ON "inspection_result"("task_id");

-- CreateIndex
CREATE UNIQUE INDEX "inspection_result_draw_id_uscc_version_key" ON "inspection_result"("draw_id", "uscc", "version");

-- CreateIndex
CREATE INDEX "result_event_result_id_idx" ON "result_event"("result_id");

-- CreateIndex
CREATE INDEX "objection_jurisdiction_id_status_idx" ON "objection"("jurisdiction_id", "status");

-- CreateIndex
CREATE INDEX "objection_result_id_idx" ON "objection"("result_id");

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_inspector_id_fkey" FOREIGN KEY ("inspector_id") REFERENCES "inspector"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inspection_result" ADD CONSTRAINT "inspection_result_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inspection_result" ADD CONSTRAINT "inspection_result_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "inspection_task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inspection_result" ADD CONSTRAINT "inspection_result_supersedes_id_fkey" FOREIGN KEY ("supersedes_id") REFERENCES "inspection_result"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "result_signature" ADD CONSTRAINT "result_signature_result_id_fkey" FOREIGN KEY ("result_id") REFERENCES "inspection_result"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "result_event" ADD CONSTRAINT "result_event_result_id_fkey" FOREIGN KEY ("result_id") REFERENCES "inspection_result"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "objection" ADD CONSTRAINT "objection_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "objection" ADD CONSTRAINT "objection_result_id_fkey" FOREIGN KEY ("result_id") REFERENCES "inspection_result"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Published results never change (a correction is a new row); no result is ever deleted.
CREATE FUNCTION refuse_result_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'inspection result is never deleted (% refused)', TG_OP;
  END IF;
  IF OLD.status = 'PUBLISHED' THEN
    RAISE EXCEPTION 'inspection result % is published and can no longer change; publish a correction instead', OLD.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER inspection_result_published_once BEFORE UPDATE OR DELETE ON inspection_result
  FOR EACH ROW EXECUTE FUNCTION refuse_result_rewrite();

CREATE TRIGGER result_signature_append_only BEFORE UPDATE OR DELETE ON result_signature
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER result_event_append_only BEFORE UPDATE OR DELETE ON result_event
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();

-- An objection moves forward (received → reviewed → answered); what was filed never changes.
CREATE FUNCTION refuse_objection_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'objection is never deleted';
  END IF;
  IF NEW.result_id <> OLD.result_id OR NEW.received_on <> OLD.received_on OR NEW.grounds <> OLD.grounds OR NEW.filed_by <> OLD.filed_by
     OR (OLD.reviewed_on IS NOT NULL AND (NEW.reviewed_on IS DISTINCT FROM OLD.reviewed_on OR NEW.upheld IS DISTINCT FROM OLD.upheld))
     OR (OLD.answered_on IS NOT NULL AND (NEW.answered_on IS DISTINCT FROM OLD.answered_on OR NEW.answer IS DISTINCT FROM OLD.answer)) THEN
    RAISE EXCEPTION 'objection % keeps what was filed, reviewed and answered', OLD.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER objection_moves_forward BEFORE UPDATE OR DELETE ON objection
  FOR EACH ROW EXECUTE FUNCTION refuse_objection_rewrite();
