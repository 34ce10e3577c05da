-- ---------------------------------------------------------------------------
-- 69_follow_up_agg_views.sql (new in 0.3.0): the follow-up classes of the
-- views come from the aggregate follow_up_agg() (12_follow_up_agg.sql)
-- instead of the window function follow_up() (issue 16 part 3).
--
-- What: jeugdnorm_internal.mv_allocation_follow_up (40_paths.sql: one row
-- per kept allocation with its follow-up class, [R2]) is rebuilt on
-- follow_up_agg.  Same columns, same rows (test/core_follow_up_agg.sql
-- shows the classes are the window function's; the view tests show the
-- views' rows are unchanged).
--
-- Why (speed): a window function needs every allocation row sorted by
-- (client_id, product, contract order) first; the aggregate groups the
-- narrow columns with a hash and sorts only inside each (small) group,
-- then the rows are joined back on contract_order.  The aggregate breaks
-- ties on (ingangsdatum, einddatum) by its first argument, bytewise; the
-- allocation's contract_order as 19 zero-padded digits sorts exactly as
-- contract_order does (a bigint has at most 19 digits), so the ties fall in
-- the contract order whatever the database collation, and the same text is
-- the key back to the row.
--
-- Why here and so: a materialised view's query cannot be replaced, and
-- DROP ... CASCADE would also drop the views of other files that read it
-- (allocation_follow_up, data_quality_rows and, through them,
-- follow_up_rates, mv_data_quality_rows, data_quality).  This file runs in
-- both a fresh install (after 40_paths.sql created the 0.2.0 definition and
-- 45 and 68 the views that read it) and the upgrade from 0.2.0 (a new file
-- of 0.3.0), and does the same in both, so both give the same catalogue
-- (test/upgrade_catalog.sql):
--   1. the views that read mv_allocation_follow_up directly are noted with
--      their current definitions (pg_get_viewdef) and options;
--   2. it is renamed out of the way, with its index;
--   3. the 0.3.0 definition is created under its name, with its unique
--      index and comments (those of 40_paths.sql);
--   4. the noted views are replaced by their own definitions, whose name
--      now resolves to the new view; CREATE OR REPLACE VIEW keeps their
--      OIDs, comments and grants, so what reads them (mv_data_quality_rows,
--      follow_up_rates, ...) is untouched;
--   5. the old one is dropped (nothing reads it any more).
-- In an upgrade the new view is computed from mv_path_allocations as it
-- stands (the data of the last refresh), so the classes are there at once;
-- in a fresh install the tables are empty and it costs nothing.
-- ---------------------------------------------------------------------------

DO $swap$
DECLARE
    v record;
    replace_views text[] := '{}';
    stmt text;
BEGIN
    FOR v IN
        SELECT DISTINCT c.oid::regclass::text AS name, c.relkind,
               pg_catalog.pg_get_viewdef(c.oid) AS def,
               pg_catalog.array_to_string(c.reloptions, ', ') AS opts
          FROM pg_catalog.pg_depend d
          JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid
          JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
         WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
           AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
           AND d.refobjid = 'jeugdnorm_internal.mv_allocation_follow_up'::pg_catalog.regclass
           AND c.oid <> d.refobjid
         ORDER BY 1
    LOOP
        IF v.relkind <> 'v' THEN
            RAISE EXCEPTION 'jeugdnorm: % (relkind %) reads mv_allocation_follow_up; only plain views can be re-pointed',
                v.name, v.relkind;
        END IF;
        replace_views := replace_views ||
            pg_catalog.format('CREATE OR REPLACE VIEW %s%s AS %s', v.name,
                              CASE WHEN coalesce(v.opts, '') = '' THEN ''
                                   ELSE ' WITH (' || v.opts || ')' END,
                              v.def);
    END LOOP;

    ALTER MATERIALIZED VIEW jeugdnorm_internal.mv_allocation_follow_up
        RENAME TO mv_allocation_follow_up_0_2_0;
    ALTER INDEX jeugdnorm_internal.mv_allocation_follow_up_key
        RENAME TO mv_allocation_follow_up_key_0_2_0;

    -- the 0.3.0 definition
    CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_allocation_follow_up AS
    SELECT pa.gemeente,
           pa.toewijzingnummer,
           pa.client_id,
           pa.aanbieder,
           pa.product,
           pa.ingangsdatum,
           pa.einddatum,
           (f.fu).gap_days AS gap_days,
           (f.fu).follow_up AS follow_up,
           pa.productcategorie,
           pa.productcode,
           pa.financieringsvorm,
           pa.productgroep,
           pa.path_no,
           pa.group_path_no,
           pa.contract_order,
           NULL::boolean AS refresh_null
      FROM (SELECT pg_catalog.unnest(
                       jeugdnorm.follow_up_agg(pg_catalog.lpad(a.contract_order::text, 19, '0'),
                                               a.ingangsdatum, a.einddatum,
                                               s.extension_days, s.recidive_days)) AS fu
              FROM jeugdnorm_internal.mv_path_allocations a
             CROSS JOIN jeugdnorm_internal.settings s
             GROUP BY a.client_id, a.product) f
      JOIN jeugdnorm_internal.mv_path_allocations pa
        ON pa.contract_order = ((f.fu).toewijzingnummer)::bigint;

    CREATE UNIQUE INDEX mv_allocation_follow_up_key
        ON jeugdnorm_internal.mv_allocation_follow_up (gemeente, toewijzingnummer) NULLS NOT DISTINCT;

    COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_allocation_follow_up IS
        'the work behind jeugdnorm.allocation_follow_up: follow-up class per kept allocation; refreshed by jeugdnorm.refresh()';
    COMMENT ON COLUMN jeugdnorm_internal.mv_allocation_follow_up.contract_order IS 'position in the contract order over all kept allocations';
    COMMENT ON COLUMN jeugdnorm_internal.mv_allocation_follow_up.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';

    FOREACH stmt IN ARRAY replace_views LOOP
        EXECUTE stmt;
    END LOOP;

    DROP MATERIALIZED VIEW jeugdnorm_internal.mv_allocation_follow_up_0_2_0;
END
$swap$;
