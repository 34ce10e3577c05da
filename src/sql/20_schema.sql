-- ---------------------------------------------------------------------------
-- 20_schema.sql -- the input tables (DEFINITIONS.md sections 2 and 6)
--
-- Column names, order and types are the contract's.  Extra columns follow
-- the contract columns (declaratie_id, norm_id, contract_id, settings.id,
-- settings.changed), so `SELECT *` shows the contract columns first.
--
-- Decisions (also in the README section "Input tables"):
--  * Every CHECK constraint is named <table>_<column>_<rule> so the error
--    message itself says what is wrong (e.g. toewijzing_gemeente_format).
--  * Code formats are SQL functions (is_gemeente, is_aanbieder,
--    is_productcategorie, is_productcode, is_finite) used by the CHECKs and by
--    the loaders (25_loaders.sql), so each rule is written once.  The iJw code
--    lists (eenheid, frequentie) live in C (10_core.sql: is_eenheid,
--    is_frequentie).  All are STRICT: a NULL passes the CHECK; NOT NULL is a
--    separate decision per column.
--  * The format rules have SQL-standard bodies (RETURN ...): they are parsed
--    when the extension is created, so every name in them is bound then and
--    no object on a caller's search_path can change what a CHECK or a loader
--    computes (issue 9, safe functions); they are still inlined.
--  * NOT NULL only where the contract says so (toewijzing.ingangsdatum,
--    declaratie.begindatum/einddatum), on key columns, and on
--    declaratie.gemeente/toewijzingnummer: a claim line is only ever used
--    through its allocation key, so a line without one carries nothing.
--  * declaratie has no unique key (contract): a surrogate declaratie_id
--    (bigserial) is its primary key.  Views that compare "all columns" of a
--    claim line must leave declaratie_id out.
--  * norm and contract: the contract allows a NULL geldig_van ("a NULL
--    geldig_van never matches", [R9]), so it cannot be part of a primary
--    key: surrogate keys norm_id / contract_id, plus UNIQUE on the natural
--    key (NULLs distinct), so two versions with the same geldig_van -- an
--    ambiguous lookup -- are refused.
--  * norm.productcode has no format check: a norm may name a productgroep.
--  * Numeric columns must be finite (no NaN / Infinity): one NaN poisons
--    every sum and breaks the bounded numeric types of the BI views.
--  * Dates must be finite: 'infinity' is not "open" (NULL is), and day
--    counts over an infinite date are meaningless.
--  * Credit lines: declaratie.volume and bedrag may be negative;
--    toewijzing.volume and budget may not.
-- ---------------------------------------------------------------------------

-- ---- format rules (shared by CHECK constraints and loaders) ---------------
-- C since 0.3.0 (src/core/formats.c, the rules the iJw parser applies too;
-- an upgrade replaces the SQL-language versions of 0.1.0/0.2.0 in
-- src/upgrade/0.2.0--0.3.0.sql): a CHECK of declaratie and toewijzing then
-- costs a function call instead of a regular expression per row.

CREATE FUNCTION jeugdnorm.is_gemeente(code text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'jn_is_gemeente'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION jeugdnorm.is_gemeente(text) IS
    'true when code is a CBS gemeente (municipality) code: exactly 4 digits, e.g. ''0758''';

CREATE FUNCTION jeugdnorm.is_aanbieder(code text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'jn_is_aanbieder'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION jeugdnorm.is_aanbieder(text) IS
    'true when code is an AGB code of a zorgaanbieder (provider): exactly 8 digits';

CREATE FUNCTION jeugdnorm.is_productcategorie(code text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'jn_is_productcategorie'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION jeugdnorm.is_productcategorie(text) IS
    'true when code is an iJw productcategorie (product category): exactly 2 digits, e.g. ''45''';

CREATE FUNCTION jeugdnorm.is_productcode(code text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'jn_is_productcode'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION jeugdnorm.is_productcode(text) IS
    'true when code is an iJw productcode: exactly 5 letters or digits, e.g. ''45A12''';

-- x - x = 0 holds for every finite numeric and fails for NaN and +-Infinity
-- (Infinity - Infinity is NaN, and NaN = 0 is false).  Written this way, not
-- with an 'Infinity'::numeric literal, so it also installs on PostgreSQL 13.
CREATE FUNCTION jeugdnorm.is_finite(x numeric) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN $1 - $1 = 0;
COMMENT ON FUNCTION jeugdnorm.is_finite(numeric) IS
    'true when x is a finite number (not NaN, not Infinity)';

-- ---- toewijzing ------------------------------------------------------------

CREATE TABLE jeugdnorm.toewijzing (
    gemeente          text NOT NULL
        CONSTRAINT toewijzing_gemeente_format CHECK (jeugdnorm.is_gemeente(gemeente)),
    toewijzingnummer  text NOT NULL
        CONSTRAINT toewijzing_toewijzingnummer_not_empty CHECK (toewijzingnummer <> ''),
    client_id         text,
    geboortedatum     date,
    aanbieder         text
        CONSTRAINT toewijzing_aanbieder_format CHECK (jeugdnorm.is_aanbieder(aanbieder)),
    productcategorie  text
        CONSTRAINT toewijzing_productcategorie_format CHECK (jeugdnorm.is_productcategorie(productcategorie)),
    productcode       text
        CONSTRAINT toewijzing_productcode_format CHECK (jeugdnorm.is_productcode(productcode)),
    ingangsdatum      date NOT NULL,
    einddatum         date,
    volume            numeric
        CONSTRAINT toewijzing_volume_finite CHECK (jeugdnorm.is_finite(volume))
        CONSTRAINT toewijzing_volume_not_negative CHECK (volume >= 0),
    eenheid           text
        CONSTRAINT toewijzing_eenheid_known CHECK (jeugdnorm.is_eenheid(eenheid)),
    frequentie        text
        CONSTRAINT toewijzing_frequentie_known CHECK (jeugdnorm.is_frequentie(frequentie)),
    budget            numeric
        CONSTRAINT toewijzing_budget_finite CHECK (jeugdnorm.is_finite(budget))
        CONSTRAINT toewijzing_budget_not_negative CHECK (budget >= 0),
    reden_wijziging   text
        CONSTRAINT toewijzing_reden_wijziging_format CHECK (reden_wijziging ~ '^[0-9]{2}$'),
    CONSTRAINT toewijzing_pkey PRIMARY KEY (gemeente, toewijzingnummer),
    CONSTRAINT toewijzing_dates_finite
        CHECK (isfinite(ingangsdatum) AND isfinite(einddatum) AND isfinite(geboortedatum)),
    CONSTRAINT toewijzing_einddatum_not_before_ingangsdatum CHECK (einddatum >= ingangsdatum)
);

-- Path building groups by (client_id, aanbieder, product) and orders by
-- ingangsdatum; follow-up and flow group by client_id alone.
CREATE INDEX toewijzing_client_aanbieder_product_idx
    ON jeugdnorm.toewijzing (client_id, aanbieder, productcode, ingangsdatum);
CREATE INDEX toewijzing_client_ingangsdatum_idx
    ON jeugdnorm.toewijzing (client_id, ingangsdatum);

COMMENT ON TABLE jeugdnorm.toewijzing IS
    'toewijzing (allocation, iJw JW301): one row per allocation of a product by a gemeente to a client at a provider; keyed by (gemeente, toewijzingnummer)';
COMMENT ON COLUMN jeugdnorm.toewijzing.gemeente IS
    'gemeente: CBS municipality code, 4 digits, e.g. ''0758''';
COMMENT ON COLUMN jeugdnorm.toewijzing.toewijzingnummer IS
    'toewijzingnummer: allocation number, unique within a gemeente';
COMMENT ON COLUMN jeugdnorm.toewijzing.client_id IS
    'client_id: pseudonymised client key (never a raw BSN)';
COMMENT ON COLUMN jeugdnorm.toewijzing.geboortedatum IS
    'geboortedatum: client''s date of birth, for the age filter (settings.max_age)';
COMMENT ON COLUMN jeugdnorm.toewijzing.aanbieder IS
    'aanbieder: provider AGB code, 8 digits';
COMMENT ON COLUMN jeugdnorm.toewijzing.productcategorie IS
    'productcategorie: iJw product category, 2 digits, e.g. ''45''';
COMMENT ON COLUMN jeugdnorm.toewijzing.productcode IS
    'productcode: iJw product code, 5 characters, e.g. ''45A12''; NULL = aspecifiek (non-specific) allocation';
COMMENT ON COLUMN jeugdnorm.toewijzing.ingangsdatum IS
    'ingangsdatum: first day of the allocation (inclusive)';
COMMENT ON COLUMN jeugdnorm.toewijzing.einddatum IS
    'einddatum: last day of the allocation (inclusive); NULL = still running';
COMMENT ON COLUMN jeugdnorm.toewijzing.volume IS
    'volume: allocated amount per frequentie, in eenheid; >= 0';
COMMENT ON COLUMN jeugdnorm.toewijzing.eenheid IS
    'eenheid: iJw unit code (WJ756): 01 minuut, 04 uur, 14 etmaal, 16 dagdeel, 82 stuks (output), 83 euro''s, 84 stuks (inspanning)';
COMMENT ON COLUMN jeugdnorm.toewijzing.frequentie IS
    'frequentie: iJw frequency code (WJ757): 1 per dag, 2 per week, 4 per maand, 6 totaal binnen geldigheidsduur';
COMMENT ON COLUMN jeugdnorm.toewijzing.budget IS
    'budget: allocated budget in euros, where allocated as a budget; >= 0';
COMMENT ON COLUMN jeugdnorm.toewijzing.reden_wijziging IS
    'reden_wijziging: iJw RedenWijziging of the latest JW301 for this allocation, 2 digits; ''13'' = verwijderd (removed: counts as never sent)';

-- ---- declaratie ------------------------------------------------------------

CREATE TABLE jeugdnorm.declaratie (
    gemeente          text NOT NULL
        CONSTRAINT declaratie_gemeente_format CHECK (jeugdnorm.is_gemeente(gemeente)),
    toewijzingnummer  text NOT NULL
        CONSTRAINT declaratie_toewijzingnummer_not_empty CHECK (toewijzingnummer <> ''),
    client_id         text,
    aanbieder         text
        CONSTRAINT declaratie_aanbieder_format CHECK (jeugdnorm.is_aanbieder(aanbieder)),
    productcategorie  text
        CONSTRAINT declaratie_productcategorie_format CHECK (jeugdnorm.is_productcategorie(productcategorie)),
    productcode       text
        CONSTRAINT declaratie_productcode_format CHECK (jeugdnorm.is_productcode(productcode)),
    begindatum        date NOT NULL,
    einddatum         date NOT NULL,
    volume            numeric
        CONSTRAINT declaratie_volume_finite CHECK (jeugdnorm.is_finite(volume)),
    eenheid           text
        CONSTRAINT declaratie_eenheid_known CHECK (jeugdnorm.is_eenheid(eenheid)),
    bedrag            numeric
        CONSTRAINT declaratie_bedrag_finite CHECK (jeugdnorm.is_finite(bedrag)),
    declaratie_id     bigserial
        CONSTRAINT declaratie_pkey PRIMARY KEY,
    CONSTRAINT declaratie_dates_finite CHECK (isfinite(begindatum) AND isfinite(einddatum)),
    CONSTRAINT declaratie_einddatum_not_before_begindatum CHECK (einddatum >= begindatum)
);

-- Claim lines are matched to allocations by (gemeente, toewijzingnummer);
-- the loader's duplicate check uses the same index.
CREATE INDEX declaratie_gemeente_toewijzingnummer_idx
    ON jeugdnorm.declaratie (gemeente, toewijzingnummer);

COMMENT ON TABLE jeugdnorm.declaratie IS
    'declaratie (claim, iJw JW323/JW303 prestatie): one row per claim line; no unique key (the loaders refuse exact duplicates, the table accepts them); a credit line has negative volume and bedrag';
COMMENT ON COLUMN jeugdnorm.declaratie.gemeente IS
    'gemeente: CBS municipality code of the allocation claimed against, 4 digits';
COMMENT ON COLUMN jeugdnorm.declaratie.toewijzingnummer IS
    'toewijzingnummer: the allocation this line claims against (no foreign key: it may not be loaded yet)';
COMMENT ON COLUMN jeugdnorm.declaratie.client_id IS
    'client_id: pseudonymised client key as claimed (views use the allocation''s)';
COMMENT ON COLUMN jeugdnorm.declaratie.aanbieder IS
    'aanbieder: provider AGB code as claimed, 8 digits (views use the allocation''s)';
COMMENT ON COLUMN jeugdnorm.declaratie.productcategorie IS
    'productcategorie: iJw product category of the delivered product, 2 digits';
COMMENT ON COLUMN jeugdnorm.declaratie.productcode IS
    'productcode: iJw product code of the delivered product, 5 characters';
COMMENT ON COLUMN jeugdnorm.declaratie.begindatum IS
    'begindatum: first day of the delivery period claimed (inclusive)';
COMMENT ON COLUMN jeugdnorm.declaratie.einddatum IS
    'einddatum: last day of the delivery period claimed (inclusive)';
COMMENT ON COLUMN jeugdnorm.declaratie.volume IS
    'volume: delivered volume in eenheid; negative on a credit line';
COMMENT ON COLUMN jeugdnorm.declaratie.eenheid IS
    'eenheid: iJw unit code (WJ756)';
COMMENT ON COLUMN jeugdnorm.declaratie.bedrag IS
    'bedrag: amount in euros (not eurocent); negative on a credit line';
COMMENT ON COLUMN jeugdnorm.declaratie.declaratie_id IS
    'declaratie_id: surrogate key (not part of the contract); leave it out when comparing claim lines';

-- ---- product ---------------------------------------------------------------

CREATE TABLE jeugdnorm.product (
    productcategorie  text NOT NULL
        CONSTRAINT product_productcategorie_format CHECK (jeugdnorm.is_productcategorie(productcategorie)),
    productcode       text NOT NULL
        CONSTRAINT product_productcode_format CHECK (jeugdnorm.is_productcode(productcode)),
    omschrijving      text,
    productgroep      text,
    variant           text
        CONSTRAINT product_variant_known
        CHECK (variant IN ('licht', 'midden', 'zwaar', 'maatwerk', 'meerwerk')),
    financieringsvorm text
        CONSTRAINT product_financieringsvorm_known
        CHECK (financieringsvorm IN ('inspanning', 'traject', 'plek', 'taak')),
    segment           text,
    tarief            numeric
        CONSTRAINT product_tarief_finite CHECK (jeugdnorm.is_finite(tarief))
        CONSTRAINT product_tarief_not_negative CHECK (tarief >= 0),
    standaard_doorlooptijd_maanden numeric
        CONSTRAINT product_standaard_doorlooptijd_maanden_not_negative
        CHECK (jeugdnorm.is_finite(standaard_doorlooptijd_maanden) AND standaard_doorlooptijd_maanden >= 0),
    standaard_volume  numeric
        CONSTRAINT product_standaard_volume_not_negative
        CHECK (jeugdnorm.is_finite(standaard_volume) AND standaard_volume >= 0),
    CONSTRAINT product_pkey PRIMARY KEY (productcategorie, productcode)
);

COMMENT ON TABLE jeugdnorm.product IS
    'product: the service catalogue (dienstencatalogus), one row per iJw product';
COMMENT ON COLUMN jeugdnorm.product.productcategorie IS
    'productcategorie: iJw product category, 2 digits';
COMMENT ON COLUMN jeugdnorm.product.productcode IS
    'productcode: iJw product code, 5 characters';
COMMENT ON COLUMN jeugdnorm.product.omschrijving IS
    'omschrijving: product name';
COMMENT ON COLUMN jeugdnorm.product.productgroep IS
    'productgroep: product group that care paths are built in, e.g. ''GGZ'', ''Ambulant perspectief 1''';
COMMENT ON COLUMN jeugdnorm.product.variant IS
    'variant: ''licht'', ''midden'', ''zwaar'', ''maatwerk'', ''meerwerk'' or NULL';
COMMENT ON COLUMN jeugdnorm.product.financieringsvorm IS
    'financieringsvorm (funding model): ''inspanning'' (P*Q), ''traject'', ''plek'' or ''taak''';
COMMENT ON COLUMN jeugdnorm.product.segment IS
    'segment: purchasing segment';
COMMENT ON COLUMN jeugdnorm.product.tarief IS
    'tarief (price): euros per canonical unit (inspanning) or per trajectory (traject)';
COMMENT ON COLUMN jeugdnorm.product.standaard_doorlooptijd_maanden IS
    'standaard doorlooptijd: standard duration of a trajectory, in months';
COMMENT ON COLUMN jeugdnorm.product.standaard_volume IS
    'standaard volume: standard volume of a trajectory, in hours';

-- ---- norm ------------------------------------------------------------------

CREATE TABLE jeugdnorm.norm (
    productcode       text NOT NULL,
    geldig_van        date,
    geldig_tot        date,
    max_doorlooptijd_maanden numeric
        CONSTRAINT norm_max_doorlooptijd_maanden_not_negative
        CHECK (jeugdnorm.is_finite(max_doorlooptijd_maanden) AND max_doorlooptijd_maanden >= 0),
    max_volume        numeric
        CONSTRAINT norm_max_volume_not_negative
        CHECK (jeugdnorm.is_finite(max_volume) AND max_volume >= 0),
    max_frequentie_per_week numeric
        CONSTRAINT norm_max_frequentie_per_week_not_negative
        CHECK (jeugdnorm.is_finite(max_frequentie_per_week) AND max_frequentie_per_week >= 0),
    norm_id           bigserial
        CONSTRAINT norm_pkey PRIMARY KEY,
    CONSTRAINT norm_productcode_geldig_van_key UNIQUE (productcode, geldig_van),
    CONSTRAINT norm_geldig_tot_not_before_geldig_van CHECK (geldig_tot >= geldig_van)
);

COMMENT ON TABLE jeugdnorm.norm IS
    'norm: the municipal norms (normenkader) per product or productgroep, in versions by validity period';
COMMENT ON COLUMN jeugdnorm.norm.productcode IS
    'productcode: the product the norm is for, or a productgroep name';
COMMENT ON COLUMN jeugdnorm.norm.geldig_van IS
    'geldig van: first day the norm is valid; a NULL geldig_van never matches';
COMMENT ON COLUMN jeugdnorm.norm.geldig_tot IS
    'geldig tot: last day the norm is valid; NULL = still valid';
COMMENT ON COLUMN jeugdnorm.norm.max_doorlooptijd_maanden IS
    'duration norm: maximum doorlooptijd of a care path, in months; NULL = no norm';
COMMENT ON COLUMN jeugdnorm.norm.max_volume IS
    'volume norm: maximum volume of a whole care request, in the product''s canonical unit; NULL = no norm';
COMMENT ON COLUMN jeugdnorm.norm.max_frequentie_per_week IS
    'intensity norm: maximum volume per week; NULL = no norm';
COMMENT ON COLUMN jeugdnorm.norm.norm_id IS
    'norm_id: surrogate key (not part of the contract; geldig_van may be NULL)';

-- ---- contract --------------------------------------------------------------

CREATE TABLE jeugdnorm.contract (
    gemeente          text NOT NULL
        CONSTRAINT contract_gemeente_format CHECK (jeugdnorm.is_gemeente(gemeente)),
    aanbieder         text NOT NULL
        CONSTRAINT contract_aanbieder_format CHECK (jeugdnorm.is_aanbieder(aanbieder)),
    productcode       text NOT NULL
        CONSTRAINT contract_productcode_format CHECK (jeugdnorm.is_productcode(productcode)),
    geldig_van        date,
    geldig_tot        date,
    contract_id       bigserial
        CONSTRAINT contract_pkey PRIMARY KEY,
    CONSTRAINT contract_gemeente_aanbieder_productcode_geldig_van_key
        UNIQUE (gemeente, aanbieder, productcode, geldig_van),
    CONSTRAINT contract_geldig_tot_not_before_geldig_van CHECK (geldig_tot >= geldig_van)
);

COMMENT ON TABLE jeugdnorm.contract IS
    'contract: which provider is contracted by which gemeente for which product, when; care without a valid contract is NGA (niet gecontracteerd aanbod)';
COMMENT ON COLUMN jeugdnorm.contract.gemeente IS
    'gemeente: CBS municipality code, 4 digits';
COMMENT ON COLUMN jeugdnorm.contract.aanbieder IS
    'aanbieder: provider AGB code, 8 digits';
COMMENT ON COLUMN jeugdnorm.contract.productcode IS
    'productcode: iJw product code, 5 characters';
COMMENT ON COLUMN jeugdnorm.contract.geldig_van IS
    'geldig van: first day of the contract; NULL never matches';
COMMENT ON COLUMN jeugdnorm.contract.geldig_tot IS
    'geldig tot: last day of the contract; NULL = still running';
COMMENT ON COLUMN jeugdnorm.contract.contract_id IS
    'contract_id: surrogate key (not part of the contract; geldig_van may be NULL)';

-- ---- aanbieder -------------------------------------------------------------

CREATE TABLE jeugdnorm.aanbieder (
    aanbieder         text NOT NULL
        CONSTRAINT aanbieder_aanbieder_format CHECK (jeugdnorm.is_aanbieder(aanbieder)),
    naam              text,
    type              text,
    CONSTRAINT aanbieder_pkey PRIMARY KEY (aanbieder)
);

COMMENT ON TABLE jeugdnorm.aanbieder IS
    'aanbieder: the zorgaanbieders (providers)';
COMMENT ON COLUMN jeugdnorm.aanbieder.aanbieder IS
    'aanbieder: provider AGB code, 8 digits';
COMMENT ON COLUMN jeugdnorm.aanbieder.naam IS
    'naam: provider name';
COMMENT ON COLUMN jeugdnorm.aanbieder.type IS
    'type: provider type, e.g. ''micro'' or ''regulier''';

-- ---- settings --------------------------------------------------------------
-- Exactly one row.  `id` (always true, primary key) makes a second row a
-- unique violation (23505, settings_single_row); DELETE and TRUNCATE are
-- refused by triggers because every view reads the row.
--
-- `changed` makes pg_dump / pg_restore keep the user's settings:
-- CREATE EXTENSION inserts the default row with changed = false; any UPDATE
-- sets changed = true (trigger).  pg_dump dumps the row only WHERE changed
-- (pg_extension_config_dump filter).  On restore, CREATE EXTENSION has
-- already inserted a default row; the dumped row arrives with
-- changed = true, and the insert trigger then replaces the untouched default
-- row instead of failing on the primary key.  A plain INSERT (changed
-- defaults to false) of a second row still fails.
--
-- Checks that need current_date (peildatum NULL means today) cannot be
-- CHECK constraints (not immutable); the insert/update trigger does them.

CREATE TABLE jeugdnorm.settings (
    window_start      date NOT NULL DEFAULT '2021-01-01',
    peildatum         date,
    extension_days    integer NOT NULL DEFAULT 90
        CONSTRAINT settings_extension_days_not_negative CHECK (extension_days >= 0),
    recidive_days     integer NOT NULL DEFAULT 365
        CONSTRAINT settings_recidive_days_not_negative CHECK (recidive_days >= 0),
    path_gap_days     integer NOT NULL DEFAULT 90
        CONSTRAINT settings_path_gap_days_not_negative CHECK (path_gap_days >= 0),
    max_age           integer DEFAULT 21
        CONSTRAINT settings_max_age_not_negative CHECK (max_age >= 0),
    drop_net_zero     boolean NOT NULL DEFAULT true,
    id                boolean NOT NULL DEFAULT true
        CONSTRAINT settings_id_true CHECK (id),
    changed           boolean NOT NULL DEFAULT false,
    CONSTRAINT settings_single_row PRIMARY KEY (id),
    CONSTRAINT settings_window_start_not_after_peildatum CHECK (window_start <= peildatum),
    CONSTRAINT settings_recidive_days_not_below_extension_days CHECK (recidive_days >= extension_days)
);

COMMENT ON TABLE jeugdnorm.settings IS
    'settings: the analysis settings, exactly one row; change them with UPDATE (views read them at the next refresh)';
COMMENT ON COLUMN jeugdnorm.settings.window_start IS
    'window start: first day of the analysis window (default 2021-01-01)';
COMMENT ON COLUMN jeugdnorm.settings.peildatum IS
    'peildatum (reference date): last day of the analysis window and of the data; NULL = current_date';
COMMENT ON COLUMN jeugdnorm.settings.extension_days IS
    'verlenging bound: a next allocation with gap <= extension_days is an extension (default 90)';
COMMENT ON COLUMN jeugdnorm.settings.recidive_days IS
    'recidive bound: extension_days < gap <= recidive_days is a repeat request (default 365)';
COMMENT ON COLUMN jeugdnorm.settings.path_gap_days IS
    'max gap in days inside one care path (zorghulpvraag); also the wait before a path counts as completed (default 90)';
COMMENT ON COLUMN jeugdnorm.settings.max_age IS
    'age filter: clients older than max_age at the allocation start are left out; NULL = no age filter (default 21)';
COMMENT ON COLUMN jeugdnorm.settings.drop_net_zero IS
    'drop claim lines whose net bedrag per (gemeente, toewijzingnummer, begindatum, einddatum) is 0 (default true)';
COMMENT ON COLUMN jeugdnorm.settings.id IS
    'always true: the primary key that allows only one row';
COMMENT ON COLUMN jeugdnorm.settings.changed IS
    'true once the row was changed after CREATE EXTENSION; only a changed row is dumped by pg_dump, and restoring it replaces the default row';

CREATE FUNCTION jeugdnorm_internal.settings_guard() RETURNS trigger
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
        -- The restore path below deletes the default row from inside this
        -- trigger (depth 2); everything else is refused.
        IF pg_trigger_depth() > 1 THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'jeugdnorm.settings must keep its one row'
            USING ERRCODE = 'restrict_violation',
                  HINT = 'Change the settings with UPDATE jeugdnorm.settings SET ...';
    END IF;

    IF NEW.peildatum IS NULL AND NEW.window_start > current_date THEN
        RAISE EXCEPTION 'window_start % is after the peildatum (NULL = current_date, %)',
            NEW.window_start, current_date
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'settings_window_start_not_after_peildatum';
    END IF;

    IF TG_OP = 'UPDATE' THEN
        NEW.changed := true;
    ELSIF NEW.changed THEN
        -- A row from pg_dump (only changed rows are dumped) replaces the
        -- default row that CREATE EXTENSION inserted; a changed row that
        -- is already there is not overwritten (the PK then refuses).
        DELETE FROM jeugdnorm.settings WHERE id AND NOT changed;
    END IF;
    RETURN NEW;
END;
$$;
COMMENT ON FUNCTION jeugdnorm_internal.settings_guard() IS
    'trigger on settings: refuses DELETE/TRUNCATE, checks window_start against current_date when peildatum is NULL, marks updated rows changed, lets a restored (changed) row replace the default row';

CREATE TRIGGER settings_guard_row
    BEFORE INSERT OR UPDATE OR DELETE ON jeugdnorm.settings
    FOR EACH ROW EXECUTE FUNCTION jeugdnorm_internal.settings_guard();
CREATE TRIGGER settings_guard_truncate
    BEFORE TRUNCATE ON jeugdnorm.settings
    FOR EACH STATEMENT EXECUTE FUNCTION jeugdnorm_internal.settings_guard();

INSERT INTO jeugdnorm.settings DEFAULT VALUES;

-- ---- rejected --------------------------------------------------------------

CREATE TABLE jeugdnorm.rejected (
    rejected_id       bigserial
        CONSTRAINT rejected_pkey PRIMARY KEY,
    source            text NOT NULL,
    target            text NOT NULL
        CONSTRAINT rejected_target_known CHECK (target IN ('toewijzing', 'declaratie')),  -- + 'verzoek': 22_steering_schema.sql
    row               jsonb NOT NULL,
    reason            text NOT NULL,
    rejected_at       timestamptz NOT NULL DEFAULT now(),
    source_row_no     bigint
);

CREATE INDEX rejected_rejected_at_idx ON jeugdnorm.rejected (rejected_at);

COMMENT ON TABLE jeugdnorm.rejected IS
    'rejected: rows the loaders (load_toewijzingen, load_declaraties) did not load, with the reason in words';
COMMENT ON COLUMN jeugdnorm.rejected.rejected_id IS
    'surrogate key, in the order rows were rejected';
COMMENT ON COLUMN jeugdnorm.rejected.source IS
    'the source table or view the row came from (schema-qualified, except a temporary table)';
COMMENT ON COLUMN jeugdnorm.rejected.target IS
    'the table the row was meant for: ''toewijzing'' or ''declaratie''';
COMMENT ON COLUMN jeugdnorm.rejected.row IS
    'the source row as it was, all its columns (to_jsonb)';
COMMENT ON COLUMN jeugdnorm.rejected.reason IS
    'why the row was not loaded, in words; several problems are joined by ''; ''';
COMMENT ON COLUMN jeugdnorm.rejected.rejected_at IS
    'when the row was rejected (the loading transaction''s start time)';
COMMENT ON COLUMN jeugdnorm.rejected.source_row_no IS
    'position of the row in the source as the loader read it (1, 2, ...)';

-- ---- pg_dump keeps user data -----------------------------------------------
-- Extension-member tables are not dumped unless registered.  All rows of the
-- input tables and of rejected are user data; settings only when changed
-- (see above).  The sequences are registered so their positions survive.

SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.toewijzing', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.declaratie', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.declaratie_declaratie_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.product', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.norm', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.norm_norm_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.contract', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.contract_contract_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.aanbieder', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.settings', 'WHERE changed');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.rejected', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.rejected_rejected_id_seq', '');
