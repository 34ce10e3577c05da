-- pgTAP: jeugdnorm.load_verzoeken (26_verzoek_loader.sql): bad rows rejected
-- with their reasons in words and kept in rejected (target 'verzoek'), counts
-- that always add up to the source's rows, updates of a repeated
-- (gemeente, verzoeknummer) (last wins; columns the source lacks are kept),
-- the row-by-row safety net, bsn instead of client_id, and privileges.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(26);

-- ---- good and bad rows ---------------------------------------------------------------
-- Everything as text, as a warehouse export would deliver it.
CREATE TEMP TABLE src (gemeente text, verzoeknummer text, client_id text, aanbieder text,
    productcategorie text, productcode text, ontvangen text, gewenste_ingangsdatum text,
    volume text, eenheid text, frequentie text, antwoord text, antwoord_datum text,
    reden_afwijzing text, toewijzingnummer text, opmerking text);
INSERT INTO src VALUES
    -- good: open, answered, refused, aspecifiek, minimal
    ('0758', 'V1', 'c1', '10000001', '45', '45A12', '2024-01-10', '2024-02-01', '2',  '04', '2', NULL,         NULL,         NULL, NULL, 'extra column: ignored'),
    ('0758', 'V2', 'c2', '10000001', '45', '45A12', '2024-01-11', NULL,         '50', '04', '6', 'toegewezen', '2024-02-01', NULL, 'T1', NULL),
    ('0758', 'V3', 'c3', '20000002', '45', NULL,    '2024-01-12', NULL,         '1',  '14', '1', 'afgewezen',  '2024-01-12', '9',  NULL, NULL),
    ('0983', 'V1', NULL, NULL,       NULL, NULL,    '2024-01-13', NULL,         NULL, NULL, NULL, NULL,        NULL,         NULL, NULL, NULL),
    -- bad
    ('0758', 'B1', 'c4', '10000001', '45', '45A12', '2024-03-01', NULL, '2',  '04', '2', 'toegewezen', '2024-02-28', NULL, NULL, 'answer before ontvangen'),
    ('0758', 'B2', 'c4', '10000001', '45', '45A12', '2024-03-01', NULL, '2',  '99', '2', NULL,         NULL,         NULL, NULL, 'unknown eenheid'),
    ('0758', 'B3', 'c4', '10000001', '45', '45A12', '2024-03-01', NULL, '2',  '04', '2', 'afgewezen',  '2024-03-05', '12', NULL, '2-digit reden_afwijzing'),
    ('0758', 'B4', 'c4', '10000001', '45', '45A12', '2024-03-01', NULL, '2',  '04', '2', 'ja',         '2024-03-05', NULL, NULL, 'antwoord not in the list'),
    ('0758', 'B5', 'c4', '10000001', '45', '45A12', NULL,         NULL, '2',  '04', '2', NULL,         NULL,         NULL, NULL, 'missing ontvangen'),
    ('0758', 'B6', 'c4', '10000001', '45', '45A12', '01-03-2024', NULL, '2',  '04', '2', NULL,         NULL,         NULL, NULL, 'not an ISO date'),
    ('0758', 'B7', 'c4', '10000001', '45', '45A12', '2024-03-01', '2024-02-30', '-1', '04', '7', NULL, NULL,         NULL, NULL, 'three problems'),
    ('758',  '',   'c4', '1000001',  '45', '45A12', '2024-03-01', NULL, '2',  '04', '2', NULL,         NULL,         '0',  '',   'key problems');

SELECT results_eq($$ SELECT * FROM jeugdnorm.load_verzoeken('pg_temp.src') $$,
    $$ VALUES (4::bigint, 8::bigint) $$, '4 good rows load, 8 bad rows are rejected');
SELECT is((SELECT count(*) FROM jeugdnorm.verzoek), 4::bigint, 'verzoek holds the 4 good rows');
SELECT results_eq($$ SELECT row ->> 'verzoeknummer', reason FROM jeugdnorm.rejected ORDER BY source_row_no $$,
    $$ VALUES ('B1', 'antwoord_datum 2024-02-28 is before ontvangen 2024-03-01'),
              ('B2', 'unknown eenheid code ''99'''),
              ('B3', 'reden_afwijzing ''12'' is not a WJ759 code (one digit 1..9)'),
              ('B4', 'antwoord ''ja'' is not ''toegewezen'' or ''afgewezen'''),
              ('B5', 'ontvangen is missing'),
              ('B6', 'value ''01-03-2024'' is not a valid date for ontvangen (expected YYYY-MM-DD)'),
              ('B7', 'value ''2024-02-30'' is not a valid date for gewenste_ingangsdatum (expected YYYY-MM-DD); volume -1 is negative; unknown frequentie code ''7'''),
              ('',   'verzoeknummer is empty; gemeente ''758'' is not 4 digits; toewijzingnummer is empty; aanbieder ''1000001'' is not 8 digits (AGB code); reden_afwijzing ''0'' is not a WJ759 code (one digit 1..9)') $$,
    'each rejected row carries its reasons in words');
SELECT is((SELECT count(*) FROM jeugdnorm.rejected WHERE target = 'verzoek' AND source = 'src'), 8::bigint,
    'rejected rows have target ''verzoek'' and name their source');
SELECT is((SELECT row ->> 'opmerking' FROM jeugdnorm.rejected WHERE row ->> 'verzoeknummer' = 'B1'),
    'answer before ontvangen', 'rejected.row keeps the whole source row, extra columns included');
SELECT results_eq($$ SELECT gemeente, verzoeknummer, client_id, aanbieder, productcategorie, productcode,
                            ontvangen, volume, eenheid, frequentie, antwoord, antwoord_datum, reden_afwijzing,
                            toewijzingnummer
                       FROM jeugdnorm.verzoek ORDER BY gemeente, verzoeknummer $$,
    $$ VALUES ('0758', 'V1', 'c1', '10000001', '45', '45A12', date '2024-01-10', 2::numeric,  '04', '2', NULL::text, NULL::date, NULL::text, NULL::text),
              ('0758', 'V2', 'c2', '10000001', '45', '45A12', date '2024-01-11', 50::numeric, '04', '6', 'toegewezen', date '2024-02-01', NULL, 'T1'),
              ('0758', 'V3', 'c3', '20000002', '45', NULL,    date '2024-01-12', 1::numeric,  '14', '1', 'afgewezen',  date '2024-01-12', '9', NULL),
              ('0983', 'V1', NULL, NULL,       NULL, NULL,    date '2024-01-13', NULL::numeric, NULL, NULL, NULL, NULL, NULL, NULL) $$,
    'the good rows are stored as given, parsed from text');

-- ---- missing required column -------------------------------------------------------------
CREATE TEMP VIEW src_noontvangen AS SELECT gemeente, verzoeknummer, antwoord FROM src;
SELECT throws_ok($$ SELECT * FROM jeugdnorm.load_verzoeken('pg_temp.src_noontvangen') $$, '42703',
    'source src_noontvangen lacks required column(s) ontvangen',
    'a source without ontvangen is an error naming the column');
SELECT is((SELECT count(*) FROM jeugdnorm.rejected), 8::bigint, '... and nothing was rejected for it');

-- ---- a repeated (gemeente, verzoeknummer) updates: the later row wins -----------------------
-- V1 is answered now (a later message); V9 comes twice in one source: the
-- last row wins and both count as loaded.  The source has no client_id,
-- aanbieder or product columns: those stored values are kept.
CREATE TEMP TABLE src2 (gemeente text, verzoeknummer text, ontvangen date, antwoord text,
    antwoord_datum date, toewijzingnummer text);
INSERT INTO src2 VALUES
    ('0758', 'V1', '2024-01-10', 'toegewezen', '2024-02-20', 'T7'),
    ('0758', 'V9', '2024-04-01', NULL,         NULL,         NULL),
    ('0758', 'V9', '2024-04-01', 'afgewezen',  '2024-04-10', NULL);
SELECT results_eq($$ SELECT * FROM jeugdnorm.load_verzoeken('pg_temp.src2') $$,
    $$ VALUES (3::bigint, 0::bigint) $$, 'an update and a repeated key count as loaded');
SELECT results_eq($$ SELECT client_id, aanbieder, productcode, volume, antwoord, antwoord_datum, toewijzingnummer
                       FROM jeugdnorm.verzoek WHERE gemeente = '0758' AND verzoeknummer = 'V1' $$,
    $$ VALUES ('c1', '10000001', '45A12', 2::numeric, 'toegewezen', date '2024-02-20', 'T7') $$,
    'the later row updates the answer; columns the source does not have are kept');
SELECT results_eq($$ SELECT antwoord, antwoord_datum FROM jeugdnorm.verzoek WHERE verzoeknummer = 'V9' $$,
    $$ VALUES ('afgewezen', date '2024-04-10') $$, 'within one source the last row of a key wins');
SELECT is((SELECT count(*) FROM jeugdnorm.verzoek), 5::bigint, 'updates add no rows (4 + V9)');

-- A source that has the column with NULL replaces the stored value: the
-- answer is withdrawn (back to open).
CREATE TEMP TABLE src3 AS SELECT '0758'::text AS gemeente, 'V9'::text AS verzoeknummer,
    date '2024-04-01' AS ontvangen, NULL::text AS antwoord, NULL::date AS antwoord_datum;
SELECT results_eq($$ SELECT * FROM jeugdnorm.load_verzoeken('pg_temp.src3') $$,
    $$ VALUES (1::bigint, 0::bigint) $$, 'a row with NULL columns loads');
SELECT results_eq($$ SELECT antwoord, antwoord_datum FROM jeugdnorm.verzoek WHERE verzoeknummer = 'V9' $$,
    $$ VALUES (NULL::text, NULL::date) $$, 'columns the source has replace the stored values, NULL included');

-- ---- safety net: an update the checks cannot see ---------------------------------------------
-- V2 is stored with antwoord_datum 2024-02-01.  A source with only a later
-- ontvangen passes the row checks, but the updated row would have its
-- answer before ontvangen: the table refuses it; the other row still loads.
CREATE TEMP TABLE src4 (gemeente text, verzoeknummer text, ontvangen date);
INSERT INTO src4 VALUES ('0758', 'V2', '2024-03-01'), ('0758', 'V10', '2024-03-01');
SET LOCAL client_min_messages = warning;
SELECT results_eq($$ SELECT * FROM jeugdnorm.load_verzoeken('pg_temp.src4') $$,
    $$ VALUES (1::bigint, 1::bigint) $$, 'safety net: the good row loads, the inconsistent update is rejected');
RESET client_min_messages;
SELECT is((SELECT reason FROM jeugdnorm.rejected WHERE source = 'src4'),
    'new row for relation "verzoek" violates check constraint "verzoek_antwoord_datum_not_before_ontvangen"',
    'the inconsistent update is rejected with the database''s message');
SELECT is((SELECT ontvangen FROM jeugdnorm.verzoek WHERE verzoeknummer = 'V2'), '2024-01-11'::date,
    '... and the stored row is unchanged');

-- ---- counts always add up ---------------------------------------------------------------------
-- Sources so far: src 12 rows (4 loaded, 8 rejected), src2 3 (3, 0), src3 1
-- (1, 0), src4 2 (1, 1): 18 rows = 9 loaded + 9 rejected; stored are the 6
-- distinct keys 0758 V1 V2 V3 V9 V10 and 0983 V1.
SELECT results_eq($$ SELECT (SELECT count(*) FROM jeugdnorm.verzoek), (SELECT count(*) FROM jeugdnorm.rejected) $$,
    $$ VALUES (6::bigint, 9::bigint) $$, 'after four loads: 6 requests stored, 9 rows in rejected');

-- ---- bsn instead of client_id ----------------------------------------------------------------
SELECT jeugdnorm.set_pseudonym_key('region test key for requests, 32+ bytes');
CREATE TEMP TABLE src_bsn (gemeente text, verzoeknummer text, bsn text, ontvangen text);
INSERT INTO src_bsn VALUES
    ('0758', 'S1', '123456782', '2024-05-01'),   -- valid
    ('0758', 'S2', '123456789', '2024-05-01'),   -- fails the elfproef
    ('0758', 'S3', '12345',     '2024-05-01'),   -- wrong length
    ('0758', 'S4', NULL,        '2024-05-01');   -- no client
SELECT results_eq($$ SELECT * FROM jeugdnorm.load_verzoeken('pg_temp.src_bsn') $$,
    $$ VALUES (2::bigint, 2::bigint) $$, 'bsn source: 2 rows load, the 2 failing the elfproef are rejected');
SELECT results_eq($$ SELECT verzoeknummer, client_id FROM jeugdnorm.verzoek WHERE verzoeknummer LIKE 'S%' ORDER BY 1 $$,
    $$ VALUES ('S1', jeugdnorm.pseudonymise('123456782')), ('S4', NULL) $$,
    'client_id = pseudonymise(bsn); a NULL bsn is a NULL client_id');
SELECT results_eq($$ SELECT reason, row ->> 'bsn' FROM jeugdnorm.rejected WHERE source = 'src_bsn' ORDER BY source_row_no $$,
    $$ VALUES ('bsn fails the elfproef', '*******89'),
              ('bsn fails the elfproef (5 characters, expected 9 digits)', '***45') $$,
    'an invalid bsn is rejected with the reason, its value masked in rejected.row');
SELECT is((SELECT count(*) FROM jeugdnorm.verzoek v WHERE v.client_id IN ('123456782', '123456789')), 0::bigint,
    'no BSN is stored in verzoek');
CREATE TEMP TABLE src_both (gemeente text, verzoeknummer text, client_id text, bsn text, ontvangen date);
SELECT throws_ok($$ SELECT * FROM jeugdnorm.load_verzoeken('pg_temp.src_both') $$, '42702',
    'source src_both has both client_id and bsn', 'a source with both client_id and bsn is refused up front');

-- ---- loaded + rejected = source rows on a larger mixed source -----------------------------------
CREATE TEMP TABLE src5 AS
SELECT '0758'::text AS gemeente, 'M' || (i % 150) AS verzoeknummer,     -- 50 keys repeat
       CASE WHEN i % 7 = 0 THEN 'x' ELSE (date '2024-01-01' + i)::text END AS ontvangen,
       CASE WHEN i % 5 = 0 THEN (date '2024-01-01' + i - 3)::text
            WHEN i % 3 = 0 THEN (date '2024-01-01' + i + 10)::text END AS antwoord_datum,
       CASE WHEN i % 11 = 0 THEN '10' WHEN i % 3 = 0 THEN '2' END AS reden_afwijzing,
       CASE WHEN i % 3 = 0 THEN 'afgewezen' END AS antwoord
  FROM generate_series(1, 200) AS i;
SELECT is((SELECT l + r FROM jeugdnorm.load_verzoeken('pg_temp.src5') AS x(l, r)), 200::bigint,
    'loaded + rejected = 200 source rows');
SELECT is((SELECT count(*) FROM jeugdnorm.rejected WHERE source = 'src5'),
    (SELECT count(*) FROM src5 WHERE ontvangen = 'x' OR antwoord_datum < ontvangen OR reden_afwijzing = '10'),
    'exactly the rows with a bad date, an answer before ontvangen or a 2-digit reden are rejected');

-- ---- privileges -----------------------------------------------------------------------------------
SELECT is((SELECT count(*) FROM pg_proc p CROSS JOIN LATERAL aclexplode(p.proacl) a
            WHERE p.oid = 'jeugdnorm.load_verzoeken(regclass)'::regprocedure AND a.grantee = 0), 0::bigint,
    'PUBLIC may not execute load_verzoeken');

SELECT * FROM finish();
ROLLBACK;
