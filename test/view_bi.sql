-- The BI shape of section 8 on the demo region (test/fixtures/demo_small.sql):
-- every plain view of schema jeugdnorm (whoever wrote it) has only the allowed
-- column types and a comment on itself and on every column;
-- column_dictionary lists exactly those columns; the dimensions have unique
-- keys, an 'onbekend' member, a contiguous calendar, and every key and date
-- any contract view shows.
BEGIN;
CREATE EXTENSION jeugdnorm;
\o /dev/null
\i test/fixtures/demo_small.sql
SELECT * FROM jeugdnorm.refresh();
\o

SELECT plan(26);

-- ---- the views of this layer exist as plain views -------------------------------------
SELECT is((SELECT array_agg(c.relname::text ORDER BY c.relname)
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'jeugdnorm' AND c.relkind = 'v'
              AND c.relname IN ('follow_up_rates', 'realisation', 'cost_overview', 'column_dictionary',
                                'dim_product', 'dim_aanbieder', 'dim_gemeente', 'dim_datum')),
          ARRAY['column_dictionary', 'cost_overview', 'dim_aanbieder', 'dim_datum', 'dim_gemeente',
                'dim_product', 'follow_up_rates', 'realisation'],
          'the money and BI views are plain views (relkind v) in schema jeugdnorm');

-- ---- column types: all plain views of schema jeugdnorm ------------------------------
SELECT is_empty(
    $$SELECT c.table_name, c.column_name, c.data_type, c.numeric_precision, c.numeric_scale
        FROM information_schema.columns c
        JOIN information_schema.tables t
          ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = 'jeugdnorm' AND t.table_type = 'VIEW'
         AND NOT (c.data_type IN ('integer', 'bigint', 'date', 'text', 'boolean')
                  OR (c.data_type = 'numeric'
                      AND (c.numeric_precision, c.numeric_scale) IN ((14, 2), (18, 6))))$$,
    'every column of every plain view in jeugdnorm is int4, int8, numeric(14,2), numeric(18,6), date, text or boolean');

SELECT is_empty(
    $$SELECT c.table_name, c.column_name, c.data_type, c.numeric_scale
        FROM information_schema.columns c
        JOIN information_schema.tables t
          ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = 'jeugdnorm' AND t.table_type = 'VIEW'
         AND c.data_type = 'numeric'
         AND ((c.column_name ~ '(amount$|^cost|^forecast|^payable_|^plafond$|^tarief$|^inkomsten$)'
               AND c.column_name !~ '^(verzilvering|cost_share)')
              <> (c.numeric_scale = 2))$$,
    'money columns (*amount, cost*, and of section 10 forecast*, payable_*, plafond, tarief, inkomsten; not the verzilvering_* and cost_share* ratios) are numeric(14,2), every other numeric is numeric(18,6)');

SELECT ok((SELECT count(*) FROM information_schema.tables
            WHERE table_schema = 'jeugdnorm' AND table_type = 'VIEW') >= 8,
          'the type checks above see at least the 8 views of this layer');

-- ---- comments ---------------------------------------------------------------------------
SELECT is_empty(
    $$SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'jeugdnorm' AND c.relkind = 'v'
         AND coalesce(obj_description(c.oid, 'pg_class'), '') = ''$$,
    'every plain view in jeugdnorm has a COMMENT');

SELECT is_empty(
    $$SELECT view_name, column_name FROM jeugdnorm.column_dictionary
       WHERE coalesce(description, '') = ''$$,
    'every column of every plain view in jeugdnorm has a COMMENT');

-- ---- column_dictionary --------------------------------------------------------------------
SELECT is((SELECT count(*) FROM jeugdnorm.column_dictionary),
          (SELECT count(*) FROM information_schema.columns c
             JOIN information_schema.tables t
               ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'jeugdnorm' AND t.table_type = 'VIEW'),
          'column_dictionary has one row per column of the plain views in jeugdnorm');

SELECT set_eq(
    $$SELECT view_name, column_name, ordinal FROM jeugdnorm.column_dictionary$$,
    $$SELECT c.table_name::text, c.column_name::text, c.ordinal_position::integer
        FROM information_schema.columns c
        JOIN information_schema.tables t
          ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = 'jeugdnorm' AND t.table_type = 'VIEW'$$,
    'column_dictionary names and ordinals = information_schema.columns');

SELECT is_empty(
    $$SELECT d.view_name, d.column_name, d.data_type
        FROM jeugdnorm.column_dictionary d
       WHERE d.data_type NOT IN ('integer', 'bigint', 'date', 'text', 'boolean',
                                 'numeric(14,2)', 'numeric(18,6)')$$,
    'column_dictionary.data_type shows the BI types as written in section 8');

-- ---- dimension keys -------------------------------------------------------------------------
SELECT is((SELECT count(*) = count(DISTINCT product) AND count(product) = count(*) FROM jeugdnorm.dim_product),
          true, 'dim_product: key product unique and not NULL');
SELECT is((SELECT count(*) = count(DISTINCT aanbieder) AND count(aanbieder) = count(*) FROM jeugdnorm.dim_aanbieder),
          true, 'dim_aanbieder: key aanbieder unique and not NULL');
SELECT is((SELECT count(*) = count(DISTINCT gemeente) AND count(gemeente) = count(*) FROM jeugdnorm.dim_gemeente),
          true, 'dim_gemeente: key gemeente unique and not NULL');
SELECT is((SELECT count(*) = count(DISTINCT datum) AND count(datum) = count(*) FROM jeugdnorm.dim_datum),
          true, 'dim_datum: key datum unique and not NULL');

SELECT is((SELECT (SELECT count(*) FROM jeugdnorm.dim_product WHERE product = '-1' AND omschrijving = 'onbekend')
                + (SELECT count(*) FROM jeugdnorm.dim_aanbieder WHERE aanbieder = '-1' AND naam = 'onbekend')
                + (SELECT count(*) FROM jeugdnorm.dim_gemeente WHERE gemeente = '-1')
                + (SELECT count(*) FROM jeugdnorm.dim_datum WHERE datum = '1900-01-01' AND month_name = 'onbekend')),
          4::bigint, 'each dimension has its one onbekend member (''-1'' / 1900-01-01)');

-- ---- dim_datum: contiguous whole years covering window and data ------------------------------
SELECT is((SELECT count(*) FROM jeugdnorm.dim_datum WHERE datum <> '1900-01-01'),
          (SELECT (max(datum) - min(datum) + 1)::bigint FROM jeugdnorm.dim_datum WHERE datum <> '1900-01-01'),
          'dim_datum is contiguous: one row per day between its first and last day');
SELECT is((SELECT to_char(min(datum), 'MM-DD') || ' ' || to_char(max(datum), 'MM-DD')
             FROM jeugdnorm.dim_datum WHERE datum <> '1900-01-01'),
          '01-01 12-31', 'dim_datum runs over whole calendar years');
SELECT ok((SELECT min(datum) FROM jeugdnorm.dim_datum WHERE datum <> '1900-01-01')
              <= least((SELECT window_start FROM jeugdnorm_internal.settings),
                       (SELECT min(ingangsdatum) FROM jeugdnorm_internal.allocations),
                       (SELECT min(begindatum) FROM jeugdnorm_internal.claims))
          AND (SELECT max(datum) FROM jeugdnorm.dim_datum)
              >= greatest((SELECT peildatum FROM jeugdnorm_internal.settings),
                          (SELECT max(coalesce(einddatum, ingangsdatum)) FROM jeugdnorm_internal.allocations),
                          (SELECT max(einddatum) FROM jeugdnorm_internal.claims)),
          'dim_datum covers the window and every allocation and claim date');
SELECT is_empty(
    $$SELECT datum FROM jeugdnorm.dim_datum
       WHERE datum <> '1900-01-01'
         AND (year <> extract(year FROM datum) OR quarter <> extract(quarter FROM datum)
              OR month <> extract(month FROM datum) OR iso_week <> extract(week FROM datum)
              OR month_name <> (ARRAY['januari','februari','maart','april','mei','juni','juli',
                                      'augustus','september','oktober','november','december'])[month]
              OR year IS NULL OR quarter IS NULL OR month IS NULL OR iso_week IS NULL)$$,
    'dim_datum attributes: year, quarter, month, ISO week and Dutch month name of each day');

-- ---- every key and date a contract view shows is in its dimension ------------------------------
-- Generic over the catalogue: every plain view of jeugdnorm except the
-- dimensions and the dictionary, every column named product / aanbieder /
-- gemeente and every date column.
CREATE FUNCTION pg_temp.dangling_keys()
RETURNS TABLE (view_name text, column_name text, value text)
LANGUAGE plpgsql AS $fn$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT c.table_name::text AS tbl, c.column_name::text AS col,
               CASE WHEN c.data_type = 'date' THEN 'jeugdnorm.dim_datum'
                    ELSE 'jeugdnorm.dim_' || c.column_name END AS dim,
               CASE WHEN c.data_type = 'date' THEN 'datum' ELSE c.column_name::text END AS dimcol
          FROM information_schema.columns c
          JOIN information_schema.tables t
            ON t.table_schema = c.table_schema AND t.table_name = c.table_name
         WHERE c.table_schema = 'jeugdnorm' AND t.table_type = 'VIEW'
           AND c.table_name NOT LIKE 'dim\_%' AND c.table_name <> 'column_dictionary'
           AND (c.column_name IN ('product', 'aanbieder', 'gemeente') OR c.data_type = 'date')
    LOOP
        RETURN QUERY EXECUTE format(
            'SELECT DISTINCT %L::text, %L::text, v.%I::text FROM jeugdnorm.%I v
              WHERE v.%I IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM %s d WHERE d.%I = v.%I)',
            r.tbl, r.col, r.col, r.tbl, r.col, r.dim, r.dimcol, r.col);
    END LOOP;
END
$fn$;

SELECT is_empty('SELECT * FROM pg_temp.dangling_keys()',
                'every product, aanbieder, gemeente and date shown by a contract view is in its dimension');

SELECT cmp_ok((SELECT count(*) FROM information_schema.columns c
                 JOIN information_schema.tables t
                   ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.table_schema = 'jeugdnorm' AND t.table_type = 'VIEW'
                  AND c.table_name NOT LIKE 'dim\_%' AND c.table_name <> 'column_dictionary'
                  AND c.column_name IN ('product', 'aanbieder', 'gemeente')), '>=', 3::bigint,
              'the dangling-key check sees at least 3 key columns');

-- The check can fail: a view showing a product that no dimension knows.
CREATE VIEW jeugdnorm.zz_probe AS SELECT 'ZZ999'::text AS product;
SELECT is((SELECT count(*) FROM pg_temp.dangling_keys() WHERE view_name = 'zz_probe'), 1::bigint,
          'a view showing an unknown product is caught by the dangling-key check');
DROP VIEW jeugdnorm.zz_probe;

-- Attribute sanity: aspecifiek products have a category and no code; catalogue
-- products carry the catalogue's attributes.
SELECT is_empty(
    $$SELECT d.product FROM jeugdnorm.dim_product d
        JOIN jeugdnorm.product p ON p.productcode = d.product
       WHERE NOT d.in_catalogue
          OR d.productgroep IS DISTINCT FROM p.productgroep
          OR d.financieringsvorm IS DISTINCT FROM p.financieringsvorm
          OR d.segment IS DISTINCT FROM p.segment$$,
    'dim_product: catalogue products carry the catalogue attributes');
SELECT is_empty(
    $$SELECT a.product FROM jeugdnorm_internal.allocations a
        JOIN jeugdnorm.dim_product d ON d.product = a.product
       WHERE a.productcode IS NULL
         AND (NOT d.aspecifiek OR d.productcode IS NOT NULL OR d.productcategorie IS DISTINCT FROM a.productcategorie)$$,
    'dim_product: aspecifiek products are flagged, with their category and no code');

-- keys seen only in a request (section 9) still get a dimension row
INSERT INTO jeugdnorm.verzoek (gemeente, verzoeknummer, aanbieder, productcategorie, productcode, ontvangen)
VALUES ('0999', 'BI-ONLY', '99999998', '47', '47X99', '2024-01-02');
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.dim_product WHERE product = '47X99' AND productcategorie = '47'),
          'dim_product holds a product requested but never allocated');
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.dim_aanbieder WHERE aanbieder = '99999998' AND NOT in_register),
          'dim_aanbieder holds a provider seen only in a request');
SELECT ok(EXISTS (SELECT 1 FROM jeugdnorm.dim_gemeente WHERE gemeente = '0999'),
          'dim_gemeente holds a gemeente seen only in a request');

SELECT * FROM finish();
ROLLBACK;
