-- pgTAP: the input schema (DEFINITIONS.md sections 2 and 6): tables, column
-- names/order/types, keys, indexes, the settings row, every CHECK, pg_dump
-- registration.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(83);

-- ---- tables and columns (names, order and types as in the contract) -------
SELECT has_table('jeugdnorm', t, 'table jeugdnorm.' || t || ' exists')
  FROM unnest(ARRAY['toewijzing', 'declaratie', 'product', 'norm', 'contract',
                    'aanbieder', 'settings', 'rejected']) AS t;

CREATE FUNCTION pg_temp.cols(t text) RETURNS TABLE (name text, type text)
    LANGUAGE sql AS $$
    SELECT column_name::text, data_type::text
      FROM information_schema.columns
     WHERE table_schema = 'jeugdnorm' AND table_name = t
     ORDER BY ordinal_position $$;

SELECT results_eq($$ SELECT * FROM pg_temp.cols('toewijzing') $$, $$ VALUES
    ('gemeente', 'text'), ('toewijzingnummer', 'text'), ('client_id', 'text'),
    ('geboortedatum', 'date'), ('aanbieder', 'text'), ('productcategorie', 'text'),
    ('productcode', 'text'), ('ingangsdatum', 'date'), ('einddatum', 'date'),
    ('volume', 'numeric'), ('eenheid', 'text'), ('frequentie', 'text'),
    ('budget', 'numeric'), ('reden_wijziging', 'text'),
    ('toewijzingsdatum', 'date'), ('verwijzer', 'text'), ('reden_beeindiging', 'text'),
    ('postcode', 'text') $$,
    'toewijzing: contract columns, order and types (section 2, then the section-9 columns)');
SELECT results_eq($$ SELECT * FROM pg_temp.cols('declaratie') $$, $$ VALUES
    ('gemeente', 'text'), ('toewijzingnummer', 'text'), ('client_id', 'text'),
    ('aanbieder', 'text'), ('productcategorie', 'text'), ('productcode', 'text'),
    ('begindatum', 'date'), ('einddatum', 'date'), ('volume', 'numeric'),
    ('eenheid', 'text'), ('bedrag', 'numeric'), ('declaratie_id', 'bigint'),
    ('referentienummer', 'text'), ('vorig_referentienummer', 'text') $$,
    'declaratie: contract columns, order and types, then the surrogate key, then the section-11 references');
SELECT results_eq($$ SELECT * FROM pg_temp.cols('product') $$, $$ VALUES
    ('productcategorie', 'text'), ('productcode', 'text'), ('omschrijving', 'text'),
    ('productgroep', 'text'), ('variant', 'text'), ('financieringsvorm', 'text'),
    ('segment', 'text'), ('tarief', 'numeric'),
    ('standaard_doorlooptijd_maanden', 'numeric'), ('standaard_volume', 'numeric') $$,
    'product: contract columns, order and types');
SELECT results_eq($$ SELECT * FROM pg_temp.cols('norm') $$, $$ VALUES
    ('productcode', 'text'), ('geldig_van', 'date'), ('geldig_tot', 'date'),
    ('max_doorlooptijd_maanden', 'numeric'), ('max_volume', 'numeric'),
    ('max_frequentie_per_week', 'numeric'), ('norm_id', 'bigint') $$,
    'norm: contract columns, order and types, then the surrogate key');
SELECT results_eq($$ SELECT * FROM pg_temp.cols('contract') $$, $$ VALUES
    ('gemeente', 'text'), ('aanbieder', 'text'), ('productcode', 'text'),
    ('geldig_van', 'date'), ('geldig_tot', 'date'), ('contract_id', 'bigint') $$,
    'contract: contract columns, order and types, then the surrogate key');
SELECT results_eq($$ SELECT * FROM pg_temp.cols('aanbieder') $$, $$ VALUES
    ('aanbieder', 'text'), ('naam', 'text'), ('type', 'text') $$,
    'aanbieder: contract columns, order and types');
SELECT results_eq($$ SELECT * FROM pg_temp.cols('settings') $$, $$ VALUES
    ('window_start', 'date'), ('peildatum', 'date'), ('extension_days', 'integer'),
    ('recidive_days', 'integer'), ('path_gap_days', 'integer'), ('max_age', 'integer'),
    ('drop_net_zero', 'boolean'), ('id', 'boolean'), ('changed', 'boolean'),
    ('lead_time_target_days', 'integer'), ('budget_under_share', 'numeric'), ('budget_over_share', 'numeric'),
    ('min_cell_paths', 'integer') $$,
    'settings: contract columns, order and types, then id and changed, then the section-9 setting, the section-10 settings and the norm sheets'' min_cell_paths');
SELECT results_eq($$ SELECT * FROM pg_temp.cols('rejected') $$, $$ VALUES
    ('rejected_id', 'bigint'), ('source', 'text'), ('target', 'text'), ('row', 'jsonb'),
    ('reason', 'text'), ('rejected_at', 'timestamp with time zone'),
    ('source_row_no', 'bigint'), ('load_id', 'bigint'), ('bericht_id', 'bigint'), ('element_pad', 'text') $$,
    'rejected: columns, order and types (load_id: load_log; bericht_id, element_pad: load_ijw, section 11)');

-- ---- keys and indexes ------------------------------------------------------
SELECT col_is_pk('jeugdnorm', 'toewijzing', ARRAY['gemeente', 'toewijzingnummer'], 'toewijzing PK is (gemeente, toewijzingnummer)');
SELECT col_is_pk('jeugdnorm', 'declaratie', 'declaratie_id', 'declaratie PK is the surrogate declaratie_id');
SELECT col_is_pk('jeugdnorm', 'product', ARRAY['productcategorie', 'productcode'], 'product PK is (productcategorie, productcode)');
SELECT col_is_pk('jeugdnorm', 'norm', 'norm_id', 'norm PK is the surrogate norm_id');
SELECT col_is_unique('jeugdnorm', 'norm', ARRAY['productcode', 'geldig_van'], 'norm (productcode, geldig_van) is unique');
SELECT col_is_pk('jeugdnorm', 'contract', 'contract_id', 'contract PK is the surrogate contract_id');
SELECT col_is_pk('jeugdnorm', 'aanbieder', 'aanbieder', 'aanbieder PK is aanbieder');
SELECT col_is_pk('jeugdnorm', 'settings', 'id', 'settings PK is id (single row)');
SELECT col_is_pk('jeugdnorm', 'rejected', 'rejected_id', 'rejected PK is rejected_id');
SELECT has_index('jeugdnorm', 'toewijzing', 'toewijzing_client_aanbieder_product_idx',
                 ARRAY['client_id', 'aanbieder', 'productcode', 'ingangsdatum'], 'index for path building');
SELECT has_index('jeugdnorm', 'toewijzing', 'toewijzing_client_ingangsdatum_idx',
                 ARRAY['client_id', 'ingangsdatum'], 'index for follow-up per client');
SELECT has_index('jeugdnorm', 'declaratie', 'declaratie_gemeente_toewijzingnummer_idx',
                 ARRAY['gemeente', 'toewijzingnummer'], 'index for claim matching');
SELECT col_not_null('jeugdnorm', 'toewijzing', 'ingangsdatum', 'toewijzing.ingangsdatum NOT NULL');
SELECT col_is_null('jeugdnorm', 'toewijzing', 'einddatum', 'toewijzing.einddatum may be NULL (open)');
SELECT col_is_null('jeugdnorm', 'toewijzing', 'productcode', 'toewijzing.productcode may be NULL (aspecifiek)');
SELECT col_not_null('jeugdnorm', 'declaratie', 'begindatum', 'declaratie.begindatum NOT NULL');
SELECT col_not_null('jeugdnorm', 'declaratie', 'einddatum', 'declaratie.einddatum NOT NULL');
SELECT col_is_null('jeugdnorm', 'norm', 'geldig_van', 'norm.geldig_van may be NULL (never matches, [R9])');

-- ---- the settings row --------------------------------------------------------
SELECT results_eq(
    $$ SELECT window_start, peildatum, extension_days, recidive_days, path_gap_days,
              max_age, drop_net_zero, changed FROM jeugdnorm.settings $$,
    $$ VALUES ('2021-01-01'::date, NULL::date, 90, 365, 90, 21, true, false) $$,
    'settings: exactly one row with the defaults of section 6');
SELECT throws_ok($$ INSERT INTO jeugdnorm.settings DEFAULT VALUES $$, '23505',
    'duplicate key value violates unique constraint "settings_single_row"',
    'a second settings row is refused');
SELECT throws_ok($$ INSERT INTO jeugdnorm.settings (id) VALUES (false) $$, '23514',
    'new row for relation "settings" violates check constraint "settings_id_true"',
    'a settings row with id false is refused');
SELECT throws_ok($$ DELETE FROM jeugdnorm.settings $$, '23001',
    'jeugdnorm.settings must keep its one row', 'DELETE of the settings row is refused');
SELECT throws_ok($$ TRUNCATE jeugdnorm.settings $$, '23001',
    'jeugdnorm.settings must keep its one row', 'TRUNCATE of settings is refused');
SELECT throws_ok($$ UPDATE jeugdnorm.settings SET window_start = '2024-01-01', peildatum = '2023-12-31' $$,
    '23514', 'new row for relation "settings" violates check constraint "settings_window_start_not_after_peildatum"',
    'window_start after peildatum is refused');
SELECT throws_ok($$ UPDATE jeugdnorm.settings SET window_start = '2999-01-01' $$,
    '23514', NULL, 'window_start after current_date with peildatum NULL is refused');
SELECT throws_like($$ UPDATE jeugdnorm.settings SET window_start = '2999-01-01' $$,
    'window_start 2999-01-01 is after the peildatum (NULL = current_date, %)',
    '... with a message naming the window_start');
SELECT throws_ok($$ UPDATE jeugdnorm.settings SET extension_days = -1 $$, '23514',
    'new row for relation "settings" violates check constraint "settings_extension_days_not_negative"',
    'negative extension_days is refused');
SELECT throws_ok($$ UPDATE jeugdnorm.settings SET path_gap_days = -1 $$, '23514',
    'new row for relation "settings" violates check constraint "settings_path_gap_days_not_negative"',
    'negative path_gap_days is refused');
SELECT throws_ok($$ UPDATE jeugdnorm.settings SET max_age = -1 $$, '23514',
    'new row for relation "settings" violates check constraint "settings_max_age_not_negative"',
    'negative max_age is refused');
SELECT throws_ok($$ UPDATE jeugdnorm.settings SET recidive_days = 80 $$, '23514',
    'new row for relation "settings" violates check constraint "settings_recidive_days_not_below_extension_days"',
    'recidive_days < extension_days is refused');
SELECT lives_ok($$ UPDATE jeugdnorm.settings SET peildatum = '2025-06-30', recidive_days = 180, max_age = NULL $$,
    'good settings are accepted (recidive bound of 6 months, no age filter)');
SELECT results_eq($$ SELECT peildatum, recidive_days, max_age, changed FROM jeugdnorm.settings $$,
    $$ VALUES ('2025-06-30'::date, 180, NULL::integer, true) $$,
    'an UPDATE is stored and marks the row changed (so pg_dump keeps it)');

-- ---- every CHECK fires, naming its constraint -------------------------------
CREATE FUNCTION pg_temp.bad_toewijzing(col text, val text) RETURNS text
    LANGUAGE sql AS $$
    SELECT format('INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum, %I) '
                  'VALUES (''0758'', ''T1'', ''2024-02-01'', %L)', col, val) $$;
CREATE FUNCTION pg_temp.msg(tab text, con text) RETURNS text
    LANGUAGE sql AS $$
    SELECT format('new row for relation "%s" violates check constraint "%s"', tab, con) $$;

SELECT throws_ok(pg_temp.bad_toewijzing('einddatum', '2024-01-01'), '23514',
    pg_temp.msg('toewijzing', 'toewijzing_einddatum_not_before_ingangsdatum'), 'toewijzing: einddatum before ingangsdatum');
SELECT throws_ok($$ INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum) VALUES ('0758', '', '2024-02-01') $$, '23514',
    pg_temp.msg('toewijzing', 'toewijzing_toewijzingnummer_not_empty'), 'toewijzing: empty toewijzingnummer');
SELECT throws_ok($$ INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum) VALUES ('758', 'T1', '2024-02-01') $$, '23514',
    pg_temp.msg('toewijzing', 'toewijzing_gemeente_format'), 'toewijzing: gemeente ''758'' (3 digits)');
SELECT throws_ok(pg_temp.bad_toewijzing('aanbieder', '1234567'), '23514',
    pg_temp.msg('toewijzing', 'toewijzing_aanbieder_format'), 'toewijzing: aanbieder ''1234567'' (7 digits)');
SELECT throws_ok(pg_temp.bad_toewijzing('productcategorie', '4'), '23514',
    pg_temp.msg('toewijzing', 'toewijzing_productcategorie_format'), 'toewijzing: productcategorie ''4''');
SELECT throws_ok(pg_temp.bad_toewijzing('productcode', '45A1'), '23514',
    pg_temp.msg('toewijzing', 'toewijzing_productcode_format'), 'toewijzing: productcode ''45A1'' (4 characters)');
SELECT throws_ok(pg_temp.bad_toewijzing('eenheid', '99'), '23514',
    pg_temp.msg('toewijzing', 'toewijzing_eenheid_known'), 'toewijzing: unknown eenheid ''99''');
SELECT throws_ok(pg_temp.bad_toewijzing('frequentie', '9'), '23514',
    pg_temp.msg('toewijzing', 'toewijzing_frequentie_known'), 'toewijzing: unknown frequentie ''9''');
SELECT throws_ok(pg_temp.bad_toewijzing('volume', '-3'), '23514',
    pg_temp.msg('toewijzing', 'toewijzing_volume_not_negative'), 'toewijzing: negative volume');
SELECT throws_ok(pg_temp.bad_toewijzing('volume', 'NaN'), '23514',
    pg_temp.msg('toewijzing', 'toewijzing_volume_finite'), 'toewijzing: NaN volume');
SELECT throws_ok(pg_temp.bad_toewijzing('budget', '-0.01'), '23514',
    pg_temp.msg('toewijzing', 'toewijzing_budget_not_negative'), 'toewijzing: negative budget');
SELECT throws_ok(pg_temp.bad_toewijzing('reden_wijziging', '1'), '23514',
    pg_temp.msg('toewijzing', 'toewijzing_reden_wijziging_format'), 'toewijzing: reden_wijziging ''1''');
SELECT throws_ok(pg_temp.bad_toewijzing('einddatum', 'infinity'), '23514',
    pg_temp.msg('toewijzing', 'toewijzing_dates_finite'), 'toewijzing: einddatum infinity (open is NULL)');
SELECT throws_ok($$ INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer) VALUES ('0758', 'T1') $$, '23502',
    NULL, 'toewijzing: ingangsdatum is required');

SELECT lives_ok($$ INSERT INTO jeugdnorm.toewijzing VALUES
    ('0758', 'T1', 'c1', '2010-05-01', '12345678', '45', '45A12', '2024-02-01', '2024-02-01',
     0, '04', '2', 0, '13') $$,
    'toewijzing: a valid row (one day, volume 0, reden 13) is accepted');
SELECT lives_ok($$ INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, productcategorie, ingangsdatum)
    VALUES ('0758', 'T2', '45', '2024-02-01') $$,
    'toewijzing: an aspecifiek, open allocation is accepted');
SELECT throws_ok($$ INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum) VALUES ('0758', 'T1', '2024-03-01') $$,
    '23505', 'duplicate key value violates unique constraint "toewijzing_pkey"',
    'toewijzing: (gemeente, toewijzingnummer) is unique');

SELECT throws_ok($$ INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum, einddatum)
    VALUES ('0758', 'T1', '2024-02-01', '2024-01-31') $$, '23514',
    pg_temp.msg('declaratie', 'declaratie_einddatum_not_before_begindatum'), 'declaratie: einddatum before begindatum');
SELECT throws_ok($$ INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum, einddatum, eenheid)
    VALUES ('0758', 'T1', '2024-01-01', '2024-01-31', '99') $$, '23514',
    pg_temp.msg('declaratie', 'declaratie_eenheid_known'), 'declaratie: unknown eenheid ''99''');
SELECT throws_ok($$ INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum, einddatum, productcode)
    VALUES ('0758', 'T1', '2024-01-01', '2024-01-31', '45A123') $$, '23514',
    pg_temp.msg('declaratie', 'declaratie_productcode_format'), 'declaratie: productcode of 6 characters');
SELECT throws_ok($$ INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum, einddatum, bedrag)
    VALUES ('0758', 'T1', '2024-01-01', '2024-01-31', 'NaN') $$, '23514',
    pg_temp.msg('declaratie', 'declaratie_bedrag_finite'), 'declaratie: NaN bedrag');
SELECT throws_ok($$ INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum)
    VALUES ('0758', 'T1', '2024-01-01') $$, '23502', NULL, 'declaratie: einddatum is required');
SELECT lives_ok($$ INSERT INTO jeugdnorm.declaratie
    (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode, begindatum, einddatum, volume, eenheid, bedrag)
    VALUES ('0758', 'T1', 'c1', '12345678', '45', '45A12', '2024-02-01', '2024-02-29', -8, '04', -640.00) $$,
    'declaratie: a credit line (negative volume and bedrag) is accepted');
SELECT lives_ok($$ INSERT INTO jeugdnorm.declaratie
    (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode, begindatum, einddatum, volume, eenheid, bedrag)
    VALUES ('0758', 'T1', 'c1', '12345678', '45', '45A12', '2024-02-01', '2024-02-29', -8, '04', -640.00) $$,
    'declaratie: the table itself accepts an exact duplicate (the loaders refuse it)');

SELECT throws_ok($$ INSERT INTO jeugdnorm.product (productcategorie, productcode, variant) VALUES ('45', '45A12', 'extra') $$,
    '23514', pg_temp.msg('product', 'product_variant_known'), 'product: unknown variant');
SELECT throws_ok($$ INSERT INTO jeugdnorm.product (productcategorie, productcode, financieringsvorm) VALUES ('45', '45A12', 'pxq') $$,
    '23514', pg_temp.msg('product', 'product_financieringsvorm_known'), 'product: unknown financieringsvorm');
SELECT throws_ok($$ INSERT INTO jeugdnorm.norm (productcode, geldig_van, geldig_tot) VALUES ('GGZ', '2024-01-01', '2023-12-31') $$,
    '23514', pg_temp.msg('norm', 'norm_geldig_tot_not_before_geldig_van'), 'norm: geldig_tot before geldig_van');
SELECT lives_ok($$ INSERT INTO jeugdnorm.norm (productcode, geldig_van, max_volume) VALUES ('Ambulant perspectief 1', '2024-01-01', 40),
                                                                                        ('45A12', NULL, 10), ('45A12', NULL, 12) $$,
    'norm: a productgroep as productcode, and NULL geldig_van rows, are accepted');
SELECT throws_ok($$ INSERT INTO jeugdnorm.norm (productcode, geldig_van) VALUES ('GGZ', '2024-01-01'), ('GGZ', '2024-01-01') $$,
    '23505', 'duplicate key value violates unique constraint "norm_productcode_geldig_van_key"',
    'norm: two versions with the same geldig_van are refused');
SELECT throws_ok($$ INSERT INTO jeugdnorm.contract (gemeente, aanbieder, productcode, geldig_van) VALUES ('0758', '1234567', '45A12', '2024-01-01') $$,
    '23514', pg_temp.msg('contract', 'contract_aanbieder_format'), 'contract: aanbieder of 7 digits');
SELECT throws_ok($$ INSERT INTO jeugdnorm.aanbieder (aanbieder, naam) VALUES ('ABCDEFGH', 'x') $$,
    '23514', pg_temp.msg('aanbieder', 'aanbieder_aanbieder_format'), 'aanbieder: AGB code of letters');

-- ---- pg_dump keeps user data ---------------------------------------------------
-- Generic on purpose: every table and sequence of schema jeugdnorm holds
-- user data (the catalogue of the extension itself is views and functions),
-- so a table added later without pg_extension_config_dump fails here.
SELECT set_eq(
    $$ SELECT c::regclass::text, coalesce(w, '') COLLATE "default"
         FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS u(c, w)
        WHERE e.extname = 'jeugdnorm' $$,
    $$ SELECT c.oid::regclass::text,
              CASE WHEN c.relname = 'settings' THEN 'WHERE changed' ELSE '' END
         FROM pg_class c
        WHERE c.relnamespace = 'jeugdnorm'::regnamespace AND c.relkind IN ('r', 'S') $$,
    'pg_extension_config_dump: every table and sequence of schema jeugdnorm, settings only when changed');

-- Restore path: in a fresh database CREATE EXTENSION inserts the default
-- row, then pg_restore COPYs the dumped row (changed = true, the only kind
-- pg_dump writes).  The insert trigger fires for COPY as for INSERT.
DROP EXTENSION jeugdnorm CASCADE;
CREATE EXTENSION jeugdnorm;
SELECT lives_ok($$ INSERT INTO jeugdnorm.settings
    (window_start, peildatum, extension_days, recidive_days, path_gap_days, max_age, drop_net_zero, id, changed)
    VALUES ('2022-01-01', '2024-12-31', 60, 180, 60, 17, false, true, true) $$,
    'restore: the dumped settings row loads over the default row');
SELECT results_eq($$ SELECT window_start, peildatum, extension_days, recidive_days, path_gap_days,
                            max_age, drop_net_zero, changed FROM jeugdnorm.settings $$,
    $$ VALUES ('2022-01-01'::date, '2024-12-31'::date, 60, 180, 60, 17, false, true) $$,
    'restore: exactly one row, the user''s settings');
SELECT throws_ok($$ INSERT INTO jeugdnorm.settings (changed) VALUES (true) $$, '23505',
    'duplicate key value violates unique constraint "settings_single_row"',
    'restore: a changed row is never overwritten by another insert');
SELECT * FROM finish();
ROLLBACK;
