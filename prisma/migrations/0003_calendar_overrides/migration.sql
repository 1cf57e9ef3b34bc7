-- CreateTable
CREATE TABLE "calendar_override" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "working" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "calendar_override_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "calendar_official_year" (
    "jurisdiction_id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "actor" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "calendar_official_year_pkey" PRIMARY KEY ("jurisdiction_id","year")
);

-- CreateIndex
CREATE INDEX "calendar_override_jurisdiction_id_date_idx" ON "calendar_override"("jurisdiction_id", "date");

-- AddForeignKey
ALTER TABLE "calendar_override" ADD CONSTRAINT "calendar_override_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calendar_official_year" ADD CONSTRAINT "calendar_official_year_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Corrections are added, never edited: a new entry for a date supersedes the old one.
CREATE TRIGGER calendar_override_append_only BEFORE UPDATE OR DELETE ON calendar_override
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
