-- security_money_tenancy.sql -- tenancy of the money and capacity views
-- (62_money_capacity.sql) and inputs (88_money_tenancy.sql).
--
-- Region: gemeenten 0758 and 0840, each with a plek allocation (provider
-- 10000001, product 43P01) with claims, a traject allocation (54T01) with a
-- claim, population rows and a ceiling of its own; a region-wide ceiling for
-- 10000001.  Roles: jn_mt_a (0758), jn_mt_b (0840), jn_mt_none (no rows).
--   * A reader of one gemeente sees only its own rows in every new view, and
--     the region rows (gemeente NULL) and the region-wide ceiling computed
--     over its own gemeente only: there they equal its own row.
--   * A role without access sees no rows at all.
--   * A cheap leaky function in the caller's WHERE (COST 0.0000001, so the
--     planner would like to run it first) sees, in every column of every new
--     view, only values the role may see: the views are security barriers.
--   * The inputs: RLS lets a loader of 0758 read and write only 0758's
--     population and capacity rows and ceilings; it reads the region-wide
--     ceiling but may not write one.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(24);
\o /dev/null
INSERT INTO jeugdnorm.product (productcategorie, productcode, omschrijving, productgroep, financieringsvorm, segment,
                               tarief, standaard_doorlooptijd_maanden) VALUES
    ('43', '43P01', 'plek', 'Verblijf', 'plek', 'Verblijf', 200, NULL),
    ('54', '54T01', 'traject', 'GGZ', 'traject', 'GGZ', 3000, 6);
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie, budget) VALUES
    ('0758', 'P1', 'A', '2015-01-01', '10000001', '43', '43P01', '2024-01-01', '2024-06-30', 1, '14', '1', NULL),
    ('0840', 'P2', 'B', '2015-01-01', '10000001', '43', '43P01', '2024-03-01', '2024-12-31', 1, '14', '1', NULL),
    ('0840', 'P3', 'C', '2015-01-01', '10000001', '43', '43P01', '2024-03-01', '2024-04-30', 1, '14', '1', NULL),
    ('0758', 'R1', 'A', '2015-01-01', '20000002', '54', '54T01', '2024-01-01', '2024-05-31', 1, '82', '6', NULL),
    ('0840', 'R2', 'B', '2015-01-01', '20000002', '54', '54T01', '2024-02-01', '2024-07-31', 1, '82', '6', NULL);
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  begindatum, einddatum, volume, eenheid, bedrag) VALUES
    ('0758', 'P1', 'A', '10000001', '43', '43P01', '2024-01-01', '2024-06-30', 182, '14', 36400),
    ('0840', 'P2', 'B', '10000001', '43', '43P01', '2024-03-01', '2024-12-31', 306, '14', 61200),
    ('0840', 'P3', 'C', '10000001', '43', '43P01', '2024-03-01', '2024-04-30', 61, '14', 12200),
    ('0758', 'R1', 'A', '20000002', '54', '54T01', '2024-01-01', '2024-05-31', 1, '82', 3000),
    ('0840', 'R2', 'B', '20000002', '54', '54T01', '2024-02-01', '2024-07-31', 1, '82', 2500);
INSERT INTO jeugdnorm.contract (gemeente, aanbieder, productcode, geldig_van, geldig_tot) VALUES
    ('0758', '10000001', '43P01', '2020-01-01', NULL);
INSERT INTO jeugdnorm.gemeente_jaar VALUES ('0758', 2024, 1000, 100000), ('0840', 2024, 3000, 900000);
INSERT INTO jeugdnorm.capaciteit VALUES ('0758', '10000001', '43P01', '2024-01-01', NULL, 1),
                                        ('0840', '10000001', '43P01', '2024-01-01', NULL, 2);
INSERT INTO jeugdnorm.budgetplafond VALUES ('B0758', 2024, '0758', '10000001', NULL, 40000, NULL),
                                           ('B0840', 2024, '0840', '10000001', NULL, 70000, NULL),
                                           ('BREGIO', 2024, NULL, '10000001', NULL, 100000, 10);
UPDATE jeugdnorm.settings SET window_start = '2024-01-01', peildatum = '2024-12-31';
SELECT * FROM jeugdnorm.refresh();
SELECT * FROM jeugdnorm.create_roles();
CREATE ROLE jn_mt_a NOLOGIN IN ROLE jeugdnorm_reader, jeugdnorm_loader;
CREATE ROLE jn_mt_b NOLOGIN IN ROLE jeugdnorm_reader;
CREATE ROLE jn_mt_none NOLOGIN IN ROLE jeugdnorm_reader;
INSERT INTO jeugdnorm.access (role_name, gemeente) VALUES ('jn_mt_a', '0758'), ('jn_mt_b', '0840');

-- the six views and a snapshot of each, per role, in temp tables
CREATE TEMP TABLE mviews (v text);
INSERT INTO mviews VALUES ('yearly_kpi'), ('providers_per_month'), ('plek_capacity'), ('cost_forecast'),
                          ('budget_uitnutting'), ('traject_realisation');
GRANT SELECT ON mviews TO PUBLIC;
CREATE FUNCTION pg_temp.snap(tag text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
    FOR r IN SELECT v FROM pg_temp.mviews LOOP
        EXECUTE format('CREATE TEMP TABLE %I AS SELECT * FROM jeugdnorm.%I', tag || '_' || r.v, r.v);
    END LOOP;
END $$;
SELECT pg_temp.snap('sup');
SET LOCAL ROLE jn_mt_a;
SELECT pg_temp.snap('a');
RESET ROLE;
SET LOCAL ROLE jn_mt_b;
SELECT pg_temp.snap('b');
RESET ROLE;
SET LOCAL ROLE jn_mt_none;
SELECT pg_temp.snap('none');
RESET ROLE;
\o

-- ---- every view has rows for the superuser; none for a role without access -----------------------------
SELECT is((SELECT count(*) FROM sup_yearly_kpi) > 0 AND (SELECT count(*) FROM sup_providers_per_month) > 0
          AND (SELECT count(*) FROM sup_plek_capacity) > 0 AND (SELECT count(*) FROM sup_cost_forecast) > 0
          AND (SELECT count(*) FROM sup_budget_uitnutting) > 0 AND (SELECT count(*) FROM sup_traject_realisation) > 0,
          true, 'as superuser all six views have rows on this region');
SELECT is((SELECT count(*) FROM none_yearly_kpi) + (SELECT count(*) FROM none_providers_per_month)
          + (SELECT count(*) FROM none_plek_capacity) + (SELECT count(*) FROM none_cost_forecast)
          + (SELECT count(*) FROM none_budget_uitnutting) + (SELECT count(*) FROM none_traject_realisation),
          0::bigint, 'a role without access rows sees no row in any of them (no region rows, no region-wide ceiling)');

-- ---- reader of 0758 -----------------------------------------------------------------------------
SELECT is(ARRAY(SELECT DISTINCT coalesce(gemeente, 'regio') FROM a_yearly_kpi ORDER BY 1), '{0758,regio}',
          'reader of 0758: yearly_kpi rows of 0758 and the region only');
SELECT is_empty($$SELECT clients, allocations, aanbieders, clients_claimed, cost, cost_per_client, mean_months_levering,
                         jeugdigen, inkomsten, clients_per_1000_jeugdigen, cost_per_jeugdige, cost_share_of_inkomsten
                    FROM a_yearly_kpi WHERE gemeente IS NULL
                  EXCEPT
                  SELECT clients, allocations, aanbieders, clients_claimed, cost, cost_per_client, mean_months_levering,
                         jeugdigen, inkomsten, clients_per_1000_jeugdigen, cost_per_jeugdige, cost_share_of_inkomsten
                    FROM a_yearly_kpi WHERE gemeente = '0758'$$,
                'reader of 0758: its region row is computed over 0758 alone (equals its own row; 0840''s population not summed)');
SELECT results_eq($$SELECT clients, cost, jeugdigen FROM sup_yearly_kpi WHERE gemeente IS NULL$$,
                  $$VALUES (3::bigint, 115300.00::numeric(14,2), 4000::bigint)$$,
                  'the superuser''s region row counts both gemeenten (clients A, B, C; 36,400 + 61,200 + 12,200 + 3,000 + 2,500)');
SELECT is(ARRAY(SELECT DISTINCT coalesce(gemeente, 'regio') FROM a_providers_per_month ORDER BY 1), '{0758,regio}',
          'reader of 0758: providers_per_month rows of 0758 and the region only');
SELECT is_empty($$SELECT month_start, aanbieders, aanbieders_contracted, aanbieders_nga FROM a_providers_per_month WHERE gemeente IS NULL
                  EXCEPT
                  SELECT month_start, aanbieders, aanbieders_contracted, aanbieders_nga FROM a_providers_per_month WHERE gemeente = '0758'$$,
                'reader of 0758: its region rows in providers_per_month equal 0758''s');
SELECT is(ARRAY(SELECT DISTINCT gemeente FROM a_plek_capacity), '{0758}', 'reader of 0758: plek_capacity of 0758 only');
SELECT set_eq($$SELECT * FROM a_plek_capacity$$, $$SELECT * FROM sup_plek_capacity WHERE gemeente = '0758'$$,
              'reader of 0758: plek_capacity = the superuser''s rows of 0758');
SELECT set_eq($$SELECT * FROM a_traject_realisation$$, $$SELECT * FROM sup_traject_realisation WHERE gemeente = '0758'$$,
              'reader of 0758: traject_realisation = the superuser''s rows of 0758');
-- cost_forecast over 0758 alone: Verblijf 36,400 and GGZ 3,000 in 2024
SELECT results_eq($$SELECT segment, year, cost_to_date FROM a_cost_forecast ORDER BY segment$$,
                  $$VALUES ('GGZ', 2024, 3000.00::numeric(14,2)), ('Verblijf', 2024, 36400.00::numeric(14,2))$$,
                  'reader of 0758: cost_forecast over 0758''s claim lines only');
-- ceilings: B0758 (36,400 / 40,000) and the region-wide one over 0758's lines only (36,400 / 100,000)
SELECT results_eq($$SELECT plafond_id, gemeente, cost_to_date, signal FROM a_budget_uitnutting ORDER BY plafond_id$$,
                  $$VALUES ('B0758', '0758', 36400.00::numeric(14,2), 'op koers'),
                           ('BREGIO', NULL, 36400.00::numeric(14,2), 'onderbenutting')$$,
                  'reader of 0758: its ceiling and the region-wide one, computed over 0758''s claim lines; not 0840''s');
SELECT results_eq($$SELECT plafond_id, cost_to_date, signal FROM sup_budget_uitnutting WHERE plafond_id = 'BREGIO'$$,
                  $$VALUES ('BREGIO', 109800.00::numeric(14,2), 'overschrijding')$$,
                  'the superuser''s region-wide ceiling counts both gemeenten (36,400 + 61,200 + 12,200)');

-- ---- reader of 0840 -------------------------------------------------------------------------------
SELECT is(ARRAY(SELECT DISTINCT coalesce(gemeente, 'regio') FROM b_yearly_kpi ORDER BY 1), '{0840,regio}',
          'reader of 0840: yearly_kpi rows of 0840 and the region only');
SELECT is(ARRAY(SELECT plafond_id FROM b_budget_uitnutting ORDER BY 1), '{B0840,BREGIO}',
          'reader of 0840: its ceiling and the region-wide one');
SELECT is(ARRAY(SELECT DISTINCT gemeente FROM b_traject_realisation UNION SELECT DISTINCT gemeente FROM b_plek_capacity),
          '{0840}', 'reader of 0840: traject_realisation and plek_capacity of 0840 only');

-- ---- leaky functions -------------------------------------------------------------------------------
-- jn_leak records every value it is called with; jn_seen what the role may see.
CREATE TABLE public.jn_leaked (v text, c text, x text);
CREATE TABLE public.jn_seen (v text, c text, x text);
GRANT INSERT, SELECT ON public.jn_leaked, public.jn_seen TO PUBLIC;
CREATE FUNCTION public.jn_leak(v text, c text, x text) RETURNS boolean
    LANGUAGE plpgsql VOLATILE COST 0.0000001
AS $$ BEGIN INSERT INTO public.jn_leaked VALUES (v, c, x); RETURN true; END $$;
CREATE FUNCTION pg_temp.probe() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE r record; n bigint := 0;
BEGIN
    FOR r IN SELECT a.attrelid::regclass::text AS rel, c.relname::text AS v, a.attname::text AS col
               FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
              WHERE c.relnamespace = 'jeugdnorm'::regnamespace AND c.relname IN (SELECT m.v FROM pg_temp.mviews m)
                AND a.attnum > 0 AND NOT a.attisdropped LOOP
        EXECUTE format('SELECT count(*) FROM %s WHERE public.jn_leak(%L, %L, %I::text)', r.rel, r.v, r.col, r.col);
        EXECUTE format('INSERT INTO public.jn_seen SELECT %L, %L, %I::text FROM %s', r.v, r.col, r.col, r.rel);
        n := n + 1;
    END LOOP;
    RETURN n;
END $$;
SET LOCAL ROLE jn_mt_a;
SELECT cmp_ok(pg_temp.probe(), '>=', 70::bigint, 'reader of 0758: every column of the six views probed with a leaky function');
RESET ROLE;
SELECT is_empty($$SELECT v, c, x FROM public.jn_leaked EXCEPT SELECT v, c, x FROM public.jn_seen$$,
                'reader of 0758: the leaky function saw no value outside the rows it may see');
SELECT is((SELECT count(*) FROM public.jn_leaked WHERE x IN ('0840', 'B', 'C', 'B0840', 'R2', 'P2', 'P3')), 0::bigint,
          'reader of 0758: in particular no gemeente, client, allocation or ceiling of 0840');
SELECT cmp_ok((SELECT count(*) FROM public.jn_leaked), '>', 0::bigint, 'the probe did run (values were recorded)');

-- ---- the inputs: RLS -------------------------------------------------------------------------------
SET LOCAL ROLE jn_mt_a;
SELECT is(ARRAY(SELECT gemeente || '/' || jaar FROM jeugdnorm.gemeente_jaar
                UNION ALL SELECT gemeente FROM jeugdnorm.capaciteit
                UNION ALL SELECT coalesce(gemeente, 'regio') || ':' || plafond_id FROM jeugdnorm.budgetplafond ORDER BY 1),
          '{0758,0758/2024,0758:B0758,regio:BREGIO}',
          'loader of 0758 reads its own population, capacity and ceiling rows and the region-wide ceiling');
SELECT throws_ok($$INSERT INTO jeugdnorm.gemeente_jaar VALUES ('0840', 2025, 1, 1)$$, '42501', NULL,
                 'loader of 0758 may not write population rows of 0840');
SELECT throws_ok($$INSERT INTO jeugdnorm.budgetplafond VALUES ('X', 2025, NULL, '10000001', NULL, 1, NULL)$$, '42501', NULL,
                 'loader of 0758 may not write a region-wide ceiling');
UPDATE jeugdnorm.budgetplafond SET plafond = 1 WHERE plafond_id IN ('BREGIO', 'B0840');
RESET ROLE;
SELECT results_eq($$SELECT plafond_id, plafond FROM jeugdnorm.budgetplafond ORDER BY plafond_id$$,
                  $$VALUES ('B0758', 40000::numeric), ('B0840', 70000), ('BREGIO', 100000)$$,
                  'loader of 0758: an UPDATE of the region-wide and 0840''s ceilings changes nothing');

SELECT * FROM finish();
ROLLBACK;
