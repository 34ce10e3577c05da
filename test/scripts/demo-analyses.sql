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

-- ---- steering information (DEFINITIONS.md section 9) ---------------------------
-- Each view is printed only where it is installed, so the demo runs on a
-- tree that has some of them only.
SELECT to_regclass('jeugdnorm.request_lead_time') IS NOT NULL AS jn_has_request_lead_time,
       to_regclass('jeugdnorm.waiting_list') IS NOT NULL AS jn_has_waiting_list,
       to_regclass('jeugdnorm.ending_reasons') IS NOT NULL AS jn_has_ending_reasons,
       to_regclass('jeugdnorm.referrals') IS NOT NULL AS jn_has_referrals,
       to_regclass('jeugdnorm.flow_by_wijk') IS NOT NULL AS jn_has_flow_by_wijk,
       to_regclass('jeugdnorm.flow_by_kader') IS NOT NULL AS jn_has_flow_by_kader,
       to_regclass('jeugdnorm.data_quality') IS NOT NULL AS jn_has_data_quality
\gset

\if :jn_has_request_lead_time
\echo
\echo '== Requests (JW315) per year of receipt, all gemeenten and products (request_lead_time)'
SELECT year, sum(requests) AS requests, sum(toegewezen) AS toegewezen, sum(afgewezen) AS afgewezen,
       sum(open) AS open_on_peildatum, sum(requests_above_norm) AS above_norm,
       sum(allocations_stretched) AS stretched
  FROM jeugdnorm.request_lead_time
 GROUP BY year
 ORDER BY year;

\echo
\echo '== Lead time from request to answer in Venlo (0983), 2025, per product (days; target 8 weeks)'
SELECT product, requests, toegewezen, afgewezen, open, round(median_days, 1) AS median_days,
       round(p90_days, 1) AS p90_days, round(share_within_8_weeks, 3) AS within_8_weeks,
       requests_above_norm AS above_norm, allocations_stretched AS stretched
  FROM jeugdnorm.request_lead_time
 WHERE gemeente = '0983' AND year = 2025
 ORDER BY product;
\else
\echo
\echo '(request_lead_time is not installed)'
\endif

\if :jn_has_waiting_list
\echo
\echo '== Waiting list on the peildatum per gemeente (waiting_list: requests without an answer)'
SELECT gemeente, sum(waiting) AS waiting, max(max_days_waiting) AS longest_wait_days,
       count(*) AS products
  FROM jeugdnorm.waiting_list
 GROUP BY ROLLUP (gemeente)
 ORDER BY gemeente NULLS LAST;

\echo
\echo '== The 10 longest waiting lists (gemeente, product)'
SELECT gemeente, product, waiting, round(median_days_waiting, 1) AS median_days_waiting, max_days_waiting
  FROM jeugdnorm.waiting_list
 ORDER BY waiting DESC, max_days_waiting DESC, gemeente, product
 LIMIT 10;
\else
\echo
\echo '(waiting_list is not installed)'
\endif

\if :jn_has_ending_reasons
\echo
\echo '== Why care ends: completed paths per CBS class of the last reden_beeindiging, per year (ending_reasons)'
SELECT reason, reason_code,
       sum(paths) FILTER (WHERE year = 2021) AS "2021", sum(paths) FILTER (WHERE year = 2022) AS "2022",
       sum(paths) FILTER (WHERE year = 2023) AS "2023", sum(paths) FILTER (WHERE year = 2024) AS "2024",
       sum(paths) FILTER (WHERE year = 2025) AS "2025",
       round(sum(paths) / sum(sum(paths)) OVER (), 3) AS share_all_years
  FROM jeugdnorm.ending_reasons
 GROUP BY reason, reason_code
 ORDER BY sum(paths) DESC, reason;
\else
\echo
\echo '(ending_reasons is not installed)'
\endif

\if :jn_has_referrals
\echo
\echo '== Who refers: new paths per verwijzer and year, all productgroepen (referrals)'
SELECT verwijzer, verwijzer_code,
       sum(new_paths) FILTER (WHERE year = 2021) AS "2021", sum(new_paths) FILTER (WHERE year = 2022) AS "2022",
       sum(new_paths) FILTER (WHERE year = 2023) AS "2023", sum(new_paths) FILTER (WHERE year = 2024) AS "2024",
       sum(new_paths) FILTER (WHERE year = 2025) AS "2025",
       round(sum(new_paths) / sum(sum(new_paths)) OVER (), 3) AS share_all_years
  FROM jeugdnorm.referrals
 GROUP BY verwijzer, verwijzer_code
 ORDER BY sum(new_paths) DESC, verwijzer;
\else
\echo
\echo '(referrals is not installed)'
\endif

\if :jn_has_flow_by_wijk
\echo
\echo '== Flow per wijk of Venlo (0983), last quarter, all productgroepen (flow_by_wijk)'
SELECT wijk, min(period_start) AS period_start, max(period_end) AS period_end,
       sum(in_care_start) AS in_care_start, sum(instroom) AS instroom,
       sum(uitstroom) AS uitstroom, sum(in_care_end) AS in_care_end
  FROM jeugdnorm.flow_by_wijk
 WHERE gemeente = '0983'
   AND period_start = (SELECT max(f.period_start) FROM jeugdnorm.flow_by_wijk f)
 GROUP BY wijk
 ORDER BY wijk = 'onbekend', wijk;
\else
\echo
\echo '(flow_by_wijk is not installed)'
\endif

\if :jn_has_flow_by_kader
\echo
\echo '== Flow per kader (gedwongen: jeugdbescherming 48, jeugdreclassering 47) and verblijf, quarters of the last year (flow_by_kader)'
SELECT kader, verblijf, period_start, period_end, in_care_start, instroom, uitstroom, in_care_end
  FROM jeugdnorm.flow_by_kader
 WHERE period_start > (SELECT max(f.period_start) FROM jeugdnorm.flow_by_kader f) - interval '1 year'
 ORDER BY kader, verblijf, period_start;
\else
\echo
\echo '(flow_by_kader is not installed)'
\endif

\if :jn_has_data_quality
\echo
\echo '== Data quality: every signal, zeros kept (data_quality; the rows behind each in data_quality_rows)'
SELECT signal, rows, amount, example, description
  FROM jeugdnorm.data_quality
 ORDER BY signal;
\else
\echo
\echo '(data_quality is not installed)'
\endif
