-- ---------------------------------------------------------------------------
-- 40_paths.sql -- the path layer (layer 3 of ARCHITECTURE.md)
--
-- The expensive work, done once per jeugdnorm.refresh() by the C core, kept
-- in materialised views of schema jeugdnorm_internal:
--
--   mv_path_allocations      one row per kept allocation: which care path
--                            (client_id, aanbieder, product) and which group
--                            path (client_id, productgroep) it belongs to,
--                            with the paths' facts from jeugdnorm.care_path()
--   mv_care_paths            one row per care path: days, volume, frequentie,
--                            completed, norm (reads mv_path_allocations)
--   mv_group_paths           one row per (client_id, productgroep) path, labels
--                            coalesce(variant, product) ([R7])
--   mv_allocation_follow_up  one row per kept allocation: follow-up class from
--                            jeugdnorm.follow_up() ([R2])
--
-- and read through plain contract views in schema jeugdnorm (section 8: BI
-- tools only see plain views): jeugdnorm.care_paths,
-- jeugdnorm.allocation_follow_up.
--
-- Decisions
--  * Paths are computed by the C aggregate jeugdnorm.care_path() only; SQL
--    never re-implements the gap rule.  An allocation belongs to the path of
--    its group whose [start, coalesce(einde, infinity)] holds its
--    ingangsdatum: the paths of a group are disjoint intervals (a next path
--    starts more than path_gap_days after the previous one's einde) and
--    every member starts inside its path.
--  * Groups are numbered with dense_rank() before aggregating, so joins run
--    on a non-NULL integer even where client_id, aanbieder or product is
--    NULL (they are nullable in jeugdnorm.toewijzing; NULL is one group).
--  * The materialised views keep unrounded numerics; the contract views
--    cast to numeric(18,6) as the last step (section 8).  Analyses read the
--    materialised views, so they compute from unrounded values too.
--  * Unique indexes for REFRESH ... CONCURRENTLY are on the grain columns
--    themselves, NULLS NOT DISTINCT (PostgreSQL 15): plain columns, no
--    expression, no WHERE, every row covered, and NULL counts as a value as
--    section 8 asks of the grain.  No coalesce() or surrogate is needed.
--  * Every materialised view ends in refresh_null, a boolean that is always
--    NULL.  REFRESH ... CONCURRENTLY first looks for duplicate rows in the
--    new data, but only among rows without any NULL column, by sorting them
--    on their whole row image (a full deform of the row per comparison):
--    O(n log n) in rows times width, more than half of every refresh at
--    100,000+ rows (demo scale 5: mv_path_allocations 4.1 -> 1.8 s and
--    6.8 -> 2.2 s with the column).  The NULL column leaves every row out
--    of that check.  Nothing is lost: the unique index on the grain columns
--    already rejects a duplicate key when the diff is applied, and the
--    queries produce one row per key by construction (tested).  The diff
--    itself (a hash full join on the unique index columns) is unchanged.
--  * The views are created WITH DATA: at CREATE EXTENSION the tables are
--    empty, so that costs nothing, and the contract views can be read right
--    after install (an unpopulated materialised view cannot be read).
--  * Settings (path_gap_days, peildatum, window_start, bounds, age filter,
--    drop_net_zero) are read at refresh time: a change takes effect at the
--    next jeugdnorm.refresh().
-- ---------------------------------------------------------------------------

-- ---- mv_path_allocations -----------------------------------------------------

-- How (speed), per row of jeugdnorm_internal.allocations, in four window
-- levels over one input (no self-join, no materialised CTE, no join back):
--   1. care_path() as a window aggregate over the whole (client_id,
--      aanbieder, product) partition: computed once per partition (the
--      frame never moves), fed in contract order, so the C sort is skipped;
--   2. the row's own path picked from that array (the paths are disjoint,
--      so exactly one holds its ingangsdatum), then first_in_path,
--      path_unit and care_path_id over (group, path_no): the input is
--      already sorted by the group, so this is an incremental sort of tiny
--      groups;
--   3. and 4. the same for the group paths of (client_id, productgroep).
-- PARTITION BY uses COLLATE "C": partitions only need equality (every
-- database collation is deterministic, so equality is byte equality), and
-- the C collation sorts by memcmp with abbreviated keys instead of strcoll.
-- Within a partition the order is contract_order, which is the contract
-- order (ingangsdatum, einddatum NULLS LAST, toewijzingnummer, gemeente)
-- as one bigint.

CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_path_allocations AS
SELECT q.gemeente, q.toewijzingnummer, q.client_id, q.aanbieder, q.product,
       q.productgroep, q.productcategorie, q.productcode, q.variant,
       q.financieringsvorm, q.segment, q.unit, q.ingangsdatum, q.einddatum,
       q.contract_order, q.group_label,
       q.path_no, q.path_start, q.path_einde, q.path_allocations, q.path_days,
       q.first_in_path, q.path_unit,
       q.group_path_no, q.group_path_start, q.group_path_einde,
       q.group_path_allocations, q.group_path, q.group_path_days,
       pg_catalog.row_number() OVER gw = 1 AS first_in_group_path,
       q.care_path_id,
       pg_catalog.first_value(q.contract_order) OVER gw AS group_path_id,
       NULL::boolean AS refresh_null
  FROM (SELECT r.*,
               g.path_no AS group_path_no, g.start AS group_path_start,
               g.einde AS group_path_einde, g.allocations AS group_path_allocations,
               g.path AS group_path, g.days AS group_path_days
          FROM (SELECT p.gemeente, p.toewijzingnummer, p.client_id, p.aanbieder, p.product,
                       p.productgroep, p.productcategorie, p.productcode, p.variant,
                       p.financieringsvorm, p.segment, p.unit, p.ingangsdatum, p.einddatum,
                       p.contract_order, p.group_label,
                       p.path_no, p.path_start, p.path_einde, p.path_allocations, p.path_days,
                       pg_catalog.row_number() OVER cw = 1 AS first_in_path,
                       pg_catalog.first_value(p.unit) OVER cw AS path_unit,
                       pg_catalog.first_value(p.contract_order) OVER cw AS care_path_id,
                       jeugdnorm.care_path(p.ingangsdatum, p.einddatum, p.group_label, p.path_gap_days)
                           OVER (PARTITION BY p.client_id COLLATE "C", p.productgroep COLLATE "C"
                                 ORDER BY p.contract_order
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS group_paths
                  FROM (SELECT w.gemeente, w.toewijzingnummer, w.client_id, w.aanbieder, w.product,
                               w.productgroep, w.productcategorie, w.productcode, w.variant,
                               w.financieringsvorm, w.segment, w.unit, w.ingangsdatum, w.einddatum,
                               w.contract_order, w.group_label, w.path_gap_days,
                               c.path_no, c.start AS path_start, c.einde AS path_einde,
                               c.allocations AS path_allocations, c.days AS path_days
                          FROM (SELECT a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.product,
                                       a.productgroep, a.productcategorie, a.productcode, a.variant,
                                       a.financieringsvorm, a.segment, a.unit, a.ingangsdatum, a.einddatum,
                                       a.contract_order,
                                       coalesce(a.variant, a.product) AS group_label,
                                       s.path_gap_days,
                                       jeugdnorm.care_path(a.ingangsdatum, a.einddatum, a.product, s.path_gap_days)
                                           OVER (PARTITION BY a.client_id COLLATE "C", a.aanbieder COLLATE "C",
                                                              a.product COLLATE "C"
                                                 ORDER BY a.contract_order
                                                 ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS paths
                                  FROM jeugdnorm_internal.allocations a
                                 CROSS JOIN jeugdnorm_internal.settings s) w
                         CROSS JOIN LATERAL (
                               SELECT c.path_no, c.start, c.einde, c.allocations, c.days
                                 FROM pg_catalog.unnest(w.paths) c
                                WHERE w.ingangsdatum >= c.start
                                  AND w.ingangsdatum <= coalesce(c.einde, 'infinity'::date)) c) p
                WINDOW cw AS (PARTITION BY p.client_id COLLATE "C", p.aanbieder COLLATE "C",
                                           p.product COLLATE "C", p.path_no
                              ORDER BY p.contract_order)) r
         CROSS JOIN LATERAL (
               SELECT c.path_no, c.start, c.einde, c.allocations, c.path, c.days
                 FROM pg_catalog.unnest(r.group_paths) c
                WHERE r.ingangsdatum >= c.start
                  AND r.ingangsdatum <= coalesce(c.einde, 'infinity'::date)) g) q
WINDOW gw AS (PARTITION BY q.client_id COLLATE "C", q.productgroep COLLATE "C", q.group_path_no
              ORDER BY q.contract_order);

CREATE UNIQUE INDEX mv_path_allocations_key
    ON jeugdnorm_internal.mv_path_allocations (gemeente, toewijzingnummer) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_path_allocations IS
    'one row per kept allocation (toewijzing) with the care path (client_id, aanbieder, product) and the group path (client_id, productgroep) it belongs to, computed by jeugdnorm.care_path(); refreshed by jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm_internal.mv_path_allocations.path_no IS 'care path number within (client_id, aanbieder, product), 1, 2, ... in start order';
COMMENT ON COLUMN jeugdnorm_internal.mv_path_allocations.path_start IS 'start of the care path';
COMMENT ON COLUMN jeugdnorm_internal.mv_path_allocations.path_einde IS 'einde of the care path; NULL while open';
COMMENT ON COLUMN jeugdnorm_internal.mv_path_allocations.path_allocations IS 'allocations in the care path';
COMMENT ON COLUMN jeugdnorm_internal.mv_path_allocations.path_days IS 'einde - start + 1 of the care path; NULL while open';
COMMENT ON COLUMN jeugdnorm_internal.mv_path_allocations.first_in_path IS 'true for the care path''s first allocation in contract order';
COMMENT ON COLUMN jeugdnorm_internal.mv_path_allocations.path_unit IS 'canonical unit of the care path''s first allocation';
COMMENT ON COLUMN jeugdnorm_internal.mv_path_allocations.group_label IS 'label for group paths: coalesce(variant, product)';
COMMENT ON COLUMN jeugdnorm_internal.mv_path_allocations.group_path_no IS 'path number within (client_id, productgroep), across providers';
COMMENT ON COLUMN jeugdnorm_internal.mv_path_allocations.group_path IS 'label of the group path (variants or products in start order, repeats collapsed)';
COMMENT ON COLUMN jeugdnorm_internal.mv_path_allocations.first_in_group_path IS 'true for the group path''s first allocation in contract order';
COMMENT ON COLUMN jeugdnorm_internal.mv_path_allocations.care_path_id IS 'contract_order of the care path''s first allocation: a non-NULL key of the care path (client_id, aanbieder, product may be NULL)';
COMMENT ON COLUMN jeugdnorm_internal.mv_path_allocations.group_path_id IS 'contract_order of the group path''s first allocation: a non-NULL key of the group path';
COMMENT ON COLUMN jeugdnorm_internal.mv_path_allocations.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';

-- ---- mv_care_paths -----------------------------------------------------------
-- One row per care path of (client_id, aanbieder, product) [R3], whatever its
-- dates.  gemeente, productgroep, unit and the catalogue extras come from
-- the path's first allocation in contract order.  Claims: all kept claim
-- lines of the path's allocations, not clipped.  days_levering = last claim
-- einddatum - first claim begindatum + 1 over every line; volume = sum of
-- canonical volumes of the lines in the path's unit family (NULL when none).
-- completed: the ONE place the completed rule lives.  Norm: the ONE place
-- the [R9] lookup lives.
-- How (speed): the path's facts are read from its first allocation's row of
-- mv_path_allocations (no aggregation over allocations); only the claim
-- lines are aggregated, once, grouped by the non-NULL integer care_path_id
-- (a hash aggregate on one bigint instead of four nullable text columns),
-- and joined back on it.
-- 0.3.0: 63_care_path_claims.sql replaces the claim part (cl) of this
-- query by a read of mv_money_claim_sums' per-allocation sums (the same
-- numbers, one read of the claim lines less); the rest of the query is
-- this text, in a fresh install and after the 0.2.0 upgrade alike.

CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_care_paths AS
WITH s AS (
    SELECT st.window_start, st.peildatum, st.path_gap_days FROM jeugdnorm_internal.settings st
),
-- the claim lines of each path, grouped by the path's integer key; the
-- kept claim lines are claim_lines matched to a kept allocation (see
-- jeugdnorm_internal.claims), here the rows of mv_path_allocations
cl AS (
    SELECT pa.care_path_id,
           pg_catalog.min(c.begindatum) AS first_begindatum,
           pg_catalog.max(c.einddatum) AS last_einddatum,
           pg_catalog.count(*) AS claim_lines,
           pg_catalog.sum(c.canonical_volume) FILTER (WHERE c.unit = pa.path_unit) AS volume
           -- OFFSET 0: read every claim line once and hash-join it to the
           -- allocations; without it the planner probes the declaratie
           -- index once per allocation (a nested loop over 500,000 keys at
           -- the big-city scale, each probe a cache miss)
      FROM (SELECT * FROM jeugdnorm_internal.claim_lines OFFSET 0) c
      JOIN jeugdnorm_internal.mv_path_allocations pa
        ON pa.gemeente = c.gemeente
       AND pa.toewijzingnummer = c.toewijzingnummer
     GROUP BY pa.care_path_id
),
-- one row per path: its first allocation carries the path's facts
d AS (
    SELECT pa.client_id, pa.aanbieder, pa.product, pa.path_no,
           pa.productgroep, pa.gemeente,
           pa.path_start AS start, pa.path_einde AS einde,
           pa.path_allocations AS allocations, pa.path_days AS days_toewijzing,
           pa.path_unit AS unit,
           pa.productcategorie, pa.productcode, pa.variant, pa.financieringsvorm, pa.segment,
           pa.toewijzingnummer AS first_toewijzingnummer,
           coalesce(cl.claim_lines, 0) AS claim_lines,
           cl.volume,
           cl.last_einddatum - cl.first_begindatum + 1 AS days_levering
      FROM jeugdnorm_internal.mv_path_allocations pa
      LEFT JOIN cl ON cl.care_path_id = pa.care_path_id
     WHERE pa.first_in_path
)
SELECT d.client_id,
       d.aanbieder,
       d.product,
       d.productgroep,
       d.path_no,
       d.gemeente,
       d.start,
       d.einde,
       d.allocations::bigint AS allocations,
       d.days_toewijzing,
       d.days_levering,
       d.days_toewijzing / 30.4375 AS months_toewijzing,
       d.days_levering / 30.4375 AS months_levering,
       d.volume,
       d.unit,
       d.volume * 7 / NULLIF(d.days_levering, 0) AS frequentie_per_week,
       (d.einde IS NOT NULL AND d.einde + s.path_gap_days <= s.peildatum) AS completed,
       n.max_volume AS norm_volume,
       n.max_doorlooptijd_maanden AS norm_doorlooptijd_maanden,
       n.max_frequentie_per_week AS norm_frequentie_per_week,
       d.productcategorie,
       d.productcode,
       d.variant,
       d.financieringsvorm,
       d.segment,
       (d.start >= s.window_start AND d.start <= s.peildatum) AS in_window,
       d.claim_lines,
       d.first_toewijzingnummer,
       n.norm_id,
       NULL::boolean AS refresh_null
  FROM d
 CROSS JOIN s
  LEFT JOIN LATERAL (
        -- [R9]: the rows for the product win over those for the productgroep;
        -- among versions valid on the start the latest geldig_van wins (the
        -- table is unique on (productcode, geldig_van)); a NULL geldig_van
        -- never matches; the chosen row is taken whole.
        SELECT nm.norm_id, nm.max_volume, nm.max_doorlooptijd_maanden, nm.max_frequentie_per_week
          FROM jeugdnorm.norm nm
         WHERE (nm.productcode = d.product OR nm.productcode = d.productgroep)
           AND nm.geldig_van <= d.start
           AND d.start <= coalesce(nm.geldig_tot, 'infinity'::date)
         ORDER BY (nm.productcode = d.product) DESC, nm.geldig_van DESC, nm.norm_id
         LIMIT 1
       ) n ON true;

CREATE UNIQUE INDEX mv_care_paths_key
    ON jeugdnorm_internal.mv_care_paths (client_id, aanbieder, product, path_no) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_care_paths IS
    'the work behind jeugdnorm.care_paths, unrounded: one row per care path (zorghulpvraag) of (client_id, aanbieder, product); refreshed by jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm_internal.mv_care_paths.in_window IS 'start lies in [window_start, peildatum]';
COMMENT ON COLUMN jeugdnorm_internal.mv_care_paths.claim_lines IS 'kept claim lines of the path''s allocations (all unit families)';
COMMENT ON COLUMN jeugdnorm_internal.mv_care_paths.first_toewijzingnummer IS 'toewijzingnummer of the path''s first allocation in contract order (with gemeente its key)';
COMMENT ON COLUMN jeugdnorm_internal.mv_care_paths.norm_id IS 'jeugdnorm.norm row chosen by [R9]; NULL when none';
COMMENT ON COLUMN jeugdnorm_internal.mv_care_paths.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';

-- ---- mv_group_paths ----------------------------------------------------------
-- Paths per (client_id, productgroep) across providers and variants [R7];
-- products not in the catalogue form the NULL productgroep.  One row per
-- path: its first allocation's row of mv_path_allocations, which carries the
-- path's facts (no aggregation needed).

CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_group_paths AS
SELECT pa.client_id,
       pa.productgroep,
       pa.group_path_no AS path_no,
       pa.gemeente,
       pa.group_path_start AS start,
       pa.group_path_einde AS einde,
       pa.group_path_allocations::bigint AS allocations,
       pa.group_path AS path,
       pa.group_path_days AS days,
       (pa.group_path_einde IS NOT NULL AND pa.group_path_einde + s.path_gap_days <= s.peildatum) AS completed,
       (pa.group_path_start >= s.window_start AND pa.group_path_start <= s.peildatum) AS in_window,
       pa.toewijzingnummer AS first_toewijzingnummer,
       NULL::boolean AS refresh_null
  FROM jeugdnorm_internal.mv_path_allocations pa
 CROSS JOIN jeugdnorm_internal.settings s
 WHERE pa.first_in_group_path;

CREATE UNIQUE INDEX mv_group_paths_key
    ON jeugdnorm_internal.mv_group_paths (client_id, productgroep, path_no) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_group_paths IS
    'care paths per (client_id, productgroep) across providers, labels coalesce(variant, product) ([R7]); for top_paths and flow; refreshed by jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_paths.client_id IS 'client_id: pseudonymised client key';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_paths.productgroep IS 'productgroep; NULL for products not in the catalogue';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_paths.path_no IS 'path number within (client_id, productgroep), in start order';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_paths.gemeente IS 'gemeente of the path''s first allocation';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_paths.start IS 'first day of the path';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_paths.einde IS 'last day of the path; NULL while open';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_paths.allocations IS 'allocations in the path';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_paths.path IS 'path label: variants (else products) in start order, repeats collapsed, joined by '' > ''';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_paths.days IS 'einde - start + 1; NULL while open';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_paths.completed IS 'einde IS NOT NULL AND einde + path_gap_days <= peildatum';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_paths.in_window IS 'start lies in [window_start, peildatum]';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_paths.first_toewijzingnummer IS 'toewijzingnummer of the path''s first allocation (with gemeente its key)';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_paths.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';

-- ---- mv_allocation_follow_up -------------------------------------------------
-- Follow-up class per kept allocation over the whole history of its
-- (client_id, product) [R2], by the C window function in the contract order.
-- Read from mv_path_allocations, which holds every kept allocation with the
-- columns needed and its contract_order (the contract order as one bigint:
-- ORDER BY contract_order is ORDER BY ingangsdatum, einddatum NULLS LAST,
-- toewijzingnummer, gemeente), so the cleaned allocations and their global
-- numbering are not computed a second time.

CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_allocation_follow_up AS
SELECT f.gemeente,
       f.toewijzingnummer,
       f.client_id,
       f.aanbieder,
       f.product,
       f.ingangsdatum,
       f.einddatum,
       (f.fu).gap_days AS gap_days,
       (f.fu).follow_up AS follow_up,
       f.productcategorie,
       f.productcode,
       f.financieringsvorm,
       f.productgroep,
       f.path_no,
       f.group_path_no,
       f.contract_order,
       NULL::boolean AS refresh_null
  FROM (SELECT pa.*,
               jeugdnorm.follow_up(pa.ingangsdatum, pa.einddatum, s.extension_days, s.recidive_days)
                   OVER (PARTITION BY pa.client_id COLLATE "C", pa.product COLLATE "C"
                         ORDER BY pa.contract_order) AS fu
          FROM jeugdnorm_internal.mv_path_allocations pa
         CROSS JOIN jeugdnorm_internal.settings s) f;

CREATE UNIQUE INDEX mv_allocation_follow_up_key
    ON jeugdnorm_internal.mv_allocation_follow_up (gemeente, toewijzingnummer) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_allocation_follow_up IS
    'the work behind jeugdnorm.allocation_follow_up: follow-up class per kept allocation; refreshed by jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm_internal.mv_allocation_follow_up.contract_order IS 'position in the contract order over all kept allocations';
COMMENT ON COLUMN jeugdnorm_internal.mv_allocation_follow_up.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';
