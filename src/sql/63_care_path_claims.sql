-- ---------------------------------------------------------------------------
-- 63_care_path_claims.sql -- mv_care_paths reads its claim figures from
-- mv_money_claim_sums instead of from every claim line (issue 16: the full
-- refresh at scale 20).
--
-- Until here mv_care_paths (40_paths.sql) read every kept claim line
-- itself: declaratie, the net-zero anti-join, the unit codes, a hash join
-- with mv_path_allocations and a hash aggregate per path -- about 80 % of
-- its step (demo scale 5: 5.7 of 6.9 s under EXPLAIN ANALYZE), and the same
-- read that mv_money_claim_sums (62_money_capacity.sql) does right before
-- it.  Its four claim figures are sums over the path's lines (first
-- begindatum, last einddatum, number of lines, canonical volume in the
-- path's unit family), so they are sums of mv_money_claim_sums' per-
-- allocation partial sums: first_day, last_day, lines_once and volume_once
-- (each kept line counted once, on the row of the first year window it
-- overlaps or on its year-NULL row).  The same kept lines (claim_lines
-- joined to mv_path_allocations in both), the same numbers: the sums are
-- exact (bigint counts, numeric volumes, whose scale is the largest of the
-- lines' either way); test/view_care_path_claims.sql compares the new rows
-- with 40_paths.sql's query on the demo region and on edge lines.
--
-- Why a file of its own, after 62: the materialised view is defined in
-- 40_paths.sql, before mv_money_claim_sums exists, and 40_paths.sql is a
-- 0.2.0 file that the 0.2.0 -> 0.3.0 upgrade does not run again.  This
-- file runs in both (a fresh install and the upgrade, before
-- 97_incremental.sql turns the per-client views into tables): it puts the
-- new query in place of the old one with the same name, columns, indexes,
-- comments and grants, and re-points the plain views that read it (the
-- same text, CREATE OR REPLACE: their OIDs, comments, grants and
-- reloptions stay), as 97_incremental.sql does for every per-client view.
-- Any data is recomputed by the next refresh (the upgrade's first refresh
-- is full anyway).
-- ---------------------------------------------------------------------------

-- 1. what must be rebuilt, captured before the rename (deparsed with
--    search_path = pg_catalog: every name qualified), then the old view
--    moved aside and the new one (2.) created
DO $capture$
DECLARE
    caller_path constant text := pg_catalog.current_setting('search_path');
    saved jsonb;
    def text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true);
    SELECT pg_catalog.jsonb_build_object(
               'descr', pg_catalog.obj_description(c.oid, 'pg_class'),
               'indexes', coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.pg_get_indexdef(i.indexrelid)
                                                       ORDER BY i.indexrelid::pg_catalog.regclass::text)
                             FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid), '[]'),
               'col_comments', coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_array(a.attname,
                                                       pg_catalog.col_description(c.oid, a.attnum)) ORDER BY a.attnum)
                                  FROM pg_catalog.pg_attribute a
                                 WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                                   AND pg_catalog.col_description(c.oid, a.attnum) IS NOT NULL), '[]'),
               'grants', coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.format('GRANT %s ON jeugdnorm_internal.mv_care_paths TO %s',
                                                       x.privilege_type,
                                                       CASE WHEN x.grantee = 0 THEN 'PUBLIC'
                                                            ELSE pg_catalog.quote_ident(x.grantee::pg_catalog.regrole::text) END)
                                                   ORDER BY x.grantee, x.privilege_type)
                            FROM pg_catalog.aclexplode(c.relacl) x
                           WHERE x.grantee <> c.relowner), '[]'),
               'views', coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                                    'name', v.oid::pg_catalog.regclass::text,
                                    'def', pg_catalog.pg_get_viewdef(v.oid),
                                    'reloptions', v.reloptions) ORDER BY v.oid::pg_catalog.regclass::text)
                           FROM pg_catalog.pg_class v
                          WHERE v.relkind = 'v'
                            AND v.oid IN (SELECT rw.ev_class
                                            FROM pg_catalog.pg_depend d
                                            JOIN pg_catalog.pg_rewrite rw ON rw.oid = d.objid
                                           WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
                                             AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                                             AND d.refobjid = c.oid
                                             AND rw.ev_class <> c.oid)), '[]'))
      INTO saved
      FROM pg_catalog.pg_class c
     WHERE c.oid = 'jeugdnorm_internal.mv_care_paths'::pg_catalog.regclass
       AND c.relkind = 'm';
    IF saved IS NULL THEN
        RAISE EXCEPTION 'jeugdnorm: jeugdnorm_internal.mv_care_paths is not a materialised view here'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    -- nothing but plain views may read it (a materialised view or a
    -- function body would need its own rebuild)
    IF EXISTS (SELECT 1
                 FROM pg_catalog.pg_depend d
                 LEFT JOIN pg_catalog.pg_rewrite rw
                        ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND rw.oid = d.objid
                 LEFT JOIN pg_catalog.pg_class v ON v.oid = rw.ev_class
                WHERE d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                  AND d.refobjid = 'jeugdnorm_internal.mv_care_paths'::pg_catalog.regclass
                  AND d.deptype = 'n'
                  AND d.classid <> 'pg_catalog.pg_class'::pg_catalog.regclass
                  AND (rw.oid IS NULL OR (v.relkind <> 'v' AND v.oid <> d.refobjid))) THEN
        RAISE EXCEPTION 'jeugdnorm: something other than a plain view reads jeugdnorm_internal.mv_care_paths'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    -- 2. the new query: the old one (40_paths.sql's, as deparsed) with its
    --    claim part, the CTE cl, read from mv_money_claim_sums; everything
    --    else -- the path's facts from its first allocation, completed, the
    --    [R9] norm -- stays the one text of 40_paths.sql
    def := pg_catalog.pg_get_viewdef('jeugdnorm_internal.mv_care_paths'::pg_catalog.regclass);
    IF pg_catalog.regexp_count(def, '\), cl AS \(') <> 1 OR pg_catalog.regexp_count(def, '\), d AS \(') <> 1 THEN
        RAISE EXCEPTION 'jeugdnorm: the query of jeugdnorm_internal.mv_care_paths has no single claim part (cl) to replace'
            USING ERRCODE = 'object_not_in_prerequisite_state', DETAIL = def;
    END IF;
    def := pg_catalog.regexp_replace(def, '\), cl AS \(.*?\), d AS \(', $cl$), cl AS (
        -- the claim figures of each path: its allocations' rows of
        -- mv_money_claim_sums (the kept claim lines already summed per
        -- allocation, read once for the money views too), grouped by the
        -- path's integer key; each line is in exactly one row's lines_once
        -- and volume_once
        SELECT pa.care_path_id,
               pg_catalog.min(m.first_day) AS first_begindatum,
               pg_catalog.max(m.last_day) AS last_einddatum,
               pg_catalog.sum(m.lines_once)::pg_catalog.int8 AS claim_lines,
               pg_catalog.sum(m.volume_once) AS volume
          FROM jeugdnorm_internal.mv_money_claim_sums m
          JOIN jeugdnorm_internal.mv_path_allocations pa
            ON pa.gemeente = m.gemeente
           AND pa.toewijzingnummer = m.toewijzingnummer
         GROUP BY pa.care_path_id
    ), d AS ($cl$);
    PERFORM pg_catalog.set_config('jeugdnorm.rebuild_mv_care_paths', saved::text, true);
    ALTER MATERIALIZED VIEW jeugdnorm_internal.mv_care_paths RENAME TO mv_care_paths__old;
    EXECUTE 'CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_care_paths AS ' || pg_catalog.rtrim(def, E'; \n');
    PERFORM pg_catalog.set_config('search_path', caller_path, true);
END;
$capture$;

-- 3. the plain views re-pointed to the new one, the old one dropped, its
--    indexes, comments and grants on the new one
DO $restore$
DECLARE
    saved constant jsonb := pg_catalog.current_setting('jeugdnorm.rebuild_mv_care_paths')::jsonb;
    caller_path constant text := pg_catalog.current_setting('search_path');
    v record;
    def text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true);
    FOR v IN SELECT * FROM pg_catalog.jsonb_to_recordset(saved -> 'views')
                           AS x(name text, def text, reloptions text[]) LOOP
        EXECUTE pg_catalog.format('CREATE OR REPLACE VIEW %s %s AS %s', v.name,
                                  CASE WHEN v.reloptions IS NULL THEN ''
                                       ELSE 'WITH (' || pg_catalog.array_to_string(v.reloptions, ', ') || ')' END,
                                  v.def);
    END LOOP;
    DROP MATERIALIZED VIEW jeugdnorm_internal.mv_care_paths__old;
    FOR def IN SELECT pg_catalog.jsonb_array_elements_text(saved -> 'indexes') LOOP
        EXECUTE def;
    END LOOP;
    EXECUTE pg_catalog.format('COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_care_paths IS %L', saved ->> 'descr');
    FOR v IN SELECT x ->> 0 AS col, x ->> 1 AS descr
               FROM pg_catalog.jsonb_array_elements(saved -> 'col_comments') x LOOP
        EXECUTE pg_catalog.format('COMMENT ON COLUMN jeugdnorm_internal.mv_care_paths.%I IS %L', v.col, v.descr);
    END LOOP;
    FOR def IN SELECT pg_catalog.jsonb_array_elements_text(saved -> 'grants') LOOP
        EXECUTE def;
    END LOOP;
    PERFORM pg_catalog.set_config('jeugdnorm.rebuild_mv_care_paths', '', true);
    PERFORM pg_catalog.set_config('search_path', caller_path, true);
END;
$restore$;
