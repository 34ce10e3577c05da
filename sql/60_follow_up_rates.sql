-- follow_up_rates ([R8]) on the small region (test/fixtures/small_region.sql)
-- plus the edge rows of client C (test/fixtures/money_extras.sql).  Every
-- number is worked out by hand in the comment above the query.
\set VERBOSITY terse
SET datestyle = ISO;
CREATE EXTENSION jeugdnorm;
\i test/fixtures/money_extras.sql
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset

-- Window [2023-01-01, 2025-06-30]: allocations whose ingangsdatum lies inside
-- it, classified over the whole history of (client_id, product) ([R2]).
-- T01 (2022-10-01), X4 (2022-11-01) start before the window: not counted,
-- but they are the history of T02 and X1.  T08 (age 22) and T12 ('13') are
-- not kept at all.
--   inspanning 45A12 2023: T02 verlenging (gap 1 after T01), T07 eerste (B)
--                          -> 2 allocations, 1 verlenging, 0 recidive: 1/2 = 0.500000, 0
--   inspanning 45A12 2024: T03 recidive (gap 153 after T02), T04 verlenging
--                          (nested in T03, gap -122) -> 2, 1, 1: 0.500000, 0.500000
--   inspanning 45A30 2023: T09 eerste -> 1, 0, 0
--   inspanning 45A30 2025: T13 nieuw (gap 487 after T09) -> 1, 0, 0
--   inspanning 46B01 2023: X1 recidive (gap 2023-12-01 - 2023-02-28 = 276 after X4,
--                          which starts before the window) -> 1, 0, 1: 0, 1.000000
--   inspanning 46B01 2025: X5 nieuw (gap 2025-05-01 - 2024-01-31 = 456) -> 1, 0, 0
--   inspanning 46B02 2023: X2 eerste (budget allocation) -> 1, 0, 0
--   traject    54001 2023: T10 eerste (A), T06 eerste (B) -> 2, 0, 0
--   traject    54001 2024: X3 eerste (C) -> 1, 0, 0
--   traject    54001 2025: T05 nieuw (gap 565 after T10); X6 starts on the
--                          peildatum (inside) after the open X3: verlenging
--                          -> 2, 1, 0: 0.500000, 0
--   NULL       45    2023: T11 aspecifiek (not in the catalogue: financieringsvorm
--                          NULL, sorted last) eerste -> 1, 0, 0
SELECT * FROM jeugdnorm.follow_up_rates;

-- Grain (financieringsvorm, product, year) is unique; the counts add up:
-- 2+2+1+1+1+1+1+2+1+2+1 = 15 kept allocations starting inside the window
-- (the 17 kept allocations minus T01 and X4).
SELECT count(*) AS rows, count(DISTINCT (financieringsvorm, product, year)) AS grains,
       sum(allocations) AS allocations,
       sum(eerste + verlengingen + recidives + nieuw) AS classified
  FROM jeugdnorm.follow_up_rates;

-- Settings drive it (after a refresh): window_start 2024-01-01 drops the 2023
-- rows; extension_days 200 turns T03 (gap 153) into a verlenging, the other
-- gaps (276 is not counted now, 456, 487, 565) stay above 200:
--   inspanning 45A12 2024: T03 verlenging, T04 verlenging -> 2, 2, 0: 1.000000, 0
--   inspanning 45A30 2025: T13 nieuw -> 1, 0, 0
--   inspanning 46B01 2025: X5 nieuw -> 1, 0, 0
--   traject    54001 2024: X3 eerste -> 1, 0, 0
--   traject    54001 2025: T05 nieuw, X6 verlenging -> 2, 1, 0: 0.500000, 0
UPDATE jeugdnorm.settings SET window_start = '2024-01-01', extension_days = 200;
\o /dev/null
SELECT * FROM jeugdnorm.refresh();
\o
SELECT * FROM jeugdnorm.follow_up_rates;

DROP EXTENSION jeugdnorm CASCADE;
