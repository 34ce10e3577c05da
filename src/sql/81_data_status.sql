-- ---------------------------------------------------------------------------
-- 81_data_status.sql -- the scheduled refresh that logs its failures
-- (jeugdnorm.refresh_job) and the report-footer view jeugdnorm.data_status
-- (issue 18, part 6).
--
-- refresh_job(): PostgreSQL has no autonomous transactions, so a failed
-- refresh() takes its log rows with it.  A procedure can commit: CALL
-- jeugdnorm.refresh_job() runs refresh() in a subtransaction and, when it
-- fails (any error, a cancel or statement_timeout included), commits a
-- 'failed' run row with the SQLSTATE and message, then raises the same
-- error again, so the scheduler (pg_cron's job_run_details, a cron mail)
-- still sees the failure.  The views keep their previous state.
--   A procedure that commits can have neither SECURITY DEFINER nor a SET
--   clause (PostgreSQL refuses transaction control in both), so this is the
--   one function of the extension without a pinned search_path: its body
--   names every object and operator schema-qualified (pg_catalog.,
--   jeugdnorm., OPERATOR(pg_catalog.=)), so the caller's search_path cannot change what it runs.
--   test/security_search_path.sql exempts it by name and runs it under a
--   hostile search_path.  The failure row is written by the SECURITY
--   DEFINER function refresh_log_failed() (owner's rights, pinned path).
--   CALL it outside an explicit transaction block (it commits); inside one,
--   use SELECT jeugdnorm.refresh().
--
-- data_status: one row for a report footer: the last successful load and
-- refresh, the peildatum and window the views were computed with, whether
-- loads finished after that refresh (figures not yet in the views), and the
-- row counts of the input tables the caller may see (access filter, as
-- every view).
-- New in 0.3.0.
-- ---------------------------------------------------------------------------

CREATE FUNCTION jeugdnorm_internal.refresh_log_failed(sqlstate text, message text, detail text)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    id constant bigint := pg_catalog.nextval('jeugdnorm.refresh_log_refresh_id_seq');
BEGIN
    INSERT INTO jeugdnorm.refresh_log (refresh_id, step, started, status, sqlstate, error,
                                       peildatum, window_start)
    SELECT id, 0, pg_catalog.now(), 'failed', refresh_log_failed.sqlstate,
           concat_ws(E'\n', coalesce(refresh_log_failed.message, 'unknown error'),
                     nullif(refresh_log_failed.detail, '')),
           s.peildatum, s.window_start
      FROM jeugdnorm_internal.settings s;
    RETURN id;
END;
$$;
COMMENT ON FUNCTION jeugdnorm_internal.refresh_log_failed(text, text, text) IS
    'internal (refresh_job): writes a ''failed'' run row into jeugdnorm.refresh_log; returns its refresh_id';
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.refresh_log_failed(text, text, text) FROM PUBLIC;

CREATE PROCEDURE jeugdnorm.refresh_job()
    LANGUAGE plpgsql
AS $$
DECLARE
    err_state  text;
    err_msg    text;
    err_detail text;
    err_hint   text;
BEGIN
    BEGIN
        PERFORM pg_catalog.count(*) FROM jeugdnorm.refresh();
    EXCEPTION WHEN OTHERS OR query_canceled THEN
        GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_msg = MESSAGE_TEXT,
                                err_detail = PG_EXCEPTION_DETAIL, err_hint = PG_EXCEPTION_HINT;
    END;
    IF err_state IS NULL THEN
        RETURN;                      -- refresh() logged the run itself
    END IF;
    PERFORM jeugdnorm_internal.refresh_log_failed(err_state, err_msg, err_detail);
    COMMIT;
    -- the same error again (an empty DETAIL or HINT is left out, not sent empty)
    IF err_detail OPERATOR(pg_catalog.=) '' AND err_hint OPERATOR(pg_catalog.=) '' THEN
        RAISE EXCEPTION USING ERRCODE = err_state, MESSAGE = err_msg;
    ELSIF err_hint OPERATOR(pg_catalog.=) '' THEN
        RAISE EXCEPTION USING ERRCODE = err_state, MESSAGE = err_msg, DETAIL = err_detail;
    ELSIF err_detail OPERATOR(pg_catalog.=) '' THEN
        RAISE EXCEPTION USING ERRCODE = err_state, MESSAGE = err_msg, HINT = err_hint;
    ELSE
        RAISE EXCEPTION USING ERRCODE = err_state, MESSAGE = err_msg, DETAIL = err_detail, HINT = err_hint;
    END IF;
END;
$$;
COMMENT ON PROCEDURE jeugdnorm.refresh_job() IS
    'for schedulers (pg_cron): CALL jeugdnorm.refresh_job() runs jeugdnorm.refresh(); when it fails, commits a ''failed'' row with the error in jeugdnorm.refresh_log and raises the error again; call it outside a transaction block';
REVOKE EXECUTE ON PROCEDURE jeugdnorm.refresh_job() FROM PUBLIC;

CREATE VIEW jeugdnorm.data_status WITH (security_barrier = true) AS
WITH last_ok AS (
    SELECT r.refresh_id, r.started, r.seconds, r.peildatum, r.window_start
      FROM jeugdnorm.refresh_log r
     WHERE r.step = 0 AND r.status = 'ok'
     ORDER BY r.refresh_id DESC
     LIMIT 1
), last_run AS (
    SELECT r.status, r.started
      FROM jeugdnorm.refresh_log r
     WHERE r.step = 0
     ORDER BY r.refresh_id DESC
     LIMIT 1
), last_load AS (
    SELECT l.load_id, l.finished
      FROM jeugdnorm.load_log l
     WHERE l.finished IS NOT NULL
     ORDER BY l.finished DESC, l.load_id DESC
     LIMIT 1
), vis AS (
    SELECT (SELECT jeugdnorm_internal.sees_all_gemeenten()) AS sees_all,
           (SELECT jeugdnorm_internal.visible_gemeenten()) AS gemeenten
)
SELECT (SELECT ll.finished::date FROM last_load ll) AS last_load_date,
       (SELECT pg_catalog.to_char(ll.finished, 'YYYY-MM-DD HH24:MI:SS') FROM last_load ll) AS last_load_at,
       (SELECT ll.load_id FROM last_load ll) AS last_load_id,
       (SELECT (lo.started + lo.seconds * interval '1 second')::date FROM last_ok lo) AS last_refresh_date,
       (SELECT pg_catalog.to_char(lo.started + lo.seconds * interval '1 second', 'YYYY-MM-DD HH24:MI:SS')
          FROM last_ok lo) AS last_refresh_at,
       (SELECT lo.refresh_id FROM last_ok lo) AS last_refresh_id,
       (SELECT lr.status FROM last_run lr) AS last_refresh_status,
       (SELECT lo.peildatum FROM last_ok lo) AS peildatum,
       (SELECT lo.window_start FROM last_ok lo) AS window_start,
       (SELECT count(*) FROM jeugdnorm.load_log l
         WHERE l.finished IS NOT NULL
           AND l.finished > coalesce((SELECT lo.started FROM last_ok lo), '-infinity')) AS loads_since_refresh,
       (SELECT CASE WHEN vis.sees_all THEN '*'
                    ELSE pg_catalog.array_to_string(vis.gemeenten, ', ') END FROM vis) AS visible_gemeenten,
       (SELECT count(*) FROM jeugdnorm.toewijzing t, vis
         WHERE vis.sees_all OR t.gemeente = ANY (vis.gemeenten)) AS allocations,
       (SELECT count(*) FROM jeugdnorm.declaratie d, vis
         WHERE vis.sees_all OR d.gemeente = ANY (vis.gemeenten)) AS claim_lines,
       (SELECT count(*) FROM jeugdnorm.verzoek q, vis
         WHERE vis.sees_all OR q.gemeente = ANY (vis.gemeenten)) AS requests,
       (SELECT e.extversion::text COLLATE "default" FROM pg_catalog.pg_extension e WHERE e.extname = 'jeugdnorm') AS jeugdnorm_version;

COMMENT ON VIEW jeugdnorm.data_status IS
    'data_status: one row for a report footer: last load, last successful refresh, the peildatum and window the views were computed with, loads not yet in the views, and the input rows the caller may see';
COMMENT ON COLUMN jeugdnorm.data_status.last_load_date IS
    'the day the last load (jeugdnorm.load_log) finished; NULL when nothing was loaded through a loader';
COMMENT ON COLUMN jeugdnorm.data_status.last_load_at IS
    'when the last load finished, as text YYYY-MM-DD HH24:MI:SS in the server''s TimeZone (BI views hold no timestamps, section 8)';
COMMENT ON COLUMN jeugdnorm.data_status.last_load_id IS
    'the load_id of that load';
COMMENT ON COLUMN jeugdnorm.data_status.last_refresh_date IS
    'the day the last successful jeugdnorm.refresh() finished: the views show the data as of then';
COMMENT ON COLUMN jeugdnorm.data_status.last_refresh_at IS
    'when the last successful refresh finished, as text YYYY-MM-DD HH24:MI:SS in the server''s TimeZone';
COMMENT ON COLUMN jeugdnorm.data_status.last_refresh_id IS
    'the refresh_id of that refresh (jeugdnorm.refresh_log)';
COMMENT ON COLUMN jeugdnorm.data_status.last_refresh_status IS
    'status of the latest logged refresh: ''ok'' or ''failed'' (a failed run is logged by CALL jeugdnorm.refresh_job())';
COMMENT ON COLUMN jeugdnorm.data_status.peildatum IS
    'the peildatum the views were computed with at the last successful refresh';
COMMENT ON COLUMN jeugdnorm.data_status.window_start IS
    'the window_start the views were computed with at the last successful refresh';
COMMENT ON COLUMN jeugdnorm.data_status.loads_since_refresh IS
    'loads finished after the last successful refresh started: their rows are not (all) in the views yet';
COMMENT ON COLUMN jeugdnorm.data_status.visible_gemeenten IS
    'the gemeenten the caller may see (jeugdnorm.access): ''*'' = all, '''' = none (then every view is empty: add an access row)';
COMMENT ON COLUMN jeugdnorm.data_status.allocations IS
    'rows of jeugdnorm.toewijzing in the gemeenten the caller may see';
COMMENT ON COLUMN jeugdnorm.data_status.claim_lines IS
    'rows of jeugdnorm.declaratie in the gemeenten the caller may see';
COMMENT ON COLUMN jeugdnorm.data_status.requests IS
    'rows of jeugdnorm.verzoek in the gemeenten the caller may see';
COMMENT ON COLUMN jeugdnorm.data_status.jeugdnorm_version IS
    'the installed jeugdnorm version (for "made with jeugdnorm ..." in a footer)';
