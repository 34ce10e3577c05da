-- 72_data_quality: jeugdnorm.data_quality and data_quality_rows (DEFINITIONS
-- [S1], [S5]).  First a clean region in which all thirteen signals are 0 (and
-- its boundary cases: a traject of 1 claimed as 1, 120 minutes claimed as
-- 3 x 40 minutes, a budget claimed to the euro, an allocation starting the
-- day after the previous one ends, a line ending on the peildatum).  Then
-- one anomaly per signal, so that each fires exactly once, with rows,
-- amount and example worked out by hand.  Then the rule "every claim line
-- left out of the views is reported exactly once", for drop_net_zero true
-- and false, the edge cases, product mapping and tenancy.
\set VERBOSITY terse
SET datestyle = ISO;
CREATE EXTENSION jeugdnorm;

-- ---- the clean region --------------------------------------------------------------
-- peildatum 2024-12-31, path_gap_days 90, max_age 21, drop_net_zero true.
UPDATE jeugdnorm.settings SET window_start = '2021-01-01', peildatum = '2024-12-31';
INSERT INTO jeugdnorm.product (productcategorie, productcode, omschrijving, productgroep, variant,
                               financieringsvorm, segment, tarief) VALUES
    ('45', '45A12', 'Ambulant midden', 'Ambulant', 'midden', 'inspanning', 'Jeugdhulp ambulant', 75),
    ('45', '45A13', 'Ambulant zwaar', 'Ambulant', 'zwaar', 'inspanning', 'Jeugdhulp ambulant', 90),
    ('54', '54001', 'GGZ traject', 'GGZ', NULL, 'traject', 'GGZ', 2500);
-- 45X99 is contracted but (below) missing from the catalogue; 45A13 is in
-- the catalogue but not contracted.
INSERT INTO jeugdnorm.contract (gemeente, aanbieder, productcode, geldig_van, geldig_tot) VALUES
    ('0758', '10000001', '45A12', '2020-01-01', NULL),
    ('0758', '10000001', '54001', '2020-01-01', NULL),
    ('0758', '10000001', '45X99', '2020-01-01', NULL);
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie, budget, reden_wijziging, toewijzingsdatum) VALUES
    -- 2 uur per week, 181 days: 2 x 181 / 7 = 51.71 uur allocated
    ('0758', 'T01', 'K01', '2010-05-01', '10000001', '45', '45A12', '2023-01-01', '2023-06-30', 2, '04', '2', NULL, NULL, '2022-12-20'),
    -- a traject: 1 stuks in total
    ('0758', 'T10', 'K10', '2012-01-01', '10000001', '54', '54001', '2023-01-01', '2023-12-31', 1, '82', '6', NULL, NULL, NULL),
    -- 120 minutes in total = 2 uur
    ('0758', 'T11', 'K11', '2011-01-01', '10000001', '45', '45A12', '2023-04-01', '2023-06-30', 120, '01', '6', NULL, NULL, NULL),
    -- K12: T13 starts the day after T12 ends (gap 1: no overlap); T13 is open
    ('0758', 'T12', 'K12', '2013-01-01', '10000001', '45', '45A12', '2023-01-01', '2023-06-30', 2, '04', '2', NULL, NULL, NULL),
    ('0758', 'T13', 'K12', '2013-01-01', '10000001', '45', '45A12', '2023-07-01', NULL, 2, '04', '2', NULL, NULL, NULL),
    -- a budget of 1000 euro
    ('0758', 'T14', 'K14', '2014-01-01', '10000001', '45', '45A12', '2023-01-01', '2023-12-31', NULL, '83', NULL, 1000, NULL, NULL);
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                  productcode, begindatum, einddatum, volume, eenheid, bedrag) VALUES
    ('0758', 'T01', 'K01', '10000001', '45', '45A12', '2023-01-01', '2023-01-31', 8, '04', 800),     -- 1
    ('0758', 'T10', 'K10', '10000001', '54', '54001', '2023-01-01', '2023-12-31', 1, '82', 2500),    -- 2
    ('0758', 'T11', 'K11', '10000001', '45', '45A12', '2023-04-01', '2023-04-30', 40, '01', 50),     -- 3
    ('0758', 'T11', 'K11', '10000001', '45', '45A12', '2023-05-01', '2023-05-31', 40, '01', 50),     -- 4
    ('0758', 'T11', 'K11', '10000001', '45', '45A12', '2023-06-01', '2023-06-30', 40, '01', 50),     -- 5
    ('0758', 'T12', 'K12', '10000001', '45', '45A12', '2023-01-01', '2023-01-31', 8, '04', 800),     -- 6
    ('0758', 'T13', 'K12', '10000001', '45', '45A12', '2024-12-01', '2024-12-31', 8, '04', 800),     -- 7
    ('0758', 'T14', 'K14', '10000001', '45', '45A12', '2023-03-01', '2023-03-31', 1000, '83', 1000); -- 8
INSERT INTO jeugdnorm.verzoek (gemeente, verzoeknummer, client_id, aanbieder, productcategorie, productcode,
                               ontvangen, volume, eenheid, frequentie, antwoord, antwoord_datum, toewijzingnummer) VALUES
    ('0758', 'V01', 'K01', '10000001', '45', '45A12', '2022-12-01', 2, '04', '2', 'toegewezen', '2022-12-20', 'T01'),
    ('0758', 'V02', 'K15', '10000001', '45', '45A12', '2024-12-15', 2, '04', '2', NULL, NULL, NULL);
SELECT count(*) > 0 AS refreshed FROM jeugdnorm.refresh() \gset

-- The views read the rows of the last jeugdnorm.refresh() (as the paths do).
-- All thirteen rows, each 0 with NULL amount and example, in the [S1] order.
SELECT signal_order, signal, rows, amount, example, claim_lines FROM jeugdnorm.data_quality;
SELECT count(*) AS rows_behind FROM jeugdnorm.data_quality_rows;

-- ---- one anomaly per signal --------------------------------------------------------
-- Claim lines get declaratie_id 9.. in insertion order.
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie, budget, reden_wijziging, toewijzingsdatum) VALUES
    ('0758', 'T21', 'K21', '2011-02-02', '10000001', '45', '45A12', '2023-01-01', '2023-03-31', 2, '04', '2', NULL, NULL, NULL),
    ('0758', 'T22', 'K22', '2011-02-02', '10000001', '45', '45A12', '2023-01-01', '2023-06-30', 2, '04', '2', NULL, NULL, NULL),
    ('0758', 'T23', 'K23', '2011-02-02', '10000001', '45', '45A12', '2023-01-01', '2023-06-30', 2, '04', '2', NULL, NULL, NULL),
    ('0758', 'T24', 'K24', '2011-02-02', '10000001', '45', '45A12', '2023-01-01', '2023-06-30', 2, '04', '2', NULL, NULL, NULL),
    ('0758', 'T25', 'K25', '2011-02-02', '10000001', '45', '45A12', '2023-01-01', '2023-06-30', 2, '04', '2', NULL, '13', NULL),
    -- age(2023-07-01, 2001-06-15) = 22 years > max_age 21
    ('0758', 'T26', 'K26', '2001-06-15', '10000001', '45', '45A12', '2023-07-01', '2023-12-31', 2, '04', '2', NULL, NULL, NULL),
    -- 2024-10-02 + 90 = 2024-12-31 <= peildatum: completed; T28 ends a day later: 2025-01-01, not completed
    ('0758', 'T27', 'K27', '2011-02-02', '10000001', '45', '45A12', '2024-07-01', '2024-10-02', 2, '04', '2', NULL, NULL, NULL),
    ('0758', 'T28', 'K28', '2011-02-02', '10000001', '45', '45A12', '2024-07-01', '2024-10-03', 2, '04', '2', NULL, NULL, NULL),
    -- 10 uur in total
    ('0758', 'T29', 'K29', '2011-02-02', '10000001', '45', '45A12', '2023-01-01', '2023-03-31', 10, '04', '6', NULL, NULL, NULL),
    -- K30: T31 starts on the day T30 ends
    ('0758', 'T30', 'K30', '2011-02-02', '10000001', '45', '45A12', '2023-01-01', '2023-06-30', 2, '04', '2', NULL, NULL, NULL),
    ('0758', 'T31', 'K30', '2011-02-02', '10000001', '45', '45A12', '2023-06-30', '2023-12-31', 2, '04', '2', NULL, NULL, NULL),
    ('0758', 'T32', 'K32', '2011-02-02', '10000001', '45', '45X99', '2023-01-01', '2023-06-30', 2, '04', '2', NULL, NULL, NULL),
    ('0758', 'T33', 'K33', '2011-02-02', '10000001', '45', '45A12', '2023-01-01', '2023-06-30', 2, '04', '2', NULL, NULL, NULL),
    ('0758', 'T34', 'K34', '2011-02-02', '10000001', '45', '45A12', '2025-01-06', NULL, 2, '04', '2', NULL, NULL, '2024-12-20');
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                  productcode, begindatum, einddatum, volume, eenheid, bedrag) VALUES
    ('0758', 'T99', 'K99', '10000001', '45', '45A12', '2023-02-01', '2023-02-28', 4, '04', 400),     -- 9: no allocation T99
    ('0758', 'T21', 'K21', '10000001', '45', '45A12', '2023-03-15', '2023-04-15', 4, '04', 420),     -- 10: ends after T21
    ('0758', 'T22', 'K22', '10000001', '45', '45A12', '2023-01-01', '2023-01-31', 1, '14', 430),     -- 11: etmaal on an uur allocation
    ('0758', 'T23', 'K23', '10000001', '45', '45A12', '2023-02-01', '2023-02-28', 5, '04', 500),     -- 12: } net 0
    ('0758', 'T23', 'K23', '10000001', '45', '45A12', '2023-02-01', '2023-02-28', -5, '04', -500),   -- 13: }
    ('0758', 'T23', 'K23', '10000001', '45', '45A12', '2023-03-01', '2023-03-31', 5, '04', 450),     -- 14
    ('0758', 'T24', 'K24', '10000001', '45', '45A12', '2023-02-01', '2023-02-28', 3, '04', 300),     -- 15
    ('0758', 'T24', 'K24', '10000001', '45', '45A12', '2023-02-01', '2023-02-28', 3, '04', 300),     -- 16: copy of 15
    ('0758', 'T25', 'K25', '10000001', '45', '45A12', '2023-01-01', '2023-01-31', 6, '04', 600),     -- 17: of deleted T25
    ('0758', 'T26', 'K26', '10000001', '45', '45A12', '2023-07-01', '2023-07-31', 7, '04', 700),     -- 18: of T26, client 22
    ('0758', 'T29', 'K29', '10000001', '45', '45A12', '2023-01-01', '2023-01-31', 6, '04', 690),     -- 19: } 10.5 uur of 10
    ('0758', 'T29', 'K29', '10000001', '45', '45A12', '2023-02-01', '2023-02-28', 4.5, '04', 517.50), -- 20: }
    ('0758', 'T30', 'K30', '10000001', '45', '45A12', '2023-01-01', '2023-01-31', 4, '04', 400),     -- 21
    ('0758', 'T31', 'K30', '10000001', '45', '45A12', '2023-07-01', '2023-07-31', 4, '04', 440),     -- 22
    ('0758', 'T32', 'K32', '10000001', '45', '45X99', '2023-01-01', '2023-01-31', 4, '04', 1600),    -- 23
    ('0758', 'T33', 'K33', '10000001', '45', '45A13', '2023-01-01', '2023-01-31', 4, '04', 1700);    -- 24: 45A13 not contracted
-- Not visible before the next refresh: still all 0.
SELECT sum(rows) AS rows_before_refresh FROM jeugdnorm.data_quality;
SELECT count(*) > 0 AS refreshed FROM jeugdnorm.refresh() \gset

-- Expected, signal by signal (rows / amount / example / claim_lines):
--  1 claims_without_allocation: line 9 / 400.00 / '0758 T99' / 1
--  2 claims_outside_allocation_period: line 10 (2023-04-15 > T21's 2023-03-31) / 420.00 / '0758 T21' / 1
--  3 claims_other_unit_family: line 11 (etmaal, T22 in uur) / 430.00 / '0758 T22' / 1
--  4 claims_net_zero: lines 12 and 13, 500 - 500 = 0 / 2 rows / 0.00 / '0758 T23' / 2
--    (line 14 is another period and stays)
--  5 claims_duplicate: line 16, copy of 15 / 300.00 / '0758 T24' / 1
--  6 allocations_deleted: T25 with line 17 / 600.00 / '0758 T25' / 1
--  7 allocations_above_max_age: T26 (22 on 2023-07-01) with line 18 / 700.00 / '0758 T26' / 1
--  8 allocations_completed_without_claims: T27 (2024-10-02 + 90 = 2024-12-31) / NULL / '0758 T27' / 0;
--    T28 (2024-10-03 + 90 = 2025-01-01 > peildatum) is not completed
--  9 allocations_claimed_above_100: T29, 6 + 4.5 = 10.5 > 10 uur / 690 + 517.50 = 1207.50 / '0758 T29' / 2
-- 10 allocations_overlapping: T31 starts 2023-06-30 = T30's end / line 22: 440.00 / '0758 T31' / 1
-- 11 products_missing_from_catalogue: T32 (45 45X99) / line 23: 1600.00 / '0758 T32' / 1
-- 12 claims_nga: line 24 (45A13, no contract) / 1700.00 / '0758 T33' / 1
-- 13 rows_after_peildatum: T34 (ingangsdatum 2025-01-06) / NULL / '0758 T34' / 0
SELECT signal_order, signal, rows, amount, example, claim_lines FROM jeugdnorm.data_quality;

-- The rows behind them, with the mapped product (no mapping rows: the code)
-- and the detail.  Line 9 has no allocation: its own client K99 and provider.
SELECT signal, gemeente, toewijzingnummer, client_id, aanbieder, product, detail
  FROM jeugdnorm.data_quality_rows;
SELECT signal, row_type, row_key, declaratie_id, verzoeknummer, claim_lines, amount
  FROM jeugdnorm.data_quality_rows;

-- rows = count(data_quality_rows) per signal, amount = their sum, example = their smallest key.
SELECT q.signal
  FROM jeugdnorm.data_quality q
  LEFT JOIN (SELECT signal, count(*) AS n, sum(amount) AS amount, min(row_key COLLATE "C") AS example
               FROM jeugdnorm.data_quality_rows GROUP BY signal) r USING (signal)
 WHERE q.rows <> coalesce(r.n, 0)
    OR q.amount IS DISTINCT FROM r.amount
    OR q.example IS DISTINCT FROM r.example;

-- ---- every left-out claim line reported exactly once -----------------------------------
-- 24 lines.  drop_net_zero true: kept 24 - 9 - 17 - 18 - 12 - 13 = 19;
-- reported: claims_without_allocation 1 + allocations_deleted 1 +
-- allocations_above_max_age 1 + claims_net_zero 2 = 5; 19 + 5 = 24.
SELECT (SELECT count(*) FROM jeugdnorm.declaratie) AS all_lines,
       (SELECT count(*) FROM jeugdnorm_internal.claims) AS kept,
       (SELECT sum(claim_lines) FROM jeugdnorm.data_quality
         WHERE signal IN ('claims_without_allocation', 'allocations_deleted',
                          'allocations_above_max_age', 'claims_net_zero')) AS reported;
-- drop_net_zero false: lines 12 and 13 are kept (21), claims_net_zero still
-- reports them (2 rows, detail says kept), the left-out lines are 9, 17, 18:
-- 21 + 3 = 24.  The other signals do not change (12 and 13 are clean lines).
UPDATE jeugdnorm.settings SET drop_net_zero = false;
SELECT count(*) > 0 AS refreshed FROM jeugdnorm.refresh() \gset
SELECT (SELECT count(*) FROM jeugdnorm.declaratie) AS all_lines,
       (SELECT count(*) FROM jeugdnorm_internal.claims) AS kept,
       (SELECT sum(claim_lines) FROM jeugdnorm.data_quality
         WHERE signal IN ('claims_without_allocation', 'allocations_deleted',
                          'allocations_above_max_age')) AS reported;
SELECT signal, rows, amount, example FROM jeugdnorm.data_quality WHERE rows > 0;
SELECT declaratie_id, detail FROM jeugdnorm.data_quality_rows WHERE signal = 'claims_net_zero';
UPDATE jeugdnorm.settings SET drop_net_zero = true;
SELECT count(*) > 0 AS refreshed FROM jeugdnorm.refresh() \gset

-- Precedence (rolled back afterwards; the lines get ids 25..29).  A net-zero
-- pair of the deleted T25 (lines 25, 26: 200 - 200) is in T25's amount and
-- claim_lines, not in claims_net_zero; a net-zero pair without allocation
-- (T98, lines 27, 28: 100 - 100) is in claims_without_allocation, not in
-- claims_net_zero; T35 is both '13' and of a client above max_age (33 on
-- 2023-01-01): allocations_deleted only, with its line 29 (55).
--   claims_without_allocation: lines 9, 27, 28: 3 rows, 400 + 100 - 100 = 400.00,
--     example '0758 T98' ('T98' < 'T99'), 3 lines
--   claims_net_zero: unchanged, 2 rows, 0.00, 2 lines
--   allocations_deleted: T25 (lines 17, 25, 26) and T35 (line 29): 2 rows,
--     600 + 200 - 200 + 55 = 655.00, 4 lines
--   allocations_above_max_age: unchanged, T26, 700.00, 1 line
-- 29 lines = 19 kept + 3 + 4 + 1 + 2 reported.
BEGIN;
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie, reden_wijziging) VALUES
    ('0758', 'T35', 'K35', '1990-01-01', '10000001', '45', '45A12', '2023-01-01', '2023-06-30', 2, '04', '2', '13');
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                  productcode, begindatum, einddatum, volume, eenheid, bedrag) VALUES
    ('0758', 'T25', 'K25', '10000001', '45', '45A12', '2023-02-01', '2023-02-28', 2, '04', 200),     -- 25
    ('0758', 'T25', 'K25', '10000001', '45', '45A12', '2023-02-01', '2023-02-28', -2, '04', -200),   -- 26
    ('0758', 'T98', 'K98', '10000001', '45', '45A12', '2023-02-01', '2023-02-28', 1, '04', 100),     -- 27
    ('0758', 'T98', 'K98', '10000001', '45', '45A12', '2023-02-01', '2023-02-28', -1, '04', -100),   -- 28
    ('0758', 'T35', 'K35', '10000001', '45', '45A12', '2023-02-01', '2023-02-28', 1, '04', 55);      -- 29
SELECT count(*) > 0 AS refreshed FROM jeugdnorm.refresh() \gset
SELECT signal, rows, amount, example, claim_lines FROM jeugdnorm.data_quality
 WHERE signal IN ('claims_without_allocation', 'claims_net_zero', 'allocations_deleted',
                  'allocations_above_max_age');
SELECT (SELECT count(*) FROM jeugdnorm.declaratie) AS all_lines,
       (SELECT count(*) FROM jeugdnorm_internal.claims) AS kept,
       (SELECT sum(claim_lines) FROM jeugdnorm.data_quality
         WHERE signal IN ('claims_without_allocation', 'allocations_deleted',
                          'allocations_above_max_age', 'claims_net_zero')) AS reported;
ROLLBACK;

-- ---- edge cases ----------------------------------------------------------------------
BEGIN;
-- (Rolled back; the sequence has moved on to 30.)  K40: T41 starts while the
-- earlier T40 is open (stapeling): allocations_overlapping now T31 and T41,
-- 2 rows, 440 + line 30's 80 = 520.00, example '0758 T31', 2 lines.  T40 is
-- open: neither completed nor overlapping.  A kept line of the open T13
-- ending after the peildatum (line 31, 2024-12-15..2025-01-15, 90.00), a
-- request answered after it (V03) and one received after it (V04, aspecifiek:
-- product '54') are rows of rows_after_peildatum with T34: 4 rows, amount
-- 90.00 (the allocation and the requests carry none), example '0758 T13'
-- (byte order: '0758 T13' < '0758 T34' < '0758 V03'), 1 line.
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie) VALUES
    ('0758', 'T40', 'K40', '2011-02-02', '10000001', '45', '45A12', '2023-01-01', NULL, 2, '04', '2'),
    ('0758', 'T41', 'K40', '2011-02-02', '10000001', '45', '45A12', '2024-01-01', '2024-03-31', 2, '04', '2');
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                  productcode, begindatum, einddatum, volume, eenheid, bedrag) VALUES
    ('0758', 'T41', 'K40', '10000001', '45', '45A12', '2024-01-01', '2024-01-31', 2, '04', 80),      -- 30
    ('0758', 'T13', 'K12', '10000001', '45', '45A12', '2024-12-15', '2025-01-15', 2, '04', 90);      -- 31
INSERT INTO jeugdnorm.verzoek (gemeente, verzoeknummer, client_id, aanbieder, productcategorie, productcode,
                               ontvangen, antwoord, antwoord_datum) VALUES
    ('0758', 'V03', 'K41', '10000001', '45', '45A12', '2024-12-30', 'afgewezen', '2025-01-02'),
    ('0758', 'V04', 'K42', '10000001', '54', NULL, '2025-01-03', NULL, NULL);
SELECT count(*) > 0 AS refreshed FROM jeugdnorm.refresh() \gset
SELECT signal, rows, amount, example, claim_lines FROM jeugdnorm.data_quality
 WHERE signal IN ('allocations_overlapping', 'rows_after_peildatum');
SELECT signal, row_type, row_key, toewijzingnummer, client_id, product, declaratie_id, verzoeknummer, amount, detail
  FROM jeugdnorm.data_quality_rows
 WHERE signal IN ('allocations_overlapping', 'rows_after_peildatum');
ROLLBACK;

-- ---- product mapping ([S2]) ------------------------------------------------------------
-- 45A12 at provider 10000001 becomes 'Ambulant' from 2020-01-01: every row
-- of an allocation on 45A12 shows it -- kept allocations
-- (allocations.product), the deleted T25 (mapped on its ingangsdatum), T33 (a
-- 45A12 allocation: its NGA line carries 45A13, the row shows the
-- allocation's product); T32 (45X99) keeps its code.  Line 9 without
-- allocation shows its own code 45A12, unmapped ([S5] v1.3: the mapping is
-- chosen by an allocation's ingangsdatum, and it has none).
BEGIN;
INSERT INTO jeugdnorm.product_mapping (productcategorie, productcode, aanbieder, geldig_van, analysis_product)
VALUES ('45', '45A12', '10000001', '2020-01-01', 'Ambulant');
SELECT count(*) > 0 AS refreshed FROM jeugdnorm.refresh() \gset
SELECT signal, toewijzingnummer, product FROM jeugdnorm.data_quality_rows;
ROLLBACK;

-- ---- tenancy --------------------------------------------------------------------------
-- A reader of gemeente 0840 sees the 0840 rows only: a claim line of 0840
-- (line 32, 250.00) against T01, which exists only in 0758: without
-- allocation; the other twelve signals 0, sum of rows 1.
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                  productcode, begindatum, einddatum, volume, eenheid, bedrag) VALUES
    ('0840', 'T01', 'K01', '10000001', '45', '45A12', '2023-01-01', '2023-01-31', 2, '04', 250);     -- 32
SELECT count(*) > 0 AS refreshed FROM jeugdnorm.refresh() \gset
CREATE ROLE jn72_venray;
GRANT USAGE ON SCHEMA jeugdnorm TO jn72_venray;
GRANT SELECT ON jeugdnorm.data_quality, jeugdnorm.data_quality_rows TO jn72_venray;
INSERT INTO jeugdnorm.access VALUES ('jn72_venray', '0840');
SET ROLE jn72_venray;
SELECT signal, rows, amount, example FROM jeugdnorm.data_quality WHERE rows > 0;
SELECT sum(rows) AS all_rows FROM jeugdnorm.data_quality;
SELECT signal, row_key, declaratie_id, amount FROM jeugdnorm.data_quality_rows;
RESET ROLE;
-- The region sees it too: claims_without_allocation 2 rows, 650.00, example '0758 T99'.
SELECT signal, rows, amount, example FROM jeugdnorm.data_quality WHERE signal = 'claims_without_allocation';

-- ---- shape (section 8) ---------------------------------------------------------------------
SELECT view_name, column_name, data_type, description IS NOT NULL AS commented
  FROM jeugdnorm.column_dictionary
 WHERE view_name IN ('data_quality', 'data_quality_rows')
 ORDER BY view_name, ordinal;
SELECT relname, relkind, obj_description(oid, 'pg_class') IS NOT NULL AS commented
  FROM pg_class WHERE oid IN ('jeugdnorm.data_quality'::regclass, 'jeugdnorm.data_quality_rows'::regclass)
 ORDER BY relname;

DROP EXTENSION jeugdnorm CASCADE;
-- The schema outlives the extension; so does the grant on it.
DROP OWNED BY jn72_venray;
DROP ROLE jn72_venray;
