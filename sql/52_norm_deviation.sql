-- norm_deviation ([R6]) on the small region plus edge cases of its own.
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
