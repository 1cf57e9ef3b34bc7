-- CreateTable
CREATE TABLE "rule_pack_switch" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "from_pack" TEXT,
    "to_pack" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "reason" TEXT,
    "switched_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rule_pack_switch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "rule_pack_switch_jurisdiction_id_switched_at_idx" ON "rule_pack_switch"("jurisdiction_id", "switched_at");

-- AddForeignKey
ALTER TABLE "rule_pack_switch" ADD CONSTRAINT "rule_pack_switch_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The record of switches is append-only, like the directory history.
CREATE TRIGGER rule_pack_switch_append_only BEFORE UPDATE OR DELETE ON rule_pack_switch
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
