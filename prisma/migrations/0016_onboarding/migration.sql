-- A county sets itself up (issue 19): the installation's operator (平台管理员) holds a token or a
-- user with the role OPERATOR that belongs to no jurisdiction; every other token and user
-- belongs to exactly one. The new enum value is not used in this transaction (PostgreSQL
-- refuses that): the checks compare the role as text.
ALTER TYPE "Role" ADD VALUE 'OPERATOR';

ALTER TABLE "api_token" ALTER COLUMN "jurisdiction_id" DROP NOT NULL;
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_operator_unbound" CHECK (("role"::text = 'OPERATOR') = ("jurisdiction_id" IS NULL));
ALTER TABLE "app_user" ALTER COLUMN "jurisdiction_id" DROP NOT NULL;
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_operator_unbound" CHECK (("role"::text = 'OPERATOR') = ("jurisdiction_id" IS NULL));

-- updateJurisdiction replaces a jurisdiction's neighbours (both directions, on both trails).
GRANT DELETE ON jurisdiction_neighbour TO double_random_app;

-- Pooling inspectors with a neighbour needs both jurisdictions' admins to agree (卧龙 第十八条):
-- each side's consent is a row, kept for ever; the two are pooled once both rows are there.
CREATE TABLE "pooling_consent" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "neighbour_id" TEXT NOT NULL,
    "agreed_by" TEXT NOT NULL,
    "agreed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pooling_consent_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "pooling_consent_jurisdiction_id_neighbour_id_key" ON "pooling_consent"("jurisdiction_id", "neighbour_id");
CREATE INDEX "pooling_consent_neighbour_id_idx" ON "pooling_consent"("neighbour_id");
ALTER TABLE "pooling_consent" ADD CONSTRAINT "pooling_consent_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "pooling_consent" ADD CONSTRAINT "pooling_consent_neighbour_id_fkey" FOREIGN KEY ("neighbour_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TRIGGER pooling_consent_append_only BEFORE UPDATE OR DELETE ON pooling_consent
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
ALTER TABLE pooling_consent ENABLE ALWAYS TRIGGER pooling_consent_append_only;
CREATE TRIGGER pooling_consent_no_truncate BEFORE TRUNCATE ON pooling_consent
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
ALTER TABLE pooling_consent ENABLE ALWAYS TRIGGER pooling_consent_no_truncate;

GRANT SELECT, INSERT ON pooling_consent TO double_random_app;
