-- pgTAP: the shortcuts load_ijw()'s parse takes for speed (src/pg/ijw.c,
-- bench/RESULTS.md "Raw iJw XML in, fewer instructions per message") load
-- what the straightforward formulation says:
--  * a claim line's volume and bedrag come from the parse as numeric
--    (ijw_claims()) and its dates as date: each declaratie row equals
--    what SQL computes from the message's own elements (XMLTABLE over the
--    text as received: sign * GeleverdVolume [/ 100 for Eenheid '83'],
--    sign * Bedrag / 100), scale included (compared as text), for integers
--    written with '+', leading zeros, 18 digits, zero, credits and debits;
--    a refused line keeps its fields as written in rejected.row;
--  * element names are numbered once and looked up by libxml2's interned
--    pointer, in a cache emptied with each new parser: messages that do not
--    parse (the parser is made anew after each) between good ones of every
--    kind load exactly what the good ones load alone; and after the parser
--    is renewed following 10,000 messages, the next ones still load;
--  * the content hashes: a hash index; the same content in a later call is
--    found ('verwerkt', nothing loaded, naming the first message);
--  * the claim lines that load bypass ijw_parse()'s rows (ijw_claims() hands
--    them over in the same statement): one message per batch (a statement
--    each) loads the same declaratie rows in the same declaratie_id order as
--    one batch; ijw_claims() without an ijw_parse() in its statement, or a
--    second time in it, is an error, not someone else's lines; beside an
--    open cursor over ijw_parse(), load_ijw() takes its own lines.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(19);
SELECT jeugdnorm.set_pseudonym_key('ijw speed key: 0123456789abcdef0123456789');

-- ---- 1. volume, bedrag and dates against SQL ------------------------------------------

-- a JW323 with one client and the given prestaties (each: ref, volume, eenheid,
-- bedrag, debet/credit, begin, end, all as text written into the XML)
CREATE FUNCTION pg_temp.m323(id text, bsn text, lines text[][]) RETURNS text LANGUAGE sql AS $f$
SELECT concat($x$<d:Bericht xmlns:d="http://www.istandaarden.nl/ijw/3_2/jw323/schema" xmlns:i="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
<d:Header><d:BerichtCode>490</d:BerichtCode><d:BerichtVersie>3</d:BerichtVersie><d:BerichtSubversie>2</d:BerichtSubversie>
<d:Afzender>87654321</d:Afzender><d:Ontvanger>0758</d:Ontvanger>
<d:BerichtIdentificatie><i:Identificatie>$x$, id, $x$</i:Identificatie><i:Dagtekening>2024-05-03</i:Dagtekening></d:BerichtIdentificatie></d:Header>
<d:Declaratie><d:Clienten><d:Client><d:Bsn>$x$, bsn, $x$</d:Bsn><d:Prestaties>$x$,
       (SELECT string_agg(concat($x$
<d:Prestatie><d:ProductReferentie><i:ReferentieNummer>$x$, lines[k][1], $x$</i:ReferentieNummer></d:ProductReferentie>
<d:ToewijzingNummer>7001</d:ToewijzingNummer><d:ProductCategorie>45</d:ProductCategorie><d:ProductCode>45A12</d:ProductCode>
<d:ProductPeriode><i:Begindatum>$x$, lines[k][6], $x$</i:Begindatum><i:Einddatum>$x$, lines[k][7], $x$</i:Einddatum></d:ProductPeriode>
<d:GeleverdVolume>$x$, lines[k][2], $x$</d:GeleverdVolume><d:Eenheid>$x$, lines[k][3], $x$</d:Eenheid>
<d:IngediendBedrag><i:Bedrag>$x$, lines[k][4], $x$</i:Bedrag><i:DebetCredit>$x$, lines[k][5], $x$</i:DebetCredit></d:IngediendBedrag>
</d:Prestatie>$x$), '' ORDER BY k) FROM generate_subscripts(lines, 1) k),
       $x$
</d:Prestaties></d:Client></d:Clienten></d:Declaratie></d:Bericht>$x$)
$f$;

-- 240 messages of 1 to 3 lines: every combination of these volumes, units,
-- amounts, signs and periods comes up
CREATE TEMP TABLE vals AS
SELECT m, k,
       (ARRAY['60', '+7', '007', '0', '123456789012345678', '1', '+000', '99999'])[1 + (m * 3 + k) % 8] AS vol,
       (ARRAY['01', '04', '14', '16', '82', '83', '84', '83'])[1 + (m + k * 5) % 8] AS eenheid,
       (ARRAY['6500', '+1', '0', '0001', '999999999999999999', '5', '12345', '+0099'])[1 + (m * 7 + k) % 8] AS bedrag,
       CASE WHEN (m + k) % 3 = 0 THEN 'C' ELSE 'D' END AS dc,
       (ARRAY['2024-01-01', '2024-02-29', '0999-12-31', '9999-12-20'])[1 + (m + 2 * k) % 4] AS begin
  FROM generate_series(1, 240) m, generate_series(1, 3) k
 WHERE k <= 1 + m % 3;
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht)
SELECT 'v' || m,
       pg_temp.m323('V' || m, '123456782',
                    array_agg(ARRAY['V' || m || '-' || k, vol, eenheid, bedrag, dc, begin,
                                    to_char(begin::date + k, 'YYYY-MM-DD')] ORDER BY k))
  FROM vals GROUP BY m;
-- and one message with a line refused (an unknown Eenheid) beside a good one
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES
    ('refused line', pg_temp.m323('W1', '123456782',
        ARRAY[ARRAY['W1-1', '+0042', '99', '0700', 'C', '2024-03-01', '2024-03-31'],
              ARRAY['W1-2', '0042', '83', '0700', 'C', '2024-03-01', '2024-03-31']]));
CREATE TEMP TABLE orig AS SELECT b.bericht_id, b.bestandsnaam, b.bericht FROM jeugdnorm.ijw_bericht b;

SELECT results_eq($$ SELECT sum(berichten), sum(verwerkt), sum(rows_loaded), sum(rows_rejected) FROM jeugdnorm.load_ijw() $$,
    $$ VALUES (241::numeric, 241::numeric, 481::numeric, 1::numeric) $$,
    'the 241 messages load: 480 + 1 lines, 1 refused');

-- the straightforward formulation: XMLTABLE over the text as received
CREATE TEMP TABLE expected AS
SELECT x.ref,
       ((CASE WHEN x.dc = 'C' THEN -1 ELSE 1 END
         * CASE WHEN x.eenheid = '83' THEN x.vol::numeric * 0.01 ELSE x.vol::numeric END))::text AS volume,
       ((CASE WHEN x.dc = 'C' THEN -1 ELSE 1 END * (x.bedrag::numeric * 0.01)))::text AS bedrag,
       x.eenheid, x.begindatum::date AS begindatum, x.einddatum::date AS einddatum
  FROM orig o,
       XMLTABLE(XMLNAMESPACES('http://www.istandaarden.nl/ijw/3_2/jw323/schema' AS d,
                              'http://www.istandaarden.nl/ijw/3_2/basisschema/schema' AS i),
                '/d:Bericht/d:Declaratie/d:Clienten/d:Client/d:Prestaties/d:Prestatie'
                PASSING CAST(o.bericht AS xml)
                COLUMNS ref text PATH 'd:ProductReferentie/i:ReferentieNummer',
                        vol text PATH 'd:GeleverdVolume', eenheid text PATH 'd:Eenheid',
                        bedrag text PATH 'd:IngediendBedrag/i:Bedrag',
                        dc text PATH 'd:IngediendBedrag/i:DebetCredit',
                        begindatum text PATH 'd:ProductPeriode/i:Begindatum',
                        einddatum text PATH 'd:ProductPeriode/i:Einddatum') x
 WHERE x.ref <> 'W1-1';

SELECT set_eq($$ SELECT referentienummer, volume::text, bedrag::text, eenheid, begindatum, einddatum
                   FROM jeugdnorm.declaratie $$,
              $$ SELECT * FROM expected $$,
    'every claim line''s volume, bedrag (values and scales) and dates are what SQL computes from its elements');
SELECT is((SELECT count(DISTINCT volume) FROM expected) >= 10 AND (SELECT count(DISTINCT bedrag) FROM expected) >= 10
          AND EXISTS (SELECT FROM expected WHERE volume LIKE '-%.__') AND EXISTS (SELECT FROM expected WHERE volume = '0.00')
          AND EXISTS (SELECT FROM expected WHERE volume = '123456789012345678'), true,
          '(the lines cover credits in euro, zero, 18 digits, many values)');
SELECT results_eq($$ SELECT r.element_pad, r.reason, r.row->>'volume', r.row->>'bedrag', r.row->>'begindatum',
                            r.row->>'einddatum', r.row ? 'volume_n', r.row ? 'bedrag_n'
                       FROM jeugdnorm.rejected r $$,
    $$ VALUES ('/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]', 'unknown eenheid code ''99''',
               '42', '700', '2024-03-01', '2024-03-31', false, false) $$,
    'a refused line: its reason, path and fields as written (canonical integers, ISO dates), no computed columns');

-- ---- 2. messages that do not parse between good ones -----------------------------------
\set jw301 `cat test/fixtures/ijw/JW301_selfmade.xml`
\set jw307 `cat test/fixtures/ijw/JW307_selfmade.xml`
\set jw315 `cat test/fixtures/ijw/JW315_selfmade.xml`
\set jw319 `cat test/fixtures/ijw/JW319_selfmade.xml`
\set jw323 `cat test/fixtures/ijw/JW323_selfmade.xml`
TRUNCATE jeugdnorm.ijw_bericht, jeugdnorm.declaratie, jeugdnorm.rejected, jeugdnorm.toewijzing, jeugdnorm.verzoek,
         jeugdnorm.ijw_toewijzing_versie, jeugdnorm.ijw_stop, jeugdnorm.ijw_verzoek_versie, jeugdnorm.ijw_antwoord;
CREATE TEMP TABLE good (n int, naam text, bericht text);
INSERT INTO good VALUES (1, 'jw315', :'jw315'), (2, 'jw301', :'jw301'), (3, 'jw307', :'jw307'),
                        (4, 'jw319', :'jw319'), (5, 'jw323', :'jw323'),
                        (6, 'g1', pg_temp.m323('G1', '123456782', ARRAY[ARRAY['G1-1', '60', '01', '6500', 'D', '2024-03-01', '2024-03-31']])),
                        (7, 'g2', pg_temp.m323('G2', '111222333', ARRAY[ARRAY['G2-1', '5', '83', '500', 'C', '2024-03-01', '2024-03-31']]));
-- what they load alone, in one call
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) SELECT naam, bericht FROM good ORDER BY n;
SELECT count(*) FROM jeugdnorm.load_ijw() \gset alone_
CREATE TEMP TABLE alone_b AS SELECT bestandsnaam, status, regexp_replace(reden, '[0-9]+', 'N', 'g') AS reden,
       berichtcode, inhoud_hash, rows_loaded, rows_rejected, md5(bericht) AS tekst FROM jeugdnorm.ijw_bericht;
CREATE TEMP TABLE alone_d AS SELECT gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
       begindatum, einddatum, volume, eenheid, bedrag, referentienummer, vorig_referentienummer FROM jeugdnorm.declaratie;
CREATE TEMP TABLE alone_t AS SELECT * FROM jeugdnorm.toewijzing;
CREATE TEMP TABLE alone_v AS SELECT * FROM jeugdnorm.verzoek;
CREATE TEMP TABLE alone_r AS SELECT b.bestandsnaam, r.reason, r.element_pad, r.row
  FROM jeugdnorm.rejected r JOIN jeugdnorm.ijw_bericht b USING (bericht_id);
TRUNCATE jeugdnorm.ijw_bericht, jeugdnorm.declaratie, jeugdnorm.rejected, jeugdnorm.toewijzing, jeugdnorm.verzoek,
         jeugdnorm.ijw_toewijzing_versie, jeugdnorm.ijw_stop, jeugdnorm.ijw_verzoek_versie, jeugdnorm.ijw_antwoord;
-- the same, each followed by a message that does not parse (cut off, a
-- DOCTYPE, an unknown namespace, an element nested in a Bsn, ...)
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht)
SELECT x.naam, x.bericht FROM (
    SELECT n * 2 AS o, naam, bericht FROM good
    UNION ALL
    SELECT n * 2 + 1, 'bad ' || n,
           CASE n % 4 WHEN 0 THEN left(bericht, 700)
                      WHEN 1 THEN '<!DOCTYPE x [<!ENTITY a "b">]>' || bericht
                      WHEN 2 THEN replace(bericht, '/3_2/', '/9_9/')
                      ELSE regexp_replace(bericht, '<([a-z0-9]+):Bsn>', '<\1:Bsn><\1:Bsn>') END
      FROM good) x
 ORDER BY x.o;
SELECT results_eq($$ SELECT sum(berichten), sum(afgewezen) FROM jeugdnorm.load_ijw() $$,
    $$ VALUES (14::numeric, 7::numeric) $$, '14 messages, the 7 bad ones refused');
SELECT is((SELECT count(*) FROM jeugdnorm.ijw_bericht WHERE bestandsnaam LIKE 'bad %' AND status = 'afgewezen'
             AND (reden LIKE 'not well-formed XML%' OR reden LIKE 'a DOCTYPE%' OR reden LIKE 'unknown message namespace%'
                  OR reden LIKE 'element Bsn inside the simple element Bsn')), 7::bigint,
          'each bad message refused for what is wrong with it');
SELECT set_eq($$ SELECT bestandsnaam, status, regexp_replace(reden, '[0-9]+', 'N', 'g'), berichtcode, inhoud_hash,
                        rows_loaded, rows_rejected, md5(bericht)
                   FROM jeugdnorm.ijw_bericht WHERE bestandsnaam NOT LIKE 'bad %' $$,
              $$ SELECT * FROM alone_b $$,
    'the good messages between bad ones: the same status, reason, counts, hash and kept text as alone');
SELECT set_eq($$ SELECT gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                        begindatum, einddatum, volume, eenheid, bedrag, referentienummer, vorig_referentienummer
                   FROM jeugdnorm.declaratie $$,
              $$ SELECT * FROM alone_d $$, '... the same claim lines');
SELECT set_eq($$ SELECT * FROM jeugdnorm.toewijzing $$, $$ SELECT * FROM alone_t $$, '... the same allocations');
SELECT set_eq($$ SELECT * FROM jeugdnorm.verzoek $$, $$ SELECT * FROM alone_v $$, '... the same requests');
SELECT set_eq($$ SELECT b.bestandsnaam, r.reason, r.element_pad, r.row
                   FROM jeugdnorm.rejected r JOIN jeugdnorm.ijw_bericht b USING (bericht_id) $$,
              $$ SELECT * FROM alone_r $$, '... and the same refused elements');

-- ---- 3. after 10,000 messages a new parser; the same content later ---------------------
-- 10,000 header-only JW305s (the parser is renewed after the 10,000th), then
-- two claims; then, in a second call, the claims again
TRUNCATE jeugdnorm.ijw_bericht, jeugdnorm.declaratie, jeugdnorm.rejected;
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht)
SELECT 'h' || i, concat('<p:Bericht xmlns:p="http://www.istandaarden.nl/ijw/3_2/jw305/schema" xmlns:b="http://www.istandaarden.nl/ijw/3_2/basisschema/schema"><p:Header><p:BerichtCode>438</p:BerichtCode><p:Afzender>12345678</p:Afzender><p:Ontvanger>0363</p:Ontvanger><p:BerichtIdentificatie><b:Identificatie>H',
                        i, '</b:Identificatie><b:Dagtekening>2024-02-06</b:Dagtekening></p:BerichtIdentificatie></p:Header></p:Bericht>')
  FROM generate_series(1, 10000) i;
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) SELECT naam, bericht FROM good WHERE naam IN ('g1', 'g2') ORDER BY n;
SELECT results_eq($$ SELECT berichtcode, berichten, verwerkt, rows_loaded FROM jeugdnorm.load_ijw() $$,
    $$ VALUES ('438', 10000::bigint, 10000::bigint, 0::bigint), ('490', 2, 2, 2) $$,
    'after 10,000 messages (a new parser) the next ones load');
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) SELECT naam || ' again', bericht FROM good WHERE naam IN ('g1', 'g2') ORDER BY n;
SELECT count(*) FROM jeugdnorm.load_ijw() \gset again_
SELECT set_eq($$ SELECT a.bestandsnaam, a.status, a.rows_loaded, a.reden = format('same content as bericht %s: nothing loaded', f.bericht_id)
                   FROM jeugdnorm.ijw_bericht a
                   JOIN jeugdnorm.ijw_bericht f ON f.bestandsnaam || ' again' = a.bestandsnaam $$,
              $$ VALUES ('g1 again', 'verwerkt', 0, true), ('g2 again', 'verwerkt', 0, true) $$,
    'the same content in a later call: found through the hash index, nothing loaded, the first message named');

-- ---- 4. the claim lines handed over by ijw_claims() ------------------------------------------
-- the claim lines of the good messages and of 150 generated ones (2 each), once in one
-- batch and once with every message its own batch (a statement, a store each)
TRUNCATE jeugdnorm.ijw_bericht, jeugdnorm.declaratie, jeugdnorm.rejected;
\set first 0
\set n_messages 150
\set per_message 2
\i bench/sql/ijw_generate.sql
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) SELECT naam, bericht FROM good ORDER BY n;
CREATE TEMP TABLE claims_in AS SELECT bericht_id, bestandsnaam, bericht FROM jeugdnorm.ijw_bericht;
SELECT count(*) FROM jeugdnorm.load_ijw() \gset one_
CREATE TEMP TABLE one_batch AS
SELECT row_number() OVER (ORDER BY declaratie_id) AS nr, gemeente, toewijzingnummer, client_id, aanbieder,
       productcategorie, productcode, begindatum, einddatum, volume::text, eenheid, bedrag::text,
       referentienummer, vorig_referentienummer
  FROM jeugdnorm.declaratie;
TRUNCATE jeugdnorm.ijw_bericht, jeugdnorm.declaratie, jeugdnorm.rejected;
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) SELECT bestandsnaam, bericht FROM claims_in ORDER BY bericht_id;
SELECT results_eq($$ SELECT sum(berichten)::bigint, sum(rows_loaded)::bigint FROM jeugdnorm.load_ijw(batch_bytes => 1) $$,
    $$ VALUES (157::bigint, 310::bigint) $$, 'every message its own batch: 157 messages, 310 elements loaded (305 claim lines: 300 + 3 + 1 + 1; 2 + 1 + 1 + 1 others)');
SELECT is((SELECT count(*) FROM one_batch), 305::bigint, '305 claim lines in one batch');
SELECT results_eq($$ SELECT row_number() OVER (ORDER BY declaratie_id) AS nr, gemeente, toewijzingnummer, client_id, aanbieder,
                            productcategorie, productcode, begindatum, einddatum, volume::text, eenheid, bedrag::text,
                            referentienummer, vorig_referentienummer
                       FROM jeugdnorm.declaratie ORDER BY declaratie_id $$,
    $$ SELECT * FROM one_batch ORDER BY nr $$,
    '... and the same lines, values and declaratie_id order when every message is a batch of its own');
SELECT throws_ok($$ SELECT * FROM jeugdnorm_internal.ijw_claims(0) $$, '55000',
    'ijw_claims: no claim lines of an ijw_parse() call in this statement',
    'ijw_claims() without an ijw_parse() in its statement: an error, no lines');
-- a cursor over ijw_parse() still open (its statement's store alive) while
-- load_ijw() runs: the load's declaratie insert takes the load's own lines
TRUNCATE jeugdnorm.ijw_bericht, jeugdnorm.declaratie, jeugdnorm.rejected;
-- (the cursor parses g1 and g2: 2 lines; then the JW323 example comes: the
-- load parses all three, 1 + 1 + 3 lines)
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) SELECT naam, bericht FROM good WHERE naam IN ('g1', 'g2') ORDER BY n;
DECLARE open_parse CURSOR FOR SELECT soort FROM jeugdnorm_internal.ijw_parse(1000000, 1000000, NULL);
MOVE 1 IN open_parse;
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) SELECT naam, bericht FROM good WHERE naam = 'jw323';
SELECT results_eq($$ SELECT sum(rows_loaded)::bigint FROM jeugdnorm.load_ijw() $$, $$ VALUES (5::bigint) $$,
    'load_ijw() beside an open cursor over ijw_parse() of two of its messages: its own 5 claim lines load');
CLOSE open_parse;
SELECT is((SELECT count(*) FROM jeugdnorm.declaratie), 5::bigint,
          '... once each, and the backend answers after the cursor is closed');

SELECT * FROM finish();
ROLLBACK;
