-- pgTAP: the demo-region generator (test/generator/demo_region.sql).
-- Determinism: the same seed and scale give the same tables (counts and an
-- md5 over every row of every table, ids included); another seed gives
-- other data.  Realism: on a small region (scale 0.05, ~450 clients) the
-- features the analyses need are all there, and every row obeys the
-- input tables' rules.  The steering information of section 9 (0.2.0):
-- referrers, ending reasons, allocation dates, postcodes and wijken,
-- requests with their answers, the gedwongen kader, the product mapping,
-- in realistic proportions, and every data-quality signal of [S5] at
-- least once (each recomputed here from the input tables; and, where
-- jeugdnorm.data_quality exists, non-zero there too).
BEGIN;
CREATE EXTENSION jeugdnorm;
\i test/generator/demo_region.sql
\set plan 78

SELECT plan(:plan);

-- Every row of every input table (and the settings) in one fixed order.
CREATE TEMP VIEW region_checksum AS
SELECT md5(string_agg(r, E'\n' ORDER BY r)) AS md5
  FROM (SELECT 'aanbieder ' || t::text AS r FROM jeugdnorm.aanbieder t
        UNION ALL SELECT 'product ' || t::text FROM jeugdnorm.product t
        UNION ALL SELECT 'norm ' || t::text FROM jeugdnorm.norm t
        UNION ALL SELECT 'contract ' || t::text FROM jeugdnorm.contract t
        UNION ALL SELECT 'toewijzing ' || t::text FROM jeugdnorm.toewijzing t
        UNION ALL SELECT 'declaratie ' || t::text FROM jeugdnorm.declaratie t
        UNION ALL SELECT 'verzoek ' || t::text FROM jeugdnorm.verzoek t
        UNION ALL SELECT 'wijk ' || t::text FROM jeugdnorm.wijk t
        UNION ALL SELECT 'product_mapping ' || t::text FROM jeugdnorm.product_mapping t
        UNION ALL SELECT 'gemeente_jaar ' || t::text FROM jeugdnorm.gemeente_jaar t
        UNION ALL SELECT 'indexatie ' || t::text FROM jeugdnorm.indexatie t
        UNION ALL SELECT 'capaciteit ' || t::text FROM jeugdnorm.capaciteit t
        UNION ALL SELECT 'budgetplafond ' || t::text FROM jeugdnorm.budgetplafond t
        UNION ALL SELECT 'staffel ' || t::text FROM jeugdnorm.staffel t
        UNION ALL SELECT 'settings ' || row(t.window_start, t.peildatum, t.extension_days, t.recidive_days,
                                            t.path_gap_days, t.max_age, t.drop_net_zero,
                                            t.lead_time_target_days)::text
                    FROM jeugdnorm.settings t) AS x;

CREATE TEMP TABLE run_counts (run integer, table_name text, rows bigint);
CREATE TEMP TABLE run_md5 (run integer, md5 text);

INSERT INTO run_counts SELECT 1, g.* FROM jeugdnorm_demo.generate(7, 0.05) AS g;
INSERT INTO run_md5 SELECT 1, md5 FROM region_checksum;
INSERT INTO run_counts SELECT 2, g.* FROM jeugdnorm_demo.generate(8, 0.05) AS g;
INSERT INTO run_md5 SELECT 2, md5 FROM region_checksum;
INSERT INTO run_counts SELECT 3, g.* FROM jeugdnorm_demo.generate(7, 0.05) AS g;
INSERT INTO run_md5 SELECT 3, md5 FROM region_checksum;

-- ---- determinism ---------------------------------------------------------------
SELECT results_eq(
    'SELECT table_name, rows FROM run_counts WHERE run = 3 ORDER BY table_name',
    'SELECT table_name, rows FROM run_counts WHERE run = 1 ORDER BY table_name',
    'generate(7, 0.05) twice: the same row counts');
SELECT is((SELECT md5 FROM run_md5 WHERE run = 3), (SELECT md5 FROM run_md5 WHERE run = 1),
    'generate(7, 0.05) twice: the same checksum over every row (after another seed in between)');
SELECT isnt((SELECT md5 FROM run_md5 WHERE run = 2), (SELECT md5 FROM run_md5 WHERE run = 1),
    'another seed gives other data');
SELECT is((SELECT array_agg(table_name ORDER BY table_name) FROM run_counts WHERE run = 1),
    ARRAY['aanbieder', 'budgetplafond', 'capaciteit', 'contract', 'declaratie', 'gemeente_jaar', 'indexatie', 'norm',
          'product', 'product_mapping', 'staffel', 'toewijzing', 'verzoek', 'wijk'],
    'generate() reports the fourteen input tables (the five money inputs of 0.3.0 included)');
SELECT ok((SELECT bool_and(rows > 0) FROM run_counts WHERE run IN (1, 2)),
    'every input table gets rows, for both seeds');
SELECT ok((SELECT rows FROM run_counts WHERE run = 1 AND table_name = 'toewijzing') BETWEEN 1000 AND 1600,
    'scale 0.05 gives about 5% of 24,000 allocations');

-- From here on the tables hold generate(7, 0.05).

-- ---- region and catalogue ------------------------------------------------------
SELECT is((SELECT array_agg(DISTINCT gemeente ORDER BY gemeente) FROM jeugdnorm.toewijzing),
    ARRAY['0889', '0893', '0907', '0983', '0984', '1507', '1894'],
    'all 7 Noord-Limburg gemeenten have allocations');
SELECT is((SELECT array_agg(DISTINCT p.productgroep ORDER BY p.productgroep)
             FROM jeugdnorm.toewijzing t
             JOIN jeugdnorm.product p ON p.productcategorie = t.productcategorie AND p.productcode = t.productcode),
    ARRAY['Ambulant perspectief 1', 'Ambulant perspectief 2', 'Ambulante hulp duurzaam', 'Dagbesteding', 'GGZ',
          'Jeugdbescherming en jeugdreclassering', 'Ontwikkelgroepen'],
    'every productgroep has allocations');
SELECT is((SELECT count(*) FROM jeugdnorm.aanbieder), 253::bigint, '250 providers and 3 gecertificeerde instellingen');
SELECT is((SELECT array_agg(DISTINCT type ORDER BY type) FROM jeugdnorm.aanbieder), ARRAY['micro', 'regulier'],
    'provider types micro and regulier');
SELECT is((SELECT count(*) FROM (SELECT aanbieder FROM jeugdnorm.toewijzing
                                 UNION SELECT aanbieder FROM jeugdnorm.declaratie) a
            WHERE a.aanbieder NOT IN (SELECT aanbieder FROM jeugdnorm.aanbieder)),
    0::bigint, 'every provider that allocations or claims name is in jeugdnorm.aanbieder');
SELECT ok((SELECT count(*) FROM jeugdnorm.aanbieder a
            WHERE NOT EXISTS (SELECT 1 FROM jeugdnorm.contract c WHERE c.aanbieder = a.aanbieder)) > 0,
    'some providers have no contract at all (NGA)');
SELECT is((SELECT array_agg(row(geldig_van, geldig_tot)::text ORDER BY geldig_van) FROM jeugdnorm.norm
            WHERE productcode = '45A12'),
    ARRAY['(2018-01-01,2023-12-31)', '(2024-01-01,)'],
    'the norm of 45A12 changes on 2024-01-01');
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.norm n JOIN jeugdnorm.product p ON p.productgroep = n.productcode)
      AND EXISTS (SELECT 1 FROM jeugdnorm.product p
                   WHERE NOT EXISTS (SELECT 1 FROM jeugdnorm.norm n
                                      WHERE n.productcode IN (p.productcode, p.productgroep))),
    'one norm is given per productgroep, and some products have no norm');
SELECT is((SELECT row(window_start, peildatum, extension_days, recidive_days, path_gap_days, max_age, drop_net_zero)::text
             FROM jeugdnorm.settings),
    '(2021-01-01,2025-12-31,90,365,90,21,t)', 'settings: window 2021-01-01 .. 2025-12-31, the rest default');
SELECT is((SELECT lead_time_target_days FROM jeugdnorm.settings), 56, 'settings: lead_time_target_days default 56');

-- ---- allocations ---------------------------------------------------------------
SELECT ok((SELECT count(*) FROM jeugdnorm.toewijzing WHERE einddatum IS NULL) > 0, 'some open allocations');
SELECT ok((SELECT count(*) FROM jeugdnorm.toewijzing WHERE reden_wijziging = '13') > 0,
    'some allocations with reden_wijziging 13');
SELECT ok((SELECT count(*) FROM jeugdnorm.toewijzing
            WHERE age(ingangsdatum, geboortedatum) >= interval '22 years') > 0,
    'some clients are older than 21 at the start of an allocation');
SELECT ok((SELECT count(*) FROM jeugdnorm.toewijzing WHERE productcode IS NULL) > 0,
    'some aspecifiek allocations');
SELECT ok((SELECT count(*) FROM jeugdnorm.toewijzing WHERE budget IS NOT NULL) > 0, 'some budget allocations');
SELECT ok((SELECT count(*) FROM jeugdnorm.toewijzing WHERE ingangsdatum < '2021-01-01') > 0
      AND (SELECT max(ingangsdatum) FROM jeugdnorm.toewijzing) <= '2025-12-31',
    'allocations start before the window too, and none starts after the peildatum 2025-12-31');
-- An allocation running at the peildatum keeps its planned end (no
-- clipping to 2025-12-31): many end in 2026 or later, some a year or more
-- after the peildatum.
SELECT ok((SELECT count(*) FROM jeugdnorm.toewijzing WHERE einddatum > '2025-12-31')
          > 10 * (SELECT count(*) FROM jeugdnorm.toewijzing WHERE einddatum = '2025-12-31')
      AND (SELECT max(einddatum) FROM jeugdnorm.toewijzing) > '2026-12-31',
    'allocations running at the peildatum end after 2025-12-31, not clipped to it');
SELECT ok((SELECT array_agg(DISTINCT p.financieringsvorm ORDER BY p.financieringsvorm)
             FROM jeugdnorm.toewijzing t
             JOIN jeugdnorm.product p ON p.productcategorie = t.productcategorie AND p.productcode = t.productcode
            WHERE t.einddatum IS NULL) = ARRAY['inspanning', 'plek', 'traject']
      AND (SELECT avg((einddatum IS NULL)::integer) FROM jeugdnorm.toewijzing) BETWEEN 0.01 AND 0.08,
    'open allocations in every financieringsvorm, a few percent of all');

-- Gaps per (client, product) as DEFINITIONS 3 defines them: to the earlier
-- allocation that ends last (running max of einddatum; an open one counts
-- as ending in 9999, so what follows it overlaps).
CREATE TEMP VIEW alloc_gap AS
SELECT t.ingangsdatum - max(coalesce(t.einddatum, date '9999-12-31'))
           OVER (PARTITION BY t.client_id, coalesce(t.productcode, t.productcategorie)
                 ORDER BY t.ingangsdatum, t.einddatum NULLS LAST, t.toewijzingnummer, t.gemeente
                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS gap
  FROM jeugdnorm.toewijzing t
 WHERE t.reden_wijziging IS DISTINCT FROM '13';
SELECT ok((SELECT count(*) FROM alloc_gap WHERE gap BETWEEN 1 AND 90) > 0
      AND (SELECT count(*) FROM alloc_gap WHERE gap BETWEEN 91 AND 365) > 0
      AND (SELECT count(*) FROM alloc_gap WHERE gap > 365) > 0,
    'extensions (gap 1..90), repeat requests (91..365) and new requests (> 365) all occur');
SELECT ok((SELECT count(*) FROM alloc_gap WHERE gap = 1) > 0 AND (SELECT count(*) FROM alloc_gap WHERE gap <= 0) > 0,
    'extensions the day after and overlapping allocations both occur');
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.toewijzing a JOIN jeugdnorm.toewijzing b
                    ON b.client_id = a.client_id AND b.toewijzingnummer <> a.toewijzingnummer
                   AND b.ingangsdatum > a.ingangsdatum AND b.einddatum < a.einddatum),
    'some allocations lie nested inside another one of the same client');

-- Care paths per (client, productgroep) (the grain of flow and top_paths),
-- built by the core aggregate: in every productgroep some are still
-- running on the peildatum (open, or ending after it), so the last quarter
-- of flow has people in care at its end.
SELECT is((SELECT array_agg(x.productgroep ORDER BY x.productgroep)
             FROM (SELECT g.productgroep
                     FROM (SELECT p.productgroep,
                                  jeugdnorm.care_path(t.ingangsdatum, t.einddatum, p.variant) AS paths
                             FROM jeugdnorm.toewijzing t
                             JOIN jeugdnorm.product p
                               ON p.productcategorie = t.productcategorie AND p.productcode = t.productcode
                            WHERE t.reden_wijziging IS DISTINCT FROM '13'
                            GROUP BY t.client_id, p.productgroep) AS g
                    CROSS JOIN LATERAL unnest(g.paths) AS cp
                    GROUP BY g.productgroep
                   HAVING count(*) FILTER (WHERE cp.einde IS NULL OR cp.einde > '2025-12-31') > 0) AS x),
    ARRAY['Ambulant perspectief 1', 'Ambulant perspectief 2', 'Ambulante hulp duurzaam', 'Dagbesteding', 'GGZ',
          'Jeugdbescherming en jeugdreclassering', 'Ontwikkelgroepen'],
    'every productgroep has care paths still running on 2025-12-31');

-- ---- claims --------------------------------------------------------------------
SELECT is((SELECT count(*) FROM jeugdnorm.declaratie
            WHERE begindatum < '2021-01-01' OR einddatum > '2025-12-31'
               OR date_trunc('month', begindatum) <> date_trunc('month', einddatum)),
    0::bigint, 'every claim line lies inside one month of 2021..2025');
SELECT ok((SELECT count(*) FROM jeugdnorm.declaratie WHERE volume < 0 AND bedrag < 0) > 0
      AND (SELECT count(*) FROM jeugdnorm.declaratie WHERE (volume < 0) <> (bedrag < 0)) = 0,
    'some credit lines, each with negative volume and bedrag');
SELECT ok((SELECT count(*) FROM (SELECT 1 FROM jeugdnorm.declaratie
                                  GROUP BY gemeente, toewijzingnummer, begindatum, einddatum
                                 HAVING sum(bedrag) = 0 AND count(*) = 2) z) > 0,
    'some exact net-zero debit + credit pairs');
SELECT ok((SELECT count(*) FROM (SELECT 1 FROM jeugdnorm.declaratie
                                  GROUP BY gemeente, toewijzingnummer, begindatum, einddatum
                                 HAVING count(*) = 3 AND sum(bedrag) > 0) z) > 0,
    'some credited lines are claimed again, corrected');
SELECT ok((SELECT count(*) FROM jeugdnorm.declaratie d
            WHERE NOT EXISTS (SELECT 1 FROM jeugdnorm.toewijzing t
                               WHERE t.gemeente = d.gemeente AND t.toewijzingnummer = d.toewijzingnummer)) > 0,
    'some claim lines name an allocation that is not in toewijzing');
SELECT is((SELECT count(*) FROM jeugdnorm.declaratie d
             JOIN jeugdnorm.toewijzing t USING (gemeente, toewijzingnummer)
             LEFT JOIN jeugdnorm.product p ON p.productcategorie = d.productcategorie AND p.productcode = d.productcode
            WHERE t.productcode IS NULL AND (p.productcode IS NULL OR d.productcategorie <> t.productcategorie)),
    0::bigint, 'claims of aspecifiek allocations carry a real product of the allocation''s category');
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.declaratie d JOIN jeugdnorm.toewijzing t USING (gemeente, toewijzingnummer)
                   WHERE d.begindatum < t.ingangsdatum OR d.einddatum > t.einddatum),
    'some claim lines lie slightly outside their allocation''s period');

-- Realisation: claimed canonical volume / allocated canonical volume inside
-- 2021..2025 (DEFINITIONS 3), over the allocations that are not '13'.
-- Only the part of an allocation inside the window counts (a planned end
-- in 2027 adds nothing after 2025-12-31); an open 'totaal' allocation has
-- no allocated volume (DEFINITIONS 3), so it and its claims are left out.
SELECT ok((WITH a AS (
               SELECT t.gemeente, t.toewijzingnummer,
                      CASE WHEN t.budget IS NOT NULL THEN t.budget / (t.einddatum - t.ingangsdatum + 1)
                           ELSE t.volume
                                * CASE t.frequentie WHEN '1' THEN 1 WHEN '2' THEN 1 / 7.0 WHEN '4' THEN 12 / 365.25
                                                    ELSE 1.0 / (t.einddatum - t.ingangsdatum + 1) END
                                * CASE t.eenheid WHEN '01' THEN 1 / 60.0 WHEN '16' THEN 4 ELSE 1 END END
                      * greatest(0, least(coalesce(t.einddatum, '2025-12-31'), '2025-12-31')
                                    - greatest(t.ingangsdatum, '2021-01-01') + 1) AS allocated
                 FROM jeugdnorm.toewijzing t
                WHERE t.reden_wijziging IS DISTINCT FROM '13'),
           c AS (
               SELECT d.gemeente, d.toewijzingnummer,
                      sum(d.volume * CASE d.eenheid WHEN '01' THEN 1 / 60.0 WHEN '16' THEN 4 ELSE 1 END) AS claimed
                 FROM jeugdnorm.declaratie d
                GROUP BY d.gemeente, d.toewijzingnummer)
           SELECT sum(c.claimed) / sum(a.allocated)
             FROM a LEFT JOIN c USING (gemeente, toewijzingnummer)
            WHERE a.allocated IS NOT NULL) BETWEEN 0.6 AND 0.9,
    'realisation (claimed / allocated volume) lies between 60% and 90%');


-- ---- steering information (section 9) --------------------------------------------
-- Referrers: every COD327 code occurs, some are missing; huisarts is the
-- most frequent and huisarts + gemeente refer most; the measures (47/48) are
-- referred by the rechter or the GI only and carried by the 3 GI.
SELECT is((SELECT array_agg(DISTINCT verwijzer ORDER BY verwijzer) FROM jeugdnorm.toewijzing),
    ARRAY['01', '02', '03', '04', '05', '06', '08', NULL],
    'every COD327 verwijzer occurs, and some allocations have none');
SELECT ok((SELECT mode() WITHIN GROUP (ORDER BY verwijzer) FROM jeugdnorm.toewijzing) = '02'
      AND (SELECT avg((verwijzer IN ('01', '02'))::integer) FROM jeugdnorm.toewijzing WHERE verwijzer IS NOT NULL)
          BETWEEN 0.55 AND 0.80
      AND (SELECT avg((verwijzer IS NULL)::integer) FROM jeugdnorm.toewijzing) BETWEEN 0.01 AND 0.08,
    'huisarts refers most, huisarts and gemeente 55-80% together, 1-8% unknown');
SELECT is((SELECT array_agg(DISTINCT verwijzer ORDER BY verwijzer) FROM jeugdnorm.toewijzing
            WHERE productcategorie IN ('47', '48')),
    ARRAY['04', '08'], 'the measures (47/48) are referred by the GI or the rechter');
SELECT ok((SELECT count(*) FROM jeugdnorm.toewijzing WHERE productcategorie = '47') > 0
      AND (SELECT count(*) FROM jeugdnorm.toewijzing WHERE productcategorie = '48') > 0
      AND (SELECT count(DISTINCT aanbieder) FROM jeugdnorm.toewijzing WHERE productcategorie IN ('47', '48'))
          BETWEEN 1 AND 3
      AND NOT EXISTS (SELECT 1 FROM jeugdnorm.toewijzing
                       WHERE productcategorie IN ('47', '48')
                         AND aanbieder NOT IN (SELECT aanbieder FROM jeugdnorm.aanbieder a
                                                WHERE a.naam ~ 'Jeugdbescherming')),
    'jeugdreclassering (47) and jeugdbescherming (48) allocations, all by a GI');
SELECT is((SELECT count(*) FROM jeugdnorm.toewijzing
            WHERE productcategorie = '48' AND ingangsdatum >= (geboortedatum + interval '18 years')::date),
    0::bigint, 'no jeugdbeschermingsmaatregel starts at 18 or later');
SELECT ok((SELECT count(*) FROM jeugdnorm.toewijzing t
            WHERE t.productcategorie NOT IN ('47', '48') AND t.verwijzer = '04'
              AND EXISTS (SELECT 1 FROM jeugdnorm.toewijzing m
                           WHERE m.client_id = t.client_id AND m.productcategorie IN ('47', '48')
                             AND t.ingangsdatum BETWEEN m.ingangsdatum AND coalesce(m.einddatum, 'infinity'))) > 0,
    'care during a measure is referred by the GI');

-- Ending reasons: only on allocations ended on or before the peildatum;
-- mostly '31', then the voortijdig codes, a few others, some unknown.
SELECT is((SELECT count(*) FROM jeugdnorm.toewijzing
            WHERE reden_beeindiging IS NOT NULL AND (einddatum IS NULL OR einddatum > '2025-12-31')),
    0::bigint, 'no reden_beeindiging on an allocation running on the peildatum');
SELECT ok((SELECT avg((reden_beeindiging = '31')::integer) FROM jeugdnorm.toewijzing WHERE einddatum <= '2025-12-31')
          BETWEEN 0.55 AND 0.80
      AND (SELECT avg((reden_beeindiging IS NULL)::integer) FROM jeugdnorm.toewijzing WHERE einddatum <= '2025-12-31')
          BETWEEN 0.03 AND 0.15,
    'ended allocations: 55-80% volgens plan (31), 3-15% without a reason');
SELECT ok((SELECT count(DISTINCT reden_beeindiging) FROM jeugdnorm.toewijzing
            WHERE reden_beeindiging IN ('32', '33', '34', '35')) = 4
      AND (SELECT count(*) FROM jeugdnorm.toewijzing WHERE reden_beeindiging = '34')
          > (SELECT count(*) FROM jeugdnorm.toewijzing WHERE reden_beeindiging = '35')
      AND (SELECT count(*) FROM jeugdnorm.toewijzing WHERE reden_beeindiging IN ('20', '36', '37', '38', '39')) > 0,
    'the voortijdig reasons 34, 32, 33, 35 (34 more often than 35) and some overig ones occur');
SELECT ok((SELECT avg((reden_beeindiging = '31')::integer) FROM jeugdnorm.toewijzing t
            WHERE einddatum <= '2025-12-31'
              AND (SELECT max(d.einddatum) FROM jeugdnorm.declaratie d
                    WHERE d.gemeente = t.gemeente AND d.toewijzingnummer = t.toewijzingnummer)
                  < t.einddatum - 60)
          < (SELECT avg((reden_beeindiging = '31')::integer) FROM jeugdnorm.toewijzing
              WHERE einddatum <= '2025-12-31'),
    'allocations whose claims stop long before their end are less often ended volgens plan');

-- toewijzingsdatum: mostly shortly before the start, some with retroactive
-- effect after it, a few missing; never after the peildatum.
SELECT ok((SELECT avg((toewijzingsdatum <= ingangsdatum)::integer) FROM jeugdnorm.toewijzing) BETWEEN 0.6 AND 0.9
      AND (SELECT count(*) FROM jeugdnorm.toewijzing WHERE toewijzingsdatum > ingangsdatum) > 0
      AND (SELECT avg((toewijzingsdatum IS NULL)::integer) FROM jeugdnorm.toewijzing) BETWEEN 0.01 AND 0.10
      AND (SELECT max(toewijzingsdatum) FROM jeugdnorm.toewijzing) <= '2025-12-31'
      AND (SELECT max(ingangsdatum - toewijzingsdatum) FROM jeugdnorm.toewijzing) <= 21,
    'toewijzingsdatum: 0-21 days before the start mostly, some after it, some missing, none after the peildatum');

-- Postcodes and wijken.
SELECT ok((SELECT min(n) FROM (SELECT count(DISTINCT wijk) AS n FROM jeugdnorm.wijk GROUP BY gemeente) w) >= 2
      AND (SELECT count(DISTINCT gemeente) FROM jeugdnorm.wijk) = 7,
    'every gemeente has at least 2 wijken');
SELECT ok((SELECT avg((postcode IS NULL)::integer) FROM jeugdnorm.toewijzing) BETWEEN 0.01 AND 0.08
      AND (SELECT count(DISTINCT postcode) FROM jeugdnorm.toewijzing) >= 40,
    'postcodes: over 40 different ones, 1-8% of the allocations without');
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.toewijzing t
                   WHERE NOT EXISTS (SELECT 1 FROM jeugdnorm.wijk w
                                      WHERE w.gemeente = t.gemeente AND w.postcode = t.postcode)
                     AND t.postcode IS NOT NULL)
      AND (SELECT avg((EXISTS (SELECT 1 FROM jeugdnorm.wijk w
                                WHERE w.gemeente = t.gemeente AND w.postcode = t.postcode))::integer)
             FROM jeugdnorm.toewijzing t WHERE t.postcode IS NOT NULL) > 0.9
      AND EXISTS (SELECT 1 FROM jeugdnorm.wijk GROUP BY gemeente, postcode HAVING count(*) = 2),
    'over 90% of the postcodes lie in a wijk of the allocation''s gemeente, some in none, one in two');

-- Requests: one per answered allocation mostly, lead times of weeks to
-- months, some afgewezen, some open on the peildatum.
CREATE TEMP VIEW req AS
SELECT v.*, t.toewijzingnummer IS NOT NULL AS linked, t.toewijzingsdatum,
       coalesce(t.toewijzingsdatum, v.antwoord_datum) - v.ontvangen AS days,
       t.volume AS alloc_volume, t.eenheid AS alloc_eenheid, t.frequentie AS alloc_frequentie
  FROM jeugdnorm.verzoek v
  LEFT JOIN jeugdnorm.toewijzing t USING (gemeente, toewijzingnummer);
SELECT ok((SELECT count(*) FROM req WHERE antwoord = 'toegewezen' AND linked)
          BETWEEN 0.5 * (SELECT count(*) FROM jeugdnorm.toewijzing)
              AND 0.9 * (SELECT count(*) FROM jeugdnorm.toewijzing)
      AND (SELECT count(*) FROM req WHERE linked AND antwoord IS DISTINCT FROM 'toegewezen') = 0,
    'half to 90% of the allocations answer a request; a linked request is toegewezen');
SELECT ok((SELECT count(*) FROM jeugdnorm.verzoek v JOIN jeugdnorm.toewijzing t USING (gemeente, toewijzingnummer)
            WHERE v.client_id IS DISTINCT FROM t.client_id OR v.aanbieder IS DISTINCT FROM t.aanbieder
               OR v.productcategorie IS DISTINCT FROM t.productcategorie
               OR v.productcode IS DISTINCT FROM t.productcode
               OR v.ontvangen > coalesce(t.toewijzingsdatum, v.antwoord_datum)) = 0
      AND (SELECT count(*) FROM jeugdnorm.toewijzing t
            WHERE t.productcategorie IN ('47', '48')
              AND EXISTS (SELECT 1 FROM jeugdnorm.verzoek v
                           WHERE v.gemeente = t.gemeente AND v.toewijzingnummer = t.toewijzingnummer)) = 0,
    'a request asks for its allocation''s client, provider and product before it is answered; no request for a measure');
SELECT ok((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM req WHERE antwoord IS NOT NULL)
          BETWEEN 14 AND 56
      AND (SELECT avg((days <= 56)::integer) FROM req WHERE days IS NOT NULL) BETWEEN 0.6 AND 0.9
      AND (SELECT count(*) FROM req WHERE days > 120) > 0
      AND (SELECT min(days) FROM req) >= 0,
    'lead times: median 2-8 weeks, 60-90% within 8 weeks, some over 4 months');
SELECT ok((SELECT count(*) FROM req WHERE antwoord = 'toegewezen' AND days IS NOT NULL AND toewijzingsdatum IS NULL) > 0
      AND (SELECT count(*) FROM req WHERE antwoord = 'toegewezen' AND linked AND antwoord_datum IS NULL) > 0,
    'some answers are dated only by antwoord_datum, some only by the allocation''s toewijzingsdatum');
SELECT ok((SELECT avg((antwoord = 'afgewezen')::integer) FROM jeugdnorm.verzoek WHERE antwoord IS NOT NULL)
          BETWEEN 0.04 AND 0.14
      AND (SELECT count(*) FROM jeugdnorm.verzoek WHERE antwoord = 'afgewezen'
              AND (reden_afwijzing IS NULL OR toewijzingnummer IS NOT NULL OR antwoord_datum IS NULL)) = 0
      AND (SELECT count(DISTINCT reden_afwijzing) FROM jeugdnorm.verzoek) >= 5
      AND (SELECT count(*) FROM jeugdnorm.verzoek WHERE reden_afwijzing IS NOT NULL AND antwoord <> 'afgewezen') = 0,
    '4-14% of the answers afgewezen, each with a dated WJ759 reason (at least 5 different ones) and no allocation');
SELECT ok((SELECT count(*) FROM jeugdnorm.verzoek
            WHERE ontvangen <= '2025-12-31' AND (antwoord IS NULL OR antwoord_datum > '2025-12-31')) >= 5
      AND (SELECT max('2025-12-31' - ontvangen) FROM jeugdnorm.verzoek
            WHERE ontvangen <= '2025-12-31' AND (antwoord IS NULL OR antwoord_datum > '2025-12-31')) > 42
      AND (SELECT count(*) FROM jeugdnorm.verzoek WHERE antwoord IS NOT NULL AND antwoord_datum > '2025-12-31') > 0,
    'requests wait on the peildatum (some over 6 weeks); some of them were answered after it');
SELECT ok((SELECT count(*) FROM req
            WHERE linked AND frequentie <> '6' AND eenheid = alloc_eenheid AND frequentie = alloc_frequentie
              AND alloc_volume > volume) > 0
      AND (SELECT count(*) FROM req
            WHERE linked AND frequentie = '6' AND eenheid = alloc_eenheid AND frequentie = alloc_frequentie
              AND alloc_volume < volume) > 0,
    'some allocations are stretched above the requested volume per week, some totaal requests are cut back');
SELECT ok((SELECT count(*) FROM jeugdnorm.verzoek v
             JOIN jeugdnorm.norm n ON n.productcode = v.productcode
              AND v.ontvangen BETWEEN n.geldig_van AND coalesce(n.geldig_tot, 'infinity')
            WHERE v.frequentie = '6' AND jeugdnorm.canonical_volume(v.volume, v.eenheid) > n.max_volume) > 0,
    'some totaal requests ask more than the norm''s max_volume');
SELECT is((SELECT count(DISTINCT gemeente) FROM jeugdnorm.verzoek WHERE ontvangen > '2025-12-31')
          + (SELECT count(DISTINCT gemeente) FROM jeugdnorm.verzoek
              WHERE ontvangen <= '2025-12-31' AND antwoord_datum > '2025-12-31'),
    14::bigint, 'every gemeente has a request received after the peildatum and one answered after it');

-- Product mapping: one merge, one split, each with allocations on both sides.
SELECT is((SELECT array_agg(row(productcategorie, productcode, aanbieder, geldig_van, geldig_tot, analysis_product)::text
                            ORDER BY product_mapping_id)
             FROM jeugdnorm.product_mapping),
    ARRAY['(45,45A10,,2018-01-01,,45A11)', '(45,45A24,,2024-01-01,,45A24-2024)'],
    'product_mapping: the merge 45A10 -> 45A11 and the split of 45A24 from 2024');
SELECT ok((SELECT count(*) FROM jeugdnorm.toewijzing WHERE productcode = '45A10') > 0
      AND (SELECT max(ingangsdatum) FROM jeugdnorm.toewijzing WHERE productcode = '45A10') < '2021-01-01'
      AND (SELECT count(*) FROM jeugdnorm.toewijzing WHERE productcode = '45A11') > 0
      AND NOT EXISTS (SELECT 1 FROM jeugdnorm.product WHERE productcode = '45A10'),
    'merge: allocations of the old code 45A10 (before 2021, not in the catalogue) and of 45A11');
SELECT ok((SELECT count(*) FROM jeugdnorm.toewijzing WHERE productcode = '45A24' AND ingangsdatum < '2024-01-01') > 0
      AND (SELECT count(*) FROM jeugdnorm.toewijzing WHERE productcode = '45A24' AND ingangsdatum >= '2024-01-01') > 0
      AND EXISTS (SELECT 1 FROM jeugdnorm.norm WHERE productcode = '45A24-2024'),
    'split: allocations of 45A24 before and from 2024, and a norm for the analysis product 45A24-2024');

-- ---- data-quality signals ([S5]), each recomputed from the input tables -----------
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.declaratie d
                   WHERE NOT EXISTS (SELECT 1 FROM jeugdnorm.toewijzing t
                                      WHERE t.gemeente = d.gemeente AND t.toewijzingnummer = d.toewijzingnummer)),
    'signal claims_without_allocation occurs');
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.declaratie d JOIN jeugdnorm.toewijzing t USING (gemeente, toewijzingnummer)
                   WHERE t.reden_wijziging IS DISTINCT FROM '13'
                     AND (d.begindatum < t.ingangsdatum OR d.einddatum > t.einddatum)),
    'signal claims_outside_allocation_period occurs');
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.declaratie d JOIN jeugdnorm.toewijzing t USING (gemeente, toewijzingnummer)
                   WHERE t.reden_wijziging IS DISTINCT FROM '13'
                     AND jeugdnorm.canonical_unit(d.eenheid) <> jeugdnorm.canonical_unit(t.eenheid)),
    'signal claims_other_unit_family occurs');
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.declaratie GROUP BY gemeente, toewijzingnummer, begindatum, einddatum
                  HAVING sum(bedrag) = 0 AND sum(volume) = 0 AND count(*) = 2),
    'signal claims_net_zero occurs');
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.declaratie
                   GROUP BY gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                            begindatum, einddatum, volume, eenheid, bedrag
                  HAVING count(*) > 1),
    'signal claims_duplicate occurs');
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.toewijzing WHERE reden_wijziging = '13'),
    'signal allocations_deleted occurs');
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.toewijzing
                   WHERE age(ingangsdatum, geboortedatum) >= make_interval(years => 22)),
    'signal allocations_above_max_age occurs');
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.toewijzing t
                   WHERE t.einddatum + 90 <= '2025-12-31' AND t.reden_wijziging IS NULL
                     AND NOT EXISTS (SELECT 1 FROM jeugdnorm.declaratie d
                                      WHERE d.gemeente = t.gemeente AND d.toewijzingnummer = t.toewijzingnummer)),
    'signal allocations_completed_without_claims occurs');
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.toewijzing t JOIN jeugdnorm.declaratie d USING (gemeente, toewijzingnummer)
                   WHERE t.eenheid = '82' AND t.frequentie = '6' AND t.einddatum IS NOT NULL AND d.eenheid = '82'
                     AND t.reden_wijziging IS NULL
                   GROUP BY t.gemeente, t.toewijzingnummer, t.volume
                  HAVING sum(d.volume) > t.volume),
    'signal allocations_claimed_above_100 occurs (a traject claimed above its 1 stuks)');
SELECT ok(EXISTS (SELECT 1 FROM alloc_gap WHERE gap <= 0), 'signal allocations_overlapping occurs');
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.toewijzing t
                   WHERE t.productcode IS NOT NULL
                     AND NOT EXISTS (SELECT 1 FROM jeugdnorm.product p
                                      WHERE p.productcategorie = t.productcategorie
                                        AND p.productcode = t.productcode)),
    'signal products_missing_from_catalogue occurs');
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.declaratie d
                   WHERE NOT EXISTS (SELECT 1 FROM jeugdnorm.contract c
                                      WHERE c.gemeente = d.gemeente AND c.aanbieder = d.aanbieder
                                        AND c.productcode = d.productcode
                                        AND d.begindatum BETWEEN c.geldig_van AND coalesce(c.geldig_tot, 'infinity'))),
    'signal claims_nga occurs');
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.verzoek WHERE ontvangen > '2025-12-31')
      AND EXISTS (SELECT 1 FROM jeugdnorm.verzoek WHERE antwoord_datum > '2025-12-31'),
    'signal rows_after_peildatum occurs (requests received and answered after the peildatum)');

-- The view itself, where it is installed: every one of the 13 signals fires
-- (its rows are materialised: refresh first).
SELECT to_regclass('jeugdnorm.data_quality') IS NOT NULL AS has_data_quality \gset
\if :has_data_quality
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset
SELECT is((SELECT count(*) FILTER (WHERE rows > 0) FROM jeugdnorm.data_quality), 13::bigint,
    'jeugdnorm.data_quality: all 13 signals have rows on the demo region');
\else
SELECT skip('jeugdnorm.data_quality is not installed', 1);
\endif

-- ---- the same seed gives the same steering data ------------------------------------
-- (the checksum above covers every row; here the counts of the new data
-- for seed 7 against another run of it in a fresh generate call)
CREATE TEMP TABLE steer_1 AS
SELECT 'verwijzer ' || coalesce(verwijzer, '-') AS k, count(*) AS n FROM jeugdnorm.toewijzing GROUP BY 1
UNION ALL SELECT 'reden ' || coalesce(reden_beeindiging, '-'), count(*) FROM jeugdnorm.toewijzing GROUP BY 1
UNION ALL SELECT 'antwoord ' || coalesce(antwoord, '-'), count(*) FROM jeugdnorm.verzoek GROUP BY 1
UNION ALL SELECT 'postcode ' || coalesce(postcode, '-'), count(*) FROM jeugdnorm.toewijzing GROUP BY 1;
SELECT count(*) > 0 AS regenerated FROM jeugdnorm_demo.generate(7, 0.05) \gset
SELECT results_eq(
    'SELECT k, n FROM steer_1 ORDER BY k',
    $$SELECT k, n FROM (SELECT 'verwijzer ' || coalesce(verwijzer, '-') AS k, count(*) AS n
                          FROM jeugdnorm.toewijzing GROUP BY 1
                        UNION ALL SELECT 'reden ' || coalesce(reden_beeindiging, '-'), count(*)
                          FROM jeugdnorm.toewijzing GROUP BY 1
                        UNION ALL SELECT 'antwoord ' || coalesce(antwoord, '-'), count(*)
                          FROM jeugdnorm.verzoek GROUP BY 1
                        UNION ALL SELECT 'postcode ' || coalesce(postcode, '-'), count(*)
                          FROM jeugdnorm.toewijzing GROUP BY 1) x ORDER BY k$$,
    'generate(7, 0.05) again: the same referrers, reasons, answers and postcodes');

SELECT throws_ok('SELECT * FROM jeugdnorm_demo.generate(7, 0)', '22023', NULL,
    'a scale of 0 is refused');

SELECT * FROM finish();
ROLLBACK;
