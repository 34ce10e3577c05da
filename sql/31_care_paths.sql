-- 31_care_paths: jeugdnorm.care_paths (and the group paths behind top_paths
-- and flow) on the small fixture region.  Every number is computed by hand
-- below from the table at the top of test/fixtures/small_region.sql.
-- months = days / 30.4375; frequentie_per_week = volume * 7 / days_levering;
-- completed = einde + 90 <= 2025-06-30; in_window = start in [2023-01-01, 2025-06-30].
\set VERBOSITY terse
SET datestyle = ISO;
CREATE EXTENSION jeugdnorm;
\i test/fixtures/small_region.sql
-- (only the path layer's views are listed; analyses may add their own)
SELECT r.materialized_view, r.concurrently FROM jeugdnorm.refresh() r
 WHERE r.materialized_view IN
       ('jeugdnorm_internal.mv_path_allocations', 'jeugdnorm_internal.mv_allocation_follow_up',
        'jeugdnorm_internal.mv_care_paths', 'jeugdnorm_internal.mv_group_paths');

-- Path 1 of A/R/45A12: T01 + T02 (gap 2023-04-01 - 2023-03-31 = 1), gemeente of
--   T01 0758 (T02 is 0840); 2022-10-01..2023-09-30 = 92 + 273 = 365 days,
--   months 365/30.4375 = 11.991786; claims 1-3 2022-10-01..2023-09-30 = 365
--   days; volume 24 + 24 + 50 = 98 uur; 98*7/365 = 1.879452; norm 45A12 v1
--   (2021-01-01..2023-12-31 holds 2022-10-01): 100 / 12 / 3; start before
--   the window: in_window false; completed (2023-12-29).
-- Path 2 of A/R/45A12: T03 + nested T04 (gap 153 > 90: new path; T12 '13' is
--   not there to bridge it); 2024-03-01..2024-08-31 = 184 days, 6.045175
--   months; claims 4, 5, 6 (euro), 9; net-zero 7+8 gone, so the last day is
--   2024-08-31 (line 6, euro counts for days) and the first 2024-03-04:
--   181 days, 181/30.4375 = 5.946612; volume 16 + 30 + 6 = 52 (75 euro left
--   out); 52*7/181 = 364/181 = 2.011050; norm v2 (from 2024-01-01): 80/9/2.5;
--   claim_lines 4.
-- Path 1 of A/R/54001: T10 2023-01-10..2023-06-30 = 22+28+31+30+31+30 = 172
--   days, 5.650924 months; claim 19 the same 172 days; volume 1 stuks;
--   7/172 = 0.040698; no 54001 norm -> productgroep GGZ: volume NULL,
--   6 months, frequentie NULL (the row is taken whole).
-- Path 2 of A/R/54001: T05 open from 2025-01-15: einde, days_toewijzing,
--   months_toewijzing NULL, not completed; claim 10 2025-01-15..2025-03-31
--   = 17+28+31 = 76 days, 2.496920 months; 7/76 = 0.092105.
-- Path 1 of A/M/45A30: T09 2023-05-01..2023-10-31 = 184 days (6.045175);
--   claims 17+18 same 184 days; (20+22) dagdelen * 4 = 168 uur;
--   168*7/184 = 6.391304; no 45A30 norm -> Ambulant 150/12/4.
-- Path 2 of A/M/45A30: T13 2025-03-01..2025-05-31 = 92 days, 3.022587 months;
--   no claims: days_levering, months_levering, volume, frequentie NULL,
--   claim_lines 0; 2025-05-31 + 90 = 2025-08-29 > peildatum: not completed.
-- Path 1 of B/R/45A12: T07 2023-03-01..2023-08-31 = 184 days; claims 12-15
--   same period; 20 - 20 + 18 + 1320/60 = 40 uur; 280/184 = 1.521739; v1.
--   (T08, B at 22, is not there.)
-- Path 1 of B/R/54001: T06 2023-02-01..2023-09-30 = 28+31+30+31+30+31+31+30
--   = 242 days, 7.950719 months (above the GGZ 6); 7/242 = 0.028926.
-- Path 1 of B/M/45 (aspecifiek T11): 2023-09-01..2023-12-31 = 122 days,
--   4.008214 months; 1800/60 = 30 uur; 210/122 = 1.721311; productgroep,
--   variant, financieringsvorm NULL; no norm (no '45' row, no group).
SELECT client_id, aanbieder, product, productgroep, path_no, gemeente, start, einde,
       allocations, days_toewijzing, days_levering, months_toewijzing, months_levering
  FROM jeugdnorm.care_paths;
SELECT client_id, aanbieder, product, path_no, volume, unit, frequentie_per_week, completed,
       norm_volume, norm_doorlooptijd_maanden, norm_frequentie_per_week
  FROM jeugdnorm.care_paths;
SELECT client_id, aanbieder, product, path_no, productcategorie, productcode, variant,
       financieringsvorm, segment, in_window, claim_lines, first_toewijzingnummer
  FROM jeugdnorm.care_paths;

-- Group paths per (client_id, productgroep), labels coalesce(variant, product):
--   A Ambulant 1: T01 (midden), T02 (midden), T09 (maatwerk, starts inside
--     T02): 2022-10-01..2023-10-31 = 365 + 31 = 396 days, 'midden > maatwerk'
--   A Ambulant 2: T03, T04 (gap 2024-03-01 - 2023-10-31 = 122): 184 days 'midden'
--   A Ambulant 3: T13 (gap 182): 92 days 'maatwerk', not completed
--   A GGZ 1: T10 172 days 'licht'; A GGZ 2: T05 open 'licht'
--   B Ambulant 1: T07 184 'midden'; B GGZ 1: T06 242 'licht';
--   B NULL productgroep: T11 122 days, label the product '45'.
SELECT client_id, productgroep, path_no, gemeente, start, einde, allocations, path, days,
       completed, in_window, first_toewijzingnummer
  FROM jeugdnorm_internal.mv_group_paths ORDER BY client_id, productgroep, path_no;

-- Norm lookup [R9] edge cases (rows added for this test only):
--   ('45A30', NULL geldig_van): never matches -> 45A30 keeps the Ambulant norm;
--   ('45A12', 2024-02-01, open): valid on 2024-03-01 next to v2 (2024-01-01);
--     the latest geldig_van wins -> A/R/45A12 path 2 gets 50 / 5 / 1;
--   ('45', 2020-01-01): the aspecifiek path's product is the category -> 10 / 3 / 2;
--   ('Ambulant', 2024-06-01, 1/1/1): a group row never beats a product row,
--     and 45A30 path 2 (start 2025-03-01) takes it: latest group version.
INSERT INTO jeugdnorm.norm (productcode, geldig_van, geldig_tot, max_doorlooptijd_maanden, max_volume, max_frequentie_per_week) VALUES
    ('45A30',    NULL,         NULL, 1, 1, 1),
    ('45A12',    '2024-02-01', NULL, 5, 50, 1),
    ('45',       '2020-01-01', NULL, 3, 10, 2),
    ('Ambulant', '2024-06-01', NULL, 1, 1, 1);
-- Extra allocations: C's 45A12 claimed only in euro (volume NULL, days 31);
-- two allocations without client_id and aanbieder (NULL is one group: two
-- paths, gap 2023-06-01 - 2023-01-31 = 121 > 90).
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  ingangsdatum, einddatum, volume, eenheid, frequentie) VALUES
    ('0758', 'Y1', 'C',  '10000001', '45', '45A12', '2023-01-01', '2023-01-31', 2, '04', '2'),
    ('0758', 'N1', NULL, NULL,       '45', '45A12', '2023-01-01', '2023-01-31', 2, '04', '2'),
    ('0758', 'N2', NULL, NULL,       '45', '45A12', '2023-06-01', '2023-06-30', 2, '04', '2');
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum, einddatum, volume, eenheid, bedrag) VALUES
    ('0758', 'Y1', '2023-01-01', '2023-01-31', 100, '83', 100);
-- Before the refresh nothing changed (materialised): still 9 paths.
SELECT count(*) AS paths FROM jeugdnorm.care_paths;
SELECT count(*) >= 4 AS refreshed FROM jeugdnorm.refresh();
-- 9 + Y1 + N1 + N2 = 12 paths.
--   C/R/45A12: 2023-01-01..01-31, 31 days both bases, volume NULL (only a
--     euro line), frequentie NULL, claim_lines 1; norm v1 100/12/3.
--   NULL/NULL/45A12 paths 1 (31 days) and 2 (30 days), no claims; v1.
SELECT client_id, aanbieder, product, path_no, start, einde, days_toewijzing, days_levering,
       volume, frequentie_per_week, claim_lines, norm_volume, norm_doorlooptijd_maanden,
       norm_frequentie_per_week
  FROM jeugdnorm.care_paths;

DROP EXTENSION jeugdnorm CASCADE;
