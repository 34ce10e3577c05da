-- test/lib/refresh_snapshot.sql: jn_snapshot(), one row per view whose rows
-- depend on refresh() (row count and md5 of its rows), for comparing an
-- incremental refresh with a full recompute.  Created in the first schema
-- of the search_path.  Used by test/view_refresh_incremental.sql and
-- bench/incremental.sh (\i from the repository root), so the test and the
-- benchmark compare the same thing.
--
-- every view of schema jeugdnorm whose rows depend on the refresh (it
-- reads, through views, a per-client table or a materialised view of
-- jeugdnorm_internal), except data_status (it reports the refresh's own
-- time and log): row count and md5 of its rows in order.  The other views
-- read the input tables only and cannot differ.
CREATE FUNCTION jn_snapshot() RETURNS TABLE (view_name text, rows bigint, digest text)
LANGUAGE plpgsql AS $f$
DECLARE
    v regclass;
BEGIN
    FOR v IN
        WITH RECURSIVE reach(view, rel) AS (
            SELECT c.oid, c.oid FROM pg_class c
             WHERE c.relnamespace = 'jeugdnorm'::regnamespace AND c.relkind = 'v'
            UNION
            SELECT r.view, d.refobjid
              FROM reach r
              JOIN pg_class c ON c.oid = r.rel AND c.relkind = 'v'
              JOIN pg_rewrite rw ON rw.ev_class = c.oid
              JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid
                              AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> c.oid
        )
        SELECT x.view FROM (
        SELECT DISTINCT r.view::regclass AS view
          FROM reach r
          JOIN pg_class t ON t.oid = r.rel
         WHERE t.relnamespace = 'jeugdnorm_internal'::regnamespace
           AND (t.relkind = 'm'
                OR t.relname IN (SELECT g.materialized_view FROM jeugdnorm_internal.refresh_registry g))
           AND r.view <> 'jeugdnorm.data_status'::regclass) x
         ORDER BY x.view::text
    LOOP
        view_name := v::text;
        EXECUTE format('SELECT count(*), md5(coalesce(string_agg(x::text, E''\n'' ORDER BY x::text), '''')) FROM %s x', v)
           INTO rows, digest;
        RETURN NEXT;
    END LOOP;
END $f$;
