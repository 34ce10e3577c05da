-- Printed by `make demo` after the region summary: the analyses of the demo
-- region, read from the contract views as a BI tool or an analyst would.
\pset null '-'

\echo
\echo '== Product spread of the 5 largest products (completed paths in the window)'
WITH largest AS (
    SELECT product, count(*) AS paths
      FROM jeugdnorm.care_paths
     GROUP BY product
     ORDER BY count(*) DESC, product
     LIMIT 5
)
SELECT s.product, s.measure, s.n, round(s.mean, 2) AS mean, round(s.p10, 2) AS p10,
       round(s.p25, 2) AS p25, round(s.median, 2) AS median, round(s.p75, 2) AS p75,
       round(s.p90, 2) AS p90, round(s.min, 2) AS min, round(s.max, 2) AS max
  FROM jeugdnorm.product_spread s
  JOIN largest l USING (product)
 ORDER BY l.paths DESC, s.product, s.measure;

\echo
\echo '== Norm deviation per product (all providers): share of completed paths above the norm'
SELECT product, paths, paths_with_norm,
       round(share_above_volume, 3) AS above_volume,
       round(share_above_doorlooptijd, 3) AS above_duur,
       round(share_above_frequentie, 3) AS above_freq,
       round(median_ratio_volume, 2) AS med_ratio_vol,
       round(median_ratio_doorlooptijd, 2) AS med_ratio_duur,
       round(median_ratio_frequentie, 2) AS med_ratio_freq
  FROM jeugdnorm.norm_deviation
 WHERE aanbieder IS NULL
 ORDER BY product;

\echo
\echo '== Top 10 care paths of the GGZ group (paths per client and productgroep, labels by variant)'
SELECT rank, path, paths, round(share, 3) AS share
  FROM jeugdnorm.top_paths
 WHERE productgroep = 'GGZ'
 ORDER BY rank, path
 LIMIT 10;

\echo
\echo '== Follow-up rates per financing form and year (allocations starting in the window)'
SELECT financieringsvorm, year, sum(allocations) AS allocations,
       sum(verlengingen) AS verlengingen, sum(recidives) AS recidives,
       round(sum(verlengingen)::numeric / sum(allocations), 3) AS share_verlenging,
       round(sum(recidives)::numeric / sum(allocations), 3) AS share_recidive
  FROM jeugdnorm.follow_up_rates
 GROUP BY financieringsvorm, year
 ORDER BY financieringsvorm NULLS LAST, year;

\echo
\echo '== Realisation (verzilvering) per provider type and year, in money'
SELECT aanbieder_type, year,
       sum(allocated_amount) AS allocated_amount,
       sum(claimed_amount) AS claimed_amount,
       round(sum(claimed_amount) / NULLIF(sum(allocated_amount), 0), 3) AS verzilvering_amount
  FROM jeugdnorm.realisation
 GROUP BY aanbieder_type, year
 ORDER BY aanbieder_type NULLS LAST, year;

\echo
\echo '== Flow per quarter of Ambulant perspectief 1 (care paths per client and productgroep)'
SELECT period_start, period_end, in_care_start, instroom, uitstroom, in_care_end
  FROM jeugdnorm.flow
 WHERE productgroep = 'Ambulant perspectief 1'
 ORDER BY period_start;

\echo
\echo '== Cost overview per segment and year'
SELECT segment, year, cost, round(share_nga, 3) AS share_nga,
       round(share_maatwerk_meerwerk, 3) AS share_maatwerk_meerwerk, clients
  FROM jeugdnorm.cost_overview
 ORDER BY segment NULLS LAST, year;
