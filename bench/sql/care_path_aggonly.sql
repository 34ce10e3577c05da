-- The C aggregate alone: the same GROUP BY and care_path() call, without
-- unnest and the per-path checksum (so: groups and paths, no answer proof;
-- run.sh does not compare it).  Shows what the aggregate costs by itself.
SELECT count(*) AS groups, sum(cardinality(ps)) AS paths
FROM (SELECT client_id, aanbieder, product,
             jeugdnorm.care_path(ingangsdatum, einddatum, label, :gap) AS ps
      FROM bench.alloc
      GROUP BY client_id, aanbieder, product) g;
