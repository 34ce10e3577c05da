-- Catalogue labels of the C core and the SQLSTATE of every error it raises.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(35);

-- volatility / parallel / strictness / kind of every core function
SELECT results_eq(
  $$SELECT p.oid::regprocedure::text, p.prokind::text, p.provolatile::text,
           p.proparallel::text, p.proisstrict
      FROM pg_proc p
     WHERE p.pronamespace IN ('jeugdnorm'::regnamespace, 'jeugdnorm_internal'::regnamespace)
       AND p.proname IN ('eenheid_codes', 'frequentie_codes', 'is_eenheid', 'is_frequentie',
                         'canonical_unit', 'canonical_volume', 'is_extension', 'recidive',
                         'allocated_volume', 'overlap_share', 'care_path', 'care_path_trans',
                         'care_path_combine', 'care_path_serialize', 'care_path_deserialize',
                         'care_path_final', 'verzilvering', 'verzilvering_trans',
                         'verzilvering_combine', 'verzilvering_serialize',
                         'verzilvering_deserialize', 'verzilvering_final', 'follow_up')
     ORDER BY 1$$,
  $$VALUES
    ('jeugdnorm.allocated_volume(date,date,numeric,text,date,date)', 'f', 'i', 's', false),
    ('jeugdnorm.canonical_unit(text)', 'f', 'i', 's', true),
    ('jeugdnorm.canonical_volume(numeric,text)', 'f', 'i', 's', true),
    ('jeugdnorm.care_path(date,date,text)', 'a', 'i', 's', false),
    ('jeugdnorm.care_path(date,date,text,integer)', 'a', 'i', 's', false),
    ('jeugdnorm.eenheid_codes()', 'f', 'i', 's', true),
    ('jeugdnorm.follow_up(date,date,integer,integer)', 'w', 'i', 's', false),
    ('jeugdnorm.frequentie_codes()', 'f', 'i', 's', true),
    ('jeugdnorm.is_eenheid(text)', 'f', 'i', 's', true),
    ('jeugdnorm.is_extension(date,date,integer)', 'f', 'i', 's', false),
    ('jeugdnorm.is_frequentie(text)', 'f', 'i', 's', true),
    ('jeugdnorm.overlap_share(date,date,date,date)', 'f', 'i', 's', true),
    ('jeugdnorm.recidive(date,date,integer,integer)', 'f', 'i', 's', false),
    ('jeugdnorm.verzilvering(numeric,numeric)', 'a', 'i', 's', false),
    ('jeugdnorm_internal.care_path_combine(internal,internal)', 'f', 'i', 's', false),
    ('jeugdnorm_internal.care_path_deserialize(bytea,internal)', 'f', 'i', 's', true),
    ('jeugdnorm_internal.care_path_final(internal)', 'f', 'i', 's', false),
    ('jeugdnorm_internal.care_path_serialize(internal)', 'f', 'i', 's', true),
    ('jeugdnorm_internal.care_path_trans(internal,date,date,text)', 'f', 'i', 's', false),
    ('jeugdnorm_internal.care_path_trans(internal,date,date,text,integer)', 'f', 'i', 's', false),
    ('jeugdnorm_internal.verzilvering_combine(internal,internal)', 'f', 'i', 's', false),
    ('jeugdnorm_internal.verzilvering_deserialize(bytea,internal)', 'f', 'i', 's', true),
    ('jeugdnorm_internal.verzilvering_final(internal)', 'f', 'i', 's', false),
    ('jeugdnorm_internal.verzilvering_serialize(internal)', 'f', 'i', 's', true),
    ('jeugdnorm_internal.verzilvering_trans(internal,numeric,numeric)', 'f', 'i', 's', false)$$,
  'every core function is IMMUTABLE PARALLEL SAFE, STRICT only where no NULL has a meaning');

-- both aggregates have combine, serialise and deserialise functions
SELECT results_eq(
  $$SELECT aggfnoid::regprocedure::text, aggcombinefn::text, aggserialfn::text,
           aggdeserialfn::text, aggfinalfn::text, aggtranstype::regtype::text
      FROM pg_aggregate
     WHERE aggfnoid::regproc::text IN ('jeugdnorm.care_path', 'jeugdnorm.verzilvering')
     ORDER BY 1$$,
  $$VALUES
    ('jeugdnorm.care_path(date,date,text)', 'jeugdnorm_internal.care_path_combine', 'jeugdnorm_internal.care_path_serialize', 'jeugdnorm_internal.care_path_deserialize', 'jeugdnorm_internal.care_path_final', 'internal'),
    ('jeugdnorm.care_path(date,date,text,integer)', 'jeugdnorm_internal.care_path_combine', 'jeugdnorm_internal.care_path_serialize', 'jeugdnorm_internal.care_path_deserialize', 'jeugdnorm_internal.care_path_final', 'internal'),
    ('jeugdnorm.verzilvering(numeric,numeric)', 'jeugdnorm_internal.verzilvering_combine', 'jeugdnorm_internal.verzilvering_serialize', 'jeugdnorm_internal.verzilvering_deserialize', 'jeugdnorm_internal.verzilvering_final', 'internal')$$,
  'care_path and verzilvering have combine/serial/deserial functions');

SELECT is((SELECT pg_get_function_result('jeugdnorm.care_path(date,date,text)'::regprocedure)),
          'jeugdnorm.care_path[]', 'care_path returns jeugdnorm.care_path[]');
SELECT is((SELECT pg_get_function_arguments('jeugdnorm.follow_up(date,date,integer,integer)'::regprocedure)),
          'ingangsdatum date, einddatum date, extension_days integer DEFAULT 90, recidive_days integer DEFAULT 365',
          'follow_up defaults 90 / 365');
SELECT is((SELECT count(*) FROM pg_proc p
            WHERE p.pronamespace = 'jeugdnorm'::regnamespace
              AND p.proname IN ('is_extension', 'recidive', 'allocated_volume', 'overlap_share',
                                'eenheid_codes', 'frequentie_codes', 'is_eenheid', 'is_frequentie',
                                'canonical_unit', 'canonical_volume', 'follow_up', 'care_path', 'verzilvering',
                                'follow_up_agg')
              AND obj_description(p.oid, 'pg_proc') IS NULL),
          0::bigint, 'every public core function has a COMMENT');

-- errors: SQLSTATE, primary message (no routine name, PostgreSQL's style)
-- and the detail with the offending values, as one string
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE st text; msg text; det text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
    RETURN st || ': ' || msg || coalesce(' | ' || nullif(det, ''), '');
END $f$;
CREATE FUNCTION pg_temp.hint(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE h text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
    RETURN h;
END $f$;

SELECT is(pg_temp.err($$SELECT jeugdnorm.canonical_unit('99')$$),
          '22023: unknown eenheid code "99"', 'canonical_unit: unknown code');
SELECT is(pg_temp.err($$SELECT jeugdnorm.canonical_volume(1, 'uur')$$),
          '22023: unknown eenheid code "uur"', 'canonical_volume: unknown code');
SELECT is(pg_temp.err($$SELECT jeugdnorm.is_extension('2024-01-01', '2024-02-01', -1)$$),
          '22023: max_gap must not be negative | The max_gap is -1.', 'is_extension: negative max_gap');
SELECT is(pg_temp.err($$SELECT jeugdnorm.is_extension('2024-01-01', 'infinity')$$),
          '22008: next_start must be a finite date | The next_start is infinity.', 'is_extension: infinite next_start');
SELECT is(pg_temp.err($$SELECT jeugdnorm.is_extension('-infinity', '2024-01-01')$$),
          '22008: prev_end must not be -infinity | The prev_end is -infinity.', 'is_extension: -infinity prev_end');
SELECT is(pg_temp.err($$SELECT jeugdnorm.recidive('2024-01-01', '2024-02-01', 100, 50)$$),
          '22023: max_gap must not be less than min_gap | The max_gap is 50 and the min_gap is 100.', 'recidive: min_gap > max_gap');
SELECT is(pg_temp.err($$SELECT jeugdnorm.recidive('2024-01-01', '2024-02-01', 90, -1)$$),
          '22023: max_gap must not be negative | The max_gap is -1.', 'recidive: negative max_gap');
SELECT is(pg_temp.err($$SELECT jeugdnorm.allocated_volume('2024-01-10', '2024-01-01', 1, '1', '2024-01-01', '2024-12-31')$$),
          '22007: einddatum is before ingangsdatum | The einddatum is 2024-01-01 and the ingangsdatum is 2024-01-10.', 'allocated_volume: einddatum < ingangsdatum');
SELECT is(pg_temp.err($$SELECT jeugdnorm.allocated_volume('2024-01-01', '2024-01-31', 1, '3', '2024-01-01', '2024-12-31')$$),
          '22023: unknown frequentie code "3"', 'allocated_volume: unknown frequentie');
SELECT is(pg_temp.err($$SELECT jeugdnorm.allocated_volume('2024-01-01', '2024-01-31', 1, '1', '2024-12-31', '2024-01-01')$$),
          '22023: window_end is before window_start | The window_end is 2024-01-01 and the window_start is 2024-12-31.', 'allocated_volume: window reversed');
SELECT is(pg_temp.err($$SELECT jeugdnorm.allocated_volume('-infinity', NULL, 1, '1', '2024-01-01', '2024-12-31')$$),
          '22008: ingangsdatum must be a finite date | The ingangsdatum is -infinity.', 'allocated_volume: -infinity start');
SELECT is(pg_temp.err($$SELECT jeugdnorm.overlap_share('2024-01-10', '2024-01-01', '2024-01-01', '2024-12-31')$$),
          '22007: einddatum is before begindatum | The einddatum is 2024-01-01 and the begindatum is 2024-01-10.', 'overlap_share: einddatum < begindatum');
SELECT is(pg_temp.err($$SELECT jeugdnorm.overlap_share('2024-01-01', '2024-01-31', '2024-12-31', '2024-01-01')$$),
          '22023: window_end is before window_start | The window_end is 2024-01-01 and the window_start is 2024-12-31.', 'overlap_share: window reversed');
SELECT is(pg_temp.err($$SELECT jeugdnorm.overlap_share('2024-01-01', 'infinity', '2024-01-01', '2024-12-31')$$),
          '22008: einddatum must be a finite date | The einddatum is infinity.', 'overlap_share: infinite einddatum');
SELECT is(pg_temp.err($$SELECT jeugdnorm.care_path(NULL::date, NULL::date, 'a')$$),
          '22004: ingangsdatum must not be NULL | An allocation always has a start date; a NULL einddatum means open.', 'care_path: NULL ingangsdatum');
SELECT is(pg_temp.err($$SELECT jeugdnorm.care_path('2024-02-01'::date, '2024-01-01'::date, 'a')$$),
          '22007: einddatum is before ingangsdatum | The einddatum is 2024-01-01 and the ingangsdatum is 2024-02-01.', 'care_path: einddatum < ingangsdatum');
SELECT is(pg_temp.err($$SELECT jeugdnorm.care_path('2024-02-01'::date, NULL::date, 'a', -5)$$),
          '22023: max_gap must not be negative | The max_gap is -5.', 'care_path: negative max_gap');
SELECT is(pg_temp.err($$SELECT jeugdnorm.care_path('2024-02-01'::date, NULL::date, 'a', NULL)$$),
          '22004: max_gap must not be NULL', 'care_path: NULL max_gap');
SELECT is(pg_temp.err($$SELECT jeugdnorm.care_path(d, NULL, 'a', g) FROM (VALUES ('2024-01-01'::date, 90), ('2024-02-01', 30)) t(d, g)$$),
          '22023: max_gap must be the same for every row of a group | The group has rows with max_gap 90 and 30.', 'care_path: varying max_gap');
SELECT is(pg_temp.err($$SELECT jeugdnorm.follow_up(d, NULL) OVER (ORDER BY d DESC) FROM (VALUES ('2024-01-01'::date), ('2024-02-01')) t(d)$$),
          '22000: rows are not in the order ingangsdatum, einddatum NULLS LAST | Row (2024-01-01, NULL) comes after row (2024-02-01, NULL).', 'follow_up: unsorted partition');
SELECT is(pg_temp.err($$SELECT jeugdnorm.follow_up(NULL::date, NULL::date) OVER ()$$),
          '22004: ingangsdatum must not be NULL', 'follow_up: NULL ingangsdatum');
SELECT is(pg_temp.err($$SELECT jeugdnorm.follow_up('2024-02-01'::date, '2024-01-01'::date) OVER ()$$),
          '22007: einddatum is before ingangsdatum | The einddatum is 2024-01-01 and the ingangsdatum is 2024-02-01.', 'follow_up: einddatum < ingangsdatum');
SELECT is(pg_temp.err($$SELECT jeugdnorm.follow_up('2024-02-01'::date, NULL, -1, 365) OVER ()$$),
          '22023: extension_days must not be negative | The extension_days is -1.', 'follow_up: negative bound');
SELECT is(pg_temp.err($$SELECT jeugdnorm.follow_up('2024-02-01'::date, NULL, 90, 30) OVER ()$$),
          '22023: recidive_days must not be less than extension_days | The recidive_days is 30 and the extension_days is 90.', 'follow_up: recidive_days < extension_days');
SELECT is(pg_temp.err($$SELECT jeugdnorm.follow_up('2024-02-01'::date, NULL, 90, NULL) OVER ()$$),
          '22004: recidive_days must not be NULL', 'follow_up: NULL bound');
-- the unknown-code hints list the codes of the C tables (src/core/codes.c)
SELECT is(pg_temp.hint($$SELECT jeugdnorm.canonical_unit('99')$$),
          (SELECT 'Known WJ756 codes: ' || string_agg(code, ', ' ORDER BY code) || ' (see jeugdnorm.eenheid_codes()).'
             FROM jeugdnorm.eenheid_codes()),
          'unknown eenheid: the hint lists eenheid_codes()');
SELECT is(pg_temp.hint($$SELECT jeugdnorm.allocated_volume('2024-01-01', NULL, 1, '3', '2024-01-01', '2024-12-31')$$),
          (SELECT 'Known WJ757 codes: ' || string_agg(code, ', ' ORDER BY code) || ' (see jeugdnorm.frequentie_codes()).'
             FROM jeugdnorm.frequentie_codes()),
          'unknown frequentie: the hint lists frequentie_codes()');
SELECT is(pg_temp.hint($$SELECT jeugdnorm.canonical_unit('99')$$),
          'Known WJ756 codes: 01, 04, 14, 16, 82, 83, 84 (see jeugdnorm.eenheid_codes()).',
          'unknown eenheid: the hint as written');

-- the support functions refuse to run outside an aggregate
SELECT throws_ok($$SELECT jeugdnorm_internal.care_path_final(NULL::internal)$$, '42846', NULL, 'internal-typed support functions cannot be called from SQL');
SELECT is((SELECT (jeugdnorm.care_path(date '2024-01-01' + i, date '2024-01-01' + i, NULL))[1]
             FROM generate_series(0, 59) i),
          ROW(1, date '2024-01-01', date '2024-02-29', 60, NULL::text, 60)::jeugdnorm.care_path,
          'care_path of 60 consecutive one-day allocations: one path of 60 days');

SELECT * FROM finish();
ROLLBACK;
