-- view_money_forecast.sql -- cost_forecast ([M4]) on a hand-built fixture.
-- Every expected number is worked out in the comment above its test.
--
-- Catalogue (segment = product's):
--   45S01 segment S1, no tarief          (the seed's worked example)
--   45S02 segment S2, tarief 100 per uur (inspanning)
--   45S03 segment S3, no tarief          (budget allocations)
-- Allocations (gemeente 0758, provider 11111111):
--   B1 45S01 client c1 2025-01-01..open, budget 30,000,000 (open budget:
--      allocated NULL, counted as 0 in R; share 1)
--   A0 45S02 client c2 2024-07-01..2024-12-31, 7 uur per week = 1 uur/day = 100 euro/day
--   A1 45S02 client c2 2025-01-01..2025-12-31, 7 uur per week
--   C0 45S03 client c3 2023-01-01..2023-12-31, budget 36,500 (100 euro/day)
--   C1 45S03 client c3 2024-01-01..2024-12-31, budget 36,600 (366 days: 100 euro/day)
-- Claim lines:
--   B1 2025-01-01..2025-07-31  26,000,000
--   A0 2024-07-01..2024-12-31  18,400 (184 days x 100)
--   A1 2025-01-01..2025-07-31  10,600 (212 days x 50)
--   C0 2023-01-01..2023-12-31  36,500
--   C1 2024-01-01..2024-02-29   6,000 (60 days x 100)
-- indexatie: 2024 2.0 %, 2025 3.4 %.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(9);
\o /dev/null
INSERT INTO jeugdnorm.product (productcategorie, productcode, omschrijving, productgroep, financieringsvorm, segment, tarief) VALUES
    ('45', '45S01', 'seed', 'G', 'inspanning', 'S1', NULL),
    ('45', '45S02', 'uren', 'G', 'inspanning', 'S2', 100),
    ('45', '45S03', 'budget', 'G', 'inspanning', 'S3', NULL);
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie, budget) VALUES
    ('0758', 'B1', 'c1', '2015-01-01', '11111111', '45', '45S01', '2025-01-01', NULL, NULL, '83', NULL, 30000000),
    ('0758', 'A0', 'c2', '2015-01-01', '11111111', '45', '45S02', '2024-07-01', '2024-12-31', 7, '04', '2', NULL),
    ('0758', 'A1', 'c2', '2015-01-01', '11111111', '45', '45S02', '2025-01-01', '2025-12-31', 7, '04', '2', NULL),
    ('0758', 'C0', 'c3', '2015-01-01', '11111111', '45', '45S03', '2023-01-01', '2023-12-31', NULL, '83', NULL, 36500),
    ('0758', 'C1', 'c3', '2015-01-01', '11111111', '45', '45S03', '2024-01-01', '2024-12-31', NULL, '83', NULL, 36600);
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  begindatum, einddatum, volume, eenheid, bedrag) VALUES
    ('0758', 'B1', 'c1', '11111111', '45', '45S01', '2025-01-01', '2025-07-31', 26000000, '83', 26000000),
    ('0758', 'A0', 'c2', '11111111', '45', '45S02', '2024-07-01', '2024-12-31', 184, '04', 18400),
    ('0758', 'A1', 'c2', '11111111', '45', '45S02', '2025-01-01', '2025-07-31', 106, '04', 10600),
    ('0758', 'C0', 'c3', '11111111', '45', '45S03', '2023-01-01', '2023-12-31', 36500, '83', 36500),
    ('0758', 'C1', 'c3', '11111111', '45', '45S03', '2024-01-01', '2024-02-29', 6000, '83', 6000);
INSERT INTO jeugdnorm.indexatie VALUES (2024, 2.0), (2025, 3.4);

-- ---- scenario 1: window 2023-01-01, peildatum 2025-07-31 (open year 2025) ----------------------
UPDATE jeugdnorm.settings SET window_start = '2023-01-01', peildatum = '2025-07-31';
SELECT * FROM jeugdnorm.refresh();
\o
-- Open year 2025: days_elapsed = 2025-01-01..07-31 = 31+28+31+30+31+30+31 = 212; days_in_year 365.
-- R' = [(2025-08-01) - 1 year, 2024-12-31] = [2024-08-01, 2024-12-31] (153 days), after window_start.
-- R  = [2025-08-01, 2025-12-31] = 153 days.  W = [greatest(2023-01-01, 2024-08-01), 2025-07-31] (365 days).
-- S1 2025 (the seed): cost 26,000,000; linear 26,000,000 x 365 / 212 = 44,764,150.943... -> 44764150.94;
--    previous year: no S1 line in R': 26,000,000 + 1.034 x 0 = 26,000,000.00;
--    allocations: B1 is an open budget: allocated in R NULL -> 0: 26,000,000.00.
-- S2 2024 (closed year): cost 18,400 (the whole A0 line); days 366/366 (2024 is a leap year, its
--    window is the whole year); forecasts = cost; index_pct of 2024 = 2.
-- S2 2025: cost 10,600; linear 10,600 x 365 / 212 = 50 x 365 = 18,250.00;
--    previous year: A0's line in R': 18,400 x 153 / 184 = 15,300; 10,600 + 1.034 x 15,300 = 26,420.20;
--    allocations: share(45S02) over W: allocated A0 153 days + A1 212 days = 365 x 100 = 36,500;
--    claimed A0 15,300 + A1 10,600 = 25,900; share = 25,900 / 36,500;
--    allocated in R: A1 153 days x 100 = 15,300; 15,300 x 25,900 / 36,500 = 10,856.7123...;
--    10,600 + 10,856.7123 = 21,456.71.
-- S3 2023: cost 36,500 (C0), closed; S3 2024: cost 6,000 (C1), closed (2024 is not the open year).
SELECT results_eq(
    $$SELECT segment, year, cost_to_date, days_elapsed, days_in_year, index_pct,
             forecast_linear, forecast_previous_year, forecast_allocations
        FROM jeugdnorm.cost_forecast ORDER BY segment, year$$,
    $$VALUES ('S1', 2025, 26000000.00::numeric(14,2), 212, 365, 3.4::numeric(18,6),
              44764150.94::numeric(14,2), 26000000.00::numeric(14,2), 26000000.00::numeric(14,2)),
             ('S2', 2024, 18400.00, 366, 366, 2.0, 18400.00, 18400.00, 18400.00),
             ('S2', 2025, 10600.00, 212, 365, 3.4, 18250.00, 26420.20, 21456.71),
             ('S3', 2023, 36500.00, 365, 365, 0, 36500.00, 36500.00, 36500.00),
             ('S3', 2024, 6000.00, 366, 366, 2.0, 6000.00, 6000.00, 6000.00)$$,
    'peildatum 2025-07-31: the seed''s 26 million to 31 July gives 26,000,000 x 365 / 212; S2''s three forecasts by hand');
SELECT set_eq($$SELECT segment, year, cost_to_date FROM jeugdnorm.cost_forecast$$,
              $$SELECT segment, year, cost FROM jeugdnorm.cost_overview$$,
              'scenario 1: rows and cost_to_date are cost_overview''s rows and cost');

-- ---- scenario 2: peildatum 31 December: no open year ---------------------------------------------
\o /dev/null
UPDATE jeugdnorm.settings SET peildatum = '2025-12-31';
SELECT * FROM jeugdnorm.refresh();
\o
-- 2025 is closed: days 365 / 365, every forecast = cost_to_date (same lines, all inside 2025).
SELECT results_eq(
    $$SELECT segment, year, cost_to_date, days_elapsed, days_in_year, forecast_linear,
             forecast_previous_year, forecast_allocations
        FROM jeugdnorm.cost_forecast WHERE year = 2025 ORDER BY segment$$,
    $$VALUES ('S1', 2025, 26000000.00::numeric(14,2), 365, 365, 26000000.00::numeric(14,2),
              26000000.00::numeric(14,2), 26000000.00::numeric(14,2)),
             ('S2', 2025, 10600.00, 365, 365, 10600.00, 10600.00, 10600.00)$$,
    'peildatum 31 December: no open year, every forecast equals the cost to date');

-- ---- scenario 3: peildatum 29 February 2024 --------------------------------------------------------
\o /dev/null
UPDATE jeugdnorm.settings SET peildatum = '2024-02-29';
SELECT * FROM jeugdnorm.refresh();
\o
-- Open year 2024: days_elapsed = 31 + 29 = 60, days_in_year 366.
-- R' = [(2024-03-01) - 1 year, 2023-12-31] = [2023-03-01, 2023-12-31] = 306 days.
-- S3 2024: cost 6,000; linear 6,000 x 366 / 60 = 36,600.00;
--    previous year: C0's line in R': 36,500 x 306 / 365 = 30,600; 6,000 + 1.02 x 30,600 = 37,212.00;
--    allocations: W = [2023-03-01, 2024-02-29] (366 days): allocated C0 306 x 100 + C1 60 x 100 = 36,600,
--    claimed 30,600 + 6,000 = 36,600, share 1; R = [2024-03-01, 2024-12-31] = 306 days: C1 30,600;
--    6,000 + 30,600 = 36,600.00.
-- S3 2023 closed: 36,500.  No S1/S2 line lies before the peildatum (A0 starts 2024-07-01).
SELECT results_eq(
    $$SELECT segment, year, cost_to_date, days_elapsed, days_in_year, index_pct,
             forecast_linear, forecast_previous_year, forecast_allocations
        FROM jeugdnorm.cost_forecast ORDER BY segment, year$$,
    $$VALUES ('S3', 2023, 36500.00::numeric(14,2), 365, 365, 0::numeric(18,6),
              36500.00::numeric(14,2), 36500.00::numeric(14,2), 36500.00::numeric(14,2)),
             ('S3', 2024, 6000.00, 60, 366, 2.0, 36600.00, 37212.00, 36600.00)$$,
    'peildatum 29 February: last year''s rest period starts 1 March 2023');

-- ---- scenario 4: R' before window_start ---------------------------------------------------------
\o /dev/null
UPDATE jeugdnorm.settings SET window_start = '2023-06-01';
SELECT * FROM jeugdnorm.refresh();
\o
-- R' starts 2023-03-01 < window_start 2023-06-01: forecast_previous_year NULL.
-- 2023's window is [2023-06-01, 2023-12-31] = 214 days: cost 36,500 x 214 / 365 = 21,400.00.
-- W = [greatest(2023-06-01, 2023-03-01), 2024-02-29] = 274 days: allocated C0 214 x 100 + C1 6,000 = 27,400,
-- claimed 21,400 + 6,000 = 27,400: share 1; 6,000 + 30,600 = 36,600.00.  2024's window starts 1 January: 366.
SELECT results_eq(
    $$SELECT segment, year, cost_to_date, days_elapsed, days_in_year,
             forecast_linear, forecast_previous_year, forecast_allocations
        FROM jeugdnorm.cost_forecast ORDER BY segment, year$$,
    $$VALUES ('S3', 2023, 21400.00::numeric(14,2), 214, 214,
              21400.00::numeric(14,2), 21400.00::numeric(14,2), 21400.00::numeric(14,2)),
             ('S3', 2024, 6000.00, 60, 366, 36600.00, NULL, 36600.00)$$,
    'window_start after the start of last year''s rest period: forecast_previous_year NULL');

-- ---- shape --------------------------------------------------------------------------------------
SELECT is((SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal)
             FROM jeugdnorm.column_dictionary WHERE view_name = 'cost_forecast' AND ordinal <= 9),
          'segment text, year integer, cost_to_date numeric(14,2), days_elapsed integer, days_in_year integer, '
          || 'index_pct numeric(18,6), forecast_linear numeric(14,2), forecast_previous_year numeric(14,2), '
          || 'forecast_allocations numeric(14,2)',
          'cost_forecast: contract columns in order with their BI types');
SELECT is((SELECT count(*) FROM jeugdnorm.column_dictionary WHERE view_name = 'cost_forecast' AND description IS NULL),
          0::bigint, 'cost_forecast: every column has a comment');
SELECT is((SELECT reloptions FROM pg_class WHERE oid = 'jeugdnorm.cost_forecast'::regclass),
          '{security_barrier=true}', 'cost_forecast is a security barrier view');
SELECT is((SELECT count(*) FROM (SELECT segment, year FROM jeugdnorm.cost_forecast
                                 GROUP BY 1, 2 HAVING count(*) > 1) d), 0::bigint, 'grain (segment, year) is unique');

SELECT * FROM finish();
ROLLBACK;
