-- CreateSchema

-- CreateEnum
CREATE TYPE "JurisdictionLevel" AS ENUM ('PROVINCE', 'CITY', 'COUNTY');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('MAJOR', 'HIGH', 'GENERAL', 'LOW');

-- CreateEnum
CREATE TYPE "CreditLevel" AS ENUM ('TRUSTWORTHY', 'NORMAL', 'DISHONEST', 'SERIOUSLY_DISHONEST');

-- CreateEnum
CREATE TYPE "OperatingStatus" AS ENUM ('OPERATING', 'SUSPENDED', 'CLOSED');

-- CreateEnum
CREATE TYPE "EnterpriseScale" AS ENUM ('LARGE', 'MEDIUM', 'SMALL', 'MICRO');

-- CreateEnum
CREATE TYPE "EnterpriseRecordKind" AS ENUM ('COMPLAINT', 'ACCIDENT', 'PENALTY', 'SERIOUS_VIOLATION');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('SECTION', 'BRIGADE', 'TOWNSHIP_STATION');

-- CreateEnum
CREATE TYPE "ExpertServiceKind" AS ENUM ('EVALUATION', 'TESTING', 'DESIGN', 'STANDARDISATION');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'PLANNER', 'DRAW_OFFICER', 'INSPECTOR', 'AUDITOR');

-- CreateTable
CREATE TABLE "jurisdiction" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" "JurisdictionLevel" NOT NULL,
    "parent_id" TEXT,
    "rule_pack_id" TEXT,
    "rule_pack_version" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "jurisdiction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "jurisdiction_neighbour" (
    "jurisdiction_id" TEXT NOT NULL,
    "neighbour_id" TEXT NOT NULL,

    CONSTRAINT "jurisdiction_neighbour_pkey" PRIMARY KEY ("jurisdiction_id","neighbour_id")
);

-- CreateTable
CREATE TABLE "enterprise" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "uscc" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "legal_representative" TEXT,
    "address" TEXT,
    "contact_person" TEXT,
    "phone" TEXT,
    "sector" TEXT NOT NULL,
    "sub_sector" TEXT,
    "scale" "EnterpriseScale",
    "risk_level" "RiskLevel" NOT NULL DEFAULT 'GENERAL',
    "credit_level" "CreditLevel" NOT NULL DEFAULT 'NORMAL',
    "blacklisted" BOOLEAN NOT NULL DEFAULT false,
    "key_high_danger" BOOLEAN NOT NULL DEFAULT false,
    "major_hazard_source" BOOLEAN NOT NULL DEFAULT false,
    "township" TEXT,
    "operating_status" "OperatingStatus" NOT NULL DEFAULT 'OPERATING',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "enterprise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enterprise_record" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "enterprise_id" TEXT NOT NULL,
    "kind" "EnterpriseRecordKind" NOT NULL,
    "occurred_on" DATE NOT NULL,
    "description" TEXT,
    "reference" TEXT,

    CONSTRAINT "enterprise_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inspector" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "gender" "Gender",
    "phone" TEXT,
    "id_number" TEXT,
    "certificate_number" TEXT NOT NULL,
    "certificate_valid_until" DATE,
    "unit" TEXT NOT NULL,
    "unit_kind" "UnitKind" NOT NULL DEFAULT 'SECTION',
    "domains" TEXT[],
    "formal_staff" BOOLEAN NOT NULL DEFAULT true,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inspector_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "expert" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "gender" "Gender",
    "phone" TEXT,
    "id_number" TEXT NOT NULL,
    "specialties" TEXT[],
    "employer" TEXT,
    "title" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "expert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "expert_service" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "expert_id" TEXT NOT NULL,
    "enterprise_uscc" TEXT NOT NULL,
    "kind" "ExpertServiceKind" NOT NULL,
    "served_on" DATE NOT NULL,

    CONSTRAINT "expert_service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "checklist_item" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "content" TEXT,
    "legal_basis" TEXT,
    "sectors" TEXT[],
    "method" TEXT,
    "department" TEXT,
    "level" TEXT,
    "parent_id" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "checklist_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory_change" (
    "id" BIGSERIAL NOT NULL,
    "jurisdiction_id" TEXT NOT NULL,
    "table_name" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "changed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "row" JSONB NOT NULL,

    CONSTRAINT "directory_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "jurisdiction_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "jurisdiction_code_key" ON "jurisdiction"("code");

-- CreateIndex
CREATE INDEX "enterprise_jurisdiction_id_sector_risk_level_idx" ON "enterprise"("jurisdiction_id", "sector", "risk_level");

-- CreateIndex
CREATE UNIQUE INDEX "enterprise_jurisdiction_id_uscc_key" ON "enterprise"("jurisdiction_id", "uscc");

-- CreateIndex
CREATE INDEX "enterprise_record_enterprise_id_idx" ON "enterprise_record"("enterprise_id");

-- CreateIndex
CREATE UNIQUE INDEX "inspector_jurisdiction_id_certificate_number_key" ON "inspector"("jurisdiction_id", "certificate_number");

-- CreateIndex
CREATE UNIQUE INDEX "expert_jurisdiction_id_id_number_key" ON "expert"("jurisdiction_id", "id_number");

-- CreateIndex
CREATE INDEX "expert_service_expert_id_idx" ON "expert_service"("expert_id");

-- CreateIndex
CREATE INDEX "expert_service_enterprise_uscc_idx" ON "expert_service"("enterprise_uscc");

-- CreateIndex
CREATE UNIQUE INDEX "checklist_item_jurisdiction_id_code_key" ON "checklist_item"("jurisdiction_id", "code");

-- CreateIndex
CREATE INDEX "directory_change_jurisdiction_id_table_name_changed_at_idx" ON "directory_change"("jurisdiction_id", "table_name", "changed_at");

-- CreateIndex
CREATE INDEX "directory_change_record_id_idx" ON "directory_change"("record_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

-- AddForeignKey
ALTER TABLE "jurisdiction" ADD CONSTRAINT "jurisdiction_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "jurisdiction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jurisdiction_neighbour" ADD CONSTRAINT "jurisdiction_neighbour_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jurisdiction_neighbour" ADD CONSTRAINT "jurisdiction_neighbour_neighbour_id_fkey" FOREIGN KEY ("neighbour_id") REFERENCES "jurisdiction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enterprise" ADD CONSTRAINT "enterprise_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enterprise_record" ADD CONSTRAINT "enterprise_record_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inspector" ADD CONSTRAINT "inspector_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "expert" ADD CONSTRAINT "expert_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "expert_service" ADD CONSTRAINT "expert_service_expert_id_fkey" FOREIGN KEY ("expert_id") REFERENCES "expert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_item" ADD CONSTRAINT "checklist_item_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_item" ADD CONSTRAINT "checklist_item_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "checklist_item"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Directory history (every change to a directory is kept: who, when, what).
-- Written by triggers so that no code path, not even raw SQL, can change a directory
-- without leaving a row here. The actor is the transaction-local setting
-- double_random.actor, set by the application in the same transaction.
-- Statement-level triggers with transition tables write one set-based INSERT per statement,
-- which keeps bulk imports fast; PostgreSQL allows a transition table on single-event
-- triggers only, hence three triggers per table.
CREATE FUNCTION record_directory_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  who text := COALESCE(NULLIF(current_setting('double_random.actor', true), ''), 'system');
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format($q$INSERT INTO directory_change (jurisdiction_id, table_name, record_id, op, actor, changed_at, "row")
      SELECT n.jurisdiction_id, %L, n.id, 'INSERT', $1, now(), to_jsonb(n) FROM new_rows n$q$, TG_TABLE_NAME) USING who;
  ELSIF TG_OP = 'UPDATE' THEN
    -- An update that changes nothing but the timestamp is not a change.
    EXECUTE format($q$INSERT INTO directory_change (jurisdiction_id, table_name, record_id, op, actor, changed_at, "row")
      SELECT n.jurisdiction_id, %L, n.id, 'UPDATE', $1, now(), to_jsonb(n) FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (to_jsonb(o) - 'updated_at') IS DISTINCT FROM (to_jsonb(n) - 'updated_at')$q$, TG_TABLE_NAME) USING who;
  ELSE
    EXECUTE format($q$INSERT INTO directory_change (jurisdiction_id, table_name, record_id, op, actor, changed_at, "row")
      SELECT o.jurisdiction_id, %L, o.id, 'DELETE', $1, now(), to_jsonb(o) FROM old_rows o$q$, TG_TABLE_NAME) USING who;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER enterprise_history_insert AFTER INSERT ON enterprise REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_directory_change();
CREATE TRIGGER enterprise_history_update AFTER UPDATE ON enterprise REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_directory_change();
CREATE TRIGGER enterprise_history_delete AFTER DELETE ON enterprise REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_directory_change();
CREATE TRIGGER enterprise_record_history_insert AFTER INSERT ON enterprise_record REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_directory_change();
CREATE TRIGGER enterprise_record_history_update AFTER UPDATE ON enterprise_record REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_directory_change();
CREATE TRIGGER enterprise_record_history_delete AFTER DELETE ON enterprise_record REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_directory_change();
CREATE TRIGGER inspector_history_insert AFTER INSERT ON inspector REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_directory_change();
CREATE TRIGGER inspector_history_update AFTER UPDATE ON inspector REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_directory_change();
CREATE TRIGGER inspector_history_delete AFTER DELETE ON inspector REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_directory_change();
CREATE TRIGGER expert_history_insert AFTER INSERT ON expert REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_directory_change();
CREATE TRIGGER expert_history_update AFTER UPDATE ON expert REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_directory_change();
CREATE TRIGGER expert_history_delete AFTER DELETE ON expert REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_directory_change();
CREATE TRIGGER expert_service_history_insert AFTER INSERT ON expert_service REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_directory_change();
CREATE TRIGGER expert_service_history_update AFTER UPDATE ON expert_service REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_directory_change();
CREATE TRIGGER expert_service_history_delete AFTER DELETE ON expert_service REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_directory_change();
CREATE TRIGGER checklist_item_history_insert AFTER INSERT ON checklist_item REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_directory_change();
CREATE TRIGGER checklist_item_history_update AFTER UPDATE ON checklist_item REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_directory_change();
CREATE TRIGGER checklist_item_history_delete AFTER DELETE ON checklist_item REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_directory_change();

-- The history itself is append-only.
CREATE FUNCTION refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$;
CREATE TRIGGER directory_change_append_only BEFORE UPDATE OR DELETE ON directory_change
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
