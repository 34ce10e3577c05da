-- view_money_claim_sums_parallel.sql -- money_claim_sums_agg's parallel
-- aggregation (COMBINEFUNC, SERIALFUNC, DESERIALFUNC in
-- src/pg/money_sums.c): partial states combined give exactly the serial
-- result, compared as row text (numeric scales count), EXCEPT ALL both ways.
--   * partitionwise aggregation over a table of four partitions, the lines
--     of every group spread over them: per group four partial states,
--     serialised, deserialised and combined in one backend (deterministic,
--     no worker needed); the plan is checked to be Partial / Finalize;
--   * forced parallel plans (parallel costs 0) over a plain table: Partial
--     HashAggregate in the workers, Finalize in the leader;
--   * the lines: random lines with awkward dates (as
--     view_money_claim_sums_agg.sql), lines across several year windows,
--     the numeric fallback (bedrag of 31 digits, scale 40, 128-bit sums
--     that overflow, also when two partial sums are added), volumes of
--     scales 0-20 and NULLs (the ten-argument form's volume_once);
--   * both forms, four settings.
-- Serialise and deserialise run in every partial plan here (a partial
-- aggregate's output is the serialised state), so each comparison is a
-- round trip too.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(19);

-- lines_p: the lines, four partitions by id (a group's lines in all four);
-- lines_s: the same lines in a plain table, for the parallel scans (temporary
-- tables are not read by parallel workers).
CREATE TABLE lines_p (id int, grp int, begindatum date, einddatum date, bedrag numeric, volume numeric)
    PARTITION BY LIST ((id % 4));
CREATE TABLE lines_p0 PARTITION OF lines_p FOR VALUES IN (0);
CREATE TABLE lines_p1 PARTITION OF lines_p FOR VALUES IN (1);
CREATE TABLE lines_p2 PARTITION OF lines_p FOR VALUES IN (2);
CREATE TABLE lines_p3 PARTITION OF lines_p FOR VALUES IN (3);
CREATE TABLE lines_s (id int, grp int, begindatum date, einddatum date, bedrag numeric, volume numeric);

SELECT setseed(0.27);
INSERT INTO lines_p (id, grp, begindatum, einddatum, bedrag)
SELECT row_number() OVER (), (random() * 149)::int,
       b, b + len,
       CASE WHEN r < 0.05 THEN NULL
            WHEN r < 0.08 THEN 0
            ELSE round(((random() - 0.3) * 5000)::numeric, (random() * 6)::int) END
  FROM (SELECT CASE (random() * 5)::int
                    WHEN 0 THEN make_date(2019 + (random() * 7)::int, 12, 31) - (random() * 3)::int
                    WHEN 1 THEN make_date(2020 + (random() * 6)::int, 1, 1) + (random() * 2)::int
                    WHEN 2 THEN date '2024-02-29' + (random() * 4)::int - 2
                    WHEN 3 THEN date '2020-02-29' - (random() * 40)::int
                    ELSE date '2019-06-01' + (random() * 2700)::int END AS b,
               CASE (random() * 4)::int
                    WHEN 0 THEN 0
                    WHEN 1 THEN (random() * 31)::int
                    WHEN 2 THEN (random() * 400)::int
                    ELSE (random() * 1100)::int END AS len,
               random() AS r
          FROM generate_series(1, 4000)) x;
-- 40 long lines (10 to 40 years: many year windows)
INSERT INTO lines_p (id, grp, begindatum, einddatum, bedrag)
SELECT 5000 + i, (random() * 149)::int, b, b + 3650 + (random() * 10950)::int, round((random() * 100000)::numeric, 2)
  FROM (SELECT i, date '1995-01-01' + (random() * 9000)::int AS b FROM generate_series(1, 40) i) x;
-- the numeric fallback: group 200, a bedrag of 31 digits and one of scale
-- 40 in different partitions; group 201, 24 lines of 18 nines x 1/3 at a
-- one-day window (each term ~3.3 x 10^37: the sixth overflows 128 bits,
-- and so does the sum of two partitions' 128-bit parts); group 202, the
-- same negative
INSERT INTO lines_p (id, grp, begindatum, einddatum, bedrag) VALUES
    (6000, 200, '2023-12-31', '2024-01-02', 1e30),
    (6001, 200, '2023-12-31', '2024-01-02', 1.5),
    (6002, 200, '2024-01-01', '2024-01-01', 0.1000000000000000000000000000000000000000),
    (6003, 200, '2023-06-01', '2024-03-02', 7);
INSERT INTO lines_p (id, grp, begindatum, einddatum, bedrag)
SELECT 6100 + i, 201, '2023-12-31', '2024-01-02', 999999999999999999 FROM generate_series(1, 24) i;
INSERT INTO lines_p (id, grp, begindatum, einddatum, bedrag)
SELECT 6200 + i, 202, '2023-12-31', '2024-01-02', -999999999999999999 FROM generate_series(1, 24) i;
-- volumes of scales 0 to 20 (scale 20: over 18 digits, the numeric fallback), 0.000 and NULLs
UPDATE lines_p SET volume = CASE WHEN random() < 0.15 THEN NULL
                                 WHEN grp % 4 = 0 THEN round((random() * 40)::numeric)
                                 WHEN grp % 4 = 1 THEN -round((random() * 40)::numeric, (random() * 3)::int)
                                 WHEN grp % 4 = 2 THEN CASE WHEN random() < 0.5 THEN 0.000
                                                            ELSE round((random() * 40)::numeric / 3, 16) END
                                 ELSE round((random() * 40)::numeric / 7, 20) END;
UPDATE lines_p SET volume = 1e30 WHERE id = 6000;
INSERT INTO lines_s SELECT * FROM lines_p;
ANALYZE lines_p, lines_s;

-- the sums of both forms over a table, one row per (grp, element) as text
CREATE FUNCTION pg_temp.sums(tab text) RETURNS TABLE (r text) LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY EXECUTE format($q$
        SELECT (g.grp, 9, s.*)::text
          FROM (SELECT c.grp,
                       jeugdnorm_internal.money_claim_sums_agg(c.begindatum, c.einddatum, c.bedrag,
                                                               d.window_start, d.peildatum,
                                                               d.rest_prev_start, d.rest_prev_end,
                                                               d.w_start, d.w_end) AS sums
                  FROM %1$s c
                 CROSS JOIN (SELECT (SELECT window_start FROM jeugdnorm_internal.forecast_dates) AS window_start,
                                    (SELECT peildatum FROM jeugdnorm_internal.forecast_dates) AS peildatum,
                                    (SELECT rest_prev_start FROM jeugdnorm_internal.forecast_dates) AS rest_prev_start,
                                    (SELECT rest_prev_end FROM jeugdnorm_internal.forecast_dates) AS rest_prev_end,
                                    (SELECT w_start FROM jeugdnorm_internal.forecast_dates) AS w_start,
                                    (SELECT w_end FROM jeugdnorm_internal.forecast_dates) AS w_end) d
                 GROUP BY 1) g
         CROSS JOIN LATERAL unnest(g.sums) WITH ORDINALITY s
        UNION ALL
        SELECT (g.grp, 10, s.*)::text
          FROM (SELECT c.grp,
                       jeugdnorm_internal.money_claim_sums_agg(c.begindatum, c.einddatum, c.bedrag,
                                                               d.window_start, d.peildatum,
                                                               d.rest_prev_start, d.rest_prev_end,
                                                               d.w_start, d.w_end, c.volume) AS sums
                  FROM %1$s c
                 CROSS JOIN (SELECT (SELECT window_start FROM jeugdnorm_internal.forecast_dates) AS window_start,
                                    (SELECT peildatum FROM jeugdnorm_internal.forecast_dates) AS peildatum,
                                    (SELECT rest_prev_start FROM jeugdnorm_internal.forecast_dates) AS rest_prev_start,
                                    (SELECT rest_prev_end FROM jeugdnorm_internal.forecast_dates) AS rest_prev_end,
                                    (SELECT w_start FROM jeugdnorm_internal.forecast_dates) AS w_start,
                                    (SELECT w_end FROM jeugdnorm_internal.forecast_dates) AS w_end) d
                 GROUP BY 1) g
         CROSS JOIN LATERAL unnest(g.sums) WITH ORDINALITY s$q$, tab);
END $$;
-- the plan of pg_temp.sums()' first query, as text
CREATE FUNCTION pg_temp.sums_plan(tab text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    plan text := '';
BEGIN
    FOR line IN EXECUTE format($q$
        EXPLAIN (COSTS OFF)
        SELECT c.grp,
               jeugdnorm_internal.money_claim_sums_agg(c.begindatum, c.einddatum, c.bedrag,
                                                       d.window_start, d.peildatum,
                                                       d.rest_prev_start, d.rest_prev_end,
                                                       d.w_start, d.w_end, c.volume) AS sums
          FROM %1$s c
         CROSS JOIN (SELECT (SELECT window_start FROM jeugdnorm_internal.forecast_dates) AS window_start,
                            (SELECT peildatum FROM jeugdnorm_internal.forecast_dates) AS peildatum,
                            (SELECT rest_prev_start FROM jeugdnorm_internal.forecast_dates) AS rest_prev_start,
                            (SELECT rest_prev_end FROM jeugdnorm_internal.forecast_dates) AS rest_prev_end,
                            (SELECT w_start FROM jeugdnorm_internal.forecast_dates) AS w_start,
                            (SELECT w_end FROM jeugdnorm_internal.forecast_dates) AS w_end) d
         GROUP BY 1$q$, tab)
    LOOP
        plan := plan || line || E'\n';
    END LOOP;
    RETURN plan;
END $$;

-- serial: no partial aggregation, no workers
CREATE FUNCTION pg_temp.serial_settings() RETURNS void LANGUAGE sql AS $$
    SELECT set_config('max_parallel_workers_per_gather', '0', true),
           set_config('enable_partitionwise_aggregate', 'off', true);
$$;
-- partitionwise: a partial aggregate per partition, combined in the backend
CREATE FUNCTION pg_temp.partitionwise_settings() RETURNS void LANGUAGE sql AS $$
    SELECT set_config('max_parallel_workers_per_gather', '0', true),
           set_config('enable_partitionwise_aggregate', 'on', true);
$$;
-- parallel: the costs that make the planner choose a parallel plan
CREATE FUNCTION pg_temp.parallel_settings() RETURNS void LANGUAGE sql AS $$
    SELECT set_config('max_parallel_workers_per_gather', '2', true),
           set_config('enable_partitionwise_aggregate', 'off', true),
           set_config('parallel_setup_cost', '0', true),
           set_config('parallel_tuple_cost', '0', true),
           set_config('min_parallel_table_scan_size', '0', true),
           set_config('parallel_leader_participation', 'off', true);
$$;
CREATE FUNCTION pg_temp.reset_settings() RETURNS void LANGUAGE sql AS $$
    SELECT set_config('max_parallel_workers_per_gather', '2', true),
           set_config('enable_partitionwise_aggregate', 'off', true),
           set_config('parallel_setup_cost', '1000', true),
           set_config('parallel_tuple_cost', '0.1', true),
           set_config('min_parallel_table_scan_size', '8MB', true),
           set_config('parallel_leader_participation', 'on', true);
$$;

-- serial rows, partitionwise rows and parallel rows; their differences both ways
CREATE FUNCTION pg_temp.compare() RETURNS TABLE (part_diff bigint, par_diff bigint, n bigint) LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_temp.serial_settings();
    CREATE TEMP TABLE ser ON COMMIT DROP AS SELECT * FROM pg_temp.sums('lines_s');
    PERFORM pg_temp.partitionwise_settings();
    CREATE TEMP TABLE part ON COMMIT DROP AS SELECT * FROM pg_temp.sums('lines_p');
    PERFORM pg_temp.parallel_settings();
    CREATE TEMP TABLE par ON COMMIT DROP AS SELECT * FROM pg_temp.sums('lines_s');
    PERFORM pg_temp.reset_settings();
    part_diff := (SELECT count(*) FROM (SELECT r FROM ser EXCEPT ALL SELECT r FROM part) x)
               + (SELECT count(*) FROM (SELECT r FROM part EXCEPT ALL SELECT r FROM ser) x);
    par_diff := (SELECT count(*) FROM (SELECT r FROM ser EXCEPT ALL SELECT r FROM par) x)
              + (SELECT count(*) FROM (SELECT r FROM par EXCEPT ALL SELECT r FROM ser) x);
    n := (SELECT count(*) FROM ser);
    DROP TABLE ser, part, par;
    RETURN NEXT;
END $$;

-- ---- the plans -------------------------------------------------------------------------------
SELECT pg_temp.partitionwise_settings();
SELECT matches(pg_temp.sums_plan('lines_p'), 'Finalize HashAggregate.*Append.*Partial HashAggregate.*Partial HashAggregate.*Partial HashAggregate.*Partial HashAggregate',
               'partitionwise: a partial aggregate per partition, finalised above the Append');
SELECT pg_temp.parallel_settings();
SELECT matches(pg_temp.sums_plan('lines_s'), 'Finalize (Hash|Group)Aggregate.*Gather.*Partial HashAggregate.*Parallel Seq Scan',
               'forced parallel: Partial HashAggregate in the workers, Finalize in the leader');
SELECT pg_temp.serial_settings();
SELECT doesnt_match(pg_temp.sums_plan('lines_s'), 'Partial', 'serial: no partial aggregation');
SELECT pg_temp.reset_settings();

-- the lines really are split: every random group has lines in all four partitions
SELECT cmp_ok((SELECT count(*) FROM (SELECT grp FROM lines_p GROUP BY grp HAVING count(DISTINCT id % 4) = 4) x),
              '>', 140::bigint, 'the lines of most groups lie in all four partitions');

-- ---- the comparisons -------------------------------------------------------------------------
UPDATE jeugdnorm.settings SET window_start = '2021-01-01', peildatum = '2025-12-31';
CREATE TEMP TABLE cmp AS SELECT * FROM pg_temp.compare();
SELECT is((SELECT part_diff FROM cmp), 0::bigint, 'window 2021-01-01 .. 2025-12-31: partitionwise = serial');
SELECT is((SELECT par_diff FROM cmp), 0::bigint, 'window 2021-01-01 .. 2025-12-31: parallel = serial');
SELECT cmp_ok((SELECT n FROM cmp), '>', 1000::bigint, 'window 2021-01-01 .. 2025-12-31: rows compared');
DROP TABLE cmp;
UPDATE jeugdnorm.settings SET window_start = '2021-01-01', peildatum = '2025-06-30';
CREATE TEMP TABLE cmp AS SELECT * FROM pg_temp.compare();
SELECT is((SELECT part_diff FROM cmp), 0::bigint, 'window 2021-01-01 .. 2025-06-30 (open year): partitionwise = serial');
SELECT is((SELECT par_diff FROM cmp), 0::bigint, 'window 2021-01-01 .. 2025-06-30: parallel = serial');
DROP TABLE cmp;
UPDATE jeugdnorm.settings SET window_start = '2022-03-15', peildatum = '2024-02-29';
CREATE TEMP TABLE cmp AS SELECT * FROM pg_temp.compare();
SELECT is((SELECT part_diff FROM cmp), 0::bigint, 'window 2022-03-15 .. 2024-02-29: partitionwise = serial');
SELECT is((SELECT par_diff FROM cmp), 0::bigint, 'window 2022-03-15 .. 2024-02-29: parallel = serial');
DROP TABLE cmp;
UPDATE jeugdnorm.settings SET window_start = '2024-01-01', peildatum = '2024-01-01';
CREATE TEMP TABLE cmp AS SELECT * FROM pg_temp.compare();
SELECT is((SELECT part_diff FROM cmp), 0::bigint, 'a one-day window (the numeric fallback groups): partitionwise = serial');
SELECT is((SELECT par_diff FROM cmp), 0::bigint, 'a one-day window: parallel = serial');
DROP TABLE cmp;

-- what the comparisons covered (the serial rows at the one-day window and
-- at 2021-01-01 .. 2025-06-30); the serial sums themselves are compared
-- with their SQL formulation in view_money_claim_sums_agg.sql, here the
-- fallback groups once more with sum(bedrag x overlap_share())
SELECT pg_temp.serial_settings();
CREATE TEMP TABLE ser1 AS SELECT r FROM pg_temp.sums('lines_s');
SELECT is((SELECT split_part(r, ',', 4) FROM ser1 WHERE r ~ '^\(200,9,'),
          (SELECT sum(bedrag * jeugdnorm.overlap_share(begindatum, einddatum, '2024-01-01', '2024-01-01'))::text
             FROM lines_s WHERE grp = 200),
          'group 200 (a bedrag of 31 digits, one of scale 40): the cost is sum(bedrag x overlap_share())');
SELECT is((SELECT split_part(r, ',', 4) FROM ser1 WHERE r ~ '^\(201,9,'),
          (SELECT sum(bedrag * jeugdnorm.overlap_share(begindatum, einddatum, '2024-01-01', '2024-01-01'))::text
             FROM lines_s WHERE grp = 201),
          'group 201 (24 x 999999999999999999 x 1/3: beyond 128 bits): the cost is sum(bedrag x overlap_share())');
SELECT is((SELECT split_part(r, ',', 4) FROM ser1 WHERE r ~ '^\(202,9,'),
          (SELECT sum(bedrag * jeugdnorm.overlap_share(begindatum, einddatum, '2024-01-01', '2024-01-01'))::text
             FROM lines_s WHERE grp = 202),
          'group 202: the same, negative');
DROP TABLE ser1;
UPDATE jeugdnorm.settings SET window_start = '2021-01-01', peildatum = '2025-06-30';
CREATE TEMP TABLE ser2 AS SELECT r FROM pg_temp.sums('lines_s');
SELECT cmp_ok((SELECT count(*) FROM (SELECT split_part(r, ',', 1) FROM ser2 WHERE r ~ '^\(\d+,9,' GROUP BY 1 HAVING count(*) >= 3) x),
              '>', 10::bigint, 'groups with lines in three or more year windows');
SELECT cmp_ok((SELECT count(*) FROM ser2 WHERE r ~ '^\(\d+,9,,'), '>', 0::bigint, 'elements of lines overlapping no window');
SELECT cmp_ok((SELECT count(*) FROM ser2 WHERE r ~ '^\(\d+,10,.*,-?[0-9.]+,1\)$'), '>', 100::bigint,
              'volume_once on the first elements');
SELECT pg_temp.reset_settings();
DROP TABLE ser2;

SELECT * FROM finish();
ROLLBACK;
