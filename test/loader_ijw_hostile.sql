-- pgTAP: hostile XML is harmless (DEFINITIONS.md section 11, [X6];
-- src/pg/ijw.c): billion laughs, an external entity pointing at a local
-- file (XXE), a 200 MB message (generated here), deep nesting, invalid
-- UTF-8 / invalid characters, and the message-level refusals (unknown
-- namespace, wrong BerichtCode, a missing mandatory element, not
-- well-formed).  Each ends 'afgewezen' with a reason, loads nothing, and
-- the backend keeps answering.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(16);
SELECT jeugdnorm.set_pseudonym_key('ijw test key: 0123456789abcdef0123456789');

-- a valid JW323 around a body, for the attacks that need a valid frame
CREATE FUNCTION pg_temp.jw323(body text, prolog text DEFAULT '') RETURNS text LANGUAGE sql AS $f$
SELECT prolog || $x$<d:Bericht xmlns:d="http://www.istandaarden.nl/ijw/3_2/jw323/schema" xmlns:i="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
<d:Header><d:BerichtCode>490</d:BerichtCode><d:BerichtVersie>3</d:BerichtVersie><d:BerichtSubversie>2</d:BerichtSubversie>
<d:Afzender>87654321</d:Afzender><d:Ontvanger>0758</d:Ontvanger>
<d:BerichtIdentificatie><i:Identificatie>H1</i:Identificatie><i:Dagtekening>2024-05-03</i:Dagtekening></d:BerichtIdentificatie>
<d:XsdVersie><i:BasisschemaXsdVersie>1.0.0</i:BasisschemaXsdVersie><i:BerichtXsdVersie>1.0.0</i:BerichtXsdVersie></d:XsdVersie></d:Header>
<d:Declaratie><d:DeclaratieNummer>D1</d:DeclaratieNummer>
<d:DeclaratiePeriode><i:Begindatum>2024-04-01</i:Begindatum><i:Einddatum>2024-04-30</i:Einddatum></d:DeclaratiePeriode>
<d:DeclaratieDagtekening>2024-05-03</d:DeclaratieDagtekening>
<d:TotaalIngediendBedrag><i:TotaalBedrag>6500</i:TotaalBedrag><i:DebetCredit>D</i:DebetCredit></d:TotaalIngediendBedrag>
<d:Clienten><d:Client><d:Bsn>111222333</d:Bsn><d:Prestaties>
<d:Prestatie><d:ProductReferentie><i:ReferentieNummer>R1</i:ReferentieNummer></d:ProductReferentie>
<d:ToewijzingNummer>7001</d:ToewijzingNummer><d:ProductCategorie>45</d:ProductCategorie><d:ProductCode>45A12</d:ProductCode>
<d:ProductPeriode><i:Begindatum>2024-04-01</i:Begindatum><i:Einddatum>2024-04-30</i:Einddatum></d:ProductPeriode>
<d:GeleverdVolume>60</d:GeleverdVolume><d:Eenheid>01</d:Eenheid>
<d:IngediendBedrag><i:Bedrag>6500</i:Bedrag><i:DebetCredit>D</i:DebetCredit></d:IngediendBedrag>$x$
|| body || $x$</d:Prestatie></d:Prestaties></d:Client></d:Clienten></d:Declaratie></d:Bericht>$x$
$f$;

INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES
('billion laughs', pg_temp.jw323('<d:X>&lol9;</d:X>', $x$<?xml version="1.0"?>
<!DOCTYPE d:Bericht [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
$x$)),
('xxe', pg_temp.jw323('<d:X>&xxe;</d:X>', $x$<?xml version="1.0"?>
<!DOCTYPE d:Bericht [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
$x$)),
('xxe without doctype', pg_temp.jw323('<d:X>&xxe;</d:X>')),
('parameter entity', pg_temp.jw323('', $x$<!DOCTYPE d:Bericht SYSTEM "file:///etc/passwd">
$x$)),
('deep nesting', pg_temp.jw323(repeat('<d:X>', 100000) || repeat('</d:X>', 100000))),
('invalid character', pg_temp.jw323('<d:X>&#xFFFE;&#0;</d:X>')),
('latin-1 declared', pg_temp.jw323('', '<?xml version="1.0" encoding="ISO-8859-1"?>')),
('not well-formed', pg_temp.jw323('<d:X>')),
('unknown namespace', replace(pg_temp.jw323(''), 'ijw/3_2/jw323/schema', 'ijw/3_1/jw323/schema')),
('wrong BerichtCode', replace(pg_temp.jw323(''), '<d:BerichtCode>490<', '<d:BerichtCode>436<')),
('missing mandatory', replace(pg_temp.jw323(''), '<d:Eenheid>01</d:Eenheid>', '')),
-- the same prefix i bound to another namespace: nothing in it matches
('prefix-only match', replace(replace(pg_temp.jw323(''), 'xmlns:i="http://www.istandaarden.nl/ijw/3_2/basisschema/schema"',
                                     'xmlns:i="urn:other"'), 'zzz', 'zzz')),
('empty', ''),
('huge text', pg_temp.jw323('<d:X>' || repeat('x', 20000000) || '</d:X>'));

SELECT lives_ok($$ SELECT * FROM jeugdnorm.load_ijw() $$, 'load_ijw() survives the hostile set');
SELECT is((SELECT 1), 1, 'the backend still answers');

SELECT results_eq($$ SELECT bestandsnaam, status, reden FROM jeugdnorm.ijw_bericht ORDER BY bericht_id $$,
    $$ VALUES
    ('billion laughs', 'afgewezen', 'a DOCTYPE (DTD) is not allowed in an iJw message'),
    ('xxe', 'afgewezen', 'a DOCTYPE (DTD) is not allowed in an iJw message'),
    ('xxe without doctype', 'afgewezen', 'not well-formed XML (line 15): Entity ''xxe'' not defined'),
    ('parameter entity', 'afgewezen', 'a DOCTYPE (DTD) is not allowed in an iJw message'),
    ('deep nesting', 'afgewezen', 'elements nested deeper than 24 levels'),
    ('invalid character', 'afgewezen', 'not well-formed XML (line 15): xmlParseCharRef: invalid xmlChar value 65534'),
    ('latin-1 declared', 'verwerkt', NULL),
    ('not well-formed', 'afgewezen', 'not well-formed XML (line 15): Opening and ending tag mismatch: X line 15 and Prestatie'),
    ('unknown namespace', 'afgewezen', 'unknown message namespace ''http://www.istandaarden.nl/ijw/3_1/jw323/schema'''),
    ('wrong BerichtCode', 'afgewezen', 'BerichtCode ''436'' does not match the namespace of JW323 (expected 490)'),
    ('missing mandatory', 'afgewezen', '/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1] lacks Eenheid'),
    -- the same prefix i bound to another namespace: nothing in it matches
('prefix-only match', 'afgewezen', '/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1] lacks ProductReferentie/ReferentieNummer'),
    ('empty', 'afgewezen', 'the message is empty'),
    ('huge text', 'afgewezen', 'the text of element X is longer than 16384 bytes') $$,
    'every hostile message is afgewezen with its reason (a message declaring Latin-1 is read as the UTF-8 it is)');

SELECT is((SELECT count(*) FROM jeugdnorm.declaratie), 1::bigint,
          'only the one valid message loaded a claim line');
SELECT is((SELECT count(*) FROM jeugdnorm.rejected), 0::bigint, 'a refused message puts nothing into rejected');
SELECT is((SELECT count(*) FROM jeugdnorm.ijw_bericht WHERE bericht ~ '111222333|root:'), 0::bigint,
          'no kept text holds the BSN (masked as a 9-digit run where the message did not parse) or the local file');

-- a 200 MB message: refused by its size before it is read from TOAST
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht)
VALUES ('200 MB', pg_temp.jw323('<d:X>' || repeat('<!-- padding padding padding -->', 200 * 1024 * 1024 / 32) || '</d:X>'));
SELECT lives_ok($$ SELECT * FROM jeugdnorm.load_ijw() $$, 'load_ijw() survives a 200 MB message');
SELECT alike((SELECT reden FROM jeugdnorm.ijw_bericht WHERE bestandsnaam = '200 MB'),
            'the message is 2097% bytes, above the limit of 67108864 bytes',
            'the 200 MB message is afgewezen for its size');
SELECT is((SELECT status FROM jeugdnorm.ijw_bericht WHERE bestandsnaam = '200 MB'), 'afgewezen', '... status afgewezen');
SELECT cmp_ok((SELECT octet_length(bericht) FROM jeugdnorm.ijw_bericht WHERE bestandsnaam = '200 MB'), '<', 200,
              '... and its text is not kept (a short note instead)');
SELECT is((SELECT count(*) FROM jeugdnorm.declaratie), 1::bigint, '... loading nothing');

-- invalid UTF-8 never reaches the table in a UTF-8 database
SELECT throws_ok($$ INSERT INTO jeugdnorm.ijw_bericht (bericht) VALUES (convert_from('\x3c613ec33c2f613e'::bytea, 'UTF8')) $$,
                 '22021', NULL, 'invalid UTF-8 is refused by the database before load_ijw() sees it');

-- the size limit is a parameter
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES ('small limit', pg_temp.jw323(''));
SELECT results_eq($$ SELECT afgewezen FROM jeugdnorm.load_ijw(1000) $$, $$ VALUES (1::bigint) $$,
                  'load_ijw(max_bericht_bytes) refuses a message above the given limit');
SELECT throws_ok($$ SELECT * FROM jeugdnorm.load_ijw(0) $$, '22023', NULL, 'a limit of 0 bytes is an error');

-- without a key nothing can be pseudonymised: a clear error
DELETE FROM jeugdnorm.pseudonym_key;
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES ('no key', pg_temp.jw323(''));
SELECT throws_ok($$ SELECT * FROM jeugdnorm.load_ijw() $$, '55000', 'no pseudonym key is set',
                 'without a pseudonym key load_ijw() fails with 55000');
SELECT is((SELECT 1), 1, 'the backend still answers at the end');

SELECT * FROM finish();
ROLLBACK;
