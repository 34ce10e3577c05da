-- pgTAP: round trip (DEFINITIONS.md section 11).  The demo region (scale
-- 0.05, test/generator/demo_region.sql), made what iJw can carry and given
-- BSNs (test/generator/demo_ijw.sql: ijw_normalise), is written as iJw 3.2
-- messages (ijw_messages: JW301, JW307, JW315, JW319, JW323) and loaded
-- with load_ijw() into empty input tables: every view of schema jeugdnorm
-- then holds exactly the rows it held with the region loaded as rows,
-- client keys through the same pseudonymisation key.  Also: no BSN of the
-- region anywhere afterwards.
BEGIN;
CREATE EXTENSION jeugdnorm;
\i test/generator/demo_region.sql
\i test/generator/demo_ijw.sql
SELECT plan(8);

SELECT jeugdnorm.set_pseudonym_key('round trip key: 0123456789abcdef0123456789');
CREATE TEMP TABLE gen AS SELECT * FROM jeugdnorm_demo.generate(42, 0.05);
SELECT jeugdnorm_demo.ijw_normalise();
SELECT cmp_ok(jeugdnorm_demo.ijw_messages(), '>', 1000::bigint, 'the demo region is written as over a thousand messages');

-- every row of every plain view of schema jeugdnorm, as text
CREATE TEMP TABLE views AS
SELECT c.relname::text AS view_name
  FROM pg_class c
 WHERE c.relnamespace = 'jeugdnorm'::regnamespace AND c.relkind = 'v'
   -- data_status describes the loads themselves (ids, times, counts of loads)
   AND c.relname <> 'data_status';
CREATE FUNCTION pg_temp.snap(tag text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE v text;
BEGIN
    FOR v IN SELECT view_name FROM views ORDER BY 1 LOOP
        EXECUTE format('INSERT INTO snap SELECT %L, %L, t::text FROM jeugdnorm.%I t', tag, v, v);
    END LOOP;
END $$;
CREATE TEMP TABLE snap (tag text, view_name text, row text);

SELECT lives_ok($$ SELECT * FROM jeugdnorm.refresh() $$, 'refresh with the region loaded as rows');
SELECT pg_temp.snap('rows');

-- the same region, now from the messages only
TRUNCATE jeugdnorm.toewijzing, jeugdnorm.declaratie, jeugdnorm.verzoek, jeugdnorm.rejected;
SELECT results_eq($$ SELECT sum(afgewezen), sum(rows_rejected) FROM jeugdnorm.load_ijw() $$,
    $$ VALUES (0::numeric, 0::numeric) $$, 'load_ijw(): no message afgewezen, no element refused');
-- declaratie_id is a surrogate key (data_quality_rows names claim lines by
-- it): give each line back the id of the line it was written from, which
-- its ReferentieNummer carries ('R' || declaratie_id)
UPDATE jeugdnorm.declaratie SET declaratie_id = -declaratie_id;
UPDATE jeugdnorm.declaratie SET declaratie_id = substr(referentienummer, 2)::bigint;
SELECT lives_ok($$ SELECT * FROM jeugdnorm.refresh() $$, 'refresh with the region loaded from XML');
SELECT pg_temp.snap('xml');

SELECT cmp_ok((SELECT count(*) FROM snap WHERE tag = 'rows'), '>', 10000::bigint,
              'the views hold more than ten thousand rows to compare');
SELECT is((SELECT count(DISTINCT view_name) FROM snap WHERE tag = 'rows'),
          (SELECT count(*) FROM views), 'every view of schema jeugdnorm is compared');
SELECT results_eq(
    $$ SELECT view_name, count(*) FROM (
           (SELECT view_name, row FROM snap WHERE tag = 'rows' EXCEPT ALL SELECT view_name, row FROM snap WHERE tag = 'xml')
           UNION ALL
           (SELECT view_name, row FROM snap WHERE tag = 'xml' EXCEPT ALL SELECT view_name, row FROM snap WHERE tag = 'rows')) d
       GROUP BY view_name ORDER BY view_name $$,
    $$ SELECT NULL::text, NULL::bigint WHERE false $$,
    'round trip: every view has exactly the same rows (as a multiset) after loading the messages');

SELECT is((SELECT count(*) FROM jeugdnorm.ijw_bericht b
            WHERE EXISTS (SELECT 1 FROM jeugdnorm_demo.client_bsn c WHERE strpos(b.bericht, c.bsn) > 0)),
          0::bigint, 'no BSN of the region in any kept message');

SELECT * FROM finish();
ROLLBACK;
