-- test/citus/loaders.sql -- the loaders on the cluster (make test-citus;
-- jeugdnorm.distribute() ran, the demo region is loaded and refreshed).
-- Through the coordinator, as the LOGIN role jn_citus_loader (member of
-- jeugdnorm_loader; Citus connects to the workers as that role):
--   1. load_toewijzingen: new allocations land in the shards; a row without
--      client_id and a row with an unknown unit are rejected with their
--      reasons; a stored allocation whose client changes moves to the new
--      client's shard with the source's columns replaced and the others
--      kept; loaded + rejected = the source's rows;
--   2. load_declaraties: lines land, exact duplicates (of stored lines and
--      inside the source) and a line without client_id are rejected;
--   3. load_verzoeken: a stored request is updated;
--   4. refresh() takes the new rows (care_paths gains the new clients);
--   5. the pseudonym key stays on the coordinator: the workers hold no row
--      of jeugdnorm.pseudonym_key.
-- No enclosing transaction: Citus refuses to let one role read shard
-- placements another role modified in the same transaction, so each load
-- commits and the rows it added are deleted at the end.
SELECT plan(16);

CREATE TEMP TABLE moved_key AS
SELECT * FROM jeugdnorm.toewijzing ORDER BY gemeente, toewijzingnummer LIMIT 1;
CREATE TEMP TABLE saved_v AS
SELECT * FROM jeugdnorm.verzoek ORDER BY gemeente, verzoeknummer LIMIT 1;
CREATE TABLE public.src_t AS
SELECT gemeente, 'CIT' || toewijzingnummer AS toewijzingnummer, 'citus-' || client_id AS client_id,
       aanbieder, productcategorie, productcode, ingangsdatum, einddatum, volume, eenheid, frequentie
  FROM jeugdnorm.toewijzing ORDER BY gemeente, toewijzingnummer LIMIT 5;
INSERT INTO public.src_t (gemeente, toewijzingnummer, client_id, productcategorie, ingangsdatum)
VALUES ('0889', 'CITNULL', NULL, '45', '2025-01-01');
INSERT INTO public.src_t (gemeente, toewijzingnummer, client_id, productcategorie, ingangsdatum, eenheid)
VALUES ('0889', 'CITUNIT', 'citus-x', '45', '2025-01-01', '99');
INSERT INTO public.src_t (gemeente, toewijzingnummer, client_id, productcategorie, ingangsdatum, einddatum)
SELECT m.gemeente, m.toewijzingnummer, 'citus-moved', '45', '2025-02-01', '2030-01-01' FROM moved_key m;
CREATE TABLE public.src_d AS
SELECT gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
       begindatum, einddatum, volume, eenheid, bedrag
  FROM jeugdnorm.declaratie ORDER BY declaratie_id LIMIT 3;
INSERT INTO public.src_d
SELECT gemeente, 'CIT' || toewijzingnummer, 'citus-' || client_id, aanbieder, productcategorie, productcode,
       DATE '2029-01-01', DATE '2029-01-31', volume, eenheid, bedrag
  FROM jeugdnorm.declaratie ORDER BY declaratie_id LIMIT 3;
INSERT INTO public.src_d SELECT * FROM public.src_d WHERE begindatum = '2029-01-01' LIMIT 1;
INSERT INTO public.src_d (gemeente, toewijzingnummer, client_id, begindatum, einddatum)
VALUES ('0889', 'CITNULL', NULL, '2029-01-01', '2029-01-02');
CREATE TABLE public.src_v AS
SELECT gemeente, verzoeknummer, client_id, ontvangen - 1 AS ontvangen
  FROM jeugdnorm.verzoek ORDER BY gemeente, verzoeknummer LIMIT 1;
GRANT SELECT ON public.src_t, public.src_d, public.src_v TO jn_citus_loader;
SELECT coalesce(max(rejected_id), 0) AS rejected_before FROM jeugdnorm.rejected \gset
SELECT coalesce(max(load_id), 0) AS load_before FROM jeugdnorm.load_log \gset

SET ROLE jn_citus_loader;
SELECT is((SELECT row(loaded, rejected)::text FROM jeugdnorm.load_toewijzingen('public.src_t')),
          '(6,2)', 'load_toewijzingen as a LOGIN loader role: 6 loaded, 2 rejected (8 source rows)');
SELECT is((SELECT row(loaded, rejected)::text FROM jeugdnorm.load_declaraties('public.src_d')),
          '(3,5)', 'load_declaraties: 3 loaded, 5 rejected (3 stored duplicates, 1 copy, 1 without client)');
SELECT is((SELECT row(loaded, rejected)::text FROM jeugdnorm.load_verzoeken('public.src_v')),
          '(1,0)', 'load_verzoeken: 1 loaded');
RESET ROLE;

SELECT is((SELECT count(*) FROM jeugdnorm.toewijzing WHERE toewijzingnummer LIKE 'CIT%'), 5::bigint,
          'the 5 new allocations are in the distributed table');
SELECT is((SELECT sum(n) FROM (SELECT (run_command_on_shards('jeugdnorm.toewijzing',
              $$SELECT count(*) FROM %s WHERE toewijzingnummer LIKE 'CIT%%'$$)).result::bigint AS n) x),
          5::numeric, '... stored in the shards');
SELECT is((SELECT array_agg(reason ORDER BY reason) FROM jeugdnorm.rejected
            WHERE target = 'toewijzing' AND rejected_id > :rejected_before),
          ARRAY['client_id is missing: required on a distributed (Citus) database',
                'unknown eenheid code ''99'''],
          'the rejected allocations are kept with their reasons');
SELECT is((SELECT row(t.client_id, t.einddatum, t.aanbieder IS NULL,
                       t.geboortedatum IS NOT DISTINCT FROM m.geboortedatum AND m.geboortedatum IS NOT NULL)::text
             FROM jeugdnorm.toewijzing t, moved_key m
            WHERE t.gemeente = m.gemeente AND t.toewijzingnummer = m.toewijzingnummer),
          '(citus-moved,2030-01-01,t,t)',
          'a stored allocation with a new client: moved, the source''s columns replaced (aanbieder by its NULL), the others (geboortedatum) kept');
SELECT is((SELECT count(*) FROM jeugdnorm.toewijzing t, moved_key m
            WHERE t.gemeente = m.gemeente AND t.toewijzingnummer = m.toewijzingnummer),
          1::bigint, '... and only once: the old client''s row is gone');
SELECT is((SELECT count(*) FROM jeugdnorm.declaratie WHERE toewijzingnummer LIKE 'CIT%'), 3::bigint,
          'the 3 new claim lines are in the distributed table');
SELECT is((SELECT array_agg(reason || ' x' || n ORDER BY reason)
             FROM (SELECT reason, count(*) AS n FROM jeugdnorm.rejected
                    WHERE target = 'declaratie' AND rejected_id > :rejected_before GROUP BY reason) r),
          ARRAY['client_id is missing: required on a distributed (Citus) database x1',
                'exact duplicate of a claim line already loaded x4'],
          'the rejected claim lines are kept with their reasons');
SELECT is((SELECT v.ontvangen FROM jeugdnorm.verzoek v, public.src_v s
            WHERE v.gemeente = s.gemeente AND v.verzoeknummer = s.verzoeknummer),
          (SELECT ontvangen FROM public.src_v), 'the stored request is updated');
SELECT is((SELECT count(*) FROM jeugdnorm.load_log WHERE load_id > :load_before AND finished IS NOT NULL
              AND loader IN ('load_toewijzingen', 'load_declaraties', 'load_verzoeken')),
          3::bigint, 'the three loads are logged');

-- 4. refresh
SELECT count(*) AS steps FROM jeugdnorm.refresh() \gset
SELECT is((SELECT count(*) FROM jeugdnorm.allocation_follow_up WHERE toewijzingnummer LIKE 'CIT%'), 5::bigint,
          'refresh() takes the 5 loaded allocations (allocation_follow_up: one row per kept allocation)');
SELECT cmp_ok((SELECT count(*) FROM jeugdnorm.care_paths WHERE client_id LIKE 'citus-%'), '>', 0::bigint,
              'and their care paths');

-- 5. the pseudonym key
SELECT count(*) AS key_set FROM (SELECT jeugdnorm.set_pseudonym_key('citus test key, not secret: 0123456789')) k \gset
SELECT is((SELECT count(*) FROM jeugdnorm.pseudonym_key), 1::bigint, 'the coordinator holds the key');
SELECT is((SELECT array_agg(result ORDER BY nodeport) FROM run_command_on_workers(
              'SELECT count(*) FROM jeugdnorm.pseudonym_key')),
          ARRAY['0', '0'], 'no worker holds a row of jeugdnorm.pseudonym_key');

SELECT * FROM finish();

-- clean up: the moved allocation goes back to its client, the test rows go
DELETE FROM jeugdnorm.toewijzing WHERE toewijzingnummer LIKE 'CIT%' OR client_id = 'citus-moved';
INSERT INTO jeugdnorm.toewijzing SELECT * FROM moved_key;
DELETE FROM jeugdnorm.declaratie WHERE toewijzingnummer LIKE 'CIT%';
DELETE FROM jeugdnorm.verzoek v WHERE (v.gemeente, v.verzoeknummer) IN (SELECT gemeente, verzoeknummer FROM saved_v);
INSERT INTO jeugdnorm.verzoek SELECT * FROM saved_v;
DELETE FROM jeugdnorm.pseudonym_key;
DROP TABLE public.src_t, public.src_d, public.src_v;
