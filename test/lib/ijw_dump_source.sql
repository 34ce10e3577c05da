-- The scratch database of test/loader_ijw_dump.sql (run there with psql -f,
-- from the repository root; variables: tp = the third-party examples'
-- folder, bsns = the file the raw BSNs are written to).
--
-- The raw iJw messages of the tests, not yet loaded: the demo region of
-- the round trip (test/loader_ijw_roundtrip.sql: scale 0.05, seed 42,
-- written as JW301/JW307/JW315/JW319/JW323), the self-made examples
-- (test/fixtures/ijw) and the third-party examples (../shared/ijw, when
-- present).  The input tables hold only what the messages will bring:
-- the region's rows are removed, and so is the generator's schema
-- jeugdnorm_demo (its client_bsn table holds the BSNs in the clear).
-- Every Bsn element value of 9 digits in the messages is written to the
-- file :bsns, one a line (shorter or longer values could be any number in
-- a dump, an AGB code for one).
\set ON_ERROR_STOP 1
CREATE EXTENSION jeugdnorm;
SELECT jeugdnorm.set_pseudonym_key('dump test key: 0123456789abcdef0123456789');

\i test/generator/demo_region.sql
\i test/generator/demo_ijw.sql
CREATE TEMP TABLE gen AS SELECT * FROM jeugdnorm_demo.generate(42, 0.05);
SELECT jeugdnorm_demo.ijw_normalise();
SELECT jeugdnorm_demo.ijw_messages();
TRUNCATE jeugdnorm.toewijzing, jeugdnorm.declaratie, jeugdnorm.verzoek, jeugdnorm.rejected;
DROP SCHEMA jeugdnorm_demo CASCADE;
DROP TABLE gen;

\set m `cat test/fixtures/ijw/JW301_selfmade.xml`
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES ('JW301_selfmade.xml', :'m');
\set m `cat test/fixtures/ijw/JW305_selfmade.xml`
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES ('JW305_selfmade.xml', :'m');
\set m `cat test/fixtures/ijw/JW307_selfmade.xml`
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES ('JW307_selfmade.xml', :'m');
\set m `cat test/fixtures/ijw/JW315_selfmade.xml`
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES ('JW315_selfmade.xml', :'m');
\set m `cat test/fixtures/ijw/JW316_selfmade.xml`
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES ('JW316_selfmade.xml', :'m');
\set m `cat test/fixtures/ijw/JW319_selfmade.xml`
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES ('JW319_selfmade.xml', :'m');
\set m `cat test/fixtures/ijw/JW323_selfmade.xml`
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES ('JW323_selfmade.xml', :'m');
\set m `cat test/fixtures/ijw/JW325_selfmade.xml`
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES ('JW325_selfmade.xml', :'m');
\unset m

INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht)
SELECT f, pg_read_file(:'tp' || '/' || f)
  FROM pg_ls_dir(:'tp', true, false) AS f
 WHERE f LIKE '%.xml'
 ORDER BY f;

\pset tuples_only on
\pset format unaligned
\o :bsns
SELECT DISTINCT btrim(x.m[2], E' \t\r\n')
  FROM jeugdnorm.ijw_bericht b,
       regexp_matches(b.bericht, '<([A-Za-z0-9_.-]+:)?Bsn>([^<]*)</', 'g') AS x(m)
 WHERE btrim(x.m[2], E' \t\r\n') ~ '^[0-9]{9}$'
 ORDER BY 1;
\o
