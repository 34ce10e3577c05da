-- security_tenancy.sql -- tenancy by role (issue 9, part 1): every contract
-- view returns for a role only what jeugdnorm.access lets it see.
--
-- Region: the small fixture (gemeente 0758 and T02 of 0840, whose path
-- belongs to 0758 by its first allocation) plus client C of gemeente 0840
-- with a path of its own (T90 + one claim line), so that both gemeenten have
-- paths, group paths, allocations and claims.
--
-- Roles (created inside the transaction, gone at ROLLBACK):
--   jn_ten_all   access '*'
--   jn_ten_ab    access 0758 itself and 0840 through group jn_ten_grp
--   jn_ten_a     access 0758
--   jn_ten_b     access 0840
--   jn_ten_none  no access rows
-- Each reads every plain view of schema jeugdnorm into temp tables of its
-- own (snap_<tag>_<view>); the superuser (tag sup) does the same; the
-- comparisons run as superuser afterwards.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(42);

\i test/fixtures/small_region.sql
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie, budget, reden_wijziging) VALUES
    ('0840', 'T90', 'C', '2012-01-01', '10000001', '45', '45A12', '2023-02-01', '2023-06-30', 3, '04', '2', NULL, NULL);
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder,
                                  productcategorie, productcode, begindatum, einddatum,
                                  volume, eenheid, bedrag) VALUES
    ('0840', 'T90', 'C', '10000001', '45', '45A12', '2023-02-01', '2023-06-30', 60, '04', 3600);
-- requests (section 9) in both gemeenten: one answered, one still waiting each
INSERT INTO jeugdnorm.verzoek (gemeente, verzoeknummer, client_id, aanbieder, productcategorie, productcode,
                               ontvangen, antwoord, antwoord_datum, toewijzingnummer) VALUES
    ('0758', 'V1', 'A', '10000001', '45', '45A12', '2024-02-01', 'toegewezen', '2024-02-20', 'T03'),
    ('0758', 'V2', 'A', '10000001', '45', '45A12', '2025-05-01', NULL, NULL, NULL),
    ('0840', 'V3', 'C', '10000001', '45', '45A12', '2023-01-10', 'toegewezen', '2023-01-25', 'T90'),
    ('0840', 'V4', 'C', '10000001', '45', '45A12', '2025-06-01', NULL, NULL, NULL);
-- money and capacity (0.3.0): a plek allocation of 0758 (one path more there; none in
-- 0840, whose hand-computed figures below stay as they are) and budget ceilings of each
-- gemeente and of the region, so that plek_capacity and budget_uitnutting have rows
INSERT INTO jeugdnorm.product (productcategorie, productcode, omschrijving, productgroep, financieringsvorm, segment, tarief)
VALUES ('43', '43P01', 'Verblijf plek', 'Verblijf', 'plek', 'Verblijf', 200);
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie, budget, reden_wijziging) VALUES
    ('0758', 'T91', 'A', '2010-05-01', '10000001', '43', '43P01', '2024-01-01', '2024-03-31', 1, '14', '1', NULL, NULL);
INSERT INTO jeugdnorm.budgetplafond (plafond_id, jaar, gemeente, aanbieder, productcode, plafond, donut_hole_pct) VALUES
    ('B0758', 2024, '0758', '10000001', NULL, 10000, NULL),
    ('B0840', 2024, '0840', '10000001', NULL, 10000, NULL),
    ('BREGIO', 2024, NULL, '10000001', NULL, 20000, 5);
SELECT count(*) AS mvs FROM jeugdnorm.refresh() \gset
SELECT count(*) AS roles FROM jeugdnorm.create_roles() \gset

CREATE ROLE jn_ten_grp NOLOGIN;
CREATE ROLE jn_ten_all NOLOGIN IN ROLE jeugdnorm_reader;
CREATE ROLE jn_ten_ab NOLOGIN IN ROLE jeugdnorm_reader, jn_ten_grp;
CREATE ROLE jn_ten_a NOLOGIN IN ROLE jeugdnorm_reader;
CREATE ROLE jn_ten_b NOLOGIN IN ROLE jeugdnorm_reader;
CREATE ROLE jn_ten_none NOLOGIN IN ROLE jeugdnorm_reader;
INSERT INTO jeugdnorm.access (role_name, gemeente) VALUES
    ('jn_ten_all', '*'), ('jn_ten_ab', '0758'), ('jn_ten_grp', '0840'),
    ('jn_ten_a', '0758'), ('jn_ten_b', '0840'),
    ('jn_ten_gone', '0840');   -- a role that does not exist: ignored

-- The views under test: every plain view of schema jeugdnorm.
CREATE TEMP TABLE jn_views AS
SELECT c.relname::text AS v
  FROM pg_class c
 WHERE c.relnamespace = 'jeugdnorm'::regnamespace AND c.relkind = 'v';
GRANT SELECT ON jn_views TO PUBLIC;

-- snapshot every view into snap_<tag>_<view>, as the current role
CREATE FUNCTION pg_temp.jn_snap(tag text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    r record;
    n bigint := 0;
BEGIN
    FOR r IN SELECT v FROM pg_temp.jn_views LOOP
        EXECUTE format('CREATE TEMP TABLE %I AS SELECT * FROM jeugdnorm.%I', 'snap_' || tag || '_' || r.v, r.v);
        n := n + 1;
    END LOOP;
    RETURN n;
END $$;
-- rows in one snapshot table but not the other, both ways (EXCEPT ALL)
CREATE FUNCTION pg_temp.jn_diff(t1 text, t2 text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM ((TABLE %1$I EXCEPT ALL TABLE %2$I) UNION ALL (TABLE %2$I EXCEPT ALL TABLE %1$I)) d',
                   t1, t2) INTO n;
    RETURN n;
END $$;
CREATE FUNCTION pg_temp.jn_rows(t text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM %I', t) INTO n;
    RETURN n;
END $$;

SELECT pg_temp.jn_snap('sup') AS views \gset
SET LOCAL ROLE jn_ten_all;
SELECT pg_temp.jn_snap('all');
RESET ROLE;
SET LOCAL ROLE jn_ten_ab;
SELECT pg_temp.jn_snap('ab');
RESET ROLE;
SET LOCAL ROLE jn_ten_a;
SELECT pg_temp.jn_snap('a');
RESET ROLE;
SET LOCAL ROLE jn_ten_b;
SELECT pg_temp.jn_snap('b');
RESET ROLE;
SET LOCAL ROLE jn_ten_none;
SELECT pg_temp.jn_snap('none');
RESET ROLE;

SELECT cmp_ok(:views::integer, '>=', 15, 'every plain view of jeugdnorm is snapshotted (at least the 10 facts, 4 dimensions and column_dictionary)');
SELECT is((SELECT array_agg(v ORDER BY v) FROM jn_views WHERE pg_temp.jn_rows('snap_sup_' || v) = 0),
          NULL, 'as superuser every view has rows on this region (so the comparisons below compare something)');

-- ---- '*' and the union of all gemeenten see exactly what the superuser sees -----------------
SELECT is((SELECT array_agg(v ORDER BY v) FROM jn_views WHERE pg_temp.jn_diff('snap_sup_' || v, 'snap_all_' || v) > 0),
          NULL, 'a reader of ''*'' sees exactly what the superuser sees, in every view');
-- (data_status names the caller's gemeenten: '*' for the superuser, '0758, 0840' here)
SELECT is((SELECT array_agg(v ORDER BY v) FROM jn_views
            WHERE v <> 'data_status' AND pg_temp.jn_diff('snap_sup_' || v, 'snap_ab_' || v) > 0),
          NULL, 'a reader of 0758 (own row) and 0840 (through a group role) sees what the superuser sees');

-- ---- no access rows: nothing ----------------------------------------------------------------
SELECT is((SELECT array_agg(v ORDER BY v) FROM jn_views
            WHERE v NOT LIKE 'dim\_%' AND v NOT IN ('column_dictionary', 'data_quality', 'data_status')
              AND pg_temp.jn_rows('snap_none_' || v) > 0),
          NULL, 'a reader without access rows sees no rows in any fact view');
-- data_status keeps its one row: it says why the views are empty
SELECT results_eq($$ SELECT visible_gemeenten, allocations, claim_lines FROM snap_none_data_status $$,
                  $$ VALUES (''::text, 0::bigint, 0::bigint) $$,
                  'without access: data_status shows no visible gemeenten and no rows (the "Power BI shows nothing" answer)');
-- data_quality keeps a row per signal, zeros kept ([S1]): without access, all zero
SELECT is((SELECT count(*) FROM snap_none_data_quality), 13::bigint,
          'without access: data_quality still lists its 13 signals');
SELECT is((SELECT count(*) FROM snap_none_data_quality WHERE rows <> 0 OR amount IS NOT NULL OR example IS NOT NULL),
          0::bigint, 'without access: every data_quality signal counts 0 rows, no amount, no example');
SELECT is(ARRAY(SELECT gemeente FROM snap_none_dim_gemeente ORDER BY gemeente), '{-1}',
          'without access: dim_gemeente holds only the onbekend member');
SELECT is(ARRAY(SELECT product FROM snap_none_dim_product ORDER BY product),
          ARRAY(SELECT productcode FROM jeugdnorm.product UNION SELECT '-1' ORDER BY 1),
          'without access: dim_product holds the catalogue codes and onbekend, no key taken from data');
SELECT is(ARRAY(SELECT aanbieder FROM snap_none_dim_aanbieder ORDER BY aanbieder),
          ARRAY(SELECT aanbieder FROM jeugdnorm.aanbieder UNION SELECT '-1' ORDER BY 1),
          'without access: dim_aanbieder holds the register and onbekend');
SELECT is((SELECT (count(*), min(datum) FILTER (WHERE datum > '1900-01-01'), max(datum))::text FROM snap_none_dim_datum),
          '(1097,2023-01-01,2025-12-31)',
          'without access: dim_datum covers the window''s years 2023..2025 (365+366+365 days) and 1900-01-01');
SELECT is(pg_temp.jn_diff('snap_sup_column_dictionary', 'snap_none_column_dictionary'), 0::bigint,
          'column_dictionary is the same for every role');

-- ---- reader of 0758: its rows, none of 0840 --------------------------------------------------
SELECT is((SELECT count(*) FROM ((SELECT * FROM snap_a_care_paths
                                  EXCEPT ALL SELECT * FROM snap_sup_care_paths WHERE gemeente = '0758')
                                 UNION ALL
                                 (SELECT * FROM snap_sup_care_paths WHERE gemeente = '0758'
                                  EXCEPT ALL SELECT * FROM snap_a_care_paths)) d),
          0::bigint, 'reader of 0758: care_paths = the superuser''s paths of gemeente 0758');
SELECT is((SELECT count(*) FROM snap_a_care_paths), 10::bigint,
          'reader of 0758: 10 paths (all but client C''s; the path of T01+T02 is 0758''s by its first allocation; T91''s plek path)');
SELECT is((SELECT count(*) FROM ((SELECT * FROM snap_a_allocation_follow_up
                                  EXCEPT ALL SELECT * FROM snap_sup_allocation_follow_up WHERE gemeente = '0758')
                                 UNION ALL
                                 (SELECT * FROM snap_sup_allocation_follow_up WHERE gemeente = '0758'
                                  EXCEPT ALL SELECT * FROM snap_a_allocation_follow_up)) d),
          0::bigint, 'reader of 0758: allocation_follow_up = the superuser''s allocations of gemeente 0758');
SELECT is(ARRAY(SELECT DISTINCT gemeente FROM snap_a_allocation_follow_up ORDER BY 1), '{0758}',
          'reader of 0758: no allocation of 0840');
SELECT is(ARRAY(SELECT gemeente FROM snap_a_dim_gemeente ORDER BY 1), '{-1,0758}',
          'reader of 0758: dim_gemeente = 0758 and onbekend');
SELECT is((SELECT array_agg(v ORDER BY v) FROM jn_views
            WHERE v IN ('care_paths', 'allocation_follow_up', 'product_spread', 'product_histogram',
                        'norm_deviation', 'top_paths', 'flow', 'follow_up_rates', 'realisation',
                        'cost_overview', 'dim_gemeente')
              AND pg_temp.jn_diff('snap_sup_' || v, 'snap_a_' || v) = 0),
          NULL, 'reader of 0758: every fact view and dim_gemeente differ from the superuser''s (0840 counts there)');

-- Aggregates over exactly 0758's rows, recomputed in plain SQL as superuser
-- from the materialised rows / cleaned inputs filtered by gemeente.
SELECT set_eq(
    $$SELECT product, measure, n, mean, median, min, max FROM snap_a_product_spread$$,
    $$SELECT p.product, m.measure, count(m.value)::bigint AS n, avg(m.value)::numeric(18,6) AS mean,
             (percentile_cont(0.5) WITHIN GROUP (ORDER BY m.value::float8))::numeric(18,6) AS median,
             min(m.value)::numeric(18,6) AS min, max(m.value)::numeric(18,6) AS max
        FROM jeugdnorm_internal.mv_care_paths p
       CROSS JOIN LATERAL (VALUES ('volume', p.volume::numeric), ('doorlooptijd', p.months_levering::numeric),
                                  ('frequentie', p.frequentie_per_week::numeric)) m (measure, value)
       WHERE p.completed AND p.in_window AND p.gemeente = '0758'
       GROUP BY p.product, m.measure$$,
    'reader of 0758: product_spread n, mean, median, min, max over 0758''s completed in-window paths');
SELECT set_eq(
    $$SELECT product, measure, sum(paths)::bigint AS paths FROM snap_a_product_histogram GROUP BY 1, 2$$,
    $$SELECT product, 'volume' AS measure, count(*) AS paths FROM jeugdnorm_internal.mv_care_paths
       WHERE completed AND in_window AND gemeente = '0758' AND unit = 'uur' AND volume >= 0 GROUP BY 1
      UNION ALL
      SELECT product, 'doorlooptijd', count(*) FROM jeugdnorm_internal.mv_care_paths
       WHERE completed AND in_window AND gemeente = '0758' AND months_levering > 0 GROUP BY 1$$,
    'reader of 0758: product_histogram counts 0758''s paths per product and measure');
SELECT set_eq(
    $$SELECT product, paths, paths_with_norm FROM snap_a_norm_deviation WHERE is_total$$,
    $$SELECT product, count(*) AS paths, count(norm_id) AS with_norm FROM jeugdnorm_internal.mv_care_paths
       WHERE completed AND in_window AND gemeente = '0758' GROUP BY 1$$,
    'reader of 0758: norm_deviation totals count 0758''s paths');
SELECT set_eq(
    $$SELECT productgroep, path, paths, completed_paths, clients FROM snap_a_top_paths$$,
    $$SELECT productgroep, path, count(*) AS paths, count(*) FILTER (WHERE completed) AS completed_paths,
             count(DISTINCT client_id) AS clients
        FROM jeugdnorm_internal.mv_group_paths WHERE in_window AND gemeente = '0758' GROUP BY 1, 2$$,
    'reader of 0758: top_paths counts 0758''s group paths');
SELECT set_eq(
    $$SELECT productgroep, sum(instroom)::bigint AS instroom, sum(uitstroom)::bigint AS uitstroom FROM snap_a_flow GROUP BY 1$$,
    $$SELECT g.productgroep,
             count(*) FILTER (WHERE g.start BETWEEN f.lo AND f.hi) AS instroom,
             count(*) FILTER (WHERE g.einde BETWEEN f.lo AND f.hi) AS uitstroom
        FROM jeugdnorm_internal.mv_group_paths g
       CROSS JOIN (SELECT min(period_start) AS lo, max(period_end) AS hi FROM snap_sup_flow) f
       WHERE g.gemeente = '0758' GROUP BY 1$$,
    'reader of 0758: flow instroom and uitstroom over all quarters = 0758''s group paths starting / ending in them');
SELECT set_eq(
    $$SELECT financieringsvorm, product, year, allocations, verlengingen, recidives, eerste, nieuw FROM snap_a_follow_up_rates$$,
    $$SELECT f.financieringsvorm, f.product, date_part('year', f.ingangsdatum)::integer AS year,
             count(*) AS allocations,
             count(*) FILTER (WHERE f.follow_up = 'verlenging') AS verlengingen,
             count(*) FILTER (WHERE f.follow_up = 'recidive') AS recidives,
             count(*) FILTER (WHERE f.follow_up = 'eerste') AS eerste,
             count(*) FILTER (WHERE f.follow_up = 'nieuw') AS nieuw
        FROM jeugdnorm_internal.mv_allocation_follow_up f, jeugdnorm_internal.settings s
       WHERE f.gemeente = '0758' AND f.ingangsdatum BETWEEN s.window_start AND s.peildatum
       GROUP BY 1, 2, 3$$,
    'reader of 0758: follow_up_rates counts 0758''s allocations');
SELECT set_eq(
    $$SELECT product, year, allocations, claim_lines, claimed_amount FROM snap_a_realisation$$,
    $$WITH a AS (SELECT a.product, w.year FROM jeugdnorm_internal.allocations a
                   JOIN jeugdnorm_internal.year_windows w
                     ON a.ingangsdatum <= w.window_end AND (a.einddatum IS NULL OR a.einddatum >= w.window_start)
                  WHERE a.gemeente = '0758'),
          c AS (SELECT c.product, w.year,
                       c.bedrag * jeugdnorm.overlap_share(c.begindatum, c.einddatum, w.window_start, w.window_end) AS amount
                  FROM jeugdnorm_internal.claims c
                  JOIN jeugdnorm_internal.year_windows w
                    ON c.begindatum <= w.window_end AND c.einddatum >= w.window_start
                 WHERE c.gemeente = '0758')
      SELECT product, year, sum(n_a)::bigint AS allocations, sum(n_c)::bigint AS claim_lines,
             sum(amount)::numeric(14,2) AS claimed_amount
        FROM (SELECT product, year, 1 AS n_a, 0 AS n_c, 0 AS amount FROM a
              UNION ALL SELECT product, year, 0, 1, amount FROM c) x
       GROUP BY 1, 2$$,
    'reader of 0758: realisation counts 0758''s allocations and claim lines and sums their claimed amounts (one provider type per product here)');
SELECT set_eq(
    $$SELECT segment, year, cost, claim_lines FROM snap_a_cost_overview$$,
    $$SELECT p.segment, w.year,
             sum(c.bedrag * jeugdnorm.overlap_share(c.begindatum, c.einddatum, w.window_start, w.window_end))::numeric(14,2) AS cost,
             count(*) AS claim_lines
        FROM jeugdnorm_internal.claims c
        JOIN jeugdnorm_internal.year_windows w ON c.begindatum <= w.window_end AND c.einddatum >= w.window_start
        LEFT JOIN jeugdnorm.product p
          ON p.productcategorie = c.claim_productcategorie AND p.productcode = c.claim_productcode
       WHERE c.gemeente = '0758' GROUP BY 1, 2$$,
    'reader of 0758: cost_overview sums 0758''s claim lines');

-- ---- reader of 0840: hand-computed ----------------------------------------------------------
-- Client C's path: T90 2023-02-01..2023-06-30, one claim line of 60 uur over
-- 150 days: months_levering 150 / 30.4375 = 4.928131, frequentie 60 / (150/7) = 2.8.
SELECT results_eq(
    $$SELECT client_id, product, path_no, gemeente, start, einde, allocations, days_levering,
             months_levering, volume, frequentie_per_week, completed FROM snap_b_care_paths$$,
    $$VALUES ('C', '45A12', 1, '0840', '2023-02-01'::date, '2023-06-30'::date, 1::bigint, 150,
              4.928131::numeric(18,6), 60::numeric(18,6), 2.8::numeric(18,6), true)$$,
    'reader of 0840: one care path, client C''s (T02 belongs to A''s path of 0758)');
SELECT results_eq(
    $$SELECT gemeente, toewijzingnummer, gap_days, follow_up FROM snap_b_allocation_follow_up$$,
    $$VALUES ('0840', 'T02', 1, 'verlenging'), ('0840', 'T90', NULL::integer, 'eerste')$$,
    'reader of 0840: allocations T02 (classified on the client''s whole history) and T90');
SELECT results_eq(
    $$SELECT product, measure, n, mean, min, max FROM snap_b_product_spread$$,
    $$VALUES ('45A12', 'doorlooptijd', 1::bigint, 4.928131::numeric(18,6), 4.928131::numeric(18,6), 4.928131::numeric(18,6)),
             ('45A12', 'frequentie', 1::bigint, 2.8::numeric(18,6), 2.8::numeric(18,6), 2.8::numeric(18,6)),
             ('45A12', 'volume', 1::bigint, 60::numeric(18,6), 60::numeric(18,6), 60::numeric(18,6))$$,
    'reader of 0840: product_spread of the one path');
SELECT results_eq(
    $$SELECT product, aanbieder, paths, share_above_volume, share_above_doorlooptijd, share_above_frequentie, is_total
        FROM snap_b_norm_deviation$$,
    $$VALUES ('45A12', NULL, 1::bigint, 0::numeric(18,6), 0::numeric(18,6), 0::numeric(18,6), true),
             ('45A12', '10000001', 1::bigint, 0::numeric(18,6), 0::numeric(18,6), 0::numeric(18,6), false)$$,
    'reader of 0840: norm_deviation of the one path (norm v1: 100 uur, 12 months, 3 per week; none exceeded)');
SELECT results_eq(
    $$SELECT productgroep, path, paths, share, rank, completed_paths, clients FROM snap_b_top_paths$$,
    $$VALUES ('Ambulant', 'midden', 1::bigint, 1::numeric(18,6), 1, 1::bigint, 1::bigint)$$,
    'reader of 0840: top_paths holds C''s group path only');
SELECT results_eq(
    $$SELECT productgroep, period_start, in_care_start, instroom, uitstroom, in_care_end FROM snap_b_flow
       WHERE instroom + uitstroom + in_care_start + in_care_end > 0$$,
    $$VALUES ('Ambulant', '2023-01-01'::date, 0::bigint, 1::bigint, 0::bigint, 1::bigint),
             ('Ambulant', '2023-04-01'::date, 1::bigint, 0::bigint, 1::bigint, 0::bigint)$$,
    'reader of 0840: flow has C''s path: in in Q1 2023, out in Q2 2023');
SELECT is((SELECT array_agg(DISTINCT productgroep) FROM snap_b_flow), '{Ambulant}',
          'reader of 0840: flow lists only the productgroep of its paths');
SELECT results_eq(
    $$SELECT financieringsvorm, product, year, allocations, verlengingen, share_verlenging, eerste
        FROM snap_b_follow_up_rates$$,
    $$VALUES ('inspanning', '45A12', 2023, 2::bigint, 1::bigint, 0.5::numeric(18,6), 1::bigint)$$,
    'reader of 0840: follow_up_rates over T02 and T90');
SELECT results_eq(
    $$SELECT product, aanbieder_type, year, allocated_volume, claimed_volume, claimed_amount, allocations, claim_lines
        FROM snap_b_realisation$$,
    $$VALUES ('45A12', 'regulier', 2023,
              (jeugdnorm.allocated_volume('2023-04-01', '2023-09-30', 2, '2', '2023-01-01', '2023-12-31')
               + jeugdnorm.allocated_volume('2023-02-01', '2023-06-30', 3, '2', '2023-01-01', '2023-12-31'))::numeric(18,6),
              110::numeric(18,6), 6600::numeric(14,2), 2::bigint, 2::bigint)$$,
    'reader of 0840: realisation of T02 and T90 (claims 50 + 60 uur, 3000 + 3600 euro)');
SELECT results_eq(
    $$SELECT segment, year, cost, cost_nga, share_nga, clients, claim_lines, claim_lines_nga FROM snap_b_cost_overview$$,
    $$VALUES ('Jeugdhulp ambulant', 2023, 6600::numeric(14,2), 6600::numeric(14,2), 1::numeric(18,6),
              2::bigint, 2::bigint, 2::bigint)$$,
    'reader of 0840: cost_overview of its two claim lines, both NGA (0840 has no contract)');
SELECT is(ARRAY(SELECT gemeente FROM snap_b_dim_gemeente ORDER BY 1), '{-1,0840}',
          'reader of 0840: dim_gemeente = 0840 and onbekend');

-- ---- the functions behind it -------------------------------------------------------------------
SET LOCAL ROLE jn_ten_ab;
SELECT is(ARRAY(SELECT gemeente FROM jeugdnorm.dim_gemeente ORDER BY 1), '{-1,0758,0840}',
          'a role sees the gemeenten of the roles it is a member of');
RESET ROLE;
SELECT is(jeugdnorm_internal.gemeenten_of('jn_ten_ab'::regrole), '{0758,0840}',
          'gemeenten_of: own rows and the group role''s rows');
SELECT is(jeugdnorm_internal.gemeenten_of('postgres'::regrole), '{*}',
          'gemeenten_of: a superuser sees all');
SELECT throws_ok($$INSERT INTO jeugdnorm.access VALUES ('x', '758')$$, '23514', NULL,
                 'access.gemeente is a 4-digit code or *');

SELECT * FROM finish();
ROLLBACK;
