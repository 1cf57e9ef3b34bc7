-- The server runs with only the privileges the application needs (issue 17), and what the
-- application promises never to lose cannot be emptied by TRUNCATE (row triggers do not fire
-- on TRUNCATE). See docs/security.md, "Database roles".

-- 1. TRUNCATE guards, on every table with a trigger that refuses DELETE (the histories, the
-- draw and what it records, results and what follows them, the audit trail, rule pack switches,
-- calendar corrections), on the directory tables (a TRUNCATE would change a directory without
-- a history row) and on the migration ledger (emptied, the next start would re-run 0001 and
-- refuse to start). ENABLE ALWAYS: they fire in a `session_replication_role = replica`
-- session too, so not even a superuser empties these tables without first altering them.
CREATE FUNCTION refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '表 % 的记录须永久保留，不能清空（TRUNCATE on % refused: its rows are never lost）', TG_TABLE_NAME, TG_TABLE_NAME
    USING HINT = '只有先以数据库所有者的权限修改表（ALTER TABLE … DISABLE TRIGGER）才能绕过，这一修改本身就是篡改的痕迹。';
END;
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    '_migrations',
    'enterprise', 'enterprise_record', 'inspector', 'expert', 'expert_service', 'checklist_item',
    'enterprise_history', 'enterprise_record_history', 'inspector_history', 'expert_history', 'expert_service_history', 'checklist_item_history',
    'rule_pack_switch', 'calendar_override',
    'draw', 'entropy_contribution', 'draw_pick', 'team_replacement', 'other_inspection', 'audit_entry',
    'inspection_result', 'result_signature', 'result_event', 'objection'
  ] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()', t || '_no_truncate', t);
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', t, t || '_no_truncate');
  END LOOP;
END;
$$;

-- The triggers that refuse an UPDATE or DELETE fire in replica mode too. (The history
-- triggers that record directory changes stay as they are: a logical replica receives the
-- publisher's history rows and must not write them twice.)
DO $$
DECLARE
  pair text[];
BEGIN
  FOREACH pair SLICE 1 IN ARRAY ARRAY[
    ['rule_pack_switch', 'rule_pack_switch_append_only'],
    ['calendar_override', 'calendar_override_append_only'],
    ['audit_entry', 'audit_entry_append_only'],
    ['entropy_contribution', 'entropy_contribution_append_only'],
    ['draw_pick', 'draw_pick_append_only'],
    ['team_replacement', 'team_replacement_append_only'],
    ['other_inspection', 'other_inspection_append_only'],
    ['draw', 'draw_written_once'],
    ['draw', 'draw_locked_inputs'],
    ['inspection_result', 'inspection_result_published_once'],
    ['result_signature', 'result_signature_append_only'],
    ['result_event', 'result_event_append_only'],
    ['objection', 'objection_moves_forward'],
    ['enterprise_history', 'enterprise_history_append_only'],
    ['enterprise_record_history', 'enterprise_record_history_append_only'],
    ['inspector_history', 'inspector_history_append_only'],
    ['expert_history', 'expert_history_append_only'],
    ['expert_service_history', 'expert_service_history_append_only'],
    ['checklist_item_history', 'checklist_item_history_append_only']
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', pair[1], pair[2]);
  END LOOP;
END;
$$;

-- 2. The application's role. Roles belong to the whole cluster, so it is created only when
-- missing (several databases or test schemas may migrate at once: a concurrent creation is
-- not an error). NOLOGIN: a login role the operator creates is granted it (README,
-- "PostgreSQL roles"), and the server enters it with SET ROLE on every connection.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'double_random_app') THEN
    BEGIN
      CREATE ROLE double_random_app NOLOGIN;
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN NULL;
      WHEN insufficient_privilege THEN
        RAISE EXCEPTION '数据库角色 double_random_app 不存在，迁移所用的角色 % 又无权创建它：请由数据库管理员先执行 CREATE ROLE double_random_app NOLOGIN（见 README「PostgreSQL roles」）', current_user;
    END;
  END IF;
END;
$$;

-- What the application does, table by table (Prisma's create/update/upsert/delete and the raw
-- SQL under src/server): nothing more. No TRUNCATE, no DDL, no REFERENCES or TRIGGER, and the
-- role owns nothing, so it cannot alter a table, disable a trigger or set
-- session_replication_role. A migration that adds a table grants here what the code does on it
-- (test/server/database-roles.test.ts fails for a table the role cannot read).
DO $$
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO double_random_app', current_schema());
END;
$$;

GRANT SELECT, INSERT, UPDATE ON jurisdiction TO double_random_app;
GRANT SELECT, INSERT ON jurisdiction_neighbour TO double_random_app;
GRANT SELECT, INSERT, UPDATE ON enterprise, inspector, expert, checklist_item TO double_random_app;
GRANT SELECT, INSERT ON enterprise_record TO double_random_app;
GRANT SELECT, INSERT, DELETE ON expert_service TO double_random_app;
-- The history triggers run as the writer: they insert the history rows and take their ids.
GRANT SELECT, INSERT ON enterprise_history, enterprise_record_history, inspector_history, expert_history, expert_service_history, checklist_item_history TO double_random_app;
GRANT USAGE ON SEQUENCE enterprise_history_change_id_seq, enterprise_record_history_change_id_seq, inspector_history_change_id_seq,
  expert_history_change_id_seq, expert_service_history_change_id_seq, checklist_item_history_change_id_seq TO double_random_app;
GRANT SELECT, INSERT, UPDATE ON api_token, app_user TO double_random_app;
GRANT SELECT, INSERT ON rule_pack_switch, calendar_override TO double_random_app;
GRANT SELECT, INSERT, UPDATE ON calendar_official_year TO double_random_app;
GRANT SELECT, INSERT, UPDATE ON inspection_plan, inspection_task, draw TO double_random_app;
GRANT SELECT, INSERT ON entropy_contribution, draw_pick, team_replacement, other_inspection, audit_entry TO double_random_app;
GRANT SELECT, INSERT, UPDATE ON conflict_of_interest TO double_random_app;
GRANT SELECT, INSERT, UPDATE ON inspection_result, objection TO double_random_app;
GRANT SELECT, INSERT ON result_signature, result_event TO double_random_app;

-- After a large import the server refreshes the planner's statistics (table-maintenance.ts).
-- PostgreSQL 17 and later (and PGlite) have the MAINTAIN privilege for VACUUM and ANALYZE;
-- before 17 only the owner may run them, so the owner lends ANALYZE of these tables alone
-- through a function (VACUUM cannot run in a function; autovacuum does it on a server).
DO $do$
BEGIN
  IF current_setting('server_version_num')::int >= 170000 THEN
    EXECUTE 'GRANT MAINTAIN ON enterprise, enterprise_record, inspector, expert, checklist_item TO double_random_app';
  END IF;
  EXECUTE format($f$CREATE FUNCTION refresh_table_statistics(target text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = %I, pg_temp AS $b$
    BEGIN
      IF target NOT IN ('enterprise', 'enterprise_record', 'inspector', 'expert', 'checklist_item') THEN
        RAISE EXCEPTION '表 %% 不在可刷新统计信息的表之列（refresh_table_statistics refused for %%）', target, target;
      END IF;
      EXECUTE format('ANALYZE %%I', target);
    END;
    $b$$f$, current_schema());
END;
$do$;
REVOKE ALL ON FUNCTION refresh_table_statistics(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refresh_table_statistics(text) TO double_random_app;
