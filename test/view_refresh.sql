-- jeugdnorm.refresh(): catalogue-derived order, CONCURRENTLY once populated
-- where something besides refresh() reads the view (plainly otherwise),
-- the per-client views (0.3.0, 97_incremental.sql) tables whose steps
-- never block readers (concurrently = true),
-- work_mem raised to maintenance_work_mem, ANALYZE by autovacuum's rule,
-- settings take effect at the refresh (not before), one refresh at a time.
-- Concurrency: a second session (dblink to this same server over its unix
-- socket) holds the refresh advisory lock; refresh() here must fail at once
-- with 55P03.  Advisory locks are re-entrant within one session, so the
-- second session is needed; without dblink those assertions are skipped.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(50);

SELECT has_function('jeugdnorm', 'refresh', ARRAY['boolean'], 'jeugdnorm.refresh(full boolean) exists');
SELECT volatility_is('jeugdnorm', 'refresh', ARRAY['boolean'], 'volatile', 'refresh() is VOLATILE');
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (p.proconfig) FROM pg_proc p
            WHERE p.oid = 'jeugdnorm.refresh(boolean)'::regprocedure),
          'refresh() runs with search_path = pg_catalog, pg_temp');
SELECT ok((SELECT 'jit=off' = ANY (p.proconfig) FROM pg_proc p
            WHERE p.oid = 'jeugdnorm.refresh(boolean)'::regprocedure),
          'refresh() runs with jit = off (JIT compiling cost more than it saved, see 80_refresh.sql)');
SELECT ok(obj_description('jeugdnorm.refresh(boolean)'::regprocedure, 'pg_proc') LIKE '%next refresh%',
          'refresh() has a comment that says settings take effect at the next refresh');
SELECT is_definer('jeugdnorm', 'refresh', ARRAY['boolean'], 'refresh() is SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('public', 'jeugdnorm.refresh(boolean)', 'EXECUTE'),
          'PUBLIC may not execute refresh() (only its owner and roles granted EXECUTE)');

-- One refresh at a time.  Tested first: refresh() holds its lock until the
-- end of the calling transaction, and this whole file is one transaction, so
-- after a local refresh() the second session could not take the lock.
-- The second session uses pg_try_advisory_lock, so it can never wait.
SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'dblink') AS have_dblink \gset
\if :have_dblink
CREATE EXTENSION dblink;
SELECT is(dblink_connect('jn_lock',
              format('host=%s port=%s dbname=%s user=%s',
                     split_part(current_setting('unix_socket_directories'), ',', 1),
                     current_setting('port'), current_database(), current_user)),
          'OK', 'a second session connects');
SELECT is((SELECT x FROM dblink('jn_lock', 'SELECT pg_try_advisory_lock(7669172160390656613)::text') AS t(x text)),
          'true', 'the second session holds the refresh lock');
SELECT throws_ok('SELECT jeugdnorm.refresh()', '55P03',
                 'jeugdnorm.refresh() is already running in another session',
                 'a concurrent refresh() fails at once with 55P03');
SELECT is(dblink_disconnect('jn_lock'), 'OK', 'the second session ends (its lock goes with it)');
\else
SELECT skip('dblink is not installed: the concurrent-call assertions need a second session', 4);
\endif

-- Installed WITH DATA: the contract views can be read before any refresh.
SELECT lives_ok('SELECT * FROM jeugdnorm.care_paths', 'care_paths can be read right after CREATE EXTENSION');
SELECT lives_ok('SELECT * FROM jeugdnorm.allocation_follow_up', 'allocation_follow_up can be read right after CREATE EXTENSION');

\i test/fixtures/small_region.sql
SELECT is((SELECT count(*) FROM jeugdnorm.care_paths), 0::bigint,
          'before the first refresh the loaded fixture is not in care_paths');

SET LOCAL jit = on;
CREATE TEMP TABLE r1 AS
SELECT r.* FROM jeugdnorm.refresh() WITH ORDINALITY AS r(materialized_view, "concurrently", seconds, n);
SELECT is(current_setting('jit'), 'on', 'the caller''s jit setting is back after refresh()');
RESET jit;
CREATE TEMP TABLE r2 AS
SELECT r.* FROM jeugdnorm.refresh() WITH ORDINALITY AS r(materialized_view, "concurrently", seconds, n);

SELECT is((SELECT count(*) FROM jeugdnorm.care_paths), 9::bigint, 'after refresh care_paths shows the fixture''s 9 paths');
-- refresh() ANALYZEs each view after refreshing it (REFRESH itself leaves
-- the statistics alone, and later views are planned with them): the row
-- count in pg_class is the fixture's 9 paths, not the 0 of CREATE EXTENSION.
SELECT is((SELECT c.reltuples::bigint FROM pg_class c
            WHERE c.oid = 'jeugdnorm_internal.mv_care_paths'::regclass),
          9::bigint, 'refresh() analyses each view: pg_class.reltuples of mv_care_paths is 9');
SELECT set_eq('SELECT materialized_view FROM r1',
              $$SELECT c.oid::regclass::text FROM pg_class c
                 WHERE c.relnamespace = 'jeugdnorm_internal'::regnamespace
                   AND (c.relkind = 'm'
                        OR (c.relkind = 'r' AND c.relname IN (SELECT materialized_view
                                                                FROM jeugdnorm_internal.refresh_registry
                                                               WHERE strategy = 'per_client')))$$,
              'refresh() returns one row per materialised view of jeugdnorm_internal and per per-client table');
SELECT is((SELECT count(*) FROM r1 WHERE materialized_view::regclass IN (SELECT c.oid FROM pg_class c WHERE c.relkind = 'r')),
          14::bigint, 'the fourteen per-client views of 0.3.0 are tables (seven path views, the data-quality rows, six money views)');
SELECT ok((SELECT bool_and(seconds >= 0) FROM r1), 'seconds are measured (>= 0)');
-- CONCURRENTLY where something besides refresh() reads the view: every
-- materialised view that a view of schema jeugdnorm (the contract) reads
-- directly is refreshed CONCURRENTLY.  Only other materialised views (and
-- internal plain views they read) read mv_path_allocations, so it is
-- refreshed plainly; the contract views read mv_care_paths, mv_group_paths
-- and mv_allocation_follow_up.
SELECT is_empty($$
    SELECT r2.materialized_view
      FROM r2
     WHERE r2.concurrently IS NOT TRUE
       AND EXISTS (SELECT 1
                     FROM pg_depend d
                     JOIN pg_rewrite rw ON rw.oid = d.objid
                     JOIN pg_class c ON c.oid = rw.ev_class
                    WHERE d.classid = 'pg_rewrite'::regclass
                      AND d.refclassid = 'pg_class'::regclass
                      AND d.refobjid = r2.materialized_view::regclass
                      AND c.relnamespace = 'jeugdnorm'::regnamespace) $$,
    'every materialised view a contract view reads is refreshed CONCURRENTLY');
SELECT is((SELECT r2.concurrently FROM r2 WHERE materialized_view = 'jeugdnorm_internal.mv_path_allocations'), true,
          'mv_path_allocations (a per-client table: DELETE and INSERT in the refresh''s transaction) never blocks readers');
SELECT is((SELECT count(*) FROM r2 WHERE r2.concurrently
             AND materialized_view IN ('jeugdnorm_internal.mv_care_paths', 'jeugdnorm_internal.mv_group_paths',
                                       'jeugdnorm_internal.mv_allocation_follow_up')),
          3::bigint, 'the views the 0.1.0 contract views read are refreshed CONCURRENTLY');
SELECT results_eq('SELECT materialized_view FROM r1 ORDER BY n', 'SELECT materialized_view FROM r2 ORDER BY n',
                  'the order is the same each time');

-- Order respects dependencies: for every step whose query (the
-- materialised view's, or a per-client table's <v>_full view) reads
-- another step directly (per pg_depend of its rewrite rule) the one read
-- comes first.
SELECT is_empty($$
    SELECT a.materialized_view, b.materialized_view
      FROM pg_rewrite rw
      JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid
                      AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> rw.ev_class
      JOIN r1 a ON rw.ev_class = coalesce(to_regclass(a.materialized_view || '_full'), a.materialized_view::regclass)
      JOIN r1 b ON b.materialized_view = d.refobjid::regclass::text
     WHERE b.n >= a.n $$,
    'every step runs after the steps its query reads');
SELECT ok((SELECT count(*) FROM r1 a JOIN r1 b ON b.materialized_view = 'jeugdnorm_internal.mv_path_allocations'
            WHERE a.materialized_view = 'jeugdnorm_internal.mv_data_quality_rows' AND b.n < a.n) = 1,
          'mv_data_quality_rows (reads mv_allocation_follow_up) after mv_path_allocations');
SELECT ok((SELECT max(n) FILTER (WHERE materialized_view = 'jeugdnorm_internal.mv_path_allocations')
                < min(n) FILTER (WHERE materialized_view IN ('jeugdnorm_internal.mv_care_paths',
                                                            'jeugdnorm_internal.mv_group_paths',
                                                            'jeugdnorm_internal.mv_allocation_follow_up'))
             FROM r1),
          'mv_path_allocations comes before the three views that read it');

-- An unpopulated view is refreshed plainly (CONCURRENTLY needs data): the
-- first materialised view (by name) that holds rows and was refreshed
-- CONCURRENTLY.
SELECT c.oid::regclass AS unpop_mv
  FROM pg_class c JOIN r1 ON r1.materialized_view = c.oid::regclass::text
 WHERE c.relnamespace = 'jeugdnorm_internal'::regnamespace AND c.relkind = 'm'
   AND c.reltuples > 0 AND r1.concurrently
 ORDER BY c.relname LIMIT 1 \gset
SELECT count(*) AS unpop_rows FROM :unpop_mv \gset
REFRESH MATERIALIZED VIEW :unpop_mv WITH NO DATA;
CREATE TEMP TABLE r3 AS SELECT * FROM jeugdnorm.refresh();
SELECT is((SELECT r3.concurrently FROM r3 WHERE materialized_view = :'unpop_mv'), false,
          'an unpopulated materialised view is refreshed without CONCURRENTLY');
SELECT is((SELECT count(*) FROM :unpop_mv), :'unpop_rows'::bigint,
          '... and is populated again (its rows as before)');
SELECT is((SELECT count(*) FROM jeugdnorm_internal.mv_group_paths), 8::bigint,
          'mv_group_paths (a per-client table) holds the 8 group paths');

-- Statistics by autovacuum's rule: a plainly refreshed view is always
-- analysed (reltuples = its rows); a concurrent refresh that changed fewer
-- rows than autovacuum_analyze_threshold (50) + 10 % is not re-analysed.
SELECT is((SELECT c.reltuples::bigint FROM pg_class c
            WHERE c.oid = 'jeugdnorm_internal.mv_path_allocations'::regclass),
          (SELECT count(*) FROM jeugdnorm_internal.mv_path_allocations),
          'mv_path_allocations (never analysed before the first refresh) is analysed: reltuples = its row count');

-- Settings take effect at the refresh, not before.
-- path_gap_days 200: A/R/45A12's paths (gap 153) merge: 9 -> 8 paths, the
-- merged one holds T01..T04 (4 allocations).
UPDATE jeugdnorm.settings SET path_gap_days = 200;
SELECT is((SELECT count(*) FROM jeugdnorm.care_paths), 9::bigint, 'path_gap_days changed: no effect before the refresh');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh after the settings change');
SELECT is((SELECT count(*) FROM jeugdnorm.care_paths), 8::bigint, 'path_gap_days 200: 8 paths after the refresh');
SELECT is((SELECT allocations FROM jeugdnorm.care_paths
            WHERE client_id = 'A' AND aanbieder = '10000001' AND product = '45A12' AND path_no = 1),
          4::bigint, 'path_gap_days 200: T01..T04 form one path');
-- A settings change makes the refresh full: mv_care_paths' 9 rows are
-- deleted and its 8 inserted, 17 row changes: far below 50 + 10 % of 9,
-- so no ANALYZE, and reltuples still says 9.
SELECT is((SELECT mode FROM jeugdnorm.refresh_log WHERE step = 0 ORDER BY refresh_id DESC LIMIT 1), 'full',
          'a settings change makes the refresh full');
SELECT is((SELECT c.reltuples::bigint FROM pg_class c
            WHERE c.oid = 'jeugdnorm_internal.mv_care_paths'::regclass),
          9::bigint, 'a refresh changing 17 rows of 9 does not re-analyse (reltuples still 9)');
UPDATE jeugdnorm.settings SET path_gap_days = 90;
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh after path_gap_days is back at 90');
-- peildatum 2024-10-01: A/R/45A12 path 2 ends 2024-08-31, + 90 = 2024-11-29
-- is after it, so the path is no longer completed.
UPDATE jeugdnorm.settings SET peildatum = '2024-10-01';
SELECT is((SELECT completed FROM jeugdnorm.care_paths
            WHERE client_id = 'A' AND aanbieder = '10000001' AND product = '45A12' AND path_no = 2),
          true, 'peildatum changed: path 2 still completed before the refresh');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh after the peildatum change');
SELECT is((SELECT completed FROM jeugdnorm.care_paths
            WHERE client_id = 'A' AND aanbieder = '10000001' AND product = '45A12' AND path_no = 2),
          false, 'peildatum 2024-10-01: path 2 (einde 2024-08-31) not completed after the refresh');

-- Who reads a materialised view decides CONCURRENTLY: a plain view outside
-- jeugdnorm_internal, or a function with a SQL-standard body, reading
-- a probe view makes its next refresh concurrent; an internal plain view
-- that nothing else reads does not.  (mv_path_allocations, the 0.1.0 case,
-- is a per-client table since 0.3.0.)
CREATE MATERIALIZED VIEW jeugdnorm_internal.zz_probe AS
SELECT k FROM generate_series(1, 3) AS k;
CREATE UNIQUE INDEX zz_probe_key ON jeugdnorm_internal.zz_probe (k);
CREATE VIEW jeugdnorm_internal.zz_internal_reader AS
SELECT count(*) AS n FROM jeugdnorm_internal.zz_probe;
CREATE TEMP TABLE r4 AS SELECT * FROM jeugdnorm.refresh();
SELECT is((SELECT r4.concurrently FROM r4 WHERE materialized_view = 'jeugdnorm_internal.zz_probe'), false,
          'an internal plain view that nothing else reads leaves a materialised view plain');
CREATE VIEW public.zz_outside_reader AS SELECT n FROM jeugdnorm_internal.zz_internal_reader;
CREATE TEMP TABLE r5 AS SELECT * FROM jeugdnorm.refresh();
SELECT is((SELECT r5.concurrently FROM r5 WHERE materialized_view = 'jeugdnorm_internal.zz_probe'), true,
          'a view of another schema reading it (through an internal view) makes it CONCURRENTLY');
DROP VIEW public.zz_outside_reader;
CREATE FUNCTION public.zz_function_reader() RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC SELECT count(*) FROM jeugdnorm_internal.zz_probe; END;
CREATE TEMP TABLE r6 AS SELECT * FROM jeugdnorm.refresh();
SELECT is((SELECT r6.concurrently FROM r6 WHERE materialized_view = 'jeugdnorm_internal.zz_probe'), true,
          'a SQL-standard function body reading it makes it CONCURRENTLY');
DROP FUNCTION public.zz_function_reader();
DROP VIEW jeugdnorm_internal.zz_internal_reader;
DROP MATERIALIZED VIEW jeugdnorm_internal.zz_probe;

-- Memory: the queries run with work_mem raised to maintenance_work_mem,
-- and the caller's work_mem is back afterwards.  A probe materialised view
-- (no unique index, so refreshed plainly) records the work_mem its query
-- saw.
CREATE MATERIALIZED VIEW jeugdnorm_internal.zz_work_mem_probe AS
SELECT pg_size_bytes(current_setting('work_mem')) AS work_mem;
SET LOCAL work_mem = '1MB';
SET LOCAL maintenance_work_mem = '300MB';
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh with work_mem 1MB, maintenance_work_mem 300MB');
SELECT is((SELECT work_mem FROM jeugdnorm_internal.zz_work_mem_probe), 300::bigint * 1024 * 1024,
          'the refreshed queries ran with work_mem = maintenance_work_mem (300MB)');
SELECT is(current_setting('work_mem'), '1MB', 'the caller''s work_mem (1MB) is back after refresh()');
SET LOCAL work_mem = '400MB';
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh with work_mem 400MB, maintenance_work_mem 300MB');
SELECT is((SELECT work_mem FROM jeugdnorm_internal.zz_work_mem_probe), 400::bigint * 1024 * 1024,
          'a larger work_mem (400MB) is never lowered');
DROP MATERIALIZED VIEW jeugdnorm_internal.zz_work_mem_probe;
RESET work_mem;
RESET maintenance_work_mem;

-- refresh_null: present and NULL in every row of every materialised view
-- (it keeps REFRESH ... CONCURRENTLY from sorting every row for its
-- duplicate check; see 40_paths.sql)
SELECT is((SELECT count(*) FROM (
              SELECT 1 FROM jeugdnorm_internal.mv_path_allocations WHERE refresh_null IS NOT NULL
              UNION ALL SELECT 1 FROM jeugdnorm_internal.mv_care_paths WHERE refresh_null IS NOT NULL
              UNION ALL SELECT 1 FROM jeugdnorm_internal.mv_group_paths WHERE refresh_null IS NOT NULL
              UNION ALL SELECT 1 FROM jeugdnorm_internal.mv_allocation_follow_up WHERE refresh_null IS NOT NULL) x),
          0::bigint, 'refresh_null is NULL in every row of the four materialised views');

SELECT * FROM finish();
ROLLBACK;
