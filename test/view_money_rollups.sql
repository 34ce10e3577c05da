-- view_money_rollups.sql -- the money rollups rebuilt from per-client partial
-- sums (issue 16; 62_money_capacity.sql) give exactly the rows of their
-- first 0.3.0 definitions, which computed them from the claim lines and
-- allocations directly (commit 18c322d, kept below as old_* views over the
-- same inputs: mv_money_claim_lines, mv_path_allocations,
-- jeugdnorm_internal.allocations).  The contract views read these rollups
-- and the per-client tables (whose queries did not change), so equal
-- rollups mean equal contract views.  On the demo region
-- (test/fixtures/demo_small.sql) at three peildata: the demo's (31
-- December, no open year), inside the year (30 September) and 29 February
-- 2024 (R' starts on 1 March 2023); EXCEPT ALL both ways, so duplicates
-- count too.  And after an incremental refresh (claim lines and an
-- allocation of a few clients changed) again.
BEGIN;
CREATE EXTENSION jeugdnorm;
\o /dev/null
\i test/fixtures/demo_small.sql
SELECT * FROM jeugdnorm.refresh();
\o
SELECT plan(38);

-- ---- the first definitions -------------------------------------------------------------------
-- mv_money_provider_months without its claim_lines column (read by no view)
CREATE TEMP VIEW old_provider_months AS
SELECT x.gemeente, x.aanbieder, x.month_start, x.nga FROM (
SELECT c.gemeente,
       c.aanbieder,
       greatest(m.m::date, s.window_start) AS month_start,
       c.nga,
       pg_catalog.sum(c.lines)::bigint AS claim_lines,
       NULL::boolean AS refresh_null
  FROM (SELECT l.gemeente, l.aanbieder, l.nga, l.begindatum, l.einddatum, pg_catalog.count(*) AS lines
          FROM jeugdnorm_internal.mv_money_claim_lines l
         GROUP BY 1, 2, 3, 4, 5) c
 CROSS JOIN jeugdnorm_internal.settings s
 CROSS JOIN LATERAL pg_catalog.generate_series(
           pg_catalog.date_trunc('month', greatest(c.begindatum, s.window_start)::timestamp),
           least(c.einddatum, s.peildatum)::timestamp, interval '1 month') AS m(m)
 WHERE c.begindatum <= s.peildatum
   AND c.einddatum >= s.window_start
 GROUP BY 1, 2, 3, 4) x;

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
      FROM jeugdnorm_internal.mv_money_claim_lines c
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
    RETURN NEXT cmp_ok((SELECT count(*) FROM jeugdnorm_internal.mv_money_forecast WHERE alloc_r <> 0 OR alloc_w IS NOT NULL),
                       '>', 0::bigint, label || ': mv_money_forecast has rows with amounts');
    RETURN NEXT is_empty('SELECT * FROM jeugdnorm_internal.mv_money_forecast EXCEPT ALL SELECT * FROM old_forecast',
                         label || ': mv_money_forecast has no row the first definition lacks');
    RETURN NEXT is_empty('SELECT * FROM old_forecast EXCEPT ALL SELECT * FROM jeugdnorm_internal.mv_money_forecast',
                         label || ': ... and lacks none of its rows');
END $f$;

SELECT pg_temp.same('peildatum 2025-12-31');

UPDATE jeugdnorm.settings SET peildatum = date '2025-09-30';
\o /dev/null
SELECT * FROM jeugdnorm.refresh();
\o
SELECT pg_temp.same('peildatum 2025-09-30');
SELECT cmp_ok((SELECT count(*) FROM jeugdnorm_internal.mv_money_forecast WHERE alloc_r > 0), '>', 0::bigint,
              'peildatum 2025-09-30: an open year, allocations in its rest');

UPDATE jeugdnorm.settings SET peildatum = date '2024-02-29';
\o /dev/null
SELECT * FROM jeugdnorm.refresh();
\o
SELECT pg_temp.same('peildatum 2024-02-29');

-- incremental: a few clients' claim lines and one allocation change
UPDATE jeugdnorm.settings SET peildatum = date '2025-09-30';
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
\o /dev/null
SELECT * FROM jeugdnorm.refresh();
\o
SELECT is((SELECT mode FROM jeugdnorm.refresh_log WHERE step = 0 ORDER BY refresh_id DESC LIMIT 1), 'incremental',
          'the refresh after the change is incremental');
SELECT pg_temp.same('after an incremental refresh');

SELECT * FROM finish();
ROLLBACK;
