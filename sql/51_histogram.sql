-- product_histogram ([R5]) on the small region plus the edge cases
-- C1..C10 of test/fixtures/spread_extras.sql.  The paths and their values are
-- those of sql/50_spread.sql and of the fixture's table (see there).
\set VERBOSITY terse
SET datestyle = 'ISO, YMD';
CREATE EXTENSION jeugdnorm;
\i test/fixtures/spread_extras.sql
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
