-- The error a bad row gets from the input tables: one INSERT per kind of
-- problem.  Every CHECK is named <table>_<column>_<rule>, so the message
-- itself says what is wrong.  (The loaders turn the same problems into
-- rows of jeugdnorm.rejected instead: see 21_loaders.)
\set VERBOSITY terse
CREATE EXTENSION jeugdnorm;
-- toewijzing
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum, einddatum)
VALUES ('0758', 'T1', '2024-02-01', '2024-01-01');
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum)
VALUES ('758', 'T1', '2024-02-01');
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum)
VALUES ('0758', '', '2024-02-01');
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum, aanbieder)
VALUES ('0758', 'T1', '2024-02-01', '1234567');
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum, productcategorie)
VALUES ('0758', 'T1', '2024-02-01', '4');
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum, productcode)
VALUES ('0758', 'T1', '2024-02-01', '45A1');
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum, eenheid)
VALUES ('0758', 'T1', '2024-02-01', '99');
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum, frequentie)
VALUES ('0758', 'T1', '2024-02-01', '9');
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum, volume)
VALUES ('0758', 'T1', '2024-02-01', -3);
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum, volume)
VALUES ('0758', 'T1', '2024-02-01', 'NaN');
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum, budget)
VALUES ('0758', 'T1', '2024-02-01', -100);
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum, reden_wijziging)
VALUES ('0758', 'T1', '2024-02-01', '1');
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum, einddatum)
VALUES ('0758', 'T1', '2024-02-01', 'infinity');
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer)
VALUES ('0758', 'T1');
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, ingangsdatum)
VALUES ('0758', 'T1', '2024-02-01'), ('0758', 'T1', '2024-03-01');
-- declaratie: a credit line is fine; the rest are not
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum, einddatum, volume, eenheid, bedrag)
VALUES ('0758', 'T1', '2024-02-01', '2024-02-29', -8, '04', -640);
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum, einddatum)
VALUES ('0758', 'T1', '2024-02-01', '2024-01-31');
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum, einddatum, eenheid)
VALUES ('0758', 'T1', '2024-02-01', '2024-02-29', '02');
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum, einddatum, bedrag)
VALUES ('0758', 'T1', '2024-02-01', '2024-02-29', 'NaN');
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, begindatum)
VALUES ('0758', 'T1', '2024-02-01');
INSERT INTO jeugdnorm.declaratie (toewijzingnummer, begindatum, einddatum)
VALUES ('T1', '2024-02-01', '2024-02-29');
-- catalogue tables
INSERT INTO jeugdnorm.product (productcategorie, productcode, variant)
VALUES ('45', '45A12', 'heel zwaar');
INSERT INTO jeugdnorm.product (productcategorie, productcode, financieringsvorm)
VALUES ('45', '45A12', 'PxQ');
INSERT INTO jeugdnorm.product (productcategorie, productcode, tarief)
VALUES ('45', '45A12', -1);
INSERT INTO jeugdnorm.norm (productcode, geldig_van, geldig_tot)
VALUES ('GGZ', '2024-01-01', '2023-12-31');
INSERT INTO jeugdnorm.norm (productcode, geldig_van, max_volume)
VALUES ('GGZ', '2024-01-01', 40), ('GGZ', '2024-01-01', 50);
INSERT INTO jeugdnorm.contract (gemeente, aanbieder, productcode, geldig_van)
VALUES ('0758', '12345678', '45A1', '2024-01-01');
INSERT INTO jeugdnorm.aanbieder (aanbieder, naam, type)
VALUES ('123456789', 'Te lang BV', 'regulier');
-- settings: one row, sane bounds
INSERT INTO jeugdnorm.settings DEFAULT VALUES;
DELETE FROM jeugdnorm.settings;
UPDATE jeugdnorm.settings SET window_start = '2024-01-01', peildatum = '2023-12-31';
UPDATE jeugdnorm.settings SET extension_days = -1;
UPDATE jeugdnorm.settings SET recidive_days = 30;
UPDATE jeugdnorm.settings SET path_gap_days = -90;
UPDATE jeugdnorm.settings SET max_age = -1;
SELECT window_start, peildatum, extension_days, recidive_days, path_gap_days, max_age,
       drop_net_zero, changed
  FROM jeugdnorm.settings;
SELECT count(*) AS declaratie_rows FROM jeugdnorm.declaratie;
DROP EXTENSION jeugdnorm CASCADE;
