-- mv_data_quality_rows computed in C (dq_lines_agg + dq_key_lines,
-- src/core/dq_lines.c, src/pg/dq_lines.c) against the SQL formulation it
-- replaced (0.3.0 before the C step, kept here as a test-only reference:
-- dq_reference), on the demo region with seeded random additions that hit
-- every per-line rule -- copies (also equal numbers of another scale, NULLs),
-- net-zero groups (credits, zero and NULL amounts), units of every family
-- and unknown, budget allocations, lines outside their period and after the
-- peildatum, contracts missing, open or ending -- under both drop_net_zero
-- settings and two peildata; and hand-built fixtures of dq_key_lines with
-- hand-computed results for each per-line signal.
\set ON_ERROR_STOP 1
\set QUIET 1
BEGIN;
CREATE EXTENSION jeugdnorm;
\i test/fixtures/demo_small.sql

-- ---- the reference: the SQL pass of 0.3.0 before the C step ----------------------
CREATE TYPE pg_temp.dq_old_line AS (
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
CREATE TEMP VIEW dq_reference AS
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
      LEFT JOIN (
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
                                        l.after_peildatum, l.kept AND l.nga,
                                        l.in_credit_group)::pg_temp.dq_old_line)
                   FILTER (WHERE l.net_zero_lines IS NOT NULL
                              OR l.in_credit_group
                              -- every line, kept or not ([S5]: all data)
                              OR l.after_peildatum
                              OR (l.kept AND (l.outside_period OR NOT l.same_family
                                              OR l.nga))) AS flagged
          FROM (SELECT d.declaratie_id, d.gemeente, d.toewijzingnummer, d.client_id, d.aanbieder,
                       d.productcategorie, d.productcode, d.begindatum, d.einddatum, d.volume,
                       d.eenheid AS raw_eenheid, d.bedrag,
                       e.code AS eenheid,
                       e.canonical_unit AS unit,
                       a.gemeente IS NULL AS no_kept_allocation,
                       a.gemeente IS NOT NULL
                           AND NOT (nz.drop_net_zero IS TRUE AND coalesce(cg.net = 0, false)) AS kept,
                       a.gemeente IS NULL
                           OR NOT (nz.drop_net_zero IS TRUE AND coalesce(cg.net = 0, false)) AS counted,
                       CASE WHEN a.budget IS NOT NULL THEN e.canonical_unit = 'euro'
                            ELSE e.canonical_unit = a.unit END AS in_family,
                       CASE WHEN a.gemeente IS NOT NULL AND cg.net = 0 THEN cg.claim_lines END AS net_zero_lines,
                       cg.gemeente IS NOT NULL AS in_credit_group,
                       coalesce(e.canonical_unit = a.unit, false) AS same_family,
                       coalesce(d.begindatum < a.ingangsdatum OR d.einddatum > a.einddatum, false) AS outside_period,
                       d.einddatum > nz.peildatum AS after_peildatum,
                       NOT coalesce(v.valid @> d.begindatum, false) AS nga,
                       (pg_catalog.date_part('year', d.begindatum) * 12
                        + pg_catalog.date_part('month', d.begindatum))::integer & 127 AS month_slot
                  FROM jeugdnorm.declaratie d
                 -- the settings as a one-row subquery of two initplans, not
                 -- a join: in the per-client delta the planner joined the
                 -- settings row with the unique changed clients first,
                 -- estimated that at 1 row and probed it in a nested loop
                 -- for every allocation (3.1 billion join-filter rows at
                 -- demo scale 5 for 24,884 clients: 12 minutes)
                 CROSS JOIN (SELECT (SELECT x.drop_net_zero FROM jeugdnorm_internal.settings x) AS drop_net_zero,
                                    (SELECT x.peildatum FROM jeugdnorm_internal.settings x) AS peildatum) nz
                  LEFT JOIN jeugdnorm.eenheid_codes() e
                    ON e.code = d.eenheid
                  LEFT JOIN jeugdnorm_internal.allocations a
                    ON a.gemeente = d.gemeente
                   AND a.toewijzingnummer = d.toewijzingnummer
                  LEFT JOIN (-- jeugdnorm_internal.credit_groups, written out
                             -- (see "Per client" above)
                             SELECT g.gemeente, g.toewijzingnummer, g.begindatum, g.einddatum,
                                    pg_catalog.count(*) AS claim_lines,
                                    pg_catalog.sum(g.bedrag) AS net
                               FROM jeugdnorm.declaratie g
                              WHERE (g.gemeente, g.toewijzingnummer, g.begindatum, g.einddatum) IN
                                    (SELECT c.gemeente, c.toewijzingnummer, c.begindatum, c.einddatum
                                       FROM jeugdnorm.declaratie c
                                      WHERE c.bedrag <= 0)
                              GROUP BY g.gemeente, g.toewijzingnummer, g.begindatum, g.einddatum) cg
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
-- claims_duplicate candidates (see above): all lines of the keys whose
-- month sketch collides (read again by index: OFFSET 0 keeps it one probe
-- per such key), the credit-group lines of the other keys
duplicate_candidates AS (
    SELECT d.declaratie_id, k.gemeente, k.toewijzingnummer, d.client_id, d.aanbieder,
           d.productcategorie, d.productcode, d.begindatum, d.einddatum, d.volume, d.eenheid, d.bedrag,
           k.own_client_id, k.own_aanbieder, k.own_product
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
           k.own_client_id, k.own_aanbieder, k.own_product
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
           u.gemeente, u.toewijzingnummer, u.own_client_id, u.own_aanbieder, u.own_product,
           'claim line ' || u.declaratie_id::text || ' is a copy of claim line ' || u.first_id::text,
           u.declaratie_id, NULL, 1, u.bedrag
      FROM duplicates u
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

-- ---- seeded random additions ----------------------------------------------------------
\i test/lib/dq_seeded_additions.sql
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset

CREATE TEMP TABLE t_sizes AS
SELECT (SELECT count(*) FROM jeugdnorm.declaratie) AS claim_lines,
       (SELECT count(*) FROM dq_reference) AS reference_rows;
\unset QUIET

SELECT plan(23);

-- ---- property: the C step gives the reference's rows ------------------------------------
SELECT cmp_ok((SELECT claim_lines FROM t_sizes), '>', 10000::bigint, 'a data set of some size');
SELECT results_eq(
    $$SELECT r.signal, count(*) > 0 FROM dq_reference r GROUP BY r.signal ORDER BY r.signal$$,
    $$SELECT s.signal, true FROM jeugdnorm_internal.data_quality_signals s
       WHERE s.signal <> 'claims_without_allocation' ORDER BY s.signal$$,
    'the data raise every signal of mv_data_quality_rows');
CREATE TEMP TABLE t_new AS SELECT * FROM jeugdnorm_internal.mv_data_quality_rows_full;
CREATE TEMP TABLE t_ref AS SELECT * FROM dq_reference;
SELECT is_empty($$SELECT * FROM t_new EXCEPT ALL SELECT * FROM t_ref$$,
                'drop_net_zero true: no row of the C step that the reference lacks');
SELECT is_empty($$SELECT * FROM t_ref EXCEPT ALL SELECT * FROM t_new$$,
                'drop_net_zero true: no row of the reference that the C step lacks');
SELECT is_empty($$SELECT t::text FROM t_new t EXCEPT ALL SELECT t::text FROM t_ref t$$,
                'drop_net_zero true: the same rows as text (amounts in the same scale)');
SELECT is((SELECT count(*) FROM t_new), (SELECT count(*) FROM t_ref), 'drop_net_zero true: as many rows');
SELECT is((SELECT count(*) FROM jeugdnorm_internal.mv_data_quality_rows), (SELECT count(*) FROM t_ref),
          'the stored table (refresh) holds the reference''s number of rows');

UPDATE jeugdnorm.settings SET drop_net_zero = false;
DROP TABLE t_new, t_ref;
CREATE TEMP TABLE t_new AS SELECT * FROM jeugdnorm_internal.mv_data_quality_rows_full;
CREATE TEMP TABLE t_ref AS SELECT * FROM dq_reference;
SELECT is_empty($$SELECT t::text FROM t_new t EXCEPT ALL SELECT t::text FROM t_ref t$$,
                'drop_net_zero false: no row of the C step that the reference lacks');
SELECT is_empty($$SELECT t::text FROM t_ref t EXCEPT ALL SELECT t::text FROM t_new t$$,
                'drop_net_zero false: no row of the reference that the C step lacks');

UPDATE jeugdnorm.settings SET drop_net_zero = true,
       peildatum = (SELECT s.peildatum FROM jeugdnorm_internal.settings s) - 700;
DROP TABLE t_new, t_ref;
CREATE TEMP TABLE t_new AS SELECT * FROM jeugdnorm_internal.mv_data_quality_rows_full;
CREATE TEMP TABLE t_ref AS SELECT * FROM dq_reference;
SELECT is_empty($$SELECT t::text FROM t_new t EXCEPT ALL SELECT t::text FROM t_ref t$$,
                'an earlier peildatum: no row of the C step that the reference lacks');
SELECT is_empty($$SELECT t::text FROM t_ref t EXCEPT ALL SELECT t::text FROM t_new t$$,
                'an earlier peildatum: no row of the reference that the C step lacks');

-- ---- dq_key_lines on hand-built lines --------------------------------------------------
-- One allocation 2024-01-01..2024-06-30 in 'uur', peildatum 2024-12-31,
-- a contract of code 45A11 valid 2024-01-01..2024-03-31 and one of 45A12
-- open from 2024-02-01.
CREATE TEMP TABLE t_lines (declaratie_id bigint, client_id text, aanbieder text, productcategorie text,
                           productcode text, begindatum date, einddatum date, volume numeric,
                           eenheid text, bedrag numeric);
INSERT INTO t_lines VALUES
    -- 1, 2: in period, contracted, in the family (2 in minutes); 3: 45A11
    -- after its contract ended (NGA), dagdeel (x 4)
    (1, 'K', 'A', '45', '45A11', '2024-01-01', '2024-01-31', 10, '04', 100),
    (2, 'K', 'A', '45', '45A11', '2024-02-01', '2024-02-29', 90, '01', 50),
    (3, 'K', 'A', '45', '45A11', '2024-04-01', '2024-04-30', 1, '16', 40),
    -- 4: before the allocation starts (and before 45A12's contract: NGA);
    -- 5: ends after the allocation and after the peildatum
    (4, 'K', 'A', '45', '45A12', '2023-12-01', '2023-12-31', 1, '04', 10),
    (5, 'K', 'A', '45', '45A12', '2024-06-01', '2025-01-05', 1, '04', 10),
    -- 6: another unit family (etmaal); 7: no unit; 8: no productcode (NGA)
    (6, 'K', 'A', '45', '45A12', '2024-03-01', '2024-03-31', 2, '14', 20),
    (7, 'K', 'A', '45', '45A12', '2024-03-01', '2024-03-30', 2, NULL, 20),
    (8, 'K', 'A', '45', NULL, '2024-03-02', '2024-03-31', 1, '04', 5),
    -- 9, 10: a net-zero pair; 11: a zero line alone (its group nets to 0)
    (9, 'K', 'A', '45', '45A12', '2024-05-01', '2024-05-31', 3, '04', 30),
    (10, 'K', 'A', '45', '45A12', '2024-05-01', '2024-05-31', -3, '04', -30),
    (11, 'K', 'A', '45', '45A12', '2024-05-02', '2024-05-31', 0, '04', 0),
    -- 12, 13: equal (13's numbers in another scale, client NULL in both);
    -- 14 differs only in volume NULL; 15, 16: a credit group netting to -5
    -- (a NULL bedrag is no part of the net)
    (12, NULL, 'A', '45', '45A12', '2024-04-01', '2024-04-15', 1.5, '04', 15),
    (13, NULL, 'A', '45', '45A12', '2024-04-01', '2024-04-15', 1.50, '04', 15.000),
    (14, NULL, 'A', '45', '45A12', '2024-04-01', '2024-04-15', NULL, '04', 15),
    (15, 'K', 'A', '45', '45A12', '2024-04-16', '2024-04-30', 1, '04', NULL),
    (16, 'K', 'A', '45', '45A12', '2024-04-16', '2024-04-30', 1, '04', -5);
CREATE TEMP TABLE t_key AS
SELECT x.*
  FROM (SELECT jeugdnorm_internal.dq_lines_agg(declaratie_id, client_id, aanbieder, productcategorie, productcode,
                                               begindatum, einddatum, volume, eenheid, bedrag) AS lines
          FROM t_lines) l
 CROSS JOIN LATERAL jeugdnorm_internal.dq_key_lines(l.lines, true, '2024-01-01', '2024-06-30', 'uur', false,
                                                    ARRAY['45A11', '45A12'], ARRAY[date '2024-01-01', '2024-02-01'],
                                                    ARRAY[date '2024-03-31', 'infinity'], true, '2024-12-31') x;
SELECT results_eq(
    $$SELECT f.declaratie_id, f.unit, f.net_zero_lines, f.outside_period, f.other_family, f.after_peildatum,
             f.nga, f.copy_of
        FROM t_key k CROSS JOIN LATERAL unnest(k.flagged) f ORDER BY 1$$,
    $$VALUES (3::bigint, 'uur', NULL::bigint, false, false, false, true, NULL::bigint),
             (4, 'uur', NULL, true, false, false, true, NULL),
             (5, 'uur', NULL, true, false, true, false, NULL),
             (6, 'etmaal', NULL, false, true, false, false, NULL),
             (7, NULL, NULL, false, true, false, false, NULL),
             (8, 'uur', NULL, false, false, false, true, NULL),
             (9, 'uur', 2, false, false, false, false, NULL),
             (10, 'uur', 2, false, false, false, false, NULL),
             (11, 'uur', 1, false, false, false, false, NULL),
             (13, 'uur', NULL, false, false, false, false, 12)$$,
    'dq_key_lines: the flagged lines of a kept allocation (outside, other family, after the peildatum, NGA, net zero, copy)');
-- counted: every line but the net-zero groups (9, 10, 11): 13 lines;
-- amount 100 + 50 + 40 + 10 + 10 + 20 + 20 + 5 + 15 + 15.000 + 15 - 5
-- (15's NULL left out) = 295.000 (the largest scale, as sum()); claimed x
-- 60 of the kept 'uur' lines with a volume: 10 x 60 + 90 (minutes: x 60 /
-- 60) + 1 x 4 x 60 + (1 + 1 + 1) x 60 (4, 5, 8) + (1.5 + 1.50) x 60 +
-- (1 + 1) x 60 (15, 16) = 600 + 90 + 240 + 180 + 180 + 120 = 1410.00
SELECT results_eq(
    $$SELECT claim_lines, amount::text, claimed_60::text FROM t_key$$,
    $$VALUES (13::bigint, '295.000', '1410.00')$$,
    'dq_key_lines: count, bedrag (the scale of sum()) and claimed volume x 60 of the kept lines');
-- drop_net_zero false: the net-zero lines are kept and counted (still rows)
SELECT results_eq(
    $$SELECT x.claim_lines, x.amount::text, x.claimed_60::text,
             (SELECT array_agg(f.declaratie_id ORDER BY f.declaratie_id) FROM unnest(x.flagged) f WHERE f.net_zero_lines IS NOT NULL)
        FROM (SELECT jeugdnorm_internal.dq_lines_agg(declaratie_id, client_id, aanbieder, productcategorie, productcode,
                                                     begindatum, einddatum, volume, eenheid, bedrag) AS lines
                FROM t_lines) l
       CROSS JOIN LATERAL jeugdnorm_internal.dq_key_lines(l.lines, true, '2024-01-01', '2024-06-30', 'uur', false,
                                                          ARRAY['45A11', '45A12'], ARRAY[date '2024-01-01', '2024-02-01'],
                                                          ARRAY[date '2024-03-31', 'infinity'], false, '2024-12-31') x$$,
    $$VALUES (16::bigint, '295.000', '1410.00', ARRAY[9, 10, 11]::bigint[])$$,
    'dq_key_lines: drop_net_zero false keeps and counts the net-zero lines and still flags them');
-- a left-out allocation: every line counted (net-zero ones too), no line
-- flag but the peildatum's and the copies, no claimed volume
SELECT results_eq(
    $$SELECT x.claim_lines, x.amount::text, x.claimed_60,
             (SELECT array_agg(f.declaratie_id ORDER BY f.declaratie_id) FROM unnest(x.flagged) f),
             (SELECT bool_or(f.outside_period OR f.other_family OR f.nga OR f.net_zero_lines IS NOT NULL)
                FROM unnest(x.flagged) f)
        FROM (SELECT jeugdnorm_internal.dq_lines_agg(declaratie_id, client_id, aanbieder, productcategorie, productcode,
                                                     begindatum, einddatum, volume, eenheid, bedrag) AS lines
                FROM t_lines) l
       CROSS JOIN LATERAL jeugdnorm_internal.dq_key_lines(l.lines, false, NULL, NULL, NULL, NULL,
                                                          NULL, NULL, NULL, true, '2024-12-31') x$$,
    $$VALUES (16::bigint, '295.000', NULL::numeric, ARRAY[5, 13]::bigint[], false)$$,
    'dq_key_lines: a left-out allocation counts all its lines and flags only the peildatum''s and the copies');
-- a budget allocation: its family is 'euro' (100.5 x 60 + 10 x 60); an open
-- allocation has no end to be after, only a start to be before
SELECT results_eq(
    $$SELECT x.claimed_60::text,
             (SELECT array_agg(f.declaratie_id ORDER BY f.declaratie_id) FROM unnest(x.flagged) f WHERE f.outside_period)
        FROM (SELECT jeugdnorm_internal.dq_lines_agg(t.d, 'K', 'A', '45', '45A12', t.b, t.e, t.v, t.u, 1) AS lines
                FROM (VALUES (1::bigint, date '2024-01-01', date '2024-01-31', 100.5, '83'),
                             (2, '2024-02-01', '2030-01-01', 10, '83'),
                             (3, '2023-02-01', '2023-02-02', 7, '04')) AS t (d, b, e, v, u)) l
       CROSS JOIN LATERAL jeugdnorm_internal.dq_key_lines(l.lines, true, '2024-01-01', NULL, 'uur', true,
                                                          NULL, NULL, NULL, true, '2040-01-01') x$$,
    $$VALUES ('6630.0', ARRAY[3]::bigint[])$$,
    'dq_key_lines: a budget allocation claims its euro lines; an open one is outside only before its start');
SELECT results_eq(
    $$SELECT x.claim_lines, x.amount, x.claimed_60, x.flagged IS NULL
        FROM jeugdnorm_internal.dq_key_lines(NULL, true, '2024-01-01', NULL, 'uur', false,
                                             NULL, NULL, NULL, true, '2024-12-31') x$$,
    $$VALUES (0::bigint, NULL::numeric, NULL::numeric, true)$$,
    'dq_key_lines: a key without claim lines: 0 lines, no amount, no volume, nothing flagged');
-- a copy is found whatever order the lines come in, and every copy points
-- at the smallest declaratie_id
SELECT results_eq(
    $$SELECT f.declaratie_id, f.copy_of
        FROM (SELECT jeugdnorm_internal.dq_lines_agg(d, NULL, 'A', '45', '45A12', date '2024-01-01', date '2024-01-31',
                                                     1, '04', 10 ORDER BY (d * 7919) % 101) AS lines
                FROM generate_series(1, 40) d) l
       CROSS JOIN LATERAL jeugdnorm_internal.dq_key_lines(l.lines, true, '2024-01-01', NULL, 'uur', false,
                                                          ARRAY['45A12'], ARRAY[date '2020-01-01'], ARRAY[date 'infinity'],
                                                          true, '2024-12-31') x
       CROSS JOIN LATERAL unnest(x.flagged) f
       ORDER BY 1$$,
    $$SELECT d::bigint, 1::bigint FROM generate_series(2, 40) d$$,
    'dq_key_lines: 40 equal lines in any order: 39 copies of the first');
SELECT throws_ok(
    $$SELECT jeugdnorm_internal.dq_key_lines('\x00'::bytea, true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true, NULL)$$,
    '22P03', NULL, 'dq_key_lines: a bytea that is not dq_lines_agg''s is refused');
SELECT throws_ok(
    $$SELECT jeugdnorm_internal.dq_key_lines(l.lines || '\x00'::bytea, true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true, NULL)
        FROM (SELECT jeugdnorm_internal.dq_lines_agg(1, 'K', 'A', '45', '45A12', date '2024-01-01', date '2024-01-31',
                                                     1, '04', 10) AS lines) l$$,
    '22P03', NULL, 'dq_key_lines: packed lines with bytes after the last line are refused');
SELECT throws_ok(
    $$SELECT jeugdnorm_internal.dq_key_lines(substr(l.lines, 1, length(l.lines) - 3), true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true, NULL)
        FROM (SELECT jeugdnorm_internal.dq_lines_agg(1, 'K', 'A', '45', '45A12', date '2024-01-01', date '2024-01-31',
                                                     1, '04', 10) AS lines) l$$,
    '22P03', NULL, 'dq_key_lines: cut packed lines are refused');

-- ---- declared properties -----------------------------------------------------------------
SELECT results_eq(
    $$SELECT p.proname::text COLLATE "default", p.provolatile::text COLLATE "default", p.proparallel::text COLLATE "default", p.proisstrict
        FROM pg_proc p WHERE p.pronamespace = 'jeugdnorm_internal'::regnamespace AND p.proname::text LIKE 'dq\_%'
       ORDER BY 1$$,
    $$VALUES ('dq_key_lines', 'i', 's', false), ('dq_lines_agg', 'i', 's', false),
             ('dq_lines_combine', 'i', 's', false), ('dq_lines_deserialize', 'i', 's', true),
             ('dq_lines_final', 'i', 's', false), ('dq_lines_serialize', 'i', 's', true),
             ('dq_lines_trans', 'i', 's', false)$$,
    'dq_*: immutable, parallel safe, not strict (NULL columns are values; serialise and deserialise strict)');
SELECT results_eq(
    $$SELECT a.aggcombinefn::text COLLATE "default", a.aggserialfn::text COLLATE "default", a.aggfinalmodify::text COLLATE "default"
        FROM pg_aggregate a WHERE a.aggfnoid = 'jeugdnorm_internal.dq_lines_agg'::regproc$$,
    $$VALUES ('jeugdnorm_internal.dq_lines_combine', 'jeugdnorm_internal.dq_lines_serialize', 'r')$$,
    'dq_lines_agg: a combine step (parallel plans: the lines of a key concatenated), a read-only final function');

SELECT * FROM finish();
ROLLBACK;
