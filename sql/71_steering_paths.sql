-- Section 9 path views ([S1], [S4]): ending_reasons, referrals, flow_by_wijk,
-- flow_by_kader, on hand-built regions, one per view (the input tables are
-- emptied between the parts).  Every expected number is worked out in the
-- comments above its query.
\set VERBOSITY terse
SET datestyle = 'ISO, YMD';
CREATE EXTENSION jeugdnorm;
\set QUIET 1
INSERT INTO jeugdnorm.product (productcategorie, productcode, omschrijving, productgroep, variant,
                               financieringsvorm, segment, tarief) VALUES
    ('45', '45A11', 'Ambulant licht',       'Ambulant', 'licht',  'inspanning', 'S', 60),
    ('45', '45A12', 'Ambulant midden',      'Ambulant', 'midden', 'inspanning', 'S', 60),
    ('46', '46P01', 'Pleegzorg',            'Pleeg',    NULL,     'plek',       'S', 50),
    ('43', '43A01', 'Verblijf',             'Verblijf', NULL,     'plek',       'S', 200),
    ('44', '44A01', 'Verblijf inspanning',  'Verblijf', NULL,     'inspanning', 'S', 80),
    ('47', '47001', 'Jeugdreclassering',    'JR',       NULL,     'traject',    'S', 1000),
    ('48', '48001', 'Jeugdbescherming',     'JB',       NULL,     'traject',    'S', 1000),
    ('48', '48P01', 'Jeugdbescherming plek','JB',       NULL,     'plek',       'S', 1000);
\unset QUIET

-- =============================================================================
-- Part A: ending_reasons
-- Window [2023-07-01, 2024-12-31], path_gap_days 90: a path is completed when
-- einde + 90 <= 2024-12-31, i.e. einde <= 2024-10-02.
-- Care paths per (client_id, aanbieder, product); the reason is that of the
-- last allocation: latest einddatum, then latest in contract order
-- (ingangsdatum, einddatum, toewijzingnummer, gemeente).
--   C1 / 10000001 / 45A11: A1a 01-01..03-31 '31', A1z 02-01..06-30 '32',
--        A1c 04-01..06-30 '34'.  A1z and A1c both end 06-30; A1c starts
--        later, so it is later in contract order (although 'A1c' < 'A1z'):
--        reason '34' voortijdig, in overeenstemming.  Ambulant 2024.
--   C1 / 20000002 / 45A11: A1p 01-01..02-15 '31' -- another provider, its own
--        path: volgens plan.  Ambulant 2024.
--   C11: A11a and A11b both 03-01..05-31, '35' and '33': equal dates, so the
--        toewijzingnummer decides, A11b is later: '33' voortijdig, eenzijdig
--        door de aanbieder.  Ambulant 2024.
--   C2:  A2 01-15..05-31, no reden: onbekend.  Ambulant 2024.
--   C3:  A3 45A12 2023-10-01..2024-02-29 '20' (tijdelijk beeindigd): overig.
--        Ambulant (45A12 is Ambulant too) 2024.
--   C4:  A4 03-01..07-31 '38' (overstap): overig.  Ambulant 2024.
--   C5:  A5 at 20000002, 02-01..08-31 '02' (overlijden): voortijdig, externe
--        omstandigheden, reason_code '35,02'.  Ambulant 2024.
--   C12: A12 45A12 07-01..10-02 '31': 10-02 + 90 = 12-31, completed: volgens
--        plan.  Ambulant 2024.
--   C13: A13 45A12 07-01..10-03 '31': 10-03 + 90 = 2025-01-01, not completed.
--   C6:  A6 05-01..11-30 '31': not completed.
--   C7:  A7 2023-01-01..2023-06-30 '31': einde before window_start.
--   C8:  A8 2023-03-01..2023-09-30 '31': starts before the window, ends in
--        it (the end counts): volgens plan, Ambulant 2023.
--   C10: A10 2023-08-01..2023-12-31 '36' (door de gemeente): overig, 2023.
--   C9:  A9 46P01 01-01..04-30 '33': Pleeg 2024, eenzijdig door de aanbieder.
--   C14: A14 aspecifiek 45 (productcode NULL) 01-01..03-31 '31': productgroep
--        NULL, volgens plan, 2024.
-- Ambulant 2023: volgens plan 1 (C8), overig 1 (C10): 2 paths, 0.5 each.
-- Ambulant 2024: 8 paths: volgens plan 2 (C1/2000, C12) 2/8 = 0.25;
--   in overeenstemming 1 (C1/1000) 0.125; eenzijdig door de aanbieder 1 (C11)
--   0.125; externe omstandigheden 1 (C5) 0.125; overig 2 (C3, C4) 0.25;
--   onbekend 1 (C2) 0.125.  0.25 + 4 x 0.125 + 0.25 = 1.
-- Pleeg 2024: 1 path, share 1.  NULL 2024: 1 path, share 1.
-- Order: productgroep (NULL last), year, the classes in the contract's order.
-- =============================================================================
\set QUIET 1
UPDATE jeugdnorm.settings SET window_start = '2023-07-01', peildatum = '2024-12-31', path_gap_days = 90;
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  ingangsdatum, einddatum, volume, eenheid, frequentie, reden_beeindiging) VALUES
    ('0758', 'A1a', 'C1',  '10000001', '45', '45A11', '2024-01-01', '2024-03-31', 2, '04', '2', '31'),
    ('0758', 'A1z', 'C1',  '10000001', '45', '45A11', '2024-02-01', '2024-06-30', 2, '04', '2', '32'),
    ('0758', 'A1c', 'C1',  '10000001', '45', '45A11', '2024-04-01', '2024-06-30', 2, '04', '2', '34'),
    ('0758', 'A1p', 'C1',  '20000002', '45', '45A11', '2024-01-01', '2024-02-15', 2, '04', '2', '31'),
    ('0758', 'A11a', 'C11', '10000001', '45', '45A11', '2024-03-01', '2024-05-31', 2, '04', '2', '35'),
    ('0758', 'A11b', 'C11', '10000001', '45', '45A11', '2024-03-01', '2024-05-31', 2, '04', '2', '33'),
    ('0758', 'A2',  'C2',  '10000001', '45', '45A11', '2024-01-15', '2024-05-31', 2, '04', '2', NULL),
    ('0758', 'A3',  'C3',  '10000001', '45', '45A12', '2023-10-01', '2024-02-29', 2, '04', '2', '20'),
    ('0758', 'A4',  'C4',  '10000001', '45', '45A11', '2024-03-01', '2024-07-31', 2, '04', '2', '38'),
    ('0758', 'A5',  'C5',  '20000002', '45', '45A11', '2024-02-01', '2024-08-31', 2, '04', '2', '02'),
    ('0758', 'A12', 'C12', '10000001', '45', '45A12', '2024-07-01', '2024-10-02', 2, '04', '2', '31'),
    ('0758', 'A13', 'C13', '10000001', '45', '45A12', '2024-07-01', '2024-10-03', 2, '04', '2', '31'),
    ('0758', 'A6',  'C6',  '10000001', '45', '45A11', '2024-05-01', '2024-11-30', 2, '04', '2', '31'),
    ('0758', 'A7',  'C7',  '10000001', '45', '45A11', '2023-01-01', '2023-06-30', 2, '04', '2', '31'),
    ('0758', 'A8',  'C8',  '10000001', '45', '45A11', '2023-03-01', '2023-09-30', 2, '04', '2', '31'),
    ('0758', 'A10', 'C10', '10000001', '45', '45A11', '2023-08-01', '2023-12-31', 2, '04', '2', '36'),
    ('0758', 'A9',  'C9',  '10000001', '46', '46P01', '2024-01-01', '2024-04-30', 1, '14', '1', '33'),
    ('0758', 'A14', 'C14', '10000001', '45', NULL,    '2024-01-01', '2024-03-31', 2, '04', '2', '31');
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset
\unset QUIET

-- The last allocation of each care path (mv_care_path_endings):
-- C1/10000001 -> A1c, C11 -> A11b; one-allocation paths -> themselves.
SELECT e.first_toewijzingnummer, e.last_toewijzingnummer, e.reden_beeindiging
  FROM jeugdnorm_internal.mv_care_path_endings e
 ORDER BY e.first_toewijzingnummer;

SELECT * FROM jeugdnorm.ending_reasons;

-- =============================================================================
-- Part B: referrals
-- Window [2023-01-01, 2024-12-31].  Paths per (client_id, productgroep) that
-- start in the window (the paths top_paths counts), by year(start) and the
-- verwijzer of the path's first allocation in contract order.
--   K1 Ambulant: B1a 45A11 2023-02-01..05-31 '02' huisarts, B1b 45A12
--      2023-06-15..12-31 '01' gemeente: gap 15, one path across variants,
--      first allocation B1a: huisarts, 2023.
--   K1 Ambulant: B2 2024-06-01..08-31 '04': gap 2023-12-31 -> 2024-06-01 =
--      153 > 90, a new path: gecertificeerde instelling, 2024.
--   K2 Ambulant: B3a 2023-03-01..04-30 '02' and B3b 2023-10-01..11-30 '02'
--      (gap 154): two paths, both huisarts, 2023.
--   K3 Ambulant: B4 2024-01-01..open, no verwijzer: onbekend, 2024.
--   K4 Ambulant: B5 2022-11-01..2023-03-31 '03': starts before the window,
--      not counted.
--   K5 Pleeg: B6 46P01 2024-02-01..05-31 '08': rechter, officier van justitie
--      of JJI, 2024.
--   K6 Ambulant: B7b 2024-03-01..04-30 '06' and B7a 2024-03-01..06-30 '05':
--      same start; the earlier einddatum is first in contract order (although
--      'B7a' < 'B7b'): zelfverwijzer/geen verwijzer, 2024.
--   K7 aspecifiek 45: B8 2024-05-01..07-31 '01': productgroep NULL, gemeente.
--   K8 Ambulant: B9 2025-01-10..open '02': starts after the peildatum, not
--      counted.
-- Rows (year, productgroep, verwijzer name):
--   2023 Ambulant huisarts                          3 paths (K1, K2 twice), 2 clients
--   2024 Ambulant gecertificeerde instelling        1, 1
--   2024 Ambulant onbekend (code NULL)              1, 1
--   2024 Ambulant zelfverwijzer/geen verwijzer      1, 1
--   2024 Pleeg    rechter, officier van justitie of JJI  1, 1
--   2024 NULL     gemeente                          1, 1
-- new_paths per productgroep: Ambulant 3 + 3 = 6, Pleeg 1, NULL 1 = top_paths.
-- =============================================================================
\set QUIET 1
DELETE FROM jeugdnorm.toewijzing;
UPDATE jeugdnorm.settings SET window_start = '2023-01-01', peildatum = '2024-12-31';
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  ingangsdatum, einddatum, volume, eenheid, frequentie, verwijzer) VALUES
    ('0758', 'B1a', 'K1', '10000001', '45', '45A11', '2023-02-01', '2023-05-31', 2, '04', '2', '02'),
    ('0758', 'B1b', 'K1', '20000002', '45', '45A12', '2023-06-15', '2023-12-31', 2, '04', '2', '01'),
    ('0758', 'B2',  'K1', '10000001', '45', '45A11', '2024-06-01', '2024-08-31', 2, '04', '2', '04'),
    ('0758', 'B3a', 'K2', '10000001', '45', '45A11', '2023-03-01', '2023-04-30', 2, '04', '2', '02'),
    ('0758', 'B3b', 'K2', '10000001', '45', '45A11', '2023-10-01', '2023-11-30', 2, '04', '2', '02'),
    ('0758', 'B4',  'K3', '10000001', '45', '45A11', '2024-01-01', NULL,         2, '04', '2', NULL),
    ('0758', 'B5',  'K4', '10000001', '45', '45A11', '2022-11-01', '2023-03-31', 2, '04', '2', '03'),
    ('0758', 'B6',  'K5', '10000001', '46', '46P01', '2024-02-01', '2024-05-31', 1, '14', '1', '08'),
    ('0758', 'B7b', 'K6', '10000001', '45', '45A11', '2024-03-01', '2024-04-30', 2, '04', '2', '06'),
    ('0758', 'B7a', 'K6', '10000001', '45', '45A11', '2024-03-01', '2024-06-30', 2, '04', '2', '05'),
    ('0758', 'B8',  'K7', '10000001', '45', NULL,    '2024-05-01', '2024-07-31', 2, '04', '2', '01'),
    ('0758', 'B9',  'K8', '10000001', '45', '45A11', '2025-01-10', NULL,         2, '04', '2', '02');
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset
\unset QUIET

SELECT * FROM jeugdnorm.referrals;

-- referrals counts exactly the paths of top_paths, per productgroep:
-- Ambulant 6 = 6, Pleeg 1 = 1, NULL 1 = 1.
SELECT productgroep,
       sum(paths) FILTER (WHERE src = 'top_paths') AS top_paths_paths,
       sum(paths) FILTER (WHERE src = 'referrals') AS referrals_new_paths
  FROM (SELECT 'top_paths' AS src, productgroep, paths FROM jeugdnorm.top_paths
        UNION ALL
        SELECT 'referrals', productgroep, new_paths FROM jeugdnorm.referrals) x
 GROUP BY productgroep
 ORDER BY productgroep;

-- =============================================================================
-- Part C: flow_by_wijk
-- Window [2024-01-01, 2024-12-31]: quarters Q1 01-01..03-31, Q2 04-01..06-30,
-- Q3 07-01..09-30, Q4 10-01..12-31.
-- wijk: 0758 5911 Centrum; 0758 5912 Noord and Centrum (a tie: the smallest,
-- Centrum); 0840 5911 Oost (the same postcode in another gemeente).
-- Paths per (client_id, productgroep); gemeente and postcode of the first
-- allocation:
--   P1 Ambulant 0758 5911 -> Centrum   2023-11-01..2024-02-15
--   P2 Ambulant 0758 5912 -> Centrum   2024-02-01..2024-09-30 (W2a 02-01..05-31,
--      then W2b in gemeente 0840, postcode 5911, 06-01..09-30: the first
--      allocation decides, so 0758 Centrum, not 0840 Oost)
--   P3 Ambulant 0758 5999 (no wijk row) -> onbekend   2024-04-01..open
--   P4 Ambulant 0758 postcode NULL -> onbekend         2024-07-01..08-15
--   P5 Ambulant 0840 5911 -> Oost                      2024-03-01..12-31
--   P6 Pleeg    0758 5912 -> Centrum                   2024-01-01..03-31
--   P7 Pleeg    0840 5911 -> Oost                      2022-01-01..06-30 (no quarter)
-- Per path and quarter (start = in care at start, in, uit, end = in care at end):
--   P1: Q1 start 1 (began before 01-01), uit 1 (02-15) -> 1,0,1,0
--   P2: Q1 0,1,0,1; Q2 1,0,0,1; Q3 1,0,1,0 (ends 09-30 = p_end)
--   P3: Q2 0,1,0,1; Q3 1,0,0,1; Q4 1,0,0,1 (open)
--   P4: Q3 0,1,1,0
--   P5: Q1 0,1,0,1; Q2 1,0,0,1; Q3 1,0,0,1; Q4 1,0,1,0 (ends 12-31 = p_end)
--   P6: Q1 0,1,1,0 (starts on p_start: instroom, not in care at start)
-- Rows (start, in, uit, end) per quarter Q1..Q4:
--   0758 Centrum  Ambulant (P1+P2): 1,1,1,1 | 1,0,0,1 | 1,0,1,0 | 0,0,0,0
--   0758 Centrum  Pleeg    (P6):    0,1,1,0 | 0,0,0,0 | 0,0,0,0 | 0,0,0,0
--   0758 onbekend Ambulant (P3+P4): 0,0,0,0 | 0,1,0,1 | 1,1,1,1 | 1,0,0,1
--   0840 Oost     Ambulant (P5):    0,1,0,1 | 1,0,0,1 | 1,0,0,1 | 1,0,1,0
--   0840 Oost     Pleeg    (P7):    zeros in every quarter (kept)
-- Summed per productgroep = flow:
--   Ambulant: Q1 1,2,1,2  Q2 2,1,0,3  Q3 3,1,2,2  Q4 2,0,1,1
--   Pleeg:    Q1 0,1,1,0  Q2..Q4 zeros
-- =============================================================================
\set QUIET 1
DELETE FROM jeugdnorm.toewijzing;
UPDATE jeugdnorm.settings SET window_start = '2024-01-01', peildatum = '2024-12-31';
INSERT INTO jeugdnorm.wijk (gemeente, postcode, wijk) VALUES
    ('0758', '5911', 'Centrum'), ('0758', '5912', 'Noord'), ('0758', '5912', 'Centrum'),
    ('0840', '5911', 'Oost');
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  ingangsdatum, einddatum, volume, eenheid, frequentie, postcode) VALUES
    ('0758', 'W1',  'P1', '10000001', '45', '45A11', '2023-11-01', '2024-02-15', 2, '04', '2', '5911'),
    ('0758', 'W2a', 'P2', '10000001', '45', '45A11', '2024-02-01', '2024-05-31', 2, '04', '2', '5912'),
    ('0840', 'W2b', 'P2', '10000001', '45', '45A12', '2024-06-01', '2024-09-30', 2, '04', '2', '5911'),
    ('0758', 'W3',  'P3', '10000001', '45', '45A11', '2024-04-01', NULL,         2, '04', '2', '5999'),
    ('0758', 'W4',  'P4', '10000001', '45', '45A11', '2024-07-01', '2024-08-15', 2, '04', '2', NULL),
    ('0840', 'W5',  'P5', '10000001', '45', '45A11', '2024-03-01', '2024-12-31', 2, '04', '2', '5911'),
    ('0758', 'W6',  'P6', '10000001', '46', '46P01', '2024-01-01', '2024-03-31', 1, '14', '1', '5912'),
    ('0840', 'W7',  'P7', '10000001', '46', '46P01', '2022-01-01', '2022-06-30', 1, '14', '1', '5911');
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset
\unset QUIET

SELECT * FROM jeugdnorm.flow_by_wijk;

-- Summed over gemeente and wijk: flow, row for row (no difference either way).
SELECT count(*) AS differences
  FROM ((SELECT productgroep, period_start, period_end, in_care_start, instroom, uitstroom, in_care_end, year, quarter
           FROM jeugdnorm.flow
         EXCEPT ALL
         SELECT productgroep, period_start, period_end, sum(in_care_start)::bigint, sum(instroom)::bigint,
                sum(uitstroom)::bigint, sum(in_care_end)::bigint, year, quarter
           FROM jeugdnorm.flow_by_wijk GROUP BY productgroep, period_start, period_end, year, quarter)
        UNION ALL
        (SELECT productgroep, period_start, period_end, sum(in_care_start)::bigint, sum(instroom)::bigint,
                sum(uitstroom)::bigint, sum(in_care_end)::bigint, year, quarter
           FROM jeugdnorm.flow_by_wijk GROUP BY productgroep, period_start, period_end, year, quarter
         EXCEPT ALL
         SELECT productgroep, period_start, period_end, in_care_start, instroom, uitstroom, in_care_end, year, quarter
           FROM jeugdnorm.flow)) d;
SELECT productgroep, period_start, in_care_start, instroom, uitstroom, in_care_end FROM jeugdnorm.flow;

-- A wijk row added for 5999 takes effect at the next refresh (none before):
-- P3 moves from onbekend to Zuid (Q1 zeros, Q2 0,1,0,1; Q3 1,0,0,1;
-- Q4 1,0,0,1); onbekend keeps P4 (Q3 0,1,1,0, the other quarters 0).
\set QUIET 1
INSERT INTO jeugdnorm.wijk (gemeente, postcode, wijk) VALUES ('0758', '5999', 'Zuid');
\unset QUIET
SELECT count(*) AS zuid_before_refresh FROM jeugdnorm.flow_by_wijk WHERE wijk = 'Zuid';
\set QUIET 1
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset
\unset QUIET
SELECT * FROM jeugdnorm.flow_by_wijk WHERE gemeente = '0758' AND wijk IN ('onbekend', 'Zuid');

-- =============================================================================
-- Part D: flow_by_kader
-- Window [2024-01-01, 2024-12-31], the same quarters.  Per allocation:
-- kader 'gedwongen' for productcategorie 47/48, else 'vrijwillig'; verblijf
-- for productcategorie 43/44 or a productcode whose financieringsvorm is
-- 'plek' (an aspecifiek allocation by its category only).  Paths per
-- (client_id, kader, verblijf) across providers and products, gap <= 90.
--   J1: D1 47001 01-15..06-30 and D2 48001 07-15..12-31: both gedwongen, no
--       verblijf, gap 15: one path 01-15..12-31 (jeugdreclassering, then
--       jeugdbescherming).  D3 45A11 02-01..03-31: vrijwillig, a path of its own.
--   J2: D4 44A01 (inspanning) 2023-12-01..2024-02-29: verblijf by category 44;
--       D5 46P01 (plek) at 20000002 04-01..05-31: verblijf by financieringsvorm;
--       gap 32: one path 2023-12-01..2024-05-31 across providers and products.
--   J3: D6 aspecifiek 46 04-01..open: category 46 only, so no verblijf (46P01
--       being 'plek' does not count): vrijwillig, f.
--   J4: D7 aspecifiek 43 08-01..09-30: verblijf by category: vrijwillig, t.
--   J5: D8a 48001 03-01..04-30 and D8b 48001 09-01..10-31: gap 124 > 90, two
--       paths, gedwongen, f.
--   J6: D9 48P01 (plek) 10-01..open: gedwongen, t.
-- Paths (start, in, uit, end) per quarter:
--   gedwongen f: J1 01-15..12-31: Q1 0,1,0,1  Q2 1,0,0,1  Q3 1,0,0,1  Q4 1,0,1,0
--                J5 03-01..04-30: Q1 0,1,0,1  Q2 1,0,1,0
--                J5 09-01..10-31: Q3 0,1,0,1  Q4 1,0,1,0
--                sum: Q1 0,2,0,2  Q2 2,0,1,1  Q3 1,1,0,2  Q4 2,0,2,0
--   gedwongen t: J6 10-01..open: Q4 0,1,0,1; Q1..Q3 zeros
--   vrijwillig f: J1 02-01..03-31: Q1 0,1,1,0
--                 J3 04-01..open:  Q2 0,1,0,1  Q3 1,0,0,1  Q4 1,0,0,1
--                 sum: Q1 0,1,1,0  Q2 0,1,0,1  Q3 1,0,0,1  Q4 1,0,0,1
--   vrijwillig t: J2 2023-12-01..2024-05-31: Q1 1,0,0,1  Q2 1,0,1,0
--                 J4 08-01..09-30: Q3 0,1,1,0
--                 sum: Q1 1,0,0,1  Q2 1,0,1,0  Q3 0,1,1,0  Q4 0,0,0,0 (kept)
-- =============================================================================
\set QUIET 1
DELETE FROM jeugdnorm.toewijzing;
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  ingangsdatum, einddatum, volume, eenheid, frequentie) VALUES
    ('0758', 'D1',  'J1', '10000001', '47', '47001', '2024-01-15', '2024-06-30', 1, '82', '6'),
    ('0758', 'D2',  'J1', '10000001', '48', '48001', '2024-07-15', '2024-12-31', 1, '82', '6'),
    ('0758', 'D3',  'J1', '10000001', '45', '45A11', '2024-02-01', '2024-03-31', 2, '04', '2'),
    ('0758', 'D4',  'J2', '10000001', '44', '44A01', '2023-12-01', '2024-02-29', 2, '04', '2'),
    ('0758', 'D5',  'J2', '20000002', '46', '46P01', '2024-04-01', '2024-05-31', 1, '14', '1'),
    ('0758', 'D6',  'J3', '10000001', '46', NULL,    '2024-04-01', NULL,         1, '14', '1'),
    ('0758', 'D7',  'J4', '10000001', '43', NULL,    '2024-08-01', '2024-09-30', 1, '14', '1'),
    ('0758', 'D8a', 'J5', '10000001', '48', '48001', '2024-03-01', '2024-04-30', 1, '82', '6'),
    ('0758', 'D8b', 'J5', '10000001', '48', '48001', '2024-09-01', '2024-10-31', 1, '82', '6'),
    ('0758', 'D9',  'J6', '10000001', '48', '48P01', '2024-10-01', NULL,         1, '14', '1');
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset
\unset QUIET

SELECT client_id, kader, verblijf, path_no, start, einde, allocations, first_toewijzingnummer
  FROM jeugdnorm_internal.mv_kader_paths
 ORDER BY client_id, kader, verblijf, path_no;

SELECT * FROM jeugdnorm.flow_by_kader;

-- =============================================================================
-- Shape: contract columns and BI types (section 8) of the four views.
-- =============================================================================
SELECT table_name, column_name, data_type, numeric_precision, numeric_scale
  FROM information_schema.columns
 WHERE table_schema = 'jeugdnorm'
   AND table_name IN ('ending_reasons', 'referrals', 'flow_by_wijk', 'flow_by_kader')
 ORDER BY table_name, ordinal_position;

DROP EXTENSION jeugdnorm CASCADE;
