-- ---------------------------------------------------------------------------
-- 56_steering_paths.sql (new in 0.2.0) -- the section-9 views on paths
-- (DEFINITIONS.md section 9, [S1], [S4]):
--
--   ending_reasons  completed (client_id, aanbieder, product) paths ending in
--                   the window, by the CBS class of their last allocation's
--                   reden_beeindiging, per productgroep and year
--   referrals       the (client_id, productgroep) paths top_paths counts, by
--                   start year and the verwijzer of their first allocation
--   flow_by_wijk    flow per gemeente and wijk (the first allocation's
--                   postcode via jeugdnorm.wijk)
--   flow_by_kader   flow of paths per (client_id, kader, verblijf)
--
-- Where each rule lives (nothing here re-derives a rule of another layer):
--  * paths, their first allocation, completed, productgroep, in_window: the
--    path layer (40_paths.sql: mv_path_allocations, mv_care_paths,
--    mv_group_paths); the gap rule only in jeugdnorm.care_path();
--  * verwijzer, reden_beeindiging, postcode and which codes are known: the
--    cleaned allocations (jeugdnorm_internal.allocations, 30_cleaned.sql);
--  * code labels and CBS classes: the C code lists (verwijzer_codes(),
--    reden_beeindiging_codes(), reden_beeindiging_classes()); no code is
--    written here;
--  * quarters and the instroom/uitstroom rules: flow_quarters() and
--    flow_path_quarters() (55_flow.sql), shared with flow, so flow_by_wijk
--    summed over gemeente and wijk is flow, by construction;
--  * kader and verblijf of an allocation: mv_kader_paths below, once.
--
-- Materialised (refreshed by jeugdnorm.refresh(), found in the catalogue):
--   mv_care_path_endings   one row per care path: its last allocation and
--                          that allocation's reden_beeindiging
--   mv_group_path_starts   one row per group path: its first allocation's
--                          verwijzer, postcode and wijk
--   mv_kader_paths         one row per path of (client_id, kader, verblijf),
--                          built by jeugdnorm.care_path()
-- The allocation attributes are read from jeugdnorm_internal.allocations at
-- refresh time and joined on the allocation key (gemeente, toewijzingnummer):
-- the 0.1.0 materialised views cannot gain columns, and reading the cleaned
-- allocations once per refresh keeps the views themselves at path size.
-- Like the product catalogue and the norms, a change of jeugdnorm.wijk takes
-- effect at the next jeugdnorm.refresh().  Settings as in flow and
-- top_paths: completed, in_window and the paths follow the last refresh;
-- the window bounds of ending_reasons and the quarters are read when the
-- view is read.
--
-- Each materialised view has a unique index on its grain NULLS NOT DISTINCT
-- and ends in the always-NULL refresh_null column (see 40_paths.sql), so
-- REFRESH ... CONCURRENTLY works and skips its whole-row duplicate sort.
--
-- Tenancy: every view keeps the paths whose gemeente (the path's first
-- allocation's) the caller may see, like care_paths, top_paths and flow.
-- ---------------------------------------------------------------------------

-- ---- mv_care_path_endings ------------------------------------------------------
-- The last allocation of each care path ([S4]): latest einddatum, then latest
-- in contract order.  The path's einde (path_einde) is the latest einddatum
-- of its allocations (NULL while one is open), so the last allocation is the
-- one latest in contract order (contract_order is that order as one bigint)
-- among those whose einddatum is the path's einde; an open path is never
-- completed and ending_reasons never reads it.  Keyed like mv_care_paths by
-- the path's first allocation (gemeente, first_toewijzingnummer).
-- How (speed): a path of one allocation (path_allocations = 1, 275,824 of
-- the 371,351 care paths at demo scale 20) starts and ends with that
-- allocation and is read straight from its row; only the rows of longer
-- paths (221,230 of 497,054) are sorted by care_path_id, and one window
-- pass over each such path's rows finds both its first allocation
-- (first_in_path) and its last one; no self-join.  The reden is then read
-- from the cleaned allocations by a hash join on the allocation key (the
-- whole view is read once: its contract_order window keeps the planner
-- from restricting it to the keys wanted).  Demo scale 20 (497,054 kept
-- allocations), work_mem 512MB, the query alone (EXPLAIN ANALYZE, median of
-- 3): 2.5 s with the window over every row, 2.0 s now.

CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_care_path_endings AS
SELECT e.gemeente,
       e.first_toewijzingnummer,
       e.last_gemeente,
       e.last_toewijzingnummer,
       a.reden_beeindiging,
       NULL::boolean AS refresh_null
  FROM (SELECT pa.gemeente,
               pa.toewijzingnummer AS first_toewijzingnummer,
               pa.gemeente AS last_gemeente,
               pa.toewijzingnummer AS last_toewijzingnummer
          FROM jeugdnorm_internal.mv_path_allocations AS pa
         WHERE pa.path_allocations = 1
        UNION ALL
        SELECT w.gemeente, w.first_toewijzingnummer, w.last_gemeente, w.last_toewijzingnummer
          FROM (SELECT pa.gemeente AS last_gemeente,
                       pa.toewijzingnummer AS last_toewijzingnummer,
                       pa.contract_order,
                       pg_catalog.max(pa.gemeente) FILTER (WHERE pa.first_in_path) OVER p AS gemeente,
                       pg_catalog.max(pa.toewijzingnummer) FILTER (WHERE pa.first_in_path) OVER p AS first_toewijzingnummer,
                       pg_catalog.max(pa.contract_order)
                           FILTER (WHERE pa.einddatum IS NOT DISTINCT FROM pa.path_einde) OVER p AS last_order
                  FROM jeugdnorm_internal.mv_path_allocations AS pa
                 WHERE pa.path_allocations IS DISTINCT FROM 1
                WINDOW p AS (PARTITION BY pa.care_path_id)) AS w
         WHERE w.contract_order = w.last_order) AS e
  JOIN jeugdnorm_internal.allocations AS a
    ON a.gemeente = e.last_gemeente
   AND a.toewijzingnummer = e.last_toewijzingnummer;

CREATE UNIQUE INDEX mv_care_path_endings_key
    ON jeugdnorm_internal.mv_care_path_endings (gemeente, first_toewijzingnummer) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_care_path_endings IS
    'one row per care path (client_id, aanbieder, product) with its last allocation (latest einddatum, then latest in contract order) and that allocation''s reden_beeindiging, for ending_reasons; refreshed by jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm_internal.mv_care_path_endings.gemeente IS 'gemeente of the care path''s first allocation (with first_toewijzingnummer the key of mv_care_paths'' first allocation)';
COMMENT ON COLUMN jeugdnorm_internal.mv_care_path_endings.first_toewijzingnummer IS 'toewijzingnummer of the care path''s first allocation in contract order';
COMMENT ON COLUMN jeugdnorm_internal.mv_care_path_endings.last_gemeente IS 'gemeente of the care path''s last allocation';
COMMENT ON COLUMN jeugdnorm_internal.mv_care_path_endings.last_toewijzingnummer IS 'toewijzingnummer of the care path''s last allocation: latest einddatum, then latest in contract order';
COMMENT ON COLUMN jeugdnorm_internal.mv_care_path_endings.reden_beeindiging IS 'JZ588 reden beeindiging of the last allocation; NULL when missing or not a known code';
COMMENT ON COLUMN jeugdnorm_internal.mv_care_path_endings.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';

-- ---- mv_group_path_starts ------------------------------------------------------
-- The first allocation (contract order) of each (client_id, productgroep)
-- path, keyed like mv_group_paths (gemeente, first_toewijzingnummer), with
-- its verwijzer (referrals) and postcode, and the path's wijk ([S4]): the
-- jeugdnorm.wijk rows of (that postcode, the path's gemeente), the smallest
-- wijk when there are several, 'onbekend' without postcode or row.
-- How (speed): the first allocations (first_in_group_path) are read from
-- mv_path_allocations in a subquery with OFFSET 0 and hash-joined to the
-- cleaned allocations on the allocation key.  Without the fence the planner
-- (which cannot see how many allocations the age filter keeps) probed the
-- unique index of mv_path_allocations once per kept allocation, 497,054
-- times at demo scale 20.  The cleaned allocations are read whole once
-- (their contract_order window keeps the planner from restricting them to
-- the keys wanted).  Demo scale 20, work_mem 512MB, the query alone
-- (EXPLAIN ANALYZE, median of 3): 5.1 s with the index probes, 2.0 s now.

CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_group_path_starts AS
SELECT pa.gemeente,
       pa.toewijzingnummer AS first_toewijzingnummer,
       a.verwijzer,
       a.postcode,
       coalesce(w.wijk, 'onbekend') AS wijk,
       NULL::boolean AS refresh_null
  FROM (SELECT f.gemeente, f.toewijzingnummer
          FROM jeugdnorm_internal.mv_path_allocations AS f
         WHERE f.first_in_group_path
        OFFSET 0) AS pa
  JOIN jeugdnorm_internal.allocations AS a
    ON a.gemeente = pa.gemeente
   AND a.toewijzingnummer = pa.toewijzingnummer
  LEFT JOIN (SELECT wk.gemeente, wk.postcode, pg_catalog.min(wk.wijk) AS wijk
               FROM jeugdnorm.wijk AS wk
              GROUP BY wk.gemeente, wk.postcode) AS w
    ON w.gemeente = pa.gemeente
   AND w.postcode = a.postcode;

CREATE UNIQUE INDEX mv_group_path_starts_key
    ON jeugdnorm_internal.mv_group_path_starts (gemeente, first_toewijzingnummer) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_group_path_starts IS
    'one row per (client_id, productgroep) path with its first allocation''s verwijzer and postcode and the path''s wijk, for referrals and flow_by_wijk; refreshed by jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_path_starts.gemeente IS 'gemeente of the path''s first allocation (the path''s gemeente; with first_toewijzingnummer the key of mv_group_paths'' first allocation)';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_path_starts.first_toewijzingnummer IS 'toewijzingnummer of the path''s first allocation in contract order';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_path_starts.verwijzer IS 'COD327 verwijzer code of the first allocation; NULL when missing or not a known code';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_path_starts.postcode IS '4-digit postcode of the first allocation; NULL when missing';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_path_starts.wijk IS 'wijk of (postcode, gemeente) in jeugdnorm.wijk, the smallest when several; ''onbekend'' when none';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_path_starts.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';

-- ---- mv_kader_paths ------------------------------------------------------------
-- Paths per (client_id, kader, verblijf) across providers and products
-- ([S4]), built by jeugdnorm.care_path() with path_gap_days, the same way as
-- the group paths of mv_path_allocations: the aggregate as a window over the
-- whole group in contract order; a path's first allocation in contract
-- order gives its gemeente.  No labels are needed (NULL).
-- kader and verblijf of an allocation, from its own codes (THE one place):
--   kader   'gedwongen' for productcategorie '47' (jeugdreclassering) and
--           '48' (jeugdbescherming), else 'vrijwillig';
--   verblijf productcategorie '43' or '44', or the catalogue's
--           financieringsvorm 'plek' of its own productcode; an aspecifiek
--           allocation (productcode NULL) by its category only.
-- Which allocation is a path's first: a path starts on the earliest
-- ingangsdatum of its allocations (care_path(): start), the paths of a
-- group are disjoint (so no two start on the same day), and the contract
-- order sorts by ingangsdatum first.  So the path's first allocation in
-- contract order is the group's first allocation, in contract order, whose
-- ingangsdatum is that start: the row whose ingangsdatum differs from the
-- previous row's of its group (lag()) and equals the start of one of the
-- group's paths.
-- How (speed): one sort of mv_path_allocations by (group, contract_order)
-- and one window pass computing care_path() over the whole group and lag()
-- (which ignores the frame) together; a group with one path (most) takes
-- paths[1] without unnesting, only the rows of groups with several paths
-- search their group's array (a scalar subquery, OFFSET 0 so it runs once
-- per row).  No second sort and no row_number() window per path.  Demo
-- scale 20, work_mem 512MB, the query alone (EXPLAIN ANALYZE, median of 3):
-- 2.9 s with an unnest per row and then an incremental sort and
-- row_number() per path, 1.9 s now.

CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_kader_paths AS
SELECT v.client_id,
       v.kader,
       v.verblijf,
       (v.path).path_no,
       v.gemeente,
       (v.path).start,
       (v.path).einde,
       (v.path).allocations::bigint AS allocations,
       (v.path).days,
       v.toewijzingnummer AS first_toewijzingnummer,
       NULL::boolean AS refresh_null
  FROM (SELECT w.client_id, w.kader, w.verblijf, w.gemeente, w.toewijzingnummer, w.ingangsdatum,
               CASE WHEN pg_catalog.cardinality(w.paths) = 1 THEN w.paths[1]
                    ELSE (SELECT c
                            FROM pg_catalog.unnest(w.paths) AS c
                           WHERE c.start = w.ingangsdatum)
               END AS path
          FROM (SELECT x.client_id, x.gemeente, x.toewijzingnummer, x.ingangsdatum,
                       x.kader, x.verblijf,
                       jeugdnorm.care_path(x.ingangsdatum, x.einddatum, NULL::text, s.path_gap_days)
                           OVER g AS paths,
                       pg_catalog.lag(x.ingangsdatum) OVER g AS previous_ingangsdatum
                  FROM (SELECT pa.client_id, pa.gemeente, pa.toewijzingnummer, pa.ingangsdatum,
                               pa.einddatum, pa.contract_order,
                               CASE WHEN pa.productcategorie IN ('47', '48')
                                    THEN 'gedwongen' ELSE 'vrijwillig' END AS kader,
                               coalesce(pa.productcategorie IN ('43', '44'), false)
                               OR (pa.productcode IS NOT NULL
                                   AND coalesce(pa.financieringsvorm = 'plek', false)) AS verblijf
                          FROM jeugdnorm_internal.mv_path_allocations AS pa) AS x
                 CROSS JOIN jeugdnorm_internal.settings AS s
                WINDOW g AS (PARTITION BY x.client_id COLLATE "C", x.kader COLLATE "C", x.verblijf
                             ORDER BY x.contract_order
                             ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) AS w
         WHERE w.previous_ingangsdatum IS DISTINCT FROM w.ingangsdatum
        OFFSET 0) AS v
 WHERE (v.path).start = v.ingangsdatum;

CREATE UNIQUE INDEX mv_kader_paths_key
    ON jeugdnorm_internal.mv_kader_paths (client_id, kader, verblijf, path_no) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_kader_paths IS
    'care paths per (client_id, kader, verblijf) across providers and products, built by jeugdnorm.care_path() (gap <= path_gap_days), for flow_by_kader; refreshed by jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.client_id IS 'client_id: pseudonymised client key';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.kader IS '''gedwongen'' (productcategorie 47 jeugdreclassering, 48 jeugdbescherming) or ''vrijwillig''';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.verblijf IS 'true for productcategorie 43 or 44, or a productcode with financieringsvorm ''plek''';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.path_no IS 'path number within (client_id, kader, verblijf), in start order';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.gemeente IS 'gemeente of the path''s first allocation in contract order';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.start IS 'first day of the path';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.einde IS 'last day of the path; NULL while open';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.allocations IS 'allocations in the path';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.days IS 'einde - start + 1; NULL while open';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.first_toewijzingnummer IS 'toewijzingnummer of the path''s first allocation (with gemeente its key)';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';

-- ---- ending_reasons [S4] ---------------------------------------------------------
-- Completed care paths (completed as mv_care_paths decides) whose einde lies
-- in [window_start, peildatum], per (productgroep of the path, year(einde))
-- and the CBS class of the last allocation's reden_beeindiging: the class of
-- reden_beeindiging_codes(), 'onbekend' without a (known) code.  reason_code
-- and the order of the classes come from reden_beeindiging_classes().
-- share = paths / paths of the (productgroep, year).  Only non-empty rows.

CREATE VIEW jeugdnorm.ending_reasons AS
WITH ended AS (
    SELECT c.productgroep,
           pg_catalog.date_part('year', c.einde)::integer AS year,
           coalesce(r.reason, 'onbekend') AS reason
      FROM jeugdnorm_internal.mv_care_paths AS c
     CROSS JOIN jeugdnorm_internal.settings AS s
      JOIN jeugdnorm_internal.mv_care_path_endings AS e
        ON e.gemeente = c.gemeente
       AND e.first_toewijzingnummer = c.first_toewijzingnummer
      LEFT JOIN jeugdnorm.reden_beeindiging_codes() AS r
        ON r.code = e.reden_beeindiging
     WHERE c.completed
       AND c.einde >= s.window_start
       AND c.einde <= s.peildatum
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR c.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
),
counted AS (
    SELECT d.productgroep, d.year, d.reason, pg_catalog.count(*) AS paths
      FROM ended AS d
     GROUP BY d.productgroep, d.year, d.reason
)
SELECT c.productgroep,
       c.year,
       c.reason,
       k.reason_code,
       c.paths::bigint AS paths,
       (c.paths::numeric
        / pg_catalog.sum(c.paths) OVER (PARTITION BY c.productgroep, c.year))::numeric(18,6) AS share
  FROM counted AS c
  LEFT JOIN jeugdnorm.reden_beeindiging_classes() AS k
    ON k.reason = c.reason
 ORDER BY c.productgroep, c.year, k.ordinal;

COMMENT ON VIEW jeugdnorm.ending_reasons IS
    'Redenen beeindiging: completed care paths (client_id, aanbieder, product) whose einde lies in [window_start, peildatum], per productgroep and year of the einde, by the CBS class of the reden_beeindiging (JW307, JZ588) of the path''s last allocation (latest einddatum, then contract order) [S4]; only non-empty rows; up to date as of the last jeugdnorm.refresh().';
COMMENT ON COLUMN jeugdnorm.ending_reasons.productgroep IS
    'Productgroep: product group of the path (its first allocation''s product); NULL for products not in the service catalogue.';
COMMENT ON COLUMN jeugdnorm.ending_reasons.year IS
    'Jaar: calendar year of the path''s einde.';
COMMENT ON COLUMN jeugdnorm.ending_reasons.reason IS
    'Reden beeindiging (CBS class): volgens plan; voortijdig, in overeenstemming; voortijdig, eenzijdig door de cliënt; voortijdig, eenzijdig door de aanbieder; voortijdig, externe omstandigheden; overig; onbekend (no or an unknown code).';
COMMENT ON COLUMN jeugdnorm.ending_reasons.reason_code IS
    'Redencodes: the JZ588 codes of the class, comma-separated (''31'', ''34'', ''32'', ''33'', ''35,02'', ''20,36,37,38,39''); NULL for onbekend.';
COMMENT ON COLUMN jeugdnorm.ending_reasons.paths IS
    'Zorgtrajecten: completed care paths of the productgroep ending in the year with this reason.';
COMMENT ON COLUMN jeugdnorm.ending_reasons.share IS
    'Aandeel: paths / all counted paths of the productgroep and year (fraction 0..1, 6 decimals).';

-- ---- referrals [S4] --------------------------------------------------------------
-- The paths top_paths counts (mv_group_paths.in_window: (client_id,
-- productgroep) paths starting in [window_start, peildatum], completed or
-- not), per year(start), productgroep and the verwijzer of the path's first
-- allocation, named by verwijzer_codes(); 'onbekend' (code NULL) without a
-- (known) code.  clients = distinct client_id.  Only non-empty rows.

CREATE VIEW jeugdnorm.referrals AS
WITH started AS (
    SELECT pg_catalog.date_part('year', g.start)::integer AS year,
           g.productgroep,
           v.code,
           coalesce(v.omschrijving, 'onbekend') AS verwijzer,
           g.client_id
      FROM jeugdnorm_internal.mv_group_paths AS g
      LEFT JOIN jeugdnorm_internal.mv_group_path_starts AS o
        ON o.gemeente = g.gemeente
       AND o.first_toewijzingnummer = g.first_toewijzingnummer
      LEFT JOIN jeugdnorm.verwijzer_codes() AS v
        ON v.code = o.verwijzer
     WHERE g.in_window
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR g.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
)
SELECT st.year,
       st.productgroep,
       st.verwijzer,
       st.code AS verwijzer_code,
       pg_catalog.count(*)::bigint AS new_paths,
       pg_catalog.count(DISTINCT st.client_id)::bigint AS clients
  FROM started AS st
 GROUP BY st.year, st.productgroep, st.verwijzer, st.code
 ORDER BY st.year, st.productgroep, st.verwijzer;

COMMENT ON VIEW jeugdnorm.referrals IS
    'Verwijzers: the care paths per (client_id, productgroep) that top_paths counts (start in [window_start, peildatum], completed or not), per year of the start, productgroep and the verwijzer (COD327) of the path''s first allocation [S4]; only non-empty rows; up to date as of the last jeugdnorm.refresh().';
COMMENT ON COLUMN jeugdnorm.referrals.year IS
    'Jaar: calendar year of the path''s start.';
COMMENT ON COLUMN jeugdnorm.referrals.productgroep IS
    'Productgroep: product group the paths are built in; NULL for products not in the service catalogue.';
COMMENT ON COLUMN jeugdnorm.referrals.verwijzer IS
    'Verwijzer (referrer, COD327): gemeente, huisarts, jeugdarts, gecertificeerde instelling, medisch specialist, zelfverwijzer/geen verwijzer, rechter, officier van justitie of JJI; onbekend without a (known) code.';
COMMENT ON COLUMN jeugdnorm.referrals.verwijzer_code IS
    'Verwijzercode: the COD327 code (''01''..''08''); NULL for onbekend.';
COMMENT ON COLUMN jeugdnorm.referrals.new_paths IS
    'Nieuwe trajecten: paths starting in the year with this verwijzer.';
COMMENT ON COLUMN jeugdnorm.referrals.clients IS
    'Jeugdigen: distinct clients (client_id) among those paths.';

-- ---- flow_by_wijk [S4] -----------------------------------------------------------
-- flow's paths (every (client_id, productgroep) path, whatever its
-- completion) per gemeente (the path's: its first allocation's) and wijk
-- (mv_group_path_starts), counted with flow's rules (flow_quarters,
-- flow_path_quarters); one row per (gemeente, wijk, productgroep) with a
-- path and per quarter, zeros kept.  Summed over gemeente and wijk it is
-- flow.

CREATE VIEW jeugdnorm.flow_by_wijk AS
WITH visible AS (
    SELECT g.gemeente,
           coalesce(o.wijk, 'onbekend') AS wijk,
           g.productgroep,
           g.start,
           g.einde
      FROM jeugdnorm_internal.mv_group_paths AS g
      LEFT JOIN jeugdnorm_internal.mv_group_path_starts AS o
        ON o.gemeente = g.gemeente
       AND o.first_toewijzingnummer = g.first_toewijzingnummer
     WHERE (SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR g.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[])
),
groups AS (
    SELECT DISTINCT v.gemeente, v.wijk, v.productgroep
      FROM visible AS v
),
counted AS (
    SELECT v.gemeente,
           v.wijk,
           v.productgroep,
           f.period_start,
           pg_catalog.sum(f.in_care_start) AS in_care_start,
           pg_catalog.sum(f.instroom) AS instroom,
           pg_catalog.sum(f.uitstroom) AS uitstroom,
           pg_catalog.sum(f.in_care_end) AS in_care_end
      FROM visible AS v
     CROSS JOIN jeugdnorm_internal.settings AS s
     CROSS JOIN LATERAL jeugdnorm_internal.flow_path_quarters(v.start, v.einde, s.window_start, s.peildatum) AS f
     GROUP BY v.gemeente, v.wijk, v.productgroep, f.period_start
)
SELECT gr.gemeente,
       gr.wijk,
       gr.productgroep,
       q.period_start,
       q.period_end,
       COALESCE(c.in_care_start, 0)::bigint AS in_care_start,
       COALESCE(c.instroom, 0)::bigint AS instroom,
       COALESCE(c.uitstroom, 0)::bigint AS uitstroom,
       COALESCE(c.in_care_end, 0)::bigint AS in_care_end,
       pg_catalog.date_part('year', q.period_start)::integer AS year,
       pg_catalog.date_part('quarter', q.period_start)::integer AS quarter
  FROM groups AS gr
 CROSS JOIN jeugdnorm_internal.settings AS s
 CROSS JOIN LATERAL jeugdnorm_internal.flow_quarters(s.window_start, s.peildatum) AS q
  LEFT JOIN counted AS c
    ON c.gemeente = gr.gemeente
   AND c.wijk = gr.wijk
   AND c.productgroep IS NOT DISTINCT FROM gr.productgroep
   AND c.period_start = q.period_start
 ORDER BY gr.gemeente, gr.wijk, gr.productgroep, q.period_start;

COMMENT ON VIEW jeugdnorm.flow_by_wijk IS
    'Instroom, doorstroom, uitstroom per wijk: flow''s care paths per (client_id, productgroep), counted per gemeente and wijk of the path (postcode of its first allocation via jeugdnorm.wijk, ''onbekend'' when missing), productgroep and calendar quarter lying entirely inside [window_start, peildatum]; zeros kept; summed over gemeente and wijk it equals flow [S4]; up to date as of the last jeugdnorm.refresh().';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.gemeente IS
    'Gemeente: CBS municipality code of the path''s first allocation.';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.wijk IS
    'Wijk (district): the gemeente''s wijk of the first allocation''s 4-digit postcode (jeugdnorm.wijk; the smallest when several); onbekend without postcode or wijk row.';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.productgroep IS
    'Productgroep: product group the paths are built in; NULL for products not in the service catalogue.';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.period_start IS
    'Begin periode: first day of the quarter.';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.period_end IS
    'Einde periode: last day of the quarter (inclusive).';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.in_care_start IS
    'In zorg bij begin: paths that started before period_start and had not ended before it (einde >= period_start or still open).';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.instroom IS
    'Instroom: paths that started inside the quarter.';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.uitstroom IS
    'Uitstroom: paths that ended inside the quarter.';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.in_care_end IS
    'In zorg bij einde: paths that started on or before period_end and end after it or are still open.';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.year IS
    'Jaar: calendar year of the quarter.';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.quarter IS
    'Kwartaal: quarter number 1..4 within the year.';

-- ---- flow_by_kader [S4] ----------------------------------------------------------
-- The paths of mv_kader_paths (per client_id, kader, verblijf), counted with
-- flow's rules; one row per (kader, verblijf) with a path and per quarter,
-- zeros kept.

CREATE VIEW jeugdnorm.flow_by_kader AS
WITH visible AS (
    SELECT k.kader, k.verblijf, k.start, k.einde
      FROM jeugdnorm_internal.mv_kader_paths AS k
     WHERE (SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR k.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[])
),
groups AS (
    SELECT DISTINCT v.kader, v.verblijf
      FROM visible AS v
),
counted AS (
    SELECT v.kader,
           v.verblijf,
           f.period_start,
           pg_catalog.sum(f.in_care_start) AS in_care_start,
           pg_catalog.sum(f.instroom) AS instroom,
           pg_catalog.sum(f.uitstroom) AS uitstroom,
           pg_catalog.sum(f.in_care_end) AS in_care_end
      FROM visible AS v
     CROSS JOIN jeugdnorm_internal.settings AS s
     CROSS JOIN LATERAL jeugdnorm_internal.flow_path_quarters(v.start, v.einde, s.window_start, s.peildatum) AS f
     GROUP BY v.kader, v.verblijf, f.period_start
)
SELECT gr.kader,
       gr.verblijf,
       q.period_start,
       q.period_end,
       COALESCE(c.in_care_start, 0)::bigint AS in_care_start,
       COALESCE(c.instroom, 0)::bigint AS instroom,
       COALESCE(c.uitstroom, 0)::bigint AS uitstroom,
       COALESCE(c.in_care_end, 0)::bigint AS in_care_end,
       pg_catalog.date_part('year', q.period_start)::integer AS year,
       pg_catalog.date_part('quarter', q.period_start)::integer AS quarter
  FROM groups AS gr
 CROSS JOIN jeugdnorm_internal.settings AS s
 CROSS JOIN LATERAL jeugdnorm_internal.flow_quarters(s.window_start, s.peildatum) AS q
  LEFT JOIN counted AS c
    ON c.kader = gr.kader
   AND c.verblijf = gr.verblijf
   AND c.period_start = q.period_start
 ORDER BY gr.kader, gr.verblijf, q.period_start;

COMMENT ON VIEW jeugdnorm.flow_by_kader IS
    'Instroom, doorstroom, uitstroom per kader: care paths per client_id and (kader, verblijf) across providers and products (gap <= path_gap_days), counted per kader, verblijf and calendar quarter lying entirely inside [window_start, peildatum] with the rules of flow; zeros kept [S4]; up to date as of the last jeugdnorm.refresh().';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.kader IS
    'Kader: gedwongen (gedwongen kader: productcategorie 47 jeugdreclassering, 48 jeugdbescherming) or vrijwillig (voluntary).';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.verblijf IS
    'Verblijf (residential care): true for productcategorie 43 or 44 or a product with financieringsvorm plek (an aspecifiek allocation by its category only).';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.period_start IS
    'Begin periode: first day of the quarter.';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.period_end IS
    'Einde periode: last day of the quarter (inclusive).';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.in_care_start IS
    'In zorg bij begin: paths that started before period_start and had not ended before it (einde >= period_start or still open).';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.instroom IS
    'Instroom: paths that started inside the quarter.';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.uitstroom IS
    'Uitstroom: paths that ended inside the quarter.';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.in_care_end IS
    'In zorg bij einde: paths that started on or before period_end and end after it or are still open.';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.year IS
    'Jaar: calendar year of the quarter.';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.quarter IS
    'Kwartaal: quarter number 1..4 within the year.';
