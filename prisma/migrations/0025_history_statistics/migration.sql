-- A bulk write fills a directory table's history as much as the table (one history row per row
-- written, migration 0009), and the year's compliance reads that history by jurisdiction
-- (src/server/compliance/load-facts.ts). Without statistics (PGlite runs no autovacuum; a server's
-- comes a minute later) the planner guesses one row and hashes and sorts the whole history in
-- memory it has not set aside. The server refreshes a history table's statistics after the bulk
-- write with its table's (table-maintenance.ts): as in 0012, by MAINTAIN on PostgreSQL 17 and
-- later and on PGlite, else through the owner's function, which now takes these history tables too.
DO $do$
BEGIN
  IF current_setting('server_version_num')::int >= 170000 THEN
    EXECUTE 'GRANT MAINTAIN ON enterprise_history, enterprise_record_history, inspector_history, expert_history, checklist_item_history TO double_random_app';
  END IF;
  EXECUTE format($f$CREATE OR REPLACE FUNCTION refresh_table_statistics(target text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = %I, pg_temp AS $b$
    BEGIN
      IF target NOT IN ('enterprise', 'enterprise_record', 'inspector', 'expert', 'checklist_item',
                        'enterprise_history', 'enterprise_record_history', 'inspector_history', 'expert_history', 'checklist_item_history') THEN
        RAISE EXCEPTION '表 %% 不在可刷新统计信息的表之列（refresh_table_statistics refused for %%）', target, target;
      END IF;
      EXECUTE format('ANALYZE %%I', target);
    END;
    $b$$f$, current_schema());
END;
$do$;
REVOKE ALL ON FUNCTION refresh_table_statistics(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refresh_table_statistics(text) TO double_random_app;
