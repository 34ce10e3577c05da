-- view_money_budget.sql -- budget_uitnutting ([M5]) on a hand-built fixture.
-- Every expected number is worked out in the comment above its test.
--
-- Provider 22222222; products 45B01 and 45B02 (segment B).  Provider
-- 33333333; product 45B03.  Settings: window 2024-01-01 .. 2025-12-31
-- (closed: no open year), shares 0.80 / 1.00 (defaults).
-- Kept claim lines (each over its own allocation, all in 2025):
--   0758 / 22222222 / 45B01   80,000   (G1)
--   0983 / 22222222 / 45B01   20,000   (G2)
--   0758 / 22222222 / 45B02   50,000   (G3)
--   0758 / 33333333 / 45B03   42,400   (G4, 2025-01-01..2025-07-31)
--   0758 / 22222222 / 45B01  999,999   (G5: a client above max_age: not kept, counts nowhere)
-- Ceilings (jaar 2025 unless said):
--   P_UNDER   0758 / 22222222 / 45B01  100,000             -> 80,000 = exactly 0.80 x plafond
--   P_FULL    0983 / 22222222 / 45B01   20,000             -> 20,000 = exactly 100 %
--   P_HOLE_IN region / 22222222 / 45B01  90,000, donut 20 % -> 100,000 inside the hole
--   P_HOLE_OUT region / 22222222 / all  100,000, donut 10 % -> 150,000 beyond the hole
--   P_STAFFEL 0758 / 22222222 / all    160,000, staffel 50 % -> 10 %, 81.25 % -> 20 %
--   P_ZERO    0983 / 22222222 / 45B02   10,000             -> no claims: 0
--   P_OUT     0758 / 22222222 / 45B01 jaar 2022             -> outside the window: NULL
--   P_OPEN    0758 / 33333333 / 45B03   73,000             -> open-year case (scenario 2)
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(8);
\o /dev/null
INSERT INTO jeugdnorm.product (productcategorie, productcode, omschrijving, productgroep, financieringsvorm, segment, tarief) VALUES
    ('45', '45B01', 'b1', 'G', 'inspanning', 'B', 100),
    ('45', '45B02', 'b2', 'G', 'inspanning', 'B', 100),
    ('45', '45B03', 'b3', 'G', 'inspanning', 'B', 100);
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie, budget) VALUES
    ('0758', 'G1', 'c1', '2015-01-01', '22222222', '45', '45B01', '2025-01-01', '2025-12-31', 7, '04', '2', NULL),
    ('0983', 'G2', 'c2', '2015-01-01', '22222222', '45', '45B01', '2025-01-01', '2025-12-31', 7, '04', '2', NULL),
    ('0758', 'G3', 'c3', '2015-01-01', '22222222', '45', '45B02', '2025-01-01', '2025-12-31', 7, '04', '2', NULL),
    ('0758', 'G4', 'c4', '2015-01-01', '33333333', '45', '45B03', '2025-01-01', '2025-12-31', 7, '04', '2', NULL),
    ('0758', 'G5', 'c5', '1990-01-01', '22222222', '45', '45B01', '2025-01-01', '2025-12-31', 7, '04', '2', NULL);
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  begindatum, einddatum, volume, eenheid, bedrag) VALUES
    ('0758', 'G1', 'c1', '22222222', '45', '45B01', '2025-01-01', '2025-12-31', 800, '04', 80000),
    ('0983', 'G2', 'c2', '22222222', '45', '45B01', '2025-01-01', '2025-12-31', 200, '04', 20000),
    ('0758', 'G3', 'c3', '22222222', '45', '45B02', '2025-01-01', '2025-12-31', 500, '04', 50000),
    ('0758', 'G4', 'c4', '33333333', '45', '45B03', '2025-01-01', '2025-07-31', 424, '04', 42400),
    ('0758', 'G5', 'c5', '22222222', '45', '45B01', '2025-01-01', '2025-12-31', 9999, '04', 999999);
INSERT INTO jeugdnorm.budgetplafond (plafond_id, jaar, gemeente, aanbieder, productcode, plafond, donut_hole_pct) VALUES
    ('P_UNDER',    2025, '0758', '22222222', '45B01', 100000, NULL),
    ('P_FULL',     2025, '0983', '22222222', '45B01',  20000, NULL),
    ('P_HOLE_IN',  2025, NULL,   '22222222', '45B01',  90000, 20),
    ('P_HOLE_OUT', 2025, NULL,   '22222222', NULL,    100000, 10),
    ('P_STAFFEL',  2025, '0758', '22222222', NULL,    160000, NULL),
    ('P_ZERO',     2025, '0983', '22222222', '45B02',  10000, NULL),
    ('P_OUT',      2022, '0758', '22222222', '45B01', 100000, 5),
    ('P_OPEN',     2025, '0758', '33333333', '45B03',  73000, NULL);
INSERT INTO jeugdnorm.staffel (plafond_id, vanaf_pct, korting_pct) VALUES
    ('P_STAFFEL', 50, 10), ('P_STAFFEL', 81.25, 20),
    ('P_OUT', 90, 50);
UPDATE jeugdnorm.settings SET window_start = '2024-01-01', peildatum = '2025-12-31';
SELECT * FROM jeugdnorm.refresh();
\o

-- Closed year: forecast = cost_to_date.
-- P_UNDER: 80,000 / 100,000 = 0.8 = budget_under_share: not below it -> 'op koers'; no donut, no staffel: F.
-- P_FULL: 20,000 / 20,000 = 1 = budget_over_share: not above it -> 'op koers'.
-- P_HOLE_IN: region 45B01 = 80,000 + 20,000 = 100,000 (G5 not kept) / 90,000 = 1.111111 -> 'overschrijding';
--   hole up to 90,000 x 1.2 = 108,000: least(100,000, 90,000) + greatest(0, 100,000 - 108,000) = 90,000.00.
-- P_HOLE_OUT: region, all products = 80,000 + 20,000 + 50,000 = 150,000 / 100,000 = 1.5 -> 'overschrijding';
--   hole up to 110,000: 100,000 + (150,000 - 110,000) = 140,000.00.
-- P_STAFFEL: 0758 all products = 80,000 + 50,000 = 130,000 / 160,000 = 0.8125 -> 'op koers';
--   tiers at 160,000 x 50 % = 80,000 and 160,000 x 81.25 % = 130,000 = F, exactly on the boundary:
--   80,000 at full price + (130,000 - 80,000) x 0.9 = 45,000 + (130,000 - 130,000) x 0.8 = 0 -> 125,000.00.
-- P_ZERO: 0 / 10,000 = 0 -> 'onderbenutting'; payable 0.
-- P_OUT: 2022 is not a window year: cost, forecast, shares, signal and payables NULL.
-- P_OPEN: 42,400 / 73,000 = 0.580822 (0.5808219...) -> 'onderbenutting'.
SELECT results_eq(
    $$SELECT plafond_id, jaar, gemeente, aanbieder, productcode, plafond, cost_to_date, forecast,
             uitnutting, uitnutting_forecast, signal, payable_donut_hole, payable_staffel
        FROM jeugdnorm.budget_uitnutting ORDER BY plafond_id$$,
    $$VALUES
      ('P_FULL', 2025, '0983', '22222222', '45B01', 20000.00::numeric(14,2), 20000.00::numeric(14,2), 20000.00::numeric(14,2),
       1::numeric(18,6), 1::numeric(18,6), 'op koers', 20000.00::numeric(14,2), 20000.00::numeric(14,2)),
      ('P_HOLE_IN', 2025, NULL, '22222222', '45B01', 90000.00, 100000.00, 100000.00,
       1.111111, 1.111111, 'overschrijding', 90000.00, 100000.00),
      ('P_HOLE_OUT', 2025, NULL, '22222222', NULL, 100000.00, 150000.00, 150000.00,
       1.5, 1.5, 'overschrijding', 140000.00, 150000.00),
      ('P_OPEN', 2025, '0758', '33333333', '45B03', 73000.00, 42400.00, 42400.00,
       0.580822, 0.580822, 'onderbenutting', 42400.00, 42400.00),
      ('P_OUT', 2022, '0758', '22222222', '45B01', 100000.00, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL),
      ('P_STAFFEL', 2025, '0758', '22222222', NULL, 160000.00, 130000.00, 130000.00,
       0.8125, 0.8125, 'op koers', 130000.00, 125000.00),
      ('P_UNDER', 2025, '0758', '22222222', '45B01', 100000.00, 80000.00, 80000.00,
       0.8, 0.8, 'op koers', 80000.00, 80000.00),
      ('P_ZERO', 2025, '0983', '22222222', '45B02', 10000.00, 0.00, 0.00,
       0, 0, 'onderbenutting', 0.00, 0.00)$$,
    'closed year: shares at exactly 0.80 and 1.00 are op koers; donut hole inside and beyond; staffel on a tier boundary; year outside the window');

-- Monotone and bounded: a forecast one euro more on the staffel ceiling (131,000):
-- 80,000 + 45,000 + 1,000 x 0.8 = 125,800; on the donut ceiling P_HOLE_IN the hole stays flat until 108,000.
\o /dev/null
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  begindatum, einddatum, volume, eenheid, bedrag) VALUES
    ('0758', 'G3', 'c3', '22222222', '45', '45B02', '2025-06-01', '2025-06-30', 10, '04', 1000);
SELECT * FROM jeugdnorm.refresh();
\o
SELECT results_eq(
    $$SELECT forecast, payable_staffel FROM jeugdnorm.budget_uitnutting WHERE plafond_id = 'P_STAFFEL'$$,
    $$VALUES (131000.00::numeric(14,2), 125800.00::numeric(14,2))$$,
    'staffel: 1,000 above the upper tier is paid at 80 %');

-- Settings move the signal: budget_under_share 0.85 makes P_STAFFEL (131,000 / 160,000 = 0.81875)
-- onderbenutting; budget_over_share 0.5 makes P_UNDER (0.8) overschrijding.
UPDATE jeugdnorm.settings SET budget_under_share = 0.85;
SELECT is((SELECT signal FROM jeugdnorm.budget_uitnutting WHERE plafond_id = 'P_STAFFEL'), 'onderbenutting',
          'budget_under_share 0.85: 0.81875 is onderbenutting');
UPDATE jeugdnorm.settings SET budget_under_share = 0.4, budget_over_share = 0.5;
SELECT is((SELECT signal FROM jeugdnorm.budget_uitnutting WHERE plafond_id = 'P_UNDER'), 'overschrijding',
          'budget_over_share 0.5: 0.8 is overschrijding');
UPDATE jeugdnorm.settings SET budget_under_share = DEFAULT, budget_over_share = DEFAULT;

-- ---- scenario 2: open year (peildatum 2025-07-31) ------------------------------------------------
\o /dev/null
UPDATE jeugdnorm.settings SET peildatum = '2025-07-31';
SELECT * FROM jeugdnorm.refresh();
\o
-- P_OPEN: G4's line lies inside 2025-01-01..07-31: cost 42,400; forecast 42,400 x 365 / 212 = 73,000.00
-- = the plafond: uitnutting 42,400 / 73,000 = 0.580822, uitnutting_forecast 1 -> 'op koers'.
-- P_OUT stays NULL.
SELECT results_eq(
    $$SELECT plafond_id, cost_to_date, forecast, uitnutting, uitnutting_forecast, signal, payable_donut_hole, payable_staffel
        FROM jeugdnorm.budget_uitnutting WHERE plafond_id IN ('P_OPEN', 'P_OUT') ORDER BY plafond_id$$,
    $$VALUES ('P_OPEN', 42400.00::numeric(14,2), 73000.00::numeric(14,2), 0.580822::numeric(18,6),
              1::numeric(18,6), 'op koers', 73000.00::numeric(14,2), 73000.00::numeric(14,2)),
             ('P_OUT', NULL, NULL, NULL, NULL, NULL, NULL, NULL)$$,
    'open year: forecast = cost x 365 / 212 (the linear forecast of cost_forecast)');

-- ---- shape ---------------------------------------------------------------------------------------
SELECT is((SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal)
             FROM jeugdnorm.column_dictionary WHERE view_name = 'budget_uitnutting' AND ordinal <= 13),
          'plafond_id text, jaar integer, gemeente text, aanbieder text, productcode text, plafond numeric(14,2), '
          || 'cost_to_date numeric(14,2), forecast numeric(14,2), uitnutting numeric(18,6), '
          || 'uitnutting_forecast numeric(18,6), signal text, payable_donut_hole numeric(14,2), payable_staffel numeric(14,2)',
          'budget_uitnutting: contract columns in order with their BI types');
SELECT is((SELECT count(*) FROM jeugdnorm.column_dictionary WHERE view_name = 'budget_uitnutting' AND description IS NULL),
          0::bigint, 'budget_uitnutting: every column has a comment');
SELECT is((SELECT reloptions FROM pg_class WHERE oid = 'jeugdnorm.budget_uitnutting'::regclass),
          '{security_barrier=true}', 'budget_uitnutting is a security barrier view');

SELECT * FROM finish();
ROLLBACK;
