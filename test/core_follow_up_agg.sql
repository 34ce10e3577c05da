-- follow_up_agg (issue 16 part 3) against the window function follow_up()
-- on random data: for every group the same (toewijzingnummer, follow_up,
-- gap_days) rows, in the contract order.  The window function is fed in
-- that order: ORDER BY ingangsdatum, einddatum NULLS LAST, toewijzingnummer
-- COLLATE "C" (NULLS LAST); the aggregate gets the rows in a random order.
-- An einddatum 'infinity' is open to both, and the aggregate sorts it as
-- equal to NULL (the input tables hold finite dates only), so the window
-- orders by coalesce(einddatum, 'infinity'), which is the contract order
-- when no einddatum is 'infinity'.
-- The data has ties on dates, equal rows, NULL einddatum (also +infinity),
-- NULL toewijzingnummer, nested and overlapping allocations, gaps around
-- both bounds and groups of up to 200 rows; bounds vary per group.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(12);

SELECT setseed(0.2718);
CREATE TEMP TABLE a AS
SELECT g, ext, rec,
       CASE WHEN random() < 0.03 THEN NULL ELSE 't' || (random() * 40)::int END AS t,
       s,
       CASE WHEN random() < 0.12 THEN NULL
            WHEN random() < 0.02 THEN 'infinity'::date
            ELSE s + (random() * 200)::int END AS e,
       random() AS feed
  FROM (SELECT g, 60 + (g % 4) * 30 AS ext, 200 + (g % 3) * 165 AS rec,
               date '2020-01-01' + ((random() * 40)::int) * 30 AS s
          FROM generate_series(1, 400) g,
               generate_series(1, CASE WHEN g % 50 = 0 THEN 200 ELSE 1 + (g % 7) END) n) x;

-- the window function, in the contract order, with its position
CREATE TEMP TABLE win AS
SELECT g, t, (f).follow_up, (f).gap_days,
       row_number() OVER (PARTITION BY g ORDER BY s, coalesce(e, 'infinity'), t COLLATE "C") AS pos
  FROM (SELECT g, t, s, e,
               jeugdnorm.follow_up(s, e, ext, rec)
                   OVER (PARTITION BY g ORDER BY s, coalesce(e, 'infinity'), t COLLATE "C") AS f
          FROM a) w;

-- the aggregate, rows fed in random order, its array positions
CREATE TEMP TABLE agg AS
SELECT g, u.toewijzingnummer AS t, u.follow_up, u.gap_days, u.pos
  FROM (SELECT g, jeugdnorm.follow_up_agg(t, s, e, ext, rec ORDER BY feed) AS arr
          FROM a GROUP BY g) x
 CROSS JOIN LATERAL unnest(x.arr) WITH ORDINALITY u(toewijzingnummer, follow_up, gap_days, pos);

SELECT cmp_ok((SELECT count(*) FROM a), '>', 1500::bigint, 'enough random rows');
SELECT ok((SELECT count(*) FROM a GROUP BY g, s, e HAVING count(*) > 1 ORDER BY 1 DESC LIMIT 1) > 1
          AND EXISTS (SELECT FROM a WHERE e IS NULL) AND EXISTS (SELECT FROM a WHERE t IS NULL)
          AND EXISTS (SELECT FROM a WHERE e = 'infinity'),
          'the data has ties on dates, open ends, infinity ends and NULL toewijzingnummers');
SELECT ok((SELECT count(DISTINCT follow_up) FROM win) = 4, 'all four classes occur');
SELECT bag_eq('SELECT g, t, follow_up, gap_days FROM agg',
              'SELECT g, t, follow_up, gap_days FROM win',
              'follow_up_agg gives the same (toewijzingnummer, follow_up, gap_days) as follow_up() in every group');
-- in the contract order: position by position (equal rows are interchangeable)
SELECT is((SELECT count(*) FROM agg JOIN win USING (g, pos)
            WHERE (agg.t, agg.follow_up, agg.gap_days) IS DISTINCT FROM (win.t, win.follow_up, win.gap_days)),
          0::bigint, 'the array is in the contract order: element i is the window''s row i');

-- the 3- and 4-argument forms are the defaults 90 / 365
SELECT is((SELECT string_agg(x::text, ';' ORDER BY g) FROM (SELECT g, jeugdnorm.follow_up_agg(t, s, e) x FROM a GROUP BY g) q),
          (SELECT string_agg(x::text, ';' ORDER BY g) FROM (SELECT g, jeugdnorm.follow_up_agg(t, s, e, 90, 365) x FROM a GROUP BY g) q),
          'follow_up_agg(t, s, e) = follow_up_agg(t, s, e, 90, 365)');
SELECT is((SELECT string_agg(x::text, ';' ORDER BY g) FROM (SELECT g, jeugdnorm.follow_up_agg(t, s, e, 30) x FROM a GROUP BY g) q),
          (SELECT string_agg(x::text, ';' ORDER BY g) FROM (SELECT g, jeugdnorm.follow_up_agg(t, s, e, 30, 365) x FROM a GROUP BY g) q),
          'follow_up_agg(t, s, e, 30) = follow_up_agg(t, s, e, 30, 365)');

-- parallel aggregation (partial states serialised, combined) gives the same
-- (a plain table: parallel workers cannot read temporary tables)
CREATE TABLE fu_big AS SELECT a.*, k FROM a, generate_series(1, 8) k;
ANALYZE fu_big;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL enable_hashagg = off;
DO $$
BEGIN
  PERFORM set_config(name, 'on', true) FROM pg_settings
   WHERE name IN ('debug_parallel_query', 'force_parallel_mode');
END $$;
CREATE FUNCTION pg_temp.plan(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE r text; p text := '';
BEGIN
    FOR r IN EXECUTE 'EXPLAIN ' || q LOOP p := p || r || E'\n'; END LOOP;
    RETURN p;
END $f$;
SELECT ok(pg_temp.plan('SELECT g, k, jeugdnorm.follow_up_agg(t, s, e, ext, rec) FROM fu_big GROUP BY g, k') ~ 'Partial',
          'the planner runs follow_up_agg as a partial (parallel) aggregate');
CREATE TEMP TABLE par AS SELECT g, k, jeugdnorm.follow_up_agg(t, s, e, ext, rec) AS x FROM fu_big GROUP BY g, k;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT is((SELECT count(*) FROM par JOIN (SELECT g, jeugdnorm.follow_up_agg(t, s, e, ext, rec) AS x FROM a GROUP BY g) q USING (g)
            WHERE par.x IS DISTINCT FROM q.x),
          0::bigint, 'parallel partial aggregation gives the same arrays as the serial one');

-- errors: the window function's SQLSTATEs
SELECT throws_ok($$SELECT jeugdnorm.follow_up_agg('x', NULL::date, NULL::date)$$, '22004',
                 'ingangsdatum must not be NULL', 'NULL ingangsdatum: 22004');
SELECT throws_ok($$SELECT jeugdnorm.follow_up_agg('x', '2024-02-01'::date, '2024-01-01'::date)$$, '22007',
                 'einddatum is before ingangsdatum', 'einddatum < ingangsdatum: 22007');
SELECT throws_ok($$SELECT jeugdnorm.follow_up_agg(t, d, NULL, b, 365)
                     FROM (VALUES ('x', '2024-01-01'::date, 90), ('y', '2024-02-01', 30)) v(t, d, b)$$, '22023',
                 'extension_days and recidive_days must be the same for every row of a group',
                 'bounds that differ within a group: 22023');

SELECT * FROM finish();
ROLLBACK;
