-- pgTAP: incremental refresh (issue 16, part 1; 97_incremental.sql).
--
--  * Property: on a small demo region (seed 16, scale 0.01, ~90 clients),
--    50 random batches of inserts, updates and deletes of allocations,
--    claim lines and requests -- moving an allocation to another client,
--    deleting a client's only allocation, a claim line moved to another
--    allocation, client_id set to NULL, a product's productgroep changed,
--    the peildatum changed -- each followed by refresh().  After each, every
--    view of schema jeugdnorm equals a full recompute: refresh(full =>
--    true) in a subtransaction that is rolled back, so the incremental
--    state carries on from batch to batch and errors would accumulate.
--    The money views (section 10) are among them: their per-client
--    tables are recomputed for the changed clients, their rollups in full.
--    The mode is checked too: a batch of fact changes only is
--    'incremental' with the number of changed clients, a catalogue or
--    settings change is 'full'.
--  * Change capture: the triggers note the clients (old and new rows; a
--    claim line's allocation client) as the loader role, which has no
--    privilege on jeugdnorm_internal.
--  * Cancel: a refresh cancelled half-way by statement_timeout (a second
--    session holds a lock the last step needs) leaves every view as it was
--    and the pending changes pending; the next refresh catches up.
-- Runs in its own database (the cancel needs committed objects that a
-- second session can lock), dropped at the end.
\set QUIET on
SET client_min_messages = warning;
DROP DATABASE IF EXISTS jn_incremental;
DROP ROLE IF EXISTS jn_incr_loader;
CREATE DATABASE jn_incremental;
\c jn_incremental
SET client_min_messages = warning;
SET jeugdnorm.progress = off;
CREATE EXTENSION pgtap;
CREATE EXTENSION jeugdnorm;
\i test/generator/demo_region.sql
SELECT count(*) > 0 AS generated FROM jeugdnorm_demo.generate(16, 0.01) \gset

\i test/lib/refresh_snapshot.sql

-- the pending changes one key a row (refresh_pending has one row per
-- statement with its keys as arrays)
CREATE VIEW jn_pending AS
SELECT p.source, p.full_recompute, k.client_id, k.gemeente, k.toewijzingnummer
  FROM jeugdnorm_internal.refresh_pending p
  LEFT JOIN LATERAL unnest(p.client_id, p.gemeente, p.toewijzingnummer)
            AS k(client_id, gemeente, toewijzingnummer) ON true;

-- the snapshot after a full recompute, which is then rolled back
CREATE FUNCTION jn_full_snapshot() RETURNS TABLE (view_name text, rows bigint, digest text)
LANGUAGE plpgsql AS $f$
DECLARE
    snap jsonb;
BEGIN
    BEGIN
        PERFORM count(*) FROM jeugdnorm.refresh(full => true);
        SELECT jsonb_agg(to_jsonb(s)) INTO snap FROM jn_snapshot() s;
        RAISE EXCEPTION 'roll back' USING ERRCODE = 'P0001';
    EXCEPTION WHEN raise_exception THEN
        NULL;
    END;
    RETURN QUERY SELECT * FROM jsonb_to_recordset(snap) AS x(view_name text, rows bigint, digest text);
END $f$;

-- the views whose incremental state differs from the full recompute
CREATE FUNCTION jn_diff() RETURNS text
LANGUAGE sql AS $f$
    SELECT coalesce(string_agg(coalesce(a.view_name, b.view_name), ', ' ORDER BY coalesce(a.view_name, b.view_name)), '')
      FROM jn_snapshot() a
      FULL JOIN jn_full_snapshot() b ON a.view_name = b.view_name
     WHERE a.digest IS DISTINCT FROM b.digest OR a.rows IS DISTINCT FROM b.rows;
$f$;

-- a random batch: returns whether it touched the catalogue or the settings
CREATE FUNCTION jn_batch(b int) RETURNS boolean
LANGUAGE plpgsql AS $f$
DECLARE
    catalogue boolean := false;
    k int;
    r record;
BEGIN
    PERFORM setseed((b % 1000) / 1000.0);
    -- new allocations: copies of random ones, for their own client or another,
    -- later or earlier, with a few claim lines
    FOR k IN 1 .. 1 + (random() * 3)::int LOOP
        INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                          productcategorie, productcode, ingangsdatum, einddatum, volume,
                                          eenheid, frequentie, reden_wijziging)
        SELECT t.gemeente, 'N' || b || '-' || k,
               CASE WHEN random() < 0.5 THEN t.client_id
                    ELSE (SELECT t2.client_id FROM jeugdnorm.toewijzing t2 ORDER BY random() LIMIT 1) END,
               t.geboortedatum, t.aanbieder, t.productcategorie, t.productcode,
               t.ingangsdatum + (random() * 400 - 100)::int,
               CASE WHEN random() < 0.2 THEN NULL ELSE t.ingangsdatum + (random() * 400 + 200)::int END,
               t.volume, t.eenheid, t.frequentie, NULL
          FROM jeugdnorm.toewijzing t
         ORDER BY random() LIMIT 1;
        INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                          productcode, begindatum, einddatum, volume, eenheid, bedrag)
        SELECT t.gemeente, t.toewijzingnummer, t.client_id, t.aanbieder, t.productcategorie, t.productcode,
               d, d + 20, 3, t.eenheid, 150
          FROM jeugdnorm.toewijzing t,
               generate_series(greatest(t.ingangsdatum, date '2021-01-01'),
                               least(coalesce(t.einddatum, date '2025-12-31'), date '2025-12-31') - 20,
                               interval '1 month') AS g(x),
               LATERAL (SELECT g.x::date AS d) AS dd
         WHERE t.toewijzingnummer = 'N' || b || '-' || k AND t.eenheid IS NOT NULL;
    END LOOP;
    -- einddatum changed (extended, shortened, opened)
    UPDATE jeugdnorm.toewijzing t
       SET einddatum = CASE WHEN random() < 0.2 THEN NULL
                            ELSE t.ingangsdatum + (random() * 500)::int END
     WHERE (t.gemeente, t.toewijzingnummer) IN
           (SELECT x.gemeente, x.toewijzingnummer FROM jeugdnorm.toewijzing x ORDER BY random() LIMIT 3);
    -- an allocation moves to another client (its claims go with it)
    UPDATE jeugdnorm.toewijzing t
       SET client_id = (SELECT x.client_id FROM jeugdnorm.toewijzing x WHERE x.client_id IS NOT NULL
                         ORDER BY random() LIMIT 1)
     WHERE (t.gemeente, t.toewijzingnummer) IN
           (SELECT x.gemeente, x.toewijzingnummer FROM jeugdnorm.toewijzing x ORDER BY random() LIMIT 1);
    -- the only allocation of a client goes (with its claim lines)
    IF b % 2 = 0 THEN
        SELECT x.gemeente, x.toewijzingnummer INTO r
          FROM jeugdnorm.toewijzing x
         WHERE x.client_id IN (SELECT y.client_id FROM jeugdnorm.toewijzing y
                                GROUP BY y.client_id HAVING count(*) = 1)
         ORDER BY random() LIMIT 1;
        DELETE FROM jeugdnorm.declaratie d WHERE d.gemeente = r.gemeente AND d.toewijzingnummer = r.toewijzingnummer;
        DELETE FROM jeugdnorm.toewijzing t WHERE t.gemeente = r.gemeente AND t.toewijzingnummer = r.toewijzingnummer;
    END IF;
    -- an allocation goes, its claim lines stay (orphans)
    IF b % 3 = 0 THEN
        DELETE FROM jeugdnorm.toewijzing t
         WHERE (t.gemeente, t.toewijzingnummer) IN
               (SELECT x.gemeente, x.toewijzingnummer FROM jeugdnorm.toewijzing x ORDER BY random() LIMIT 1);
    END IF;
    -- claim lines: some go, one moves to another allocation, amounts change
    DELETE FROM jeugdnorm.declaratie d
     WHERE d.declaratie_id IN (SELECT x.declaratie_id FROM jeugdnorm.declaratie x ORDER BY random() LIMIT 5);
    UPDATE jeugdnorm.declaratie d
       SET (gemeente, toewijzingnummer) = (SELECT t.gemeente, t.toewijzingnummer FROM jeugdnorm.toewijzing t
                                            ORDER BY random() LIMIT 1)
     WHERE d.declaratie_id IN (SELECT x.declaratie_id FROM jeugdnorm.declaratie x ORDER BY random() LIMIT 1);
    UPDATE jeugdnorm.declaratie d
       SET bedrag = -d.bedrag, volume = -d.volume
     WHERE d.declaratie_id IN (SELECT x.declaratie_id FROM jeugdnorm.declaratie x ORDER BY random() LIMIT 2);
    -- a client_id becomes NULL twice, and is set again in the next batch
    -- (a change of allocations without client_id makes the refresh full)
    IF b IN (21, 42) THEN
        UPDATE jeugdnorm.toewijzing t SET client_id = NULL
         WHERE (t.gemeente, t.toewijzingnummer) IN
               (SELECT x.gemeente, x.toewijzingnummer FROM jeugdnorm.toewijzing x ORDER BY random() LIMIT 1);
    ELSIF b IN (22, 43) THEN
        UPDATE jeugdnorm.toewijzing t SET client_id = 'J-BACK' || b WHERE t.client_id IS NULL;
    END IF;
    -- requests: one goes, one changes
    DELETE FROM jeugdnorm.verzoek v
     WHERE (v.gemeente, v.verzoeknummer) IN
           (SELECT x.gemeente, x.verzoeknummer FROM jeugdnorm.verzoek x ORDER BY random() LIMIT 1);
    -- data quality (mv_data_quality_rows per client, mv_data_quality_orphans):
    -- an exact copy of a claim line (of an allocation, or without one), a
    -- line whose own client_id is not its allocation's, an allocation for
    -- the key of lines without one, an allocation deleted ('13') or back,
    -- a request new or received after the peildatum
    INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                      productcode, begindatum, einddatum, volume, eenheid, bedrag)
    SELECT x.gemeente, x.toewijzingnummer, x.client_id, x.aanbieder, x.productcategorie,
           x.productcode, x.begindatum, x.einddatum, x.volume, x.eenheid, x.bedrag
      FROM jeugdnorm.declaratie x
     WHERE random() < 0.5 OR NOT EXISTS (SELECT FROM jeugdnorm.toewijzing t
                                          WHERE t.gemeente = x.gemeente AND t.toewijzingnummer = x.toewijzingnummer)
     ORDER BY random() LIMIT 1;
    INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                      productcode, begindatum, einddatum, volume, eenheid, bedrag)
    SELECT t.gemeente, t.toewijzingnummer, 'J-OWN' || b, t.aanbieder, t.productcategorie, t.productcode,
           t.ingangsdatum - 10, t.ingangsdatum + 10, 1, t.eenheid, 20
      FROM jeugdnorm.toewijzing t
     ORDER BY random() LIMIT 1;
    IF b % 4 = 1 THEN
        INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                          productcategorie, productcode, ingangsdatum, einddatum, volume,
                                          eenheid, frequentie)
        SELECT d.gemeente, d.toewijzingnummer, coalesce(d.client_id, 'J-ORPHAN' || b), date '2012-01-01',
               d.aanbieder, d.productcategorie, d.productcode, d.begindatum, d.einddatum + 30, 10,
               d.eenheid, '2'
          FROM jeugdnorm.declaratie d
         WHERE NOT EXISTS (SELECT FROM jeugdnorm.toewijzing t
                            WHERE t.gemeente = d.gemeente AND t.toewijzingnummer = d.toewijzingnummer)
         ORDER BY random() LIMIT 1;
    END IF;
    UPDATE jeugdnorm.toewijzing t
       SET reden_wijziging = CASE WHEN t.reden_wijziging = '13' THEN NULL ELSE '13' END
     WHERE (t.gemeente, t.toewijzingnummer) IN
           (SELECT x.gemeente, x.toewijzingnummer FROM jeugdnorm.toewijzing x ORDER BY random() LIMIT 1);
    INSERT INTO jeugdnorm.verzoek (gemeente, verzoeknummer, client_id, aanbieder, productcategorie, productcode,
                                   ontvangen)
    SELECT t.gemeente, 'VN' || b, t.client_id, t.aanbieder, t.productcategorie, t.productcode,
           date '2025-12-31' - 200 + (random() * 400)::int
      FROM jeugdnorm.toewijzing t WHERE t.client_id IS NOT NULL
     ORDER BY random() LIMIT 1;
    -- catalogue and settings (full recompute)
    IF b % 10 = 5 THEN
        UPDATE jeugdnorm.product p
           SET productgroep = (SELECT x.productgroep FROM jeugdnorm.product x
                                WHERE x.productgroep IS DISTINCT FROM p.productgroep ORDER BY random() LIMIT 1)
         WHERE (p.productcategorie, p.productcode) IN
               (SELECT x.productcategorie, x.productcode FROM jeugdnorm.product x ORDER BY random() LIMIT 1);
        catalogue := true;
    END IF;
    IF b % 12 = 7 THEN
        UPDATE jeugdnorm.settings SET peildatum = date '2025-12-31' - (random() * 400)::int;
        catalogue := true;
    END IF;
    RETURN catalogue;
END $f$;

-- first refresh: full (no recorded state), then nothing pending
SELECT plan(115);

SELECT is((SELECT mode FROM jeugdnorm.refresh_log WHERE step = 0 ORDER BY refresh_id DESC LIMIT 1), NULL,
          'no refresh yet');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'the first refresh runs');
SELECT is((SELECT mode FROM jeugdnorm.refresh_log WHERE step = 0 ORDER BY refresh_id DESC LIMIT 1), 'full',
          'the first refresh is full (no state recorded)');
SELECT is((SELECT count(*) FROM jeugdnorm_internal.refresh_pending), 0::bigint, 'nothing pending after it');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'a refresh with nothing pending');
SELECT is((SELECT array[mode, clients::text] FROM jeugdnorm.refresh_log WHERE step = 0 ORDER BY refresh_id DESC LIMIT 1),
          array['incremental', '0'], '... is incremental over 0 clients');
SELECT is(jn_diff(), '', 'after it every view equals a full recompute');
SELECT cmp_ok((SELECT count(*) FROM jn_snapshot()), '>=', 12::bigint, 'the comparison covers at least 12 views');
SELECT set_has('SELECT view_name FROM jn_snapshot()',
               $$VALUES ('jeugdnorm.data_quality'), ('jeugdnorm.data_quality_rows')$$,
               '... among them the data-quality views (per-client rows and the lines without allocation)');
SELECT ok(ARRAY['jeugdnorm.yearly_kpi', 'jeugdnorm.providers_per_month', 'jeugdnorm.plek_capacity',
                'jeugdnorm.cost_forecast', 'jeugdnorm.budget_uitnutting', 'jeugdnorm.traject_realisation']
          <@ (SELECT array_agg(view_name) FROM jn_snapshot()),
          'the comparison covers the money views of section 10 (their per-client tables and rollups)');

-- change capture: the clients of old and new rows, a claim line's allocation client
SELECT gemeente AS moved_gemeente, toewijzingnummer AS moved_nummer, client_id AS moved_from
  FROM jeugdnorm.toewijzing WHERE client_id IS NOT NULL ORDER BY gemeente, toewijzingnummer LIMIT 1 \gset
UPDATE jeugdnorm.toewijzing SET client_id = 'J-MOVED'
 WHERE gemeente = :'moved_gemeente' AND toewijzingnummer = :'moved_nummer';
SELECT set_eq('SELECT client_id FROM jn_pending',
              format('VALUES (%L), (%L)', 'J-MOVED', :'moved_from'),
              'an UPDATE of an allocation notes the client of its new and its old row');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh');
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  begindatum, einddatum, volume, eenheid, bedrag)
SELECT t.gemeente, t.toewijzingnummer, 'J-OWN', t.aanbieder, t.productcategorie, t.productcode,
       date '2025-06-01', date '2025-06-30', 1, t.eenheid, 10
  FROM jeugdnorm.toewijzing t WHERE t.client_id = 'J-MOVED';
SELECT set_eq('SELECT gemeente, toewijzingnummer, client_id FROM jn_pending',
              format('VALUES (%L, %L, NULL::text)', :'moved_gemeente', :'moved_nummer'),
              'a claim line notes its allocation''s key (refresh() looks up its client; its own client_id is read only by the data-quality rows, recomputed every time)');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh');
SELECT is((SELECT array[mode, clients::text] FROM jeugdnorm.refresh_log WHERE step = 0 ORDER BY refresh_id DESC LIMIT 1),
          array['incremental', '1'], '... recomputes the one client of that allocation');
SELECT is((SELECT count(*) FROM jeugdnorm.refresh_log l
            WHERE l.refresh_id = (SELECT max(refresh_id) FROM jeugdnorm.refresh_log)
              AND l.materialized_view LIKE 'jeugdnorm_internal.mv\_money\_%' AND l.mode = 'incremental'),
          6::bigint, '... and the six per-client money tables incrementally (claim sums, allocation years, partial sums, traject)');
-- as a loader role without privileges on jeugdnorm_internal
CREATE ROLE jn_incr_loader NOLOGIN;
GRANT USAGE ON SCHEMA jeugdnorm TO jn_incr_loader;
GRANT SELECT, UPDATE ON jeugdnorm.toewijzing TO jn_incr_loader;
INSERT INTO jeugdnorm.access (role_name, gemeente) VALUES ('jn_incr_loader', '*');
SELECT ok(NOT has_schema_privilege('jn_incr_loader', 'jeugdnorm_internal', 'USAGE'),
          'the loader role has no privilege on schema jeugdnorm_internal');
SET ROLE jn_incr_loader;
SELECT lives_ok($$UPDATE jeugdnorm.toewijzing SET einddatum = einddatum WHERE client_id = 'J-MOVED'$$,
                'the loader role changes an allocation (the trigger writes as its owner)');
RESET ROLE;
SELECT is((SELECT count(*) FROM jn_pending WHERE client_id = 'J-MOVED'), 1::bigint,
          '... and the change is noted (once: old and new row have the same client)');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh');
SELECT is(jn_diff(), '', 'every view equals a full recompute');

-- TRUNCATE and catalogue rows: full
UPDATE jeugdnorm.norm SET max_volume = max_volume WHERE false;
SELECT is((SELECT bool_and(full_recompute) FROM jeugdnorm_internal.refresh_pending WHERE source = 'norm'), true,
          'a statement on a catalogue table marks a full recompute');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh');
SELECT is((SELECT mode FROM jeugdnorm.refresh_log WHERE step = 0 ORDER BY refresh_id DESC LIMIT 1), 'full',
          '... which is full');
SELECT lives_ok('SELECT jeugdnorm.refresh(full => true)', 'refresh(full => true)');
SELECT is((SELECT mode FROM jeugdnorm.refresh_log WHERE step = 0 ORDER BY refresh_id DESC LIMIT 1), 'full',
          '... is full');

-- the property: 50 random batches
CREATE TEMP TABLE batch_result (b int, catalogue boolean, null_client boolean, mode text, clients bigint, diff text);
DO $$
DECLARE
    b int;
    cat boolean;
    null_client boolean;
BEGIN
    FOR b IN 1 .. 50 LOOP
        cat := jn_batch(b);
        -- a change of allocations without client_id makes the refresh full
        null_client := EXISTS (SELECT FROM jn_pending p
                                WHERE p.client_id IS NULL AND p.gemeente IS NULL AND NOT p.full_recompute)
                       OR EXISTS (SELECT FROM jn_pending p
                                    JOIN jeugdnorm.toewijzing t
                                      ON t.gemeente = p.gemeente AND t.toewijzingnummer = p.toewijzingnummer
                                   WHERE t.client_id IS NULL);
        PERFORM count(*) FROM jeugdnorm.refresh();
        INSERT INTO batch_result
        SELECT b, cat, null_client, l.mode, l.clients, jn_diff()
          FROM jeugdnorm.refresh_log l WHERE l.step = 0 ORDER BY l.refresh_id DESC LIMIT 1;
    END LOOP;
END $$;

SELECT is(diff, '', format('batch %s (%s, %s clients): every view equals a full recompute', b, mode, clients))
  FROM batch_result ORDER BY b;
SELECT is_empty($$SELECT b FROM batch_result WHERE (mode = 'full') <> (catalogue OR null_client)$$,
                'batches without catalogue, settings or client_id NULL changes are incremental, the others full');
SELECT cmp_ok((SELECT count(*) FROM batch_result WHERE mode = 'incremental'), '>=', 30::bigint,
              'at least 30 of the 50 batches are incremental');
SELECT ok((SELECT min(clients) FROM batch_result WHERE mode = 'incremental') > 0,
          'every incremental batch recomputed some clients');
SELECT ok((SELECT max(clients) FROM batch_result WHERE mode = 'incremental')
            < (SELECT count(DISTINCT client_id) FROM jeugdnorm.toewijzing) / 2,
          '... and far fewer than all');
SELECT ok((SELECT count(*) FROM jeugdnorm_internal.refresh_clients) = 0, 'refresh_clients is empty between refreshes');
SELECT cmp_ok((SELECT count(DISTINCT signal) FROM jeugdnorm.data_quality_rows), '>=', 10::bigint,
              'the batches leave rows in at least 10 of the 13 data-quality signals (the comparison compares something)');

-- full refresh (refresh_table_full, 80_refresh.sql): the difference only
-- the per-client tables that differ from their own query (<v>_full), row
-- for row (EXCEPT ALL both ways)
CREATE FUNCTION jn_tables_vs_full() RETURNS text
LANGUAGE plpgsql AS $f$
DECLARE
    t text;
    n bigint;
    out text := '';
BEGIN
    FOR t IN SELECT g.materialized_view FROM jeugdnorm_internal.refresh_registry g
              WHERE g.strategy = 'per_client' ORDER BY 1 LOOP
        EXECUTE format('SELECT count(*) FROM ((SELECT * FROM jeugdnorm_internal.%1$I EXCEPT ALL SELECT * FROM jeugdnorm_internal.%2$I)'
                       ' UNION ALL (SELECT * FROM jeugdnorm_internal.%2$I EXCEPT ALL SELECT * FROM jeugdnorm_internal.%1$I)) x',
                       t, t || '_full') INTO n;
        IF n > 0 THEN
            out := out || CASE WHEN out = '' THEN '' ELSE ', ' END || t;
        END IF;
    END LOOP;
    RETURN out;
END $f$;
-- every row version of the per-client tables (ctid, xmin): unchanged when
-- a refresh wrote no row
CREATE FUNCTION jn_row_versions() RETURNS text
LANGUAGE plpgsql AS $f$
DECLARE
    t text;
    d text;
    out text := '';
BEGIN
    FOR t IN SELECT g.materialized_view FROM jeugdnorm_internal.refresh_registry g
              WHERE g.strategy = 'per_client' ORDER BY 1 LOOP
        EXECUTE format('SELECT count(*) || '':'' || md5(string_agg(ctid::text || xmin::text, '','' ORDER BY ctid)) FROM jeugdnorm_internal.%I', t)
           INTO d;
        out := out || t || '=' || d || ' ';
    END LOOP;
    RETURN out;
END $f$;
-- an allocation before every other of its region: an incremental refresh
-- numbers it after the largest contract_order, a full one renumbers
-- every allocation after it
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder, productcategorie, productcode,
                                  ingangsdatum, einddatum, volume, eenheid, frequentie)
SELECT t.gemeente, 'JN-EARLY-1', t.client_id, t.geboortedatum, t.aanbieder, t.productcategorie, t.productcode,
       (SELECT min(ingangsdatum) FROM jeugdnorm.toewijzing) - 1, (SELECT min(ingangsdatum) FROM jeugdnorm.toewijzing) + 30,
       t.volume, t.eenheid, t.frequentie
  FROM jeugdnorm.toewijzing t
 WHERE t.client_id IS NOT NULL ORDER BY t.gemeente, t.toewijzingnummer LIMIT 1;
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'an incremental refresh after an allocation earlier than all others');
SELECT isnt(jn_tables_vs_full(), '',
            '... leaves the tables'' internal numbering (contract_order) different from a recompute');
SELECT lives_ok('SELECT jeugdnorm.refresh(full => true)', 'refresh(full => true)');
SELECT is(jn_tables_vs_full(), '',
          '... after it every per-client table equals its query (<v>_full), row for row: the difference applied was complete');
SELECT jn_row_versions() AS versions_before \gset
SELECT lives_ok('SELECT jeugdnorm.refresh(full => true)', 'refresh(full => true) again, nothing changed');
SELECT is(jn_row_versions(), :'versions_before',
          '... rewrites no row of the per-client tables (same rows, same row versions; rows with a NULL key included)');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh() with nothing pending');
SELECT is(jn_row_versions(), :'versions_before', '... does not touch the per-client tables either');

-- a peildatum of NULL reads as the day of the refresh: a new day forces full
UPDATE jeugdnorm.settings SET peildatum = NULL;
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh with peildatum NULL');
UPDATE jeugdnorm_internal.refresh_state
   SET settings = replace(settings, current_date::text, (current_date - 1)::text);
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh on "the next day" (the recorded peildatum is yesterday)');
SELECT is((SELECT mode FROM jeugdnorm.refresh_log WHERE step = 0 ORDER BY refresh_id DESC LIMIT 1), 'full',
          '... is full');
UPDATE jeugdnorm.settings SET peildatum = date '2025-12-31';
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'refresh');

-- EXPLAIN: the client restriction is applied where the allocations are read
CREATE FUNCTION jn_explain(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
    line text;
    plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN ' || q LOOP
        plan := plan || line || E'\n';
    END LOOP;
    RETURN plan;
END $f$;
-- (refresh_clients is empty here: the planner joins it first and probes
-- the client_id indexes; with many clients it may hash-join instead)
SELECT matches(jn_explain('SELECT * FROM jeugdnorm_internal.mv_path_allocations_delta'),
               '(on toewijzing t[^\n]*\n([^\n]*\n)?[^\n]*(Cond|Filter): [^\n]*client_id = rc[_0-9]*\.client_id)|(Semi Join[^\n]*\n[^\n]*Cond: \(t\.client_id = rc[_0-9]*\.client_id\)[^\n]*\n[^\n]*on toewijzing t)',
               'mv_path_allocations_delta: toewijzing is read for the changed clients only (joined to refresh_clients)');
-- (a scan of the table: "on toewijzing t", not a bitmap index scan "on toewijzing_..._idx")
SELECT is((SELECT count(*)::int FROM regexp_matches(jn_explain('SELECT * FROM jeugdnorm_internal.mv_path_allocations_delta'),
                                                   'on toewijzing\M', 'g')), 1,
          '... and toewijzing is read only there (a relation scan: "on toewijzing t", not an index name as in "Bitmap Index Scan on toewijzing_client_...")');
SELECT matches(jn_explain('SELECT * FROM jeugdnorm_internal.mv_care_paths_delta'),
               '(on mv_path_allocations[^\n]*\n([^\n]*\n)?[^\n]*(Cond|Filter): [^\n]*client_id = rc[_0-9]*\.client_id)|(Semi Join[^\n]*\n[^\n]*Cond: \(mv_path_allocations[_0-9]*\.client_id = rc[_0-9]*\.client_id\)[^\n]*\n[^\n]*on mv_path_allocations)',
               'mv_care_paths_delta: mv_path_allocations is read for the changed clients only');

-- readers: a second session reading during a refresh is not blocked and
-- sees the old state of every view; after the commit, the new one
SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'dblink') AS have_dblink \gset
\if :have_dblink
CREATE EXTENSION dblink;
SELECT dblink_connect('jn_reader',
           format('host=%s port=%s dbname=%s user=%s options=-cstatement_timeout=5s',
                  split_part(current_setting('unix_socket_directories'), ',', 1),
                  current_setting('port'), current_database(), current_user)) AS reader_connected \gset
SELECT count(*) > 0 AS changed FROM (SELECT jn_batch(1000)) x \gset
CREATE TEMP TABLE reader_before AS SELECT * FROM jn_snapshot();
BEGIN;
SELECT count(*) AS steps FROM jeugdnorm.refresh() \gset
CREATE TEMP TABLE reader_during AS
SELECT * FROM dblink('jn_reader', 'SELECT * FROM jn_snapshot()') AS t(view_name text, rows bigint, digest text);
CREATE TEMP TABLE writer_during AS SELECT * FROM jn_snapshot();
COMMIT;
SELECT set_eq('SELECT * FROM reader_during', 'SELECT * FROM reader_before',
              'a reader during the refresh is not blocked and sees the old state of every view');
SELECT ok(EXISTS (SELECT * FROM writer_during EXCEPT SELECT * FROM reader_before),
          '... while the refreshing transaction already sees a new state');
SELECT set_eq($$SELECT * FROM dblink('jn_reader', 'SELECT * FROM jn_snapshot()') AS t(view_name text, rows bigint, digest text)$$,
              'SELECT * FROM writer_during', 'after the commit the reader sees the new state');
-- the same with refresh(full => true): a reader sees the old rows of every
-- view until the commit, never an emptied table
SELECT count(*) > 0 AS changed FROM (SELECT jn_batch(1002)) x \gset
CREATE TEMP TABLE full_reader_before AS SELECT * FROM jn_snapshot();
BEGIN;
SELECT count(*) AS steps FROM jeugdnorm.refresh(full => true) \gset
CREATE TEMP TABLE full_reader_during AS
SELECT * FROM dblink('jn_reader', 'SELECT * FROM jn_snapshot()') AS t(view_name text, rows bigint, digest text);
CREATE TEMP TABLE full_writer_during AS SELECT * FROM jn_snapshot();
COMMIT;
SELECT set_eq('SELECT * FROM full_reader_during', 'SELECT * FROM full_reader_before',
              'a reader during refresh(full => true) is not blocked and sees the old state of every view');
SELECT ok(EXISTS (SELECT * FROM full_writer_during EXCEPT SELECT * FROM full_reader_before),
          '... while the refreshing transaction already sees a new state');
SELECT set_eq($$SELECT * FROM dblink('jn_reader', 'SELECT * FROM jn_snapshot()') AS t(view_name text, rows bigint, digest text)$$,
              'SELECT * FROM full_writer_during', '... and after the commit the new one');
SELECT dblink_disconnect('jn_reader') AS reader_disconnected \gset

-- a refresh cancelled half-way
SELECT count(*) > 0 AS changed FROM (SELECT jn_batch(1001)) x \gset
CREATE TEMP TABLE before_cancel AS SELECT * FROM jn_snapshot();
CREATE TEMP TABLE pending_before AS SELECT * FROM jeugdnorm_internal.refresh_pending;
SELECT max(refresh_id) AS last_refresh FROM jeugdnorm.refresh_log \gset
SELECT is(dblink_connect('jn_block',
              format('host=%s port=%s dbname=%s user=%s',
                     split_part(current_setting('unix_socket_directories'), ',', 1),
                     current_setting('port'), current_database(), current_user)),
          'OK', 'a second session connects');
SELECT is(dblink_exec('jn_block', 'BEGIN; LOCK TABLE jeugdnorm_internal.refresh_state IN SHARE MODE'),
          'LOCK TABLE', 'the second session locks refresh_state, which the refresh writes after its last step');
CREATE FUNCTION jn_try_refresh() RETURNS text LANGUAGE plpgsql AS $f$
BEGIN
    PERFORM count(*) FROM jeugdnorm.refresh();
    RETURN 'completed';
EXCEPTION WHEN query_canceled THEN
    RETURN 'canceled';
END $f$;
SET statement_timeout = '3s';
SELECT jn_try_refresh() AS outcome \gset
RESET statement_timeout;
SELECT is(:'outcome'::text, 'canceled', 'the refresh waits after its last step and is cancelled by statement_timeout');
SELECT is(dblink_exec('jn_block', 'COMMIT'), 'COMMIT', 'the second session lets go');
SELECT is(dblink_disconnect('jn_block'), 'OK', 'and ends');
SELECT is((SELECT max(refresh_id) FROM jeugdnorm.refresh_log), :'last_refresh'::bigint,
          'the cancelled refresh left no log row');
SELECT set_eq('SELECT * FROM jn_snapshot()', 'SELECT * FROM before_cancel',
              'every view is as it was before the cancelled refresh');
SELECT bag_eq('SELECT * FROM jeugdnorm_internal.refresh_pending', 'SELECT * FROM pending_before',
              'the pending changes are still pending');
SELECT is((SELECT count(*) FROM jeugdnorm_internal.refresh_clients), 0::bigint, 'refresh_clients is empty');
SELECT lives_ok('SELECT jeugdnorm.refresh()', 'the next refresh runs');
SELECT is((SELECT mode FROM jeugdnorm.refresh_log WHERE step = 0 ORDER BY refresh_id DESC LIMIT 1), 'incremental',
          '... incrementally');
SELECT is(jn_diff(), '', '... and catches up: every view equals a full recompute');
\else
SELECT skip('dblink is not installed: readers and the cancel need a second session', 18);
\endif

SELECT * FROM finish();
\c jn_tap
SET client_min_messages = warning;
DROP DATABASE jn_incremental;
DROP ROLE jn_incr_loader;
