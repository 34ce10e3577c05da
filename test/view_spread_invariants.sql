-- Invariants of product_spread, product_histogram and norm_deviation over the
-- demo region (DEFINITIONS.md [R4] [R5] [R6], section 8).  The hand-checked
-- values are in sql/50_spread.sql .. sql/52_norm_deviation.sql; here the
-- views are checked against the paths layer on a few thousand paths.
\set ON_ERROR_STOP 1
\set QUIET 1
BEGIN;
CREATE EXTENSION jeugdnorm;
\i test/fixtures/demo_small.sql
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset
\unset QUIET

SELECT plan(31);

-- The demo must give the invariants something to bite on.
SELECT cmp_ok((SELECT count(*) FROM jeugdnorm.care_paths WHERE completed AND start >= (SELECT window_start FROM jeugdnorm_internal.settings)), '>', 100::bigint,
              'the demo region has more than 100 completed in-window paths');
SELECT cmp_ok((SELECT count(DISTINCT product) FROM jeugdnorm.product_spread), '>', 3::bigint,
              'product_spread covers more than 3 products');

-- ---- shape (section 8) -------------------------------------------------------
SELECT results_eq(
    $$SELECT c.relname::text COLLATE "default", c.relkind::text COLLATE "default" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'jeugdnorm' AND c.relname IN ('product_spread', 'product_histogram', 'norm_deviation')
       ORDER BY 1$$,
    $$VALUES ('norm_deviation', 'v'), ('product_histogram', 'v'), ('product_spread', 'v')$$,
    'the three views are plain views in schema jeugdnorm');

SELECT results_eq(
    $$SELECT column_name::text COLLATE "default", data_type::text COLLATE "default", numeric_precision::int, numeric_scale::int
        FROM information_schema.columns
       WHERE table_schema = 'jeugdnorm' AND table_name = 'product_spread' ORDER BY ordinal_position$$,
    $$VALUES ('product', 'text', NULL::int, NULL::int), ('measure', 'text', NULL, NULL), ('n', 'bigint', 64, 0),
             ('mean', 'numeric', 18, 6), ('p10', 'numeric', 18, 6), ('p25', 'numeric', 18, 6),
             ('median', 'numeric', 18, 6), ('p75', 'numeric', 18, 6), ('p90', 'numeric', 18, 6),
             ('min', 'numeric', 18, 6), ('max', 'numeric', 18, 6), ('unit', 'text', NULL, NULL)$$,
    'product_spread: contract columns in order with section-8 types');

SELECT results_eq(
    $$SELECT column_name::text COLLATE "default", data_type::text COLLATE "default", numeric_precision::int, numeric_scale::int
        FROM information_schema.columns
       WHERE table_schema = 'jeugdnorm' AND table_name = 'product_histogram' ORDER BY ordinal_position$$,
    $$VALUES ('product', 'text', NULL::int, NULL::int), ('measure', 'text', NULL, NULL), ('bin', 'text', NULL, NULL),
             ('bin_order', 'integer', 32, 0), ('paths', 'bigint', 64, 0), ('share', 'numeric', 18, 6)$$,
    'product_histogram: contract columns in order with section-8 types');

SELECT results_eq(
    $$SELECT column_name::text COLLATE "default", data_type::text COLLATE "default", numeric_precision::int, numeric_scale::int
        FROM information_schema.columns
       WHERE table_schema = 'jeugdnorm' AND table_name = 'norm_deviation' ORDER BY ordinal_position$$,
    $$VALUES ('product', 'text', NULL::int, NULL::int), ('aanbieder', 'text', NULL, NULL),
             ('paths', 'bigint', 64, 0), ('paths_with_norm', 'bigint', 64, 0),
             ('share_above_volume', 'numeric', 18, 6), ('share_above_doorlooptijd', 'numeric', 18, 6),
             ('share_above_frequentie', 'numeric', 18, 6), ('median_ratio_volume', 'numeric', 18, 6),
             ('median_ratio_doorlooptijd', 'numeric', 18, 6), ('median_ratio_frequentie', 'numeric', 18, 6),
             ('is_total', 'boolean', NULL, NULL)$$,
    'norm_deviation: contract columns in order with section-8 types');

SELECT is_empty(
    $$SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'jeugdnorm' AND c.relname IN ('product_spread', 'product_histogram', 'norm_deviation')
         AND a.attnum > 0 AND NOT a.attisdropped
         AND coalesce(col_description(c.oid, a.attnum), '') = ''$$,
    'every column of the three views has a comment');

-- ---- grain unique (NULL as a value) --------------------------------------------
SELECT is_empty(
    $$SELECT product, measure FROM jeugdnorm.product_spread GROUP BY 1, 2 HAVING count(*) > 1$$,
    'product_spread: (product, measure) unique');
SELECT is_empty(
    $$SELECT product, measure, bin FROM jeugdnorm.product_histogram GROUP BY 1, 2, 3 HAVING count(*) > 1$$,
    'product_histogram: (product, measure, bin) unique');
SELECT is_empty(
    $$SELECT product, aanbieder FROM jeugdnorm.norm_deviation GROUP BY 1, 2 HAVING count(*) > 1$$,
    'norm_deviation: (product, aanbieder) unique');

-- ---- product_spread [R4] -----------------------------------------------------------
-- n = completed paths starting in [window_start, peildatum] with a non-NULL
-- value; every product with such a path has all three measures (n may be 0).
SELECT set_eq(
    $$SELECT product, measure, n FROM jeugdnorm.product_spread$$,
    $$SELECT p.product, m.measure, count(m.value)
        FROM jeugdnorm.care_paths p
       CROSS JOIN jeugdnorm_internal.settings s
       CROSS JOIN LATERAL (VALUES ('volume', p.volume), ('doorlooptijd', p.months_levering),
                                  ('frequentie', p.frequentie_per_week)) m (measure, value)
       WHERE p.completed AND p.start BETWEEN s.window_start AND s.peildatum
       GROUP BY 1, 2$$,
    'product_spread: n = completed in-window paths with a non-NULL measure, all three measures per product');

SELECT is_empty(
    $$SELECT * FROM jeugdnorm.product_spread
       WHERE n > 0 AND NOT (min <= p10 AND p10 <= p25 AND p25 <= median AND median <= p75
                            AND p75 <= p90 AND p90 <= max AND min <= mean AND mean <= max)$$,
    'product_spread: min <= p10 <= p25 <= median <= p75 <= p90 <= max, min <= mean <= max');

SELECT is_empty(
    $$SELECT * FROM jeugdnorm.product_spread
       WHERE (n = 0) <> (mean IS NULL) OR (n = 0) <> (p10 IS NULL) OR (n = 0) <> (median IS NULL)
          OR (n = 0) <> (p90 IS NULL) OR (n = 0) <> (min IS NULL) OR (n = 0) <> (max IS NULL)$$,
    'product_spread: statistics are NULL exactly when n = 0');

SELECT set_eq(
    $$SELECT product, measure, mean, min, max FROM jeugdnorm.product_spread WHERE n > 0$$,
    $$SELECT p.product, m.measure, avg(m.value)::numeric(18,6), min(m.value)::numeric(18,6), max(m.value)::numeric(18,6)
        FROM jeugdnorm_internal.mv_care_paths p
       CROSS JOIN LATERAL (VALUES ('volume', p.volume), ('doorlooptijd', p.months_levering),
                                  ('frequentie', p.frequentie_per_week)) m (measure, value)
       WHERE p.completed AND p.in_window AND m.value IS NOT NULL
       GROUP BY 1, 2$$,
    'product_spread: mean, min and max are the exact aggregates of the paths layer');

SELECT set_eq(
    $$SELECT product, measure, median FROM jeugdnorm.product_spread WHERE n > 0$$,
    $$SELECT p.product, m.measure, (percentile_cont(0.5) WITHIN GROUP (ORDER BY m.value::float8))::numeric(18,6)
        FROM jeugdnorm_internal.mv_care_paths p
       CROSS JOIN LATERAL (VALUES ('volume', p.volume), ('doorlooptijd', p.months_levering),
                                  ('frequentie', p.frequentie_per_week)) m (measure, value)
       WHERE p.completed AND p.in_window AND m.value IS NOT NULL
       GROUP BY 1, 2$$,
    'product_spread: median = percentile_cont(0.5) of the values');

-- ---- product_histogram [R5] ---------------------------------------------------------
SELECT is_empty(
    $$SELECT * FROM jeugdnorm.product_histogram
       WHERE share <= 0 OR share > 1 OR paths <= 0$$,
    'product_histogram: only non-empty bins, shares in (0, 1]');

SELECT is_empty(
    $$SELECT product, measure FROM jeugdnorm.product_histogram
       GROUP BY 1, 2 HAVING abs(sum(share) - 1) > count(*) * 0.0000005$$,
    'product_histogram: shares sum to 1 per (product, measure), within the rounding of 6 decimals per bin');

SELECT set_eq(
    $$SELECT product, measure, sum(paths) AS paths FROM jeugdnorm.product_histogram GROUP BY 1, 2$$,
    $$SELECT product, 'volume', count(*) FROM jeugdnorm.care_paths p CROSS JOIN jeugdnorm_internal.settings s
       WHERE completed AND start BETWEEN s.window_start AND s.peildatum AND unit = 'uur' AND volume >= 0 GROUP BY 1
      UNION ALL
      SELECT product, 'doorlooptijd', count(*) FROM jeugdnorm.care_paths p CROSS JOIN jeugdnorm_internal.settings s
       WHERE completed AND start BETWEEN s.window_start AND s.peildatum AND months_levering IS NOT NULL GROUP BY 1$$,
    'product_histogram: every binnable path is in exactly one bin (volume: unit uur and >= 0; doorlooptijd: months known)');

SELECT is_empty(
    $$SELECT * FROM jeugdnorm.product_histogram
       WHERE NOT ((measure = 'volume' AND (bin, bin_order) IN (('[0,10)', 1), ('[10,20)', 2), ('[20,30)', 3), ('[30,50)', 4),
                                                             ('[50,75)', 5), ('[75,100)', 6), ('[100,150)', 7), ('[150,inf)', 8)))
               OR (measure = 'doorlooptijd' AND bin_order BETWEEN 1 AND 24 AND bin = bin_order::text)
               OR (measure = 'doorlooptijd' AND bin_order = 25 AND bin = '>24'))$$,
    'product_histogram: bin labels and bin_order exactly as [R5]');

SELECT set_eq(
    $$SELECT product, bin_order, paths FROM jeugdnorm.product_histogram WHERE measure = 'doorlooptijd'$$,
    $$SELECT product, least(ceil(months_levering), 25)::int, count(*)
        FROM jeugdnorm_internal.mv_care_paths
       WHERE completed AND in_window AND months_levering IS NOT NULL GROUP BY 1, 2$$,
    'product_histogram: doorlooptijd bins are ceil(months_levering), 25 above 24');

-- ---- norm_deviation [R6] --------------------------------------------------------------
SELECT set_eq(
    $$SELECT product, paths FROM jeugdnorm.norm_deviation WHERE aanbieder IS NULL$$,
    $$SELECT product, count(*) FROM jeugdnorm.care_paths p CROSS JOIN jeugdnorm_internal.settings s
       WHERE completed AND start BETWEEN s.window_start AND s.peildatum GROUP BY 1$$,
    'norm_deviation: the all-providers row counts the completed in-window paths of the product');

SELECT is_empty(
    $$SELECT t.product FROM jeugdnorm.norm_deviation t
        JOIN (SELECT product, sum(paths) AS paths, sum(paths_with_norm) AS paths_with_norm
                FROM jeugdnorm.norm_deviation WHERE NOT is_total GROUP BY 1) a USING (product)
       WHERE t.is_total AND (t.paths <> a.paths OR t.paths_with_norm <> a.paths_with_norm)$$,
    'norm_deviation: per-provider rows add up to the all-providers row');

SELECT is_empty(
    $$SELECT * FROM jeugdnorm.norm_deviation WHERE is_total <> (aanbieder IS NULL)$$,
    'norm_deviation: aanbieder is NULL exactly on the all-providers row');

SELECT is_empty(
    $$SELECT * FROM jeugdnorm.norm_deviation
       WHERE paths_with_norm > paths
          OR share_above_volume NOT BETWEEN 0 AND 1 OR share_above_doorlooptijd NOT BETWEEN 0 AND 1
          OR share_above_frequentie NOT BETWEEN 0 AND 1
          OR median_ratio_volume < 0 OR median_ratio_doorlooptijd < 0$$,
    'norm_deviation: shares between 0 and 1, paths_with_norm <= paths, duration ratios >= 0');

SELECT set_eq(
    $$SELECT product, share_above_doorlooptijd FROM jeugdnorm.norm_deviation WHERE is_total$$,
    $$SELECT product, (count(*) FILTER (WHERE months_levering > norm_doorlooptijd_maanden)::numeric
                       / nullif(count(*) FILTER (WHERE months_levering IS NOT NULL AND norm_doorlooptijd_maanden IS NOT NULL), 0))::numeric(18,6)
        FROM jeugdnorm_internal.mv_care_paths WHERE completed AND in_window GROUP BY 1$$,
    'norm_deviation: share_above_doorlooptijd = paths strictly above / paths with value and norm');

SELECT cmp_ok((SELECT count(*) FROM jeugdnorm.norm_deviation WHERE share_above_doorlooptijd IS NOT NULL), '>', 0::bigint,
              'norm_deviation: the demo region has products with a duration norm');

-- ---- read-only over the paths layer -------------------------------------------------
SELECT is((SELECT count(*) FROM jeugdnorm.product_spread) % 3, 0::bigint,
          'product_spread: three rows per product');
SELECT is((SELECT count(DISTINCT product) FROM jeugdnorm.product_spread),
          (SELECT count(DISTINCT product) FROM jeugdnorm.norm_deviation),
          'product_spread and norm_deviation cover the same products');
SELECT is_empty(
    $$SELECT product FROM jeugdnorm.product_histogram EXCEPT SELECT product FROM jeugdnorm.product_spread$$,
    'product_histogram has no product that product_spread lacks');

-- ---- settings take effect after refresh --------------------------------------------
-- With window_start = peildatum - path_gap_days + 1 no completed path can start
-- inside the window (einde + path_gap_days <= peildatum and start <= einde),
-- so after a refresh the spread views are empty.
\set QUIET 1
UPDATE jeugdnorm.settings
   SET window_start = (SELECT peildatum - path_gap_days + 1 FROM jeugdnorm_internal.settings);
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset
\unset QUIET
SELECT is_empty($$SELECT * FROM jeugdnorm.product_spread$$,
                'product_spread is empty when no completed path can start in the window (after refresh)');
SELECT is_empty($$SELECT * FROM jeugdnorm.product_histogram UNION ALL SELECT product, NULL, NULL, NULL, NULL, NULL FROM jeugdnorm.norm_deviation$$,
                'product_histogram and norm_deviation are empty then too');

SELECT * FROM finish();
ROLLBACK;
