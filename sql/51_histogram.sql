-- product_histogram ([R5]) on the small region plus edge cases of its own.
-- The paths and their values are those of sql/50_spread.sql (see there).
\set VERBOSITY terse
SET datestyle = 'ISO, YMD';
CREATE EXTENSION jeugdnorm;
\set QUIET 1
\set ECHO none
\i test/fixtures/small_region.sql
\set ECHO all
-- Edge cases of this file, added after the fixture (own clients C1..C10, own
-- products 46X01..46X03 in productgroep 'Test'; nothing of the fixture changes).
-- Each client has one allocation (frequentie '6', totaal) and at most one claim
-- line covering it exactly, so days_levering = allocation days.
--   client prov product eenheid allocation / claim period      days  months (= days / 30.4375)  claimed volume
--   C1     R    46X01   04      2023-01-01 .. 2023-01-30         30   0.985626 (bin '1')         10 uur
--   C2     R    46X01   04      2023-01-01 .. 2023-01-31         31   1.018480 (bin '2')         20 uur
--   C3     M    46X01   04      2023-01-01 .. 2024-05-01        487  16 exactly (bin '16')      40 uur
--   C4     M    46X01   04      2023-01-01 .. 2024-12-31        731  24.016427 (bin '>24')      45 uur
--   C5     M    46X01   04      2023-01-01 .. 2023-12-31         --  no claim: volume, months, frequentie NULL
--   C7     R    46X02   04      2023-02-01 .. 2023-03-31         --  no claim: the product's only path
--   C8     R    46X03   04      2023-01-01 .. 2024-12-30        730  23.983573 (bin '24')       10 uur (exactly 10: bin '[10,20)')
--   C9     R    46X03   04      2023-01-01 .. 2023-01-01          1   0.032854 (bin '1')         -3 uur (credit only, bedrag -180: no volume bin)
--   C10    R    46X03   14      2023-01-01 .. 2023-01-05          5   0.164271 (bin '1')          5 etmaal (not 'uur': no volume bin)
-- All end on or before 2025-04-01, so einde + 90 <= peildatum 2025-06-30: completed; all start in the window.
INSERT INTO jeugdnorm.product (productcategorie, productcode, omschrijving, productgroep, variant,
                               financieringsvorm, segment, tarief) VALUES
    ('46', '46X01', 'Testproduct percentielen', 'Test', NULL, 'inspanning', 'Test', 60),
    ('46', '46X02', 'Testproduct zonder declaraties', 'Test', NULL, 'inspanning', 'Test', 60),
    ('46', '46X03', 'Testproduct histogramranden', 'Test', NULL, 'inspanning', 'Test', 60);
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie) VALUES
    ('0758', 'X01', 'C1',  NULL, '10000001', '46', '46X01', '2023-01-01', '2023-01-30', 50, '04', '6'),
    ('0758', 'X02', 'C2',  NULL, '10000001', '46', '46X01', '2023-01-01', '2023-01-31', 50, '04', '6'),
    ('0758', 'X03', 'C3',  NULL, '20000002', '46', '46X01', '2023-01-01', '2024-05-01', 50, '04', '6'),
    ('0758', 'X04', 'C4',  NULL, '20000002', '46', '46X01', '2023-01-01', '2024-12-31', 50, '04', '6'),
    ('0758', 'X05', 'C5',  NULL, '20000002', '46', '46X01', '2023-01-01', '2023-12-31', 50, '04', '6'),
    ('0758', 'X07', 'C7',  NULL, '10000001', '46', '46X02', '2023-02-01', '2023-03-31', 50, '04', '6'),
    ('0758', 'X08', 'C8',  NULL, '10000001', '46', '46X03', '2023-01-01', '2024-12-30', 50, '04', '6'),
    ('0758', 'X09', 'C9',  NULL, '10000001', '46', '46X03', '2023-01-01', '2023-01-01', 50, '04', '6'),
    ('0758', 'X10', 'C10', NULL, '10000001', '46', '46X03', '2023-01-01', '2023-01-05', 50, '14', '6');
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder,
                                  productcategorie, productcode, begindatum, einddatum,
                                  volume, eenheid, bedrag) VALUES
    ('0758', 'X01', 'C1',  '10000001', '46', '46X01', '2023-01-01', '2023-01-30', 10, '04',  600),
    ('0758', 'X02', 'C2',  '10000001', '46', '46X01', '2023-01-01', '2023-01-31', 20, '04', 1200),
    ('0758', 'X03', 'C3',  '20000002', '46', '46X01', '2023-01-01', '2024-05-01', 40, '04', 2400),
    ('0758', 'X04', 'C4',  '20000002', '46', '46X01', '2023-01-01', '2024-12-31', 45, '04', 2700),
    ('0758', 'X08', 'C8',  '10000001', '46', '46X03', '2023-01-01', '2024-12-30', 10, '04',  600),
    ('0758', 'X09', 'C9',  '10000001', '46', '46X03', '2023-01-01', '2023-01-01', -3, '04', -180),
    ('0758', 'X10', 'C10', '10000001', '46', '46X03', '2023-01-01', '2023-01-05',  5, '14',  500);
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset
\unset QUIET

-- Volume bins (unit 'uur' only, volume >= 0), lower bound included:
--   45   : 30 uur                  -> '[30,50)' (30 is the lower bound)           1/1 = 1
--   45A12: 40 -> '[30,50)', 52 -> '[50,75)'                                       1/2 each = 0.5
--   45A30: 168                     -> '[150,inf)'                                 1
--   54001: unit 'stuks'            -> no volume rows
--   46X01: 10 -> '[10,20)', 20 -> '[20,30)', 40 and 45 -> '[30,50)'; C5 (NULL) no bin: 1/4, 1/4, 2/4
--   46X02: no volume               -> no rows at all for the product
--   46X03: 10 uur -> '[10,20)'; -3 uur (negative) no bin; 5 etmaal not 'uur': no bin -> 1/1
-- Doorlooptijd bins, ceil(months):
--   45   : 4.008214 -> '5'
--   45A12: 5.946612 -> '6', 6.045175 -> '7'                                      0.5 each
--   45A30: 6.045175 -> '7'
--   54001: 5.650924 -> '6', 7.950719 -> '8'                                      0.5 each
--   46X01: 0.985626 -> '1', 1.018480 -> '2', 16 exactly -> '16', 24.016427 -> '>24' (bin_order 25); C5 no bin: 1/4 each
--   46X03: 23.983573 -> '24'; 0.032854 and 0.164271 -> '1'                      '1' 2/3 = 0.666667, '24' 1/3 = 0.333333
SELECT * FROM jeugdnorm.product_histogram ORDER BY product, measure, bin_order;

-- The view's own order: product, measure, bin_order.
SELECT array_agg(product || '/' || measure || '/' || bin_order) = array_agg(product || '/' || measure || '/' || bin_order ORDER BY product, measure, bin_order) AS ordered
  FROM jeugdnorm.product_histogram;

-- Shares add up to 1 per (product, measure) before rounding: paths / sum(paths).
SELECT product, measure, sum(paths) AS binned, sum(share) AS share_sum
  FROM jeugdnorm.product_histogram
 GROUP BY product, measure
 ORDER BY product, measure;

SELECT column_name, data_type, numeric_precision, numeric_scale
  FROM information_schema.columns
 WHERE table_schema = 'jeugdnorm' AND table_name = 'product_histogram'
 ORDER BY ordinal_position;
SELECT a.attname, col_description(a.attrelid, a.attnum)
  FROM pg_attribute a
 WHERE a.attrelid = 'jeugdnorm.product_histogram'::regclass AND a.attnum > 0
 ORDER BY a.attnum;

DROP EXTENSION jeugdnorm CASCADE;
