-- Care paths per (client_id, aanbieder, product) with the C aggregate.
-- Output: number of paths and a checksum over every field of every path.
-- unnest() in the select list (a ProjectSet node) rather than
-- CROSS JOIN LATERAL unnest(...) (a Function Scan that fills a tuplestore
-- per group): same answer, ~25-40% less time at scale 2.
SELECT count(*) AS paths,
       sum(hash_record(row(client_id, aanbieder, product, (p).path_no,
                           (p).start, (p).einde, (p).allocations, (p).path, (p).days))) AS checksum
FROM (SELECT client_id, aanbieder, product,
             unnest(jeugdnorm.care_path(ingangsdatum, einddatum, label, :gap)) AS p
      FROM bench.alloc
      GROUP BY client_id, aanbieder, product) g;
