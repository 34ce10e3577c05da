-- 30_cleaned: the cleaned inputs (jeugdnorm_internal.settings, allocations,
-- claims) on the small fixture region; every value below is checked by hand
-- against the table at the top of test/fixtures/small_region.sql.
\set VERBOSITY terse
SET datestyle = ISO;
CREATE EXTENSION jeugdnorm;
\i test/fixtures/small_region.sql

-- settings as every view reads them: the fixture's window and peildatum,
-- defaults for the rest.
SELECT * FROM jeugdnorm_internal.settings;

-- Kept allocations, in contract order (ingangsdatum, einddatum NULLS LAST,
-- toewijzingnummer, gemeente):
--   left out: T08 (B born 2002-03-15 is 22 on 2024-04-01 > max_age 21) and
--   T12 (reden_wijziging '13'); T11 is kept (B is 21 on 2023-09-01).
--   1 T01 2022-10-01   2 T10 2023-01-10   3 T06 2023-02-01   4 T07 2023-03-01
--   5 T02 2023-04-01   6 T09 2023-05-01   7 T11 2023-09-01   8 T03 2024-03-01
--   9 T04 2024-05-01  10 T05 2025-01-15  11 T13 2025-03-01
-- product: productcode, for T11 (aspecifiek) the category '45'; unit 04 -> uur
-- (factor 1), 16 dagdeel -> uur (4), 01 minuut -> uur (1/60), 82 -> stuks;
-- productgroep / variant / financieringsvorm from the catalogue, NULL for '45'.
SELECT contract_order, gemeente, toewijzingnummer, client_id, aanbieder, product,
       eenheid, frequentie, unit, round(unit_factor, 6) AS unit_factor,
       productgroep, variant, financieringsvorm, tarief
  FROM jeugdnorm_internal.allocations
 ORDER BY contract_order;

-- Kept claim lines (17): left out 7 and 8 (net-zero pair: 240 - 240 = 0),
-- 16 (allocation T08 excluded), 21 (allocation T12 '13'), 22 (T99: no
-- allocation).  Lines 12-14 net 1200 - 1200 + 1080 = 1080: all three stay.
-- canonical_volume: 15: 1320 min / 60 = 22 uur; 17: 20 dagdelen * 4 = 80;
-- 18: 22 * 4 = 88; 20: 1800 min / 60 = 30 uur; the rest unchanged.
-- same_family false only for line 6 (euro against an uur allocation).
SELECT declaratie_id, gemeente, toewijzingnummer, client_id, aanbieder, product,
       claim_productcode, begindatum, einddatum, volume, eenheid, bedrag,
       unit, canonical_volume, same_family, alloc_unit
  FROM jeugdnorm_internal.claims
 ORDER BY declaratie_id;

-- drop_net_zero off: lines 7 and 8 come back (17 + 2 = 19 lines).
UPDATE jeugdnorm.settings SET drop_net_zero = false;
SELECT count(*) AS kept_lines,
       string_agg(declaratie_id::text, ',' ORDER BY declaratie_id)
           FILTER (WHERE declaratie_id IN (7, 8)) AS net_zero_lines
  FROM jeugdnorm_internal.claims;
UPDATE jeugdnorm.settings SET drop_net_zero = true;

-- A NULL net is not 0: a line without bedrag on its own period stays; a
-- NULL bedrag next to +50 / -50 in one period: sum() skips the NULL, net 0,
-- all three leave.
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum, einddatum, volume, eenheid, bedrag) VALUES
    ('0758', 'T10', '2023-07-01', '2023-07-31', 0, '82', NULL),   -- id 23: net NULL, stays
    ('0758', 'T10', '2023-08-01', '2023-08-31', 1, '82', 50),     -- id 24 \
    ('0758', 'T10', '2023-08-01', '2023-08-31', -1, '82', -50),   -- id 25  > net 0: leave
    ('0758', 'T10', '2023-08-01', '2023-08-31', 0, '82', NULL);   -- id 26 /
SELECT declaratie_id, bedrag FROM jeugdnorm_internal.claims
 WHERE declaratie_id > 22 ORDER BY declaratie_id;
DELETE FROM jeugdnorm.declaratie WHERE declaratie_id > 22;

-- max_age NULL: no age filter, T08 comes back (12 allocations, T12 still out).
UPDATE jeugdnorm.settings SET max_age = NULL;
SELECT count(*) AS allocations, bool_or(toewijzingnummer = 'T08') AS has_t08,
       bool_or(toewijzingnummer = 'T12') AS has_t12
  FROM jeugdnorm_internal.allocations;
UPDATE jeugdnorm.settings SET max_age = 21;

-- Age boundary with PostgreSQL's age(): born 2004-02-29, on 2026-02-28 the
-- client is 21 (kept), on 2026-03-01 22 (left out); NULL geboortedatum kept.
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, ingangsdatum) VALUES
    ('0758', 'X1', 'C', '2004-02-29', '2026-02-28'),
    ('0758', 'X2', 'C', '2004-02-29', '2026-03-01'),
    ('0758', 'X3', 'D', NULL,         '2026-03-01');
SELECT toewijzingnummer, product, unit, contract_order
  FROM jeugdnorm_internal.allocations
 WHERE toewijzingnummer LIKE 'X%' ORDER BY toewijzingnummer;
DELETE FROM jeugdnorm.toewijzing WHERE toewijzingnummer LIKE 'X%';

-- [R13] unknown codes read as NULL and do not fail a view.  The CHECK
-- constraints keep them out of the tables, so drop those here to play a
-- warehouse that replaced the table by a view.
ALTER TABLE jeugdnorm.toewijzing DROP CONSTRAINT toewijzing_eenheid_known,
                                 DROP CONSTRAINT toewijzing_frequentie_known;
ALTER TABLE jeugdnorm.declaratie DROP CONSTRAINT declaratie_eenheid_known;
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                  ingangsdatum, einddatum, volume, eenheid, frequentie) VALUES
    ('0758', 'U1', 'E', '10000001', '45', '45A12', '2024-01-01', '2024-03-31', 2, '99', '9');
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum, einddatum, volume, eenheid, bedrag) VALUES
    ('0758', 'U1', '2024-01-01', '2024-01-31', 5, 'XX', 300),
    ('0758', 'U1', '2024-02-01', '2024-02-29', 5, '04', 300);
SELECT toewijzingnummer, eenheid, frequentie, unit, unit_factor
  FROM jeugdnorm_internal.allocations WHERE toewijzingnummer = 'U1';
SELECT declaratie_id, eenheid, unit, canonical_volume, same_family
  FROM jeugdnorm_internal.claims WHERE toewijzingnummer = 'U1' ORDER BY declaratie_id;

DROP EXTENSION jeugdnorm CASCADE;
