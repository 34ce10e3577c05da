-- 60_money.sql: follow-up rates, realisation (verzilvering) and the cost
-- overview (DEFINITIONS.md section 6, [R8], [R10], [R11]).
--
-- These are analyses: plain views over the cleaned layer
-- (jeugdnorm_internal.allocations / claims / settings) and the materialised
-- follow-up classification (jeugdnorm_internal.mv_allocation_follow_up).  Product, age filter,
-- net-zero claims and canonical units are NOT derived here; the date and
-- volume arithmetic is the C core's (allocated_volume, overlap_share,
-- verzilvering).  Every figure is computed unrounded and cast to its BI
-- type (section 8) as the last step.
--
-- Tenancy: the views run with their owner's privileges and count only the
-- allocations and claim lines of the gemeenten the caller may see
-- (jeugdnorm.access, 45_path_views.sql): follow_up_rates by the
-- allocation's gemeente; realisation by the allocation's gemeente (its claim
-- lines share it: they match on (gemeente, toewijzingnummer)); cost_overview
-- by the claim line's gemeente.  A role that sees every gemeente gets the
-- region's figures.
--
-- follow_up_rates reads the materialised view with the access filter of its
-- own, not the reader view jeugdnorm.allocation_follow_up: that view is a
-- security barrier (99_security_barrier.sql), so a condition on
-- follow_up_rates.year (date_part is not leakproof) would stop above it and
-- every visible allocation would be read in the view's ORDER BY first (at
-- scale 2, WHERE year = 2024 took ~300 ms instead of ~60 ms for a reader of
-- every gemeente; bench/RESULTS.md, "security_barrier").
--
-- Re-runnable (CREATE OR REPLACE): the 0.2.0 -> 0.3.0 upgrade runs this
-- file again (SQL_CHANGED_SINCE_PREV in the Makefile).

-- ---------------------------------------------------------------------------
-- The year windows of [R10] / [R11]: one row per calendar year from
-- year(window_start) to year(peildatum); the window is that year
-- intersected with [window_start, peildatum].  Kept in one place because
-- realisation and cost_overview must agree on it.  Internal (not a contract
-- view), so it lives in jeugdnorm_internal.
-- ---------------------------------------------------------------------------
--
-- The years are unnested from an array rather than read from
-- generate_series() directly: the planner estimates a generate_series()
-- whose bounds are not constants at 1,000 rows, and an unnest() of an
-- array that is not a constant at 10; the real number is the window's
-- years (5 in the demo).  With 1,000, every join of the claim lines or
-- allocations with the year windows was estimated 200 times too large,
-- and the money aggregations over them sized their hash tables (and
-- planned spill partitions) for that: mv_money_alloc_years took 1.5 s of
-- backend CPU at demo scale 5 against 0.5 s with this (bench/RESULTS.md,
-- "Money views: one read of the claim lines").  Same rows.
CREATE OR REPLACE VIEW jeugdnorm_internal.year_windows AS
SELECT y.year::integer AS year,
       greatest(pg_catalog.make_date(y.year, 1, 1), s.window_start) AS window_start,
       least(pg_catalog.make_date(y.year, 12, 31), s.peildatum) AS window_end
  FROM jeugdnorm_internal.settings s
 CROSS JOIN LATERAL pg_catalog.unnest(ARRAY(
           SELECT pg_catalog.generate_series(
                      pg_catalog.date_part('year', s.window_start)::integer,
                      pg_catalog.date_part('year', s.peildatum)::integer))) AS y(year)
 ORDER BY y.year;

COMMENT ON VIEW jeugdnorm_internal.year_windows IS
    'jaarvenster: one row per calendar year from year(window_start) to year(peildatum); window = that year intersected with [window_start, peildatum] (DEFINITIONS [R10], [R11])';

-- ---------------------------------------------------------------------------
-- follow_up_rates [R8]: the allocations starting inside [window_start,
-- peildatum], classified by allocation_follow_up (which classifies on the
-- whole history), per (financieringsvorm, product, year of ingangsdatum).
-- The denominator of both shares is all of them.
-- ---------------------------------------------------------------------------
CREATE OR REPLACE VIEW jeugdnorm.follow_up_rates AS
SELECT g.financieringsvorm,
       g.product,
       g.year,
       g.allocations,
       g.verlengingen,
       g.recidives,
       (g.verlengingen::numeric / g.allocations::numeric)::numeric(18,6) AS share_verlenging,
       (g.recidives::numeric / g.allocations::numeric)::numeric(18,6) AS share_recidive,
       g.eerste,
       g.nieuw
  FROM (SELECT f.financieringsvorm,
               f.product,
               pg_catalog.date_part('year', f.ingangsdatum)::integer AS year,
               pg_catalog.count(*) AS allocations,
               pg_catalog.count(*) FILTER (WHERE f.follow_up = 'verlenging') AS verlengingen,
               pg_catalog.count(*) FILTER (WHERE f.follow_up = 'recidive') AS recidives,
               pg_catalog.count(*) FILTER (WHERE f.follow_up = 'eerste') AS eerste,
               pg_catalog.count(*) FILTER (WHERE f.follow_up = 'nieuw') AS nieuw
          FROM jeugdnorm_internal.mv_allocation_follow_up f
         CROSS JOIN jeugdnorm_internal.settings s
         WHERE f.ingangsdatum >= s.window_start
           AND f.ingangsdatum <= s.peildatum
           AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
                OR f.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
         GROUP BY f.financieringsvorm, f.product,
                  pg_catalog.date_part('year', f.ingangsdatum)::integer) g
 ORDER BY g.financieringsvorm, g.product, g.year;

COMMENT ON VIEW jeugdnorm.follow_up_rates IS
    'vervolgpercentages (follow-up rates, DEFINITIONS [R8]): one row per (financieringsvorm, product, year of ingangsdatum) over the kept allocations starting inside [window_start, peildatum]; share of extensions (verlenging) and repeat requests (recidive) among all of them';
COMMENT ON COLUMN jeugdnorm.follow_up_rates.financieringsvorm IS
    'financieringsvorm: funding model of the product (inspanning, traject, plek, taak); NULL when the product is not in the catalogue (aspecifiek allocations included)';
COMMENT ON COLUMN jeugdnorm.follow_up_rates.product IS
    'product: productcode, or productcategorie for an aspecifiek allocation';
COMMENT ON COLUMN jeugdnorm.follow_up_rates.year IS
    'jaar: calendar year of the allocation''s ingangsdatum (start date)';
COMMENT ON COLUMN jeugdnorm.follow_up_rates.allocations IS
    'toewijzingen: number of allocations starting in this year inside the window (the denominator of the shares)';
COMMENT ON COLUMN jeugdnorm.follow_up_rates.verlengingen IS
    'verlengingen: allocations classified ''verlenging'' (extension: gap to the earlier allocation of the client and product <= extension_days)';
COMMENT ON COLUMN jeugdnorm.follow_up_rates.recidives IS
    'recidives / herhaald beroep: allocations classified ''recidive'' (repeat request: extension_days < gap <= recidive_days)';
COMMENT ON COLUMN jeugdnorm.follow_up_rates.share_verlenging IS
    'aandeel verlenging: verlengingen / allocations, fraction 0..1 (scale 6)';
COMMENT ON COLUMN jeugdnorm.follow_up_rates.share_recidive IS
    'aandeel recidive: recidives / allocations, fraction 0..1 (scale 6)';
COMMENT ON COLUMN jeugdnorm.follow_up_rates.eerste IS
    'eerste: allocations classified ''eerste'' (first allocation of the client for the product)';
COMMENT ON COLUMN jeugdnorm.follow_up_rates.nieuw IS
    'nieuw: allocations classified ''nieuw'' (new request: gap > recidive_days); eerste + verlengingen + recidives + nieuw = allocations';

-- ---------------------------------------------------------------------------
-- realisation [R10]: allocated against claimed, per (product,
-- aanbieder_type, year).
--
-- Allocation side: jeugdnorm.allocated_volume() inside the year window,
-- times unit_factor (to the canonical unit); amount = that x tarief.  A
-- budget allocation allocates its budget as frequentie '6' (totaal binnen
-- geldigheidsduur) in euro: volume and amount are both that value (open
-- einddatum: NULL, as allocated_volume gives for an open 'totaal').
--
-- Claim side: every kept claim line counts for its allocation's product and
-- aanbieder, by the overlap of its own delivery period with the year window
-- (overlap_share), also where that lies outside the allocation's period.
-- claimed_volume takes the lines in the allocation's unit family
-- (claims.same_family; for a budget allocation, whose allocated volume is in
-- euro, the family is 'euro'), claimed_amount takes every line.
--
-- Both sides are stacked in one set so that jeugdnorm.verzilvering(claimed,
-- allocated) = sum(claimed) / sum(allocated) reads them in one pass; the
-- allocation rows carry claimed 0 (so a row without claims has claimed 0 and
-- verzilvering 0, not NULL), the claim rows carry allocated NULL (ignored
-- by the sums).  A row exists when anything overlaps its year window.
-- ---------------------------------------------------------------------------
CREATE OR REPLACE VIEW jeugdnorm.realisation AS
WITH alloc AS (
    SELECT a.gemeente, a.toewijzingnummer, a.product, a.aanbieder,
           a.ingangsdatum, a.einddatum, a.volume, a.frequentie, a.budget,
           a.unit_factor, a.tarief
      FROM jeugdnorm_internal.allocations a
     WHERE (SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR a.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[])
),
alloc_year AS (
    SELECT v.product, v.aanbieder, v.year, v.window_start, v.window_end,
           v.volume AS alloc_volume,
           CASE WHEN v.is_budget THEN v.volume ELSE v.volume * v.tarief END AS alloc_amount
      FROM (SELECT a.product, a.aanbieder, w.year, w.window_start, w.window_end, a.tarief,
                   a.budget IS NOT NULL AS is_budget,
                   CASE WHEN a.budget IS NOT NULL
                        THEN jeugdnorm.allocated_volume(a.ingangsdatum, a.einddatum, a.budget,
                                                        '6', w.window_start, w.window_end)
                        ELSE jeugdnorm.allocated_volume(a.ingangsdatum, a.einddatum, a.volume,
                                                        a.frequentie, w.window_start, w.window_end)
                             * a.unit_factor
                   END AS volume
              FROM alloc a
              JOIN jeugdnorm_internal.year_windows w
                ON a.ingangsdatum <= w.window_end
               AND (a.einddatum IS NULL OR a.einddatum >= w.window_start)) v
),
claim_year AS (
    SELECT c.product, c.aanbieder, w.year, w.window_start, w.window_end,
           CASE WHEN (CASE WHEN a.budget IS NOT NULL THEN c.unit = 'euro' ELSE c.same_family END)
                THEN c.canonical_volume
                     * jeugdnorm.overlap_share(c.begindatum, c.einddatum, w.window_start, w.window_end)
                ELSE 0
           END AS claim_volume,
           c.bedrag * jeugdnorm.overlap_share(c.begindatum, c.einddatum, w.window_start, w.window_end)
               AS claim_amount
      FROM jeugdnorm_internal.claims c
      JOIN alloc a
        ON a.gemeente = c.gemeente
       AND a.toewijzingnummer = c.toewijzingnummer
      JOIN jeugdnorm_internal.year_windows w
        ON c.begindatum <= w.window_end
       AND c.einddatum >= w.window_start
),
facts AS (
    SELECT product, aanbieder, year, window_start, window_end,
           true AS is_allocation,
           alloc_volume, alloc_amount,
           0::numeric AS claim_volume, 0::numeric AS claim_amount
      FROM alloc_year
    UNION ALL
    SELECT product, aanbieder, year, window_start, window_end,
           false,
           NULL::numeric, NULL::numeric,
           claim_volume, claim_amount
      FROM claim_year
)
SELECT f.product,
       ab.type AS aanbieder_type,
       f.year,
       pg_catalog.sum(f.alloc_volume)::numeric(18,6) AS allocated_volume,
       pg_catalog.sum(f.claim_volume)::numeric(18,6) AS claimed_volume,
       jeugdnorm.verzilvering(f.claim_volume, f.alloc_volume)::numeric(18,6) AS verzilvering_volume,
       pg_catalog.sum(f.alloc_amount)::numeric(14,2) AS allocated_amount,
       pg_catalog.sum(f.claim_amount)::numeric(14,2) AS claimed_amount,
       jeugdnorm.verzilvering(f.claim_amount, f.alloc_amount)::numeric(18,6) AS verzilvering_amount,
       pg_catalog.min(f.window_start) AS period_start,
       pg_catalog.max(f.window_end) AS period_end,
       pg_catalog.count(*) FILTER (WHERE f.is_allocation) AS allocations,
       pg_catalog.count(*) FILTER (WHERE NOT f.is_allocation) AS claim_lines
  FROM facts f
  LEFT JOIN jeugdnorm.aanbieder ab
    ON ab.aanbieder = f.aanbieder
 GROUP BY f.product, ab.type, f.year
 ORDER BY f.product, ab.type, f.year;

COMMENT ON VIEW jeugdnorm.realisation IS
    'verzilvering / uitnutting (realisation, DEFINITIONS [R10]): one row per (product, aanbieder_type, year) where an allocation or claim line overlaps the year window (calendar year intersected with [window_start, peildatum]); allocated volume and money against claimed volume and money, claims pro rata by days';
COMMENT ON COLUMN jeugdnorm.realisation.product IS
    'product: the allocation''s productcode, or productcategorie for an aspecifiek allocation; claim lines count for their allocation''s product';
COMMENT ON COLUMN jeugdnorm.realisation.aanbieder_type IS
    'aanbiedertype: type of the allocation''s provider from jeugdnorm.aanbieder (e.g. micro, regulier); NULL when the provider is missing there';
COMMENT ON COLUMN jeugdnorm.realisation.year IS
    'jaar: calendar year; its window is the year intersected with [window_start, peildatum]';
COMMENT ON COLUMN jeugdnorm.realisation.allocated_volume IS
    'toegewezen volume: allocated volume inside the year window in the canonical unit (uur, etmaal, stuks; euro for budget allocations), summed over the allocations; NULL when nothing on the row can be allocated (e.g. an open ''totaal'' allocation)';
COMMENT ON COLUMN jeugdnorm.realisation.claimed_volume IS
    'gedeclareerd volume: claimed canonical volume of the lines in the allocation''s unit family, pro rata by the days of their delivery period inside the year window; 0 when there are none';
COMMENT ON COLUMN jeugdnorm.realisation.verzilvering_volume IS
    'verzilvering volume (realisation rate in volume): claimed_volume / allocated_volume, fraction (1 = 100 %, scale 6); NULL when allocated is NULL or 0';
COMMENT ON COLUMN jeugdnorm.realisation.allocated_amount IS
    'toegewezen bedrag: allocated money in euros: allocated canonical volume x tarief, or the budget spread by days; NULL when no allocation on the row has a tarief or budget';
COMMENT ON COLUMN jeugdnorm.realisation.claimed_amount IS
    'gedeclareerd bedrag: claimed euros of all kept claim lines (credits negative), pro rata by the days of their delivery period inside the year window; 0 when there are none';
COMMENT ON COLUMN jeugdnorm.realisation.verzilvering_amount IS
    'verzilvering bedrag (realisation rate in money): claimed_amount / allocated_amount, fraction (1 = 100 %, scale 6); NULL when allocated is NULL or 0';
COMMENT ON COLUMN jeugdnorm.realisation.period_start IS
    'begin jaarvenster: first day of the year window (1 January, or window_start in the first year)';
COMMENT ON COLUMN jeugdnorm.realisation.period_end IS
    'einde jaarvenster: last day of the year window (31 December, or the peildatum in the last year)';
COMMENT ON COLUMN jeugdnorm.realisation.allocations IS
    'toewijzingen: number of allocations overlapping the year window';
COMMENT ON COLUMN jeugdnorm.realisation.claim_lines IS
    'declaratieregels: number of kept claim lines whose delivery period overlaps the year window';

-- ---------------------------------------------------------------------------
-- cost_overview [R11]: the kept claim lines per (segment, year), pro rata as
-- in realisation.  Segment and variant come from the claim line's OWN
-- (productcategorie, productcode) in the catalogue (an aspecifiek
-- allocation's claims carry real codes); the provider is the allocation's.
-- NGA: no contract row for (claim gemeente, allocation aanbieder, claim
-- productcode) valid on the claim's begindatum.
-- ---------------------------------------------------------------------------
CREATE OR REPLACE VIEW jeugdnorm.cost_overview AS
WITH lines AS (
    SELECT p.segment,
           w.year,
           c.client_id,
           c.bedrag * jeugdnorm.overlap_share(c.begindatum, c.einddatum, w.window_start, w.window_end)
               AS cost,
           NOT EXISTS (SELECT 1
                         FROM jeugdnorm.contract k
                        WHERE k.gemeente = c.gemeente
                          AND k.aanbieder = c.aanbieder
                          AND k.productcode = c.claim_productcode
                          AND k.geldig_van <= c.begindatum
                          AND (k.geldig_tot IS NULL OR k.geldig_tot >= c.begindatum)) AS nga,
           coalesce(p.variant IN ('maatwerk', 'meerwerk'), false) AS maatwerk_meerwerk
      FROM jeugdnorm_internal.claims c
      JOIN jeugdnorm_internal.year_windows w
        ON c.begindatum <= w.window_end
       AND c.einddatum >= w.window_start
      LEFT JOIN jeugdnorm.product p
        ON p.productcategorie = c.claim_productcategorie
       AND p.productcode = c.claim_productcode
     WHERE (SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR c.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[])
),
g AS (
    SELECT l.segment,
           l.year,
           pg_catalog.sum(l.cost) AS cost,
           coalesce(pg_catalog.sum(l.cost) FILTER (WHERE l.nga), 0) AS cost_nga,
           coalesce(pg_catalog.sum(l.cost) FILTER (WHERE l.maatwerk_meerwerk), 0) AS cost_mm,
           pg_catalog.count(DISTINCT l.client_id) AS clients,
           pg_catalog.count(*) AS claim_lines,
           pg_catalog.count(*) FILTER (WHERE l.nga) AS claim_lines_nga
      FROM lines l
     GROUP BY l.segment, l.year
)
SELECT g.segment,
       g.year,
       g.cost::numeric(14,2) AS cost,
       g.cost_nga::numeric(14,2) AS cost_nga,
       (g.cost_nga / NULLIF(g.cost, 0))::numeric(18,6) AS share_nga,
       g.cost_mm::numeric(14,2) AS cost_maatwerk_meerwerk,
       (g.cost_mm / NULLIF(g.cost, 0))::numeric(18,6) AS share_maatwerk_meerwerk,
       g.clients,
       g.claim_lines,
       g.claim_lines_nga
  FROM g
 ORDER BY g.segment, g.year;

COMMENT ON VIEW jeugdnorm.cost_overview IS
    'kostenoverzicht (cost overview, DEFINITIONS [R11]): one row per (segment, year) with a kept claim line overlapping the year window (calendar year intersected with [window_start, peildatum]); claimed cost pro rata by days, the part without a contract (NGA) and the maatwerk/meerwerk part';
COMMENT ON COLUMN jeugdnorm.cost_overview.segment IS
    'segment: purchasing segment of the claim line''s own (productcategorie, productcode) in the catalogue; NULL when that code is not in jeugdnorm.product';
COMMENT ON COLUMN jeugdnorm.cost_overview.year IS
    'jaar: calendar year; its window is the year intersected with [window_start, peildatum]';
COMMENT ON COLUMN jeugdnorm.cost_overview.cost IS
    'kosten: claimed euros (credits negative), each line x the share of its delivery period inside the year window';
COMMENT ON COLUMN jeugdnorm.cost_overview.cost_nga IS
    'kosten NGA (niet gecontracteerd aanbod): the part of cost without a contract for (claim gemeente, allocation aanbieder, claim productcode) valid on the claim''s begindatum; 0 when none';
COMMENT ON COLUMN jeugdnorm.cost_overview.share_nga IS
    'aandeel NGA: cost_nga / cost, fraction (scale 6); NULL when cost is 0';
COMMENT ON COLUMN jeugdnorm.cost_overview.cost_maatwerk_meerwerk IS
    'kosten maatwerk/meerwerk: the part of cost on products whose variant is maatwerk or meerwerk; 0 when none';
COMMENT ON COLUMN jeugdnorm.cost_overview.share_maatwerk_meerwerk IS
    'aandeel maatwerk/meerwerk: cost_maatwerk_meerwerk / cost, fraction (scale 6); NULL when cost is 0';
COMMENT ON COLUMN jeugdnorm.cost_overview.clients IS
    'cliënten: distinct clients (the allocation''s client_id) with a claim line overlapping the year window';
COMMENT ON COLUMN jeugdnorm.cost_overview.claim_lines IS
    'declaratieregels: kept claim lines overlapping the year window';
COMMENT ON COLUMN jeugdnorm.cost_overview.claim_lines_nga IS
    'declaratieregels NGA: those of claim_lines without a valid contract';
