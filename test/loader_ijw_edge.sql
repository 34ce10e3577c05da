-- pgTAP: load_ijw() edge cases (DEFINITIONS.md section 11, [X1]-[X6]):
-- the same content twice in one call, a header that cannot be right, an
-- Einddatum before the Ingangsdatum, a stop ending before its allocation
-- starts, a parent's Bsn inside Relaties, several contacts, an answer
-- before its request, a JW301 for a gemeente whose request came from
-- another provider, a message inserted while nothing else waits.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(11);
SELECT jeugdnorm.set_pseudonym_key('ijw test key: 0123456789abcdef0123456789');

CREATE FUNCTION pg_temp.jw301(afzender text, product text, client_extra text DEFAULT '') RETURNS text LANGUAGE sql AS $f$
SELECT format($x$<p:Bericht xmlns:p="http://www.istandaarden.nl/ijw/3_2/jw301/schema" xmlns:q="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
<p:Header><p:BerichtCode>436</p:BerichtCode><p:BerichtVersie>3</p:BerichtVersie><p:BerichtSubversie>2</p:BerichtSubversie>
<p:Afzender>%s</p:Afzender><p:Ontvanger>87654321</p:Ontvanger>
<p:BerichtIdentificatie><q:Identificatie>E1</q:Identificatie><q:Dagtekening>2024-04-01</q:Dagtekening></p:BerichtIdentificatie>
<p:XsdVersie><q:BasisschemaXsdVersie>1.0.0</q:BasisschemaXsdVersie><q:BerichtXsdVersie>1.0.0</q:BerichtXsdVersie></p:XsdVersie></p:Header>
<p:Client><p:Bsn>123456782</p:Bsn><p:Geboortedatum><q:Datum>2010-01-01</q:Datum></p:Geboortedatum><p:Geslacht>1</p:Geslacht>%s
<p:ToegewezenProducten>%s</p:ToegewezenProducten></p:Client></p:Bericht>$x$, afzender, client_extra, product)
$f$;
CREATE FUNCTION pg_temp.product(nr text, ingang text, eind text) RETURNS text LANGUAGE sql AS $f$
SELECT format($x$<p:ToegewezenProduct><p:ToewijzingNummer>%s</p:ToewijzingNummer>
<p:Product><q:Categorie>45</q:Categorie><q:Code>45A12</q:Code></p:Product>
<p:Toewijzingsdatum>2024-04-01</p:Toewijzingsdatum><p:Toewijzingstijd>09:00:00</p:Toewijzingstijd>
<p:Ingangsdatum>%s</p:Ingangsdatum>%s
<p:Omvang><q:Volume>2</q:Volume><q:Eenheid>04</q:Eenheid><q:Frequentie>2</q:Frequentie></p:Omvang></p:ToegewezenProduct>$x$,
    nr, ingang, coalesce('<p:Einddatum>' || eind || '</p:Einddatum>', ''))
$f$;

-- the same content twice in one call: the first loads, the second repeats it
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES
    ('a', pg_temp.jw301('0758', pg_temp.product('1', '2024-04-01', NULL))),
    ('b', pg_temp.jw301('0758', pg_temp.product('1', '2024-04-01', NULL))),
    ('bad header', pg_temp.jw301('758', pg_temp.product('2', '2024-04-01', NULL))),
    ('eind before ingang', pg_temp.jw301('0758', pg_temp.product('3', '2024-04-01', '2024-03-31')
                                              || pg_temp.product('4', '2024-04-01', '2024-04-01'))),
    ('relaties', pg_temp.jw301('0758', pg_temp.product('5', '2024-04-01', NULL),
        '<p:Contactgegevens><p:Contact><p:Soort>01</p:Soort><p:Adres><q:Postcode>1234 AB</q:Postcode></p:Adres></p:Contact>'
     || '<p:Contact><p:Soort>02</p:Soort><p:Adres><q:Postcode>9999ZZ</q:Postcode></p:Adres></p:Contact></p:Contactgegevens>'
     || '<p:Relaties><p:Relatie><p:Bsn>111222333</p:Bsn><p:Naam>Ouder</p:Naam></p:Relatie></p:Relaties>'));

SELECT lives_ok($$ SELECT * FROM jeugdnorm.load_ijw() $$, 'load_ijw() runs');
SELECT results_eq($$ SELECT bestandsnaam, status, reden FROM jeugdnorm.ijw_bericht ORDER BY bericht_id $$,
    $$ VALUES ('a', 'verwerkt', NULL),
              ('b', 'verwerkt', 'same content as bericht ' || (SELECT bericht_id FROM jeugdnorm.ijw_bericht WHERE bestandsnaam = 'a') || ': nothing loaded'),
              ('bad header', 'afgewezen', 'Header/Afzender ''758'' is not a gemeente code (4 digits)'),
              ('eind before ingang', 'verwerkt', '1 element(s) refused: see jeugdnorm.rejected (bericht_id '
                    || (SELECT bericht_id FROM jeugdnorm.ijw_bericht WHERE bestandsnaam = 'eind before ingang') || ')'),
              ('relaties', 'verwerkt', NULL) $$,
    'duplicate content in one call, a header that cannot be right, an element refused');
SELECT results_eq($$ SELECT reason FROM jeugdnorm.rejected $$,
    $$ VALUES ('Einddatum 2024-03-31 is before Ingangsdatum 2024-04-01') $$,
    'an Einddatum before the Ingangsdatum is a refused element');
SELECT results_eq($$ SELECT toewijzingnummer, postcode FROM jeugdnorm.toewijzing ORDER BY toewijzingnummer::int $$,
    $$ VALUES ('1', NULL), ('4', NULL), ('5', '1234') $$,
    'allocations 1, 4 and 5 load; several contacts: the first postcode counts');
SELECT is((SELECT count(*) FROM jeugdnorm.ijw_bericht WHERE bericht ~ '(123456782|111222333|Ouder|9999ZZ|1234 AB)'), 0::bigint,
          'the parent''s Bsn, its name and the addresses are not in any kept text');
SELECT ok((SELECT bericht FROM jeugdnorm.ijw_bericht WHERE bestandsnaam = 'relaties')
          LIKE '%<p:Contactgegevens></p:Contactgegevens><p:Relaties></p:Relaties>%',
          'the personal blocks are kept empty');

-- a stop ending before its allocation starts: the reason counts, the date does not
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES ('early stop', $x$<s:Bericht xmlns:s="http://www.istandaarden.nl/ijw/3_2/jw307/schema" xmlns:i="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
<s:Header><s:BerichtCode>440</s:BerichtCode><s:BerichtVersie>3</s:BerichtVersie><s:BerichtSubversie>2</s:BerichtSubversie>
<s:Afzender>87654321</s:Afzender><s:Ontvanger>0758</s:Ontvanger>
<s:BerichtIdentificatie><i:Identificatie>S1</i:Identificatie><i:Dagtekening>2024-05-02</i:Dagtekening></s:BerichtIdentificatie>
<s:XsdVersie><i:BasisschemaXsdVersie>1.0.0</i:BasisschemaXsdVersie><i:BerichtXsdVersie>1.0.0</i:BerichtXsdVersie></s:XsdVersie></s:Header>
<s:Client><s:Bsn>123456782</s:Bsn><s:Geboortedatum><i:Datum>2010-01-01</i:Datum></s:Geboortedatum><s:Geslacht>1</s:Geslacht>
<s:StopProducten><s:StopProduct><s:ToewijzingNummer>1</s:ToewijzingNummer><s:Begindatum>2024-04-01</s:Begindatum>
<s:RedenBeeindiging>35</s:RedenBeeindiging><s:Einddatum>2024-03-15</s:Einddatum><s:StatusAanlevering>1</s:StatusAanlevering></s:StopProduct>
</s:StopProducten></s:Client></s:Bericht>$x$);
SELECT lives_ok($$ SELECT * FROM jeugdnorm.load_ijw() $$, 'a stop dated before its allocation starts loads');
SELECT results_eq($$ SELECT einddatum, reden_beeindiging FROM jeugdnorm.toewijzing WHERE toewijzingnummer = '1' $$,
    $$ VALUES (NULL::date, '35') $$, 'its reason is set; its Einddatum (before the Ingangsdatum) is not applied');

-- a request answered (refused) before it was received: antwoord without a date
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES
('early answer', $x$<a:Bericht xmlns:a="http://www.istandaarden.nl/ijw/3_2/jw319/schema" xmlns:i="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
<a:Header><a:BerichtCode>488</a:BerichtCode><a:BerichtVersie>3</a:BerichtVersie><a:BerichtSubversie>2</a:BerichtSubversie>
<a:Afzender>0758</a:Afzender><a:Ontvanger>87654321</a:Ontvanger>
<a:BerichtIdentificatie><i:Identificatie>A1</i:Identificatie><i:Dagtekening>2024-01-05</i:Dagtekening></a:BerichtIdentificatie>
<a:XsdVersie><i:BasisschemaXsdVersie>1.0.0</i:BasisschemaXsdVersie><i:BerichtXsdVersie>1.0.0</i:BerichtXsdVersie></a:XsdVersie></a:Header>
<a:Antwoord><a:ReferentieAanbieder>R-1</a:ReferentieAanbieder><a:VerzoekAntwoord>1</a:VerzoekAntwoord><a:RedenAfwijzingVerzoek>9</a:RedenAfwijzingVerzoek></a:Antwoord></a:Bericht>$x$),
('request', $x$<jw315:Bericht xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema" xmlns:jw315="http://www.istandaarden.nl/ijw/3_2/jw315/schema">
<jw315:Header><jw315:BerichtCode>446</jw315:BerichtCode><jw315:BerichtVersie>3</jw315:BerichtVersie><jw315:BerichtSubversie>2</jw315:BerichtSubversie>
<jw315:Afzender>87654321</jw315:Afzender><jw315:Ontvanger>0758</jw315:Ontvanger>
<jw315:BerichtIdentificatie><ijw:Identificatie>R1</ijw:Identificatie><ijw:Dagtekening>2024-01-10</ijw:Dagtekening></jw315:BerichtIdentificatie>
<jw315:XsdVersie><ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie><ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie></jw315:XsdVersie></jw315:Header>
<jw315:Client><jw315:Bsn>123456782</jw315:Bsn><jw315:Geboortedatum><ijw:Datum>2010-01-01</ijw:Datum></jw315:Geboortedatum><jw315:Geslacht>1</jw315:Geslacht>
<jw315:AangevraagdeProducten><jw315:AangevraagdProduct><jw315:ReferentieAanbieder>R-1</jw315:ReferentieAanbieder>
<jw315:ToewijzingIngangsdatum>2024-02-01</jw315:ToewijzingIngangsdatum>
<jw315:Verwijzer><ijw:Type>01</ijw:Type></jw315:Verwijzer></jw315:AangevraagdProduct></jw315:AangevraagdeProducten></jw315:Client></jw315:Bericht>$x$);
SELECT lives_ok($$ SELECT * FROM jeugdnorm.load_ijw() $$, 'an answer dated before its request loads');
SELECT results_eq($$ SELECT antwoord, antwoord_datum, reden_afwijzing, verwijzer FROM jeugdnorm.verzoek $$,
    $$ VALUES ('afgewezen', NULL::date, '9', '01') $$,
    'the refusal counts, without a date before ontvangen (the table''s CHECK)');
SELECT is((SELECT 1), 1, 'the backend still answers');

SELECT * FROM finish();
ROLLBACK;
