-- test/lib/dq_seeded_additions.sql -- seeded random additions to the demo
-- fixture for the data-quality tests (test/view_data_quality_c.sql and
-- test/view_data_quality_par.sql read it with \i after test/fixtures/demo_small.sql):
-- duplicate and credit claim lines, odd units, deleted and too-old allocations,
-- contracts gone, open or ending early; ends with ANALYZE.
SELECT setseed(0.1616) AS seeded \gset
-- exact copies of 3 % of the lines, some with their numbers in another
-- scale (equal values: still copies), a few twice
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                  productcode, begindatum, einddatum, volume, eenheid, bedrag)
SELECT d.gemeente, d.toewijzingnummer, d.client_id, d.aanbieder, d.productcategorie, d.productcode,
       d.begindatum, d.einddatum,
       CASE WHEN r < 0.01 THEN d.volume::numeric(30,4) ELSE d.volume END, d.eenheid,
       CASE WHEN r < 0.015 THEN d.bedrag::numeric(30,3) ELSE d.bedrag END
  FROM (SELECT d.*, random() AS r FROM jeugdnorm.declaratie d) d
 CROSS JOIN generate_series(1, 2) n
 WHERE d.r < 0.03 AND (n = 1 OR d.r < 0.005);
-- credits: the negated copy of 2 % (a net-zero pair unless the group holds
-- more), a zero line for 1 %, a NULL-amount line for 0.5 %
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                  productcode, begindatum, einddatum, volume, eenheid, bedrag)
SELECT d.gemeente, d.toewijzingnummer, d.client_id, d.aanbieder, d.productcategorie, d.productcode,
       d.begindatum, d.einddatum, -d.volume, d.eenheid,
       CASE WHEN d.r < 0.02 THEN -d.bedrag WHEN d.r < 0.03 THEN 0 ELSE NULL END
  FROM (SELECT d.*, random() AS r FROM jeugdnorm.declaratie d) d
 WHERE d.r < 0.035;
-- lines with NULLs, other units (minutes with odd volumes, dagdeel, etmaal,
-- euro), no product code, dates outside the allocation and after the peildatum
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                  productcode, begindatum, einddatum, volume, eenheid, bedrag)
SELECT d.gemeente, d.toewijzingnummer,
       CASE WHEN d.r < 0.002 THEN NULL ELSE d.client_id END,
       CASE WHEN d.r < 0.003 THEN NULL ELSE d.aanbieder END,
       d.productcategorie,
       CASE WHEN d.r < 0.004 THEN NULL WHEN d.r < 0.006 THEN '45A30' ELSE d.productcode END,
       d.begindatum - CASE WHEN d.r < 0.008 THEN 400 ELSE 0 END,
       d.einddatum + CASE WHEN d.r > 0.018 THEN 3000 ELSE 0 END,
       CASE WHEN d.r BETWEEN 0.008 AND 0.009 THEN NULL ELSE round((random() * 100)::numeric, (d.r * 1000)::int % 4) END,
       (ARRAY['01', '04', '14', '16', '82', '83', '84', NULL])[1 + (d.r * 10000)::int % 8],
       round((random() * 300)::numeric, 2)
  FROM (SELECT d.*, random() AS r FROM jeugdnorm.declaratie d) d
 WHERE d.r < 0.02;
-- budget allocations (family 'euro') and a few left out ('13', age)
UPDATE jeugdnorm.toewijzing SET budget = 500 + (hashtext(toewijzingnummer) & 1023)
 WHERE hashtext(toewijzingnummer) % 23 = 0;
UPDATE jeugdnorm.toewijzing SET reden_wijziging = '13' WHERE hashtext(toewijzingnummer) % 41 = 0;
UPDATE jeugdnorm.toewijzing SET geboortedatum = ingangsdatum - 9000 WHERE hashtext(toewijzingnummer) % 43 = 0;
-- contracts: some gone, some open, some ending early
DELETE FROM jeugdnorm.contract WHERE hashtext(contract_id::text) % 7 = 0;
UPDATE jeugdnorm.contract SET geldig_tot = NULL WHERE hashtext(contract_id::text) % 7 = 1;
UPDATE jeugdnorm.contract SET geldig_tot = geldig_van + 200 WHERE hashtext(contract_id::text) % 7 = 2;
ANALYZE;
