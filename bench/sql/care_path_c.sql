-- Care paths per (client_id, aanbieder, product) with the C aggregate.
-- Output: number of paths and a checksum over every field of every path.
SELECT count(*) AS paths,
       sum(hash_record(row(g.client_id, g.aanbieder, g.product, p.path_no,
                              p.start, p.einde, p.allocations, p.path, p.days))) AS checksum
FROM (SELECT client_id, aanbieder, product,
             jeugdnorm.care_path(ingangsdatum, einddatum, label, :gap) AS ps
      FROM bench.alloc
      GROUP BY client_id, aanbieder, product) g
CROSS JOIN LATERAL unnest(g.ps) AS p;
