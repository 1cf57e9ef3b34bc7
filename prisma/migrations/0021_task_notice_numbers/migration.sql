-- Task notice numbers and the inspecting authority (issue 22, 1; docs/publication.md "公告编号").
--
-- 检查实施机关 and 文号前缀 of a jurisdiction, set by its admins; NULL means the default derived
-- from the name (src/server/portal/notice-number.ts: defaultAuthorityName, defaultNoticePrefix).
ALTER TABLE "jurisdiction" ADD COLUMN "authority_name" TEXT;
ALTER TABLE "jurisdiction" ADD COLUMN "notice_prefix" TEXT;

-- A task's notice number (卧龙应急随抽〔2026〕第3号), given once, the day the task is first public
-- (announced; under inspection for a pack that announces nothing; closed for a covert task): the
-- Beijing-time year of that day, the next number of the jurisdiction in that year, and the prefix
-- and authority as they stood then, so a later rename never rewrites a published notice.
ALTER TABLE "inspection_task" ADD COLUMN "notice_year" INTEGER;
ALTER TABLE "inspection_task" ADD COLUMN "notice_seq" INTEGER;
ALTER TABLE "inspection_task" ADD COLUMN "notice_prefix" TEXT;
ALTER TABLE "inspection_task" ADD COLUMN "notice_authority" TEXT;
ALTER TABLE "inspection_task" ADD COLUMN "numbered_on" DATE;
CREATE UNIQUE INDEX "inspection_task_notice_number_key" ON "inspection_task" ("jurisdiction_id", "notice_year", "notice_seq");
ALTER TABLE "inspection_task" ADD CONSTRAINT "inspection_task_notice_whole"
  CHECK ((notice_seq IS NULL) = (notice_year IS NULL) AND (notice_seq IS NULL) = (notice_prefix IS NULL)
     AND (notice_seq IS NULL) = (notice_authority IS NULL) AND (notice_seq IS NULL) = (numbered_on IS NULL));

-- A number, once given, is never changed nor taken away.
CREATE FUNCTION refuse_notice_renumbering() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.notice_seq IS NOT NULL AND (NEW.notice_seq IS DISTINCT FROM OLD.notice_seq OR NEW.notice_year IS DISTINCT FROM OLD.notice_year
      OR NEW.notice_prefix IS DISTINCT FROM OLD.notice_prefix OR NEW.notice_authority IS DISTINCT FROM OLD.notice_authority
      OR NEW.numbered_on IS DISTINCT FROM OLD.numbered_on) THEN
    RAISE EXCEPTION '任务（%）的公告编号已经编定，不能更改（notice numbers are never changed）', OLD.id;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER inspection_task_notice_number_final BEFORE UPDATE ON inspection_task
  FOR EACH ROW EXECUTE FUNCTION refuse_notice_renumbering();
ALTER TABLE inspection_task ENABLE ALWAYS TRIGGER inspection_task_notice_number_final;

-- Back-fill: tasks already public are numbered in the order they became public (announced, or
-- for covert tasks closed; a task under inspection with no announcement by its last change), per
-- jurisdiction and Beijing-time year (updated_at holds UTC: +8 hours is China's day), with the default prefix and authority (the same rule as
-- notice-number.ts; no jurisdiction has its own yet).
WITH public_task AS (
  SELECT t.id, t.jurisdiction_id, t.created_at,
         COALESCE(CASE WHEN t.covert THEN t.closed_on ELSE t.announced_on END,
                  (t.updated_at + INTERVAL '8 hours')::date) AS public_on
    FROM inspection_task t
   WHERE (NOT t.covert AND t.status::text IN ('ANNOUNCED', 'INSPECTING', 'CLOSED')) OR (t.covert AND t.status::text = 'CLOSED')
), numbered AS (
  SELECT p.id, p.public_on, EXTRACT(YEAR FROM p.public_on)::int AS year,
         ROW_NUMBER() OVER (PARTITION BY p.jurisdiction_id, EXTRACT(YEAR FROM p.public_on) ORDER BY p.public_on, p.created_at, p.id)::int AS seq,
         CASE WHEN char_length(regexp_replace(j.name, '(自治县|自治旗|自治州|自治区|特别行政区|新区|矿区|林区|省|市|区|县|旗|州|盟)$', '')) >= 2
              THEN regexp_replace(j.name, '(自治县|自治旗|自治州|自治区|特别行政区|新区|矿区|林区|省|市|区|县|旗|州|盟)$', '') ELSE j.name END || '应急随抽' AS prefix,
         CASE WHEN j.level::text = 'PROVINCE' THEN j.name || '应急管理厅'
              WHEN j.level::text = 'COUNTY' THEN COALESCE((SELECT c.name FROM jurisdiction c WHERE c.id = j.parent_id AND c.level::text = 'CITY' AND j.name NOT LIKE c.name || '%'), '') || j.name || '应急管理局'
              ELSE j.name || '应急管理局' END AS authority
    FROM public_task p JOIN jurisdiction j ON j.id = p.jurisdiction_id
)
UPDATE inspection_task t
   SET notice_year = n.year, notice_seq = n.seq, notice_prefix = n.prefix, notice_authority = n.authority, numbered_on = n.public_on
  FROM numbered n
 WHERE t.id = n.id;
