-- pgTAP: the walkthrough of doc/own-data.md ("your own data in 15
-- minutes") runs as written -- doc/examples/own-data.sql on the CSV files
-- of doc/examples/ -- and gives the answers the document shows, computed by
-- hand below.  Run from the repository root (run-tests.sh does), as the
-- script's \copy paths are relative to it.
--
-- The data (gemeente 0983, product 45A12, provider 12345678, norm: 60 hours,
-- 6 months, 3 hours a week; window 2023-01-01 .. peildatum 2024-12-31):
--   path c001: T1 + T2 (gap 1), claims 13+12+13 + 13+13+13 = 77 h,
--              2023-01-01..2023-06-30 = 181 days
--   path c002: T3, 6 x 8 = 48 h, 2023-02-01..2023-07-31 = 181 days
--   path c003: T4, 16+17+17 = 50 h, 2023-03-01..2023-05-31 = 92 days
--   path c004: T5, open: not completed, not in the spread
--   rejected: T6 (date 01-02-2024), T7 (gemeente 983), one claim line of T3
--   (month 13); the claim line of T9 has no allocation (loads, counts nowhere)
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(10);

\o /dev/null
\i doc/examples/own-data.sql
\o

SELECT is((SELECT count(*) FROM jeugdnorm.toewijzing), 5::bigint, 'own data: 5 of 7 allocations load');
SELECT is((SELECT count(*) FROM jeugdnorm.declaratie), 19::bigint, 'own data: 19 of 20 claim lines load');
SELECT is((SELECT count(*) FROM jeugdnorm.verzoek), 4::bigint, 'own data: the 4 requests load');
SELECT results_eq(
    $$ SELECT target, source_row_no::int, reason FROM jeugdnorm.rejected ORDER BY rejected_id $$,
    $$ VALUES ('toewijzing', 6, 'value ''01-02-2024'' is not a valid date for ingangsdatum (expected YYYY-MM-DD)'),
              ('toewijzing', 7, 'gemeente ''983'' is not 4 digits'),
              ('declaratie', 13, 'value ''2023-13-01'' is not a valid date for begindatum (expected YYYY-MM-DD); value ''2023-13-31'' is not a valid date for einddatum (expected YYYY-MM-DD)') $$,
    'own data: the three rejected rows with their reasons');

-- (1) volume: 48, 50, 77 -> mean 175/3; percentile_cont p25 = 48 + 0.5 x 2,
--     median 50, p75 = 50 + 0.5 x 27.  doorlooptijd: 92 / 30.4375 = 3.022587,
--     181 / 30.4375 = 5.946612 (twice); mean (92 + 181 + 181) / 3 / 30.4375.
SELECT results_eq(
    $$ SELECT measure, n, mean, min, p25, median, p75, max, unit
         FROM jeugdnorm.product_spread WHERE product = '45A12' ORDER BY measure $$,
    $$ VALUES ('doorlooptijd', 3::bigint, 4.971937, 3.022587, 4.484600, 5.946612, 5.946612, 5.946612, 'maand'),
              ('frequentie',   3::bigint, 2.879534, 1.856354, 2.417127, 2.977901, 3.391124, 3.804348, 'uur per week'),
              ('volume',       3::bigint, 58.333333, 48.000000, 49.000000, 50.000000, 63.500000, 77.000000, 'uur') $$,
    'own data answer 1: the spread of the three completed paths');

-- (2) above 60 h: 77 (1 of 3); above 6 months: none; above 3 h a week:
--     50 / (92 / 7) = 3.804348 (1 of 3); ratios 0.8, 0.833333, 1.283333.
SELECT results_eq(
    $$ SELECT paths, paths_with_norm, share_above_volume, share_above_doorlooptijd,
              share_above_frequentie, median_ratio_volume
         FROM jeugdnorm.norm_deviation WHERE product = '45A12' AND is_total $$,
    $$ VALUES (3::bigint, 3::bigint, 0.333333, 0.000000, 0.333333, 0.833333) $$,
    'own data answer 2: one path in three above the volume norm');

-- (3) allocated in 2023, per week: 3 x 90/7 + 3 x 91/7 + 2 x 181/7 + 4 x 92/7
--     = 1273/7 = 181.857143 h; claimed 77 + 48 + 50 = 175 h;
--     175 / (1273/7) = 1225/1273 = 0.962294; money x 70 a hour.
SELECT results_eq(
    $$ SELECT year, aanbieder_type, allocated_volume, claimed_volume, verzilvering_volume,
              allocated_amount, claimed_amount, verzilvering_amount
         FROM jeugdnorm.realisation WHERE product = '45A12' AND year = 2023 $$,
    $$ VALUES (2023, 'regulier', 181.857143, 175.000000, 0.962294, 12730.00, 12250.00, 0.962294) $$,
    'own data answer 3: verzilvering 2023');

-- V4 received 2024-11-01, unanswered: 60 days on 2024-12-31
SELECT results_eq(
    $$ SELECT gemeente, product, waiting, median_days_waiting, max_days_waiting FROM jeugdnorm.waiting_list $$,
    $$ VALUES ('0983', '45A12', 1::bigint, 60.000000, 60) $$,
    'own data: one request waiting 60 days');

SELECT is((SELECT count(*) FROM jeugdnorm.care_paths), 4::bigint,
          'own data: four care paths (c001 of two allocations, c002, c003, the open c004)');

-- The file_fdw alternative of doc/own-data.md: a foreign table on the same
-- file gives the rows \copy staged.  The server reads the file itself, so
-- the path is absolute (psql's working directory, the repository root); when
-- the server's user cannot read the checkout, the check is skipped.
\set csv `pwd`/doc/examples/toewijzingen.csv
CREATE EXTENSION file_fdw;
CREATE SERVER csv_files FOREIGN DATA WRAPPER file_fdw;
CREATE FOREIGN TABLE staging.toewijzingen_file (
    gemeente text, toewijzingnummer text, client_id text, geboortedatum text,
    aanbieder text, productcategorie text, productcode text,
    ingangsdatum text, einddatum text, volume text, eenheid text, frequentie text,
    budget text, reden_wijziging text, toewijzingsdatum text, verwijzer text)
  SERVER csv_files
  OPTIONS (filename :'csv', format 'csv', header 'true');
CREATE FUNCTION pg_temp.readable(path text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_read_file(path, 0, 1);
    RETURN true;
EXCEPTION WHEN OTHERS THEN
    RETURN false;
END $$;
SELECT CASE WHEN pg_temp.readable(:'csv') THEN
    set_eq($$ SELECT * FROM staging.toewijzingen_file $$, $$ SELECT * FROM staging.toewijzingen $$,
           'own data: file_fdw reads the same 7 rows as \copy')
  ELSE skip('the server cannot read ' || :'csv') END;

SELECT * FROM finish();
ROLLBACK;
