-- The catalogue properties the SQL relies on, pinned for every aggregate of
-- the extension (issue 14 part 4): strictness, PARALLEL, the state type and
-- its size (SSPACE), FINALFUNC_MODIFY, and the combine / serialise /
-- deserialise functions that parallel aggregation needs.  A new aggregate
-- fails the first test until its properties are written down here.
--   * SSPACE: without it the planner assumes 8 kB per group for an
--     internal state and a hash aggregate spills after a few thousand
--     groups (care_path and follow_up_agg 144, verzilvering 128: measured
--     sizes, see
--     src/sql/10_core.sql and bench/RESULTS.md).
--   * FINALFUNC_MODIFY 'r' (READ_ONLY): care_path runs as a window aggregate
--     in 40_paths.sql, which PostgreSQL allows only for read-only final
--     functions; the final functions leave the state untouched
--     (test/core_care_path_window.sql shows it on moving and growing frames).
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(5);

SELECT results_eq(
  $$SELECT p.oid::regprocedure::text, p.proisstrict, p.proparallel::text,
           a.aggkind::text, a.aggtranstype::regtype::text, a.aggtransspace,
           a.aggfinalmodify::text, a.aggtransfn::text, a.aggfinalfn::text,
           a.aggcombinefn::text, a.aggserialfn::text, a.aggdeserialfn::text,
           a.aggminvtransfn::text
      FROM pg_aggregate a
      JOIN pg_proc p ON p.oid = a.aggfnoid
     WHERE p.pronamespace = 'jeugdnorm'::regnamespace
     ORDER BY 1$$,
  $$VALUES
    ('jeugdnorm.care_path(date,date,text)', false, 's', 'n', 'internal', 144, 'r',
     'jeugdnorm_internal.care_path_trans', 'jeugdnorm_internal.care_path_final', 'jeugdnorm_internal.care_path_combine',
     'jeugdnorm_internal.care_path_serialize', 'jeugdnorm_internal.care_path_deserialize', '-'),
    ('jeugdnorm.care_path(date,date,text,integer)', false, 's', 'n', 'internal', 144, 'r',
     'jeugdnorm_internal.care_path_trans', 'jeugdnorm_internal.care_path_final', 'jeugdnorm_internal.care_path_combine',
     'jeugdnorm_internal.care_path_serialize', 'jeugdnorm_internal.care_path_deserialize', '-'),
    ('jeugdnorm.follow_up_agg(text,date,date)', false, 's', 'n', 'internal', 144, 'r',
     'jeugdnorm_internal.follow_up_agg_trans', 'jeugdnorm_internal.follow_up_agg_final', 'jeugdnorm_internal.follow_up_agg_combine',
     'jeugdnorm_internal.follow_up_agg_serialize', 'jeugdnorm_internal.follow_up_agg_deserialize', '-'),
    ('jeugdnorm.follow_up_agg(text,date,date,integer)', false, 's', 'n', 'internal', 144, 'r',
     'jeugdnorm_internal.follow_up_agg_trans', 'jeugdnorm_internal.follow_up_agg_final', 'jeugdnorm_internal.follow_up_agg_combine',
     'jeugdnorm_internal.follow_up_agg_serialize', 'jeugdnorm_internal.follow_up_agg_deserialize', '-'),
    ('jeugdnorm.follow_up_agg(text,date,date,integer,integer)', false, 's', 'n', 'internal', 144, 'r',
     'jeugdnorm_internal.follow_up_agg_trans', 'jeugdnorm_internal.follow_up_agg_final', 'jeugdnorm_internal.follow_up_agg_combine',
     'jeugdnorm_internal.follow_up_agg_serialize', 'jeugdnorm_internal.follow_up_agg_deserialize', '-'),
    ('jeugdnorm.verzilvering(numeric,numeric)', false, 's', 'n', 'internal', 128, 'r',
     'jeugdnorm_internal.verzilvering_trans', 'jeugdnorm_internal.verzilvering_final', 'jeugdnorm_internal.verzilvering_combine',
     'jeugdnorm_internal.verzilvering_serialize', 'jeugdnorm_internal.verzilvering_deserialize', '-')$$,
  'every aggregate: strictness, PARALLEL SAFE, normal kind, internal state with its SSPACE, READ_ONLY final function, combine/serial/deserial functions, no moving-aggregate support');

-- the support functions: transition and combine not STRICT (an internal
-- state starts as NULL and a combine side may be NULL), serialise and
-- deserialise STRICT, all PARALLEL SAFE and IMMUTABLE
SELECT is((SELECT count(*) FROM pg_aggregate a
             JOIN pg_proc f ON f.oid IN (a.aggtransfn, a.aggcombinefn, a.aggfinalfn)
            WHERE a.aggfnoid::regproc::text LIKE 'jeugdnorm.%'
              AND (f.proisstrict OR f.proparallel <> 's' OR f.provolatile <> 'i')),
          0::bigint, 'transition, combine and final functions: not STRICT, PARALLEL SAFE, IMMUTABLE');
SELECT is((SELECT count(*) FROM pg_aggregate a
             JOIN pg_proc f ON f.oid IN (a.aggserialfn, a.aggdeserialfn)
            WHERE a.aggfnoid::regproc::text LIKE 'jeugdnorm.%'
              AND (NOT f.proisstrict OR f.proparallel <> 's' OR f.provolatile <> 'i')),
          0::bigint, 'serialise and deserialise functions: STRICT, PARALLEL SAFE, IMMUTABLE');

-- what FINALFUNC_MODIFY = READ_ONLY buys: the aggregates run as window
-- aggregates (PostgreSQL refuses it for any other setting)
SELECT lives_ok(
  $$SELECT jeugdnorm.care_path(d, NULL, 'a') OVER (ORDER BY d),
           jeugdnorm.follow_up_agg('t', d, NULL) OVER (ORDER BY d),
           jeugdnorm.verzilvering(1, 2) OVER (ORDER BY d)
      FROM (VALUES (date '2024-01-01'), ('2024-06-01')) t(d)$$,
  'care_path, follow_up_agg and verzilvering run as window aggregates');

-- and the planner sees the declared state size: 200,000 verzilvering groups
-- are estimated at SSPACE bytes each, so at work_mem 64MB the hash
-- aggregate is planned without spill partitions (without SSPACE: 8 kB per
-- group, 32 planned partitions)
CREATE TEMP TABLE vz AS
SELECT i % 200000 AS g, 1.5::numeric AS claimed, 2.5::numeric AS allocated
  FROM generate_series(1, 400000) i;
ANALYZE vz;
SET LOCAL work_mem = '64MB';
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE FUNCTION pg_temp.plan(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE r text; p text := '';
BEGIN
    FOR r IN EXECUTE 'EXPLAIN ' || q LOOP p := p || r || E'\n'; END LOOP;
    RETURN p;
END $f$;
SELECT ok(pg_temp.plan('SELECT g, jeugdnorm.verzilvering(claimed, allocated) FROM vz GROUP BY g')
              ~ 'HashAggregate'
          AND pg_temp.plan('SELECT g, jeugdnorm.verzilvering(claimed, allocated) FROM vz GROUP BY g')
              !~ 'Planned Partitions',
          'verzilvering at 200,000 groups, work_mem 64MB: a hash aggregate planned in memory (no spill partitions)');

SELECT * FROM finish();
ROLLBACK;
