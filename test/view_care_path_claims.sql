-- view_care_path_claims.sql -- mv_care_paths takes its claim figures
-- (claim_lines, volume, days_levering and what follows from them) from
-- mv_money_claim_sums' per-allocation partial sums (63_care_path_claims.sql)
-- instead of reading every kept claim line: the rows must be exactly those
-- of 40_paths.sql's query over the claim lines (kept below as
-- old_care_paths, a test-only reference).  Compared as row text (numeric
-- scales count), EXCEPT ALL both ways (duplicates count), on the demo
-- region plus edge lines -- a line across a year end (two rows of the
-- claim sums), a line before window_start and one after the peildatum
-- (overlapping no year window: the year-NULL row), a line in another unit
-- family than its path (no volume), a credit line, a line without bedrag,
-- lines of an allocation without client_id -- at three settings (the
-- demo's, a peildatum inside a year, a window_start inside a year), and
-- after an incremental refresh (equal to the full recompute too).
BEGIN;
CREATE EXTENSION jeugdnorm;
\o /dev/null
\i test/fixtures/demo_small.sql
-- edge lines on the first two open-ended allocations with a client and on
-- the first allocation without client_id (if the fixture has one)
CREATE TEMP TABLE edge_alloc AS
SELECT t.gemeente, t.toewijzingnummer, t.client_id, t.aanbieder, t.productcategorie, t.productcode, t.eenheid
  FROM jeugdnorm.toewijzing t
 WHERE t.client_id IS NOT NULL AND t.productcode IS NOT NULL AND t.einddatum IS NULL
   AND t.reden_wijziging IS DISTINCT FROM '13'
 ORDER BY t.gemeente, t.toewijzingnummer LIMIT 2;
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  begindatum, einddatum, volume, eenheid, bedrag)
SELECT a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.productcategorie, a.productcode,
       l.b, l.e, l.volume, coalesce(l.eenheid, a.eenheid), l.bedrag
  FROM edge_alloc a
 CROSS JOIN (VALUES (date '2023-11-16', date '2024-02-14', 3.5, NULL, 901.17),
                    (date '2018-03-01', date '2018-03-31', 2.25, NULL, 120.10),
                    (date '2031-01-01', date '2031-01-31', 4, NULL, 77.00),
                    (date '2024-05-01', date '2024-05-31', 7, '83', 250.00),
                    (date '2024-06-01', date '2024-06-30', -1.5, NULL, -45.5),
                    (date '2024-07-01', date '2024-07-31', 1.125, NULL, NULL))
       AS l(b, e, volume, eenheid, bedrag);
-- a line on an allocation without client_id (when the fixture has one)
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  begindatum, einddatum, volume, eenheid, bedrag)
SELECT t.gemeente, t.toewijzingnummer, t.client_id, t.aanbieder, t.productcategorie, t.productcode,
       t.ingangsdatum, t.ingangsdatum + 20, 5, t.eenheid, 99.99
  FROM jeugdnorm.toewijzing t
 WHERE t.client_id IS NULL AND t.ingangsdatum IS NOT NULL
 ORDER BY t.gemeente, t.toewijzingnummer LIMIT 1;
SELECT * FROM jeugdnorm.refresh();
\o
SELECT plan(17);

-- ---- 40_paths.sql's query over the claim lines (test-only reference) ----------------------
CREATE TEMP VIEW old_care_paths AS
WITH s AS (
    SELECT st.window_start, st.peildatum, st.path_gap_days FROM jeugdnorm_internal.settings st
),
-- the claim lines of each path, grouped by the path's integer key; the
-- kept claim lines are claim_lines matched to a kept allocation (see
-- jeugdnorm_internal.claims), here the rows of mv_path_allocations
cl AS (
    SELECT pa.care_path_id,
           pg_catalog.min(c.begindatum) AS first_begindatum,
           pg_catalog.max(c.einddatum) AS last_einddatum,
           pg_catalog.count(*) AS claim_lines,
           pg_catalog.sum(c.canonical_volume) FILTER (WHERE c.unit = pa.path_unit) AS volume
           -- OFFSET 0: read every claim line once and hash-join it to the
           -- allocations; without it the planner probes the declaratie
           -- index once per allocation (a nested loop over 500,000 keys at
           -- the big-city scale, each probe a cache miss)
      FROM (SELECT * FROM jeugdnorm_internal.claim_lines OFFSET 0) c
      JOIN jeugdnorm_internal.mv_path_allocations pa
        ON pa.gemeente = c.gemeente
       AND pa.toewijzingnummer = c.toewijzingnummer
     GROUP BY pa.care_path_id
),
-- one row per path: its first allocation carries the path's facts
d AS (
    SELECT pa.client_id, pa.aanbieder, pa.product, pa.path_no,
           pa.productgroep, pa.gemeente,
           pa.path_start AS start, pa.path_einde AS einde,
           pa.path_allocations AS allocations, pa.path_days AS days_toewijzing,
           pa.path_unit AS unit,
           pa.productcategorie, pa.productcode, pa.variant, pa.financieringsvorm, pa.segment,
           pa.toewijzingnummer AS first_toewijzingnummer,
           coalesce(cl.claim_lines, 0) AS claim_lines,
           cl.volume,
           cl.last_einddatum - cl.first_begindatum + 1 AS days_levering
      FROM jeugdnorm_internal.mv_path_allocations pa
      LEFT JOIN cl ON cl.care_path_id = pa.care_path_id
     WHERE pa.first_in_path
)
SELECT d.client_id,
       d.aanbieder,
       d.product,
       d.productgroep,
       d.path_no,
       d.gemeente,
       d.start,
       d.einde,
       d.allocations::bigint AS allocations,
       d.days_toewijzing,
       d.days_levering,
       d.days_toewijzing / 30.4375 AS months_toewijzing,
       d.days_levering / 30.4375 AS months_levering,
       d.volume,
       d.unit,
       d.volume * 7 / NULLIF(d.days_levering, 0) AS frequentie_per_week,
       (d.einde IS NOT NULL AND d.einde + s.path_gap_days <= s.peildatum) AS completed,
       n.max_volume AS norm_volume,
       n.max_doorlooptijd_maanden AS norm_doorlooptijd_maanden,
       n.max_frequentie_per_week AS norm_frequentie_per_week,
       d.productcategorie,
       d.productcode,
       d.variant,
       d.financieringsvorm,
       d.segment,
       (d.start >= s.window_start AND d.start <= s.peildatum) AS in_window,
       d.claim_lines,
       d.first_toewijzingnummer,
       n.norm_id,
       NULL::boolean AS refresh_null
  FROM d
 CROSS JOIN s
  LEFT JOIN LATERAL (
        -- [R9]: the rows for the product win over those for the productgroep;
        -- among versions valid on the start the latest geldig_van wins (the
        -- table is unique on (productcode, geldig_van)); a NULL geldig_van
        -- never matches; the chosen row is taken whole.
        SELECT nm.norm_id, nm.max_volume, nm.max_doorlooptijd_maanden, nm.max_frequentie_per_week
          FROM jeugdnorm.norm nm
         WHERE (nm.productcode = d.product OR nm.productcode = d.productgroep)
           AND nm.geldig_van <= d.start
           AND d.start <= coalesce(nm.geldig_tot, 'infinity'::date)
         ORDER BY (nm.productcode = d.product) DESC, nm.geldig_van DESC, nm.norm_id
         LIMIT 1
       ) n ON true;

CREATE TEMP VIEW new_rows AS SELECT p::text AS r FROM jeugdnorm_internal.mv_care_paths p;
CREATE TEMP VIEW old_rows AS SELECT p::text AS r FROM old_care_paths p;

CREATE FUNCTION pg_temp.same(label text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
    RETURN NEXT is((SELECT count(*) FROM (SELECT r FROM new_rows EXCEPT ALL SELECT r FROM old_rows) x), 0::bigint,
                   label || ': no row of mv_care_paths that the claim-line query lacks');
    RETURN NEXT is((SELECT count(*) FROM (SELECT r FROM old_rows EXCEPT ALL SELECT r FROM new_rows) x), 0::bigint,
                   label || ': no row of the claim-line query that mv_care_paths lacks');
END;
$$;

-- the edge lines are there and reach the paths
SELECT ok((SELECT count(*) FROM jeugdnorm.declaratie d JOIN edge_alloc a USING (gemeente, toewijzingnummer)
            WHERE d.begindatum IN (date '2023-11-16', date '2018-03-01', date '2031-01-01')) = 6,
          'the edge lines were loaded');
SELECT ok((SELECT count(*) FROM jeugdnorm_internal.mv_money_claim_sums m JOIN edge_alloc a USING (gemeente, toewijzingnummer)
            WHERE m.year IS NULL) >= 2,
          'lines overlapping no year window are on year-NULL rows of mv_money_claim_sums');
SELECT ok((SELECT sum(p.claim_lines) FROM jeugdnorm_internal.mv_care_paths p) > 0
          AND (SELECT count(*) FROM jeugdnorm_internal.mv_care_paths p WHERE p.volume IS NOT NULL) > 0,
          'paths with claim lines and volumes');
-- hand-checked: every kept line is counted once over the paths
SELECT is((SELECT sum(p.claim_lines)::bigint FROM jeugdnorm_internal.mv_care_paths p),
          (SELECT count(*) FROM jeugdnorm_internal.claim_lines c
             JOIN jeugdnorm_internal.mv_path_allocations a USING (gemeente, toewijzingnummer)),
          'the paths count every kept claim line once');
SELECT pg_temp.same('demo settings');

\o /dev/null
UPDATE jeugdnorm.settings SET peildatum = date '2024-09-30';
SELECT * FROM jeugdnorm.refresh();
\o
SELECT pg_temp.same('peildatum 30 September 2024');

\o /dev/null
UPDATE jeugdnorm.settings SET window_start = date '2022-03-15', peildatum = date '2025-07-31';
SELECT * FROM jeugdnorm.refresh();
\o
SELECT pg_temp.same('window_start 15 March 2022');

-- an incremental refresh: a credit line and a new line in another year on
-- one edge allocation, one allocation's einddatum moved
\o /dev/null
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  begindatum, einddatum, volume, eenheid, bedrag)
SELECT a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.productcategorie, a.productcode,
       l.b, l.e, l.volume, a.eenheid, l.bedrag
  FROM (SELECT * FROM edge_alloc ORDER BY gemeente, toewijzingnummer LIMIT 1) a
 CROSS JOIN (VALUES (date '2025-02-01', date '2025-02-28', 6.5, 310.00),
                    (date '2025-03-01', date '2025-03-31', -2, -80.25)) AS l(b, e, volume, bedrag);
UPDATE jeugdnorm.toewijzing t SET einddatum = date '2025-12-31'
  FROM (SELECT * FROM edge_alloc ORDER BY gemeente, toewijzingnummer OFFSET 1 LIMIT 1) a
 WHERE t.gemeente = a.gemeente AND t.toewijzingnummer = a.toewijzingnummer;
SELECT * FROM jeugdnorm.refresh();
\o
SELECT is((SELECT mode FROM jeugdnorm.refresh_log WHERE step = 0 ORDER BY refresh_id DESC LIMIT 1),
          'incremental', 'the last refresh was incremental');
SELECT pg_temp.same('after an incremental refresh');
SELECT is((SELECT count(*) FROM (SELECT p::text FROM jeugdnorm_internal.mv_care_paths p
                                 EXCEPT ALL SELECT f::text FROM jeugdnorm_internal.mv_care_paths_full f) x)
          + (SELECT count(*) FROM (SELECT f::text FROM jeugdnorm_internal.mv_care_paths_full f
                                   EXCEPT ALL SELECT p::text FROM jeugdnorm_internal.mv_care_paths p) x),
          0::bigint, 'after an incremental refresh mv_care_paths equals its full recompute');

-- the catalogue: the contract views still read the new table, with their options
SELECT ok(EXISTS (SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_rewrite rw ON rw.oid = d.objid
                   WHERE rw.ev_class = 'jeugdnorm.care_paths'::regclass
                     AND d.refobjid = 'jeugdnorm_internal.mv_care_paths'::regclass),
          'jeugdnorm.care_paths reads jeugdnorm_internal.mv_care_paths');
SELECT ok((SELECT 'security_barrier=true' = ANY (c.reloptions) FROM pg_catalog.pg_class c
            WHERE c.oid = 'jeugdnorm.care_paths'::regclass),
          'jeugdnorm.care_paths is still a security barrier');
SELECT ok(EXISTS (SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_rewrite rw ON rw.oid = d.objid
                   WHERE rw.ev_class = 'jeugdnorm_internal.mv_care_paths_full'::regclass
                     AND d.refobjid = 'jeugdnorm_internal.mv_money_claim_sums'::regclass),
          'mv_care_paths is computed from mv_money_claim_sums');

SELECT * FROM finish();
ROLLBACK;
