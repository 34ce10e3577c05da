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

-- ---- money and capacity (DEFINITIONS.md section 10, 0.3.0) ----------------------------
SELECT to_regclass('jeugdnorm.yearly_kpi') IS NOT NULL AS jn_has_money \gset
\if :jn_has_money
\echo
\echo '== Cost per client and per youth, per gemeente and for the region (yearly_kpi, last two years; index: against the region)'
SELECT coalesce(gemeente, 'regio') AS gemeente, year, clients, clients_claimed, cost, cost_per_client,
       round(mean_months_levering, 1) AS mnd_levering, jeugdigen,
       round(clients_per_1000_jeugdigen, 1) AS per_1000, cost_per_jeugdige,
       round(index_cost_per_jeugdige, 2) AS index_pj, round(cost_share_of_inkomsten, 3) AS kosten_inkomsten
  FROM jeugdnorm.yearly_kpi
 WHERE year >= (SELECT max(y.year) - 1 FROM jeugdnorm.yearly_kpi y)
 ORDER BY year, gemeente NULLS FIRST;

\echo
\echo '== Providers per month in the region: all, with a contract, without (NGA) (providers_per_month, last 6 months)'
SELECT month_start, month_end, aanbieders, aanbieders_contracted, aanbieders_nga
  FROM jeugdnorm.providers_per_month
 WHERE gemeente IS NULL
   AND month_start > (SELECT max(p.month_start) FROM jeugdnorm.providers_per_month p) - interval '6 months'
 ORDER BY month_start;

\echo
\echo '== Plek capacity: months per deviation class and capacity source, per year (plek_capacity)'
SELECT extract(year FROM month_start)::int AS year, capacity_source,
       count(*) FILTER (WHERE deviation_class = 'aansluitend') AS aansluitend,
       count(*) FILTER (WHERE deviation_class = 'afwijking 1-5 %') AS "afwijking 1-5 %",
       count(*) FILTER (WHERE deviation_class = 'afwijking > 5 %') AS "afwijking > 5 %",
       count(*) FILTER (WHERE deviation_class IS NULL) AS "geen capaciteit"
  FROM jeugdnorm.plek_capacity
 GROUP BY 1, 2
 ORDER BY 1, 2;
\echo
\echo '== Plek capacity month by month of the contracted group with the most varied last year (plek_capacity)'
WITH g AS (
    SELECT gemeente, aanbieder, product FROM jeugdnorm.plek_capacity
     WHERE capacity_source = 'contract'
       AND month_start >= (SELECT max(x.month_start) FROM jeugdnorm.plek_capacity x) - interval '11 months'
     GROUP BY 1, 2, 3
     ORDER BY count(DISTINCT deviation_class) DESC, count(DISTINCT clients) DESC, sum(clients) DESC, 1, 2, 3
     LIMIT 1
)
SELECT p.gemeente, p.aanbieder, p.product, p.month_start, p.clients, p.capacity, p.capacity_source,
       round(p.deviation, 3) AS deviation, p.deviation_class
  FROM jeugdnorm.plek_capacity p JOIN g USING (gemeente, aanbieder, product)
 WHERE p.month_start >= (SELECT max(x.month_start) FROM jeugdnorm.plek_capacity x) - interval '11 months'
 ORDER BY p.month_start;

\echo
\echo '== Traject realisation: claimed duration against claimed cost per traject product (traject_realisation; 1 = standard)'
SELECT product, count(*) AS allocations, count(claim_lines) FILTER (WHERE claim_lines > 0) AS with_claims,
       round(avg(volume_share), 2) AS mean_volume_share, round(avg(cost_share), 2) AS mean_cost_share,
       round(corr(volume_share, cost_share)::numeric, 2) AS corr
  FROM jeugdnorm.traject_realisation
 GROUP BY product
 ORDER BY product;

\echo
\echo '== Cost forecast per segment at the peildatum (cost_forecast; a closed year: the forecasts equal the cost)'
SELECT segment, year, cost_to_date, days_elapsed, days_in_year, index_pct,
       forecast_linear, forecast_previous_year, forecast_allocations
  FROM jeugdnorm.cost_forecast
 WHERE year = (SELECT max(f.year) FROM jeugdnorm.cost_forecast f)
 ORDER BY segment;
\echo
\echo '== Budget ceilings at the peildatum (budget_uitnutting)'
SELECT plafond_id, coalesce(gemeente, 'regio') AS gemeente, aanbieder, coalesce(productcode, 'alle') AS product,
       plafond, cost_to_date, forecast, round(uitnutting_forecast, 3) AS uitnutting_prognose, signal,
       payable_donut_hole, payable_staffel
  FROM jeugdnorm.budget_uitnutting
 ORDER BY plafond_id;

-- The forecasts differ only with a peildatum inside the year: the same region
-- seen on 30 September 2025 (in a transaction that is rolled back).
\o /dev/null
BEGIN;
UPDATE jeugdnorm.settings SET peildatum = '2025-09-30';
SELECT * FROM jeugdnorm.refresh();
\o
\echo
\echo '== Cost forecast per segment on peildatum 2025-09-30: linear, last year''s rest with the index, allocations x realisation (cost_forecast)'
SELECT segment, year, cost_to_date, days_elapsed, days_in_year, index_pct,
       forecast_linear, forecast_previous_year, forecast_allocations
  FROM jeugdnorm.cost_forecast
 WHERE year = 2025
 ORDER BY segment;
\echo
\echo '== Budget ceilings on peildatum 2025-09-30: the forecast next to the ceiling (budget_uitnutting)'
SELECT plafond_id, coalesce(gemeente, 'regio') AS gemeente, coalesce(productcode, 'alle') AS product,
       plafond, cost_to_date, forecast, round(uitnutting, 3) AS uitnutting,
       round(uitnutting_forecast, 3) AS uitnutting_prognose, signal, payable_donut_hole, payable_staffel
  FROM jeugdnorm.budget_uitnutting
 ORDER BY plafond_id;
\o /dev/null
ROLLBACK;
\o
\else
\echo
\echo '(the money views are not installed)'
\endif
