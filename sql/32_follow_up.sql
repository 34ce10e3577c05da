-- 32_follow_up: jeugdnorm.allocation_follow_up on the small fixture region.
-- Classification per (client_id, product) over the whole history [R2], in
-- contract order; gap = ingangsdatum - latest einddatum of the earlier ones;
-- verlenging gap <= 90, recidive 90 < gap <= 365, nieuw above, eerste first.
\set VERBOSITY terse
SET datestyle = ISO;
CREATE EXTENSION jeugdnorm;
\i test/fixtures/small_region.sql
-- (only the path layer's views are listed; analyses may add their own)
SELECT r.materialized_view, r.concurrently FROM jeugdnorm.refresh() r
 WHERE r.materialized_view IN
       ('jeugdnorm_internal.mv_path_allocations', 'jeugdnorm_internal.mv_allocation_follow_up',
        'jeugdnorm_internal.mv_care_paths', 'jeugdnorm_internal.mv_group_paths');

-- By hand (T08 age 22 and T12 '13' are not listed; T12 would otherwise have
-- made T03 a verlenging with gap 2024-03-01 - 2023-12-31 = 61):
--   0758 T01 A 45A12  eerste        gap NULL   path 1
--   0758 T03 A 45A12  recidive      2024-03-01 - 2023-09-30 = 31+30+31+31+29+1 = 153   path 2
--   0758 T04 A 45A12  verlenging    2024-05-01 - 2024-08-31 (T03) = -122               path 2
--   0758 T05 A 54001  nieuw         2025-01-15 - 2023-06-30 = 366 + 199 = 565          path 2
--   0758 T06 B 54001  eerste                                                           path 1
--   0758 T07 B 45A12  eerste                                                           path 1
--   0758 T09 A 45A30  eerste        (provider M; the product counts, not the provider) path 1
--   0758 T10 A 54001  eerste                                                           path 1
--   0758 T11 B 45     eerste        (aspecifiek: product is the category; financieringsvorm,
--                                    productgroep NULL)                                path 1
--   0758 T13 A 45A30  nieuw         2025-03-01 - 2023-10-31 = 366 + 121 = 487          path 2
--   0840 T02 A 45A12  verlenging    2023-04-01 - 2023-03-31 = 1                        path 1
SELECT * FROM jeugdnorm.allocation_follow_up;

-- Bounds are settings, read at refresh: extension_days 160, recidive_days
-- 500 make T03 (153) a verlenging and T13 (487) a recidive; T05 (565) stays
-- nieuw.  Before the refresh the view still shows the old classes.
UPDATE jeugdnorm.settings SET extension_days = 160, recidive_days = 500;
SELECT toewijzingnummer, gap_days, follow_up FROM jeugdnorm.allocation_follow_up
 WHERE toewijzingnummer IN ('T03', 'T05', 'T13') ORDER BY toewijzingnummer;
SELECT count(*) >= 4 AS refreshed FROM jeugdnorm.refresh();
SELECT toewijzingnummer, gap_days, follow_up FROM jeugdnorm.allocation_follow_up
 WHERE toewijzingnummer IN ('T03', 'T05', 'T13') ORDER BY toewijzingnummer;
UPDATE jeugdnorm.settings SET extension_days = 90, recidive_days = 365;

-- An open earlier allocation, and equal start dates (einddatum NULLS LAST):
--   Z3 2023-01-01..2023-03-31 comes first: eerste;
--   Z1 2023-01-01..open: gap 2023-01-01 - 2023-03-31 = -89, verlenging;
--   Z2 2023-06-01..2023-12-31: the earlier Z1 is open, so gap NULL, verlenging.
-- All three form one care path (path_no 1).
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  ingangsdatum, einddatum, volume, eenheid, frequentie) VALUES
    ('0758', 'Z1', 'F', '10000001', '45', '45A12', '2023-01-01', NULL,         2, '04', '2'),
    ('0758', 'Z2', 'F', '10000001', '45', '45A12', '2023-06-01', '2023-12-31', 2, '04', '2'),
    ('0758', 'Z3', 'F', '10000001', '45', '45A12', '2023-01-01', '2023-03-31', 2, '04', '2');
SELECT count(*) >= 4 AS refreshed FROM jeugdnorm.refresh();
SELECT toewijzingnummer, ingangsdatum, einddatum, gap_days, follow_up, path_no
  FROM jeugdnorm.allocation_follow_up WHERE client_id = 'F';

DROP EXTENSION jeugdnorm CASCADE;
