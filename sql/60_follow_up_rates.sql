-- follow_up_rates ([R8]) on the small region (test/fixtures/small_region.sql)
-- plus the edge rows of client C (below).  Every number is worked out by hand
-- in the comment above the query.
\set VERBOSITY terse
SET datestyle = ISO;
CREATE EXTENSION jeugdnorm;
\o /dev/null
\i test/fixtures/small_region.sql
\o
\o /dev/null
-- ---- edge rows of the money/BI tests (client C, born 2012-01-01, gemeente 0758) ----
-- Products added: 46B01 'Groepsbegeleiding' (Groep, meerwerk, inspanning, segment
-- 'Jeugdhulp groep', tarief 50 per uur) and 46B02 'Groepsbegeleiding licht' (Groep,
-- licht, inspanning, 'Jeugdhulp groep', tarief 40).  Provider P = '30000003' is NOT
-- in jeugdnorm.aanbieder.  Contracts: 0758/R/46B01 from 2024-01-01 (open),
-- 0758/M/46B02 2023-01-01..2023-12-31.
--   nr gem  cl prov product ingang      einde       vol eenh freq budget  purpose
--   X1 0758 C  R    46B01   2023-12-01  2024-01-31   3  04   2   -       claim spanning two years, split 31/62 + 31/62
--   X2 0758 C  M    46B02   2023-07-01  2024-06-30   -  -    -   3660    budget allocation (366 days, 10 euro/day)
--   X3 0758 C  R    54001   2024-02-01  NULL         1  82   6   -       open 'totaal': allocated NULL
--   X4 0758 C  P    46B01   2022-11-01  2023-02-28   8  04   4   -       provider missing from aanbieder; per maand
--   X5 0758 C  R    46B01   2025-05-01  2025-08-31   1  04   1   -       per dag; its claim runs past the peildatum
--   X6 0758 C  R    54001   2025-06-30  2026-01-31   1  82   6   -       starts on the peildatum, ends in 2026
-- Claim lines (declaratie_id 23..29):
--   id alloc period                   vol  eenh bedrag own code  purpose
--   23 X1   2023-12-01..2024-01-31    18   04    900  46B01     half in 2023, half in 2024; NGA (contract only from 2024-01-01)
--   24 X2   2023-07-01..2023-12-31  1500   83   1500  46B02     euro: the budget allocation's family
--   25 X2   2024-01-01..2024-06-30    10   04    500  46B02     hours: not the budget's family; NGA (contract ended)
--   26 X3   2024-02-01..2024-03-31     1   82   1200  54001
--   27 X4   2022-12-01..2023-01-31     8   04    400  46Z99     code not in the catalogue; 31/62 in 2023
--   28 X4   2023-02-01..2023-02-28    -4   04   -200  46Z99     credit of another period (not net-zero): segment NULL nets to 0
--   29 X5   2025-06-01..2025-07-31    61   04   3050  46B01     30 of 61 days up to the peildatum
INSERT INTO jeugdnorm.product (productcategorie, productcode, omschrijving, productgroep, variant,
                               financieringsvorm, segment, tarief) VALUES
    ('46', '46B01', 'Groepsbegeleiding',       'Groep', 'meerwerk', 'inspanning', 'Jeugdhulp groep', 50.00),
    ('46', '46B02', 'Groepsbegeleiding licht', 'Groep', 'licht',    'inspanning', 'Jeugdhulp groep', 40.00);
INSERT INTO jeugdnorm.contract (gemeente, aanbieder, productcode, geldig_van, geldig_tot) VALUES
    ('0758', '10000001', '46B01', '2024-01-01', NULL),
    ('0758', '20000002', '46B02', '2023-01-01', '2023-12-31');
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie, budget, reden_wijziging) VALUES
    ('0758', 'X1', 'C', '2012-01-01', '10000001', '46', '46B01', '2023-12-01', '2024-01-31',    3, '04', '2', NULL, NULL),
    ('0758', 'X2', 'C', '2012-01-01', '20000002', '46', '46B02', '2023-07-01', '2024-06-30', NULL, NULL, NULL, 3660, NULL),
    ('0758', 'X3', 'C', '2012-01-01', '10000001', '54', '54001', '2024-02-01', NULL,            1, '82', '6', NULL, NULL),
    ('0758', 'X4', 'C', '2012-01-01', '30000003', '46', '46B01', '2022-11-01', '2023-02-28',    8, '04', '4', NULL, NULL),
    ('0758', 'X5', 'C', '2012-01-01', '10000001', '46', '46B01', '2025-05-01', '2025-08-31',    1, '04', '1', NULL, NULL),
    ('0758', 'X6', 'C', '2012-01-01', '10000001', '54', '54001', '2025-06-30', '2026-01-31',    1, '82', '6', NULL, NULL);
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder,
                                  productcategorie, productcode, begindatum, einddatum,
                                  volume, eenheid, bedrag) VALUES
    ('0758', 'X1', 'C', '10000001', '46', '46B01', '2023-12-01', '2024-01-31',   18, '04',  900),
    ('0758', 'X2', 'C', '20000002', '46', '46B02', '2023-07-01', '2023-12-31', 1500, '83', 1500),
    ('0758', 'X2', 'C', '20000002', '46', '46B02', '2024-01-01', '2024-06-30',   10, '04',  500),
    ('0758', 'X3', 'C', '10000001', '54', '54001', '2024-02-01', '2024-03-31',    1, '82', 1200),
    ('0758', 'X4', 'C', '30000003', '46', '46Z99', '2022-12-01', '2023-01-31',    8, '04',  400),
    ('0758', 'X4', 'C', '30000003', '46', '46Z99', '2023-02-01', '2023-02-28',   -4, '04', -200),
    ('0758', 'X5', 'C', '10000001', '46', '46B01', '2025-06-01', '2025-07-31',   61, '04', 3050);
\o
\o /dev/null
SELECT * FROM jeugdnorm.refresh();
\o

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
