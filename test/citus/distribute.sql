-- test/citus/distribute.sql -- jeugdnorm.distribute() on the 3-node cluster
-- (make test-citus; run-citus-tests.sh has called distribute() once,
-- loaded the demo region through the coordinator and refreshed).
--   1. the metadata: toewijzing, declaratie, verzoek hash-distributed by
--      client_id in one co-location group, 32 shards each, placed on both
--      workers; the catalogues reference tables; settings, rejected, access,
--      pseudonym_key not Citus tables (read from pg_dist_partition: the
--      citus_tables view hides tables that belong to an extension);
--   2. the keys: primary keys with client_id first, client_id NOT NULL;
--   3. a second call changes nothing and says so (idempotent);
--   4. the plans: care_path() grouped by client_id runs inside each shard
--      (Citus Adaptive, one task per shard, the aggregate in the task);
--      follow_up() partitioned by client_id too;
--   5. the rows: every input row is in the shards (counts through the
--      coordinator equal the sum over the shards' placements).
BEGIN;
-- the plan of a query as text (a pg_temp function, created first: Citus
-- refuses a function command after a parallel operation in the transaction,
-- and warns that it stays local)
SET LOCAL client_min_messages = error;
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text; p text := '';
BEGIN
    FOR r IN EXECUTE 'EXPLAIN ' || q LOOP p := p || r || E'\n'; END LOOP;
    RETURN p;
END $$;
RESET client_min_messages;
SELECT plan(17);

SELECT is((SELECT array_agg(logicalrelid::text || ':' || partmethod::text ORDER BY logicalrelid::text)
             FROM pg_dist_partition
            WHERE logicalrelid::text LIKE 'jeugdnorm.%'),
          ARRAY['jeugdnorm.aanbieder:n', 'jeugdnorm.contract:n', 'jeugdnorm.declaratie:h',
                'jeugdnorm.norm:n', 'jeugdnorm.product:n', 'jeugdnorm.product_mapping:n',
                'jeugdnorm.toewijzing:h', 'jeugdnorm.verzoek:h', 'jeugdnorm.wijk:n'],
          'pg_dist_partition: the three input tables hash-distributed, the six catalogues reference tables, nothing else');
SELECT is((SELECT array_agg(DISTINCT column_to_column_name(logicalrelid, partkey))
             FROM pg_dist_partition
            WHERE logicalrelid IN ('jeugdnorm.toewijzing'::regclass, 'jeugdnorm.declaratie'::regclass,
                                   'jeugdnorm.verzoek'::regclass)),
          ARRAY['client_id'], 'distribution column: client_id');
SELECT is((SELECT count(DISTINCT colocationid)
             FROM pg_dist_partition
            WHERE logicalrelid IN ('jeugdnorm.toewijzing'::regclass, 'jeugdnorm.declaratie'::regclass,
                                   'jeugdnorm.verzoek'::regclass)),
          1::bigint, 'toewijzing, declaratie and verzoek are co-located');
SELECT is((SELECT array_agg(n ORDER BY n)
             FROM (SELECT count(*) AS n FROM pg_dist_shard
                    WHERE logicalrelid IN ('jeugdnorm.toewijzing'::regclass, 'jeugdnorm.declaratie'::regclass,
                                           'jeugdnorm.verzoek'::regclass)
                    GROUP BY logicalrelid) x),
          ARRAY[32, 32, 32]::bigint[], '32 shards each (the default shard_count)');
SELECT is((SELECT count(DISTINCT p.groupid)
             FROM pg_dist_shard s
             JOIN pg_dist_placement p USING (shardid)
            WHERE s.logicalrelid = 'jeugdnorm.toewijzing'::regclass),
          2::bigint, 'toewijzing''s shards are placed on both workers');
SELECT is((SELECT count(*) FROM pg_dist_partition
            WHERE logicalrelid IN ('jeugdnorm.settings'::regclass, 'jeugdnorm.rejected'::regclass,
                                   'jeugdnorm.access'::regclass, 'jeugdnorm.pseudonym_key'::regclass)),
          0::bigint, 'settings, rejected, access and pseudonym_key stay plain coordinator tables');
SELECT is((SELECT count(*) FROM citus_tables WHERE table_name::text LIKE 'jeugdnorm.%'),
          0::bigint, 'citus_tables hides extension-owned tables (doc/citus.md: monitor with pg_dist_partition)');

-- 2. keys
SELECT is((SELECT array_agg(conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) ORDER BY conrelid::regclass::text)
             FROM pg_constraint
            WHERE contype = 'p'
              AND conrelid IN ('jeugdnorm.toewijzing'::regclass, 'jeugdnorm.declaratie'::regclass,
                               'jeugdnorm.verzoek'::regclass)),
          ARRAY['jeugdnorm.declaratie PRIMARY KEY (client_id, declaratie_id)',
                'jeugdnorm.toewijzing PRIMARY KEY (client_id, gemeente, toewijzingnummer)',
                'jeugdnorm.verzoek PRIMARY KEY (client_id, gemeente, verzoeknummer)'],
          'primary keys start with the distribution column');
SELECT is((SELECT array_agg(attrelid::regclass::text ORDER BY attrelid::regclass::text)
             FROM pg_attribute
            WHERE attname = 'client_id' AND attnotnull
              AND attrelid IN ('jeugdnorm.toewijzing'::regclass, 'jeugdnorm.declaratie'::regclass,
                               'jeugdnorm.verzoek'::regclass)),
          ARRAY['jeugdnorm.declaratie', 'jeugdnorm.toewijzing', 'jeugdnorm.verzoek'],
          'client_id is NOT NULL in the three distributed tables');

-- 3. idempotent
CREATE TEMP TABLE second AS SELECT * FROM jeugdnorm.distribute();
SELECT is((SELECT array_agg(object || ': ' || action ORDER BY object) FROM second
            WHERE object IN ('jeugdnorm.toewijzing', 'jeugdnorm.declaratie', 'jeugdnorm.verzoek', 'jeugdnorm.norm')),
          ARRAY['jeugdnorm.declaratie: already distributed by client_id',
                'jeugdnorm.norm: already a reference table',
                'jeugdnorm.toewijzing: already distributed by client_id',
                'jeugdnorm.verzoek: already distributed by client_id'],
          'a second distribute() finds everything done');
SELECT is((SELECT count(*) FROM second WHERE action LIKE '%dropped%'), 0::bigint,
          'a second distribute() drops nothing');
SELECT is((SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'jeugdnorm.toewijzing'::regclass),
          32::bigint, 'and the shards are as they were');

-- 4. plans
SELECT matches(pg_temp.plan_of($$SELECT client_id, aanbieder, productcode,
                                        jeugdnorm.care_path(ingangsdatum, einddatum, productcode)
                                   FROM jeugdnorm.toewijzing GROUP BY 1, 2, 3$$),
               '^\s*Custom Scan \(Citus Adaptive\).*Task Count: 32.*->  Task.*Aggregate.*Seq Scan on toewijzing_[0-9]+',
               'care_path() grouped by client_id: one task per shard, the aggregate inside the task');
SELECT matches(pg_temp.plan_of($$SELECT client_id, jeugdnorm.follow_up(ingangsdatum, einddatum)
                                           OVER (PARTITION BY client_id, productcode ORDER BY ingangsdatum)
                                   FROM jeugdnorm.toewijzing$$),
               '^\s*Custom Scan \(Citus Adaptive\).*Task Count: 32.*->  Task.*WindowAgg',
               'follow_up() partitioned by client_id: the window runs inside each task');
SELECT matches(pg_temp.plan_of($$SELECT t.client_id, count(*)
                                   FROM jeugdnorm.toewijzing t
                                   JOIN jeugdnorm.declaratie d
                                     ON d.client_id = t.client_id AND d.gemeente = t.gemeente
                                    AND d.toewijzingnummer = t.toewijzingnummer
                                  GROUP BY 1$$),
               '^\s*Custom Scan \(Citus Adaptive\).*Task Count: 32.*->  Task.*Join',
               'claim lines joined to their allocations on client_id: a co-located join inside each task');

-- 5. rows (counted first: a pgTAP call around a query on a Citus table
-- would be shipped to a worker with it)
SELECT sum(n) AS in_shards FROM (SELECT (run_command_on_shards('jeugdnorm.toewijzing',
                                          'SELECT count(*) FROM %s')).result::bigint AS n) x \gset
SELECT count(*) AS through_coordinator FROM jeugdnorm.toewijzing \gset
SELECT is(:in_shards::bigint, :through_coordinator::bigint, 'every allocation is in exactly one shard');
SELECT cmp_ok(:through_coordinator::bigint, '>', 1000::bigint, '(the demo region is loaded)');

SELECT * FROM finish();
ROLLBACK;
