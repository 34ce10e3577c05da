-- BI layer (section 8): column_dictionary and the dimension views on the small
-- region plus the edge rows of client C (test/fixtures/money_extras.sql).
\set VERBOSITY terse
SET datestyle = ISO;
CREATE EXTENSION jeugdnorm;
\i test/fixtures/money_extras.sql
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset

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
