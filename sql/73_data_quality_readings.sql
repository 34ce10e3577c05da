-- 73_data_quality_readings: three readings of DEFINITIONS [S5] (v1.3) that
-- 0.2.0 got wrong (issue 14, part 2), on a hand-built region with a
-- mid-quarter peildatum (2024-11-15), every value worked out by hand below.
--   1. rows_after_peildatum looks at ALL data ("No window: each signal looks
--      at all data"; only claims_outside_allocation_period,
--      claims_other_unit_family and claims_nga look at kept lines): a deleted
--      ('13') allocation and one of a client above max_age dated after the
--      peildatum are rows, and so are their claim lines, claim lines without
--      any allocation and lines of a net-zero group, when they have a day
--      after it.  Dates as [S5] names them: an allocation's ingangsdatum or
--      toewijzingsdatum after the peildatum (its einddatum does not count),
--      a claim line's einddatum after it (= any day after it), a request's
--      ontvangen or antwoord_datum after it.
--   2. allocations_claimed_above_100 never flags an open 'totaal' allocation
--      (frequentie '6', no einddatum): "open 'totaal': none", also when it
--      starts after the peildatum (0.2.0 compared with an allocated 0).
--   3. product in data_quality_rows: the analysis product of the row's
--      allocation ([S2], mapped on the allocation's ingangsdatum); a claim
--      line without any allocation shows its own coalesce(productcode,
--      productcategorie), unmapped (0.2.0 mapped it on its begindatum).  The
--      same rule for every signal: a copy (claims_duplicate) of a line
--      without allocation shows its own code unmapped, a line of a left-out
--      allocation shows that allocation's client, provider and product (as
--      the allocation's own row does), not the line's own.
\set VERBOSITY terse
SET datestyle = ISO;
CREATE EXTENSION jeugdnorm;

-- peildatum mid-quarter; path_gap_days 90, max_age 21, drop_net_zero true.
UPDATE jeugdnorm.settings SET window_start = '2021-01-01', peildatum = '2024-11-15';
INSERT INTO jeugdnorm.product (productcategorie, productcode, omschrijving, productgroep, variant,
                               financieringsvorm, segment, tarief) VALUES
    ('45', '45A12', 'Ambulant midden', 'Ambulant', 'midden', 'inspanning', 'Jeugdhulp ambulant', 75);
INSERT INTO jeugdnorm.contract (gemeente, aanbieder, productcode, geldig_van, geldig_tot) VALUES
    ('0758', '10000001', '45A12', '2020-01-01', NULL);
-- [S2]: 45A12 becomes 'AMB' from 2024-01-01 (any provider); the category's
-- aspecifiek code (45, no productcode) becomes 'ASP' from 2020-01-01.  Every
-- allocation below starts in 2024: their product is 'AMB'.
INSERT INTO jeugdnorm.product_mapping (productcategorie, productcode, aanbieder, geldig_van, analysis_product) VALUES
    ('45', '45A12', NULL, '2024-01-01', 'AMB'),
    ('45', NULL, NULL, '2020-01-01', 'ASP');
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie, reden_wijziging, toewijzingsdatum) VALUES
    -- kept, closed: 2 uur per week over 182 days (2024 is a leap year) = 52 uur
    ('0758', 'T01', 'K01', '2012-01-01', '10000001', '45', '45A12', '2024-01-01', '2024-06-30', 2, '04', '2', NULL, NULL),
    -- deleted ('13'), starts after the peildatum
    ('0758', 'T02', 'K02', '2012-01-01', '10000001', '45', '45A12', '2024-12-01', '2025-02-28', 2, '04', '2', '13', NULL),
    -- age(2024-10-01, 2002-01-01) = 22 > max_age 21: left out; starts before
    -- the peildatum but was issued (toewijzingsdatum) after it
    ('0758', 'T03', 'K03', '2002-01-01', '10000001', '45', '45A12', '2024-10-01', '2024-12-31', 2, '04', '2', NULL, '2024-11-20'),
    -- kept, 4 uur per week over 184 days = 105.14 uur
    ('0758', 'T04', 'K04', '2012-01-01', '10000001', '45', '45A12', '2024-07-01', '2024-12-31', 4, '04', '2', NULL, NULL),
    -- kept, open, starts after the peildatum (issued before it), no claims
    ('0758', 'T05', 'K05', '2012-01-01', '10000001', '45', '45A12', '2024-12-01', NULL, 2, '04', '2', NULL, '2024-11-10'),
    -- kept, open 'totaal' of 10 uur, starts after the peildatum
    ('0758', 'T06', 'K06', '2012-01-01', '10000001', '45', '45A12', '2024-12-01', NULL, 10, '04', '6', NULL, NULL),
    -- kept, open 'totaal' of 10 uur, starts before the peildatum
    ('0758', 'T07', 'K07', '2012-01-01', '10000001', '45', '45A12', '2024-09-01', NULL, 10, '04', '6', NULL, NULL),
    -- kept, open, 2 uur per week, starts after the peildatum: allocated
    -- until the peildatum = 0 uur
    ('0758', 'T08', 'K08', '2012-01-01', '10000001', '45', '45A12', '2024-12-02', NULL, 2, '04', '2', NULL, NULL);
-- Claim lines get declaratie_id 1..15 in insertion order.
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                  productcode, begindatum, einddatum, volume, eenheid, bedrag) VALUES
    ('0758', 'T01', 'K01', '10000001', '45', '45A12', '2024-01-01', '2024-01-31', 8, '04', 600),    --  1
    ('0758', 'T02', 'K02', '10000001', '45', '45A12', '2024-12-01', '2024-12-31', 2, '04', 120),    --  2 of deleted T02, after
    -- T03's lines carry another client and (line 3, 4) another code than
    -- T03 itself: the rows show T03's K03 and product
    ('0758', 'T03', 'K03X', '10000001', '45', '45A13', '2024-10-01', '2024-10-31', 2, '04', 130),   --  3
    ('0758', 'T03', 'K03X', '10000001', '45', '45A13', '2024-10-01', '2024-10-31', 2, '04', 130),   --  4 copy of 3
    ('0758', 'T03', 'K03X', '10000001', '45', '45A12', '2024-11-01', '2024-11-30', 2, '04', 140),   --  5 after
    ('0758', 'T04', 'K04', '10000001', '45', '45A12', '2024-11-01', '2024-11-15', 4, '04', 300),    --  6 ends ON the peildatum
    ('0758', 'T04', 'K04', '10000001', '45', '45A12', '2024-11-16', '2024-11-30', 4, '04', 310),    --  7 after
    ('0758', 'T04', 'K04', '10000001', '45', '45A12', '2024-12-01', '2024-12-31', 4, '04', 50),     --  8 } net 0, after
    ('0758', 'T04', 'K04', '10000001', '45', '45A12', '2024-12-01', '2024-12-31', -4, '04', -50),   --  9 }
    ('0758', 'T06', 'K06', '10000001', '45', '45A12', '2024-12-01', '2024-12-31', 4, '04', 300),    -- 10 after
    ('0758', 'T07', 'K07', '10000001', '45', '45A12', '2024-09-01', '2024-09-30', 12, '04', 900),   -- 11 12 of 10 uur
    ('0758', 'T08', 'K08', '10000001', '45', '45A12', '2024-12-02', '2024-12-31', 2, '04', 150),    -- 12 after
    ('0758', 'T99', 'K99', '10000001', '45', '45A12', '2024-11-10', '2024-11-20', 1, '04', 75),     -- 13 no allocation, after
    ('0758', 'T98', 'K98', '10000001', '45', NULL, '2024-03-01', '2024-03-31', 1, '04', 70),        -- 14 no allocation
    ('0758', 'T98', 'K98', '10000001', '45', NULL, '2024-03-01', '2024-03-31', 1, '04', 70);        -- 15 copy of 14
INSERT INTO jeugdnorm.verzoek (gemeente, verzoeknummer, client_id, aanbieder, productcategorie, productcode,
                               ontvangen, antwoord, antwoord_datum, toewijzingnummer) VALUES
    ('0758', 'V01', 'K05', '10000001', '45', '45A12', '2024-10-20', 'toegewezen', '2024-11-10', 'T05'),
    ('0758', 'V02', 'K09', '10000001', '45', '45A12', '2024-11-20', NULL, NULL, NULL);
SELECT count(*) > 0 AS refreshed FROM jeugdnorm.refresh() \gset

-- Kept allocations T01, T04..T08; left out T02 ('13') and T03 (age 22).
-- Kept lines 1, 6, 7, 10, 11, 12 (8, 9 net to 0 and are dropped).
-- Expected, signal by signal (rows / amount / example / claim_lines):
--  1 claims_without_allocation: lines 13, 14, 15 / 75 + 70 + 70 = 215.00 / '0758 T98' / 3
--  2 claims_outside_allocation_period: none (every kept line inside its
--    allocation; open ones have no end) / 0
--  3 claims_other_unit_family: none (all uur) / 0
--  4 claims_net_zero: lines 8, 9 of T04 / 2 rows / 0.00 / '0758 T04' / 2
--  5 claims_duplicate: line 4 (copy of 3) and 15 (copy of 14) / 130 + 70 = 200.00 / '0758 T03' / 2
--  6 allocations_deleted: T02 with line 2 / 120.00 / '0758 T02' / 1
--  7 allocations_above_max_age: T03 with lines 3, 4, 5 / 130 + 130 + 140 = 400.00 / '0758 T03' / 3
--  8 allocations_completed_without_claims: none (T01: 2024-06-30 + 90 =
--    2024-09-28 <= peildatum, but it has line 1; the others end later or are open) / 0
--  9 allocations_claimed_above_100 (reading 2): T08 only -- 2 uur claimed,
--    0 allocated until the peildatum / 150.00 / '0758 T08' / 1.  Not T06
--    (open 'totaal', though it starts after the peildatum: 0.2.0 flagged it
--    as 4 uur above 0), not T07 (open 'totaal': 12 uur of its 10 is no row
--    either), not T01 (8 of 52 uur), not T04 (4 + 4 = 8 of 105.14 uur;
--    the dropped 8, 9 do not count).
-- 10 allocations_overlapping: none (one allocation per client) / 0
-- 11 products_missing_from_catalogue: none (every allocation is 45A12; a
--    claim line's code does not count) / 0
-- 12 claims_nga: none (every kept line is 45A12, contracted; lines 3, 4 on
--    45A13 are of the left-out T03) / 0
-- 13 rows_after_peildatum (reading 1): 14 rows / 1095.00 / '0758 T02' / 8:
--    allocations T02 (ingangsdatum 2024-12-01, deleted), T03 (toewijzingsdatum
--    2024-11-20, above max_age), T05, T06 (2024-12-01), T08 (2024-12-02);
--    not T04 (only its einddatum is after the peildatum), not T05's
--    toewijzingsdatum 2024-11-10;
--    lines ending after 2024-11-15: 2 (120, of T02), 5 (140, of T03), 7 (310),
--    8 (50) and 9 (-50) (net-zero, dropped from the views), 10 (300),
--    12 (150), 13 (75, no allocation) = 1095; not line 6 (ends on the
--    peildatum);
--    request V02 (ontvangen 2024-11-20); not V01 (answered 2024-11-10).
--    (0.2.0: 7 rows -- T05, T06, T08, lines 7, 10, 12, V02 -- 760.00, '0758 T04'.)
-- Every claim line left out of the views once: 15 = 6 kept + 3 + 1 + 3 + 2.
SELECT signal_order, signal, rows, amount, example, claim_lines FROM jeugdnorm.data_quality;
SELECT (SELECT count(*) FROM jeugdnorm.declaratie) AS all_lines,
       (SELECT count(*) FROM jeugdnorm_internal.claims) AS kept,
       (SELECT sum(claim_lines) FROM jeugdnorm.data_quality
         WHERE signal IN ('claims_without_allocation', 'allocations_deleted',
                          'allocations_above_max_age', 'claims_net_zero')) AS reported;

-- Reading 1: the rows of rows_after_peildatum.  Client, provider and
-- product: a kept allocation's (T04's lines 7, 8, 9; T06, T08); a left-out
-- allocation's own (T02 on 2024-12-01, T03 on 2024-10-01: 'AMB', client
-- K03 also on its line 5, whose own client is K03X); line 13 without
-- allocation: its own K99 and code 45A12, unmapped (reading 3); V02 its own
-- codes mapped on ontvangen 2024-11-20 ([S3]): 'AMB'.  An allocation row
-- carries no amount: its lines after the peildatum are rows of their own.
SELECT row_type, row_key, declaratie_id, verzoeknummer, client_id, aanbieder, product, claim_lines, amount, detail
  FROM jeugdnorm.data_quality_rows
 WHERE signal = 'rows_after_peildatum';

-- Reading 2: the rows of allocations_claimed_above_100: T08 only.
SELECT row_key, client_id, product, claim_lines, amount, detail
  FROM jeugdnorm.data_quality_rows
 WHERE signal = 'allocations_claimed_above_100';

-- Reading 3: lines without allocation show their own client, provider and
-- coalesce(productcode, productcategorie), unmapped: line 13 '45A12' (not
-- 'AMB', though 45A12 maps to AMB on its begindatum 2024-11-10), lines 14
-- and 15 '45' (not 'ASP').  The copy 4 of T03's line 3 shows T03's client
-- K03 and product 'AMB' (0.2.0: the line's own K03X and 45A13 mapped on its
-- begindatum = '45A13'); T03's own row 'AMB' with K03.
SELECT signal, row_type, row_key, declaratie_id, client_id, aanbieder, product
  FROM jeugdnorm.data_quality_rows
 WHERE signal IN ('claims_without_allocation', 'claims_duplicate',
                  'allocations_deleted', 'allocations_above_max_age');

-- An open 'totaal' stays out of signal 9 whatever it is claimed: T06 with
-- 100 uur more (line 16, 2024-12-01..2024-12-31, 10000.00) is still no row,
-- and a closed 'totaal' of 10 uur claimed 12 (T09, line 17, 2024-01-01..
-- 2024-01-31, 900.00) is one: 12 > 10.  Rolled back.
BEGIN;
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie) VALUES
    ('0758', 'T09', 'K09', '2012-01-01', '10000001', '45', '45A12', '2024-01-01', '2024-03-31', 10, '04', '6');
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                  productcode, begindatum, einddatum, volume, eenheid, bedrag) VALUES
    ('0758', 'T06', 'K06', '10000001', '45', '45A12', '2024-12-01', '2024-12-31', 100, '04', 10000), -- 16
    ('0758', 'T09', 'K09', '10000001', '45', '45A12', '2024-01-01', '2024-01-31', 12, '04', 900);    -- 17
SELECT count(*) > 0 AS refreshed FROM jeugdnorm.refresh() \gset
SELECT row_key, amount, detail
  FROM jeugdnorm.data_quality_rows
 WHERE signal = 'allocations_claimed_above_100';
ROLLBACK;

DROP EXTENSION jeugdnorm CASCADE;
