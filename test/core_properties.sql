-- Property tests of the C core against plain-SQL formulations, on a few
-- thousand deterministic pseudo-random allocations (hashint4 of the row
-- number: the same data on every run and platform-independent enough for
-- equality tests, which compare the two formulations, not fixed numbers).
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(17);

-- 3,000 allocations in 300 groups over ~4 years: gaps around the 90-day
-- bound, 5% open, labels with NULLs and bytewise-ordering traps ('B' < 'a'),
-- plus 300 same-day duplicates with other ends and labels.
CREATE TABLE prop_alloc AS
SELECT i AS id,
       i % 300 AS g,
       date '2020-01-01' + abs(hashint4(i * 3 + 1)) % 1500 AS ing,
       CASE WHEN abs(hashint4(i * 3 + 2)) % 20 = 0 THEN NULL
            ELSE date '2020-01-01' + abs(hashint4(i * 3 + 1)) % 1500 + abs(hashint4(i * 3 + 2)) % 200 END AS eind,
       (ARRAY['a', 'b', 'B', 'ab', NULL])[1 + abs(hashint4(i * 3 + 3)) % 5] AS label
  FROM generate_series(1, 3000) AS i;
INSERT INTO prop_alloc
SELECT 3000 + id, g, ing,
       CASE WHEN id % 3 = 0 THEN NULL ELSE ing + id % 40 END,
       (ARRAY['b', NULL, 'a'])[1 + id % 3]
  FROM prop_alloc WHERE id % 10 = 0;
ANALYZE prop_alloc;

-- care_path as gaps-and-islands in plain SQL: running max einddatum of the
-- earlier rows (open = infinity), new path when the gap is > max_gap, labels
-- NULL-skipped, consecutive duplicates dropped, joined in contract order.
CREATE FUNCTION pg_temp.ref_paths(max_gap int)
RETURNS TABLE (g int, path_no bigint, start date, einde date, allocations bigint, path text, days int)
LANGUAGE sql AS $$
  WITH o AS (
    SELECT a.g, a.ing, a.eind, a.label,
           row_number() OVER w AS rn,
           max(coalesce(a.eind, 'infinity')) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_max
      FROM prop_alloc a
    WINDOW w AS (PARTITION BY a.g ORDER BY a.ing, a.eind NULLS LAST, a.label COLLATE "C" NULLS LAST)
  ), s AS (
    SELECT *, CASE WHEN prev_max IS NULL THEN 1
                   WHEN prev_max = 'infinity' THEN 0
                   WHEN ing - prev_max > max_gap THEN 1 ELSE 0 END AS new_path
      FROM o
  ), p AS (
    SELECT *, sum(new_path) OVER (PARTITION BY s.g ORDER BY rn) AS path_no FROM s
  ), l AS (
    SELECT p.g, p.path_no, p.rn, p.label,
           lag(p.label) OVER (PARTITION BY p.g, p.path_no ORDER BY p.rn) AS prev_label
      FROM p WHERE p.label IS NOT NULL
  ), labels AS (
    SELECT l.g, l.path_no, string_agg(l.label, ' > ' ORDER BY l.rn) AS path
      FROM l WHERE l.prev_label IS DISTINCT FROM l.label
     GROUP BY l.g, l.path_no
  )
  SELECT p.g, p.path_no, min(p.ing),
         CASE WHEN bool_or(p.eind IS NULL) THEN NULL ELSE max(p.eind) END,
         count(*), labels.path,
         CASE WHEN bool_or(p.eind IS NULL) THEN NULL ELSE max(p.eind) - min(p.ing) + 1 END
    FROM p LEFT JOIN labels USING (g, path_no)
   GROUP BY p.g, p.path_no, labels.path
$$;

SELECT cmp_ok((SELECT count(*) FROM pg_temp.ref_paths(90)), '>', 600::bigint,
              'the data has many paths (splits happen)');
SELECT cmp_ok((SELECT count(*) FROM pg_temp.ref_paths(90) WHERE allocations > 1), '>', 300::bigint,
              'the data has many merged paths');

SELECT results_eq(
  $$SELECT g, p.path_no::bigint, p.start, p.einde, p.allocations::bigint, p.path, p.days
      FROM (SELECT g, jeugdnorm.care_path(ing, eind, label) AS a FROM prop_alloc GROUP BY g) x,
           unnest(x.a) p ORDER BY 1, 2$$,
  $$SELECT * FROM pg_temp.ref_paths(90) ORDER BY 1, 2$$,
  'care_path equals the plain-SQL gaps-and-islands formulation (max_gap 90)');

SELECT results_eq(
  $$SELECT g, p.path_no::bigint, p.start, p.einde, p.allocations::bigint, p.path, p.days
      FROM (SELECT g, jeugdnorm.care_path(ing, eind, label, 30) AS a FROM prop_alloc GROUP BY g) x,
           unnest(x.a) p ORDER BY 1, 2$$,
  $$SELECT * FROM pg_temp.ref_paths(30) ORDER BY 1, 2$$,
  'care_path equals the plain-SQL formulation (max_gap 30)');

SELECT is(
  (SELECT count(*) FROM (
     SELECT g FROM prop_alloc GROUP BY g
     HAVING jeugdnorm.care_path(ing, eind, label ORDER BY md5(id::text))
              IS DISTINCT FROM jeugdnorm.care_path(ing, eind, label ORDER BY ing, eind NULLS LAST, label COLLATE "C" NULLS LAST)
         OR jeugdnorm.care_path(ing, eind, label ORDER BY ing DESC, eind DESC, label DESC)
              IS DISTINCT FROM jeugdnorm.care_path(ing, eind, label)) d),
  0::bigint,
  'care_path does not depend on the input order (shuffled, descending, sorted)');

-- one group holding every row: the most merging, and the biggest state
SELECT is(
  (SELECT jeugdnorm.care_path(ing, eind, label ORDER BY md5(id::text)) FROM prop_alloc),
  (SELECT jeugdnorm.care_path(ing, eind, label ORDER BY id) FROM prop_alloc),
  'care_path over all rows as one group does not depend on input order');

-- follow_up against running max + CASE in plain SQL
SELECT results_eq(
  $$SELECT id, (f).follow_up, (f).gap_days
      FROM (SELECT id, jeugdnorm.follow_up(ing, eind)
                         OVER (PARTITION BY g ORDER BY ing, eind NULLS LAST, id) AS f
              FROM prop_alloc) s ORDER BY id$$,
  $$SELECT id,
           CASE WHEN rn = 1 THEN 'eerste'
                WHEN prev_open THEN 'verlenging'
                WHEN ing - prev_max <= 90 THEN 'verlenging'
                WHEN ing - prev_max <= 365 THEN 'recidive'
                ELSE 'nieuw' END,
           CASE WHEN rn = 1 OR prev_open THEN NULL ELSE ing - prev_max END
      FROM (SELECT id, ing,
                   row_number() OVER w AS rn,
                   max(eind) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_max,
                   bool_or(eind IS NULL) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_open
              FROM prop_alloc
            WINDOW w AS (PARTITION BY g ORDER BY ing, eind NULLS LAST, id)) s
     ORDER BY id$$,
  'follow_up equals running max (window frame) + CASE in plain SQL');

SELECT ok((SELECT count(DISTINCT (f).follow_up) = 4
             FROM (SELECT jeugdnorm.follow_up(ing, eind)
                            OVER (PARTITION BY g ORDER BY ing, eind NULLS LAST, id) AS f
                     FROM prop_alloc) s),
          'the data has all four follow-up classes');

-- allocated_volume and overlap_share against plain SQL on random inputs
CREATE TABLE prop_vol AS
SELECT a.id, a.ing, a.eind,
       (abs(hashint4(a.id * 5 + 1)) % 10000) / 100.0 AS volume,
       (ARRAY['1', '2', '4', '6'])[1 + abs(hashint4(a.id * 5 + 2)) % 4] AS frequentie,
       date '2020-06-01' + abs(hashint4(a.id * 5 + 3)) % 1000 AS ws,
       date '2020-06-01' + abs(hashint4(a.id * 5 + 3)) % 1000 + abs(hashint4(a.id * 5 + 4)) % 500 AS we
  FROM prop_alloc a;

SELECT is(
  (SELECT count(*) FROM (
     SELECT id,
            jeugdnorm.allocated_volume(ing, eind, volume, frequentie, ws, we) AS c,
            CASE WHEN d <= 0 THEN 0
                 WHEN frequentie = '1' THEN volume * d
                 WHEN frequentie = '2' THEN volume * d / 7
                 WHEN frequentie = '4' THEN volume * d * 1200 / 36525
                 WHEN eind IS NULL THEN NULL
                 ELSE volume * d / (eind - ing + 1) END AS s
       FROM (SELECT *, least(coalesce(eind, we), we) - greatest(ing, ws) + 1 AS d FROM prop_vol) x) y
   WHERE c IS DISTINCT FROM s),
  0::bigint,
  'allocated_volume equals the plain-SQL CASE formulation on 3,300 random inputs');

SELECT is(
  (SELECT count(*) FROM prop_vol
    WHERE eind IS NOT NULL
      AND jeugdnorm.overlap_share(ing, eind, ws, we)
          IS DISTINCT FROM greatest(least(eind, we) - greatest(ing, ws) + 1, 0)::numeric / (eind - ing + 1)),
  0::bigint,
  'overlap_share equals days inside / days in plain SQL');

-- verzilvering against sum/sum, NULLs sprinkled in both inputs
CREATE TABLE prop_vz AS
SELECT id, g,
       CASE WHEN id % 13 = 0 THEN NULL ELSE (abs(hashint4(id * 7 + 1)) % 100000) / 100.0 - 50 END AS claimed,
       CASE WHEN id % 11 = 0 THEN NULL ELSE (abs(hashint4(id * 7 + 2)) % 100000) / 100.0 END AS allocated
  FROM prop_alloc;
ANALYZE prop_vz;

SELECT results_eq(
  $$SELECT g, jeugdnorm.verzilvering(claimed, allocated) FROM prop_vz GROUP BY g ORDER BY g$$,
  $$SELECT g, sum(claimed) / NULLIF(sum(allocated), 0) FROM prop_vz GROUP BY g ORDER BY g$$,
  'verzilvering equals sum(claimed)/sum(allocated) per group');

-- ---------------------------------------------------------------------------
-- Forced parallel aggregation: Partial Aggregate in the plan means the
-- combine, serialise and deserialise functions really run.
-- ---------------------------------------------------------------------------
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL enable_indexscan = off;
-- debug_parallel_query (PostgreSQL 16+) was force_parallel_mode before
DO $$
BEGIN
  PERFORM set_config(name, 'on', true) FROM pg_settings
   WHERE name IN ('debug_parallel_query', 'force_parallel_mode');
END $$;

CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text; acc text := '';
BEGIN
  FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP acc := acc || r || E'\n'; END LOOP;
  RETURN acc;
END $$;

SELECT matches(pg_temp.plan_of('SELECT jeugdnorm.care_path(ing, eind, label) FROM prop_alloc'),
               'Partial Aggregate',
               'care_path over one group runs as Partial Aggregate + Finalize');
SELECT matches(pg_temp.plan_of('SELECT g, jeugdnorm.care_path(ing, eind, label) FROM prop_alloc GROUP BY g'),
               'Partial (Hash|Group)?Aggregate',
               'care_path GROUP BY runs as a partial aggregate');

SELECT is(
  (SELECT jeugdnorm.care_path(ing, eind, label) FROM prop_alloc),
  (SELECT jeugdnorm.care_path(ing, eind, label ORDER BY id) FROM prop_alloc),
  'care_path over one group: parallel (combined) result equals the serial one');

SELECT results_eq(
  $$SELECT g, p.path_no::bigint, p.start, p.einde, p.allocations::bigint, p.path, p.days
      FROM (SELECT g, jeugdnorm.care_path(ing, eind, label) AS a FROM prop_alloc GROUP BY g) x,
           unnest(x.a) p ORDER BY 1, 2$$,
  $$SELECT * FROM pg_temp.ref_paths(90) ORDER BY 1, 2$$,
  'care_path per group in parallel equals the plain-SQL formulation');

SELECT matches(pg_temp.plan_of('SELECT jeugdnorm.verzilvering(claimed, allocated) FROM prop_vz'),
               'Partial Aggregate',
               'verzilvering runs as Partial Aggregate + Finalize');
SELECT is(
  (SELECT jeugdnorm.verzilvering(claimed, allocated) FROM prop_vz),
  (SELECT sum(claimed) / NULLIF(sum(allocated), 0) FROM prop_vz),
  'verzilvering in parallel equals sum(claimed)/sum(allocated)');

SELECT * FROM finish();
ROLLBACK;
