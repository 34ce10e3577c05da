-- pgTAP: loader guarantees (counts add up, reasons, updates, duplicates,
-- missing required columns).  The full worked example is sql/21_loaders.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(14);

CREATE TEMP TABLE src (gemeente text, toewijzingnummer text, client_id text,
    ingangsdatum text, einddatum text, volume text, eenheid text, frequentie text,
    reden_wijziging text);
INSERT INTO src
SELECT '0758', 'T' || i, 'c' || i, '2024-01-0' || i, '2024-02-0' || i, i::text, '04', '2', NULL
  FROM generate_series(1, 9) AS i;
INSERT INTO src VALUES
    ('0758', 'T10', 'c10', '2024-01-10', NULL,         '1',  '01', '4', NULL),  -- good, open
    ('0758', 'B1',  'c11', '2024-02-01', '2024-01-01', '1',  '04', '2', NULL),  -- dates reversed
    ('758',  'B2',  'c12', '2024-02-01', NULL,         '1',  '04', '2', NULL),  -- gemeente
    ('0758', 'B3',  'c13', '2024-02-01', NULL,         '-3', '04', '2', NULL),  -- negative volume
    ('0758', 'B4',  'c14', '2024-02-01', NULL,         '1',  '99', '2', NULL),  -- eenheid
    ('0758', 'B5',  'c15', 'abc',        NULL,         '1',  '04', '2', NULL);  -- date

SELECT results_eq($$ SELECT * FROM jeugdnorm.load_toewijzingen('pg_temp.src') $$,
    $$ VALUES (10::bigint, 5::bigint) $$, '10 good rows load, 5 bad rows are rejected');
SELECT is((SELECT count(*) FROM jeugdnorm.toewijzing), 10::bigint, 'toewijzing holds the 10 good rows');
SELECT results_eq($$ SELECT row ->> 'toewijzingnummer', reason FROM jeugdnorm.rejected ORDER BY source_row_no $$,
    $$ VALUES ('B1', 'einddatum 2024-01-01 is before ingangsdatum 2024-02-01'),
              ('B2', 'gemeente ''758'' is not 4 digits'),
              ('B3', 'volume -3 is negative'),
              ('B4', 'unknown eenheid code ''99'''),
              ('B5', 'value ''abc'' is not a valid date for ingangsdatum (expected YYYY-MM-DD)') $$,
    'each rejected row carries its reason in words');

-- A later JW301: new einddatum for T1, T2 removed ('13').
UPDATE src SET einddatum = '2024-06-30' WHERE toewijzingnummer = 'T1';
UPDATE src SET reden_wijziging = '13' WHERE toewijzingnummer = 'T2';
SELECT results_eq($$ SELECT * FROM jeugdnorm.load_toewijzingen('pg_temp.src') $$,
    $$ VALUES (10::bigint, 5::bigint) $$, 're-loading: the same counts (updates count as loaded)');
SELECT is((SELECT einddatum FROM jeugdnorm.toewijzing WHERE toewijzingnummer = 'T1'), '2024-06-30'::date,
    're-loading an allocation with a new einddatum updates it');
SELECT is((SELECT reden_wijziging FROM jeugdnorm.toewijzing WHERE toewijzingnummer = 'T2'), '13',
    'a reden_wijziging 13 message is kept as an update of the allocation');
SELECT is((SELECT count(*) FROM jeugdnorm.toewijzing), 10::bigint, 'updates add no rows');

-- Missing required column: an error up front, nothing loaded or rejected.
CREATE TEMP VIEW src_nokey AS SELECT gemeente, ingangsdatum FROM src;
SELECT throws_ok($$ SELECT * FROM jeugdnorm.load_toewijzingen('pg_temp.src_nokey') $$, '42703',
    'source src_nokey lacks required column(s) toewijzingnummer',
    'a source without toewijzingnummer is an error naming the column');
SELECT is((SELECT count(*) FROM jeugdnorm.rejected), 10::bigint, '... and nothing was rejected for it');

-- Claims: a duplicate line is rejected with its reason, the first copy loads.
CREATE TEMP TABLE claims AS
SELECT '0758'::text AS gemeente, 'T1'::text AS toewijzingnummer, d::date AS begindatum,
       (d + interval '1 month - 1 day')::date AS einddatum, 4.5 AS volume, '04'::text AS eenheid, 360.00 AS bedrag
  FROM generate_series(date '2024-01-01', date '2024-06-01', interval '1 month') AS d;
INSERT INTO claims SELECT * FROM claims WHERE begindatum = '2024-03-01';
INSERT INTO claims VALUES ('0758', 'T1', '2024-03-01', '2024-03-31', -4.5, '04', -360.00);
SELECT results_eq($$ SELECT * FROM jeugdnorm.load_declaraties('pg_temp.claims') $$,
    $$ VALUES (7::bigint, 1::bigint) $$, '6 months + a credit line load, the copy of March is rejected');
SELECT is((SELECT reason FROM jeugdnorm.rejected WHERE target = 'declaratie'),
    'exact duplicate of a claim line already loaded', 'the duplicate''s reason');
SELECT results_eq($$ SELECT * FROM jeugdnorm.load_declaraties('pg_temp.claims') $$,
    $$ VALUES (0::bigint, 8::bigint) $$, 'loading the same claims again rejects every line');
SELECT is((SELECT sum(bedrag) FROM jeugdnorm.declaratie), 1800.00, 'the table holds 6 x 360 - 360');
SELECT is((SELECT count(*) FROM jeugdnorm.rejected WHERE target = 'declaratie'
             AND reason = 'exact duplicate of a claim line already loaded'), 9::bigint,
    'rejected holds 1 + 8 duplicate lines');

SELECT * FROM finish();
ROLLBACK;
