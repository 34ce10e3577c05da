-- Invariants of follow_up_rates, realisation and cost_overview on the demo
-- region (test/fixtures/demo_small.sql: seed 42, scale 0.2).  Each figure
-- is recomputed here in plain SQL, independently of the views' code: own year
-- windows from jeugdnorm.settings, own day arithmetic for the pro rata and
-- for the allocated volume (no allocated_volume / overlap_share /
-- verzilvering), own catalogue and contract lookups.  What counts as a kept
-- allocation or claim line is the cleaned layer's definition (tested there),
-- so the recomputation starts from jeugdnorm_internal.allocations / claims.
-- Comparisons allow half a unit of the view's last decimal plus 1e-9: the
-- view rounds an exact value (the C functions multiply before they divide),
-- the recomputation divides first, so a value such as 16250.625 may come out
-- here as 16250.62499999...; anything beyond that tolerance is a real error.
BEGIN;
CREATE EXTENSION jeugdnorm;
\o /dev/null
\i test/fixtures/demo_small.sql
-- The demo's claim lines are calendar months; add lines that straddle New
-- Year (and a window that starts mid-March) so that the year split and the
-- partial first window are exercised: one 2-month line per allocation that
-- runs over a New Year, for every 10th such allocation.
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                  productcode, begindatum, einddatum, volume, eenheid, bedrag)
SELECT t.gemeente, t.toewijzingnummer, t.client_id, t.aanbieder, t.productcategorie,
       coalesce(t.productcode, t.productcategorie || 'A01'),
       make_date(y, 12, 1), make_date(y + 1, 1, 31), 3, coalesce(t.eenheid, '04'), 123.45
  FROM jeugdnorm.toewijzing t
 CROSS JOIN LATERAL generate_series(extract(year FROM t.ingangsdatum)::int,
                                    extract(year FROM coalesce(t.einddatum, '2025-12-31'))::int - 1) AS y
 WHERE hashtext(t.gemeente || t.toewijzingnummer) % 10 = 0;
UPDATE jeugdnorm.settings SET window_start = '2021-03-15';
SELECT * FROM jeugdnorm.refresh();
\o

SELECT plan(22);

-- ---- independent year windows and facts, kept for the whole transaction ------
CREATE TEMP TABLE t_years AS
SELECT y AS year,
       greatest(make_date(y, 1, 1), s.window_start) AS ys,
       least(make_date(y, 12, 31), coalesce(s.peildatum, current_date)) AS ye
  FROM jeugdnorm.settings s,
       generate_series(extract(year FROM s.window_start)::int,
                       extract(year FROM coalesce(s.peildatum, current_date))::int) AS y;

-- claim line x year window, pro rata by own day count
CREATE TEMP TABLE t_claim_years AS
SELECT c.declaratie_id, c.gemeente, c.toewijzingnummer, c.client_id, c.aanbieder, c.product,
       c.claim_productcategorie, c.claim_productcode, c.begindatum,
       y.year,
       (least(c.einddatum, y.ye) - greatest(c.begindatum, y.ys) + 1)::numeric
           / (c.einddatum - c.begindatum + 1) AS share,
       c.bedrag, c.canonical_volume,
       CASE WHEN a.budget IS NOT NULL THEN c.unit = 'euro' ELSE c.same_family END AS family
  FROM jeugdnorm_internal.claims c
  JOIN jeugdnorm_internal.allocations a USING (gemeente, toewijzingnummer)
  JOIN t_years y ON c.begindatum <= y.ye AND c.einddatum >= y.ys;

-- allocation x year window, volume per day by own arithmetic
CREATE TEMP TABLE t_alloc_years AS
SELECT a.product, a.aanbieder, y.year, a.budget IS NOT NULL AS is_budget, a.tarief,
       (least(coalesce(a.einddatum, y.ye), y.ye) - greatest(a.ingangsdatum, y.ys) + 1) AS days,
       CASE WHEN a.budget IS NOT NULL
            THEN CASE WHEN a.einddatum IS NOT NULL
                      THEN a.budget / (a.einddatum - a.ingangsdatum + 1) END
            ELSE CASE a.frequentie
                      WHEN '1' THEN a.volume
                      WHEN '2' THEN a.volume / 7
                      WHEN '4' THEN a.volume * 12 / 365.25
                      WHEN '6' THEN CASE WHEN a.einddatum IS NOT NULL
                                         THEN a.volume / (a.einddatum - a.ingangsdatum + 1) END
                 END * a.unit_factor
       END AS per_day
  FROM jeugdnorm_internal.allocations a
  JOIN t_years y ON a.ingangsdatum <= y.ye AND (a.einddatum IS NULL OR a.einddatum >= y.ys);

CREATE TEMP TABLE t_realisation AS
SELECT k.product, ab.type AS aanbieder_type, k.year,
       sum(k.alloc_volume) AS allocated_volume,
       sum(k.alloc_amount) AS allocated_amount,
       coalesce(sum(k.claim_volume), 0) AS claimed_volume,
       coalesce(sum(k.claim_amount), 0) AS claimed_amount
  FROM (SELECT product, aanbieder, year, per_day * days AS alloc_volume,
               CASE WHEN is_budget THEN per_day * days ELSE per_day * days * tarief END AS alloc_amount,
               NULL::numeric AS claim_volume, NULL::numeric AS claim_amount
          FROM t_alloc_years
        UNION ALL
        SELECT product, aanbieder, year, NULL, NULL,
               CASE WHEN family THEN canonical_volume * share ELSE 0 END,
               bedrag * share
          FROM t_claim_years) k
  LEFT JOIN jeugdnorm.aanbieder ab ON ab.aanbieder = k.aanbieder
 GROUP BY k.product, ab.type, k.year;

CREATE TEMP TABLE t_cost AS
SELECT p.segment, cy.year,
       sum(cy.bedrag * cy.share) AS cost,
       coalesce(sum(cy.bedrag * cy.share) FILTER (
           WHERE NOT EXISTS (SELECT 1 FROM jeugdnorm.contract k
                              WHERE k.gemeente = cy.gemeente AND k.aanbieder = cy.aanbieder
                                AND k.productcode = cy.claim_productcode
                                AND cy.begindatum BETWEEN k.geldig_van AND coalesce(k.geldig_tot, 'infinity'))), 0) AS cost_nga,
       coalesce(sum(cy.bedrag * cy.share) FILTER (WHERE p.variant IN ('maatwerk', 'meerwerk')), 0) AS cost_mm,
       count(DISTINCT cy.client_id) AS clients
  FROM t_claim_years cy
  LEFT JOIN jeugdnorm.product p
    ON p.productcategorie = cy.claim_productcategorie AND p.productcode = cy.claim_productcode
 GROUP BY p.segment, cy.year;

-- each realisation row next to its recomputation (r_ = the view, t_ = here);
-- a row on one side only is caught by the set_eq test on the grain below
CREATE TEMP VIEW t_realisation_pairs AS
SELECT r.product, r.aanbieder_type, r.year,
       r.allocated_volume AS r_allocated_volume, t.allocated_volume AS t_allocated_volume,
       r.allocated_amount AS r_allocated_amount, t.allocated_amount AS t_allocated_amount,
       r.claimed_volume AS r_claimed_volume, t.claimed_volume AS t_claimed_volume,
       r.claimed_amount AS r_claimed_amount, t.claimed_amount AS t_claimed_amount,
       r.verzilvering_volume AS r_verzilvering_volume, r.verzilvering_amount AS r_verzilvering_amount
  FROM jeugdnorm.realisation r
  JOIN t_realisation t ON t.product IS NOT DISTINCT FROM r.product
                      AND t.aanbieder_type IS NOT DISTINCT FROM r.aanbieder_type
                      AND t.year = r.year;

-- ---- the data is big enough to mean something ----------------------------------
SELECT cmp_ok((SELECT count(*) FROM jeugdnorm.realisation), '>=', 50::bigint,
              'realisation has at least 50 rows on the demo region');

-- ---- realisation ------------------------------------------------------------------
SELECT is((SELECT count(*) FROM jeugdnorm.realisation),
          (SELECT count(DISTINCT (product, aanbieder_type, year)) FROM jeugdnorm.realisation),
          'realisation: grain (product, aanbieder_type, year) is unique');

SELECT set_eq(
    'SELECT product, aanbieder_type, year FROM jeugdnorm.realisation',
    'SELECT product, aanbieder_type, year FROM t_realisation',
    'realisation: a row exactly where an allocation or claim line overlaps the year window');

SELECT is_empty(
    $$SELECT product, aanbieder_type, year, r_claimed_amount, round(t_claimed_amount, 2)
        FROM t_realisation_pairs
       WHERE abs(r_claimed_amount - t_claimed_amount) > 0.005 + 1e-9$$,
    'realisation: claimed_amount per row = the pro-rated kept claim lines, recomputed');

SELECT ok((SELECT abs(sum(claimed_amount) - (SELECT sum(bedrag * share) FROM t_claim_years))
                  <= 0.005 * count(*)
             FROM jeugdnorm.realisation),
          'realisation: claimed_amount total = sum of pro-rated kept claims over the window (within rounding of the rows)');

SELECT ok((SELECT sum(bedrag * share) FROM t_claim_years) > 0
          AND (SELECT count(*) FROM t_claim_years WHERE share < 1) > 100,
          'the pro-rated claim total is positive and over 100 line-years are split (the comparison is not trivial)');

SELECT is_empty(
    $$SELECT product, aanbieder_type, year, r_claimed_volume, t_claimed_volume
        FROM t_realisation_pairs
       WHERE abs(r_claimed_volume - t_claimed_volume) > 0.0000005 + 1e-9$$,
    'realisation: claimed_volume per row = the same-family lines pro rata, recomputed');

SELECT is_empty(
    $$SELECT product, aanbieder_type, year, r_allocated_volume, t_allocated_volume
        FROM t_realisation_pairs
       WHERE (r_allocated_volume IS NULL) <> (t_allocated_volume IS NULL)
          OR abs(r_allocated_volume - t_allocated_volume) > 0.0000005 + 1e-9$$,
    'realisation: allocated_volume per row = volume per day x days in the year window, recomputed (NULL alike)');

SELECT is_empty(
    $$SELECT product, aanbieder_type, year, r_allocated_amount, t_allocated_amount
        FROM t_realisation_pairs
       WHERE (r_allocated_amount IS NULL) <> (t_allocated_amount IS NULL)
          OR abs(r_allocated_amount - t_allocated_amount) > 0.005 + 1e-9$$,
    'realisation: allocated_amount per row = allocated volume x tarief or the budget by days, recomputed');

SELECT is_empty(
    $$SELECT product, aanbieder_type, year
        FROM t_realisation_pairs
       WHERE (r_verzilvering_volume IS NULL) <> (NULLIF(t_allocated_volume, 0) IS NULL)
          OR (r_verzilvering_amount IS NULL) <> (NULLIF(t_allocated_amount, 0) IS NULL)
          OR abs(r_verzilvering_volume - t_claimed_volume / NULLIF(t_allocated_volume, 0)) > 0.0000005 + 1e-9
          OR abs(r_verzilvering_amount - t_claimed_amount / NULLIF(t_allocated_amount, 0)) > 0.0000005 + 1e-9$$,
    'realisation: verzilvering = claimed / NULLIF(allocated, 0) from unrounded sums');

SELECT ok((SELECT count(*) FROM jeugdnorm.realisation WHERE aanbieder_type IS NOT NULL) > 0
          AND (SELECT count(*) FROM jeugdnorm.realisation WHERE verzilvering_amount IS NOT NULL) > 0,
          'realisation: provider types and money ratios are filled on the demo region');

-- ---- cost_overview ------------------------------------------------------------------
SELECT is((SELECT count(*) FROM jeugdnorm.cost_overview),
          (SELECT count(DISTINCT (segment, year)) FROM jeugdnorm.cost_overview),
          'cost_overview: grain (segment, year) is unique');

SELECT set_eq(
    'SELECT segment, year, clients FROM jeugdnorm.cost_overview',
    'SELECT segment, year, clients FROM t_cost',
    'cost_overview: a row per (segment, year) with claims, and its distinct clients, recomputed');

SELECT is_empty(
    $$SELECT o.segment, o.year, o.cost, t.cost, o.cost_nga, t.cost_nga, o.cost_maatwerk_meerwerk, t.cost_mm
        FROM jeugdnorm.cost_overview o
        JOIN t_cost t ON t.segment IS NOT DISTINCT FROM o.segment AND t.year = o.year
       WHERE abs(o.cost - t.cost) > 0.005 + 1e-9
          OR abs(o.cost_nga - t.cost_nga) > 0.005 + 1e-9
          OR abs(o.cost_maatwerk_meerwerk - t.cost_mm) > 0.005 + 1e-9$$,
    'cost_overview: cost, NGA part and maatwerk/meerwerk part per row = the claim lines pro rata, recomputed');

SELECT ok((SELECT abs(sum(cost) - (SELECT sum(bedrag * share) FROM t_claim_years)) <= 0.005 * count(*)
             FROM jeugdnorm.cost_overview),
          'cost_overview: cost total = sum of pro-rated kept claims over the window (within rounding of the rows)');

SELECT is_empty(
    $$SELECT o.segment, o.year FROM jeugdnorm.cost_overview o
        JOIN t_cost t ON t.segment IS NOT DISTINCT FROM o.segment AND t.year = o.year
       WHERE (o.share_nga IS NULL) <> (NULLIF(t.cost, 0) IS NULL)
          OR (o.share_maatwerk_meerwerk IS NULL) <> (NULLIF(t.cost, 0) IS NULL)
          OR abs(o.share_nga - t.cost_nga / NULLIF(t.cost, 0)) > 0.0000005 + 1e-9
          OR abs(o.share_maatwerk_meerwerk - t.cost_mm / NULLIF(t.cost, 0)) > 0.0000005 + 1e-9$$,
    'cost_overview: shares = part / cost from unrounded sums (NULL when cost is 0)');

SELECT ok((SELECT sum(cost_nga) > 0 AND sum(cost_maatwerk_meerwerk) > 0 FROM jeugdnorm.cost_overview),
          'cost_overview: the demo region has NGA and maatwerk/meerwerk cost (the parts are exercised)');

-- ---- follow_up_rates -----------------------------------------------------------------
SELECT is((SELECT count(*) FROM jeugdnorm.follow_up_rates),
          (SELECT count(DISTINCT (financieringsvorm, product, year)) FROM jeugdnorm.follow_up_rates),
          'follow_up_rates: grain (financieringsvorm, product, year) is unique');

SELECT is((SELECT sum(allocations) FROM jeugdnorm.follow_up_rates),
          (SELECT count(*) FROM jeugdnorm_internal.allocations a, jeugdnorm.settings s
            WHERE a.ingangsdatum BETWEEN s.window_start AND coalesce(s.peildatum, current_date))::numeric,
          'follow_up_rates: allocations total = kept allocations starting inside the window');

SELECT is_empty(
    $$SELECT * FROM jeugdnorm.follow_up_rates
       WHERE eerste + verlengingen + recidives + nieuw <> allocations
          OR share_verlenging <> round(verlengingen::numeric / allocations, 6)
          OR share_recidive <> round(recidives::numeric / allocations, 6)$$,
    'follow_up_rates: the four classes add up to allocations; shares = count / allocations');

SELECT ok((SELECT sum(verlengingen) > 0 AND sum(recidives) > 0 FROM jeugdnorm.follow_up_rates),
          'follow_up_rates: the demo region has verlengingen and recidives');

-- ---- shares are fractions -------------------------------------------------------------
SELECT is_empty(
    $$SELECT 'follow_up_rates', share_verlenging FROM jeugdnorm.follow_up_rates
       WHERE share_verlenging NOT BETWEEN 0 AND 1 OR share_recidive NOT BETWEEN 0 AND 1
         OR share_verlenging IS NULL OR share_recidive IS NULL
      UNION ALL
      SELECT 'cost_overview', share_nga FROM jeugdnorm.cost_overview
       WHERE share_nga NOT BETWEEN 0 AND 1 OR share_maatwerk_meerwerk NOT BETWEEN 0 AND 1$$,
    'every share_* of the money views lies in 0..1');

SELECT * FROM finish();
ROLLBACK;
