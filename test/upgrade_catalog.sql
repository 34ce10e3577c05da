-- pgTAP: the upgrade paths 0.1.0 -> 0.2.0 -> 0.3.0 and 0.2.0 -> 0.3.0
-- (issue 8, part 1; issue 14, part 5).
--
-- 1. A fresh CREATE EXTENSION jeugdnorm (0.3.0), CREATE EXTENSION
--    jeugdnorm VERSION '0.1.0' + ALTER EXTENSION jeugdnorm UPDATE, and
--    VERSION '0.2.0' + UPDATE give the same catalogue: every member object with its definition (columns,
--    types, defaults, constraints, indexes, triggers, policies, view and
--    function bodies, aggregates, comments, ACLs, row security, the
--    pg_dump registrations).  A difference is listed in the diagnostics.
-- 2. Data loaded under 0.1.0 (and under 0.2.0) survives the upgrade: the input tables keep
--    their rows, the path views give the same answers before and after,
--    and the new columns, tables and views are there and usable.
BEGIN;
SELECT plan(33);

-- ---- the catalogue of the installed extension, one row per fact ------------
-- OIDs differ between the two installs, so every object is named by
-- pg_describe_object / regclass / regprocedure text.
CREATE FUNCTION pg_temp.jn_catalog() RETURNS TABLE (fact text)
    LANGUAGE sql AS $$
WITH ext AS (SELECT oid FROM pg_extension WHERE extname = 'jeugdnorm'),
members AS (
    SELECT d.classid, d.objid
      FROM pg_depend d, ext
     WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
),
rels AS (
    SELECT c.oid, c.oid::regclass::text AS name, c.relkind
      FROM pg_class c JOIN members m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
)
-- every member object
SELECT 'member ' || pg_describe_object(m.classid, m.objid, 0) FROM members m
UNION ALL
-- relations: kind, row security, ACL, comment
SELECT format('relation %s kind=%s rls=%s acl=%s options=%s comment=%s', r.name, c.relkind, c.relrowsecurity,
              c.relacl::text, c.reloptions::text, obj_description(c.oid, 'pg_class'))
  FROM rels r JOIN pg_class c ON c.oid = r.oid
UNION ALL
-- columns, in order, with type, NOT NULL, default and comment
SELECT format('column %s.%s #%s %s notnull=%s default=%s comment=%s', r.name, a.attname, a.attnum,
              format_type(a.atttypid, a.atttypmod), a.attnotnull,
              pg_get_expr(ad.adbin, ad.adrelid), col_description(r.oid, a.attnum))
  FROM rels r
  JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
UNION ALL
-- view and materialised-view queries
SELECT format('query %s: %s', r.name, pg_get_viewdef(r.oid)) FROM rels r WHERE r.relkind IN ('v', 'm')
UNION ALL
-- indexes (of tables and materialised views)
SELECT format('index %s', pg_get_indexdef(i.indexrelid)) FROM rels r JOIN pg_index i ON i.indrelid = r.oid
UNION ALL
-- constraints and their comments
SELECT format('constraint %s.%s %s comment=%s', r.name, co.conname, pg_get_constraintdef(co.oid),
              obj_description(co.oid, 'pg_constraint'))
  FROM rels r JOIN pg_constraint co ON co.conrelid = r.oid
UNION ALL
SELECT format('trigger %s', pg_get_triggerdef(t.oid))
  FROM rels r JOIN pg_trigger t ON t.tgrelid = r.oid AND NOT t.tgisinternal
UNION ALL
SELECT format('policy %s.%s cmd=%s roles=%s using=%s check=%s comment=%s', r.name, p.polname, p.polcmd,
              p.polroles::text, pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid),
              obj_description(p.oid, 'pg_policy'))
  FROM rels r JOIN pg_policy p ON p.polrelid = r.oid
UNION ALL
-- functions: the whole definition (aggregates: their support functions)
SELECT format('function %s acl=%s comment=%s def=%s', p.oid::regprocedure, p.proacl::text,
              obj_description(p.oid, 'pg_proc'),
              CASE WHEN p.prokind = 'a'
                   THEN (SELECT format('agg %s %s %s %s %s %s %s %s finalmodify=%s', a.aggtransfn, a.aggfinalfn,
                                       a.aggcombinefn, a.aggserialfn, a.aggdeserialfn,
                                       a.aggtranstype::regtype, a.aggtransspace, a.agginitval,
                                       a.aggfinalmodify)
                           FROM pg_aggregate a WHERE a.aggfnoid = p.oid)
                   ELSE pg_get_functiondef(p.oid) END)
  FROM members m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
UNION ALL
-- types (composite attributes are columns of their pg_class row above)
SELECT format('type %s comment=%s', t.oid::regtype, obj_description(t.oid, 'pg_type'))
  FROM members m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND m.objid = t.oid
UNION ALL
SELECT format('schema %s acl=%s comment=%s', n.nspname, n.nspacl::text, obj_description(n.oid, 'pg_namespace'))
  FROM members m JOIN pg_namespace n ON m.classid = 'pg_namespace'::regclass AND m.objid = n.oid
UNION ALL
-- what pg_dump dumps of the member tables
SELECT format('dump %s where=%s', u.cfg::regclass, u.cond)
  FROM pg_extension e, ext, unnest(e.extconfig, e.extcondition) AS u(cfg, cond)
 WHERE e.oid = ext.oid
$$;

-- ---- path 1: a fresh install of the default version --------------------------
CREATE EXTENSION jeugdnorm;
SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'jeugdnorm'), '0.3.0',
          'CREATE EXTENSION installs 0.3.0 by default');
CREATE TEMPORARY TABLE fresh AS SELECT fact FROM pg_temp.jn_catalog();
DROP EXTENSION jeugdnorm CASCADE;

-- ---- path 2: 0.1.0 with data, then ALTER EXTENSION UPDATE --------------------
CREATE EXTENSION jeugdnorm VERSION '0.1.0';
SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'jeugdnorm'), '0.1.0',
          'VERSION ''0.1.0'' installs the frozen 0.1.0 script');
SELECT ok(to_regclass('jeugdnorm.verzoek') IS NULL, '0.1.0 has no verzoek table');
\i test/fixtures/small_region.sql
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh() under 0.1.0');
CREATE TEMPORARY TABLE before_counts AS
SELECT (SELECT count(*) FROM jeugdnorm.toewijzing) AS toewijzing,
       (SELECT count(*) FROM jeugdnorm.declaratie) AS declaratie,
       (SELECT count(*) FROM jeugdnorm.product) AS product,
       (SELECT count(*) FROM jeugdnorm.norm) AS norm,
       (SELECT s::text FROM jeugdnorm.settings s) AS settings;
CREATE TEMPORARY TABLE before_paths AS SELECT * FROM jeugdnorm.care_paths;
-- every 0.1.0 view except column_dictionary (which lists the views), as rows of text
CREATE FUNCTION pg_temp.jn_all_views() RETURNS TABLE (view_name text, row_text text)
    LANGUAGE plpgsql AS $$
DECLARE v text;
BEGIN
    FOR v IN SELECT c.relname FROM pg_class c
              WHERE c.relnamespace = 'jeugdnorm'::regnamespace AND c.relkind = 'v'
                AND c.relname <> 'column_dictionary' ORDER BY 1 LOOP
        RETURN QUERY EXECUTE format('SELECT %L::text, x::text FROM jeugdnorm.%I x', v, v);
    END LOOP;
END $$;
CREATE TEMPORARY TABLE before_views AS SELECT * FROM pg_temp.jn_all_views();
CREATE TEMPORARY TABLE before_spread AS SELECT * FROM jeugdnorm.product_spread;

SELECT lives_ok('ALTER EXTENSION jeugdnorm UPDATE', 'ALTER EXTENSION jeugdnorm UPDATE from 0.1.0 with data');
SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'jeugdnorm'), '0.3.0',
          'the extension is at 0.3.0 after the update (0.1.0 -> 0.2.0 -> 0.3.0)');
CREATE TEMPORARY TABLE upgraded AS SELECT fact FROM pg_temp.jn_catalog();

-- ---- the same catalogue --------------------------------------------------------
SELECT cmp_ok((SELECT count(*) FROM fresh), '>', 500::bigint,
              'the catalogue snapshot is not empty (over 500 facts)');
SELECT is_empty($$ SELECT fact FROM fresh EXCEPT ALL SELECT fact FROM upgraded $$,
                'nothing of a fresh 0.3.0 is missing after the upgrade from 0.1.0');
SELECT is_empty($$ SELECT fact FROM upgraded EXCEPT ALL SELECT fact FROM fresh $$,
                'the upgrade from 0.1.0 adds nothing a fresh 0.3.0 does not have');

-- the comparison can fail: one changed column comment is one fact on each side
SAVEPOINT probe;
COMMENT ON COLUMN jeugdnorm.verzoek.ontvangen IS 'changed';
SELECT is((SELECT count(*) FROM (SELECT fact FROM pg_temp.jn_catalog() EXCEPT ALL SELECT fact FROM fresh) x),
          1::bigint, 'the snapshot sees a single changed comment');
ROLLBACK TO SAVEPOINT probe;

-- ---- the data survives -------------------------------------------------------------
SELECT results_eq($$ SELECT (SELECT count(*) FROM jeugdnorm.toewijzing), (SELECT count(*) FROM jeugdnorm.declaratie),
                            (SELECT count(*) FROM jeugdnorm.product), (SELECT count(*) FROM jeugdnorm.norm) $$,
                  $$ SELECT toewijzing, declaratie, product, norm FROM before_counts $$,
                  'the input tables keep every row');
SELECT is((SELECT s::text FROM jeugdnorm.settings s),
          (SELECT left(settings, -1) || ',56,0.80,1.00,10)' FROM before_counts),
          'the settings row keeps its values and gets lead_time_target_days 56 (0.2.0), budget_under_share 0.80, budget_over_share 1.00 and min_cell_paths 10 (0.3.0)');
SELECT results_eq($$ SELECT * FROM jeugdnorm.care_paths $$, $$ SELECT * FROM before_paths $$,
                  'care_paths right after the update: as before');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh() after the update');
SELECT results_eq($$ SELECT * FROM jeugdnorm.care_paths $$, $$ SELECT * FROM before_paths $$,
                  'care_paths after a refresh under 0.3.0 (no product mapping): as before');
SELECT results_eq($$ SELECT * FROM jeugdnorm.product_spread $$, $$ SELECT * FROM before_spread $$,
                  'product_spread after a refresh under 0.3.0 (no product mapping): as before');
SELECT cmp_ok((SELECT count(DISTINCT view_name) FROM before_views), '=', 14::bigint,
              'the 0.1.0 views compared: all 14 (10 facts and 4 dimensions)');
SELECT is_empty($$ (SELECT b.view_name, b.row_text FROM before_views b
                    EXCEPT ALL
                    SELECT a.view_name, a.row_text FROM pg_temp.jn_all_views() a
                     WHERE a.view_name IN (SELECT view_name FROM before_views))
                   UNION ALL
                   (SELECT a.view_name, a.row_text FROM pg_temp.jn_all_views() a
                     WHERE a.view_name IN (SELECT view_name FROM before_views)
                    EXCEPT ALL
                    SELECT b.view_name, b.row_text FROM before_views b) $$,
                'every 0.1.0 view returns exactly what it returned before (no mapping, no requests): row for row');
SELECT is((SELECT count(*) FROM jeugdnorm.data_quality), 13::bigint,
          'data_quality lists its 13 signals on the upgraded data');
SELECT lives_ok($$ SELECT (SELECT count(*) FROM jeugdnorm.request_lead_time), (SELECT count(*) FROM jeugdnorm.waiting_list),
                          (SELECT count(*) FROM jeugdnorm.ending_reasons), (SELECT count(*) FROM jeugdnorm.referrals),
                          (SELECT count(*) FROM jeugdnorm.flow_by_wijk), (SELECT count(*) FROM jeugdnorm.flow_by_kader),
                          (SELECT count(*) FROM jeugdnorm.data_quality_rows) $$,
                'every section-9 view reads on the upgraded data');
SELECT is_empty($$ SELECT 1 FROM jeugdnorm.toewijzing
                    WHERE toewijzingsdatum IS NOT NULL OR verwijzer IS NOT NULL
                       OR reden_beeindiging IS NOT NULL OR postcode IS NOT NULL $$,
                'the new toewijzing columns are NULL for the rows loaded under 0.1.0');

-- the new columns load after the upgrade
CREATE TEMPORARY TABLE src_t (gemeente text, toewijzingnummer text, ingangsdatum date,
                              toewijzingsdatum date, verwijzer text, reden_beeindiging text, postcode text);
INSERT INTO src_t VALUES ('0758', 'UPG-1', '2024-01-01', '2023-12-20', '02', '31', '5911');
SELECT results_eq($$ SELECT * FROM jeugdnorm.load_toewijzingen('src_t') $$,
                  $$ VALUES (1::bigint, 0::bigint) $$,
                  'load_toewijzingen takes the section-9 columns after the upgrade');

-- ---- path 3: 0.2.0 with data (requests too), then ALTER EXTENSION UPDATE ----------
DROP EXTENSION jeugdnorm CASCADE;
DROP TABLE src_t;
CREATE EXTENSION jeugdnorm VERSION '0.2.0';
SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'jeugdnorm'), '0.2.0',
          'VERSION ''0.2.0'' installs the frozen 0.2.0 script');
\i test/fixtures/requests.sql
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh() under 0.2.0');
CREATE TEMPORARY TABLE before_counts_2 AS
SELECT (SELECT count(*) FROM jeugdnorm.toewijzing) AS toewijzing,
       (SELECT count(*) FROM jeugdnorm.declaratie) AS declaratie,
       (SELECT count(*) FROM jeugdnorm.verzoek) AS verzoek,
       (SELECT s::text FROM jeugdnorm.settings s) AS settings;
CREATE TEMPORARY TABLE before_views_2 AS SELECT * FROM pg_temp.jn_all_views();
SELECT cmp_ok((SELECT count(*) FROM jeugdnorm.verzoek), '>', 0::bigint, 'the 0.2.0 database holds requests');
SELECT lives_ok('ALTER EXTENSION jeugdnorm UPDATE', 'ALTER EXTENSION jeugdnorm UPDATE from 0.2.0 with data');
SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'jeugdnorm'), '0.3.0',
          'the extension is at 0.3.0 after the update from 0.2.0');
CREATE TEMPORARY TABLE upgraded_2 AS SELECT fact FROM pg_temp.jn_catalog();
SELECT is_empty($$ SELECT fact FROM fresh EXCEPT ALL SELECT fact FROM upgraded_2 $$,
                'nothing of a fresh 0.3.0 is missing after the upgrade from 0.2.0');
SELECT is_empty($$ SELECT fact FROM upgraded_2 EXCEPT ALL SELECT fact FROM fresh $$,
                'the upgrade from 0.2.0 adds nothing a fresh 0.3.0 does not have');
SELECT results_eq($$ SELECT (SELECT count(*) FROM jeugdnorm.toewijzing), (SELECT count(*) FROM jeugdnorm.declaratie),
                            (SELECT count(*) FROM jeugdnorm.verzoek) $$,
                  $$ SELECT toewijzing, declaratie, verzoek FROM before_counts_2 $$,
                  'the input tables keep every row through the 0.2.0 upgrade');
SELECT is((SELECT s::text FROM jeugdnorm.settings s),
          (SELECT left(settings, -1) || ',0.80,1.00,10)' FROM before_counts_2),
          'the settings row keeps its values through the 0.2.0 upgrade and gets budget_under_share 0.80, budget_over_share 1.00 and min_cell_paths 10');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh() after the update from 0.2.0');
-- data_quality and data_quality_rows are left out of this comparison: 0.3.0
-- changes them on purpose (issue 14, part 2: three readings of [S5] v1.3,
-- and the descriptions of the two signals concerned in data_quality), so
-- "as before" would pin the 0.2.0 deviations.  Their 0.3.0 rows are pinned
-- by hand in sql/72_data_quality.sql and sql/73_data_quality_readings.sql.
SELECT is_empty($$ (SELECT b.view_name, b.row_text FROM before_views_2 b
                     WHERE b.view_name NOT IN ('data_quality', 'data_quality_rows')
                    EXCEPT ALL
                    SELECT a.view_name, a.row_text FROM pg_temp.jn_all_views() a
                     WHERE a.view_name IN (SELECT view_name FROM before_views_2)
                       AND a.view_name NOT IN ('data_quality', 'data_quality_rows'))
                   UNION ALL
                   (SELECT a.view_name, a.row_text FROM pg_temp.jn_all_views() a
                     WHERE a.view_name IN (SELECT view_name FROM before_views_2)
                       AND a.view_name NOT IN ('data_quality', 'data_quality_rows')
                    EXCEPT ALL
                    SELECT b.view_name, b.row_text FROM before_views_2 b
                     WHERE b.view_name NOT IN ('data_quality', 'data_quality_rows')) $$,
                'every 0.2.0 view but the two data-quality views (changed in 0.3.0) returns exactly what it returned before the upgrade: row for row');

SELECT * FROM finish();
ROLLBACK;
