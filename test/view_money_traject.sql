-- view_money_traject.sql -- traject_realisation ([M6]) on a hand-built fixture.
-- Every expected number is worked out in the comment above its test.
--
-- Settings: window 2024-01-01 .. 2025-06-30, path_gap_days 90.
-- Catalogue: 45T01 traject, tarief 3,000 per trajectory, standard 6 months
--            (6 x 30.4375 = 182.625 days); 45T02 traject without tarief and
--            standard duration; 45T03 inspanning.
-- Allocations (gemeente 0758, provider 11111111):
--   T1 45T01 2024-01-01..2024-06-30, claims 01-01..03-31 1,500 and 04-01..06-30 1,500
--   T2 45T01 2024-02-01..2024-12-31, no claims
--   T3 45T02 2024-03-01..2024-08-31, claim 03-01..05-31 2,000 (92 days)
--   T4 45T01 2023-01-01..2023-12-31, ended before the window: no row
--   T5 45T01 2025-01-01..2025-04-30: 04-30 + 90 = 07-29 is after the peildatum: not completed, no row
--   T6 45T01 2024-01-01..open: no row
--   T7 45T03 2024-01-01..2024-03-31: not traject, no row
--   T8 45T01 2024-05-01..2024-10-31, one claim line 2024-05-01..2024-12-31 6,000 (outside its period
--      on the right: every period counts; 245 days)
--   T9 45T01 2024-01-01..2024-02-29, a debit and its credit in one period (net 0: dropped, [R12]):
--      kept lines none
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(5);
\o /dev/null
INSERT INTO jeugdnorm.product (productcategorie, productcode, omschrijving, productgroep, financieringsvorm, segment,
                               tarief, standaard_doorlooptijd_maanden) VALUES
    ('45', '45T01', 't1', 'G', 'traject', 'T', 3000, 6),
    ('45', '45T02', 't2', 'G', 'traject', 'T', NULL, NULL),
    ('45', '45T03', 't3', 'G', 'inspanning', 'T', 100, NULL);
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie, budget) VALUES
    ('0758', 'T1', 'c1', '2015-01-01', '11111111', '45', '45T01', '2024-01-01', '2024-06-30', 1, '82', '6', NULL),
    ('0758', 'T2', 'c2', '2015-01-01', '11111111', '45', '45T01', '2024-02-01', '2024-12-31', 1, '82', '6', NULL),
    ('0758', 'T3', 'c3', '2015-01-01', '11111111', '45', '45T02', '2024-03-01', '2024-08-31', 1, '82', '6', NULL),
    ('0758', 'T4', 'c4', '2015-01-01', '11111111', '45', '45T01', '2023-01-01', '2023-12-31', 1, '82', '6', NULL),
    ('0758', 'T5', 'c5', '2015-01-01', '11111111', '45', '45T01', '2025-01-01', '2025-04-30', 1, '82', '6', NULL),
    ('0758', 'T6', 'c6', '2015-01-01', '11111111', '45', '45T01', '2024-01-01', NULL,         1, '82', '6', NULL),
    ('0758', 'T7', 'c7', '2015-01-01', '11111111', '45', '45T03', '2024-01-01', '2024-03-31', 1, '04', '2', NULL),
    ('0758', 'T8', 'c8', '2015-01-01', '11111111', '45', '45T01', '2024-05-01', '2024-10-31', 1, '82', '6', NULL),
    ('0758', 'T9', 'c9', '2015-01-01', '11111111', '45', '45T01', '2024-01-01', '2024-02-29', 1, '82', '6', NULL);
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  begindatum, einddatum, volume, eenheid, bedrag) VALUES
    ('0758', 'T1', 'c1', '11111111', '45', '45T01', '2024-01-01', '2024-03-31', 0.5, '82', 1500),
    ('0758', 'T1', 'c1', '11111111', '45', '45T01', '2024-04-01', '2024-06-30', 0.5, '82', 1500),
    ('0758', 'T3', 'c3', '11111111', '45', '45T02', '2024-03-01', '2024-05-31', 1, '82', 2000),
    ('0758', 'T8', 'c8', '11111111', '45', '45T01', '2024-05-01', '2024-12-31', 2, '82', 6000),
    ('0758', 'T9', 'c9', '11111111', '45', '45T01', '2024-01-01', '2024-02-29', 1, '82', 3000),
    ('0758', 'T9', 'c9', '11111111', '45', '45T01', '2024-01-01', '2024-02-29', -1, '82', -3000);
UPDATE jeugdnorm.settings SET window_start = '2024-01-01', peildatum = '2025-06-30';
SELECT * FROM jeugdnorm.refresh();
\o
-- T1: 2 lines, 2024-01-01..2024-06-30 = 182 days; 182 / 182.625 = 0.996578; 3,000 / 3,000 = 1.
-- T2: no claims: claim_lines 0, days/amount/shares NULL; standard 182.625 and tarief 3,000 still shown.
-- T3: 92 days; no standard duration and no tarief: standard_days, volume_share, tarief, cost_share NULL.
-- T8: 245 days (May 31 + Jun 30 + Jul 31 + Aug 31 + Sep 30 + Oct 31 + Nov 30 + Dec 31);
--     245 / 182.625 = 1.341547; 6,000 / 3,000 = 2.
-- T9: its two lines net to 0 and are dropped: like T2.
SELECT results_eq(
    $$SELECT toewijzingnummer, client_id, product, ingangsdatum, einddatum, claim_lines, first_claim_day,
             last_claim_day, days_claimed, standard_days, volume_share, claimed_amount, tarief, cost_share
        FROM jeugdnorm.traject_realisation ORDER BY toewijzingnummer$$,
    $$VALUES ('T1', 'c1', '45T01', '2024-01-01'::date, '2024-06-30'::date, 2::bigint, '2024-01-01'::date,
              '2024-06-30'::date, 182, 182.625::numeric(18,6), 0.996578::numeric(18,6), 3000.00::numeric(14,2),
              3000.00::numeric(14,2), 1::numeric(18,6)),
             ('T2', 'c2', '45T01', '2024-02-01', '2024-12-31', 0, NULL, NULL, NULL, 182.625, NULL, NULL, 3000.00, NULL),
             ('T3', 'c3', '45T02', '2024-03-01', '2024-08-31', 1, '2024-03-01', '2024-05-31', 92, NULL, NULL, 2000.00, NULL, NULL),
             ('T8', 'c8', '45T01', '2024-05-01', '2024-10-31', 1, '2024-05-01', '2024-12-31', 245, 182.625, 1.341547, 6000.00,
              3000.00, 2),
             ('T9', 'c9', '45T01', '2024-01-01', '2024-02-29', 0, NULL, NULL, NULL, 182.625, NULL, NULL, 3000.00, NULL)$$,
    'traject_realisation: completed traject allocations ended in the window; without claims, without tarief');

SELECT is((SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal)
             FROM jeugdnorm.column_dictionary WHERE view_name = 'traject_realisation'),
          'gemeente text, toewijzingnummer text, client_id text, aanbieder text, product text, ingangsdatum date, '
          || 'einddatum date, claim_lines bigint, first_claim_day date, last_claim_day date, days_claimed integer, '
          || 'standard_days numeric(18,6), volume_share numeric(18,6), claimed_amount numeric(14,2), '
          || 'tarief numeric(14,2), cost_share numeric(18,6)',
          'traject_realisation: contract columns with their BI types');
SELECT is((SELECT count(*) FROM jeugdnorm.column_dictionary WHERE view_name = 'traject_realisation' AND description IS NULL),
          0::bigint, 'traject_realisation: every column has a comment');
SELECT is((SELECT reloptions FROM pg_class WHERE oid = 'jeugdnorm.traject_realisation'::regclass),
          '{security_barrier=true}', 'traject_realisation is a security barrier view');
SELECT is((SELECT count(*) FROM (SELECT gemeente, toewijzingnummer FROM jeugdnorm.traject_realisation
                                 GROUP BY 1, 2 HAVING count(*) > 1) d), 0::bigint,
          'grain (gemeente, toewijzingnummer) is unique');

SELECT * FROM finish();
ROLLBACK;
