-- view_refresh_table_full.sql -- jeugdnorm_internal.refresh_table_full()
-- (80_refresh.sql), the full step of a per-client table, on a small table
-- of its own: the computed rows (<v>_full) are compared with the stored
-- ones, only the difference is deleted and inserted, and an empty table
-- gets its rows straight.  Checked: the rows deleted, inserted
-- and held that it reports; the table equal to its query afterwards (EXCEPT
-- ALL both ways); unchanged rows not rewritten (same ctid and xmin); a NULL
-- in a key column matching NULL; a numeric whose scale alone changed,
-- column by column and in a table with a column of a type compared by
-- whole-row image (int4range: the *= path, which none of the shipped
-- tables uses any more); a key column of such a type (= never matches
-- NULL: that row is rewritten every time).
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(22);

CREATE TABLE jn_src (k text, k2 integer, n numeric, d date);
INSERT INTO jn_src VALUES
    ('a', 1, 1.0, date '2024-01-01'),
    ('a', 2, NULL, NULL),
    (NULL, 3, 2.50, date '2024-02-01'),
    ('b', NULL, 3, NULL),
    (NULL, NULL, 4, date '2024-03-01');
CREATE TABLE jeugdnorm_internal.jn_tf (k text, k2 integer, n numeric, d date, refresh_null boolean);
CREATE UNIQUE INDEX jn_tf_key ON jeugdnorm_internal.jn_tf (k, k2) NULLS NOT DISTINCT;
CREATE VIEW jeugdnorm_internal.jn_tf_full AS
SELECT s.k, s.k2, s.n, s.d, NULL::boolean AS refresh_null FROM jn_src s;

CREATE FUNCTION jn_tf_diff() RETURNS bigint LANGUAGE sql AS $$
    SELECT count(*) FROM ((SELECT * FROM jeugdnorm_internal.jn_tf EXCEPT ALL SELECT * FROM jeugdnorm_internal.jn_tf_full)
                          UNION ALL
                          (SELECT * FROM jeugdnorm_internal.jn_tf_full EXCEPT ALL SELECT * FROM jeugdnorm_internal.jn_tf)) x
$$;
CREATE FUNCTION jn_tf_text() RETURNS SETOF text LANGUAGE sql AS $$
    SELECT t::text FROM jeugdnorm_internal.jn_tf t ORDER BY 1
$$;
CREATE FUNCTION jn_tf_versions() RETURNS text LANGUAGE sql AS $$
    SELECT string_agg(ctid::text || xmin::text, ';' ORDER BY ctid) FROM jeugdnorm_internal.jn_tf
$$;

-- 1. empty table: every row inserted, nothing compared
SELECT is((SELECT row(f.deleted, f.inserted, f.total)::text
             FROM jeugdnorm_internal.refresh_table_full('jeugdnorm_internal.jn_tf') f),
          '(0,5,5)', 'an empty table: 5 rows inserted, 0 deleted, 5 held');
SELECT is(jn_tf_diff(), 0::bigint, '... the table equals its query');

-- 2. nothing changed: nothing written
SELECT jn_tf_versions() AS v0 \gset
SELECT is((SELECT row(f.deleted, f.inserted, f.total)::text
             FROM jeugdnorm_internal.refresh_table_full('jeugdnorm_internal.jn_tf') f),
          '(0,0,5)', 'unchanged rows: nothing deleted or inserted (NULL keys match NULL keys)');
SELECT is(jn_tf_versions(), :'v0', '... the same row versions (ctid, xmin)');

-- 3. one row per kind of change
UPDATE jn_src SET n = 1.00 WHERE k = 'a' AND k2 = 1;                       -- scale only
UPDATE jn_src SET d = NULL WHERE k IS NULL AND k2 = 3;                     -- a date to NULL
UPDATE jn_src SET d = date '2024-04-01' WHERE k = 'b' AND k2 IS NULL;      -- NULL in a key column
DELETE FROM jn_src WHERE k = 'a' AND k2 = 2;                               -- gone
INSERT INTO jn_src VALUES ('c', 1, 0, NULL);                               -- new
SELECT is((SELECT row(f.deleted, f.inserted, f.total)::text
             FROM jeugdnorm_internal.refresh_table_full('jeugdnorm_internal.jn_tf') f),
          '(4,4,5)', 'three changed rows, one gone, one new: 4 deleted, 4 inserted, 5 held');
SELECT is(jn_tf_diff(), 0::bigint, '... the table equals its query');
SELECT is((SELECT n::text FROM jeugdnorm_internal.jn_tf WHERE k = 'a' AND k2 = 1), '1.00',
          '... the numeric with its new scale');
SELECT is((SELECT count(*) FROM jeugdnorm_internal.jn_tf WHERE k IS NULL AND k2 IS NULL AND n = 4
                                                          AND ctid::text || xmin::text = ANY (string_to_array(:'v0', ';'))),
          1::bigint, '... the unchanged row with NULL keys kept its row version');
SELECT jn_tf_versions() AS v1 \gset
SELECT is((SELECT row(f.deleted, f.inserted, f.total)::text
             FROM jeugdnorm_internal.refresh_table_full('jeugdnorm_internal.jn_tf') f),
          '(0,0,5)', 'again: nothing to do');
SELECT is(jn_tf_versions(), :'v1', '... no row rewritten');

-- 4. every row changed, and the table emptied by the query
UPDATE jn_src SET n = coalesce(n, 0) + 1;
SELECT is((SELECT row(f.deleted, f.inserted, f.total)::text
             FROM jeugdnorm_internal.refresh_table_full('jeugdnorm_internal.jn_tf') f),
          '(5,5,5)', 'every row changed: 5 deleted, 5 inserted');
SELECT is(jn_tf_diff(), 0::bigint, '... the table equals its query');
DELETE FROM jn_src;
SELECT is((SELECT row(f.deleted, f.inserted, f.total)::text
             FROM jeugdnorm_internal.refresh_table_full('jeugdnorm_internal.jn_tf') f),
          '(5,0,0)', 'no rows computed: 5 deleted, none held');

-- 5. a key column of a type without a NULL-matching test (int4range: plain
--    =): a row with a NULL there never matches and is rewritten each time,
--    the others are kept
CREATE TABLE jn_src2 (k int4range, v integer, n numeric);
INSERT INTO jn_src2 VALUES (int4range(1, 2), 1, 1.0), (NULL, 2, NULL), (int4range(3, 4), NULL, 5);
CREATE TABLE jeugdnorm_internal.jn_tf2 (k int4range, v integer, n numeric, refresh_null boolean);
CREATE UNIQUE INDEX jn_tf2_key ON jeugdnorm_internal.jn_tf2 (k) NULLS NOT DISTINCT;
CREATE VIEW jeugdnorm_internal.jn_tf2_full AS SELECT s.k, s.v, s.n, NULL::boolean AS refresh_null FROM jn_src2 s;
SELECT is((SELECT row(f.deleted, f.inserted, f.total)::text
             FROM jeugdnorm_internal.refresh_table_full('jeugdnorm_internal.jn_tf2') f),
          '(0,3,3)', 'a range key: 3 rows into the empty table');
SELECT is((SELECT row(f.deleted, f.inserted, f.total)::text
             FROM jeugdnorm_internal.refresh_table_full('jeugdnorm_internal.jn_tf2') f),
          '(1,1,3)', '... again: only the row with the NULL range key is rewritten');
SELECT is((SELECT count(*) FROM jeugdnorm_internal.jn_tf2), 3::bigint, '... and the table holds 3 rows');
UPDATE jn_src2 SET v = 9 WHERE k = int4range(3, 4);
UPDATE jn_src2 SET n = 1.00 WHERE k = int4range(1, 2);
SELECT is((SELECT row(f.deleted, f.inserted, f.total)::text
             FROM jeugdnorm_internal.refresh_table_full('jeugdnorm_internal.jn_tf2') f),
          '(3,3,3)', '... two changed rows (one in a numeric''s scale only: the whole-row image differs) and the NULL-key row');
SELECT is((SELECT string_agg(t::text, ' ' ORDER BY t::text) FROM jeugdnorm_internal.jn_tf2 t),
          '("[1,2)",1,1.00,) ("[3,4)",9,5,) (,2,,)', '... the rows of the query');

-- 6. refresh(): the rows logged for a full step are the rows each
--    per-client table holds, on a first refresh (empty tables) and a second
--    (the difference, nothing changed)
\o /dev/null
\i test/fixtures/demo_small.sql
\o
CREATE FUNCTION jn_logged_vs_count() RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
    g record;
    n bigint;
    out text := '';
BEGIN
    FOR g IN SELECT l.materialized_view, l.rows FROM jeugdnorm.refresh_log l
              WHERE l.refresh_id = (SELECT max(refresh_id) FROM jeugdnorm.refresh_log) AND l.step > 0
                AND l.materialized_view IN (SELECT 'jeugdnorm_internal.' || r.materialized_view
                                              FROM jeugdnorm_internal.refresh_registry r WHERE r.strategy = 'per_client')
              ORDER BY 1 LOOP
        EXECUTE format('SELECT count(*) FROM %s', g.materialized_view) INTO n;
        IF n IS DISTINCT FROM g.rows THEN
            out := out || g.materialized_view || ' logged ' || coalesce(g.rows::text, 'NULL') || ', holds ' || n || ' ';
        END IF;
    END LOOP;
    RETURN out;
END $f$;
SELECT lives_ok($$SELECT jeugdnorm.refresh(full => true)$$, 'refresh(full => true) of the small demo region');
SELECT is(jn_logged_vs_count() || CASE WHEN (SELECT count(*) FROM jeugdnorm_internal.mv_path_allocations) = 0
                                       THEN 'mv_path_allocations is empty' ELSE '' END,
          '', '... logs for every per-client table the rows it holds (mv_path_allocations: some)');
SELECT lives_ok($$SELECT jeugdnorm.refresh(full => true)$$, 'refresh(full => true) again (the difference: none)');
SELECT is(jn_logged_vs_count(), '', '... logs the rows each holds again');

SELECT * FROM finish();
ROLLBACK;
