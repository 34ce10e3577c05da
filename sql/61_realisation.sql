-- realisation ([R10]) on the small region (test/fixtures/small_region.sql)
-- plus the edge rows of client C (test/fixtures/money_extras.sql).  Every
-- number is worked out by hand in the comment above the query.
\set VERBOSITY terse
SET datestyle = ISO;
CREATE EXTENSION jeugdnorm;
\i test/fixtures/money_extras.sql
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset

-- Year windows: 2023 [2023-01-01, 2023-12-31], 2024 whole year, 2025
-- [2025-01-01, 2025-06-30] (peildatum).  Allocated = allocated_volume x unit
-- factor (uur: 04 x1, 16 dagdeel x4, 01 minuut /60), per week = volume/7 a day,
-- per maand = volume x 12/365.25 a day, per dag = volume, totaal = volume /
-- allocation days.  Claims x overlap_share of their own period.  Lines 7+8
-- (net 0), 16 (T08, age 22), 21 (T12, '13'), 22 (T99, no allocation) never
-- count; line 1 (2022) lies before every year window.
--
-- 45 micro 2023: T11 aspecifiek, 120 min/week = 2 uur/week, 2023-09-01..12-31
--   = 122 days: 2 x 122/7 = 34.857143; no tarief (not in the catalogue):
--   allocated_amount NULL, verzilvering_amount NULL.  Line 20: 1800 min = 30
--   uur (same family uur), 450 euro.  30 / (244/7) = 210/244 = 0.860656.
-- 45A12 regulier 2023: T01 90 days (Jan-Mar) + T02 183 days + T07 184 days at 2
--   uur/week: 2 x (90+183+184)/7 = 914/7 = 130.571429; x 60 = 7834.285714 ->
--   7834.29.  Claims: line 2 24 uur 1440, line 3 50 uur 3000, lines 12/13/14
--   20-20+18 = 18 uur 1080 (a debit, its credit and a correction: all stay),
--   line 15 1320 min = 22 uur 1320: 114 uur, 6840.00.
--   114 / (914/7) = 798/914 = 0.873085; 6840 / 7834.285714 = 0.873085.
-- 45A12 regulier 2024: T03 184 days x 2/7 + T04 61 days x 1/7 = 429/7 = 61.285714;
--   x 60 = 3677.142857 -> 3677.14.  Lines 4 (16 uur, 960), 5 (30 uur, 1800),
--   6 (75 euro: other family, money only, 75), 9 (6 uur, 360): 52 uur, 3195.00.
--   52 / (429/7) = 364/429 = 0.848485; 3195 / 3677.142857 = 0.868881.
-- 45A30 micro 2023: T09 2 dagdelen/week = 8 uur/week x 184 days / 7 = 1472/7 =
--   210.285714; x 15 = 3154.285714 -> 3154.29.  Lines 17+18: 20+22 dagdelen =
--   168 uur, 1200+1320 = 2520.  168 / 210.285714 = 0.798913 (both).
-- 45A30 micro 2025: T13 92 days x 8/7 = 736/7 = 105.142857; x 15 = 1577.14; no
--   claims: claimed 0, verzilvering 0.
-- 46B01 regulier 2023 (X1, edge): 2023-12-01..12-31 = 31 days x 3/7 = 93/7 =
--   13.285714; x 50 = 664.285714 -> 664.29.  Line 23 (2023-12-01..2024-01-31,
--   62 days, 18 uur, 900) x 31/62: 9 uur, 450.  9 / (93/7) = 63/93 = 0.677419.
-- 46B01 regulier 2024: the other half: the same numbers.
-- 46B01 regulier 2025 (X5, per dag): 2025-05-01..06-30 = 61 days x 1 = 61;
--   x 50 = 3050.  Line 29 (2025-06-01..07-31, 61 days, 61 uur, 3050) x 30/61:
--   30 uur, 1500 (the part after the peildatum is clipped).  30/61 = 0.491803.
-- 46B01 NULL 2023 (X4, provider 30000003 missing from aanbieder): 8 uur per
--   maand over 2023-01-01..02-28 = 59 days: 8 x 59 x 12/365.25 = 5664/365.25 =
--   15.507187; x 50 = 775.359343 -> 775.36.  Line 27 (62 days, 8 uur, 400) x
--   31/62 = 4 uur, 200; line 28 (credit, -4 uur, -200) whole: 0 uur, 0.00.
--   Verzilvering 0 / 15.507187 = 0.
-- 46B02 micro 2023 (X2, budget 3660 over 366 days = 10 a day): 184 days ->
--   1840 euro, volume and amount.  Line 24: 1500 euro (unit 83, the budget's
--   family), 1500.  1500/1840 = 0.815217 (both).
-- 46B02 micro 2024: 182 days -> 1820.  Line 25: 10 uur, 500 euro: not euro,
--   so claimed volume 0, verzilvering_volume 0; 500/1820 = 0.274725.
-- 54001 regulier 2023: T10 and T06 (1 traject, totaal) lie inside 2023:
--   1 + 1 = 2; x 1200 = 2400.  Lines 11 and 19: 2, 2400.  1.000000 (both).
-- 54001 regulier 2024 (X3, open 'totaal'): nothing can be allocated: NULL,
--   NULL; line 26: 1, 1200; verzilvering NULL.
-- 54001 regulier 2025: T05 and X3 open 'totaal' (NULL); X6 (2025-06-30..
--   2026-01-31, 216 days) has 1 day in the window: 1/216 = 0.004630, x 1200 =
--   5.555556 -> 5.56.  Line 10: 1, 1200.  1 / (1/216) = 216.000000 (both): the
--   sums take what can be allocated.
-- No 45A12 2025 row, no 54001 2024 row of T-allocations: nothing overlaps.
SELECT * FROM jeugdnorm.realisation;

-- Grain unique; claimed_amount total = the pro-rated kept claims:
-- 2023 450+6840+2520+450+0+1500+2400 = 14160, 2024 3195+450+500+1200 = 5345,
-- 2025 0+1500+1200 = 2700: 22205.00.
SELECT count(*) AS rows, count(DISTINCT (product, aanbieder_type, year)) AS grains,
       sum(claimed_amount) AS claimed_amount
  FROM jeugdnorm.realisation;

-- window_start 2023-07-01 cuts the 2023 window: T01, T10 and X4 leave 2023
-- (they end before July), the others are cut to July-December:
--   45A12 regulier 2023: T02 92 days + T07 62 days at 2/7: 308/7 = 44.000000,
--     x 60 = 2640.00; claims: line 3 50 x 92/183 = 25.136612 uur, 3000 x 92/183 =
--     1508.196721; line 15 22 x 62/92 = 14.826087 uur, 1320 x 62/92 = 889.565217;
--     lines 12-14 (March-May) leave: 39.962699 uur, 2397.76 euro;
--     39.962699/44 = 0.908243; 2397.761938/2640 = 0.908243.
--   45 micro 2023, 46B01 regulier 2023, 46B02 micro 2023: start on/after
--     July: unchanged.
--   45A30 micro 2023: T09 2023-07-01..10-31 = 123 days x 8/7 = 984/7 = 140.571429,
--     x 15 = 2108.571429 -> 2108.57; line 17 (92 days) x 31/92: 80 x 31/92 =
--     26.956522 uur, 1200 x 31/92 = 404.347826; line 18 whole: 88 uur, 1320:
--     114.956522 uur, 1724.347826 -> 1724.35; 114.956522/140.571429 = 0.817780.
--   54001 regulier 2023: T06 (242 days) 92 days inside: 92/242 = 0.380165,
--     x 1200 = 456.198347 -> 456.20; line 11 has T06's period: the same;
--     verzilvering 1.
--   46B01 NULL 2023 (X4 and its lines end in February): no row.
UPDATE jeugdnorm.settings SET window_start = '2023-07-01';
\o /dev/null
SELECT * FROM jeugdnorm.refresh();
\o
SELECT * FROM jeugdnorm.realisation WHERE year = 2023;

DROP EXTENSION jeugdnorm CASCADE;
