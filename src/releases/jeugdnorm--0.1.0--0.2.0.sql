-- jeugdnorm upgrade 0.1.0 -> 0.2.0: frozen at the 0.2.0 release (it was
-- generated from the src/sql files new or changed since 0.1.0).  Never edit.
\echo Use "ALTER EXTENSION jeugdnorm UPDATE" to load this file. \quit
-- 11_steering_codes.sql (new in 0.2.0): the code lists of DEFINITIONS.md
-- section 9, one table each in C (core_codes.c): COD327 verwijzer, JZ588
-- reden beeindiging with its CBS class ([S1]), WJ759 reden afwijzing.  The
-- views take labels from these listings and the CHECK constraints use the
-- is_* tests, so no code is written in SQL.

CREATE FUNCTION verwijzer_codes(OUT code text, OUT omschrijving text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'jn_verwijzer_codes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 7;
COMMENT ON FUNCTION verwijzer_codes() IS
'iJw COD327 verwijzer (referrer) codes jeugdnorm knows: 01 gemeente, 02 huisarts, 03 jeugdarts, 04 gecertificeerde instelling, 05 medisch specialist, 06 zelfverwijzer/geen verwijzer, 08 rechter, officier van justitie of JJI.';

CREATE FUNCTION reden_beeindiging_codes(OUT code text, OUT omschrijving text, OUT reason text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'jn_reden_beeindiging_codes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 11;
COMMENT ON FUNCTION reden_beeindiging_codes() IS
'iJw JZ588 reden beeindiging (JW307 ending reason) codes jeugdnorm knows, with reason = the CBS class of [S1] (volgens plan; voortijdig, in overeenstemming; voortijdig, eenzijdig door de cliënt; voortijdig, eenzijdig door de aanbieder; voortijdig, externe omstandigheden; overig).';

CREATE FUNCTION reden_beeindiging_classes(OUT reason text, OUT reason_code text, OUT ordinal integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'jn_reden_beeindiging_classes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 7;
COMMENT ON FUNCTION reden_beeindiging_classes() IS
'The CBS classes of ending reasons ([S1]) in the contract''s order (ordinal 1..7): reason label and reason_code as the contract writes it (''35,02''); ''onbekend'' has a NULL reason_code.';

CREATE FUNCTION is_verwijzer(code text) RETURNS boolean
AS 'MODULE_PATHNAME', 'jn_is_verwijzer'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION is_verwijzer(text) IS
'True when code is a COD327 verwijzer code of verwijzer_codes() (exact match, no trimming). NULL for NULL. For CHECK constraints.';

CREATE FUNCTION is_reden_beeindiging(code text) RETURNS boolean
AS 'MODULE_PATHNAME', 'jn_is_reden_beeindiging'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION is_reden_beeindiging(text) IS
'True when code is a JZ588 reden beeindiging code of reden_beeindiging_codes() (exact match, no trimming). NULL for NULL. For CHECK constraints.';

CREATE FUNCTION is_reden_afwijzing(code text) RETURNS boolean
AS 'MODULE_PATHNAME', 'jn_is_reden_afwijzing'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION is_reden_afwijzing(text) IS
'True when code is a WJ759 reden afwijzing code: one digit ''1''..''9'' (exact match). NULL for NULL. For CHECK constraints.';
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
-- ---------------------------------------------------------------------------
-- 25_loaders.sql -- load_toewijzingen(source), load_declaraties(source)
--
-- A loader takes any table or view whose column names are the contract's
-- (DEFINITIONS.md section 2), inserts every valid row and puts every other
-- row into jeugdnorm.rejected with the reason in words.  It never aborts the
-- load for one bad row and never loses one: loaded + rejected = the number
-- of rows in the source, always.
--
-- How (set-based, so half a million rows take seconds, not minutes):
--  1. The source is read once into a temporary staging table.  Columns are
--     taken by name: extra source columns are ignored, a missing optional
--     column reads as NULL, a missing required column (no row could load)
--     is an error up front (42703, naming the columns).  Values are
--     converted without exceptions: a date/timestamp column is cast, a
--     numeric column is cast, anything else is read as text and parsed
--     strictly (dates only as ISO YYYY-MM-DD, numbers only as plain
--     decimals, never DateStyle- or locale-dependent guessing); a value that
--     does not parse gives a reason, not an error.
--  2. One SQL expression per row collects every problem into `reason`
--     (problems joined by '; ').  It uses the same rule functions as the
--     table's CHECK constraints (is_gemeente, is_eenheid, ...).
--  3. Rows with a reason go to rejected in one INSERT; the other rows go to
--     the target in one INSERT.
--  4. Safety net: should that INSERT still fail (a constraint or trigger the
--     checks did not foresee, e.g. an update that makes an existing row
--     inconsistent), it is rolled back and the valid rows are loaded one by
--     one, each in its own subtransaction; a row that fails goes to
--     rejected with the database's error message as the reason.
--
-- Decisions:
--  * toewijzing: a row whose (gemeente, toewijzingnummer) is already in the
--    table is a later JW301 for that allocation: it replaces it (the newest
--    wins; a '13' reden_wijziging is such an update too).  Columns the
--    source does not have are left as they are on update (and NULL on
--    insert); columns it has replace the stored value, NULL included.
--    Within one source, rows are applied in order -- by `toewijzingsdatum`
--    when the source has that column (section 9; NULLs first), then by the
--    order the source is read in (for a table: physical order, which is
--    insertion order for a freshly filled table; for a view: its output
--    order, so give it an ORDER BY when that matters) -- and the last one
--    wins.  This is the same as loading the rows one at a time, so the
--    superseded rows count as loaded, not rejected.
--  * declaratie: a claim line equal in all contract columns (NULLs equal,
--    IS NOT DISTINCT FROM; numbers by value) to a line already in the table
--    or to an earlier line of the same source is rejected with the reason
--    'exact duplicate of a claim line already loaded'; the first copy loads.
--    Nothing is deduplicated silently.
--  * rejected.row is the source row as it was (to_jsonb), all its columns,
--    except a bsn column, which is masked (all but its last two characters
--    '*'; 86_pseudonym.sql).
--  * bsn (86_pseudonym.sql): a source may give the client as `bsn` instead
--    of `client_id`; the loader then stores client_id = pseudonymise(bsn)
--    and rejects a row whose bsn fails the elfproef ('bsn fails the
--    elfproef').  From the staging table on, no BSN is stored anywhere: the
--    staged source row is already masked.  A source with both client_id and
--    bsn is refused up front (42702): which one to trust is not guessable.
--    A NULL bsn is a NULL client_id (client_id is optional).
--  * Safe functions: the plpgsql functions pin search_path = pg_catalog,
--    pg_temp and run all dynamic SQL with it; the SQL helpers have
--    SQL-standard bodies (RETURN ...), bound when the extension is created,
--    so they stay inlinable and no object on a caller's search_path can
--    change them.
--  * The loaders need the TEMP privilege on the database (PUBLIC has it by
--    default) for their staging table, which is dropped before they return.
--  * Changed in 0.2.0 (load_toewijzingen stores the section-9 columns), so
--    this file is part of the 0.1.0 -> 0.2.0 upgrade script too: CREATE OR
--    REPLACE only, signatures unchanged.
-- ---------------------------------------------------------------------------

-- ---- strict parsers (no exceptions, no guessing) ---------------------------

CREATE OR REPLACE FUNCTION jeugdnorm.parse_date(value text) RETURNS date
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v   text := btrim(value);
    y   integer;
    m   integer;
    d   integer;
BEGIN
    IF v !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
        RETURN NULL;
    END IF;
    y := substr(v, 1, 4)::integer;
    m := substr(v, 6, 2)::integer;
    d := substr(v, 9, 2)::integer;
    IF y < 1 OR m NOT BETWEEN 1 AND 12 OR d NOT BETWEEN 1 AND 31 THEN
        RETURN NULL;
    END IF;
    -- 2023-02-29 would roll over into March: not a date.
    IF extract(month FROM make_date(y, m, 1) + (d - 1)) <> m THEN
        RETURN NULL;
    END IF;
    RETURN make_date(y, m, d);
END;
$$;
COMMENT ON FUNCTION jeugdnorm.parse_date(text) IS
    'the ISO date YYYY-MM-DD in value (surrounding spaces allowed), or NULL when value is not exactly such a date; never raises, never depends on DateStyle';

CREATE OR REPLACE FUNCTION jeugdnorm.parse_numeric(value text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
        WHEN $1 ~ '^ *[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})? *$'
        THEN btrim($1)::numeric
    END;
COMMENT ON FUNCTION jeugdnorm.parse_numeric(text) IS
    'the plain decimal number in value (e.g. ''12.5'', ''-3'', ''1e3''), or NULL when value is not one (a decimal comma, NaN or Infinity give NULL); never raises';

-- ---- reading a source by column name ---------------------------------------

-- The select list that reads `source` (alias jn_src) as the target columns
-- names[] of types types[] (each 'text', 'date' or 'numeric'): for every
-- column c an expression AS c, and AS c__raw the source value as text where
-- it had to be parsed (NULL otherwise), for the reason messages.  Raises
-- 42703 when a column of required[] is missing.
CREATE OR REPLACE FUNCTION jeugdnorm.loader_select_list(source regclass, loader text,
                                             names text[], types text[],
                                             required text[])
    RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    missing  text;
    items    text[] := '{}';
    col      text;
    typ      text;
    srctype  oid;
    val      text;
    raw      text;
    -- the source gives a BSN to pseudonymise instead of a client_id
    from_bsn boolean := 'client_id' = ANY (names) AND EXISTS (
        SELECT 1 FROM pg_attribute a
         WHERE a.attrelid = source AND a.attname = 'bsn'
           AND a.attnum > 0 AND NOT a.attisdropped);
BEGIN
    IF from_bsn AND EXISTS (SELECT 1 FROM pg_attribute a
                             WHERE a.attrelid = source AND a.attname = 'client_id'
                               AND a.attnum > 0 AND NOT a.attisdropped) THEN
        RAISE EXCEPTION 'source % has both client_id and bsn', source
            USING ERRCODE = 'ambiguous_column',
                  DETAIL = format('%s takes the client either as a pseudonym (client_id) or as a BSN to pseudonymise (bsn), not both.', loader),
                  HINT = 'Leave one of the two columns out, e.g. in a view over the source.';
    END IF;

    SELECT string_agg(quote_ident(r), ', ' ORDER BY o) INTO missing
      FROM unnest(required) WITH ORDINALITY AS u(r, o)
     WHERE NOT EXISTS (SELECT 1 FROM pg_attribute a
                        WHERE a.attrelid = source AND a.attname = u.r
                          AND a.attnum > 0 AND NOT a.attisdropped);
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'source % lacks required column(s) %', source, missing
            USING ERRCODE = 'undefined_column',
                  DETAIL = format('%s needs the columns %s; the other contract columns are optional.',
                                  loader, array_to_string(required, ', ')),
                  HINT = 'Column names must match the contract exactly (lower case); rename in a view if needed.';
    END IF;

    FOR i IN 1 .. array_length(names, 1) LOOP
        col := names[i];
        typ := types[i];
        -- the source column's type, looking through a domain
        SELECT CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
          INTO srctype
          FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
         WHERE a.attrelid = source AND a.attname = col
           AND a.attnum > 0 AND NOT a.attisdropped;
        raw := 'NULL::text';
        IF col = 'client_id' AND from_bsn THEN
            -- only the pseudonym is kept; a BSN failing the elfproef gives
            -- NULL here and its reason in bsn_problem
            val := 'CASE WHEN jeugdnorm.is_valid_bsn(jn_src.bsn::text) '
                   'THEN jeugdnorm.pseudonymise(jn_src.bsn::text) END';
        ELSIF NOT FOUND THEN
            val := format('NULL::%s', typ);
        ELSIF typ = 'text' THEN
            val := format('jn_src.%I::text', col);
        ELSIF typ = 'date' AND srctype IN ('date'::regtype, 'timestamp'::regtype,
                                           'timestamptz'::regtype) THEN
            val := format('jn_src.%I::date', col);
        ELSIF typ = 'date' THEN
            val := format('jeugdnorm.parse_date(jn_src.%I::text)', col);
            raw := format('jn_src.%I::text', col);
        ELSIF typ = 'numeric' AND srctype IN ('numeric'::regtype, 'smallint'::regtype,
                                              'integer'::regtype, 'bigint'::regtype,
                                              'real'::regtype, 'double precision'::regtype) THEN
            val := format('jn_src.%I::numeric', col);
        ELSIF typ = 'numeric' THEN
            val := format('jeugdnorm.parse_numeric(jn_src.%I::text)', col);
            raw := format('jn_src.%I::text', col);
        ELSE
            RAISE EXCEPTION 'loader_select_list: unsupported target type %', typ
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        items := items || format('%s AS %I, %s AS %I', val, col, raw, col || '__raw');
    END LOOP;
    IF 'client_id' = ANY (names) THEN
        items := items || CASE WHEN from_bsn
            THEN 'jeugdnorm.loader_bsn_problem(jn_src.bsn::text) AS bsn_problem'
            ELSE 'NULL::text AS bsn_problem' END;
    END IF;
    RETURN array_to_string(items, ', ');
END;
$$;
COMMENT ON FUNCTION jeugdnorm.loader_select_list(regclass, text, text[], text[], text[]) IS
    'internal (loaders): the select list that reads a source table or view by column name, converting without exceptions; raises 42703 naming missing required columns';

-- Reason fragments shared by both loaders (all NULL when fine).  The rule
-- functions are the ones the tables' CHECK constraints use.  Declared
-- STABLE, not IMMUTABLE: format() is stable, and PostgreSQL only inlines a
-- SQL function into the calling query (which makes the set-based check
-- fast) when its body is no more volatile than declared.  Dates in messages
-- are ISO (to_char), whatever the session's DateStyle.
CREATE OR REPLACE FUNCTION jeugdnorm.loader_date_problem(col text, val date, raw text, required boolean)
    RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE
        WHEN val IS NULL AND raw IS NOT NULL
            THEN format('value %L is not a valid date for %s (expected YYYY-MM-DD)', raw, col)
        WHEN val IS NULL AND required
            THEN format('%s is missing', col)
        WHEN NOT isfinite(val)
            THEN format('%s %s is not a finite date', col, val)
    END;
COMMENT ON FUNCTION jeugdnorm.loader_date_problem(text, date, text, boolean) IS
    'internal (loaders): why a date value cannot load, in words, or NULL';

CREATE OR REPLACE FUNCTION jeugdnorm.loader_numeric_problem(col text, val numeric, raw text, non_negative boolean)
    RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE
        WHEN val IS NULL AND raw IS NOT NULL
            THEN format('value %L is not a valid number for %s', raw, col)
        WHEN NOT jeugdnorm.is_finite(val)
            THEN format('%s %s is not a finite number', col, val)
        WHEN non_negative AND val < 0
            THEN format('%s %s is negative', col, val)
    END;
COMMENT ON FUNCTION jeugdnorm.loader_numeric_problem(text, numeric, text, boolean) IS
    'internal (loaders): why a numeric value cannot load, in words, or NULL';

CREATE OR REPLACE FUNCTION jeugdnorm.loader_code_problems(gemeente text, toewijzingnummer text,
                                               aanbieder text, productcategorie text,
                                               productcode text, eenheid text)
    RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
RETURN concat_ws('; ',
        CASE WHEN gemeente IS NULL THEN 'gemeente is missing'
             WHEN NOT jeugdnorm.is_gemeente(gemeente)
             THEN format('gemeente %L is not 4 digits', gemeente) END,
        CASE WHEN toewijzingnummer IS NULL THEN 'toewijzingnummer is missing'
             WHEN toewijzingnummer = '' THEN 'toewijzingnummer is empty' END,
        CASE WHEN NOT jeugdnorm.is_aanbieder(aanbieder)
             THEN format('aanbieder %L is not 8 digits (AGB code)', aanbieder) END,
        CASE WHEN NOT jeugdnorm.is_productcategorie(productcategorie)
             THEN format('productcategorie %L is not 2 digits', productcategorie) END,
        CASE WHEN NOT jeugdnorm.is_productcode(productcode)
             THEN format('productcode %L is not 5 letters or digits', productcode) END,
        CASE WHEN NOT jeugdnorm.is_eenheid(eenheid)
             THEN format('unknown eenheid code %L', eenheid) END);
COMMENT ON FUNCTION jeugdnorm.loader_code_problems(text, text, text, text, text, text) IS
    'internal (loaders): the problems with the key and code columns shared by toewijzing and declaratie, in words joined by ''; '' (empty when fine)';

-- ---- the steps both loaders share ---------------------------------------------
-- Both write to jeugdnorm.rejected, so EXECUTE is revoked from PUBLIC
-- (85_tenancy.sql) and granted to jeugdnorm_loader by create_roles(), as
-- for the loaders that call them.

-- Steps 1 and 3a: reads `source` into the staging table
-- pg_temp.jeugdnorm_loader_stage (src_no, src_row, the columns of
-- loader_select_list(), reason), where `reasons` is the SQL expression over
-- those columns that gives a row's problems (NULL when none), and puts every
-- row with a reason into rejected for `target`.  Returns how many.
CREATE OR REPLACE FUNCTION jeugdnorm.loader_stage(source regclass, loader text, target text,
                                       names text[], types text[], required text[],
                                       reasons text)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    -- a source with a bsn column: its rows are kept (for rejected) with the
    -- bsn masked, from the staging table on (no table ever holds a BSN)
    has_bsn  constant boolean := EXISTS (
        SELECT 1 FROM pg_attribute a
         WHERE a.attrelid = source AND a.attname = 'bsn'
           AND a.attnum > 0 AND NOT a.attisdropped);
    src_row_expr constant text := CASE WHEN has_bsn
        THEN 'jeugdnorm.loader_mask_bsn(pg_catalog.to_jsonb(jn_src))' ELSE 'jn_src' END;
    n_bad    bigint;
BEGIN
    IF to_regclass('pg_temp.jeugdnorm_loader_stage') IS NOT NULL THEN
        DROP TABLE pg_temp.jeugdnorm_loader_stage;   -- left by an earlier failed call
    END IF;
    EXECUTE format($sql$
        CREATE TEMPORARY TABLE jeugdnorm_loader_stage ON COMMIT DROP AS
        SELECT x.*, nullif(concat_ws('; ', %s), '') AS reason
          FROM (SELECT row_number() OVER () AS src_no, %s AS src_row, %s
                  FROM %s AS jn_src) AS x
        $sql$, reasons, src_row_expr,
        jeugdnorm.loader_select_list(source, loader, names, types, required),
        source);

    INSERT INTO jeugdnorm.rejected (source, target, row, reason, source_row_no)
    SELECT source::text, target, to_jsonb(st.src_row), st.reason, st.src_no
      FROM pg_temp.jeugdnorm_loader_stage st
     WHERE st.reason IS NOT NULL
     ORDER BY st.src_no;
    GET DIAGNOSTICS n_bad = ROW_COUNT;
    RETURN n_bad;
END;
$$;
COMMENT ON FUNCTION jeugdnorm.loader_stage(regclass, text, text, text[], text[], text[], text) IS
    'internal (loaders): reads the source into the staging table with a reason per row and rejects the rows that have one; returns how many';

-- Steps 3b and 4, then cleanup: loads the staged rows without a reason.
-- set_sql does it set-based and returns (loaded, rejected); should it fail,
-- it is rolled back and the rows are loaded one by one in the order
-- `row_order` (over the staging table's columns), each by row_sql ($1 =
-- src_no) in its own subtransaction: a row for which row_sql inserts
-- nothing is rejected with skip_reason, a row for which it fails is
-- rejected with the database's error message.  Drops the staging table.
CREATE OR REPLACE FUNCTION jeugdnorm.loader_apply(source regclass, loader text, target text,
                                       set_sql text, row_order text, row_sql text,
                                       skip_reason text)
    RETURNS TABLE (loaded bigint, rejected bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n_good   bigint := 0;
    n_bad    bigint := 0;
    n        bigint;
    r        record;
BEGIN
    BEGIN
        EXECUTE set_sql INTO n_good, n_bad USING source::text, skip_reason;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE '%: loading row by row (the set-based insert failed: %)', loader, SQLERRM;
        n_good := 0;
        n_bad := 0;
        CREATE INDEX ON pg_temp.jeugdnorm_loader_stage (src_no);
        FOR r IN EXECUTE format($sql$
                -- as jsonb: the source's row type differs from call to
                -- call, and a record field whose type changes breaks the
                -- cached plans of the INSERTs below (42804) when a session
                -- loads row by row from two different sources
                SELECT st.src_no, to_jsonb(st.src_row) AS src_row
                  FROM pg_temp.jeugdnorm_loader_stage st
                 WHERE st.reason IS NULL
                 ORDER BY %s $sql$, row_order)
        LOOP
            BEGIN
                EXECUTE row_sql USING r.src_no;
                GET DIAGNOSTICS n = ROW_COUNT;
                IF n = 0 THEN
                    INSERT INTO jeugdnorm.rejected (source, target, row, reason, source_row_no)
                    VALUES (source::text, target, r.src_row, skip_reason, r.src_no);
                    n_bad := n_bad + 1;
                ELSE
                    n_good := n_good + 1;
                END IF;
            EXCEPTION WHEN OTHERS THEN
                INSERT INTO jeugdnorm.rejected (source, target, row, reason, source_row_no)
                VALUES (source::text, target, r.src_row, SQLERRM, r.src_no);
                n_bad := n_bad + 1;
            END;
        END LOOP;
    END;

    DROP TABLE pg_temp.jeugdnorm_loader_stage;
    loaded := n_good;
    rejected := n_bad;
    RETURN NEXT;
END;
$$;
COMMENT ON FUNCTION jeugdnorm.loader_apply(regclass, text, text, text, text, text, text) IS
    'internal (loaders): loads the staged valid rows set-based, or row by row (rejecting a failing row with the database''s message) when that fails; drops the staging table; returns (loaded, rejected)';

-- Steps 3b and 4 for a keyed table whose later message replaces an earlier
-- one (toewijzing, verzoek): the last valid row per (gemeente, key_col)
-- -- by `winner_order` over the staging table's columns, e.g.
-- 'toewijzingsdatum DESC NULLS LAST, src_no DESC' -- updates the stored
-- row or is inserted.  Only the columns among names[3:] that the source
-- has are replaced (client_id also when the source gives a bsn; NULLs
-- included); the others keep their stored values.  Set-based: UPDATE +
-- INSERT ... WHERE NOT EXISTS in one statement (both parts see the same
-- snapshot, so every winner goes to exactly one of them); much cheaper
-- than ON CONFLICT for 10^5 rows.  Every valid row counts as loaded (a
-- superseded one too).  Should it fail (a concurrent loader inserting the
-- same new key, a CHECK on the updated row, row-level security),
-- loader_apply loads the rows one by one in `row_order` (the order in
-- which "last wins" holds) with ON CONFLICT.
CREATE OR REPLACE FUNCTION jeugdnorm.loader_upsert(source regclass, loader text, target text,
                                                   key_col text, names text[],
                                                   winner_order text, row_order text)
    RETURNS TABLE (loaded bigint, rejected bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols     constant text := (SELECT string_agg(quote_ident(c), ', ' ORDER BY o)
                                 FROM unnest(names) WITH ORDINALITY AS u(c, o));
    set_list text;
BEGIN
    SELECT string_agg(format('%1$I = EXCLUDED.%1$I', c), ', ' ORDER BY o)
      INTO set_list
      FROM unnest(names[3:]) WITH ORDINALITY AS u(c, o)
     WHERE EXISTS (SELECT 1 FROM pg_attribute a
                    WHERE a.attrelid = source
                      AND (a.attname = u.c OR (u.c = 'client_id' AND a.attname = 'bsn'))
                      AND a.attnum > 0 AND NOT a.attisdropped);
    -- the key alone: nothing to replace, an existing row stays as it is
    set_list := coalesce(set_list, format('%1$I = EXCLUDED.%1$I', key_col));

    RETURN QUERY
    SELECT a.loaded, a.rejected
      FROM jeugdnorm.loader_apply(source, loader, target,
        format($sql$
            WITH w AS MATERIALIZED (
                SELECT DISTINCT ON (gemeente, %3$I) %1$s
                  FROM pg_temp.jeugdnorm_loader_stage
                 WHERE reason IS NULL
                 ORDER BY gemeente, %3$I, %4$s
            ), upd AS (
                UPDATE jeugdnorm.%5$I AS t SET %2$s
                  FROM w
                 WHERE t.gemeente = w.gemeente AND t.%3$I = w.%3$I
            ), ins AS (
                INSERT INTO jeugdnorm.%5$I (%1$s)
                SELECT %1$s FROM w
                 WHERE NOT EXISTS (SELECT 1 FROM jeugdnorm.%5$I AS t
                                    WHERE t.gemeente = w.gemeente AND t.%3$I = w.%3$I)
            )
            SELECT count(*), 0::bigint FROM pg_temp.jeugdnorm_loader_stage WHERE reason IS NULL
            $sql$, cols, replace(set_list, 'EXCLUDED.', 'w.'), key_col, winner_order, target),
        row_order,
        format($sql$
            INSERT INTO jeugdnorm.%4$I (%1$s)
            SELECT %1$s FROM pg_temp.jeugdnorm_loader_stage WHERE src_no = $1
            ON CONFLICT (gemeente, %3$I) DO UPDATE SET %2$s
            $sql$, cols, set_list, key_col, target),
        NULL) AS a;
END;
$$;
COMMENT ON FUNCTION jeugdnorm.loader_upsert(regclass, text, text, text, text[], text, text) IS
    'internal (loaders): loads the staged valid rows into a table keyed by (gemeente, key_col), the last row per key winning and updating a stored row (only the columns the source has); row by row when the set-based load fails; returns (loaded, rejected)';

-- ---- load_toewijzingen -------------------------------------------------------

CREATE OR REPLACE FUNCTION jeugdnorm.load_toewijzingen(source regclass)
    RETURNS TABLE (loaded bigint, rejected bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    -- contract columns, section 2 then section 9; toewijzingsdatum also
    -- orders several rows for one allocation
    names    constant text[] := ARRAY['gemeente', 'toewijzingnummer', 'client_id',
        'geboortedatum', 'aanbieder', 'productcategorie', 'productcode',
        'ingangsdatum', 'einddatum', 'volume', 'eenheid', 'frequentie', 'budget',
        'reden_wijziging', 'toewijzingsdatum', 'verwijzer', 'reden_beeindiging',
        'postcode'];
    types    constant text[] := ARRAY['text', 'text', 'text', 'date', 'text', 'text',
        'text', 'date', 'date', 'numeric', 'text', 'text', 'numeric', 'text', 'date',
        'text', 'text', 'text'];
    required constant text[] := ARRAY['gemeente', 'toewijzingnummer', 'ingangsdatum'];
    reasons  constant text := $sql$
                   nullif(jeugdnorm.loader_code_problems(gemeente, toewijzingnummer,
                          aanbieder, productcategorie, productcode, eenheid), ''),
                   bsn_problem,
                   jeugdnorm.loader_date_problem('geboortedatum', geboortedatum, geboortedatum__raw, false),
                   jeugdnorm.loader_date_problem('ingangsdatum', ingangsdatum, ingangsdatum__raw, true),
                   jeugdnorm.loader_date_problem('einddatum', einddatum, einddatum__raw, false),
                   CASE WHEN einddatum < ingangsdatum
                        THEN format('einddatum %s is before ingangsdatum %s', to_char(einddatum, 'YYYY-MM-DD'), to_char(ingangsdatum, 'YYYY-MM-DD')) END,
                   jeugdnorm.loader_numeric_problem('volume', volume, volume__raw, true),
                   jeugdnorm.loader_numeric_problem('budget', budget, budget__raw, true),
                   CASE WHEN NOT jeugdnorm.is_frequentie(frequentie)
                        THEN format('unknown frequentie code %L', frequentie) END,
                   CASE WHEN reden_wijziging !~ '^[0-9]{2}$'
                        THEN format('reden_wijziging %L is not 2 digits', reden_wijziging) END,
                   jeugdnorm.loader_date_problem('toewijzingsdatum', toewijzingsdatum, toewijzingsdatum__raw, false),
                   CASE WHEN NOT jeugdnorm.is_verwijzer(verwijzer)
                        THEN format('unknown verwijzer code %L (COD327: 01, 02, 03, 04, 05, 06, 08)', verwijzer) END,
                   CASE WHEN NOT jeugdnorm.is_reden_beeindiging(reden_beeindiging)
                        THEN format('unknown reden_beeindiging code %L (JZ588, see jeugdnorm.reden_beeindiging_codes())', reden_beeindiging) END,
                   CASE WHEN NOT jeugdnorm.is_postcode(postcode)
                        THEN format('postcode %L is not 4 digits: only the 4-digit area may be stored (data minimisation)', postcode) END
        $sql$;
    n_bad    bigint;
BEGIN
    n_bad := jeugdnorm.loader_stage(source, 'load_toewijzingen', 'toewijzing',
                                    names, types, required, reasons);
    -- the newest JW301 wins: by toewijzingsdatum, then the source's order
    RETURN QUERY
    SELECT a.loaded, a.rejected + n_bad
      FROM jeugdnorm.loader_upsert(source, 'load_toewijzingen', 'toewijzing', 'toewijzingnummer', names,
                                   'toewijzingsdatum DESC NULLS LAST, src_no DESC',
                                   'st.toewijzingsdatum NULLS FIRST, st.src_no') AS a;
END;
$$;
COMMENT ON FUNCTION jeugdnorm.load_toewijzingen(regclass) IS
    'loads allocations (JW301) from any table or view with the contract''s column names into jeugdnorm.toewijzing; an existing (gemeente, toewijzingnummer) is updated (the newest wins; within the source the last row wins); invalid rows go to jeugdnorm.rejected with the reason; returns (loaded, rejected), which add up to the source''s row count';

-- ---- load_declaraties --------------------------------------------------------

CREATE OR REPLACE FUNCTION jeugdnorm.load_declaraties(source regclass)
    RETURNS TABLE (loaded bigint, rejected bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    names    constant text[] := ARRAY['gemeente', 'toewijzingnummer', 'client_id',
        'aanbieder', 'productcategorie', 'productcode', 'begindatum', 'einddatum',
        'volume', 'eenheid', 'bedrag'];
    types    constant text[] := ARRAY['text', 'text', 'text', 'text', 'text', 'text',
        'date', 'date', 'numeric', 'text', 'numeric'];
    required constant text[] := ARRAY['gemeente', 'toewijzingnummer', 'begindatum', 'einddatum'];
    target_cols constant text :=
        'gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, '
        'productcode, begindatum, einddatum, volume, eenheid, bedrag';
    reasons  constant text := $sql$
                   nullif(jeugdnorm.loader_code_problems(gemeente, toewijzingnummer,
                          aanbieder, productcategorie, productcode, eenheid), ''),
                   bsn_problem,
                   jeugdnorm.loader_date_problem('begindatum', begindatum, begindatum__raw, true),
                   jeugdnorm.loader_date_problem('einddatum', einddatum, einddatum__raw, true),
                   CASE WHEN einddatum < begindatum
                        THEN format('einddatum %s is before begindatum %s', to_char(einddatum, 'YYYY-MM-DD'), to_char(begindatum, 'YYYY-MM-DD')) END,
                   jeugdnorm.loader_numeric_problem('volume', volume, volume__raw, false),
                   jeugdnorm.loader_numeric_problem('bedrag', bedrag, bedrag__raw, false)
        $sql$;
    -- A line equal to c in every contract column: the first four are
    -- NOT NULL in a valid line, so they can use the index on
    -- (gemeente, toewijzingnummer); the rest compare NULLs as equal.
    same_line constant text := $sql$
        d.gemeente = c.gemeente AND d.toewijzingnummer = c.toewijzingnummer
        AND d.begindatum = c.begindatum AND d.einddatum = c.einddatum
        AND d.client_id IS NOT DISTINCT FROM c.client_id
        AND d.aanbieder IS NOT DISTINCT FROM c.aanbieder
        AND d.productcategorie IS NOT DISTINCT FROM c.productcategorie
        AND d.productcode IS NOT DISTINCT FROM c.productcode
        AND d.volume IS NOT DISTINCT FROM c.volume
        AND d.eenheid IS NOT DISTINCT FROM c.eenheid
        AND d.bedrag IS NOT DISTINCT FROM c.bedrag $sql$;
    n_bad    bigint;
BEGIN
    n_bad := jeugdnorm.loader_stage(source, 'load_declaraties', 'declaratie',
                                    names, types, required, reasons);

    -- Set-based: a line equal to one already loaded or to an earlier line of
    -- the source ($1 = source name) is rejected as a duplicate ($2); window
    -- partitions treat NULLs as equal, as IS NOT DISTINCT FROM.  The
    -- row-by-row safety net goes in source order; each loaded line is in the
    -- table before the next one is checked, so copies inside the source are
    -- still found.
    RETURN QUERY
    SELECT a.loaded, a.rejected + n_bad
      FROM jeugdnorm.loader_apply(source, 'load_declaraties', 'declaratie',
        format($sql$
            WITH c AS (
                SELECT st.*,
                       row_number() OVER (PARTITION BY %1$s ORDER BY src_no) AS copy_no
                  FROM pg_temp.jeugdnorm_loader_stage st
                 WHERE st.reason IS NULL
            ), k AS (
                SELECT c.*,
                       c.copy_no > 1
                       OR EXISTS (SELECT 1 FROM jeugdnorm.declaratie d WHERE %2$s) AS dup
                  FROM c
            ), ins AS (
                INSERT INTO jeugdnorm.declaratie (%1$s)
                SELECT %1$s FROM k WHERE NOT dup ORDER BY src_no
                RETURNING 1
            ), rej AS (
                INSERT INTO jeugdnorm.rejected (source, target, row, reason, source_row_no)
                SELECT $1, 'declaratie', to_jsonb(k.src_row), $2, k.src_no
                  FROM k WHERE dup ORDER BY src_no
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM rej)
            $sql$, target_cols, same_line),
        'st.src_no',
        format($sql$
            INSERT INTO jeugdnorm.declaratie (%1$s)
            SELECT %1$s FROM pg_temp.jeugdnorm_loader_stage c
             WHERE c.src_no = $1
               AND NOT EXISTS (SELECT 1 FROM jeugdnorm.declaratie d WHERE %2$s)
            $sql$, target_cols, same_line),
        'exact duplicate of a claim line already loaded') AS a;
END;
$$;
COMMENT ON FUNCTION jeugdnorm.load_declaraties(regclass) IS
    'loads claim lines (JW323/JW303) from any table or view with the contract''s column names into jeugdnorm.declaratie; invalid rows and exact duplicates of lines already loaded go to jeugdnorm.rejected with the reason; returns (loaded, rejected), which add up to the source''s row count';

REVOKE EXECUTE ON FUNCTION jeugdnorm.loader_upsert(pg_catalog.regclass, text, text, text, text[], text, text) FROM PUBLIC;
-- ---------------------------------------------------------------------------
-- 26_verzoek_loader.sql (new in 0.2.0) -- load_verzoeken(source)
--
-- Loads requests for an allocation (JW315, with their answer; DEFINITIONS.md
-- section 9, table jeugdnorm.verzoek of 22_steering_schema.sql) the way
-- load_toewijzingen and load_declaraties load their tables (25_loaders.sql):
-- the same two helpers, jeugdnorm.loader_stage and jeugdnorm.loader_apply, so
-- the same guarantees hold:
--   * any table or view whose column names are the contract's; extra columns
--     are ignored, a missing optional column reads as NULL, a source without
--     gemeente, verzoeknummer or ontvangen is an error up front (42703);
--   * every valid row is loaded, every other row goes to jeugdnorm.rejected
--     (target 'verzoek') with its reason(s) in words; a row the checks did
--     not foresee but the database refuses is rejected with the database's
--     message (row-by-row safety net).  Nothing is ever lost:
--     loaded + rejected = the number of rows in the source, always;
--   * dates only as ISO YYYY-MM-DD, numbers only as plain decimals;
--   * bsn: a source may give the client as `bsn` instead of `client_id`; the
--     stored client_id is then pseudonymise(bsn), a bsn failing the elfproef
--     rejects the row ('bsn fails the elfproef'), and rejected.row holds the
--     bsn masked (loader_select_list / loader_stage, 86_pseudonym.sql).
--
-- Reasons (the rules of the table's CHECK constraints, in words): gemeente
-- missing or not 4 digits; verzoeknummer missing or empty; aanbieder,
-- productcategorie, productcode not in their format; unknown eenheid or
-- frequentie code; ontvangen missing or not a date; gewenste_ingangsdatum or
-- antwoord_datum not a date; antwoord_datum before ontvangen; volume not a
-- number or negative; antwoord other than 'toegewezen' / 'afgewezen';
-- reden_afwijzing not a WJ759 code (one digit '1'..'9'); an empty
-- toewijzingnummer.  Several problems of one row are joined by '; '.
--
-- Decision: a repeated (gemeente, verzoeknummer) is a later message about
-- the same request (typically the answer arriving after the request), as
-- for load_toewijzingen:
--   * a row whose key is already in jeugdnorm.verzoek updates it; columns
--     the source has replace the stored values (NULL included), columns the
--     source does not have are left as they are (NULL on insert);
--   * within one source, rows of one key are applied in the order the source
--     is read (a table: physical order, which is insertion order for a
--     freshly filled table; a view: its output order, so give it an ORDER BY
--     when that matters) and the last one wins.  That is the same as loading
--     the rows one at a time, so a superseded row counts as loaded, not
--     rejected.  (Unlike toewijzing there is no message date to order by:
--     antwoord_datum is a fact of the answer, and a correction of it must
--     still win when it comes later.)
--   * an update that would make the stored row inconsistent (e.g. a source
--     with only a later ontvangen, while the stored antwoord_datum is
--     earlier) is refused by the table's CHECK; the safety net then rejects
--     that row with the database's message.
-- ---------------------------------------------------------------------------

CREATE FUNCTION jeugdnorm.load_verzoeken(source regclass)
    RETURNS TABLE (loaded bigint, rejected bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    names    constant text[] := ARRAY['gemeente', 'verzoeknummer', 'client_id',
        'aanbieder', 'productcategorie', 'productcode', 'ontvangen',
        'gewenste_ingangsdatum', 'volume', 'eenheid', 'frequentie', 'antwoord',
        'antwoord_datum', 'reden_afwijzing', 'toewijzingnummer'];
    types    constant text[] := ARRAY['text', 'text', 'text', 'text', 'text', 'text',
        'date', 'date', 'numeric', 'text', 'text', 'text', 'date', 'text', 'text'];
    required constant text[] := ARRAY['gemeente', 'verzoeknummer', 'ontvangen'];
    -- The shared code checks (loader_code_problems) take a toewijzingnummer
    -- that is required for the other tables; here it is optional, so a
    -- missing one is passed as a placeholder and only an empty one is a
    -- problem ('toewijzingnummer is empty').
    reasons  constant text := $sql$
                   CASE WHEN verzoeknummer IS NULL THEN 'verzoeknummer is missing'
                        WHEN verzoeknummer = '' THEN 'verzoeknummer is empty' END,
                   nullif(jeugdnorm.loader_code_problems(gemeente, coalesce(toewijzingnummer, '-'),
                          aanbieder, productcategorie, productcode, eenheid), ''),
                   bsn_problem,
                   jeugdnorm.loader_date_problem('ontvangen', ontvangen, ontvangen__raw, true),
                   jeugdnorm.loader_date_problem('gewenste_ingangsdatum', gewenste_ingangsdatum,
                                                 gewenste_ingangsdatum__raw, false),
                   jeugdnorm.loader_date_problem('antwoord_datum', antwoord_datum, antwoord_datum__raw, false),
                   CASE WHEN antwoord_datum < ontvangen
                        THEN format('antwoord_datum %s is before ontvangen %s',
                                    to_char(antwoord_datum, 'YYYY-MM-DD'), to_char(ontvangen, 'YYYY-MM-DD')) END,
                   jeugdnorm.loader_numeric_problem('volume', volume, volume__raw, true),
                   CASE WHEN NOT jeugdnorm.is_frequentie(frequentie)
                        THEN format('unknown frequentie code %L', frequentie) END,
                   CASE WHEN antwoord NOT IN ('toegewezen', 'afgewezen')
                        THEN format('antwoord %L is not ''toegewezen'' or ''afgewezen''', antwoord) END,
                   CASE WHEN NOT jeugdnorm.is_reden_afwijzing(reden_afwijzing)
                        THEN format('reden_afwijzing %L is not a WJ759 code (one digit 1..9)', reden_afwijzing) END
        $sql$;
    n_bad    bigint;
BEGIN
    n_bad := jeugdnorm.loader_stage(source, 'load_verzoeken', 'verzoek',
                                    names, types, required, reasons);
    -- as load_toewijzingen (jeugdnorm.loader_upsert): the last row per
    -- request in the source's order wins and updates a stored request
    RETURN QUERY
    SELECT a.loaded, a.rejected + n_bad
      FROM jeugdnorm.loader_upsert(source, 'load_verzoeken', 'verzoek', 'verzoeknummer', names,
                                   'src_no DESC', 'st.src_no') AS a;
END;
$$;
COMMENT ON FUNCTION jeugdnorm.load_verzoeken(regclass) IS
    'loads requests for an allocation (JW315, with their answer) from any table or view with the contract''s column names into jeugdnorm.verzoek; an existing (gemeente, verzoeknummer) is updated (within the source the last row wins); invalid rows go to jeugdnorm.rejected (target ''verzoek'') with the reason; returns (loaded, rejected), which add up to the source''s row count';

-- Writes to jeugdnorm.rejected, like the other loaders: not for PUBLIC
-- (jeugdnorm.create_roles() grants it to jeugdnorm_loader).
REVOKE EXECUTE ON FUNCTION jeugdnorm.load_verzoeken(pg_catalog.regclass) FROM PUBLIC;
-- ---------------------------------------------------------------------------
-- 30_cleaned.sql -- the cleaned inputs (layer 2 of ARCHITECTURE.md)
--
-- One plain view per input, in schema jeugdnorm_internal (not part of the
-- contract, invisible to BI tools that only load schema jeugdnorm):
--
--   settings     the one settings row, peildatum NULL read as current_date
--   allocations  the kept allocations: reden_wijziging '13' and clients above
--                max_age left out; "product" derived; unit codes checked
--   claim_lines  claim lines minus the net-zero groups ([R12]), units decoded
--   claims       the kept claim lines: claim_lines matched to a kept allocation, net-zero
--                groups dropped ([R12])
--
-- Every rule of DEFINITIONS.md section 3 about WHICH rows count and WHAT a
-- product / unit is lives here and nowhere else: the path layer (40_paths)
-- and the analyses read these views, never the input tables for those rules.
--
-- Views read the settings when they are evaluated; the materialised path
-- views therefore take a settings change at the next jeugdnorm.refresh().
--
-- Changed in 0.2.0 (product mapping [S2], the section-9 columns), so this
-- file is also part of the 0.1.0 -> 0.2.0 upgrade script and must stay
-- re-runnable over the 0.1.0 objects: CREATE OR REPLACE / IF NOT EXISTS
-- only, and a view keeps its columns (new ones only at the end).
-- ---------------------------------------------------------------------------

CREATE SCHEMA IF NOT EXISTS jeugdnorm_internal;
COMMENT ON SCHEMA jeugdnorm_internal IS
    'jeugdnorm internals: cleaned inputs and the materialised path views behind the contract views of schema jeugdnorm; not a contract, may change between versions';

-- ---- settings --------------------------------------------------------------

CREATE OR REPLACE VIEW jeugdnorm_internal.settings AS
SELECT s.window_start,
       coalesce(s.peildatum, current_date) AS peildatum,
       s.extension_days,
       s.recidive_days,
       s.path_gap_days,
       s.max_age,
       s.drop_net_zero,
       s.lead_time_target_days
  FROM jeugdnorm.settings s
 -- The table holds exactly one row (primary key on a column that is always
 -- true).  LIMIT 1 tells the planner so: without statistics it would assume
 -- ~1500 rows, and every view that cross-joins the settings would get row
 -- estimates (and JIT compilation) a thousand times too large.
 LIMIT 1;

COMMENT ON VIEW jeugdnorm_internal.settings IS
    'the one settings row as every view reads it: peildatum NULL becomes current_date (evaluated when the view is read, i.e. at refresh time for materialised views)';
COMMENT ON COLUMN jeugdnorm_internal.settings.window_start IS 'first day of the analysis window';
COMMENT ON COLUMN jeugdnorm_internal.settings.peildatum IS 'peildatum (reference date): coalesce(settings.peildatum, current_date)';
COMMENT ON COLUMN jeugdnorm_internal.settings.extension_days IS 'verlenging (extension) bound in days';
COMMENT ON COLUMN jeugdnorm_internal.settings.recidive_days IS 'recidive (repeat request) bound in days';
COMMENT ON COLUMN jeugdnorm_internal.settings.path_gap_days IS 'max gap in days inside one care path, and the wait before a closed path is completed';
COMMENT ON COLUMN jeugdnorm_internal.settings.max_age IS 'age filter: allocations of clients older than this at the start are left out; NULL = no filter';
COMMENT ON COLUMN jeugdnorm_internal.settings.drop_net_zero IS 'drop claim lines whose net bedrag per allocation and period is 0';
COMMENT ON COLUMN jeugdnorm_internal.settings.lead_time_target_days IS 'lead-time target in days for request_lead_time.share_within_8_weeks (default 56)';

-- ---- product mapping ([S2]) -------------------------------------------------
-- THE one place the [S2] rule lives: the analysis product of a product code
-- (categorie, code) of a provider on a day.  The matching rows: same
-- categorie, same code (IS NOT DISTINCT FROM: a NULL code maps the
-- category's aspecifiek allocations), the provider or any (NULL), and the
-- day inside [geldig_van, coalesce(geldig_tot, infinity)] (a NULL
-- geldig_van never matches).  Winner: provider-specific before general,
-- then the latest geldig_van, then the smallest analysis_product (a NULL
-- one sorts last); a winner with a NULL analysis_product, or no winner,
-- leaves coalesce(productcode, productcategorie).  Always exactly one row.
-- Allocations map on their ingangsdatum (allocations below), requests on
-- their ontvangen (32_requests.sql).
-- How (speed): a set-returning SQL function with a SQL-standard body is
-- inlined by the planner into the calling query (a LATERAL subquery), so it
-- costs one probe of product_mapping_lookup_idx per row -- nothing like a
-- function call -- and the body, bound at CREATE time, is immune to the
-- caller's search_path.

CREATE OR REPLACE FUNCTION jeugdnorm_internal.mapped_product(
        productcategorie text, productcode text, aanbieder text, on_date date)
    RETURNS TABLE (product text)
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT coalesce((SELECT m.analysis_product
                       FROM jeugdnorm.product_mapping m
                      WHERE m.productcategorie = mapped_product.productcategorie
                        AND m.productcode IS NOT DISTINCT FROM mapped_product.productcode
                        AND (m.aanbieder = mapped_product.aanbieder OR m.aanbieder IS NULL)
                        AND m.geldig_van <= mapped_product.on_date
                        AND mapped_product.on_date <= coalesce(m.geldig_tot, 'infinity'::date)
                      ORDER BY m.aanbieder IS NULL, m.geldig_van DESC, m.analysis_product
                      LIMIT 1),
                    mapped_product.productcode,
                    mapped_product.productcategorie);
END;

COMMENT ON FUNCTION jeugdnorm_internal.mapped_product(text, text, text, date) IS
    'the analysis product ([S2], jeugdnorm.product_mapping) of (productcategorie, productcode) at a provider on a day; without a matching row (or when the winner''s analysis_product is NULL) coalesce(productcode, productcategorie); exactly one row; inlined as a LATERAL subquery';

-- ---- allocations -------------------------------------------------------------
-- Kept allocations ([R2], section 3 "Data cleaning"):
--   * reden_wijziging '13' (verwijderd) counts as never sent;
--   * age in whole years at ingangsdatum, PostgreSQL's age(), above max_age
--     leaves (born 29 February: 22 on 1 March in a non-leap year); NULL
--     geboortedatum stays; NULL max_age = no age filter.
-- product: the ONE place an allocation's "product" is derived: the analysis
-- product of mapped_product() on its ingangsdatum, which without mapping
-- rows is coalesce(productcode, productcategorie) (an aspecifiek
-- allocation's product is its category).  own_product keeps that unmapped
-- value; productgroep, variant, financieringsvorm, segment and tarief come
-- from the allocation's own code ([S2]).
-- Section-9 columns (0.2.0) are at the end: a code outside its list reads
-- as NULL ([R13]; the CHECKs keep them out of the table).
-- Unit codes ([R13]): the C code list (eenheid_codes / is_frequentie) is the
-- only place codes live; an unknown code, which the CHECK constraints keep
-- out of jeugdnorm.toewijzing but which a replacing view could deliver, reads
-- as NULL here and never fails a view.
-- contract_order: the contract's global order (ingangsdatum, einddatum NULLS
-- LAST, toewijzingnummer, gemeente); (gemeente, toewijzingnummer) is the key,
-- so the order is total and the numbers are stable for equal data.

CREATE OR REPLACE VIEW jeugdnorm_internal.allocations AS
SELECT t.gemeente,
       t.toewijzingnummer,
       t.client_id,
       t.geboortedatum,
       t.aanbieder,
       t.productcategorie,
       t.productcode,
       mp.product,
       t.ingangsdatum,
       t.einddatum,
       t.volume,
       e.code AS eenheid,
       CASE WHEN jeugdnorm.is_frequentie(t.frequentie) THEN t.frequentie END AS frequentie,
       t.budget,
       e.canonical_unit AS unit,
       e.factor AS unit_factor,
       p.productgroep,
       p.variant,
       p.financieringsvorm,
       p.segment,
       p.tarief,
       p.omschrijving,
       pg_catalog.row_number() OVER (ORDER BY t.ingangsdatum, t.einddatum NULLS LAST,
                                              t.toewijzingnummer, t.gemeente) AS contract_order,
       coalesce(t.productcode, t.productcategorie) AS own_product,
       t.toewijzingsdatum,
       CASE WHEN jeugdnorm.is_verwijzer(t.verwijzer) THEN t.verwijzer END AS verwijzer,
       CASE WHEN jeugdnorm.is_reden_beeindiging(t.reden_beeindiging) THEN t.reden_beeindiging END AS reden_beeindiging,
       CASE WHEN jeugdnorm.is_postcode(t.postcode) THEN t.postcode END AS postcode
  FROM jeugdnorm.toewijzing t
 CROSS JOIN jeugdnorm_internal.settings s
 CROSS JOIN LATERAL jeugdnorm_internal.mapped_product(t.productcategorie, t.productcode,
                                                      t.aanbieder, t.ingangsdatum) mp
  LEFT JOIN jeugdnorm.eenheid_codes() e ON e.code = t.eenheid
  LEFT JOIN jeugdnorm.product p
         ON p.productcategorie = t.productcategorie
        AND p.productcode = t.productcode
 WHERE t.reden_wijziging IS DISTINCT FROM '13'
   AND (s.max_age IS NULL
        OR t.geboortedatum IS NULL
        OR pg_catalog.date_part('year', pg_catalog.age(t.ingangsdatum, t.geboortedatum)) <= s.max_age);

COMMENT ON VIEW jeugdnorm_internal.allocations IS
    'toewijzingen (allocations) that count: reden_wijziging ''13'' and clients above settings.max_age at the start left out; product derived; unknown unit/frequency codes read as NULL';
COMMENT ON COLUMN jeugdnorm_internal.allocations.gemeente IS 'gemeente: CBS municipality code';
COMMENT ON COLUMN jeugdnorm_internal.allocations.toewijzingnummer IS 'toewijzingnummer: allocation number, unique within a gemeente';
COMMENT ON COLUMN jeugdnorm_internal.allocations.client_id IS 'client_id: pseudonymised client key';
COMMENT ON COLUMN jeugdnorm_internal.allocations.geboortedatum IS 'geboortedatum: date of birth';
COMMENT ON COLUMN jeugdnorm_internal.allocations.aanbieder IS 'aanbieder: provider AGB code';
COMMENT ON COLUMN jeugdnorm_internal.allocations.productcategorie IS 'productcategorie: iJw product category';
COMMENT ON COLUMN jeugdnorm_internal.allocations.productcode IS 'productcode: iJw product code; NULL = aspecifiek';
COMMENT ON COLUMN jeugdnorm_internal.allocations.product IS 'product: the analysis product of jeugdnorm.product_mapping valid on ingangsdatum ([S2]), else productcode, or productcategorie for an aspecifiek allocation (the one place this is derived)';
COMMENT ON COLUMN jeugdnorm_internal.allocations.ingangsdatum IS 'ingangsdatum: first day of the allocation';
COMMENT ON COLUMN jeugdnorm_internal.allocations.einddatum IS 'einddatum: last day of the allocation; NULL = open';
COMMENT ON COLUMN jeugdnorm_internal.allocations.volume IS 'volume: allocated amount per frequentie, in eenheid';
COMMENT ON COLUMN jeugdnorm_internal.allocations.eenheid IS 'eenheid: WJ756 unit code; NULL when not a known code';
COMMENT ON COLUMN jeugdnorm_internal.allocations.frequentie IS 'frequentie: WJ757 frequency code; NULL when not a known code';
COMMENT ON COLUMN jeugdnorm_internal.allocations.budget IS 'budget: allocated budget in euros';
COMMENT ON COLUMN jeugdnorm_internal.allocations.unit IS 'unit: canonical unit of eenheid (uur, etmaal, stuks, euro); NULL when eenheid is unknown';
COMMENT ON COLUMN jeugdnorm_internal.allocations.unit_factor IS 'factor from eenheid to the canonical unit (minuut 1/60, dagdeel 4, others 1); for exact volumes use jeugdnorm.canonical_volume()';
COMMENT ON COLUMN jeugdnorm_internal.allocations.productgroep IS 'productgroep from jeugdnorm.product by the allocation''s own codes; NULL when not in the catalogue';
COMMENT ON COLUMN jeugdnorm_internal.allocations.variant IS 'variant from jeugdnorm.product';
COMMENT ON COLUMN jeugdnorm_internal.allocations.financieringsvorm IS 'financieringsvorm (funding model) from jeugdnorm.product';
COMMENT ON COLUMN jeugdnorm_internal.allocations.segment IS 'segment (purchasing segment) from jeugdnorm.product';
COMMENT ON COLUMN jeugdnorm_internal.allocations.tarief IS 'tarief (price per canonical unit or per trajectory) from jeugdnorm.product';
COMMENT ON COLUMN jeugdnorm_internal.allocations.omschrijving IS 'omschrijving (product name) from jeugdnorm.product';
COMMENT ON COLUMN jeugdnorm_internal.allocations.contract_order IS 'position in the contract order (ingangsdatum, einddatum NULLS LAST, toewijzingnummer, gemeente) over all kept allocations';
COMMENT ON COLUMN jeugdnorm_internal.allocations.own_product IS 'the allocation''s own product, unmapped: coalesce(productcode, productcategorie)';
COMMENT ON COLUMN jeugdnorm_internal.allocations.toewijzingsdatum IS 'toewijzingsdatum: the day the JW301 was issued';
COMMENT ON COLUMN jeugdnorm_internal.allocations.verwijzer IS 'verwijzer: COD327 referrer code; NULL when not a known code';
COMMENT ON COLUMN jeugdnorm_internal.allocations.reden_beeindiging IS 'reden beeindiging: JZ588 ending reason code; NULL when not a known code';
COMMENT ON COLUMN jeugdnorm_internal.allocations.postcode IS 'postcode: 4-digit postcode area at the allocation start; NULL when not 4 digits';

-- ---- claim lines and claims ----------------------------------------------------
-- Kept claim lines: those whose (gemeente, toewijzingnummer) is a kept
-- allocation (a claim's own client_id and aanbieder are not used), minus the
-- net-zero groups [R12]: net = sum(bedrag) per (gemeente, toewijzingnummer,
-- begindatum, einddatum); exactly 0 drops every line of the group when
-- drop_net_zero.  sum() skips NULL amounts; a group whose amounts are all
-- NULL has a NULL net, which is not 0.  Credit lines are used as stored.
-- Since the group key contains the allocation key, every group lies within
-- one allocation: computing the net over all lines is the same as over the
-- lines of kept allocations.
--
-- Two views, so that each rule has one place and the path layer can match
-- lines to its own materialised copy of the kept allocations:
--   claim_lines  every claim line minus the net-zero groups, unit decoded
--                ([R12], [R13]); not yet matched to an allocation;
--   claims       claim_lines matched to jeugdnorm_internal.allocations.
-- mv_care_paths (40_paths.sql) reads claim_lines joined to
-- mv_path_allocations, which holds exactly the kept allocations: the same
-- lines as claims, with the planner's row estimates taken from a
-- materialised view that jeugdnorm.refresh() has just analysed.
--
-- How (speed): a net of exactly 0 needs a line with bedrag <= 0 (a sum of
-- amounts that are all > 0 is > 0; NULLs are skipped), so only the groups
-- holding such a line -- credit lines, a few per cent -- are summed, and the
-- lines are then kept by an anti-join on those few groups.  This replaces a
-- window sum over every claim line, which had to sort all lines (external
-- sort at millions of lines) before anything could be read.  The group key
-- columns are NOT NULL in jeugdnorm.declaratie, so equality matches exactly
-- the rows that PARTITION BY grouped together.
-- declaratie_net_zero_idx serves this rule only: the candidate groups are
-- read from a small partial index (the lines with bedrag <= 0) instead of
-- a scan of every claim line.

CREATE INDEX IF NOT EXISTS declaratie_net_zero_idx
    ON jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum, einddatum)
 WHERE bedrag <= 0;

COMMENT ON INDEX jeugdnorm.declaratie_net_zero_idx IS
    'jeugdnorm_internal.claim_lines [R12]: the groups that may net to zero (a line with bedrag <= 0), without scanning every claim line';

-- credit_groups: the groups holding a line with bedrag <= 0, the only ones
-- that can net to 0, with their net; net_zero_groups: those whose net is
-- exactly 0, whatever drop_net_zero says (data_quality reports them either
-- way, 68_data_quality.sql); claim_lines drops them when drop_net_zero.
CREATE OR REPLACE VIEW jeugdnorm_internal.credit_groups AS
SELECT g.gemeente,
       g.toewijzingnummer,
       g.begindatum,
       g.einddatum,
       pg_catalog.count(*) AS claim_lines,
       pg_catalog.sum(g.bedrag) AS net
  FROM jeugdnorm.declaratie g
 WHERE (g.gemeente, g.toewijzingnummer, g.begindatum, g.einddatum) IN
       (SELECT c.gemeente, c.toewijzingnummer, c.begindatum, c.einddatum
          FROM jeugdnorm.declaratie c
         WHERE c.bedrag <= 0)
 GROUP BY g.gemeente, g.toewijzingnummer, g.begindatum, g.einddatum;

COMMENT ON VIEW jeugdnorm_internal.credit_groups IS
    'the claim groups (gemeente, toewijzingnummer, begindatum, einddatum) holding a line with bedrag <= 0 -- the only groups that can net to 0 ([R12]) -- with their line count and net bedrag';
COMMENT ON COLUMN jeugdnorm_internal.credit_groups.gemeente IS 'gemeente of the allocation claimed against';
COMMENT ON COLUMN jeugdnorm_internal.credit_groups.toewijzingnummer IS 'toewijzingnummer of the allocation claimed against';
COMMENT ON COLUMN jeugdnorm_internal.credit_groups.begindatum IS 'begindatum of the delivery period';
COMMENT ON COLUMN jeugdnorm_internal.credit_groups.einddatum IS 'einddatum of the delivery period';
COMMENT ON COLUMN jeugdnorm_internal.credit_groups.claim_lines IS 'number of claim lines in the group';
COMMENT ON COLUMN jeugdnorm_internal.credit_groups.net IS 'sum of bedrag of the group (NULL when every bedrag is NULL); exactly 0 = a net-zero group';

CREATE OR REPLACE VIEW jeugdnorm_internal.net_zero_groups AS
SELECT g.gemeente,
       g.toewijzingnummer,
       g.begindatum,
       g.einddatum,
       g.claim_lines
  FROM jeugdnorm_internal.credit_groups g
 WHERE g.net = 0;

COMMENT ON VIEW jeugdnorm_internal.net_zero_groups IS
    'the net-zero claim groups of DEFINITIONS [R12]: (gemeente, toewijzingnummer, begindatum, einddatum) whose bedrag sums to exactly 0, whatever settings.drop_net_zero says';
COMMENT ON COLUMN jeugdnorm_internal.net_zero_groups.gemeente IS 'gemeente of the allocation claimed against';
COMMENT ON COLUMN jeugdnorm_internal.net_zero_groups.toewijzingnummer IS 'toewijzingnummer of the allocation claimed against';
COMMENT ON COLUMN jeugdnorm_internal.net_zero_groups.begindatum IS 'begindatum of the delivery period';
COMMENT ON COLUMN jeugdnorm_internal.net_zero_groups.einddatum IS 'einddatum of the delivery period';
COMMENT ON COLUMN jeugdnorm_internal.net_zero_groups.claim_lines IS 'number of claim lines in the group';

CREATE OR REPLACE VIEW jeugdnorm_internal.claim_lines AS
SELECT d.declaratie_id,
       d.gemeente,
       d.toewijzingnummer,
       d.productcategorie,
       d.productcode,
       d.begindatum,
       d.einddatum,
       d.volume,
       e.code AS eenheid,
       d.bedrag,
       e.canonical_unit AS unit,
       CASE WHEN e.code IS NOT NULL
            THEN jeugdnorm.canonical_volume(d.volume, e.code) END AS canonical_volume
  FROM jeugdnorm.declaratie d
  LEFT JOIN jeugdnorm.eenheid_codes() e ON e.code = d.eenheid
 WHERE NOT EXISTS (
        -- the net-zero groups, when they are to be dropped
        SELECT 1
          FROM jeugdnorm_internal.net_zero_groups z
         CROSS JOIN jeugdnorm_internal.settings s
         WHERE s.drop_net_zero IS TRUE
           AND z.gemeente = d.gemeente
           AND z.toewijzingnummer = d.toewijzingnummer
           AND z.begindatum = d.begindatum
           AND z.einddatum = d.einddatum);

COMMENT ON VIEW jeugdnorm_internal.claim_lines IS
    'declaratieregels (claim lines) minus the net-zero groups when settings.drop_net_zero, unit codes decoded; not yet matched to a kept allocation (jeugdnorm_internal.claims does that)';
COMMENT ON COLUMN jeugdnorm_internal.claim_lines.declaratie_id IS 'declaratie_id: surrogate key of the claim line';
COMMENT ON COLUMN jeugdnorm_internal.claim_lines.gemeente IS 'gemeente of the allocation claimed against';
COMMENT ON COLUMN jeugdnorm_internal.claim_lines.toewijzingnummer IS 'toewijzingnummer of the allocation claimed against';
COMMENT ON COLUMN jeugdnorm_internal.claim_lines.productcategorie IS 'productcategorie on the claim line';
COMMENT ON COLUMN jeugdnorm_internal.claim_lines.productcode IS 'productcode on the claim line';
COMMENT ON COLUMN jeugdnorm_internal.claim_lines.begindatum IS 'begindatum: first day of the delivery period claimed';
COMMENT ON COLUMN jeugdnorm_internal.claim_lines.einddatum IS 'einddatum: last day of the delivery period claimed';
COMMENT ON COLUMN jeugdnorm_internal.claim_lines.volume IS 'volume as claimed, in eenheid (negative on a credit line)';
COMMENT ON COLUMN jeugdnorm_internal.claim_lines.eenheid IS 'eenheid: WJ756 unit code; NULL when not a known code';
COMMENT ON COLUMN jeugdnorm_internal.claim_lines.bedrag IS 'bedrag: amount in euros (negative on a credit line)';
COMMENT ON COLUMN jeugdnorm_internal.claim_lines.unit IS 'canonical unit of eenheid; NULL when unknown';
COMMENT ON COLUMN jeugdnorm_internal.claim_lines.canonical_volume IS 'volume in the canonical unit (jeugdnorm.canonical_volume); NULL when the unit is unknown';

CREATE OR REPLACE VIEW jeugdnorm_internal.claims AS
SELECT d.declaratie_id,
       d.gemeente,
       d.toewijzingnummer,
       a.client_id,
       a.aanbieder,
       a.product,
       d.productcategorie AS claim_productcategorie,
       d.productcode AS claim_productcode,
       d.begindatum,
       d.einddatum,
       d.volume,
       d.eenheid,
       d.bedrag,
       d.unit,
       d.canonical_volume,
       coalesce(d.unit = a.unit, false) AS same_family,
       a.ingangsdatum AS alloc_ingangsdatum,
       a.einddatum AS alloc_einddatum,
       a.unit AS alloc_unit
  FROM jeugdnorm_internal.claim_lines d
  JOIN jeugdnorm_internal.allocations a
    ON a.gemeente = d.gemeente
   AND a.toewijzingnummer = d.toewijzingnummer;

COMMENT ON VIEW jeugdnorm_internal.claims IS
    'declaratieregels (claim lines) that count: matched to a kept allocation by (gemeente, toewijzingnummer), net-zero groups dropped when settings.drop_net_zero; client, provider and product are the allocation''s';
COMMENT ON COLUMN jeugdnorm_internal.claims.declaratie_id IS 'declaratie_id: surrogate key of the claim line';
COMMENT ON COLUMN jeugdnorm_internal.claims.gemeente IS 'gemeente of the allocation claimed against';
COMMENT ON COLUMN jeugdnorm_internal.claims.toewijzingnummer IS 'toewijzingnummer of the allocation claimed against';
COMMENT ON COLUMN jeugdnorm_internal.claims.client_id IS 'client_id of the allocation (not the claim''s own)';
COMMENT ON COLUMN jeugdnorm_internal.claims.aanbieder IS 'aanbieder of the allocation (not the claim''s own)';
COMMENT ON COLUMN jeugdnorm_internal.claims.product IS 'product of the allocation';
COMMENT ON COLUMN jeugdnorm_internal.claims.claim_productcategorie IS 'productcategorie on the claim line itself';
COMMENT ON COLUMN jeugdnorm_internal.claims.claim_productcode IS 'productcode on the claim line itself (real codes under an aspecifiek allocation)';
COMMENT ON COLUMN jeugdnorm_internal.claims.begindatum IS 'begindatum: first day of the delivery period claimed';
COMMENT ON COLUMN jeugdnorm_internal.claims.einddatum IS 'einddatum: last day of the delivery period claimed';
COMMENT ON COLUMN jeugdnorm_internal.claims.volume IS 'volume as claimed, in eenheid (negative on a credit line)';
COMMENT ON COLUMN jeugdnorm_internal.claims.eenheid IS 'eenheid: WJ756 unit code; NULL when not a known code';
COMMENT ON COLUMN jeugdnorm_internal.claims.bedrag IS 'bedrag: amount in euros (negative on a credit line)';
COMMENT ON COLUMN jeugdnorm_internal.claims.unit IS 'canonical unit of the claim''s eenheid; NULL when unknown';
COMMENT ON COLUMN jeugdnorm_internal.claims.canonical_volume IS 'volume in the canonical unit (jeugdnorm.canonical_volume); NULL when the unit is unknown';
COMMENT ON COLUMN jeugdnorm_internal.claims.same_family IS 'true when the claim''s canonical unit equals its allocation''s (both known)';
COMMENT ON COLUMN jeugdnorm_internal.claims.alloc_ingangsdatum IS 'ingangsdatum of the allocation';
COMMENT ON COLUMN jeugdnorm_internal.claims.alloc_einddatum IS 'einddatum of the allocation';
COMMENT ON COLUMN jeugdnorm_internal.claims.alloc_unit IS 'canonical unit of the allocation';
-- ---------------------------------------------------------------------------
-- 32_requests.sql (new in 0.2.0) -- the cleaned requests (layer 2 of
-- ARCHITECTURE.md): jeugdnorm_internal.requests, one row per request
-- (jeugdnorm.verzoek), with every rule of DEFINITIONS.md [S3] applied once.
-- The contract views request_lead_time and waiting_list (64_requests.sql)
-- only count and aggregate its columns; they decide nothing themselves.
--
-- Rules, each in one place:
--   product       coalesce(productcode, productcategorie), mapped with the
--                 request's own aanbieder on ontvangen by
--                 jeugdnorm_internal.mapped_product() ([S2], 30_cleaned.sql);
--                 productgroep from jeugdnorm.product by the request's own
--                 codes (as for allocations), for the norm fallback.
--   codes         an unknown eenheid / frequentie / antwoord / reden_afwijzing
--                 (which the CHECKs keep out of the table, but a replacing
--                 view could deliver) reads as NULL ([R13], [S1]).
--   linked allocation   the kept allocation (jeugdnorm_internal.allocations:
--                 '13' and the age filter applied) with the request's
--                 (gemeente, toewijzingnummer); none when not kept or absent.
--   answer_date   the linked allocation's toewijzingsdatum, else antwoord_datum.
--   status        on the peildatum: antwoord ('toegewezen' / 'afgewezen')
--                 when the answer date is NULL or <= peildatum; else 'open'
--                 (no antwoord, or an answer dated after the peildatum).
--   days          answer_date - ontvangen for an answered request with an
--                 answer date; NULL otherwise (so an answer after the
--                 peildatum never counts in the lead times).
--   within_target days <= settings.lead_time_target_days (default 56).
--   waiting       open on the peildatum and received on or before it;
--                 days_waiting = peildatum - ontvangen.
--   in_window, year   ontvangen in [window_start, peildatum]; year(ontvangen).
--   volumes       canonical (jeugdnorm.canonical_volume: minute/60, dagdeel
--                 x 4); the requested total is the canonical volume of a
--                 frequentie '6' request only (the others have no period).
--   per week      canonical volume x per_week_num / per_week_den: per dag
--                 x 7, per week x 1, per maand x 12 x 7 / 365.25, totaal x 7 /
--                 days of the allocation; a 'totaal' request has none.
--   norm          [R9] on ontvangen, the lookup of mv_care_paths (40_paths.sql,
--                 frozen with 0.1.0, so it cannot call a shared function)
--                 applied to the request's product, productgroep and
--                 ontvangen; written inline in the view, not in a function:
--                 a table read through an inlined function is checked
--                 against the querying role, and BI readers have no
--                 privilege on jeugdnorm.norm.  test/view_requests.sql
--                 checks that both choose the same norm row.
--   above_norm    requested total strictly above that norm's max_volume.
--   stretched     answered, and the linked allocation's volume per week is
--                 strictly above the request's, both canonical, same unit
--                 family; compared exactly: a/b > c/d as a x d > c x b, with
--                 the canonical conversion applied to 60 x the cross product
--                 (canonical_volume multiplies by the unit's factor numerator
--                 and divides by its denominator, 60 for minutes, so
--                 60 x anything divides exactly and the conversion, being
--                 linear, commutes with the cross-multiplication).
-- Boolean flags are never NULL (an unknown comparison is false), so the
-- views can count them with FILTER.
--
-- Plain views, evaluated when read: requests are few compared with claim
-- lines, and a settings change (peildatum, lead_time_target_days) then
-- takes effect at once, without refresh().
-- ---------------------------------------------------------------------------

-- ---- volume per week -----------------------------------------------------------
-- The [S3] reading of "volume per week" for a frequentie code, shared by the
-- request and its allocation, as an exact fraction num / den of the volume:
--   1 per dag 7/1, 2 per week 1/1, 4 per maand 12 x 7 / 365.25 = 336/1461,
--   6 totaal binnen geldigheidsduur 7/days (days = the allocation's
--   einddatum - ingangsdatum + 1).
-- NULL days (an open allocation; a request, which has no period) gives NULL
-- for '6'; an unknown or NULL code gives NULL.  Two functions, not one
-- quotient, so that two rates can be compared exactly by cross-multiplying
-- (a rate in minutes per dag and the same rate in minutes per week must
-- compare equal, which rounded quotients do not guarantee); see stretched.
CREATE FUNCTION jeugdnorm_internal.per_week_num(frequentie text, days integer)
    RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE frequentie
           WHEN '1' THEN 7
           WHEN '2' THEN 1
           WHEN '4' THEN 336
           WHEN '6' THEN CASE WHEN days IS NOT NULL THEN 7 END
       END;
COMMENT ON FUNCTION jeugdnorm_internal.per_week_num(text, integer) IS
    'numerator of the factor from a volume per frequentie (WJ757) to a volume per week: 1 per dag 7, 2 per week 1, 4 per maand 336 (/1461), 6 totaal 7 (/days; NULL days: NULL); other codes NULL ([S3])';

CREATE FUNCTION jeugdnorm_internal.per_week_den(frequentie text, days integer)
    RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE frequentie
           WHEN '1' THEN 1
           WHEN '2' THEN 1
           WHEN '4' THEN 1461
           WHEN '6' THEN days
       END;
COMMENT ON FUNCTION jeugdnorm_internal.per_week_den(text, integer) IS
    'denominator of the factor from a volume per frequentie (WJ757) to a volume per week: 1, 1, 1461 (per maand: 12 x 7 / 365.25 = 336/1461), days (totaal); other codes NULL ([S3])';

-- ---- requests ---------------------------------------------------------------------

CREATE VIEW jeugdnorm_internal.requests AS
SELECT q.gemeente,
       q.verzoeknummer,
       q.client_id,
       q.aanbieder,
       q.productcategorie,
       q.productcode,
       q.own_product,
       q.product,
       q.productgroep,
       q.ontvangen,
       q.gewenste_ingangsdatum,
       q.volume,
       q.eenheid,
       q.frequentie,
       q.unit,
       q.canonical_volume,
       q.antwoord,
       q.antwoord_datum,
       q.reden_afwijzing,
       q.toewijzingnummer,
       q.linked,
       q.alloc_toewijzingsdatum,
       q.alloc_ingangsdatum,
       q.alloc_einddatum,
       q.alloc_frequentie,
       q.alloc_unit,
       q.alloc_canonical_volume,
       q.answer_date,
       q.status,
       q.status <> 'open' AS answered,
       q.days,
       coalesce(q.days <= q.lead_time_target_days, false) AS within_target,
       (q.status = 'open' AND q.ontvangen <= q.peildatum) AS waiting,
       CASE WHEN q.status = 'open' AND q.ontvangen <= q.peildatum
            THEN q.peildatum - q.ontvangen END AS days_waiting,
       q.in_window,
       q.year,
       q.requested_volume,
       q.norm_id,
       q.norm_volume,
       coalesce(q.requested_volume > q.norm_volume, false) AS above_norm,
       q.volume_per_week,
       q.alloc_volume_per_week,
       coalesce(q.status <> 'open'
                AND q.alloc_unit = q.unit
                AND jeugdnorm.canonical_volume(60 * q.alloc_volume * q.alloc_week_num * q.week_den,
                                               q.alloc_eenheid)
                    > jeugdnorm.canonical_volume(60 * q.volume * q.week_num * q.alloc_week_den,
                                                 q.eenheid), false) AS stretched
  FROM (SELECT r.*,
               CASE WHEN r.antwoord IS NOT NULL
                     AND (r.answer_date IS NULL OR r.answer_date <= r.peildatum)
                    THEN r.antwoord ELSE 'open' END AS status,
               CASE WHEN r.antwoord IS NOT NULL
                     AND r.answer_date <= r.peildatum
                    THEN r.answer_date - r.ontvangen END AS days,
               CASE WHEN r.frequentie = '6' THEN r.canonical_volume END AS requested_volume,
               r.canonical_volume * r.week_num / r.week_den AS volume_per_week,
               r.alloc_canonical_volume * r.alloc_week_num / r.alloc_week_den AS alloc_volume_per_week
          FROM (SELECT w.*,
                       jeugdnorm_internal.per_week_num(w.frequentie, NULL) AS week_num,
                       jeugdnorm_internal.per_week_den(w.frequentie, NULL) AS week_den,
                       jeugdnorm_internal.per_week_num(w.alloc_frequentie, w.alloc_days) AS alloc_week_num,
                       jeugdnorm_internal.per_week_den(w.alloc_frequentie, w.alloc_days) AS alloc_week_den
                  FROM (SELECT v.gemeente,
                               v.verzoeknummer,
                               v.client_id,
                               v.aanbieder,
                               v.productcategorie,
                               v.productcode,
                               coalesce(v.productcode, v.productcategorie) AS own_product,
                               mp.product,
                               p.productgroep,
                               v.ontvangen,
                               v.gewenste_ingangsdatum,
                               v.volume,
                               e.code AS eenheid,
                               CASE WHEN jeugdnorm.is_frequentie(v.frequentie) THEN v.frequentie END AS frequentie,
                               e.canonical_unit AS unit,
                               CASE WHEN e.code IS NOT NULL
                                    THEN jeugdnorm.canonical_volume(v.volume, e.code) END AS canonical_volume,
                               CASE WHEN v.antwoord IN ('toegewezen', 'afgewezen') THEN v.antwoord END AS antwoord,
                               v.antwoord_datum,
                               CASE WHEN jeugdnorm.is_reden_afwijzing(v.reden_afwijzing)
                                    THEN v.reden_afwijzing END AS reden_afwijzing,
                               v.toewijzingnummer,
                               a.toewijzingnummer IS NOT NULL AS linked,
                               a.toewijzingsdatum AS alloc_toewijzingsdatum,
                               a.ingangsdatum AS alloc_ingangsdatum,
                               a.einddatum AS alloc_einddatum,
                               a.frequentie AS alloc_frequentie,
                               a.einddatum - a.ingangsdatum + 1 AS alloc_days,
                               a.volume AS alloc_volume,
                               a.eenheid AS alloc_eenheid,
                               a.unit AS alloc_unit,
                               CASE WHEN a.eenheid IS NOT NULL
                                    THEN jeugdnorm.canonical_volume(a.volume, a.eenheid) END AS alloc_canonical_volume,
                               coalesce(a.toewijzingsdatum, v.antwoord_datum) AS answer_date,
                               (v.ontvangen >= s.window_start AND v.ontvangen <= s.peildatum) AS in_window,
                               pg_catalog.date_part('year', v.ontvangen)::integer AS year,
                               n.norm_id,
                               n.max_volume AS norm_volume,
                               s.peildatum,
                               s.lead_time_target_days
                          FROM jeugdnorm.verzoek v
                         CROSS JOIN jeugdnorm_internal.settings s
                         CROSS JOIN LATERAL jeugdnorm_internal.mapped_product(v.productcategorie, v.productcode,
                                                                              v.aanbieder, v.ontvangen) mp
                          LEFT JOIN jeugdnorm.eenheid_codes() e
                                 ON e.code = v.eenheid
                          LEFT JOIN jeugdnorm.product p
                                 ON p.productcategorie = v.productcategorie
                                AND p.productcode = v.productcode
                          LEFT JOIN jeugdnorm_internal.allocations a
                                 ON a.gemeente = v.gemeente
                                AND a.toewijzingnummer = v.toewijzingnummer
                          LEFT JOIN LATERAL (
                                -- [R9] on ontvangen: the same lookup, in the same order, as
                                -- mv_care_paths does for a path's start (40_paths.sql); the
                                -- rows for the product win over those for its productgroep;
                                -- among versions valid on the day the latest geldig_van wins;
                                -- a NULL geldig_van never matches; the row is taken whole.
                                SELECT nm.norm_id, nm.max_volume
                                  FROM jeugdnorm.norm nm
                                 WHERE (nm.productcode = mp.product OR nm.productcode = p.productgroep)
                                   AND nm.geldig_van <= v.ontvangen
                                   AND v.ontvangen <= coalesce(nm.geldig_tot, 'infinity'::date)
                                 ORDER BY (nm.productcode = mp.product) DESC, nm.geldig_van DESC, nm.norm_id
                                 LIMIT 1
                               ) n ON true) w) r) q;

COMMENT ON VIEW jeugdnorm_internal.requests IS
    'verzoeken (requests for an allocation, JW315) with every [S3] rule applied once: mapped product, linked kept allocation, answer date, status on the peildatum, days, canonical and per-week volumes, the norm valid on ontvangen; read by request_lead_time and waiting_list';
COMMENT ON COLUMN jeugdnorm_internal.requests.gemeente IS 'gemeente: CBS municipality code';
COMMENT ON COLUMN jeugdnorm_internal.requests.verzoeknummer IS 'verzoeknummer: request number, unique within a gemeente';
COMMENT ON COLUMN jeugdnorm_internal.requests.client_id IS 'client_id: pseudonymised client key';
COMMENT ON COLUMN jeugdnorm_internal.requests.aanbieder IS 'aanbieder: AGB code of the requesting provider';
COMMENT ON COLUMN jeugdnorm_internal.requests.productcategorie IS 'productcategorie: requested iJw product category';
COMMENT ON COLUMN jeugdnorm_internal.requests.productcode IS 'productcode: requested iJw product code; NULL = aspecifiek';
COMMENT ON COLUMN jeugdnorm_internal.requests.own_product IS 'coalesce(productcode, productcategorie), before product mapping';
COMMENT ON COLUMN jeugdnorm_internal.requests.product IS 'product: own_product mapped with the request''s aanbieder on ontvangen ([S2], jeugdnorm_internal.mapped_product)';
COMMENT ON COLUMN jeugdnorm_internal.requests.productgroep IS 'productgroep from jeugdnorm.product by the request''s own codes; NULL when not in the catalogue';
COMMENT ON COLUMN jeugdnorm_internal.requests.ontvangen IS 'ontvangen: the day the gemeente received the request';
COMMENT ON COLUMN jeugdnorm_internal.requests.gewenste_ingangsdatum IS 'gewenste ingangsdatum: requested first day of care';
COMMENT ON COLUMN jeugdnorm_internal.requests.volume IS 'volume: requested amount per frequentie, in eenheid';
COMMENT ON COLUMN jeugdnorm_internal.requests.eenheid IS 'eenheid: WJ756 unit code; NULL when not a known code';
COMMENT ON COLUMN jeugdnorm_internal.requests.frequentie IS 'frequentie: WJ757 frequency code; NULL when not a known code';
COMMENT ON COLUMN jeugdnorm_internal.requests.unit IS 'canonical unit of eenheid (uur, etmaal, stuks, euro); NULL when unknown';
COMMENT ON COLUMN jeugdnorm_internal.requests.canonical_volume IS 'volume in the canonical unit (jeugdnorm.canonical_volume), per frequentie';
COMMENT ON COLUMN jeugdnorm_internal.requests.antwoord IS 'antwoord: ''toegewezen'', ''afgewezen'' or NULL (not answered; also an unknown value)';
COMMENT ON COLUMN jeugdnorm_internal.requests.antwoord_datum IS 'antwoord datum as delivered';
COMMENT ON COLUMN jeugdnorm_internal.requests.reden_afwijzing IS 'reden afwijzing: WJ759 code; NULL when not a known code';
COMMENT ON COLUMN jeugdnorm_internal.requests.toewijzingnummer IS 'toewijzingnummer the request led to, as delivered';
COMMENT ON COLUMN jeugdnorm_internal.requests.linked IS 'true when a kept allocation has the request''s (gemeente, toewijzingnummer)';
COMMENT ON COLUMN jeugdnorm_internal.requests.alloc_toewijzingsdatum IS 'toewijzingsdatum of the linked allocation';
COMMENT ON COLUMN jeugdnorm_internal.requests.alloc_ingangsdatum IS 'ingangsdatum of the linked allocation';
COMMENT ON COLUMN jeugdnorm_internal.requests.alloc_einddatum IS 'einddatum of the linked allocation; NULL = open';
COMMENT ON COLUMN jeugdnorm_internal.requests.alloc_frequentie IS 'frequentie of the linked allocation; NULL when unknown';
COMMENT ON COLUMN jeugdnorm_internal.requests.alloc_unit IS 'canonical unit of the linked allocation; NULL when unknown';
COMMENT ON COLUMN jeugdnorm_internal.requests.alloc_canonical_volume IS 'volume of the linked allocation in its canonical unit, per its frequentie';
COMMENT ON COLUMN jeugdnorm_internal.requests.answer_date IS 'answer date: the linked allocation''s toewijzingsdatum, else antwoord_datum';
COMMENT ON COLUMN jeugdnorm_internal.requests.status IS 'status on the peildatum: ''toegewezen'' / ''afgewezen'' when antwoord says so and the answer date is NULL or <= peildatum, else ''open''';
COMMENT ON COLUMN jeugdnorm_internal.requests.answered IS 'status is not ''open''';
COMMENT ON COLUMN jeugdnorm_internal.requests.days IS 'days from ontvangen to the answer date, for answered requests with an answer date; NULL otherwise';
COMMENT ON COLUMN jeugdnorm_internal.requests.within_target IS 'days <= settings.lead_time_target_days';
COMMENT ON COLUMN jeugdnorm_internal.requests.waiting IS 'open on the peildatum and received on or before it (the waiting list)';
COMMENT ON COLUMN jeugdnorm_internal.requests.days_waiting IS 'peildatum - ontvangen for a waiting request; NULL otherwise';
COMMENT ON COLUMN jeugdnorm_internal.requests.in_window IS 'ontvangen lies in [window_start, peildatum]';
COMMENT ON COLUMN jeugdnorm_internal.requests.year IS 'calendar year of ontvangen';
COMMENT ON COLUMN jeugdnorm_internal.requests.requested_volume IS 'requested volume over the requested period, canonical: only for frequentie 6 (totaal); NULL otherwise';
COMMENT ON COLUMN jeugdnorm_internal.requests.norm_id IS 'jeugdnorm.norm row valid on ontvangen by [R9]; NULL when none';
COMMENT ON COLUMN jeugdnorm_internal.requests.norm_volume IS 'max_volume of that norm row; NULL = no volume norm';
COMMENT ON COLUMN jeugdnorm_internal.requests.above_norm IS 'requested_volume strictly above norm_volume';
COMMENT ON COLUMN jeugdnorm_internal.requests.volume_per_week IS 'requested volume per week, canonical; NULL for a totaal request';
COMMENT ON COLUMN jeugdnorm_internal.requests.alloc_volume_per_week IS 'the linked allocation''s volume per week, canonical (totaal: x 7 / its days; open totaal: NULL)';
COMMENT ON COLUMN jeugdnorm_internal.requests.stretched IS 'answered, and the linked allocation''s volume per week is strictly above the request''s, same unit family';
-- 55_flow.sql: top care paths per productgroep and the flow (in care at start,
-- instroom, uitstroom, in care at end) per productgroep and quarter.
-- DEFINITIONS.md 3 (flow), 6, 7 [R7], 8.
--
-- Both read the paths per (client_id, productgroep) across providers, with
-- labels coalesce(variant, product), from jeugdnorm_internal.mv_group_paths;
-- the paths, their labels and `in_window` are built there, once.
--
-- The flow rules (which quarters; when a path is in care at the start,
-- instroom, uitstroom, in care at the end) live in two functions here,
-- jeugdnorm_internal.flow_quarters() and flow_path_quarters(); every flow
-- view (flow; flow_by_wijk and flow_by_kader in 56_steering_paths.sql)
-- counts with them, so their figures add up to each other by construction.
--
-- Re-runnable (0.2.0): the upgrade script from 0.1.0 runs this file again
-- over the 0.1.0 objects, so every statement is CREATE OR REPLACE; the views
-- keep their columns (names, types, order) and their results.
--
-- Tenancy: both count only the group paths whose gemeente (the path's first
-- allocation's) the caller may see (jeugdnorm.access, 45_path_views.sql);
-- flow lists only the productgroepen of those paths.

-- flow rules [R7], section 3 ---------------------------------------------------
--
-- The window comes in as arguments: the calling view reads
-- jeugdnorm_internal.settings itself.  A function's body runs with the
-- privileges of the role that queries the view (inlined or not), and
-- readers have no privileges on jeugdnorm_internal; the view's own
-- references are checked against its owner.  So these functions read no
-- relation at all: IMMUTABLE, and the planner inlines them (SQL-standard
-- body, a single SELECT, not STRICT) into a join of paths and quarters.
--
-- flow_quarters(window_start, peildatum): the calendar quarters lying
-- entirely inside [window_start, peildatum], in order.  None when the
-- window holds no whole quarter.
CREATE OR REPLACE FUNCTION jeugdnorm_internal.flow_quarters(window_start date, peildatum date)
RETURNS TABLE (period_start date, period_end date)
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
BEGIN ATOMIC
    SELECT q.period_start, q.period_end
      FROM (SELECT t.t::date AS period_start,
                   (t.t + interval '3 months')::date - 1 AS period_end
              FROM pg_catalog.generate_series(
                        pg_catalog.date_trunc('quarter', flow_quarters.window_start::timestamp),
                        flow_quarters.peildatum::timestamp,
                        interval '3 months') AS t (t)) AS q
     WHERE q.period_start >= flow_quarters.window_start
       AND q.period_end <= flow_quarters.peildatum
     ORDER BY q.period_start;
END;

COMMENT ON FUNCTION jeugdnorm_internal.flow_quarters(date, date) IS
    'the quarters of every flow view: calendar quarters lying entirely inside [window_start, peildatum], in order ([R7]); the caller passes the settings';

-- flow_path_quarters(start, einde, window_start, peildatum): the quarters of
-- flow_quarters() in which one path counts, with its 0/1 contribution to
-- each figure (section 3):
--   in_care_start = start < p_start and (einde >= p_start or open)
--   instroom      = p_start <= start <= p_end
--   uitstroom     = p_start <= einde <= p_end
--   in_care_end   = start <= p_end and (einde > p_end or open)
-- A path counted in any of the four overlaps the quarter (start <= p_end and
-- einde >= p_start or open), so only the overlapped quarters are rows; the
-- other quarters would be all zero.  Summed per quarter over a set of paths
-- these are that set's flow figures.
CREATE OR REPLACE FUNCTION jeugdnorm_internal.flow_path_quarters(
        path_start date, path_einde date, window_start date, peildatum date)
RETURNS TABLE (period_start date, in_care_start integer, instroom integer, uitstroom integer, in_care_end integer)
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
BEGIN ATOMIC
    SELECT q.period_start,
           CASE WHEN flow_path_quarters.path_start < q.period_start THEN 1 ELSE 0 END,
           CASE WHEN flow_path_quarters.path_start >= q.period_start THEN 1 ELSE 0 END,
           CASE WHEN flow_path_quarters.path_einde <= q.period_end THEN 1 ELSE 0 END,
           CASE WHEN flow_path_quarters.path_einde IS NULL
                  OR flow_path_quarters.path_einde > q.period_end THEN 1 ELSE 0 END
      FROM jeugdnorm_internal.flow_quarters(flow_path_quarters.window_start,
                                            flow_path_quarters.peildatum) AS q
     WHERE flow_path_quarters.path_start <= q.period_end
       AND (flow_path_quarters.path_einde IS NULL
            OR flow_path_quarters.path_einde >= q.period_start);
END;

COMMENT ON FUNCTION jeugdnorm_internal.flow_path_quarters(date, date, date, date) IS
    'the flow rules of section 3 for one path (start, einde; einde NULL = open) in the window [window_start, peildatum]: one row per quarter of flow_quarters() the path overlaps, with its 0/1 in_care_start, instroom, uitstroom, in_care_end; sum them per quarter over a set of paths';

-- top_paths [R7] --------------------------------------------------------------
--
-- Paths that start inside [window_start, peildatum], completed or not, counted
-- per (productgroep, label).  share = paths / all counted paths of the
-- productgroep; rank = rank() by paths descending (ties share a rank, gaps
-- after).  The NULL productgroep (products not in the catalogue) is a group of
-- its own; a NULL label (only possible when every label of a path is NULL) is
-- a row of its own too.  Ordered by productgroep, rank, label: the grain in
-- "top" order.
CREATE OR REPLACE VIEW jeugdnorm.top_paths AS
WITH counted AS (
    SELECT g.productgroep,
           g.path,
           pg_catalog.count(*) AS paths,
           pg_catalog.count(*) FILTER (WHERE g.completed) AS completed_paths,
           pg_catalog.count(DISTINCT g.client_id) AS clients
      FROM jeugdnorm_internal.mv_group_paths AS g
     WHERE g.in_window
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR g.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
     GROUP BY g.productgroep, g.path
)
SELECT productgroep,
       path,
       paths::bigint AS paths,
       (paths::numeric
        / pg_catalog.sum(paths) OVER (PARTITION BY productgroep))::numeric(18,6) AS share,
       (pg_catalog.rank() OVER (PARTITION BY productgroep ORDER BY paths DESC))::integer AS rank,
       completed_paths::bigint AS completed_paths,
       clients::bigint AS clients
  FROM counted
 ORDER BY productgroep, rank, path;

COMMENT ON VIEW jeugdnorm.top_paths IS
    'Meest voorkomende zorgpaden: care paths per (client_id, productgroep) across providers that start inside [window_start, peildatum], counted per path label (variants, else products, in start order) [R7].';
COMMENT ON COLUMN jeugdnorm.top_paths.productgroep IS
    'Productgroep: product group the paths are built in; NULL for products not in the service catalogue.';
COMMENT ON COLUMN jeugdnorm.top_paths.path IS
    'Zorgpad: path label, the variants (else products) of its allocations in start order, consecutive equal ones collapsed, joined by '' > ''.';
COMMENT ON COLUMN jeugdnorm.top_paths.paths IS
    'Zorgtrajecten: number of paths with this label that start inside the window, completed or not.';
COMMENT ON COLUMN jeugdnorm.top_paths.share IS
    'Aandeel: paths / all counted paths of the productgroep (fraction 0..1, 6 decimals).';
COMMENT ON COLUMN jeugdnorm.top_paths.rank IS
    'Rang: rank() by paths descending within the productgroep; ties share a rank, with gaps after.';
COMMENT ON COLUMN jeugdnorm.top_paths.completed_paths IS
    'Afgesloten trajecten: of these paths, those completed on the peildatum (closed and no longer extendable).';
COMMENT ON COLUMN jeugdnorm.top_paths.clients IS
    'Jeugdigen: distinct clients (client_id) with a path of this label in the window.';

-- flow [R7], section 3 --------------------------------------------------------
--
-- For each quarter of flow_quarters() and each productgroep that has any
-- path (the NULL productgroep included), with zeros kept, the figures of
-- flow_path_quarters() summed over the productgroep's paths.
CREATE OR REPLACE VIEW jeugdnorm.flow AS
WITH visible AS (
    SELECT g.productgroep, g.start, g.einde
      FROM jeugdnorm_internal.mv_group_paths AS g
     WHERE (SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR g.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[])
),
groups AS (
    SELECT DISTINCT g.productgroep
      FROM visible AS g
),
counted AS (
    SELECT g.productgroep,
           f.period_start,
           pg_catalog.sum(f.in_care_start) AS in_care_start,
           pg_catalog.sum(f.instroom) AS instroom,
           pg_catalog.sum(f.uitstroom) AS uitstroom,
           pg_catalog.sum(f.in_care_end) AS in_care_end
      FROM visible AS g
     CROSS JOIN jeugdnorm_internal.settings AS s
     CROSS JOIN LATERAL jeugdnorm_internal.flow_path_quarters(g.start, g.einde, s.window_start, s.peildatum) AS f
     GROUP BY g.productgroep, f.period_start
)
SELECT gr.productgroep,
       q.period_start,
       q.period_end,
       COALESCE(c.in_care_start, 0)::bigint AS in_care_start,
       COALESCE(c.instroom, 0)::bigint AS instroom,
       COALESCE(c.uitstroom, 0)::bigint AS uitstroom,
       COALESCE(c.in_care_end, 0)::bigint AS in_care_end,
       pg_catalog.date_part('year', q.period_start)::integer AS year,
       pg_catalog.date_part('quarter', q.period_start)::integer AS quarter
  FROM groups AS gr
 CROSS JOIN jeugdnorm_internal.settings AS s
 CROSS JOIN LATERAL jeugdnorm_internal.flow_quarters(s.window_start, s.peildatum) AS q
  LEFT JOIN counted AS c
    ON c.productgroep IS NOT DISTINCT FROM gr.productgroep
   AND c.period_start = q.period_start
 ORDER BY gr.productgroep, q.period_start;

COMMENT ON VIEW jeugdnorm.flow IS
    'Instroom, doorstroom, uitstroom: care paths per (client_id, productgroep) across providers, counted per productgroep and calendar quarter lying entirely inside [window_start, peildatum]; zeros kept; in_care_start + instroom - uitstroom = in_care_end [R7].';
COMMENT ON COLUMN jeugdnorm.flow.productgroep IS
    'Productgroep: product group the paths are built in; NULL for products not in the service catalogue.';
COMMENT ON COLUMN jeugdnorm.flow.period_start IS
    'Begin periode: first day of the quarter.';
COMMENT ON COLUMN jeugdnorm.flow.period_end IS
    'Einde periode: last day of the quarter (inclusive).';
COMMENT ON COLUMN jeugdnorm.flow.in_care_start IS
    'In zorg bij begin: paths that started before period_start and had not ended before it (einde >= period_start or still open).';
COMMENT ON COLUMN jeugdnorm.flow.instroom IS
    'Instroom: paths that started inside the quarter.';
COMMENT ON COLUMN jeugdnorm.flow.uitstroom IS
    'Uitstroom: paths that ended inside the quarter.';
COMMENT ON COLUMN jeugdnorm.flow.in_care_end IS
    'In zorg bij einde: paths that started on or before period_end and end after it or are still open.';
COMMENT ON COLUMN jeugdnorm.flow.year IS
    'Jaar: calendar year of the quarter.';
COMMENT ON COLUMN jeugdnorm.flow.quarter IS
    'Kwartaal: quarter number 1..4 within the year.';
-- ---------------------------------------------------------------------------
-- 56_steering_paths.sql (new in 0.2.0) -- the section-9 views on paths
-- (DEFINITIONS.md section 9, [S1], [S4]):
--
--   ending_reasons  completed (client_id, aanbieder, product) paths ending in
--                   the window, by the CBS class of their last allocation's
--                   reden_beeindiging, per productgroep and year
--   referrals       the (client_id, productgroep) paths top_paths counts, by
--                   start year and the verwijzer of their first allocation
--   flow_by_wijk    flow per gemeente and wijk (the first allocation's
--                   postcode via jeugdnorm.wijk)
--   flow_by_kader   flow of paths per (client_id, kader, verblijf)
--
-- Where each rule lives (nothing here re-derives a rule of another layer):
--  * paths, their first allocation, completed, productgroep, in_window: the
--    path layer (40_paths.sql: mv_path_allocations, mv_care_paths,
--    mv_group_paths); the gap rule only in jeugdnorm.care_path();
--  * verwijzer, reden_beeindiging, postcode and which codes are known: the
--    cleaned allocations (jeugdnorm_internal.allocations, 30_cleaned.sql);
--  * code labels and CBS classes: the C code lists (verwijzer_codes(),
--    reden_beeindiging_codes(), reden_beeindiging_classes()); no code is
--    written here;
--  * quarters and the instroom/uitstroom rules: flow_quarters() and
--    flow_path_quarters() (55_flow.sql), shared with flow, so flow_by_wijk
--    summed over gemeente and wijk is flow, by construction;
--  * kader and verblijf of an allocation: mv_kader_paths below, once.
--
-- Materialised (refreshed by jeugdnorm.refresh(), found in the catalogue):
--   mv_care_path_endings   one row per care path: its last allocation and
--                          that allocation's reden_beeindiging
--   mv_group_path_starts   one row per group path: its first allocation's
--                          verwijzer, postcode and wijk
--   mv_kader_paths         one row per path of (client_id, kader, verblijf),
--                          built by jeugdnorm.care_path()
-- The allocation attributes are read from jeugdnorm_internal.allocations at
-- refresh time and joined on the allocation key (gemeente, toewijzingnummer):
-- the 0.1.0 materialised views cannot gain columns, and reading the cleaned
-- allocations once per refresh keeps the views themselves at path size.
-- Like the product catalogue and the norms, a change of jeugdnorm.wijk takes
-- effect at the next jeugdnorm.refresh().  Settings as in flow and
-- top_paths: completed, in_window and the paths follow the last refresh;
-- the window bounds of ending_reasons and the quarters are read when the
-- view is read.
--
-- Each materialised view has a unique index on its grain NULLS NOT DISTINCT
-- and ends in the always-NULL refresh_null column (see 40_paths.sql), so
-- REFRESH ... CONCURRENTLY works and skips its whole-row duplicate sort.
--
-- Tenancy: every view keeps the paths whose gemeente (the path's first
-- allocation's) the caller may see, like care_paths, top_paths and flow.
-- ---------------------------------------------------------------------------

-- ---- mv_care_path_endings ------------------------------------------------------
-- The last allocation of each care path ([S4]): latest einddatum, then latest
-- in contract order.  The path's einde (path_einde) is the latest einddatum
-- of its allocations (NULL while one is open), so the last allocation is the
-- one latest in contract order (contract_order is that order as one bigint)
-- among those whose einddatum is the path's einde; an open path is never
-- completed and ending_reasons never reads it.  Keyed like mv_care_paths by
-- the path's first allocation (gemeente, first_toewijzingnummer).
-- How (speed): a path of one allocation (path_allocations = 1, 275,824 of
-- the 371,351 care paths at demo scale 20) starts and ends with that
-- allocation and is read straight from its row; only the rows of longer
-- paths (221,230 of 497,054) are sorted by care_path_id, and one window
-- pass over each such path's rows finds both its first allocation
-- (first_in_path) and its last one; no self-join.  The reden is then read
-- from the cleaned allocations by a hash join on the allocation key (the
-- whole view is read once: its contract_order window keeps the planner
-- from restricting it to the keys wanted).  Demo scale 20 (497,054 kept
-- allocations), work_mem 512MB, the query alone (EXPLAIN ANALYZE, median of
-- 3): 2.5 s with the window over every row, 2.0 s now.

CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_care_path_endings AS
SELECT e.gemeente,
       e.first_toewijzingnummer,
       e.last_gemeente,
       e.last_toewijzingnummer,
       a.reden_beeindiging,
       NULL::boolean AS refresh_null
  FROM (SELECT pa.gemeente,
               pa.toewijzingnummer AS first_toewijzingnummer,
               pa.gemeente AS last_gemeente,
               pa.toewijzingnummer AS last_toewijzingnummer
          FROM jeugdnorm_internal.mv_path_allocations AS pa
         WHERE pa.path_allocations = 1
        UNION ALL
        SELECT w.gemeente, w.first_toewijzingnummer, w.last_gemeente, w.last_toewijzingnummer
          FROM (SELECT pa.gemeente AS last_gemeente,
                       pa.toewijzingnummer AS last_toewijzingnummer,
                       pa.contract_order,
                       pg_catalog.max(pa.gemeente) FILTER (WHERE pa.first_in_path) OVER p AS gemeente,
                       pg_catalog.max(pa.toewijzingnummer) FILTER (WHERE pa.first_in_path) OVER p AS first_toewijzingnummer,
                       pg_catalog.max(pa.contract_order)
                           FILTER (WHERE pa.einddatum IS NOT DISTINCT FROM pa.path_einde) OVER p AS last_order
                  FROM jeugdnorm_internal.mv_path_allocations AS pa
                 WHERE pa.path_allocations IS DISTINCT FROM 1
                WINDOW p AS (PARTITION BY pa.care_path_id)) AS w
         WHERE w.contract_order = w.last_order) AS e
  JOIN jeugdnorm_internal.allocations AS a
    ON a.gemeente = e.last_gemeente
   AND a.toewijzingnummer = e.last_toewijzingnummer;

CREATE UNIQUE INDEX mv_care_path_endings_key
    ON jeugdnorm_internal.mv_care_path_endings (gemeente, first_toewijzingnummer) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_care_path_endings IS
    'one row per care path (client_id, aanbieder, product) with its last allocation (latest einddatum, then latest in contract order) and that allocation''s reden_beeindiging, for ending_reasons; refreshed by jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm_internal.mv_care_path_endings.gemeente IS 'gemeente of the care path''s first allocation (with first_toewijzingnummer the key of mv_care_paths'' first allocation)';
COMMENT ON COLUMN jeugdnorm_internal.mv_care_path_endings.first_toewijzingnummer IS 'toewijzingnummer of the care path''s first allocation in contract order';
COMMENT ON COLUMN jeugdnorm_internal.mv_care_path_endings.last_gemeente IS 'gemeente of the care path''s last allocation';
COMMENT ON COLUMN jeugdnorm_internal.mv_care_path_endings.last_toewijzingnummer IS 'toewijzingnummer of the care path''s last allocation: latest einddatum, then latest in contract order';
COMMENT ON COLUMN jeugdnorm_internal.mv_care_path_endings.reden_beeindiging IS 'JZ588 reden beeindiging of the last allocation; NULL when missing or not a known code';
COMMENT ON COLUMN jeugdnorm_internal.mv_care_path_endings.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';

-- ---- mv_group_path_starts ------------------------------------------------------
-- The first allocation (contract order) of each (client_id, productgroep)
-- path, keyed like mv_group_paths (gemeente, first_toewijzingnummer), with
-- its verwijzer (referrals) and postcode, and the path's wijk ([S4]): the
-- jeugdnorm.wijk rows of (that postcode, the path's gemeente), the smallest
-- wijk when there are several, 'onbekend' without postcode or row.
-- How (speed): the first allocations (first_in_group_path) are read from
-- mv_path_allocations in a subquery with OFFSET 0 and hash-joined to the
-- cleaned allocations on the allocation key.  Without the fence the planner
-- (which cannot see how many allocations the age filter keeps) probed the
-- unique index of mv_path_allocations once per kept allocation, 497,054
-- times at demo scale 20.  The cleaned allocations are read whole once
-- (their contract_order window keeps the planner from restricting them to
-- the keys wanted).  Demo scale 20, work_mem 512MB, the query alone
-- (EXPLAIN ANALYZE, median of 3): 5.1 s with the index probes, 2.0 s now.

CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_group_path_starts AS
SELECT pa.gemeente,
       pa.toewijzingnummer AS first_toewijzingnummer,
       a.verwijzer,
       a.postcode,
       coalesce(w.wijk, 'onbekend') AS wijk,
       NULL::boolean AS refresh_null
  FROM (SELECT f.gemeente, f.toewijzingnummer
          FROM jeugdnorm_internal.mv_path_allocations AS f
         WHERE f.first_in_group_path
        OFFSET 0) AS pa
  JOIN jeugdnorm_internal.allocations AS a
    ON a.gemeente = pa.gemeente
   AND a.toewijzingnummer = pa.toewijzingnummer
  LEFT JOIN (SELECT wk.gemeente, wk.postcode, pg_catalog.min(wk.wijk) AS wijk
               FROM jeugdnorm.wijk AS wk
              GROUP BY wk.gemeente, wk.postcode) AS w
    ON w.gemeente = pa.gemeente
   AND w.postcode = a.postcode;

CREATE UNIQUE INDEX mv_group_path_starts_key
    ON jeugdnorm_internal.mv_group_path_starts (gemeente, first_toewijzingnummer) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_group_path_starts IS
    'one row per (client_id, productgroep) path with its first allocation''s verwijzer and postcode and the path''s wijk, for referrals and flow_by_wijk; refreshed by jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_path_starts.gemeente IS 'gemeente of the path''s first allocation (the path''s gemeente; with first_toewijzingnummer the key of mv_group_paths'' first allocation)';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_path_starts.first_toewijzingnummer IS 'toewijzingnummer of the path''s first allocation in contract order';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_path_starts.verwijzer IS 'COD327 verwijzer code of the first allocation; NULL when missing or not a known code';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_path_starts.postcode IS '4-digit postcode of the first allocation; NULL when missing';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_path_starts.wijk IS 'wijk of (postcode, gemeente) in jeugdnorm.wijk, the smallest when several; ''onbekend'' when none';
COMMENT ON COLUMN jeugdnorm_internal.mv_group_path_starts.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';

-- ---- mv_kader_paths ------------------------------------------------------------
-- Paths per (client_id, kader, verblijf) across providers and products
-- ([S4]), built by jeugdnorm.care_path() with path_gap_days, the same way as
-- the group paths of mv_path_allocations: the aggregate as a window over the
-- whole group in contract order; a path's first allocation in contract
-- order gives its gemeente.  No labels are needed (NULL).
-- kader and verblijf of an allocation, from its own codes (THE one place):
--   kader   'gedwongen' for productcategorie '47' (jeugdreclassering) and
--           '48' (jeugdbescherming), else 'vrijwillig';
--   verblijf productcategorie '43' or '44', or the catalogue's
--           financieringsvorm 'plek' of its own productcode; an aspecifiek
--           allocation (productcode NULL) by its category only.
-- Which allocation is a path's first: a path starts on the earliest
-- ingangsdatum of its allocations (care_path(): start), the paths of a
-- group are disjoint (so no two start on the same day), and the contract
-- order sorts by ingangsdatum first.  So the path's first allocation in
-- contract order is the group's first allocation, in contract order, whose
-- ingangsdatum is that start: the row whose ingangsdatum differs from the
-- previous row's of its group (lag()) and equals the start of one of the
-- group's paths.
-- How (speed): one sort of mv_path_allocations by (group, contract_order)
-- and one window pass computing care_path() over the whole group and lag()
-- (which ignores the frame) together; a group with one path (most) takes
-- paths[1] without unnesting, only the rows of groups with several paths
-- search their group's array (a scalar subquery, OFFSET 0 so it runs once
-- per row).  No second sort and no row_number() window per path.  Demo
-- scale 20, work_mem 512MB, the query alone (EXPLAIN ANALYZE, median of 3):
-- 2.9 s with an unnest per row and then an incremental sort and
-- row_number() per path, 1.9 s now.

CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_kader_paths AS
SELECT v.client_id,
       v.kader,
       v.verblijf,
       (v.path).path_no,
       v.gemeente,
       (v.path).start,
       (v.path).einde,
       (v.path).allocations::bigint AS allocations,
       (v.path).days,
       v.toewijzingnummer AS first_toewijzingnummer,
       NULL::boolean AS refresh_null
  FROM (SELECT w.client_id, w.kader, w.verblijf, w.gemeente, w.toewijzingnummer, w.ingangsdatum,
               CASE WHEN pg_catalog.cardinality(w.paths) = 1 THEN w.paths[1]
                    ELSE (SELECT c
                            FROM pg_catalog.unnest(w.paths) AS c
                           WHERE c.start = w.ingangsdatum)
               END AS path
          FROM (SELECT x.client_id, x.gemeente, x.toewijzingnummer, x.ingangsdatum,
                       x.kader, x.verblijf,
                       jeugdnorm.care_path(x.ingangsdatum, x.einddatum, NULL::text, s.path_gap_days)
                           OVER g AS paths,
                       pg_catalog.lag(x.ingangsdatum) OVER g AS previous_ingangsdatum
                  FROM (SELECT pa.client_id, pa.gemeente, pa.toewijzingnummer, pa.ingangsdatum,
                               pa.einddatum, pa.contract_order,
                               CASE WHEN pa.productcategorie IN ('47', '48')
                                    THEN 'gedwongen' ELSE 'vrijwillig' END AS kader,
                               coalesce(pa.productcategorie IN ('43', '44'), false)
                               OR (pa.productcode IS NOT NULL
                                   AND coalesce(pa.financieringsvorm = 'plek', false)) AS verblijf
                          FROM jeugdnorm_internal.mv_path_allocations AS pa) AS x
                 CROSS JOIN jeugdnorm_internal.settings AS s
                WINDOW g AS (PARTITION BY x.client_id COLLATE "C", x.kader COLLATE "C", x.verblijf
                             ORDER BY x.contract_order
                             ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) AS w
         WHERE w.previous_ingangsdatum IS DISTINCT FROM w.ingangsdatum
        OFFSET 0) AS v
 WHERE (v.path).start = v.ingangsdatum;

CREATE UNIQUE INDEX mv_kader_paths_key
    ON jeugdnorm_internal.mv_kader_paths (client_id, kader, verblijf, path_no) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_kader_paths IS
    'care paths per (client_id, kader, verblijf) across providers and products, built by jeugdnorm.care_path() (gap <= path_gap_days), for flow_by_kader; refreshed by jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.client_id IS 'client_id: pseudonymised client key';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.kader IS '''gedwongen'' (productcategorie 47 jeugdreclassering, 48 jeugdbescherming) or ''vrijwillig''';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.verblijf IS 'true for productcategorie 43 or 44, or a productcode with financieringsvorm ''plek''';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.path_no IS 'path number within (client_id, kader, verblijf), in start order';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.gemeente IS 'gemeente of the path''s first allocation in contract order';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.start IS 'first day of the path';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.einde IS 'last day of the path; NULL while open';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.allocations IS 'allocations in the path';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.days IS 'einde - start + 1; NULL while open';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.first_toewijzingnummer IS 'toewijzingnummer of the path''s first allocation (with gemeente its key)';
COMMENT ON COLUMN jeugdnorm_internal.mv_kader_paths.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';

-- ---- ending_reasons [S4] ---------------------------------------------------------
-- Completed care paths (completed as mv_care_paths decides) whose einde lies
-- in [window_start, peildatum], per (productgroep of the path, year(einde))
-- and the CBS class of the last allocation's reden_beeindiging: the class of
-- reden_beeindiging_codes(), 'onbekend' without a (known) code.  reason_code
-- and the order of the classes come from reden_beeindiging_classes().
-- share = paths / paths of the (productgroep, year).  Only non-empty rows.

CREATE VIEW jeugdnorm.ending_reasons AS
WITH ended AS (
    SELECT c.productgroep,
           pg_catalog.date_part('year', c.einde)::integer AS year,
           coalesce(r.reason, 'onbekend') AS reason
      FROM jeugdnorm_internal.mv_care_paths AS c
     CROSS JOIN jeugdnorm_internal.settings AS s
      JOIN jeugdnorm_internal.mv_care_path_endings AS e
        ON e.gemeente = c.gemeente
       AND e.first_toewijzingnummer = c.first_toewijzingnummer
      LEFT JOIN jeugdnorm.reden_beeindiging_codes() AS r
        ON r.code = e.reden_beeindiging
     WHERE c.completed
       AND c.einde >= s.window_start
       AND c.einde <= s.peildatum
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR c.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
),
counted AS (
    SELECT d.productgroep, d.year, d.reason, pg_catalog.count(*) AS paths
      FROM ended AS d
     GROUP BY d.productgroep, d.year, d.reason
)
SELECT c.productgroep,
       c.year,
       c.reason,
       k.reason_code,
       c.paths::bigint AS paths,
       (c.paths::numeric
        / pg_catalog.sum(c.paths) OVER (PARTITION BY c.productgroep, c.year))::numeric(18,6) AS share
  FROM counted AS c
  LEFT JOIN jeugdnorm.reden_beeindiging_classes() AS k
    ON k.reason = c.reason
 ORDER BY c.productgroep, c.year, k.ordinal;

COMMENT ON VIEW jeugdnorm.ending_reasons IS
    'Redenen beeindiging: completed care paths (client_id, aanbieder, product) whose einde lies in [window_start, peildatum], per productgroep and year of the einde, by the CBS class of the reden_beeindiging (JW307, JZ588) of the path''s last allocation (latest einddatum, then contract order) [S4]; only non-empty rows; up to date as of the last jeugdnorm.refresh().';
COMMENT ON COLUMN jeugdnorm.ending_reasons.productgroep IS
    'Productgroep: product group of the path (its first allocation''s product); NULL for products not in the service catalogue.';
COMMENT ON COLUMN jeugdnorm.ending_reasons.year IS
    'Jaar: calendar year of the path''s einde.';
COMMENT ON COLUMN jeugdnorm.ending_reasons.reason IS
    'Reden beeindiging (CBS class): volgens plan; voortijdig, in overeenstemming; voortijdig, eenzijdig door de cliënt; voortijdig, eenzijdig door de aanbieder; voortijdig, externe omstandigheden; overig; onbekend (no or an unknown code).';
COMMENT ON COLUMN jeugdnorm.ending_reasons.reason_code IS
    'Redencodes: the JZ588 codes of the class, comma-separated (''31'', ''34'', ''32'', ''33'', ''35,02'', ''20,36,37,38,39''); NULL for onbekend.';
COMMENT ON COLUMN jeugdnorm.ending_reasons.paths IS
    'Zorgtrajecten: completed care paths of the productgroep ending in the year with this reason.';
COMMENT ON COLUMN jeugdnorm.ending_reasons.share IS
    'Aandeel: paths / all counted paths of the productgroep and year (fraction 0..1, 6 decimals).';

-- ---- referrals [S4] --------------------------------------------------------------
-- The paths top_paths counts (mv_group_paths.in_window: (client_id,
-- productgroep) paths starting in [window_start, peildatum], completed or
-- not), per year(start), productgroep and the verwijzer of the path's first
-- allocation, named by verwijzer_codes(); 'onbekend' (code NULL) without a
-- (known) code.  clients = distinct client_id.  Only non-empty rows.

CREATE VIEW jeugdnorm.referrals AS
WITH started AS (
    SELECT pg_catalog.date_part('year', g.start)::integer AS year,
           g.productgroep,
           v.code,
           coalesce(v.omschrijving, 'onbekend') AS verwijzer,
           g.client_id
      FROM jeugdnorm_internal.mv_group_paths AS g
      LEFT JOIN jeugdnorm_internal.mv_group_path_starts AS o
        ON o.gemeente = g.gemeente
       AND o.first_toewijzingnummer = g.first_toewijzingnummer
      LEFT JOIN jeugdnorm.verwijzer_codes() AS v
        ON v.code = o.verwijzer
     WHERE g.in_window
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR g.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
)
SELECT st.year,
       st.productgroep,
       st.verwijzer,
       st.code AS verwijzer_code,
       pg_catalog.count(*)::bigint AS new_paths,
       pg_catalog.count(DISTINCT st.client_id)::bigint AS clients
  FROM started AS st
 GROUP BY st.year, st.productgroep, st.verwijzer, st.code
 ORDER BY st.year, st.productgroep, st.verwijzer;

COMMENT ON VIEW jeugdnorm.referrals IS
    'Verwijzers: the care paths per (client_id, productgroep) that top_paths counts (start in [window_start, peildatum], completed or not), per year of the start, productgroep and the verwijzer (COD327) of the path''s first allocation [S4]; only non-empty rows; up to date as of the last jeugdnorm.refresh().';
COMMENT ON COLUMN jeugdnorm.referrals.year IS
    'Jaar: calendar year of the path''s start.';
COMMENT ON COLUMN jeugdnorm.referrals.productgroep IS
    'Productgroep: product group the paths are built in; NULL for products not in the service catalogue.';
COMMENT ON COLUMN jeugdnorm.referrals.verwijzer IS
    'Verwijzer (referrer, COD327): gemeente, huisarts, jeugdarts, gecertificeerde instelling, medisch specialist, zelfverwijzer/geen verwijzer, rechter, officier van justitie of JJI; onbekend without a (known) code.';
COMMENT ON COLUMN jeugdnorm.referrals.verwijzer_code IS
    'Verwijzercode: the COD327 code (''01''..''08''); NULL for onbekend.';
COMMENT ON COLUMN jeugdnorm.referrals.new_paths IS
    'Nieuwe trajecten: paths starting in the year with this verwijzer.';
COMMENT ON COLUMN jeugdnorm.referrals.clients IS
    'Jeugdigen: distinct clients (client_id) among those paths.';

-- ---- flow_by_wijk [S4] -----------------------------------------------------------
-- flow's paths (every (client_id, productgroep) path, whatever its
-- completion) per gemeente (the path's: its first allocation's) and wijk
-- (mv_group_path_starts), counted with flow's rules (flow_quarters,
-- flow_path_quarters); one row per (gemeente, wijk, productgroep) with a
-- path and per quarter, zeros kept.  Summed over gemeente and wijk it is
-- flow.

CREATE VIEW jeugdnorm.flow_by_wijk AS
WITH visible AS (
    SELECT g.gemeente,
           coalesce(o.wijk, 'onbekend') AS wijk,
           g.productgroep,
           g.start,
           g.einde
      FROM jeugdnorm_internal.mv_group_paths AS g
      LEFT JOIN jeugdnorm_internal.mv_group_path_starts AS o
        ON o.gemeente = g.gemeente
       AND o.first_toewijzingnummer = g.first_toewijzingnummer
     WHERE (SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR g.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[])
),
groups AS (
    SELECT DISTINCT v.gemeente, v.wijk, v.productgroep
      FROM visible AS v
),
counted AS (
    SELECT v.gemeente,
           v.wijk,
           v.productgroep,
           f.period_start,
           pg_catalog.sum(f.in_care_start) AS in_care_start,
           pg_catalog.sum(f.instroom) AS instroom,
           pg_catalog.sum(f.uitstroom) AS uitstroom,
           pg_catalog.sum(f.in_care_end) AS in_care_end
      FROM visible AS v
     CROSS JOIN jeugdnorm_internal.settings AS s
     CROSS JOIN LATERAL jeugdnorm_internal.flow_path_quarters(v.start, v.einde, s.window_start, s.peildatum) AS f
     GROUP BY v.gemeente, v.wijk, v.productgroep, f.period_start
)
SELECT gr.gemeente,
       gr.wijk,
       gr.productgroep,
       q.period_start,
       q.period_end,
       COALESCE(c.in_care_start, 0)::bigint AS in_care_start,
       COALESCE(c.instroom, 0)::bigint AS instroom,
       COALESCE(c.uitstroom, 0)::bigint AS uitstroom,
       COALESCE(c.in_care_end, 0)::bigint AS in_care_end,
       pg_catalog.date_part('year', q.period_start)::integer AS year,
       pg_catalog.date_part('quarter', q.period_start)::integer AS quarter
  FROM groups AS gr
 CROSS JOIN jeugdnorm_internal.settings AS s
 CROSS JOIN LATERAL jeugdnorm_internal.flow_quarters(s.window_start, s.peildatum) AS q
  LEFT JOIN counted AS c
    ON c.gemeente = gr.gemeente
   AND c.wijk = gr.wijk
   AND c.productgroep IS NOT DISTINCT FROM gr.productgroep
   AND c.period_start = q.period_start
 ORDER BY gr.gemeente, gr.wijk, gr.productgroep, q.period_start;

COMMENT ON VIEW jeugdnorm.flow_by_wijk IS
    'Instroom, doorstroom, uitstroom per wijk: flow''s care paths per (client_id, productgroep), counted per gemeente and wijk of the path (postcode of its first allocation via jeugdnorm.wijk, ''onbekend'' when missing), productgroep and calendar quarter lying entirely inside [window_start, peildatum]; zeros kept; summed over gemeente and wijk it equals flow [S4]; up to date as of the last jeugdnorm.refresh().';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.gemeente IS
    'Gemeente: CBS municipality code of the path''s first allocation.';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.wijk IS
    'Wijk (district): the gemeente''s wijk of the first allocation''s 4-digit postcode (jeugdnorm.wijk; the smallest when several); onbekend without postcode or wijk row.';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.productgroep IS
    'Productgroep: product group the paths are built in; NULL for products not in the service catalogue.';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.period_start IS
    'Begin periode: first day of the quarter.';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.period_end IS
    'Einde periode: last day of the quarter (inclusive).';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.in_care_start IS
    'In zorg bij begin: paths that started before period_start and had not ended before it (einde >= period_start or still open).';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.instroom IS
    'Instroom: paths that started inside the quarter.';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.uitstroom IS
    'Uitstroom: paths that ended inside the quarter.';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.in_care_end IS
    'In zorg bij einde: paths that started on or before period_end and end after it or are still open.';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.year IS
    'Jaar: calendar year of the quarter.';
COMMENT ON COLUMN jeugdnorm.flow_by_wijk.quarter IS
    'Kwartaal: quarter number 1..4 within the year.';

-- ---- flow_by_kader [S4] ----------------------------------------------------------
-- The paths of mv_kader_paths (per client_id, kader, verblijf), counted with
-- flow's rules; one row per (kader, verblijf) with a path and per quarter,
-- zeros kept.

CREATE VIEW jeugdnorm.flow_by_kader AS
WITH visible AS (
    SELECT k.kader, k.verblijf, k.start, k.einde
      FROM jeugdnorm_internal.mv_kader_paths AS k
     WHERE (SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR k.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[])
),
groups AS (
    SELECT DISTINCT v.kader, v.verblijf
      FROM visible AS v
),
counted AS (
    SELECT v.kader,
           v.verblijf,
           f.period_start,
           pg_catalog.sum(f.in_care_start) AS in_care_start,
           pg_catalog.sum(f.instroom) AS instroom,
           pg_catalog.sum(f.uitstroom) AS uitstroom,
           pg_catalog.sum(f.in_care_end) AS in_care_end
      FROM visible AS v
     CROSS JOIN jeugdnorm_internal.settings AS s
     CROSS JOIN LATERAL jeugdnorm_internal.flow_path_quarters(v.start, v.einde, s.window_start, s.peildatum) AS f
     GROUP BY v.kader, v.verblijf, f.period_start
)
SELECT gr.kader,
       gr.verblijf,
       q.period_start,
       q.period_end,
       COALESCE(c.in_care_start, 0)::bigint AS in_care_start,
       COALESCE(c.instroom, 0)::bigint AS instroom,
       COALESCE(c.uitstroom, 0)::bigint AS uitstroom,
       COALESCE(c.in_care_end, 0)::bigint AS in_care_end,
       pg_catalog.date_part('year', q.period_start)::integer AS year,
       pg_catalog.date_part('quarter', q.period_start)::integer AS quarter
  FROM groups AS gr
 CROSS JOIN jeugdnorm_internal.settings AS s
 CROSS JOIN LATERAL jeugdnorm_internal.flow_quarters(s.window_start, s.peildatum) AS q
  LEFT JOIN counted AS c
    ON c.kader = gr.kader
   AND c.verblijf = gr.verblijf
   AND c.period_start = q.period_start
 ORDER BY gr.kader, gr.verblijf, q.period_start;

COMMENT ON VIEW jeugdnorm.flow_by_kader IS
    'Instroom, doorstroom, uitstroom per kader: care paths per client_id and (kader, verblijf) across providers and products (gap <= path_gap_days), counted per kader, verblijf and calendar quarter lying entirely inside [window_start, peildatum] with the rules of flow; zeros kept [S4]; up to date as of the last jeugdnorm.refresh().';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.kader IS
    'Kader: gedwongen (gedwongen kader: productcategorie 47 jeugdreclassering, 48 jeugdbescherming) or vrijwillig (voluntary).';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.verblijf IS
    'Verblijf (residential care): true for productcategorie 43 or 44 or a product with financieringsvorm plek (an aspecifiek allocation by its category only).';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.period_start IS
    'Begin periode: first day of the quarter.';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.period_end IS
    'Einde periode: last day of the quarter (inclusive).';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.in_care_start IS
    'In zorg bij begin: paths that started before period_start and had not ended before it (einde >= period_start or still open).';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.instroom IS
    'Instroom: paths that started inside the quarter.';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.uitstroom IS
    'Uitstroom: paths that ended inside the quarter.';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.in_care_end IS
    'In zorg bij einde: paths that started on or before period_end and end after it or are still open.';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.year IS
    'Jaar: calendar year of the quarter.';
COMMENT ON COLUMN jeugdnorm.flow_by_kader.quarter IS
    'Kwartaal: quarter number 1..4 within the year.';
-- ---------------------------------------------------------------------------
-- 64_requests.sql (new in 0.2.0) -- request_lead_time and waiting_list
-- (DEFINITIONS.md section 9, [S3]).
--
-- Analyses: plain views that count and aggregate
-- jeugdnorm_internal.requests (32_requests.sql), where every [S3] rule
-- lives (product, linked allocation, answer date, status, days, norm,
-- stretched).  Nothing is derived here.  Figures are computed unrounded and
-- cast to their BI type (section 8) as the last step; percentiles are
-- percentile_cont over the day counts as float8 ([S3]).
--
-- Tenancy: the views run with their owner's privileges and count only the
-- requests of the gemeenten the caller may see (jeugdnorm.access,
-- 45_path_views.sql), by the request's own gemeente, which is also the
-- first grain column of both views.
--
-- Rows: only where there is something to count (a (gemeente, product,
-- year) with a request received in the window; a (gemeente, product) with
-- a waiting request).  No requests: no rows.
-- ---------------------------------------------------------------------------

-- ---- request_lead_time ------------------------------------------------------------
CREATE VIEW jeugdnorm.request_lead_time AS
SELECT r.gemeente,
       r.product,
       r.year,
       pg_catalog.count(*) AS requests,
       pg_catalog.count(*) FILTER (WHERE r.status = 'toegewezen') AS toegewezen,
       pg_catalog.count(*) FILTER (WHERE r.status = 'afgewezen') AS afgewezen,
       pg_catalog.count(*) FILTER (WHERE r.status = 'open') AS open,
       (pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY r.days::float8))::numeric(18,6) AS median_days,
       (pg_catalog.percentile_cont(0.9) WITHIN GROUP (ORDER BY r.days::float8))::numeric(18,6) AS p90_days,
       (pg_catalog.count(*) FILTER (WHERE r.within_target)::numeric
        / NULLIF(pg_catalog.count(r.days), 0))::numeric(18,6) AS share_within_8_weeks,
       pg_catalog.count(*) FILTER (WHERE r.above_norm) AS requests_above_norm,
       pg_catalog.count(*) FILTER (WHERE r.stretched) AS allocations_stretched,
       pg_catalog.count(r.days) AS answered_with_date,
       pg_catalog.count(*) FILTER (WHERE r.within_target) AS within_target,
       pg_catalog.count(*) FILTER (WHERE r.linked) AS linked
  FROM jeugdnorm_internal.requests r
 WHERE r.in_window
   AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR r.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
 GROUP BY r.gemeente, r.product, r.year
 ORDER BY r.gemeente, r.product, r.year;

COMMENT ON VIEW jeugdnorm.request_lead_time IS
    'doorlooptijd aanvragen (request lead time, DEFINITIONS [S3]): one row per (gemeente, product, year of ontvangen) over the requests for an allocation (JW315) received in [window_start, peildatum]; their status on the peildatum, the days from ontvangen to the answer, requests above the volume norm and allocations stretched above the request';
COMMENT ON COLUMN jeugdnorm.request_lead_time.gemeente IS
    'gemeente: CBS municipality code of the request';
COMMENT ON COLUMN jeugdnorm.request_lead_time.product IS
    'product: requested productcode, or productcategorie for an aspecifiek request, after product mapping (with the request''s aanbieder, on ontvangen)';
COMMENT ON COLUMN jeugdnorm.request_lead_time.year IS
    'jaar: calendar year of ontvangen (the day the gemeente received the request)';
COMMENT ON COLUMN jeugdnorm.request_lead_time.requests IS
    'verzoeken: requests received in this year inside the window; = toegewezen + afgewezen + open';
COMMENT ON COLUMN jeugdnorm.request_lead_time.toegewezen IS
    'toegewezen: requests granted on the peildatum (antwoord ''toegewezen'', answer date NULL or on/before the peildatum)';
COMMENT ON COLUMN jeugdnorm.request_lead_time.afgewezen IS
    'afgewezen: requests refused on the peildatum (antwoord ''afgewezen'', answer date NULL or on/before the peildatum)';
COMMENT ON COLUMN jeugdnorm.request_lead_time.open IS
    'open: requests without an answer on the peildatum (no antwoord, or an answer dated after the peildatum)';
COMMENT ON COLUMN jeugdnorm.request_lead_time.median_days IS
    'mediaan doorlooptijd: median days from ontvangen to the answer date (the linked allocation''s toewijzingsdatum, else antwoord_datum) over answered requests with a date; percentile_cont; NULL when none';
COMMENT ON COLUMN jeugdnorm.request_lead_time.p90_days IS
    'percentiel 90 doorlooptijd: 90th percentile of those days (percentile_cont, linear interpolation); NULL when none';
COMMENT ON COLUMN jeugdnorm.request_lead_time.share_within_8_weeks IS
    'aandeel binnen 8 weken: share of answered requests with a date whose days <= settings.lead_time_target_days (default 56 = 8 weeks), fraction 0..1; NULL when none';
COMMENT ON COLUMN jeugdnorm.request_lead_time.requests_above_norm IS
    'boven norm: requests for a total (frequentie 6) whose canonical volume is strictly above max_volume of the product''s norm valid on ontvangen ([R9])';
COMMENT ON COLUMN jeugdnorm.request_lead_time.allocations_stretched IS
    'opgerekt (stretched): answered requests whose linked allocation has a volume per week strictly above the requested volume per week (both canonical, same unit family; a totaal request has none)';
COMMENT ON COLUMN jeugdnorm.request_lead_time.answered_with_date IS
    'beantwoord met datum: answered requests with an answer date, the requests behind median_days, p90_days and the denominator of share_within_8_weeks';
COMMENT ON COLUMN jeugdnorm.request_lead_time.within_target IS
    'binnen termijn: answered requests whose days <= settings.lead_time_target_days, the numerator of share_within_8_weeks';
COMMENT ON COLUMN jeugdnorm.request_lead_time.linked IS
    'gekoppeld: requests whose toewijzingnummer matches a kept allocation';

-- ---- waiting_list --------------------------------------------------------------------
CREATE VIEW jeugdnorm.waiting_list AS
SELECT r.gemeente,
       r.product,
       pg_catalog.count(*) AS waiting,
       (pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY r.days_waiting::float8))::numeric(18,6)
           AS median_days_waiting,
       pg_catalog.max(r.days_waiting) AS max_days_waiting
  FROM jeugdnorm_internal.requests r
 WHERE r.waiting
   AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR r.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
 GROUP BY r.gemeente, r.product
 ORDER BY r.gemeente, r.product;

COMMENT ON VIEW jeugdnorm.waiting_list IS
    'wachtlijst (waiting list, DEFINITIONS [S3]): one row per (gemeente, product) with requests for an allocation that are open on the peildatum and were received on or before it, whatever the window; days waiting = peildatum - ontvangen';
COMMENT ON COLUMN jeugdnorm.waiting_list.gemeente IS
    'gemeente: CBS municipality code of the request';
COMMENT ON COLUMN jeugdnorm.waiting_list.product IS
    'product: requested productcode, or productcategorie for an aspecifiek request, after product mapping';
COMMENT ON COLUMN jeugdnorm.waiting_list.waiting IS
    'wachtend: requests without an answer on the peildatum (no antwoord, or an answer dated after the peildatum)';
COMMENT ON COLUMN jeugdnorm.waiting_list.median_days_waiting IS
    'mediaan wachttijd: median of peildatum - ontvangen in days over the waiting requests (percentile_cont)';
COMMENT ON COLUMN jeugdnorm.waiting_list.max_days_waiting IS
    'langste wachttijd: the longest wait in days (peildatum - ontvangen of the oldest waiting request)';
-- ---------------------------------------------------------------------------
-- 68_data_quality.sql (new in 0.2.0) -- the data-quality signals of
-- DEFINITIONS.md section 9 ([S1], [S5]): jeugdnorm.data_quality (one row per
-- signal, all thirteen, zeros kept) and jeugdnorm.data_quality_rows (the rows
-- behind each signal, for follow-up with providers).
--
-- An analysis like the others: it reads the cleaned layer (30_cleaned.sql)
-- for WHICH rows count -- kept allocations (jeugdnorm_internal.allocations:
-- '13' and the age filter applied, product mapped [S2]) and kept claim lines
-- (jeugdnorm_internal.claims: matched to a kept allocation, net-zero groups
-- dropped when drop_net_zero) -- and reports what those rules leave out or
-- find suspicious.  It never re-derives product, age, units or the net-zero
-- switch:
--   * a left-out allocation is a toewijzing row that allocations does not
--     hold: reden_wijziging '13' makes it allocations_deleted, anything else
--     (the age filter is the only other rule there) allocations_above_max_age;
--   * the unit family is claims.same_family; canonical volumes come from
--     jeugdnorm.canonical_volume, allocated volume from
--     jeugdnorm.allocated_volume;
--   * the product of a row is the allocation's mapped product
--     (allocations.product); where no kept allocation carries the row, the
--     [S2] function jeugdnorm_internal.mapped_product maps the row's own
--     codes (a left-out allocation on its ingangsdatum, a claim line without
--     allocation on its begindatum, a request on ontvangen as in [S3]).
-- Two rules had no shared home yet and get one here (internal views, so the
-- views that apply them inline can move to them):
--   * jeugdnorm_internal.net_zero_groups: the [R12] groups whatever
--     drop_net_zero says (claim_lines applies the same rule inline, gated
--     by the switch);
--   * jeugdnorm_internal.claims_nga: the kept claim lines without a valid
--     contract ([R11]; cost_overview applies the same rule inline).
--
-- [S5] in short.  No window: every signal looks at all data.  rows = the
-- signal's rows in data_quality_rows; amount = sum of bedrag of the claim
-- lines involved (an allocation row: its claim lines), NULL when none;
-- example = the smallest row key, 'gemeente toewijzingnummer' or 'gemeente
-- verzoeknummer', in byte order (COLLATE "C", so the same in every
-- database).  Every claim line left out of the views is reported exactly
-- once, by the first that applies:
--   1. claims_without_allocation   its (gemeente, toewijzingnummer) is in no
--                                  toewijzing row at all (one row per line);
--   2. allocations_deleted /       its allocation is left out: the line is in
--      allocations_above_max_age   that allocation's row (claim_lines, amount);
--   3. claims_net_zero             its [R12] group nets to 0 (one row per
--                                  line, reported whatever drop_net_zero
--                                  says; left out only when it is true).
-- So count(kept claim lines) + the claim_lines of 1, 2 and (when
-- drop_net_zero) 3 = count(jeugdnorm.declaratie); test/view_data_quality.sql
-- checks it.  claims_outside_allocation_period, claims_other_unit_family,
-- claims_nga and the allocation signals 8-11 look at kept lines and kept
-- allocations; claims_duplicate at every claim line; rows_after_peildatum at
-- the kept allocations, the kept claim lines and every request.
--
-- Shape (section 8).  data_quality_rows: contract columns signal,
-- gemeente, toewijzingnummer, client_id, aanbieder, product, detail; extras
-- signal_order, row_type ('toewijzing', 'declaratie', 'verzoek'), row_key,
-- declaratie_id, verzoeknummer, claim_lines, amount.  Its grain is (signal,
-- row_type, row_key, declaratie_id): an allocation or request appears at
-- most once per signal, a claim line is identified by declaratie_id.
-- data_quality: signal, description, rows, amount, example; extras
-- signal_order, claim_lines.  Both are ordered by signal_order (the [S1]
-- order of the signals, one number per signal), then the row grain.
--
-- Tenancy: like every contract view, rows are kept only for the gemeenten
-- the caller may see, by the row's own gemeente (the claim line's, the
-- allocation's, the request's); data_quality counts the rows the caller
-- sees, so rows = count(data_quality_rows) per signal for every role.  A
-- caller without gemeenten sees the thirteen signals with 0 rows (zeros
-- kept: they reveal nothing).
--
-- Cost.  Each claim line is read once, in one hash-join pass aggregated
-- per allocation key (see "How (speed)" at data_quality_rows); the signals
-- then read the per-key facts and the few collected lines, without another
-- join or a subquery per row.  Still a pass over every claim line, so the
-- rows are materialised (mv_data_quality_rows) and computed once per
-- jeugdnorm.refresh() -- after mv_allocation_follow_up, whose product and
-- contract_order it reuses; the contract views read the materialised
-- rows.  Rounding (numeric(14,2)) is the last step: data_quality sums the
-- unrounded amounts.

-- ---- the signals ([S1]): names, order, descriptions -------------------------------

CREATE VIEW jeugdnorm_internal.data_quality_signals AS
SELECT v.signal_order, v.signal, v.description
  FROM (VALUES
    (1, 'claims_without_allocation',
        'declaratieregels zonder toewijzing: claim lines whose (gemeente, toewijzingnummer) matches no allocation at all; left out of every view'),
    (2, 'claims_outside_allocation_period',
        'declaratieregels buiten de toewijzingsperiode: kept claim lines whose delivery period starts before the allocation''s ingangsdatum or ends after its einddatum'),
    (3, 'claims_other_unit_family',
        'declaratieregels in een andere eenheid: kept claim lines whose unit is not in the allocation''s unit family (or unknown); left out of path and realisation volumes'),
    (4, 'claims_net_zero',
        'declaratieregels die tegen elkaar wegvallen: claim lines of kept allocations whose net bedrag per (gemeente, toewijzingnummer, begindatum, einddatum) is 0; dropped when settings.drop_net_zero'),
    (5, 'claims_duplicate',
        'dubbele declaratieregels: claim lines equal in all their columns; every copy after the first is a row (the views count all copies)'),
    (6, 'allocations_deleted',
        'verwijderde toewijzingen: allocations with reden_wijziging 13 (verwijderd), left out of every view with their claim lines'),
    (7, 'allocations_above_max_age',
        'toewijzingen boven de maximumleeftijd: allocations of clients older than settings.max_age at the start, left out of every view with their claim lines'),
    (8, 'allocations_completed_without_claims',
        'afgesloten toewijzingen zonder declaratie: kept allocations with einddatum + path_gap_days <= peildatum and no kept claim line'),
    (9, 'allocations_claimed_above_100',
        'toewijzingen boven 100 % gedeclareerd: kept allocations whose claimed volume in their unit family is above their whole allocated volume (open: until the peildatum)'),
    (10, 'allocations_overlapping',
        'stapeling: kept allocations that start on or before the end of an earlier allocation of the same client, provider and product (or while one is open)'),
    (11, 'products_missing_from_catalogue',
        'producten niet in de dienstencatalogus: kept allocations whose (productcategorie, productcode) is not in jeugdnorm.product'),
    (12, 'claims_nga',
        'niet gecontracteerd aanbod (NGA): kept claim lines without a contract for (gemeente, the allocation''s aanbieder, the claim''s productcode) valid on their begindatum'),
    (13, 'rows_after_peildatum',
        'rijen na de peildatum: kept allocations with ingangsdatum or toewijzingsdatum after the peildatum, kept claim lines with a day after it, requests received or answered after it')
  ) AS v (signal_order, signal, description);

COMMENT ON VIEW jeugdnorm_internal.data_quality_signals IS
    'the thirteen data-quality signals of DEFINITIONS [S1] in their fixed order, with their descriptions (the one list data_quality and data_quality_rows read)';

-- ---- [R12] credit groups and net-zero groups, whatever drop_net_zero says -----------------
-- The same rule and the same speed trick as jeugdnorm_internal.claim_lines
-- (30_cleaned.sql): only groups holding a line with bedrag <= 0 can net to
-- exactly 0 (read from declaratie_net_zero_idx); a NULL net is not 0.
-- credit_groups are those candidate groups with their net; net_zero_groups
-- the ones whose net is exactly 0.  data_quality_rows reads credit_groups
-- (a claim line's group decides both net-zero and, for lines with bedrag
-- <= 0, the duplicate candidates).

-- credit_groups and net_zero_groups live in 30_cleaned.sql, next to the
-- claim_lines view that drops the net-zero groups.

-- ---- [R11] NGA: kept claim lines without a valid contract -------------------------------
-- NOT EXISTS in WHERE: an anti-join (hash on gemeente, aanbieder,
-- productcode; the validity dates as join filter), one pass over the lines.
-- The validity is written as BETWEEN .. coalesce(geldig_tot, 'infinity')
-- (the same rows as geldig_van <= begindatum AND (geldig_tot IS NULL OR
-- geldig_tot >= begindatum); a NULL geldig_van never matches): with the OR
-- form the planner sorted every kept line for a merge anti-join (demo scale
-- 2, 533,150 lines: 3.1 s against 0.96 s, the claims view alone 0.84 s).
-- A claim line without a productcode matches no contract: NGA, as in
-- cost_overview.

CREATE VIEW jeugdnorm_internal.claims_nga AS
SELECT c.declaratie_id,
       c.gemeente,
       c.toewijzingnummer,
       c.client_id,
       c.aanbieder,
       c.product,
       c.claim_productcategorie,
       c.claim_productcode,
       c.begindatum,
       c.einddatum,
       c.bedrag
  FROM jeugdnorm_internal.claims c
 WHERE NOT EXISTS (SELECT 1
                     FROM jeugdnorm.contract k
                    WHERE k.gemeente = c.gemeente
                      AND k.aanbieder = c.aanbieder
                      AND k.productcode = c.claim_productcode
                      AND c.begindatum BETWEEN k.geldig_van AND coalesce(k.geldig_tot, 'infinity'::date));

COMMENT ON VIEW jeugdnorm_internal.claims_nga IS
    'NGA (niet gecontracteerd aanbod, DEFINITIONS [R11]): kept claim lines without a contract row for (the claim''s gemeente, the allocation''s aanbieder, the claim''s productcode) valid on the claim''s begindatum';
COMMENT ON COLUMN jeugdnorm_internal.claims_nga.declaratie_id IS 'declaratie_id: surrogate key of the claim line';
COMMENT ON COLUMN jeugdnorm_internal.claims_nga.gemeente IS 'gemeente of the allocation claimed against';
COMMENT ON COLUMN jeugdnorm_internal.claims_nga.toewijzingnummer IS 'toewijzingnummer of the allocation claimed against';
COMMENT ON COLUMN jeugdnorm_internal.claims_nga.client_id IS 'client_id of the allocation';
COMMENT ON COLUMN jeugdnorm_internal.claims_nga.aanbieder IS 'aanbieder of the allocation (the one the contract is looked up for)';
COMMENT ON COLUMN jeugdnorm_internal.claims_nga.product IS 'product of the allocation (mapped)';
COMMENT ON COLUMN jeugdnorm_internal.claims_nga.claim_productcategorie IS 'productcategorie on the claim line itself';
COMMENT ON COLUMN jeugdnorm_internal.claims_nga.claim_productcode IS 'productcode on the claim line itself (the one the contract is looked up for)';
COMMENT ON COLUMN jeugdnorm_internal.claims_nga.begindatum IS 'begindatum: the day the contract must be valid on';
COMMENT ON COLUMN jeugdnorm_internal.claims_nga.einddatum IS 'einddatum of the delivery period';
COMMENT ON COLUMN jeugdnorm_internal.claims_nga.bedrag IS 'bedrag: amount in euros';

-- ---- ISO date text for the detail column (independent of DateStyle) ----------------------

-- STABLE, not IMMUTABLE: to_char() is stable, and PostgreSQL inlines a SQL
-- function into the calling query only when its body is no more volatile
-- than declared; declared IMMUTABLE it ran as a separate SQL statement per
-- row (about 890,000 of them in a scale-20 refresh).
CREATE FUNCTION jeugdnorm_internal.iso_date(d date) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN pg_catalog.to_char($1::timestamp without time zone, 'YYYY-MM-DD');
COMMENT ON FUNCTION jeugdnorm_internal.iso_date(date) IS
    'the date as YYYY-MM-DD whatever the session''s DateStyle (for texts such as data_quality_rows.detail)';

-- ---- the rows behind each signal, unrounded and unfiltered ------------------------------
-- One claim line of a line signal (or a candidate for claims_duplicate),
-- as collected per allocation key by data_quality_rows' single pass over
-- the claim lines (array_agg of this type, unnested for the few flagged).

CREATE TYPE jeugdnorm_internal.data_quality_line AS (
    declaratie_id      bigint,
    client_id          text,
    aanbieder          text,
    productcategorie   text,
    productcode        text,
    begindatum         date,
    einddatum          date,
    volume             numeric,
    eenheid            text,
    bedrag             numeric,
    unit               text,
    no_kept_allocation boolean,
    net_zero_lines     bigint,
    outside_period     boolean,
    other_family       boolean,
    after_peildatum    boolean,
    nga                boolean,
    in_credit_group    boolean
);

COMMENT ON TYPE jeugdnorm_internal.data_quality_line IS
    'a claim line as jeugdnorm_internal.data_quality_rows collects it (its own columns as stored, the unit decoded, and which line signals it raises); internal';

-- How (speed).  The claim lines are read ONCE, in one hash-join pipeline
-- (no per-row subplan, no sort of the claim lines):
--     declaratie  LEFT JOIN eenheid_codes()      unit decoded ([R13])
--                 LEFT JOIN allocations          the kept allocation
--                 LEFT JOIN credit_groups        [R12] candidate groups
--                 LEFT JOIN contract validity    [R11], one row per contract key
-- hash-aggregated per allocation key: the counted lines' number and money
-- (a kept allocation's kept lines, all lines of any other key), the
-- claimed family volume, and -- array_agg FILTER -- the few lines a line
-- signal reports or that may be a duplicate (lines of a key without a kept
-- allocation, of a credit group, or flagged).  That is full-joined to every
-- toewijzing row with its kept allocation (facts: one row per allocation
-- key), and every signal is read from facts or from its few collected
-- lines, without another join.  (demo scale 2, 533,150 lines: the view
-- from ~27 s to ~4.5 s; the old plan probed a materialised CTE per
-- net-zero line, 32 s under EXPLAIN ANALYZE.)
-- Joins read base relations (tables, views on them, the analysed
-- mv_allocation_follow_up) or grouped subqueries, never a materialised
-- CTE: the planner has no statistics on a CTE's columns, assumes 200
-- distinct values, and then sorts for merge joins instead of hashing.
--   * The kept allocations are jeugdnorm_internal.allocations, read for
--     the columns the lines need (the planner then drops its product
--     mapping and window); product [S2] and contract_order come from
--     mv_allocation_follow_up (one row per kept allocation, computed by
--     the refresh just before: jeugdnorm.refresh() refreshes
--     mv_data_quality_rows after it).
--   * A kept line is a line of a kept allocation that is not in a net-zero
--     group when drop_net_zero is true: jeugdnorm_internal.claims, as
--     claim_lines defines it.  The net-zero groups are the credit_groups
--     with net 0 (net_zero_groups), read through the partial index
--     declaratie_net_zero_idx.
--   * [R11] in one hash probe per line: the validity periods [geldig_van,
--     coalesce(geldig_tot, infinity)] of each (gemeente, aanbieder,
--     productcode) merged into one datemultirange (range_agg; a NULL
--     geldig_van never matches, so those rows are left out); a kept line is
--     NGA when its key has no contract or the multirange does not hold its
--     begindatum -- the rows of jeugdnorm_internal.claims_nga.
--   * claims_duplicate without a hash or sort of every line: duplicates are
--     equal in all columns, so they share (gemeente, toewijzingnummer,
--     begindatum, einddatum) and bedrag.  Copies in a credit group (any
--     copy with bedrag <= 0 is in one) are collected.  For the lines outside
--     credit groups the pass keeps a 128-bit sketch per key (two bigints):
--     per line the bit (12 x year + month of begindatum) mod 128.  When it
--     has as many bits set as the key has such lines, no two of them share
--     a begindatum, so none is a copy of another.  Monthly claims (one line
--     per calendar month) get different bits for 128 months, so only keys
--     whose sketch collides (two such lines starting in one month, or a
--     history longer than ~10 years) have all their lines read again, by
--     index.  (Days / 28 as the slot collided for every allocation starting
--     mid-month: at demo scale 20, 16,000 keys, 2 million lines re-read.)
--     The candidates are grouped by their full set of columns (below); a
--     4-column group lies within one key, and each key gives either all its
--     lines or all its credit-group lines, so every copy is found.

CREATE VIEW jeugdnorm_internal.data_quality_rows AS
WITH
facts AS MATERIALIZED (
    SELECT coalesce(t.gemeente, k.gemeente) AS gemeente,
           coalesce(t.toewijzingnummer, k.toewijzingnummer) AS toewijzingnummer,
           t.gemeente IS NOT NULL AS in_toewijzing,
           al.gemeente IS NOT NULL AS kept,
           -- the toewijzing row as stored (for a left-out allocation)
           t.client_id AS own_client_id, t.aanbieder AS own_aanbieder,
           t.productcategorie AS own_productcategorie, t.productcode AS own_productcode,
           t.ingangsdatum AS own_ingangsdatum, t.reden_wijziging, t.geboortedatum,
           -- the kept allocation
           al.client_id, al.aanbieder, fu.product, al.productcategorie, al.productcode,
           al.ingangsdatum, al.einddatum, al.unit, fu.contract_order,
           al.volume, al.eenheid, al.frequentie, al.budget, al.toewijzingsdatum,
           -- its claim lines: a kept allocation's kept lines, else all
           coalesce(k.claim_lines, 0) AS claim_lines, k.amount, k.claimed_60,
           coalesce(k.plain_lines > coalesce(pg_catalog.bit_count(k.plain_months_0::bit(64)), 0)
                                    + coalesce(pg_catalog.bit_count(k.plain_months_1::bit(64)), 0),
                    false) AS months_collide,
           k.flagged
      FROM jeugdnorm.toewijzing t
      LEFT JOIN jeugdnorm_internal.allocations al
        ON al.gemeente = t.gemeente
       AND al.toewijzingnummer = t.toewijzingnummer
      LEFT JOIN jeugdnorm_internal.mv_allocation_follow_up fu
        ON fu.gemeente = t.gemeente
       AND fu.toewijzingnummer = t.toewijzingnummer
      FULL JOIN (
        SELECT l.gemeente,
               l.toewijzingnummer,
               -- a kept allocation's kept lines; all lines of a key
               -- without one (a left-out allocation's)
               pg_catalog.count(*) FILTER (WHERE l.counted) AS claim_lines,
               pg_catalog.sum(l.bedrag) FILTER (WHERE l.counted) AS amount,
               -- claimed volume x 60 in the family: x 60 clears the
               -- minute's 1/60 (the canonical factors are 1/60, 1 and 4),
               -- so canonical_volume(volume * 60, eenheid) is exact and
               -- allocations_claimed_above_100 compares without dividing.
               -- A budget allocation allocates euros: its family is the
               -- 'euro' lines (as in realisation [R10]).
               pg_catalog.sum(jeugdnorm.canonical_volume(l.volume * 60, l.eenheid))
                   FILTER (WHERE l.kept AND l.in_family) AS claimed_60,
               pg_catalog.count(*) FILTER (WHERE NOT l.in_credit_group) AS plain_lines,
               pg_catalog.bit_or(1::bigint << l.month_slot)
                   FILTER (WHERE NOT l.in_credit_group AND l.month_slot < 64) AS plain_months_0,
               pg_catalog.bit_or(1::bigint << (l.month_slot - 64))
                   FILTER (WHERE NOT l.in_credit_group AND l.month_slot >= 64) AS plain_months_1,
               pg_catalog.array_agg(ROW(l.declaratie_id, l.client_id, l.aanbieder, l.productcategorie,
                                        l.productcode, l.begindatum, l.einddatum, l.volume, l.raw_eenheid,
                                        l.bedrag, l.unit, l.no_kept_allocation, l.net_zero_lines,
                                        l.kept AND l.outside_period, l.kept AND NOT l.same_family,
                                        l.kept AND l.after_peildatum, l.kept AND l.nga,
                                        l.in_credit_group)::jeugdnorm_internal.data_quality_line)
                   FILTER (WHERE l.no_kept_allocation
                              OR l.net_zero_lines IS NOT NULL
                              OR l.in_credit_group
                              OR (l.kept AND (l.outside_period OR NOT l.same_family
                                              OR l.after_peildatum OR l.nga))) AS flagged
          FROM (SELECT d.declaratie_id, d.gemeente, d.toewijzingnummer, d.client_id, d.aanbieder,
                       d.productcategorie, d.productcode, d.begindatum, d.einddatum, d.volume,
                       d.eenheid AS raw_eenheid, d.bedrag,
                       e.code AS eenheid,
                       e.canonical_unit AS unit,
                       a.gemeente IS NULL AS no_kept_allocation,
                       a.gemeente IS NOT NULL
                           AND NOT (s.drop_net_zero IS TRUE AND coalesce(cg.net = 0, false)) AS kept,
                       a.gemeente IS NULL
                           OR NOT (s.drop_net_zero IS TRUE AND coalesce(cg.net = 0, false)) AS counted,
                       CASE WHEN a.budget IS NOT NULL THEN e.canonical_unit = 'euro'
                            ELSE e.canonical_unit = a.unit END AS in_family,
                       CASE WHEN a.gemeente IS NOT NULL AND cg.net = 0 THEN cg.claim_lines END AS net_zero_lines,
                       cg.gemeente IS NOT NULL AS in_credit_group,
                       coalesce(e.canonical_unit = a.unit, false) AS same_family,
                       coalesce(d.begindatum < a.ingangsdatum OR d.einddatum > a.einddatum, false) AS outside_period,
                       d.einddatum > s.peildatum AS after_peildatum,
                       NOT coalesce(v.valid @> d.begindatum, false) AS nga,
                       (pg_catalog.date_part('year', d.begindatum) * 12
                        + pg_catalog.date_part('month', d.begindatum))::integer & 127 AS month_slot
                  FROM jeugdnorm.declaratie d
                 CROSS JOIN jeugdnorm_internal.settings s
                  LEFT JOIN jeugdnorm.eenheid_codes() e
                    ON e.code = d.eenheid
                  LEFT JOIN jeugdnorm_internal.allocations a
                    ON a.gemeente = d.gemeente
                   AND a.toewijzingnummer = d.toewijzingnummer
                  LEFT JOIN jeugdnorm_internal.credit_groups cg
                    ON cg.gemeente = d.gemeente
                   AND cg.toewijzingnummer = d.toewijzingnummer
                   AND cg.begindatum = d.begindatum
                   AND cg.einddatum = d.einddatum
                  LEFT JOIN (SELECT c.gemeente, c.aanbieder, c.productcode,
                                    pg_catalog.range_agg(pg_catalog.daterange(c.geldig_van,
                                                                              coalesce(c.geldig_tot, 'infinity'::date),
                                                                              '[]')) AS valid
                               FROM jeugdnorm.contract c
                              WHERE c.geldig_van IS NOT NULL
                              GROUP BY c.gemeente, c.aanbieder, c.productcode) v
                    ON v.gemeente = d.gemeente
                   AND v.aanbieder = a.aanbieder
                   AND v.productcode = d.productcode
                -- OFFSET 0: each line's flags computed once, not once per
                -- aggregate and FILTER that reads them
                OFFSET 0) l
         GROUP BY l.gemeente, l.toewijzingnummer) k
        ON k.gemeente = t.gemeente
       AND k.toewijzingnummer = t.toewijzingnummer
),
-- the collected lines, with their allocation key's facts
flagged AS MATERIALIZED (
    SELECT k.gemeente, k.toewijzingnummer, k.in_toewijzing, f.*,
           k.client_id AS alloc_client_id, k.aanbieder AS alloc_aanbieder, k.product,
           k.ingangsdatum AS alloc_ingangsdatum, k.einddatum AS alloc_einddatum, k.unit AS alloc_unit
      FROM facts k
     CROSS JOIN LATERAL pg_catalog.unnest(k.flagged) f
     WHERE k.flagged IS NOT NULL
),
-- claims_duplicate candidates (see above): all lines of the keys whose
-- month sketch collides (read again by index: OFFSET 0 keeps it one probe
-- per such key), the credit-group lines of the other keys
duplicate_candidates AS (
    SELECT d.declaratie_id, k.gemeente, k.toewijzingnummer, d.client_id, d.aanbieder,
           d.productcategorie, d.productcode, d.begindatum, d.einddatum, d.volume, d.eenheid, d.bedrag,
           k.kept, k.client_id AS alloc_client_id, k.aanbieder AS alloc_aanbieder, k.product
      FROM facts k
     CROSS JOIN LATERAL (SELECT y.*
                           FROM jeugdnorm.declaratie y
                          WHERE y.gemeente = k.gemeente
                            AND y.toewijzingnummer = k.toewijzingnummer
                         OFFSET 0) d
     WHERE k.months_collide
    UNION ALL
    SELECT f.declaratie_id, k.gemeente, k.toewijzingnummer, f.client_id, f.aanbieder,
           f.productcategorie, f.productcode, f.begindatum, f.einddatum, f.volume, f.eenheid, f.bedrag,
           k.kept, k.client_id, k.aanbieder, k.product
      FROM facts k
     CROSS JOIN LATERAL pg_catalog.unnest(k.flagged) f
     WHERE k.flagged IS NOT NULL
       AND NOT k.months_collide
       AND f.in_credit_group
),
-- exact duplicates: the candidates grouped by their full set of columns
-- (GROUP BY groups NULLs together, as "equal" means here), the groups of
-- two or more lines with their first (smallest) declaratie_id; every other
-- line of such a group is a copy.  A hash aggregate and a hash join on the
-- NOT NULL key columns (the nullable ones compared IS NOT DISTINCT FROM in
-- the join filter) instead of sorting every candidate for a window: at the
-- big-city scale the keys with several lines per month give 2 million
-- candidates, whose sort by eleven columns took ~13 s.
duplicate_candidates_m AS MATERIALIZED (
    SELECT * FROM duplicate_candidates
),
duplicate_groups AS (
    SELECT d.gemeente, d.toewijzingnummer, d.begindatum, d.einddatum, d.client_id,
           d.aanbieder, d.productcategorie, d.productcode, d.volume, d.eenheid, d.bedrag,
           pg_catalog.min(d.declaratie_id) AS first_id
      FROM duplicate_candidates_m d
     GROUP BY d.gemeente, d.toewijzingnummer, d.begindatum, d.einddatum, d.client_id,
              d.aanbieder, d.productcategorie, d.productcode, d.volume, d.eenheid, d.bedrag
    HAVING pg_catalog.count(*) > 1
),
duplicates AS (
    SELECT d.*, g.first_id
      FROM duplicate_candidates_m d
      JOIN duplicate_groups g
        ON g.gemeente = d.gemeente
       AND g.toewijzingnummer = d.toewijzingnummer
       AND g.begindatum = d.begindatum
       AND g.einddatum = d.einddatum
       AND g.client_id IS NOT DISTINCT FROM d.client_id
       AND g.aanbieder IS NOT DISTINCT FROM d.aanbieder
       AND g.productcategorie IS NOT DISTINCT FROM d.productcategorie
       AND g.productcode IS NOT DISTINCT FROM d.productcode
       AND g.volume IS NOT DISTINCT FROM d.volume
       AND g.eenheid IS NOT DISTINCT FROM d.eenheid
       AND g.bedrag IS NOT DISTINCT FROM d.bedrag
     WHERE d.declaratie_id <> g.first_id
),
-- stapeling: the running maximum einddatum of the earlier allocations of
-- (client_id, aanbieder, product) in contract order; an open one counts as
-- 'infinity' (a later allocation overlaps it).
overlap AS (
    SELECT o.*
      FROM (SELECT a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.product,
                   a.ingangsdatum, a.claim_lines, a.amount,
                   pg_catalog.max(coalesce(a.einddatum, 'infinity'::date)) OVER (
                       PARTITION BY a.client_id COLLATE "C", a.aanbieder COLLATE "C",
                                    a.product COLLATE "C"
                       ORDER BY a.contract_order
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_end
              FROM facts a
             WHERE a.kept) o
     WHERE o.ingangsdatum <= o.earlier_end
),
rows_ AS (
    -- 1. claim lines whose allocation key is in no toewijzing row.  No
    --    allocation: the line's own client, provider and product (mapped
    --    on its begindatum).
    SELECT 'claims_without_allocation' AS signal, 'declaratie' AS row_type,
           f.gemeente, f.toewijzingnummer, f.client_id, f.aanbieder, mp.product,
           'claim line ' || f.declaratie_id::text || ' ' || jeugdnorm_internal.iso_date(f.begindatum)
               || '..' || jeugdnorm_internal.iso_date(f.einddatum)
               || ': no allocation ' || f.gemeente || ' ' || f.toewijzingnummer AS detail,
           f.declaratie_id, NULL::text AS verzoeknummer, 1::bigint AS claim_lines, f.bedrag AS amount
      FROM flagged f
     CROSS JOIN LATERAL jeugdnorm_internal.mapped_product(f.productcategorie, f.productcode,
                                                          f.aanbieder, f.begindatum) mp
     WHERE f.no_kept_allocation
       AND NOT f.in_toewijzing
    UNION ALL
    -- 2. kept lines outside their allocation's period (an open allocation
    --    has no end to be after)
    SELECT 'claims_outside_allocation_period', 'declaratie',
           f.gemeente, f.toewijzingnummer, f.alloc_client_id, f.alloc_aanbieder, f.product,
           'claim line ' || f.declaratie_id::text || ' ' || jeugdnorm_internal.iso_date(f.begindatum)
               || '..' || jeugdnorm_internal.iso_date(f.einddatum)
               || ' outside allocation ' || jeugdnorm_internal.iso_date(f.alloc_ingangsdatum)
               || '..' || coalesce(jeugdnorm_internal.iso_date(f.alloc_einddatum), 'open'),
           f.declaratie_id, NULL, 1, f.bedrag
      FROM flagged f
     WHERE f.outside_period
    UNION ALL
    -- 3. kept lines outside the allocation's unit family (claims.same_family:
    --    false also when either unit is unknown)
    SELECT 'claims_other_unit_family', 'declaratie',
           f.gemeente, f.toewijzingnummer, f.alloc_client_id, f.alloc_aanbieder, f.product,
           'claim line ' || f.declaratie_id::text || ' in unit ' || coalesce(f.unit, 'unknown')
               || ', allocation in ' || coalesce(f.alloc_unit, 'unknown'),
           f.declaratie_id, NULL, 1, f.bedrag
      FROM flagged f
     WHERE f.other_family
    UNION ALL
    -- 4. lines of kept allocations in a net-zero group, whatever
    --    drop_net_zero says (lines of left-out allocations are reported
    --    with their allocation, lines without allocation in 1)
    SELECT 'claims_net_zero', 'declaratie',
           f.gemeente, f.toewijzingnummer, f.alloc_client_id, f.alloc_aanbieder, f.product,
           'claim line ' || f.declaratie_id::text || ' ' || jeugdnorm_internal.iso_date(f.begindatum)
               || '..' || jeugdnorm_internal.iso_date(f.einddatum) || ' bedrag '
               || coalesce(f.bedrag::text, 'NULL') || ': its ' || f.net_zero_lines::text
               || ' lines net to 0'
               || CASE WHEN s.drop_net_zero THEN ' (dropped)' ELSE ' (kept: drop_net_zero is false)' END,
           f.declaratie_id, NULL, 1, f.bedrag
      FROM flagged f
     CROSS JOIN jeugdnorm_internal.settings s
     WHERE f.net_zero_lines IS NOT NULL
    UNION ALL
    -- 5. every copy after the first of lines equal in all columns; client,
    --    provider and product those of the kept allocation, else the line's
    --    own (product mapped on its begindatum)
    SELECT 'claims_duplicate', 'declaratie',
           u.gemeente, u.toewijzingnummer,
           CASE WHEN u.kept THEN u.alloc_client_id ELSE u.client_id END,
           CASE WHEN u.kept THEN u.alloc_aanbieder ELSE u.aanbieder END,
           CASE WHEN u.kept THEN u.product ELSE mp.product END,
           'claim line ' || u.declaratie_id::text || ' is a copy of claim line ' || u.first_id::text,
           u.declaratie_id, NULL, 1, u.bedrag
      FROM duplicates u
      LEFT JOIN LATERAL (SELECT m.product
                           FROM jeugdnorm_internal.mapped_product(u.productcategorie, u.productcode,
                                                                  u.aanbieder, u.begindatum) m
                          WHERE NOT u.kept) mp ON true
    UNION ALL
    -- 6, 7. left-out allocations with all their claim lines; '13' first,
    --    the rest is the age filter
    SELECT CASE WHEN l.reden_wijziging = '13' THEN 'allocations_deleted'
                ELSE 'allocations_above_max_age' END,
           'toewijzing',
           l.gemeente, l.toewijzingnummer, l.own_client_id, l.own_aanbieder, mp.product,
           CASE WHEN l.reden_wijziging = '13'
                THEN 'reden_wijziging 13 (verwijderd)'
                ELSE 'age ' || pg_catalog.date_part('year', pg_catalog.age(l.own_ingangsdatum, l.geboortedatum))::text
                     || ' on ingangsdatum ' || jeugdnorm_internal.iso_date(l.own_ingangsdatum)
                     || ', above max_age ' || coalesce(s.max_age::text, 'NULL')
           END
               || '; claim lines left out with it: ' || l.claim_lines::text,
           NULL, NULL, l.claim_lines, l.amount
      FROM facts l
     CROSS JOIN jeugdnorm_internal.settings s
     CROSS JOIN LATERAL jeugdnorm_internal.mapped_product(l.own_productcategorie, l.own_productcode,
                                                          l.own_aanbieder, l.own_ingangsdatum) mp
     WHERE l.in_toewijzing
       AND NOT l.kept
    UNION ALL
    -- 8. completed kept allocations without any kept claim line
    SELECT 'allocations_completed_without_claims', 'toewijzing',
           a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.product,
           'allocation ' || jeugdnorm_internal.iso_date(a.ingangsdatum) || '..'
               || jeugdnorm_internal.iso_date(a.einddatum)
               || ' completed (einddatum + ' || s.path_gap_days::text || ' days <= peildatum '
               || jeugdnorm_internal.iso_date(s.peildatum) || ') without claim lines',
           NULL, NULL, 0, NULL
      FROM facts a
     CROSS JOIN jeugdnorm_internal.settings s
     WHERE a.kept
       AND a.einddatum + s.path_gap_days <= s.peildatum
       AND a.claim_lines = 0
    UNION ALL
    -- 9. claimed above the whole allocated volume, compared exactly:
    --    claimed x 60 > allocated x 60 (see facts)
    SELECT 'allocations_claimed_above_100', 'toewijzing',
           v.gemeente, v.toewijzingnummer, v.client_id, v.aanbieder, v.product,
           'claimed ' || pg_catalog.trim_scale(v.claimed_60 / 60)::text || ' ' || v.family
               || ' above allocated ' || pg_catalog.trim_scale(v.allocated_60 / 60)::text
               || ' (' || jeugdnorm_internal.iso_date(v.ingangsdatum) || '..'
               || coalesce(jeugdnorm_internal.iso_date(v.einddatum),
                           'open, counted until the peildatum') || ')',
           NULL, NULL, v.claim_lines, v.amount
      FROM (SELECT a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.product,
                   a.ingangsdatum, a.einddatum, a.claim_lines, a.amount,
                   CASE WHEN a.budget IS NOT NULL THEN 'euro' ELSE a.unit END AS family,
                   a.claimed_60,
                   -- the whole allocated volume: a budget; else the volume
                   -- over the allocation's own days, an open one until the
                   -- peildatum (none after it), an open 'totaal' none
                   CASE WHEN a.budget IS NOT NULL THEN a.budget * 60
                        WHEN a.einddatum IS NULL AND a.ingangsdatum > s.peildatum THEN 0
                        ELSE jeugdnorm.allocated_volume(a.ingangsdatum, a.einddatum,
                                                        jeugdnorm.canonical_volume(a.volume * 60, a.eenheid),
                                                        a.frequentie, a.ingangsdatum,
                                                        coalesce(a.einddatum, s.peildatum))
                   END AS allocated_60
              FROM facts a
             CROSS JOIN jeugdnorm_internal.settings s
             WHERE a.kept
               AND a.claim_lines > 0) v
     WHERE v.claimed_60 > v.allocated_60
    UNION ALL
    -- 10. stapeling: the later allocation is the row
    SELECT 'allocations_overlapping', 'toewijzing',
           o.gemeente, o.toewijzingnummer, o.client_id, o.aanbieder, o.product,
           'starts ' || jeugdnorm_internal.iso_date(o.ingangsdatum)
               || CASE WHEN o.earlier_end = 'infinity'::date
                       THEN ' while an earlier allocation of the same client, provider and product is open'
                       ELSE ' on or before ' || jeugdnorm_internal.iso_date(o.earlier_end)
                            || ', the end of an earlier allocation of the same client, provider and product'
                  END,
           NULL, NULL, o.claim_lines, o.amount
      FROM overlap o
    UNION ALL
    -- 11. kept allocations with a productcode missing from the catalogue
    --     (looked up as the cleaned layer does: by both codes)
    SELECT 'products_missing_from_catalogue', 'toewijzing',
           a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.product,
           'product ' || a.productcategorie || ' ' || a.productcode || ' not in jeugdnorm.product',
           NULL, NULL, a.claim_lines, a.amount
      FROM facts a
     WHERE a.kept
       AND a.productcode IS NOT NULL
       AND NOT EXISTS (SELECT 1
                         FROM jeugdnorm.product p
                        WHERE p.productcategorie = a.productcategorie
                          AND p.productcode = a.productcode)
    UNION ALL
    -- 12. NGA kept lines ([R11], the rows of claims_nga)
    SELECT 'claims_nga', 'declaratie',
           f.gemeente, f.toewijzingnummer, f.alloc_client_id, f.alloc_aanbieder, f.product,
           'claim line ' || f.declaratie_id::text || ' product ' || coalesce(f.productcode, 'NULL')
               || ' on ' || jeugdnorm_internal.iso_date(f.begindatum)
               || ': no contract for aanbieder ' || coalesce(f.alloc_aanbieder, 'NULL'),
           f.declaratie_id, NULL, 1, f.bedrag
      FROM flagged f
     WHERE f.nga
    UNION ALL
    -- 13. after the peildatum: kept allocations (their lines are rows of
    --     their own when dated after it, so the allocation row carries no
    --     amount), kept claim lines, requests
    SELECT 'rows_after_peildatum', 'toewijzing',
           a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.product,
           concat_ws(', ',
                     CASE WHEN a.ingangsdatum > s.peildatum
                          THEN 'ingangsdatum ' || jeugdnorm_internal.iso_date(a.ingangsdatum) END,
                     CASE WHEN a.toewijzingsdatum > s.peildatum
                          THEN 'toewijzingsdatum ' || jeugdnorm_internal.iso_date(a.toewijzingsdatum) END)
               || ' after the peildatum ' || jeugdnorm_internal.iso_date(s.peildatum),
           NULL, NULL, 0, NULL
      FROM facts a
     CROSS JOIN jeugdnorm_internal.settings s
     WHERE a.kept
       AND (a.ingangsdatum > s.peildatum
            OR a.toewijzingsdatum > s.peildatum)
    UNION ALL
    SELECT 'rows_after_peildatum', 'declaratie',
           f.gemeente, f.toewijzingnummer, f.alloc_client_id, f.alloc_aanbieder, f.product,
           'claim line ' || f.declaratie_id::text || ' ' || jeugdnorm_internal.iso_date(f.begindatum)
               || '..' || jeugdnorm_internal.iso_date(f.einddatum)
               || ' ends after the peildatum ' || jeugdnorm_internal.iso_date(s.peildatum),
           f.declaratie_id, NULL, 1, f.bedrag
      FROM flagged f
     CROSS JOIN jeugdnorm_internal.settings s
     WHERE f.after_peildatum
    UNION ALL
    SELECT 'rows_after_peildatum', 'verzoek',
           r.gemeente, r.toewijzingnummer, r.client_id, r.aanbieder, mp.product,
           'request ' || r.verzoeknummer || ' '
               || concat_ws(', ',
                            CASE WHEN r.ontvangen > s.peildatum
                                 THEN 'ontvangen ' || jeugdnorm_internal.iso_date(r.ontvangen) END,
                            CASE WHEN r.antwoord_datum > s.peildatum
                                 THEN 'antwoord_datum ' || jeugdnorm_internal.iso_date(r.antwoord_datum) END)
               || ' after the peildatum ' || jeugdnorm_internal.iso_date(s.peildatum),
           NULL, r.verzoeknummer, 0, NULL
      FROM jeugdnorm.verzoek r
     CROSS JOIN jeugdnorm_internal.settings s
     CROSS JOIN LATERAL jeugdnorm_internal.mapped_product(r.productcategorie, r.productcode,
                                                          r.aanbieder, r.ontvangen) mp
     WHERE r.ontvangen > s.peildatum
        OR r.antwoord_datum > s.peildatum
)
SELECT g.signal_order,
       r.signal,
       r.gemeente,
       r.toewijzingnummer,
       r.client_id,
       r.aanbieder,
       r.product,
       r.detail,
       r.row_type,
       r.gemeente || ' ' || CASE WHEN r.row_type = 'verzoek' THEN r.verzoeknummer
                                 ELSE r.toewijzingnummer END AS row_key,
       r.declaratie_id,
       r.verzoeknummer,
       r.claim_lines,
       r.amount
  FROM rows_ r
  JOIN jeugdnorm_internal.data_quality_signals g
    ON g.signal = r.signal;

COMMENT ON VIEW jeugdnorm_internal.data_quality_rows IS
    'the rows behind the data-quality signals (DEFINITIONS [S5]), unrounded and for every gemeente, computed when read; materialised as mv_data_quality_rows, which jeugdnorm.data_quality_rows and jeugdnorm.data_quality read with the tenancy filter';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_rows.signal_order IS 'position of the signal in the [S1] order';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_rows.signal IS 'signal name ([S1])';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_rows.gemeente IS 'gemeente of the row';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_rows.toewijzingnummer IS 'toewijzingnummer of the row (a request: the allocation it led to)';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_rows.client_id IS 'client_id (the allocation''s where there is one)';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_rows.aanbieder IS 'aanbieder (the allocation''s where there is one)';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_rows.product IS 'mapped product ([S2])';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_rows.detail IS 'what is wrong, in words';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_rows.row_type IS 'toewijzing, declaratie or verzoek';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_rows.row_key IS '''gemeente toewijzingnummer'' or ''gemeente verzoeknummer''';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_rows.declaratie_id IS 'the claim line of a declaratie row';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_rows.verzoeknummer IS 'the request of a verzoek row';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_rows.claim_lines IS 'claim lines whose bedrag is in amount';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_rows.amount IS 'sum of bedrag of those claim lines, unrounded; NULL when none';

-- ---- materialised: mv_data_quality_rows -------------------------------------------------------
-- The signals read every claim line several times (minutes at 10 million
-- lines), so the rows are computed once per jeugdnorm.refresh(), like the
-- paths, and the two contract views read them: a BI refresh of the 13
-- signal rows then costs nothing.  A change of data or settings shows after
-- the next refresh().  By the rules of 40_paths.sql: WITH DATA, a unique
-- index on the grain NULLS NOT DISTINCT for REFRESH ... CONCURRENTLY,
-- refresh_null last.

CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_data_quality_rows AS
SELECT q.signal_order,
       q.signal,
       q.gemeente,
       q.toewijzingnummer,
       q.client_id,
       q.aanbieder,
       q.product,
       q.detail,
       q.row_type,
       q.row_key,
       q.declaratie_id,
       q.verzoeknummer,
       q.claim_lines,
       q.amount,
       NULL::boolean AS refresh_null
  FROM jeugdnorm_internal.data_quality_rows q;

CREATE UNIQUE INDEX mv_data_quality_rows_key
    ON jeugdnorm_internal.mv_data_quality_rows (signal, row_type, row_key, declaratie_id) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_data_quality_rows IS
    'jeugdnorm_internal.data_quality_rows as of the last jeugdnorm.refresh(); read by jeugdnorm.data_quality and jeugdnorm.data_quality_rows';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.signal_order IS 'position of the signal in the [S1] order';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.signal IS 'signal name ([S1])';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.gemeente IS 'gemeente of the row';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.toewijzingnummer IS 'toewijzingnummer of the row (a request: the allocation it led to)';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.client_id IS 'client_id (the allocation''s where there is one)';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.aanbieder IS 'aanbieder (the allocation''s where there is one)';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.product IS 'mapped product ([S2])';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.detail IS 'what is wrong, in words';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.row_type IS 'toewijzing, declaratie or verzoek';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.row_key IS '''gemeente toewijzingnummer'' or ''gemeente verzoeknummer''';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.declaratie_id IS 'the claim line of a declaratie row';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.verzoeknummer IS 'the request of a verzoek row';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.claim_lines IS 'claim lines whose bedrag is in amount';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.amount IS 'sum of bedrag of those claim lines, unrounded; NULL when none';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';

-- ---- contract view: data_quality_rows -----------------------------------------------------

CREATE VIEW jeugdnorm.data_quality_rows AS
SELECT r.signal,
       r.gemeente,
       r.toewijzingnummer,
       r.client_id,
       r.aanbieder,
       r.product,
       r.detail,
       r.signal_order,
       r.row_type,
       r.row_key,
       r.declaratie_id,
       r.verzoeknummer,
       r.claim_lines,
       r.amount::numeric(14,2) AS amount
  FROM jeugdnorm_internal.mv_data_quality_rows r
 WHERE (SELECT jeugdnorm_internal.sees_all_gemeenten())
    OR r.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[])
 ORDER BY r.signal_order, r.row_key COLLATE "C", r.row_type, r.declaratie_id NULLS FIRST;

COMMENT ON VIEW jeugdnorm.data_quality_rows IS
    'datakwaliteit, rijen (data-quality rows, DEFINITIONS [S5]): one row per (signal, row) behind jeugdnorm.data_quality -- a claim line, an allocation or a request -- for follow-up with providers; no window, all data, as of the last jeugdnorm.refresh(); grain (signal, row_type, row_key, declaratie_id)';
COMMENT ON COLUMN jeugdnorm.data_quality_rows.signal IS
    'signaal: one of the thirteen signal names of jeugdnorm.data_quality ([S1])';
COMMENT ON COLUMN jeugdnorm.data_quality_rows.gemeente IS
    'gemeente: CBS municipality code of the claim line, allocation or request';
COMMENT ON COLUMN jeugdnorm.data_quality_rows.toewijzingnummer IS
    'toewijzingnummer: the allocation the row is (or claims against); for a request the allocation it led to (may be NULL)';
COMMENT ON COLUMN jeugdnorm.data_quality_rows.client_id IS
    'client_id: pseudonymised client key of the allocation; of the claim line itself when it has no allocation, of the request for a request';
COMMENT ON COLUMN jeugdnorm.data_quality_rows.aanbieder IS
    'aanbieder: provider AGB code of the allocation; of the claim line itself when it has no allocation, of the request for a request';
COMMENT ON COLUMN jeugdnorm.data_quality_rows.product IS
    'product: the allocation''s analysis product (product_mapping applied, [S2]); a left-out allocation''s own codes mapped on its ingangsdatum, a claim line without allocation its own codes mapped on its begindatum, a request its own codes mapped on ontvangen';
COMMENT ON COLUMN jeugdnorm.data_quality_rows.detail IS
    'toelichting: what is wrong with the row, in words (dates as YYYY-MM-DD)';
COMMENT ON COLUMN jeugdnorm.data_quality_rows.signal_order IS
    'volgorde: position of the signal in the fixed list of [S1], 1..13';
COMMENT ON COLUMN jeugdnorm.data_quality_rows.row_type IS
    'soort rij: ''declaratie'' (a claim line), ''toewijzing'' (an allocation) or ''verzoek'' (a request)';
COMMENT ON COLUMN jeugdnorm.data_quality_rows.row_key IS
    'sleutel: ''gemeente toewijzingnummer'' (claim line, allocation) or ''gemeente verzoeknummer'' (request); data_quality.example is the smallest of a signal';
COMMENT ON COLUMN jeugdnorm.data_quality_rows.declaratie_id IS
    'declaratie_id: the claim line of a declaratie row (jeugdnorm.declaratie); NULL for other rows';
COMMENT ON COLUMN jeugdnorm.data_quality_rows.verzoeknummer IS
    'verzoeknummer: the request of a verzoek row; NULL for other rows';
COMMENT ON COLUMN jeugdnorm.data_quality_rows.claim_lines IS
    'declaratieregels: number of claim lines whose bedrag is in amount (1 for a claim line; an allocation''s claim lines for an allocation signal; 0 when none)';
COMMENT ON COLUMN jeugdnorm.data_quality_rows.amount IS
    'bedrag: euros involved: the claim line''s bedrag, or the sum of bedrag of an allocation''s claim lines (all of them for a left-out allocation, the kept ones otherwise); NULL when none';

-- ---- contract view: data_quality -----------------------------------------------------------

CREATE VIEW jeugdnorm.data_quality AS
SELECT g.signal,
       g.description,
       coalesce(r.rows, 0) AS rows,
       r.amount::numeric(14,2) AS amount,
       r.example,
       g.signal_order,
       coalesce(r.claim_lines, 0) AS claim_lines
  FROM jeugdnorm_internal.data_quality_signals g
  LEFT JOIN (SELECT q.signal,
                    pg_catalog.count(*) AS rows,
                    pg_catalog.sum(q.amount) AS amount,
                    pg_catalog.min(q.row_key COLLATE "C") COLLATE "default" AS example,
                    pg_catalog.sum(q.claim_lines)::bigint AS claim_lines
               FROM jeugdnorm_internal.mv_data_quality_rows q
              WHERE (SELECT jeugdnorm_internal.sees_all_gemeenten())
                 OR q.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[])
              GROUP BY q.signal) r
    ON r.signal = g.signal
 ORDER BY g.signal_order;

COMMENT ON VIEW jeugdnorm.data_quality IS
    'datakwaliteit (data quality, DEFINITIONS [S5]): one row per signal, always all thirteen (zeros kept, for a traffic light per signal); no window, all data, as of the last jeugdnorm.refresh(); the rows behind each are in jeugdnorm.data_quality_rows';
COMMENT ON COLUMN jeugdnorm.data_quality.signal IS
    'signaal: fixed signal name ([S1]), e.g. claims_without_allocation, allocations_overlapping, rows_after_peildatum';
COMMENT ON COLUMN jeugdnorm.data_quality.description IS
    'omschrijving: what the signal counts, Dutch term and English explanation';
COMMENT ON COLUMN jeugdnorm.data_quality.rows IS
    'rijen: number of rows of the signal in data_quality_rows (claim lines, allocations or requests); 0 when none';
COMMENT ON COLUMN jeugdnorm.data_quality.amount IS
    'bedrag: euros involved: sum of bedrag of the claim lines involved (for an allocation signal its claim lines; credits negative, so a net-zero signal sums to 0); NULL when no claim line is involved';
COMMENT ON COLUMN jeugdnorm.data_quality.example IS
    'voorbeeld: one key to look at, the smallest row key of the signal (''gemeente toewijzingnummer'' or ''gemeente verzoeknummer'', byte order); NULL when the signal has no rows';
COMMENT ON COLUMN jeugdnorm.data_quality.signal_order IS
    'volgorde: position of the signal in the fixed list of [S1], 1..13 (the view''s order)';
COMMENT ON COLUMN jeugdnorm.data_quality.claim_lines IS
    'declaratieregels: number of claim lines in amount, summed over the signal''s rows; 0 when none';
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

-- ---------------------------------------------------------------------------
-- column_dictionary
-- ---------------------------------------------------------------------------
CREATE OR REPLACE VIEW jeugdnorm.column_dictionary AS
SELECT c.relname::text AS view_name,
       a.attname::text AS column_name,
       a.attnum::integer AS ordinal,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS data_type,
       pg_catalog.col_description(c.oid, a.attnum::integer) AS description,
       pg_catalog.obj_description(c.oid, 'pg_class') AS view_description
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n
    ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_attribute a
    ON a.attrelid = c.oid
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
-- a kept allocation (claims count for their allocation's provider) or of a
-- request, plus '-1' onbekend.
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
-- their allocation's gemeente), of a contract or of a request, plus '-1'
-- onbekend; only the gemeenten the caller may see.
-- ---------------------------------------------------------------------------
CREATE OR REPLACE VIEW jeugdnorm.dim_gemeente AS
SELECT d.gemeente
  FROM (SELECT v.gemeente
          FROM (SELECT a.gemeente FROM jeugdnorm_internal.allocations a WHERE a.gemeente IS NOT NULL
                UNION
                SELECT k.gemeente FROM jeugdnorm.contract k WHERE k.gemeente IS NOT NULL
                UNION
                SELECT r.gemeente FROM jeugdnorm.verzoek r) v
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
-- ---------------------------------------------------------------------------
-- 80_refresh.sql -- jeugdnorm.refresh(): bring every materialised view up to
-- date, in dependency order (DEFINITIONS.md section 8).
--
--  * Which views: every materialised view in schema jeugdnorm_internal (the
--    path layer and whatever the analyses materialise there).
--  * Order: derived from the catalogue, not from a hand-kept list.  A
--    materialised view's query is a rewrite rule (pg_rewrite); pg_depend
--    records the relations that rule reads.  Walking those edges through
--    plain views gives "materialised view A reads materialised view B"; a
--    view is refreshed after every materialised view it reads (level =
--    longest chain below it), ties by name.
--  * CONCURRENTLY when the view is populated (pg_class.relispopulated), has
--    a usable unique index (unique, valid, immediate, no expression, no
--    WHERE) and something other than refresh() itself reads it.  From
--    pg_depend: the rewrite rules that read the view are followed up
--    through the plain views of jeugdnorm_internal (internal layers, read
--    by the views refreshed here); reaching a view of another schema (the
--    contract views of jeugdnorm), a materialised view not refreshed here,
--    or a function body or policy that depends on the view or on one of
--    those internal plain views makes it shared.  Readers of
--    the contract views are then not blocked while a refresh runs.  A view
--    that only the materialised views refreshed after it read (at 0.1.0
--    mv_path_allocations) gets a plain REFRESH: nobody else reads it, so
--    CONCURRENTLY's diff buys nothing, and it costs a quarter of the view's
--    refresh (the new rows written to a temporary table, ANALYZEd, joined
--    to the old rows on their whole image, the difference applied).  Its
--    ACCESS EXCLUSIVE lock is held to the end of the calling transaction
--    and blocks only direct readers of jeugdnorm_internal (no contract).
--    A function whose body is a string (plpgsql, $$-quoted SQL) records no
--    dependency, so such a function must not read these views directly.
--    A view left unpopulated (e.g. by REFRESH ... WITH NO DATA) is refreshed
--    plainly too, which populates it.
--  * Cost of CONCURRENTLY: the views are created WITH DATA (empty), so even
--    the first refresh after CREATE EXTENSION is concurrent; measured on
--    the demo region the second call (diff against full views) is not
--    slower than the first (diff against empty views, every row inserted).
--    The part of the diff that grew with rows x width -- PostgreSQL's
--    duplicate-row check, a sort of every row by its whole image -- is
--    skipped through each view's always-NULL refresh_null column (see
--    40_paths.sql); what is left is one hash full join on the unique index
--    columns plus writing the new rows to a temporary table.
--  * Memory: refresh() is a batch job that runs one at a time (the lock
--    below), like a maintenance command, so its queries run with work_mem
--    raised to maintenance_work_mem when that is larger (never lowered),
--    and the caller's work_mem is set back at the end.  At the big-city
--    scale (demo scale 20, 500,000 allocations, 5.4 million claim lines)
--    with work_mem 64MB the two sorts of mv_path_allocations (~54 and
--    ~72 MB on disk) and the claim aggregate of mv_care_paths (5 batches,
--    67 MB) spilled to temporary files; with maintenance_work_mem 512MB
--    they stay in memory.
--  * One refresh at a time: a transaction-level advisory lock on a fixed key
--    (7669172160390656613 = the bytes of 'jn_refre'); a second concurrent
--    call fails at once with SQLSTATE 55P03 (lock_not_available) instead of
--    queueing behind the first.  The lock is released when the calling
--    transaction ends, also on error.
--  * Statistics: REFRESH does not update pg_statistic, and the views
--    refreshed after a view read it: without fresh statistics the planner
--    kept the row counts of the previous refresh (0 after CREATE EXTENSION),
--    e.g. it expected a few rows of mv_path_allocations where the big-city
--    region has 500,000, and probed indexes per row instead of hashing.  So
--    a view is ANALYZEd right after its refresh when its statistics may be
--    stale by autovacuum's own rule: a plain REFRESH (a new heap, changes
--    unknown), a view never analysed (reltuples < 0), or a CONCURRENTLY
--    refresh whose diff inserted + deleted more than
--    autovacuum_analyze_threshold + autovacuum_analyze_scale_factor x
--    reltuples rows (50 + 10 % by default), counted from the transaction's
--    own statistics (pg_stat_get_xact_tuples_inserted / _deleted before and
--    after).  A nightly refresh that changes a few per cent of a view keeps
--    statistics that still describe it, and saves the ANALYZE (30,000
--    sampled rows, every column: ~0.3-0.9 s per view at the big-city scale).
--  * Security: SECURITY DEFINER with search_path pg_catalog, pg_temp, and
--    EXECUTE revoked from PUBLIC: the function refreshes views its owner
--    owns, so only the owner and the roles granted EXECUTE may run it
--    (GRANT EXECUTE ON FUNCTION jeugdnorm.refresh() TO <role>).  Every name
--    inside is schema-qualified, and view names are formatted as regclass
--    (quoted, qualified), so neither the caller's search_path nor objects
--    in pg_temp change what runs.
--  * Settings: the views read jeugdnorm.settings when they are refreshed, so
--    a settings change (peildatum, window, bounds, age filter, net-zero)
--    takes effect at the next jeugdnorm.refresh(), not before.  After a
--    restore from pg_dump the materialised views are empty until the first
--    refresh.
-- ---------------------------------------------------------------------------

-- Re-runnable (CREATE OR REPLACE, same signature and result): changed in
-- 0.2.0, so this file is also part of the 0.1.0 -> 0.2.0 upgrade script.

CREATE OR REPLACE FUNCTION jeugdnorm.refresh()
RETURNS TABLE (materialized_view pg_catalog.text, concurrently pg_catalog.bool, seconds pg_catalog.numeric(18,6))
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    lock_key constant pg_catalog.int8 := 7669172160390656613;
    holder   pg_catalog.text;
    v        pg_catalog.regclass;
    ordered  pg_catalog.regclass[];
    conc     pg_catalog.bool;
    tuples   pg_catalog.float4;
    ins      pg_catalog.int8;
    del      pg_catalog.int8;
    stale    pg_catalog.bool;
    shared   pg_catalog.oid[];
    t0       pg_catalog.timestamptz;
    caller_work_mem constant pg_catalog.text := pg_catalog.current_setting('work_mem');
BEGIN
    IF NOT pg_catalog.pg_try_advisory_xact_lock(lock_key) THEN
        SELECT pg_catalog.string_agg(l.pid::text, ', ' ORDER BY l.pid)
          INTO holder
          FROM pg_catalog.pg_locks l
         WHERE l.locktype = 'advisory'
           AND l.granted
           AND l.classid = (lock_key >> 32)::oid
           AND l.objid = (lock_key & 4294967295)::oid
           AND l.objsubid = 1;
        RAISE EXCEPTION 'jeugdnorm.refresh() is already running in another session'
            USING ERRCODE = 'lock_not_available',
                  DETAIL = pg_catalog.format('Advisory lock %s is held by backend pid %s.',
                                  lock_key, coalesce(holder, 'unknown')),
                  HINT = 'Wait for the running refresh to finish; it refreshes every materialised view.';
    END IF;

    WITH RECURSIVE
    mvs AS (
        SELECT c.oid
          FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'm'
           AND n.nspname = 'jeugdnorm_internal'
    ),
    -- relation r reads relation d (through its rewrite rule)
    edges AS (
        SELECT DISTINCT rw.ev_class AS r, dep.refobjid AS d
          FROM pg_catalog.pg_rewrite rw
          JOIN pg_catalog.pg_depend dep
            ON dep.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
           AND dep.objid = rw.oid
           AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
           AND dep.refobjid <> rw.ev_class
    ),
    -- relations a materialised view reads, walking through plain views only
    reach AS (
        SELECT m.oid AS mv, e.d AS rel
          FROM mvs m
          JOIN edges e ON e.r = m.oid
        UNION
        SELECT rc.mv, e.d
          FROM reach rc
          JOIN pg_catalog.pg_class c ON c.oid = rc.rel AND c.relkind = 'v'
          JOIN edges e ON e.r = rc.rel
    ),
    deps AS (
        SELECT DISTINCT rc.mv, rc.rel AS dep
          FROM reach rc
         WHERE rc.rel IN (SELECT oid FROM mvs)
           AND rc.rel <> rc.mv
    ),
    -- level = longest chain of materialised views below; bounded by the
    -- number of views, so even a (impossible) cycle ends
    lvl AS (
        SELECT m.oid, 0 AS level
          FROM mvs m
        UNION ALL
        SELECT dp.mv, l.level + 1
          FROM lvl l
          JOIN deps dp ON dp.dep = l.oid
         WHERE l.level < (SELECT pg_catalog.count(*) FROM mvs)
    )
    SELECT pg_catalog.array_agg(x.oid::pg_catalog.regclass ORDER BY x.level, x.oid::pg_catalog.regclass::pg_catalog.text)
      INTO ordered
      FROM (SELECT l.oid, pg_catalog.max(l.level) AS level FROM lvl l GROUP BY l.oid) x;

    IF ordered IS NULL THEN
        RETURN;
    END IF;

    -- The views something besides refresh() reads (see above): walk from
    -- each view up the rewrite rules that read it, through the plain views
    -- of jeugdnorm_internal (the internal layers); a view reached elsewhere
    -- (a contract view of schema jeugdnorm, any other schema, a materialised
    -- view not refreshed here), or a function body or policy depending on
    -- the view or on an internal plain view on the way, makes it shared.
    WITH RECURSIVE
    rd(mv, rel) AS (
        SELECT m.oid, rw.ev_class
          FROM pg_catalog.unnest(ordered::pg_catalog.oid[]) AS m(oid)
          JOIN pg_catalog.pg_depend d
            ON d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
           AND d.refobjid = m.oid
           AND d.deptype = 'n'
           AND d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
          JOIN pg_catalog.pg_rewrite rw ON rw.oid = d.objid AND rw.ev_class <> m.oid
        UNION
        SELECT rd.mv, rw.ev_class
          FROM rd
          JOIN pg_catalog.pg_class c
            ON c.oid = rd.rel
           AND c.relkind = 'v'
           AND c.relnamespace = 'jeugdnorm_internal'::pg_catalog.regnamespace
          JOIN pg_catalog.pg_depend d
            ON d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
           AND d.refobjid = rd.rel
           AND d.deptype = 'n'
           AND d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
          JOIN pg_catalog.pg_rewrite rw ON rw.oid = d.objid AND rw.ev_class <> rd.rel
    ),
    internal_path(mv, rel) AS (
        SELECT m.oid, m.oid FROM pg_catalog.unnest(ordered::pg_catalog.oid[]) AS m(oid)
        UNION
        SELECT rd.mv, rd.rel
          FROM rd
          JOIN pg_catalog.pg_class c
            ON c.oid = rd.rel
           AND c.relkind = 'v'
           AND c.relnamespace = 'jeugdnorm_internal'::pg_catalog.regnamespace
    )
    SELECT pg_catalog.array_agg(DISTINCT x.mv)
      INTO shared
      FROM (SELECT rd.mv
              FROM rd
              JOIN pg_catalog.pg_class c ON c.oid = rd.rel
             WHERE c.oid <> ALL (ordered::pg_catalog.oid[])
               AND NOT (c.relkind = 'v'
                        AND c.relnamespace = 'jeugdnorm_internal'::pg_catalog.regnamespace)
            UNION ALL
            SELECT ip.mv
              FROM internal_path ip
              JOIN pg_catalog.pg_depend d
                ON d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
               AND d.refobjid = ip.rel
               AND d.deptype = 'n'
               AND d.classid <> 'pg_catalog.pg_rewrite'::pg_catalog.regclass) x;
    shared := coalesce(shared, '{}');

    -- sorts and hashes get maintenance_work_mem (see above); set back below
    IF pg_catalog.pg_size_bytes(pg_catalog.current_setting('maintenance_work_mem'))
         > pg_catalog.pg_size_bytes(caller_work_mem) THEN
        PERFORM pg_catalog.set_config('work_mem', pg_catalog.current_setting('maintenance_work_mem'), true);
    END IF;

    FOREACH v IN ARRAY ordered LOOP
        -- read per view, after the refreshes before it
        SELECT c.relispopulated
               AND EXISTS (SELECT 1
                             FROM pg_catalog.pg_index i
                            WHERE i.indrelid = c.oid
                              AND i.indisunique
                              AND i.indisvalid
                              AND i.indimmediate
                              AND i.indpred IS NULL
                              AND i.indexprs IS NULL)
               AND c.oid = ANY (shared),
               c.reltuples
          INTO conc, tuples
          FROM pg_catalog.pg_class c
         WHERE c.oid = v;

        t0 := pg_catalog.clock_timestamp();
        IF conc THEN
            ins := pg_catalog.pg_stat_get_xact_tuples_inserted(v);
            del := pg_catalog.pg_stat_get_xact_tuples_deleted(v);
            EXECUTE pg_catalog.format('REFRESH MATERIALIZED VIEW CONCURRENTLY %s', v);
            -- autovacuum's analyze rule on the rows the diff changed
            stale := tuples < 0
                     OR pg_catalog.pg_stat_get_xact_tuples_inserted(v) - ins
                        + pg_catalog.pg_stat_get_xact_tuples_deleted(v) - del
                        > pg_catalog.current_setting('autovacuum_analyze_threshold')::pg_catalog.float8
                          + pg_catalog.current_setting('autovacuum_analyze_scale_factor')::pg_catalog.float8 * tuples;
        ELSE
            EXECUTE pg_catalog.format('REFRESH MATERIALIZED VIEW %s', v);
            stale := true;
        END IF;
        -- statistics for the views refreshed after this one (see above)
        IF stale THEN
            EXECUTE pg_catalog.format('ANALYZE %s', v);
        END IF;

        materialized_view := v::pg_catalog.text;
        "concurrently" := conc;
        seconds := extract(epoch FROM pg_catalog.clock_timestamp() - t0)::pg_catalog.numeric(18,6);
        RETURN NEXT;
    END LOOP;

    PERFORM pg_catalog.set_config('work_mem', caller_work_mem, true);
END;
$$;

COMMENT ON FUNCTION jeugdnorm.refresh() IS
'Refreshes every materialised view of schema jeugdnorm_internal (the work behind care_paths, allocation_follow_up and the other heavy views) in dependency order read from the catalogue; CONCURRENTLY where the view is populated, has a unique index and is read by a view or function (the contract views), so readers are not blocked, and plainly where only the materialised views refreshed after it read it. Its queries run with work_mem raised to maintenance_work_mem; a view is analysed after its refresh unless a concurrent refresh changed too few rows to matter (autovacuum''s rule). Returns one row per view: materialized_view, concurrently, seconds. Settings changes take effect at the next refresh. Only one refresh runs at a time: a second concurrent call fails at once with SQLSTATE 55P03 (advisory lock 7669172160390656613). Schedule it, e.g. with pg_cron: SELECT cron.schedule(''jeugdnorm-refresh'', ''0 3 * * *'', ''SELECT * FROM jeugdnorm.refresh()'').';

REVOKE EXECUTE ON FUNCTION jeugdnorm.refresh() FROM PUBLIC;
-- ---------------------------------------------------------------------------
-- 84_roles.sql -- jeugdnorm.create_roles(): the three roles and their grants
-- (issue 9, part 2; tenancy itself is 85_tenancy.sql).
--
-- Changed in 0.2.0 (grants on the section-9 tables and load_verzoeken), so
-- it is part of the 0.1.0 -> 0.2.0 upgrade script: CREATE OR REPLACE keeps
-- the function's ACL.  After an upgrade, call it again to grant the new
-- objects to existing roles.
-- ---------------------------------------------------------------------------

-- ---- the roles -------------------------------------------------------------------------
--
-- jeugdnorm_reader  BI: USAGE on schema jeugdnorm and SELECT on every plain
--                   view in it (the contract views, the dimensions,
--                   column_dictionary).  Nothing on the input tables,
--                   rejected, settings, access, the key or jeugdnorm_internal.
-- jeugdnorm_loader  the loaders (EXECUTE), SELECT/INSERT/UPDATE on the input
--                   tables (toewijzing, declaratie, contract, product, norm,
--                   aanbieder, verzoek, wijk, product_mapping; DELETE too on
--                   wijk and product_mapping, which are replaced as a
--                   whole), INSERT on rejected, USAGE on the sequences,
--                   EXECUTE on pseudonymise() (when installed) but nothing
--                   on the key table.  RLS limits it to its gemeenten.
-- jeugdnorm_admin   SELECT/UPDATE on settings, EXECUTE on refresh(),
--                   SELECT/INSERT/UPDATE/DELETE on access, SELECT/DELETE on
--                   rejected (review and clear the loaders' rejects, which
--                   span all gemeenten), SELECT on the pseudonym key and
--                   EXECUTE on set_pseudonym_key() and pseudonymise() (when
--                   installed).
--
-- Objects of 86_pseudonym.sql are granted when they exist at call time
-- (to_regclass / pg_proc by name), so the function does not depend on the
-- order of the install script.  The views are found in the catalogue at call
-- time, so views added later are granted by calling it again.
--
-- SECURITY INVOKER: the caller needs CREATEROLE (for roles that do not exist
-- yet) and must be allowed to grant on the extension's objects: run it as a
-- superuser or as the extension owner.  Idempotent: existing roles are
-- left as they are and get the grants again.
CREATE OR REPLACE FUNCTION jeugdnorm.create_roles()
    RETURNS TABLE (role_name text, created boolean)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r      text;
    obj    text;
BEGIN
    FOREACH r IN ARRAY ARRAY['jeugdnorm_reader', 'jeugdnorm_loader', 'jeugdnorm_admin'] LOOP
        role_name := r;
        created := NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles x WHERE x.rolname = r);
        IF created THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
        EXECUTE format('GRANT USAGE ON SCHEMA jeugdnorm TO %I', r);
        RETURN NEXT;
    END LOOP;

    -- reader: every plain view of schema jeugdnorm
    FOR obj IN
        SELECT c.oid::pg_catalog.regclass::text
          FROM pg_catalog.pg_class c
         WHERE c.relnamespace = 'jeugdnorm'::pg_catalog.regnamespace
           AND c.relkind = 'v'
         ORDER BY c.relname
    LOOP
        EXECUTE format('GRANT SELECT ON %s TO jeugdnorm_reader', obj);
    END LOOP;

    -- loader
    GRANT SELECT, INSERT, UPDATE
       ON jeugdnorm.toewijzing, jeugdnorm.declaratie, jeugdnorm.contract,
          jeugdnorm.product, jeugdnorm.norm, jeugdnorm.aanbieder,
          jeugdnorm.verzoek, jeugdnorm.wijk, jeugdnorm.product_mapping
       TO jeugdnorm_loader;
    GRANT DELETE ON jeugdnorm.wijk, jeugdnorm.product_mapping TO jeugdnorm_loader;
    GRANT INSERT ON jeugdnorm.rejected TO jeugdnorm_loader;
    FOR obj IN
        SELECT c.oid::pg_catalog.regclass::text
          FROM pg_catalog.pg_class c
         WHERE c.relnamespace = 'jeugdnorm'::pg_catalog.regnamespace
           AND c.relkind = 'S'
         ORDER BY c.relname
    LOOP
        EXECUTE format('GRANT USAGE ON SEQUENCE %s TO jeugdnorm_loader', obj);
    END LOOP;
    GRANT EXECUTE ON FUNCTION jeugdnorm.load_toewijzingen(pg_catalog.regclass),
                              jeugdnorm.load_declaraties(pg_catalog.regclass),
                              jeugdnorm.load_verzoeken(pg_catalog.regclass),
                              jeugdnorm.loader_stage(pg_catalog.regclass, text, text, text[], text[], text[], text),
                              jeugdnorm.loader_apply(pg_catalog.regclass, text, text, text, text, text, text),
                              jeugdnorm.loader_upsert(pg_catalog.regclass, text, text, text, text[], text, text)
       TO jeugdnorm_loader;

    -- admin
    GRANT SELECT, UPDATE ON jeugdnorm.settings TO jeugdnorm_admin;
    GRANT SELECT, INSERT, UPDATE, DELETE ON jeugdnorm.access TO jeugdnorm_admin;
    GRANT SELECT, DELETE ON jeugdnorm.rejected TO jeugdnorm_admin;
    GRANT EXECUTE ON FUNCTION jeugdnorm.refresh() TO jeugdnorm_admin;

    -- pseudonymisation (86_pseudonym.sql), when installed
    IF pg_catalog.to_regclass('jeugdnorm.pseudonym_key') IS NOT NULL THEN
        GRANT SELECT ON jeugdnorm.pseudonym_key TO jeugdnorm_admin;
    END IF;
    FOR obj IN
        SELECT p.oid::pg_catalog.regprocedure::text
          FROM pg_catalog.pg_proc p
         WHERE p.pronamespace = 'jeugdnorm'::pg_catalog.regnamespace
           AND p.proname = 'set_pseudonym_key'
    LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO jeugdnorm_admin', obj);
    END LOOP;
    FOR obj IN
        SELECT p.oid::pg_catalog.regprocedure::text
          FROM pg_catalog.pg_proc p
         WHERE p.pronamespace = 'jeugdnorm'::pg_catalog.regnamespace
           AND p.proname = 'pseudonymise'
    LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO jeugdnorm_loader, jeugdnorm_admin', obj);
    END LOOP;
END
$$;

COMMENT ON FUNCTION jeugdnorm.create_roles() IS
    'creates (when missing) the NOLOGIN roles jeugdnorm_reader (SELECT on the views of schema jeugdnorm), jeugdnorm_loader (loaders, input tables, INSERT on rejected) and jeugdnorm_admin (settings, refresh, access, rejected, pseudonym key) and grants their privileges; idempotent; run as superuser or extension owner with CREATEROLE; a BI login: CREATE ROLE bi_x LOGIN IN ROLE jeugdnorm_reader plus a row in jeugdnorm.access';

REVOKE EXECUTE ON FUNCTION jeugdnorm.create_roles() FROM PUBLIC;
-- ---------------------------------------------------------------------------
-- 87_steering_tenancy.sql (new in 0.2.0) -- tenancy for the section-9
-- inputs, by the rules of 85_tenancy.sql.
--
--  * verzoek holds client data per gemeente: the same row-level security as
--    toewijzing (ENABLE, one policy for every command).
--  * wijk and product_mapping are the region's configuration, not client
--    data (like product and norm): no RLS; product_mapping is readable by
--    PUBLIC (below: why).
--  * load_verzoeken writes to rejected: EXECUTE is revoked from PUBLIC
--    (26_verzoek_loader.sql) and granted to jeugdnorm_loader by
--    create_roles() (84_roles.sql).
-- ---------------------------------------------------------------------------

ALTER TABLE jeugdnorm.verzoek ENABLE ROW LEVEL SECURITY;
CREATE POLICY verzoek_by_gemeente ON jeugdnorm.verzoek
    USING ((SELECT jeugdnorm_internal.sees_all_gemeenten())
           OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
    WITH CHECK ((SELECT jeugdnorm_internal.sees_all_gemeenten())
                OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]));
COMMENT ON POLICY verzoek_by_gemeente ON jeugdnorm.verzoek IS
    'a role reads and writes only requests of the gemeenten in jeugdnorm.access for it (or its roles); ''*'' = all';


-- product_mapping is read by jeugdnorm_internal.mapped_product(), which the
-- planner inlines into the views that use it (30_cleaned.sql).  A table
-- reached through an inlined function is checked against the role running
-- the query, not the view's owner, so every role that reads a view needs
-- SELECT on it.  It holds product codes and analysis products only -- no
-- client data, and what the views' product columns show anyway.
GRANT SELECT ON jeugdnorm.product_mapping TO PUBLIC;
