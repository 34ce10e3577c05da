-- ---------------------------------------------------------------------------
-- 22_steering_schema.sql (new in 0.2.0) -- the input additions of
-- DEFINITIONS.md section 9: four toewijzing columns, the tables verzoek,
-- wijk and product_mapping, the setting lead_time_target_days, and
-- 'verzoek' as a target in rejected.
--
-- Written as ALTERs on the 0.1.0 tables (20_schema.sql), so the same file
-- serves a fresh CREATE EXTENSION and ALTER EXTENSION ... UPDATE from
-- 0.1.0: both end with the same columns in the same order and the same
-- constraints (test/upgrade_catalog.sql compares the catalogues).
--
-- Decisions (the rules of 20_schema.sql apply: named CHECKs that the
-- loaders mirror with reasons in words, finite dates and numbers):
--  * Every new column and table is optional: NULL or no rows reads as
--    'onbekend' / no effect in the views, never as an error.
--  * postcode: the 4-digit area only.  A full postcode ('1234AB') identifies
--    a handful of addresses; the warehouse has no need for it (data
--    minimisation), so it is refused, not truncated.
--  * verzoek: (gemeente, verzoeknummer) is the key, like the allocation's;
--    antwoord_datum may not lie before ontvangen; reden_afwijzing is a WJ759
--    code; the linked toewijzingnummer is not a foreign key (the allocation
--    may arrive later, or never; [S3] links only kept allocations).
--  * wijk: a postcode may lie in several wijken of one gemeente (the view
--    then takes the smallest, [S4]); the key is the whole row.
--  * product_mapping: several rows may match one allocation; [S2] decides
--    (jeugdnorm_internal.mapped_product, 30_cleaned.sql), so no unique key
--    beyond the surrogate product_mapping_id.
-- ---------------------------------------------------------------------------

CREATE FUNCTION jeugdnorm.is_postcode(code text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN $1 ~ '^[0-9]{4}$';
COMMENT ON FUNCTION jeugdnorm.is_postcode(text) IS
    'true when code is the 4-digit area of a Dutch postcode, e.g. ''5911''; a full postcode (''5911AB'') is not stored (data minimisation)';

-- ---- toewijzing: four columns ------------------------------------------------

ALTER TABLE jeugdnorm.toewijzing
    ADD COLUMN toewijzingsdatum  date
        CONSTRAINT toewijzing_toewijzingsdatum_finite CHECK (isfinite(toewijzingsdatum)),
    ADD COLUMN verwijzer         text
        CONSTRAINT toewijzing_verwijzer_known CHECK (jeugdnorm.is_verwijzer(verwijzer)),
    ADD COLUMN reden_beeindiging text
        CONSTRAINT toewijzing_reden_beeindiging_known CHECK (jeugdnorm.is_reden_beeindiging(reden_beeindiging)),
    ADD COLUMN postcode          text
        CONSTRAINT toewijzing_postcode_4_digits CHECK (jeugdnorm.is_postcode(postcode));

COMMENT ON COLUMN jeugdnorm.toewijzing.toewijzingsdatum IS
    'toewijzingsdatum: the day the JW301 was issued (answer date of the request it answers); orders several JW301s for one allocation';
COMMENT ON COLUMN jeugdnorm.toewijzing.verwijzer IS
    'verwijzer (referrer, COD327): 01 gemeente, 02 huisarts, 03 jeugdarts, 04 gecertificeerde instelling, 05 medisch specialist, 06 zelfverwijzer/geen verwijzer, 08 rechter, officier van justitie of JJI';
COMMENT ON COLUMN jeugdnorm.toewijzing.reden_beeindiging IS
    'reden beeindiging (ending reason, JZ588, from the JW307 stop message), e.g. 31 volgens plan; see jeugdnorm.reden_beeindiging_codes()';
COMMENT ON COLUMN jeugdnorm.toewijzing.postcode IS
    'postcode: the 4 digits of the client''s postcode at the allocation start (never more: data minimisation); districts via jeugdnorm.wijk';

-- ---- verzoek ---------------------------------------------------------------------

CREATE TABLE jeugdnorm.verzoek (
    gemeente              text NOT NULL
        CONSTRAINT verzoek_gemeente_format CHECK (jeugdnorm.is_gemeente(gemeente)),
    verzoeknummer         text NOT NULL
        CONSTRAINT verzoek_verzoeknummer_not_empty CHECK (verzoeknummer <> ''),
    client_id             text,
    aanbieder             text
        CONSTRAINT verzoek_aanbieder_format CHECK (jeugdnorm.is_aanbieder(aanbieder)),
    productcategorie      text
        CONSTRAINT verzoek_productcategorie_format CHECK (jeugdnorm.is_productcategorie(productcategorie)),
    productcode           text
        CONSTRAINT verzoek_productcode_format CHECK (jeugdnorm.is_productcode(productcode)),
    ontvangen             date NOT NULL,
    gewenste_ingangsdatum date,
    volume                numeric
        CONSTRAINT verzoek_volume_finite CHECK (jeugdnorm.is_finite(volume))
        CONSTRAINT verzoek_volume_not_negative CHECK (volume >= 0),
    eenheid               text
        CONSTRAINT verzoek_eenheid_known CHECK (jeugdnorm.is_eenheid(eenheid)),
    frequentie            text
        CONSTRAINT verzoek_frequentie_known CHECK (jeugdnorm.is_frequentie(frequentie)),
    antwoord              text
        CONSTRAINT verzoek_antwoord_known CHECK (antwoord IN ('toegewezen', 'afgewezen')),
    antwoord_datum        date,
    reden_afwijzing       text
        CONSTRAINT verzoek_reden_afwijzing_known CHECK (jeugdnorm.is_reden_afwijzing(reden_afwijzing)),
    toewijzingnummer      text
        CONSTRAINT verzoek_toewijzingnummer_not_empty CHECK (toewijzingnummer <> ''),
    CONSTRAINT verzoek_pkey PRIMARY KEY (gemeente, verzoeknummer),
    CONSTRAINT verzoek_dates_finite
        CHECK (isfinite(ontvangen) AND isfinite(gewenste_ingangsdatum) AND isfinite(antwoord_datum)),
    CONSTRAINT verzoek_antwoord_datum_not_before_ontvangen CHECK (antwoord_datum >= ontvangen)
);

-- [S3] links a request to its allocation by (gemeente, toewijzingnummer).
CREATE INDEX verzoek_gemeente_toewijzingnummer_idx
    ON jeugdnorm.verzoek (gemeente, toewijzingnummer);

COMMENT ON TABLE jeugdnorm.verzoek IS
    'verzoek (request for an allocation, iJw JW315) with its answer: one row per request, keyed by (gemeente, verzoeknummer)';
COMMENT ON COLUMN jeugdnorm.verzoek.gemeente IS 'gemeente: CBS municipality code, 4 digits';
COMMENT ON COLUMN jeugdnorm.verzoek.verzoeknummer IS 'verzoeknummer: request number, unique within a gemeente';
COMMENT ON COLUMN jeugdnorm.verzoek.client_id IS 'client_id: pseudonymised client key (never a raw BSN)';
COMMENT ON COLUMN jeugdnorm.verzoek.aanbieder IS 'aanbieder: provider AGB code of the requesting provider, 8 digits';
COMMENT ON COLUMN jeugdnorm.verzoek.productcategorie IS 'productcategorie: requested iJw product category, 2 digits';
COMMENT ON COLUMN jeugdnorm.verzoek.productcode IS 'productcode: requested iJw product code, 5 characters; NULL = aspecifiek';
COMMENT ON COLUMN jeugdnorm.verzoek.ontvangen IS 'ontvangen: the day the gemeente received the request';
COMMENT ON COLUMN jeugdnorm.verzoek.gewenste_ingangsdatum IS 'gewenste ingangsdatum: requested first day of care';
COMMENT ON COLUMN jeugdnorm.verzoek.volume IS 'volume: requested amount per frequentie, in eenheid; >= 0';
COMMENT ON COLUMN jeugdnorm.verzoek.eenheid IS 'eenheid: iJw unit code (WJ756)';
COMMENT ON COLUMN jeugdnorm.verzoek.frequentie IS 'frequentie: iJw frequency code (WJ757)';
COMMENT ON COLUMN jeugdnorm.verzoek.antwoord IS 'antwoord: ''toegewezen'' (granted), ''afgewezen'' (refused) or NULL (not answered yet)';
COMMENT ON COLUMN jeugdnorm.verzoek.antwoord_datum IS 'antwoord datum: the day the answer was sent; not before ontvangen';
COMMENT ON COLUMN jeugdnorm.verzoek.reden_afwijzing IS 'reden afwijzing (WJ759): reason of a refusal, one digit 1..9';
COMMENT ON COLUMN jeugdnorm.verzoek.toewijzingnummer IS 'toewijzingnummer: the allocation the request led to (same gemeente)';

-- ---- wijk ------------------------------------------------------------------------

CREATE TABLE jeugdnorm.wijk (
    gemeente  text NOT NULL
        CONSTRAINT wijk_gemeente_format CHECK (jeugdnorm.is_gemeente(gemeente)),
    postcode  text NOT NULL
        CONSTRAINT wijk_postcode_4_digits CHECK (jeugdnorm.is_postcode(postcode)),
    wijk      text NOT NULL
        CONSTRAINT wijk_wijk_not_empty CHECK (wijk <> ''),
    CONSTRAINT wijk_pkey PRIMARY KEY (gemeente, postcode, wijk)
);

COMMENT ON TABLE jeugdnorm.wijk IS
    'wijk: the gemeente''s own split of 4-digit postcodes into districts (wijken), for flow_by_wijk';
COMMENT ON COLUMN jeugdnorm.wijk.gemeente IS 'gemeente: CBS municipality code, 4 digits';
COMMENT ON COLUMN jeugdnorm.wijk.postcode IS 'postcode: 4-digit postcode area';
COMMENT ON COLUMN jeugdnorm.wijk.wijk IS 'wijk: district name as the gemeente uses it';

-- ---- product_mapping -------------------------------------------------------------

CREATE TABLE jeugdnorm.product_mapping (
    productcategorie  text NOT NULL
        CONSTRAINT product_mapping_productcategorie_format CHECK (jeugdnorm.is_productcategorie(productcategorie)),
    productcode       text
        CONSTRAINT product_mapping_productcode_format CHECK (jeugdnorm.is_productcode(productcode)),
    aanbieder         text
        CONSTRAINT product_mapping_aanbieder_format CHECK (jeugdnorm.is_aanbieder(aanbieder)),
    geldig_van        date,
    geldig_tot        date,
    analysis_product  text
        CONSTRAINT product_mapping_analysis_product_not_empty CHECK (analysis_product <> ''),
    product_mapping_id bigserial
        CONSTRAINT product_mapping_pkey PRIMARY KEY,
    CONSTRAINT product_mapping_dates_finite CHECK (isfinite(geldig_van) AND isfinite(geldig_tot)),
    CONSTRAINT product_mapping_geldig_tot_not_before_geldig_van CHECK (geldig_tot >= geldig_van)
);

-- mapped_product() looks rows up by the allocation's codes, once per allocation.
CREATE INDEX product_mapping_lookup_idx
    ON jeugdnorm.product_mapping (productcategorie, productcode);

COMMENT ON TABLE jeugdnorm.product_mapping IS
    'product mapping: merges (several codes, one analysis product) and splits (one code, different analysis products per provider or period) of products; the row valid on an allocation''s ingangsdatum replaces its product in every view, norms included ([S2]); no rows = no effect';
COMMENT ON COLUMN jeugdnorm.product_mapping.productcategorie IS 'productcategorie the row maps, 2 digits';
COMMENT ON COLUMN jeugdnorm.product_mapping.productcode IS 'productcode the row maps; NULL maps the category''s aspecifiek allocations';
COMMENT ON COLUMN jeugdnorm.product_mapping.aanbieder IS 'aanbieder the row is for; NULL = any provider (a provider-specific row wins)';
COMMENT ON COLUMN jeugdnorm.product_mapping.geldig_van IS 'geldig van: first ingangsdatum the row applies to; NULL never matches';
COMMENT ON COLUMN jeugdnorm.product_mapping.geldig_tot IS 'geldig tot: last ingangsdatum the row applies to; NULL = no end';
COMMENT ON COLUMN jeugdnorm.product_mapping.analysis_product IS 'analysis product: the "product" the views use for matching allocations (a norm row may name it); NULL leaves the product unchanged';
COMMENT ON COLUMN jeugdnorm.product_mapping.product_mapping_id IS 'surrogate key (not part of the contract)';

-- ---- settings: lead_time_target_days -------------------------------------------

ALTER TABLE jeugdnorm.settings
    ADD COLUMN lead_time_target_days integer NOT NULL DEFAULT 56
        CONSTRAINT settings_lead_time_target_days_not_negative CHECK (lead_time_target_days >= 0);
COMMENT ON COLUMN jeugdnorm.settings.lead_time_target_days IS
    'lead-time target: a request answered within this many days counts in request_lead_time.share_within_8_weeks (default 56 = 8 weeks)';

-- ---- rejected: requests too --------------------------------------------------------

ALTER TABLE jeugdnorm.rejected
    DROP CONSTRAINT rejected_target_known,
    ADD CONSTRAINT rejected_target_known CHECK (target IN ('toewijzing', 'declaratie', 'verzoek'));
COMMENT ON COLUMN jeugdnorm.rejected.target IS
    'the table the row was meant for: ''toewijzing'', ''declaratie'' or ''verzoek''';

-- ---- pg_dump keeps user data (as 20_schema.sql) ------------------------------------

SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.verzoek', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.wijk', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.product_mapping', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.product_mapping_product_mapping_id_seq', '');
