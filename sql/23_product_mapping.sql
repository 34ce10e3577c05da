-- Product mapping ([S2], issue 8 part 2) on the small region of
-- test/fixtures/small_region.sql: which analysis product each allocation
-- gets, and how a merge and a split change product_spread and
-- norm_deviation.  Without mapping rows every view is as before: the
-- expected outputs of the other files did not change when the mapping layer
-- came in (and test/upgrade_catalog.sql compares care_paths and
-- product_spread across the upgrade).
\set VERBOSITY terse
SET datestyle = 'ISO, YMD';
CREATE EXTENSION jeugdnorm;
\i test/fixtures/small_region.sql

-- The mapping rows, each testing one part of [S2]:
--   merge:  45A12 -> AMB and 45A30 -> AMB (general, from 2020-01-01 / 2023-01-01);
--   ties:   45A12 -> ZZZ with the same geldig_van as AMB: the smallest (AMB) wins;
--   latest: 45A30 -> AMB-NIEUW from 2025-01-01: T13 (2025-03-01) matches both
--           45A30 rows and takes the latest geldig_van; T09 (2023-05-01) only AMB;
--   never:  45A12 -> NEVER with geldig_van NULL: never matches;
--   split:  54001 -> GGZ-A for everyone from 2023-01-01, and 54001 -> GGZ-B for
--           provider 10000001 from 2023-01-20: T10 (2023-01-10) only matches
--           the general row (GGZ-A); T06 (2023-02-01) and T05 (2025-01-15)
--           match both and the provider-specific row wins (GGZ-B);
--   NULL:   aspecifiek 45 (productcode NULL) -> ASP for everyone, and for
--           provider 20000002 a row with analysis_product NULL from a later
--           date: T11 (provider 20000002) takes the provider row, whose NULL
--           leaves its product '45';
--   period: 45A30 -> OLD valid 2019-01-01..2022-12-31 only: matches nothing.
INSERT INTO jeugdnorm.product_mapping (productcategorie, productcode, aanbieder, geldig_van, geldig_tot, analysis_product) VALUES
    ('45', '45A12', NULL,       '2020-01-01', NULL,         'AMB'),
    ('45', '45A12', NULL,       '2020-01-01', NULL,         'ZZZ'),
    ('45', '45A12', NULL,       NULL,         NULL,         'NEVER'),
    ('45', '45A30', NULL,       '2023-01-01', NULL,         'AMB'),
    ('45', '45A30', NULL,       '2025-01-01', NULL,         'AMB-NIEUW'),
    ('45', '45A30', NULL,       '2019-01-01', '2022-12-31', 'OLD'),
    ('54', '54001', NULL,       '2023-01-01', NULL,         'GGZ-A'),
    ('54', '54001', '10000001', '2023-01-20', NULL,         'GGZ-B'),
    ('45', NULL,    NULL,       '2020-01-01', NULL,         'ASP'),
    ('45', NULL,    '20000002', '2021-01-01', NULL,         NULL);

-- Expected: T01..T04, T07 AMB; T09 AMB; T13 AMB-NIEUW; T10 GGZ-A; T05, T06 GGZ-B;
-- T11 45; T02 AMB (gemeente does not matter).  T08 and T12 are not kept.
SELECT toewijzingnummer, aanbieder, own_product, ingangsdatum, product, productgroep, variant
  FROM jeugdnorm_internal.allocations
 ORDER BY contract_order;

-- The rule itself, on its edges: the day of geldig_van and of geldig_tot
-- count (inclusive); a day after geldig_tot does not.
SELECT d, (SELECT product FROM jeugdnorm_internal.mapped_product('45', '45A30', '20000002', d)) AS product
  FROM (VALUES (date '2022-12-31'), (date '2023-01-01'), (date '2024-12-31'), (date '2025-01-01')) v(d);
SELECT (SELECT product FROM jeugdnorm_internal.mapped_product('46', '46X01', NULL, '2024-01-01')) AS unmapped_code,
       (SELECT product FROM jeugdnorm_internal.mapped_product('46', NULL, NULL, '2024-01-01')) AS unmapped_aspecifiek,
       (SELECT product FROM jeugdnorm_internal.mapped_product('45', NULL, '99999999', '2024-01-01')) AS general_aspecifiek;

-- A norm for the analysis product AMB: 6 months, 50 uur, 2 uur per week.
INSERT INTO jeugdnorm.norm (productcode, geldig_van, max_doorlooptijd_maanden, max_volume, max_frequentie_per_week)
VALUES ('AMB', '2020-01-01', 6, 50, 2);
SELECT count(*) > 0 AS refreshed FROM jeugdnorm.refresh();

-- product_spread after the merge and the split (completed paths starting in
-- the window; values per path as in sql/50_spread.sql):
--   AMB: B/R (T07: 40 uur, 184 days = 6.045175 months, 280/184 = 1.521739 per week),
--        A/R path 2 (T03+T04: 52 uur, 181 days = 5.946612, 364/181 = 2.011050),
--        A/M path 1 (T09: 168 uur, 184 days = 6.045175, 1176/184 = 6.391304)
--     volume 40, 52, 168: mean 260/3 = 86.666667; p10 (pos 0.2) 40 + 0.2*12 = 42.4;
--       p25 (0.5) 46; median 52; p75 (1.5) 52 + 0.5*116 = 110; p90 (1.8) 52 + 0.8*116 = 144.8
--     doorlooptijd 5.946612, 6.045175, 6.045175 (d = 0.098563): mean 18.036961/3 = 6.012320;
--       p10 5.946612 + 0.2d = 5.966324; p25 + 0.5d = 5.995893; median, p75, p90 6.045175
--     frequentie 1.521739, 2.011050, 6.391304: mean 9.924093/3 = 3.308031;
--       p10 1.521739 + 0.2*0.489311 = 1.619601; p25 + 0.5*0.489311 = 1.766394; median 2.011050;
--       p75 2.011050 + 0.5*4.380255 = 4.201177; p90 2.011050 + 0.8*4.380255 = 5.515253
--   45 (T11): as before (30 uur, 4.008214 months, 1.721311).
--   GGZ-A: T10 alone (1 stuks, 172 days = 5.650924, 7/172 = 0.040698);
--   GGZ-B: T06 alone (1 stuks, 242 days = 7.950719, 7/242 = 0.028926);
--     A/R/54001 was one product with two paths (T10, then T05): now T10 is GGZ-A
--     and T05 GGZ-B, different products, so T05 is a path of its own (open: not here).
--   45A12, 45A30 and 54001 no longer appear.
SELECT * FROM jeugdnorm.product_spread ORDER BY product, measure;

-- norm_deviation for AMB (its own norm row, found by the analysis product):
--   all providers, 3 paths with norm: volume 40/50 = 0.8, 52/50 = 1.04, 168/50 = 3.36:
--     2 of 3 above (0.666667), median ratio 1.04;
--   doorlooptijd 6.045175/6 = 1.007529 (above), 5.946612/6 = 0.991102, 1.007529 (above):
--     0.666667, median 1.007529;
--   frequentie 1.521739/2 = 0.760870, 2.011050/2 = 1.005525 (above), 6.391304/2 = 3.195652 (above):
--     0.666667, median 1.005525.
--   10000001 (B/R and A/R path 2): volume 1 of 2 above (0.5), median (0.8 + 1.04)/2 = 0.92;
--     doorlooptijd 0.5, median (1.007529 + 0.991102)/2 = 0.999316;
--     frequentie 0.5, median (0.760870 + 1.005525)/2 = 0.883197.
--   20000002 (T09): all three above (1), ratios 3.36, 1.007529, 3.195652.
-- GGZ-A and GGZ-B keep the GGZ productgroep norm of their own code (6 months, no volume or
-- frequentie norm): GGZ-A 5.650924/6 = 0.941821 (not above), GGZ-B 7.950719/6 = 1.325120 (above).
SELECT * FROM jeugdnorm.norm_deviation
 WHERE product IN ('AMB', 'GGZ-A', 'GGZ-B')
 ORDER BY product, aanbieder NULLS FIRST;

DROP EXTENSION jeugdnorm CASCADE;
