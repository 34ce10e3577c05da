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

-- Schema jeugdnorm_internal: created by 05_internal_schema.sql (since 0.3.0;
-- until 0.2.0 here).

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
-- inlined by the planner into the calling query (a LATERAL subquery) --
-- nothing like a function call -- and the body, bound at CREATE time, is
-- immune to the caller's search_path.  The winner is looked up (a
-- correlated subquery: scan, sort, limit, once per row) only for a row
-- whose (productcategorie, productcode) has a mapping row at all, tested
-- first against a hash of those pairs built once per query (a hashed
-- subplan; a NULL productcode as ''): most allocations have none, and the
-- lookup per row cost ~1.5 us, about 0.7 s of every read of the
-- allocations at demo scale 20 (0.3.0, issue 16).  The test only skips
-- rows the lookup cannot match (a match has an equal productcategorie and
-- an equal or both-NULL productcode, so an equal pair here), so the result
-- is the same.

CREATE OR REPLACE FUNCTION jeugdnorm_internal.mapped_product(
        productcategorie text, productcode text, aanbieder text, on_date date)
    RETURNS TABLE (product text)
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT coalesce(CASE WHEN (mapped_product.productcategorie, coalesce(mapped_product.productcode, ''))
                              IN (SELECT g.productcategorie, coalesce(g.productcode, '')
                                    FROM jeugdnorm.product_mapping g)
                         THEN (SELECT m.analysis_product
                                 FROM jeugdnorm.product_mapping m
                                WHERE m.productcategorie = mapped_product.productcategorie
                                  AND m.productcode IS NOT DISTINCT FROM mapped_product.productcode
                                  AND (m.aanbieder = mapped_product.aanbieder OR m.aanbieder IS NULL)
                                  AND m.geldig_van <= mapped_product.on_date
                                  AND mapped_product.on_date <= coalesce(m.geldig_tot, 'infinity'::date)
                                ORDER BY m.aanbieder IS NULL, m.geldig_van DESC, m.analysis_product
                                LIMIT 1) END,
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
