-- view_money_claim_sums_agg.sql -- money_claim_sums_agg (src/pg/money_sums.c,
-- src/core/money_sums.c), the C aggregate behind mv_money_claim_sums, gives
-- exactly what the SQL formulation it replaced gave: the claim lines joined
-- to year_windows and grouped per year with ten aggregates (kept below as
-- pg_temp.old_sums for any set of lines, and as old_claim_sums over the kept
-- claim lines: mv_money_claim_sums' definition of commit 6098f8b).
-- Compared as row text (so numeric scales count), EXCEPT ALL both ways.
--   * hand fixtures: every number worked out in the comment above its test;
--   * the exact-sum fallback: bedrag of more than 18 digits, a scale above
--     38, sums that overflow 128 bits (numeric arithmetic for those terms);
--   * random lines with awkward dates (year ends, 29 February, lines across
--     two and more year windows, across window_start and the peildatum,
--     credit lines, NULL and 0 bedrag, scales 0-6) at six settings;
--   * mv_money_claim_sums on the demo region equals the old definition at
--     three settings.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(40);

-- ---- the old formulation over any lines -------------------------------------------------------
-- lines(grp, begindatum, einddatum, bedrag): the aggregates of
-- mv_money_claim_sums up to commit 6098f8b, with the group key grp
CREATE TEMP TABLE lines (grp int, begindatum date, einddatum date, bedrag numeric, volume numeric);
CREATE TEMP VIEW old_sums AS
SELECT c.grp,
       w.year,
       sum(c.bedrag * jeugdnorm.overlap_share(c.begindatum, c.einddatum, w.window_start, w.window_end))
           FILTER (WHERE w.year IS NOT NULL) AS cost,
       sum(c.bedrag * jeugdnorm.overlap_share(c.begindatum, c.einddatum, d.rest_prev_start, d.rest_prev_end))
           FILTER (WHERE w.year = d.peil_year - 1
                     AND d.rest_prev_start <= d.rest_prev_end
                     AND c.begindatum <= d.rest_prev_end
                     AND c.einddatum >= d.rest_prev_start) AS cost_prev_rest,
       count(*) AS claim_lines,
       count(*) FILTER (WHERE w.year IS NULL OR c.begindatum >= w.window_start
                          OR w.window_start = d.window_start) AS lines_once,
       sum(c.bedrag) FILTER (WHERE w.year IS NULL OR c.begindatum >= w.window_start
                               OR w.window_start = d.window_start) AS bedrag_once,
       min(c.begindatum) AS first_day,
       max(c.einddatum) AS last_day,
       range_agg(daterange(greatest(c.begindatum, d.window_start), least(c.einddatum, d.peildatum), '[]'))
           FILTER (WHERE w.year IS NOT NULL) AS days,
       sum(c.bedrag * jeugdnorm.overlap_share(c.begindatum, c.einddatum, d.w_start, d.w_end))
           FILTER (WHERE (c.begindatum >= w.window_start OR w.window_start = d.window_start)
                     AND c.begindatum <= d.w_end
                     AND c.einddatum >= d.w_start) AS claimed_w
  FROM lines c
 CROSS JOIN jeugdnorm_internal.forecast_dates d
  LEFT JOIN jeugdnorm_internal.year_windows w
         ON c.begindatum <= w.window_end
        AND c.einddatum >= w.window_start
 GROUP BY 1, 2;
CREATE TEMP VIEW new_sums AS
SELECT g.grp, s.*
  FROM (SELECT c.grp,
               jeugdnorm_internal.money_claim_sums_agg(c.begindatum, c.einddatum, c.bedrag,
                                                       d.window_start, d.peildatum,
                                                       d.rest_prev_start, d.rest_prev_end,
                                                       d.w_start, d.w_end) AS sums
          FROM lines c
         CROSS JOIN jeugdnorm_internal.forecast_dates d
         GROUP BY 1) g
 CROSS JOIN LATERAL unnest(g.sums) s;
CREATE FUNCTION pg_temp.diff() RETURNS bigint LANGUAGE sql AS $$
    SELECT (SELECT count(*) FROM (SELECT o::text FROM old_sums o EXCEPT ALL SELECT n::text FROM new_sums n) x)
         + (SELECT count(*) FROM (SELECT n::text FROM new_sums n EXCEPT ALL SELECT o::text FROM old_sums o) x)
$$;
-- the result of one group as text, for the hand fixtures
CREATE FUNCTION pg_temp.agg(ws date, pd date, rps date, rpe date, wst date, wen date) RETURNS text LANGUAGE sql AS $$
    SELECT jeugdnorm_internal.money_claim_sums_agg(begindatum, einddatum, bedrag, ws, pd, rps, rpe, wst, wen
                                                   ORDER BY begindatum, einddatum, bedrag)::text
      FROM lines
$$;

-- ---- hand fixtures ---------------------------------------------------------------------------
-- window 2021-01-01 .. 2025-06-30 (peildatum in the year: open year 2025),
-- R' 2024-07-01 .. 2024-12-31, W 2024-07-01 .. 2025-06-30.
-- Lines: 2024-01-01..01-31 10.5; 2024-12-15..2025-01-20 3 (37 days: 17 in
-- 2024, 20 in 2025); 2019-01-01..02-01 NULL (before the window: year NULL);
-- 2024-03-01..03-31 -2.25 (a credit).
-- 2024: cost 10.5 + 3 x 17/37 - 2.25; 17/37 to 20 digits (numeric division
--       of two integers: 16 significant digits at least, here 20 decimals)
--       0.45945945945945945946 (next digit 9: up), x 3 = 1.37837837837837837838,
--       cost 9.62837837837837837838 (scale 20); cost_prev_rest: only the
--       second line overlaps R' (17 of its days): 1.37837837837837837838;
--       3 lines, all first in 2024 (lines_once 3), bedrag_once 11.25,
--       first 2024-01-01, last 2025-01-20, days three ranges, claimed_w: the
--       second line lies inside W: 3 x 1 = 3 (scale 0).
-- 2025: cost 3 x 20/37 = 3 x 0.54054054054054054054 (next digit 0) =
--       1.62162162162162162162; R' is in 2024 only: NULL; 1 line, not first
--       here: lines_once 0, bedrag_once and claimed_w NULL.
-- NULL: the 2019 line: 1 line, once, bedrag NULL: bedrag_once NULL; no days.
INSERT INTO lines VALUES (1, '2024-01-01', '2024-01-31', 10.5), (1, '2024-12-15', '2025-01-20', 3),
                         (1, '2019-01-01', '2019-02-01', NULL), (1, '2024-03-01', '2024-03-31', -2.25);
SELECT is(pg_temp.agg('2021-01-01', '2025-06-30', '2024-07-01', '2024-12-31', '2024-07-01', '2025-06-30'),
          '{"(2024,9.62837837837837837838,1.37837837837837837838,3,3,11.25,2024-01-01,2025-01-20,\"{[2024-01-01,2024-02-01),[2024-03-01,2024-04-01),[2024-12-15,2025-01-21)}\",3)","(2025,1.62162162162162162162,,1,0,,2024-12-15,2025-01-20,\"{[2024-12-15,2025-01-21)}\",)","(,,,1,1,,2019-01-01,2019-02-01,,)"}',
          'hand fixture: two years, a line across the year end, a credit, a NULL bedrag before the window');

-- scales: 10.00 over 2023-12-31..2024-01-01 (2 days, one per year): share
-- 0.5 (scale 1), so 5.000 in each year (scale 2 + 1); 1.10 and 2 on
-- 2024-02-29 (a leap day, share 1, scale 0): 2024 cost 5.000 + 1.10 + 2 =
-- 8.100 (the largest scale, 3); bedrag_once 2024: 1.10 + 2 = 3.10 (the
-- year-end line is first in 2023); 2023: 5.000, bedrag_once 10.00.
-- Window 2023-01-01 .. 2024-12-31 (no open year), R' 2024-01-01 ..
-- 2023-12-31 (empty: no cost_prev_rest), W 2024-01-01 .. 2024-12-31: the
-- leap-day lines' 3.10 (share 1) in 2024; the year-end line is first in
-- 2023 and overlaps W by one of its two days: 5.000 on the 2023 row.
DELETE FROM lines;
INSERT INTO lines VALUES (1, '2023-12-31', '2024-01-01', 10.00), (1, '2024-02-29', '2024-02-29', 1.10),
                         (1, '2024-02-29', '2024-02-29', 2);
SELECT is(pg_temp.agg('2023-01-01', '2024-12-31', '2024-01-01', '2023-12-31', '2024-01-01', '2024-12-31'),
          '{"(2023,5.000,,1,1,10.00,2023-12-31,2024-01-01,\"{[2023-12-31,2024-01-02)}\",5.000)","(2024,8.100,,3,2,3.10,2023-12-31,2024-02-29,\"{[2023-12-31,2024-01-02),[2024-02-29,2024-03-01)}\",3.10)"}',
          'hand fixture: numeric scales of the sums are the largest of their terms (share 0.5, leap day)');

-- a third: 3 days, one inside the window 2024-01-01 .. 2024-01-01: share
-- 1/3 = 0.33333333333333333333 (20 decimals), x 3 = 0.99999999999999999999,
-- not 1; a bedrag of 0 still counts its scale: 0.000 x 1/3 = 0 at scale 23,
-- so the sum is 0.99999999999999999999000.  Window of one day: R'
-- 2023-01-02 .. 2023-12-31 (no 2023 window: NULL), W 2023-01-02 ..
-- 2024-01-01 (2 of the 3 days: 2/3 = 0.66666666666666666667, x 3 =
-- 2.00000000000000000001, scale 23 with the 0.000 line); both lines first
-- in 2024 (window_start's window): bedrag_once 3 + 0.000 = 3.000.
DELETE FROM lines;
INSERT INTO lines VALUES (1, '2023-12-31', '2024-01-02', 3), (2, '2023-12-31', '2024-01-02', 0.000);
SELECT is(pg_temp.agg('2024-01-01', '2024-01-01', '2023-01-02', '2023-12-31', '2023-01-02', '2024-01-01'),
          '{"(2024,0.99999999999999999999000,,2,2,3.000,2023-12-31,2024-01-02,\"{[2024-01-01,2024-01-02)}\",2.00000000000000000001000)"}',
          'hand fixture: a one-day window; share 1/3 rounded as numeric division rounds, a bedrag 0 keeps its scale');
UPDATE jeugdnorm.settings SET window_start = '2024-01-01', peildatum = '2024-01-01';
SELECT is(pg_temp.diff(), 0::bigint, 'the same rows as the SQL formulation (one-day window)');

-- the numeric fallback (the same one-day window): 10^30 (31 digits) x 1/3
-- = 333333333333333333330000000000.00000000000000000000, plus 1.5 (fast
-- path) x 1/3 = 0.499999999999999999995 (scale 21): the sum
-- 333333333333333333330000000000.499999999999999999995; in W (2/3 =
-- 0.66666666666666666667): 666666666666666666670000000000 +
-- 1.000000000000000000005; bedrag_once 10^30 + 1.5.
DELETE FROM lines;
INSERT INTO lines VALUES (1, '2023-12-31', '2024-01-02', 1e30), (1, '2023-12-31', '2024-01-02', 1.5);
SELECT is(pg_temp.agg('2024-01-01', '2024-01-01', '2023-01-02', '2023-12-31', '2023-01-02', '2024-01-01'),
          '{"(2024,333333333333333333330000000000.499999999999999999995,,2,2,1000000000000000000000000000001.5,2023-12-31,2024-01-02,\"{[2024-01-01,2024-01-02)}\",666666666666666666670000000001.000000000000000000005)"}',
          'hand fixture: a bedrag of 31 digits is summed as numeric, exactly, with the 128-bit part');
-- a scale above 38 (0.1 at scale 40) and a sum beyond 128 bits (twenty
-- lines of 18 nines x 1/3: each term ~3.3 x 10^37, the sum ~6.7 x 10^38)
DELETE FROM lines;
INSERT INTO lines SELECT 1, '2023-12-31', '2024-01-02', 999999999999999999 FROM generate_series(1, 20);
INSERT INTO lines SELECT 2, '2023-12-31', '2024-01-02', -999999999999999999 FROM generate_series(1, 20);
INSERT INTO lines VALUES (3, '2024-01-01', '2024-01-01', 0.1000000000000000000000000000000000000000),
                         (3, '2024-01-01', '2024-01-01', 7), (3, '2023-12-31', '2024-01-02', 0.1000000000000000000000000000000000000000);
SELECT is((SELECT cost::text FROM new_sums WHERE grp = 1),
          '6666666666666666659.93333333333333333340', 'sum beyond 128 bits: 20 x 999999999999999999 x 0.33333333333333333333');
SELECT is((SELECT cost::text FROM new_sums WHERE grp = 3),
          '7.133333333333333333333000000000000000000000000000000000000000',
          'scale above 38: 0.1 (scale 40) + 7 + 0.1 x 0.33333333333333333333 (scale 60): 7.133333333333333333333 at scale 60');
SELECT is(pg_temp.diff(), 0::bigint, 'the fallbacks give the same rows as the SQL formulation');

-- errors
SELECT throws_ok($$SELECT jeugdnorm_internal.money_claim_sums_agg(NULL::date, '2024-01-01', 1, '2024-01-01', '2024-12-31',
                                                                 '2023-01-01', '2023-12-31', '2024-01-01', '2024-12-31')$$,
                 '22004', NULL, 'a NULL begindatum: 22004');
SELECT throws_ok($$SELECT jeugdnorm_internal.money_claim_sums_agg('2024-02-01', '2024-01-01', 1, '2024-01-01', '2024-12-31',
                                                                 '2023-01-01', '2023-12-31', '2024-01-01', '2024-12-31')$$,
                 '22007', NULL, 'einddatum before begindatum: 22007, as overlap_share');
SELECT throws_ok($$SELECT jeugdnorm_internal.money_claim_sums_agg('2024-01-01', '2024-01-01', 1, '2024-12-31', '2024-01-01',
                                                                 '2023-01-01', '2023-12-31', '2024-01-01', '2024-12-31')$$,
                 '22023', NULL, 'window_start after peildatum: 22023, as overlap_share');
SELECT throws_ok($$SELECT jeugdnorm_internal.money_claim_sums_agg('2024-01-01', '2024-01-01', 1, ws, '2024-12-31',
                                                                 '2023-01-01', '2023-12-31', '2024-01-01', '2024-12-31')
                     FROM (VALUES (date '2024-01-01'), (date '2024-01-02')) v(ws)$$,
                 '22023', NULL, 'window dates that differ within a group: 22023');
SELECT is((SELECT jeugdnorm_internal.money_claim_sums_agg(b, b, 1, b, b, b, b, b, b) FROM (SELECT date '2024-01-01' WHERE false) v(b)),
          NULL, 'no rows: NULL');

-- ---- random lines with awkward dates ----------------------------------------------------------
-- 4,040 lines in 150 groups: starts around year ends, 29 February and
-- the window bounds, lengths of 1 day to 3 years; bedrag of scale 0-6,
-- credits, 0 and NULL.
DELETE FROM lines;
SELECT setseed(0.15);
INSERT INTO lines
SELECT (random() * 149)::int,
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
-- and 40 long lines (10 to 40 years: shares with more than 10,000 days
-- in the denominator, whose numeric division picks another scale)
INSERT INTO lines
SELECT (random() * 149)::int, b, b + 3650 + (random() * 10950)::int, round((random() * 100000)::numeric, 2)
  FROM (SELECT date '1995-01-01' + (random() * 9000)::int AS b FROM generate_series(1, 40)) x;
UPDATE jeugdnorm.settings SET window_start = '2021-01-01', peildatum = '2025-12-31';
SELECT is(pg_temp.diff(), 0::bigint, 'random lines, window 2021-01-01 .. 2025-12-31 (no open year)');
UPDATE jeugdnorm.settings SET window_start = '2021-01-01', peildatum = '2025-06-30';
SELECT is(pg_temp.diff(), 0::bigint, 'random lines, window 2021-01-01 .. 2025-06-30 (open year)');
UPDATE jeugdnorm.settings SET window_start = '2022-03-15', peildatum = '2024-02-29';
SELECT is(pg_temp.diff(), 0::bigint, 'random lines, window 2022-03-15 .. 2024-02-29 (peildatum on a leap day)');
UPDATE jeugdnorm.settings SET window_start = '2020-02-29', peildatum = '2025-02-28';
SELECT is(pg_temp.diff(), 0::bigint, 'random lines, window 2020-02-29 .. 2025-02-28 (R'' from 2024-02-29 + 1)');
UPDATE jeugdnorm.settings SET window_start = '2024-07-01', peildatum = '2024-07-01';
SELECT is(pg_temp.diff(), 0::bigint, 'random lines, a one-day window');
UPDATE jeugdnorm.settings SET window_start = '2019-12-31', peildatum = '2026-01-01';
SELECT is(pg_temp.diff(), 0::bigint, 'random lines, window 2019-12-31 .. 2026-01-01 (one-day first and last windows)');
SELECT cmp_ok((SELECT count(*) FROM new_sums WHERE year IS NULL), '>', 0::bigint, 'random lines: lines overlapping no window');
UPDATE jeugdnorm.settings SET window_start = '2021-01-01', peildatum = '2025-06-30';
SELECT cmp_ok((SELECT count(*) FROM (SELECT grp FROM lines l JOIN jeugdnorm_internal.year_windows w
                                         ON l.begindatum <= w.window_end AND l.einddatum >= w.window_start
                                      GROUP BY l.grp, l.begindatum, l.einddatum HAVING count(*) >= 3) x),
              '>', 0::bigint, 'random lines: lines across three or more year windows');
SELECT cmp_ok((SELECT count(*) FROM new_sums WHERE cost_prev_rest IS NOT NULL), '>', 0::bigint,
              'random lines: cost in R''');
SELECT cmp_ok((SELECT count(*) FROM new_sums WHERE claimed_w IS NOT NULL AND lines_once < claim_lines), '>', 0::bigint,
              'random lines: claimed in W on rows with lines counted in an earlier window');
SELECT cmp_ok((SELECT count(DISTINCT scale(cost)) FROM new_sums), '>', 3::bigint,
              'random lines: sums of several numeric scales');

-- ---- the ten-argument form (volume_once) -----------------------------------------------------
-- The same sums as the nine-argument form, and on the first element the
-- sum of the volumes as sum(numeric) gives it (value and scale), NULL on
-- the others: random volumes of scales 0 to 20 (those of scale 20 over 18
-- digits: the numeric fallback), 0.000, NULLs, and one group of NULLs
-- only; by group, so that the sums' largest scales differ.
UPDATE lines SET volume = CASE WHEN random() < 0.15 THEN NULL
                               WHEN grp % 4 = 0 THEN round((random() * 40)::numeric)
                               WHEN grp % 4 = 1 THEN -round((random() * 40)::numeric, (random() * 3)::int)
                               WHEN grp % 4 = 2 THEN CASE WHEN random() < 0.5 THEN 0.000
                                                          ELSE round((random() * 40)::numeric / 3, 16) END
                               ELSE round((random() * 40)::numeric / 7, 20) END;
UPDATE lines SET volume = NULL WHERE grp = (SELECT min(grp) FROM lines);
CREATE TEMP VIEW new_sums_v AS
SELECT g.grp, s.*
  FROM (SELECT c.grp,
               jeugdnorm_internal.money_claim_sums_agg(c.begindatum, c.einddatum, c.bedrag,
                                                       d.window_start, d.peildatum,
                                                       d.rest_prev_start, d.rest_prev_end,
                                                       d.w_start, d.w_end, c.volume) AS sums
          FROM lines c
         CROSS JOIN jeugdnorm_internal.forecast_dates d
         GROUP BY 1) g
 CROSS JOIN LATERAL unnest(g.sums) WITH ORDINALITY s;
CREATE FUNCTION pg_temp.diff_v() RETURNS bigint LANGUAGE sql AS $$
    WITH v AS (SELECT grp, year, cost, cost_prev_rest, claim_lines, lines_once, bedrag_once,
                      first_day, last_day, days, claimed_w FROM new_sums_v)
    SELECT (SELECT count(*) FROM (SELECT v::text FROM v EXCEPT ALL SELECT n::text FROM new_sums n) x)
         + (SELECT count(*) FROM (SELECT n::text FROM new_sums n EXCEPT ALL SELECT v::text FROM v) x)
         + (SELECT count(*) FROM new_sums_v v
             WHERE v.volume_once::text IS DISTINCT FROM
                   CASE WHEN v.ordinality = 1 THEN (SELECT sum(l.volume) FROM lines l WHERE l.grp = v.grp)::text END)
$$;
UPDATE jeugdnorm.settings SET window_start = '2021-01-01', peildatum = '2025-06-30';
SELECT is(pg_temp.diff_v(), 0::bigint, 'ten-argument form, random lines, window 2021-01-01 .. 2025-06-30: the same sums, volume_once = sum(volume) on the first element');
UPDATE jeugdnorm.settings SET window_start = '2022-03-15', peildatum = '2024-02-29';
SELECT is(pg_temp.diff_v(), 0::bigint, 'ten-argument form, random lines, window 2022-03-15 .. 2024-02-29');
SELECT cmp_ok((SELECT count(DISTINCT scale(volume_once)) FROM new_sums_v), '>', 3::bigint,
              'ten-argument form: volume sums of several scales');
SELECT cmp_ok((SELECT count(*) FROM new_sums_v WHERE ordinality = 1 AND volume_once IS NULL), '>', 0::bigint,
              'ten-argument form: a group without volumes (volume_once NULL)');
SELECT is((SELECT jeugdnorm_internal.money_claim_sums_agg(b, e, 1, '2024-01-01', '2024-12-31', '2023-01-01', '2023-12-31',
                                                          '2024-01-01', '2024-12-31', v ORDER BY b)::text
             FROM (VALUES (date '2023-06-01', date '2023-06-30', 1.5), ('2024-01-01', '2024-01-31', 0.25),
                          ('2024-02-01', '2024-02-29', 1234567890123456789012.5), ('2024-03-01', '2024-03-31', NULL))
                  x(b, e, v)),
          '{"(2024,3,,3,3,3,2024-01-01,2024-03-31,\"{[2024-01-01,2024-04-01)}\",3,1234567890123456789014.25)",'
          '"(,,,1,1,1,2023-06-01,2023-06-30,,,)"}',
          'ten-argument form by hand: volume_once 1.5 + 0.25 + 1234567890123456789012.5 (numeric fallback) on the first element only');
SELECT is((SELECT jeugdnorm_internal.money_claim_sums_agg(b, b, 1, b, b, b, b, b, b, 1) FROM (SELECT date '2024-01-01' WHERE false) v(b)),
          NULL, 'ten-argument form: NULL for no rows');

-- ---- mv_money_claim_sums on the demo region --------------------------------------------------
\o /dev/null
\i test/fixtures/demo_small.sql
\o
-- mv_money_claim_sums without volume_once (a column added after it, for
-- mv_care_paths: test/view_care_path_claims.sql checks it)
CREATE TEMP VIEW cur_claim_sums AS
SELECT client_id, gemeente, toewijzingnummer, aanbieder, claim_productcategorie, claim_productcode, nga, year,
       cost, cost_prev_rest, claim_lines, lines_once, bedrag_once, first_day, last_day, days, claimed_w, refresh_null
  FROM jeugdnorm_internal.mv_money_claim_sums;
-- mv_money_claim_sums' definition of commit 6098f8b
CREATE TEMP VIEW old_claim_sums AS
SELECT c.client_id, c.gemeente, c.toewijzingnummer, c.aanbieder, c.claim_productcategorie, c.claim_productcode, c.nga,
       w.year,
       sum(c.bedrag * jeugdnorm.overlap_share(c.begindatum, c.einddatum, w.window_start, w.window_end))
           FILTER (WHERE w.year IS NOT NULL) AS cost,
       sum(c.bedrag * jeugdnorm.overlap_share(c.begindatum, c.einddatum, d.rest_prev_start, d.rest_prev_end))
           FILTER (WHERE w.year = d.peil_year - 1
                     AND d.rest_prev_start <= d.rest_prev_end
                     AND c.begindatum <= d.rest_prev_end
                     AND c.einddatum >= d.rest_prev_start) AS cost_prev_rest,
       count(*) AS claim_lines,
       count(*) FILTER (WHERE w.year IS NULL OR c.begindatum >= w.window_start
                          OR w.window_start = d.window_start) AS lines_once,
       sum(c.bedrag) FILTER (WHERE w.year IS NULL OR c.begindatum >= w.window_start
                               OR w.window_start = d.window_start) AS bedrag_once,
       min(c.begindatum) AS first_day,
       max(c.einddatum) AS last_day,
       range_agg(daterange(greatest(c.begindatum, d.window_start), least(c.einddatum, d.peildatum), '[]'))
           FILTER (WHERE w.year IS NOT NULL) AS days,
       sum(c.bedrag * jeugdnorm.overlap_share(c.begindatum, c.einddatum, d.w_start, d.w_end))
           FILTER (WHERE (c.begindatum >= w.window_start OR w.window_start = d.window_start)
                     AND c.begindatum <= d.w_end
                     AND c.einddatum >= d.w_start) AS claimed_w,
       NULL::boolean AS refresh_null
  FROM (SELECT l.gemeente, l.toewijzingnummer, a.aanbieder, a.client_id,
               l.productcategorie AS claim_productcategorie, l.productcode AS claim_productcode,
               NOT coalesce(l.begindatum OPERATOR(pg_catalog.<@) ANY (k.valid), false) AS nga,
               l.begindatum, l.einddatum, l.bedrag
          FROM jeugdnorm_internal.claim_lines l
          JOIN jeugdnorm_internal.mv_path_allocations a
            ON a.gemeente = l.gemeente AND a.toewijzingnummer = l.toewijzingnummer
          LEFT JOIN jeugdnorm_internal.contract_validity k
                 ON k.gemeente = l.gemeente AND k.aanbieder = a.aanbieder AND k.productcode = l.productcode) c
 CROSS JOIN jeugdnorm_internal.forecast_dates d
  LEFT JOIN jeugdnorm_internal.year_windows w
         ON c.begindatum <= w.window_end
        AND c.einddatum >= w.window_start
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
CREATE FUNCTION pg_temp.demo_diff() RETURNS bigint LANGUAGE sql AS $$
    SELECT (SELECT count(*) FROM (SELECT o::text FROM old_claim_sums o
                                  EXCEPT ALL SELECT n::text FROM cur_claim_sums n) x)
         + (SELECT count(*) FROM (SELECT n::text FROM cur_claim_sums n
                                  EXCEPT ALL SELECT o::text FROM old_claim_sums o) x)
$$;
-- a credit line across a year end and a line across window_start
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  begindatum, einddatum, volume, eenheid, bedrag)
SELECT t.gemeente, t.toewijzingnummer, t.client_id, t.aanbieder, t.productcategorie, t.productcode,
       b.b, b.e, 1, t.eenheid, b.bedrag
  FROM (SELECT * FROM jeugdnorm.toewijzing t
         WHERE t.client_id IS NOT NULL AND t.productcode IS NOT NULL AND t.reden_wijziging IS DISTINCT FROM '13'
         ORDER BY t.gemeente, t.toewijzingnummer LIMIT 3) t
 CROSS JOIN (VALUES (date '2023-11-16', date '2024-02-14', -45.125), (date '2021-12-20', date '2022-04-02', 310.3)) b(b, e, bedrag);
\o /dev/null
SELECT * FROM jeugdnorm.refresh(full => true);
\o
SELECT cmp_ok((SELECT count(*) FROM jeugdnorm_internal.mv_money_claim_sums), '>', 1000::bigint, 'demo region: mv_money_claim_sums has rows');
SELECT is(pg_temp.demo_diff(), 0::bigint, 'demo region, the demo''s settings: mv_money_claim_sums = the old definition');
UPDATE jeugdnorm.settings SET window_start = date '2022-03-15', peildatum = date '2025-07-31';
\o /dev/null
SELECT * FROM jeugdnorm.refresh(full => true);
\o
SELECT is(pg_temp.demo_diff(), 0::bigint, 'demo region, window 2022-03-15 .. 2025-07-31: the same');
SELECT cmp_ok((SELECT count(*) FROM jeugdnorm_internal.mv_money_claim_sums WHERE year IS NULL), '>', 0::bigint,
              'demo region, window 2022-03-15 .. 2025-07-31: rows of lines overlapping no window');
SELECT cmp_ok((SELECT count(*) FROM jeugdnorm_internal.mv_money_claim_sums WHERE lines_once < claim_lines), '>', 0::bigint,
              'demo region, window 2022-03-15 .. 2025-07-31: rows of lines first counted in an earlier window');
UPDATE jeugdnorm.settings SET window_start = date '2021-01-01', peildatum = date '2024-02-29';
\o /dev/null
SELECT * FROM jeugdnorm.refresh(full => true);
\o
SELECT is(pg_temp.demo_diff(), 0::bigint, 'demo region, peildatum 2024-02-29: the same');
SELECT cmp_ok((SELECT count(*) FROM jeugdnorm_internal.mv_money_claim_sums WHERE cost_prev_rest IS NOT NULL), '>', 0::bigint,
              'demo region, peildatum 2024-02-29: cost in R''');
-- an incremental refresh gives the same rows as a full recompute
UPDATE jeugdnorm.declaratie d SET bedrag = d.bedrag + 0.005
 WHERE d.client_id IN (SELECT DISTINCT client_id FROM jeugdnorm.declaratie WHERE client_id IS NOT NULL ORDER BY 1 LIMIT 5);
\o /dev/null
SELECT * FROM jeugdnorm.refresh();
\o
SELECT is(pg_temp.demo_diff(), 0::bigint, 'demo region, after an incremental refresh: the same');
SELECT is((SELECT count(*) FROM (SELECT t::text FROM jeugdnorm_internal.mv_money_claim_sums t
                                 EXCEPT ALL SELECT f::text FROM jeugdnorm_internal.mv_money_claim_sums_full f) x)
          + (SELECT count(*) FROM (SELECT f::text FROM jeugdnorm_internal.mv_money_claim_sums_full f
                                   EXCEPT ALL SELECT t::text FROM jeugdnorm_internal.mv_money_claim_sums t) x),
          0::bigint, 'demo region, after an incremental refresh: the table equals mv_money_claim_sums_full');
SELECT cmp_ok((SELECT count(*) FROM jeugdnorm_internal.mv_money_claim_sums WHERE scale(bedrag_once) = 3), '>', 0::bigint,
              'demo region: the changed lines'' scale shows');

SELECT * FROM finish();
ROLLBACK;
