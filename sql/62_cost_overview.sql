-- cost_overview ([R11]) on the small region (test/fixtures/small_region.sql)
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
SELECT * FROM jeugdnorm.refresh();
\o

-- Segment and variant by the claim line's OWN code; NGA = no contract for
-- (claim gemeente, allocation aanbieder, claim productcode) valid on the
-- claim's begindatum.  Contracts: 0758/R/45A12, 0758/R/54001 (2020-, open),
-- 0758/M/45A30 (2023), edge: 0758/R/46B01 (2024-01-01-), 0758/M/46B02 (2023).
-- Year windows as in realisation; kept lines pro rata by days.
--
-- Jeugdhulp ambulant 2023 (codes 45A12, 45A30):
--   line 2 1440, line 3 3000, lines 12/13/14 1200-1200+1080 = 1080, line 15 1320,
--   lines 17+18 1200+1320 = 2520, line 20 450 (T11 is aspecifiek, the line
--   carries 45A30): 1440+3000+1080+1320+2520+450 = 9810.00.
--   NGA: line 3 only (gemeente 0840 has no contract): 3000.00, 3000/9810 =
--   0.305810.  Line 20: T11's provider M has 0758/M/45A30 valid on 2023-09-01.
--   maatwerk (45A30): 2520+450 = 2970.00, 2970/9810 = 0.302752.
--   clients A (lines 2, 3, 17, 18) and B (12-15, 20): 2; lines 2,3,12,13,14,15,
--   17,18,20: 9, NGA 1.
-- Jeugdhulp ambulant 2024: lines 4 960, 5 1800, 6 75, 9 360 = 3195.00, all
--   0758/R/45A12: NGA 0; 45A12 is 'midden': maatwerk 0; client A; 4 lines.
-- Jeugdhulp groep 2023 (edge, 46B01 meerwerk, 46B02 licht):
--   line 23 900 x 31/62 = 450 (46B01, begins 2023-12-01, before R's contract
--   from 2024-01-01: NGA), line 24 1500 (46B02, M's contract valid on
--   2023-07-01): 1950.00; NGA 450.00, 450/1950 = 0.230769; meerwerk 450.00,
--   0.230769; client C; 2 lines, 1 NGA.
-- Jeugdhulp groep 2024: line 23's other half 450 (still NGA: the begindatum
--   counts), line 25 500 (46B02, begins 2024-01-01, M's contract ended
--   2023-12-31: NGA): 950.00; NGA 950.00, 1.000000; meerwerk 450.00,
--   450/950 = 0.473684; client C; 2 lines, 2 NGA.
-- Jeugdhulp groep 2025: line 29 3050 x 30/61 = 1500.00 (0758/R/46B01 valid on
--   2025-06-01): NGA 0; meerwerk 1500.00, 1.000000; client C; 1 line.
-- Specialistische GGZ 2023: lines 11 + 19 = 2400.00, clients B and A: 2.
-- Specialistische GGZ 2024: line 26 (X3) 1200.00, client C.
-- Specialistische GGZ 2025: line 10 (T05) 1200.00, client A.
-- NULL segment 2023 (46Z99 is not in the catalogue): line 27 400 x 31/62 = 200,
--   line 28 -200: cost 0.00, NGA 200-200 = 0.00 (no contract for 46Z99), the
--   shares NULL (cost 0); maatwerk 0.00; client C; 2 lines, both NGA.
SELECT * FROM jeugdnorm.cost_overview;

-- Grain unique; cost total 9810+3195+1950+950+1500+2400+1200+1200+0 = 22205.00,
-- the same as realisation's claimed_amount (both count every kept line pro rata).
SELECT count(*) AS rows, count(DISTINCT (segment, year)) AS grains, sum(cost) AS cost,
       (SELECT sum(claimed_amount) FROM jeugdnorm.realisation) AS realisation_claimed
  FROM jeugdnorm.cost_overview;

-- A contract valid on line 3's begindatum (2023-04-01) for gemeente 0840 takes
-- it out of NGA: Jeugdhulp ambulant 2023 cost_nga 0.00, share 0.000000.
-- A contract that starts the day after (2023-04-02) does not.
INSERT INTO jeugdnorm.contract (gemeente, aanbieder, productcode, geldig_van, geldig_tot)
VALUES ('0840', '10000001', '45A12', '2023-04-02', NULL);
SELECT segment, year, cost_nga, share_nga FROM jeugdnorm.cost_overview
 WHERE segment = 'Jeugdhulp ambulant' AND year = 2023;
UPDATE jeugdnorm.contract SET geldig_van = '2023-04-01'
 WHERE gemeente = '0840';
SELECT segment, year, cost_nga, share_nga FROM jeugdnorm.cost_overview
 WHERE segment = 'Jeugdhulp ambulant' AND year = 2023;

DROP EXTENSION jeugdnorm CASCADE;
