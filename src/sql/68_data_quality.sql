-- ---------------------------------------------------------------------------
-- 68_data_quality.sql (new in 0.2.0) -- the data-quality signals of
-- DEFINITIONS.md section 9 ([S1], [S5]): jeugdnorm.data_quality (one row per
-- signal, all thirteen, zeros kept) and jeugdnorm.data_quality_rows (the rows
-- behind each signal, for follow-up with providers).
--
-- Changed in 0.3.0 (issue 14, part 2; [S5] v1.3): rows_after_peildatum
-- looks at all data (left-out allocations, every claim line), an open
-- 'totaal' allocation is never a row of allocations_claimed_above_100, and a
-- claim line without allocation shows its own product code, unmapped.  The
-- file is part of the 0.2.0 -> 0.3.0 update (SQL_CHANGED_SINCE_PREV in the
-- Makefile): src/upgrade/0.2.0--0.3.0.sql drops its objects first, so the
-- plain CREATEs below serve a fresh install and the update alike.
-- Changed in 0.3.0 (issue 16): the rows are kept per client
-- (mv_data_quality_rows, a per_client view of the incremental refresh)
-- and, for the claim lines without allocation, in mv_data_quality_orphans
-- (recomputed every refresh); the contract views read both through
-- jeugdnorm_internal.data_quality_rows and show the same rows (see "Per
-- client" below).
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
--   * the product of a row is its allocation's analysis product ([S2]):
--     a kept allocation's allocations.product (via mv_allocation_follow_up);
--     a left-out allocation's own codes mapped by the [S2] function
--     jeugdnorm_internal.mapped_product on its ingangsdatum, for its own row
--     and its claim lines' rows alike (client and provider: the toewijzing
--     row's, as for a kept allocation); a claim line whose key is in no
--     toewijzing row shows its own client, provider and coalesce(productcode,
--     productcategorie), unmapped ([S5] v1.3: the mapping is chosen by an
--     allocation's ingangsdatum, and such a line has none); a request its
--     own codes mapped on ontvangen ([S3]).
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
-- all data: every toewijzing row (kept or left out) by ingangsdatum or
-- toewijzingsdatum, every claim line by einddatum (a day after the
-- peildatum), every request by ontvangen or antwoord_datum.
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
-- Cost.  Each claim line is read once, grouped per allocation key without
-- a join, and read against its allocation in C once per key (see "How
-- (speed)" at mv_data_quality_rows); the signals then read the per-key
-- facts and the few flagged lines, without another join or a subquery per
-- row.  Still a pass over every claim line,
-- so the rows are stored (mv_data_quality_rows, mv_data_quality_orphans)
-- by jeugdnorm.refresh() -- after mv_allocation_follow_up, whose product
-- and contract_order it reuses -- and after a load only the changed
-- clients' rows are recomputed; the contract views read the stored
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
        'toewijzingen boven 100 % gedeclareerd: kept allocations whose claimed volume in their unit family is above their whole allocated volume (open: until the peildatum; an open ''totaal'' allocation has no allocated volume and is never a row; budget: the budget)'),
    (10, 'allocations_overlapping',
        'stapeling: kept allocations that start on or before the end of an earlier allocation of the same client, provider and product (or while one is open)'),
    (11, 'products_missing_from_catalogue',
        'producten niet in de dienstencatalogus: kept allocations whose (productcategorie, productcode) is not in jeugdnorm.product'),
    (12, 'claims_nga',
        'niet gecontracteerd aanbod (NGA): kept claim lines without a contract for (gemeente, the allocation''s aanbieder, the claim''s productcode) valid on their begindatum'),
    (13, 'rows_after_peildatum',
        'rijen na de peildatum: all data -- allocations (left-out ones too) with ingangsdatum or toewijzingsdatum after the peildatum, claim lines (every one, also without or of a left-out allocation) with a day after it, requests received or answered after it')
  ) AS v (signal_order, signal, description);

COMMENT ON VIEW jeugdnorm_internal.data_quality_signals IS
    'the thirteen data-quality signals of DEFINITIONS [S1] in their fixed order, with their descriptions (the one list data_quality and data_quality_rows read)';

-- ---- [R12] credit groups and net-zero groups, whatever drop_net_zero says -----------------
-- The same rule and the same speed trick as jeugdnorm_internal.claim_lines
-- (30_cleaned.sql): only groups holding a line with bedrag <= 0 can net to
-- exactly 0 (read from declaratie_net_zero_idx); a NULL net is not 0.
-- credit_groups are those candidate groups with their net; net_zero_groups
-- the ones whose net is exactly 0.  mv_data_quality_rows applies the same
-- rule to each allocation key's own lines, in C (dq_key_lines).

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
-- One claim line that raises a line signal, as jeugdnorm_internal.
-- dq_key_lines returns them per allocation key (unnested by
-- mv_data_quality_rows): its own columns the rows show, its canonical unit,
-- and which line signals it raises.

CREATE TYPE jeugdnorm_internal.data_quality_line AS (
    declaratie_id      bigint,
    begindatum         date,
    einddatum          date,
    productcode        text,
    bedrag             numeric,
    unit               text,
    net_zero_lines     bigint,
    outside_period     boolean,
    other_family       boolean,
    after_peildatum    boolean,
    nga                boolean,
    copy_of            bigint
);

COMMENT ON TYPE jeugdnorm_internal.data_quality_line IS
    'a claim line that raises a line signal of jeugdnorm_internal.mv_data_quality_rows, as dq_key_lines returns it: its own columns the rows show, its canonical unit, the lines of its net-zero group (NULL when none), the flags of claims_outside_allocation_period, claims_other_unit_family, rows_after_peildatum and claims_nga, and the first line it is a copy of (claims_duplicate); internal';

-- ---- the per-line work in C (src/core/dq_lines.c, src/pg/dq_lines.c) ----------------------
-- dq_lines_agg packs the claim lines of a group (one allocation key) as
-- they are; dq_key_lines reads them against the key's allocation, the
-- contracts of (gemeente, its aanbieder) and the settings, and returns the
-- facts of the key and its flagged lines.  Internal: the packed bytea is a
-- format of this version, read only by dq_key_lines (which checks it).

CREATE FUNCTION jeugdnorm_internal.dq_lines_trans(internal, bigint, text, text, text, text, date, date,
                                                  numeric, text, numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'jn_dq_lines_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION jeugdnorm_internal.dq_lines_trans(internal, bigint, text, text, text, text, date, date, numeric, text, numeric) IS
    'transition function of jeugdnorm_internal.dq_lines_agg: appends one claim line to the packed lines of its group';

CREATE FUNCTION jeugdnorm_internal.dq_lines_final(internal)
RETURNS bytea
AS 'MODULE_PATHNAME', 'jn_dq_lines_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION jeugdnorm_internal.dq_lines_final(internal) IS
    'final function of jeugdnorm_internal.dq_lines_agg: the packed lines as one bytea';

CREATE FUNCTION jeugdnorm_internal.dq_lines_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'jn_dq_lines_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION jeugdnorm_internal.dq_lines_combine(internal, internal) IS
    'combine function of jeugdnorm_internal.dq_lines_agg: the packed lines of two partial states concatenated';

CREATE FUNCTION jeugdnorm_internal.dq_lines_serialize(internal)
RETURNS bytea
AS 'MODULE_PATHNAME', 'jn_dq_lines_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION jeugdnorm_internal.dq_lines_serialize(internal) IS
    'serialise function of jeugdnorm_internal.dq_lines_agg: a partial state as its packed lines (native byte order: between the processes of one server only)';

CREATE FUNCTION jeugdnorm_internal.dq_lines_deserialize(bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'jn_dq_lines_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION jeugdnorm_internal.dq_lines_deserialize(bytea, internal) IS
    'deserialise function of jeugdnorm_internal.dq_lines_agg: packed lines back into a partial state, checked line by line (malformed input is an error)';

-- Partial aggregation (combine, serialise, deserialise): the lines of one
-- key may be packed by several parallel workers and concatenated; the
-- order of the lines does not matter (dq_key_lines sorts them by every
-- column and declaratie_id, src/pg/dq_lines.c), so a parallel plan of
-- mv_data_quality_rows returns the serial plan's rows.
CREATE AGGREGATE jeugdnorm_internal.dq_lines_agg(declaratie_id bigint, client_id text, aanbieder text,
                                                 productcategorie text, productcode text,
                                                 begindatum date, einddatum date, volume numeric,
                                                 eenheid text, bedrag numeric) (
    SFUNC = jeugdnorm_internal.dq_lines_trans,
    STYPE = internal,
    SSPACE = 1200,
    FINALFUNC = jeugdnorm_internal.dq_lines_final,
    COMBINEFUNC = jeugdnorm_internal.dq_lines_combine,
    SERIALFUNC = jeugdnorm_internal.dq_lines_serialize,
    DESERIALFUNC = jeugdnorm_internal.dq_lines_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE jeugdnorm_internal.dq_lines_agg(bigint, text, text, text, text, date, date, numeric, text, numeric) IS
    'the claim lines of a group (one allocation key of jeugdnorm.declaratie) packed as they are, for jeugdnorm_internal.dq_key_lines; an internal format, never stored';

CREATE FUNCTION jeugdnorm_internal.dq_key_lines(
    lines bytea, kept boolean, ingangsdatum date, einddatum date, unit text, budget boolean,
    contract_codes text[], contract_from date[], contract_to date[],
    drop_net_zero boolean, peildatum date,
    OUT claim_lines bigint, OUT amount numeric, OUT claimed_60 numeric,
    OUT flagged jeugdnorm_internal.data_quality_line[])
AS 'MODULE_PATHNAME', 'jn_dq_key_lines'
LANGUAGE C IMMUTABLE PARALLEL SAFE COST 100;
COMMENT ON FUNCTION jeugdnorm_internal.dq_key_lines(bytea, boolean, date, date, text, boolean, text[], date[], date[], boolean, date) IS
    'the per-line data-quality facts of one allocation key (DEFINITIONS [S5], [R11], [R12]): lines = dq_lines_agg of its claim lines; kept, ingangsdatum, einddatum, unit and budget IS NOT NULL of its kept allocation (kept false: a left-out allocation); the contract periods of (gemeente, its aanbieder) as three arrays (productcode, geldig_van, coalesce(geldig_tot, infinity)); the settings. Returns the number and bedrag of the counted lines (a kept allocation''s kept lines, else all), the claimed volume x 60 in the family and the lines raising a line signal';

-- How (speed).  The claim lines are read ONCE, without a join: grouped per
-- allocation key by dq_lines_agg (a hash aggregate, one C call per line,
-- the lines packed as they are).  Every toewijzing row with its kept
-- allocation, its contracts and the settings is joined to its key's packed
-- lines, and dq_key_lines (C, one call per allocation) does the per-line
-- work the SQL pass did with four hash joins per line and eight aggregates:
--   * [R12]: the lines sorted by (begindatum, einddatum, every other
--     column, declaratie_id); a run of equal dates is a group; a group
--     holding a line with bedrag <= 0 is a credit group, and nets to zero
--     when sum(bedrag) = 0 (a NULL net is not 0).  Its lines are claims_net_zero
--     rows of a kept allocation (whatever drop_net_zero says), and not kept
--     when drop_net_zero is true -- the rule of
--     jeugdnorm_internal.claim_lines / claims.
--   * claims_duplicate: lines equal in all columns (NULLs equal, numbers by
--     value) are adjacent in that order; each after the first (smallest
--     declaratie_id) is a copy of it.  Every line of the key, kept or not.
--   * the line flags ([S5]): outside the allocation period (begindatum <
--     ingangsdatum or einddatum > einddatum), claims.same_family (the
--     line's canonical unit = the allocation's, false when either is
--     unknown), a day after the peildatum (every line), and [R11] NGA: no
--     contract of (gemeente, the allocation's aanbieder, the line's
--     productcode) valid on its begindatum (geldig_van <= begindatum <=
--     coalesce(geldig_tot, infinity); a NULL geldig_van or productcode never
--     matches) -- the rows of jeugdnorm_internal.claims_nga.
--   * the counted lines (a kept allocation's kept lines; every line of a
--     left-out allocation): count and sum(bedrag) (numeric_add: the value
--     and scale of sum()); the claimed volume x 60 of a kept allocation's
--     kept lines in its family -- x 60 clears the minute's 1/60 (the
--     canonical factors are 1/60, 1 and 4), so canonical_volume(volume * 60,
--     eenheid) is exact and allocations_claimed_above_100 compares without
--     dividing; a budget allocation allocates euros, its family is the
--     'euro' lines (as in realisation [R10]).
-- (demo scale 5, 1.34 million lines: see bench/RESULTS.md, "Data-quality
-- rows in C"; the SQL pass before it: "the per-client delta fixed".)
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

-- Per client (0.3.0, issue 16).  Every row of mv_data_quality_rows belongs
-- to one client: a toewijzing row and the claim lines claimed against it
-- are the allocation's client's (client_id = the toewijzing row's, also for
-- a left-out allocation and for lines whose own client_id differs), a
-- request its own client's.  Every signal of such a row reads only that
-- client's allocations and their claim lines (claims_duplicate groups
-- within one allocation key, allocations_overlapping partitions by
-- client_id) and the catalogue (product, contract, product_mapping,
-- settings: a change there makes the refresh full).  So it is a per_client
-- view of jeugdnorm_internal.refresh_registry (97_incremental.sql): a table
-- whose changed clients' rows are deleted and recomputed.  For that its
-- query reads the inputs by name -- jeugdnorm.toewijzing, jeugdnorm.
-- declaratie, jeugdnorm.verzoek, jeugdnorm_internal.allocations and
-- mv_allocation_follow_up -- and the [R12] groups are computed from each
-- key's own lines (dq_key_lines): the incremental refresh replaces each
-- input by its form restricted to the changed clients.
-- The claim lines whose (gemeente, toewijzingnummer) is in no toewijzing
-- row belong to no allocation, so to no client the change capture knows
-- (their rows change when an allocation with their key comes or goes, of
-- whatever client): they are mv_data_quality_orphans (strategy full,
-- recomputed every refresh: one anti-join of the claim lines with
-- toewijzing, and the few orphan lines).  jeugdnorm_internal.
-- data_quality_rows is the two together; the contract views read it.
-- On Citus (issue 19) mv_data_quality_rows is a distributed table filled
-- in the shards by a rewrite of this query that Citus pushes down
-- (91_distributed_tables.sql, distributed_fill_sql('mv_data_quality_rows'));
-- a change here needs the same change there (make test-citus compares both).

CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_data_quality_rows AS
WITH
facts AS MATERIALIZED (
    SELECT t.gemeente,
           t.toewijzingnummer,
           al.gemeente IS NOT NULL AS kept,
           -- the toewijzing row as stored (for a left-out allocation)
           t.client_id AS own_client_id, t.aanbieder AS own_aanbieder,
           t.productcategorie AS own_productcategorie, t.productcode AS own_productcode,
           t.ingangsdatum AS own_ingangsdatum, t.reden_wijziging, t.geboortedatum,
           t.toewijzingsdatum AS own_toewijzingsdatum,
           -- the product every row of this allocation shows ([S2]): a kept
           -- allocation's mapped product; a left-out allocation's own codes
           -- mapped on its ingangsdatum (as the cleaned layer would have)
           CASE WHEN al.gemeente IS NOT NULL THEN fu.product
                ELSE coalesce(mp.analysis_product, t.productcode, t.productcategorie)
           END AS own_product,
           -- the kept allocation
           al.client_id, al.aanbieder, fu.product, al.productcategorie, al.productcode,
           al.ingangsdatum, al.einddatum, al.unit, fu.contract_order,
           al.volume, al.eenheid, al.frequentie, al.budget, al.toewijzingsdatum,
           -- its claim lines (dq_key_lines): a kept allocation's kept
           -- lines, else all; the claimed volume x 60 in the family; the
           -- lines raising a line signal
           x.claim_lines, x.amount, x.claimed_60, x.flagged
      FROM jeugdnorm.toewijzing t
      -- the settings as a one-row subquery of two initplans, not a join: in
      -- the per-client delta the planner joined the settings row with the
      -- unique changed clients first, estimated that at 1 row and probed
      -- it in a nested loop for every allocation (3.1 billion join-filter
      -- rows at demo scale 5 for 24,884 clients: 12 minutes)
     CROSS JOIN (SELECT (SELECT s.drop_net_zero FROM jeugdnorm_internal.settings s) AS drop_net_zero,
                        (SELECT s.peildatum FROM jeugdnorm_internal.settings s) AS peildatum) nz
      LEFT JOIN jeugdnorm_internal.allocations al
        ON al.gemeente = t.gemeente
       AND al.toewijzingnummer = t.toewijzingnummer
      LEFT JOIN jeugdnorm_internal.mv_allocation_follow_up fu
        ON fu.gemeente = t.gemeente
       AND fu.toewijzingnummer = t.toewijzingnummer
      -- [S2] for a left-out allocation, written inline: the query of
      -- jeugdnorm_internal.mapped_product (30_cleaned.sql) on its
      -- ingangsdatum; a SQL-standard function body reading a table is what
      -- Citus cannot distribute (/work/shared/citus/README.md, row 13).
      -- Probed only for the left-out rows (the one-time filter on al).
      LEFT JOIN LATERAL (SELECT m.analysis_product
                           FROM jeugdnorm.product_mapping m
                          WHERE al.gemeente IS NULL
                            AND m.productcategorie = t.productcategorie
                            AND m.productcode IS NOT DISTINCT FROM t.productcode
                            AND (m.aanbieder = t.aanbieder OR m.aanbieder IS NULL)
                            AND m.geldig_van <= t.ingangsdatum
                            AND t.ingangsdatum <= coalesce(m.geldig_tot, 'infinity'::date)
                          ORDER BY m.aanbieder IS NULL, m.geldig_van DESC, m.analysis_product
                          LIMIT 1) mp
        ON true
      -- every claim line of the key, packed, without a join
      LEFT JOIN (SELECT d.gemeente,
                        d.toewijzingnummer,
                        jeugdnorm_internal.dq_lines_agg(d.declaratie_id, d.client_id, d.aanbieder,
                                                        d.productcategorie, d.productcode, d.begindatum,
                                                        d.einddatum, d.volume, d.eenheid, d.bedrag) AS lines
                   FROM jeugdnorm.declaratie d
                  GROUP BY d.gemeente, d.toewijzingnummer) k
        ON k.gemeente = t.gemeente
       AND k.toewijzingnummer = t.toewijzingnummer
      -- [R11]: the contract periods of (gemeente, the kept allocation's
      -- aanbieder); a NULL geldig_van or productcode never matches
      LEFT JOIN (SELECT c.gemeente,
                        c.aanbieder,
                        pg_catalog.array_agg(c.productcode) AS codes,
                        pg_catalog.array_agg(c.geldig_van) AS valid_from,
                        pg_catalog.array_agg(coalesce(c.geldig_tot, 'infinity'::date)) AS valid_to
                   FROM jeugdnorm.contract c
                  WHERE c.geldig_van IS NOT NULL
                    AND c.productcode IS NOT NULL
                  GROUP BY c.gemeente, c.aanbieder) v
        ON v.gemeente = t.gemeente
       AND v.aanbieder = al.aanbieder
     CROSS JOIN LATERAL jeugdnorm_internal.dq_key_lines(k.lines, al.gemeente IS NOT NULL, al.ingangsdatum,
                                                        al.einddatum, al.unit, al.budget IS NOT NULL,
                                                        v.codes, v.valid_from, v.valid_to,
                                                        nz.drop_net_zero, nz.peildatum) x
),
-- the flagged lines, with their allocation key's facts
-- and the client, provider and product the line's rows show: those of its
-- allocation (kept or left out: the toewijzing row's own client and
-- provider, facts.own_product)
flagged AS MATERIALIZED (
    SELECT k.gemeente, k.toewijzingnummer, f.*,
           k.own_client_id AS row_client_id,
           k.own_aanbieder AS row_aanbieder,
           k.own_product AS row_product,
           k.ingangsdatum AS alloc_ingangsdatum, k.einddatum AS alloc_einddatum, k.unit AS alloc_unit
      FROM facts k
     CROSS JOIN LATERAL pg_catalog.unnest(k.flagged) f
     WHERE k.flagged IS NOT NULL
),
-- stapeling: the running maximum einddatum of the earlier allocations of
-- (client_id, aanbieder, product) in contract order; an open one counts as
-- 'infinity' (a later allocation overlaps it).  Partitioned in the
-- database's collation: the same partitions as COLLATE "C" (equality is
-- bytewise in every deterministic collation), and a COLLATE "C" partition
-- inside a subquery is what the Citus planner cannot push down.
overlap AS (
    SELECT o.*
      FROM (SELECT a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.product,
                   a.ingangsdatum, a.claim_lines, a.amount,
                   pg_catalog.max(coalesce(a.einddatum, 'infinity'::date)) OVER (
                       PARTITION BY a.client_id, a.aanbieder, a.product
                       ORDER BY a.contract_order
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_end
              FROM facts a
             WHERE a.kept) o
     WHERE o.ingangsdatum <= o.earlier_end
),
rows_ AS (
    -- (1. claims_without_allocation: mv_data_quality_orphans)
    -- 2. kept lines outside their allocation's period (an open allocation
    --    has no end to be after)
    SELECT 'claims_outside_allocation_period' AS signal, 'declaratie' AS row_type,
           f.gemeente, f.toewijzingnummer, f.row_client_id AS client_id, f.row_aanbieder AS aanbieder,
           f.row_product AS product,
           'claim line ' || f.declaratie_id::text || ' ' || jeugdnorm_internal.iso_date(f.begindatum)
               || '..' || jeugdnorm_internal.iso_date(f.einddatum)
               || ' outside allocation ' || jeugdnorm_internal.iso_date(f.alloc_ingangsdatum)
               || '..' || coalesce(jeugdnorm_internal.iso_date(f.alloc_einddatum), 'open') AS detail,
           f.declaratie_id, NULL::text AS verzoeknummer, 1::bigint AS claim_lines, f.bedrag AS amount
      FROM flagged f
     WHERE f.outside_period
    UNION ALL
    -- 3. kept lines outside the allocation's unit family (claims.same_family:
    --    false also when either unit is unknown)
    SELECT 'claims_other_unit_family', 'declaratie',
           f.gemeente, f.toewijzingnummer, f.row_client_id, f.row_aanbieder, f.row_product,
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
           f.gemeente, f.toewijzingnummer, f.row_client_id, f.row_aanbieder, f.row_product,
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
    --    provider and product those of the allocation (kept or left out)
    SELECT 'claims_duplicate', 'declaratie',
           f.gemeente, f.toewijzingnummer, f.row_client_id, f.row_aanbieder, f.row_product,
           'claim line ' || f.declaratie_id::text || ' is a copy of claim line ' || f.copy_of::text,
           f.declaratie_id, NULL, 1, f.bedrag
      FROM flagged f
     WHERE f.copy_of IS NOT NULL
    UNION ALL
    -- 6, 7. left-out allocations with all their claim lines; '13' first,
    --    the rest is the age filter
    SELECT CASE WHEN l.reden_wijziging = '13' THEN 'allocations_deleted'
                ELSE 'allocations_above_max_age' END,
           'toewijzing',
           l.gemeente, l.toewijzingnummer, l.own_client_id, l.own_aanbieder, l.own_product,
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
     WHERE NOT l.kept
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
                   -- peildatum (none after it: 0); an open 'totaal' has none
                   -- at all (NULL: never a row, [S5] "open 'totaal': none",
                   -- also when it starts after the peildatum)
                   CASE WHEN a.budget IS NOT NULL THEN a.budget * 60
                        WHEN a.einddatum IS NULL AND a.frequentie = '6' THEN NULL
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
           f.gemeente, f.toewijzingnummer, f.row_client_id, f.row_aanbieder, f.row_product,
           'claim line ' || f.declaratie_id::text || ' product ' || coalesce(f.productcode, 'NULL')
               || ' on ' || jeugdnorm_internal.iso_date(f.begindatum)
               || ': no contract for aanbieder ' || coalesce(f.row_aanbieder, 'NULL'),
           f.declaratie_id, NULL, 1, f.bedrag
      FROM flagged f
     WHERE f.nga
    UNION ALL
    -- 13. after the peildatum, over all data ([S5]: not a kept-lines
    --     signal): every toewijzing row, kept or left out, by its
    --     ingangsdatum or toewijzingsdatum (its lines are rows of their own
    --     when dated after it, so the allocation row carries no amount);
    --     every claim line with a day after it (einddatum), whether kept,
    --     net-zero or of a left-out allocation (without allocation:
    --     mv_data_quality_orphans); every request by ontvangen or
    --     antwoord_datum
    SELECT 'rows_after_peildatum', 'toewijzing',
           a.gemeente, a.toewijzingnummer, a.own_client_id, a.own_aanbieder, a.own_product,
           concat_ws(', ',
                     CASE WHEN a.own_ingangsdatum > s.peildatum
                          THEN 'ingangsdatum ' || jeugdnorm_internal.iso_date(a.own_ingangsdatum) END,
                     CASE WHEN a.own_toewijzingsdatum > s.peildatum
                          THEN 'toewijzingsdatum ' || jeugdnorm_internal.iso_date(a.own_toewijzingsdatum) END)
               || ' after the peildatum ' || jeugdnorm_internal.iso_date(s.peildatum),
           NULL, NULL, 0, NULL
      FROM facts a
     CROSS JOIN jeugdnorm_internal.settings s
     WHERE (a.own_ingangsdatum > s.peildatum
            OR a.own_toewijzingsdatum > s.peildatum)
    UNION ALL
    SELECT 'rows_after_peildatum', 'declaratie',
           f.gemeente, f.toewijzingnummer, f.row_client_id, f.row_aanbieder, f.row_product,
           'claim line ' || f.declaratie_id::text || ' ' || jeugdnorm_internal.iso_date(f.begindatum)
               || '..' || jeugdnorm_internal.iso_date(f.einddatum)
               || ' ends after the peildatum ' || jeugdnorm_internal.iso_date(s.peildatum),
           f.declaratie_id, NULL, 1, f.bedrag
      FROM flagged f
     CROSS JOIN jeugdnorm_internal.settings s
     WHERE f.after_peildatum
    UNION ALL
    SELECT 'rows_after_peildatum', 'verzoek',
           r.gemeente, r.toewijzingnummer, r.client_id, r.aanbieder,
           coalesce(mp.analysis_product, r.productcode, r.productcategorie),
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
      -- [S2] on ontvangen, inline (as for a left-out allocation above)
      LEFT JOIN LATERAL (SELECT m.analysis_product
                           FROM jeugdnorm.product_mapping m
                          WHERE m.productcategorie = r.productcategorie
                            AND m.productcode IS NOT DISTINCT FROM r.productcode
                            AND (m.aanbieder = r.aanbieder OR m.aanbieder IS NULL)
                            AND m.geldig_van <= r.ontvangen
                            AND r.ontvangen <= coalesce(m.geldig_tot, 'infinity'::date)
                          ORDER BY m.aanbieder IS NULL, m.geldig_van DESC, m.analysis_product
                          LIMIT 1) mp
        ON true
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
       r.amount,
       NULL::boolean AS refresh_null
  FROM rows_ r
  JOIN jeugdnorm_internal.data_quality_signals g
    ON g.signal = r.signal;

CREATE UNIQUE INDEX mv_data_quality_rows_key
    ON jeugdnorm_internal.mv_data_quality_rows (signal, row_type, row_key, declaratie_id) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_data_quality_rows IS
    'the rows behind the data-quality signals (DEFINITIONS [S5]) of the allocations (with their claim lines) and requests, unrounded, for every gemeente, per client (client_id), as of the last jeugdnorm.refresh(); with mv_data_quality_orphans read through jeugdnorm_internal.data_quality_rows';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.signal_order IS 'position of the signal in the [S1] order';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.signal IS 'signal name ([S1])';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.gemeente IS 'gemeente of the row';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.toewijzingnummer IS 'toewijzingnummer of the row (a request: the allocation it led to)';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.client_id IS 'client_id (the allocation''s where there is one)';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.aanbieder IS 'aanbieder (the allocation''s where there is one)';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.product IS 'product of the row''s allocation ([S2], mapped; a left-out allocation''s on its ingangsdatum); a claim line without allocation its own coalesce(productcode, productcategorie), unmapped; a request its own, mapped on ontvangen';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.detail IS 'what is wrong, in words';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.row_type IS 'toewijzing, declaratie or verzoek';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.row_key IS '''gemeente toewijzingnummer'' or ''gemeente verzoeknummer''';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.declaratie_id IS 'the claim line of a declaratie row';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.verzoeknummer IS 'the request of a verzoek row';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.claim_lines IS 'claim lines whose bedrag is in amount';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.amount IS 'sum of bedrag of those claim lines, unrounded; NULL when none';
COMMENT ON COLUMN jeugdnorm_internal.mv_data_quality_rows.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';

-- ---- claim lines without allocation: mv_data_quality_orphans ---------------------------------
-- The lines whose (gemeente, toewijzingnummer) is in no toewijzing row: each
-- is a claims_without_allocation row, a copy of another such line a
-- claims_duplicate row, and one ending after the peildatum a
-- rows_after_peildatum row -- the rows mv_data_quality_rows leaves out.  No
-- allocation: the line's own client, provider and coalesce(productcode,
-- productcategorie), unmapped ([S5] v1.3).  The copies: a window over
-- every column (PARTITION BY groups NULLs together, as "equal" means here;
-- the first line of a group is its smallest declaratie_id), over the few
-- orphan lines only.  The anti-join reads every claim line once (hashed
-- against the toewijzing keys), so the view is materialised and refreshed
-- fully each time.

CREATE VIEW jeugdnorm_internal.data_quality_orphan_rows AS
WITH
orphan AS MATERIALIZED (
    SELECT d.declaratie_id, d.gemeente, d.toewijzingnummer, d.client_id, d.aanbieder,
           d.productcategorie, d.productcode, d.begindatum, d.einddatum, d.volume, d.eenheid, d.bedrag
      FROM jeugdnorm.declaratie d
     WHERE NOT EXISTS (SELECT 1
                         FROM jeugdnorm.toewijzing t
                        WHERE t.gemeente = d.gemeente
                          AND t.toewijzingnummer = d.toewijzingnummer)
),
rows_ AS (
    -- 1. every such line
    SELECT 'claims_without_allocation' AS signal, o.declaratie_id, o.gemeente, o.toewijzingnummer,
           o.client_id, o.aanbieder, o.productcategorie, o.productcode, o.bedrag,
           'claim line ' || o.declaratie_id::text || ' ' || jeugdnorm_internal.iso_date(o.begindatum)
               || '..' || jeugdnorm_internal.iso_date(o.einddatum)
               || ': no allocation ' || o.gemeente || ' ' || o.toewijzingnummer AS detail
      FROM orphan o
    UNION ALL
    -- 5. every copy after the first of lines equal in all columns
    SELECT 'claims_duplicate', u.declaratie_id, u.gemeente, u.toewijzingnummer,
           u.client_id, u.aanbieder, u.productcategorie, u.productcode, u.bedrag,
           'claim line ' || u.declaratie_id::text || ' is a copy of claim line ' || u.first_id::text
      FROM (SELECT o.*,
                   pg_catalog.min(o.declaratie_id) OVER (
                       PARTITION BY o.gemeente, o.toewijzingnummer, o.begindatum, o.einddatum, o.client_id,
                                    o.aanbieder, o.productcategorie, o.productcode, o.volume, o.eenheid,
                                    o.bedrag) AS first_id
              FROM orphan o) u
     WHERE u.declaratie_id <> u.first_id
    UNION ALL
    -- 13. a day after the peildatum (einddatum)
    SELECT 'rows_after_peildatum', o.declaratie_id, o.gemeente, o.toewijzingnummer,
           o.client_id, o.aanbieder, o.productcategorie, o.productcode, o.bedrag,
           'claim line ' || o.declaratie_id::text || ' ' || jeugdnorm_internal.iso_date(o.begindatum)
               || '..' || jeugdnorm_internal.iso_date(o.einddatum)
               || ' ends after the peildatum ' || jeugdnorm_internal.iso_date(s.peildatum)
      FROM orphan o
     CROSS JOIN jeugdnorm_internal.settings s
     WHERE o.einddatum > s.peildatum
)
SELECT g.signal_order,
       r.signal,
       r.gemeente,
       r.toewijzingnummer,
       r.client_id,
       r.aanbieder,
       coalesce(r.productcode, r.productcategorie) AS product,
       r.detail,
       'declaratie'::text AS row_type,
       r.gemeente || ' ' || r.toewijzingnummer AS row_key,
       r.declaratie_id,
       NULL::text AS verzoeknummer,
       1::bigint AS claim_lines,
       r.bedrag AS amount
  FROM rows_ r
  JOIN jeugdnorm_internal.data_quality_signals g
    ON g.signal = r.signal;

COMMENT ON VIEW jeugdnorm_internal.data_quality_orphan_rows IS
    'the data-quality rows (DEFINITIONS [S5]) of the claim lines whose (gemeente, toewijzingnummer) is in no toewijzing row: claims_without_allocation, claims_duplicate and rows_after_peildatum among them; computed when read, materialised as mv_data_quality_orphans';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_orphan_rows.signal_order IS 'position of the signal in the [S1] order';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_orphan_rows.signal IS 'signal name ([S1])';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_orphan_rows.gemeente IS 'gemeente of the row';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_orphan_rows.toewijzingnummer IS 'toewijzingnummer of the row (a request: the allocation it led to)';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_orphan_rows.client_id IS 'client_id (the allocation''s where there is one)';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_orphan_rows.aanbieder IS 'aanbieder (the allocation''s where there is one)';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_orphan_rows.product IS 'product of the row''s allocation ([S2], mapped; a left-out allocation''s on its ingangsdatum); a claim line without allocation its own coalesce(productcode, productcategorie), unmapped; a request its own, mapped on ontvangen';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_orphan_rows.detail IS 'what is wrong, in words';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_orphan_rows.row_type IS 'toewijzing, declaratie or verzoek';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_orphan_rows.row_key IS '''gemeente toewijzingnummer'' or ''gemeente verzoeknummer''';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_orphan_rows.declaratie_id IS 'the claim line of a declaratie row';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_orphan_rows.verzoeknummer IS 'the request of a verzoek row';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_orphan_rows.claim_lines IS 'claim lines whose bedrag is in amount';
COMMENT ON COLUMN jeugdnorm_internal.data_quality_orphan_rows.amount IS 'sum of bedrag of those claim lines, unrounded; NULL when none';

CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_data_quality_orphans AS
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
  FROM jeugdnorm_internal.data_quality_orphan_rows q;

CREATE UNIQUE INDEX mv_data_quality_orphans_key
    ON jeugdnorm_internal.mv_data_quality_orphans (signal, row_type, row_key, declaratie_id) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_data_quality_orphans IS
    'jeugdnorm_internal.data_quality_orphan_rows (the data-quality rows of the claim lines without allocation) as of the last jeugdnorm.refresh(), which refreshes it fully every time';

-- ---- all rows as of the last refresh: data_quality_rows -------------------------------------

CREATE VIEW jeugdnorm_internal.data_quality_rows AS
SELECT r.signal_order,
       r.signal,
       r.gemeente,
       r.toewijzingnummer,
       r.client_id,
       r.aanbieder,
       r.product,
       r.detail,
       r.row_type,
       r.row_key,
       r.declaratie_id,
       r.verzoeknummer,
       r.claim_lines,
       r.amount
  FROM jeugdnorm_internal.mv_data_quality_rows r
UNION ALL
SELECT o.signal_order,
       o.signal,
       o.gemeente,
       o.toewijzingnummer,
       o.client_id,
       o.aanbieder,
       o.product,
       o.detail,
       o.row_type,
       o.row_key,
       o.declaratie_id,
       o.verzoeknummer,
       o.claim_lines,
       o.amount
  FROM jeugdnorm_internal.mv_data_quality_orphans o;

COMMENT ON VIEW jeugdnorm_internal.data_quality_rows IS
    'the rows behind the data-quality signals (DEFINITIONS [S5]), unrounded and for every gemeente, as of the last jeugdnorm.refresh(): mv_data_quality_rows (allocations with their claim lines, and requests; per client) and mv_data_quality_orphans (claim lines without allocation); jeugdnorm.data_quality_rows and jeugdnorm.data_quality read it with the tenancy filter';
-- the same columns, the same meaning: their comments are mv_data_quality_rows'
-- (one text per column, copied here and after mv_data_quality_orphans)
DO $copy_comments$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT t.relname, a.attname, pg_catalog.col_description(s.attrelid, s.attnum) AS descr
               FROM pg_catalog.pg_class t
               JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
               JOIN pg_catalog.pg_attribute s ON s.attrelid = 'jeugdnorm_internal.mv_data_quality_rows'::pg_catalog.regclass
                                             AND s.attname = a.attname
              WHERE t.relnamespace = 'jeugdnorm_internal'::pg_catalog.regnamespace
                AND t.relname IN ('mv_data_quality_orphans', 'data_quality_rows')
              ORDER BY 1, a.attnum LOOP
        EXECUTE pg_catalog.format('COMMENT ON COLUMN jeugdnorm_internal.%I.%I IS %L', c.relname, c.attname, c.descr);
    END LOOP;
END;
$copy_comments$;

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
  FROM jeugdnorm_internal.data_quality_rows r
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
    'client_id: pseudonymised client key of the allocation (also for its claim lines, also when it is left out); of the claim line itself when it has no allocation, of the request for a request';
COMMENT ON COLUMN jeugdnorm.data_quality_rows.aanbieder IS
    'aanbieder: provider AGB code of the allocation (also for its claim lines, also when it is left out); of the claim line itself when it has no allocation, of the request for a request';
COMMENT ON COLUMN jeugdnorm.data_quality_rows.product IS
    'product: the analysis product of the row''s allocation (product_mapping applied, [S2]; a left-out allocation''s own codes mapped on its ingangsdatum, for its claim lines too); a claim line without allocation its own coalesce(productcode, productcategorie), unmapped; a request its own codes mapped on ontvangen';
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
               FROM jeugdnorm_internal.data_quality_rows q
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
