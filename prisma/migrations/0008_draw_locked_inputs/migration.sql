-- What a draw was locked with never changes (issue 5): the snapshot and its published hash, the
-- commitment, the pack and the task as the draw sees them. The reveal draws from the stored
-- snapshot with the hash published at the lock instead of hashing a province again, so the
-- stored snapshot must stay the one that hash was taken of. (Once drawn, the whole row is
-- frozen by draw_written_once.) A column trigger: it fires when an UPDATE names one of these
-- columns, without comparing a province's snapshot on every other update.
CREATE FUNCTION refuse_locked_input_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'draw % was locked with these inputs; they cannot change', OLD.id;
END;
$$;
CREATE TRIGGER draw_locked_inputs BEFORE UPDATE OF jurisdiction_id, task_id, pack, draw_task, snapshot, snapshot_hash, commitment, held_secret, beacon, pacing_ms, locked_at, locked_by ON draw
  FOR EACH ROW EXECUTE FUNCTION refuse_locked_input_change();
