CREATE EXTENSION jeugdnorm;
\set VERBOSITY terse
-- Tenancy by role (issue 9): what a BI reader of one gemeente sees, what a
-- reader without access sees, and the errors of readers and loaders.
-- The small region plus client C of gemeente 0840 with a path of its own:
-- T90 2023-02-01..2023-06-30, 3 uur per week, one claim line of 60 uur /
-- 3600 euro over the same 150 days.
\i test/fixtures/small_region.sql
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder,
                                  productcategorie, productcode, ingangsdatum, einddatum,
                                  volume, eenheid, frequentie) VALUES
    ('0840', 'T90', 'C', '2012-01-01', '10000001', '45', '45A12', '2023-02-01', '2023-06-30', 3, '04', '2');
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder,
                                  productcategorie, productcode, begindatum, einddatum,
                                  volume, eenheid, bedrag) VALUES
    ('0840', 'T90', 'C', '10000001', '45', '45A12', '2023-02-01', '2023-06-30', 60, '04', 3600);
SELECT count(*) FROM jeugdnorm.refresh();
SELECT * FROM jeugdnorm.create_roles();
CREATE ROLE jn95_venray LOGIN IN ROLE jeugdnorm_reader;
CREATE ROLE jn95_nobody LOGIN IN ROLE jeugdnorm_reader;
CREATE ROLE jn95_loader IN ROLE jeugdnorm_loader;
INSERT INTO jeugdnorm.access VALUES ('jn95_venray', '0840'), ('jn95_loader', '0758');

-- As superuser: the region (gemeente 0758 and 0840).
SELECT gemeente, count(*) AS paths FROM jeugdnorm.care_paths GROUP BY gemeente ORDER BY gemeente;

SET ROLE jn95_venray;
-- C's path only: T02 (0840) belongs to client A's path of 0758, whose
-- first allocation T01 is 0758's.  days 150, months 150 / 30.4375 =
-- 4.928131, 60 uur / (150 / 7) = 2.8 per week.
SELECT client_id, product, path_no, gemeente, start, einde, days_levering, months_levering,
       volume, frequentie_per_week, completed
  FROM jeugdnorm.care_paths;
-- T02 keeps its class from the client's whole history (gap 1 after T01).
SELECT gemeente, toewijzingnummer, client_id, gap_days, follow_up FROM jeugdnorm.allocation_follow_up;
SELECT product, measure, n, mean, median, unit FROM jeugdnorm.product_spread;
-- 50 + 60 uur claimed, 3000 + 3600 euro, both lines NGA (0840 has no contract).
SELECT product, aanbieder_type, year, claimed_volume, claimed_amount, allocations, claim_lines
  FROM jeugdnorm.realisation;
SELECT segment, year, cost, cost_nga, share_nga, clients FROM jeugdnorm.cost_overview;
SELECT * FROM jeugdnorm.dim_gemeente;
-- The reader has nothing on the tables.
SELECT count(*) FROM jeugdnorm.toewijzing;
SELECT count(*) FROM jeugdnorm.rejected;
SELECT * FROM jeugdnorm.refresh();
SELECT * FROM jeugdnorm.load_toewijzingen('jeugdnorm.toewijzing');
RESET ROLE;

SET ROLE jn95_nobody;
-- No rows in access: empty views, no error; the dimensions keep their
-- onbekend members (and the catalogue, and the window's dates).
SELECT count(*) AS care_paths FROM jeugdnorm.care_paths;
SELECT count(*) AS realisation FROM jeugdnorm.realisation;
SELECT * FROM jeugdnorm.dim_gemeente;
RESET ROLE;

SET ROLE jn95_loader;
-- A loader of 0758 cannot write rows of 0840.
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, ingangsdatum)
VALUES ('0840', 'L01', 'E', '2024-01-01');
SELECT count(*) FROM jeugdnorm.toewijzing WHERE gemeente = '0840';
RESET ROLE;

DROP EXTENSION jeugdnorm CASCADE;
-- The schema outlives the extension; so do the grants on it.
DROP OWNED BY jn95_venray, jn95_nobody, jn95_loader, jeugdnorm_reader, jeugdnorm_loader, jeugdnorm_admin;
DROP ROLE jn95_venray, jn95_nobody, jn95_loader, jeugdnorm_reader, jeugdnorm_loader, jeugdnorm_admin;
