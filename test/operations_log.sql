-- pgTAP: load_log, refresh_log, data_status and refresh_job() (issue 18,
-- part 6; 24_load_log.sql, 79_refresh_log.sql, 80_refresh.sql,
-- 81_data_status.sql).
--
-- refresh_job() commits, which a transaction block forbids, so this file
-- runs in a database of its own without an outer BEGIN: it creates
-- jn_oplog, works there (autocommit) and drops it at the end.
\set ON_ERROR_STOP 0
\c postgres
DROP DATABASE IF EXISTS jn_oplog;
CREATE DATABASE jn_oplog;
\c jn_oplog
SET client_min_messages = warning;
CREATE EXTENSION pgtap;
CREATE EXTENSION jeugdnorm;
SELECT plan(27);

-- ---- loads ---------------------------------------------------------------------
CREATE TABLE src_a (gemeente text, toewijzingnummer text, client_id text,
    ingangsdatum text, einddatum text, volume text, eenheid text, frequentie text);
INSERT INTO src_a VALUES
    ('0758', 'L1', 'c1', '2024-01-01', '2024-03-31', '2', '04', '2'),
    ('0758', 'L2', 'c2', '2024-02-01', NULL,         '1', '04', '2'),
    ('0758', 'L3', 'c3', 'not a day',  NULL,         '1', '04', '2');   -- rejected

SELECT results_eq($$ SELECT * FROM jeugdnorm.load_toewijzingen('src_a') $$,
                  $$ VALUES (2::bigint, 1::bigint) $$, 'load 1: 2 loaded, 1 rejected');
SELECT results_eq($$ SELECT loader, source, loaded, rejected, role = session_user, finished IS NOT NULL AND finished >= started
                       FROM jeugdnorm.load_log ORDER BY load_id $$,
                  $$ VALUES ('load_toewijzingen', 'public.src_a', 2::bigint, 1::bigint, true, true) $$,
                  'load_log: one finished row with the loader, source, counts and login role');
SELECT is((SELECT array_agg(load_id) FROM jeugdnorm.rejected),
          (SELECT array_agg(load_id) FROM jeugdnorm.load_log),
          'the rejected row carries the load id');
SELECT is(current_setting('jeugdnorm.load_id', true), '',
          'no load stays open after the loader returns');

CREATE TABLE src_d (gemeente text, toewijzingnummer text, client_id text, begindatum text,
    einddatum text, volume text, eenheid text, bedrag text);
INSERT INTO src_d VALUES
    ('0758', 'L1', 'c1', '2024-01-01', '2024-01-31', '8', '04', '640'),
    ('0758', 'L1', 'c1', '2024-01-01', '2024-01-31', '8', '04', '640'),   -- duplicate: rejected
    ('0758', 'L1', 'c1', '2024-02-01', '2024-02-29', '8', '04', '640');
SELECT results_eq($$ SELECT * FROM jeugdnorm.load_declaraties('src_d') $$,
                  $$ VALUES (2::bigint, 1::bigint) $$, 'load 2 (claims): 2 loaded, 1 duplicate rejected');
CREATE TABLE src_v (gemeente text, verzoeknummer text, client_id text, ontvangen text);
INSERT INTO src_v VALUES ('0758', 'V1', 'c1', '2024-01-02'), ('0758', 'V2', 'c9', 'x');
SELECT results_eq($$ SELECT * FROM jeugdnorm.load_verzoeken('src_v') $$,
                  $$ VALUES (1::bigint, 1::bigint) $$, 'load 3 (requests): 1 loaded, 1 rejected');
SELECT results_eq($$ SELECT loader, loaded, rejected FROM jeugdnorm.load_log ORDER BY load_id $$,
                  $$ VALUES ('load_toewijzingen', 2::bigint, 1::bigint), ('load_declaraties', 2::bigint, 1::bigint),
                            ('load_verzoeken', 1::bigint, 1::bigint) $$,
                  'load_log: the three loads in order with their counts');
SELECT results_eq($$ SELECT l.loader, count(*) FROM jeugdnorm.rejected r JOIN jeugdnorm.load_log l USING (load_id)
                      GROUP BY l.loader ORDER BY l.loader $$,
                  $$ VALUES ('load_declaraties', 1::bigint), ('load_toewijzingen', 1::bigint), ('load_verzoeken', 1::bigint) $$,
                  'every rejected row points at the load that rejected it');
SELECT is((SELECT count(*) FROM jeugdnorm.rejected WHERE load_id IS NULL), 0::bigint,
          'no rejected row without its load');
-- a load that fails is rolled back with its log row
SELECT throws_ok($$ SELECT * FROM jeugdnorm.load_toewijzingen('no_such_table') $$, '42P01', NULL,
                 'a loader given a missing source fails');
SELECT is((SELECT count(*) FROM jeugdnorm.load_log), 3::bigint, 'the failed load leaves no log row');
SELECT throws_ok($$ SELECT jeugdnorm_internal.load_log_end(1, 1) $$, '55000', 'no load is open in this transaction',
                 'load_log_end outside a load is refused with 55000');

-- ---- data_status before any refresh ------------------------------------------------------
SELECT results_eq($$ SELECT last_load_id, last_load_date = current_date, last_refresh_id, last_refresh_status,
                            loads_since_refresh, visible_gemeenten, allocations, claim_lines, requests, jeugdnorm_version
                       FROM jeugdnorm.data_status $$,
                  $$ VALUES (3::bigint, true, NULL::bigint, NULL::text, 3::bigint, '*', 2::bigint, 2::bigint, 1::bigint, '0.3.0') $$,
                  'data_status before a refresh: last load 3, no refresh, 3 loads pending, the row counts');

-- ---- refresh() logs the run and each step --------------------------------------------
UPDATE jeugdnorm.settings SET window_start = '2024-01-01', peildatum = '2024-12-31';
CREATE TABLE refreshed AS SELECT row_number() OVER () AS step, r.* FROM jeugdnorm.refresh() r;
SELECT results_eq($$ SELECT step::int, materialized_view, "concurrently", status FROM jeugdnorm.refresh_log
                      WHERE step > 0 ORDER BY step $$,
                  $$ SELECT step::int, materialized_view, "concurrently", 'ok'::text FROM refreshed ORDER BY step $$,
                  'refresh_log: one ok row per step, in the order and with the mode refresh() returned');
SELECT results_eq($$ SELECT steps, status, mode, role = session_user, peildatum, window_start, seconds >= 0 FROM jeugdnorm.refresh_log WHERE step = 0 $$,
                  $$ SELECT (SELECT count(*) FROM refreshed)::int, 'ok'::text, 'full'::text, true,
                            '2024-12-31'::date, '2024-01-01'::date, true $$,
                  'refresh_log step 0: the run with its step count, status, mode, role, peildatum and window');
CREATE FUNCTION pg_temp.mv_rows(v text) RETURNS bigint LANGUAGE plpgsql AS
$$ DECLARE n bigint; BEGIN EXECUTE format('SELECT count(*) FROM %s', v) INTO n; RETURN n; END $$;
SELECT is_empty($$ SELECT materialized_view FROM jeugdnorm.refresh_log
                    WHERE step > 0 AND rows <> pg_temp.mv_rows(materialized_view) $$,
                'refresh_log.rows of each step = the rows of its materialised view');
SELECT is((SELECT rows FROM jeugdnorm.refresh_log WHERE step = 0),
          (SELECT sum(rows)::bigint FROM jeugdnorm.refresh_log WHERE step > 0),
          'step 0 rows = the sum over the steps');
SELECT cmp_ok((SELECT count(*) FROM refreshed), '>=', 8::bigint, 'refresh() ran at least the 8 views of 0.2.0');
SELECT results_eq($$ SELECT last_refresh_id, last_refresh_status, loads_since_refresh, peildatum, window_start,
                            last_refresh_at >= last_load_at, last_refresh_date = last_load_date
                       FROM jeugdnorm.data_status $$,
                  $$ VALUES (1::bigint, 'ok'::text, 0::bigint, '2024-12-31'::date, '2024-01-01'::date, true, true) $$,
                  'data_status after the refresh: run 1 ok, nothing pending, its peildatum and window');

-- a load after the refresh is pending
INSERT INTO src_a VALUES ('0758', 'L4', 'c4', '2024-03-01', NULL, '1', '04', '2');
SELECT results_eq($$ SELECT * FROM jeugdnorm.load_toewijzingen('src_a') $$,
                  $$ VALUES (3::bigint, 1::bigint) $$, 'load 4');
SELECT is((SELECT loads_since_refresh FROM jeugdnorm.data_status), 1::bigint,
          'data_status: one load since the last refresh');

-- ---- refresh_job(): a successful run, then a cancelled one ---------------------------------
CALL jeugdnorm.refresh_job();
SELECT results_eq($$ SELECT refresh_id, status FROM jeugdnorm.refresh_log WHERE step = 0 ORDER BY refresh_id $$,
                  $$ VALUES (1::bigint, 'ok'::text), (2::bigint, 'ok'::text) $$,
                  'CALL refresh_job(): run 2 logged ok by refresh() itself');
CREATE TABLE paths_before AS SELECT * FROM jeugdnorm.care_paths;
INSERT INTO src_a VALUES ('0758', 'L5', 'c5', '2024-04-01', '2024-04-30', '1', '04', '2');
SELECT results_eq($$ SELECT * FROM jeugdnorm.load_toewijzingen('src_a') $$,
                  $$ VALUES (4::bigint, 1::bigint) $$, 'load 5: a new allocation');
-- another session holds the refresh lock (dblink to this cluster), so the
-- run fails deterministically with 55P03
CREATE EXTENSION dblink;
\o /dev/null
SELECT dblink_connect('holder', format('host=%s port=%s dbname=jn_oplog user=%s',
                      split_part(current_setting('unix_socket_directories'), ',', 1),
                      current_setting('port'), current_user));
SELECT dblink_exec('holder', 'BEGIN');
SELECT * FROM dblink('holder', 'SELECT pg_advisory_xact_lock(7669172160390656613)::text') AS t(x text);
CALL jeugdnorm.refresh_job();
SELECT dblink_exec('holder', 'ROLLBACK');
SELECT dblink_disconnect('holder');
\o
SELECT results_eq($$ SELECT status, sqlstate, error LIKE 'jeugdnorm.refresh() is already running in another session%' FROM jeugdnorm.refresh_log
                      WHERE step = 0 ORDER BY refresh_id DESC LIMIT 1 $$,
                  $$ VALUES ('failed'::text, '55P03'::text, true) $$,
                  'a failed refresh_job leaves a committed failed row with its SQLSTATE and message');
SELECT is((SELECT last_refresh_status FROM jeugdnorm.data_status), 'failed',
          'data_status shows the failed run');
SELECT is((SELECT last_refresh_id FROM jeugdnorm.data_status), 2::bigint,
          'data_status: the last successful refresh is still run 2');
SELECT results_eq($$ SELECT * FROM jeugdnorm.care_paths $$, $$ SELECT * FROM paths_before $$,
                  'the views keep the state of the last successful refresh');

SELECT * FROM finish();
\c postgres
DROP DATABASE jn_oplog;
