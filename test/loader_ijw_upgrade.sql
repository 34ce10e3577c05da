-- pgTAP: load_ijw() on a database updated from 0.2.0 (issue 17, "Done when":
-- ALTER EXTENSION jeugdnorm UPDATE from 0.2.0 works with the new tables).
-- test/upgrade_catalog.sql shows the updated catalogue equals a fresh
-- 0.3.0 one; this shows the iJw loader runs on it: the self-made examples
-- loaded under a fresh 0.3.0 and, with the same key, under 0.2.0 + UPDATE
-- (with 0.2.0 rows already in declaratie) give the same messages, claim
-- lines, allocations, requests and refused elements.
BEGIN;
SELECT plan(8);

\set jw301 `cat test/fixtures/ijw/JW301_selfmade.xml`
\set jw307 `cat test/fixtures/ijw/JW307_selfmade.xml`
\set jw315 `cat test/fixtures/ijw/JW315_selfmade.xml`
\set jw319 `cat test/fixtures/ijw/JW319_selfmade.xml`
\set jw323 `cat test/fixtures/ijw/JW323_selfmade.xml`
\set jw325 `cat test/fixtures/ijw/JW325_selfmade.xml`
CREATE TEMP TABLE msgs (n int, naam text, bericht text);
INSERT INTO msgs VALUES (1, 'jw315', :'jw315'), (2, 'jw301', :'jw301'), (3, 'jw307', :'jw307'),
                        (4, 'jw319', :'jw319'), (5, 'jw323', :'jw323'), (6, 'jw325', :'jw325'),
                        (7, 'jw323 again', :'jw323');

-- what a fresh 0.3.0 loads (views of the tables without generated ids/timestamps)
CREATE EXTENSION jeugdnorm;
CREATE FUNCTION pg_temp.snap() RETURNS TABLE (tag text, r text) LANGUAGE sql AS $$
    SELECT 'b', concat_ws('|', bestandsnaam, status, reden, berichtcode, berichttype, inhoud_hash,
                          rows_loaded, rows_rejected, md5(bericht))
      FROM jeugdnorm.ijw_bericht
    UNION ALL
    SELECT 'd', concat_ws('|', gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                          begindatum, einddatum, volume, eenheid, bedrag, referentienummer, vorig_referentienummer)
      FROM jeugdnorm.declaratie WHERE referentienummer IS NOT NULL
    UNION ALL
    SELECT 't', t::text FROM jeugdnorm.toewijzing t
    UNION ALL
    SELECT 'v', v::text FROM jeugdnorm.verzoek v
    UNION ALL
    SELECT 'r', concat_ws('|', target, row, reason, source_row_no, element_pad) FROM jeugdnorm.rejected
$$;
SELECT jeugdnorm.set_pseudonym_key('ijw upgrade key: 0123456789abcdef0123456789');
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) SELECT naam, bericht FROM msgs ORDER BY n;
SELECT count(*) FROM jeugdnorm.load_ijw() \gset fresh_
CREATE TEMP TABLE fresh AS SELECT * FROM pg_temp.snap();
SELECT cmp_ok((SELECT count(*) FROM fresh WHERE tag = 'd'), '>', 0::bigint, 'a fresh 0.3.0 loads claim lines');
DROP EXTENSION jeugdnorm CASCADE;

-- 0.2.0 with a claim line of its own, then the update
CREATE EXTENSION jeugdnorm VERSION '0.2.0';
SELECT jeugdnorm.set_pseudonym_key('ijw upgrade key: 0123456789abcdef0123456789');
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                  productcode, begindatum, einddatum, volume, eenheid, bedrag)
VALUES ('0363', '1', 'c1', '12345678', '45', '45A12', '2024-01-01', '2024-01-31', 1, '01', 10.00);
SELECT ok(to_regclass('jeugdnorm.ijw_bericht') IS NULL, 'under 0.2.0 there is no ijw_bericht');
SELECT lives_ok('ALTER EXTENSION jeugdnorm UPDATE', 'ALTER EXTENSION jeugdnorm UPDATE from 0.2.0');
SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'jeugdnorm'), '0.3.0', 'now 0.3.0');
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) SELECT naam, bericht FROM msgs ORDER BY n;
SELECT lives_ok($$ SELECT * FROM jeugdnorm.load_ijw() $$, 'load_ijw() runs after the update from 0.2.0');
SELECT is((SELECT count(*) FROM jeugdnorm.declaratie WHERE referentienummer IS NULL), 1::bigint,
          'the 0.2.0 claim line is still there');
SELECT is_empty($$ SELECT * FROM fresh EXCEPT ALL SELECT * FROM pg_temp.snap() $$,
                'everything a fresh 0.3.0 loads, the updated one loads');
SELECT is_empty($$ SELECT * FROM pg_temp.snap() EXCEPT ALL SELECT * FROM fresh $$,
                '... and nothing else');

SELECT * FROM finish();
ROLLBACK;
