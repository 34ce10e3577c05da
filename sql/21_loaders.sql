-- The loaders: every valid row loads, every other row lands in
-- jeugdnorm.rejected with its reason, loaded + rejected = source rows.
\set VERBOSITY terse
CREATE EXTENSION jeugdnorm;
SET datestyle = 'ISO, YMD';

-- 1. Allocations from a text-typed source (as a raw CSV import would be):
--    rows 1-10 are good, rows 11-15 are bad.
CREATE TABLE src_toewijzing (
    gemeente text, toewijzingnummer text, client_id text, geboortedatum text,
    aanbieder text, productcategorie text, productcode text, ingangsdatum text,
    einddatum text, volume text, eenheid text, frequentie text, budget text,
    reden_wijziging text, opmerking text);   -- opmerking: an extra column, ignored
INSERT INTO src_toewijzing VALUES
 ('0758', 'T01', 'c1', '2010-05-01', '12345678', '45', '45A12', '2024-01-01', '2024-03-31', '2',   '04', '2', NULL,  NULL, 'ok'),
 ('0758', 'T02', 'c1', '2010-05-01', '12345678', '45', '45A12', '2024-04-15', NULL,         '2',   '04', '2', NULL,  NULL, 'ok, open'),
 ('0758', 'T03', 'c2', NULL,         '12345678', '45', NULL,    '2024-01-01', '2024-12-31', NULL,  NULL, NULL, '5000', NULL, 'aspecifiek budget'),
 ('0758', 'T04', 'c3', '2001-02-28', '87654321', '43', '43A01', '2023-06-01', '2023-12-31', '1',   '14', '1', NULL,  NULL, 'etmaal'),
 ('0758', 'T05', 'c3', '2001-02-28', '87654321', '43', '43A01', '2024-01-01', '2024-06-30', '1',   '14', '1', NULL,  '01', 'reden 01'),
 ('0983', 'T01', 'c4', ' 2012-12-12 ','11111111','54', '54001', '2022-02-01', '2022-02-01', '0',   '01', '6', NULL,  NULL, 'same number, other gemeente'),
 ('0983', 'T06', 'c4', '2012-12-12', '11111111', '54', '54001', '2022-03-01', '2022-08-31', '1.5', '16', '2', NULL,  NULL, 'dagdeel'),
 ('0983', 'T07', 'c5', NULL,         '11111111', '54', '54001', '2021-01-01', '2021-12-31', '600', '01', '4', NULL,  NULL, 'minuten'),
 ('0983', 'T08', 'c5', NULL,         '11111111', '54', '54001', '2022-01-01', NULL,         '1e1', '84', '6', NULL,  NULL, 'stuks, 1e1'),
 ('0983', 'T09', 'c6', NULL,         '11111111', '54', '54002', '2024-01-01', '2024-01-31', '3',   '04', '2', NULL,  NULL, 'removed later'),
 ('758',  'T10', 'c7', NULL,         '1234567',  '4',  '45A1',  '2024-02-01', '2024-01-01', '-3',  '99', '9', '-1',  '1',  'everything wrong'),
 ('0758', 'T11', 'c7', 'abc',        NULL,       NULL, NULL,    '2024-02-30', NULL,         '1,5', NULL, NULL, NULL,  NULL, 'bad date and decimal comma'),
 ('0758', NULL,  'c7', NULL,         NULL,       NULL, NULL,    NULL,         NULL,         NULL,  NULL, NULL, 'NaN', NULL, 'no key, no start'),
 ('0758', 'T12', 'c7', NULL,         NULL,       NULL, NULL,    '01-02-2024', NULL,         NULL,  NULL, NULL, NULL,  NULL, 'not ISO'),
 ('0758', 'T13', 'c7', NULL,         NULL,       NULL, NULL,    '2024-01-01', 'infinity',   NULL,  NULL, NULL, NULL,  NULL, 'infinity');
SELECT * FROM jeugdnorm.load_toewijzingen('src_toewijzing');
SELECT source_row_no, reason FROM jeugdnorm.rejected ORDER BY rejected_id;
SELECT "row" ->> 'opmerking' AS opmerking, source, target
  FROM jeugdnorm.rejected ORDER BY rejected_id;
SELECT gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder, productcategorie AS cat,
       productcode, ingangsdatum, einddatum, volume, eenheid, frequentie AS freq, budget,
       reden_wijziging AS reden
  FROM jeugdnorm.toewijzing ORDER BY gemeente, toewijzingnummer;

-- 2. A later JW301 for T01 (new einddatum) and T09 marked removed ('13')
--    with its other values: updates, not errors.  The source is a view
--    with only some columns: missing optional columns (client_id, volume,
--    ...) read as NULL on insert and are left alone on update.  Within the
--    source T02 comes twice: the last row wins, both count as loaded.
CREATE VIEW src_update AS
SELECT * FROM (VALUES
    ('0758', 'T01', '2024-01-01'::date, '2024-06-30'::date, NULL::text),
    ('0983', 'T09', '2024-01-01',       '2024-01-31',       '13'),
    ('0758', 'T02', '2024-04-15',       '2024-05-31',       NULL),
    ('0758', 'T02', '2024-04-15',       '2024-09-30',       NULL),
    ('0758', 'T20', '2024-07-01',       NULL,               NULL)
) AS v(gemeente, toewijzingnummer, ingangsdatum, einddatum, reden_wijziging);
SELECT * FROM jeugdnorm.load_toewijzingen('src_update');
SELECT gemeente, toewijzingnummer, client_id, ingangsdatum, einddatum, volume, eenheid,
       reden_wijziging AS reden
  FROM jeugdnorm.toewijzing
 WHERE toewijzingnummer IN ('T01', 'T02', 'T09', 'T20') ORDER BY gemeente, toewijzingnummer;

-- 3. With a toewijzingsdatum column the latest JW301 wins, whatever the
--    row order.
CREATE TABLE src_dated (gemeente text, toewijzingnummer text, ingangsdatum date,
                        einddatum date, toewijzingsdatum date);
INSERT INTO src_dated VALUES
    ('0758', 'T30', '2024-01-01', '2024-12-31', '2024-03-01'),
    ('0758', 'T30', '2024-01-01', '2024-06-30', '2024-01-01'),
    ('0758', 'T30', '2024-01-01', '2024-09-30', NULL);
SELECT * FROM jeugdnorm.load_toewijzingen('src_dated');
SELECT toewijzingnummer, einddatum FROM jeugdnorm.toewijzing WHERE toewijzingnummer = 'T30';

-- 4. Safety net: an update that the checks cannot see coming.  The source
--    has no einddatum column, so T04 keeps its einddatum 2023-12-31, which
--    is before the new ingangsdatum: the set-based load fails, the rows are
--    loaded one by one, and only T04 is rejected, with the database's message.
CREATE TABLE src_start (gemeente text, toewijzingnummer text, ingangsdatum date);
INSERT INTO src_start VALUES ('0758', 'T04', '2024-03-01'), ('0758', 'T21', '2024-03-01');
SELECT * FROM jeugdnorm.load_toewijzingen('src_start');
SELECT source_row_no, reason FROM jeugdnorm.rejected WHERE source = 'public.src_start';
SELECT toewijzingnummer, ingangsdatum, einddatum FROM jeugdnorm.toewijzing
 WHERE toewijzingnummer IN ('T04', 'T21') ORDER BY toewijzingnummer;

-- 5. A source without a required column loads nothing: an error up front.
CREATE VIEW src_no_start AS SELECT gemeente, client_id FROM src_toewijzing;
SELECT * FROM jeugdnorm.load_toewijzingen('src_no_start');
SELECT * FROM jeugdnorm.load_declaraties('src_no_start');

-- 6. Claim lines, typed source.  Line 2 is an exact copy of line 1; line 4
--    equals line 1 by value (8.0 = 8, 640.00 = 640); line 3 is a credit
--    line (loads); line 5 differs from line 1 only in a NULL client_id
--    (not a copy); line 6 is a copy of line 5 (NULLs compare equal).
CREATE TABLE src_declaratie (gemeente text, toewijzingnummer text, client_id text,
    aanbieder text, productcategorie text, productcode text, begindatum date,
    einddatum date, volume numeric, eenheid text, bedrag numeric, declaratie_id int);
INSERT INTO src_declaratie VALUES
 ('0758', 'T01', 'c1', '12345678', '45', '45A12', '2024-01-01', '2024-01-31', 8,   '04', 640,    99),
 ('0758', 'T01', 'c1', '12345678', '45', '45A12', '2024-01-01', '2024-01-31', 8,   '04', 640,    99),
 ('0758', 'T01', 'c1', '12345678', '45', '45A12', '2024-01-01', '2024-01-31', -8,  '04', -640,   99),
 ('0758', 'T01', 'c1', '12345678', '45', '45A12', '2024-01-01', '2024-01-31', 8.0, '04', 640.00, 98),
 ('0758', 'T01', NULL, '12345678', '45', '45A12', '2024-01-01', '2024-01-31', 8,   '04', 640,    97),
 ('0758', 'T01', NULL, '12345678', '45', '45A12', '2024-01-01', '2024-01-31', 8,   '04', 640,    96),
 ('0758', 'T99', 'c9', '12345678', '45', '45A12', '2024-02-01', '2024-02-29', 4,   '04', 320,    95),
 ('0758', 'T01', 'c1', '12345678', '45', '45A12', '2024-02-01', '2024-01-31', 8,   '04', 640,    94),
 ('0758', NULL,  'c1', '12345678', '45', '45A12', '2024-02-01', '2024-02-29', 8,   '77', 640,    93);
SELECT * FROM jeugdnorm.load_declaraties('src_declaratie');
SELECT source_row_no, reason FROM jeugdnorm.rejected
 WHERE source = 'public.src_declaratie' ORDER BY source_row_no;
SELECT declaratie_id, toewijzingnummer, client_id, begindatum, einddatum, volume, bedrag
  FROM jeugdnorm.declaratie ORDER BY declaratie_id;
-- Loading the same source again: every line is now a copy of a loaded one
-- (rows 8 and 9 keep their own reasons).
SELECT * FROM jeugdnorm.load_declaraties('src_declaratie');
SELECT reason, count(*) FROM jeugdnorm.rejected
 WHERE source = 'public.src_declaratie' GROUP BY reason ORDER BY reason;

-- 7. Claims from a view with extra and missing optional columns (no
--    client_id, aanbieder, productcategorie, productcode, eenheid), text dates.
CREATE VIEW src_decl_view AS
SELECT '0983'::text AS gemeente, 'T07'::text AS toewijzingnummer,
       to_char(d, 'YYYY-MM-DD') AS begindatum,
       to_char(d + interval '1 month' - interval '1 day', 'YYYY-MM-DD') AS einddatum,
       600 AS volume, 50.25 AS bedrag, 'extra' AS bron
  FROM generate_series(date '2021-01-01', date '2021-12-01', interval '1 month') AS d;
SELECT * FROM jeugdnorm.load_declaraties('src_decl_view');
SELECT count(*) AS lines, sum(volume) AS volume, sum(bedrag) AS bedrag,
       min(begindatum), max(einddatum), count(eenheid) AS with_eenheid
  FROM jeugdnorm.declaratie WHERE toewijzingnummer = 'T07';

-- 8. loaded + rejected = source rows: loading the first source again
--    (its 10 good rows are now updates of themselves, the 5 bad ones are
--    rejected again).
SELECT l.loaded, l.rejected,
       l.loaded + l.rejected = (SELECT count(*) FROM src_toewijzing) AS adds_up
  FROM jeugdnorm.load_toewijzingen('src_toewijzing') AS l;
SELECT source, count(*) AS rejected_rows FROM jeugdnorm.rejected GROUP BY source ORDER BY source;

DROP VIEW src_update, src_no_start, src_decl_view;
DROP TABLE src_toewijzing, src_dated, src_start, src_declaratie;
DROP EXTENSION jeugdnorm CASCADE;
