-- pgTAP: change capture of the incremental refresh (issue 16, part 1;
-- jeugdnorm_internal.capture_keys() in src/pg/capture.c, 97_incremental.sql).
--
-- Every way a fact row can change is noted for the next refresh(), which
-- then recomputes the affected clients (checked against a full recompute):
--   * a plain COPY into declaratie (no loader) notes the claim lines'
--     allocation keys, once each;
--   * the loaders (load_toewijzingen, load_declaraties) note what they
--     loaded; a rolled-back load, and a rolled-back savepoint, leave
--     nothing pending;
--   * UPDATE notes old and new keys, DELETE the old ones; a NULL client_id
--     is noted as a NULL key (the refresh is then full);
--   * a statement touching at least 10,000 rows and more than a fifth of
--     the table notes a full recompute instead of its keys;
--   * a concurrent transaction that commits after a refresh has read the
--     pending changes is picked up by the next refresh (dblink);
--   * the trigger function refuses wrong use with clear errors.
-- Runs in its own database (the concurrent session needs committed data),
-- dropped at the end.
\set QUIET on
SET client_min_messages = warning;
DROP DATABASE IF EXISTS jn_capture;
CREATE DATABASE jn_capture;
\c jn_capture
SET client_min_messages = warning;
SET jeugdnorm.progress = off;
CREATE EXTENSION pgtap;
CREATE EXTENSION jeugdnorm;
\i test/generator/demo_region.sql
SELECT count(*) > 0 AS generated FROM jeugdnorm_demo.generate(16, 0.01) \gset

\i test/lib/refresh_snapshot.sql

-- pending keys one a row
CREATE VIEW jn_pending AS
SELECT p.source, p.full_recompute, k.client_id, k.gemeente, k.toewijzingnummer
  FROM jeugdnorm_internal.refresh_pending p
  LEFT JOIN LATERAL unnest(p.client_id, p.gemeente, p.toewijzingnummer)
            AS k(client_id, gemeente, toewijzingnummer) ON true;

-- every view against a full recompute (rolled back)
CREATE FUNCTION jn_diff() RETURNS text
LANGUAGE plpgsql AS $f$
DECLARE
    snap jsonb;
    diff text;
BEGIN
    BEGIN
        PERFORM count(*) FROM jeugdnorm.refresh(full => true);
        SELECT jsonb_agg(to_jsonb(s)) INTO snap FROM jn_snapshot() s;
        RAISE EXCEPTION 'roll back' USING ERRCODE = 'P0001';
    EXCEPTION WHEN raise_exception THEN
        NULL;
    END;
    SELECT coalesce(string_agg(coalesce(a.view_name, b.view_name), ', '), '') INTO diff
      FROM jn_snapshot() a
      FULL JOIN jsonb_to_recordset(snap) AS b(view_name text, rows bigint, digest text) ON a.view_name = b.view_name
     WHERE a.digest IS DISTINCT FROM b.digest OR a.rows IS DISTINCT FROM b.rows;
    RETURN diff;
END $f$;

CREATE FUNCTION jn_last_run() RETURNS text[]
LANGUAGE sql AS $f$
    SELECT ARRAY[mode, clients::text] FROM jeugdnorm.refresh_log WHERE step = 0 ORDER BY refresh_id DESC LIMIT 1
$f$;

SELECT plan(39);

SELECT lives_ok('SELECT jeugdnorm.refresh()', 'the first refresh (full)');
SELECT is((SELECT count(*) FROM jeugdnorm_internal.refresh_pending), 0::bigint, 'nothing pending');

-- two allocations of two new clients, like an existing one
\set g1 0889
\set n1 CAPT-1
\set c1 J-CAPT-1
\set g2 0889
\set n2 CAPT-2
\set c2 J-CAPT-2
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder, productcategorie,
                                  productcode, ingangsdatum, einddatum, volume, eenheid, frequentie)
SELECT '0889', 'CAPT-' || i, 'J-CAPT-' || i, t.geboortedatum, t.aanbieder, t.productcategorie, t.productcode,
       date '2025-06-01', date '2025-12-31', t.volume, t.eenheid, t.frequentie
  FROM (SELECT * FROM jeugdnorm.toewijzing WHERE client_id IS NOT NULL ORDER BY gemeente, toewijzingnummer LIMIT 1) t,
       generate_series(1, 2) i;
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh after two new allocations');

-- 1. a plain COPY (no loader): three lines on the two allocations
COPY jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, begindatum, einddatum, volume, bedrag) FROM STDIN;
0889	CAPT-1	J-CAPT-1	2025-07-01	2025-07-01	1	10
0889	CAPT-1	J-CAPT-1	2025-07-02	2025-07-02	1	11
0889	CAPT-2	J-CAPT-2	2025-07-01	2025-07-01	1	10
\.
SELECT is((SELECT count(*) FROM jeugdnorm_internal.refresh_pending), 1::bigint, '... writes one pending row (one per statement)');
SELECT set_eq('SELECT source, full_recompute, client_id, gemeente, toewijzingnummer FROM jn_pending',
              format('VALUES (%L, false, NULL::text, %L, %L), (%L, false, NULL::text, %L, %L)',
                     'declaratie', :'g1', :'n1', 'declaratie', :'g2', :'n2'),
              '... noting the two allocation keys, each once');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh');
SELECT is(jn_last_run(), ARRAY['incremental', '2'], '... recomputes the two clients');
SELECT is(jn_diff(), '', '... and every view equals a full recompute');

-- 2. the loaders; a rolled-back load leaves nothing pending
CREATE TEMP TABLE src_lines AS
SELECT gemeente, toewijzingnummer, client_id, begindatum + 40 AS begindatum, einddatum + 40 AS einddatum, volume, bedrag
  FROM jeugdnorm.declaratie WHERE toewijzingnummer LIKE 'CAPT-%';
BEGIN;
SELECT is((SELECT loaded FROM jeugdnorm.load_declaraties('src_lines')), 3::bigint, 'load_declaraties loads three lines');
SELECT is((SELECT count(*) FROM jn_pending WHERE source = 'declaratie'), 2::bigint, '... and notes their two allocation keys');
ROLLBACK;
SELECT is((SELECT count(*) FROM jeugdnorm_internal.refresh_pending), 0::bigint, 'a rolled-back load leaves nothing pending');
BEGIN;
SAVEPOINT s;
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum, einddatum, bedrag)
VALUES (:'g1', :'n1', date '2025-09-01', date '2025-09-01', 1);
ROLLBACK TO SAVEPOINT s;
UPDATE jeugdnorm.toewijzing SET einddatum = einddatum WHERE (gemeente, toewijzingnummer) = (:'g2', :'n2');
COMMIT;
SELECT set_eq('SELECT source, client_id FROM jn_pending', format('VALUES (%L, %L)', 'toewijzing', :'c2'),
              'a rolled-back savepoint leaves nothing pending; the rest of its transaction is noted');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh');
SELECT is(jn_last_run(), ARRAY['incremental', '1'], '... recomputes that one client');

CREATE TEMP TABLE src_alloc AS
SELECT gemeente, toewijzingnummer || 'X' AS toewijzingnummer, :'c1'::text AS client_id, geboortedatum, aanbieder,
       productcategorie, productcode, ingangsdatum, einddatum, volume, eenheid, frequentie, budget
  FROM jeugdnorm.toewijzing WHERE (gemeente, toewijzingnummer) = (:'g2', :'n2');
SELECT is((SELECT loaded FROM jeugdnorm.load_toewijzingen('src_alloc')), 1::bigint, 'load_toewijzingen loads an allocation');
SELECT set_eq('SELECT source, client_id FROM jn_pending', format('VALUES (%L, %L)', 'toewijzing', :'c1'),
              '... and notes its client');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh');
SELECT is(jn_diff(), '', '... every view equals a full recompute');

-- 3. UPDATE: old and new keys; DELETE: the old ones; NULL client_id
UPDATE jeugdnorm.declaratie SET toewijzingnummer = :'n2', gemeente = :'g2'
 WHERE (gemeente, toewijzingnummer) = (:'g1', :'n1') AND begindatum = date '2025-07-01';
SELECT set_eq('SELECT gemeente, toewijzingnummer FROM jn_pending',
              format('VALUES (%L, %L), (%L, %L)', :'g1', :'n1', :'g2', :'n2'),
              'a claim line moved to another allocation notes the old and the new allocation');
DELETE FROM jeugdnorm.declaratie WHERE (gemeente, toewijzingnummer) = (:'g2', :'n2') AND begindatum = date '2025-07-01';
SELECT is((SELECT count(*) FROM jeugdnorm_internal.refresh_pending), 2::bigint, 'a DELETE writes its own pending row');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh');
SELECT is(jn_last_run(), ARRAY['incremental', '2'], '... recomputes both clients');
SELECT is(jn_diff(), '', '... every view equals a full recompute');
UPDATE jeugdnorm.toewijzing SET client_id = NULL WHERE (gemeente, toewijzingnummer) = (:'g2', :'n2' || 'X');
SELECT set_eq('SELECT client_id FROM jn_pending', format('VALUES (%L), (NULL)', :'c1'),
              'an allocation whose client_id becomes NULL notes the old client and a NULL key');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh');
SELECT is((jn_last_run())[1], 'full', '... which makes the refresh full');

-- 4. a statement touching most of the table: a full recompute, no keys
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum, einddatum, bedrag)
SELECT :'g1', :'n1', date '2020-01-01' + i % 1000, date '2020-01-01' + i % 1000, i
  FROM generate_series(1, 12000) i;
SELECT results_eq('SELECT source, full_recompute, client_id IS NULL AND gemeente IS NULL FROM jeugdnorm_internal.refresh_pending',
                  $$VALUES ('declaratie', true, true)$$,
                  'an INSERT of 12,000 claim lines (most of the table) notes a full recompute and no keys');
DELETE FROM jeugdnorm.declaratie WHERE begindatum < date '2025-01-01' AND (gemeente, toewijzingnummer) = (:'g1', :'n1');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh');
SELECT is((jn_last_run())[1], 'full', '... which is full');

-- 5. a concurrent writer: uncommitted while a refresh runs, committed after
SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'dblink') AS have_dblink \gset
\if :have_dblink
CREATE EXTENSION dblink;
SELECT is(dblink_connect('jn_writer',
              format('host=%s port=%s dbname=%s user=%s',
                     split_part(current_setting('unix_socket_directories'), ',', 1),
                     current_setting('port'), current_database(), current_user)),
          'OK', 'a second session connects');
SELECT is(dblink_exec('jn_writer', format(
              'BEGIN; INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum, einddatum, bedrag) VALUES (%L, %L, %L, %L, 5)',
              :'g2', :'n2', '2025-08-01', '2025-08-01')),
          'INSERT 0 1', '... inserts a claim line and does not commit yet');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'a refresh meanwhile');
SELECT is(jn_last_run(), ARRAY['incremental', '0'], '... does not see the uncommitted change');
SELECT is(dblink_exec('jn_writer', 'COMMIT'), 'COMMIT', 'the second session commits');
SELECT dblink_disconnect('jn_writer') AS writer_disconnected \gset
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'the next refresh');
SELECT is(jn_last_run(), ARRAY['incremental', '1'], '... recomputes the client of that claim line');
SELECT is(jn_diff(), '', '... every view equals a full recompute');
\else
SELECT skip('dblink is not installed: the concurrent writer needs a second session', 8);
\endif

-- 6. wrong use of the trigger function
CREATE TABLE jn_scratch (id int, label text);
CREATE TRIGGER t AFTER INSERT ON jn_scratch REFERENCING NEW TABLE AS n FOR EACH STATEMENT
    EXECUTE FUNCTION jeugdnorm_internal.capture_keys('id');
SELECT throws_ok('INSERT INTO jn_scratch VALUES (1, $$a$$)', '22023',
                 'jn_capture_keys: "id" is not a text column of jn_scratch', 'a key column that is not text is refused');
DROP TRIGGER t ON jn_scratch;
CREATE TRIGGER t AFTER INSERT ON jn_scratch FOR EACH STATEMENT
    EXECUTE FUNCTION jeugdnorm_internal.capture_keys('label');
SELECT throws_ok('INSERT INTO jn_scratch VALUES (1, $$a$$)', '39P01',
                 'jn_capture_keys: trigger "t" has no transition table', 'a trigger without transition table is refused');

SELECT * FROM finish();
\c jn_tap
SET client_min_messages = warning;
DROP DATABASE jn_capture;
