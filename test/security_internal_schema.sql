-- security_internal_schema.sql -- schema jeugdnorm holds the user API,
-- the helpers live in jeugdnorm_internal (issue 18, part 7;
-- src/sql/05_internal_schema.sql, doc/functions.md, doc/security.md).
--
-- 1. `\df jeugdnorm.*` (every function, aggregate and procedure of schema
--    jeugdnorm) is exactly the user API documented in doc/functions.md and
--    the pages it links (pinned below: a function added to or moved out of
--    the schema must be added here on purpose), and each has a COMMENT.
-- 2. The helpers are in jeugdnorm_internal.
-- 3. Privileges after jeugdnorm.create_roles(): USAGE on jeugdnorm_internal
--    for jeugdnorm_loader and jeugdnorm_admin only; the loader has EXECUTE
--    on exactly the helpers the loaders call, the admin on exactly
--    refresh_log_failed, the reader on nothing there; PUBLIC executes none
--    of those helpers.
-- 4. A reader calls no function of jeugdnorm_internal (every call is
--    refused for want of USAGE), yet the user API that uses helpers works
--    for it (the aggregates, whose support functions are internal).
-- 5. The roles' own work still runs: a loader loads a source with a bsn
--    column and text dates and numbers (every loader helper), an admin
--    runs refresh_job() and logs a failed run through refresh_log_failed.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(21);

-- ---- 1. the user API --------------------------------------------------------------------------
SELECT is(ARRAY(SELECT p.oid::regprocedure::text FROM pg_proc p
                 WHERE p.pronamespace = 'jeugdnorm'::regnamespace ORDER BY 1),
          ARRAY[
            -- code lists and unit conversion (doc/functions.md, 10_core.sql, 11_steering_codes.sql)
            'jeugdnorm.allocated_volume(date,date,numeric,text,date,date)',
            'jeugdnorm.canonical_unit(text)',
            'jeugdnorm.canonical_volume(numeric,text)',
            -- the aggregates and the window function (doc/functions.md, functions-c.md)
            'jeugdnorm.care_path(date,date,text)',
            'jeugdnorm.care_path(date,date,text,integer)',
            -- roles (doc/security.md)
            'jeugdnorm.create_roles()',
            -- Citus (doc/citus.md)
            'jeugdnorm.distribute(integer)',
            'jeugdnorm.eenheid_codes()',
            'jeugdnorm.follow_up(date,date,integer,integer)',
            'jeugdnorm.follow_up_agg(text,date,date)',
            'jeugdnorm.follow_up_agg(text,date,date,integer)',
            'jeugdnorm.follow_up_agg(text,date,date,integer,integer)',
            'jeugdnorm.frequentie_codes()',
            -- pseudonymisation (doc/security.md: the same as pgcrypto's hmac)
            'jeugdnorm.hmac_sha256(bytea,bytea)',
            -- norm sheets: text and chart helpers for pages of one's own (doc/norm-sheets.md)
            'jeugdnorm.html_escape(text)',
            -- the format rules of the CHECK constraints and loaders (doc/loading.md)
            'jeugdnorm.is_aanbieder(text)',
            'jeugdnorm.is_eenheid(text)',
            'jeugdnorm.is_extension(date,date,integer)',
            'jeugdnorm.is_finite(numeric)',
            'jeugdnorm.is_frequentie(text)',
            'jeugdnorm.is_gemeente(text)',
            'jeugdnorm.is_postcode(text)',
            'jeugdnorm.is_productcategorie(text)',
            'jeugdnorm.is_productcode(text)',
            'jeugdnorm.is_reden_afwijzing(text)',
            'jeugdnorm.is_reden_beeindiging(text)',
            'jeugdnorm.is_valid_bsn(text)',
            'jeugdnorm.is_verwijzer(text)',
            -- the loaders (doc/loading.md, doc/ijw.md)
            'jeugdnorm.load_declaraties(regclass)',
            'jeugdnorm.load_ijw(bigint,bigint)',
            'jeugdnorm.load_toewijzingen(regclass)',
            'jeugdnorm.load_verzoeken(regclass)',
            'jeugdnorm.nl_compact(numeric,integer)',
            'jeugdnorm.nl_date(date)',
            'jeugdnorm.nl_number(numeric,integer)',
            'jeugdnorm.nl_percent(numeric,integer)',
            'jeugdnorm.norm_sheet(text,text)',
            'jeugdnorm.norm_sheet_context(text,text)',
            'jeugdnorm.norm_sheets(text)',
            'jeugdnorm.overlap_share(date,date,date,date)',
            'jeugdnorm.pseudonymise(text)',
            'jeugdnorm.recidive(date,date,integer,integer)',
            'jeugdnorm.reden_beeindiging_classes()',
            'jeugdnorm.reden_beeindiging_codes()',
            -- refresh (doc/operations.md)
            'jeugdnorm.refresh(boolean)',
            'jeugdnorm.refresh_job()',
            'jeugdnorm.set_pseudonym_key(text,boolean)',
            'jeugdnorm.small_cells(bigint[],integer)',
            'jeugdnorm.svg_bar_pair(text,text[],numeric[],text[],text,numeric[],text[],text,numeric,numeric,text[],text[])',
            'jeugdnorm.svg_histogram(text,text[],numeric[],text[],boolean[],numeric,text,text[])',
            'jeugdnorm.svg_lines(text,text[],text[],numeric[],numeric,numeric[],text[])',
            'jeugdnorm.verwijzer_codes()',
            'jeugdnorm.verzilvering(numeric,numeric)'],
          '\df jeugdnorm.* is exactly the documented user API (53 functions, aggregates and procedures)');
SELECT is(ARRAY(SELECT p.oid::regprocedure::text FROM pg_proc p
                 WHERE p.pronamespace = 'jeugdnorm'::regnamespace
                   AND coalesce(obj_description(p.oid, 'pg_proc'), '') = '' ORDER BY 1),
          '{}', 'every function, aggregate and procedure of schema jeugdnorm has a COMMENT');

-- ---- 2. the helpers are in jeugdnorm_internal ---------------------------------------------------
CREATE TEMP TABLE moved (sig text);
INSERT INTO moved VALUES
    ('care_path_trans(internal,date,date,text)'), ('care_path_trans(internal,date,date,text,integer)'),
    ('care_path_combine(internal,internal)'), ('care_path_serialize(internal)'),
    ('care_path_deserialize(bytea,internal)'), ('care_path_final(internal)'),
    ('verzilvering_trans(internal,numeric,numeric)'), ('verzilvering_combine(internal,internal)'),
    ('verzilvering_serialize(internal)'), ('verzilvering_deserialize(bytea,internal)'),
    ('verzilvering_final(internal)'),
    ('follow_up_agg_trans(internal,text,date,date)'), ('follow_up_agg_trans(internal,text,date,date,integer)'),
    ('follow_up_agg_trans(internal,text,date,date,integer,integer)'), ('follow_up_agg_combine(internal,internal)'),
    ('follow_up_agg_serialize(internal)'), ('follow_up_agg_deserialize(bytea,internal)'),
    ('follow_up_agg_final(internal)'),
    ('settings_guard()'),
    ('load_log_begin(text,text)'), ('load_log_end(bigint,bigint)'),
    ('parse_date(text)'), ('parse_numeric(text)'),
    ('loader_select_list(regclass,text,text[],text[],text[])'),
    ('loader_date_problem(text,date,text,boolean)'), ('loader_numeric_problem(text,numeric,text,boolean)'),
    ('loader_code_problems(text,text,text,text,text,text)'),
    ('loader_stage(regclass,text,text,text[],text[],text[],text)'),
    ('loader_apply(regclass,text,text,text,text,text,text)'),
    ('loader_upsert(regclass,text,text,text,text[],text,text)'),
    ('loader_bsn_problem(text)'), ('loader_mask_bsn(jsonb)'),
    ('ijw_parse(bigint,bigint,text[])'), ('ijw_loadable_gemeenten()'),
    ('norm_sheet_render(text,text,jeugdnorm.product_histogram[],jeugdnorm.product_spread[],jeugdnorm.norm_deviation[],jeugdnorm.follow_up_rates[],jeugdnorm.realisation[],jeugdnorm.request_lead_time[],jeugdnorm.waiting_list[])'),
    ('refresh_log_failed(text,text,text)');
SELECT is((SELECT array_agg(m.sig ORDER BY m.sig) FROM moved m
            WHERE to_regprocedure('jeugdnorm_internal.' || m.sig) IS NULL),
          NULL, 'the 36 helpers are functions of jeugdnorm_internal');
SELECT is((SELECT count(*) FROM moved), 36::bigint, '(36 of them)');

-- ---- 3. privileges ------------------------------------------------------------------------------
SELECT count(*) AS roles FROM jeugdnorm.create_roles() \gset
SELECT is(ARRAY(SELECT r FROM unnest(ARRAY['jeugdnorm_reader', 'jeugdnorm_loader', 'jeugdnorm_admin']) r
                 WHERE has_schema_privilege(r, 'jeugdnorm_internal', 'USAGE') ORDER BY 1),
          '{jeugdnorm_admin,jeugdnorm_loader}',
          'USAGE on jeugdnorm_internal: jeugdnorm_loader and jeugdnorm_admin, not jeugdnorm_reader');
SELECT is((SELECT array_agg(x.grantee::regrole::text ORDER BY x.grantee::regrole::text) FROM pg_namespace n, aclexplode(n.nspacl) x
            WHERE n.oid = 'jeugdnorm_internal'::regnamespace AND x.privilege_type = 'USAGE'
              AND x.grantee <> n.nspowner),
          '{jeugdnorm_admin,jeugdnorm_loader}',
          'and nobody else: no other role (PUBLIC included) was granted USAGE on it');
-- the explicit grants per role on the functions of jeugdnorm_internal
CREATE TEMP VIEW internal_grants AS
SELECT x.grantee, p.oid::regprocedure::text AS fn
  FROM pg_proc p, aclexplode(p.proacl) x
 WHERE p.pronamespace = 'jeugdnorm_internal'::regnamespace AND x.privilege_type = 'EXECUTE';
SELECT is(ARRAY(SELECT g.fn FROM internal_grants g WHERE g.grantee = 'jeugdnorm_loader'::regrole ORDER BY 1),
          ARRAY['jeugdnorm_internal.ijw_claims(bigint)',
                'jeugdnorm_internal.ijw_kept_text(bigint)',
                'jeugdnorm_internal.ijw_loadable_gemeenten()',
                'jeugdnorm_internal.ijw_parse(bigint,bigint,text[])',
                'jeugdnorm_internal.load_log_begin(text,text)',
                'jeugdnorm_internal.load_log_end(bigint,bigint)',
                'jeugdnorm_internal.loader_apply(regclass,text,text,text,text,text,text)',
                'jeugdnorm_internal.loader_bsn_problem(text)',
                'jeugdnorm_internal.loader_code_problems(text,text,text,text,text,text)',
                'jeugdnorm_internal.loader_date_problem(text,date,text,boolean)',
                'jeugdnorm_internal.loader_mask_bsn(jsonb)',
                'jeugdnorm_internal.loader_numeric_problem(text,numeric,text,boolean)',
                'jeugdnorm_internal.loader_select_list(regclass,text,text[],text[],text[])',
                'jeugdnorm_internal.loader_stage(regclass,text,text,text[],text[],text[],text)',
                'jeugdnorm_internal.loader_upsert(regclass,text,text,text,text[],text,text)',
                'jeugdnorm_internal.parse_date(text)',
                'jeugdnorm_internal.parse_numeric(text)'],
          'jeugdnorm_loader: EXECUTE on exactly the 16 helpers the loaders call');
SELECT is(ARRAY(SELECT g.fn FROM internal_grants g WHERE g.grantee = 'jeugdnorm_admin'::regrole ORDER BY 1),
          ARRAY['jeugdnorm_internal.refresh_log_failed(text,text,text)'],
          'jeugdnorm_admin: EXECUTE on exactly refresh_log_failed (refresh_job() calls it)');
SELECT is(ARRAY(SELECT g.fn FROM internal_grants g WHERE g.grantee = 'jeugdnorm_reader'::regrole ORDER BY 1),
          '{}', 'jeugdnorm_reader: no grant on any function of jeugdnorm_internal');
SELECT is(ARRAY(SELECT g.fn FROM internal_grants g
                 WHERE g.grantee IN ('jeugdnorm_loader'::regrole, 'jeugdnorm_admin'::regrole)
                   AND has_function_privilege('public', g.fn::regprocedure, 'EXECUTE') ORDER BY 1),
          '{}', 'PUBLIC executes none of the loaders'' and the admin''s helpers');

-- ---- 4. a reader ---------------------------------------------------------------------------------
CREATE ROLE jn_int_reader IN ROLE jeugdnorm_reader;
INSERT INTO jeugdnorm.access VALUES ('jn_int_reader', '0758');
-- calls every function of jeugdnorm_internal by name, NULL for each
-- argument; returns (refused with 42501, anything else) -- a call that runs
-- or fails otherwise is a helper the role reached
CREATE FUNCTION pg_temp.call_every_internal_function(OUT refused bigint, OUT reached text[])
    LANGUAGE plpgsql AS $$
DECLARE
    f record;
BEGIN
    refused := 0;
    reached := '{}';
    FOR f IN SELECT p.proname, p.pronargs, p.prokind, p.oid::regprocedure::text AS sig
               FROM pg_proc p WHERE p.pronamespace = 'jeugdnorm_internal'::regnamespace ORDER BY 4 LOOP
        BEGIN
            EXECUTE format('%s jeugdnorm_internal.%I(%s)',
                           CASE WHEN f.prokind = 'p' THEN 'CALL' ELSE 'SELECT' END, f.proname,
                           array_to_string(array_fill('NULL'::text, ARRAY[f.pronargs]), ', '));
            reached := reached || f.sig;
        EXCEPTION
            WHEN insufficient_privilege THEN refused := refused + 1;
            WHEN OTHERS THEN reached := reached || (f.sig || ': ' || SQLERRM);
        END;
    END LOOP;
END $$;
SELECT count(*) AS internal_functions FROM pg_proc WHERE pronamespace = 'jeugdnorm_internal'::regnamespace \gset
SET LOCAL ROLE jn_int_reader;
SELECT is((SELECT reached FROM pg_temp.call_every_internal_function()), '{}',
          'a reader reaches no function of jeugdnorm_internal by name');
SELECT is((SELECT refused FROM pg_temp.call_every_internal_function()), :'internal_functions'::bigint,
          'every one of them is refused with 42501 (no USAGE on the schema)');
SELECT throws_ok($$ SELECT jeugdnorm_internal.parse_date('2024-01-01') $$, '42501',
                 'permission denied for schema jeugdnorm_internal', 'e.g. parse_date: permission denied for schema jeugdnorm_internal');
-- the user API built on internal support functions works for the reader
SELECT results_eq($$ SELECT (p).path_no, (p).start, (p).einde, (p).allocations, (p).path
                       FROM (SELECT unnest(jeugdnorm.care_path(s, e, l)) AS p
                               FROM (VALUES ('2024-01-01'::date, '2024-03-31'::date, 'a'),
                                            ('2024-05-01', '2024-06-30', 'b'),
                                            ('2025-01-01', NULL, 'b')) t(s, e, l)) x $$,
                  $$ VALUES (1, '2024-01-01'::date, '2024-06-30'::date, 2, 'a > b'),
                            (2, '2025-01-01'::date, NULL::date, 1, 'b') $$,
                  'a reader runs care_path (support functions in jeugdnorm_internal, bound by OID)');
SELECT is((SELECT jeugdnorm.verzilvering(c, a)
             FROM (VALUES (3::numeric, 4::numeric), (1, 4)) t(c, a)), 0.5,
          'and verzilvering: (3 + 1) / (4 + 4) = 0.5');
RESET ROLE;

-- ---- 5. the loader and the admin ---------------------------------------------------------------
SELECT lives_ok($$ SELECT jeugdnorm.set_pseudonym_key('jn-internal-schema-test-key-0123456789') $$, 'a pseudonym key');
CREATE ROLE jn_int_loader IN ROLE jeugdnorm_loader;
INSERT INTO jeugdnorm.access VALUES ('jn_int_loader', '0758');
-- every column text: parse_date and parse_numeric; a bsn column:
-- pseudonymise, loader_bsn_problem and loader_mask_bsn.  Row 1 loads; row 2
-- has a BSN failing the elfproef (9*1 + 8*2 + ... + 2*8 - 9 = 147, not a
-- multiple of 11), a date that does not exist and a decimal comma.
CREATE TEMP TABLE src (gemeente text, toewijzingnummer text, bsn text, ingangsdatum text,
    einddatum text, volume text, eenheid text, frequentie text);
INSERT INTO src VALUES
    ('0758', 'I1', '123456782', '2024-01-01', '2024-03-31', '10', '04', '2'),
    ('0758', 'I2', '123456789', '2024-02-30', NULL, '1,5', '04', '2');
GRANT SELECT ON src TO jn_int_loader;
SET LOCAL ROLE jn_int_loader;
SELECT results_eq($$ SELECT * FROM jeugdnorm.load_toewijzingen('pg_temp.src') $$,
                  $$ VALUES (1::bigint, 1::bigint) $$,
                  'a loader runs load_toewijzingen through its helpers in jeugdnorm_internal: 1 loaded, 1 rejected');
RESET ROLE;
SELECT results_eq($$ SELECT r.row ->> 'bsn', r.reason FROM jeugdnorm.rejected r $$,
                  $$ VALUES ('*******89'::text,
                             'bsn fails the elfproef; '
                             'value ''2024-02-30'' is not a valid date for ingangsdatum (expected YYYY-MM-DD); '
                             'value ''1,5'' is not a valid number for volume'::text) $$,
                  'the rejected row: bsn masked, every reason in words');

CREATE ROLE jn_int_admin IN ROLE jeugdnorm_admin;
SET LOCAL ROLE jn_int_admin;
SELECT lives_ok($$ CALL jeugdnorm.refresh_job() $$, 'an admin runs CALL refresh_job() (a successful run commits nothing itself)');
SELECT lives_ok($$ SELECT jeugdnorm_internal.refresh_log_failed('57014', 'canceling statement due to user request', NULL) $$,
                'an admin runs refresh_log_failed, as refresh_job() does after a failed refresh');
RESET ROLE;
SELECT results_eq($$ SELECT status, sqlstate, error FROM jeugdnorm.refresh_log
                      WHERE step = 0 ORDER BY refresh_id $$,
                  $$ VALUES ('ok'::text, NULL::text, NULL::text),
                            ('failed', '57014', 'canceling statement due to user request') $$,
                  'refresh_log: the admin''s run, then the failed run it logged');

SELECT * FROM finish();
ROLLBACK;
