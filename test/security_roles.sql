-- security_roles.sql -- the roles of issue 9, part 2, and row-level security on
-- the input tables: what jeugdnorm_reader, jeugdnorm_loader and
-- jeugdnorm_admin may and may not do.  Roles are created inside the
-- transaction (CREATE ROLE is transactional) and gone at ROLLBACK.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(53);

\i test/fixtures/small_region.sql
SELECT count(*) AS mvs FROM jeugdnorm.refresh() \gset

-- ---- the extension itself creates no roles; create_roles() does, twice ---------------------
SELECT is((SELECT count(*) FROM pg_roles WHERE rolname LIKE 'jeugdnorm\_%'), 0::bigint,
          'CREATE EXTENSION creates no roles');
SELECT results_eq($$SELECT * FROM jeugdnorm.create_roles()$$,
    $$VALUES ('jeugdnorm_reader', true), ('jeugdnorm_loader', true), ('jeugdnorm_admin', true)$$,
    'create_roles() creates the three roles');
CREATE TEMP TABLE acl_1 AS
SELECT c.oid::regclass::text AS obj, c.relacl::text AS acl FROM pg_class c
 WHERE c.relnamespace IN ('jeugdnorm'::regnamespace, 'jeugdnorm_internal'::regnamespace)
UNION ALL
SELECT p.oid::regprocedure::text, p.proacl::text FROM pg_proc p
 WHERE p.pronamespace IN ('jeugdnorm'::regnamespace, 'jeugdnorm_internal'::regnamespace);
SELECT results_eq($$SELECT * FROM jeugdnorm.create_roles()$$,
    $$VALUES ('jeugdnorm_reader', false), ('jeugdnorm_loader', false), ('jeugdnorm_admin', false)$$,
    'a second call: no error, the roles exist');
SELECT is((SELECT count(*) FROM acl_1 a
            JOIN (SELECT c.oid::regclass::text AS obj, c.relacl::text AS acl FROM pg_class c
                   WHERE c.relnamespace IN ('jeugdnorm'::regnamespace, 'jeugdnorm_internal'::regnamespace)
                  UNION ALL
                  SELECT p.oid::regprocedure::text, p.proacl::text FROM pg_proc p
                   WHERE p.pronamespace IN ('jeugdnorm'::regnamespace, 'jeugdnorm_internal'::regnamespace)) b
              ON b.obj = a.obj
           WHERE a.acl IS DISTINCT FROM b.acl), 0::bigint,
          '... and leaves every privilege as the first call set it');
SELECT is((SELECT array_agg(rolname::text ORDER BY rolname) FROM pg_roles
            WHERE rolname LIKE 'jeugdnorm\_%' AND NOT rolcanlogin AND NOT rolsuper AND NOT rolbypassrls
              AND NOT rolcreaterole AND NOT rolcreatedb),
          '{jeugdnorm_admin,jeugdnorm_loader,jeugdnorm_reader}', 'the roles are plain NOLOGIN roles');
SELECT is((SELECT prosecdef FROM pg_proc WHERE oid = 'jeugdnorm.create_roles()'::regprocedure), false,
          'create_roles() is SECURITY INVOKER (the caller needs CREATEROLE)');
SELECT is(array_remove(ARRAY[
              CASE WHEN has_function_privilege('public', 'jeugdnorm.create_roles()', 'EXECUTE') THEN 'create_roles' END,
              CASE WHEN has_function_privilege('public', 'jeugdnorm.refresh(boolean)', 'EXECUTE') THEN 'refresh' END,
              CASE WHEN has_function_privilege('public', 'jeugdnorm.load_toewijzingen(regclass)', 'EXECUTE') THEN 'load_toewijzingen' END,
              CASE WHEN has_function_privilege('public', 'jeugdnorm.load_declaraties(regclass)', 'EXECUTE') THEN 'load_declaraties' END],
              NULL),
          '{}'::text[], 'PUBLIC cannot execute create_roles, refresh or the loaders');

-- ---- row-level security and the access table ---------------------------------------------
SELECT is((SELECT array_agg(relname::text || ':' || relrowsecurity || ':' || relforcerowsecurity ORDER BY relname)
             FROM pg_class WHERE relnamespace = 'jeugdnorm'::regnamespace AND relkind = 'r'
              AND relname IN ('toewijzing', 'declaratie', 'contract', 'product', 'norm', 'aanbieder', 'settings', 'rejected')),
          '{aanbieder:false:false,contract:true:false,declaratie:true:false,norm:false:false,product:false:false,rejected:false:false,settings:false:false,toewijzing:true:false}',
          'RLS enabled (not forced) on the tables with a gemeente, not on the catalogues, settings or rejected');
SELECT ok('jeugdnorm.access'::regclass = ANY ((SELECT extconfig FROM pg_extension WHERE extname = 'jeugdnorm')::oid[]),
          'jeugdnorm.access is dumped with the data (pg_extension_config_dump)');
SELECT is(has_table_privilege('public', 'jeugdnorm.access', 'SELECT'), false, 'PUBLIC cannot read access');

-- ---- the reader ---------------------------------------------------------------------------
CREATE ROLE jn_rol_bi LOGIN IN ROLE jeugdnorm_reader;       -- a BI login, as the README says
INSERT INTO jeugdnorm.access VALUES ('jn_rol_bi', '0758');
SELECT is((SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_class c
            WHERE c.relnamespace = 'jeugdnorm'::regnamespace AND c.relkind = 'v'
              AND NOT has_table_privilege('jeugdnorm_reader', c.oid, 'SELECT')),
          NULL, 'jeugdnorm_reader may SELECT every plain view of schema jeugdnorm');
SELECT is((SELECT array_agg(c.oid::regclass::text ORDER BY c.oid::regclass::text) FROM pg_class c
            WHERE c.relnamespace IN ('jeugdnorm'::regnamespace, 'jeugdnorm_internal'::regnamespace)
              AND c.relkind IN ('r', 'm', 'p')
              AND has_table_privilege('jeugdnorm_reader', c.oid, 'SELECT, INSERT, UPDATE, DELETE')),
          '{jeugdnorm.product_mapping}',
          'jeugdnorm_reader has no privilege on any table or materialised view, except SELECT on product_mapping (PUBLIC: the inlined mapping rule reads it as the querying role)');
SELECT is(has_schema_privilege('jeugdnorm_reader', 'jeugdnorm_internal', 'USAGE'), false,
          'jeugdnorm_reader has no USAGE on jeugdnorm_internal');

SET LOCAL ROLE jn_rol_bi;
SELECT lives_ok($q$DO $d$ DECLARE v text; BEGIN
                    FOR v IN SELECT relname FROM pg_class WHERE relnamespace = 'jeugdnorm'::regnamespace AND relkind = 'v' LOOP
                        EXECUTE format('SELECT count(*) FROM jeugdnorm.%I', v);
                    END LOOP; END $d$$q$, 'a BI login in jeugdnorm_reader can select every contract view');
SELECT is((SELECT count(*) FROM jeugdnorm.care_paths), 9::bigint, 'and sees the 9 paths of its gemeente 0758');
SELECT throws_ok($$SELECT * FROM jeugdnorm.toewijzing$$, '42501', NULL, 'reader: no SELECT on toewijzing');
SELECT throws_ok($$SELECT * FROM jeugdnorm.declaratie$$, '42501', NULL, 'reader: no SELECT on declaratie');
SELECT throws_ok($$SELECT * FROM jeugdnorm.contract$$, '42501', NULL, 'reader: no SELECT on contract');
SELECT throws_ok($$SELECT * FROM jeugdnorm.rejected$$, '42501', NULL, 'reader: no SELECT on rejected');
SELECT throws_ok($$SELECT * FROM jeugdnorm.settings$$, '42501', NULL, 'reader: no SELECT on settings');
SELECT throws_ok($$SELECT * FROM jeugdnorm.access$$, '42501', NULL, 'reader: no SELECT on access');
SELECT throws_ok($$SELECT * FROM jeugdnorm_internal.mv_care_paths$$, '42501', NULL,
                 'reader: no access to the materialised views');
SELECT throws_ok($$SELECT * FROM jeugdnorm.load_toewijzingen('jeugdnorm.toewijzing')$$, '42501', NULL,
                 'reader: cannot call load_toewijzingen');
SELECT throws_ok($$SELECT * FROM jeugdnorm.load_declaraties('jeugdnorm.declaratie')$$, '42501', NULL,
                 'reader: cannot call load_declaraties');
SELECT throws_ok($$SELECT * FROM jeugdnorm.refresh()$$, '42501', NULL, 'reader: cannot call refresh()');
SELECT throws_ok($$SELECT * FROM jeugdnorm.create_roles()$$, '42501', NULL, 'reader: cannot call create_roles()');
RESET ROLE;

-- ---- the loader ---------------------------------------------------------------------------
CREATE ROLE jn_rol_loader IN ROLE jeugdnorm_loader;
INSERT INTO jeugdnorm.access VALUES ('jn_rol_loader', '0758');
CREATE TEMP TABLE src (gemeente text, toewijzingnummer text, client_id text,
    ingangsdatum text, einddatum text, volume text, eenheid text, frequentie text, reden_wijziging text);
INSERT INTO src VALUES
    ('0758', 'L01', 'D', '2024-01-01', '2024-03-31', '2', '04', '2', NULL),
    ('0758', 'T07', 'B', '2023-03-01', '2023-09-30', '2', '04', '2', NULL);   -- an update of T07
CREATE TEMP TABLE src_0840 (LIKE src);
INSERT INTO src_0840 VALUES ('0840', 'L02', 'E', '2024-01-01', NULL, '2', '04', '2', NULL);
CREATE TEMP TABLE claims (gemeente text, toewijzingnummer text, begindatum text, einddatum text,
    volume text, eenheid text, bedrag text);
INSERT INTO claims VALUES ('0758', 'L01', '2024-01-01', '2024-01-31', '8', '04', '480');
CREATE TEMP TABLE requests (gemeente text, verzoeknummer text, ontvangen text);
INSERT INTO requests VALUES ('0758', 'V01', '2024-01-05'), ('0840', 'V02', '2024-01-05');
GRANT SELECT ON src, src_0840, claims, requests TO jn_rol_loader;

SET LOCAL ROLE jn_rol_loader;
SELECT results_eq($$SELECT * FROM jeugdnorm.load_toewijzingen('pg_temp.src')$$,
    $$VALUES (2::bigint, 0::bigint)$$, 'loader of 0758: loads (and updates) allocations of 0758');
SELECT results_eq($$SELECT * FROM jeugdnorm.load_declaraties('pg_temp.claims')$$,
    $$VALUES (1::bigint, 0::bigint)$$, 'loader of 0758: loads claim lines of 0758');
SELECT is((SELECT array_agg(DISTINCT gemeente) FROM jeugdnorm.toewijzing), '{0758}',
          'loader of 0758: sees only allocations of 0758 (T02 of 0840 is hidden by RLS)');
SELECT is((SELECT count(*) FROM jeugdnorm.toewijzing), 13::bigint,
          'loader of 0758: the 12 allocations of 0758 and L01');
SELECT throws_ok($$INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, ingangsdatum)
                   VALUES ('0840', 'L03', 'E', '2024-01-01')$$,
                 '42501', 'new row violates row-level security policy for table "toewijzing"',
                 'loader of 0758: cannot insert an allocation of 0840');
SELECT throws_ok($$UPDATE jeugdnorm.toewijzing SET gemeente = '0840' WHERE toewijzingnummer = 'L01'$$,
                 '42501', 'new row violates row-level security policy for table "toewijzing"',
                 'loader of 0758: cannot move an allocation to 0840');
SELECT throws_ok($$INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum, einddatum, volume, eenheid, bedrag)
                   VALUES ('0840', 'T02', '2023-10-01', '2023-10-31', 1, '04', 60)$$,
                 '42501', 'new row violates row-level security policy for table "declaratie"',
                 'loader of 0758: cannot insert a claim line of 0840');
SELECT throws_ok($$INSERT INTO jeugdnorm.contract (gemeente, aanbieder, productcode, geldig_van)
                   VALUES ('0840', '10000001', '45A12', '2023-01-01')$$,
                 '42501', 'new row violates row-level security policy for table "contract"',
                 'loader of 0758: cannot insert a contract of 0840');
SELECT lives_ok($$INSERT INTO jeugdnorm.wijk VALUES ('0758', '5911', 'Centrum');
                  INSERT INTO jeugdnorm.product_mapping (productcategorie, productcode, geldig_van, analysis_product)
                  VALUES ('45', '45A12', '2020-01-01', 'AMB');
                  DELETE FROM jeugdnorm.product_mapping WHERE analysis_product = 'AMB'$$,
                'loader: fills wijk and product_mapping (the region''s configuration)');
SELECT throws_ok($$INSERT INTO jeugdnorm.verzoek (gemeente, verzoeknummer, ontvangen) VALUES ('0840', 'V03', '2024-01-05')$$,
                 '42501', 'new row violates row-level security policy for table "verzoek"',
                 'loader of 0758: cannot insert a request of 0840');
SET LOCAL client_min_messages = warning;   -- the loader's NOTICE about its row-by-row fallback
SELECT results_eq($$SELECT * FROM jeugdnorm.load_verzoeken('pg_temp.requests')$$,
    $$VALUES (1::bigint, 1::bigint)$$,
    'loader of 0758: load_verzoeken loads the request of 0758 and rejects the one of 0840 (RLS)');
SELECT is((SELECT array_agg(verzoeknummer) FROM jeugdnorm.verzoek), '{V01}',
          'loader of 0758: sees only its own request');
SELECT results_eq($$SELECT * FROM jeugdnorm.load_toewijzingen('pg_temp.src_0840')$$,
    $$VALUES (0::bigint, 1::bigint)$$,
    'loader of 0758: load_toewijzingen rejects an allocation of 0840 (its row-by-row safety net catches the RLS error)');
SELECT is((SELECT count(*) FROM jeugdnorm.declaratie WHERE toewijzingnummer = 'T02'), 0::bigint,
          'loader of 0758: the claim lines of 0840 are invisible');
SELECT throws_ok($$SELECT * FROM jeugdnorm.rejected$$, '42501', NULL, 'loader: cannot read rejected');
SELECT throws_ok($$SELECT * FROM jeugdnorm.care_paths$$, '42501', NULL, 'loader: is not a reader');
SELECT throws_ok($$SELECT * FROM jeugdnorm.refresh()$$, '42501', NULL, 'loader: cannot call refresh()');
SELECT CASE WHEN to_regclass('jeugdnorm.pseudonym_key') IS NULL
            THEN skip('pseudonymisation not installed')
            ELSE throws_ok($$SELECT * FROM jeugdnorm.pseudonym_key$$, '42501', NULL,
                           'loader: cannot read the pseudonym key')
       END;
RESET ROLE;
SELECT is((SELECT count(*) FROM jeugdnorm.toewijzing WHERE toewijzingnummer IN ('L02', 'L03')), 0::bigint,
          'nothing of 0840 was loaded by the loader of 0758');
SELECT is((SELECT reason FROM jeugdnorm.rejected WHERE row ->> 'toewijzingnummer' = 'L02'),
          'new row violates row-level security policy for table "toewijzing"',
          '... the rejected row carries the RLS refusal as its reason');

-- ---- the admin ----------------------------------------------------------------------------
CREATE ROLE jn_rol_admin IN ROLE jeugdnorm_admin;
SET LOCAL ROLE jn_rol_admin;
SELECT lives_ok($$UPDATE jeugdnorm.settings SET peildatum = '2025-06-30'$$, 'admin: updates settings');
SELECT lives_ok($$INSERT INTO jeugdnorm.access VALUES ('jn_rol_bi', '0840');
                  DELETE FROM jeugdnorm.access WHERE role_name = 'jn_rol_bi' AND gemeente = '0840'$$,
                'admin: maintains access');
SELECT lives_ok($$SELECT count(*) FROM jeugdnorm.rejected$$, 'admin: reads rejected');
SELECT lives_ok($$SELECT count(*) FROM jeugdnorm.refresh()$$,
                'admin: runs refresh() (SECURITY DEFINER: REFRESH needs the owner of the materialised views)');
SELECT throws_ok($$SELECT * FROM jeugdnorm.toewijzing$$, '42501', NULL, 'admin: no access to the input tables');
RESET ROLE;
SELECT ok(has_function_privilege('jeugdnorm_admin', 'jeugdnorm.refresh(boolean)', 'EXECUTE'), 'admin: may execute refresh()');
SELECT CASE WHEN to_regclass('jeugdnorm.pseudonym_key') IS NULL
            THEN skip('pseudonymisation not installed')
            ELSE ok(has_table_privilege('jeugdnorm_admin', 'jeugdnorm.pseudonym_key', 'SELECT')
                    AND NOT has_table_privilege('jeugdnorm_loader', 'jeugdnorm.pseudonym_key', 'SELECT')
                    AND NOT has_table_privilege('jeugdnorm_reader', 'jeugdnorm.pseudonym_key', 'SELECT'),
                    'the pseudonym key: admin reads it, loader and reader do not')
       END;

SELECT * FROM finish();
ROLLBACK;
