-- The monthly bulletin (顺城 第二十一条 periodicPublication, issue 22 item 2): last month's
-- results, feedback, opinions, penalties, transfers and how the results were used, issued on the
-- due working day of each month, one per jurisdiction and month (the unique key makes two
-- instances ticking at once issue it once). Never edited once issued: its content and hash stay
-- as the public first read them; issued late, it says so (days_late > 0, 逾期发布).
CREATE TABLE "periodic_bulletin" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "jurisdiction_id" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "due_on" DATE NOT NULL,
    "issued_on" DATE NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "days_late" INTEGER NOT NULL,
    "issued_by" TEXT NOT NULL,
    "pack_key" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "content_hash" TEXT NOT NULL,

    CONSTRAINT "periodic_bulletin_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "periodic_bulletin_month_check" CHECK ("month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    CONSTRAINT "periodic_bulletin_days_late_check" CHECK ("days_late" >= 0)
);
CREATE UNIQUE INDEX "periodic_bulletin_jurisdiction_id_month_key" ON "periodic_bulletin"("jurisdiction_id", "month");
ALTER TABLE "periodic_bulletin" ADD CONSTRAINT "periodic_bulletin_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE FUNCTION periodic_bulletin_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '已发布的 % 月度公告不能修改或删除（an issued bulletin is never changed）', OLD.month;
END;
$$;
CREATE TRIGGER periodic_bulletin_immutable BEFORE UPDATE OR DELETE ON periodic_bulletin
  FOR EACH ROW EXECUTE FUNCTION periodic_bulletin_immutable();
ALTER TABLE periodic_bulletin ENABLE ALWAYS TRIGGER periodic_bulletin_immutable;
CREATE TRIGGER periodic_bulletin_no_truncate BEFORE TRUNCATE ON periodic_bulletin
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
ALTER TABLE periodic_bulletin ENABLE ALWAYS TRIGGER periodic_bulletin_no_truncate;

GRANT SELECT, INSERT ON periodic_bulletin TO double_random_app;
