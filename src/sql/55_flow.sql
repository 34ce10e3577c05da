-- 55_flow.sql: top care paths per productgroep and the flow (in care at start,
-- instroom, uitstroom, in care at end) per productgroep and quarter.
-- DEFINITIONS.md 3 (flow), 6, 7 [R7], 8.
--
-- Both read the paths per (client_id, productgroep) across providers, with
-- labels coalesce(variant, product), from jeugdnorm_internal.mv_group_paths;
-- the paths, their labels and `in_window` are built there, once.
--
-- The flow rules (which quarters; when a path is in care at the start,
-- instroom, uitstroom, in care at the end) live in two functions here,
-- jeugdnorm_internal.flow_quarters() and flow_path_quarters(); every flow
-- view (flow; flow_by_wijk and flow_by_kader in 56_steering_paths.sql)
-- counts with them, so their figures add up to each other by construction.
--
-- Re-runnable (0.2.0): the upgrade script from 0.1.0 runs this file again
-- over the 0.1.0 objects, so every statement is CREATE OR REPLACE; the views
-- keep their columns (names, types, order) and their results.
--
-- Tenancy: both count only the group paths whose gemeente (the path's first
-- allocation's) the caller may see (jeugdnorm.access, 45_path_views.sql);
-- flow lists only the productgroepen of those paths.

-- flow rules [R7], section 3 ---------------------------------------------------
--
-- The window comes in as arguments: the calling view reads
-- jeugdnorm_internal.settings itself.  A function's body runs with the
-- privileges of the role that queries the view (inlined or not), and
-- readers have no privileges on jeugdnorm_internal; the view's own
-- references are checked against its owner.  So these functions read no
-- relation at all: IMMUTABLE, and the planner inlines them (SQL-standard
-- body, a single SELECT, not STRICT) into a join of paths and quarters.
--
-- flow_quarters(window_start, peildatum): the calendar quarters lying
-- entirely inside [window_start, peildatum], in order.  None when the
-- window holds no whole quarter.
CREATE OR REPLACE FUNCTION jeugdnorm_internal.flow_quarters(window_start date, peildatum date)
RETURNS TABLE (period_start date, period_end date)
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
BEGIN ATOMIC
    SELECT q.period_start, q.period_end
      FROM (SELECT t.t::date AS period_start,
                   (t.t + interval '3 months')::date - 1 AS period_end
              FROM pg_catalog.generate_series(
                        pg_catalog.date_trunc('quarter', flow_quarters.window_start::timestamp),
                        flow_quarters.peildatum::timestamp,
                        interval '3 months') AS t (t)) AS q
     WHERE q.period_start >= flow_quarters.window_start
       AND q.period_end <= flow_quarters.peildatum
     ORDER BY q.period_start;
END;

COMMENT ON FUNCTION jeugdnorm_internal.flow_quarters(date, date) IS
    'the quarters of every flow view: calendar quarters lying entirely inside [window_start, peildatum], in order ([R7]); the caller passes the settings';

-- flow_path_quarters(start, einde, window_start, peildatum): the quarters of
-- flow_quarters() in which one path counts, with its 0/1 contribution to
-- each figure (section 3):
--   in_care_start = start < p_start and (einde >= p_start or open)
--   instroom      = p_start <= start <= p_end
--   uitstroom     = p_start <= einde <= p_end
--   in_care_end   = start <= p_end and (einde > p_end or open)
-- A path counted in any of the four overlaps the quarter (start <= p_end and
-- einde >= p_start or open), so only the overlapped quarters are rows; the
-- other quarters would be all zero.  Summed per quarter over a set of paths
-- these are that set's flow figures.
CREATE OR REPLACE FUNCTION jeugdnorm_internal.flow_path_quarters(
        path_start date, path_einde date, window_start date, peildatum date)
RETURNS TABLE (period_start date, in_care_start integer, instroom integer, uitstroom integer, in_care_end integer)
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
BEGIN ATOMIC
    SELECT q.period_start,
           CASE WHEN flow_path_quarters.path_start < q.period_start THEN 1 ELSE 0 END,
           CASE WHEN flow_path_quarters.path_start >= q.period_start THEN 1 ELSE 0 END,
           CASE WHEN flow_path_quarters.path_einde <= q.period_end THEN 1 ELSE 0 END,
           CASE WHEN flow_path_quarters.path_einde IS NULL
                  OR flow_path_quarters.path_einde > q.period_end THEN 1 ELSE 0 END
      FROM jeugdnorm_internal.flow_quarters(flow_path_quarters.window_start,
                                            flow_path_quarters.peildatum) AS q
     WHERE flow_path_quarters.path_start <= q.period_end
       AND (flow_path_quarters.path_einde IS NULL
            OR flow_path_quarters.path_einde >= q.period_start);
END;

COMMENT ON FUNCTION jeugdnorm_internal.flow_path_quarters(date, date, date, date) IS
    'the flow rules of section 3 for one path (start, einde; einde NULL = open) in the window [window_start, peildatum]: one row per quarter of flow_quarters() the path overlaps, with its 0/1 in_care_start, instroom, uitstroom, in_care_end; sum them per quarter over a set of paths';

-- top_paths [R7] --------------------------------------------------------------
--
-- Paths that start inside [window_start, peildatum], completed or not, counted
-- per (productgroep, label).  share = paths / all counted paths of the
-- productgroep; rank = rank() by paths descending (ties share a rank, gaps
-- after).  The NULL productgroep (products not in the catalogue) is a group of
-- its own; a NULL label (only possible when every label of a path is NULL) is
-- a row of its own too.  Ordered by productgroep, rank, label: the grain in
-- "top" order.
CREATE OR REPLACE VIEW jeugdnorm.top_paths AS
WITH counted AS (
    SELECT g.productgroep,
           g.path,
           pg_catalog.count(*) AS paths,
           pg_catalog.count(*) FILTER (WHERE g.completed) AS completed_paths,
           pg_catalog.count(DISTINCT g.client_id) AS clients
      FROM jeugdnorm_internal.mv_group_paths AS g
     WHERE g.in_window
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR g.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
     GROUP BY g.productgroep, g.path
)
SELECT productgroep,
       path,
       paths::bigint AS paths,
       (paths::numeric
        / pg_catalog.sum(paths) OVER (PARTITION BY productgroep))::numeric(18,6) AS share,
       (pg_catalog.rank() OVER (PARTITION BY productgroep ORDER BY paths DESC))::integer AS rank,
       completed_paths::bigint AS completed_paths,
       clients::bigint AS clients
  FROM counted
 ORDER BY productgroep, rank, path;

COMMENT ON VIEW jeugdnorm.top_paths IS
    'Meest voorkomende zorgpaden: care paths per (client_id, productgroep) across providers that start inside [window_start, peildatum], counted per path label (variants, else products, in start order) [R7].';
COMMENT ON COLUMN jeugdnorm.top_paths.productgroep IS
    'Productgroep: product group the paths are built in; NULL for products not in the service catalogue.';
COMMENT ON COLUMN jeugdnorm.top_paths.path IS
    'Zorgpad: path label, the variants (else products) of its allocations in start order, consecutive equal ones collapsed, joined by '' > ''.';
COMMENT ON COLUMN jeugdnorm.top_paths.paths IS
    'Zorgtrajecten: number of paths with this label that start inside the window, completed or not.';
COMMENT ON COLUMN jeugdnorm.top_paths.share IS
    'Aandeel: paths / all counted paths of the productgroep (fraction 0..1, 6 decimals).';
COMMENT ON COLUMN jeugdnorm.top_paths.rank IS
    'Rang: rank() by paths descending within the productgroep; ties share a rank, with gaps after.';
COMMENT ON COLUMN jeugdnorm.top_paths.completed_paths IS
    'Afgesloten trajecten: of these paths, those completed on the peildatum (closed and no longer extendable).';
COMMENT ON COLUMN jeugdnorm.top_paths.clients IS
    'Jeugdigen: distinct clients (client_id) with a path of this label in the window.';

-- flow [R7], section 3 --------------------------------------------------------
--
-- For each quarter of flow_quarters() and each productgroep that has any
-- path (the NULL productgroep included), with zeros kept, the figures of
-- flow_path_quarters() summed over the productgroep's paths.
CREATE OR REPLACE VIEW jeugdnorm.flow AS
WITH visible AS (
    SELECT g.productgroep, g.start, g.einde
      FROM jeugdnorm_internal.mv_group_paths AS g
     WHERE (SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR g.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[])
),
groups AS (
    SELECT DISTINCT g.productgroep
      FROM visible AS g
),
counted AS (
    SELECT g.productgroep,
           f.period_start,
           pg_catalog.sum(f.in_care_start) AS in_care_start,
           pg_catalog.sum(f.instroom) AS instroom,
           pg_catalog.sum(f.uitstroom) AS uitstroom,
           pg_catalog.sum(f.in_care_end) AS in_care_end
      FROM visible AS g
     CROSS JOIN jeugdnorm_internal.settings AS s
     CROSS JOIN LATERAL jeugdnorm_internal.flow_path_quarters(g.start, g.einde, s.window_start, s.peildatum) AS f
     GROUP BY g.productgroep, f.period_start
)
SELECT gr.productgroep,
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
    ON c.productgroep IS NOT DISTINCT FROM gr.productgroep
   AND c.period_start = q.period_start
 ORDER BY gr.productgroep, q.period_start;

COMMENT ON VIEW jeugdnorm.flow IS
    'Instroom, doorstroom, uitstroom: care paths per (client_id, productgroep) across providers, counted per productgroep and calendar quarter lying entirely inside [window_start, peildatum]; zeros kept; in_care_start + instroom - uitstroom = in_care_end [R7].';
COMMENT ON COLUMN jeugdnorm.flow.productgroep IS
    'Productgroep: product group the paths are built in; NULL for products not in the service catalogue.';
COMMENT ON COLUMN jeugdnorm.flow.period_start IS
    'Begin periode: first day of the quarter.';
COMMENT ON COLUMN jeugdnorm.flow.period_end IS
    'Einde periode: last day of the quarter (inclusive).';
COMMENT ON COLUMN jeugdnorm.flow.in_care_start IS
    'In zorg bij begin: paths that started before period_start and had not ended before it (einde >= period_start or still open).';
COMMENT ON COLUMN jeugdnorm.flow.instroom IS
    'Instroom: paths that started inside the quarter.';
COMMENT ON COLUMN jeugdnorm.flow.uitstroom IS
    'Uitstroom: paths that ended inside the quarter.';
COMMENT ON COLUMN jeugdnorm.flow.in_care_end IS
    'In zorg bij einde: paths that started on or before period_end and end after it or are still open.';
COMMENT ON COLUMN jeugdnorm.flow.year IS
    'Jaar: calendar year of the quarter.';
COMMENT ON COLUMN jeugdnorm.flow.quarter IS
    'Kwartaal: quarter number 1..4 within the year.';
