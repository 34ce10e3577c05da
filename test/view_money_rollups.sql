-- view_money_rollups.sql -- the money materialised views rebuilt from
-- partial sums give exactly the rows of their first 0.3.0 definitions,
-- which computed them from the claim lines and allocations directly:
--   * the rollups mv_money_provider_months, mv_money_plek_months and
--     mv_money_forecast, now summed from per-client partial sums (issue 16;
--     first definitions of commit 18c322d kept below as old_* views);
--   * the per-client tables mv_money_provider_clients,
--     mv_money_forecast_clients and mv_money_traject, now computed from
--     mv_money_claim_sums (the kept claim lines summed per allocation, year
--     window, claim product and NGA) instead of from every kept claim line
--     (issue 15's speed work; their definitions of commit 2380f00 below,
--     over old_claim_lines, the kept claim lines as the per-client table
--     mv_money_claim_lines held them);
--   * mv_money_claim_years of commit 2380f00 (old_claim_years), which the
--     contract views read until they read mv_money_claim_sums itself: its
--     rows are exactly mv_money_claim_sums grouped without the allocation
--     (new_claim_years below, the grouping the contract views now do).
-- Compared as row text (so numeric scales count), EXCEPT ALL both ways (so
-- duplicates count too), over the same inputs (mv_path_allocations,
-- jeugdnorm_internal.allocations, claim_lines).  The contract views read
-- these tables, so equal tables mean equal contract views.  On the demo
-- region (test/fixtures/demo_small.sql) at three peildata: the demo's (31
-- December, no open year), inside the year (30 September) and 29 February
-- 2024 (R' starts on 1 March 2023); and with a window_start inside a year
-- (lines overlapping no window and lines cut by window_start).  And after
-- an incremental refresh (claim lines and an allocation of a few clients
-- changed): again, and every per-client money table equals its full
-- recompute (<v>_full) row for row.
-- mv_money_plek_clients takes an allocation's months from month_windows
-- since the full-refresh speed work of session 8 (a generate_series() per
-- allocation before, old_plek_clients below), and mv_money_plek_months
-- matches a NULL aanbieder by two equalities instead of IS NOT DISTINCT
-- FROM: two plek allocations without aanbieder are added for that (one
-- group with a NULL aanbieder, months with and without clients).
BEGIN;
CREATE EXTENSION jeugdnorm;
\o /dev/null
\i test/fixtures/demo_small.sql
-- two claim lines across a year end (the demo's are monthly): each is on
-- two rows of mv_money_claim_sums
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  begindatum, einddatum, volume, eenheid, bedrag)
SELECT t.gemeente, t.toewijzingnummer, t.client_id, t.aanbieder, t.productcategorie, t.productcode,
       date '2023-11-16', date '2024-02-14', 1, t.eenheid, b.bedrag
  FROM jeugdnorm.toewijzing t
 CROSS JOIN (VALUES (901.17), (-45.5)) b(bedrag)
 WHERE t.client_id IS NOT NULL AND t.productcode IS NOT NULL
   AND t.ingangsdatum <= date '2023-11-16' AND (t.einddatum IS NULL OR t.einddatum >= date '2024-02-14')
   AND t.reden_wijziging IS DISTINCT FROM '13'
 ORDER BY t.gemeente, t.toewijzingnummer LIMIT 2;
-- two plek allocations without aanbieder, of one gemeente and product
-- (copies of the first two plek allocations of a group, under new numbers)
INSERT INTO jeugdnorm.toewijzing
SELECT t.gemeente, t.toewijzingnummer || 'N', t.client_id, t.geboortedatum, NULL, t.productcategorie,
       t.productcode, t.ingangsdatum, t.einddatum, t.volume, t.eenheid, t.frequentie, t.budget,
       t.reden_wijziging, t.toewijzingsdatum, t.verwijzer, t.reden_beeindiging, t.postcode
  FROM jeugdnorm.toewijzing t
  JOIN jeugdnorm.product p ON p.productcategorie = t.productcategorie AND p.productcode = t.productcode
 WHERE p.financieringsvorm = 'plek' AND t.client_id IS NOT NULL
   AND t.reden_wijziging IS DISTINCT FROM '13'
   AND (t.gemeente, t.productcode) = (SELECT x.gemeente, x.productcode
                                        FROM jeugdnorm.toewijzing x
                                        JOIN jeugdnorm.product q ON q.productcategorie = x.productcategorie
                                                                AND q.productcode = x.productcode
                                       WHERE q.financieringsvorm = 'plek'
                                       ORDER BY 1, 2 LIMIT 1)
 ORDER BY t.ingangsdatum, t.toewijzingnummer LIMIT 2;
SELECT * FROM jeugdnorm.refresh();
\o
SELECT plan(127);

-- ---- the first definitions -------------------------------------------------------------------
-- the kept claim lines as mv_money_claim_lines held them (commit 2380f00)
CREATE TEMP VIEW old_claim_lines AS
SELECT c.declaratie_id,
       c.gemeente,
       c.toewijzingnummer,
       c.aanbieder,
       c.client_id,
       c.claim_productcategorie,
       c.claim_productcode,
       NOT coalesce(c.begindatum OPERATOR(pg_catalog.<@) ANY (k.valid), false) AS nga,
       c.begindatum,
       c.einddatum,
       c.bedrag
  FROM (SELECT l.declaratie_id, l.gemeente, l.toewijzingnummer, a.aanbieder, a.client_id,
               l.productcategorie AS claim_productcategorie, l.productcode AS claim_productcode,
               l.begindatum, l.einddatum, l.bedrag
          FROM jeugdnorm_internal.claim_lines l
          JOIN jeugdnorm_internal.mv_path_allocations a
            ON a.gemeente = l.gemeente
           AND a.toewijzingnummer = l.toewijzingnummer) c
  LEFT JOIN jeugdnorm_internal.contract_validity k
         ON k.gemeente = c.gemeente
        AND k.aanbieder = c.aanbieder
        AND k.productcode = c.claim_productcode;

CREATE TEMP VIEW old_claim_years AS
SELECT c.gemeente,
       c.aanbieder,
       c.client_id,
       c.claim_productcategorie,
       c.claim_productcode,
       c.nga,
       w.year,
       coalesce(pg_catalog.sum(c.bedrag * jeugdnorm.overlap_share(c.begindatum, c.einddatum,
                                                                  w.window_start, w.window_end))
                    FILTER (WHERE w.year IS NOT NULL), 0) AS cost,
       pg_catalog.sum(c.bedrag * jeugdnorm.overlap_share(c.begindatum, c.einddatum,
                                                         d.rest_prev_start, d.rest_prev_end))
           FILTER (WHERE w.year = d.peil_year - 1
                     AND d.rest_prev_start <= d.rest_prev_end
                     AND c.begindatum <= d.rest_prev_end
                     AND c.einddatum >= d.rest_prev_start) AS cost_prev_rest,
       pg_catalog.count(*) AS claim_lines,
       NULL::boolean AS refresh_null
  FROM old_claim_lines c
 CROSS JOIN jeugdnorm_internal.forecast_dates d
  LEFT JOIN jeugdnorm_internal.year_windows w
         ON c.begindatum <= w.window_end
        AND c.einddatum >= w.window_start
 GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- mv_money_claim_sums grouped as mv_money_claim_years was
CREATE TEMP VIEW new_claim_years AS
SELECT c.gemeente, c.aanbieder, c.client_id, c.claim_productcategorie, c.claim_productcode, c.nga, c.year,
       coalesce(pg_catalog.sum(c.cost), 0) AS cost,
       pg_catalog.sum(c.cost_prev_rest) AS cost_prev_rest,
       pg_catalog.sum(c.claim_lines)::bigint AS claim_lines,
       NULL::boolean AS refresh_null
  FROM jeugdnorm_internal.mv_money_claim_sums c
 GROUP BY 1, 2, 3, 4, 5, 6, 7;

CREATE TEMP VIEW old_provider_clients AS
SELECT c.client_id,
       c.gemeente,
       c.aanbieder,
       c.nga,
       pg_catalog.range_agg(pg_catalog.daterange(greatest(c.begindatum, s.window_start),
                                                 least(c.einddatum, s.peildatum), '[]')) AS days,
       pg_catalog.count(*) AS claim_lines,
       NULL::boolean AS refresh_null
  FROM old_claim_lines c
 CROSS JOIN jeugdnorm_internal.settings s
 WHERE c.begindatum <= s.peildatum
   AND c.einddatum >= s.window_start
 GROUP BY 1, 2, 3, 4;

CREATE TEMP VIEW old_traject AS
WITH t AS (
    SELECT a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.product,
           a.ingangsdatum, a.einddatum, pc.tarief, pc.standaard_doorlooptijd_maanden
      FROM jeugdnorm_internal.mv_path_allocations a
     CROSS JOIN jeugdnorm_internal.settings s
     CROSS JOIN LATERAL (SELECT p.financieringsvorm, p.tarief, p.standaard_doorlooptijd_maanden
                           FROM jeugdnorm.product p
                          WHERE p.productcode = a.product
                          ORDER BY p.productcategorie IS DISTINCT FROM a.productcategorie,
                                   p.productcategorie
                          LIMIT 1) pc
     WHERE pc.financieringsvorm = 'traject'
       AND a.einddatum IS NOT NULL
       AND a.einddatum >= s.window_start
       AND a.einddatum + s.path_gap_days <= s.peildatum
)
SELECT t.gemeente, t.toewijzingnummer, t.client_id, t.aanbieder, t.product,
       t.ingangsdatum, t.einddatum,
       pg_catalog.count(c.toewijzingnummer) AS claim_lines,
       pg_catalog.min(c.begindatum) AS first_claim_day,
       pg_catalog.max(c.einddatum) AS last_claim_day,
       pg_catalog.sum(c.bedrag) AS claimed_amount,
       t.tarief,
       t.standaard_doorlooptijd_maanden,
       NULL::boolean AS refresh_null
  FROM t
  LEFT JOIN old_claim_lines c
    ON c.gemeente = t.gemeente
   AND c.toewijzingnummer = t.toewijzingnummer
 GROUP BY t.gemeente, t.toewijzingnummer, t.client_id, t.aanbieder, t.product,
          t.ingangsdatum, t.einddatum, t.tarief, t.standaard_doorlooptijd_maanden;

-- mv_money_provider_months without its claim_lines column (read by no view)
CREATE TEMP VIEW old_forecast_clients AS
WITH alloc AS (
    SELECT a.client_id, a.gemeente, a.toewijzingnummer, a.product, a.productcategorie,
           CASE WHEN a.ingangsdatum <= d.w_end
                 AND (a.einddatum IS NULL OR a.einddatum >= d.w_start)
                THEN CASE WHEN a.budget IS NOT NULL
                          THEN jeugdnorm.allocated_volume(a.ingangsdatum, a.einddatum, a.budget, '6',
                                                          d.w_start, d.w_end)
                          ELSE jeugdnorm.allocated_volume(a.ingangsdatum, a.einddatum, a.volume,
                                                          a.frequentie, d.w_start, d.w_end)
                               * a.unit_factor * a.tarief
                     END
           END AS alloc_w,
           (a.ingangsdatum <= d.w_end AND (a.einddatum IS NULL OR a.einddatum >= d.w_start)) AS in_w,
           CASE WHEN d.open_year IS NOT NULL
                THEN coalesce(CASE WHEN a.budget IS NOT NULL
                                   THEN jeugdnorm.allocated_volume(a.ingangsdatum, a.einddatum, a.budget, '6',
                                                                   d.r_start, d.r_end)
                                   ELSE jeugdnorm.allocated_volume(a.ingangsdatum, a.einddatum, a.volume,
                                                                   a.frequentie, d.r_start, d.r_end)
                                        * a.unit_factor * a.tarief
                              END, 0)
                ELSE 0
           END AS alloc_r
      FROM jeugdnorm_internal.allocations a
     CROSS JOIN jeugdnorm_internal.forecast_dates d
),
claimed AS (
    SELECT c.gemeente, c.toewijzingnummer,
           pg_catalog.sum(c.bedrag * jeugdnorm.overlap_share(c.begindatum, c.einddatum, d.w_start, d.w_end))
               AS claimed_w
      FROM old_claim_lines c
     CROSS JOIN jeugdnorm_internal.forecast_dates d
     WHERE c.begindatum <= d.w_end
       AND c.einddatum >= d.w_start
     GROUP BY 1, 2
),
per_category AS (
    SELECT a.client_id, a.gemeente, a.product, a.productcategorie,
           pg_catalog.sum(a.alloc_w) FILTER (WHERE a.in_w) AS alloc_w,
           pg_catalog.sum(cl.claimed_w) AS claimed_w,
           pg_catalog.sum(a.alloc_r) AS alloc_r,
           pg_catalog.count(*) AS allocations
      FROM alloc a
      LEFT JOIN claimed cl
        ON cl.gemeente = a.gemeente
       AND cl.toewijzingnummer = a.toewijzingnummer
     GROUP BY 1, 2, 3, 4
)
SELECT g.client_id, g.gemeente, g.product, pc.segment,
       pg_catalog.sum(g.alloc_w) AS alloc_w,
       pg_catalog.sum(g.claimed_w) AS claimed_w,
       pg_catalog.sum(g.alloc_r) AS alloc_r,
       pg_catalog.sum(g.allocations)::bigint AS allocations,
       NULL::boolean AS refresh_null
  FROM per_category g
  LEFT JOIN LATERAL (SELECT p.segment
                       FROM jeugdnorm.product p
                      WHERE p.productcode = g.product
                      ORDER BY p.productcategorie IS DISTINCT FROM g.productcategorie,
                               p.productcategorie
                      LIMIT 1) pc ON true
 GROUP BY 1, 2, 3, 4;

CREATE TEMP VIEW old_provider_months AS
SELECT x.gemeente, x.aanbieder, x.month_start, x.nga FROM (
SELECT c.gemeente,
       c.aanbieder,
       greatest(m.m::date, s.window_start) AS month_start,
       c.nga,
       pg_catalog.sum(c.lines)::bigint AS claim_lines,
       NULL::boolean AS refresh_null
  FROM (SELECT l.gemeente, l.aanbieder, l.nga, l.begindatum, l.einddatum, pg_catalog.count(*) AS lines
          FROM old_claim_lines l
         GROUP BY 1, 2, 3, 4, 5) c
 CROSS JOIN jeugdnorm_internal.settings s
 CROSS JOIN LATERAL pg_catalog.generate_series(
           pg_catalog.date_trunc('month', greatest(c.begindatum, s.window_start)::timestamp),
           least(c.einddatum, s.peildatum)::timestamp, interval '1 month') AS m(m)
 WHERE c.begindatum <= s.peildatum
   AND c.einddatum >= s.window_start
 GROUP BY 1, 2, 3, 4) x;

-- mv_money_plek_clients with a generate_series() of the months per
-- allocation (its definition until session 8)
CREATE TEMP VIEW old_plek_clients AS
SELECT a.client_id,
       a.gemeente,
       a.aanbieder,
       a.product,
       greatest(m.m::date, s.window_start) AS month_start,
       pg_catalog.count(*) AS allocations,
       NULL::boolean AS refresh_null
  FROM jeugdnorm_internal.mv_path_allocations a
 CROSS JOIN jeugdnorm_internal.settings s
 CROSS JOIN LATERAL (SELECT p.financieringsvorm
                       FROM jeugdnorm.product p
                      WHERE p.productcode = a.product
                      ORDER BY p.productcategorie IS DISTINCT FROM a.productcategorie,
                               p.productcategorie
                      LIMIT 1) pc
 CROSS JOIN LATERAL pg_catalog.generate_series(
           pg_catalog.date_trunc('month', greatest(a.ingangsdatum, s.window_start)::timestamp),
           least(coalesce(a.einddatum, s.peildatum), s.peildatum)::timestamp,
           interval '1 month') AS m(m)
 WHERE pc.financieringsvorm = 'plek'
   AND a.ingangsdatum <= s.peildatum
   AND (a.einddatum IS NULL OR a.einddatum >= s.window_start)
 GROUP BY 1, 2, 3, 4, 5;

CREATE TEMP VIEW old_plek_months AS
WITH s AS (
    SELECT st.window_start, st.peildatum FROM jeugdnorm_internal.settings st
),
plek AS (
    SELECT a.gemeente, a.aanbieder, a.product, a.client_id, a.ingangsdatum, a.einddatum
      FROM jeugdnorm_internal.mv_path_allocations a
     CROSS JOIN LATERAL (SELECT p.financieringsvorm
                           FROM jeugdnorm.product p
                          WHERE p.productcode = a.product
                          ORDER BY p.productcategorie IS DISTINCT FROM a.productcategorie,
                                   p.productcategorie
                          LIMIT 1) pc
     WHERE pc.financieringsvorm = 'plek'
),
grp AS (
    SELECT DISTINCT p.gemeente, p.aanbieder, p.product
      FROM plek p
     CROSS JOIN s
     WHERE p.ingangsdatum <= s.peildatum
       AND (p.einddatum IS NULL OR p.einddatum >= s.window_start)
),
cnt AS (
    SELECT p.gemeente, p.aanbieder, p.product,
           greatest(m.m::date, s.window_start) AS month_start,
           pg_catalog.count(DISTINCT p.client_id) AS clients
      FROM plek p
     CROSS JOIN s
     CROSS JOIN LATERAL pg_catalog.generate_series(
               pg_catalog.date_trunc('month', greatest(p.ingangsdatum, s.window_start)::timestamp),
               least(coalesce(p.einddatum, s.peildatum), s.peildatum)::timestamp,
               interval '1 month') AS m(m)
     WHERE p.ingangsdatum <= s.peildatum
       AND (p.einddatum IS NULL OR p.einddatum >= s.window_start)
     GROUP BY 1, 2, 3, 4
),
grid AS (
    SELECT g.gemeente, g.aanbieder, g.product, mw.year, mw.month_start, mw.month_end,
           coalesce(c.clients, 0) AS clients
      FROM grp g
     CROSS JOIN jeugdnorm_internal.month_windows mw
      LEFT JOIN cnt c
        ON c.gemeente = g.gemeente
       AND c.product = g.product
       AND c.month_start = mw.month_start
       AND c.aanbieder IS NOT DISTINCT FROM g.aanbieder
)
SELECT g.gemeente, g.aanbieder, g.product, g.year, g.month_start, g.month_end, g.clients,
       pg_catalog.sum(g.clients) OVER y AS year_clients,
       pg_catalog.count(*) OVER y AS year_months,
       NULL::boolean AS refresh_null
  FROM grid g
WINDOW y AS (PARTITION BY g.gemeente, g.aanbieder, g.product, g.year);

CREATE TEMP VIEW old_forecast AS
WITH alloc AS (
    SELECT a.gemeente, a.toewijzingnummer, a.product, a.productcategorie,
           CASE WHEN a.ingangsdatum <= d.w_end
                 AND (a.einddatum IS NULL OR a.einddatum >= d.w_start)
                THEN CASE WHEN a.budget IS NOT NULL
                          THEN jeugdnorm.allocated_volume(a.ingangsdatum, a.einddatum, a.budget, '6',
                                                          d.w_start, d.w_end)
                          ELSE jeugdnorm.allocated_volume(a.ingangsdatum, a.einddatum, a.volume,
                                                          a.frequentie, d.w_start, d.w_end)
                               * a.unit_factor * a.tarief
                     END
           END AS alloc_w,
           (a.ingangsdatum <= d.w_end AND (a.einddatum IS NULL OR a.einddatum >= d.w_start)) AS in_w,
           CASE WHEN d.open_year IS NOT NULL
                THEN coalesce(CASE WHEN a.budget IS NOT NULL
                                   THEN jeugdnorm.allocated_volume(a.ingangsdatum, a.einddatum, a.budget, '6',
                                                                   d.r_start, d.r_end)
                                   ELSE jeugdnorm.allocated_volume(a.ingangsdatum, a.einddatum, a.volume,
                                                                   a.frequentie, d.r_start, d.r_end)
                                        * a.unit_factor * a.tarief
                              END, 0)
                ELSE 0
           END AS alloc_r
      FROM jeugdnorm_internal.allocations a
     CROSS JOIN jeugdnorm_internal.forecast_dates d
),
claimed AS (
    SELECT c.gemeente, c.toewijzingnummer,
           pg_catalog.sum(c.bedrag * jeugdnorm.overlap_share(c.begindatum, c.einddatum, d.w_start, d.w_end))
               AS claimed_w
      FROM old_claim_lines c
     CROSS JOIN jeugdnorm_internal.forecast_dates d
     WHERE c.begindatum <= d.w_end
       AND c.einddatum >= d.w_start
     GROUP BY 1, 2
),
per_category AS (
    SELECT a.gemeente, a.product, a.productcategorie,
           pg_catalog.sum(a.alloc_w) FILTER (WHERE a.in_w) AS alloc_w,
           pg_catalog.sum(cl.claimed_w) AS claimed_w,
           pg_catalog.sum(a.alloc_r) AS alloc_r,
           pg_catalog.count(*) AS allocations
      FROM alloc a
      LEFT JOIN claimed cl
        ON cl.gemeente = a.gemeente
       AND cl.toewijzingnummer = a.toewijzingnummer
     GROUP BY 1, 2, 3
)
SELECT g.gemeente, g.product, pc.segment,
       pg_catalog.sum(g.alloc_w) AS alloc_w,
       coalesce(pg_catalog.sum(g.claimed_w), 0) AS claimed_w,
       pg_catalog.sum(g.alloc_r) AS alloc_r,
       pg_catalog.sum(g.allocations)::bigint AS allocations,
       NULL::boolean AS refresh_null
  FROM per_category g
  LEFT JOIN LATERAL (SELECT p.segment
                       FROM jeugdnorm.product p
                      WHERE p.productcode = g.product
                      ORDER BY p.productcategorie IS DISTINCT FROM g.productcategorie,
                               p.productcategorie
                      LIMIT 1) pc ON true
 GROUP BY 1, 2, 3;

CREATE FUNCTION pg_temp.same(label text) RETURNS SETOF text LANGUAGE plpgsql AS $f$
BEGIN
    RETURN NEXT cmp_ok((SELECT count(*) FROM jeugdnorm_internal.mv_money_provider_months), '>', 0::bigint,
                       label || ': mv_money_provider_months has rows');
    RETURN NEXT is_empty('SELECT gemeente, aanbieder, month_start, nga FROM jeugdnorm_internal.mv_money_provider_months
                          EXCEPT ALL SELECT * FROM old_provider_months',
                         label || ': mv_money_provider_months has no row the first definition lacks');
    RETURN NEXT is_empty('SELECT * FROM old_provider_months
                          EXCEPT ALL SELECT gemeente, aanbieder, month_start, nga FROM jeugdnorm_internal.mv_money_provider_months',
                         label || ': ... and lacks none of its rows');
    RETURN NEXT cmp_ok((SELECT count(*) FROM jeugdnorm_internal.mv_money_plek_months), '>', 0::bigint,
                       label || ': mv_money_plek_months has rows');
    RETURN NEXT is_empty('SELECT * FROM jeugdnorm_internal.mv_money_plek_months EXCEPT ALL SELECT * FROM old_plek_months',
                         label || ': mv_money_plek_months has no row the first definition lacks');
    RETURN NEXT is_empty('SELECT * FROM old_plek_months EXCEPT ALL SELECT * FROM jeugdnorm_internal.mv_money_plek_months',
                         label || ': ... and lacks none of its rows');
    RETURN NEXT is_empty('SELECT t::text FROM jeugdnorm_internal.mv_money_plek_clients t EXCEPT ALL SELECT o::text FROM old_plek_clients o',
                         label || ': mv_money_plek_clients has no row its generate_series() definition lacks');
    RETURN NEXT is_empty('SELECT o::text FROM old_plek_clients o EXCEPT ALL SELECT t::text FROM jeugdnorm_internal.mv_money_plek_clients t',
                         label || ': ... and lacks none of its rows');
    RETURN NEXT cmp_ok((SELECT count(*) FROM jeugdnorm_internal.mv_money_forecast WHERE alloc_r <> 0 OR alloc_w IS NOT NULL),
                       '>', 0::bigint, label || ': mv_money_forecast has rows with amounts');
    RETURN NEXT is_empty('SELECT f::text FROM jeugdnorm_internal.mv_money_forecast f EXCEPT ALL SELECT o::text FROM old_forecast o',
                         label || ': mv_money_forecast has no row the first definition lacks');
    RETURN NEXT is_empty('SELECT o::text FROM old_forecast o EXCEPT ALL SELECT f::text FROM jeugdnorm_internal.mv_money_forecast f',
                         label || ': ... and lacks none of its rows');
    -- the per-client tables computed from mv_money_claim_sums
    RETURN NEXT is_empty('SELECT t::text FROM new_claim_years t EXCEPT ALL SELECT o::text FROM old_claim_years o',
                         label || ': mv_money_claim_sums grouped by year has no row of mv_money_claim_years'' definition over every claim line lacks');
    RETURN NEXT is_empty('SELECT o::text FROM old_claim_years o EXCEPT ALL SELECT t::text FROM new_claim_years t',
                         label || ': ... and lacks none of its rows');
    RETURN NEXT is_empty('SELECT t::text FROM jeugdnorm_internal.mv_money_provider_clients t EXCEPT ALL SELECT o::text FROM old_provider_clients o',
                         label || ': mv_money_provider_clients has no row its definition over every claim line lacks');
    RETURN NEXT is_empty('SELECT o::text FROM old_provider_clients o EXCEPT ALL SELECT t::text FROM jeugdnorm_internal.mv_money_provider_clients t',
                         label || ': ... and lacks none of its rows');
    RETURN NEXT is_empty('SELECT t::text FROM jeugdnorm_internal.mv_money_forecast_clients t EXCEPT ALL SELECT o::text FROM old_forecast_clients o',
                         label || ': mv_money_forecast_clients has no row its definition over every claim line lacks');
    RETURN NEXT is_empty('SELECT o::text FROM old_forecast_clients o EXCEPT ALL SELECT t::text FROM jeugdnorm_internal.mv_money_forecast_clients t',
                         label || ': ... and lacks none of its rows');
    RETURN NEXT is_empty('SELECT t::text FROM jeugdnorm_internal.mv_money_traject t EXCEPT ALL SELECT o::text FROM old_traject o',
                         label || ': mv_money_traject has no row its definition over every claim line lacks');
    RETURN NEXT is_empty('SELECT o::text FROM old_traject o EXCEPT ALL SELECT t::text FROM jeugdnorm_internal.mv_money_traject t',
                         label || ': ... and lacks none of its rows');
    -- the claim sums hold every kept line once, and its bedrag
    RETURN NEXT is((SELECT sum(lines_once)::bigint FROM jeugdnorm_internal.mv_money_claim_sums),
                   (SELECT count(*) FROM old_claim_lines),
                   label || ': mv_money_claim_sums counts each kept claim line once');
    RETURN NEXT is((SELECT sum(bedrag_once) FROM jeugdnorm_internal.mv_money_claim_sums),
                   (SELECT sum(bedrag) FROM old_claim_lines),
                   label || ': ... and its bedrag once');
END $f$;

-- every per-client money table equals its full recompute, row for row
CREATE FUNCTION pg_temp.per_client_equal(label text) RETURNS SETOF text LANGUAGE plpgsql AS $f$
DECLARE
    v text;
BEGIN
    FOR v IN SELECT g.materialized_view FROM jeugdnorm_internal.refresh_registry g
              WHERE g.strategy = 'per_client' AND g.materialized_view LIKE 'mv\_money\_%' ORDER BY 1 LOOP
        RETURN NEXT is_empty(format('SELECT t::text FROM jeugdnorm_internal.%I t EXCEPT ALL SELECT f::text FROM jeugdnorm_internal.%I f',
                                    v, v || '_full'),
                             format('%s: %s has no row its full recompute lacks', label, v));
        RETURN NEXT is_empty(format('SELECT f::text FROM jeugdnorm_internal.%I f EXCEPT ALL SELECT t::text FROM jeugdnorm_internal.%I t',
                                    v || '_full', v),
                             format('%s: ... and lacks none of its rows', label));
    END LOOP;
END $f$;

SELECT is((SELECT array_agg(g.materialized_view ORDER BY 1) FROM jeugdnorm_internal.refresh_registry g
            WHERE g.strategy = 'per_client' AND g.materialized_view LIKE 'mv\_money\_%'),
          ARRAY['mv_money_alloc_years', 'mv_money_claim_sums', 'mv_money_forecast_clients',
                'mv_money_plek_clients', 'mv_money_provider_clients', 'mv_money_traject'],
          'the six per-client money tables');

SELECT pg_temp.same('peildatum 2025-12-31');
SELECT cmp_ok((SELECT count(*) FROM jeugdnorm_internal.mv_money_plek_months WHERE aanbieder IS NULL AND clients > 0),
              '>', 0::bigint, 'a plek group without aanbieder, with clients in some months');
SELECT cmp_ok((SELECT count(*) FROM jeugdnorm_internal.mv_money_plek_months WHERE aanbieder IS NULL AND clients = 0),
              '>', 0::bigint, '... and none in others');

UPDATE jeugdnorm.settings SET peildatum = date '2025-09-30';
\o /dev/null
SELECT * FROM jeugdnorm.refresh();
\o
SELECT pg_temp.same('peildatum 2025-09-30');
SELECT cmp_ok((SELECT count(*) FROM jeugdnorm_internal.mv_money_forecast WHERE alloc_r > 0), '>', 0::bigint,
              'peildatum 2025-09-30: an open year, allocations in its rest');
SELECT cmp_ok((SELECT count(*) FROM jeugdnorm_internal.mv_money_claim_sums WHERE cost_prev_rest <> 0), '>', 0::bigint,
              'peildatum 2025-09-30: cost in last year''s rest period');

UPDATE jeugdnorm.settings SET peildatum = date '2024-02-29';
\o /dev/null
SELECT * FROM jeugdnorm.refresh();
\o
SELECT pg_temp.same('peildatum 2024-02-29');

-- a window_start inside a year: lines before it overlap no window (year
-- NULL), lines across it are cut, and the first window is not a 1 January
UPDATE jeugdnorm.settings SET window_start = date '2022-03-15', peildatum = date '2025-07-31';
\o /dev/null
SELECT * FROM jeugdnorm.refresh();
\o
SELECT pg_temp.same('window 2022-03-15 .. 2025-07-31');
SELECT cmp_ok((SELECT count(*) FROM jeugdnorm_internal.mv_money_claim_sums WHERE year IS NULL), '>', 0::bigint,
              'window 2022-03-15 .. 2025-07-31: claim lines overlapping no window');
SELECT cmp_ok((SELECT count(*) FROM old_claim_lines WHERE begindatum < date '2022-03-15' AND einddatum >= date '2022-03-15'),
              '>', 0::bigint, 'window 2022-03-15 .. 2025-07-31: claim lines across window_start');
SELECT cmp_ok((SELECT count(*) FROM old_claim_lines
                WHERE date_part('year', begindatum) < date_part('year', einddatum)
                  AND einddatum >= date '2022-03-15' AND begindatum <= date '2025-07-31'),
              '>', 0::bigint, 'window 2022-03-15 .. 2025-07-31: claim lines across a year end (on two rows)');

-- incremental: a few clients' claim lines and one allocation change
UPDATE jeugdnorm.settings SET window_start = date '2021-01-01', peildatum = date '2025-09-30';
\o /dev/null
SELECT * FROM jeugdnorm.refresh();
\o
UPDATE jeugdnorm.declaratie d SET bedrag = d.bedrag + 7
 WHERE d.toewijzingnummer IN (SELECT t.toewijzingnummer FROM jeugdnorm.toewijzing t
                               WHERE t.client_id IN (SELECT DISTINCT client_id FROM jeugdnorm.toewijzing
                                                      WHERE client_id IS NOT NULL ORDER BY 1 LIMIT 5));
DELETE FROM jeugdnorm.declaratie d
 WHERE d.declaratie_id IN (SELECT x.declaratie_id FROM jeugdnorm.declaratie x ORDER BY x.declaratie_id LIMIT 40);
UPDATE jeugdnorm.toewijzing t SET einddatum = date '2025-08-15'
 WHERE (t.gemeente, t.toewijzingnummer) IN (SELECT x.gemeente, x.toewijzingnummer FROM jeugdnorm.toewijzing x
                                             WHERE x.einddatum > date '2025-10-31' ORDER BY 1, 2 LIMIT 3);
-- a claim line across a year end for one client (two rows of mv_money_claim_sums)
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  begindatum, einddatum, volume, eenheid, bedrag)
SELECT t.gemeente, t.toewijzingnummer, t.client_id, t.aanbieder, t.productcategorie, t.productcode,
       date '2024-12-01', date '2025-01-31', 1, t.eenheid, 123.45
  FROM jeugdnorm.toewijzing t
 WHERE t.client_id IS NOT NULL AND t.productcode IS NOT NULL
   AND t.ingangsdatum <= date '2024-12-01' AND (t.einddatum IS NULL OR t.einddatum >= date '2025-01-31')
 ORDER BY t.gemeente, t.toewijzingnummer LIMIT 1;
\o /dev/null
SELECT * FROM jeugdnorm.refresh();
\o
SELECT is((SELECT mode FROM jeugdnorm.refresh_log WHERE step = 0 ORDER BY refresh_id DESC LIMIT 1), 'incremental',
          'the refresh after the change is incremental');
SELECT cmp_ok((SELECT count(*) FROM jeugdnorm.refresh_log
                WHERE refresh_id = (SELECT max(refresh_id) FROM jeugdnorm.refresh_log)
                  AND materialized_view = 'jeugdnorm_internal.mv_money_claim_sums' AND mode = 'incremental'),
              '=', 1::bigint, '... mv_money_claim_sums among its incremental steps');
SELECT pg_temp.same('after an incremental refresh');
SELECT pg_temp.per_client_equal('after an incremental refresh');

SELECT * FROM finish();
ROLLBACK;
