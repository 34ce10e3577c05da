-- Invariants of the section-9 path views (ending_reasons, referrals,
-- flow_by_wijk, flow_by_kader; DEFINITIONS.md [S1], [S4], section 8) over the
-- demo region.  The hand-checked values are in sql/71_steering_paths.sql;
-- here the views are checked against the path layer and against independent
-- recomputations on a few thousand paths.
--
-- The demo region may or may not carry the section-9 columns (the generator
-- fills them once it knows them): allocations still without a reden,
-- verwijzer or postcode get one here, picked deterministically from the
-- code lists by a hash of the key (one in eight stays NULL: 'onbekend'), and
-- every gemeente gets wijken for postcodes 5900..5914 (5900 in two wijken, a
-- tie; 5915..5919 in none: 'onbekend').
\set ON_ERROR_STOP 1
\set QUIET 1
BEGIN;
CREATE EXTENSION jeugdnorm;
\i test/fixtures/demo_small.sql
UPDATE jeugdnorm.toewijzing t
   SET reden_beeindiging = CASE WHEN abs(hashtext(t.toewijzingnummer || 'r')) % 8 = 0 THEN NULL
                                ELSE (SELECT array_agg(c.code ORDER BY c.code) FROM jeugdnorm.reden_beeindiging_codes() c)
                                     [1 + abs(hashtext(t.toewijzingnummer)) % (SELECT count(*) FROM jeugdnorm.reden_beeindiging_codes())::int]
                           END
 WHERE t.reden_beeindiging IS NULL;
UPDATE jeugdnorm.toewijzing t
   SET verwijzer = CASE WHEN abs(hashtext(t.toewijzingnummer || 'v')) % 8 = 0 THEN NULL
                        ELSE (SELECT array_agg(c.code ORDER BY c.code) FROM jeugdnorm.verwijzer_codes() c)
                             [1 + abs(hashtext(t.toewijzingnummer || 'w')) % (SELECT count(*) FROM jeugdnorm.verwijzer_codes())::int]
                   END
 WHERE t.verwijzer IS NULL;
UPDATE jeugdnorm.toewijzing t
   SET postcode = CASE WHEN abs(hashtext(t.toewijzingnummer || 'p')) % 8 = 0 THEN NULL
                       ELSE (5900 + abs(hashtext(t.toewijzingnummer || 'q')) % 20)::text
                  END
 WHERE t.postcode IS NULL;
INSERT INTO jeugdnorm.wijk (gemeente, postcode, wijk)
SELECT g.gemeente, p::text, 'wijk ' || (p % 4)
  FROM (SELECT DISTINCT gemeente FROM jeugdnorm.toewijzing) g
 CROSS JOIN generate_series(5900, 5914) p
UNION
SELECT DISTINCT gemeente, '5900', 'a-wijk' FROM jeugdnorm.toewijzing
ON CONFLICT DO NOTHING;
CREATE TEMP TABLE r1 AS SELECT * FROM jeugdnorm.refresh();
\unset QUIET

SELECT plan(39);

-- The demo must give the invariants something to bite on.
SELECT cmp_ok((SELECT count(*) FROM jeugdnorm.ending_reasons), '>', 10::bigint,
              'ending_reasons has more than 10 rows on the demo region');
SELECT cmp_ok((SELECT count(DISTINCT reason) FROM jeugdnorm.ending_reasons), '>=', 4::bigint,
              'ending_reasons: at least four reason classes occur');
SELECT cmp_ok((SELECT count(DISTINCT verwijzer) FROM jeugdnorm.referrals), '>=', 4::bigint,
              'referrals: at least four verwijzers occur');
SELECT cmp_ok((SELECT count(DISTINCT (gemeente, wijk)) FROM jeugdnorm.flow_by_wijk WHERE wijk <> 'onbekend'), '>=', 4::bigint,
              'flow_by_wijk: several known wijken');

-- ---- shape (section 8) -------------------------------------------------------
SELECT results_eq(
    $$SELECT c.relname::text COLLATE "default", c.relkind::text COLLATE "default" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'jeugdnorm' AND c.relname IN ('ending_reasons', 'referrals', 'flow_by_wijk', 'flow_by_kader')
       ORDER BY 1$$,
    $$VALUES ('ending_reasons', 'v'), ('flow_by_kader', 'v'), ('flow_by_wijk', 'v'), ('referrals', 'v')$$,
    'the four views are plain views in schema jeugdnorm');
SELECT is_empty(
    $$SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'jeugdnorm' AND c.relname IN ('ending_reasons', 'referrals', 'flow_by_wijk', 'flow_by_kader')
         AND a.attnum > 0 AND NOT a.attisdropped
         AND coalesce(col_description(c.oid, a.attnum), '') = ''
      UNION ALL
      SELECT c.relname, NULL FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'jeugdnorm' AND c.relname IN ('ending_reasons', 'referrals', 'flow_by_wijk', 'flow_by_kader')
         AND coalesce(obj_description(c.oid, 'pg_class'), '') = ''$$,
    'the four views and every column have a comment');
SELECT results_eq(
    $$SELECT view_name COLLATE "default", count(*) FROM jeugdnorm.column_dictionary
       WHERE view_name IN ('ending_reasons', 'referrals', 'flow_by_wijk', 'flow_by_kader') GROUP BY 1 ORDER BY 1$$,
    $$VALUES ('ending_reasons', 6::bigint), ('flow_by_kader', 10), ('flow_by_wijk', 11), ('referrals', 6)$$,
    'the four views are in column_dictionary');

-- ---- the materialised views ---------------------------------------------------
SELECT ok((SELECT count(*) FROM r1 WHERE materialized_view IN ('jeugdnorm_internal.mv_care_path_endings',
            'jeugdnorm_internal.mv_group_path_starts', 'jeugdnorm_internal.mv_kader_paths')) = 3,
          'refresh() refreshes the three new materialised views');
SELECT is_empty(
    $$SELECT c.relname FROM pg_class c
       WHERE c.oid IN ('jeugdnorm_internal.mv_care_path_endings'::regclass, 'jeugdnorm_internal.mv_group_path_starts'::regclass,
                       'jeugdnorm_internal.mv_kader_paths'::regclass)
         AND (NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique AND i.indnullsnotdistinct
                             AND i.indpred IS NULL AND i.indexprs IS NULL)
              OR NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'refresh_null'
                                AND a.attnum = (SELECT max(b.attnum) FROM pg_attribute b WHERE b.attrelid = c.oid)))$$,
    'each new materialised view has a unique index NULLS NOT DISTINCT and ends in refresh_null');
\set QUIET 1
CREATE TEMP TABLE r2 AS SELECT * FROM jeugdnorm.refresh();
\unset QUIET
SELECT is((SELECT count(*) FROM r2 WHERE NOT r2."concurrently"
              AND r2.materialized_view IN ('jeugdnorm_internal.mv_care_path_endings',
                                           'jeugdnorm_internal.mv_group_path_starts',
                                           'jeugdnorm_internal.mv_kader_paths')), 0::bigint,
          'the second refresh is CONCURRENTLY for the three new materialised views (contract views read them)');
SELECT is((SELECT count(*) FROM jeugdnorm_internal.mv_care_path_endings),
          (SELECT count(*) FROM jeugdnorm_internal.mv_care_paths),
          'mv_care_path_endings: one row per care path');
SELECT is((SELECT count(*) FROM jeugdnorm_internal.mv_group_path_starts),
          (SELECT count(*) FROM jeugdnorm_internal.mv_group_paths),
          'mv_group_path_starts: one row per group path');

-- ---- ending_reasons [S4] --------------------------------------------------------
SELECT is_empty(
    $$SELECT productgroep, year, reason FROM jeugdnorm.ending_reasons GROUP BY 1, 2, 3 HAVING count(*) > 1$$,
    'ending_reasons: (productgroep, year, reason) unique');
SELECT is_empty(
    $$SELECT productgroep, year FROM jeugdnorm.ending_reasons GROUP BY 1, 2
      HAVING abs(sum(share) - 1) > count(*) * 0.0000005$$,
    'ending_reasons: shares sum to 1 per (productgroep, year), within the rounding of 6 decimals per row');
SELECT is_empty(
    $$SELECT * FROM (SELECT e.*, sum(e.paths) OVER (PARTITION BY e.productgroep, e.year) AS total
                       FROM jeugdnorm.ending_reasons e) x
       WHERE x.paths <= 0 OR x.share <= 0 OR x.share > 1
          OR x.share <> round(x.paths::numeric / x.total, 6)$$,
    'ending_reasons: share = paths / paths of the (productgroep, year), positive counts');
SELECT set_eq(
    $$SELECT productgroep, year, sum(paths) FROM jeugdnorm.ending_reasons GROUP BY 1, 2$$,
    $$SELECT c.productgroep, date_part('year', c.einde)::integer, count(*)
        FROM jeugdnorm.care_paths c CROSS JOIN jeugdnorm_internal.settings s
       WHERE c.completed AND c.einde BETWEEN s.window_start AND s.peildatum GROUP BY 1, 2$$,
    'ending_reasons: paths per (productgroep, year) = completed care paths ending in the window that year');
-- Independent recomputation: the last allocation of each path by a window
-- over mv_path_allocations and the reden of jeugdnorm.toewijzing itself.
SELECT set_eq(
    $$SELECT productgroep, year, reason, reason_code, paths FROM jeugdnorm.ending_reasons$$,
    $$WITH last AS (
          SELECT pa.*, row_number() OVER (PARTITION BY pa.care_path_id
                                          ORDER BY pa.einddatum DESC, pa.ingangsdatum DESC,
                                                   pa.toewijzingnummer DESC, pa.gemeente DESC) AS n
            FROM jeugdnorm_internal.mv_path_allocations pa)
      SELECT c.productgroep, date_part('year', c.einde)::integer AS year,
             coalesce(k.reason, 'onbekend') AS reason, cl.reason_code, count(*)
        FROM jeugdnorm.care_paths c
        CROSS JOIN jeugdnorm_internal.settings s
        JOIN jeugdnorm_internal.mv_path_allocations f
          ON f.gemeente = c.gemeente AND f.toewijzingnummer = c.first_toewijzingnummer
        JOIN last l ON l.care_path_id = f.care_path_id AND l.n = 1
        JOIN jeugdnorm.toewijzing t ON t.gemeente = l.gemeente AND t.toewijzingnummer = l.toewijzingnummer
        LEFT JOIN jeugdnorm.reden_beeindiging_codes() k ON k.code = t.reden_beeindiging
        LEFT JOIN jeugdnorm.reden_beeindiging_classes() cl ON cl.reason = coalesce(k.reason, 'onbekend')
       WHERE c.completed AND c.einde BETWEEN s.window_start AND s.peildatum
       GROUP BY 1, 2, 3, 4$$,
    'ending_reasons = an independent recomputation (last allocation by einddatum, then contract order)');
SELECT is_empty(
    $$SELECT reason FROM jeugdnorm.ending_reasons GROUP BY reason HAVING count(DISTINCT coalesce(reason_code, '-')) > 1
      UNION ALL
      SELECT reason FROM jeugdnorm.ending_reasons WHERE (reason_code IS NULL) <> (reason = 'onbekend')$$,
    'ending_reasons: one reason_code per reason, NULL exactly for onbekend');
SELECT results_eq(
    $$SELECT productgroep, year, reason FROM jeugdnorm.ending_reasons$$,
    $$SELECT e.productgroep, e.year, e.reason FROM jeugdnorm.ending_reasons e
        JOIN jeugdnorm.reden_beeindiging_classes() k ON k.reason = e.reason
       ORDER BY e.productgroep, e.year, k.ordinal$$,
    'ending_reasons is ordered by productgroep, year and the classes in the contract''s order');

-- ---- referrals [S4] ---------------------------------------------------------------
SELECT is_empty(
    $$SELECT year, productgroep, verwijzer FROM jeugdnorm.referrals GROUP BY 1, 2, 3 HAVING count(*) > 1$$,
    'referrals: (year, productgroep, verwijzer) unique');
SELECT set_eq(
    $$SELECT productgroep, sum(new_paths) FROM jeugdnorm.referrals GROUP BY 1$$,
    $$SELECT productgroep, sum(paths) FROM jeugdnorm.top_paths GROUP BY 1$$,
    'referrals: new_paths summed per productgroep = top_paths paths');
SELECT is_empty(
    $$SELECT * FROM jeugdnorm.referrals
       WHERE new_paths <= 0 OR clients > new_paths OR clients < 1
          OR (verwijzer_code IS NULL) <> (verwijzer = 'onbekend')$$,
    'referrals: non-empty rows only, clients <= new_paths, code NULL exactly for onbekend');
SELECT set_eq(
    $$SELECT year, productgroep, verwijzer, verwijzer_code, new_paths, clients FROM jeugdnorm.referrals$$,
    $$SELECT date_part('year', g.start)::integer, g.productgroep, coalesce(v.omschrijving, 'onbekend'), v.code,
             count(*) AS new_paths, count(DISTINCT g.client_id) AS clients
        FROM jeugdnorm_internal.mv_group_paths g
        JOIN jeugdnorm.toewijzing t ON t.gemeente = g.gemeente AND t.toewijzingnummer = g.first_toewijzingnummer
        LEFT JOIN jeugdnorm.verwijzer_codes() v ON v.code = t.verwijzer
        CROSS JOIN jeugdnorm_internal.settings s
       WHERE g.start BETWEEN s.window_start AND s.peildatum
       GROUP BY 1, 2, 3, 4$$,
    'referrals = an independent recomputation (verwijzer of the group path''s first allocation)');
SELECT results_eq(
    $$SELECT year, productgroep, verwijzer FROM jeugdnorm.referrals$$,
    $$SELECT year, productgroep, verwijzer FROM jeugdnorm.referrals ORDER BY year, productgroep, verwijzer$$,
    'referrals is ordered by year, productgroep, verwijzer');

-- ---- flow_by_wijk [S4] ---------------------------------------------------------------
SELECT set_eq(
    $$SELECT productgroep, period_start, period_end, sum(in_care_start) AS in_care_start, sum(instroom) AS instroom,
             sum(uitstroom) AS uitstroom, sum(in_care_end) AS in_care_end, year, quarter
        FROM jeugdnorm.flow_by_wijk GROUP BY productgroep, period_start, period_end, year, quarter$$,
    $$SELECT productgroep, period_start, period_end, in_care_start, instroom, uitstroom, in_care_end, year, quarter
        FROM jeugdnorm.flow$$,
    'flow_by_wijk summed over gemeente and wijk = flow, row for row');
SELECT is_empty(
    $$SELECT gemeente, wijk, productgroep, period_start FROM jeugdnorm.flow_by_wijk GROUP BY 1, 2, 3, 4 HAVING count(*) > 1$$,
    'flow_by_wijk: (gemeente, wijk, productgroep, quarter) unique');
SELECT is((SELECT count(*) FROM jeugdnorm.flow_by_wijk),
          (SELECT count(DISTINCT (g.gemeente, o.wijk, coalesce(g.productgroep, '(null)')))
             FROM jeugdnorm_internal.mv_group_paths g
             JOIN jeugdnorm_internal.mv_group_path_starts o
               ON o.gemeente = g.gemeente AND o.first_toewijzingnummer = g.first_toewijzingnummer)
          * (SELECT count(DISTINCT period_start) FROM jeugdnorm.flow),
          'flow_by_wijk: one row per (gemeente, wijk, productgroep) with a path and per quarter of flow, zeros kept');
SELECT is_empty(
    $$SELECT * FROM jeugdnorm.flow_by_wijk WHERE in_care_start + instroom - uitstroom <> in_care_end
         OR least(in_care_start, instroom, uitstroom, in_care_end) < 0$$,
    'flow_by_wijk: in_care_start + instroom - uitstroom = in_care_end, no negative counts');
-- Independent recomputation of the wijk: the first allocation's postcode in
-- jeugdnorm.wijk for the path's gemeente, smallest wijk on ties; instroom
-- summed over the quarters = paths starting inside them.
SELECT set_eq(
    $$SELECT gemeente, wijk, productgroep, sum(instroom) FROM jeugdnorm.flow_by_wijk GROUP BY 1, 2, 3$$,
    $$SELECT g.gemeente,
             coalesce((SELECT min(w.wijk) FROM jeugdnorm.wijk w WHERE w.gemeente = g.gemeente AND w.postcode = t.postcode), 'onbekend'),
             g.productgroep,
             count(*) FILTER (WHERE g.start BETWEEN f.first_q AND f.last_q)
        FROM jeugdnorm_internal.mv_group_paths g
        JOIN jeugdnorm.toewijzing t ON t.gemeente = g.gemeente AND t.toewijzingnummer = g.first_toewijzingnummer
       CROSS JOIN (SELECT min(period_start) AS first_q, max(period_end) AS last_q FROM jeugdnorm.flow) f
       GROUP BY 1, 2, 3$$,
    'flow_by_wijk: wijk and instroom = an independent recomputation');
SELECT is((SELECT count(*) > 0 FROM jeugdnorm.flow_by_wijk WHERE wijk = 'a-wijk'),
          (SELECT count(*) > 0 FROM jeugdnorm_internal.mv_group_paths g
             JOIN jeugdnorm.toewijzing t ON t.gemeente = g.gemeente AND t.toewijzingnummer = g.first_toewijzingnummer
            WHERE t.postcode = '5900'),
          'flow_by_wijk: the tied postcode 5900 goes to the smallest wijk (a-wijk), whenever a path starts there');
SELECT results_eq(
    $$SELECT gemeente, wijk, productgroep, period_start FROM jeugdnorm.flow_by_wijk$$,
    $$SELECT gemeente, wijk, productgroep, period_start FROM jeugdnorm.flow_by_wijk ORDER BY 1, 2, 3, 4$$,
    'flow_by_wijk is ordered by gemeente, wijk, productgroep, period_start');

-- ---- flow_by_kader [S4] ------------------------------------------------------------
SELECT is_empty(
    $$SELECT kader, verblijf, period_start FROM jeugdnorm.flow_by_kader GROUP BY 1, 2, 3 HAVING count(*) > 1$$,
    'flow_by_kader: (kader, verblijf, quarter) unique');
SELECT is((SELECT count(*) FROM jeugdnorm.flow_by_kader),
          (SELECT count(DISTINCT (kader, verblijf)) FROM jeugdnorm_internal.mv_kader_paths)
          * (SELECT count(DISTINCT period_start) FROM jeugdnorm.flow),
          'flow_by_kader: one row per (kader, verblijf) with a path and per quarter of flow, zeros kept');
SELECT is_empty(
    $$SELECT * FROM jeugdnorm.flow_by_kader WHERE in_care_start + instroom - uitstroom <> in_care_end
         OR least(in_care_start, instroom, uitstroom, in_care_end) < 0
         OR kader NOT IN ('gedwongen', 'vrijwillig')$$,
    'flow_by_kader: in_care_start + instroom - uitstroom = in_care_end, no negative counts, kader gedwongen/vrijwillig');
SELECT is((SELECT sum(allocations) FROM jeugdnorm_internal.mv_kader_paths)::bigint,
          (SELECT count(*) FROM jeugdnorm_internal.mv_path_allocations),
          'mv_kader_paths: every kept allocation lies in exactly one (client_id, kader, verblijf) path');
-- Paths of one (client_id, kader, verblijf) are numbered in start order and
-- separated by more than path_gap_days (else they would be one path).
SELECT is_empty(
    $$SELECT * FROM (SELECT k.*, lag(k.einde) OVER w AS prev_einde, lag(k.path_no) OVER w AS prev_no
                       FROM jeugdnorm_internal.mv_kader_paths k
                     WINDOW w AS (PARTITION BY k.client_id, k.kader, k.verblijf ORDER BY k.start)) x
       CROSS JOIN jeugdnorm_internal.settings s
       WHERE x.prev_no IS NOT NULL
         AND (x.prev_einde IS NULL OR x.start - x.prev_einde <= s.path_gap_days OR x.path_no <> x.prev_no + 1)$$,
    'mv_kader_paths: paths of a group in start order, more than path_gap_days apart');
-- Independent recomputation of kader and verblijf per allocation, and the
-- instroom summed over the quarters = kader paths starting inside them.
SELECT set_eq(
    $$SELECT kader, verblijf, sum(instroom) FROM jeugdnorm.flow_by_kader GROUP BY 1, 2$$,
    $$SELECT k.kader, k.verblijf, count(*) FILTER (WHERE k.start BETWEEN f.first_q AND f.last_q)
        FROM jeugdnorm_internal.mv_kader_paths k
       CROSS JOIN (SELECT min(period_start) AS first_q, max(period_end) AS last_q FROM jeugdnorm.flow) f
       GROUP BY 1, 2$$,
    'flow_by_kader: instroom summed over the quarters = kader paths starting inside them');
SELECT is_empty(
    $$SELECT * FROM jeugdnorm_internal.mv_kader_paths k
        JOIN jeugdnorm.toewijzing t ON t.gemeente = k.gemeente AND t.toewijzingnummer = k.first_toewijzingnummer
        LEFT JOIN jeugdnorm.product p ON p.productcategorie = t.productcategorie AND p.productcode = t.productcode
       WHERE k.kader <> CASE WHEN t.productcategorie IN ('47', '48') THEN 'gedwongen' ELSE 'vrijwillig' END
          OR k.verblijf <> (coalesce(t.productcategorie IN ('43', '44'), false)
                            OR coalesce(p.financieringsvorm = 'plek', false))$$,
    'mv_kader_paths: kader and verblijf of each path = those of its first allocation, recomputed');
SELECT results_eq(
    $$SELECT kader, verblijf, period_start FROM jeugdnorm.flow_by_kader$$,
    $$SELECT kader, verblijf, period_start FROM jeugdnorm.flow_by_kader ORDER BY 1, 2, 3$$,
    'flow_by_kader is ordered by kader, verblijf, period_start');

SELECT * FROM finish();
ROLLBACK;
