-- ---------------------------------------------------------------------------
-- test/generator/demo_ijw.sql -- the demo region written as iJw 3.2 messages
--
-- Load after test/generator/demo_region.sql and generate():
--     \i test/generator/demo_ijw.sql
--     SELECT jeugdnorm_demo.ijw_normalise();   -- needs the pseudonym key
--     SELECT jeugdnorm_demo.ijw_messages();    -- fills jeugdnorm.ijw_bericht
--
-- ijw_normalise() makes the demo tables what iJw messages can carry, so that
-- the region loaded as rows and the same region loaded with load_ijw() can
-- be compared view by view (test/loader_ijw_roundtrip.sql):
--   * every client gets a BSN (a bijection of its demo client_id, passing the
--     elfproef; jeugdnorm_demo.client_bsn) and client_id becomes
--     pseudonymise(bsn), as load_ijw() will store it;
--   * iJw volumes are integers: a fractional number of hours becomes minutes
--     (eenheid '01') when that is whole, any other fraction is rounded;
--     money and Eenheid-83 volumes are whole eurocents (scale 2);
--   * a budget allocation has no Omvang (volume, frequentie NULL, eenheid 83);
--   * every allocation has a toewijzingsdatum (the ingangsdatum when the demo
--     has none); its verwijzer is that of the request that names it (iJw:
--     only a JW315 carries a Verwijzer); reden_beeindiging only on a closed
--     allocation (a JW307 stop carries an Einddatum);
--   * a request always has a gewenste ingangsdatum, a verwijzer and an
--     aanbieder; 'toegewezen' only when linked to a loaded allocation (one
--     request per allocation), dated on that allocation's toewijzingsdatum;
--     'afgewezen' dated (antwoord_datum, else ontvangen).
-- ijw_messages() writes one JW301 per allocation, one JW307 per stopped
-- allocation, one JW315 per request, one JW319 per refused request and one
-- JW323 per (aanbieder, gemeente, month) with its clients and prestaties.
-- ---------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS jeugdnorm_demo.client_bsn (
    demo_client_id text PRIMARY KEY,
    bsn            text NOT NULL UNIQUE,
    client_id      text NOT NULL UNIQUE
);

CREATE OR REPLACE FUNCTION jeugdnorm_demo.bsn_for(n bigint) RETURNS text
    LANGUAGE sql IMMUTABLE
RETURN (SELECT d || chk::text
          FROM (VALUES (0), (1), (2)) k(o)
         CROSS JOIN LATERAL (SELECT lpad((10000000 + n * 3 + k.o)::text, 8, '0') AS d) x
         CROSS JOIN LATERAL (SELECT (9 * substr(d, 1, 1)::int + 8 * substr(d, 2, 1)::int + 7 * substr(d, 3, 1)::int
                                   + 6 * substr(d, 4, 1)::int + 5 * substr(d, 5, 1)::int + 4 * substr(d, 6, 1)::int
                                   + 3 * substr(d, 7, 1)::int + 2 * substr(d, 8, 1)::int) % 11 AS chk) y
         WHERE chk < 10
         ORDER BY k.o LIMIT 1);

CREATE OR REPLACE FUNCTION jeugdnorm_demo.ijw_normalise() RETURNS void
    LANGUAGE plpgsql
AS $$
BEGIN
    TRUNCATE jeugdnorm_demo.client_bsn;
    INSERT INTO jeugdnorm_demo.client_bsn
    SELECT c, jeugdnorm_demo.bsn_for(row_number() OVER (ORDER BY c)), 'pending:' || c
      FROM (SELECT client_id FROM jeugdnorm.toewijzing UNION SELECT client_id FROM jeugdnorm.declaratie
            UNION SELECT client_id FROM jeugdnorm.verzoek) s(c)
     WHERE c IS NOT NULL;
    UPDATE jeugdnorm_demo.client_bsn SET client_id = jeugdnorm.pseudonymise(bsn);
    UPDATE jeugdnorm.toewijzing t SET client_id = b.client_id FROM jeugdnorm_demo.client_bsn b WHERE b.demo_client_id = t.client_id;
    UPDATE jeugdnorm.declaratie t SET client_id = b.client_id FROM jeugdnorm_demo.client_bsn b WHERE b.demo_client_id = t.client_id;
    UPDATE jeugdnorm.verzoek t SET client_id = b.client_id FROM jeugdnorm_demo.client_bsn b WHERE b.demo_client_id = t.client_id;

    -- allocations
    UPDATE jeugdnorm.toewijzing SET volume = NULL, frequentie = NULL, eenheid = '83', budget = round(budget, 2)
     WHERE budget IS NOT NULL;
    UPDATE jeugdnorm.toewijzing SET volume = round(volume, 2) WHERE budget IS NULL AND eenheid = '83';
    UPDATE jeugdnorm.toewijzing SET volume = round(volume * 60), eenheid = '01'
     WHERE budget IS NULL AND eenheid = '04' AND volume <> trunc(volume) AND volume * 60 = trunc(volume * 60);
    UPDATE jeugdnorm.toewijzing SET volume = round(volume) WHERE budget IS NULL AND eenheid <> '83';
    UPDATE jeugdnorm.toewijzing SET volume = NULL, eenheid = NULL, frequentie = NULL
     WHERE budget IS NULL AND (volume IS NULL OR eenheid IS NULL OR frequentie IS NULL);
    UPDATE jeugdnorm.toewijzing SET toewijzingsdatum = ingangsdatum WHERE toewijzingsdatum IS NULL;
    UPDATE jeugdnorm.toewijzing SET reden_beeindiging = NULL WHERE einddatum IS NULL;

    -- requests: one per allocation, linked only to a loaded allocation
    UPDATE jeugdnorm.verzoek v SET toewijzingnummer = NULL
     WHERE toewijzingnummer IS NOT NULL
       AND (NOT EXISTS (SELECT 1 FROM jeugdnorm.toewijzing t
                         WHERE t.gemeente = v.gemeente AND t.toewijzingnummer = v.toewijzingnummer)
            OR EXISTS (SELECT 1 FROM jeugdnorm.verzoek w
                        WHERE w.gemeente = v.gemeente AND w.toewijzingnummer = v.toewijzingnummer
                          AND w.verzoeknummer < v.verzoeknummer));
    UPDATE jeugdnorm.verzoek SET aanbieder = '00000001' WHERE aanbieder IS NULL;
    UPDATE jeugdnorm.verzoek SET gewenste_ingangsdatum = ontvangen WHERE gewenste_ingangsdatum IS NULL;
    UPDATE jeugdnorm.verzoek SET volume = NULL, frequentie = NULL WHERE eenheid = '83';
    UPDATE jeugdnorm.verzoek SET volume = round(volume) WHERE eenheid <> '83';
    UPDATE jeugdnorm.verzoek SET volume = NULL, eenheid = NULL, frequentie = NULL
     WHERE eenheid IS DISTINCT FROM '83' AND (volume IS NULL OR eenheid IS NULL OR frequentie IS NULL);
    UPDATE jeugdnorm.verzoek v
       SET antwoord = 'toegewezen', reden_afwijzing = NULL,
           antwoord_datum = CASE WHEN t.toewijzingsdatum >= v.ontvangen THEN t.toewijzingsdatum END
      FROM jeugdnorm.toewijzing t
     WHERE t.gemeente = v.gemeente AND t.toewijzingnummer = v.toewijzingnummer;
    UPDATE jeugdnorm.verzoek SET antwoord = NULL, antwoord_datum = NULL, reden_afwijzing = NULL
     WHERE toewijzingnummer IS NULL AND antwoord IS DISTINCT FROM 'afgewezen';
    UPDATE jeugdnorm.verzoek SET antwoord_datum = ontvangen WHERE antwoord = 'afgewezen' AND antwoord_datum IS NULL;
    UPDATE jeugdnorm.verzoek v
       SET verwijzer = coalesce((SELECT t.verwijzer FROM jeugdnorm.toewijzing t
                                  WHERE t.gemeente = v.gemeente AND t.toewijzingnummer = v.toewijzingnummer), '06');
    UPDATE jeugdnorm.toewijzing t
       SET verwijzer = (SELECT v.verwijzer FROM jeugdnorm.verzoek v
                         WHERE v.gemeente = t.gemeente AND v.toewijzingnummer = t.toewijzingnummer);

    -- claim lines
    UPDATE jeugdnorm.declaratie SET volume = round(volume * 60), eenheid = '01'
     WHERE eenheid = '04' AND volume <> trunc(volume) AND volume * 60 = trunc(volume * 60);
    UPDATE jeugdnorm.declaratie SET volume = CASE WHEN eenheid = '83' THEN round(volume, 2) ELSE round(volume) END,
                                    bedrag = round(bedrag, 2);
END;
$$;

-- XML helpers: an element when the value is there
CREATE OR REPLACE FUNCTION jeugdnorm_demo.el(name text, value text) RETURNS text
    LANGUAGE sql IMMUTABLE
RETURN CASE WHEN value IS NOT NULL THEN '<' || name || '>' || value || '</' || split_part(name, ' ', 1) || '>' END;

CREATE OR REPLACE FUNCTION jeugdnorm_demo.header(ns text, code text, afzender text, ontvanger text,
                                                 ident text, dagtekening date) RETURNS text
    LANGUAGE sql IMMUTABLE
RETURN format('<?xml version="1.0" encoding="UTF-8"?>
<m:Bericht xmlns:m="http://www.istandaarden.nl/ijw/3_2/%s/schema" xmlns:i="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
<m:Header><m:BerichtCode>%s</m:BerichtCode><m:BerichtVersie>3</m:BerichtVersie><m:BerichtSubversie>2</m:BerichtSubversie>
<m:Afzender>%s</m:Afzender><m:Ontvanger>%s</m:Ontvanger>
<m:BerichtIdentificatie><i:Identificatie>%s</i:Identificatie><i:Dagtekening>%s</i:Dagtekening></m:BerichtIdentificatie>
<m:XsdVersie><i:BasisschemaXsdVersie>1.0.0</i:BasisschemaXsdVersie><i:BerichtXsdVersie>1.0.0</i:BerichtXsdVersie></m:XsdVersie></m:Header>
', ns, code, afzender, ontvanger, ident, to_char(dagtekening, 'YYYY-MM-DD'));

CREATE OR REPLACE FUNCTION jeugdnorm_demo.client(bsn text, geboortedatum date, postcode text) RETURNS text
    LANGUAGE sql IMMUTABLE
RETURN '<m:Client><m:Bsn>' || bsn || '</m:Bsn><m:Geboortedatum><i:Datum>'
    || coalesce(to_char(geboortedatum, 'YYYY-MM-DD'), '2000-01-01') || '</i:Datum><i:DatumGebruik>'
    || CASE WHEN geboortedatum IS NULL THEN '3' ELSE '1' END || '</i:DatumGebruik></m:Geboortedatum><m:Geslacht>0</m:Geslacht>'
    || coalesce('<m:Contactgegevens><m:Contact><m:Soort>01</m:Soort><m:Adres><i:Postcode>' || postcode
                || 'XY</i:Postcode></m:Adres></m:Contact></m:Contactgegevens>', '');

CREATE OR REPLACE FUNCTION jeugdnorm_demo.ijw_messages() RETURNS bigint
    LANGUAGE plpgsql
AS $$
DECLARE
    n bigint;
BEGIN
    -- JW301: one per allocation
    INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht)
    SELECT 'JW301-' || t.gemeente || '-' || t.toewijzingnummer,
           jeugdnorm_demo.header('jw301', '436', t.gemeente, t.aanbieder, 'T' || t.toewijzingnummer, t.toewijzingsdatum)
        || jeugdnorm_demo.client(b.bsn, t.geboortedatum, t.postcode)
        || '<m:ToegewezenProducten><m:ToegewezenProduct>'
        || jeugdnorm_demo.el('m:ToewijzingNummer', t.toewijzingnummer)
        || coalesce(jeugdnorm_demo.el('m:ReferentieAanbieder',
                (SELECT v.verzoeknummer FROM jeugdnorm.verzoek v
                  WHERE v.gemeente = t.gemeente AND v.toewijzingnummer = t.toewijzingnummer)), '')
        || '<m:Product>' || jeugdnorm_demo.el('i:Categorie', t.productcategorie)
        || coalesce(jeugdnorm_demo.el('i:Code', t.productcode), '') || '</m:Product>'
        || jeugdnorm_demo.el('m:Toewijzingsdatum', to_char(t.toewijzingsdatum, 'YYYY-MM-DD'))
        || '<m:Toewijzingstijd>12:00:00</m:Toewijzingstijd>'
        || jeugdnorm_demo.el('m:Ingangsdatum', to_char(t.ingangsdatum, 'YYYY-MM-DD'))
        || coalesce(jeugdnorm_demo.el('m:Einddatum', to_char(t.einddatum, 'YYYY-MM-DD')), '')
        || coalesce(jeugdnorm_demo.el('m:RedenWijziging', t.reden_wijziging), '')
        || CASE WHEN t.budget IS NOT NULL THEN jeugdnorm_demo.el('m:Budget', round(t.budget * 100)::text)
                WHEN t.volume IS NOT NULL THEN
                    '<m:Omvang>' || jeugdnorm_demo.el('i:Volume',
                        CASE WHEN t.eenheid = '83' THEN round(t.volume * 100) ELSE t.volume END::bigint::text)
                    || jeugdnorm_demo.el('i:Eenheid', t.eenheid) || jeugdnorm_demo.el('i:Frequentie', t.frequentie)
                    || '</m:Omvang>'
                ELSE '' END
        || '</m:ToegewezenProduct></m:ToegewezenProducten></m:Client></m:Bericht>'
      FROM jeugdnorm.toewijzing t
      JOIN jeugdnorm_demo.client_bsn b ON b.client_id = t.client_id
     ORDER BY t.gemeente, t.toewijzingnummer;

    -- JW307: a stop per stopped allocation
    INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht)
    SELECT 'JW307-' || t.gemeente || '-' || t.toewijzingnummer,
           jeugdnorm_demo.header('jw307', '440', t.aanbieder, t.gemeente, 'S' || t.toewijzingnummer, t.einddatum)
        || jeugdnorm_demo.client(b.bsn, t.geboortedatum, NULL)
        || '<m:StopProducten><m:StopProduct>'
        || jeugdnorm_demo.el('m:ToewijzingNummer', t.toewijzingnummer)
        || jeugdnorm_demo.el('m:Begindatum', to_char(t.ingangsdatum, 'YYYY-MM-DD'))
        || jeugdnorm_demo.el('m:RedenBeeindiging', t.reden_beeindiging)
        || jeugdnorm_demo.el('m:Einddatum', to_char(t.einddatum, 'YYYY-MM-DD'))
        || '<m:StatusAanlevering>1</m:StatusAanlevering></m:StopProduct></m:StopProducten></m:Client></m:Bericht>'
      FROM jeugdnorm.toewijzing t
      JOIN jeugdnorm_demo.client_bsn b ON b.client_id = t.client_id
     WHERE t.reden_beeindiging IS NOT NULL
     ORDER BY t.gemeente, t.toewijzingnummer;

    -- JW315: one per request; JW319 for the refused ones
    INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht)
    SELECT 'JW315-' || v.gemeente || '-' || v.verzoeknummer,
           jeugdnorm_demo.header('jw315', '446', v.aanbieder, v.gemeente, left('V' || md5(v.verzoeknummer), 12), v.ontvangen)
        || jeugdnorm_demo.client(b.bsn, DATE '2010-01-01', NULL)
        || '<m:AangevraagdeProducten><m:AangevraagdProduct>'
        || jeugdnorm_demo.el('m:ReferentieAanbieder', v.verzoeknummer)
        || CASE WHEN v.productcategorie IS NOT NULL THEN '<m:Product>' || jeugdnorm_demo.el('i:Categorie', v.productcategorie)
                || coalesce(jeugdnorm_demo.el('i:Code', v.productcode), '') || '</m:Product>' ELSE '' END
        || jeugdnorm_demo.el('m:ToewijzingIngangsdatum', to_char(v.gewenste_ingangsdatum, 'YYYY-MM-DD'))
        || CASE WHEN v.eenheid = '83' THEN '<m:Budget>0</m:Budget>'
                WHEN v.volume IS NOT NULL THEN '<m:Omvang>' || jeugdnorm_demo.el('i:Volume', v.volume::bigint::text)
                    || jeugdnorm_demo.el('i:Eenheid', v.eenheid) || jeugdnorm_demo.el('i:Frequentie', v.frequentie)
                    || '</m:Omvang>'
                ELSE '' END
        || '<m:Verwijzer>' || jeugdnorm_demo.el('i:Type', v.verwijzer) || '</m:Verwijzer>'
        || '</m:AangevraagdProduct></m:AangevraagdeProducten></m:Client></m:Bericht>'
      FROM jeugdnorm.verzoek v
      JOIN jeugdnorm_demo.client_bsn b ON b.client_id = v.client_id
     ORDER BY v.gemeente, v.verzoeknummer;

    INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht)
    SELECT 'JW319-' || v.gemeente || '-' || v.verzoeknummer,
           jeugdnorm_demo.header('jw319', '488', v.gemeente, v.aanbieder, left('A' || md5(v.verzoeknummer), 12), v.antwoord_datum)
        || '<m:Antwoord>' || jeugdnorm_demo.el('m:ReferentieAanbieder', v.verzoeknummer)
        || '<m:VerzoekAntwoord>1</m:VerzoekAntwoord>'
        || coalesce(jeugdnorm_demo.el('m:RedenAfwijzingVerzoek', v.reden_afwijzing), '')
        || '</m:Antwoord></m:Bericht>'
      FROM jeugdnorm.verzoek v
     WHERE v.antwoord = 'afgewezen'
     ORDER BY v.gemeente, v.verzoeknummer;

    -- JW323: per (aanbieder, gemeente, month of begindatum)
    INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht)
    SELECT format('JW323-%s-%s-%s', g.aanbieder, g.gemeente, to_char(g.maand, 'YYYYMM')),
           jeugdnorm_demo.header('jw323', '490', g.aanbieder, g.gemeente,
                                 'D' || to_char(g.maand, 'YYMM') || right(g.aanbieder, 4), (g.maand + interval '1 month')::date)
        || '<m:Declaratie><m:DeclaratieNummer>D' || to_char(g.maand, 'YYYYMM') || '</m:DeclaratieNummer>'
        || '<m:DeclaratiePeriode><i:Begindatum>' || to_char(g.maand, 'YYYY-MM-DD') || '</i:Begindatum><i:Einddatum>'
        || to_char((g.maand + interval '1 month - 1 day')::date, 'YYYY-MM-DD') || '</i:Einddatum></m:DeclaratiePeriode>'
        || '<m:DeclaratieDagtekening>' || to_char((g.maand + interval '1 month')::date, 'YYYY-MM-DD') || '</m:DeclaratieDagtekening>'
        || '<m:TotaalIngediendBedrag><i:TotaalBedrag>0</i:TotaalBedrag><i:DebetCredit>D</i:DebetCredit></m:TotaalIngediendBedrag>'
        || '<m:Clienten>' || g.clienten || '</m:Clienten></m:Declaratie></m:Bericht>'
      FROM (SELECT c.aanbieder, c.gemeente, c.maand,
                   string_agg('<m:Client><m:Bsn>' || c.bsn || '</m:Bsn><m:Prestaties>' || c.prestaties
                              || '</m:Prestaties></m:Client>', '' ORDER BY c.bsn) AS clienten
              FROM (SELECT d.aanbieder, d.gemeente, date_trunc('month', d.begindatum)::date AS maand, b.bsn,
                           string_agg('<m:Prestatie><m:ProductReferentie><i:ReferentieNummer>R' || d.declaratie_id
                               || '</i:ReferentieNummer></m:ProductReferentie>'
                               || jeugdnorm_demo.el('m:ToewijzingNummer', d.toewijzingnummer)
                               || jeugdnorm_demo.el('m:ProductCategorie', d.productcategorie)
                               || jeugdnorm_demo.el('m:ProductCode', d.productcode)
                               || '<m:ProductPeriode><i:Begindatum>' || to_char(d.begindatum, 'YYYY-MM-DD')
                               || '</i:Begindatum><i:Einddatum>' || to_char(d.einddatum, 'YYYY-MM-DD')
                               || '</i:Einddatum></m:ProductPeriode>'
                               || jeugdnorm_demo.el('m:GeleverdVolume',
                                      abs(CASE WHEN d.eenheid = '83' THEN round(d.volume * 100) ELSE d.volume END)::bigint::text)
                               || jeugdnorm_demo.el('m:Eenheid', d.eenheid)
                               || '<m:IngediendBedrag><i:Bedrag>' || abs(round(d.bedrag * 100))::bigint
                               || '</i:Bedrag><i:DebetCredit>'
                               || CASE WHEN d.bedrag < 0 OR (d.bedrag = 0 AND d.volume < 0) THEN 'C' ELSE 'D' END
                               || '</i:DebetCredit></m:IngediendBedrag></m:Prestatie>', '' ORDER BY d.declaratie_id) AS prestaties
                      FROM jeugdnorm.declaratie d
                      JOIN jeugdnorm_demo.client_bsn b ON b.client_id = d.client_id
                     GROUP BY 1, 2, 3, 4) c
             GROUP BY 1, 2, 3) g
     ORDER BY 1;

    SELECT count(*) INTO n FROM jeugdnorm.ijw_bericht WHERE status IS NULL;
    RETURN n;
END;
$$;
