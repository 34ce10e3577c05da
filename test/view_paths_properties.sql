-- Properties of the path layer (care_paths, allocation_follow_up and the
-- materialised views behind them) on ~3,000 deterministic pseudo-random
-- allocations (hashint4 of the row number: the same data on every run).
-- The checks compare the views with plain-SQL formulations of the contract,
-- and check the section-8 shape (types, comments, unique grain).
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(21);

UPDATE jeugdnorm.settings SET window_start = '2021-01-01', peildatum = '2025-06-30';

INSERT INTO jeugdnorm.product (productcategorie, productcode, productgroep, variant, financieringsvorm) VALUES
    ('45', '45A12', 'Ambulant', 'midden',   'inspanning'),
    ('45', '45A30', 'Ambulant', 'maatwerk', 'inspanning'),
    ('54', '54001', 'GGZ',      'licht',    'traject');
INSERT INTO jeugdnorm.norm (productcode, geldig_van, geldig_tot, max_doorlooptijd_maanden, max_volume, max_frequentie_per_week) VALUES
    ('45A12', '2020-01-01', '2022-12-31', 12, 100, 3),
    ('45A12', '2023-01-01', NULL, 9, 80, 2.5),
    ('GGZ',   '2020-01-01', NULL, 6, NULL, NULL);

-- 3,000 allocations: 400 clients (1% without client_id), 3 providers (one
-- NULL), 5 products (productcode NULL = aspecifiek '45'; '46B01' not in the
-- catalogue), starts over ~5 years, 5% open, lengths 0..199 days, births
-- 1998..2015 (some clients above 21), 2% reden '13'; units per product.
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie, reden_wijziging)
SELECT (ARRAY['0758', '0840'])[1 + abs(hashint4(i * 7 + 1)) % 2],
       'P' || i,
       CASE WHEN abs(hashint4(i * 7 + 2)) % 100 = 0 THEN NULL ELSE 'c' || abs(hashint4(i * 7 + 2)) % 400 END,
       date '1998-01-01' + abs(hashint4(abs(hashint4(i * 7 + 2)) % 400)) % 6500,
       (ARRAY['10000001', '20000002', NULL])[1 + abs(hashint4(i * 7 + 3)) % 3],
       substr(p.code, 1, 2),
       NULLIF(p.code, '45'),
       date '2020-01-01' + abs(hashint4(i * 7 + 4)) % 1800,
       CASE WHEN abs(hashint4(i * 7 + 5)) % 20 = 0 THEN NULL
            ELSE date '2020-01-01' + abs(hashint4(i * 7 + 4)) % 1800 + abs(hashint4(i * 7 + 5)) % 200 END,
       1 + abs(hashint4(i * 7 + 6)) % 5,
       p.eenheid,
       p.frequentie,
       CASE WHEN abs(hashint4(i * 7 + 7)) % 50 = 0 THEN '13' END
  FROM generate_series(1, 3000) AS i
 CROSS JOIN LATERAL (
        SELECT (ARRAY['45A12', '45A30', '54001', '45',  '46B01'])[k] AS code,
               (ARRAY['04',    '16',    '82',    '01',  '14'])[k] AS eenheid,
               (ARRAY['2',     '2',     '6',     '2',   '4'])[k] AS frequentie
          FROM (SELECT 1 + abs(hashint4(i * 7 + 8)) % 5 AS k) kk) p;

-- ~2 claim lines per allocation, some in another unit family, some credits,
-- some on allocation numbers that do not exist.
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum, einddatum, volume, eenheid, bedrag)
SELECT t.gemeente,
       CASE WHEN abs(hashint4(j * 5 + 1)) % 40 = 0 THEN 'missing' ELSE t.toewijzingnummer END,
       t.ingangsdatum + abs(hashint4(j * 5 + 2)) % 30,
       t.ingangsdatum + abs(hashint4(j * 5 + 2)) % 30 + abs(hashint4(j * 5 + 3)) % 60,
       CASE WHEN abs(hashint4(j * 5 + 4)) % 15 = 0 THEN -1 ELSE 1 END * (1 + abs(hashint4(j * 5 + 5)) % 20),
       CASE WHEN abs(hashint4(j * 5 + 1)) % 10 = 0 THEN '83' ELSE t.eenheid END,
       CASE WHEN abs(hashint4(j * 5 + 4)) % 15 = 0 THEN -1 ELSE 1 END * (10 + abs(hashint4(j * 5 + 5)) % 200)
  FROM (SELECT t.*, (row_number() OVER (ORDER BY t.toewijzingnummer) * 2 + s)::int AS j
          FROM jeugdnorm.toewijzing t CROSS JOIN generate_series(0, 1) s) t;
ANALYZE jeugdnorm.toewijzing;
ANALYZE jeugdnorm.declaratie;

SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh() on the random region');

SELECT cmp_ok((SELECT count(*) FROM jeugdnorm_internal.allocations), '>', 2500::bigint,
              'the random region keeps most of its 3,000 allocations');

-- 1. care_paths = gaps-and-islands in plain SQL over the kept allocations:
-- running max einddatum of the earlier allocations of (client_id, aanbieder,
-- product) in contract order (open = infinity), a new path when the gap is
-- above path_gap_days (90).
CREATE TEMP TABLE ref_paths AS
WITH w AS (
    SELECT a.*,
           max(coalesce(a.einddatum, 'infinity')) OVER (
               PARTITION BY a.client_id, a.aanbieder, a.product
               ORDER BY a.ingangsdatum, a.einddatum NULLS LAST, a.toewijzingnummer, a.gemeente
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_max
      FROM jeugdnorm_internal.allocations a
), f AS (
    SELECT w.*, CASE WHEN prev_max IS NULL THEN 1
                     WHEN prev_max = 'infinity' THEN 0
                     WHEN ingangsdatum - prev_max > 90 THEN 1
                     ELSE 0 END AS new_path
      FROM w
), n AS (
    SELECT f.*, sum(new_path) OVER (
               PARTITION BY client_id, aanbieder, product
               ORDER BY ingangsdatum, einddatum NULLS LAST, toewijzingnummer, gemeente) AS path_no
      FROM f
)
SELECT client_id, aanbieder, product, path_no::int AS path_no, min(ingangsdatum) AS start,
       CASE WHEN bool_or(einddatum IS NULL) THEN NULL ELSE max(einddatum) END AS einde,
       count(*) AS allocations
  FROM n
 GROUP BY client_id, aanbieder, product, path_no;

SELECT ok((SELECT count(*) FILTER (WHERE path_no >= 2) > 100 AND count(*) FILTER (WHERE allocations >= 2) > 100
                  AND count(*) FILTER (WHERE einde IS NULL) > 10 AND count(*) FILTER (WHERE client_id IS NULL) > 0
             FROM ref_paths),
          'the random region has repeat paths, multi-allocation paths, open paths and NULL clients');
SELECT is((SELECT count(*) FROM jeugdnorm.care_paths), (SELECT count(*) FROM ref_paths),
          'care_paths has as many rows as the plain-SQL paths');
SELECT is_empty('SELECT client_id, aanbieder, product, path_no, start, einde, allocations FROM jeugdnorm.care_paths
                 EXCEPT SELECT * FROM ref_paths',
                'every care_paths row is a plain-SQL path');
SELECT is_empty('SELECT * FROM ref_paths
                 EXCEPT SELECT client_id, aanbieder, product, path_no, start, einde, allocations FROM jeugdnorm.care_paths',
                'every plain-SQL path is a care_paths row');

-- 2. Every kept allocation belongs to exactly one path (by group and dates).
SELECT is((SELECT count(*) FROM jeugdnorm_internal.allocations a
            WHERE (SELECT count(*) FROM jeugdnorm.care_paths p
                    WHERE p.client_id IS NOT DISTINCT FROM a.client_id
                      AND p.aanbieder IS NOT DISTINCT FROM a.aanbieder
                      AND p.product IS NOT DISTINCT FROM a.product
                      AND a.ingangsdatum BETWEEN p.start AND coalesce(p.einde, 'infinity')) <> 1),
          0::bigint, 'every kept allocation lies in exactly one care path');
SELECT is((SELECT count(*) FROM jeugdnorm_internal.mv_path_allocations),
          (SELECT count(*) FROM jeugdnorm_internal.allocations),
          'mv_path_allocations has one row per kept allocation');

-- 3. Allocations per group add up.
SELECT is_empty('SELECT client_id, aanbieder, product, sum(allocations) FROM jeugdnorm.care_paths GROUP BY 1, 2, 3
                 EXCEPT
                 SELECT client_id, aanbieder, product, count(*) FROM jeugdnorm_internal.allocations GROUP BY 1, 2, 3',
                'care path allocations sum to the allocation count per (client_id, aanbieder, product)');
SELECT is_empty('SELECT client_id, productgroep, sum(allocations) FROM jeugdnorm_internal.mv_group_paths GROUP BY 1, 2
                 EXCEPT
                 SELECT client_id, productgroep, count(*) FROM jeugdnorm_internal.allocations GROUP BY 1, 2',
                'group path allocations sum to the allocation count per (client_id, productgroep)');
SELECT is((SELECT sum(claim_lines) FROM jeugdnorm.care_paths)::bigint,
          (SELECT count(*) FROM jeugdnorm_internal.claims),
          'every kept claim line counts in exactly one care path');

-- 4. allocation_follow_up lists every kept allocation once, with the class
-- of a plain-SQL formulation over (client_id, product).
SELECT is((SELECT count(*) FROM jeugdnorm.allocation_follow_up),
          (SELECT count(*) FROM jeugdnorm_internal.allocations),
          'allocation_follow_up has one row per kept allocation');
SELECT is_empty($$
    WITH w AS (
        SELECT a.gemeente, a.toewijzingnummer, a.ingangsdatum,
               count(*) OVER (PARTITION BY a.client_id, a.product ORDER BY a.ingangsdatum, a.einddatum NULLS LAST, a.toewijzingnummer, a.gemeente
                              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier,
               max(coalesce(a.einddatum, 'infinity')) OVER (PARTITION BY a.client_id, a.product ORDER BY a.ingangsdatum, a.einddatum NULLS LAST, a.toewijzingnummer, a.gemeente
                              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_max
          FROM jeugdnorm_internal.allocations a)
    SELECT gemeente, toewijzingnummer,
           CASE WHEN earlier = 0 OR prev_max = 'infinity' THEN NULL ELSE ingangsdatum - prev_max END,
           CASE WHEN earlier = 0 THEN 'eerste'
                WHEN prev_max = 'infinity' THEN 'verlenging'
                WHEN ingangsdatum - prev_max <= 90 THEN 'verlenging'
                WHEN ingangsdatum - prev_max <= 365 THEN 'recidive'
                ELSE 'nieuw' END
      FROM w
    EXCEPT
    SELECT gemeente, toewijzingnummer, gap_days, follow_up FROM jeugdnorm.allocation_follow_up $$,
    'allocation_follow_up classes equal the plain-SQL classification');

-- 5. Grain unique (NULL as a value).
SELECT is_empty('SELECT client_id, aanbieder, product, path_no FROM jeugdnorm.care_paths GROUP BY 1, 2, 3, 4 HAVING count(*) > 1',
                'care_paths grain (client_id, aanbieder, product, path_no) is unique');
SELECT is_empty('SELECT gemeente, toewijzingnummer FROM jeugdnorm.allocation_follow_up GROUP BY 1, 2 HAVING count(*) > 1',
                'allocation_follow_up grain (gemeente, toewijzingnummer) is unique');
SELECT is_empty('SELECT client_id, productgroep, path_no FROM jeugdnorm_internal.mv_group_paths GROUP BY 1, 2, 3 HAVING count(*) > 1',
                'group path grain (client_id, productgroep, path_no) is unique');

-- 6. Section 8 shape: plain views, exact types, a comment on every column.
SELECT is((SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_class c
            WHERE c.relnamespace = 'jeugdnorm'::regnamespace AND c.relname IN ('care_paths', 'allocation_follow_up')
              AND c.relkind = 'v'),
          ARRAY['allocation_follow_up', 'care_paths'], 'care_paths and allocation_follow_up are plain views');
-- information_schema: data_type, with (precision,scale) for numeric; integer
-- and bigint are checked by name (their precision is fixed: 32 / 64 bits).
CREATE FUNCTION pg_temp.shape(v text) RETURNS text[] LANGUAGE sql AS $$
    SELECT array_agg(c.column_name::text || ' ' || c.data_type::text
                     || CASE WHEN c.data_type = 'numeric'
                             THEN coalesce('(' || c.numeric_precision || ',' || c.numeric_scale || ')', '')
                             ELSE '' END
                     ORDER BY c.ordinal_position)
      FROM information_schema.columns c
     WHERE c.table_schema = 'jeugdnorm' AND c.table_name = v $$;
SELECT is(pg_temp.shape('care_paths'),
    ARRAY['client_id text', 'aanbieder text', 'product text', 'productgroep text', 'path_no integer',
          'gemeente text', 'start date', 'einde date', 'allocations bigint', 'days_toewijzing integer',
          'days_levering integer', 'months_toewijzing numeric(18,6)', 'months_levering numeric(18,6)',
          'volume numeric(18,6)', 'unit text', 'frequentie_per_week numeric(18,6)', 'completed boolean',
          'norm_volume numeric(18,6)', 'norm_doorlooptijd_maanden numeric(18,6)',
          'norm_frequentie_per_week numeric(18,6)', 'productcategorie text', 'productcode text',
          'variant text', 'financieringsvorm text', 'segment text', 'in_window boolean',
          'claim_lines bigint', 'first_toewijzingnummer text'],
    'care_paths: contract columns in order with section-8 types, then the extras');
SELECT is(pg_temp.shape('allocation_follow_up'),
    ARRAY['gemeente text', 'toewijzingnummer text', 'client_id text', 'aanbieder text', 'product text',
          'ingangsdatum date', 'einddatum date', 'gap_days integer', 'follow_up text',
          'productcategorie text', 'productcode text', 'financieringsvorm text', 'productgroep text',
          'path_no integer'],
    'allocation_follow_up: contract columns in order with section-8 types, then the extras');
SELECT is_empty($$SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                   WHERE c.oid IN ('jeugdnorm.care_paths'::regclass, 'jeugdnorm.allocation_follow_up'::regclass)
                     AND a.attnum > 0 AND NOT a.attisdropped
                     AND coalesce(col_description(c.oid, a.attnum), '') = ''$$,
                'every column of care_paths and allocation_follow_up has a comment');
SELECT ok(obj_description('jeugdnorm.care_paths'::regclass, 'pg_class') IS NOT NULL
          AND obj_description('jeugdnorm.allocation_follow_up'::regclass, 'pg_class') IS NOT NULL,
          'both views have a comment');

SELECT * FROM finish();
ROLLBACK;
