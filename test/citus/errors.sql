-- test/citus/errors.sql -- jeugdnorm.distribute() refuses, changing nothing
-- (make test-citus runs this file in database jn_errors on the coordinator:
-- citus and jeugdnorm installed, no worker added; every refusal happens
-- before anything would be distributed).
--   1. a NULL client_id in toewijzing, declaratie or verzoek: 23502, the
--      DETAIL counts them per table; nothing changed (no snapshot, the
--      single-node key, the capture triggers, no Citus table);
--   2. an allocation key held by two rows (data restored with the
--      distributed keys): 23505;
--   3. shard_count out of range: 22023.
BEGIN;
SELECT plan(9);

INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                  productcode, ingangsdatum, einddatum, volume, eenheid, frequentie)
VALUES ('0983', 'T1', NULL, '12345678', '45', '45A48', '2024-01-01', '2024-06-30', 10, '04', '2'),
       ('0983', 'T2', 'K2', '12345678', '45', '45A48', '2024-01-01', '2024-06-30', 10, '04', '2');
INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                  productcode, begindatum, einddatum, volume, eenheid, bedrag)
VALUES ('0983', 'T2', NULL, '12345678', '45', '45A48', '2024-01-01', '2024-01-31', 4, '04', 100),
       ('0983', 'T2', NULL, '12345678', '45', '45A48', '2024-02-01', '2024-02-29', 4, '04', 100);

SELECT throws_ok('SELECT * FROM jeugdnorm.distribute()', '23502',
                 'jeugdnorm.distribute(): rows without client_id cannot be distributed',
                 'a NULL client_id: 23502');
-- (a pg_temp function: Citus warns that it stays local)
SET LOCAL client_min_messages = error;
CREATE FUNCTION pg_temp.detail_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE d text;
BEGIN
    EXECUTE q;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
    RETURN d;
END $$;
RESET client_min_messages;
SELECT is(pg_temp.detail_of('SELECT * FROM jeugdnorm.distribute()'),
          'Without client_id: toewijzing: 1 rows, declaratie: 2 rows.  Nothing was changed.',
          'the DETAIL counts the rows without client_id per table');
SELECT is(to_regclass('jeugdnorm_internal.toewijzing_snapshot'), NULL, 'nothing changed: no snapshot');
SELECT is((SELECT pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = 'jeugdnorm.toewijzing'::regclass AND contype = 'p'),
          'PRIMARY KEY (gemeente, toewijzingnummer)', 'nothing changed: the single-node key');
SELECT is((SELECT count(*) FROM pg_trigger WHERE tgrelid = 'jeugdnorm.toewijzing'::regclass
                                               AND tgname LIKE 'refresh_capture%'),
          4::bigint, 'nothing changed: the change-capture triggers');
SELECT is((SELECT count(*) FROM pg_dist_partition), 0::bigint, 'nothing changed: no Citus table');

-- 2. a key held twice (as restored from a distributed database)
UPDATE jeugdnorm.toewijzing SET client_id = 'K1' WHERE client_id IS NULL;
UPDATE jeugdnorm.declaratie SET client_id = 'K2' WHERE client_id IS NULL;
ALTER TABLE jeugdnorm.toewijzing DROP CONSTRAINT toewijzing_pkey,
    ADD CONSTRAINT toewijzing_pkey PRIMARY KEY (client_id, gemeente, toewijzingnummer);
INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                  productcode, ingangsdatum, einddatum, volume, eenheid, frequentie)
VALUES ('0983', 'T2', 'K3', '12345678', '45', '45A48', '2024-03-01', '2024-06-30', 10, '04', '2');
SELECT throws_ok('SELECT * FROM jeugdnorm.distribute()', '23505',
                 'jeugdnorm.distribute(): 1 allocation keys (gemeente, toewijzingnummer) are held by more than one row',
                 'an allocation key held by two clients: 23505');

-- 3. shard_count
SELECT throws_ok('SELECT * FROM jeugdnorm.distribute(0)', '22023', NULL, 'shard_count 0: 22023');
SELECT is((SELECT count(*) FROM pg_dist_partition), 0::bigint, 'and still no Citus table');

SELECT * FROM finish();
ROLLBACK;
