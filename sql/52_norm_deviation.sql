-- norm_deviation ([R6]) on the small region plus the edge cases
-- C1..C10 of test/fixtures/spread_extras.sql.  The paths and their values are
-- those of sql/50_spread.sql and of the fixture's table (see there).
\set VERBOSITY terse
SET datestyle = 'ISO, YMD';
CREATE EXTENSION jeugdnorm;
\set QUIET 1
\i test/fixtures/spread_extras.sql
-- Norms for the edge products (fixture norms unchanged):
--   46X01: max_volume 40 (C3's 40 is exactly on the norm: not above), max_doorlooptijd 0
--          (a norm of 0: every positive value is above, no ratio), no frequentie norm (NULL).
--   46X02: a norm row with every column NULL: "a norm row was found", but no norm on any measure.
INSERT INTO jeugdnorm.norm (productcode, geldig_van, geldig_tot,
                            max_doorlooptijd_maanden, max_volume, max_frequentie_per_week) VALUES
    ('46X01', '2022-01-01', NULL, 0,    40,   NULL),
    ('46X02', '2022-01-01', NULL, NULL, NULL, NULL);
-- C11: a path of 46X01 without a provider (toewijzing.aanbieder is nullable), 60 uur over
--   2023-01-01..2023-03-31 = 90 days (2.956879 months).  It is counted under aanbieder '-1'.
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie) VALUES
    ('0758', 'X11', 'C11', NULL, NULL, '46', '46X01', '2023-01-01', '2023-03-31', 60, '04', '6');
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder,
                                  productcategorie, productcode, begindatum, einddatum,
                                  volume, eenheid, bedrag) VALUES
    ('0758', 'X11', 'C11', NULL, '46', '46X01', '2023-01-01', '2023-03-31', 60, '04', 3600);
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset
\unset QUIET

-- Providers: R = 10000001, M = 20000002.  "above" is strictly greater.
-- 45 / M (B/M/45, aspecifiek): no norm row for '45' and no productgroep -> paths 1, paths_with_norm 0,
--   all shares and ratios NULL.  Row over all providers the same.
-- 45A12 / R: A path 2 (start 2024-03-01: norm v2 9 months, 80 uur, 2.5/week) and B (start 2023-03-01: v1 12, 100, 3).
--   volume 52 vs 80, 40 vs 100: none above -> 0; ratios 0.65, 0.4 -> median 0.525
--   doorlooptijd 5.946612 vs 9, 6.045175 vs 12: 0; ratios 0.660735, 0.503765 -> median 0.582250
--   frequentie 2.011050 vs 2.5, 1.521739 vs 3: 0; ratios 0.804420, 0.507246 -> median 0.655833
--   paths 2, paths_with_norm 2.  Row over all providers the same (only R).
-- 45A30 / M: A path 1, group norm Ambulant (12 months, 150 uur, 4/week):
--   volume 168 > 150 -> 1, ratio 168/150 = 1.12; doorlooptijd 6.045175 < 12 -> 0, ratio 0.503765;
--   frequentie 6.391304 > 4 -> 1, ratio 1.597826.
-- 54001 / R: two paths, group norm GGZ (6 months, volume and frequentie NULL):
--   share_above_volume and _frequentie NULL (no norm on those measures), their ratios NULL;
--   doorlooptijd 5.650924 vs 6 no, 7.950719 vs 6 yes -> 1/2 = 0.5; ratios 0.941821, 1.325120 -> median 1.133470
-- 46X01 (norm: volume 40, doorlooptijd 0, frequentie none):
--   R: C1 10, C2 20: volume above 0/2 = 0; ratios 0.25, 0.5 -> median 0.375
--      doorlooptijd 0.985626, 1.018480 vs 0: both above -> 1; norm 0 left out of the ratio -> NULL
--   M: C3 40 (= norm: not above), C4 45 (above), C5 no volume (not compared) -> 1/2 = 0.5;
--      ratios 1, 1.125 -> median 1.0625; doorlooptijd 16, 24.016427 vs 0 -> 1 (C5 no value); paths 3
--   -1 (no provider): C11 60 > 40 -> 1; ratio 1.5; doorlooptijd 2.956879 > 0 -> 1
--   all providers: paths 6, with norm 6; volume above: C4, C11 of 5 compared = 0.4;
--      ratios 0.25, 0.5, 1, 1.125, 1.5 -> median 1; doorlooptijd 5/5 = 1; frequentie NULL
-- 46X02: C7 (no claims) with the all-NULL norm row: paths 1; paths_with_norm 1 because the paths layer
--   found the row (norm_id); every share and ratio NULL (no value, no norm value).
-- 46X03: no norm row (no product norm, productgroep 'Test' has none): paths 3, paths_with_norm 0.
SELECT * FROM jeugdnorm.norm_deviation ORDER BY product, is_total DESC, aanbieder;

-- The view's own order: product, the all-providers row first, then aanbieder.
SELECT array_agg(product || '/' || coalesce(aanbieder, 'all')) = array_agg(product || '/' || coalesce(aanbieder, 'all') ORDER BY product, is_total DESC, aanbieder) AS ordered
  FROM jeugdnorm.norm_deviation;

-- Every per-provider row adds up to its all-providers row.
SELECT t.product, t.paths, sum(p.paths) AS provider_paths, t.paths_with_norm, sum(p.paths_with_norm) AS provider_with_norm
  FROM jeugdnorm.norm_deviation t
  JOIN jeugdnorm.norm_deviation p ON p.product = t.product AND NOT p.is_total
 WHERE t.is_total
 GROUP BY t.product, t.paths, t.paths_with_norm
 ORDER BY t.product;

SELECT column_name, data_type, numeric_precision, numeric_scale
  FROM information_schema.columns
 WHERE table_schema = 'jeugdnorm' AND table_name = 'norm_deviation'
 ORDER BY ordinal_position;
SELECT a.attname, col_description(a.attrelid, a.attnum)
  FROM pg_attribute a
 WHERE a.attrelid = 'jeugdnorm.norm_deviation'::regclass AND a.attnum > 0
 ORDER BY a.attnum;

DROP EXTENSION jeugdnorm CASCADE;
