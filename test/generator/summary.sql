-- test/generator/summary.sql -- what the region in the jeugdnorm input tables holds.
-- psql script: \i test/generator/summary.sql (after jeugdnorm_demo.generate()).
-- Reads only the input tables, so it works whatever views exist.

\echo
\echo '== Rows per input table'
SELECT 'aanbieder' AS "table", count(*) AS "rows" FROM jeugdnorm.aanbieder
UNION ALL SELECT 'product', count(*) FROM jeugdnorm.product
UNION ALL SELECT 'norm', count(*) FROM jeugdnorm.norm
UNION ALL SELECT 'contract', count(*) FROM jeugdnorm.contract
UNION ALL SELECT 'toewijzing', count(*) FROM jeugdnorm.toewijzing
UNION ALL SELECT 'declaratie', count(*) FROM jeugdnorm.declaratie
UNION ALL SELECT 'verzoek', count(*) FROM jeugdnorm.verzoek
UNION ALL SELECT 'wijk', count(*) FROM jeugdnorm.wijk
UNION ALL SELECT 'product_mapping', count(*) FROM jeugdnorm.product_mapping;

\echo '== Settings'
SELECT window_start, peildatum, extension_days, recidive_days, path_gap_days, max_age, drop_net_zero,
       lead_time_target_days
  FROM jeugdnorm.settings;

\echo '== Clients and allocations per gemeente'
SELECT t.gemeente,
       count(DISTINCT t.client_id) AS clients,
       count(*) AS allocations,
       count(*) FILTER (WHERE t.einddatum IS NULL) AS open,
       count(*) FILTER (WHERE t.productcode IS NULL) AS aspecifiek,
       count(*) FILTER (WHERE t.reden_wijziging = '13') AS verwijderd_13
  FROM jeugdnorm.toewijzing t
 GROUP BY ROLLUP (t.gemeente)
 ORDER BY t.gemeente NULLS LAST;

\echo '== Allocations per productgroep (aspecifiek ones have no product: NULL group)'
\echo '   running_at_peildatum: open or ending after it (planned einddatum kept); avg_planned_months: open ones left out'
SELECT p.productgroep,
       count(*) AS allocations,
       count(DISTINCT t.client_id) AS clients,
       count(DISTINCT t.aanbieder) AS providers,
       count(*) FILTER (WHERE t.ingangsdatum <= coalesce(s.peildatum, current_date)
                          AND (t.einddatum IS NULL OR t.einddatum > coalesce(s.peildatum, current_date)))
         AS running_at_peildatum,
       count(*) FILTER (WHERE t.einddatum IS NULL) AS open,
       max(t.einddatum) AS last_einddatum,
       round(avg(t.einddatum - t.ingangsdatum + 1) / 30.4375, 1) AS avg_planned_months
  FROM jeugdnorm.toewijzing t
  LEFT JOIN jeugdnorm.product p
    ON p.productcategorie = t.productcategorie AND p.productcode = t.productcode
 CROSS JOIN jeugdnorm.settings s
 GROUP BY p.productgroep
 ORDER BY p.productgroep NULLS LAST;

\echo '== Allocations per year of ingangsdatum'
SELECT extract(year FROM t.ingangsdatum)::integer AS year,
       count(*) AS allocations,
       count(DISTINCT t.client_id) AS clients,
       count(*) FILTER (WHERE t.einddatum IS NULL) AS still_open,
       count(*) FILTER (WHERE t.budget IS NOT NULL) AS budget
  FROM jeugdnorm.toewijzing t
 GROUP BY 1
 ORDER BY 1;

\echo '== Claim lines and amounts per year of begindatum'
SELECT extract(year FROM d.begindatum)::integer AS year,
       count(*) AS lines,
       count(*) FILTER (WHERE d.bedrag < 0) AS credit_lines,
       count(DISTINCT d.client_id) AS clients,
       sum(d.bedrag) FILTER (WHERE d.bedrag > 0) AS debit_euro,
       sum(d.bedrag) FILTER (WHERE d.bedrag < 0) AS credit_euro,
       sum(d.bedrag) AS net_euro
  FROM jeugdnorm.declaratie d
 GROUP BY ROLLUP (1)
 ORDER BY 1 NULLS LAST;

\echo '== Providers per type'
SELECT a.type,
       count(*) AS providers,
       count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM jeugdnorm.contract c WHERE c.aanbieder = a.aanbieder))
         AS without_contract,
       (SELECT count(*) FROM jeugdnorm.toewijzing t
         WHERE t.aanbieder IN (SELECT a2.aanbieder FROM jeugdnorm.aanbieder a2 WHERE a2.type = a.type))
         AS allocations
  FROM jeugdnorm.aanbieder a
 GROUP BY a.type
 ORDER BY a.type;

\echo '== Product catalogue and the norm that applies (own row, else the productgroep''s)'
SELECT p.productgroep, p.productcode, p.variant, p.financieringsvorm AS financiering, p.tarief,
       coalesce(string_agg(n.geldig_van::text || '..' || coalesce(n.geldig_tot::text, '')
                  || ': ' || coalesce(n.max_doorlooptijd_maanden::text, '-')
                  || ' mnd / ' || coalesce(n.max_volume::text, '-')
                  || ' / ' || coalesce(n.max_frequentie_per_week::text, '-') || ' pw',
                  '; ' ORDER BY n.geldig_van), 'no norm') AS norm
  FROM jeugdnorm.product p
  LEFT JOIN jeugdnorm.norm n
    ON n.productcode = p.productcode
    OR (n.productcode = p.productgroep
        AND NOT EXISTS (SELECT 1 FROM jeugdnorm.norm o WHERE o.productcode = p.productcode))
 GROUP BY p.productgroep, p.productcode, p.variant, p.financieringsvorm, p.tarief
 ORDER BY p.productgroep, p.productcode;

\echo '== Requests (verzoek) per year of receipt; days = answer (allocation''s toewijzingsdatum, else antwoord_datum) - ontvangen'
SELECT extract(year FROM v.ontvangen)::integer AS year,
       count(*) AS requests,
       count(*) FILTER (WHERE v.antwoord = 'toegewezen') AS toegewezen,
       count(*) FILTER (WHERE v.antwoord = 'afgewezen') AS afgewezen,
       count(*) FILTER (WHERE v.antwoord IS NULL) AS no_answer,
       count(*) FILTER (WHERE t.toewijzingnummer IS NOT NULL) AS linked,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY coalesce(t.toewijzingsdatum, v.antwoord_datum) - v.ontvangen)
         AS median_days
  FROM jeugdnorm.verzoek v
  LEFT JOIN jeugdnorm.toewijzing t USING (gemeente, toewijzingnummer)
 GROUP BY 1
 ORDER BY 1;

\echo '== Postcodes and wijken per gemeente (allocations with a postcode outside jeugdnorm.wijk read as wijk onbekend)'
SELECT w.gemeente, count(DISTINCT w.wijk) AS wijken, count(DISTINCT w.postcode) AS postcodes,
       (SELECT count(*) FROM jeugdnorm.toewijzing t
         WHERE t.gemeente = w.gemeente AND t.postcode IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM jeugdnorm.wijk x WHERE x.gemeente = t.gemeente AND x.postcode = t.postcode))
         AS allocations_outside_wijken
  FROM jeugdnorm.wijk w
 GROUP BY w.gemeente
 ORDER BY w.gemeente;

\echo '== Product mapping (merge and split) and the allocations it applies to'
SELECT m.productcategorie, m.productcode, m.aanbieder, m.geldig_van, m.geldig_tot, m.analysis_product,
       (SELECT count(*) FROM jeugdnorm.toewijzing t
         WHERE t.productcategorie = m.productcategorie AND t.productcode IS NOT DISTINCT FROM m.productcode
           AND (m.aanbieder IS NULL OR t.aanbieder = m.aanbieder)
           AND t.ingangsdatum BETWEEN m.geldig_van AND coalesce(m.geldig_tot, 'infinity')) AS allocations
  FROM jeugdnorm.product_mapping m
 ORDER BY m.product_mapping_id;
