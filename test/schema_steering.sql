-- pgTAP: the section-9 input additions (issue 8, part 1): code lists, the
-- new toewijzing columns, verzoek, wijk, product_mapping, the setting, every
-- new CHECK (named, SQLSTATE 23514) and the toewijzing loader's reasons for
-- the new columns (rows kept in rejected).  The verzoek loader has its own
-- file (test/loader_verzoek.sql).
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(43);

-- ---- code lists ([S1]) -------------------------------------------------------
SELECT results_eq($$ SELECT code, omschrijving FROM jeugdnorm.verwijzer_codes() $$, $$ VALUES
    ('01', 'gemeente'), ('02', 'huisarts'), ('03', 'jeugdarts'), ('04', 'gecertificeerde instelling'),
    ('05', 'medisch specialist'), ('06', 'zelfverwijzer/geen verwijzer'),
    ('08', 'rechter, officier van justitie of JJI') $$,
    'verwijzer_codes(): COD327 with the [S1] names');
SELECT results_eq($$ SELECT code, reason FROM jeugdnorm.reden_beeindiging_codes() $$, $$ VALUES
    ('02', 'voortijdig, externe omstandigheden'), ('20', 'overig'), ('31', 'volgens plan'),
    ('32', 'voortijdig, eenzijdig door de cliënt'), ('33', 'voortijdig, eenzijdig door de aanbieder'),
    ('34', 'voortijdig, in overeenstemming'), ('35', 'voortijdig, externe omstandigheden'),
    ('36', 'overig'), ('37', 'overig'), ('38', 'overig'), ('39', 'overig') $$,
    'reden_beeindiging_codes(): JZ588 with the CBS class of every code');
SELECT results_eq($$ SELECT reason, reason_code, ordinal FROM jeugdnorm.reden_beeindiging_classes() $$, $$ VALUES
    ('volgens plan', '31', 1), ('voortijdig, in overeenstemming', '34', 2),
    ('voortijdig, eenzijdig door de cliënt', '32', 3), ('voortijdig, eenzijdig door de aanbieder', '33', 4),
    ('voortijdig, externe omstandigheden', '35,02', 5), ('overig', '20,36,37,38,39', 6),
    ('onbekend', NULL, 7) $$,
    'reden_beeindiging_classes(): the seven [S1] classes in order with their codes as the contract writes them');
SELECT is((SELECT string_agg(code, ',' ORDER BY ordinality) FROM jeugdnorm.reden_beeindiging_codes() WITH ORDINALITY
            WHERE reason = 'voortijdig, externe omstandigheden'), '02,35',
          'the classes and the codes agree: 02 and 35 are the external ones');
SELECT is((SELECT omschrijving FROM jeugdnorm.reden_beeindiging_codes() WHERE code = '20'),
          'tijdelijk beëindigd', 'names keep their diaeresis (UTF-8 converted to the database encoding)');
SELECT ok(jeugdnorm.is_verwijzer('08') AND NOT jeugdnorm.is_verwijzer('07') AND NOT jeugdnorm.is_verwijzer('8'),
          'is_verwijzer: exact codes only (07 does not exist, 8 is not 08)');
SELECT ok(jeugdnorm.is_reden_beeindiging('31') AND NOT jeugdnorm.is_reden_beeindiging('30'),
          'is_reden_beeindiging: 31 yes, 30 no');
SELECT ok(jeugdnorm.is_reden_afwijzing('1') AND jeugdnorm.is_reden_afwijzing('9')
          AND NOT jeugdnorm.is_reden_afwijzing('0') AND NOT jeugdnorm.is_reden_afwijzing('10'),
          'is_reden_afwijzing: one digit 1..9');
SELECT is(jeugdnorm.is_verwijzer(NULL), NULL, 'is_verwijzer(NULL) is NULL (STRICT), so a NULL column passes its CHECK');
SELECT is((SELECT count(*) FROM pg_proc p
            WHERE p.pronamespace = 'jeugdnorm'::regnamespace
              AND p.proname IN ('verwijzer_codes', 'reden_beeindiging_codes', 'reden_beeindiging_classes',
                                'is_verwijzer', 'is_reden_beeindiging', 'is_reden_afwijzing', 'is_postcode')
              AND p.provolatile = 'i' AND p.proisstrict AND p.proparallel = 's'),
          7::bigint, 'the seven code-list functions are IMMUTABLE STRICT PARALLEL SAFE');

-- ---- tables and columns ----------------------------------------------------------
CREATE FUNCTION pg_temp.cols(t text) RETURNS TABLE (name text, type text)
    LANGUAGE sql AS $$
    SELECT column_name::text, data_type::text
      FROM information_schema.columns
     WHERE table_schema = 'jeugdnorm' AND table_name = t
     ORDER BY ordinal_position $$;
SELECT results_eq($$ SELECT * FROM pg_temp.cols('verzoek') $$, $$ VALUES
    ('gemeente', 'text'), ('verzoeknummer', 'text'), ('client_id', 'text'), ('aanbieder', 'text'),
    ('productcategorie', 'text'), ('productcode', 'text'), ('ontvangen', 'date'),
    ('gewenste_ingangsdatum', 'date'), ('volume', 'numeric'), ('eenheid', 'text'),
    ('frequentie', 'text'), ('antwoord', 'text'), ('antwoord_datum', 'date'),
    ('reden_afwijzing', 'text'), ('toewijzingnummer', 'text'),
    ('verwijzer', 'text') $$,
    'verzoek: the section-9 columns in contract order (then verwijzer, section 11: 88_ijw_columns.sql)');
SELECT results_eq($$ SELECT * FROM pg_temp.cols('wijk') $$, $$ VALUES
    ('gemeente', 'text'), ('postcode', 'text'), ('wijk', 'text') $$, 'wijk: gemeente, postcode, wijk');
SELECT results_eq($$ SELECT * FROM pg_temp.cols('product_mapping') $$, $$ VALUES
    ('productcategorie', 'text'), ('productcode', 'text'), ('aanbieder', 'text'), ('geldig_van', 'date'),
    ('geldig_tot', 'date'), ('analysis_product', 'text'), ('product_mapping_id', 'bigint') $$,
    'product_mapping: the contract columns, then the surrogate key');
SELECT col_is_pk('jeugdnorm', 'verzoek', ARRAY['gemeente', 'verzoeknummer'], 'verzoek key: (gemeente, verzoeknummer)');
SELECT col_is_pk('jeugdnorm', 'wijk', ARRAY['gemeente', 'postcode', 'wijk'], 'wijk key: the whole row');
SELECT col_not_null('jeugdnorm', 'verzoek', 'ontvangen', 'verzoek.ontvangen is NOT NULL');
SELECT is((SELECT lead_time_target_days FROM jeugdnorm.settings), 56, 'lead_time_target_days defaults to 56');
SELECT throws_ok('UPDATE jeugdnorm.settings SET lead_time_target_days = -1', '23514', NULL,
                 'a negative lead_time_target_days is refused');
SELECT ok((SELECT relrowsecurity FROM pg_class WHERE oid = 'jeugdnorm.verzoek'::regclass),
          'verzoek has row-level security enabled, like toewijzing');
SELECT ok(has_table_privilege('public', 'jeugdnorm.product_mapping', 'SELECT')
          AND NOT has_table_privilege('public', 'jeugdnorm.product_mapping', 'INSERT'),
          'PUBLIC may read product_mapping (inlined into the views) but not change it');
SELECT is((SELECT count(*) FROM pg_extension e, unnest(e.extconfig) c
            WHERE e.extname = 'jeugdnorm'
              AND c::regclass::text IN ('jeugdnorm.verzoek', 'jeugdnorm.wijk', 'jeugdnorm.product_mapping',
                                        'jeugdnorm.product_mapping_product_mapping_id_seq')),
          4::bigint, 'pg_dump keeps verzoek, wijk, product_mapping and its sequence');

-- ---- every new CHECK, by name ----------------------------------------------------------
CREATE FUNCTION pg_temp.violates(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE c text;
BEGIN
    EXECUTE stmt;
    RETURN 'no error';
EXCEPTION WHEN check_violation THEN
    GET STACKED DIAGNOSTICS c = CONSTRAINT_NAME;
    RETURN c;
END $$;
SELECT is(pg_temp.violates($$ INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum, postcode)
                              VALUES ('0758', 'X', '2024-01-01', '5911AB') $$),
          'toewijzing_postcode_4_digits', 'a full postcode is refused (data minimisation)');
SELECT is(pg_temp.violates($$ INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum, postcode)
                              VALUES ('0758', 'X', '2024-01-01', '591') $$),
          'toewijzing_postcode_4_digits', 'a 3-digit postcode is refused');
SELECT is(pg_temp.violates($$ INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum, verwijzer)
                              VALUES ('0758', 'X', '2024-01-01', '07') $$),
          'toewijzing_verwijzer_known', 'an unknown verwijzer code is refused');
SELECT is(pg_temp.violates($$ INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum, reden_beeindiging)
                              VALUES ('0758', 'X', '2024-01-01', '99') $$),
          'toewijzing_reden_beeindiging_known', 'an unknown reden_beeindiging code is refused');
SELECT is(pg_temp.violates($$ INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum, toewijzingsdatum)
                              VALUES ('0758', 'X', '2024-01-01', 'infinity') $$),
          'toewijzing_toewijzingsdatum_finite', 'an infinite toewijzingsdatum is refused');
SELECT is(pg_temp.violates($$ INSERT INTO jeugdnorm.verzoek (gemeente, verzoeknummer, ontvangen, antwoord_datum)
                              VALUES ('0758', 'V', '2024-03-01', '2024-02-29') $$),
          'verzoek_antwoord_datum_not_before_ontvangen', 'an answer before the request was received is refused');
SELECT is(pg_temp.violates($$ INSERT INTO jeugdnorm.verzoek (gemeente, verzoeknummer, ontvangen, antwoord)
                              VALUES ('0758', 'V', '2024-03-01', 'ja') $$),
          'verzoek_antwoord_known', 'antwoord other than toegewezen / afgewezen is refused');
SELECT is(pg_temp.violates($$ INSERT INTO jeugdnorm.verzoek (gemeente, verzoeknummer, ontvangen, reden_afwijzing)
                              VALUES ('0758', 'V', '2024-03-01', '10') $$),
          'verzoek_reden_afwijzing_known', 'a two-digit reden_afwijzing is refused (WJ759 is one digit)');
SELECT is(pg_temp.violates($$ INSERT INTO jeugdnorm.verzoek (gemeente, verzoeknummer, ontvangen, eenheid)
                              VALUES ('0758', 'V', '2024-03-01', '99') $$),
          'verzoek_eenheid_known', 'an unknown eenheid on a request is refused');
SELECT is(pg_temp.violates($$ INSERT INTO jeugdnorm.verzoek (gemeente, verzoeknummer, ontvangen, volume)
                              VALUES ('0758', 'V', '2024-03-01', -1) $$),
          'verzoek_volume_not_negative', 'a negative requested volume is refused');
SELECT throws_ok($$ INSERT INTO jeugdnorm.verzoek (gemeente, verzoeknummer) VALUES ('0758', 'V') $$,
                 '23502', NULL, 'a request without ontvangen is refused (NOT NULL)');
SELECT is(pg_temp.violates($$ INSERT INTO jeugdnorm.wijk VALUES ('0758', '5911AB', 'Centrum') $$),
          'wijk_postcode_4_digits', 'wijk takes 4-digit postcodes only');
SELECT is(pg_temp.violates($$ INSERT INTO jeugdnorm.product_mapping (productcategorie, geldig_van, geldig_tot, analysis_product)
                              VALUES ('45', '2024-01-01', '2023-12-31', 'X') $$),
          'product_mapping_geldig_tot_not_before_geldig_van', 'a mapping ending before it starts is refused');
SELECT is(pg_temp.violates($$ INSERT INTO jeugdnorm.product_mapping (productcategorie, productcode, analysis_product)
                              VALUES ('45', '45A1', 'X') $$),
          'product_mapping_productcode_format', 'a mapping of a malformed productcode is refused');
SELECT is(pg_temp.violates($$ INSERT INTO jeugdnorm.rejected (source, target, row, reason)
                              VALUES ('s', 'wijk', '{}', 'r') $$),
          'rejected_target_known', 'rejected knows toewijzing, declaratie and verzoek only');
SELECT lives_ok($$ INSERT INTO jeugdnorm.rejected (source, target, row, reason) VALUES ('s', 'verzoek', '{}', 'r') $$,
                'rejected takes verzoek rows');

-- ---- load_toewijzingen: the section-9 columns, with reasons in words -------------------
CREATE TEMPORARY TABLE src (gemeente text, toewijzingnummer text, ingangsdatum text,
                            toewijzingsdatum text, verwijzer text, reden_beeindiging text, postcode text);
INSERT INTO src VALUES
    ('0758', 'OK-1', '2024-01-01', '2023-12-20', '02', '31', '5911'),
    ('0758', 'OK-2', '2024-01-01', NULL,         NULL, NULL, NULL),
    ('0758', 'BAD-1', '2024-01-01', NULL, NULL, NULL, '5911AB'),
    ('0758', 'BAD-2', '2024-01-01', NULL, '07', NULL, NULL),
    ('0758', 'BAD-3', '2024-01-01', NULL, NULL, '99', NULL),
    ('0758', 'BAD-4', '2024-01-01', '20-12-2023', NULL, NULL, NULL);
SELECT results_eq($$ SELECT * FROM jeugdnorm.load_toewijzingen('src') $$, $$ VALUES (2::bigint, 4::bigint) $$,
                  'load_toewijzingen: 2 loaded, 4 rejected, none lost');
SELECT results_eq($$ SELECT toewijzingnummer, toewijzingsdatum, verwijzer, reden_beeindiging, postcode
                       FROM jeugdnorm.toewijzing ORDER BY toewijzingnummer $$,
                  $$ VALUES ('OK-1', date '2023-12-20', '02', '31', '5911'),
                            ('OK-2', NULL::date, NULL, NULL, NULL) $$,
                  'the section-9 columns are stored as given (NULL when absent)');
SELECT results_eq($$ SELECT row->>'toewijzingnummer', reason FROM jeugdnorm.rejected
                      WHERE target = 'toewijzing' ORDER BY source_row_no $$,
                  $$ VALUES ('BAD-1', 'postcode ''5911AB'' is not 4 digits: only the 4-digit area may be stored (data minimisation)'),
                            ('BAD-2', 'unknown verwijzer code ''07'' (COD327: 01, 02, 03, 04, 05, 06, 08)'),
                            ('BAD-3', 'unknown reden_beeindiging code ''99'' (JZ588, see jeugdnorm.reden_beeindiging_codes())'),
                            ('BAD-4', 'value ''20-12-2023'' is not a valid date for toewijzingsdatum (expected YYYY-MM-DD)') $$,
                  'each bad section-9 value is rejected with its reason and the row kept in rejected');
SELECT is((SELECT row->>'postcode' FROM jeugdnorm.rejected WHERE row->>'toewijzingnummer' = 'BAD-1'), '5911AB',
          'the rejected row is kept as it was');

-- a later JW301 without the new columns leaves them as they are
CREATE TEMPORARY TABLE src2 (gemeente text, toewijzingnummer text, ingangsdatum date, einddatum date);
INSERT INTO src2 VALUES ('0758', 'OK-1', '2024-01-01', '2024-06-30');
SELECT results_eq($$ SELECT * FROM jeugdnorm.load_toewijzingen('src2') $$, $$ VALUES (1::bigint, 0::bigint) $$,
                  'an update without the section-9 columns loads');
SELECT results_eq($$ SELECT einddatum, verwijzer, reden_beeindiging, postcode FROM jeugdnorm.toewijzing
                      WHERE toewijzingnummer = 'OK-1' $$,
                  $$ VALUES (date '2024-06-30', '02', '31', '5911') $$,
                  'columns the source does not have keep their stored values on update');

SELECT * FROM finish();
ROLLBACK;
