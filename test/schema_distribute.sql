-- schema_distribute.sql -- jeugdnorm.distribute() without Citus
-- (DEFINITIONS.md section 12: "a no-op with a NOTICE when citus is
-- absent"; the distributed suite is make test-citus, test/citus/).
--   1. the call returns no rows (its NOTICE is checked by make test-citus,
--      run-citus-tests.sh, on a database without citus);
--   2. nothing changed: the single-node keys, the change-capture triggers,
--      row-level security and a NULL client_id stay as they were, and
--      refresh() still runs incrementally (is_distributed() is false);
--   3. only the owner (and whom it grants) may call it: EXECUTE is revoked
--      from PUBLIC.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(8);

INSERT INTO jeugdnorm.toewijzing (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                                  productcode, ingangsdatum, einddatum, volume, eenheid, frequentie)
VALUES ('0983', 'T1', NULL, '12345678', '45', '45A48', '2024-01-01', '2024-06-30', 10, '04', '2');

SELECT is((SELECT count(*) FROM jeugdnorm.distribute()), 0::bigint,
          'without citus: distribute() returns no rows');
SELECT is(jeugdnorm_internal.is_distributed(), false, 'is_distributed() is false without citus');
SELECT is((SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'toewijzing_pkey'),
          'PRIMARY KEY (gemeente, toewijzingnummer)', 'toewijzing keeps its single-node key');
SELECT is((SELECT count(*) FROM pg_trigger WHERE tgrelid = 'jeugdnorm.toewijzing'::regclass
                                               AND tgname LIKE 'refresh_capture%'),
          4::bigint, 'the change-capture triggers are still there');
SELECT is((SELECT relrowsecurity FROM pg_class WHERE oid = 'jeugdnorm.toewijzing'::regclass), true,
          'row-level security is still on');
SELECT is((SELECT count(*) FROM jeugdnorm.toewijzing WHERE client_id IS NULL), 1::bigint,
          'a NULL client_id is still allowed');
SELECT count(*) > 0 AS refreshed FROM jeugdnorm.refresh() \gset
SELECT count(*) > 0 AS refreshed FROM jeugdnorm.refresh() \gset
SELECT is((SELECT array_agg(mode ORDER BY refresh_id) FROM jeugdnorm.refresh_log WHERE step = 0),
          ARRAY['full', 'incremental'], 'refresh() is still incremental after a full first run');
SELECT ok(NOT has_function_privilege('public', 'jeugdnorm.distribute(integer)', 'EXECUTE'),
          'PUBLIC may not execute distribute()');

SELECT * FROM finish();
ROLLBACK;
