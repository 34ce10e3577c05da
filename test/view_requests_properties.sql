-- pgTAP: properties of the request views ([S3], 32_requests.sql and
-- 64_requests.sql).
--  1. The [R9] norm lookup of jeugdnorm_internal.requests (on ontvangen)
--     chooses the same norm row as mv_care_paths (on the path's start): on
--     the small region (norm change, productgroep fallback, a group norm
--     without a volume, aspecifiek, product mapping), one request mirroring
--     every care path.
--  2. On random data (fixed seed), request_lead_time and waiting_list equal
--     a straightforward formulation of [S3] written here from the
--     definitions alone (unit factors and per-week factors as literal
--     fractions, the kept allocations from the input table), under two
--     settings.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(11);
-- The straightforward formulation below is planned with correlated
-- subqueries whose estimated cost crosses jit_above_cost; compiling it takes
-- seconds on a busy machine and tests nothing.
SET LOCAL jit = off;

\i test/fixtures/small_region.sql
-- a mapped product with a norm of its own: 45A30 of provider M
INSERT INTO jeugdnorm.norm (productcode, geldig_van, geldig_tot, max_volume) VALUES ('A30M', '2023-01-01', NULL, 77);
INSERT INTO jeugdnorm.product_mapping (productcategorie, productcode, aanbieder, geldig_van, geldig_tot, analysis_product)
VALUES ('45', '45A30', '20000002', '2023-01-01', NULL, 'A30M');
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset

-- ---- 1. the same norm row as the paths ---------------------------------------------------
CREATE TEMP TABLE mirror AS
SELECT 'P' || row_number() OVER (ORDER BY cp.client_id, cp.aanbieder, cp.product, cp.path_no) AS verzoeknummer,
       cp.gemeente, cp.aanbieder, cp.productcategorie, cp.productcode, cp.start, cp.product, cp.norm_id
  FROM jeugdnorm_internal.mv_care_paths cp;
INSERT INTO jeugdnorm.verzoek (gemeente, verzoeknummer, aanbieder, productcategorie, productcode, ontvangen)
SELECT gemeente, verzoeknummer, aanbieder, productcategorie, productcode, start FROM mirror;
CREATE TEMP TABLE norm_pairs AS
SELECT m.product AS path_product, r.product AS request_product, m.norm_id AS path_norm, r.norm_id AS request_norm
  FROM mirror m JOIN jeugdnorm_internal.requests r USING (verzoeknummer);
SELECT is((SELECT count(*) FROM norm_pairs), (SELECT count(*) FROM jeugdnorm_internal.mv_care_paths),
    'one mirroring request per care path');
SELECT is_empty($$ SELECT * FROM norm_pairs
                    WHERE path_product IS DISTINCT FROM request_product OR path_norm IS DISTINCT FROM request_norm $$,
    'every mirroring request has the path''s (mapped) product and the path''s norm row');
SELECT ok((SELECT count(DISTINCT path_norm) FROM norm_pairs) >= 4 AND EXISTS (SELECT 1 FROM norm_pairs WHERE path_norm IS NULL)
          AND EXISTS (SELECT 1 FROM norm_pairs WHERE path_product = 'A30M'),
    '... over at least 4 different norm rows, paths without a norm, and a mapped product');
DELETE FROM jeugdnorm.verzoek;

-- ---- 2. random data against a straightforward formulation --------------------------------------
SELECT setseed(0.4242);
CREATE TEMP TABLE rnd_alloc AS
SELECT 'R' || i AS toewijzingnummer,
       (ARRAY['0758', '0840'])[1 + floor(random() * 2)::int] AS gemeente,
       (ARRAY['10000001', '20000002'])[1 + floor(random() * 2)::int] AS aanbieder,
       (ARRAY['45A12', '45A30', NULL])[1 + floor(random() * 3)::int] AS productcode,
       date '2023-01-01' + floor(random() * 900)::int AS ingangsdatum,
       floor(random() * 400)::int AS len,
       random() < 0.2 AS open,
       (1 + floor(random() * 20)) / (1 + floor(random() * 2)) AS volume,
       (ARRAY['01', '04', '16', '14'])[1 + floor(random() * 4)::int] AS eenheid,
       (ARRAY['1', '2', '4', '6'])[1 + floor(random() * 4)::int] AS frequentie,
       CASE WHEN random() < 0.2 THEN NULL ELSE floor(random() * 40)::int END AS tzd_before,
       CASE WHEN random() < 0.1 THEN '13' END AS reden_wijziging,
       CASE WHEN random() < 0.1 THEN date '1995-01-01' ELSE date '2012-01-01' END AS geboortedatum
  FROM generate_series(1, 150) AS i;
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder, productcategorie,
                                  productcode, ingangsdatum, einddatum, volume, eenheid, frequentie,
                                  reden_wijziging, toewijzingsdatum)
SELECT gemeente, toewijzingnummer, 'rc', geboortedatum, aanbieder, '45', productcode, ingangsdatum,
       CASE WHEN NOT open THEN ingangsdatum + len END, volume, eenheid, frequentie, reden_wijziging,
       ingangsdatum - tzd_before
  FROM rnd_alloc;

CREATE TEMP TABLE rnd_req AS
SELECT 'Q' || i AS verzoeknummer, i,
       (ARRAY['0758', '0840'])[1 + floor(random() * 2)::int] AS gemeente,
       (ARRAY['10000001', '20000002'])[1 + floor(random() * 2)::int] AS aanbieder,
       (ARRAY['45A12', '45A30', NULL])[1 + floor(random() * 3)::int] AS productcode,
       date '2022-11-01' + floor(random() * 1000)::int AS ontvangen,
       (1 + floor(random() * 150)) / (1 + floor(random() * 2)) AS volume,
       (ARRAY['01', '04', '16', '14'])[1 + floor(random() * 4)::int] AS eenheid,
       (ARRAY['1', '2', '4', '6'])[1 + floor(random() * 4)::int] AS frequentie,
       (ARRAY[NULL, 'toegewezen', 'toegewezen', 'afgewezen'])[1 + floor(random() * 4)::int] AS antwoord,
       CASE WHEN random() < 0.2 THEN NULL ELSE floor(random() * 150)::int END AS answer_after,
       CASE WHEN random() < 0.3 THEN NULL ELSE 'R' || (1 + floor(random() * 170)::int) END AS toewijzingnummer
  FROM generate_series(1, 400) AS i;
-- Equal rates on purpose: a third of the linked requests ask exactly what
-- their allocation gives; a fifth of those with a per-dag allocation ask 7 x
-- the volume per week (the same rate in another frequency).
UPDATE rnd_req q SET volume = a.volume, eenheid = a.eenheid, frequentie = a.frequentie,
                     gemeente = a.gemeente
  FROM rnd_alloc a WHERE a.toewijzingnummer = q.toewijzingnummer AND q.i % 3 = 0;
UPDATE rnd_req q SET volume = a.volume * 7, eenheid = a.eenheid, frequentie = '2', gemeente = a.gemeente
  FROM rnd_alloc a WHERE a.toewijzingnummer = q.toewijzingnummer AND a.frequentie = '1' AND q.i % 5 = 0;
INSERT INTO jeugdnorm.verzoek (gemeente, verzoeknummer, client_id, aanbieder, productcategorie, productcode,
                               ontvangen, volume, eenheid, frequentie, antwoord, antwoord_datum, toewijzingnummer)
SELECT gemeente, verzoeknummer, 'rc', aanbieder, '45', productcode, ontvangen, volume, eenheid, frequentie,
       antwoord, ontvangen + answer_after, toewijzingnummer
  FROM rnd_req;
-- a general mapping of the aspecifiek category from mid 2024
INSERT INTO jeugdnorm.product_mapping (productcategorie, productcode, aanbieder, geldig_van, geldig_tot, analysis_product)
VALUES ('45', NULL, NULL, '2024-06-01', NULL, '45-asp');

-- [S3] written out from the definitions, without jeugdnorm_internal.
CREATE TEMP VIEW ind_requests AS
WITH s AS MATERIALIZED (
    SELECT window_start, coalesce(peildatum, current_date) AS peildatum, lead_time_target_days AS target, max_age
      FROM jeugdnorm.settings
), unit_factor (code, unit, num, den) AS (
    VALUES ('01', 'uur', 1, 60), ('04', 'uur', 1, 1), ('16', 'uur', 4, 1), ('14', 'etmaal', 1, 1),
           ('82', 'stuks', 1, 1), ('84', 'stuks', 1, 1), ('83', 'euro', 1, 1)
), kept AS MATERIALIZED (
    SELECT t.* FROM jeugdnorm.toewijzing t CROSS JOIN s
     WHERE t.reden_wijziging IS DISTINCT FROM '13'
       AND (s.max_age IS NULL OR t.geboortedatum IS NULL
            OR extract(year FROM age(t.ingangsdatum, t.geboortedatum)) <= s.max_age)
), b AS MATERIALIZED (
    SELECT v.gemeente, v.ontvangen, v.volume, v.frequentie, v.antwoord, s.peildatum, s.window_start, s.target,
           coalesce((SELECT m.analysis_product FROM jeugdnorm.product_mapping m
                      WHERE m.productcategorie = v.productcategorie
                        AND m.productcode IS NOT DISTINCT FROM v.productcode
                        AND (m.aanbieder IS NULL OR m.aanbieder = v.aanbieder)
                        AND m.geldig_van <= v.ontvangen AND (m.geldig_tot IS NULL OR v.ontvangen <= m.geldig_tot)
                      ORDER BY m.aanbieder IS NULL, m.geldig_van DESC, m.analysis_product LIMIT 1),
                    v.productcode, v.productcategorie) AS product,
           (SELECT p.productgroep FROM jeugdnorm.product p
             WHERE p.productcategorie = v.productcategorie AND p.productcode = v.productcode) AS productgroep,
           k.toewijzingnummer IS NOT NULL AS linked, k.volume AS a_volume, k.frequentie AS a_freq,
           k.einddatum - k.ingangsdatum + 1 AS a_days,
           coalesce(k.toewijzingsdatum, v.antwoord_datum) AS answer_date,
           ru.unit AS r_unit, ru.num AS r_num, ru.den AS r_den,
           au.unit AS a_unit, au.num AS a_num, au.den AS a_den
      FROM jeugdnorm.verzoek v
     CROSS JOIN s
      LEFT JOIN kept k ON k.gemeente = v.gemeente AND k.toewijzingnummer = v.toewijzingnummer
      LEFT JOIN unit_factor ru ON ru.code = v.eenheid
      LEFT JOIN unit_factor au ON au.code = k.eenheid
), c AS (
    SELECT b.*,
           CASE WHEN b.antwoord IS NOT NULL AND (b.answer_date IS NULL OR b.answer_date <= b.peildatum)
                THEN b.antwoord ELSE 'open' END AS status,
           (SELECT n.max_volume FROM jeugdnorm.norm n
             WHERE n.productcode IN (b.product, b.productgroep)
               AND n.geldig_van <= b.ontvangen AND (n.geldig_tot IS NULL OR b.ontvangen <= n.geldig_tot)
             ORDER BY n.productcode = b.product DESC, n.geldig_van DESC LIMIT 1) AS norm_volume,
           -- volume per week = volume x unit num/den x week num/den
           CASE b.frequentie WHEN '1' THEN 7 WHEN '2' THEN 1 WHEN '4' THEN 84 END AS r_wnum,
           CASE b.frequentie WHEN '1' THEN 1 WHEN '2' THEN 1 WHEN '4' THEN 365.25 END AS r_wden,
           CASE b.a_freq WHEN '1' THEN 7 WHEN '2' THEN 1 WHEN '4' THEN 84
                         WHEN '6' THEN CASE WHEN b.a_days IS NOT NULL THEN 7 END END AS a_wnum,
           CASE b.a_freq WHEN '1' THEN 1 WHEN '2' THEN 1 WHEN '4' THEN 365.25 WHEN '6' THEN b.a_days END AS a_wden
      FROM b
)
SELECT c.gemeente, c.product, c.ontvangen, c.status, c.peildatum, c.window_start, c.target,
       CASE WHEN c.status <> 'open' THEN c.answer_date - c.ontvangen END AS days,
       coalesce(c.frequentie = '6' AND c.volume * c.r_num > c.norm_volume * c.r_den, false) AS above_norm,
       coalesce(c.status <> 'open' AND c.a_unit = c.r_unit
                AND c.a_volume * c.a_num * c.a_wnum * c.r_den * c.r_wden
                    > c.volume * c.r_num * c.r_wnum * c.a_den * c.a_wden, false) AS stretched,
       c.linked,
       coalesce(c.status <> 'open' AND c.a_unit = c.r_unit
                AND c.a_volume * c.a_num * c.a_wnum * c.r_den * c.r_wden
                    = c.volume * c.r_num * c.r_wnum * c.a_den * c.a_wden, false) AS equal_rate
  FROM c;

CREATE TEMP VIEW ind_lead_time AS
SELECT gemeente, product, extract(year FROM ontvangen)::integer AS year,
       count(*) AS requests,
       count(*) FILTER (WHERE status = 'toegewezen') AS toegewezen,
       count(*) FILTER (WHERE status = 'afgewezen') AS afgewezen,
       count(*) FILTER (WHERE status = 'open') AS open,
       (percentile_cont(0.5) WITHIN GROUP (ORDER BY days::float8))::numeric(18,6) AS median_days,
       (percentile_cont(0.9) WITHIN GROUP (ORDER BY days::float8))::numeric(18,6) AS p90_days,
       (count(*) FILTER (WHERE days <= target)::numeric / NULLIF(count(days), 0))::numeric(18,6) AS share,
       count(*) FILTER (WHERE above_norm) AS above,
       count(*) FILTER (WHERE stretched) AS stretched
  FROM ind_requests
 WHERE ontvangen BETWEEN window_start AND peildatum
 GROUP BY 1, 2, 3;

CREATE TEMP VIEW ind_waiting AS
SELECT gemeente, product, count(*) AS waiting,
       (percentile_cont(0.5) WITHIN GROUP (ORDER BY (peildatum - ontvangen)::float8))::numeric(18,6) AS median,
       max(peildatum - ontvangen) AS max
  FROM ind_requests
 WHERE status = 'open' AND ontvangen <= peildatum
 GROUP BY 1, 2;

CREATE TEMP VIEW diff_lead_time AS
(SELECT gemeente, product, year, requests, toegewezen, afgewezen, open, median_days, p90_days,
        share_within_8_weeks, requests_above_norm, allocations_stretched FROM jeugdnorm.request_lead_time
 EXCEPT ALL TABLE ind_lead_time)
UNION ALL
(TABLE ind_lead_time
 EXCEPT ALL SELECT gemeente, product, year, requests, toegewezen, afgewezen, open, median_days, p90_days,
        share_within_8_weeks, requests_above_norm, allocations_stretched FROM jeugdnorm.request_lead_time);
CREATE TEMP VIEW diff_waiting AS
(SELECT gemeente, product, waiting, median_days_waiting, max_days_waiting FROM jeugdnorm.waiting_list
 EXCEPT ALL TABLE ind_waiting)
UNION ALL
(TABLE ind_waiting
 EXCEPT ALL SELECT gemeente, product, waiting, median_days_waiting, max_days_waiting FROM jeugdnorm.waiting_list);

-- the random data exercises every rule (else the comparisons prove little)
SELECT ok((SELECT count(*) FILTER (WHERE stretched) >= 5 AND count(*) FILTER (WHERE equal_rate) >= 5
              AND count(*) FILTER (WHERE above_norm) >= 5 AND count(*) FILTER (WHERE status = 'open') >= 20
              AND count(*) FILTER (WHERE linked AND status <> 'open') >= 20
              AND count(DISTINCT product) >= 5
             FROM ind_requests),
    'random data: stretched, equal-rate, above-norm, open, linked answered requests and 5+ products');

SELECT is_empty($$ SELECT * FROM diff_lead_time $$,
    'request_lead_time equals the straightforward formulation (window 2023-01-01..2025-06-30, target 56)');
SELECT is_empty($$ SELECT * FROM diff_waiting $$, 'waiting_list equals it too');
SELECT is((SELECT count(*) FROM jeugdnorm.request_lead_time), (SELECT count(*) FROM ind_lead_time),
    '... with the same rows');
SELECT ok((SELECT count(*) FROM jeugdnorm.waiting_list) >= 4, '... and a waiting list of several rows');

UPDATE jeugdnorm.settings SET window_start = '2024-03-01', peildatum = '2024-12-31', lead_time_target_days = 30;
SELECT is_empty($$ SELECT * FROM diff_lead_time $$,
    'request_lead_time equals it with window 2024-03-01..2024-12-31 and target 30');
SELECT is_empty($$ SELECT * FROM diff_waiting $$, 'waiting_list too');
SELECT ok((SELECT count(*) FROM jeugdnorm.request_lead_time) > 0 AND (SELECT count(*) FROM jeugdnorm.waiting_list) > 0,
    '... on non-empty views');

SELECT * FROM finish();
ROLLBACK;
