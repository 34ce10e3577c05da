-- ---------------------------------------------------------------------------
-- 91_distributed_tables.sql -- jeugdnorm on Citus, phase 2 (issue 19,
-- DEFINITIONS.md section 12, doc/citus.md): the per-client path layer
-- computed in the shards.  New in 0.3.0.  Nothing here runs on a single
-- node: the functions below are called only by jeugdnorm.distribute() and,
-- in distributed mode, by jeugdnorm.refresh().
--
-- The seven per-client path tables (97_incremental.sql's per_client
-- tables of 40_paths.sql and 56_steering_paths.sql)
--
--   mv_path_allocations, mv_care_paths, mv_allocation_follow_up,
--   mv_group_paths, mv_kader_paths, mv_care_path_endings,
--   mv_group_path_starts
--
-- become Citus tables distributed by client_id, co-located with
-- jeugdnorm.toewijzing, and refresh() fills them with one co-located
-- INSERT ... SELECT each, which Citus pushes down: every task computes one
-- shard group's clients next to their allocations and claim lines.  The
-- distribute() swap is phase 1's: the coordinator table (with its rows and
-- every view, materialised view and per-client table bound to it by OID)
-- is renamed to jeugdnorm_internal.<name>_snapshot, and a new table of the
-- same name and columns goes to Citus.  After filling a distributed table,
-- refresh() copies its rows into the snapshot, which the region-wide views
-- (spread, flow, norm deviation, top paths, ...) and the per-client tables
-- not moved yet (data quality, money) read on the coordinator.  The
-- contract views care_paths and allocation_follow_up are re-pointed to the
-- distributed tables (a Citus Adaptive scan; their tenancy filter is
-- evaluated on the coordinator, see distribute_path_tables()).
--
-- How the queries differ from the single-node views (same rows, tested by
-- make test-citus against a single node with the same data):
--   * contract_order is per client: row_number() OVER (PARTITION BY
--     client_id ORDER BY ingangsdatum, einddatum NULLS LAST,
--     toewijzingnummer, gemeente).  Within a client it orders exactly as the
--     single node's global number, and every window that uses it is
--     partitioned by client_id; care_path_id and group_path_id (the
--     contract_order of a path's first allocation) are therefore unique per
--     client only, and every GROUP BY / PARTITION BY / join on them also
--     names client_id.  These three columns are internal (no contract view
--     shows them).
--   * no COLLATE "C" on client_id in a PARTITION BY (Citus then no longer
--     sees the distribution column and pulls the rows to the coordinator).
--   * the product mapping ([S2]) written inline (LEFT JOIN LATERAL ...
--     LIMIT 1 over the reference table product_mapping), as
--     jeugdnorm_internal.mapped_product() says it; an SQL-standard-body
--     function reading a Citus table gives wrong rows under Citus.
--   * the settings are substituted as literals (settings is a coordinator
--     table) when refresh() runs, as the views read them at refresh time.
--   * claim lines are joined to their allocation on client_id too, and the
--     net-zero groups ([R12]) are per (client_id, gemeente,
--     toewijzingnummer, begindatum, einddatum): a claim line whose
--     client_id differs from its allocation's is not counted for that
--     allocation on a cluster (doc/citus.md).
--   * mv_care_path_endings and mv_group_path_starts get a client_id column
--     (last; their distribution column); their snapshots keep the
--     single-node columns.
-- ---------------------------------------------------------------------------

-- the path tables moved to the shards, in the order refresh() fills them
-- (every table after the ones it reads); key: the unique key on Citus
-- (client_id first; the single-node keys do not contain it)
CREATE FUNCTION jeugdnorm_internal.distributed_path_tables()
RETURNS TABLE (name text, pos integer, key_cols text, adds_client_id boolean)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT v.name, v.pos, v.key_cols, v.adds_client_id
      FROM (VALUES ('mv_path_allocations'::text, 1, 'client_id, gemeente, toewijzingnummer'::text, false),
                   ('mv_care_paths', 2, 'client_id, aanbieder, product, path_no', false),
                   ('mv_allocation_follow_up', 3, 'client_id, gemeente, toewijzingnummer', false),
                   ('mv_group_paths', 4, 'client_id, productgroep, path_no', false),
                   ('mv_kader_paths', 5, 'client_id, kader, verblijf, path_no', false),
                   ('mv_care_path_endings', 6, 'client_id, gemeente, first_toewijzingnummer', true),
                   ('mv_group_path_starts', 7, 'client_id, gemeente, first_toewijzingnummer', true),
                   ('mv_data_quality_rows', 8, 'client_id, signal, row_type, row_key, declaratie_id', false))
           AS v(name, pos, key_cols, adds_client_id)
     ORDER BY v.pos;
END;

COMMENT ON FUNCTION jeugdnorm_internal.distributed_path_tables() IS
    'Citus phase 2: the per-client path tables jeugdnorm.distribute() distributes by client_id (co-located with toewijzing) and refresh() fills in the shards, in fill order, with their unique key on Citus; adds_client_id: the distributed table has a client_id column the single-node table lacks';

-- distributed_fill_sql(name): the INSERT ... SELECT that fills one
-- distributed path table, with the current settings as literals.
-- (format(): %1$s window_start, %2$s peildatum, %3$s extension_days,
-- %4$s recidive_days, %5$s path_gap_days, %6$s max_age, %7$s / %8$s the
-- net-zero anti-join and its test when drop_net_zero)
CREATE FUNCTION jeugdnorm_internal.distributed_fill_sql(name text)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $fill$
DECLARE
    s record;
    q text;
    nz_join text := '';
    nz_test text := '';
BEGIN
    SELECT st.* INTO s FROM jeugdnorm_internal.settings st;
    IF s.drop_net_zero THEN
        nz_join := $nz$
              LEFT JOIN (SELECT g.client_id, g.gemeente, g.toewijzingnummer, g.begindatum, g.einddatum
                           FROM jeugdnorm.declaratie g
                           JOIN (SELECT DISTINCT k.client_id, k.gemeente, k.toewijzingnummer, k.begindatum, k.einddatum
                                   FROM jeugdnorm.declaratie k
                                  WHERE k.bedrag <= 0) k
                             ON k.client_id = g.client_id
                            AND k.gemeente = g.gemeente
                            AND k.toewijzingnummer = g.toewijzingnummer
                            AND k.begindatum = g.begindatum
                            AND k.einddatum = g.einddatum
                          GROUP BY g.client_id, g.gemeente, g.toewijzingnummer, g.begindatum, g.einddatum
                         HAVING pg_catalog.sum(g.bedrag) = 0) z
                ON z.client_id = d.client_id
               AND z.gemeente = d.gemeente
               AND z.toewijzingnummer = d.toewijzingnummer
               AND z.begindatum = d.begindatum
               AND z.einddatum = d.einddatum$nz$;
        nz_test := ' AND z.client_id IS NULL';
    END IF;
    q := CASE name
    WHEN 'mv_path_allocations' THEN $q$
INSERT INTO jeugdnorm_internal.mv_path_allocations
      (gemeente, toewijzingnummer, client_id, aanbieder, product, productgroep, productcategorie, productcode,
       variant, financieringsvorm, segment, unit, ingangsdatum, einddatum, contract_order, group_label,
       path_no, path_start, path_einde, path_allocations, path_days, first_in_path, path_unit,
       group_path_no, group_path_start, group_path_einde, group_path_allocations, group_path, group_path_days,
       first_in_group_path, care_path_id, group_path_id, refresh_null)
SELECT q.gemeente, q.toewijzingnummer, q.client_id, q.aanbieder, q.product,
       q.productgroep, q.productcategorie, q.productcode, q.variant,
       q.financieringsvorm, q.segment, q.unit, q.ingangsdatum, q.einddatum,
       q.contract_order, q.group_label,
       q.path_no, q.path_start, q.path_einde, q.path_allocations, q.path_days,
       q.first_in_path, q.path_unit,
       q.group_path_no, q.group_path_start, q.group_path_einde,
       q.group_path_allocations, q.group_path, q.group_path_days,
       pg_catalog.row_number() OVER gw = 1,
       q.care_path_id,
       pg_catalog.first_value(q.contract_order) OVER gw,
       NULL::boolean
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
                       jeugdnorm.care_path(p.ingangsdatum, p.einddatum, p.group_label, %5$s)
                           OVER (PARTITION BY p.client_id, p.productgroep COLLATE "C"
                                 ORDER BY p.contract_order
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS group_paths
                  FROM (SELECT w.gemeente, w.toewijzingnummer, w.client_id, w.aanbieder, w.product,
                               w.productgroep, w.productcategorie, w.productcode, w.variant,
                               w.financieringsvorm, w.segment, w.unit, w.ingangsdatum, w.einddatum,
                               w.contract_order, w.group_label,
                               c.path_no, c.start AS path_start, c.einde AS path_einde,
                               c.allocations AS path_allocations, c.days AS path_days
                          FROM (SELECT a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.product,
                                       a.productgroep, a.productcategorie, a.productcode, a.variant,
                                       a.financieringsvorm, a.segment, a.unit, a.ingangsdatum, a.einddatum,
                                       a.contract_order,
                                       coalesce(a.variant, a.product) AS group_label,
                                       jeugdnorm.care_path(a.ingangsdatum, a.einddatum, a.product, %5$s)
                                           OVER (PARTITION BY a.client_id, a.aanbieder COLLATE "C",
                                                              a.product COLLATE "C"
                                                 ORDER BY a.contract_order
                                                 ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS paths
                                  FROM (-- jeugdnorm_internal.allocations, per client (see above)
                                        SELECT t.gemeente, t.toewijzingnummer, t.client_id, t.aanbieder,
                                               coalesce(mp.analysis_product, t.productcode, t.productcategorie) AS product,
                                               pr.productgroep, t.productcategorie, t.productcode, pr.variant,
                                               pr.financieringsvorm, pr.segment, e.canonical_unit AS unit,
                                               t.ingangsdatum, t.einddatum,
                                               pg_catalog.row_number() OVER (PARTITION BY t.client_id
                                                                             ORDER BY t.ingangsdatum, t.einddatum NULLS LAST,
                                                                                      t.toewijzingnummer, t.gemeente) AS contract_order
                                          FROM jeugdnorm.toewijzing t
                                          LEFT JOIN LATERAL (
                                                SELECT m.analysis_product
                                                  FROM jeugdnorm.product_mapping m
                                                 WHERE m.productcategorie = t.productcategorie
                                                   AND m.productcode IS NOT DISTINCT FROM t.productcode
                                                   AND (m.aanbieder = t.aanbieder OR m.aanbieder IS NULL)
                                                   AND m.geldig_van <= t.ingangsdatum
                                                   AND t.ingangsdatum <= coalesce(m.geldig_tot, 'infinity'::date)
                                                 ORDER BY m.aanbieder IS NULL, m.geldig_van DESC, m.analysis_product
                                                 LIMIT 1) mp ON true
                                          LEFT JOIN jeugdnorm.eenheid_codes() e ON e.code = t.eenheid
                                          LEFT JOIN jeugdnorm.product pr
                                                 ON pr.productcategorie = t.productcategorie
                                                AND pr.productcode = t.productcode
                                         WHERE t.reden_wijziging IS DISTINCT FROM '13'
                                           AND (%6$s::integer IS NULL
                                                OR t.geboortedatum IS NULL
                                                OR pg_catalog.date_part('year', pg_catalog.age(t.ingangsdatum, t.geboortedatum)) <= %6$s::integer)
                                       ) a) w
                         CROSS JOIN LATERAL (
                               SELECT c.path_no, c.start, c.einde, c.allocations, c.days
                                 FROM pg_catalog.unnest(w.paths) c
                                WHERE w.ingangsdatum >= c.start
                                  AND w.ingangsdatum <= coalesce(c.einde, 'infinity'::date)) c) p
                WINDOW cw AS (PARTITION BY p.client_id, p.aanbieder COLLATE "C",
                                           p.product COLLATE "C", p.path_no
                              ORDER BY p.contract_order)) r
         CROSS JOIN LATERAL (
               SELECT c.path_no, c.start, c.einde, c.allocations, c.path, c.days
                 FROM pg_catalog.unnest(r.group_paths) c
                WHERE r.ingangsdatum >= c.start
                  AND r.ingangsdatum <= coalesce(c.einde, 'infinity'::date)) g) q
WINDOW gw AS (PARTITION BY q.client_id, q.productgroep COLLATE "C", q.group_path_no
              ORDER BY q.contract_order)
$q$
    WHEN 'mv_care_paths' THEN $q$
INSERT INTO jeugdnorm_internal.mv_care_paths
      (client_id, aanbieder, product, productgroep, path_no, gemeente, start, einde, allocations,
       days_toewijzing, days_levering, months_toewijzing, months_levering, volume, unit,
       frequentie_per_week, completed, norm_volume, norm_doorlooptijd_maanden, norm_frequentie_per_week,
       productcategorie, productcode, variant, financieringsvorm, segment, in_window, claim_lines,
       first_toewijzingnummer, norm_id, refresh_null)
SELECT d.client_id,
       d.aanbieder,
       d.product,
       d.productgroep,
       d.path_no,
       d.gemeente,
       d.start,
       d.einde,
       d.allocations::bigint,
       d.days_toewijzing,
       d.days_levering,
       d.days_toewijzing / 30.4375,
       d.days_levering / 30.4375,
       d.volume,
       d.unit,
       d.volume * 7 / NULLIF(d.days_levering, 0),
       (d.einde IS NOT NULL AND d.einde + %5$s <= %2$s),
       n.max_volume,
       n.max_doorlooptijd_maanden,
       n.max_frequentie_per_week,
       d.productcategorie,
       d.productcode,
       d.variant,
       d.financieringsvorm,
       d.segment,
       (d.start >= %1$s AND d.start <= %2$s),
       d.claim_lines,
       d.first_toewijzingnummer,
       n.norm_id,
       NULL::boolean
  FROM (SELECT pa.client_id, pa.aanbieder, pa.product, pa.path_no,
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
          LEFT JOIN (-- the kept claim lines of each path (jeugdnorm_internal.claim_lines
                     -- matched to the path's allocations, on client_id too)
                     SELECT pa.client_id, pa.care_path_id,
                            pg_catalog.min(d.begindatum) AS first_begindatum,
                            pg_catalog.max(d.einddatum) AS last_einddatum,
                            pg_catalog.count(*) AS claim_lines,
                            pg_catalog.sum(CASE WHEN e.code IS NOT NULL
                                                THEN jeugdnorm.canonical_volume(d.volume, e.code) END)
                                FILTER (WHERE e.canonical_unit = pa.path_unit) AS volume
                       FROM jeugdnorm.declaratie d
                       JOIN jeugdnorm_internal.mv_path_allocations pa
                         ON pa.client_id = d.client_id
                        AND pa.gemeente = d.gemeente
                        AND pa.toewijzingnummer = d.toewijzingnummer
                       LEFT JOIN jeugdnorm.eenheid_codes() e ON e.code = d.eenheid%7$s
                      WHERE true%8$s
                      GROUP BY pa.client_id, pa.care_path_id) cl
            ON cl.client_id = pa.client_id
           AND cl.care_path_id = pa.care_path_id
         WHERE pa.first_in_path) d
  LEFT JOIN LATERAL (
        -- [R9], as mv_care_paths
        SELECT nm.norm_id, nm.max_volume, nm.max_doorlooptijd_maanden, nm.max_frequentie_per_week
          FROM jeugdnorm.norm nm
         WHERE (nm.productcode = d.product OR nm.productcode = d.productgroep)
           AND nm.geldig_van <= d.start
           AND d.start <= coalesce(nm.geldig_tot, 'infinity'::date)
         ORDER BY (nm.productcode = d.product) DESC, nm.geldig_van DESC, nm.norm_id
         LIMIT 1
       ) n ON true
$q$
    WHEN 'mv_allocation_follow_up' THEN $q$
INSERT INTO jeugdnorm_internal.mv_allocation_follow_up
      (gemeente, toewijzingnummer, client_id, aanbieder, product, ingangsdatum, einddatum, gap_days, follow_up,
       productcategorie, productcode, financieringsvorm, productgroep, path_no, group_path_no, contract_order,
       refresh_null)
SELECT f.gemeente, f.toewijzingnummer, f.client_id, f.aanbieder, f.product, f.ingangsdatum, f.einddatum,
       (f.fu).gap_days, (f.fu).follow_up,
       f.productcategorie, f.productcode, f.financieringsvorm, f.productgroep, f.path_no, f.group_path_no,
       f.contract_order, NULL::boolean
  FROM (SELECT pa.gemeente, pa.toewijzingnummer, pa.client_id, pa.aanbieder, pa.product, pa.ingangsdatum,
               pa.einddatum, pa.productcategorie, pa.productcode, pa.financieringsvorm, pa.productgroep,
               pa.path_no, pa.group_path_no, pa.contract_order,
               jeugdnorm.follow_up(pa.ingangsdatum, pa.einddatum, %3$s, %4$s)
                   OVER (PARTITION BY pa.client_id, pa.product COLLATE "C"
                         ORDER BY pa.contract_order) AS fu
          FROM jeugdnorm_internal.mv_path_allocations pa) f
$q$
    WHEN 'mv_group_paths' THEN $q$
INSERT INTO jeugdnorm_internal.mv_group_paths
      (client_id, productgroep, path_no, gemeente, start, einde, allocations, path, days, completed, in_window,
       first_toewijzingnummer, refresh_null)
SELECT pa.client_id,
       pa.productgroep,
       pa.group_path_no,
       pa.gemeente,
       pa.group_path_start,
       pa.group_path_einde,
       pa.group_path_allocations::bigint,
       pa.group_path,
       pa.group_path_days,
       (pa.group_path_einde IS NOT NULL AND pa.group_path_einde + %5$s <= %2$s),
       (pa.group_path_start >= %1$s AND pa.group_path_start <= %2$s),
       pa.toewijzingnummer,
       NULL::boolean
  FROM jeugdnorm_internal.mv_path_allocations pa
 WHERE pa.first_in_group_path
$q$
    WHEN 'mv_kader_paths' THEN $q$
INSERT INTO jeugdnorm_internal.mv_kader_paths
      (client_id, kader, verblijf, path_no, gemeente, start, einde, allocations, days, first_toewijzingnummer,
       refresh_null)
SELECT w.client_id,
       w.kader,
       w.verblijf,
       c.path_no,
       w.gemeente,
       c.start,
       c.einde,
       c.allocations::bigint,
       c.days,
       w.toewijzingnummer,
       NULL::boolean
  FROM (SELECT x.client_id, x.gemeente, x.toewijzingnummer, x.ingangsdatum, x.kader, x.verblijf,
               jeugdnorm.care_path(x.ingangsdatum, x.einddatum, NULL::text, %5$s) OVER g AS paths,
               pg_catalog.lag(x.ingangsdatum) OVER g AS previous_ingangsdatum
          FROM (SELECT pa.client_id, pa.gemeente, pa.toewijzingnummer, pa.ingangsdatum,
                       pa.einddatum, pa.contract_order,
                       CASE WHEN pa.productcategorie IN ('47', '48')
                            THEN 'gedwongen' ELSE 'vrijwillig' END AS kader,
                       coalesce(pa.productcategorie IN ('43', '44'), false)
                       OR (pa.productcode IS NOT NULL
                           AND coalesce(pa.financieringsvorm = 'plek', false)) AS verblijf
                  FROM jeugdnorm_internal.mv_path_allocations AS pa) AS x
        WINDOW g AS (PARTITION BY x.client_id, x.kader COLLATE "C", x.verblijf
                     ORDER BY x.contract_order
                     ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) AS w
 -- (the paths of a group are disjoint: at most one starts on a day)
 CROSS JOIN LATERAL (
       SELECT p.path_no, p.start, p.einde, p.allocations, p.days
         FROM pg_catalog.unnest(w.paths) AS p
        WHERE p.start = w.ingangsdatum) AS c
 WHERE w.previous_ingangsdatum IS DISTINCT FROM w.ingangsdatum
$q$
    WHEN 'mv_care_path_endings' THEN $q$
INSERT INTO jeugdnorm_internal.mv_care_path_endings
      (client_id, gemeente, first_toewijzingnummer, last_gemeente, last_toewijzingnummer, reden_beeindiging,
       refresh_null)
SELECT e.client_id,
       e.gemeente,
       e.first_toewijzingnummer,
       e.last_gemeente,
       e.last_toewijzingnummer,
       CASE WHEN jeugdnorm.is_reden_beeindiging(t.reden_beeindiging) THEN t.reden_beeindiging END,
       NULL::boolean
  FROM (SELECT pa.client_id,
               pa.gemeente,
               pa.toewijzingnummer AS first_toewijzingnummer,
               pa.gemeente AS last_gemeente,
               pa.toewijzingnummer AS last_toewijzingnummer
          FROM jeugdnorm_internal.mv_path_allocations AS pa
         WHERE pa.path_allocations = 1
        UNION ALL
        SELECT w.client_id, w.gemeente, w.first_toewijzingnummer, w.last_gemeente, w.last_toewijzingnummer
          FROM (SELECT pa.client_id,
                       pa.gemeente AS last_gemeente,
                       pa.toewijzingnummer AS last_toewijzingnummer,
                       pa.contract_order,
                       pg_catalog.max(pa.gemeente) FILTER (WHERE pa.first_in_path) OVER p AS gemeente,
                       pg_catalog.max(pa.toewijzingnummer) FILTER (WHERE pa.first_in_path) OVER p AS first_toewijzingnummer,
                       pg_catalog.max(pa.contract_order)
                           FILTER (WHERE pa.einddatum IS NOT DISTINCT FROM pa.path_einde) OVER p AS last_order
                  FROM jeugdnorm_internal.mv_path_allocations AS pa
                 WHERE pa.path_allocations IS DISTINCT FROM 1
                WINDOW p AS (PARTITION BY pa.client_id, pa.care_path_id)) AS w
         WHERE w.contract_order = w.last_order) AS e
  JOIN jeugdnorm.toewijzing AS t
    ON t.client_id = e.client_id
   AND t.gemeente = e.last_gemeente
   AND t.toewijzingnummer = e.last_toewijzingnummer
$q$
    WHEN 'mv_group_path_starts' THEN $q$
INSERT INTO jeugdnorm_internal.mv_group_path_starts
      (client_id, gemeente, first_toewijzingnummer, verwijzer, postcode, wijk, refresh_null)
SELECT a.client_id,
       a.gemeente,
       a.toewijzingnummer,
       a.verwijzer,
       a.postcode,
       coalesce(w.wijk, 'onbekend'),
       NULL::boolean
  FROM (SELECT pa.client_id, pa.gemeente, pa.toewijzingnummer,
               CASE WHEN jeugdnorm.is_verwijzer(t.verwijzer) THEN t.verwijzer END AS verwijzer,
               CASE WHEN jeugdnorm.is_postcode(t.postcode) THEN t.postcode END AS postcode
          FROM jeugdnorm_internal.mv_path_allocations AS pa
          JOIN jeugdnorm.toewijzing AS t
            ON t.client_id = pa.client_id
           AND t.gemeente = pa.gemeente
           AND t.toewijzingnummer = pa.toewijzingnummer
         WHERE pa.first_in_group_path) AS a
  LEFT JOIN (SELECT wk.gemeente, wk.postcode, pg_catalog.min(wk.wijk) AS wijk
               FROM jeugdnorm.wijk AS wk
              GROUP BY wk.gemeente, wk.postcode) AS w
    ON w.gemeente = a.gemeente
   AND w.postcode = a.postcode
$q$
    WHEN 'mv_data_quality_rows' THEN $q$
INSERT INTO jeugdnorm_internal.mv_data_quality_rows
      (signal_order, signal, gemeente, toewijzingnummer, client_id, aanbieder, product, detail, row_type,
       row_key, declaratie_id, verzoeknummer, claim_lines, amount, refresh_null)
SELECT CASE -- (searched CASEs only: Citus 12.1 deparses a simple CASE over a
            -- subquery's column wrongly for the shards)
            WHEN r.signal = 'claims_outside_allocation_period' THEN 2
            WHEN r.signal = 'claims_other_unit_family' THEN 3
            WHEN r.signal = 'claims_net_zero' THEN 4
            WHEN r.signal = 'claims_duplicate' THEN 5
            WHEN r.signal = 'allocations_deleted' THEN 6
            WHEN r.signal = 'allocations_above_max_age' THEN 7
            WHEN r.signal = 'allocations_completed_without_claims' THEN 8
            WHEN r.signal = 'allocations_claimed_above_100' THEN 9
            WHEN r.signal = 'allocations_overlapping' THEN 10
            WHEN r.signal = 'products_missing_from_catalogue' THEN 11
            WHEN r.signal = 'claims_nga' THEN 12
            WHEN r.signal = 'rows_after_peildatum' THEN 13
       END,
       r.signal, r.gemeente, r.toewijzingnummer, r.client_id, r.aanbieder, r.product, r.detail, r.row_type,
       r.gemeente || ' ' || r.toewijzingnummer, r.declaratie_id, NULL::text, r.claim_lines, r.amount,
       NULL::boolean
  FROM (SELECT CASE
                    WHEN s.n = 2 THEN 'claims_outside_allocation_period'
                    WHEN s.n = 3 THEN 'claims_other_unit_family'
                    WHEN s.n = 4 THEN 'claims_net_zero'
                    WHEN s.n = 5 THEN 'claims_duplicate'
                    WHEN s.n = 6 THEN CASE WHEN k.reden_wijziging = '13' THEN 'allocations_deleted'
                                     ELSE 'allocations_above_max_age' END
                    WHEN s.n = 8 THEN 'allocations_completed_without_claims'
                    WHEN s.n = 9 THEN 'allocations_claimed_above_100'
                    WHEN s.n = 10 THEN 'allocations_overlapping'
                    WHEN s.n = 11 THEN 'products_missing_from_catalogue'
                    WHEN s.n = 12 THEN 'claims_nga'
                    WHEN s.n = 13 THEN 'rows_after_peildatum'
                    WHEN s.n = 14 THEN 'rows_after_peildatum'
               END AS signal,
               CASE WHEN f.ord > 1 THEN 'declaratie' ELSE 'toewijzing' END AS row_type,
               k.gemeente, k.toewijzingnummer,
               -- a kept allocation's client, provider and product are its
               -- toewijzing row's and own_product: one set of columns for
               -- every row (68_data_quality.sql: row_client_id, ...)
               k.own_client_id AS client_id, k.own_aanbieder AS aanbieder, k.own_product AS product,
               CASE
                    WHEN s.n = 2 THEN 'claim line ' || f.declaratie_id::text || ' ' || jeugdnorm_internal.iso_date(f.begindatum)
                                || '..' || jeugdnorm_internal.iso_date(f.einddatum)
                                || ' outside allocation ' || jeugdnorm_internal.iso_date(k.ingangsdatum)
                                || '..' || coalesce(jeugdnorm_internal.iso_date(k.einddatum), 'open')
                    WHEN s.n = 3 THEN 'claim line ' || f.declaratie_id::text || ' in unit ' || coalesce(f.unit, 'unknown')
                                || ', allocation in ' || coalesce(k.unit, 'unknown')
                    WHEN s.n = 4 THEN 'claim line ' || f.declaratie_id::text || ' ' || jeugdnorm_internal.iso_date(f.begindatum)
                                || '..' || jeugdnorm_internal.iso_date(f.einddatum) || ' bedrag '
                                || coalesce(f.bedrag::text, 'NULL') || ': its ' || f.net_zero_lines::text
                                || ' lines net to 0'
                                || CASE WHEN %9$s THEN ' (dropped)' ELSE ' (kept: drop_net_zero is false)' END
                    WHEN s.n = 5 THEN 'claim line ' || f.declaratie_id::text || ' is a copy of claim line ' || f.copy_of::text
                    WHEN s.n = 6 THEN CASE WHEN k.reden_wijziging = '13'
                                     THEN 'reden_wijziging 13 (verwijderd)'
                                     ELSE 'age ' || pg_catalog.date_part('year', pg_catalog.age(k.own_ingangsdatum, k.geboortedatum))::text
                                          || ' on ingangsdatum ' || jeugdnorm_internal.iso_date(k.own_ingangsdatum)
                                          || ', above max_age ' || coalesce(%6$s::integer::text, 'NULL')
                                END
                                || '; claim lines left out with it: ' || k.claim_lines::text
                    WHEN s.n = 8 THEN 'allocation ' || jeugdnorm_internal.iso_date(k.ingangsdatum) || '..'
                                || jeugdnorm_internal.iso_date(k.einddatum)
                                || ' completed (einddatum + ' || %5$s::integer::text || ' days <= peildatum '
                                || jeugdnorm_internal.iso_date(%2$s) || ') without claim lines'
                    WHEN s.n = 9 THEN 'claimed ' || pg_catalog.trim_scale(k.claimed_60 / 60)::text || ' '
                                || CASE WHEN k.budget IS NOT NULL THEN 'euro' ELSE k.unit END
                                || ' above allocated ' || pg_catalog.trim_scale(k.allocated_60 / 60)::text
                                || ' (' || jeugdnorm_internal.iso_date(k.ingangsdatum) || '..'
                                || coalesce(jeugdnorm_internal.iso_date(k.einddatum),
                                            'open, counted until the peildatum') || ')'
                    WHEN s.n = 10 THEN 'starts ' || jeugdnorm_internal.iso_date(k.ingangsdatum)
                                 || CASE WHEN k.earlier_end = 'infinity'::date
                                         THEN ' while an earlier allocation of the same client, provider and product is open'
                                         ELSE ' on or before ' || jeugdnorm_internal.iso_date(k.earlier_end)
                                              || ', the end of an earlier allocation of the same client, provider and product'
                                    END
                    WHEN s.n = 11 THEN 'product ' || k.productcategorie || ' ' || k.productcode || ' not in jeugdnorm.product'
                    WHEN s.n = 12 THEN 'claim line ' || f.declaratie_id::text || ' product ' || coalesce(f.productcode, 'NULL')
                                 || ' on ' || jeugdnorm_internal.iso_date(f.begindatum)
                                 || ': no contract for aanbieder ' || coalesce(k.own_aanbieder, 'NULL')
                    WHEN s.n = 13 THEN concat_ws(', ',
                                           CASE WHEN k.own_ingangsdatum > %2$s
                                                THEN 'ingangsdatum ' || jeugdnorm_internal.iso_date(k.own_ingangsdatum) END,
                                           CASE WHEN k.own_toewijzingsdatum > %2$s
                                                THEN 'toewijzingsdatum ' || jeugdnorm_internal.iso_date(k.own_toewijzingsdatum) END)
                                 || ' after the peildatum ' || jeugdnorm_internal.iso_date(%2$s)
                    WHEN s.n = 14 THEN 'claim line ' || f.declaratie_id::text || ' ' || jeugdnorm_internal.iso_date(f.begindatum)
                                 || '..' || jeugdnorm_internal.iso_date(f.einddatum)
                                 || ' ends after the peildatum ' || jeugdnorm_internal.iso_date(%2$s)
               END AS detail,
               f.declaratie_id,
               CASE WHEN f.ord > 1 THEN 1::bigint
                    WHEN s.n IN (8, 13) THEN 0::bigint
                    ELSE k.claim_lines END AS claim_lines,
               CASE WHEN f.ord > 1 THEN f.bedrag
                    WHEN s.n IN (8, 13) THEN NULL::numeric
                    ELSE k.amount END AS amount,
               CASE
                    WHEN s.n = 2 THEN f.ord > 1 AND f.outside_period
                    WHEN s.n = 3 THEN f.ord > 1 AND f.other_family
                    WHEN s.n = 4 THEN f.ord > 1 AND f.net_zero_lines IS NOT NULL
                    WHEN s.n = 5 THEN f.ord > 1 AND f.copy_of IS NOT NULL
                    WHEN s.n = 12 THEN f.ord > 1 AND f.nga
                    WHEN s.n = 14 THEN f.ord > 1 AND f.after_peildatum
                    WHEN s.n = 6 THEN f.ord = 1 AND NOT k.kept
                    WHEN s.n = 8 THEN f.ord = 1 AND k.kept AND k.einddatum + %5$s::integer <= %2$s AND k.claim_lines = 0
                    WHEN s.n = 9 THEN f.ord = 1 AND k.kept AND k.claim_lines > 0 AND k.claimed_60 > k.allocated_60
                    WHEN s.n = 10 THEN f.ord = 1 AND k.kept AND k.ingangsdatum <= k.earlier_end
                    WHEN s.n = 11 THEN f.ord = 1 AND k.kept AND k.productcode IS NOT NULL AND k.product_missing
                    WHEN s.n = 13 THEN f.ord = 1 AND (k.own_ingangsdatum > %2$s OR k.own_toewijzingsdatum > %2$s)
               END AS raised
          FROM (-- facts (68_data_quality.sql), with stapeling's running end and
                -- the allocated volume x 60 of allocations_claimed_above_100
                SELECT fx.*,
                       pg_catalog.max(coalesce(fx.einddatum, 'infinity'::date)) OVER (
                           PARTITION BY fx.own_client_id, fx.kept, fx.aanbieder, fx.product
                           ORDER BY fx.contract_order
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_end,
                       CASE WHEN NOT fx.kept OR NOT fx.claim_lines > 0 THEN NULL
                            WHEN fx.budget IS NOT NULL THEN fx.budget * 60
                            WHEN fx.einddatum IS NULL AND fx.frequentie = '6' THEN NULL
                            WHEN fx.einddatum IS NULL AND fx.ingangsdatum > %2$s THEN 0
                            ELSE jeugdnorm.allocated_volume(fx.ingangsdatum, fx.einddatum,
                                                            jeugdnorm.canonical_volume(fx.volume * 60, fx.eenheid),
                                                            fx.frequentie, fx.ingangsdatum,
                                                            coalesce(fx.einddatum, %2$s))
                       END AS allocated_60
                  FROM (SELECT t.gemeente,
                               t.toewijzingnummer,
                               t.kept,
                               t.client_id AS own_client_id, t.aanbieder AS own_aanbieder,
                               t.ingangsdatum AS own_ingangsdatum, t.reden_wijziging, t.geboortedatum,
                               t.toewijzingsdatum AS own_toewijzingsdatum,
                               CASE WHEN t.kept THEN fu.product
                                    ELSE coalesce(mp.analysis_product, t.productcode, t.productcategorie)
                               END AS own_product,
                               -- the kept allocation (jeugdnorm_internal.allocations: NULL when left out)
                               CASE WHEN t.kept THEN t.aanbieder END AS aanbieder,
                               fu.product,
                               CASE WHEN t.kept THEN t.productcategorie END AS productcategorie,
                               CASE WHEN t.kept THEN t.productcode END AS productcode,
                               CASE WHEN t.kept THEN t.ingangsdatum END AS ingangsdatum,
                               CASE WHEN t.kept THEN t.einddatum END AS einddatum,
                               CASE WHEN t.kept THEN e.canonical_unit END AS unit,
                               fu.contract_order,
                               CASE WHEN t.kept THEN t.volume END AS volume,
                               CASE WHEN t.kept THEN e.code END AS eenheid,
                               CASE WHEN t.kept AND jeugdnorm.is_frequentie(t.frequentie) THEN t.frequentie END AS frequentie,
                               CASE WHEN t.kept THEN t.budget END AS budget,
                               p.productcategorie IS NULL AS product_missing,
                               x.claim_lines, x.amount, x.claimed_60, x.flagged
                          FROM (SELECT a.*,
                                       (a.reden_wijziging IS DISTINCT FROM '13'
                                        AND (%6$s::integer IS NULL
                                             OR a.geboortedatum IS NULL
                                             OR pg_catalog.date_part('year', pg_catalog.age(a.ingangsdatum, a.geboortedatum)) <= %6$s::integer)) AS kept
                                  FROM jeugdnorm.toewijzing a) t
                          LEFT JOIN jeugdnorm.eenheid_codes() e ON e.code = t.eenheid
                          LEFT JOIN jeugdnorm.product p
                                 ON p.productcategorie = t.productcategorie
                                AND p.productcode = t.productcode
                          LEFT JOIN jeugdnorm_internal.mv_allocation_follow_up fu
                            ON fu.client_id = t.client_id
                           AND fu.gemeente = t.gemeente
                           AND fu.toewijzingnummer = t.toewijzingnummer
                          -- [S2] for a left-out allocation, inline
                          LEFT JOIN LATERAL (SELECT m.analysis_product
                                               FROM jeugdnorm.product_mapping m
                                              WHERE NOT t.kept
                                                AND m.productcategorie = t.productcategorie
                                                AND m.productcode IS NOT DISTINCT FROM t.productcode
                                                AND (m.aanbieder = t.aanbieder OR m.aanbieder IS NULL)
                                                AND m.geldig_van <= t.ingangsdatum
                                                AND t.ingangsdatum <= coalesce(m.geldig_tot, 'infinity'::date)
                                              ORDER BY m.aanbieder IS NULL, m.geldig_van DESC, m.analysis_product
                                              LIMIT 1) mp
                            ON true
                          -- the claim lines of the key and client, packed
                          LEFT JOIN (SELECT d.client_id,
                                            d.gemeente,
                                            d.toewijzingnummer,
                                            jeugdnorm_internal.dq_lines_agg(d.declaratie_id, d.client_id, d.aanbieder,
                                                                            d.productcategorie, d.productcode, d.begindatum,
                                                                            d.einddatum, d.volume, d.eenheid, d.bedrag) AS lines
                                       FROM jeugdnorm.declaratie d
                                      GROUP BY d.client_id, d.gemeente, d.toewijzingnummer) k
                            ON k.client_id = t.client_id
                           AND k.gemeente = t.gemeente
                           AND k.toewijzingnummer = t.toewijzingnummer
                          LEFT JOIN (SELECT c.gemeente,
                                            c.aanbieder,
                                            pg_catalog.array_agg(c.productcode) AS codes,
                                            pg_catalog.array_agg(c.geldig_van) AS valid_from,
                                            pg_catalog.array_agg(coalesce(c.geldig_tot, 'infinity'::date)) AS valid_to
                                       FROM jeugdnorm.contract c
                                      WHERE c.geldig_van IS NOT NULL
                                        AND c.productcode IS NOT NULL
                                      GROUP BY c.gemeente, c.aanbieder) v
                            ON v.gemeente = t.gemeente
                           AND v.aanbieder = t.aanbieder
                           AND t.kept
                         CROSS JOIN LATERAL jeugdnorm_internal.dq_key_lines(k.lines, t.kept,
                                                CASE WHEN t.kept THEN t.ingangsdatum END,
                                                CASE WHEN t.kept THEN t.einddatum END,
                                                CASE WHEN t.kept THEN e.canonical_unit END,
                                                t.kept AND t.budget IS NOT NULL,
                                                v.codes, v.valid_from, v.valid_to,
                                                %9$s, %2$s) x) fx) k
         -- ord 1: the allocation itself; ord > 1: its flagged claim lines
         CROSS JOIN LATERAL pg_catalog.unnest(pg_catalog.array_prepend(NULL::jeugdnorm_internal.data_quality_line, k.flagged))
               WITH ORDINALITY AS f(declaratie_id, begindatum, einddatum, productcode, bedrag, unit, net_zero_lines,
                                    outside_period, other_family, after_peildatum, nga, copy_of, ord)
         -- the signals of 68_data_quality.sql's rows_, one number each (6:
         -- allocations_deleted or _above_max_age; 13 and 14:
         -- rows_after_peildatum of the allocation and of a claim line)
         CROSS JOIN pg_catalog.unnest('{2,3,4,5,6,8,9,10,11,12,13,14}'::integer[]) AS s(n)) r
 WHERE r.raised
$q$
    WHEN 'mv_data_quality_rows/2' THEN $q$
INSERT INTO jeugdnorm_internal.mv_data_quality_rows
      (signal_order, signal, gemeente, toewijzingnummer, client_id, aanbieder, product, detail, row_type,
       row_key, declaratie_id, verzoeknummer, claim_lines, amount, refresh_null)
SELECT 13, 'rows_after_peildatum',
       r.gemeente, r.toewijzingnummer, r.client_id, r.aanbieder,
       coalesce(mp.analysis_product, r.productcode, r.productcategorie),
       'request ' || r.verzoeknummer || ' '
           || concat_ws(', ',
                        CASE WHEN r.ontvangen > %2$s
                             THEN 'ontvangen ' || jeugdnorm_internal.iso_date(r.ontvangen) END,
                        CASE WHEN r.antwoord_datum > %2$s
                             THEN 'antwoord_datum ' || jeugdnorm_internal.iso_date(r.antwoord_datum) END)
           || ' after the peildatum ' || jeugdnorm_internal.iso_date(%2$s),
       'verzoek', r.gemeente || ' ' || r.verzoeknummer,
       NULL, r.verzoeknummer, 0, NULL, NULL::boolean
  FROM jeugdnorm.verzoek r
  LEFT JOIN LATERAL (SELECT m.analysis_product
                       FROM jeugdnorm.product_mapping m
                      WHERE m.productcategorie = r.productcategorie
                        AND m.productcode IS NOT DISTINCT FROM r.productcode
                        AND (m.aanbieder = r.aanbieder OR m.aanbieder IS NULL)
                        AND m.geldig_van <= r.ontvangen
                        AND r.ontvangen <= coalesce(m.geldig_tot, 'infinity'::date)
                      ORDER BY m.aanbieder IS NULL, m.geldig_van DESC, m.analysis_product
                      LIMIT 1) mp
    ON true
 WHERE r.ontvangen > %2$s
    OR r.antwoord_datum > %2$s
$q$
    END;
    IF q IS NULL AND name LIKE '%/%' THEN
        RETURN NULL;    -- no such further statement (distributed_refresh_table())
    ELSIF q IS NULL THEN
        RAISE EXCEPTION 'jeugdnorm: % is not a distributed path table', name
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN pg_catalog.format(q,
        pg_catalog.quote_literal(s.window_start) || '::date',
        pg_catalog.quote_literal(s.peildatum) || '::date',
        s.extension_days::integer,
        s.recidive_days::integer,
        s.path_gap_days::integer,
        coalesce(s.max_age::text, 'NULL'),
        nz_join,
        nz_test,
        s.drop_net_zero::text);
END;
$fill$;

COMMENT ON FUNCTION jeugdnorm_internal.distributed_fill_sql(text) IS
    'Citus phase 2: the co-located INSERT ... SELECT (pushed down to the shards) that fills one distributed path table, with the current settings as literals; read by jeugdnorm_internal.distributed_refresh_table()';
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.distributed_fill_sql(text) FROM PUBLIC;

-- distributed_refresh_table(name): refills one distributed path table in
-- the shards (DELETE + the INSERT ... SELECT, in the calling transaction:
-- readers keep the old rows until refresh() commits; a TRUNCATE would take
-- an ACCESS EXCLUSIVE lock they would wait on), then copies its rows into
-- the coordinator snapshot (DELETE + INSERT) and analyses both.
-- Returns the rows the table holds.
CREATE FUNCTION jeugdnorm_internal.distributed_refresh_table(name text)
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n bigint;
    m bigint;
    cols text;
    q text;
    part integer := 2;
BEGIN
    EXECUTE pg_catalog.format('DELETE FROM jeugdnorm_internal.%I', name);
    EXECUTE jeugdnorm_internal.distributed_fill_sql(name);
    GET DIAGNOSTICS n = ROW_COUNT;
    -- a table filled by more than one statement (mv_data_quality_rows: the
    -- allocations' rows, then the requests'): '<name>/2', ...
    LOOP
        q := jeugdnorm_internal.distributed_fill_sql(name || '/' || part);
        EXIT WHEN q IS NULL;
        EXECUTE q;
        GET DIAGNOSTICS m = ROW_COUNT;
        n := n + m;
        part := part + 1;
    END LOOP;
    SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)
      INTO cols
      FROM pg_catalog.pg_attribute a
     WHERE a.attrelid = pg_catalog.format('jeugdnorm_internal.%I', name || '_snapshot')::pg_catalog.regclass
       AND a.attnum > 0 AND NOT a.attisdropped;
    EXECUTE pg_catalog.format('DELETE FROM jeugdnorm_internal.%I', name || '_snapshot');
    EXECUTE pg_catalog.format('INSERT INTO jeugdnorm_internal.%1$I (%2$s) SELECT %2$s FROM jeugdnorm_internal.%3$I',
                              name || '_snapshot', cols, name);
    EXECUTE pg_catalog.format('ANALYZE jeugdnorm_internal.%I', name || '_snapshot');
    EXECUTE pg_catalog.format('ANALYZE jeugdnorm_internal.%I', name);
    RETURN n;
END;
$$;

COMMENT ON FUNCTION jeugdnorm_internal.distributed_refresh_table(text) IS
    'Citus phase 2 (refresh()): refills one distributed path table in the shards (DELETE + co-located INSERT ... SELECT in the calling transaction) and copies it into its coordinator snapshot; returns its rows';
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.distributed_refresh_table(text) FROM PUBLIC;

-- distribute_path_tables(): distribute()'s second part (called after the
-- input tables are on Citus).  Per path table: the coordinator table with
-- its rows becomes jeugdnorm_internal.<name>_snapshot (everything bound to
-- it keeps reading it), a new table of the same name and columns (plus
-- client_id where the table has none) is distributed by client_id,
-- co-located with toewijzing, with its unique key led by client_id, and
-- gets the snapshot's rows (so the contract views keep their rows until the
-- next refresh()).  Then care_paths and allocation_follow_up are re-pointed
-- to the distributed tables.  Citus plans their tenancy filter's
-- uncorrelated sub-selects as coordinator subplans (EXPLAIN: Distributed
-- Subplan ... Result): visible_gemeenten() runs on the coordinator, where
-- jeugdnorm.access is, and the shards get its result.  Idempotent.
CREATE FUNCTION jeugdnorm_internal.distribute_path_tables()
RETURNS TABLE (object text, action text)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p record;
    g record;
    snap text;
    def text;
    opts text[];
    v text;
    caller_msgs text;
    caller_path constant text := pg_catalog.current_setting('search_path');
BEGIN
    FOR p IN SELECT * FROM jeugdnorm_internal.distributed_path_tables() LOOP
        object := 'jeugdnorm_internal.' || p.name;
        snap := p.name || '_snapshot';
        IF pg_catalog.to_regclass('jeugdnorm_internal.' || snap) IS NOT NULL THEN
            action := 'already distributed by client_id';
            RETURN NEXT;
            CONTINUE;
        END IF;
        EXECUTE pg_catalog.format('ALTER TABLE jeugdnorm_internal.%I RENAME TO %I', p.name, snap);
        EXECUTE pg_catalog.format('CREATE TABLE jeugdnorm_internal.%I (LIKE jeugdnorm_internal.%I INCLUDING DEFAULTS INCLUDING COMMENTS)',
                                  p.name, snap);
        caller_msgs := pg_catalog.current_setting('client_min_messages');
        PERFORM pg_catalog.set_config('client_min_messages', 'warning', true);
        EXECUTE pg_catalog.format('ALTER EXTENSION jeugdnorm ADD TABLE jeugdnorm_internal.%I', p.name);
        PERFORM pg_catalog.set_config('client_min_messages', caller_msgs, true);
        IF p.adds_client_id THEN
            EXECUTE pg_catalog.format('ALTER TABLE jeugdnorm_internal.%I ADD COLUMN client_id text', p.name);
            EXECUTE pg_catalog.format('COMMENT ON COLUMN jeugdnorm_internal.%I.client_id IS %L', p.name,
                                      'client_id of the path (Citus: the distribution column; the single-node table has none)');
            -- the workers' own copy of the table (created by their
            -- CREATE EXTENSION) is Citus' shell for it: give it the column too
            PERFORM run_command_on_workers(pg_catalog.format(
                'ALTER TABLE jeugdnorm_internal.%I ADD COLUMN IF NOT EXISTS client_id text', p.name));
        END IF;
        FOR g IN
            SELECT x.privilege_type, x.grantee
              FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) x
             WHERE c.oid = pg_catalog.format('jeugdnorm_internal.%I', snap)::pg_catalog.regclass
               AND x.grantee <> c.relowner
        LOOP
            EXECUTE pg_catalog.format('GRANT %s ON jeugdnorm_internal.%I TO %s', g.privilege_type, p.name,
                                      CASE WHEN g.grantee = 0 THEN 'PUBLIC'
                                           ELSE pg_catalog.quote_ident(g.grantee::pg_catalog.regrole::text) END);
        END LOOP;
        EXECUTE pg_catalog.format('COMMENT ON TABLE jeugdnorm_internal.%I IS %L', snap,
                                  'coordinator copy of the Citus table jeugdnorm_internal.' || p.name
                                  || ' (jeugdnorm.distribute()): the region-wide views read it; jeugdnorm.refresh() fills the Citus table in the shards and then this copy');
        EXECUTE pg_catalog.format('ALTER TABLE jeugdnorm_internal.%I ALTER COLUMN client_id SET NOT NULL', p.name);
        EXECUTE pg_catalog.format('CREATE UNIQUE INDEX %I ON jeugdnorm_internal.%I (%s) NULLS NOT DISTINCT',
                                  p.name || '_dist_key', p.name, p.key_cols);
        EXECUTE pg_catalog.format('SELECT create_distributed_table(%L, %L, colocate_with => %L)',
                                  object, 'client_id', 'jeugdnorm.toewijzing');
        IF p.adds_client_id THEN
            EXECUTE pg_catalog.format(
                'INSERT INTO jeugdnorm_internal.%1$I SELECT s.*, pa.client_id'
                '  FROM jeugdnorm_internal.%2$I s'
                '  JOIN jeugdnorm_internal.mv_path_allocations_snapshot pa'
                '    ON pa.gemeente = s.gemeente AND pa.toewijzingnummer = s.first_toewijzingnummer'
                ' WHERE pa.client_id IS NOT NULL', p.name, snap);
        ELSE
            EXECUTE pg_catalog.format('INSERT INTO jeugdnorm_internal.%I SELECT * FROM jeugdnorm_internal.%I WHERE client_id IS NOT NULL',
                                      p.name, snap);
        END IF;
        action := pg_catalog.format('key (%s); distributed by client_id, co-located with toewijzing; filled in the shards by refresh()',
                                    p.key_cols);
        RETURN NEXT;
    END LOOP;

    -- the contract views that show one path table row by row read it on Citus
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true);
    FOR v IN SELECT x FROM pg_catalog.unnest(ARRAY['care_paths', 'allocation_follow_up']) x LOOP
        object := 'jeugdnorm.' || v;
        def := pg_catalog.pg_get_viewdef(pg_catalog.format('jeugdnorm.%I', v)::pg_catalog.regclass);
        IF def !~ 'jeugdnorm_internal\.mv_[a-z_]+_snapshot\M' THEN
            action := 'already reads the Citus table';
            RETURN NEXT;
            CONTINUE;
        END IF;
        def := pg_catalog.regexp_replace(def, 'jeugdnorm_internal\.(mv_[a-z_]+)_snapshot\M', 'jeugdnorm_internal.\1', 'g');
        SELECT c.reloptions INTO opts FROM pg_catalog.pg_class c
         WHERE c.oid = pg_catalog.format('jeugdnorm.%I', v)::pg_catalog.regclass;
        EXECUTE pg_catalog.format('CREATE OR REPLACE VIEW jeugdnorm.%I %s AS %s', v,
                                  CASE WHEN opts IS NULL THEN ''
                                       ELSE 'WITH (' || pg_catalog.array_to_string(opts, ', ') || ')' END,
                                  def);
        action := 'reads the Citus table (per-shard scan)';
        RETURN NEXT;
    END LOOP;
    PERFORM pg_catalog.set_config('search_path', caller_path, true);
    -- their readers on the workers (below)
    PERFORM jeugdnorm_internal.distributed_reader_access();
END;
$$;

COMMENT ON FUNCTION jeugdnorm_internal.distribute_path_tables() IS
    'Citus phase 2 (jeugdnorm.distribute()): distributes the per-client path tables by client_id, co-located with toewijzing (the coordinator tables become jeugdnorm_internal.<name>_snapshot), and points care_paths and allocation_follow_up at them; idempotent';
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.distribute_path_tables() FROM PUBLIC;

-- ---- tenancy on the distributed path tables ---------------------------------------
-- Citus runs a query's shard tasks on the workers as the CURRENT role, not
-- as the owner of the view that names the table: a reader of care_paths
-- would get "permission denied for schema jeugdnorm_internal" from a
-- worker.  So in distributed mode the roles that may read care_paths or
-- allocation_follow_up may also read their two Citus tables, and those
-- tables have row-level security with the contract views' own rule (a
-- policy of function calls: Citus refuses sub-selects in policies):
--     jeugdnorm_internal.sees_all_gemeenten()
--     OR gemeente = ANY (jeugdnorm_internal.visible_gemeenten())
-- Citus copies the policy to every shard; on a worker visible_gemeenten()
-- reads the worker's own jeugdnorm.access, which
-- distributed_sync_access() keeps equal to the coordinator's (a trigger on
-- jeugdnorm.access in distributed mode, at commit; refresh() copies it too).  A reader therefore
-- sees only its gemeenten's rows through the contract view (filtered on
-- the coordinator's access), in the Citus table on the coordinator, and
-- in a shard on a worker.  The owner of the tables (refresh()) is not
-- subject to the policy.  The view's own filter is leakproof and cheap,
-- so PostgreSQL tests it first and calls the policy's functions for the
-- rows the reader may see only.

-- distributed_sync_access(): every worker's jeugdnorm.access := the
-- coordinator's rows (one command per worker: DELETE and INSERT in one
-- transaction there).  Returns the rows sent.
CREATE FUNCTION jeugdnorm_internal.distributed_sync_access()
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    rows_sql text;
    n bigint;
    bad text;
BEGIN
    SELECT pg_catalog.count(*),
           pg_catalog.string_agg(pg_catalog.format('(%L, %L)', a.role_name, a.gemeente), ', '
                                 ORDER BY a.role_name, a.gemeente)
      INTO n, rows_sql
      FROM jeugdnorm.access a;
    SELECT pg_catalog.string_agg(r.nodename || ':' || r.nodeport || ' ' || r.result, '; ')
      INTO bad
      FROM run_command_on_workers(
               'BEGIN; DELETE FROM jeugdnorm.access; '
               || CASE WHEN n > 0 THEN 'INSERT INTO jeugdnorm.access (role_name, gemeente) VALUES ' || rows_sql || '; '
                       ELSE '' END
               || 'COMMIT') r
     WHERE NOT r.success;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'jeugdnorm: could not copy jeugdnorm.access to the Citus workers: %', bad
            USING ERRCODE = 'connection_failure';
    END IF;
    RETURN n;
END;
$$;
COMMENT ON FUNCTION jeugdnorm_internal.distributed_sync_access() IS
    'Citus: copies jeugdnorm.access to every worker (the row-level security of the distributed path tables reads it there); called by the trigger on jeugdnorm.access and by distribute(); returns the rows copied';
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.distributed_sync_access() FROM PUBLIC;

CREATE FUNCTION jeugdnorm_internal.distributed_access_changed()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM jeugdnorm_internal.distributed_sync_access();
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION jeugdnorm_internal.distributed_access_changed() IS
    'Citus (trigger on jeugdnorm.access, created by distribute()): copies the access rows to every worker after each change';
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.distributed_access_changed() FROM PUBLIC;

-- distributed_reader_access(): the policy, the grants (to every role that
-- may SELECT the contract view; call distribute() again after
-- create_roles() or a new GRANT), the trigger and a first copy of access.
-- Idempotent.
CREATE FUNCTION jeugdnorm_internal.distributed_reader_access()
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p record;
    g record;
BEGIN
    FOR p IN SELECT * FROM (VALUES ('mv_care_paths'::text, 'care_paths'::text),
                                   ('mv_allocation_follow_up', 'allocation_follow_up')) AS x(tab, view_name) LOOP
        EXECUTE pg_catalog.format('ALTER TABLE jeugdnorm_internal.%I ENABLE ROW LEVEL SECURITY', p.tab);
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_policy po
                        WHERE po.polrelid = pg_catalog.format('jeugdnorm_internal.%I', p.tab)::pg_catalog.regclass
                          AND po.polname = p.tab || '_by_gemeente') THEN
            EXECUTE pg_catalog.format(
                'CREATE POLICY %I ON jeugdnorm_internal.%I FOR SELECT'
                ' USING (jeugdnorm_internal.sees_all_gemeenten()'
                '        OR gemeente = ANY (jeugdnorm_internal.visible_gemeenten()))',
                p.tab || '_by_gemeente', p.tab);
        END IF;
        FOR g IN
            SELECT DISTINCT x.grantee
              FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) x
             WHERE c.oid = pg_catalog.format('jeugdnorm.%I', p.view_name)::pg_catalog.regclass
               AND x.privilege_type = 'SELECT' AND x.grantee <> c.relowner
        LOOP
            EXECUTE pg_catalog.format('GRANT SELECT ON jeugdnorm_internal.%I TO %s', p.tab,
                                      CASE WHEN g.grantee = 0 THEN 'PUBLIC'
                                           ELSE pg_catalog.quote_ident(g.grantee::pg_catalog.regrole::text) END);
            EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA jeugdnorm_internal TO %s',
                                      CASE WHEN g.grantee = 0 THEN 'PUBLIC'
                                           ELSE pg_catalog.quote_ident(g.grantee::pg_catalog.regrole::text) END);
            PERFORM run_command_on_workers(pg_catalog.format('GRANT USAGE ON SCHEMA jeugdnorm_internal TO %s',
                                      CASE WHEN g.grantee = 0 THEN 'PUBLIC'
                                           ELSE pg_catalog.quote_ident(g.grantee::pg_catalog.regrole::text) END));
        END LOOP;
    END LOOP;
    -- deferred to the commit: a rolled-back change never reaches the
    -- workers (the copy itself is not part of the transaction: a commit
    -- failing after it leaves the workers one change ahead until the next
    -- change, distribute() or refresh())
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t
                    WHERE t.tgrelid = 'jeugdnorm.access'::pg_catalog.regclass AND t.tgname = 'access_to_workers') THEN
        CREATE CONSTRAINT TRIGGER access_to_workers
            AFTER INSERT OR UPDATE OR DELETE ON jeugdnorm.access
            DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW EXECUTE FUNCTION jeugdnorm_internal.distributed_access_changed();
    END IF;
    CREATE OR REPLACE TRIGGER access_to_workers_truncate
        AFTER TRUNCATE ON jeugdnorm.access
        FOR EACH STATEMENT EXECUTE FUNCTION jeugdnorm_internal.distributed_access_changed();
    PERFORM jeugdnorm_internal.distributed_sync_access();
END;
$$;
COMMENT ON FUNCTION jeugdnorm_internal.distributed_reader_access() IS
    'Citus (jeugdnorm.distribute()): row-level security by gemeente on the distributed tables behind care_paths and allocation_follow_up, SELECT on them for the roles that may read those views, and jeugdnorm.access copied to the workers (now and after every change); idempotent';
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.distributed_reader_access() FROM PUBLIC;
