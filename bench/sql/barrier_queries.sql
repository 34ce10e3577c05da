-- bench/sql/barrier_queries.sql -- typical filtered BI queries on the reader
-- views, timed by bench/barrier.sh with security_barrier on and off.
-- One query per "-- name: kind: text" header, on the line after it; kind
-- says whether the filter's operators are leakproof (the planner may push
-- them into a security_barrier view) or not.  :'gem' is the reader's gemeente.
-- name: care_paths_all: no filter (a BI import)
SELECT * FROM jeugdnorm.care_paths
-- name: care_paths_gemeente: text =
SELECT * FROM jeugdnorm.care_paths WHERE gemeente = :'gem'
-- name: care_paths_product_completed: text =, boolean
SELECT * FROM jeugdnorm.care_paths WHERE product = '45A12' AND completed
-- name: care_paths_start_2024: date range
SELECT * FROM jeugdnorm.care_paths WHERE start BETWEEN DATE '2024-01-01' AND DATE '2024-12-31'
-- name: care_paths_start_timestamp: date vs timestamp (not leakproof; what a client sending DateTime parameters gets)
SELECT * FROM jeugdnorm.care_paths WHERE start >= TIMESTAMP '2024-01-01' AND start < TIMESTAMP '2025-01-01'
-- name: care_paths_client: text = on the unique key's first column
SELECT * FROM jeugdnorm.care_paths WHERE client_id = 'J07146445'
-- name: care_paths_volume: numeric > (not leakproof)
SELECT * FROM jeugdnorm.care_paths WHERE volume > 50
-- name: care_paths_like: LIKE (not leakproof)
SELECT * FROM jeugdnorm.care_paths WHERE product LIKE '45%'
-- name: care_paths_prefix: ^@ (starts_with, leakproof)
SELECT * FROM jeugdnorm.care_paths WHERE product ^@ '45'
-- name: care_paths_dim_join: join to dim_aanbieder, filter on the dimension
SELECT c.* FROM jeugdnorm.care_paths c JOIN jeugdnorm.dim_aanbieder a USING (aanbieder) WHERE a.type = 'micro'
-- name: allocation_follow_up_gemeente_date: text =, date >=
SELECT * FROM jeugdnorm.allocation_follow_up WHERE gemeente = :'gem' AND ingangsdatum >= DATE '2024-01-01'
-- name: allocation_follow_up_extract_year: extract(year) = (not leakproof)
SELECT * FROM jeugdnorm.allocation_follow_up WHERE extract(year FROM ingangsdatum) = 2024
-- name: data_quality_rows_signal: text =
SELECT * FROM jeugdnorm.data_quality_rows WHERE signal = 'allocations_overlapping' AND gemeente = :'gem'
-- name: data_quality_rows_amount: numeric > (not leakproof)
SELECT * FROM jeugdnorm.data_quality_rows WHERE amount > 1000
-- name: realisation_year_product: integer =, text =
SELECT * FROM jeugdnorm.realisation WHERE year = 2024 AND product = '45A12'
-- name: flow_group_year: text =, integer =
SELECT * FROM jeugdnorm.flow WHERE productgroep = 'GGZ' AND year = 2024
-- name: follow_up_rates_year: integer =
SELECT * FROM jeugdnorm.follow_up_rates WHERE year = 2024
-- name: norm_deviation_product: text =
SELECT * FROM jeugdnorm.norm_deviation WHERE product = '45A12'
-- name: product_spread_product: text =
SELECT * FROM jeugdnorm.product_spread WHERE product = '45A12'
-- name: top_paths_group: text =
SELECT * FROM jeugdnorm.top_paths WHERE productgroep = 'GGZ'
-- name: request_lead_time_gemeente_year: text =, integer =
SELECT * FROM jeugdnorm.request_lead_time WHERE gemeente = :'gem' AND year = 2024
-- name: flow_by_wijk_gemeente: text =
SELECT * FROM jeugdnorm.flow_by_wijk WHERE gemeente = :'gem' AND year = 2024
