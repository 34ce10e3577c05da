-- ---------------------------------------------------------------------------
-- 79_refresh_log.sql -- jeugdnorm.refresh_log: one row per refresh() run and
-- one per step (issue 18, part 6).
--
-- A report footer says "refreshed on ..."; an operator asks "how long did
-- last night's refresh take, which view was slow, did it fail?".
--
--  * Rows: step 0 is the run (started, seconds, status, mode, role); steps
--    1..n are the materialised views in the order refresh() ran them, with
--    their seconds and row count.
--  * refresh() writes the rows in its own transaction.  PostgreSQL has no
--    autonomous transactions, so a refresh() that fails is rolled back with
--    its log rows, like everything else it did.  For scheduled runs, CALL
--    jeugdnorm.refresh_job() (81_data_status.sql): a procedure, it runs
--    refresh() and, when that fails, commits a 'failed' run row with the
--    SQLSTATE and message before re-raising the error.
--  * role is session_user, the login that ran the refresh (refresh() is
--    SECURITY DEFINER, so current_user inside is its owner).
-- New in 0.3.0.
-- ---------------------------------------------------------------------------

CREATE TABLE jeugdnorm.refresh_log (
    refresh_id        bigint NOT NULL,
    step              int NOT NULL,
    steps             int,
    materialized_view text,
    started           timestamptz NOT NULL,
    seconds           numeric(18,6),
    rows              bigint,
    "concurrently"    boolean,
    mode              text NOT NULL DEFAULT 'full',
    peildatum         date,
    window_start      date,
    status            text NOT NULL,
    role              text NOT NULL DEFAULT session_user,
    sqlstate          text,
    error             text,
    CONSTRAINT refresh_log_pkey PRIMARY KEY (refresh_id, step),
    CONSTRAINT refresh_log_step_not_negative CHECK (step >= 0),
    CONSTRAINT refresh_log_status_known CHECK (status IN ('running', 'ok', 'failed')),
    CONSTRAINT refresh_log_mode_known CHECK (mode IN ('full', 'incremental')),
    CONSTRAINT refresh_log_run_has_no_view CHECK ((step = 0) = (materialized_view IS NULL)),
    CONSTRAINT refresh_log_failed_has_error CHECK ((status = 'failed') = (error IS NOT NULL))
);
CREATE INDEX refresh_log_started_idx ON jeugdnorm.refresh_log (started);
CREATE SEQUENCE jeugdnorm.refresh_log_refresh_id_seq;

COMMENT ON TABLE jeugdnorm.refresh_log IS
    'refresh_log: one row per jeugdnorm.refresh() run (step 0) and one per materialised view it refreshed (steps 1..n): start, seconds, rows, status; a failed run leaves a ''failed'' row when run by CALL jeugdnorm.refresh_job()';
COMMENT ON COLUMN jeugdnorm.refresh_log.refresh_id IS
    'the run, in the order runs started';
COMMENT ON COLUMN jeugdnorm.refresh_log.step IS
    '0 = the whole run; 1..n = the materialised views in the order they were refreshed';
COMMENT ON COLUMN jeugdnorm.refresh_log.steps IS
    'how many steps the run has (the number of materialised views)';
COMMENT ON COLUMN jeugdnorm.refresh_log.materialized_view IS
    'the materialised view of this step; NULL for step 0';
COMMENT ON COLUMN jeugdnorm.refresh_log.started IS
    'when the run or step started (wall clock)';
COMMENT ON COLUMN jeugdnorm.refresh_log.seconds IS
    'how long the run or step took; NULL while running or when the run failed';
COMMENT ON COLUMN jeugdnorm.refresh_log.rows IS
    'rows of the materialised view after its step (step 0: the sum over the steps)';
COMMENT ON COLUMN jeugdnorm.refresh_log."concurrently" IS
    'whether the step refreshed CONCURRENTLY (readers not blocked); NULL for step 0';
COMMENT ON COLUMN jeugdnorm.refresh_log.mode IS
    '''full'' (every view recomputed) or ''incremental''';
COMMENT ON COLUMN jeugdnorm.refresh_log.peildatum IS
    'the peildatum the run computed the views with (step 0; settings.peildatum, or the day of the run when that is NULL)';
COMMENT ON COLUMN jeugdnorm.refresh_log.window_start IS
    'the window_start the run computed the views with (step 0)';
COMMENT ON COLUMN jeugdnorm.refresh_log.status IS
    '''running'' (only seen by the refreshing session itself), ''ok'' or ''failed''';
COMMENT ON COLUMN jeugdnorm.refresh_log.role IS
    'the login role (session_user) that ran the refresh';
COMMENT ON COLUMN jeugdnorm.refresh_log.sqlstate IS
    'the SQLSTATE of the error of a failed run';
COMMENT ON COLUMN jeugdnorm.refresh_log.error IS
    'the error message of a failed run (with its detail, when there is one)';

SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.refresh_log', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.refresh_log_refresh_id_seq', '');
