-- cost_overview ([R11]) on the small region (test/fixtures/small_region.sql)
-- plus the edge rows of client C (test/fixtures/money_extras.sql).  Every
-- number is worked out by hand in the comment above the query.
\set VERBOSITY terse
SET datestyle = ISO;
CREATE EXTENSION jeugdnorm;
\i test/fixtures/money_extras.sql
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset

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
