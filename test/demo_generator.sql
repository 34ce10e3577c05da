-- pgTAP: the demo-region generator (test/generator/demo_region.sql).
-- Determinism: the same seed and scale give the same tables (counts and an
-- md5 over every row of every table, ids included); another seed gives
-- other data.  Realism: on a small region (scale 0.05, ~450 clients) the
-- features the analyses need are all there, and every row obeys the
-- input tables' rules.
BEGIN;
CREATE EXTENSION jeugdnorm;
\i test/generator/demo_region.sql

SELECT plan(35);

-- Every row of every input table (and the settings) in one fixed order.
CREATE TEMP VIEW region_checksum AS
SELECT md5(string_agg(r, E'\n' ORDER BY r)) AS md5
  FROM (SELECT 'aanbieder ' || t::text AS r FROM jeugdnorm.aanbieder t
        UNION ALL SELECT 'product ' || t::text FROM jeugdnorm.product t
        UNION ALL SELECT 'norm ' || t::text FROM jeugdnorm.norm t
        UNION ALL SELECT 'contract ' || t::text FROM jeugdnorm.contract t
        UNION ALL SELECT 'toewijzing ' || t::text FROM jeugdnorm.toewijzing t
        UNION ALL SELECT 'declaratie ' || t::text FROM jeugdnorm.declaratie t
        UNION ALL SELECT 'settings ' || row(t.window_start, t.peildatum, t.extension_days, t.recidive_days,
                                            t.path_gap_days, t.max_age, t.drop_net_zero)::text
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
    ARRAY['aanbieder', 'contract', 'declaratie', 'norm', 'product', 'toewijzing'],
    'generate() reports the six input tables');
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
          'Ontwikkelgroepen'],
    'every productgroep has allocations');
SELECT is((SELECT count(*) FROM jeugdnorm.aanbieder), 250::bigint, '250 providers');
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
          'Ontwikkelgroepen'],
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

SELECT throws_ok('SELECT * FROM jeugdnorm_demo.generate(7, 0)', '22023', NULL,
    'a scale of 0 is refused');

SELECT * FROM finish();
ROLLBACK;
