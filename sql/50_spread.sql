-- product_spread ([R4]) on the small region of test/fixtures/small_region.sql
-- plus the edge cases C1..C10 of test/fixtures/spread_extras.sql (their days,
-- months and volumes are tabled there).  Every number below is computed by hand
-- in the comments; months = days / 30.4375, frequentie = volume * 7 / days.
\set VERBOSITY terse
SET datestyle = 'ISO, YMD';
CREATE EXTENSION jeugdnorm;
\i test/fixtures/spread_extras.sql
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset
\unset QUIET

-- Completed paths (einde + 90 <= 2025-06-30) starting in [2023-01-01, 2025-06-30]
-- of the fixture (claim lines in brackets):
--   A/R/45A12 path 2 (T03+T04): 2024-03-01..2024-08-31; claims 2024-03-04..2024-08-31 = 181 days
--       -> months 181/30.4375 = 5.946612; volume 16+30+6 = 52 uur (euro line 6 and the net-zero
--       pair 7/8 left out); frequentie 52*7/181 = 2.011050
--   B/R/45A12 (T07): claims 2023-03-01..2023-08-31 = 184 days -> 6.045175 months;
--       volume 20-20+18 + 1320/60 = 40 uur; frequentie 40*7/184 = 1.521739
--   A/M/45A30 path 1 (T09): 184 days -> 6.045175; volume (20+22)*4 = 168 uur; 168*7/184 = 6.391304
--   B/M/45 (T11, aspecifiek): 2023-09-01..2023-12-31 = 122 days -> 4.008214; 1800/60 = 30 uur; 210/122 = 1.721311
--   A/R/54001 path 1 (T10): 2023-01-10..2023-06-30 = 172 days -> 5.650924; 1 stuks; 7/172 = 0.040698
--   B/R/54001 (T06): 2023-02-01..2023-09-30 = 242 days -> 7.950719; 1 stuks; 7/242 = 0.028926
-- Left out: A/R/45A12 path 1 (starts 2022-10-01, before the window), A/R/54001 path 2 (open),
--   A/M/45A30 path 2 (2025-05-31 + 90 > peildatum: not completed), T08 (age 22), T12 (reden '13').
--
-- 45A12 volume 40, 52: mean 46; p10 = 40 + 0.1*12 = 41.2; p25 = 40 + 0.25*12 = 43; median 46;
--   p75 = 40 + 0.75*12 = 49; p90 = 40 + 0.9*12 = 50.8; min 40, max 52
-- 45A12 doorlooptijd 5.946612, 6.045175 (d = 0.098563): mean 5.995893; p10 = 5.946612 + 0.1*d = 5.956468;
--   p25 = 5.971253; median 5.995893; p75 = 6.020534; p90 = 6.035318
-- 45A12 frequentie 1.521739, 2.011050 (d = 0.489311): mean 1.766394; p10 1.570670; p25 1.644067;
--   median 1.766394; p75 1.888722; p90 1.962119
-- 45A30 and 45: one path each: every statistic is the value itself.
-- 54001 volume 1, 1 (stuks): all 1.  doorlooptijd 5.650924, 7.950719 (d = 2.299795): mean 6.800821;
--   p10 5.880903; p25 6.225873; median 6.800821; p75 7.375770; p90 7.720739
-- 54001 frequentie 0.028926, 0.040698 (d = 0.011772): mean 0.034812; p10 0.030103; p25 0.031869;
--   median 0.034812; p75 0.037755; p90 0.039520
--
-- Edge cases:
-- 46X01 five paths, n = 4 (C5 has no claim: NULL in all three measures).
--   volume 10, 20, 40, 45 (four values, positions 0..3): mean 115/4 = 28.75;
--   p10 at 0.3: 10 + 0.3*10 = 13; p25 at 0.75: 10 + 0.75*10 = 17.5; median at 1.5: (20+40)/2 = 30;
--   p75 at 2.25: 40 + 0.25*5 = 41.25; p90 at 2.7: 40 + 0.7*5 = 43.5
--   doorlooptijd 0.985626, 1.018480, 16, 24.016427: mean 42.020533/4 = 10.505133;
--   p10 = 0.985626 + 0.3*0.032854 = 0.995483; p25 = 0.985626 + 0.75*0.032854 = 1.010267;
--   median = (1.018480 + 16)/2 = 8.509240; p75 = 16 + 0.25*8.016427 = 18.004107;
--   p90 = 16 + 0.7*8.016427 = 21.611499
--   frequentie 70/30 = 2.333333, 140/31 = 4.516129, 280/487 = 0.574949, 315/731 = 0.430917;
--   sorted 0.430917, 0.574949, 2.333333, 4.516129: mean 1.963832; p10 = 0.430917 + 0.3*0.144032 = 0.474126;
--   p25 = 0.430917 + 0.75*0.144032 = 0.538941; median = (0.574949 + 2.333333)/2 = 1.454141;
--   p75 = 2.333333 + 0.25*2.182796 = 2.879032; p90 = 2.333333 + 0.7*2.182796 = 3.861290
-- 46X02 one completed path without claims: three rows, n = 0, statistics NULL, unit NULL.
-- 46X03 volume 10 (uur), -3 (uur, credit), 5 (etmaal): sorted -3, 5, 10: mean 4; p10 at 0.2: -3 + 0.2*8 = -1.4;
--   p25 at 0.5: 1; median 5; p75 at 1.5: 7.5; p90 at 1.8: 5 + 0.8*5 = 9; unit 'etmaal, uur' (mixed units shown)
--   doorlooptijd 730, 1, 5 days -> 23.983573, 0.032854, 0.164271: mean 24.180698/3 = 8.060233;
--   p10 at 0.2: 0.032854 + 0.2*0.131417 = 0.059138; p25 at 0.5: 0.098563; median 0.164271;
--   p75 at 1.5: 0.164271 + 0.5*23.819302 = 12.073922; p90 at 1.8: 0.164271 + 0.8*23.819302 = 19.219713
--   frequentie 70/730 = 0.095890, -21, 35/5 = 7: mean -13.904110/3 = -4.634703; p10 -21 + 0.2*21.095890 = -16.780822;
--   p25 -10.452055; median 0.095890; p75 0.095890 + 0.5*6.904110 = 3.547945; p90 0.095890 + 0.8*6.904110 = 5.619178
SELECT * FROM jeugdnorm.product_spread ORDER BY product, measure;

-- The view's own order is its grain: product, measure.
SELECT array_agg(product || '/' || measure) = array_agg(product || '/' || measure ORDER BY product, measure) AS ordered
  FROM jeugdnorm.product_spread;

-- Shape (section 8): contract columns in order, then the extra column unit.
SELECT column_name, data_type, numeric_precision, numeric_scale
  FROM information_schema.columns
 WHERE table_schema = 'jeugdnorm' AND table_name = 'product_spread'
 ORDER BY ordinal_position;
SELECT a.attname, col_description(a.attrelid, a.attnum)
  FROM pg_attribute a
 WHERE a.attrelid = 'jeugdnorm.product_spread'::regclass AND a.attnum > 0
 ORDER BY a.attnum;

DROP EXTENSION jeugdnorm CASCADE;
