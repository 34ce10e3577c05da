-- Invariants of flow and top_paths over the demo region (DEFINITIONS.md
-- section 3 Flow, [R7], section 8).  The hand-checked values are in
-- sql/53_top_paths.sql and sql/54_flow.sql.
\set ON_ERROR_STOP 1
\set QUIET 1
BEGIN;
CREATE EXTENSION jeugdnorm;
\i test/fixtures/demo_small.sql
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset
\unset QUIET

SELECT plan(27);

SELECT cmp_ok((SELECT count(*) FROM jeugdnorm_internal.mv_group_paths), '>', 100::bigint,
              'the demo region has more than 100 (client_id, productgroep) paths');
SELECT cmp_ok((SELECT count(DISTINCT period_start) FROM jeugdnorm.flow), '>=', 4::bigint,
              'flow covers at least four quarters');

-- ---- shape (section 8) -------------------------------------------------------
SELECT results_eq(
    $$SELECT c.relname::text COLLATE "default", c.relkind::text COLLATE "default" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'jeugdnorm' AND c.relname IN ('flow', 'top_paths') ORDER BY 1$$,
    $$VALUES ('flow', 'v'), ('top_paths', 'v')$$,
    'flow and top_paths are plain views in schema jeugdnorm');

SELECT results_eq(
    $$SELECT column_name::text COLLATE "default", data_type::text COLLATE "default", numeric_precision::int, numeric_scale::int
        FROM information_schema.columns
       WHERE table_schema = 'jeugdnorm' AND table_name = 'flow' ORDER BY ordinal_position$$,
    $$VALUES ('productgroep', 'text', NULL::int, NULL::int), ('period_start', 'date', NULL, NULL),
             ('period_end', 'date', NULL, NULL), ('in_care_start', 'bigint', 64, 0), ('instroom', 'bigint', 64, 0),
             ('uitstroom', 'bigint', 64, 0), ('in_care_end', 'bigint', 64, 0),
             ('year', 'integer', 32, 0), ('quarter', 'integer', 32, 0)$$,
    'flow: contract columns in order with section-8 types');

SELECT results_eq(
    $$SELECT column_name::text COLLATE "default", data_type::text COLLATE "default", numeric_precision::int, numeric_scale::int
        FROM information_schema.columns
       WHERE table_schema = 'jeugdnorm' AND table_name = 'top_paths' ORDER BY ordinal_position$$,
    $$VALUES ('productgroep', 'text', NULL::int, NULL::int), ('path', 'text', NULL, NULL),
             ('paths', 'bigint', 64, 0), ('share', 'numeric', 18, 6), ('rank', 'integer', 32, 0),
             ('completed_paths', 'bigint', 64, 0), ('clients', 'bigint', 64, 0)$$,
    'top_paths: contract columns in order with section-8 types');

SELECT is_empty(
    $$SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'jeugdnorm' AND c.relname IN ('flow', 'top_paths')
         AND a.attnum > 0 AND NOT a.attisdropped
         AND coalesce(col_description(c.oid, a.attnum), '') = ''$$,
    'every column of flow and top_paths has a comment');

-- ---- grain unique (NULL as a value) --------------------------------------------
SELECT is_empty(
    $$SELECT productgroep, period_start FROM jeugdnorm.flow GROUP BY 1, 2 HAVING count(*) > 1$$,
    'flow: (productgroep, quarter) unique');
SELECT is_empty(
    $$SELECT productgroep, path FROM jeugdnorm.top_paths GROUP BY 1, 2 HAVING count(*) > 1$$,
    'top_paths: (productgroep, path) unique');

-- ---- flow -----------------------------------------------------------------------
SELECT is_empty(
    $$SELECT * FROM jeugdnorm.flow WHERE in_care_start + instroom - uitstroom <> in_care_end$$,
    'flow: in_care_start + instroom - uitstroom = in_care_end on every row');

SELECT is_empty(
    $$SELECT * FROM jeugdnorm.flow
       WHERE in_care_start < 0 OR instroom < 0 OR uitstroom < 0 OR in_care_end < 0$$,
    'flow: no negative counts');

SELECT is_empty(
    $$SELECT * FROM jeugdnorm.flow f CROSS JOIN jeugdnorm_internal.settings s
       WHERE f.period_start <> date_trunc('quarter', f.period_start::timestamp)::date
          OR f.period_end <> (f.period_start + interval '3 months')::date - 1
          OR f.period_start < s.window_start OR f.period_end > s.peildatum
          OR f.year <> extract(year FROM f.period_start) OR f.quarter <> extract(quarter FROM f.period_start)$$,
    'flow: whole calendar quarters inside [window_start, peildatum]');

-- The quarters are all whole quarters of the window: the first starts at most
-- 3 months after window_start, the last ends less than 3 months before peildatum,
-- and they are contiguous.
SELECT is_empty(
    $$SELECT * FROM (SELECT min(period_start) AS first_q, max(period_end) AS last_q, count(DISTINCT period_start) AS q
                       FROM jeugdnorm.flow) f CROSS JOIN jeugdnorm_internal.settings s
       WHERE f.first_q >= s.window_start + interval '3 months'
          OR f.last_q <= s.peildatum - interval '3 months'
          OR f.q <> (extract(year FROM age(f.last_q + 1, f.first_q)) * 4 + extract(month FROM age(f.last_q + 1, f.first_q)) / 3)$$,
    'flow: every whole quarter of the window, contiguous');

SELECT results_eq(
    $$SELECT count(*) FROM jeugdnorm.flow$$,
    $$SELECT (SELECT count(DISTINCT coalesce(productgroep, '(null)')) FROM jeugdnorm_internal.mv_group_paths)
           * (SELECT count(DISTINCT period_start) FROM jeugdnorm.flow)$$,
    'flow: one row per productgroep with any path (NULL included) and per quarter, zeros kept');

SELECT is_empty(
    $$SELECT * FROM jeugdnorm.flow a JOIN jeugdnorm.flow b
          ON b.productgroep IS NOT DISTINCT FROM a.productgroep AND b.period_start = a.period_end + 1
       WHERE b.in_care_start <> a.in_care_end$$,
    'flow: in_care_end of a quarter = in_care_start of the next');

SELECT set_eq(
    $$SELECT productgroep, sum(instroom) AS instroom, sum(uitstroom) AS uitstroom FROM jeugdnorm.flow GROUP BY 1$$,
    $$SELECT g.productgroep,
             count(*) FILTER (WHERE g.start BETWEEN f.first_q AND f.last_q) AS instroom,
             count(*) FILTER (WHERE g.einde BETWEEN f.first_q AND f.last_q) AS uitstroom
        FROM jeugdnorm_internal.mv_group_paths g
       CROSS JOIN (SELECT min(period_start) AS first_q, max(period_end) AS last_q FROM jeugdnorm.flow) f
       GROUP BY 1$$,
    'flow: instroom and uitstroom summed over the quarters = paths starting / ending inside them');

SELECT set_eq(
    $$SELECT productgroep, in_care_start FROM jeugdnorm.flow
       WHERE period_start = (SELECT min(period_start) FROM jeugdnorm.flow)$$,
    $$SELECT g.productgroep,
             count(*) FILTER (WHERE g.start < f.first_q AND (g.einde IS NULL OR g.einde >= f.first_q))
        FROM jeugdnorm_internal.mv_group_paths g
       CROSS JOIN (SELECT min(period_start) AS first_q FROM jeugdnorm.flow) f
       GROUP BY 1$$,
    'flow: in_care_start of the first quarter = paths started before it and not ended before it');

SELECT cmp_ok((SELECT sum(in_care_end) FROM jeugdnorm.flow), '>', 0::numeric,
              'flow: the demo region has clients in care');

-- ---- top_paths [R7] ---------------------------------------------------------------
SELECT is_empty(
    $$SELECT * FROM jeugdnorm.top_paths WHERE share <= 0 OR share > 1 OR paths <= 0 OR rank < 1
          OR completed_paths > paths OR clients > paths OR clients < 1$$,
    'top_paths: shares in (0, 1], positive counts, rank >= 1');

SELECT is_empty(
    $$SELECT productgroep FROM jeugdnorm.top_paths GROUP BY 1 HAVING abs(sum(share) - 1) > count(*) * 0.0000005$$,
    'top_paths: shares sum to 1 per productgroep, within the rounding of 6 decimals per row');

SELECT set_eq(
    $$SELECT productgroep, path, paths FROM jeugdnorm.top_paths$$,
    $$SELECT g.productgroep, g.path, count(*) FROM jeugdnorm_internal.mv_group_paths g
       CROSS JOIN jeugdnorm_internal.settings s
       WHERE g.start BETWEEN s.window_start AND s.peildatum GROUP BY 1, 2$$,
    'top_paths: paths per (productgroep, label) that start in the window, completed or not');

SELECT is_empty(
    $$SELECT * FROM jeugdnorm.top_paths t
       WHERE t.rank <> 1 + (SELECT count(*) FROM jeugdnorm.top_paths u
                             WHERE u.productgroep IS NOT DISTINCT FROM t.productgroep AND u.paths > t.paths)$$,
    'top_paths: rank = 1 + number of labels with more paths in the productgroep (rank(), ties share, gaps after)');

SELECT cmp_ok((SELECT count(*) FROM jeugdnorm.top_paths WHERE path LIKE '% > %'), '>', 0::bigint,
              'top_paths: the demo region has paths through more than one label');

SELECT results_eq(
    $$SELECT productgroep, rank, path FROM jeugdnorm.top_paths$$,
    $$SELECT productgroep, rank, path FROM jeugdnorm.top_paths ORDER BY productgroep, rank, path$$,
    'top_paths: the view is ordered by productgroep, rank, path');
SELECT results_eq(
    $$SELECT productgroep, period_start FROM jeugdnorm.flow$$,
    $$SELECT productgroep, period_start FROM jeugdnorm.flow ORDER BY productgroep, period_start$$,
    'flow: the view is ordered by productgroep, period_start');

-- ---- settings take effect after refresh ---------------------------------------------
-- A window of exactly one quarter (the quarter of the peildatum when the peildatum
-- is its last day, else the quarter before it) gives one quarter per productgroep.
\set QUIET 1
UPDATE jeugdnorm.settings
   SET window_start = (SELECT CASE WHEN (peildatum + 1) = date_trunc('quarter', (peildatum + 1)::timestamp)::date
                                   THEN date_trunc('quarter', peildatum::timestamp)::date
                                   ELSE (date_trunc('quarter', peildatum::timestamp) - interval '3 months')::date END
                         FROM jeugdnorm_internal.settings);
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset
\unset QUIET
SELECT is((SELECT count(DISTINCT period_start) FROM jeugdnorm.flow), 1::bigint,
          'flow: a window of one whole quarter gives one quarter (after refresh)');
SELECT is_empty(
    $$SELECT * FROM jeugdnorm.flow f CROSS JOIN jeugdnorm_internal.settings s
       WHERE f.period_start <> s.window_start$$,
    'flow: that quarter starts on window_start');
SELECT is_empty(
    $$SELECT * FROM jeugdnorm.top_paths t CROSS JOIN jeugdnorm_internal.settings s
       WHERE t.paths > (SELECT count(*) FROM jeugdnorm_internal.mv_group_paths g
                         WHERE g.productgroep IS NOT DISTINCT FROM t.productgroep
                           AND g.start >= s.window_start)$$,
    'top_paths follows the narrower window after refresh');

SELECT * FROM finish();
ROLLBACK;
