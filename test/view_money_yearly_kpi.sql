-- view_money_yearly_kpi.sql -- yearly_kpi ([M1]) on a hand-built fixture.
-- Every expected number is worked out in the comment above its test.
--
-- Settings: window 2024-01-01 .. 2025-12-31, path_gap_days 90.
-- Product 45K01 (inspanning, tarief 10).  Providers 111 = 11111111, 222, 333.
-- Allocations:
--   K1 0758 c1 111  2024-01-01..2024-06-30   claim 2024-01-01..2024-06-30  1,820 (182 days)
--   K2 0758 c1 222  2024-03-01..open         claim 2024-12-01..2025-01-31    620 (62 days: 310 + 310)
--   K3 0758 c2 111  2025-02-01..2025-03-31   no claims
--   K4 0983 c3 333  2024-07-01..2024-09-30   claim 2024-07-01..2024-09-30    900 (92 days)
--   K5 0758 c4 111  2020-01-01..2020-12-31   claim 2020-06-01..2020-06-30    300 (before the window)
-- gemeente_jaar:
--   0758 2024: 1000 jeugdigen, inkomsten 500,000;  2025: NULL jeugdigen, 400,000
--   0983 2024: 0 jeugdigen, NULL inkomsten;         2025: 3000, 600,000
--   0999 2024: 500, 100,000 (no care data: no row of its own, counts in the region)
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(7);
\o /dev/null
INSERT INTO jeugdnorm.product (productcategorie, productcode, omschrijving, productgroep, financieringsvorm, segment, tarief) VALUES
    ('45', '45K01', 'k', 'G', 'inspanning', 'K', 10);
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie, budget) VALUES
    ('0758', 'K1', 'c1', '2015-01-01', '11111111', '45', '45K01', '2024-01-01', '2024-06-30', 7, '04', '2', NULL),
    ('0758', 'K2', 'c1', '2015-01-01', '22222222', '45', '45K01', '2024-03-01', NULL,         7, '04', '2', NULL),
    ('0758', 'K3', 'c2', '2015-01-01', '11111111', '45', '45K01', '2025-02-01', '2025-03-31', 7, '04', '2', NULL),
    ('0983', 'K4', 'c3', '2015-01-01', '33333333', '45', '45K01', '2024-07-01', '2024-09-30', 7, '04', '2', NULL),
    ('0758', 'K5', 'c4', '2015-01-01', '11111111', '45', '45K01', '2020-01-01', '2020-12-31', 7, '04', '2', NULL);
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  begindatum, einddatum, volume, eenheid, bedrag) VALUES
    ('0758', 'K1', 'c1', '11111111', '45', '45K01', '2024-01-01', '2024-06-30', 182, '04', 1820),
    ('0758', 'K2', 'c1', '22222222', '45', '45K01', '2024-12-01', '2025-01-31', 62, '04', 620),
    ('0983', 'K4', 'c3', '33333333', '45', '45K01', '2024-07-01', '2024-09-30', 90, '04', 900),
    ('0758', 'K5', 'c4', '11111111', '45', '45K01', '2020-06-01', '2020-06-30', 30, '04', 300);
INSERT INTO jeugdnorm.gemeente_jaar (gemeente, jaar, jeugdigen, inkomsten) VALUES
    ('0758', 2024, 1000, 500000), ('0758', 2025, NULL, 400000),
    ('0983', 2024, 0, NULL),      ('0983', 2025, 3000, 600000),
    ('0999', 2024, 500, 100000);
UPDATE jeugdnorm.settings SET window_start = '2024-01-01', peildatum = '2025-12-31';
SELECT * FROM jeugdnorm.refresh();
\o

-- Counts.  2024: 0758 allocations K1, K2 (2); clients {c1}; providers {111, 222}; claimed {c1};
--   cost 1,820 + 310 = 2,130.  0983: K4: 1, {c3}, {333}, {c3}, 900.
--   region: 3 allocations, clients {c1, c3} = 2, providers {111, 222, 333} = 3, claimed 2, 3,030.
-- 2025: 0758 K2 (open, until the peildatum) and K3: 2; {c1, c2}; {222, 111}; claimed {c1} (K2's line); 310.
--   0983: zeros, kept.  region: 2, 2, 2, 1, 310.
-- K5 lies before the window: in no row.
-- cost_per_client: 2,130 / 1 = 2,130; 900; region 3,030 / 2 = 1,515; 2025 0758 310; 0983 NULL (0 clients).
SELECT results_eq(
    $$SELECT gemeente, year, clients, allocations, aanbieders, clients_claimed, cost, cost_per_client
        FROM jeugdnorm.yearly_kpi ORDER BY year, gemeente NULLS FIRST$$,
    $$VALUES (NULL, 2024, 2::bigint, 3::bigint, 3::bigint, 2::bigint, 3030.00::numeric(14,2), 1515.00::numeric(14,2)),
             ('0758', 2024, 1, 2, 2, 1, 2130.00, 2130.00),
             ('0983', 2024, 1, 1, 1, 1, 900.00, 900.00),
             (NULL, 2025, 2, 2, 2, 1, 310.00, 310.00),
             ('0758', 2025, 2, 2, 2, 1, 310.00, 310.00),
             ('0983', 2025, 0, 0, 0, 0, 0.00, NULL)$$,
    'counts and cost per gemeente and region (distinct over the region), zeros kept');

-- mean_months_levering: completed paths (einde + 90 <= 2025-12-31) ending in the year window.
--   (c1, 111): K1, einde 2024-06-30, levering 182 days: 182 / 30.4375 = 5.979466;
--   (c1, 222): K2 open: not completed;  (c2, 111): K3 ends 2025-03-31, no claims: NULL (left out of the mean);
--   (c3, 333): K4, einde 2024-09-30, 92 days: 92 / 30.4375 = 3.022587.
--   2024: 0758 5.979466, 0983 3.022587, region (182 + 92) / 2 / 30.4375 = 137 / 30.4375 = 4.501027.
--   2025: only the NULL of (c2, 111): NULL everywhere.
SELECT results_eq(
    $$SELECT gemeente, year, mean_months_levering FROM jeugdnorm.yearly_kpi ORDER BY year, gemeente NULLS FIRST$$,
    $$VALUES (NULL, 2024, 4.501027::numeric(18,6)), ('0758', 2024, 5.979466), ('0983', 2024, 3.022587),
             (NULL, 2025, NULL), ('0758', 2025, NULL), ('0983', 2025, NULL)$$,
    'mean_months_levering over the completed paths ending in the year, by the path''s gemeente');

-- Per youth and against income.
-- 2024: region jeugdigen 1000 + 0 + 500 (0999 counts) = 1500, inkomsten 500,000 + 100,000 = 600,000.
--   0758: 1 x 1000 / 1000 = 1; 2,130 / 1000 = 2.13; share 2,130 / 500,000 = 0.00426;
--         index 2.13 / (3,030 / 1500 = 2.02) = 1.054455.
--   0983: 0 jeugdigen: per-youth figures NULL; inkomsten NULL: share NULL.
--   region: 2 x 1000 / 1500 = 1.333333; 2.02; index 1; 3,030 / 600,000 = 0.00505.
-- 2025: region jeugdigen 3000 (0758's is NULL), inkomsten 1,000,000.
--   0758: jeugdigen NULL: NULL, NULL, NULL; share 310 / 400,000 = 0.000775.
--   0983: 0 x 1000 / 3000 = 0; 0 / 3000 = 0; index 0 / (310 / 3000) = 0; 0 / 600,000 = 0.
--   region: 2000 / 3000 = 0.666667; 310 / 3000 = 0.103333 -> 0.10; 1; 310 / 1,000,000 = 0.00031.
SELECT results_eq(
    $$SELECT gemeente, year, jeugdigen, inkomsten, clients_per_1000_jeugdigen, cost_per_jeugdige,
             index_cost_per_jeugdige, cost_share_of_inkomsten
        FROM jeugdnorm.yearly_kpi ORDER BY year, gemeente NULLS FIRST$$,
    $$VALUES (NULL, 2024, 1500::bigint, 600000.00::numeric(14,2), 1.333333::numeric(18,6), 2.02::numeric(14,2),
              1::numeric(18,6), 0.00505::numeric(18,6)),
             ('0758', 2024, 1000, 500000.00, 1, 2.13, 1.054455, 0.00426),
             ('0983', 2024, 0, NULL, NULL, NULL, NULL, NULL),
             (NULL, 2025, 3000, 1000000.00, 0.666667, 0.10, 1, 0.00031),
             ('0758', 2025, NULL, 400000.00, NULL, NULL, NULL, 0.000775),
             ('0983', 2025, 3000, 600000.00, 0, 0.00, 0, 0)$$,
    'gemeente_jaar with NULL and 0 jeugdigen; the region sums every gemeente_jaar row of the year');

-- ---- shape ---------------------------------------------------------------------------------------
SELECT is((SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal)
             FROM jeugdnorm.column_dictionary WHERE view_name = 'yearly_kpi'),
          'gemeente text, year integer, clients bigint, allocations bigint, aanbieders bigint, clients_claimed bigint, '
          || 'cost numeric(14,2), cost_per_client numeric(14,2), mean_months_levering numeric(18,6), jeugdigen bigint, '
          || 'inkomsten numeric(14,2), clients_per_1000_jeugdigen numeric(18,6), cost_per_jeugdige numeric(14,2), '
          || 'index_cost_per_jeugdige numeric(18,6), cost_share_of_inkomsten numeric(18,6)',
          'yearly_kpi: contract columns in order with their BI types');
SELECT is((SELECT count(*) FROM jeugdnorm.column_dictionary WHERE view_name = 'yearly_kpi' AND description IS NULL),
          0::bigint, 'yearly_kpi: every column has a comment');
SELECT is((SELECT reloptions FROM pg_class WHERE oid = 'jeugdnorm.yearly_kpi'::regclass),
          '{security_barrier=true}', 'yearly_kpi is a security barrier view');
SELECT is((SELECT count(*) FROM (SELECT gemeente, year FROM jeugdnorm.yearly_kpi
                                 GROUP BY 1, 2 HAVING count(*) > 1) d), 0::bigint,
          'grain (gemeente, year) is unique, NULL counting as a value');

SELECT * FROM finish();
ROLLBACK;
