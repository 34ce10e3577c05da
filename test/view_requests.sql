-- pgTAP: request_lead_time and waiting_list ([S3], 64_requests.sql) on the
-- hand-built requests region (test/fixtures/requests.sql; the full expected
-- output is sql/70_requests):  BI shape (plain views, contract columns in
-- order with their types, comments, column_dictionary), grain and order,
-- the count identities, tenancy by role, unknown codes read as NULL
-- ([R13]) and exact per-week comparisons.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(24);
\i test/fixtures/requests.sql

-- ---- shape -------------------------------------------------------------------------------------
SELECT is((SELECT array_agg(c.relname::text || ':' || c.relkind::text ORDER BY c.relname)
             FROM pg_class c
            WHERE c.relnamespace = 'jeugdnorm'::regnamespace
              AND c.relname IN ('request_lead_time', 'waiting_list')),
    ARRAY['request_lead_time:v', 'waiting_list:v'], 'both are plain views in schema jeugdnorm');

SELECT results_eq(
    $$ SELECT attname::text COLLATE "default", format_type(atttypid, atttypmod) COLLATE "default"
         FROM pg_attribute WHERE attrelid = 'jeugdnorm.request_lead_time'::regclass AND attnum > 0
        ORDER BY attnum LIMIT 12 $$,
    $$ VALUES ('gemeente', 'text'), ('product', 'text'), ('year', 'integer'), ('requests', 'bigint'),
              ('toegewezen', 'bigint'), ('afgewezen', 'bigint'), ('open', 'bigint'),
              ('median_days', 'numeric(18,6)'), ('p90_days', 'numeric(18,6)'),
              ('share_within_8_weeks', 'numeric(18,6)'), ('requests_above_norm', 'bigint'),
              ('allocations_stretched', 'bigint') $$,
    'request_lead_time: the contract columns first, in order, with their BI types');
SELECT results_eq(
    $$ SELECT attname::text COLLATE "default", format_type(atttypid, atttypmod) COLLATE "default"
         FROM pg_attribute WHERE attrelid = 'jeugdnorm.waiting_list'::regclass AND attnum > 0
        ORDER BY attnum LIMIT 5 $$,
    $$ VALUES ('gemeente', 'text'), ('product', 'text'), ('waiting', 'bigint'),
              ('median_days_waiting', 'numeric(18,6)'), ('max_days_waiting', 'integer') $$,
    'waiting_list: the contract columns first, in order, with their BI types');
SELECT is_empty(
    $$ SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'jeugdnorm' AND table_name IN ('request_lead_time', 'waiting_list')
          AND NOT (data_type IN ('integer', 'bigint', 'date', 'text', 'boolean')
                   OR (data_type = 'numeric' AND (numeric_precision, numeric_scale) = (18, 6))) $$,
    'extra columns have BI types too');
SELECT is_empty(
    $$ SELECT view_name, column_name FROM jeugdnorm.column_dictionary
        WHERE view_name IN ('request_lead_time', 'waiting_list')
          AND (coalesce(description, '') = '' OR coalesce(view_description, '') = '') $$,
    'every column and both views have a comment (column_dictionary)');
SELECT is((SELECT count(*) FROM jeugdnorm.column_dictionary
            WHERE view_name IN ('request_lead_time', 'waiting_list')),
    (SELECT count(*) FROM information_schema.columns
      WHERE table_schema = 'jeugdnorm' AND table_name IN ('request_lead_time', 'waiting_list')),
    'column_dictionary lists every column of both views');

-- ---- grain and order ------------------------------------------------------------------------
SELECT is((SELECT count(*) - count(DISTINCT (gemeente, product, year)) FROM jeugdnorm.request_lead_time), 0::bigint,
    'request_lead_time: one row per (gemeente, product, year)');
SELECT is((SELECT count(*) - count(DISTINCT (gemeente, product)) FROM jeugdnorm.waiting_list), 0::bigint,
    'waiting_list: one row per (gemeente, product)');
SELECT ok(pg_get_viewdef('jeugdnorm.request_lead_time'::regclass) ~ 'ORDER BY r\.gemeente, r\.product, r\.year'
      AND pg_get_viewdef('jeugdnorm.waiting_list'::regclass) ~ 'ORDER BY r\.gemeente, r\.product',
    'both views order by their grain');

-- ---- count identities -----------------------------------------------------------------------
SELECT is_empty($$ SELECT * FROM jeugdnorm.request_lead_time WHERE requests <> toegewezen + afgewezen + open $$,
    'requests = toegewezen + afgewezen + open on every row');
SELECT is((SELECT sum(requests) FROM jeugdnorm.request_lead_time),
    (SELECT count(*) FROM jeugdnorm.verzoek WHERE ontvangen BETWEEN '2024-01-01' AND '2025-06-30')::numeric,
    'every request received inside the window is counted once (15 of 17)');
SELECT is((SELECT sum(waiting) FROM jeugdnorm.waiting_list), 4::numeric,
    'waiting: V05, V08 (answer after the peildatum), V09, V12 (before the window); not V13 (after the peildatum)');
SELECT is_empty($$ SELECT * FROM jeugdnorm.request_lead_time
                    WHERE answered_with_date > toegewezen + afgewezen OR within_target > answered_with_date
                       OR allocations_stretched > toegewezen + afgewezen OR requests_above_norm > requests $$,
    'sub-counts never exceed their population');

-- ---- tenancy ---------------------------------------------------------------------------------
SELECT count(*) AS roles FROM jeugdnorm.create_roles() \gset
CREATE ROLE jn_req_all NOLOGIN IN ROLE jeugdnorm_reader;
CREATE ROLE jn_req_0983 NOLOGIN IN ROLE jeugdnorm_reader;
CREATE ROLE jn_req_none NOLOGIN IN ROLE jeugdnorm_reader;
INSERT INTO jeugdnorm.access (role_name, gemeente) VALUES ('jn_req_all', '*'), ('jn_req_0983', '0983');
CREATE TEMP TABLE sup_lead AS SELECT * FROM jeugdnorm.request_lead_time;
CREATE TEMP TABLE sup_wait AS SELECT * FROM jeugdnorm.waiting_list;
GRANT SELECT ON sup_lead, sup_wait TO PUBLIC;
SET LOCAL ROLE jn_req_all;
SELECT is((SELECT count(*) FROM ((TABLE jeugdnorm.request_lead_time EXCEPT ALL TABLE sup_lead)
                                 UNION ALL (TABLE sup_lead EXCEPT ALL TABLE jeugdnorm.request_lead_time)) d),
    0::bigint, 'a reader with access ''*'' reads request_lead_time as the superuser does');
SELECT is((SELECT count(*) FROM ((TABLE jeugdnorm.waiting_list EXCEPT ALL TABLE sup_wait)
                                 UNION ALL (TABLE sup_wait EXCEPT ALL TABLE jeugdnorm.waiting_list)) d),
    0::bigint, '... and waiting_list');
RESET ROLE;
SET LOCAL ROLE jn_req_0983;
SELECT results_eq($$ SELECT gemeente, product, year, requests FROM jeugdnorm.request_lead_time $$,
    $$ VALUES ('0983', '54', 2024, 1::bigint) $$, 'a reader of 0983 sees only the requests of 0983');
SELECT is_empty($$ SELECT * FROM jeugdnorm.waiting_list $$, '... and no waiting request (all of them are 0758''s)');
RESET ROLE;
SET LOCAL ROLE jn_req_none;
SELECT is((SELECT count(*) FROM jeugdnorm.request_lead_time) + (SELECT count(*) FROM jeugdnorm.waiting_list),
    0::bigint, 'a reader without access rows sees no rows (and no error)');
RESET ROLE;

-- ---- exact per-week comparison -----------------------------------------------------------------
-- 100 minuten per dag and 700 minuten per week are the same rate (11 2/3 uur
-- a week); as rounded quotients 100/60 x 7 = 11.6666666666666669 exceeds
-- 700/60 = 11.6666666666666667.  Neither allocation is stretched above
-- its request.  A rate of 101 minuten per dag is.
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, aanbieder, productcategorie, productcode,
                                  ingangsdatum, einddatum, volume, eenheid, frequentie, toewijzingsdatum) VALUES
    ('0758', 'E1', '10000001', '45', '45A12', '2024-06-01', '2024-12-31', 100, '01', '1', '2024-05-20'),
    ('0758', 'E2', '10000001', '45', '45A12', '2024-06-01', '2024-12-31', 700, '01', '2', '2024-05-20'),
    ('0758', 'E3', '10000001', '45', '45A12', '2024-06-01', '2024-12-31', 101, '01', '1', '2024-05-20');
INSERT INTO jeugdnorm.verzoek (gemeente, verzoeknummer, aanbieder, productcategorie, productcode, ontvangen,
                               volume, eenheid, frequentie, antwoord, toewijzingnummer) VALUES
    ('0758', 'E1', '10000001', '45', '45A12', '2024-05-01', 700, '01', '2', 'toegewezen', 'E1'),
    ('0758', 'E2', '10000001', '45', '45A12', '2024-05-01', 100, '01', '1', 'toegewezen', 'E2'),
    ('0758', 'E3', '10000001', '45', '45A12', '2024-05-01', 700, '01', '2', 'toegewezen', 'E3');
SELECT results_eq($$ SELECT verzoeknummer, stretched FROM jeugdnorm_internal.requests
                      WHERE verzoeknummer LIKE 'E%' ORDER BY 1 $$,
    $$ VALUES ('E1', false), ('E2', false), ('E3', true) $$,
    'equal rates in other frequencies are not stretched (exact comparison); 101 min/dag above 700 min/week is');
SELECT results_eq($$ SELECT verzoeknummer, days FROM jeugdnorm_internal.requests
                      WHERE verzoeknummer LIKE 'E%' ORDER BY 1 $$,
    $$ VALUES ('E1', 19), ('E2', 19), ('E3', 19) $$,
    'an answer date from the allocation''s toewijzingsdatum alone (antwoord_datum NULL): 2024-05-01 -> 05-20 = 19 days');

-- ---- the peildatum itself ----------------------------------------------------------------------
-- An answer dated on the peildatum (2025-06-30) counts as given; a request
-- received on the peildatum without an answer waits 0 days.
INSERT INTO jeugdnorm.verzoek (gemeente, verzoeknummer, aanbieder, productcategorie, productcode, ontvangen,
                               antwoord, antwoord_datum) VALUES
    ('0758', 'D1', '10000001', '45', '45A12', '2025-06-02', 'afgewezen', '2025-06-30'),
    ('0758', 'D2', '10000001', '45', '45A12', '2025-06-30', NULL, NULL);
SELECT results_eq($$ SELECT verzoeknummer, status, days, waiting, days_waiting FROM jeugdnorm_internal.requests
                      WHERE verzoeknummer LIKE 'D%' ORDER BY 1 $$,
    $$ VALUES ('D1', 'afgewezen', 28, false, NULL::integer), ('D2', 'open', NULL, true, 0) $$,
    'an answer on the peildatum is given (28 days); a request received on the peildatum waits 0 days');
SELECT results_eq($$ SELECT waiting, max_days_waiting FROM jeugdnorm.waiting_list
                      WHERE gemeente = '0758' AND product = '45A12' $$,
    $$ VALUES (4::bigint, 563) $$, 'waiting_list 0758 45A12: V05 V09 V12 and D2 (0 days); the longest is still V12''s 563');

-- ---- unknown codes read as NULL ([R13]) -----------------------------------------------------------
-- The CHECKs keep unknown codes out of the table; a warehouse that replaces
-- the table by a view could still deliver them.  Simulated by dropping the
-- CHECKs inside this transaction.
ALTER TABLE jeugdnorm.verzoek DROP CONSTRAINT verzoek_eenheid_known,
    DROP CONSTRAINT verzoek_frequentie_known, DROP CONSTRAINT verzoek_antwoord_known,
    DROP CONSTRAINT verzoek_reden_afwijzing_known;
INSERT INTO jeugdnorm.verzoek (gemeente, verzoeknummer, aanbieder, productcategorie, productcode, ontvangen,
                               volume, eenheid, frequentie, antwoord, antwoord_datum, reden_afwijzing) VALUES
    ('0758', 'U1', '10000001', '45', '45A12', '2024-05-01', 500, '99', '6', 'ja', '2024-05-10', '77'),
    ('0758', 'U2', '10000001', '45', '45A12', '2024-05-01', 500, '04', '9', 'afgewezen', '2024-05-10', '12');
SELECT results_eq($$ SELECT verzoeknummer, eenheid, frequentie, antwoord, reden_afwijzing, status, days,
                            above_norm, volume_per_week
                       FROM jeugdnorm_internal.requests WHERE verzoeknummer LIKE 'U%' ORDER BY 1 $$,
    $$ VALUES ('U1', NULL::text, '6', NULL::text, NULL::text, 'open', NULL::integer, false, NULL::numeric),
              ('U2', '04', NULL, 'afgewezen', NULL, 'afgewezen', 9, false, NULL) $$,
    'unknown eenheid, frequentie, antwoord and reden read as NULL: no volume, no norm comparison, antwoord ''ja'' is open');
SELECT lives_ok($$ SELECT * FROM jeugdnorm.request_lead_time; SELECT * FROM jeugdnorm.waiting_list $$,
    'the views do not fail on unknown codes');

SELECT * FROM finish();
ROLLBACK;
