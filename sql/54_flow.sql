-- flow (section 3 Flow, [R7]) on the small region plus edge cases of its own.
-- Quarters lying entirely inside [2023-01-01, 2025-06-30]: 2023Q1 .. 2025Q2 (10).
-- in_care_start = start < p_start and (einde >= p_start or open)
-- instroom      = p_start <= start <= p_end
-- uitstroom     = p_start <= einde <= p_end
-- in_care_end   = start <= p_end and (einde > p_end or open)
\set VERBOSITY terse
SET datestyle = 'ISO, YMD';
CREATE EXTENSION jeugdnorm;
\set QUIET 1
\i test/fixtures/small_region.sql
-- Edge cases in productgroep 'Test' (46X01, variant licht), own clients E1..E4, and
-- productgroep 'Oud' (46X09) whose only path lies before the window (client E5):
--   E1  2023-04-01..2023-06-30   starts on p_start and ends on p_end of 2023Q2
--   E2  2023-03-31..2023-07-01   starts on the last day of 2023Q1, ends on the first day of 2023Q3
--   E3  2023-06-30..2023-06-30   one day, the last day of 2023Q2
--   E4  2024-12-31..open         starts on the last day of 2024Q4, still open
--   E5  2021-01-01..2021-12-31   'Oud': a productgroep with a path, but none in any quarter: zeros kept
INSERT INTO jeugdnorm.product (productcategorie, productcode, omschrijving, productgroep, variant,
                               financieringsvorm, segment, tarief) VALUES
    ('46', '46X01', 'Test licht', 'Test', 'licht', 'inspanning', 'Test', 60),
    ('46', '46X09', 'Oud product', 'Oud', NULL, 'inspanning', 'Test', 60);
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie) VALUES
    ('0758', 'E1a', 'E1', NULL, '10000001', '46', '46X01', '2023-04-01', '2023-06-30', 2, '04', '2'),
    ('0758', 'E2a', 'E2', NULL, '10000001', '46', '46X01', '2023-03-31', '2023-07-01', 2, '04', '2'),
    ('0758', 'E3a', 'E3', NULL, '10000001', '46', '46X01', '2023-06-30', '2023-06-30', 2, '04', '2'),
    ('0758', 'E4a', 'E4', NULL, '10000001', '46', '46X01', '2024-12-31', NULL,         2, '04', '2'),
    ('0758', 'E5a', 'E5', NULL, '10000001', '46', '46X09', '2021-01-01', '2021-12-31', 2, '04', '2');
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset
\unset QUIET

-- Fixture paths per (client_id, productgroep) (see sql/53_top_paths.sql):
--   Ambulant: A1 2022-10-01..2023-10-31, A2 2024-03-01..2024-08-31, A3 2025-03-01..2025-05-31,
--             B  2023-03-01..2023-08-31
--   GGZ:      A1 2023-01-10..2023-06-30, A2 2025-01-15..open, B 2023-02-01..2023-09-30
--   NULL:     B  2023-09-01..2023-12-31 (aspecifiek 45)
--                 start  in  uit  end
-- Ambulant 2023Q1   1     1   0    2    A1 in care; B starts 03-01
--          2023Q2   2     0   0    2
--          2023Q3   2     0   1    1    B ends 08-31
--          2023Q4   1     0   1    0    A1 ends 10-31
--          2024Q1   0     1   0    1    A2 starts 03-01
--          2024Q2   1     0   0    1
--          2024Q3   1     0   1    0    A2 ends 08-31
--          2024Q4   0     0   0    0
--          2025Q1   0     1   0    1    A3 starts 03-01
--          2025Q2   1     0   1    0    A3 ends 05-31
-- GGZ      2023Q1   0     2   0    2    A1 01-10, B 02-01
--          2023Q2   2     0   1    1    A1 ends 06-30
--          2023Q3   1     0   1    0    B ends 09-30
--          2023Q4 .. 2024Q4 all 0
--          2025Q1   0     1   0    1    A2 starts 01-15, open
--          2025Q2   1     0   0    1
-- Oud      every quarter 0 (its path ended in 2021)
-- Test     2023Q1   0     1   0    1    E2 starts 03-31
--          2023Q2   1     2   2    1    E1 and E3 start and end inside; E2 goes on
--          2023Q3   1     0   1    0    E2 ends 07-01
--          2023Q4 .. 2024Q3 all 0
--          2024Q4   0     1   0    1    E4 starts 12-31
--          2025Q1   1     0   0    1
--          2025Q2   1     0   0    1
-- NULL     2023Q3   0     1   0    1    B starts 09-01
--          2023Q4   1     0   1    0    B ends 12-31
--          other quarters 0
-- Every row: in_care_start + instroom - uitstroom = in_care_end.
SELECT * FROM jeugdnorm.flow ORDER BY productgroep, period_start;

-- The view's own order: productgroep (NULL last), period_start.
SELECT array_agg(coalesce(productgroep, '~') || '/' || period_start) = array_agg(coalesce(productgroep, '~') || '/' || period_start ORDER BY productgroep, period_start) AS ordered
  FROM jeugdnorm.flow;

-- Quarters must lie entirely inside the window: with window 2023-02-15 .. 2025-06-29
-- the first whole quarter is 2023Q2 and the last 2025Q1 (2025Q2 ends 06-30 > 06-29).
-- Test then: 2023Q2 1 2 2 1 ... 2025Q1 1 0 0 1 (counts per quarter unchanged).
UPDATE jeugdnorm.settings SET window_start = '2023-02-15', peildatum = '2025-06-29';
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset
SELECT * FROM jeugdnorm.flow WHERE productgroep = 'Test' ORDER BY period_start;

-- A window with no whole quarter: no rows.
UPDATE jeugdnorm.settings SET window_start = '2024-01-02', peildatum = '2024-03-31';
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset
SELECT count(*) AS flow_rows FROM jeugdnorm.flow;

SELECT column_name, data_type, numeric_precision, numeric_scale
  FROM information_schema.columns
 WHERE table_schema = 'jeugdnorm' AND table_name = 'flow'
 ORDER BY ordinal_position;
SELECT a.attname, col_description(a.attrelid, a.attnum)
  FROM pg_attribute a
 WHERE a.attrelid = 'jeugdnorm.flow'::regclass AND a.attnum > 0
 ORDER BY a.attnum;

DROP EXTENSION jeugdnorm CASCADE;
