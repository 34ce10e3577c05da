-- view_money_months.sql -- providers_per_month ([M2]) and plek_capacity ([M3])
-- on hand-built fixtures.  Every expected number is worked out in the
-- comment above its test.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(10);
\o /dev/null
INSERT INTO jeugdnorm.product (productcategorie, productcode, omschrijving, productgroep, financieringsvorm, segment, tarief) VALUES
    ('45', '45P01', 'p1', 'G', 'inspanning', 'P', 10),
    ('45', '45P02', 'p2', 'G', 'inspanning', 'P', 10),
    ('43', '43L01', 'plek met contract', 'V', 'plek', 'V', 200),
    ('43', '43L02', 'plek zonder contract', 'V', 'plek', 'V', 200),
    ('43', '43L03', 'geen plek', 'V', 'inspanning', 'V', 200);

-- ===========================================================================
-- providers_per_month.  Window 2025-01-15 .. 2025-04-10: months
-- Jan (01-15..01-31), Feb, Mar, Apr (04-01..04-10).
-- Contracts: 0758 / 11111111 / 45P01 from 2025-01-01 (open); 0758 / 22222222 / 45P01 with a
-- NULL geldig_van (never valid); 0983 / 11111111 / 45P01 until 2025-04-04.
-- Kept claim lines:
--   M1 0758 111 45P01 2025-01-01..01-14 (before the clipped January: in no month), 2025-02-01..02-28 (contracted)
--   M2 0758 222 45P01 2025-01-20..03-05 (NGA: no contract for 222)
--   M3 0758 111 45P02 2025-02-10..02-20 (NGA: 111 has no contract for 45P02)
--   M4 0983 111 45P01 2025-04-05..04-30 (NGA: 0983's contract ended 04-04)
--   M5 0999 allocation without claims: 0999 is no gemeente of a kept claim line, no rows
-- ===========================================================================
INSERT INTO jeugdnorm.contract (gemeente, aanbieder, productcode, geldig_van, geldig_tot) VALUES
    ('0758', '11111111', '45P01', '2025-01-01', NULL),
    ('0758', '22222222', '45P01', NULL, NULL),                 -- a NULL geldig_van never matches: 222 stays NGA
    ('0983', '11111111', '45P01', '2024-01-01', '2025-04-04'); -- ended the day before M4's line: NGA
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie, budget) VALUES
    ('0758', 'M1', 'c1', '2015-01-01', '11111111', '45', '45P01', '2025-01-01', '2025-12-31', 7, '04', '2', NULL),
    ('0758', 'M2', 'c2', '2015-01-01', '22222222', '45', '45P01', '2025-01-01', '2025-12-31', 7, '04', '2', NULL),
    ('0758', 'M3', 'c3', '2015-01-01', '11111111', '45', '45P02', '2025-01-01', '2025-12-31', 7, '04', '2', NULL),
    ('0983', 'M4', 'c4', '2015-01-01', '11111111', '45', '45P01', '2025-01-01', '2025-12-31', 7, '04', '2', NULL),
    ('0999', 'M5', 'c5', '2015-01-01', '11111111', '45', '45P01', '2025-01-01', '2025-12-31', 7, '04', '2', NULL);
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  begindatum, einddatum, volume, eenheid, bedrag) VALUES
    ('0758', 'M1', 'c1', '11111111', '45', '45P01', '2025-01-01', '2025-01-14', 2, '04', 20),
    ('0758', 'M1', 'c1', '11111111', '45', '45P01', '2025-02-01', '2025-02-28', 4, '04', 40),
    ('0758', 'M2', 'c2', '22222222', '45', '45P01', '2025-01-20', '2025-03-05', 6, '04', 60),
    ('0758', 'M3', 'c3', '11111111', '45', '45P02', '2025-02-10', '2025-02-20', 1, '04', 10),
    ('0983', 'M4', 'c4', '11111111', '45', '45P01', '2025-04-05', '2025-04-30', 3, '04', 30);
UPDATE jeugdnorm.settings SET window_start = '2025-01-15', peildatum = '2025-04-10';
SELECT * FROM jeugdnorm.refresh();
\o
-- 0758: Jan {222 nga}: 1, 0, 1.  Feb: 111 (M1 contracted, M3 NGA), 222 (NGA): 2, 1, 2.
--       Mar: {222 nga} (M2 until 03-05): 1, 0, 1.  Apr: nothing: 0, 0, 0.
-- 0983: Jan-Mar 0; Apr {111 nga}: 1, 0, 1.
-- region: Jan 1, 0, 1; Feb {111, 222}: contracted {111}, nga {111, 222}: 2, 1, 2; Mar 1, 0, 1;
--         Apr {111} (0983's line, NGA): 1, 0, 1.
SELECT results_eq(
    $$SELECT gemeente, month_start, month_end, aanbieders, aanbieders_contracted, aanbieders_nga
        FROM jeugdnorm.providers_per_month ORDER BY month_start, gemeente NULLS FIRST$$,
    $$VALUES (NULL, '2025-01-15'::date, '2025-01-31'::date, 1::bigint, 0::bigint, 1::bigint),
             ('0758', '2025-01-15', '2025-01-31', 1, 0, 1),
             ('0983', '2025-01-15', '2025-01-31', 0, 0, 0),
             (NULL, '2025-02-01', '2025-02-28', 2, 1, 2),
             ('0758', '2025-02-01', '2025-02-28', 2, 1, 2),
             ('0983', '2025-02-01', '2025-02-28', 0, 0, 0),
             (NULL, '2025-03-01', '2025-03-31', 1, 0, 1),
             ('0758', '2025-03-01', '2025-03-31', 1, 0, 1),
             ('0983', '2025-03-01', '2025-03-31', 0, 0, 0),
             (NULL, '2025-04-01', '2025-04-10', 1, 0, 1),
             ('0758', '2025-04-01', '2025-04-10', 0, 0, 0),
             ('0983', '2025-04-01', '2025-04-10', 1, 0, 1)$$,
    'providers_per_month: clipped months, a provider contracted and NGA in one month, zeros kept, region distinct');
SELECT is((SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal)
             FROM jeugdnorm.column_dictionary WHERE view_name = 'providers_per_month'),
          'gemeente text, month_start date, month_end date, aanbieders bigint, aanbieders_contracted bigint, aanbieders_nga bigint',
          'providers_per_month: contract columns with their BI types');

-- ===========================================================================
-- plek_capacity.  Window 2024-01-01 .. 2024-06-30 (6 months), a fresh region.
-- Group A 0758 / 11111111 / 43L01, capaciteit rows:
--   100 from 2024-01-01 (open); 20 from 2024-03-01 to 2024-04-30 (overlaps: the later geldig_van wins);
--   50 from 2024-05-15 (mid-month: not yet valid on 1 May, valid on 1 June).
-- Clients per month (one allocation each, inside the month; June's open):
--   Jan 101, Feb 106, Mar 21, Apr 0, May 95, Jun 50.
-- Group B 0758 / 22222222 / 43L02, no capaciteit: clients Jan 2, Feb 2, Mar 0, Apr 2, May 2, Jun 4.
-- Not a group: 43L03 (not plek), an aspecifiek category-43 allocation, and a 43L01
--   allocation of 33333333 that ended before the window.
-- ===========================================================================
\o /dev/null
DELETE FROM jeugdnorm.declaratie;
DELETE FROM jeugdnorm.toewijzing;
INSERT INTO jeugdnorm.capaciteit (gemeente, aanbieder, productcode, geldig_van, geldig_tot, plekken) VALUES
    ('0758', '11111111', '43L01', '2024-01-01', NULL, 100),
    ('0758', '11111111', '43L01', '2024-03-01', '2024-04-30', 20),
    ('0758', '11111111', '43L01', '2024-05-15', NULL, 50),
    ('0758', '22222222', '43L01', '2024-01-01', NULL, 7);   -- another provider's contract: not B's
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie, budget)
SELECT '0758', 'A' || m.k || '-' || i, 'a' || m.k || '-' || i, '2015-01-01', '11111111', '43', '43L01',
       m.s, m.e, 1, '14', '1', NULL
  FROM (VALUES (1, date '2024-01-01', date '2024-01-31', 101), (2, '2024-02-01', '2024-02-29', 106),
               (3, '2024-03-01', '2024-03-31', 21), (5, '2024-05-01', '2024-05-31', 95),
               (6, '2024-06-01', NULL, 50)) AS m(k, s, e, n)
 CROSS JOIN LATERAL generate_series(1, m.n) AS i;
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie, budget) VALUES
    ('0758', 'B1', 'b1', '2015-01-01', '22222222', '43', '43L02', '2024-01-01', '2024-02-29', 1, '14', '1', NULL),
    ('0758', 'B2', 'b2', '2015-01-01', '22222222', '43', '43L02', '2024-01-10', '2024-02-10', 1, '14', '1', NULL),
    ('0758', 'B3', 'b3', '2015-01-01', '22222222', '43', '43L02', '2024-04-01', '2024-05-31', 1, '14', '1', NULL),
    ('0758', 'B4', 'b4', '2015-01-01', '22222222', '43', '43L02', '2024-04-30', '2024-05-01', 1, '14', '1', NULL),
    ('0758', 'B5', 'b5', '2015-01-01', '22222222', '43', '43L02', '2024-06-01', NULL, 1, '14', '1', NULL),
    ('0758', 'B6', 'b6', '2015-01-01', '22222222', '43', '43L02', '2024-06-30', NULL, 1, '14', '1', NULL),
    ('0758', 'B7', 'b7', '2015-01-01', '22222222', '43', '43L02', '2024-06-15', '2024-07-15', 1, '14', '1', NULL),
    ('0758', 'B8', 'b8', '2015-01-01', '22222222', '43', '43L02', '2024-05-20', '2024-06-01', 1, '14', '1', NULL),
    ('0758', 'N1', 'n1', '2015-01-01', '11111111', '43', '43L03', '2024-01-01', '2024-06-30', 1, '14', '1', NULL),
    ('0758', 'N2', 'n2', '2015-01-01', '11111111', '43', NULL,    '2024-01-01', '2024-06-30', 1, '14', '1', NULL),
    ('0758', 'N3', 'n3', '2015-01-01', '33333333', '43', '43L01', '2023-01-01', '2023-12-31', 1, '14', '1', NULL);
UPDATE jeugdnorm.settings SET window_start = '2024-01-01', peildatum = '2024-06-30';
SELECT * FROM jeugdnorm.refresh();
\o
-- Group A (contract): deviation (clients - capacity) / capacity; classes compared exactly:
--   Jan 101 vs 100: 0.01 exactly -> aansluitend.   Feb 106 vs 100: 0.06 -> > 5 %.
--   Mar 21 vs 20 (the later, overlapping row): 0.05 exactly -> 1-5 %.
--   Apr 0 vs 20: -1 -> > 5 % (a month without clients).
--   May 95 vs 100 (the 50 starts 15 May): -0.05 exactly -> 1-5 %.   Jun 50 vs 50: 0 -> aansluitend.
SELECT results_eq(
    $$SELECT month_start, month_end, clients, capacity, capacity_source, deviation, deviation_class
        FROM jeugdnorm.plek_capacity WHERE aanbieder = '11111111' ORDER BY month_start$$,
    $$VALUES ('2024-01-01'::date, '2024-01-31'::date, 101::bigint, 100::numeric(18,6), 'contract', 0.01::numeric(18,6), 'aansluitend'),
             ('2024-02-01', '2024-02-29', 106, 100, 'contract', 0.06, 'afwijking > 5 %'),
             ('2024-03-01', '2024-03-31', 21, 20, 'contract', 0.05, 'afwijking 1-5 %'),
             ('2024-04-01', '2024-04-30', 0, 20, 'contract', -1, 'afwijking > 5 %'),
             ('2024-05-01', '2024-05-31', 95, 100, 'contract', -0.05, 'afwijking 1-5 %'),
             ('2024-06-01', '2024-06-30', 50, 50, 'contract', 0, 'aansluitend')$$,
    'plek_capacity with contracted places: exactly 1 % and 5 %, overlapping and mid-month capaciteit rows, a month without clients');
-- Group B (no capaciteit row of its own): clients Jan 2 (B1, B2), Feb 2, Mar 0, Apr 2 (B3, B4),
--   May 3 (B3, B4, B8), Jun 4 (B5, B6, B7, B8); year mean (2+2+0+2+3+4) / 6 = 13 / 6 = 2.166667.
--   Deviations: Jan (2 - 13/6) / (13/6) = (12 - 13) / 13 = -0.076923 (> 5 %), Mar -1,
--   May (18 - 13) / 13 = 0.384615, Jun (24 - 13) / 13 = 0.846154.
SELECT results_eq(
    $$SELECT month_start, clients, capacity, capacity_source, deviation, deviation_class
        FROM jeugdnorm.plek_capacity WHERE aanbieder = '22222222' ORDER BY month_start$$,
    $$VALUES ('2024-01-01'::date, 2::bigint, 2.166667::numeric(18,6), 'gemiddelde', -0.076923::numeric(18,6), 'afwijking > 5 %'),
             ('2024-02-01', 2, 2.166667, 'gemiddelde', -0.076923, 'afwijking > 5 %'),
             ('2024-03-01', 0, 2.166667, 'gemiddelde', -1, 'afwijking > 5 %'),
             ('2024-04-01', 2, 2.166667, 'gemiddelde', -0.076923, 'afwijking > 5 %'),
             ('2024-05-01', 3, 2.166667, 'gemiddelde', 0.384615, 'afwijking > 5 %'),
             ('2024-06-01', 4, 2.166667, 'gemiddelde', 0.846154, 'afwijking > 5 %')$$,
    'plek_capacity without contracted places: the year''s mean of clients is the capacity');
SELECT is((SELECT array_agg(DISTINCT aanbieder || '/' || product ORDER BY aanbieder || '/' || product)
             FROM jeugdnorm.plek_capacity),
          '{11111111/43L01,22222222/43L02}',
          'only plek products overlapping the window are groups (not 43L03, not the aspecifiek 43, not N3)');

-- The 'gemiddelde' classes at exactly 1 % and 5 %: give group B 100 clients in Jan and Feb only
-- (window Jan-Feb): with clients 99 and 101 the mean is 100, deviations -0.01 and 0.01: aansluitend;
-- with 95 and 105: -0.05 and 0.05: afwijking 1-5 %.
\o /dev/null
DELETE FROM jeugdnorm.toewijzing WHERE aanbieder = '22222222';
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie, budget)
SELECT g.gem, 'B' || m.k || '-' || i, 'b' || m.k || '-' || i, '2015-01-01', '22222222', '43', '43L02',
       m.s, m.e, 1, '14', '1', NULL
  FROM (VALUES ('0758', 1, date '2024-01-01', date '2024-01-31', 99), ('0758', 2, '2024-02-01', '2024-02-29', 101),
               ('0983', 1, '2024-01-01', '2024-01-31', 95), ('0983', 2, '2024-02-01', '2024-02-29', 105)) AS m(gem, k, s, e, n)
 CROSS JOIN LATERAL (SELECT m.gem) g
 CROSS JOIN LATERAL generate_series(1, m.n) AS i;
UPDATE jeugdnorm.settings SET peildatum = '2024-02-29';
SELECT * FROM jeugdnorm.refresh();
\o
SELECT results_eq(
    $$SELECT gemeente, month_start, clients, capacity, deviation, deviation_class
        FROM jeugdnorm.plek_capacity WHERE aanbieder = '22222222' ORDER BY gemeente, month_start$$,
    $$VALUES ('0758', '2024-01-01'::date, 99::bigint, 100::numeric(18,6), -0.01::numeric(18,6), 'aansluitend'),
             ('0758', '2024-02-01', 101, 100, 0.01, 'aansluitend'),
             ('0983', '2024-01-01', 95, 100, -0.05, 'afwijking 1-5 %'),
             ('0983', '2024-02-01', 105, 100, 0.05, 'afwijking 1-5 %')$$,
    'average capacity: deviations of exactly 1 % and 5 % fall in the lower class');

SELECT is((SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal)
             FROM jeugdnorm.column_dictionary WHERE view_name = 'plek_capacity'),
          'gemeente text, aanbieder text, product text, month_start date, month_end date, clients bigint, '
          || 'capacity numeric(18,6), capacity_source text, deviation numeric(18,6), deviation_class text',
          'plek_capacity: contract columns with their BI types');
SELECT is((SELECT count(*) FROM jeugdnorm.column_dictionary
            WHERE view_name IN ('plek_capacity', 'providers_per_month') AND description IS NULL),
          0::bigint, 'plek_capacity, providers_per_month: every column has a comment');
SELECT is((SELECT array_agg(reloptions[1] ORDER BY relname) FROM pg_class
            WHERE oid IN ('jeugdnorm.plek_capacity'::regclass, 'jeugdnorm.providers_per_month'::regclass)),
          '{security_barrier=true,security_barrier=true}', 'both are security barrier views');
SELECT is((SELECT count(*) FROM (SELECT gemeente, aanbieder, product, month_start FROM jeugdnorm.plek_capacity
                                 GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) d), 0::bigint,
          'plek_capacity grain (gemeente, aanbieder, product, month) is unique');

SELECT * FROM finish();
ROLLBACK;
