-- mv_data_quality_rows in a parallel plan: dq_lines_agg's partial states
-- (packed by parallel workers, serialised, deserialised and concatenated
-- by the combine function, in whatever order the workers deliver them)
-- give the serial plan's rows exactly, compared as row text both ways, on
-- the demo region with the seeded additions of view_data_quality_c.sql
-- (copies, also with their numbers in another scale, net-zero groups, every
-- unit, budget and left-out allocations, contracts changed).  Parallel
-- plans are forced (parallel_setup_cost = parallel_tuple_cost = 0,
-- min_parallel_table_scan_size = 0) and the leader does not take part, so
-- every state goes through serialise and deserialise.
\set ON_ERROR_STOP 1
\set QUIET 1
BEGIN;
CREATE EXTENSION jeugdnorm;
\i test/fixtures/demo_small.sql

-- ---- seeded random additions (shared with test/view_data_quality_c.sql) ------------
\i test/lib/dq_seeded_additions.sql
-- mv_allocation_follow_up (contract_order, product) is read by the query
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset

-- the plan of a query, as text
CREATE FUNCTION pg_temp.plan_of(q text, run_it boolean DEFAULT false) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    r text;
    t text := '';
BEGIN
    FOR r IN EXECUTE 'EXPLAIN (COSTS OFF' || CASE WHEN run_it THEN ', ANALYZE, TIMING OFF, SUMMARY OFF' ELSE '' END
                     || ') ' || q LOOP
        t := t || r || E'\n';
    END LOOP;
    RETURN t;
END
$$;

-- serial
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE t_serial AS SELECT * FROM jeugdnorm_internal.mv_data_quality_rows_full;
CREATE TEMP TABLE t_lines_serial AS
SELECT d.gemeente, d.toewijzingnummer, count(*) AS n,
       jeugdnorm_internal.dq_lines_agg(d.declaratie_id, d.client_id, d.aanbieder, d.productcategorie, d.productcode,
                                       d.begindatum, d.einddatum, d.volume, d.eenheid, d.bedrag) AS lines
  FROM jeugdnorm.declaratie d
 GROUP BY d.gemeente, d.toewijzingnummer;

-- parallel, forced; the leader only gathers
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_leader_participation = off;
SET LOCAL work_mem = '64MB';
CREATE TEMP TABLE t_plan AS
SELECT pg_temp.plan_of('SELECT * FROM jeugdnorm_internal.mv_data_quality_rows_full') AS full_plan,
       pg_temp.plan_of($q$SELECT d.gemeente, d.toewijzingnummer, count(*) AS n,
                                 jeugdnorm_internal.dq_lines_agg(d.declaratie_id, d.client_id, d.aanbieder, d.productcategorie,
                                                                 d.productcode, d.begindatum, d.einddatum, d.volume, d.eenheid,
                                                                 d.bedrag) AS lines
                            FROM jeugdnorm.declaratie d
                           GROUP BY d.gemeente, d.toewijzingnummer$q$, true) AS lines_plan;
CREATE TEMP TABLE t_parallel AS SELECT * FROM jeugdnorm_internal.mv_data_quality_rows_full;
CREATE TEMP TABLE t_lines_parallel AS
SELECT d.gemeente, d.toewijzingnummer, count(*) AS n,
       jeugdnorm_internal.dq_lines_agg(d.declaratie_id, d.client_id, d.aanbieder, d.productcategorie, d.productcode,
                                       d.begindatum, d.einddatum, d.volume, d.eenheid, d.bedrag) AS lines
  FROM jeugdnorm.declaratie d
 GROUP BY d.gemeente, d.toewijzingnummer;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET parallel_leader_participation;
\unset QUIET

SELECT plan(12);

SELECT cmp_ok((SELECT count(*) FROM jeugdnorm.declaratie), '>', 10000::bigint, 'a data set of some size');
SELECT matches((SELECT full_plan FROM t_plan), 'Partial (Hash|Group)Aggregate',
               'the query of mv_data_quality_rows gets a partial aggregate of the claim lines when parallel plans are cheap');
SELECT matches((SELECT full_plan FROM t_plan), 'Finalize (Hash|Group)Aggregate',
               'and finalises it (combine) above the Gather');
SELECT matches((SELECT lines_plan FROM t_plan), 'Workers Launched: [12]',
               'the packed lines are aggregated by parallel workers (serialised and deserialised: the leader does not take part)');

-- the rows, both ways, as row text (amounts in their display scale)
SELECT cmp_ok((SELECT count(*) FROM t_serial), '>', 1000::bigint, 'the serial plan gives rows');
SELECT is((SELECT count(*) FROM t_parallel), (SELECT count(*) FROM t_serial), 'as many rows in the parallel plan');
SELECT is_empty($$SELECT t::text FROM t_parallel t EXCEPT ALL SELECT t::text FROM t_serial t$$,
                'no row of the parallel plan that the serial one lacks (row text)');
SELECT is_empty($$SELECT t::text FROM t_serial t EXCEPT ALL SELECT t::text FROM t_parallel t$$,
                'no row of the serial plan that the parallel one lacks (row text)');

-- the packed lines of every key through serialise, deserialise and combine:
-- the same lines (each line's bytes do not depend on its position), and
-- dq_key_lines reads them to the same facts
SELECT is((SELECT count(*) FROM t_lines_parallel), (SELECT count(*) FROM t_lines_serial),
          'as many allocation keys packed in parallel as serially');
SELECT is_empty($$SELECT s.gemeente, s.toewijzingnummer
                    FROM t_lines_serial s
                    FULL JOIN t_lines_parallel p USING (gemeente, toewijzingnummer)
                   WHERE p.lines IS NULL OR s.lines IS NULL OR s.n <> p.n
                      OR length(s.lines) <> length(p.lines)$$,
                'every key: the same number of lines and the same packed size');
SELECT is_empty($$SELECT s.gemeente, s.toewijzingnummer
                    FROM t_lines_serial s
                    JOIN t_lines_parallel p USING (gemeente, toewijzingnummer)
                   CROSS JOIN LATERAL jeugdnorm_internal.dq_key_lines(s.lines, true, '2020-01-01', '2022-06-30', 'uur', false,
                                                                      ARRAY['45A12'], ARRAY[date '2020-01-01'], ARRAY[date '2021-12-31'],
                                                                      false, '2024-12-31') xs
                   CROSS JOIN LATERAL jeugdnorm_internal.dq_key_lines(p.lines, true, '2020-01-01', '2022-06-30', 'uur', false,
                                                                      ARRAY['45A12'], ARRAY[date '2020-01-01'], ARRAY[date '2021-12-31'],
                                                                      false, '2024-12-31') xp
                   WHERE xs::text IS DISTINCT FROM xp::text$$,
                'every key: dq_key_lines gives the same facts and flagged lines (as text) from the lines packed in parallel');
SELECT results_eq(
    $$SELECT a.aggcombinefn::text COLLATE "default", a.aggserialfn::text COLLATE "default",
             a.aggdeserialfn::text COLLATE "default"
        FROM pg_aggregate a WHERE a.aggfnoid = 'jeugdnorm_internal.dq_lines_agg'::regproc$$,
    $$VALUES ('jeugdnorm_internal.dq_lines_combine', 'jeugdnorm_internal.dq_lines_serialize',
              'jeugdnorm_internal.dq_lines_deserialize')$$,
    'dq_lines_agg: combine, serialise and deserialise functions');

SELECT * FROM finish();
ROLLBACK;
