-- test/citus/key_collisions.sql -- an allocation or request key held by
-- two clients on the cluster (make test-citus; distribute() ran, the demo
-- region is loaded and refreshed).
-- On one node the primary key (gemeente, toewijzingnummer) refuses a second
-- row; on Citus the key leads with client_id, so a plain INSERT can store
-- an allocation under a second client.  refresh() must then stop with
-- 23505 naming the key and both clients, change nothing, and run again once
-- the wrong row is gone (90_distribute.sql, distributed_snapshot()).
-- No enclosing transaction: refresh() reads the shards over other
-- connections; the rows added here are deleted at the end.
SELECT plan(9);

CREATE TEMP TABLE kc_before AS
SELECT max(refresh_id) AS refresh_id FROM jeugdnorm.refresh_log;
CREATE TEMP TABLE kc_paths AS
SELECT count(*) AS n, sum(hashtext(c::text)) AS h FROM jeugdnorm_internal.mv_care_paths c;
-- the allocation that gets a second client: the first by key
CREATE TEMP TABLE kc_key AS
SELECT gemeente, toewijzingnummer, client_id FROM jeugdnorm.toewijzing
 ORDER BY gemeente, toewijzingnummer LIMIT 1;

INSERT INTO jeugdnorm.toewijzing
SELECT (jsonb_populate_record(t, jsonb_build_object('client_id', 'kc-second-client'))).*
  FROM jeugdnorm.toewijzing t
 WHERE (t.gemeente, t.toewijzingnummer, t.client_id) = (SELECT gemeente, toewijzingnummer, client_id FROM kc_key);
SELECT is((SELECT count(*) FROM jeugdnorm.toewijzing t
            WHERE (t.gemeente, t.toewijzingnummer) = (SELECT gemeente, toewijzingnummer FROM kc_key)),
          2::bigint, 'on Citus a plain INSERT stores the allocation key under a second client');

-- the error: SQLSTATE, message, the key and both clients in the DETAIL
-- (a pg_temp function: Citus warns that it stays local)
SET client_min_messages = error;
CREATE FUNCTION pg_temp.error_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE s text; m text; d text;
BEGIN
    EXECUTE q;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, m = MESSAGE_TEXT, d = PG_EXCEPTION_DETAIL;
    RETURN s || ' | ' || m || ' | ' || d;
END $$;
RESET client_min_messages;
CREATE TEMP TABLE kc_err AS SELECT pg_temp.error_of('SELECT * FROM jeugdnorm.refresh()') AS e;
SELECT is(split_part((SELECT e FROM kc_err), ' | ', 1), '23505', 'refresh() refuses with 23505');
SELECT is(split_part((SELECT e FROM kc_err), ' | ', 2),
          'jeugdnorm refresh: 1 allocation keys (gemeente, toewijzingnummer) are held by more than one client',
          'the message counts the keys');
SELECT is(split_part((SELECT e FROM kc_err), ' | ', 3),
          (SELECT format('(%s, %s) client %s; (%s, %s) client %s (the first 20 rows).  Nothing was changed.',
                         gemeente, toewijzingnummer, least(client_id, 'kc-second-client'),
                         gemeente, toewijzingnummer, greatest(client_id, 'kc-second-client'))
             FROM kc_key),
          'the DETAIL names the key and both clients');
SELECT is((SELECT max(refresh_id) FROM jeugdnorm.refresh_log), (SELECT refresh_id FROM kc_before),
          'nothing changed: no refresh run logged');
SELECT is((SELECT count(*) AS n FROM jeugdnorm_internal.mv_care_paths),
          (SELECT n FROM kc_paths), 'nothing changed: the care paths as before');

-- a request key held by two clients: the same refusal
DELETE FROM jeugdnorm.toewijzing WHERE client_id = 'kc-second-client';
INSERT INTO jeugdnorm.verzoek
SELECT (jsonb_populate_record(NULL::jeugdnorm.verzoek, to_jsonb(v) || jsonb_build_object('client_id', 'kc-second-client'))).*
  FROM (SELECT * FROM jeugdnorm.verzoek ORDER BY gemeente, verzoeknummer LIMIT 1) v;
SELECT is(split_part(pg_temp.error_of('SELECT * FROM jeugdnorm.refresh()'), ' | ', 2),
          'jeugdnorm refresh: 1 request keys (gemeente, verzoeknummer) are held by more than one client',
          'a request key held by two clients: refused too');
DELETE FROM jeugdnorm.verzoek WHERE client_id = 'kc-second-client';

-- the wrong rows gone: refresh() runs, the care paths are the same
SELECT lives_ok('SELECT * FROM jeugdnorm.refresh()', 'without the second client refresh() runs');
SELECT is((SELECT count(*) || '/' || sum(hashtext(c::text)) FROM jeugdnorm_internal.mv_care_paths c),
          (SELECT n || '/' || h FROM kc_paths), 'and gives the care paths as before');

SELECT * FROM finish();
DROP TABLE kc_before, kc_paths, kc_key, kc_err;
