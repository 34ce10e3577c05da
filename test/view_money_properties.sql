-- view_money_properties.sql -- properties of the money and capacity views
-- ([M1]-[M6]) on the demo region (test/fixtures/demo_small.sql: seed 42,
-- scale 0.2, with the generator's money inputs), checked at the demo's
-- peildatum (2025-12-31) and at a peildatum inside the year (2025-09-30):
--   * yearly_kpi: the region's cost = the sum of the gemeenten' cost, its
--     allocations the sum, its distinct counts between the largest
--     gemeente's and the sum;
--   * cost_forecast: rows and cost_to_date = cost_overview's, row for row;
--     the closed years' forecasts = cost;
--   * budget_uitnutting: ceilings covering everything (one region-wide,
--     all-products ceiling per provider) add up to the region's cost; the
--     payable amounts are never above the forecast and monotone in it (the
--     same plafond, donut hole and staffel for every provider: payable is one
--     function of the forecast, so sorted by forecast it never decreases);
--   * plek_capacity shows both capacity sources; traject_realisation's rows
--     are completed traject allocations; every grain is unique.
-- Rounding: every view rounds its own unrounded figure, so a sum of rounded
-- rows may differ from the rounded total by half a cent per row.
BEGIN;
CREATE EXTENSION jeugdnorm;
\o /dev/null
\i test/fixtures/demo_small.sql
SELECT * FROM jeugdnorm.refresh();
\o
SELECT plan(22);

SELECT cmp_ok((SELECT count(*) FROM jeugdnorm.budgetplafond), '=', 3::bigint,
              'the demo region has its three budget ceilings');

-- ---- yearly_kpi ----------------------------------------------------------------------------------
SELECT is_empty(
    $$SELECT r.year, r.cost, sum(g.cost)
        FROM jeugdnorm.yearly_kpi r
        JOIN jeugdnorm.yearly_kpi g ON g.year = r.year AND g.gemeente IS NOT NULL
       WHERE r.gemeente IS NULL
       GROUP BY r.year, r.cost
      HAVING abs(r.cost - sum(g.cost)) > 0.005 * (count(*) + 1)$$,
    'yearly_kpi: the region''s cost is the sum of the gemeenten'' cost, every year');
SELECT is_empty(
    $$SELECT r.year FROM jeugdnorm.yearly_kpi r
        JOIN jeugdnorm.yearly_kpi g ON g.year = r.year AND g.gemeente IS NOT NULL
       WHERE r.gemeente IS NULL
       GROUP BY r.year, r.allocations, r.clients, r.aanbieders, r.clients_claimed
      HAVING r.allocations <> sum(g.allocations)
          OR r.clients > sum(g.clients) OR r.clients < max(g.clients)
          OR r.aanbieders > sum(g.aanbieders) OR r.aanbieders < max(g.aanbieders)
          OR r.clients_claimed > sum(g.clients_claimed) OR r.clients_claimed < max(g.clients_claimed)$$,
    'yearly_kpi: region allocations = the sum; distinct clients and providers between the largest gemeente and the sum');
SELECT ok((SELECT bool_and(r.aanbieders < s.aanbieders) FROM jeugdnorm.yearly_kpi r
             JOIN (SELECT year, sum(aanbieders) AS aanbieders FROM jeugdnorm.yearly_kpi WHERE gemeente IS NOT NULL GROUP BY year) s
               USING (year)
            WHERE r.gemeente IS NULL),
          'yearly_kpi: region providers are distinct over the region (fewer than the sum: providers serve several gemeenten)');
SELECT is((SELECT count(*) FROM jeugdnorm.yearly_kpi),
          (SELECT (count(DISTINCT gemeente) + 1) * 5 FROM jeugdnorm.toewijzing),
          'yearly_kpi: every gemeente x every window year (2021-2025), plus the region rows');
SELECT is_empty(
    $$SELECT g.gemeente, g.year FROM jeugdnorm.yearly_kpi g
        JOIN jeugdnorm.yearly_kpi r ON r.year = g.year AND r.gemeente IS NULL
       WHERE (g.index_cost_per_jeugdige IS NULL) <> (g.jeugdigen IS NULL OR g.jeugdigen = 0)
          OR abs(g.index_cost_per_jeugdige - (g.cost / g.jeugdigen) / (r.cost / r.jeugdigen)) > 0.0001$$,
    'yearly_kpi: index_cost_per_jeugdige = cost per youth against the region''s (NULL where the youth count is NULL)');
SELECT is((SELECT count(*) FROM jeugdnorm.yearly_kpi WHERE gemeente = '0889' AND year = 2025 AND jeugdigen IS NULL
             AND cost_per_jeugdige IS NULL AND clients_per_1000_jeugdigen IS NULL AND cost_share_of_inkomsten IS NOT NULL),
          1::bigint, 'yearly_kpi: a NULL youth count gives NULL per-youth figures, the income share still shows');

-- ---- providers_per_month ---------------------------------------------------------------------------
SELECT is_empty(
    $$SELECT r.month_start FROM jeugdnorm.providers_per_month r
        JOIN jeugdnorm.providers_per_month g ON g.month_start = r.month_start AND g.gemeente IS NOT NULL
       WHERE r.gemeente IS NULL
       GROUP BY r.month_start, r.aanbieders, r.aanbieders_nga, r.aanbieders_contracted
      HAVING r.aanbieders < max(g.aanbieders) OR r.aanbieders > sum(g.aanbieders)
          OR r.aanbieders > r.aanbieders_contracted + r.aanbieders_nga
          OR r.aanbieders_nga > r.aanbieders OR r.aanbieders_contracted > r.aanbieders$$,
    'providers_per_month: region distinct between largest and sum; contracted + NGA cover all providers');
SELECT is((SELECT count(*) FROM jeugdnorm.providers_per_month),
          (SELECT (count(DISTINCT d.gemeente) + 1) * 60 FROM jeugdnorm_internal.claims d),
          'providers_per_month: every gemeente with claims x 60 months, plus the region rows');

-- ---- cost_forecast ---------------------------------------------------------------------------------
SELECT set_eq($$SELECT segment, year, cost_to_date FROM jeugdnorm.cost_forecast$$,
              $$SELECT segment, year, cost FROM jeugdnorm.cost_overview$$,
              'cost_forecast: rows and cost_to_date = cost_overview''s rows and cost (peildatum 2025-12-31)');
SELECT is_empty($$SELECT * FROM jeugdnorm.cost_forecast
                   WHERE forecast_linear <> cost_to_date OR forecast_previous_year <> cost_to_date
                      OR forecast_allocations <> cost_to_date OR days_elapsed <> days_in_year$$,
                'cost_forecast: peildatum 31 December: no open year, every forecast is the cost');

-- ---- plek_capacity, traject_realisation --------------------------------------------------------------
SELECT is((SELECT array_agg(DISTINCT capacity_source ORDER BY capacity_source) FROM jeugdnorm.plek_capacity),
          '{contract,gemiddelde}', 'plek_capacity: both capacity sources occur in the demo region');
SELECT is_empty(
    $$SELECT p.* FROM jeugdnorm.plek_capacity p
       WHERE (p.capacity_source = 'contract') <> EXISTS (
                SELECT 1 FROM jeugdnorm.capaciteit k
                 WHERE k.gemeente = p.gemeente AND k.aanbieder = p.aanbieder AND k.productcode = p.product
                   AND p.month_start BETWEEN k.geldig_van AND coalesce(k.geldig_tot, 'infinity'))
          OR (p.deviation_class IS NULL) <> (p.capacity = 0)$$,
    'plek_capacity: source contract exactly when a capaciteit row is valid on month_start; a class unless capacity is 0');
SELECT is_empty(
    $$SELECT t.gemeente, t.toewijzingnummer FROM jeugdnorm.traject_realisation t
        LEFT JOIN jeugdnorm.product p ON p.productcode = t.product
       WHERE p.financieringsvorm IS DISTINCT FROM 'traject'
          OR t.einddatum + 90 > '2025-12-31' OR t.einddatum < '2021-01-01'
          OR t.claimed_amount IS DISTINCT FROM
             (SELECT sum(c.bedrag) FROM jeugdnorm_internal.claims c
               WHERE c.gemeente = t.gemeente AND c.toewijzingnummer = t.toewijzingnummer)::numeric(14,2)$$,
    'traject_realisation: completed traject allocations ended in the window, with the sum of their kept claim lines');

-- ---- budget_uitnutting -----------------------------------------------------------------------------
-- Ceilings covering everything: one region-wide, all-products ceiling per provider
-- with claims, for every window year; the same plafond, donut hole and staffel for all.
\o /dev/null
INSERT INTO jeugdnorm.budgetplafond (plafond_id, jaar, gemeente, aanbieder, productcode, plafond, donut_hole_pct)
SELECT 'ALL-' || y.year || '-' || a.aanbieder, y.year, NULL, a.aanbieder, NULL, 50000, 10
  FROM (SELECT DISTINCT aanbieder FROM jeugdnorm_internal.claims WHERE aanbieder IS NOT NULL) a
 CROSS JOIN jeugdnorm_internal.year_windows y;
INSERT INTO jeugdnorm.staffel (plafond_id, vanaf_pct, korting_pct)
SELECT b.plafond_id, s.v, s.k
  FROM jeugdnorm.budgetplafond b
 CROSS JOIN (VALUES (80, 10), (95, 25), (110, 50)) AS s (v, k)
 WHERE b.plafond_id LIKE 'ALL-%';
\o
SELECT is_empty(
    $$SELECT r.year, r.cost, sum(b.cost_to_date)
        FROM jeugdnorm.yearly_kpi r
        JOIN jeugdnorm.budget_uitnutting b ON b.jaar = r.year AND b.plafond_id LIKE 'ALL-%'
       WHERE r.gemeente IS NULL
       GROUP BY r.year, r.cost
      HAVING abs(r.cost - sum(b.cost_to_date)) > 0.005 * (count(*) + 1)$$,
    'budget_uitnutting: region-wide all-product ceilings of every provider add up to the region''s cost, every year');
SELECT is_empty($$SELECT plafond_id FROM jeugdnorm.budget_uitnutting
                   WHERE payable_donut_hole > forecast OR payable_staffel > forecast$$,
                'budget_uitnutting: payable amounts are never above the forecast');
SELECT is_empty(
    $$SELECT * FROM (SELECT b.jaar, b.forecast, b.payable_donut_hole, b.payable_staffel,
                            lag(b.payable_donut_hole) OVER w AS prev_donut,
                            lag(b.payable_staffel) OVER w AS prev_staffel
                       FROM jeugdnorm.budget_uitnutting b
                      WHERE b.plafond_id LIKE 'ALL-%'
                     WINDOW w AS (ORDER BY b.forecast, b.payable_donut_hole, b.payable_staffel)) x
       WHERE x.payable_donut_hole < x.prev_donut OR x.payable_staffel < x.prev_staffel$$,
    'budget_uitnutting: with the same plafond, hole and staffel, payable never decreases as the forecast grows');
SELECT cmp_ok((SELECT count(DISTINCT signal) FROM jeugdnorm.budget_uitnutting WHERE plafond_id LIKE 'ALL-%'),
              '=', 3::bigint, 'the probe ceilings cover all three signals (the monotonicity check sees every regime)');

-- ---- a peildatum inside the year ---------------------------------------------------------------------
\o /dev/null
UPDATE jeugdnorm.settings SET peildatum = '2025-09-30';
SELECT * FROM jeugdnorm.refresh();
\o
SELECT set_eq($$SELECT segment, year, cost_to_date FROM jeugdnorm.cost_forecast$$,
              $$SELECT segment, year, cost FROM jeugdnorm.cost_overview$$,
              'cost_forecast: rows and cost_to_date = cost_overview''s (peildatum 2025-09-30)');
SELECT is_empty(
    $$SELECT * FROM jeugdnorm.cost_forecast
       WHERE year = 2025
         AND (days_elapsed <> 273 OR days_in_year <> 365
              OR abs(forecast_linear - cost_to_date * 365 / 273) > 0.01
              OR forecast_previous_year IS NULL OR forecast_allocations IS NULL)$$,
    'cost_forecast 2025 on 2025-09-30: 273 of 365 days, linear = cost x 365 / 273, the other two forecasts given');
SELECT is_empty(
    $$SELECT b.plafond_id FROM jeugdnorm.budget_uitnutting b
       WHERE b.jaar = 2025 AND abs(b.forecast - b.cost_to_date * 365 / 273) > 0.01$$,
    'budget_uitnutting 2025 on 2025-09-30: forecast = cost_to_date x 365 / 273');
SELECT is_empty($$SELECT plafond_id FROM jeugdnorm.budget_uitnutting
                   WHERE payable_donut_hole > forecast OR payable_staffel > forecast$$,
                'budget_uitnutting on 2025-09-30: payable amounts never above the forecast');

SELECT * FROM finish();
ROLLBACK;
