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
-- Cost (500,000 allocations, 10 million claim lines).  Each signal is a
-- set-based pass (hash joins, one window sort over the allocations, hash
-- aggregates over the claim lines), never a subquery per row; shared work
-- is done once in materialised CTEs: the kept allocations (read by nine
-- signals), the kept claim lines per allocation (count, money, family
-- volume: the allocation signals), the few flagged kept lines (signals 2, 3,
-- 13).  The kept claim lines (jeugdnorm_internal.claims) are read three
-- times in all, every claim line four more times (no allocation, left-out
-- allocations, net-zero groups, duplicates).  That is minutes at full
-- scale, so the rows are materialised (mv_data_quality_rows) and computed
-- once per jeugdnorm.refresh(); the contract views read the materialised
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

-- ---- [R12] net-zero groups, whatever drop_net_zero says ---------------------------------
-- The same rule and the same speed trick as jeugdnorm_internal.claim_lines
-- (30_cleaned.sql): only groups holding a line with bedrag <= 0 can net to
-- exactly 0 (read from declaratie_net_zero_idx); a NULL net is not 0.

CREATE VIEW jeugdnorm_internal.net_zero_groups AS
SELECT g.gemeente,
       g.toewijzingnummer,
       g.begindatum,
       g.einddatum,
       pg_catalog.count(*) AS claim_lines
  FROM jeugdnorm.declaratie g
 WHERE (g.gemeente, g.toewijzingnummer, g.begindatum, g.einddatum) IN
       (SELECT c.gemeente, c.toewijzingnummer, c.begindatum, c.einddatum
          FROM jeugdnorm.declaratie c
         WHERE c.bedrag <= 0)
 GROUP BY g.gemeente, g.toewijzingnummer, g.begindatum, g.einddatum
HAVING pg_catalog.sum(g.bedrag) = 0;

COMMENT ON VIEW jeugdnorm_internal.net_zero_groups IS
    'the net-zero claim groups of DEFINITIONS [R12]: (gemeente, toewijzingnummer, begindatum, einddatum) whose bedrag sums to exactly 0, whatever settings.drop_net_zero says';
COMMENT ON COLUMN jeugdnorm_internal.net_zero_groups.gemeente IS 'gemeente of the allocation claimed against';
COMMENT ON COLUMN jeugdnorm_internal.net_zero_groups.toewijzingnummer IS 'toewijzingnummer of the allocation claimed against';
COMMENT ON COLUMN jeugdnorm_internal.net_zero_groups.begindatum IS 'begindatum of the delivery period';
COMMENT ON COLUMN jeugdnorm_internal.net_zero_groups.einddatum IS 'einddatum of the delivery period';
COMMENT ON COLUMN jeugdnorm_internal.net_zero_groups.claim_lines IS 'number of claim lines in the group';

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

CREATE FUNCTION jeugdnorm_internal.iso_date(d date) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.to_char($1::timestamp without time zone, 'YYYY-MM-DD');
COMMENT ON FUNCTION jeugdnorm_internal.iso_date(date) IS
    'the date as YYYY-MM-DD whatever the session''s DateStyle (for texts such as data_quality_rows.detail)';

-- ---- the rows behind each signal, unrounded and unfiltered ------------------------------

CREATE VIEW jeugdnorm_internal.data_quality_rows AS
WITH
-- The kept allocations, once (the view is read by nine signals; at 500,000
-- allocations its window sort and product mapping are worth doing once).
kept_allocations AS MATERIALIZED (
    SELECT a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.product,
           a.productcategorie, a.productcode, a.ingangsdatum, a.einddatum, a.volume,
           a.eenheid, a.frequentie, a.budget, a.unit, a.contract_order, a.toewijzingsdatum
      FROM jeugdnorm_internal.allocations a
),
-- Pass 1 over the kept claim lines: per kept allocation its count, money,
-- and the claimed volume x 60 in its family.  x 60 clears the minute's 1/60
-- (the canonical factors are 1/60, 1 and 4), so canonical_volume(volume *
-- 60, eenheid) is exact and allocations_claimed_above_100 compares without
-- dividing the claimed side.  A budget allocation allocates euros: its
-- family is the 'euro' lines (as in realisation [R10]); both sums are kept,
-- the allocation picks one.
kept_per_allocation AS (
    SELECT c.gemeente,
           c.toewijzingnummer,
           pg_catalog.count(*) AS claim_lines,
           pg_catalog.sum(c.bedrag) AS amount,
           pg_catalog.sum(jeugdnorm.canonical_volume(c.volume * 60, c.eenheid))
               FILTER (WHERE c.same_family) AS family_volume_60,
           pg_catalog.sum(jeugdnorm.canonical_volume(c.volume * 60, c.eenheid))
               FILTER (WHERE c.unit = 'euro') AS euro_volume_60
      FROM jeugdnorm_internal.claims c
     GROUP BY c.gemeente, c.toewijzingnummer
),
-- Pass 2 over the kept claim lines: the few that a line signal reports
-- (outside the allocation's period, another unit family, a day after the
-- peildatum); signals 2, 3 and 13 read this small set.
flagged_claims AS MATERIALIZED (
    SELECT c.declaratie_id, c.gemeente, c.toewijzingnummer, c.client_id, c.aanbieder, c.product,
           c.begindatum, c.einddatum, c.bedrag, c.unit, c.alloc_unit,
           c.alloc_ingangsdatum, c.alloc_einddatum, s.peildatum,
           coalesce(c.begindatum < c.alloc_ingangsdatum OR c.einddatum > c.alloc_einddatum,
                    false) AS outside_period,
           NOT c.same_family AS other_family,
           c.einddatum > s.peildatum AS after_peildatum
      FROM jeugdnorm_internal.claims c
     CROSS JOIN jeugdnorm_internal.settings s
     WHERE c.begindatum < c.alloc_ingangsdatum
        OR c.einddatum > c.alloc_einddatum
        OR NOT c.same_family
        OR c.einddatum > s.peildatum
),
-- allocations left out by the cleaned layer (a few per cent)
left_out AS MATERIALIZED (
    SELECT t.gemeente, t.toewijzingnummer, t.client_id, t.aanbieder, t.productcategorie,
           t.productcode, t.ingangsdatum, t.reden_wijziging, t.geboortedatum
      FROM jeugdnorm.toewijzing t
     WHERE NOT EXISTS (SELECT 1
                         FROM kept_allocations a
                        WHERE a.gemeente = t.gemeente
                          AND a.toewijzingnummer = t.toewijzingnummer)
),
-- every claim line of a left-out allocation (net-zero groups included:
-- such a line is reported with its allocation, not in claims_net_zero);
-- one pass over the claim lines, hashed on the small left_out
left_out_lines AS (
    SELECT d.gemeente,
           d.toewijzingnummer,
           pg_catalog.count(*) AS claim_lines,
           pg_catalog.sum(d.bedrag) AS amount
      FROM jeugdnorm.declaratie d
      JOIN left_out l
        ON l.gemeente = d.gemeente
       AND l.toewijzingnummer = d.toewijzingnummer
     GROUP BY d.gemeente, d.toewijzingnummer
),
-- exact duplicates: only lines sharing (gemeente, toewijzingnummer,
-- begindatum, einddatum) -- the NOT NULL part of every column -- can be
-- equal in all columns; those candidates are numbered per full set of
-- columns (PARTITION BY groups NULLs together, as "equal" means here).
-- PARTITION BY ... COLLATE "C" (as in 40_paths.sql): partitions need only
-- equality, which is byte equality under every deterministic collation, and
-- C sorts by memcmp instead of strcoll.
duplicate_candidates AS (
    SELECT d.gemeente, d.toewijzingnummer, d.begindatum, d.einddatum
      FROM jeugdnorm.declaratie d
     GROUP BY d.gemeente, d.toewijzingnummer, d.begindatum, d.einddatum
    HAVING pg_catalog.count(*) > 1
),
duplicates AS (
    SELECT n.*
      FROM (SELECT d.declaratie_id, d.gemeente, d.toewijzingnummer, d.client_id, d.aanbieder,
                   d.productcategorie, d.productcode, d.begindatum, d.einddatum, d.bedrag,
                   pg_catalog.row_number() OVER w AS copy_no,
                   pg_catalog.min(d.declaratie_id) OVER w AS first_id
              FROM jeugdnorm.declaratie d
              JOIN duplicate_candidates k
                ON k.gemeente = d.gemeente
               AND k.toewijzingnummer = d.toewijzingnummer
               AND k.begindatum = d.begindatum
               AND k.einddatum = d.einddatum
            WINDOW w AS (PARTITION BY d.gemeente COLLATE "C", d.toewijzingnummer COLLATE "C",
                                      d.begindatum, d.einddatum, d.client_id COLLATE "C",
                                      d.aanbieder COLLATE "C", d.productcategorie COLLATE "C",
                                      d.productcode COLLATE "C", d.volume, d.eenheid COLLATE "C",
                                      d.bedrag
                         ORDER BY d.declaratie_id
                         ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) n
     WHERE n.copy_no > 1
),
-- stapeling: the running maximum einddatum of the earlier allocations of
-- (client_id, aanbieder, product) in contract order; an open one counts as
-- 'infinity' (a later allocation overlaps it).
overlap AS (
    SELECT o.*
      FROM (SELECT a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.product,
                   a.ingangsdatum,
                   pg_catalog.max(coalesce(a.einddatum, 'infinity'::date)) OVER (
                       PARTITION BY a.client_id COLLATE "C", a.aanbieder COLLATE "C",
                                    a.product COLLATE "C"
                       ORDER BY a.contract_order
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_end
              FROM kept_allocations a) o
     WHERE o.ingangsdatum <= o.earlier_end
),
rows_ AS (
    -- 1. claim lines whose allocation key is in no toewijzing row.  No
    --    allocation: the line's own client, provider and product (mapped
    --    on its begindatum).
    SELECT 'claims_without_allocation' AS signal, 'declaratie' AS row_type,
           u.gemeente, u.toewijzingnummer, u.client_id, u.aanbieder, mp.product,
           'claim line ' || u.declaratie_id::text || ' ' || jeugdnorm_internal.iso_date(u.begindatum)
               || '..' || jeugdnorm_internal.iso_date(u.einddatum)
               || ': no allocation ' || u.gemeente || ' ' || u.toewijzingnummer AS detail,
           u.declaratie_id, NULL::text AS verzoeknummer, 1::bigint AS claim_lines, u.bedrag AS amount
      FROM (SELECT d.declaratie_id, d.gemeente, d.toewijzingnummer, d.client_id, d.aanbieder,
                   d.productcategorie, d.productcode, d.begindatum, d.einddatum, d.bedrag
              FROM jeugdnorm.declaratie d
             WHERE NOT EXISTS (SELECT 1
                                 FROM jeugdnorm.toewijzing t
                                WHERE t.gemeente = d.gemeente
                                  AND t.toewijzingnummer = d.toewijzingnummer)
            OFFSET 0) u   -- the anti-join first, the product mapping for its few rows only
     CROSS JOIN LATERAL jeugdnorm_internal.mapped_product(u.productcategorie, u.productcode,
                                                          u.aanbieder, u.begindatum) mp
    UNION ALL
    -- 2. kept lines outside their allocation's period (an open allocation
    --    has no end to be after)
    SELECT 'claims_outside_allocation_period', 'declaratie',
           f.gemeente, f.toewijzingnummer, f.client_id, f.aanbieder, f.product,
           'claim line ' || f.declaratie_id::text || ' ' || jeugdnorm_internal.iso_date(f.begindatum)
               || '..' || jeugdnorm_internal.iso_date(f.einddatum)
               || ' outside allocation ' || jeugdnorm_internal.iso_date(f.alloc_ingangsdatum)
               || '..' || coalesce(jeugdnorm_internal.iso_date(f.alloc_einddatum), 'open'),
           f.declaratie_id, NULL, 1, f.bedrag
      FROM flagged_claims f
     WHERE f.outside_period
    UNION ALL
    -- 3. kept lines outside the allocation's unit family (claims.same_family:
    --    false also when either unit is unknown)
    SELECT 'claims_other_unit_family', 'declaratie',
           f.gemeente, f.toewijzingnummer, f.client_id, f.aanbieder, f.product,
           'claim line ' || f.declaratie_id::text || ' in unit ' || coalesce(f.unit, 'unknown')
               || ', allocation in ' || coalesce(f.alloc_unit, 'unknown'),
           f.declaratie_id, NULL, 1, f.bedrag
      FROM flagged_claims f
     WHERE f.other_family
    UNION ALL
    -- 4. lines of kept allocations in a net-zero group, whatever
    --    drop_net_zero says (lines of left-out allocations are reported
    --    with their allocation, lines without allocation in 1)
    SELECT 'claims_net_zero', 'declaratie',
           d.gemeente, d.toewijzingnummer, a.client_id, a.aanbieder, a.product,
           'claim line ' || d.declaratie_id::text || ' ' || jeugdnorm_internal.iso_date(d.begindatum)
               || '..' || jeugdnorm_internal.iso_date(d.einddatum) || ' bedrag '
               || coalesce(d.bedrag::text, 'NULL') || ': its ' || z.claim_lines::text
               || ' lines net to 0'
               || CASE WHEN s.drop_net_zero THEN ' (dropped)' ELSE ' (kept: drop_net_zero is false)' END,
           d.declaratie_id, NULL, 1, d.bedrag
      FROM jeugdnorm_internal.net_zero_groups z
      JOIN jeugdnorm.declaratie d
        ON d.gemeente = z.gemeente
       AND d.toewijzingnummer = z.toewijzingnummer
       AND d.begindatum = z.begindatum
       AND d.einddatum = z.einddatum
      JOIN kept_allocations a
        ON a.gemeente = d.gemeente
       AND a.toewijzingnummer = d.toewijzingnummer
     CROSS JOIN jeugdnorm_internal.settings s
    UNION ALL
    -- 5. every copy after the first of lines equal in all columns; client,
    --    provider and product those of the kept allocation, else the line's
    --    own (product mapped on its begindatum)
    SELECT 'claims_duplicate', 'declaratie',
           u.gemeente, u.toewijzingnummer,
           CASE WHEN a.gemeente IS NOT NULL THEN a.client_id ELSE u.client_id END,
           CASE WHEN a.gemeente IS NOT NULL THEN a.aanbieder ELSE u.aanbieder END,
           coalesce(a.product, mp.product),
           'claim line ' || u.declaratie_id::text || ' is a copy of claim line ' || u.first_id::text,
           u.declaratie_id, NULL, 1, u.bedrag
      FROM duplicates u
      LEFT JOIN kept_allocations a
        ON a.gemeente = u.gemeente
       AND a.toewijzingnummer = u.toewijzingnummer
      LEFT JOIN LATERAL (SELECT m.product
                           FROM jeugdnorm_internal.mapped_product(u.productcategorie, u.productcode,
                                                                  u.aanbieder, u.begindatum) m
                          WHERE a.gemeente IS NULL) mp ON true
    UNION ALL
    -- 6, 7. left-out allocations with all their claim lines; '13' first,
    --    the rest is the age filter
    SELECT CASE WHEN l.reden_wijziging = '13' THEN 'allocations_deleted'
                ELSE 'allocations_above_max_age' END,
           'toewijzing',
           l.gemeente, l.toewijzingnummer, l.client_id, l.aanbieder, mp.product,
           CASE WHEN l.reden_wijziging = '13'
                THEN 'reden_wijziging 13 (verwijderd)'
                ELSE 'age ' || pg_catalog.date_part('year', pg_catalog.age(l.ingangsdatum, l.geboortedatum))::text
                     || ' on ingangsdatum ' || jeugdnorm_internal.iso_date(l.ingangsdatum)
                     || ', above max_age ' || coalesce(s.max_age::text, 'NULL')
           END
               || '; claim lines left out with it: ' || coalesce(ll.claim_lines, 0)::text,
           NULL, NULL, coalesce(ll.claim_lines, 0), ll.amount
      FROM left_out l
     CROSS JOIN jeugdnorm_internal.settings s
     CROSS JOIN LATERAL jeugdnorm_internal.mapped_product(l.productcategorie, l.productcode,
                                                          l.aanbieder, l.ingangsdatum) mp
      LEFT JOIN left_out_lines ll
        ON ll.gemeente = l.gemeente
       AND ll.toewijzingnummer = l.toewijzingnummer
    UNION ALL
    -- 8. completed kept allocations without any kept claim line
    SELECT 'allocations_completed_without_claims', 'toewijzing',
           a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.product,
           'allocation ' || jeugdnorm_internal.iso_date(a.ingangsdatum) || '..'
               || jeugdnorm_internal.iso_date(a.einddatum)
               || ' completed (einddatum + ' || s.path_gap_days::text || ' days <= peildatum '
               || jeugdnorm_internal.iso_date(s.peildatum) || ') without claim lines',
           NULL, NULL, 0, NULL
      FROM kept_allocations a
     CROSS JOIN jeugdnorm_internal.settings s
      LEFT JOIN kept_per_allocation k
        ON k.gemeente = a.gemeente
       AND k.toewijzingnummer = a.toewijzingnummer
     WHERE a.einddatum + s.path_gap_days <= s.peildatum
       AND k.gemeente IS NULL
    UNION ALL
    -- 9. claimed above the whole allocated volume, compared exactly:
    --    claimed x 60 > allocated x 60 (see kept_per_allocation)
    SELECT 'allocations_claimed_above_100', 'toewijzing',
           v.gemeente, v.toewijzingnummer, v.client_id, v.aanbieder, v.product,
           'claimed ' || pg_catalog.trim_scale(v.claimed_60 / 60)::text || ' ' || v.family
               || ' above allocated ' || pg_catalog.trim_scale(v.allocated_60 / 60)::text
               || ' (' || jeugdnorm_internal.iso_date(v.ingangsdatum) || '..'
               || coalesce(jeugdnorm_internal.iso_date(v.einddatum),
                           'open, counted until the peildatum') || ')',
           NULL, NULL, v.claim_lines, v.amount
      FROM (SELECT a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.product,
                   a.ingangsdatum, a.einddatum, k.claim_lines, k.amount,
                   CASE WHEN a.budget IS NOT NULL THEN 'euro' ELSE a.unit END AS family,
                   CASE WHEN a.budget IS NOT NULL THEN k.euro_volume_60
                        ELSE k.family_volume_60 END AS claimed_60,
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
              FROM kept_allocations a
             CROSS JOIN jeugdnorm_internal.settings s
              JOIN kept_per_allocation k
                ON k.gemeente = a.gemeente
               AND k.toewijzingnummer = a.toewijzingnummer) v
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
           NULL, NULL, coalesce(k.claim_lines, 0), k.amount
      FROM overlap o
      LEFT JOIN kept_per_allocation k
        ON k.gemeente = o.gemeente
       AND k.toewijzingnummer = o.toewijzingnummer
    UNION ALL
    -- 11. kept allocations with a productcode missing from the catalogue
    --     (looked up as the cleaned layer does: by both codes)
    SELECT 'products_missing_from_catalogue', 'toewijzing',
           a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.product,
           'product ' || a.productcategorie || ' ' || a.productcode || ' not in jeugdnorm.product',
           NULL, NULL, coalesce(k.claim_lines, 0), k.amount
      FROM kept_allocations a
      LEFT JOIN kept_per_allocation k
        ON k.gemeente = a.gemeente
       AND k.toewijzingnummer = a.toewijzingnummer
     WHERE a.productcode IS NOT NULL
       AND NOT EXISTS (SELECT 1
                         FROM jeugdnorm.product p
                        WHERE p.productcategorie = a.productcategorie
                          AND p.productcode = a.productcode)
    UNION ALL
    -- 12. NGA kept lines (pass 3 over the kept claim lines)
    SELECT 'claims_nga', 'declaratie',
           n.gemeente, n.toewijzingnummer, n.client_id, n.aanbieder, n.product,
           'claim line ' || n.declaratie_id::text || ' product ' || coalesce(n.claim_productcode, 'NULL')
               || ' on ' || jeugdnorm_internal.iso_date(n.begindatum)
               || ': no contract for aanbieder ' || coalesce(n.aanbieder, 'NULL'),
           n.declaratie_id, NULL, 1, n.bedrag
      FROM jeugdnorm_internal.claims_nga n
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
      FROM kept_allocations a
     CROSS JOIN jeugdnorm_internal.settings s
     WHERE a.ingangsdatum > s.peildatum
        OR a.toewijzingsdatum > s.peildatum
    UNION ALL
    SELECT 'rows_after_peildatum', 'declaratie',
           f.gemeente, f.toewijzingnummer, f.client_id, f.aanbieder, f.product,
           'claim line ' || f.declaratie_id::text || ' ' || jeugdnorm_internal.iso_date(f.begindatum)
               || '..' || jeugdnorm_internal.iso_date(f.einddatum)
               || ' ends after the peildatum ' || jeugdnorm_internal.iso_date(f.peildatum),
           f.declaratie_id, NULL, 1, f.bedrag
      FROM flagged_claims f
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
