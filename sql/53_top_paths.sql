-- top_paths ([R7]) on the small region plus edge cases of its own.
-- Paths per (client_id, productgroep) across providers; label = variants (else product)
-- in start order, consecutive equal ones collapsed; counted when the path starts in
-- [2023-01-01, 2025-06-30], completed or not.
\set VERBOSITY terse
SET datestyle = 'ISO, YMD';
CREATE EXTENSION jeugdnorm;
\set QUIET 1
\i test/fixtures/small_region.sql
-- Edge cases: productgroep 'Test' with 46X01 (variant licht), 46X02 (zwaar) and
-- 46X03 (no variant: the label is the product).  Own clients D1..D10.
--   client prov allocations (product: period)                                   group path(s)
--   D1     R    46X01 2023-01-01..2023-03-31; 46X01 2024-06-01..2024-06-30 (gap 428)  'licht' twice (two paths, one client)
--   D2     R    46X01 2023-01-01..2023-03-31                                      'licht'
--   D7     R/M  46X01 at R 2024-01-01..2024-02-29, 46X01 at M 2024-03-01..2024-04-30 (gap 1)
--                                                                                 one path across providers: 'licht'
--   D3     R    46X02 2023-02-01..2023-04-30                                      'zwaar'
--   D4     R    46X02 2023-02-01..open                                            'zwaar' (open: not completed)
--   D9     R    46X02 2023-05-01..2023-05-31                                      'zwaar'
--   D10    R    46X02 2023-05-01..2023-05-31                                      'zwaar'
--   D5     R    46X01 2023-01-01..2023-03-31, 46X03 2023-04-01..2023-06-30, 46X01 2023-06-15..2023-08-31
--                                                                                 'licht > 46X03 > licht'
--   D8     R    46X03 2023-01-01..2023-01-31                                      '46X03'
--   D6     R    46X01 2022-06-01..2022-12-31, 46X02 2023-01-01..2023-02-28       'licht > zwaar', starts before the window: not counted
INSERT INTO jeugdnorm.product (productcategorie, productcode, omschrijving, productgroep, variant,
                               financieringsvorm, segment, tarief) VALUES
    ('46', '46X01', 'Test licht', 'Test', 'licht', 'inspanning', 'Test', 60),
    ('46', '46X02', 'Test zwaar', 'Test', 'zwaar', 'inspanning', 'Test', 60),
    ('46', '46X03', 'Test zonder variant', 'Test', NULL, 'inspanning', 'Test', 60);
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie) VALUES
    ('0758', 'D1a', 'D1',  NULL, '10000001', '46', '46X01', '2023-01-01', '2023-03-31', 2, '04', '2'),
    ('0758', 'D1b', 'D1',  NULL, '10000001', '46', '46X01', '2024-06-01', '2024-06-30', 2, '04', '2'),
    ('0758', 'D2a', 'D2',  NULL, '10000001', '46', '46X01', '2023-01-01', '2023-03-31', 2, '04', '2'),
    ('0758', 'D7a', 'D7',  NULL, '10000001', '46', '46X01', '2024-01-01', '2024-02-29', 2, '04', '2'),
    ('0758', 'D7b', 'D7',  NULL, '20000002', '46', '46X01', '2024-03-01', '2024-04-30', 2, '04', '2'),
    ('0758', 'D3a', 'D3',  NULL, '10000001', '46', '46X02', '2023-02-01', '2023-04-30', 2, '04', '2'),
    ('0758', 'D4a', 'D4',  NULL, '10000001', '46', '46X02', '2023-02-01', NULL,         2, '04', '2'),
    ('0758', 'D9a', 'D9',  NULL, '10000001', '46', '46X02', '2023-05-01', '2023-05-31', 2, '04', '2'),
    ('0758', 'D10a', 'D10', NULL, '10000001', '46', '46X02', '2023-05-01', '2023-05-31', 2, '04', '2'),
    ('0758', 'D5a', 'D5',  NULL, '10000001', '46', '46X01', '2023-01-01', '2023-03-31', 2, '04', '2'),
    ('0758', 'D5b', 'D5',  NULL, '10000001', '46', '46X03', '2023-04-01', '2023-06-30', 2, '04', '2'),
    ('0758', 'D5c', 'D5',  NULL, '10000001', '46', '46X01', '2023-06-15', '2023-08-31', 2, '04', '2'),
    ('0758', 'D8a', 'D8',  NULL, '10000001', '46', '46X03', '2023-01-01', '2023-01-31', 2, '04', '2'),
    ('0758', 'D6a', 'D6',  NULL, '10000001', '46', '46X01', '2022-06-01', '2022-12-31', 2, '04', '2'),
    ('0758', 'D6b', 'D6',  NULL, '10000001', '46', '46X02', '2023-01-01', '2023-02-28', 2, '04', '2');
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset
\unset QUIET

-- Fixture (allocations T08 age 22 and T12 reden '13' are gone):
--   Ambulant, client A: T01 midden 2022-10-01..2023-03-31, T02 midden 2023-04-01..2023-09-30 (gap 1),
--     T09 maatwerk 2023-05-01..2023-10-31 (overlaps) -> path 1 'midden > maatwerk' 2022-10-01..2023-10-31:
--     starts before the window, not counted;
--     T03 midden 2024-03-01..2024-08-31 (gap 2024-03-01 - 2023-10-31 = 122 > 90), T04 nested -> path 2 'midden';
--     T13 maatwerk 2025-03-01..2025-05-31 (gap 182) -> path 3 'maatwerk' (not completed, still counted)
--   Ambulant, client B: T07 midden -> 'midden'
--   -> Ambulant: 'midden' 2 of 3 = 0.666667 rank 1 (completed 2, clients A, B = 2);
--               'maatwerk' 1 of 3 = 0.333333 rank 2 (completed 0, clients 1)
--   GGZ: A T10 'licht' 2023-01-10..2023-06-30; A T05 'licht' 2025-01-15..open (gap 565: new path, open);
--        B T06 'licht' -> 'licht' 3 of 3 = 1, rank 1, completed 2, clients 2
--   NULL productgroep (category 45 is not in the catalogue): B T11, label '45' (product, no variant): 1, share 1, rank 1
-- Test (edge cases): 10 counted paths:
--   'licht' 4 (D1 twice, D2, D7) = 0.4 rank 1, completed 4, clients 3
--   'zwaar' 4 (D3, D4, D9, D10) = 0.4 rank 1 (tie), completed 3 (D4 open), clients 4
--   '46X03' 1 = 0.1 rank 3 (gap after the tie), completed 1, clients 1
--   'licht > 46X03 > licht' 1 = 0.1 rank 3, completed 1, clients 1
SELECT * FROM jeugdnorm.top_paths ORDER BY productgroep, rank, path;

-- The view's own order: productgroep (NULL last), rank, path.
SELECT array_agg(coalesce(productgroep, '~') || '/' || rank || '/' || path) = array_agg(coalesce(productgroep, '~') || '/' || rank || '/' || path ORDER BY productgroep, rank, path) AS ordered
  FROM jeugdnorm.top_paths;

-- The left-out path of client A (starts 2022-10-01) and D6 are in the paths layer, just not counted.
SELECT client_id, productgroep, path, start, einde, completed, in_window
  FROM jeugdnorm_internal.mv_group_paths
 WHERE NOT in_window
 ORDER BY client_id, productgroep, path_no;

SELECT column_name, data_type, numeric_precision, numeric_scale
  FROM information_schema.columns
 WHERE table_schema = 'jeugdnorm' AND table_name = 'top_paths'
 ORDER BY ordinal_position;
SELECT a.attname, col_description(a.attrelid, a.attnum)
  FROM pg_attribute a
 WHERE a.attrelid = 'jeugdnorm.top_paths'::regclass AND a.attnum > 0
 ORDER BY a.attnum;

DROP EXTENSION jeugdnorm CASCADE;
