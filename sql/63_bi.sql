-- BI layer (section 8): column_dictionary and the dimension views on the small
-- region plus the edge rows of client C.
\set VERBOSITY terse
SET datestyle = ISO;
CREATE EXTENSION jeugdnorm;
\o /dev/null
\i test/fixtures/small_region.sql
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

-- dim_product: '-1' onbekend; the aspecifiek product '45' (T11; category 45,
-- no code, not in the catalogue); the five catalogue codes with their
-- catalogue attributes (45A12, 45A30, 54001 from the fixture, 46B01 and 46B02
-- from the edge rows); 46Z99, which only appears as a claim line's own code
-- (lines 27/28, cost_overview classifies by it): category 46, no attributes.
SELECT * FROM jeugdnorm.dim_product;

-- dim_aanbieder: '-1' onbekend, R and M from jeugdnorm.aanbieder, and
-- 30000003 (X4), which is on an allocation but missing from the register.
SELECT * FROM jeugdnorm.dim_aanbieder;

-- dim_gemeente: '-1', 0758 and 0840 (T02).
SELECT * FROM jeugdnorm.dim_gemeente;

-- dim_datum: whole years from 2022 (T01 starts 2022-10-01, line 1, X4) to 2026
-- (X6 ends 2026-01-31): 365+365+366+365+365 = 1826 days, plus 1900-01-01.
SELECT min(datum) FILTER (WHERE datum > '1900-01-01') AS first_day, max(datum) AS last_day,
       count(*) AS rows, count(DISTINCT datum) AS keys,
       max(datum) - min(datum) FILTER (WHERE datum > '1900-01-01') + 1 AS span_days
  FROM jeugdnorm.dim_datum;
-- The onbekend member, New Year 2022 (a Saturday in ISO week 52 of 2021), a
-- leap day, the Monday 2024-12-30 (ISO week 1 of 2025) and the last day.
SELECT * FROM jeugdnorm.dim_datum
 WHERE datum IN ('1900-01-01', '2022-01-01', '2024-02-29', '2024-12-30', '2026-12-31');
-- Dutch month names, one per month.
SELECT month, month_name, count(*) AS days_2024 FROM jeugdnorm.dim_datum
 WHERE year = 2024 GROUP BY month, month_name ORDER BY month;

-- column_dictionary: one row per column of every plain view in schema
-- jeugdnorm; here the views of this extension that exist so far, with their
-- column counts equal to the catalogue's.
SELECT d.view_name, count(*) AS columns,
       count(*) = (SELECT count(*) FROM information_schema.columns c
                    WHERE c.table_schema = 'jeugdnorm' AND c.table_name = d.view_name) AS matches_catalogue,
       count(*) FILTER (WHERE d.description IS NULL) AS without_comment
  FROM jeugdnorm.column_dictionary d
 WHERE d.view_name IN ('follow_up_rates', 'realisation', 'cost_overview', 'column_dictionary',
                       'dim_product', 'dim_aanbieder', 'dim_gemeente', 'dim_datum')
 GROUP BY d.view_name ORDER BY d.view_name;
-- The rows of realisation, as a BI model loads them.
SELECT view_name, column_name, ordinal, data_type, description
  FROM jeugdnorm.column_dictionary WHERE view_name = 'realisation' ORDER BY ordinal;
-- A view added later shows up without any change to the dictionary.
CREATE VIEW jeugdnorm.zz_test_view AS SELECT 1::bigint AS n;
COMMENT ON COLUMN jeugdnorm.zz_test_view.n IS 'aantal: test column';
SELECT view_name, column_name, ordinal, data_type, description
  FROM jeugdnorm.column_dictionary WHERE view_name = 'zz_test_view';
DROP VIEW jeugdnorm.zz_test_view;

DROP EXTENSION jeugdnorm CASCADE;
