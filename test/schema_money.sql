-- schema_money.sql -- the money inputs of DEFINITIONS.md section 10
-- (src/sql/23_money_inputs.sql, 88_money_tenancy.sql): keys, every named
-- CHECK refused with its name (SQLSTATE 23514, the constraint named in the
-- message), the foreign key of staffel, the two settings with their
-- defaults and the settings guard, registration for pg_dump, row-level
-- security and the loader's grants.  The tables have no loader function:
-- they are filled with plain INSERT / COPY (doc/money.md), so a bad row is
-- refused by its constraint and nothing reaches jeugdnorm.rejected.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(64);

-- ---- tables, keys -------------------------------------------------------------------------
SELECT has_table('jeugdnorm', t, 'table jeugdnorm.' || t)
  FROM unnest(ARRAY['gemeente_jaar', 'indexatie', 'capaciteit', 'budgetplafond', 'staffel']) t;
SELECT col_is_pk('jeugdnorm', 'gemeente_jaar', ARRAY['gemeente', 'jaar'], 'gemeente_jaar key (gemeente, jaar)');
SELECT col_is_pk('jeugdnorm', 'indexatie', ARRAY['jaar'], 'indexatie key jaar');
SELECT col_is_pk('jeugdnorm', 'capaciteit', ARRAY['gemeente', 'aanbieder', 'productcode', 'geldig_van'],
                 'capaciteit key (gemeente, aanbieder, productcode, geldig_van)');
SELECT col_is_pk('jeugdnorm', 'budgetplafond', ARRAY['plafond_id'], 'budgetplafond key plafond_id');
SELECT col_is_pk('jeugdnorm', 'staffel', ARRAY['plafond_id', 'vanaf_pct'], 'staffel key (plafond_id, vanaf_pct)');
SELECT columns_are('jeugdnorm', 'budgetplafond',
                   ARRAY['plafond_id', 'jaar', 'gemeente', 'aanbieder', 'productcode', 'plafond', 'donut_hole_pct'],
                   'budgetplafond has the contract columns');

-- ---- good rows load ------------------------------------------------------------------------
INSERT INTO jeugdnorm.gemeente_jaar VALUES ('0758', 2025, 12000, 25000000), ('0983', 2025, NULL, NULL),
                                           ('0984', 2025, 0, 0);
INSERT INTO jeugdnorm.indexatie VALUES (2025, 3.4), (2024, -1.5);
INSERT INTO jeugdnorm.capaciteit VALUES ('0758', '11111111', '43O04', '2025-01-01', NULL, 12),
                                        ('0758', '11111111', '43O04', '2025-03-01', '2025-03-01', 2.5);
INSERT INTO jeugdnorm.budgetplafond VALUES ('P1', 2025, NULL, '11111111', NULL, 1000000, 5),
                                           ('P2', 2025, '0758', '11111111', '45A12', 0.01, NULL);
INSERT INTO jeugdnorm.staffel VALUES ('P1', 90, 10), ('P1', 100, 100), ('P2', 0.5, 0);
SELECT is((SELECT count(*) FROM jeugdnorm.staffel), 3::bigint, 'good rows load (korting 0 and 100, a one-day capaciteit)');

-- keys of the money inputs are in the dimensions (budget_uitnutting shows them)
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.dim_aanbieder WHERE aanbieder = '11111111' AND NOT in_register),
          'dim_aanbieder holds the provider of a ceiling and a capaciteit row (no allocation, not in the register)');
SELECT is(ARRAY(SELECT gemeente FROM jeugdnorm.dim_gemeente ORDER BY 1), '{-1,0758,0983,0984}',
          'dim_gemeente holds the gemeenten of the ceilings, capaciteit and gemeente_jaar rows');

-- ---- every CHECK refused with its name -----------------------------------------------------
CREATE TEMP TABLE bad (sql text, rule text);
INSERT INTO bad VALUES
    ($$INSERT INTO jeugdnorm.gemeente_jaar VALUES ('758', 2025, 1, 1)$$, 'gemeente_jaar_gemeente_format'),
    ($$INSERT INTO jeugdnorm.gemeente_jaar VALUES ('0758', 1800, 1, 1)$$, 'gemeente_jaar_jaar_range'),
    ($$INSERT INTO jeugdnorm.gemeente_jaar VALUES ('0758', 2026, -1, 1)$$, 'gemeente_jaar_jeugdigen_not_negative'),
    ($$INSERT INTO jeugdnorm.gemeente_jaar VALUES ('0758', 2026, 1, -0.01)$$, 'gemeente_jaar_inkomsten_not_negative'),
    ($$INSERT INTO jeugdnorm.gemeente_jaar VALUES ('0758', 2026, 1, 'NaN')$$, 'gemeente_jaar_inkomsten_finite'),
    ($$INSERT INTO jeugdnorm.indexatie VALUES (3000, 1)$$, 'indexatie_jaar_range'),
    ($$INSERT INTO jeugdnorm.indexatie VALUES (2026, -100)$$, 'indexatie_pct_above_minus_100'),
    ($$INSERT INTO jeugdnorm.indexatie VALUES (2026, 'NaN')$$, 'indexatie_pct_finite'),
    ($$INSERT INTO jeugdnorm.capaciteit VALUES ('07580', '11111111', '43O04', '2026-01-01', NULL, 1)$$, 'capaciteit_gemeente_format'),
    ($$INSERT INTO jeugdnorm.capaciteit VALUES ('0758', '1111111', '43O04', '2026-01-01', NULL, 1)$$, 'capaciteit_aanbieder_format'),
    ($$INSERT INTO jeugdnorm.capaciteit VALUES ('0758', '11111111', '43O0', '2026-01-01', NULL, 1)$$, 'capaciteit_productcode_format'),
    ($$INSERT INTO jeugdnorm.capaciteit VALUES ('0758', '11111111', '43O04', 'infinity', NULL, 1)$$, 'capaciteit_geldig_van_finite'),
    ($$INSERT INTO jeugdnorm.capaciteit VALUES ('0758', '11111111', '43O04', '2026-01-01', 'infinity', 1)$$, 'capaciteit_geldig_tot_finite'),
    ($$INSERT INTO jeugdnorm.capaciteit VALUES ('0758', '11111111', '43O04', '2026-01-01', NULL, 0)$$, 'capaciteit_plekken_positive'),
    ($$INSERT INTO jeugdnorm.capaciteit VALUES ('0758', '11111111', '43O04', '2026-01-01', NULL, 'NaN')$$, 'capaciteit_plekken_finite'),
    ($$INSERT INTO jeugdnorm.capaciteit VALUES ('0758', '11111111', '43O04', '2026-01-02', '2026-01-01', 1)$$, 'capaciteit_geldig_tot_not_before_geldig_van'),
    ($$INSERT INTO jeugdnorm.budgetplafond VALUES ('', 2025, NULL, '11111111', NULL, 1, NULL)$$, 'budgetplafond_plafond_id_not_empty'),
    ($$INSERT INTO jeugdnorm.budgetplafond VALUES ('X', 20250, NULL, '11111111', NULL, 1, NULL)$$, 'budgetplafond_jaar_range'),
    ($$INSERT INTO jeugdnorm.budgetplafond VALUES ('X', 2025, 'abcd', '11111111', NULL, 1, NULL)$$, 'budgetplafond_gemeente_format'),
    ($$INSERT INTO jeugdnorm.budgetplafond VALUES ('X', 2025, NULL, 'AGB', NULL, 1, NULL)$$, 'budgetplafond_aanbieder_format'),
    ($$INSERT INTO jeugdnorm.budgetplafond VALUES ('X', 2025, NULL, '11111111', '45-12', 1, NULL)$$, 'budgetplafond_productcode_format'),
    ($$INSERT INTO jeugdnorm.budgetplafond VALUES ('X', 2025, NULL, '11111111', NULL, -1000, NULL)$$, 'budgetplafond_plafond_positive'),
    ($$INSERT INTO jeugdnorm.budgetplafond VALUES ('X', 2025, NULL, '11111111', NULL, 0, NULL)$$, 'budgetplafond_plafond_positive'),
    ($$INSERT INTO jeugdnorm.budgetplafond VALUES ('X', 2025, NULL, '11111111', NULL, 'NaN', NULL)$$, 'budgetplafond_plafond_finite'),
    ($$INSERT INTO jeugdnorm.budgetplafond VALUES ('X', 2025, NULL, '11111111', NULL, 1, -0.5)$$, 'budgetplafond_donut_hole_pct_not_negative'),
    ($$INSERT INTO jeugdnorm.budgetplafond VALUES ('X', 2025, NULL, '11111111', NULL, 1, 'NaN')$$, 'budgetplafond_donut_hole_pct_finite'),
    ($$INSERT INTO jeugdnorm.staffel VALUES ('P1', 0, 10)$$, 'staffel_vanaf_pct_positive'),
    ($$INSERT INTO jeugdnorm.staffel VALUES ('P1', 'NaN', 10)$$, 'staffel_vanaf_pct_finite'),
    ($$INSERT INTO jeugdnorm.staffel VALUES ('P1', 95, 100.01)$$, 'staffel_korting_pct_range'),
    ($$INSERT INTO jeugdnorm.staffel VALUES ('P1', 95, -1)$$, 'staffel_korting_pct_range'),
    ($$INSERT INTO jeugdnorm.staffel VALUES ('P1', 95, 'NaN')$$, 'staffel_korting_pct_finite'),
    ($$UPDATE jeugdnorm.settings SET budget_under_share = -0.1$$, 'settings_budget_under_share_range'),
    ($$UPDATE jeugdnorm.settings SET budget_over_share = 'NaN'$$, 'settings_budget_over_share_range'),
    ($$UPDATE jeugdnorm.settings SET budget_under_share = 1.01$$, 'settings_budget_under_share_not_above_over_share');
SELECT throws_ok(b.sql, '23514', NULL, 'refused: ' || b.rule) FROM bad b;
-- the message names the rule, for every one of them
CREATE FUNCTION pg_temp.error_of(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLERRM;
END $$;
SELECT is((SELECT array_agg(b.rule ORDER BY b.rule) FROM bad b
            WHERE pg_temp.error_of(b.sql) NOT LIKE '%"' || b.rule || '"%'),
          NULL, 'every refusal names its constraint in the error message');
SELECT throws_ok($$INSERT INTO jeugdnorm.staffel VALUES ('P9', 90, 10)$$, '23503',
                 'insert or update on table "staffel" violates foreign key constraint "staffel_plafond_id_fkey"',
                 'a staffel row for an unknown plafond is refused (staffel_plafond_id_fkey)');
SELECT throws_ok($$INSERT INTO jeugdnorm.budgetplafond VALUES ('P1', 2025, NULL, '11111111', NULL, 1, NULL)$$, '23505',
                 NULL, 'plafond_id is unique');
DELETE FROM jeugdnorm.budgetplafond WHERE plafond_id = 'P1';
SELECT is((SELECT count(*) FROM jeugdnorm.staffel WHERE plafond_id = 'P1'), 0::bigint,
          'deleting a ceiling deletes its staffel rows');
SELECT is((SELECT count(*) FROM jeugdnorm.rejected), 0::bigint, 'nothing went to jeugdnorm.rejected (plain INSERT, no loader)');

-- ---- settings -----------------------------------------------------------------------------------
SELECT results_eq($$SELECT budget_under_share, budget_over_share, changed FROM jeugdnorm.settings$$,
                  $$VALUES (0.80::numeric, 1.00::numeric, false)$$,
                  'settings: budget_under_share 0.80 and budget_over_share 1.00 by default, row unchanged');
UPDATE jeugdnorm.settings SET budget_under_share = 0.9, budget_over_share = 1.1;
SELECT results_eq($$SELECT budget_under_share, budget_over_share, changed FROM jeugdnorm.settings$$,
                  $$VALUES (0.9::numeric, 1.1::numeric, true)$$,
                  'settings: an UPDATE of the new columns marks the row changed (guard trigger)');
SELECT throws_ok($$DELETE FROM jeugdnorm.settings$$, '23001', NULL, 'settings keeps its one row');

-- ---- pg_dump, RLS, grants ----------------------------------------------------------------------
SELECT is((SELECT array_agg(c.relname::text ORDER BY c.relname)
             FROM pg_extension e CROSS JOIN unnest(e.extconfig) AS x(oid)
             JOIN pg_class c ON c.oid = x.oid
            WHERE e.extname = 'jeugdnorm'
              AND c.relname IN ('gemeente_jaar', 'indexatie', 'capaciteit', 'budgetplafond', 'staffel')),
          '{budgetplafond,capaciteit,gemeente_jaar,indexatie,staffel}',
          'the five money inputs are dumped by pg_dump (pg_extension_config_dump)');
SELECT is((SELECT array_agg(relname::text ORDER BY relname) FROM pg_class
            WHERE relnamespace = 'jeugdnorm'::regnamespace AND relrowsecurity
              AND relname IN ('gemeente_jaar', 'indexatie', 'capaciteit', 'budgetplafond', 'staffel')),
          '{budgetplafond,capaciteit,gemeente_jaar}',
          'row-level security on the money inputs that hold a gemeente');
SELECT ok((SELECT count(*) FROM jeugdnorm.create_roles()) = 3, 'create_roles() runs');
SELECT ok(has_table_privilege('jeugdnorm_loader', 'jeugdnorm.' || t, 'INSERT, UPDATE, DELETE, SELECT')
          AND NOT has_table_privilege('jeugdnorm_reader', 'jeugdnorm.' || t, 'SELECT'),
          'loader may fill jeugdnorm.' || t || ', reader may not read it')
  FROM unnest(ARRAY['gemeente_jaar', 'indexatie', 'capaciteit', 'budgetplafond', 'staffel']) t;

SELECT * FROM finish();
ROLLBACK;
