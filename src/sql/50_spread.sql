-- 50_spread.sql: spread of volume, duration and intensity per product, the
-- histogram of volume and duration, and the deviation from the municipal norms.
-- DEFINITIONS.md 3 (spread statistics, norm of a path), 6, 7 [R4] [R5] [R6], 8.
--
-- All three views read the completed care paths that start inside the window.
-- Which paths are completed or in the window, the path's volume, months and
-- frequency, its unit and its norm are decided once, in the paths layer
-- (jeugdnorm_internal.mv_care_paths: `completed`, `in_window`, `norm_*`);
-- nothing here re-derives them.  We read the materialised view itself rather
-- than the contract view jeugdnorm.care_paths so that every figure below is
-- computed from the stored values and rounded only as the last step (section 8).
--
-- Tenancy: these views run with their owner's privileges and count only the
-- paths whose gemeente (the path's first allocation's) the caller may see
-- (jeugdnorm.access, see 45_path_views.sql); a role that sees every gemeente
-- gets the region's figures.  Percentiles, shares and medians are computed
-- over exactly those paths.

-- product_spread [R4] ---------------------------------------------------------
--
-- One row per (product, measure) for every product with at least one completed
-- in-window path; the three measure rows exist even when a measure has no
-- non-NULL value (n = 0, statistics NULL).  Percentiles: percentile_cont over
-- float8 (linear interpolation); mean, min and max exact in numeric.
CREATE VIEW jeugdnorm.product_spread AS
WITH measured AS (
    SELECT p.product,
           m.measure,
           m.value,
           m.value_unit
      FROM jeugdnorm_internal.mv_care_paths AS p
     CROSS JOIN LATERAL (VALUES
               ('volume'::text,       p.volume::numeric,              p.unit),
               ('doorlooptijd'::text, p.months_levering::numeric,     'maand'::text),
               ('frequentie'::text,   p.frequentie_per_week::numeric, p.unit || ' per week')
           ) AS m (measure, value, value_unit)
     WHERE p.completed
       AND p.in_window
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR p.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
),
stats AS (
    SELECT product,
           measure,
           pg_catalog.count(value) AS n,
           pg_catalog.avg(value) AS mean,
           pg_catalog.percentile_cont(ARRAY[0.10, 0.25, 0.50, 0.75, 0.90]::float8[])
               WITHIN GROUP (ORDER BY value::float8) AS pct,
           pg_catalog.min(value) AS min,
           pg_catalog.max(value) AS max,
           pg_catalog.string_agg(DISTINCT value_unit, ', ' ORDER BY value_unit)
               FILTER (WHERE value IS NOT NULL) AS unit
      FROM measured
     GROUP BY product, measure
)
SELECT product,
       measure,
       n::bigint              AS n,
       mean::numeric(18,6)    AS mean,
       pct[1]::numeric(18,6)  AS p10,
       pct[2]::numeric(18,6)  AS p25,
       pct[3]::numeric(18,6)  AS median,
       pct[4]::numeric(18,6)  AS p75,
       pct[5]::numeric(18,6)  AS p90,
       min::numeric(18,6)     AS min,
       max::numeric(18,6)     AS max,
       unit
  FROM stats
 ORDER BY product, measure;

COMMENT ON VIEW jeugdnorm.product_spread IS
    'Spreiding per product: spread of volume, doorlooptijd (months_levering) and frequentie per week over the completed care paths that start inside [window_start, peildatum]; one row per (product, measure) [R4].';
COMMENT ON COLUMN jeugdnorm.product_spread.product IS
    'Product: productcode, or productcategorie for an aspecifiek allocation (the analysis product of the path).';
COMMENT ON COLUMN jeugdnorm.product_spread.measure IS
    'Maat: measure, ''volume'' (claimed volume in the canonical unit), ''doorlooptijd'' (months on the delivery basis) or ''frequentie'' (volume per week).';
COMMENT ON COLUMN jeugdnorm.product_spread.n IS
    'Aantal: number of completed in-window paths with a non-NULL value for this measure (0: statistics NULL).';
COMMENT ON COLUMN jeugdnorm.product_spread.mean IS
    'Gemiddelde: arithmetic mean of the values, exact, rounded to 6 decimals.';
COMMENT ON COLUMN jeugdnorm.product_spread.p10 IS
    'Percentiel 10: 10th percentile, continuous with linear interpolation (percentile_cont over float8).';
COMMENT ON COLUMN jeugdnorm.product_spread.p25 IS
    'Percentiel 25 (eerste kwartiel): 25th percentile, continuous with linear interpolation.';
COMMENT ON COLUMN jeugdnorm.product_spread.median IS
    'Mediaan: median (50th percentile), continuous with linear interpolation.';
COMMENT ON COLUMN jeugdnorm.product_spread.p75 IS
    'Percentiel 75 (derde kwartiel): 75th percentile, continuous with linear interpolation.';
COMMENT ON COLUMN jeugdnorm.product_spread.p90 IS
    'Percentiel 90: 90th percentile, continuous with linear interpolation.';
COMMENT ON COLUMN jeugdnorm.product_spread.min IS
    'Minimum: smallest value, exact.';
COMMENT ON COLUMN jeugdnorm.product_spread.max IS
    'Maximum: largest value, exact.';
COMMENT ON COLUMN jeugdnorm.product_spread.unit IS
    'Eenheid: unit(s) of the counted values, e.g. ''uur'', ''maand'', ''uur per week''; more than one unit listed means the volume figures mix units (paths of one product allocated in different units).';

-- product_histogram [R5] ------------------------------------------------------
--
-- Same paths as product_spread.  Volume: only paths whose unit is 'uur' and
-- whose volume is >= 0 (a negative volume has no bin).  Doorlooptijd: bin
-- k = ceil(months_levering) for k = 1..24, '>24' above; months_levering is
-- at least 1 / 30.4375 on a path with claims (days >= 1), a value <= 0 would
-- have no bin.  Only non-empty bins are rows.  share = paths in the bin /
-- paths with a binned value for the product and measure.
CREATE VIEW jeugdnorm.product_histogram AS
WITH paths AS (
    SELECT p.product, p.unit, p.volume, p.months_levering
      FROM jeugdnorm_internal.mv_care_paths AS p
     WHERE p.completed
       AND p.in_window
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR p.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
),
binned AS (
    SELECT product,
           'volume'::text AS measure,
           CASE
               WHEN volume < 10 THEN 1
               WHEN volume < 20 THEN 2
               WHEN volume < 30 THEN 3
               WHEN volume < 50 THEN 4
               WHEN volume < 75 THEN 5
               WHEN volume < 100 THEN 6
               WHEN volume < 150 THEN 7
               ELSE 8
           END AS bin_order
      FROM paths
     WHERE unit = 'uur'
       AND volume >= 0
    UNION ALL
    SELECT product,
           'doorlooptijd'::text,
           CASE
               WHEN pg_catalog.ceil(months_levering) > 24 THEN 25
               ELSE pg_catalog.ceil(months_levering)::integer
           END
      FROM paths
     WHERE months_levering > 0
),
counted AS (
    SELECT product, measure, bin_order, pg_catalog.count(*) AS paths
      FROM binned
     GROUP BY product, measure, bin_order
)
SELECT product,
       measure,
       CASE
           WHEN measure = 'volume' THEN
               (ARRAY['[0,10)', '[10,20)', '[20,30)', '[30,50)', '[50,75)',
                      '[75,100)', '[100,150)', '[150,inf)'])[bin_order]
           WHEN bin_order = 25 THEN '>24'
           ELSE bin_order::text
       END AS bin,
       bin_order::integer AS bin_order,
       paths::bigint AS paths,
       (paths::numeric
        / pg_catalog.sum(paths) OVER (PARTITION BY product, measure))::numeric(18,6) AS share
  FROM counted
 ORDER BY product, measure, bin_order;

COMMENT ON VIEW jeugdnorm.product_histogram IS
    'Histogram per product: completed in-window care paths per bin of volume (hours, unit ''uur'' only) and of doorlooptijd (months on the delivery basis); only non-empty bins [R5].';
COMMENT ON COLUMN jeugdnorm.product_histogram.product IS
    'Product: productcode, or productcategorie for an aspecifiek allocation.';
COMMENT ON COLUMN jeugdnorm.product_histogram.measure IS
    'Maat: measure, ''volume'' (hours) or ''doorlooptijd'' (months_levering); there is no frequentie histogram.';
COMMENT ON COLUMN jeugdnorm.product_histogram.bin IS
    'Klasse: bin label; volume ''[0,10)'' .. ''[150,inf)'' (hours, lower bound included), doorlooptijd ''1'' .. ''24'' (ceil of months) and ''>24''.';
COMMENT ON COLUMN jeugdnorm.product_histogram.bin_order IS
    'Volgorde klasse: sort order of the bin within the measure (volume 1..8, doorlooptijd 1..25).';
COMMENT ON COLUMN jeugdnorm.product_histogram.paths IS
    'Zorgtrajecten: number of completed in-window care paths in the bin.';
COMMENT ON COLUMN jeugdnorm.product_histogram.share IS
    'Aandeel: paths in the bin / paths with a binned value for this product and measure (fraction 0..1, 6 decimals).';

-- norm_deviation [R6] ---------------------------------------------------------
--
-- One row per (product, aanbieder) and one per product over all providers
-- (aanbieder NULL, is_total true), over the paths of product_spread.
-- paths_with_norm: the paths layer's norm_id (the [R9] row chosen, NULL when
-- none), so a norm row whose columns are all NULL still counts as found.
-- share_above_x: among paths with a non-NULL value and a non-NULL norm on x,
-- the share strictly above the norm (NULL when there are none).
-- median_ratio_x: percentile_cont(0.5) of value / norm over those paths,
-- leaving out a norm of 0 (a value above a norm of 0 still counts as above).
-- A path without an aanbieder (toewijzing.aanbieder is nullable) is counted
-- under aanbieder '-1', the 'onbekend' member of dim_aanbieder, so that the
-- per-provider row never collides with the all-providers row (grain unique).
CREATE VIEW jeugdnorm.norm_deviation AS
WITH paths AS (
    SELECT p.product,
           COALESCE(p.aanbieder, '-1') AS aanbieder,
           p.volume,
           p.months_levering,
           p.frequentie_per_week,
           p.norm_volume,
           p.norm_doorlooptijd_maanden,
           p.norm_frequentie_per_week,
           p.norm_id IS NOT NULL AS norm_found
      FROM jeugdnorm_internal.mv_care_paths AS p
     WHERE p.completed
       AND p.in_window
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR p.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
),
agg AS (
    SELECT product,
           aanbieder,
           GROUPING(aanbieder) = 1 AS is_total,
           pg_catalog.count(*) AS paths,
           pg_catalog.count(*) FILTER (WHERE norm_found) AS paths_with_norm,
           pg_catalog.count(*) FILTER (WHERE volume > norm_volume) AS above_volume,
           pg_catalog.count(*) FILTER (WHERE volume IS NOT NULL AND norm_volume IS NOT NULL) AS compared_volume,
           pg_catalog.count(*) FILTER (WHERE months_levering > norm_doorlooptijd_maanden) AS above_doorlooptijd,
           pg_catalog.count(*) FILTER (WHERE months_levering IS NOT NULL AND norm_doorlooptijd_maanden IS NOT NULL) AS compared_doorlooptijd,
           pg_catalog.count(*) FILTER (WHERE frequentie_per_week > norm_frequentie_per_week) AS above_frequentie,
           pg_catalog.count(*) FILTER (WHERE frequentie_per_week IS NOT NULL AND norm_frequentie_per_week IS NOT NULL) AS compared_frequentie,
           pg_catalog.percentile_cont(0.5) WITHIN GROUP
               (ORDER BY (volume::numeric / NULLIF(norm_volume, 0))::float8) AS ratio_volume,
           pg_catalog.percentile_cont(0.5) WITHIN GROUP
               (ORDER BY (months_levering::numeric / NULLIF(norm_doorlooptijd_maanden, 0))::float8) AS ratio_doorlooptijd,
           pg_catalog.percentile_cont(0.5) WITHIN GROUP
               (ORDER BY (frequentie_per_week::numeric / NULLIF(norm_frequentie_per_week, 0))::float8) AS ratio_frequentie
      FROM paths
     GROUP BY GROUPING SETS ((product, aanbieder), (product))
)
SELECT product,
       aanbieder,
       paths::bigint AS paths,
       paths_with_norm::bigint AS paths_with_norm,
       (above_volume::numeric / NULLIF(compared_volume, 0))::numeric(18,6) AS share_above_volume,
       (above_doorlooptijd::numeric / NULLIF(compared_doorlooptijd, 0))::numeric(18,6) AS share_above_doorlooptijd,
       (above_frequentie::numeric / NULLIF(compared_frequentie, 0))::numeric(18,6) AS share_above_frequentie,
       ratio_volume::numeric(18,6) AS median_ratio_volume,
       ratio_doorlooptijd::numeric(18,6) AS median_ratio_doorlooptijd,
       ratio_frequentie::numeric(18,6) AS median_ratio_frequentie,
       is_total
  FROM agg
 ORDER BY product, is_total DESC, aanbieder;

COMMENT ON VIEW jeugdnorm.norm_deviation IS
    'Normafwijking: deviation of completed in-window care paths from the municipal norms (normenkader), per product and aanbieder, plus one row per product over all providers (aanbieder NULL) [R6].';
COMMENT ON COLUMN jeugdnorm.norm_deviation.product IS
    'Product: productcode, or productcategorie for an aspecifiek allocation.';
COMMENT ON COLUMN jeugdnorm.norm_deviation.aanbieder IS
    'Zorgaanbieder: provider AGB code; NULL on the row over all providers of the product; ''-1'' (onbekend) for paths without a provider.';
COMMENT ON COLUMN jeugdnorm.norm_deviation.paths IS
    'Zorgtrajecten: number of completed care paths that start inside [window_start, peildatum].';
COMMENT ON COLUMN jeugdnorm.norm_deviation.paths_with_norm IS
    'Trajecten met norm: paths for which a norm row was found (norm lookup [R9], product before productgroep).';
COMMENT ON COLUMN jeugdnorm.norm_deviation.share_above_volume IS
    'Aandeel boven volumenorm: among paths with a volume and a max_volume norm, the share with volume strictly above the norm (fraction 0..1; NULL when none).';
COMMENT ON COLUMN jeugdnorm.norm_deviation.share_above_doorlooptijd IS
    'Aandeel boven doorlooptijdnorm: among paths with months_levering and a max_doorlooptijd_maanden norm, the share strictly above the norm (fraction 0..1; NULL when none).';
COMMENT ON COLUMN jeugdnorm.norm_deviation.share_above_frequentie IS
    'Aandeel boven frequentienorm: among paths with frequentie_per_week and a max_frequentie_per_week norm, the share strictly above the norm (fraction 0..1; NULL when none).';
COMMENT ON COLUMN jeugdnorm.norm_deviation.median_ratio_volume IS
    'Mediane verhouding volume/norm: median (percentile_cont 0.5) of volume / max_volume over the compared paths, norm 0 left out (1 = exactly on the norm).';
COMMENT ON COLUMN jeugdnorm.norm_deviation.median_ratio_doorlooptijd IS
    'Mediane verhouding doorlooptijd/norm: median of months_levering / max_doorlooptijd_maanden over the compared paths, norm 0 left out.';
COMMENT ON COLUMN jeugdnorm.norm_deviation.median_ratio_frequentie IS
    'Mediane verhouding frequentie/norm: median of frequentie_per_week / max_frequentie_per_week over the compared paths, norm 0 left out.';
COMMENT ON COLUMN jeugdnorm.norm_deviation.is_total IS
    'Alle aanbieders: true on the row over all providers of the product (aanbieder NULL), false on a per-provider row.';
