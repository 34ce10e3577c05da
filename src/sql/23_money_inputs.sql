-- ---------------------------------------------------------------------------
-- 23_money_inputs.sql (new in 0.3.0) -- the money and capacity inputs of
-- DEFINITIONS.md section 10: the tables gemeente_jaar, indexatie,
-- capaciteit, budgetplafond and staffel, and the settings
-- budget_under_share / budget_over_share.
--
-- Read by the views of 62_money_capacity.sql (yearly_kpi,
-- providers_per_month, plek_capacity, cost_forecast, budget_uitnutting,
-- traject_realisation).  Every input is optional: no rows give NULL or no
-- rows in those views, never an error.
--
-- Decisions (the rules of 20_schema.sql apply):
--  * Every CHECK is named <table>_<column>_<rule>, so the error names the
--    rule (e.g. budgetplafond_plafond_positive); numbers must be finite
--    (is_finite), dates finite, codes in their format (is_gemeente,
--    is_aanbieder, is_productcode).
--  * No loader functions: the five tables are small configuration tables
--    that a region fills by hand or from a spreadsheet with plain INSERT or
--    COPY (doc/money.md shows both).  A bad row is refused by its named
--    CHECK with the offending row in the error's DETAIL; nothing is loaded
--    silently wrong, and nothing goes to jeugdnorm.rejected (that table is
--    for the loaders of the message streams).
--  * Keys: gemeente_jaar (gemeente, jaar); indexatie (jaar); capaciteit
--    (gemeente, aanbieder, productcode, geldig_van) -- geldig_van is part of
--    the key, so it is NOT NULL; budgetplafond (plafond_id); staffel
--    (plafond_id, vanaf_pct), plafond_id a foreign key to budgetplafond
--    (ON DELETE CASCADE: a ceiling's tiers go with it; ON UPDATE CASCADE).
--  * capaciteit: geldig_tot NULL = open; a geldig_tot before geldig_van is
--    refused (capaciteit_geldig_tot_not_before_geldig_van).  Overlapping
--    rows are allowed: [M3] takes the latest geldig_van valid on the day.
--  * budgetplafond.jaar: any year; a ceiling for a year outside the window
--    has no cost ([M5]).  donut_hole_pct NULL = no donut hole.
--  * staffel.korting_pct between 0 and 100 inclusive (100 = the slice above
--    the tier is not paid at all), vanaf_pct > 0 (a tier from 0 % would make
--    the whole ceiling discounted: give the korting in the tariff instead).
--  * Tenancy (88_money_tenancy.sql): row-level security on gemeente_jaar,
--    capaciteit and budgetplafond (region-wide ceilings with gemeente NULL:
--    see there); indexatie and staffel hold no gemeente.
--  * The settings columns are added with ADD COLUMN IF NOT EXISTS after
--    lead_time_target_days (22_steering_schema.sql), so a fresh install and
--    an upgrade from 0.2.0 get the same column order.  The settings guard
--    trigger (20_schema.sql) needs no change: it marks any UPDATE changed,
--    whatever columns change.
-- ---------------------------------------------------------------------------

-- ---- settings: budget_under_share, budget_over_share ------------------------------

ALTER TABLE jeugdnorm.settings
    ADD COLUMN IF NOT EXISTS budget_under_share numeric NOT NULL DEFAULT 0.80
        CONSTRAINT settings_budget_under_share_range
            CHECK (jeugdnorm.is_finite(budget_under_share) AND budget_under_share >= 0),
    ADD COLUMN IF NOT EXISTS budget_over_share numeric NOT NULL DEFAULT 1.00
        CONSTRAINT settings_budget_over_share_range
            CHECK (jeugdnorm.is_finite(budget_over_share) AND budget_over_share >= 0);
ALTER TABLE jeugdnorm.settings
    ADD CONSTRAINT settings_budget_under_share_not_above_over_share
        CHECK (budget_under_share <= budget_over_share);
COMMENT ON COLUMN jeugdnorm.settings.budget_under_share IS
    'budget_uitnutting: a ceiling whose forecast is below this share of the plafond signals ''onderbenutting'' (default 0.80)';
COMMENT ON COLUMN jeugdnorm.settings.budget_over_share IS
    'budget_uitnutting: a ceiling whose forecast is above this share of the plafond signals ''overschrijding'' (default 1.00)';

-- ---- gemeente_jaar -----------------------------------------------------------------

CREATE TABLE jeugdnorm.gemeente_jaar (
    gemeente   text NOT NULL
        CONSTRAINT gemeente_jaar_gemeente_format CHECK (jeugdnorm.is_gemeente(gemeente)),
    jaar       integer NOT NULL
        CONSTRAINT gemeente_jaar_jaar_range CHECK (jaar BETWEEN 1900 AND 2999),
    jeugdigen  bigint
        CONSTRAINT gemeente_jaar_jeugdigen_not_negative CHECK (jeugdigen >= 0),
    inkomsten  numeric
        CONSTRAINT gemeente_jaar_inkomsten_finite CHECK (jeugdnorm.is_finite(inkomsten))
        CONSTRAINT gemeente_jaar_inkomsten_not_negative CHECK (inkomsten >= 0),
    CONSTRAINT gemeente_jaar_pkey PRIMARY KEY (gemeente, jaar)
);
COMMENT ON TABLE jeugdnorm.gemeente_jaar IS
    'gemeente per jaar: population aged 0-17 and youth-care income of a gemeente in a year, for yearly_kpi (cost per youth, clients per 1,000 youth, cost against income); either value may be NULL';
COMMENT ON COLUMN jeugdnorm.gemeente_jaar.gemeente IS 'gemeente: CBS municipality code, 4 digits';
COMMENT ON COLUMN jeugdnorm.gemeente_jaar.jaar IS 'jaar: calendar year';
COMMENT ON COLUMN jeugdnorm.gemeente_jaar.jeugdigen IS 'jeugdigen: inhabitants aged 0-17 on 1 January of the year (CBS); >= 0; NULL = unknown';
COMMENT ON COLUMN jeugdnorm.gemeente_jaar.inkomsten IS 'inkomsten: the gemeente''s youth-care income for the year in euros (e.g. its gemeentefonds share); >= 0; NULL = unknown';

-- ---- indexatie ---------------------------------------------------------------------

CREATE TABLE jeugdnorm.indexatie (
    jaar  integer NOT NULL
        CONSTRAINT indexatie_jaar_range CHECK (jaar BETWEEN 1900 AND 2999),
    pct   numeric NOT NULL
        CONSTRAINT indexatie_pct_finite CHECK (jeugdnorm.is_finite(pct))
        CONSTRAINT indexatie_pct_above_minus_100 CHECK (pct > -100),
    CONSTRAINT indexatie_pkey PRIMARY KEY (jaar)
);
COMMENT ON TABLE jeugdnorm.indexatie IS
    'indexatie: the tariff index applied in a year, in per cent (e.g. 3.4), for cost_forecast.forecast_previous_year; a year without a row has index 0';
COMMENT ON COLUMN jeugdnorm.indexatie.jaar IS 'jaar: calendar year the index applies to';
COMMENT ON COLUMN jeugdnorm.indexatie.pct IS 'pct: tariff index in per cent (3.4 = tariffs 3.4 % above last year''s); above -100';

-- ---- capaciteit --------------------------------------------------------------------

CREATE TABLE jeugdnorm.capaciteit (
    gemeente    text NOT NULL
        CONSTRAINT capaciteit_gemeente_format CHECK (jeugdnorm.is_gemeente(gemeente)),
    aanbieder   text NOT NULL
        CONSTRAINT capaciteit_aanbieder_format CHECK (jeugdnorm.is_aanbieder(aanbieder)),
    productcode text NOT NULL
        CONSTRAINT capaciteit_productcode_format CHECK (jeugdnorm.is_productcode(productcode)),
    geldig_van  date NOT NULL
        CONSTRAINT capaciteit_geldig_van_finite CHECK (isfinite(geldig_van)),
    geldig_tot  date
        CONSTRAINT capaciteit_geldig_tot_finite CHECK (isfinite(geldig_tot)),
    plekken     numeric NOT NULL
        CONSTRAINT capaciteit_plekken_finite CHECK (jeugdnorm.is_finite(plekken))
        CONSTRAINT capaciteit_plekken_positive CHECK (plekken > 0),
    CONSTRAINT capaciteit_pkey PRIMARY KEY (gemeente, aanbieder, productcode, geldig_van),
    CONSTRAINT capaciteit_geldig_tot_not_before_geldig_van CHECK (geldig_tot >= geldig_van)
);
COMMENT ON TABLE jeugdnorm.capaciteit IS
    'capaciteit: contracted places (plekken) of a plek-financed product at a provider for a gemeente, for plek_capacity; several rows valid on one day: the latest geldig_van wins';
COMMENT ON COLUMN jeugdnorm.capaciteit.gemeente IS 'gemeente: CBS municipality code, 4 digits';
COMMENT ON COLUMN jeugdnorm.capaciteit.aanbieder IS 'aanbieder: provider AGB code, 8 digits';
COMMENT ON COLUMN jeugdnorm.capaciteit.productcode IS 'productcode: the plek-financed product (the analysis product when product_mapping renames it)';
COMMENT ON COLUMN jeugdnorm.capaciteit.geldig_van IS 'geldig van: first day the capacity applies';
COMMENT ON COLUMN jeugdnorm.capaciteit.geldig_tot IS 'geldig tot: last day the capacity applies; NULL = open';
COMMENT ON COLUMN jeugdnorm.capaciteit.plekken IS 'plekken: contracted places (may be fractional, e.g. 2.5 fte-places); > 0';

-- ---- budgetplafond -----------------------------------------------------------------

CREATE TABLE jeugdnorm.budgetplafond (
    plafond_id     text NOT NULL
        CONSTRAINT budgetplafond_plafond_id_not_empty CHECK (plafond_id <> ''),
    jaar           integer NOT NULL
        CONSTRAINT budgetplafond_jaar_range CHECK (jaar BETWEEN 1900 AND 2999),
    gemeente       text
        CONSTRAINT budgetplafond_gemeente_format CHECK (jeugdnorm.is_gemeente(gemeente)),
    aanbieder      text NOT NULL
        CONSTRAINT budgetplafond_aanbieder_format CHECK (jeugdnorm.is_aanbieder(aanbieder)),
    productcode    text
        CONSTRAINT budgetplafond_productcode_format CHECK (jeugdnorm.is_productcode(productcode)),
    plafond        numeric NOT NULL
        CONSTRAINT budgetplafond_plafond_finite CHECK (jeugdnorm.is_finite(plafond))
        CONSTRAINT budgetplafond_plafond_positive CHECK (plafond > 0),
    donut_hole_pct numeric
        CONSTRAINT budgetplafond_donut_hole_pct_finite CHECK (jeugdnorm.is_finite(donut_hole_pct))
        CONSTRAINT budgetplafond_donut_hole_pct_not_negative CHECK (donut_hole_pct >= 0),
    CONSTRAINT budgetplafond_pkey PRIMARY KEY (plafond_id)
);
COMMENT ON TABLE jeugdnorm.budgetplafond IS
    'budgetplafond: a budget ceiling of a provider for a year, for the region (gemeente NULL) or one gemeente, for all its products (productcode NULL) or one, optionally with a donut hole and a staffel (jeugdnorm.staffel); for budget_uitnutting';
COMMENT ON COLUMN jeugdnorm.budgetplafond.plafond_id IS 'plafond_id: the ceiling''s own key (free text, e.g. ''2025-R-12345678'')';
COMMENT ON COLUMN jeugdnorm.budgetplafond.jaar IS 'jaar: calendar year of the ceiling';
COMMENT ON COLUMN jeugdnorm.budgetplafond.gemeente IS 'gemeente: CBS code of the gemeente the ceiling is for; NULL = the whole region (every gemeente''s claims count)';
COMMENT ON COLUMN jeugdnorm.budgetplafond.aanbieder IS 'aanbieder: provider AGB code (the allocation''s provider counts)';
COMMENT ON COLUMN jeugdnorm.budgetplafond.productcode IS 'productcode: the product the ceiling is for (the claim line''s own code); NULL = all of the provider''s products';
COMMENT ON COLUMN jeugdnorm.budgetplafond.plafond IS 'plafond: the ceiling in euros; > 0';
COMMENT ON COLUMN jeugdnorm.budgetplafond.donut_hole_pct IS 'donut hole in per cent of the ceiling: cost above the ceiling up to plafond x (1 + donut_hole_pct / 100) is not paid, cost beyond it is; NULL = no donut hole';

-- ---- staffel -----------------------------------------------------------------------

CREATE TABLE jeugdnorm.staffel (
    plafond_id  text NOT NULL,
    vanaf_pct   numeric NOT NULL
        CONSTRAINT staffel_vanaf_pct_finite CHECK (jeugdnorm.is_finite(vanaf_pct))
        CONSTRAINT staffel_vanaf_pct_positive CHECK (vanaf_pct > 0),
    korting_pct numeric NOT NULL
        CONSTRAINT staffel_korting_pct_finite CHECK (jeugdnorm.is_finite(korting_pct))
        CONSTRAINT staffel_korting_pct_range CHECK (korting_pct BETWEEN 0 AND 100),
    CONSTRAINT staffel_pkey PRIMARY KEY (plafond_id, vanaf_pct),
    CONSTRAINT staffel_plafond_id_fkey FOREIGN KEY (plafond_id)
        REFERENCES jeugdnorm.budgetplafond (plafond_id) ON UPDATE CASCADE ON DELETE CASCADE
);
COMMENT ON TABLE jeugdnorm.staffel IS
    'staffel (staffelkorting, tiered discount) of a budget ceiling: from vanaf_pct % of the plafond on, the tariff is lowered by korting_pct %, up to the next tier; for budget_uitnutting.payable_staffel';
COMMENT ON COLUMN jeugdnorm.staffel.plafond_id IS 'plafond_id: the ceiling (jeugdnorm.budgetplafond) the tier belongs to';
COMMENT ON COLUMN jeugdnorm.staffel.vanaf_pct IS 'vanaf: the tier starts at this per cent of the plafond (e.g. 90); > 0';
COMMENT ON COLUMN jeugdnorm.staffel.korting_pct IS 'korting: discount in per cent on the cost inside this tier (0..100)';

-- ---- pg_dump keeps the user's rows (as 20_schema.sql) --------------------------------

SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.gemeente_jaar', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.indexatie', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.capaciteit', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.budgetplafond', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.staffel', '');
