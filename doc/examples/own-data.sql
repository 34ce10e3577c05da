-- Your own data in 15 minutes: the walkthrough of doc/own-data.md as one
-- psql script.  Run it from the repository root (or from the installed
-- documentation directory, which has the same doc/examples/ layout) in a
-- database where CREATE EXTENSION jeugdnorm has been run:
--     psql -d warehouse -v ON_ERROR_STOP=1 -f doc/examples/own-data.sql
-- The test suite runs it too (test/doc_own_data.sql) and checks every answer.

-- 1. An all-text staging table per file: column names as the contract's,
--    every column text, so a bad value never stops the \copy -- the loader
--    checks each value and rejects the row with its reason instead.
CREATE SCHEMA IF NOT EXISTS staging;

CREATE TABLE staging.toewijzingen (
    gemeente text, toewijzingnummer text, client_id text, geboortedatum text,
    aanbieder text, productcategorie text, productcode text,
    ingangsdatum text, einddatum text, volume text, eenheid text, frequentie text,
    budget text, reden_wijziging text, toewijzingsdatum text, verwijzer text);
CREATE TABLE staging.declaraties (
    gemeente text, toewijzingnummer text, client_id text, aanbieder text,
    productcategorie text, productcode text, begindatum text, einddatum text,
    volume text, eenheid text, bedrag text);
CREATE TABLE staging.verzoeken (
    gemeente text, verzoeknummer text, client_id text, aanbieder text,
    productcategorie text, productcode text, ontvangen text, gewenste_ingangsdatum text,
    volume text, eenheid text, frequentie text, antwoord text, antwoord_datum text,
    reden_afwijzing text, toewijzingnummer text);

-- 2. The files in.  HEADER MATCH (PostgreSQL 15) checks that the header line
--    names the table's columns in order; an empty field is NULL.
\copy staging.toewijzingen FROM 'doc/examples/toewijzingen.csv' WITH (FORMAT csv, HEADER match)
\copy staging.declaraties  FROM 'doc/examples/declaraties.csv'  WITH (FORMAT csv, HEADER match)
\copy staging.verzoeken    FROM 'doc/examples/verzoeken.csv'    WITH (FORMAT csv, HEADER match)

-- 3. The loaders: every valid row in, every other row to jeugdnorm.rejected.
SELECT * FROM jeugdnorm.load_toewijzingen('staging.toewijzingen');   -- 5 loaded, 2 rejected
SELECT * FROM jeugdnorm.load_declaraties('staging.declaraties');     -- 19 loaded, 1 rejected
SELECT * FROM jeugdnorm.load_verzoeken('staging.verzoeken');         -- 4 loaded, 0 rejected

-- 4. What was rejected, and why.
SELECT target, source_row_no, reason, row ->> 'toewijzingnummer' AS toewijzingnummer
  FROM jeugdnorm.rejected
 ORDER BY rejected_id;

-- 5. The catalogue and the norms.
INSERT INTO jeugdnorm.aanbieder (aanbieder, naam, type)
VALUES ('12345678', 'Jeugdhulp Noord', 'regulier');
INSERT INTO jeugdnorm.product (productcategorie, productcode, omschrijving, productgroep,
                               variant, financieringsvorm, segment, tarief)
VALUES ('45', '45A12', 'Ambulante begeleiding midden', 'Ambulant', 'midden', 'inspanning',
        'Ambulant', 70);
INSERT INTO jeugdnorm.norm (productcode, geldig_van, max_doorlooptijd_maanden, max_volume,
                            max_frequentie_per_week)
VALUES ('45A12', '2021-01-01', 6, 60, 3);

-- 6. The settings: the analysis window and the reference date.
UPDATE jeugdnorm.settings SET window_start = '2023-01-01', peildatum = '2024-12-31';

-- 7. Compute the care paths.
SELECT * FROM jeugdnorm.refresh();

-- 8. Three answers.
-- (1) How much care does a completed 45A12 path take, and how wide is the spread?
SELECT measure, n, mean, min, p25, median, p75, max, unit
  FROM jeugdnorm.product_spread
 WHERE product = '45A12'
 ORDER BY measure;

-- (2) How often do the paths go above the norm?
SELECT paths, paths_with_norm, share_above_volume, share_above_doorlooptijd,
       share_above_frequentie, median_ratio_volume
  FROM jeugdnorm.norm_deviation
 WHERE product = '45A12' AND is_total;

-- (3) How much of what was allocated in 2023 was claimed (verzilvering)?
SELECT year, aanbieder_type, allocated_volume, claimed_volume, verzilvering_volume,
       allocated_amount, claimed_amount, verzilvering_amount
  FROM jeugdnorm.realisation
 WHERE product = '45A12' AND year = 2023;

-- And from the requests: who is waiting on the peildatum?
SELECT gemeente, product, waiting, median_days_waiting, max_days_waiting
  FROM jeugdnorm.waiting_list;
