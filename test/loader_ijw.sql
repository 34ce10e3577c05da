-- pgTAP: raw iJw XML in (DEFINITIONS.md section 11, [X1]-[X6]; 27_ijw.sql,
-- src/pg/ijw.c).  The self-made example messages (test/fixtures/ijw, copies
-- of ../shared/ijw/selfmade) with their rows written out by hand; own
-- messages for every mapping rule (versions, '13', DatumGebruik '3', budget,
-- eurocent, stops before their allocation, requests and answers, credits,
-- refused elements); order independence (the same messages reversed and in
-- two calls give the same tables); idempotence; no BSN anywhere.
-- The hostile set is test/loader_ijw_hostile.sql.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(46);

SELECT jeugdnorm.set_pseudonym_key('ijw test key: 0123456789abcdef0123456789');

-- where the server log stands now: the check at the end reads only the
-- lines written during this test (other tests log failing statements of
-- their own, BSNs included)
SELECT coalesce((pg_stat_file(current_setting('data_directory') || '/../log/server.log', true)).size, -1) AS log_start \gset

-- ---- 1. the self-made examples -------------------------------------------------------
\set jw301 `cat test/fixtures/ijw/JW301_selfmade.xml`
\set jw305 `cat test/fixtures/ijw/JW305_selfmade.xml`
\set jw307 `cat test/fixtures/ijw/JW307_selfmade.xml`
\set jw315 `cat test/fixtures/ijw/JW315_selfmade.xml`
\set jw316 `cat test/fixtures/ijw/JW316_selfmade.xml`
\set jw319 `cat test/fixtures/ijw/JW319_selfmade.xml`
\set jw323 `cat test/fixtures/ijw/JW323_selfmade.xml`
\set jw325 `cat test/fixtures/ijw/JW325_selfmade.xml`

INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES
    ('JW301_selfmade.xml', :'jw301'), ('JW305_selfmade.xml', :'jw305'),
    ('JW307_selfmade.xml', :'jw307'), ('JW315_selfmade.xml', :'jw315'),
    ('JW316_selfmade.xml', :'jw316'), ('JW319_selfmade.xml', :'jw319'),
    ('JW323_selfmade.xml', :'jw323'), ('JW325_selfmade.xml', :'jw325');

SELECT results_eq($$ SELECT berichtcode, berichten, verwerkt, afgewezen, rows_loaded, rows_rejected, berichttype
                       FROM jeugdnorm.load_ijw() $$,
    $$ VALUES ('436', 1::bigint, 1::bigint, 0::bigint, 2::bigint, 0::bigint, 'JW301'),
              ('438', 1, 1, 0, 0, 0, 'JW305'),
              ('440', 1, 1, 0, 1, 0, 'JW307'),
              ('446', 1, 1, 0, 1, 0, 'JW315'),
              ('447', 1, 1, 0, 0, 0, 'JW316'),
              ('488', 1, 1, 0, 1, 0, 'JW319'),
              ('490', 1, 1, 0, 3, 0, 'JW323'),
              ('491', 1, 1, 0, 0, 0, 'JW325') $$,
    'load_ijw(): the eight self-made examples are processed, one summary row per berichtcode');

SELECT results_eq($$ SELECT bestandsnaam, status, berichtcode, reden FROM jeugdnorm.ijw_bericht ORDER BY bericht_id $$,
    $$ VALUES ('JW301_selfmade.xml', 'verwerkt', '436', NULL),
              ('JW305_selfmade.xml', 'verwerkt', '438', 'JW305: accepted, no rows (no analysis uses it)'),
              ('JW307_selfmade.xml', 'verwerkt', '440', NULL),
              ('JW315_selfmade.xml', 'verwerkt', '446', NULL),
              ('JW316_selfmade.xml', 'verwerkt', '447', 'JW316: accepted, no rows (no analysis uses it)'),
              ('JW319_selfmade.xml', 'verwerkt', '488', NULL),
              ('JW323_selfmade.xml', 'verwerkt', '490', NULL),
              ('JW325_selfmade.xml', 'verwerkt', '491', 'JW325: accepted, no rows (no analysis uses it)') $$,
    'every self-made example ends verwerkt with its BerichtCode');

-- JW301: 45A03 3 uur per week, stopped by the JW307 (reden 31; the
-- allocation already had its Einddatum); the budget allocation of 2500,00
-- euro (250000 eurocent, no Omvang: eenheid 83); postcode 1000AA -> 1000.
SELECT results_eq($$ SELECT gemeente, toewijzingnummer, client_id = jeugdnorm.pseudonymise('999990019'),
                            geboortedatum, aanbieder, productcategorie, productcode, ingangsdatum,
                            einddatum, volume, eenheid, frequentie, budget, reden_wijziging,
                            toewijzingsdatum, verwijzer, reden_beeindiging, postcode
                       FROM jeugdnorm.toewijzing ORDER BY toewijzingnummer $$,
    $$ VALUES ('0363', '500001', true, '2012-05-01'::date, '12345678', '45', '45A03', '2024-02-01'::date,
               '2024-07-31'::date, 3::numeric, '04', '2', NULL::numeric, NULL, '2024-01-30'::date, NULL, '31', '1000'),
              ('0363', '500002', true, '2012-05-01', '12345678', '54', NULL, '2024-02-01',
               '2024-12-31', NULL, '83', NULL, 2500, '04', '2024-01-30', NULL, NULL, '1000') $$,
    'JW301 self-made: two allocations, budget in euros with eenheid 83, stop reason from the JW307, 4-digit postcode');

-- JW323: RN-0003 650,00; RN-0004 Eenheid 83: 20000 eurocent = 200,00 as
-- volume and amount; RN-0005 credit of RN-0001: -3 uur, -195,00.
SELECT results_eq($$ SELECT gemeente, toewijzingnummer, client_id = jeugdnorm.pseudonymise('999990019'),
                            aanbieder, productcategorie, productcode, begindatum, einddatum, volume,
                            eenheid, bedrag, referentienummer, vorig_referentienummer
                       FROM jeugdnorm.declaratie ORDER BY declaratie_id $$,
    $$ VALUES ('0363', '500001', true, '12345678', '45', '45A03', '2024-03-01'::date, '2024-03-31'::date,
               10::numeric, '04', 650.00::numeric, 'RN-0003', NULL),
              ('0363', '500003', true, '12345678', '54', '54B01', '2024-03-01', '2024-03-31',
               200.00, '83', 200.00, 'RN-0004', NULL),
              ('0363', '500001', true, '12345678', '45', '45A03', '2024-02-05', '2024-02-29',
               -3, '04', -195.00, 'RN-0005', 'RN-0001') $$,
    'JW323 self-made: amounts in euros, Eenheid 83 volume in euros, the credit negative in volume and bedrag, references kept');

-- JW315 + JW319 (VerzoekAntwoord 1, reden 3 geen contract)
SELECT results_eq($$ SELECT gemeente, verzoeknummer, aanbieder, productcategorie, productcode, ontvangen,
                            gewenste_ingangsdatum, volume, eenheid, frequentie, antwoord, antwoord_datum,
                            reden_afwijzing, toewijzingnummer, verwijzer
                       FROM jeugdnorm.verzoek $$,
    $$ VALUES ('0363', 'VOT-2024-0007', '12345678', '45', '45A03', '2024-02-20'::date, '2024-03-01'::date,
               2::numeric, '04', '2', 'afgewezen', '2024-02-25'::date, '3', NULL, '02') $$,
    'JW315 self-made with the JW319 answer: afgewezen on its Dagtekening with RedenAfwijzingVerzoek, verwijzer from Verwijzer/Type');

SELECT is((SELECT count(*) FROM jeugdnorm.rejected), 0::bigint, 'the self-made examples refuse no element');

-- the kept text: names, addresses and other personal elements left out
SELECT is((SELECT count(*) FROM jeugdnorm.ijw_bericht
            WHERE bericht ~ '(Jansen|Voorbeeldstraat|1000AA|Amsterdam|999990019)'), 0::bigint,
          'no kept text holds the client''s name, address or BSN');
SELECT ok((SELECT bericht FROM jeugdnorm.ijw_bericht WHERE bestandsnaam = 'JW301_selfmade.xml')
          LIKE '%<jw301:Naam></jw301:Naam>%<jw301:Contactgegevens></jw301:Contactgegevens>%<jw301:ToegewezenProducten>%',
          'the personal elements stay, empty; the rest of the message is as received');

-- ---- 2. the third-party examples (../shared/ijw, when present) ---------------------------
-- Not committed (no licence); read from the shared folder when it exists.
-- The folder is found from where the repository is (the tests run from its
-- root, as the `cat test/fixtures/...` above assumes): shared/ beside the
-- clone (../shared, as CI and /work/main have it), or one level further up
-- (../../shared: a git worktree in a folder of worktrees beside the clone).
-- Neither there: a path that does not exist, so 0 examples are read.
\set ijw_third_party `for d in ../shared ../../shared; do if [ -d "$d/ijw/third_party/jaapjunior/berichten" ]; then (cd "$d/ijw/third_party/jaapjunior/berichten" && pwd); exit 0; fi; done; echo "$(pwd)/../shared/ijw/third_party/jaapjunior/berichten"`
SELECT set_config('jn_test.ijw_third_party', :'ijw_third_party' || '/', true) IS NOT NULL AS dir_set \gset
-- 12 of 14 validate; JW315.xml has ToewijzingEinddatum 2027-06-31 (refused
-- as an element, the rest loads) and JW318.xml a misplaced RetourCode (a
-- retour message: verwerkt, no rows).
CREATE TEMP TABLE third_party (naam text, bericht text);
DO $$
DECLARE
    dir constant text := current_setting('jn_test.ijw_third_party');
    f text;
BEGIN
    FOREACH f IN ARRAY ARRAY['JW301', 'JW302', 'JW305', 'JW306', 'JW307', 'JW308', 'JW315',
                             'JW316', 'JW317', 'JW318', 'JW319', 'JW320', 'JW323', 'JW325'] LOOP
        IF (pg_stat_file(dir || f || '.xml', true)).size IS NOT NULL THEN
            INSERT INTO third_party VALUES (f, pg_read_file(dir || f || '.xml'));
        END IF;
    END LOOP;
END $$;
SELECT diag(format('third-party examples read: %s (from %s)', count(*), current_setting('jn_test.ijw_third_party'))) FROM third_party;
SAVEPOINT before_third_party;
DELETE FROM jeugdnorm.ijw_bericht;
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) SELECT naam, bericht FROM third_party ORDER BY naam;
SELECT lives_ok($$ SELECT * FROM jeugdnorm.load_ijw() $$, 'the third-party examples load');
SELECT is((SELECT count(*) FROM jeugdnorm.ijw_bericht WHERE status = 'verwerkt'),
          (SELECT count(*) FROM third_party),
          'every third-party example ends verwerkt (0 or 14 of them, whether ../shared/ijw is there)');
SELECT ok((SELECT count(*) = 0 FROM third_party)
          OR EXISTS (SELECT 1 FROM jeugdnorm.rejected r JOIN jeugdnorm.ijw_bericht b USING (bericht_id)
                      WHERE b.bestandsnaam = 'JW315' AND r.reason LIKE 'ToewijzingEinddatum ''2027-06-31'' is not a date%'),
          'third-party JW315.xml: the impossible date 2027-06-31 is a refused element, not a refused message');
SELECT ok((SELECT count(*) = 0 FROM third_party)
          OR (SELECT count(*) FROM jeugdnorm.declaratie) > 0 AND (SELECT count(*) FROM jeugdnorm.toewijzing) > 0,
          'third-party JW301 and JW323 give allocations and claim lines');
ROLLBACK TO SAVEPOINT before_third_party;

-- ---- 3. own messages: every mapping rule ---------------------------------------------------
-- Gemeente 0758, aanbieder 87654321, client BSN 123456782 (elfproef ok),
-- a second client 111222333 (elfproef ok: 9+16+21+12+10+8+9+6-3=88).
-- m1: JW301 without prefixes (default namespace), no XML declaration,
-- CRLF, a comment and CDATA around the Bsn.
CREATE TEMP TABLE msg (nr integer PRIMARY KEY, bericht text);
INSERT INTO msg VALUES
(1, replace($x$<Bericht xmlns="http://www.istandaarden.nl/ijw/3_2/jw301/schema" xmlns:b="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
<Header><BerichtCode>436</BerichtCode><BerichtVersie>3</BerichtVersie><BerichtSubversie>2</BerichtSubversie>
<Afzender>0758</Afzender><Ontvanger>87654321</Ontvanger>
<BerichtIdentificatie><b:Identificatie>M1</b:Identificatie><b:Dagtekening>2024-03-01</b:Dagtekening></BerichtIdentificatie>
<XsdVersie><b:BasisschemaXsdVersie>1.0.0</b:BasisschemaXsdVersie><b:BerichtXsdVersie>1.0.0</b:BerichtXsdVersie></XsdVersie></Header>
<Client><!-- client 123456782 --><Bsn><![CDATA[123456782]]></Bsn>
<Geboortedatum><b:Datum>2010-01-01</b:Datum><b:DatumGebruik>3</b:DatumGebruik></Geboortedatum><Geslacht>1</Geslacht>
<Contactgegevens><Contact><Soort>01</Soort><Adres><b:Huis><b:Huisnummer>3</b:Huisnummer></b:Huis><b:Postcode>5911 AB</b:Postcode></Adres></Contact></Contactgegevens>
<ToegewezenProducten>
<ToegewezenProduct><ToewijzingNummer>0007001</ToewijzingNummer><ReferentieAanbieder>VOT-9</ReferentieAanbieder>
<Product><b:Categorie>45</b:Categorie><b:Code>45A12</b:Code></Product>
<Toewijzingsdatum>2024-03-01</Toewijzingsdatum><Toewijzingstijd>10:00:00</Toewijzingstijd>
<Ingangsdatum>2024-03-01</Ingangsdatum>
<Omvang><b:Volume>120</b:Volume><b:Eenheid>01</b:Eenheid><b:Frequentie>2</b:Frequentie></Omvang></ToegewezenProduct>
<ToegewezenProduct><ToewijzingNummer>7002</ToewijzingNummer>
<Product><b:Categorie>54</b:Categorie><b:Code>54B01</b:Code></Product>
<Toewijzingsdatum>2024-03-01</Toewijzingsdatum><Toewijzingstijd>10:00:00</Toewijzingstijd>
<Ingangsdatum>2024-03-01</Ingangsdatum><Einddatum>2024-12-31</Einddatum>
<Omvang><b:Volume>150000</b:Volume><b:Eenheid>83</b:Eenheid><b:Frequentie>6</b:Frequentie></Omvang></ToegewezenProduct>
<ToegewezenProduct><ToewijzingNummer>7003</ToewijzingNummer>
<Product><b:Categorie>45</b:Categorie><b:Code>45A12</b:Code></Product>
<Toewijzingsdatum>2024-03-01</Toewijzingsdatum><Toewijzingstijd>10:00:00</Toewijzingstijd>
<Ingangsdatum>2024-02-30</Ingangsdatum>
<Omvang><b:Volume>1</b:Volume><b:Eenheid>04</b:Eenheid><b:Frequentie>2</b:Frequentie></Omvang></ToegewezenProduct>
<ToegewezenProduct><ToewijzingNummer>7004</ToewijzingNummer>
<Product><b:Categorie>45</b:Categorie><b:Code>45A12</b:Code></Product>
<Toewijzingsdatum>2024-03-01</Toewijzingsdatum><Toewijzingstijd>10:00:00</Toewijzingstijd>
<Ingangsdatum>2024-03-01</Ingangsdatum>
<Omvang><b:Volume>1</b:Volume><b:Eenheid>99</b:Eenheid><b:Frequentie>2</b:Frequentie></Omvang></ToegewezenProduct>
</ToegewezenProducten></Client></Bericht>$x$, E'\n', E'\r\n')),
-- m2: a later version of 7001 (ends 2024-06-30, 90 minutes) and 7002
-- removed (RedenWijziging 13); prefix p instead of jw301
(2, $x$<?xml version="1.0" encoding="UTF-8"?>
<p:Bericht xmlns:p="http://www.istandaarden.nl/ijw/3_2/jw301/schema" xmlns:q="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
<p:Header><p:BerichtCode>436</p:BerichtCode><p:BerichtVersie>3</p:BerichtVersie><p:BerichtSubversie>2</p:BerichtSubversie>
<p:Afzender>0758</p:Afzender><p:Ontvanger>87654321</p:Ontvanger>
<p:BerichtIdentificatie><q:Identificatie>M2</q:Identificatie><q:Dagtekening>2024-04-01</q:Dagtekening></p:BerichtIdentificatie>
<p:XsdVersie><q:BasisschemaXsdVersie>1.0.0</q:BasisschemaXsdVersie><q:BerichtXsdVersie>1.0.0</q:BerichtXsdVersie></p:XsdVersie></p:Header>
<p:Client><p:Bsn>123456782</p:Bsn><p:Geboortedatum><q:Datum>2010-01-01</q:Datum><q:DatumGebruik>3</q:DatumGebruik></p:Geboortedatum><p:Geslacht>1</p:Geslacht>
<p:ToegewezenProducten>
<p:ToegewezenProduct><p:ToewijzingNummer>7001</p:ToewijzingNummer><p:ReferentieAanbieder>VOT-9</p:ReferentieAanbieder>
<p:Product><q:Categorie>45</q:Categorie><q:Code>45A12</q:Code></p:Product>
<p:Toewijzingsdatum>2024-04-01</p:Toewijzingsdatum><p:Toewijzingstijd>09:00:00</p:Toewijzingstijd>
<p:Ingangsdatum>2024-03-01</p:Ingangsdatum><p:Einddatum>2024-06-30</p:Einddatum><p:RedenWijziging>01</p:RedenWijziging>
<p:Omvang><q:Volume>90</q:Volume><q:Eenheid>01</q:Eenheid><q:Frequentie>2</q:Frequentie></p:Omvang></p:ToegewezenProduct>
<p:ToegewezenProduct><p:ToewijzingNummer>7002</p:ToewijzingNummer>
<p:Product><q:Categorie>54</q:Categorie><q:Code>54B01</q:Code></p:Product>
<p:Toewijzingsdatum>2024-04-01</p:Toewijzingsdatum><p:Toewijzingstijd>09:00:00</p:Toewijzingstijd>
<p:Ingangsdatum>2024-03-01</p:Ingangsdatum><p:Einddatum>2024-03-01</p:Einddatum><p:RedenWijziging>13</p:RedenWijziging>
<p:Omvang><q:Volume>150000</q:Volume><q:Eenheid>83</q:Eenheid><q:Frequentie>6</q:Frequentie></p:Omvang></p:ToegewezenProduct>
</p:ToegewezenProducten></p:Client></p:Bericht>$x$),
-- m3: the JW315 with two requests: VOT-9 (granted by 7001), VOT-10 (in onderzoek)
(3, $x$<jw315:Bericht xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema" xmlns:jw315="http://www.istandaarden.nl/ijw/3_2/jw315/schema">
<jw315:Header><jw315:BerichtCode>446</jw315:BerichtCode><jw315:BerichtVersie>3</jw315:BerichtVersie><jw315:BerichtSubversie>2</jw315:BerichtSubversie>
<jw315:Afzender>87654321</jw315:Afzender><jw315:Ontvanger>0758</jw315:Ontvanger>
<jw315:BerichtIdentificatie><ijw:Identificatie>M3</ijw:Identificatie><ijw:Dagtekening>2024-02-20</ijw:Dagtekening></jw315:BerichtIdentificatie>
<jw315:XsdVersie><ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie><ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie></jw315:XsdVersie></jw315:Header>
<jw315:Client><jw315:Bsn>123456782</jw315:Bsn><jw315:Geboortedatum><ijw:Datum>2010-01-01</ijw:Datum></jw315:Geboortedatum><jw315:Geslacht>1</jw315:Geslacht>
<jw315:AangevraagdeProducten>
<jw315:AangevraagdProduct><jw315:ReferentieAanbieder>VOT-9</jw315:ReferentieAanbieder>
<jw315:Product><ijw:Categorie>45</ijw:Categorie><ijw:Code>45A12</ijw:Code></jw315:Product>
<jw315:ToewijzingIngangsdatum>2024-03-01</jw315:ToewijzingIngangsdatum>
<jw315:Omvang><ijw:Volume>60</ijw:Volume><ijw:Eenheid>01</ijw:Eenheid><ijw:Frequentie>2</ijw:Frequentie></jw315:Omvang>
<jw315:Verwijzer><ijw:Type>03</ijw:Type><ijw:Naam>Jeugdarts</ijw:Naam></jw315:Verwijzer></jw315:AangevraagdProduct>
<jw315:AangevraagdProduct><jw315:ReferentieAanbieder>VOT-10</jw315:ReferentieAanbieder>
<jw315:Product><ijw:Categorie>54</ijw:Categorie></jw315:Product>
<jw315:ToewijzingIngangsdatum>2024-04-01</jw315:ToewijzingIngangsdatum>
<jw315:Budget>100000</jw315:Budget>
<jw315:Verwijzer><ijw:Type>02</ijw:Type></jw315:Verwijzer></jw315:AangevraagdProduct>
</jw315:AangevraagdeProducten></jw315:Client></jw315:Bericht>$x$),
-- m4: an older version of 7001 arriving late (changes nothing)
(4, $x$<p:Bericht xmlns:p="http://www.istandaarden.nl/ijw/3_2/jw301/schema" xmlns:q="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
<p:Header><p:BerichtCode>436</p:BerichtCode><p:BerichtVersie>3</p:BerichtVersie><p:BerichtSubversie>2</p:BerichtSubversie>
<p:Afzender>0758</p:Afzender><p:Ontvanger>87654321</p:Ontvanger>
<p:BerichtIdentificatie><q:Identificatie>M4</q:Identificatie><q:Dagtekening>2024-02-15</q:Dagtekening></p:BerichtIdentificatie>
<p:XsdVersie><q:BasisschemaXsdVersie>1.0.0</q:BasisschemaXsdVersie><q:BerichtXsdVersie>1.0.0</q:BerichtXsdVersie></p:XsdVersie></p:Header>
<p:Client><p:Bsn>123456782</p:Bsn><p:Geboortedatum><q:Datum>2010-01-01</q:Datum></p:Geboortedatum><p:Geslacht>1</p:Geslacht>
<p:ToegewezenProducten>
<p:ToegewezenProduct><p:ToewijzingNummer>7001</p:ToewijzingNummer>
<p:Product><q:Categorie>45</q:Categorie><q:Code>45A12</q:Code></p:Product>
<p:Toewijzingsdatum>2024-02-15</p:Toewijzingsdatum><p:Toewijzingstijd>23:59:59</p:Toewijzingstijd>
<p:Ingangsdatum>2024-02-15</p:Ingangsdatum><p:Einddatum>2024-12-31</p:Einddatum>
<p:Omvang><q:Volume>999</q:Volume><q:Eenheid>01</q:Eenheid><q:Frequentie>2</q:Frequentie></p:Omvang></p:ToegewezenProduct>
</p:ToegewezenProducten></p:Client></p:Bericht>$x$),
-- m5: stops: 7001 (already ended 2024-06-30: only the reason), 7005 (not
-- loaded yet: applied when it arrives, giving its open end a date); two
-- stops for 7005, the later Dagtekening wins
(5, $x$<s:Bericht xmlns:s="http://www.istandaarden.nl/ijw/3_2/jw307/schema" xmlns:i="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
<s:Header><s:BerichtCode>440</s:BerichtCode><s:BerichtVersie>3</s:BerichtVersie><s:BerichtSubversie>2</s:BerichtSubversie>
<s:Afzender>87654321</s:Afzender><s:Ontvanger>0758</s:Ontvanger>
<s:BerichtIdentificatie><i:Identificatie>M5</i:Identificatie><i:Dagtekening>2024-07-02</i:Dagtekening></s:BerichtIdentificatie>
<s:XsdVersie><i:BasisschemaXsdVersie>1.0.0</i:BasisschemaXsdVersie><i:BerichtXsdVersie>1.0.0</i:BerichtXsdVersie></s:XsdVersie></s:Header>
<s:Client><s:Bsn>123456782</s:Bsn><s:Geboortedatum><i:Datum>2010-01-01</i:Datum></s:Geboortedatum><s:Geslacht>1</s:Geslacht>
<s:StopProducten>
<s:StopProduct><s:ToewijzingNummer>7001</s:ToewijzingNummer><s:Begindatum>2024-03-04</s:Begindatum>
<s:RedenBeeindiging>34</s:RedenBeeindiging><s:Einddatum>2024-06-15</s:Einddatum><s:StatusAanlevering>1</s:StatusAanlevering></s:StopProduct>
<s:StopProduct><s:ToewijzingNummer>7005</s:ToewijzingNummer><s:Begindatum>2024-05-01</s:Begindatum>
<s:RedenBeeindiging>31</s:RedenBeeindiging><s:Einddatum>2024-06-20</s:Einddatum><s:StatusAanlevering>1</s:StatusAanlevering></s:StopProduct>
<s:StopProduct><s:Begindatum>2024-05-01</s:Begindatum>
<s:RedenBeeindiging>31</s:RedenBeeindiging><s:Einddatum>2024-06-20</s:Einddatum><s:StatusAanlevering>1</s:StatusAanlevering></s:StopProduct>
</s:StopProducten></s:Client></s:Bericht>$x$),
(6, $x$<s:Bericht xmlns:s="http://www.istandaarden.nl/ijw/3_2/jw307/schema" xmlns:i="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
<s:Header><s:BerichtCode>440</s:BerichtCode><s:BerichtVersie>3</s:BerichtVersie><s:BerichtSubversie>2</s:BerichtSubversie>
<s:Afzender>87654321</s:Afzender><s:Ontvanger>0758</s:Ontvanger>
<s:BerichtIdentificatie><i:Identificatie>M6</i:Identificatie><i:Dagtekening>2024-06-25</i:Dagtekening></s:BerichtIdentificatie>
<s:XsdVersie><i:BasisschemaXsdVersie>1.0.0</i:BasisschemaXsdVersie><i:BerichtXsdVersie>1.0.0</i:BerichtXsdVersie></s:XsdVersie></s:Header>
<s:Client><s:Bsn>111222333</s:Bsn><s:Geboortedatum><i:Datum>2012-02-02</i:Datum></s:Geboortedatum><s:Geslacht>2</s:Geslacht>
<s:StopProducten>
<s:StopProduct><s:ToewijzingNummer>7005</s:ToewijzingNummer><s:Begindatum>2024-05-01</s:Begindatum>
<s:RedenBeeindiging>33</s:RedenBeeindiging><s:Einddatum>2024-06-10</s:Einddatum><s:StatusAanlevering>1</s:StatusAanlevering></s:StopProduct>
</s:StopProducten></s:Client></s:Bericht>$x$),
-- m7: JW301 7005 (open) for the second client, born 2012-02-02 (DatumGebruik 2)
(7, $x$<p:Bericht xmlns:p="http://www.istandaarden.nl/ijw/3_2/jw301/schema" xmlns:q="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
<p:Header><p:BerichtCode>436</p:BerichtCode><p:BerichtVersie>3</p:BerichtVersie><p:BerichtSubversie>2</p:BerichtSubversie>
<p:Afzender>0758</p:Afzender><p:Ontvanger>87654321</p:Ontvanger>
<p:BerichtIdentificatie><q:Identificatie>M7</q:Identificatie><q:Dagtekening>2024-04-20</q:Dagtekening></p:BerichtIdentificatie>
<p:XsdVersie><q:BasisschemaXsdVersie>1.0.0</q:BasisschemaXsdVersie><q:BerichtXsdVersie>1.0.0</q:BerichtXsdVersie></p:XsdVersie></p:Header>
<p:Client><p:Bsn>111222333</p:Bsn><p:Geboortedatum><q:Datum>2012-02-02</q:Datum><q:DatumGebruik>2</q:DatumGebruik></p:Geboortedatum><p:Geslacht>2</p:Geslacht>
<p:ToegewezenProducten>
<p:ToegewezenProduct><p:ToewijzingNummer>7005</p:ToewijzingNummer>
<p:Product><q:Categorie>45</q:Categorie></p:Product>
<p:Toewijzingsdatum>2024-04-20</p:Toewijzingsdatum><p:Toewijzingstijd>08:30:00</p:Toewijzingstijd>
<p:Ingangsdatum>2024-05-01</p:Ingangsdatum>
<p:Budget>123456</p:Budget></p:ToegewezenProduct>
</p:ToegewezenProducten></p:Client></p:Bericht>$x$),
-- m8: JW319 answers: VOT-9 afgewezen (but granted by 7001: the grant
-- wins), VOT-10 in onderzoek (no answer yet)
(8, $x$<a:Bericht xmlns:a="http://www.istandaarden.nl/ijw/3_2/jw319/schema" xmlns:i="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
<a:Header><a:BerichtCode>488</a:BerichtCode><a:BerichtVersie>3</a:BerichtVersie><a:BerichtSubversie>2</a:BerichtSubversie>
<a:Afzender>0758</a:Afzender><a:Ontvanger>87654321</a:Ontvanger>
<a:BerichtIdentificatie><i:Identificatie>M8</i:Identificatie><i:Dagtekening>2024-02-22</i:Dagtekening></a:BerichtIdentificatie>
<a:XsdVersie><i:BasisschemaXsdVersie>1.0.0</i:BasisschemaXsdVersie><i:BerichtXsdVersie>1.0.0</i:BerichtXsdVersie></a:XsdVersie></a:Header>
<a:Antwoord><a:ReferentieAanbieder>VOT-9</a:ReferentieAanbieder><a:VerzoekAntwoord>1</a:VerzoekAntwoord><a:RedenAfwijzingVerzoek>2</a:RedenAfwijzingVerzoek></a:Antwoord></a:Bericht>$x$),
(9, $x$<a:Bericht xmlns:a="http://www.istandaarden.nl/ijw/3_2/jw319/schema" xmlns:i="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
<a:Header><a:BerichtCode>488</a:BerichtCode><a:BerichtVersie>3</a:BerichtVersie><a:BerichtSubversie>2</a:BerichtSubversie>
<a:Afzender>0758</a:Afzender><a:Ontvanger>87654321</a:Ontvanger>
<a:BerichtIdentificatie><i:Identificatie>M9</i:Identificatie><i:Dagtekening>2024-02-23</i:Dagtekening></a:BerichtIdentificatie>
<a:XsdVersie><i:BasisschemaXsdVersie>1.0.0</i:BasisschemaXsdVersie><i:BerichtXsdVersie>1.0.0</i:BerichtXsdVersie></a:XsdVersie></a:Header>
<a:Antwoord><a:ReferentieAanbieder>VOT-10</a:ReferentieAanbieder><a:VerzoekAntwoord>2</a:VerzoekAntwoord></a:Antwoord></a:Bericht>$x$),
-- m10: JW323: a debit, its credit, two equal prestaties (two rows), a
-- client whose Bsn fails the elfproef (refused, without the value)
(10, $x$<d:Bericht xmlns:d="http://www.istandaarden.nl/ijw/3_2/jw323/schema" xmlns:i="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
<d:Header><d:BerichtCode>490</d:BerichtCode><d:BerichtVersie>3</d:BerichtVersie><d:BerichtSubversie>2</d:BerichtSubversie>
<d:Afzender>87654321</d:Afzender><d:Ontvanger>0758</d:Ontvanger>
<d:BerichtIdentificatie><i:Identificatie>M10</i:Identificatie><i:Dagtekening>2024-05-03</i:Dagtekening></d:BerichtIdentificatie>
<d:XsdVersie><i:BasisschemaXsdVersie>1.0.0</i:BasisschemaXsdVersie><i:BerichtXsdVersie>1.0.0</i:BerichtXsdVersie></d:XsdVersie></d:Header>
<d:Declaratie><d:DeclaratieNummer>D1</d:DeclaratieNummer>
<d:DeclaratiePeriode><i:Begindatum>2024-04-01</i:Begindatum><i:Einddatum>2024-04-30</i:Einddatum></d:DeclaratiePeriode>
<d:DeclaratieDagtekening>2024-05-03</d:DeclaratieDagtekening>
<d:TotaalIngediendBedrag><i:TotaalBedrag>13000</i:TotaalBedrag><i:DebetCredit>D</i:DebetCredit></d:TotaalIngediendBedrag>
<d:Clienten>
<d:Client><d:Bsn>123456782</d:Bsn><d:Prestaties>
<d:Prestatie><d:ProductReferentie><i:ReferentieNummer>R1</i:ReferentieNummer></d:ProductReferentie>
<d:ToewijzingNummer>7001</d:ToewijzingNummer><d:ProductCategorie>45</d:ProductCategorie><d:ProductCode>45A12</d:ProductCode>
<d:ProductPeriode><i:Begindatum>2024-04-01</i:Begindatum><i:Einddatum>2024-04-30</i:Einddatum></d:ProductPeriode>
<d:GeleverdVolume>360</d:GeleverdVolume><d:Eenheid>01</d:Eenheid><d:ProductTarief>6500</d:ProductTarief>
<d:IngediendBedrag><i:Bedrag>39000</i:Bedrag><i:DebetCredit>D</i:DebetCredit></d:IngediendBedrag></d:Prestatie>
<d:Prestatie><d:ProductReferentie><i:ReferentieNummer>R2</i:ReferentieNummer><i:VorigReferentieNummer>R0</i:VorigReferentieNummer></d:ProductReferentie>
<d:ToewijzingNummer>7001</d:ToewijzingNummer><d:ProductCategorie>45</d:ProductCategorie><d:ProductCode>45A12</d:ProductCode>
<d:ProductPeriode><i:Begindatum>2024-03-01</i:Begindatum><i:Einddatum>2024-03-31</i:Einddatum></d:ProductPeriode>
<d:GeleverdVolume>240</d:GeleverdVolume><d:Eenheid>01</d:Eenheid><d:ProductTarief>6500</d:ProductTarief>
<d:IngediendBedrag><i:Bedrag>26000</i:Bedrag><i:DebetCredit>C</i:DebetCredit></d:IngediendBedrag></d:Prestatie>
</d:Prestaties></d:Client>
<d:Client><d:Bsn>111222333</d:Bsn><d:Prestaties>
<d:Prestatie><d:ProductReferentie><i:ReferentieNummer>R3</i:ReferentieNummer></d:ProductReferentie>
<d:ToewijzingNummer>7005</d:ToewijzingNummer><d:ProductCategorie>45</d:ProductCategorie><d:ProductCode>45A99</d:ProductCode>
<d:ProductPeriode><i:Begindatum>2024-05-01</i:Begindatum><i:Einddatum>2024-05-31</i:Einddatum></d:ProductPeriode>
<d:GeleverdVolume>1</d:GeleverdVolume><d:Eenheid>82</d:Eenheid>
<d:IngediendBedrag><i:Bedrag>10000</i:Bedrag><i:DebetCredit>D</i:DebetCredit></d:IngediendBedrag></d:Prestatie>
<d:Prestatie><d:ProductReferentie><i:ReferentieNummer>R3</i:ReferentieNummer></d:ProductReferentie>
<d:ToewijzingNummer>7005</d:ToewijzingNummer><d:ProductCategorie>45</d:ProductCategorie><d:ProductCode>45A99</d:ProductCode>
<d:ProductPeriode><i:Begindatum>2024-05-01</i:Begindatum><i:Einddatum>2024-05-31</i:Einddatum></d:ProductPeriode>
<d:GeleverdVolume>1</d:GeleverdVolume><d:Eenheid>82</d:Eenheid>
<d:IngediendBedrag><i:Bedrag>10000</i:Bedrag><i:DebetCredit>D</i:DebetCredit></d:IngediendBedrag></d:Prestatie>
</d:Prestaties></d:Client>
<d:Client><d:Bsn>123456789</d:Bsn><d:Prestaties>
<d:Prestatie><d:ProductReferentie><i:ReferentieNummer>R4</i:ReferentieNummer></d:ProductReferentie>
<d:ToewijzingNummer>7009</d:ToewijzingNummer><d:ProductCategorie>45</d:ProductCategorie><d:ProductCode>45A12</d:ProductCode>
<d:ProductPeriode><i:Begindatum>2024-04-01</i:Begindatum><i:Einddatum>2024-04-30</i:Einddatum></d:ProductPeriode>
<d:GeleverdVolume>60</d:GeleverdVolume><d:Eenheid>01</d:Eenheid>
<d:IngediendBedrag><i:Bedrag>6500</i:Bedrag><i:DebetCredit>D</i:DebetCredit></d:IngediendBedrag></d:Prestatie>
</d:Prestaties></d:Client>
</d:Clienten></d:Declaratie></d:Bericht>$x$);

-- The tables as one text each, without surrogate ids, for comparing loads.
CREATE FUNCTION pg_temp.snapshot() RETURNS text LANGUAGE sql AS $$
    SELECT concat_ws(E'\n--\n',
        (SELECT string_agg(t::text, E'\n' ORDER BY t::text) FROM jeugdnorm.toewijzing t),
        (SELECT string_agg((d.gemeente, d.toewijzingnummer, d.client_id, d.aanbieder, d.productcategorie,
                            d.productcode, d.begindatum, d.einddatum, d.volume, d.eenheid, d.bedrag,
                            d.referentienummer, d.vorig_referentienummer)::text, E'\n'
                           ORDER BY (d.gemeente, d.toewijzingnummer, d.client_id, d.aanbieder, d.productcategorie,
                            d.productcode, d.begindatum, d.einddatum, d.volume, d.eenheid, d.bedrag,
                            d.referentienummer, d.vorig_referentienummer)::text)
           FROM jeugdnorm.declaratie d),
        (SELECT string_agg(v::text, E'\n' ORDER BY v::text) FROM jeugdnorm.verzoek v),
        (SELECT string_agg((r.target, r.reason, r.row - 'bericht_id')::text, E'\n'
                           ORDER BY (r.target, r.reason, r.row - 'bericht_id')::text)
           FROM jeugdnorm.rejected r))
$$;

TRUNCATE jeugdnorm.toewijzing, jeugdnorm.declaratie, jeugdnorm.verzoek, jeugdnorm.rejected,
         jeugdnorm.ijw_bericht, jeugdnorm.ijw_toewijzing_versie, jeugdnorm.ijw_stop,
         jeugdnorm.ijw_verzoek_versie, jeugdnorm.ijw_antwoord;
SAVEPOINT own;
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) SELECT 'm' || nr, bericht FROM msg ORDER BY nr;
SELECT results_eq($$ SELECT berichttype, berichten, verwerkt, afgewezen, rows_loaded, rows_rejected
                       FROM jeugdnorm.load_ijw() $$,
    $$ VALUES ('JW301', 4::bigint, 4::bigint, 0::bigint, 6::bigint, 2::bigint),
              ('JW307', 2, 2, 0, 3, 1),
              ('JW315', 1, 1, 0, 2, 0),
              ('JW319', 2, 2, 0, 2, 0),
              ('JW323', 1, 1, 0, 4, 1) $$,
    'own messages: every message verwerkt; the refused elements counted per kind');

SELECT results_eq($$ SELECT gemeente, toewijzingnummer, geboortedatum, aanbieder, productcategorie, productcode,
                            ingangsdatum, einddatum, volume, eenheid, frequentie, budget, reden_wijziging,
                            toewijzingsdatum, verwijzer, reden_beeindiging, postcode
                       FROM jeugdnorm.toewijzing ORDER BY toewijzingnummer $$,
    $$ VALUES ('0758', '7001', NULL::date, '87654321', '45', '45A12', '2024-03-01'::date, '2024-06-30'::date,
               90::numeric, '01', '2', NULL::numeric, '01', '2024-04-01'::date, '03', '34', NULL),
              ('0758', '7002', NULL, '87654321', '54', '54B01', '2024-03-01', '2024-03-01',
               1500.00, '83', '6', NULL, '13', '2024-04-01', NULL, NULL, NULL),
              ('0758', '7005', '2012-02-02', '87654321', '45', NULL, '2024-05-01', '2024-06-20',
               NULL, '83', NULL, 1234.56, NULL, '2024-04-20', NULL, '31', NULL) $$,
    'JW301 mapping: the latest version wins (the older one arriving later changes nothing), 13 kept, DatumGebruik 3 = NULL, Eenheid 83 and Budget in euros, verwijzer from the JW315, the latest stop sets reason and open end, postcode from the winning version''s message (none in m2)');

SELECT results_eq($$ SELECT DISTINCT postcode FROM jeugdnorm.ijw_toewijzing_versie v JOIN jeugdnorm.ijw_bericht b USING (bericht_id)
                       WHERE b.bestandsnaam = 'm1' $$, $$ VALUES ('5911') $$,
    'postcode ''5911 AB'' is kept as its 4 digits (spaces ignored)');
SELECT is((SELECT count(DISTINCT client_id) FROM jeugdnorm.toewijzing), 2::bigint,
          'ToewijzingNummer 0007001 and 7001 are one allocation of one client (leading zeros dropped)');

SELECT results_eq($$ SELECT verzoeknummer, ontvangen, gewenste_ingangsdatum, volume, eenheid, frequentie,
                            antwoord, antwoord_datum, reden_afwijzing, toewijzingnummer, verwijzer
                       FROM jeugdnorm.verzoek ORDER BY verzoeknummer $$,
    $$ VALUES ('VOT-10', '2024-02-20'::date, '2024-04-01'::date, NULL::numeric, '83', NULL, NULL, NULL::date, NULL, NULL, '02'),
              ('VOT-9', '2024-02-20', '2024-03-01', 60, '01', '2', 'toegewezen', '2024-03-01', NULL, '7001', '03') $$,
    'JW315/JW319: the grant (the earliest JW301 naming the request) wins over a refusal; in onderzoek is no answer; a budget request has eenheid 83');

SELECT results_eq($$ SELECT toewijzingnummer, begindatum, volume, eenheid, bedrag, referentienummer, vorig_referentienummer
                       FROM jeugdnorm.declaratie ORDER BY declaratie_id $$,
    $$ VALUES ('7001', '2024-04-01'::date, 360::numeric, '01', 390.00::numeric, 'R1', NULL),
              ('7001', '2024-03-01', -240, '01', -260.00, 'R2', 'R0'),
              ('7005', '2024-05-01', 1, '82', 100.00, 'R3', NULL),
              ('7005', '2024-05-01', 1, '82', 100.00, 'R3', NULL) $$,
    'JW323: credit negative, two equal prestaties are two rows, references kept');

SELECT results_eq($$ SELECT b.bestandsnaam, r.target, r.element_pad, r.reason
                       FROM jeugdnorm.rejected r JOIN jeugdnorm.ijw_bericht b USING (bericht_id)
                      ORDER BY r.bericht_id, r.source_row_no $$,
    $$ VALUES ('m1', 'toewijzing', '/Bericht/Client/ToegewezenProducten/ToegewezenProduct[3]',
               'Ingangsdatum ''2024-02-30'' is not a date (YYYY-MM-DD)'),
              ('m1', 'toewijzing', '/Bericht/Client/ToegewezenProducten/ToegewezenProduct[4]',
               'unknown eenheid code ''99'''),
              ('m5', 'toewijzing', '/Bericht/Client/StopProducten/StopProduct[3]',
               'StopProduct without ToewijzingNummer: it cannot be linked to an allocation'),
              ('m10', 'declaratie', '/Bericht/Declaratie/Clienten/Client[3]/Prestaties/Prestatie[1]',
               'bsn fails the elfproef') $$,
    'refused elements: message id, element path and reason; the rest of each message loaded');

SELECT results_eq($$ SELECT bestandsnaam, status, rows_loaded, rows_rejected, reden LIKE '% element(s) refused: see jeugdnorm.rejected%'
                       FROM jeugdnorm.ijw_bericht WHERE bestandsnaam IN ('m1', 'm10') ORDER BY bericht_id $$,
    $$ VALUES ('m1', 'verwerkt', 2, 2, true), ('m10', 'verwerkt', 4, 1, true) $$,
    'a message with refused elements is verwerkt with its counts and a pointer to rejected');

-- no BSN in the kept text: the pseudonym stands where the Bsn stood
SELECT is((SELECT count(*) FROM jeugdnorm.ijw_bericht
            WHERE bericht ~ '(123456782|111222333|123456789|999990019)'), 0::bigint,
          'the kept texts hold no BSN (valid ones replaced by pseudonyms, the invalid one by stars)');
SELECT ok((SELECT bericht FROM jeugdnorm.ijw_bericht WHERE bestandsnaam = 'm2')
          LIKE '%<p:Bsn>' || jeugdnorm.pseudonymise('123456782') || '</p:Bsn>%',
          'the kept text has the pseudonym in the Bsn element, the rest byte for byte');
SELECT ok((SELECT bericht FROM jeugdnorm.ijw_bericht WHERE bestandsnaam = 'm10') LIKE '%<d:Bsn>*********</d:Bsn>%',
          'a Bsn failing the elfproef is kept as stars');

SELECT pg_temp.snapshot() AS snap_in_order \gset

-- idempotence: the same messages again change nothing
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) SELECT 'again' || nr, bericht FROM msg ORDER BY nr;
SELECT results_eq($$ SELECT sum(verwerkt), sum(afgewezen), sum(rows_loaded), sum(rows_rejected) FROM jeugdnorm.load_ijw() $$,
    $$ VALUES (10::numeric, 0::numeric, 0::numeric, 0::numeric) $$,
    'idempotence: the same ten messages again are verwerkt and load nothing');
SELECT is((SELECT count(*) FROM jeugdnorm.ijw_bericht WHERE bestandsnaam LIKE 'again%' AND reden LIKE 'same content as bericht %: nothing loaded'),
          10::bigint, 'each copy says which message it repeats');
SELECT is(pg_temp.snapshot(), :'snap_in_order', 'idempotence: the tables are unchanged');
SELECT is((SELECT count(*) FROM jeugdnorm.load_ijw()), 0::bigint, 'nothing left to process: load_ijw() returns no rows');

-- ---- 4. order independence -----------------------------------------------------------------
ROLLBACK TO SAVEPOINT own;
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) SELECT 'm' || nr, bericht FROM msg ORDER BY nr DESC;
SELECT lives_ok($$ SELECT * FROM jeugdnorm.load_ijw() $$, 'the same messages in reverse order load');
SELECT is(pg_temp.snapshot(), :'snap_in_order', 'order independence: reversed arrival gives the same tables');

ROLLBACK TO SAVEPOINT own;
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) SELECT 'm' || nr, bericht FROM msg WHERE nr % 2 = 0 ORDER BY nr DESC;
SELECT lives_ok($$ SELECT * FROM jeugdnorm.load_ijw() $$, 'the even messages load first');
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) SELECT 'm' || nr, bericht FROM msg WHERE nr % 2 = 1 ORDER BY nr;
SELECT lives_ok($$ SELECT * FROM jeugdnorm.load_ijw() $$, 'then the odd ones, in a second call');
SELECT is(pg_temp.snapshot(), :'snap_in_order', 'order independence: shuffled over two calls gives the same tables');

ROLLBACK TO SAVEPOINT own;
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht)
SELECT 'm' || nr, bericht FROM msg ORDER BY md5(nr::text);
SELECT results_eq($$ SELECT sum(berichten), sum(rows_loaded) FROM jeugdnorm.load_ijw(batch_bytes => 1) $$,
    $$ VALUES (10::numeric, 17::numeric) $$,
    'a pseudo-random order loads, one message per batch (batch_bytes => 1), in one call');
SELECT is(pg_temp.snapshot(), :'snap_in_order', 'order independence: pseudo-random order gives the same tables');

-- ---- 5. tenancy: a gemeente the caller may not load ----------------------------------------
ROLLBACK TO SAVEPOINT own;
CREATE ROLE jn_ijw_loader;
GRANT USAGE ON SCHEMA jeugdnorm TO jn_ijw_loader;
GRANT SELECT, INSERT, UPDATE ON jeugdnorm.toewijzing, jeugdnorm.declaratie, jeugdnorm.verzoek,
    jeugdnorm.ijw_bericht, jeugdnorm.ijw_toewijzing_versie, jeugdnorm.ijw_stop,
    jeugdnorm.ijw_verzoek_versie, jeugdnorm.ijw_antwoord TO jn_ijw_loader;
GRANT INSERT ON jeugdnorm.rejected TO jn_ijw_loader;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA jeugdnorm TO jn_ijw_loader;
GRANT USAGE ON SCHEMA jeugdnorm_internal TO jn_ijw_loader;
GRANT EXECUTE ON FUNCTION jeugdnorm.load_ijw(bigint, bigint), jeugdnorm_internal.ijw_parse(bigint, bigint, text[]),
    jeugdnorm_internal.ijw_claims(bigint), jeugdnorm_internal.ijw_kept_text(bigint), jeugdnorm_internal.ijw_loadable_gemeenten(),
    jeugdnorm_internal.load_log_begin(text, text), jeugdnorm_internal.load_log_end(bigint, bigint) TO jn_ijw_loader;
INSERT INTO jeugdnorm.access (role_name, gemeente) VALUES ('jn_ijw_loader', '0363');
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES ('own 0363', :'jw323'), ('other 0758', (SELECT bericht FROM msg WHERE nr = 10));
SET LOCAL ROLE jn_ijw_loader;
SELECT lives_ok($$ SELECT * FROM jeugdnorm.load_ijw() $$, 'a loader limited to gemeente 0363 runs load_ijw()');
RESET ROLE;
SELECT results_eq($$ SELECT DISTINCT gemeente FROM jeugdnorm.declaratie $$, $$ VALUES ('0363') $$,
    'tenancy: only the claim lines of the loader''s own gemeente load');
SELECT is((SELECT count(*) FROM jeugdnorm.rejected WHERE reason LIKE '%no access to gemeente 0758 (jeugdnorm.access)%'),
          5::bigint, 'tenancy: the five prestaties for 0758 are refused elements naming the gemeente');

-- ---- 6. privileges --------------------------------------------------------------------------
SELECT is(has_function_privilege('public', 'jeugdnorm.load_ijw(bigint, bigint)', 'EXECUTE'), false,
          'load_ijw is not executable by PUBLIC');
SELECT is(has_function_privilege('public', 'jeugdnorm_internal.ijw_parse(bigint, bigint, text[])', 'EXECUTE'), false,
          'ijw_parse (it pseudonymises) is not executable by PUBLIC');

-- ---- 7. no BSN anywhere ------------------------------------------------------------------------
ROLLBACK TO SAVEPOINT own;
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) SELECT 'm' || nr, bericht FROM msg ORDER BY nr;
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht)
VALUES ('JW301', :'jw301'), ('JW305', :'jw305'), ('JW307', :'jw307'), ('JW315', :'jw315'),
       ('JW316', :'jw316'), ('JW319', :'jw319'), ('JW323', :'jw323'), ('JW325', :'jw325');
SELECT lives_ok($$ SELECT * FROM jeugdnorm.load_ijw() $$, 'all messages load');
-- every text, varchar and jsonb column of every table of the extension's schemas
CREATE FUNCTION pg_temp.bsn_hits(bsns text[]) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    c record;
    n bigint;
    total bigint := 0;
BEGIN
    FOR c IN SELECT format('%I.%I', table_schema, table_name) AS t, column_name AS col
               FROM information_schema.columns
              WHERE table_schema IN ('jeugdnorm', 'jeugdnorm_internal')
                AND data_type IN ('text', 'character varying', 'jsonb', 'bytea', 'ARRAY')
                AND (table_schema, table_name) IN (SELECT table_schema, table_name FROM information_schema.tables
                                                    WHERE table_type = 'BASE TABLE')
    LOOP
        EXECUTE format('SELECT count(*) FROM %s WHERE %I::text ~ $1', c.t, c.col)
            INTO n USING array_to_string(bsns, '|');
        total := total + n;
    END LOOP;
    RETURN total;
END $$;
SELECT is(pg_temp.bsn_hits(ARRAY['123456782', '111222333', '123456789', '999990019']), 0::bigint,
          'no BSN in any text column of any table (inputs, versions, ijw_bericht, rejected)');
SELECT isnt(pg_temp.bsn_hits(ARRAY[jeugdnorm.pseudonymise('123456782')]), 0::bigint,
          'the check finds what it looks for: the pseudonym is there');

-- the server log (test/scripts/cluster.sh writes it next to the data
-- directory); no line the loader made (or any other) holds a raw BSN
DO $$ BEGIN RAISE LOG 'jeugdnorm ijw test: log probe'; END $$;
SELECT ok(coalesce(
    (SELECT pg_read_file(f, :log_start, (pg_stat_file(f)).size - :log_start) LIKE '%jeugdnorm ijw test: log probe%'
       FROM (SELECT current_setting('data_directory') || '/../log/server.log' AS f) x
      WHERE :log_start >= 0), true),
    'the log check reads the lines written during this test (a probe line is there)');
SELECT ok(coalesce(
    (SELECT pg_read_file(f, :log_start, (pg_stat_file(f)).size - :log_start) !~ '(123456782|111222333|123456789|999990019)'
       FROM (SELECT current_setting('data_directory') || '/../log/server.log' AS f) x
      WHERE :log_start >= 0), true),
    'no BSN in the server log lines written while loading');

-- load_log (24_load_log.sql): every load_ijw call is a finished load, and the
-- rows it refused point at it
SELECT results_eq($$ SELECT count(*) > 0, count(*) FILTER (WHERE finished IS NULL) FROM jeugdnorm.load_log
                      WHERE loader = 'load_ijw' AND source = 'jeugdnorm.ijw_bericht' $$,
                  $$ VALUES (true, 0::bigint) $$,
                  'load_log: the load_ijw calls are logged and finished');
SELECT is((SELECT count(*) FROM jeugdnorm.rejected r
            WHERE r.bericht_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM jeugdnorm.load_log l WHERE l.load_id = r.load_id AND l.loader = 'load_ijw')),
          0::bigint, 'every element load_ijw refused carries the load id of its load_ijw call');

SELECT * FROM finish();
ROLLBACK;
