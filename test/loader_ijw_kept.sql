-- pgTAP: the text load_ijw() keeps of each message (src/pg/ijw.c: mask_text,
-- kept_store; DEFINITIONS.md section 11), along the paths the parse takes
-- to hold it until the UPDATE: short texts as they are, longer ones
-- compressed the way the heap compresses them, packed in slabs that the
-- next batch of the same call uses again, a text too large for a slab in a
-- block of its own, a message that does not parse (every run of 9 digits
-- masked) followed in the same batch by good ones (the parser made anew).
-- Each kept text is compared with the same text written by SQL (the Bsn
-- values replaced by jeugdnorm.pseudonymise()), and its storage
-- (compression, stored size) with that of the same row inserted by SQL.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(10);
SELECT jeugdnorm.set_pseudonym_key('ijw kept key: 0123456789abcdef0123456789');

-- a short JW323 of one prestatie (under 2 KB: not compressed)
CREATE FUNCTION pg_temp.short323(id text, bsn text) RETURNS text LANGUAGE sql AS $f$
SELECT $x$<d:Bericht xmlns:d="http://www.istandaarden.nl/ijw/3_2/jw323/schema" xmlns:i="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
<d:Header><d:BerichtCode>490</d:BerichtCode><d:BerichtVersie>3</d:BerichtVersie><d:BerichtSubversie>2</d:BerichtSubversie>
<d:Afzender>87654321</d:Afzender><d:Ontvanger>0758</d:Ontvanger>
<d:BerichtIdentificatie><i:Identificatie>$x$ || id || $x$</i:Identificatie><i:Dagtekening>2024-05-03</i:Dagtekening></d:BerichtIdentificatie></d:Header>
<d:Declaratie><d:Clienten><d:Client><d:Bsn>$x$ || bsn || $x$</d:Bsn><d:Prestaties>
<d:Prestatie><d:ProductReferentie><i:ReferentieNummer>R$x$ || id || $x$</i:ReferentieNummer></d:ProductReferentie>
<d:ToewijzingNummer>7001</d:ToewijzingNummer><d:ProductCategorie>45</d:ProductCategorie><d:ProductCode>45A12</d:ProductCode>
<d:ProductPeriode><i:Begindatum>2024-04-01</i:Begindatum><i:Einddatum>2024-04-30</i:Einddatum></d:ProductPeriode>
<d:GeleverdVolume>60</d:GeleverdVolume><d:Eenheid>01</d:Eenheid>
<d:IngediendBedrag><i:Bedrag>6500</i:Bedrag><i:DebetCredit>D</i:DebetCredit></d:IngediendBedrag>
</d:Prestatie></d:Prestaties></d:Client></d:Clienten></d:Declaratie></d:Bericht>$x$
$f$;

-- in this order: 1,200 generated messages of 2 prestaties (about 3.3 KB of
-- text each: compressed; over a MB of kept text per batch, so more than one
-- slab), one of 8,000 prestaties (kept text of about 13 MB, compressed still
-- over a quarter of a slab: a block of its own), a message that is not
-- well-formed (cut off inside its Bsn) between two good short ones, and
-- 1,200 generated messages more
\set first 0
\set n_messages 1200
\set per_message 2
\i bench/sql/ijw_generate.sql
\set first 1200
\set n_messages 1
\set per_message 8000
\i bench/sql/ijw_generate.sql
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES
    ('short 1', pg_temp.short323('S1', '111222333')),
    ('broken', left(pg_temp.short323('S2', '123456782'), strpos(pg_temp.short323('S2', '123456782'), '123456782') + 8)),
    ('short 3', pg_temp.short323('S3', '123456782'));
\set first 1300
\set n_messages 1200
\set per_message 2
\i bench/sql/ijw_generate.sql

-- the texts as received, and their Bsn values
CREATE TEMP TABLE orig AS SELECT b.bericht_id, b.bestandsnaam, b.bericht FROM jeugdnorm.ijw_bericht b;
CREATE TEMP TABLE bsns AS
SELECT DISTINCT o.bericht_id, m[1] AS bsn
  FROM orig o, regexp_matches(o.bericht, '<(?:jw323|d):Bsn>([0-9]+)</(?:jw323|d):Bsn>', 'g') m;
SELECT is((SELECT count(*) FROM orig), 2404::bigint, '2,404 messages to load');

-- batches of about 4 MB: three or so, each using the slabs of the one before
SELECT results_eq($$ SELECT sum(berichten), sum(verwerkt), sum(afgewezen), sum(rows_loaded)
                       FROM jeugdnorm.load_ijw(batch_bytes => 4000000) $$,
                  $$ VALUES (2404::numeric, 2403::numeric, 1::numeric, 12802::numeric) $$,
                  'load_ijw() in batches of 4 MB: every message processed, the broken one refused, 2 x 2,400 + 8,000 + 2 prestaties loaded');
SELECT is((SELECT status || ': ' || left(reden, 19) FROM jeugdnorm.ijw_bericht WHERE bestandsnaam = 'broken'),
          'afgewezen: not well-formed XML', 'the broken message is refused as not well-formed');
SELECT results_eq($$ SELECT bestandsnaam, status, rows_loaded FROM jeugdnorm.ijw_bericht
                      WHERE bestandsnaam LIKE 'short%' ORDER BY 1 $$,
                  $$ VALUES ('short 1', 'verwerkt', 1), ('short 3', 'verwerkt', 1) $$,
                  'the good message before and the one after it load (the parser made anew after the failure)');

-- the kept text SQL would write: each Bsn value its pseudonym (in these
-- messages no other run of digits equals a Bsn value); a message that did
-- not parse: every run of exactly 9 digits masked
CREATE TEMP TABLE expected AS
SELECT o.bericht_id,
       CASE WHEN o.bestandsnaam = 'broken'
            THEN regexp_replace(o.bericht, '(^|[^0-9])[0-9]{9}(?![0-9])', '\1*********', 'g')
            ELSE (SELECT string_agg(p.piece || coalesce(m.rep, ''), '' ORDER BY p.i)
                    FROM regexp_split_to_table(o.bericht, '<(?:jw323|d):Bsn>[0-9]+</(?:jw323|d):Bsn>')
                         WITH ORDINALITY p(piece, i)
                    LEFT JOIN (SELECT x.k, '<' || x.mm[1] || ':Bsn>' || jeugdnorm.pseudonymise(x.mm[2])
                                      || '</' || x.mm[1] || ':Bsn>' AS rep
                                 FROM regexp_matches(o.bericht, '<(jw323|d):Bsn>([0-9]+)</(?:jw323|d):Bsn>', 'g')
                                      WITH ORDINALITY x(mm, k)) m ON m.k = p.i)
       END AS tekst
  FROM orig o;
SELECT is((SELECT count(*) FROM jeugdnorm.ijw_bericht b JOIN expected e USING (bericht_id)
            WHERE b.bericht IS DISTINCT FROM e.tekst), 0::bigint,
          'every kept text is the text SQL writes: the Bsn values replaced by their pseudonyms (the broken one: 9-digit runs masked)');
SELECT is((SELECT count(*) FROM jeugdnorm.ijw_bericht b WHERE b.bericht LIKE '%*********%'), 1::bigint,
          '(only the broken message has masked digits)');
SELECT is((SELECT count(*) FROM jeugdnorm.ijw_bericht b, regexp_matches(b.bericht, '[0-9]+', 'g') m
            WHERE m[1] IN (SELECT x.bsn FROM bsns x)), 0::bigint,
          'no Bsn value is left in any kept text');

-- stored as SQL stores the same row: compression method and stored size
CREATE TEMP TABLE ctl AS SELECT * FROM jeugdnorm.ijw_bericht WITH NO DATA;
SELECT 'ALTER TABLE ctl ALTER COLUMN bericht SET COMPRESSION '
       || CASE coalesce(nullif(a.attcompression::text, ''),
                        CASE current_setting('default_toast_compression') WHEN 'lz4' THEN 'l' ELSE 'p' END)
          WHEN 'l' THEN 'lz4' ELSE 'pglz' END AS alter_ctl
  FROM pg_attribute a WHERE a.attrelid = 'jeugdnorm.ijw_bericht'::regclass AND a.attname = 'bericht' \gset
:alter_ctl;
INSERT INTO ctl SELECT b.bericht_id, b.bestandsnaam, e.tekst || '', b.ontvangen_op, b.verwerkt_op, b.berichtcode,
                       b.status, b.reden, b.berichttype, b.inhoud_hash, b.rows_loaded, b.rows_rejected
  FROM jeugdnorm.ijw_bericht b JOIN expected e USING (bericht_id);
SELECT is((SELECT count(*) FROM jeugdnorm.ijw_bericht b JOIN ctl c USING (bericht_id)
            WHERE pg_column_compression(b.bericht) IS DISTINCT FROM pg_column_compression(c.bericht)
               OR pg_column_size(b.bericht) <> pg_column_size(c.bericht)), 0::bigint,
          'every kept text is stored as the same row inserted by SQL is: the same compression, the same stored size');
SELECT results_eq($$ SELECT pg_column_compression(b.bericht) IS NOT NULL, count(*) FROM jeugdnorm.ijw_bericht b
                      GROUP BY 1 ORDER BY 1 $$,
                  $$ VALUES (false, 3::bigint), (true, 2401::bigint) $$,
                  'the three short texts are stored as they are, the 2,401 longer ones compressed');
SELECT cmp_ok((SELECT max(pg_column_size(b.bericht)) FROM jeugdnorm.ijw_bericht b), '>', 262144,
              'the message of 8,000 prestaties kept a text that, compressed, is larger than a quarter of a slab (a block of its own)');

SELECT * FROM finish();
ROLLBACK;
