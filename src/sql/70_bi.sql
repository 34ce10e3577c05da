-- 70_bi.sql: the BI layer of DEFINITIONS.md section 8: the column
-- dictionary and the dimension views of a star model.
--
-- column_dictionary is derived from the catalogue (every plain view in
-- schema jeugdnorm, its columns and their COMMENT ON), so it stays right as
-- views are added.  The dimensions collect every key the contract views can
-- show (read from the cleaned layer, never re-derived) and add one
-- 'onbekend' (unknown) member each, so that a BI model can map a missing key
-- to it and no fact dangles.
--
-- Tenancy (jeugdnorm.access, 45_path_views.sql): the dimensions run with
-- their owner's privileges, like the facts, and take keys from data only
-- from the allocations and claim lines of the gemeenten the caller may see,
-- so they hold the keys of the facts that caller sees and nothing that
-- reveals another gemeente's care.  The catalogues (jeugdnorm.product,
-- jeugdnorm.aanbieder) and the analysis window are not client data: their
-- keys are shown to every reader (a reader without access sees the
-- catalogue, the window's days and the onbekend members).  dim_gemeente
-- lists only the visible gemeenten.  column_dictionary describes the views
-- and holds no data.
--
-- Changed in 0.3.0 (dim_aanbieder and dim_gemeente also take the keys of the
-- money inputs, 23_money_inputs.sql), so this file is part of the
-- 0.2.0 -> 0.3.0 upgrade (SQL_CHANGED_SINCE_PREV): CREATE OR REPLACE only,
-- every view keeps its columns.
-- ---------------------------------------------------------------------------
-- column_dictionary
-- ---------------------------------------------------------------------------
CREATE OR REPLACE VIEW jeugdnorm.column_dictionary AS
SELECT c.relname::text AS view_name,
       a.attname::text AS column_name,
       a.attnum::integer AS ordinal,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS data_type,
       pg_catalog.col_description(c.oid, a.attnum::integer) AS description,
       pg_catalog.obj_description(c.oid, 'pg_class') AS view_description,
       l.label_nl
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n
    ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_attribute a
    ON a.attrelid = c.oid
  -- label_nl: one Dutch display label per column name (a name means the same
  -- in every view, doc/glossary.md); a column of a view added later without
  -- a label here gets NULL.  Added in 0.3.0 as the last column, so this file
  -- is re-run by the 0.2.0 -> 0.3.0 upgrade (CREATE OR REPLACE VIEW).
  LEFT JOIN (VALUES
        ('aanbieder', 'Aanbieder'),
        ('aanbieder_type', 'Type aanbieder'),
        ('afgewezen', 'Afgewezen'),
        ('allocated_amount', 'Toegewezen bedrag'),
        ('allocated_volume', 'Toegewezen volume'),
        ('allocations', 'Aantal toewijzingen'),
        ('allocations_stretched', 'Toewijzingen opgerekt'),
        ('amount', 'Bedrag'),
        ('answered_with_date', 'Beantwoord met datum'),
        ('aspecifiek', 'Aspecifiek'),
        ('bin', 'Klasse'),
        ('bin_order', 'Volgorde klasse'),
        ('claim_lines', 'Aantal declaratieregels'),
        ('claim_lines_nga', 'Declaratieregels NGA'),
        ('claimed_amount', 'Gedeclareerd bedrag'),
        ('claimed_volume', 'Gedeclareerd volume'),
        ('client_id', 'Cliënt (pseudoniem)'),
        ('clients', 'Aantal cliënten'),
        ('column_name', 'Kolomnaam'),
        ('completed', 'Afgesloten'),
        ('completed_paths', 'Afgesloten zorgpaden'),
        ('cost', 'Kosten'),
        ('cost_maatwerk_meerwerk', 'Kosten maatwerk/meerwerk'),
        ('cost_nga', 'Kosten NGA'),
        ('data_type', 'Datatype'),
        ('datum', 'Datum'),
        ('day_name', 'Naam dag'),
        ('day_of_week', 'Dag van de week'),
        ('days_levering', 'Doorlooptijd levering (dagen)'),
        ('days_toewijzing', 'Doorlooptijd toewijzing (dagen)'),
        ('declaratie_id', 'Declaratieregel'),
        ('description', 'Omschrijving'),
        ('detail', 'Toelichting'),
        ('eerste', 'Eerste'),
        ('einddatum', 'Einddatum'),
        ('einde', 'Einde'),
        ('example', 'Voorbeeld'),
        ('financieringsvorm', 'Financieringsvorm'),
        ('first_toewijzingnummer', 'Eerste toewijzingnummer'),
        ('follow_up', 'Vervolg'),
        ('frequentie_per_week', 'Frequentie per week'),
        ('gap_days', 'Tussenpoos (dagen)'),
        ('gemeente', 'Gemeente'),
        ('in_care_end', 'In zorg einde periode'),
        ('in_care_start', 'In zorg begin periode'),
        ('in_catalogue', 'In productcatalogus'),
        ('in_register', 'In aanbiedersregister'),
        ('in_window', 'In analyseperiode'),
        ('ingangsdatum', 'Ingangsdatum'),
        ('instroom', 'Instroom'),
        ('is_total', 'Totaal alle aanbieders'),
        ('iso_week', 'ISO-week'),
        ('iso_year', 'ISO-jaar'),
        ('jeugdnorm_version', 'Versie jeugdnorm'),
        ('kader', 'Kader'),
        ('label_nl', 'Label (Nederlands)'),
        ('last_load_at', 'Laatste levering (tijd)'),
        ('last_load_date', 'Laatste levering (datum)'),
        ('last_load_id', 'Laatste levering (nummer)'),
        ('last_refresh_at', 'Laatste verversing (tijd)'),
        ('last_refresh_date', 'Laatste verversing (datum)'),
        ('last_refresh_id', 'Laatste verversing (nummer)'),
        ('last_refresh_status', 'Status laatste verversing'),
        ('linked', 'Gekoppeld aan toewijzing'),
        ('loads_since_refresh', 'Leveringen sinds verversing'),
        ('max', 'Maximum'),
        ('max_days_waiting', 'Langste wachttijd (dagen)'),
        ('mean', 'Gemiddelde'),
        ('measure', 'Maatstaf'),
        ('median', 'Mediaan'),
        ('median_days', 'Mediane doorlooptijd (dagen)'),
        ('median_days_waiting', 'Mediane wachttijd (dagen)'),
        ('median_ratio_doorlooptijd', 'Mediane verhouding doorlooptijd/norm'),
        ('median_ratio_frequentie', 'Mediane verhouding frequentie/norm'),
        ('median_ratio_volume', 'Mediane verhouding volume/norm'),
        ('min', 'Minimum'),
        ('month', 'Maand'),
        ('month_name', 'Naam maand'),
        ('months_levering', 'Doorlooptijd levering (maanden)'),
        ('months_toewijzing', 'Doorlooptijd toewijzing (maanden)'),
        ('n', 'Aantal'),
        ('naam', 'Naam'),
        ('new_paths', 'Nieuwe zorgpaden'),
        ('nieuw', 'Nieuw'),
        ('norm_doorlooptijd_maanden', 'Norm doorlooptijd (maanden)'),
        ('norm_frequentie_per_week', 'Norm frequentie per week'),
        ('norm_volume', 'Norm volume'),
        ('omschrijving', 'Omschrijving'),
        ('open', 'Open'),
        ('ordinal', 'Volgnummer'),
        ('p10', 'Percentiel 10'),
        ('p25', 'Percentiel 25'),
        ('p75', 'Percentiel 75'),
        ('p90', 'Percentiel 90'),
        ('p90_days', 'Percentiel 90 doorlooptijd (dagen)'),
        ('path', 'Zorgpad'),
        ('path_no', 'Zorgpadnummer'),
        ('paths', 'Aantal zorgpaden'),
        ('paths_with_norm', 'Zorgpaden met norm'),
        ('peildatum', 'Peildatum'),
        ('period_end', 'Einde periode'),
        ('period_start', 'Begin periode'),
        ('product', 'Product'),
        ('productcategorie', 'Productcategorie'),
        ('productcode', 'Productcode'),
        ('productgroep', 'Productgroep'),
        ('quarter', 'Kwartaal'),
        ('rank', 'Rang'),
        ('reason', 'Reden beëindiging'),
        ('reason_code', 'Code reden beëindiging'),
        ('recidives', 'Herhaald beroep'),
        ('requests', 'Aantal aanvragen'),
        ('requests_above_norm', 'Aanvragen boven de norm'),
        ('row_key', 'Sleutel'),
        ('row_type', 'Soort rij'),
        ('rows', 'Aantal rijen'),
        ('segment', 'Segment'),
        ('share', 'Aandeel'),
        ('share_above_doorlooptijd', 'Aandeel boven norm doorlooptijd'),
        ('share_above_frequentie', 'Aandeel boven norm frequentie'),
        ('share_above_volume', 'Aandeel boven norm volume'),
        ('share_maatwerk_meerwerk', 'Aandeel maatwerk/meerwerk'),
        ('share_nga', 'Aandeel NGA'),
        ('share_recidive', 'Aandeel herhaald beroep'),
        ('share_verlenging', 'Aandeel verlenging'),
        ('share_within_8_weeks', 'Aandeel binnen 8 weken'),
        ('signal', 'Signaal'),
        ('signal_order', 'Volgorde signaal'),
        ('start', 'Start'),
        ('toegewezen', 'Toegewezen'),
        ('toewijzingnummer', 'Toewijzingnummer'),
        ('type', 'Type'),
        ('uitstroom', 'Uitstroom'),
        ('unit', 'Eenheid'),
        ('variant', 'Variant'),
        ('verblijf', 'Verblijf'),
        ('verlengingen', 'Verlengingen'),
        ('verwijzer', 'Verwijzer'),
        ('verwijzer_code', 'Code verwijzer'),
        ('verzilvering_amount', 'Verzilvering bedrag'),
        ('verzilvering_volume', 'Verzilvering volume'),
        ('verzoeknummer', 'Verzoeknummer'),
        ('view_description', 'Omschrijving view'),
        ('view_name', 'Viewnaam'),
        ('visible_gemeenten', 'Zichtbare gemeenten'),
        ('volume', 'Volume'),
        ('waiting', 'Aantal wachtenden'),
        ('wijk', 'Wijk'),
        ('window_start', 'Begin analysevenster'),
        ('within_target', 'Binnen termijn'),
        ('year', 'Jaar'),
        ('year_month', 'Jaar-maand'),
        ('year_quarter', 'Jaar-kwartaal')
       ) AS l(column_name, label_nl)
    ON l.column_name = a.attname::text
 WHERE n.nspname = 'jeugdnorm'
   AND c.relkind = 'v'
   AND a.attnum > 0
   AND NOT a.attisdropped
 ORDER BY c.relname::text, a.attnum::integer;

COMMENT ON VIEW jeugdnorm.column_dictionary IS
    'kolomwoordenboek (column dictionary): one row per column of every plain view in schema jeugdnorm, with its type and its COMMENT ON text, read from the catalogue, for BI models that do not read comments (Power BI)';
COMMENT ON COLUMN jeugdnorm.column_dictionary.view_name IS
    'viewnaam: name of the view in schema jeugdnorm';
COMMENT ON COLUMN jeugdnorm.column_dictionary.column_name IS
    'kolomnaam: name of the column';
COMMENT ON COLUMN jeugdnorm.column_dictionary.ordinal IS
    'volgnummer: position of the column in the view, 1 = first (as information_schema.columns.ordinal_position)';
COMMENT ON COLUMN jeugdnorm.column_dictionary.data_type IS
    'datatype: SQL type of the column as PostgreSQL formats it, e.g. bigint, integer, numeric(14,2), numeric(18,6), date, text, boolean';
COMMENT ON COLUMN jeugdnorm.column_dictionary.description IS
    'omschrijving: the column''s comment: Dutch domain term and English meaning';
COMMENT ON COLUMN jeugdnorm.column_dictionary.view_description IS
    'omschrijving view: the view''s comment: what one row is and what the view answers';
COMMENT ON COLUMN jeugdnorm.column_dictionary.label_nl IS
    'label (Nederlands): Dutch display label of the column, e.g. ''Aantal zorgpaden'' for paths, to rename a BI model from one table; NULL for a column without a label yet';

-- ---------------------------------------------------------------------------
-- dim_product: one row per product key.  Keys: every product of a kept
-- allocation (aspecifiek categories included; claims count for their
-- allocation's product, so they add no other product key), every code in
-- the catalogue, the claim lines' own product codes (cost_overview
-- classifies by them) and every (mapped) product of a request.  Attributes come from the catalogue row whose
-- productcode is the key; for a key without one (an aspecifiek category, a
-- code missing from the catalogue) from the allocations carrying that
-- product where they agree, else NULL.
-- ---------------------------------------------------------------------------
CREATE OR REPLACE VIEW jeugdnorm.dim_product AS
WITH keys AS (
    SELECT a.product, a.productcategorie, a.productcode, a.omschrijving, a.productgroep,
           a.variant, a.financieringsvorm, a.segment
      FROM jeugdnorm_internal.allocations a
     WHERE a.product IS NOT NULL
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR a.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
    UNION
    SELECT c.claim_productcode, c.claim_productcategorie, c.claim_productcode,
           NULL, NULL, NULL, NULL, NULL
      FROM jeugdnorm_internal.claims c
     WHERE c.claim_productcode IS NOT NULL
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR c.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
    UNION
    -- requests (section 9): their (mapped) product, e.g. one never allocated
    SELECT r.product, r.productcategorie, r.productcode,
           NULL, NULL, NULL, NULL, NULL
      FROM jeugdnorm_internal.requests r
     WHERE r.product IS NOT NULL
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR r.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
    UNION
    SELECT p.productcode, p.productcategorie, p.productcode,
           NULL, NULL, NULL, NULL, NULL
      FROM jeugdnorm.product p
     WHERE p.productcode IS NOT NULL
),
k AS (
    -- an attribute is taken from the allocations only when all of them agree
    -- on one non-NULL value
    SELECT keys.product,
           CASE WHEN pg_catalog.count(DISTINCT keys.productcategorie) = 1
                 AND pg_catalog.count(keys.productcategorie) = pg_catalog.count(*)
                THEN pg_catalog.min(keys.productcategorie) END AS productcategorie,
           CASE WHEN pg_catalog.count(DISTINCT keys.productcode) = 1
                 AND pg_catalog.count(keys.productcode) = pg_catalog.count(*)
                THEN pg_catalog.min(keys.productcode) END AS productcode,
           CASE WHEN pg_catalog.count(DISTINCT keys.omschrijving) = 1
                THEN pg_catalog.min(keys.omschrijving) END AS omschrijving,
           CASE WHEN pg_catalog.count(DISTINCT keys.productgroep) = 1
                THEN pg_catalog.min(keys.productgroep) END AS productgroep,
           CASE WHEN pg_catalog.count(DISTINCT keys.variant) = 1
                THEN pg_catalog.min(keys.variant) END AS variant,
           CASE WHEN pg_catalog.count(DISTINCT keys.financieringsvorm) = 1
                THEN pg_catalog.min(keys.financieringsvorm) END AS financieringsvorm,
           CASE WHEN pg_catalog.count(DISTINCT keys.segment) = 1
                THEN pg_catalog.min(keys.segment) END AS segment,
           pg_catalog.bool_and(keys.productcode IS NULL) AS aspecifiek
      FROM keys
     GROUP BY keys.product
),
cat AS (
    SELECT DISTINCT ON (p.productcode)
           p.productcategorie, p.productcode, p.omschrijving, p.productgroep,
           p.variant, p.financieringsvorm, p.segment
      FROM jeugdnorm.product p
     WHERE p.productcode IS NOT NULL
     ORDER BY p.productcode, p.productcategorie
)
SELECT d.product, d.productcategorie, d.productcode, d.omschrijving, d.productgroep,
       d.variant, d.financieringsvorm, d.segment, d.in_catalogue, d.aspecifiek
  FROM (SELECT k.product,
               coalesce(cat.productcategorie, k.productcategorie) AS productcategorie,
               CASE WHEN cat.productcode IS NOT NULL THEN cat.productcode
                    ELSE k.productcode END AS productcode,
               CASE WHEN cat.productcode IS NOT NULL THEN cat.omschrijving
                    ELSE k.omschrijving END AS omschrijving,
               CASE WHEN cat.productcode IS NOT NULL THEN cat.productgroep
                    ELSE k.productgroep END AS productgroep,
               CASE WHEN cat.productcode IS NOT NULL THEN cat.variant
                    ELSE k.variant END AS variant,
               CASE WHEN cat.productcode IS NOT NULL THEN cat.financieringsvorm
                    ELSE k.financieringsvorm END AS financieringsvorm,
               CASE WHEN cat.productcode IS NOT NULL THEN cat.segment
                    ELSE k.segment END AS segment,
               cat.productcode IS NOT NULL AS in_catalogue,
               k.aspecifiek AND cat.productcode IS NULL AS aspecifiek
          FROM k
          LEFT JOIN cat
            ON cat.productcode = k.product
        UNION ALL
        SELECT '-1', NULL, NULL, 'onbekend', NULL, NULL, NULL, NULL, false, false) d
 ORDER BY d.product;

COMMENT ON VIEW jeugdnorm.dim_product IS
    'dimensie product (product dimension): one row per product key that any contract view can show (products of kept allocations, aspecifiek categories included; catalogue codes; the claim lines'' own codes), plus the member ''-1'' onbekend (unknown); keys from allocations and claims only of the gemeenten the caller may see (jeugdnorm.access), catalogue codes always';
COMMENT ON COLUMN jeugdnorm.dim_product.product IS
    'product (key): productcode, or productcategorie for an aspecifiek allocation; ''-1'' = onbekend (unknown)';
COMMENT ON COLUMN jeugdnorm.dim_product.productcategorie IS
    'productcategorie: iJw product category (2 characters)';
COMMENT ON COLUMN jeugdnorm.dim_product.productcode IS
    'productcode: iJw product code (5 characters); NULL for an aspecifiek category';
COMMENT ON COLUMN jeugdnorm.dim_product.omschrijving IS
    'omschrijving: product name from the catalogue (dienstencatalogus); NULL when the product is not in it';
COMMENT ON COLUMN jeugdnorm.dim_product.productgroep IS
    'productgroep: group that care paths are built in (e.g. GGZ); NULL when not in the catalogue';
COMMENT ON COLUMN jeugdnorm.dim_product.variant IS
    'variant: licht, midden, zwaar, maatwerk, meerwerk or NULL';
COMMENT ON COLUMN jeugdnorm.dim_product.financieringsvorm IS
    'financieringsvorm: funding model (inspanning, traject, plek, taak); NULL when not in the catalogue';
COMMENT ON COLUMN jeugdnorm.dim_product.segment IS
    'segment: purchasing segment; NULL when not in the catalogue';
COMMENT ON COLUMN jeugdnorm.dim_product.in_catalogue IS
    'in dienstencatalogus: true when a catalogue row (jeugdnorm.product) has this productcode';
COMMENT ON COLUMN jeugdnorm.dim_product.aspecifiek IS
    'aspecifiek: true when the key is a productcategorie used by non-specific allocations (productcode NULL)';

-- ---------------------------------------------------------------------------
-- dim_aanbieder: every provider in jeugdnorm.aanbieder and every provider of
-- a kept allocation (claims count for their allocation's provider), of a
-- request, and (0.3.0) of a budget ceiling or a capaciteit row the caller
-- may see, plus '-1' onbekend.
-- ---------------------------------------------------------------------------
CREATE OR REPLACE VIEW jeugdnorm.dim_aanbieder AS
WITH reg AS (
    SELECT DISTINCT ON (r.aanbieder) r.aanbieder, r.naam, r.type
      FROM jeugdnorm.aanbieder r
     WHERE r.aanbieder IS NOT NULL
     ORDER BY r.aanbieder, r.naam, r.type
),
keys AS (
    SELECT reg.aanbieder FROM reg
    UNION
    SELECT a.aanbieder
      FROM jeugdnorm_internal.allocations a
     WHERE a.aanbieder IS NOT NULL
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR a.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
    UNION
    SELECT v.aanbieder
      FROM jeugdnorm.verzoek v
     WHERE v.aanbieder IS NOT NULL
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR v.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
    UNION
    -- budget ceilings and contracted capacity (0.3.0, section 10) as
    -- budget_uitnutting and plek_capacity show them: a region-wide ceiling
    -- to every caller who sees at least one gemeente
    SELECT b.aanbieder
      FROM jeugdnorm.budgetplafond b
     WHERE (SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR b.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[])
        OR (b.gemeente IS NULL
            AND pg_catalog.cardinality((SELECT jeugdnorm_internal.visible_gemeenten())::text[]) > 0)
    UNION
    SELECT k.aanbieder
      FROM jeugdnorm.capaciteit k
     WHERE (SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR k.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[])
)
SELECT d.aanbieder, d.naam, d.type, d.in_register
  FROM (SELECT keys.aanbieder, reg.naam, reg.type, reg.aanbieder IS NOT NULL AS in_register
          FROM keys
          LEFT JOIN reg
            ON reg.aanbieder = keys.aanbieder
        UNION ALL
        SELECT '-1', 'onbekend', NULL, false) d
 ORDER BY d.aanbieder;

COMMENT ON VIEW jeugdnorm.dim_aanbieder IS
    'dimensie aanbieder (provider dimension): one row per provider in jeugdnorm.aanbieder or on a kept allocation of a gemeente the caller may see (jeugdnorm.access), plus the member ''-1'' onbekend (unknown)';
COMMENT ON COLUMN jeugdnorm.dim_aanbieder.aanbieder IS
    'aanbieder (key): provider AGB code (8 digits); ''-1'' = onbekend (unknown)';
COMMENT ON COLUMN jeugdnorm.dim_aanbieder.naam IS
    'naam: provider name from jeugdnorm.aanbieder; NULL when the provider is missing there';
COMMENT ON COLUMN jeugdnorm.dim_aanbieder.type IS
    'type: provider type from jeugdnorm.aanbieder (e.g. micro, regulier), as realisation.aanbieder_type; NULL when missing there';
COMMENT ON COLUMN jeugdnorm.dim_aanbieder.in_register IS
    'in aanbiederregister: true when the provider has a row in jeugdnorm.aanbieder';

-- ---------------------------------------------------------------------------
-- dim_gemeente: every municipality of a kept allocation (claims count for
-- their allocation's gemeente), of a contract or of a request, and (0.3.0)
-- of a budget ceiling, a capaciteit row or a gemeente_jaar row, plus '-1'
-- onbekend; only the gemeenten the caller may see.
-- ---------------------------------------------------------------------------
CREATE OR REPLACE VIEW jeugdnorm.dim_gemeente AS
SELECT d.gemeente
  FROM (SELECT v.gemeente
          FROM (SELECT a.gemeente FROM jeugdnorm_internal.allocations a WHERE a.gemeente IS NOT NULL
                UNION
                SELECT k.gemeente FROM jeugdnorm.contract k WHERE k.gemeente IS NOT NULL
                UNION
                SELECT r.gemeente FROM jeugdnorm.verzoek r
                UNION
                -- the money inputs (0.3.0, section 10)
                SELECT b.gemeente FROM jeugdnorm.budgetplafond b WHERE b.gemeente IS NOT NULL
                UNION
                SELECT k.gemeente FROM jeugdnorm.capaciteit k
                UNION
                SELECT j.gemeente FROM jeugdnorm.gemeente_jaar j) v
         WHERE (SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR v.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[])
        UNION ALL
        SELECT '-1') d
 ORDER BY d.gemeente;

COMMENT ON VIEW jeugdnorm.dim_gemeente IS
    'dimensie gemeente (municipality dimension): one row per municipality on a kept allocation or a contract that the caller may see (jeugdnorm.access), plus the member ''-1'' onbekend (unknown)';
COMMENT ON COLUMN jeugdnorm.dim_gemeente.gemeente IS
    'gemeente (key): CBS municipality code, 4 digits; ''-1'' = onbekend (unknown)';

-- ---------------------------------------------------------------------------
-- dim_datum: one row per day, contiguous, whole calendar years covering the
-- analysis window and every date of the kept allocations and claim lines
-- (of the gemeenten the caller may see);
-- plus 1900-01-01 as the onbekend member (attributes NULL, month_name
-- 'onbekend').  Dates are built as start + integer offsets, so no time zone
-- is involved.
-- ---------------------------------------------------------------------------
CREATE OR REPLACE VIEW jeugdnorm.dim_datum AS
WITH span AS (
    SELECT s.window_start AS lo, s.peildatum AS hi
      FROM jeugdnorm_internal.settings s
    UNION ALL
    SELECT pg_catalog.min(a.ingangsdatum),
           greatest(pg_catalog.max(a.ingangsdatum), pg_catalog.max(a.einddatum))
      FROM jeugdnorm_internal.allocations a
     WHERE (SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR a.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[])
    UNION ALL
    SELECT least(pg_catalog.min(c.begindatum), pg_catalog.min(c.einddatum)),
           greatest(pg_catalog.max(c.begindatum), pg_catalog.max(c.einddatum))
      FROM jeugdnorm_internal.claims c
     WHERE (SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR c.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[])
),
years AS (
    SELECT pg_catalog.make_date(pg_catalog.date_part('year', pg_catalog.min(span.lo))::integer, 1, 1) AS lo,
           pg_catalog.make_date(pg_catalog.date_part('year', pg_catalog.max(span.hi))::integer, 12, 31) AS hi
      FROM span
),
days AS (
    SELECT years.lo + i AS datum
      FROM years
     CROSS JOIN LATERAL pg_catalog.generate_series(0, years.hi - years.lo) AS i
)
SELECT d.datum, d.year, d.quarter, d.month, d.iso_week, d.month_name,
       d.iso_year, d.day_of_week, d.day_name, d.year_quarter, d.year_month
  FROM (SELECT days.datum,
               pg_catalog.date_part('year', days.datum)::integer AS year,
               pg_catalog.date_part('quarter', days.datum)::integer AS quarter,
               pg_catalog.date_part('month', days.datum)::integer AS month,
               pg_catalog.date_part('week', days.datum)::integer AS iso_week,
               ('{januari,februari,maart,april,mei,juni,juli,augustus,september,oktober,november,december}'::text[])
                   [pg_catalog.date_part('month', days.datum)::integer] AS month_name,
               pg_catalog.date_part('isoyear', days.datum)::integer AS iso_year,
               pg_catalog.date_part('isodow', days.datum)::integer AS day_of_week,
               ('{maandag,dinsdag,woensdag,donderdag,vrijdag,zaterdag,zondag}'::text[])
                   [pg_catalog.date_part('isodow', days.datum)::integer] AS day_name,
               pg_catalog.to_char(days.datum, 'YYYY') || '-Q' || pg_catalog.to_char(days.datum, 'Q') AS year_quarter,
               pg_catalog.to_char(days.datum, 'YYYY-MM') AS year_month
          FROM days
         WHERE days.datum <> DATE '1900-01-01'
        UNION ALL
        SELECT DATE '1900-01-01', NULL::integer, NULL::integer, NULL::integer, NULL::integer, 'onbekend',
               NULL::integer, NULL::integer, NULL::text, NULL::text, NULL::text) d
 ORDER BY d.datum;

COMMENT ON VIEW jeugdnorm.dim_datum IS
    'dimensie datum (date dimension): one row per day, contiguous, whole calendar years covering the analysis window and every date of the kept allocations and claims of the gemeenten the caller may see (jeugdnorm.access), plus 1900-01-01 as the onbekend (unknown) member';
COMMENT ON COLUMN jeugdnorm.dim_datum.datum IS
    'datum (key): the day; 1900-01-01 = onbekend (unknown)';
COMMENT ON COLUMN jeugdnorm.dim_datum.year IS
    'jaar: calendar year';
COMMENT ON COLUMN jeugdnorm.dim_datum.quarter IS
    'kwartaal: calendar quarter 1..4';
COMMENT ON COLUMN jeugdnorm.dim_datum.month IS
    'maand: month number 1..12';
COMMENT ON COLUMN jeugdnorm.dim_datum.iso_week IS
    'ISO-weeknummer: ISO 8601 week 1..53 (belongs to iso_year, which differs from year around New Year)';
COMMENT ON COLUMN jeugdnorm.dim_datum.month_name IS
    'maandnaam: month name in Dutch (januari .. december); ''onbekend'' for the unknown member';
COMMENT ON COLUMN jeugdnorm.dim_datum.iso_year IS
    'ISO-jaar: the ISO 8601 year that iso_week belongs to';
COMMENT ON COLUMN jeugdnorm.dim_datum.day_of_week IS
    'dag van de week: ISO day number, 1 = maandag (Monday) .. 7 = zondag (Sunday)';
COMMENT ON COLUMN jeugdnorm.dim_datum.day_name IS
    'dagnaam: day name in Dutch (maandag .. zondag)';
COMMENT ON COLUMN jeugdnorm.dim_datum.year_quarter IS
    'jaar-kwartaal: label such as 2024-Q1, sorts chronologically';
COMMENT ON COLUMN jeugdnorm.dim_datum.year_month IS
    'jaar-maand: label such as 2024-03, sorts chronologically';
