-- Safe functions (issue 9, part 4): no object on the caller's search_path
-- changes what the extension computes.
--
-- Schema `evil` holds hostile objects: functions and operators named like
-- the built-ins the extension uses (text =, ~, ||, +, lower, length,
-- octet_length, substr, format, sha256, encode, to_jsonb, date_part, round,
-- count(*), sum, ...), functions named like the extension's own functions
-- (is_gemeente, pseudonymise, ...), and tables named like its tables
-- (toewijzing, settings, pseudonym_key, mv_care_paths, ...).  Every hostile
-- function returns a wrong value and writes a row to evil.calls.
--
-- The same work -- both loaders (one source with BSNs), refresh(), every
-- view in schema jeugdnorm, the tables, C functions and aggregates,
-- pseudonymise -- runs three times from one savepoint: with a clean
-- search_path, with `evil, public, jeugdnorm` (pg_catalog implicitly first)
-- and with `evil, pg_catalog, public, jeugdnorm` (evil before pg_catalog:
-- the strongest case).  The results must be identical and evil.calls empty.
-- pgTAP itself runs with the clean path only (evil's `=` would fool it).
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(15);

\i test/fixtures/small_region.sql
SELECT jeugdnorm.set_pseudonym_key('search path test key, long enough: 32+ bytes');

-- ---- sources for the loaders --------------------------------------------------
CREATE SCHEMA jn_src;
CREATE TABLE jn_src.alloc (gemeente text, toewijzingnummer text, bsn text, geboortedatum text,
                           aanbieder text, productcategorie text, productcode text,
                           ingangsdatum text, einddatum text, volume text, eenheid text,
                           frequentie text, toewijzingsdatum date);
INSERT INTO jn_src.alloc VALUES
    ('0758', 'SP1', '123456782', '2012-04-01', '10000001', '45', '45A12', '2024-01-08', '2024-06-30', '3', '04', '2', '2024-01-01'),
    ('0758', 'SP2', '123456782', '2012-04-01', '10000001', '45', '45A12', '2024-08-01', NULL,         '2.5', '04', '2', '2024-07-20'),
    ('0758', 'SP3', '111222333', '2008-01-01', '20000002', '45', '45A30', '2023-03-01', '2023-12-31', '1', '16', '2', NULL),
    ('0758', 'SP4', '123456789', '2012-04-01', '10000001', '45', '45A12', '2024-01-08', NULL,         '3', '04', '2', NULL),
    ('075',  'SP5', '999999990', '2012-04-01', '1000001',  '4',  '45A1',  '01-02-2024', NULL,         '1,5', '99', '9', NULL),
    ('0758', 'SP6', '999999990', 'x',          '10000001', '54', '54001', '2024-02-01', '2024-01-01', '1', '82', '6', NULL),
    ('0758', 'SP1', '123456782', '2012-04-01', '10000001', '45', '45A12', '2024-01-08', '2024-05-31', '3', '04', '2', '2024-02-01');
CREATE TABLE jn_src.claim (gemeente text, toewijzingnummer text, bsn text, aanbieder text,
                           productcategorie text, productcode text, begindatum text,
                           einddatum text, volume text, eenheid text, bedrag text);
INSERT INTO jn_src.claim VALUES
    ('0758', 'SP1', '123456782', '10000001', '45', '45A12', '2024-01-08', '2024-01-31', '12', '04', '720'),
    ('0758', 'SP1', '123456782', '10000001', '45', '45A12', '2024-01-08', '2024-01-31', '12', '04', '720'),
    ('0758', 'SP1', '123456782', '10000001', '45', '45A12', '2024-02-01', '2024-02-29', '-2', '04', '-120'),
    ('0758', 'SP3', '111222333', '20000002', '45', '45A30', '2023-03-01', '2023-03-31', '8', '16', '480'),
    ('0758', 'SP3', '11122233',  '20000002', '45', '45A30', '2023-04-01', '2023-04-30', '8', '16', '480'),
    ('0758', 'SP9', NULL,        '2000002',  '45', '45A30', '2023-04-01', '2023-03-30', 'x', '77', '1e3');

-- ---- hostile objects ------------------------------------------------------------------
CREATE SCHEMA evil;
CREATE TABLE evil.calls (fn text);
-- one plpgsql body per return type: log the call, return garbage
CREATE FUNCTION evil.hit(fn text) RETURNS void LANGUAGE plpgsql AS
$$BEGIN INSERT INTO evil.calls VALUES (fn); END$$;
DO $$
DECLARE
    f record;
BEGIN
    FOR f IN SELECT * FROM (VALUES
        -- name, arguments, return type, returned value
        ('lower', 'text', 'text', '''evil'''), ('upper', 'text', 'text', '''EVIL'''),
        ('btrim', 'text', 'text', '''1'''), ('length', 'text', 'integer', '9'),
        ('length', 'bytea', 'integer', '1'), ('octet_length', 'text', 'integer', '99'),
        ('substr', 'text, integer, integer', 'text', '''1'''), ('substr', 'text, integer', 'text', '''1'''),
        ('right', 'text, integer', 'text', '''1'''), ('repeat', 'text, integer', 'text', '''1'''),
        ('format', 'text', 'text', '''evil'''), ('format', 'text, text', 'text', '''evil'''),
        ('format', 'text, text, text', 'text', '''evil'''),
        ('concat_ws', 'text, text, text', 'text', '''evil'''),
        ('sha256', 'bytea', 'bytea', '''\x00''::bytea'), ('encode', 'bytea, text', 'text', '''evil'''),
        ('decode', 'text, text', 'bytea', '''\x00''::bytea'), ('convert_to', 'text, name', 'bytea', '''\x00''::bytea'),
        ('get_byte', 'bytea, integer', 'integer', '0'), ('set_byte', 'bytea, integer, integer', 'bytea', '''\x00''::bytea'),
        ('hmac', 'bytea, bytea, text', 'bytea', '''\x00''::bytea'), ('hmac', 'text, text, text', 'bytea', '''\x00''::bytea'),
        ('to_jsonb', 'anyelement', 'jsonb', '''{}''::jsonb'), ('jsonb_set', 'jsonb, text[], jsonb', 'jsonb', '''{}''::jsonb'),
        ('jsonb_typeof', 'jsonb', 'text', '''string'''),
        ('date_part', 'text, date', 'double precision', '0'), ('date_part', 'text, timestamp', 'double precision', '0'),
        ('extract', 'text, date', 'numeric', '0'), ('age', 'timestamp, timestamp', 'interval', '''0''::interval'),
        ('make_date', 'integer, integer, integer', 'date', '''2000-01-01''::date'),
        ('isfinite', 'date', 'boolean', 'true'), ('round', 'numeric, integer', 'numeric', '0'),
        ('round', 'numeric', 'numeric', '0'), ('abs', 'numeric', 'numeric', '0'),
        ('to_char', 'date, text', 'text', '''2000-01-01'''), ('now', '', 'timestamptz', '''2000-01-01''::timestamptz'),
        ('current_setting', 'text', 'text', '''evil'''), ('regexp_match', 'text, text', 'text[]', '''{evil}'''),
        ('quote_ident', 'text', 'text', '''evil'''), ('array_to_string', 'anyarray, text', 'text', '''evil'''),
        ('md5', 'text', 'text', '''evil'''), ('hashtext', 'text', 'integer', '0'),
        -- the extension's own names, unqualified
        ('is_gemeente', 'text', 'boolean', 'true'), ('is_aanbieder', 'text', 'boolean', 'true'),
        ('is_productcategorie', 'text', 'boolean', 'true'), ('is_productcode', 'text', 'boolean', 'true'),
        ('is_finite', 'numeric', 'boolean', 'true'), ('is_eenheid', 'text', 'boolean', 'true'),
        ('is_frequentie', 'text', 'boolean', 'true'), ('is_valid_bsn', 'text', 'boolean', 'true'),
        ('pseudonymise', 'text', 'text', '''evil'''), ('parse_date', 'text', 'date', '''2000-01-01''::date'),
        ('parse_numeric', 'text', 'numeric', '0'), ('canonical_unit', 'text', 'text', '''uur'''),
        ('canonical_volume', 'numeric, text', 'numeric', '0'), ('loader_bsn_problem', 'text', 'text', 'NULL'),
        ('loader_mask_bsn', 'jsonb', 'jsonb', '''{}''::jsonb'),
        ('hmac_sha256', 'bytea, bytea', 'bytea', '''\x00''::bytea'),
        ('hmac_sha256_pad', 'bytea, integer', 'bytea', '''\x00''::bytea'))
        AS t(name, args, rettype, val)
    LOOP
        EXECUTE format('CREATE FUNCTION evil.%I(%s) RETURNS %s LANGUAGE plpgsql AS %L',
            f.name, f.args, f.rettype,
            format('BEGIN PERFORM evil.hit(%L); RETURN %s; END', f.name || '(' || f.args || ')', f.val));
    END LOOP;
END;
$$;
-- operators: text = is "different", ~ always matches, || and + lose operands
CREATE FUNCTION evil.text_eq(a text, b text) RETURNS boolean LANGUAGE plpgsql AS
$$BEGIN PERFORM evil.hit('=(text,text)'); RETURN NOT pg_catalog.texteq(a, b); END$$;
CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.text_eq);
CREATE FUNCTION evil.text_re(a text, b text) RETURNS boolean LANGUAGE plpgsql AS
$$BEGIN PERFORM evil.hit('~(text,text)'); RETURN true; END$$;
CREATE OPERATOR evil.~ (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.text_re);
CREATE FUNCTION evil.text_cat(a text, b text) RETURNS text LANGUAGE plpgsql AS
$$BEGIN PERFORM evil.hit('||(text,text)'); RETURN a; END$$;
CREATE OPERATOR evil.|| (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.text_cat);
CREATE FUNCTION evil.bytea_cat(a bytea, b bytea) RETURNS bytea LANGUAGE plpgsql AS
$$BEGIN PERFORM evil.hit('||(bytea,bytea)'); RETURN a; END$$;
CREATE OPERATOR evil.|| (LEFTARG = bytea, RIGHTARG = bytea, FUNCTION = evil.bytea_cat);
CREATE FUNCTION evil.int_plus(a integer, b integer) RETURNS integer LANGUAGE plpgsql AS
$$BEGIN PERFORM evil.hit('+(integer,integer)'); RETURN a; END$$;
CREATE OPERATOR evil.+ (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.int_plus);
CREATE FUNCTION evil.int_xor(a integer, b integer) RETURNS integer LANGUAGE plpgsql AS
$$BEGIN PERFORM evil.hit('#(integer,integer)'); RETURN a; END$$;
CREATE OPERATOR evil.# (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.int_xor);
-- aggregates
CREATE FUNCTION evil.agg_step(s numeric, v numeric) RETURNS numeric LANGUAGE plpgsql AS
$$BEGIN PERFORM evil.hit('sum(numeric)'); RETURN -1; END$$;
CREATE AGGREGATE evil.sum(numeric) (SFUNC = evil.agg_step, STYPE = numeric);
CREATE FUNCTION evil.count_step(s bigint) RETURNS bigint LANGUAGE plpgsql AS
$$BEGIN PERFORM evil.hit('count(*)'); RETURN -1; END$$;
CREATE AGGREGATE evil.count(*) (SFUNC = evil.count_step, STYPE = bigint, INITCOND = '0');
-- tables named like the extension's, with plausible but wrong rows
CREATE TABLE evil.settings AS SELECT * FROM jeugdnorm.settings;
UPDATE evil.settings SET peildatum = '2023-06-30', window_start = '2022-01-01', max_age = 3, path_gap_days = 1;
CREATE TABLE evil.toewijzing AS SELECT * FROM jeugdnorm.toewijzing;
UPDATE evil.toewijzing SET client_id = 'evil', ingangsdatum = ingangsdatum - 400;
CREATE TABLE evil.declaratie AS SELECT * FROM jeugdnorm.declaratie;
UPDATE evil.declaratie SET bedrag = 666;
CREATE TABLE evil.product AS SELECT * FROM jeugdnorm.product;
UPDATE evil.product SET productgroep = 'evil', tarief = 0;
CREATE TABLE evil.norm AS SELECT * FROM jeugdnorm.norm WHERE false;
CREATE TABLE evil.contract AS SELECT * FROM jeugdnorm.contract WHERE false;
CREATE TABLE evil.aanbieder AS SELECT * FROM jeugdnorm.aanbieder;
UPDATE evil.aanbieder SET type = 'evil';
CREATE TABLE evil.rejected AS SELECT * FROM jeugdnorm.rejected;
CREATE TABLE evil.pseudonym_key (key bytea, set_at timestamptz, id boolean, inner_pad bytea, outer_pad bytea);
INSERT INTO evil.pseudonym_key VALUES ('\x00', now(), true, '\x00', '\x00');
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT c.relname FROM pg_class c
              WHERE c.relnamespace = 'jeugdnorm_internal'::regnamespace AND c.relkind IN ('v', 'm')
    LOOP
        IF to_regclass(format('evil.%I', r.relname)) IS NULL THEN
            EXECUTE format('CREATE TABLE evil.%I AS SELECT * FROM jeugdnorm_internal.%I WHERE false', r.relname, r.relname);
        END IF;
    END LOOP;
END;
$$;

-- ---- the work, run with a given search_path ---------------------------------------------
-- Statements are built here, with the clean path; jn_run() then sets the
-- path and runs them: everything they call resolves with that path.
-- Results go to temporary tables jn_snap_*.
CREATE FUNCTION pg_temp.jn_work() RETURNS text[] LANGUAGE sql AS $$
    SELECT ARRAY[
        'CREATE TEMP TABLE jn_snap_load_toewijzingen AS SELECT * FROM jeugdnorm.load_toewijzingen(''jn_src.alloc'')',
        'CREATE TEMP TABLE jn_snap_load_declaraties AS SELECT * FROM jeugdnorm.load_declaraties(''jn_src.claim'')',
        'CREATE TEMP TABLE jn_snap_refresh AS SELECT r.materialized_view, r."concurrently" FROM jeugdnorm.refresh() AS r',
        'CALL jeugdnorm.refresh_job()',
        'CREATE TEMP TABLE jn_snap_pseudonymise AS SELECT jeugdnorm.pseudonymise(''123456782'') AS p1, '
            || 'jeugdnorm.pseudonymise(''999999990'') AS p2, jeugdnorm.is_valid_bsn(''123456789'') AS v1, '
            || 'jeugdnorm.is_valid_bsn(''111222333'') AS v2, jeugdnorm.hmac_sha256(''\x01''::bytea, ''\x02''::bytea) AS h, '
            || 'jeugdnorm_internal.loader_mask_bsn(''{"bsn": "123456782"}''::jsonb) AS m',
        'CREATE TEMP TABLE jn_snap_formats AS SELECT jeugdnorm.is_gemeente(''0758'') AS f1, jeugdnorm.is_gemeente(''758'') AS f2, '
            || 'jeugdnorm.is_aanbieder(''1234567'') AS f3, jeugdnorm.is_productcode(''45A12'') AS f4, '
            || 'jeugdnorm.is_productcategorie(''4'') AS f5, jeugdnorm.is_finite(''NaN''::numeric) AS f6, '
            || 'jeugdnorm_internal.parse_date(''2024-02-30'') AS f7, jeugdnorm_internal.parse_date(''2024-02-29'') AS f8, '
            || 'jeugdnorm_internal.parse_numeric(''1,5'') AS f9, jeugdnorm_internal.parse_numeric(''12.5'') AS f10',
        'CREATE TEMP TABLE jn_snap_c_scalars AS SELECT toewijzingnummer, gemeente, '
            || 'jeugdnorm.canonical_unit(eenheid) AS u, jeugdnorm.canonical_volume(volume, eenheid) AS cv, '
            || 'jeugdnorm.allocated_volume(ingangsdatum, einddatum, volume, frequentie, date ''2023-01-01'', date ''2025-06-30'') AS av, '
            || 'jeugdnorm.overlap_share(ingangsdatum, einddatum, date ''2024-01-01'', date ''2024-12-31'') AS os, '
            || 'jeugdnorm.is_extension(einddatum, date ''2025-01-01'') AS ext, '
            || 'jeugdnorm.recidive(einddatum, date ''2025-06-01'') AS rec '
            || 'FROM jeugdnorm.toewijzing',
        'CREATE TEMP TABLE jn_snap_c_aggregates AS SELECT client_id, '
            || 'jeugdnorm.care_path(ingangsdatum, einddatum, productcode)::text AS cp, '
            || 'jeugdnorm.verzilvering(volume, budget) AS vz '
            || 'FROM jeugdnorm.toewijzing GROUP BY client_id',
        'CREATE TEMP TABLE jn_snap_c_window AS SELECT gemeente, toewijzingnummer, '
            || 'jeugdnorm.follow_up(ingangsdatum, einddatum) OVER (PARTITION BY client_id '
            || 'ORDER BY ingangsdatum, einddatum NULLS LAST, toewijzingnummer, gemeente)::text AS fu '
            || 'FROM jeugdnorm.toewijzing',
        'CREATE TEMP TABLE jn_snap_eenheid_codes AS SELECT * FROM jeugdnorm.eenheid_codes()',
        'CREATE TEMP TABLE jn_snap_frequentie_codes AS SELECT * FROM jeugdnorm.frequentie_codes()']
    || (SELECT array_agg(format('CREATE TEMP TABLE %I AS SELECT * FROM %s',
                                'jn_snap_' || c.relnamespace::regnamespace::text || '_' || c.relname,
                                c.oid::regclass) ORDER BY c.oid::regclass::text)
          FROM pg_class c
         WHERE (c.relnamespace = 'jeugdnorm'::regnamespace AND c.relkind IN ('r', 'v'))
            OR (c.relnamespace = 'jeugdnorm_internal'::regnamespace AND c.relkind IN ('v', 'm')))
$$;

-- Runs stmts with search_path = path (restored afterwards); returns per
-- statement 'ok' or the SQLSTATE.  Only schema-qualified names inside.
CREATE FUNCTION pg_temp.jn_run(path text, stmts text[]) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
    old  text := pg_catalog.current_setting('search_path');
    stmt text;
    res  text[] := '{}';
BEGIN
    FOREACH stmt IN ARRAY stmts LOOP
        BEGIN
            PERFORM pg_catalog.set_config('search_path', path, true);
            EXECUTE stmt;
            PERFORM pg_catalog.set_config('search_path', old, true);
            res := pg_catalog.array_append(res, 'ok'::text);
        EXCEPTION WHEN OTHERS THEN
            -- the subtransaction's rollback restored the path
            res := pg_catalog.array_append(res, SQLSTATE::text);
        END;
    END LOOP;
    RETURN res;
END;
$$;

-- One md5 per jn_snap_* table (rows as jsonb text, sorted; surrogate keys,
-- load and refresh times left out: sequences do not roll back to a
-- savepoint, and the clock moves).
CREATE FUNCTION pg_temp.jn_fingerprint() RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
    r   record;
    h   text;
    res jsonb := '{}';
BEGIN
    FOR r IN SELECT c.relname FROM pg_class c
              WHERE c.relnamespace = pg_my_temp_schema() AND c.relname LIKE 'jn\_snap\_%' AND c.relkind = 'r'
    LOOP
        EXECUTE format($q$SELECT count(*) || ':' || md5(coalesce(string_agg(x, E'\n' ORDER BY x), ''))
                            FROM (SELECT (to_jsonb(t) - 'declaratie_id' - 'rejected_id' - 'rejected_at'
                                          - 'set_at' - 'load_id' - 'started' - 'finished' - 'refresh_id'
                                          - 'seconds' - 'last_load_id' - 'last_load_at' - 'last_refresh_id'
                                          - 'last_refresh_at')::text AS x FROM pg_temp.%I AS t) AS s$q$, r.relname)
            INTO h;
        res := res || jsonb_build_object(substr(r.relname, 9), h);
    END LOOP;
    RETURN res;
END;
$$;

-- ---- clean run -----------------------------------------------------------------------------
SAVEPOINT before_work;
SELECT array_to_string(pg_temp.jn_run('public', pg_temp.jn_work()), ',') AS clean_status \gset
SELECT pg_temp.jn_fingerprint() AS clean_fp \gset
ROLLBACK TO SAVEPOINT before_work;

SELECT is(:'clean_status'::text, array_to_string(array_fill('ok'::text, ARRAY[cardinality(pg_temp.jn_work())]), ','),
    'clean path: every statement of the work runs');
SELECT cmp_ok((SELECT count(*) FROM jsonb_object_keys(:'clean_fp'::jsonb)), '>=', 40::bigint,
    'the work covers loaders, refresh, C functions and every table and view (40+ result sets)');
SELECT is(:'clean_fp'::jsonb ->> 'load_toewijzingen', '1:' || md5('{"loaded": 4, "rejected": 3}'),
    'clean path: load_toewijzingen loads 4 rows (SP1 twice, SP2, SP3) and rejects 3 (SP4, SP5, SP6)');
SELECT is(:'clean_fp'::jsonb ->> 'load_declaraties', '1:' || md5('{"loaded": 3, "rejected": 3}'),
    'clean path: load_declaraties loads 3 lines and rejects 3 (a duplicate, a 8-digit bsn, a bad line)');
SELECT isnt(:'clean_fp'::jsonb ->> 'jeugdnorm_care_paths', '0:' || md5(''),
    'clean path: care_paths has rows');

-- ---- attacks -------------------------------------------------------------------------------
SELECT array_to_string(pg_temp.jn_run('evil, public, jeugdnorm', pg_temp.jn_work()), ',') AS evil1_status \gset
SELECT pg_temp.jn_fingerprint() AS evil1_fp \gset
SELECT is(:'evil1_status'::text, :'clean_status'::text, 'search_path evil, public, jeugdnorm: every statement runs');
SELECT is(
    (SELECT coalesce(array_agg(c.key ORDER BY c.key), '{}') FROM jsonb_each_text(:'clean_fp'::jsonb) AS c
      WHERE c.value IS DISTINCT FROM (:'evil1_fp'::jsonb ->> c.key)),
    '{}'::text[], 'search_path evil, public, jeugdnorm: no result differs from the clean run');
SELECT is((SELECT array_agg(DISTINCT fn ORDER BY fn) FROM evil.calls), NULL::text[],
    'search_path evil, public, jeugdnorm: no hostile function or operator was called');
SELECT is(pg_temp.jn_run('evil, public, jeugdnorm', ARRAY['SELECT jeugdnorm.set_pseudonym_key(''short'', true)']),
    '{22023}', 'search_path evil, public, jeugdnorm: a short key is still refused');
ROLLBACK TO SAVEPOINT before_work;

SELECT array_to_string(pg_temp.jn_run('evil, pg_catalog, public, jeugdnorm', pg_temp.jn_work()), ',') AS evil2_status \gset
SELECT pg_temp.jn_fingerprint() AS evil2_fp \gset
SELECT is(:'evil2_status'::text, :'clean_status'::text, 'search_path evil, pg_catalog, public, jeugdnorm: every statement runs');
SELECT is(
    (SELECT coalesce(array_agg(c.key ORDER BY c.key), '{}') FROM jsonb_each_text(:'clean_fp'::jsonb) AS c
      WHERE c.value IS DISTINCT FROM (:'evil2_fp'::jsonb ->> c.key)),
    '{}'::text[], 'search_path evil, pg_catalog, public, jeugdnorm: no result differs from the clean run');
SELECT is((SELECT array_agg(DISTINCT fn ORDER BY fn) FROM evil.calls), NULL::text[],
    'search_path evil, pg_catalog, public, jeugdnorm: no hostile function or operator was called');
SELECT is(pg_temp.jn_run('evil, pg_catalog, public, jeugdnorm', ARRAY['SELECT jeugdnorm.set_pseudonym_key(''short'', true)']),
    '{22023}', 'search_path evil, pg_catalog, public, jeugdnorm: a short key is still refused');
ROLLBACK TO SAVEPOINT before_work;

-- ---- catalogue: every plpgsql or SECURITY DEFINER function pins search_path ---------------
SELECT is(
    (SELECT coalesce(array_agg(p.oid::regprocedure::text ORDER BY p.oid::regprocedure::text), '{}')
       FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
      WHERE p.pronamespace IN ('jeugdnorm'::regnamespace, 'jeugdnorm_internal'::regnamespace)
        AND (l.lanname = 'plpgsql' OR p.prosecdef)
        AND NOT coalesce(p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'], false)
        -- a procedure that commits may have no SET clause (81_data_status.sql):
        -- refresh_job() names everything schema-qualified instead
        AND p.oid <> 'jeugdnorm.refresh_job()'::regprocedure),
    '{}'::text[],
    'every plpgsql and SECURITY DEFINER function has SET search_path = pg_catalog, pg_temp');
SELECT is(
    (SELECT coalesce(array_agg(p.oid::regprocedure::text ORDER BY p.oid::regprocedure::text), '{}')
       FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
      WHERE p.pronamespace IN ('jeugdnorm'::regnamespace, 'jeugdnorm_internal'::regnamespace)
        AND l.lanname = 'sql' AND p.prosqlbody IS NULL AND p.proconfig IS NULL),
    '{}'::text[],
    'every SQL function has a SQL-standard body (names bound at CREATE) or a pinned search_path');

SELECT * FROM finish();
ROLLBACK;
