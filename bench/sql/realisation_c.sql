-- Realisation (verzilvering) per product for one year window [:ws, :we], C functions:
-- allocated_volume() for the allocations, overlap_share() for the claim lines
-- (pro rata by days), the verzilvering() aggregate for the ratio.
SELECT count(*) AS products,
       sum(hash_record(row(product, round(allocated, 4), round(claimed, 4),
                           round(verzilvering, 6)))) AS checksum
FROM (SELECT product, sum(allocated) AS allocated, sum(claimed) AS claimed,
             jeugdnorm.verzilvering(claimed, allocated) AS verzilvering
      FROM (SELECT product,
                   jeugdnorm.allocated_volume(ingangsdatum, einddatum, volume, frequentie,
                                              :'ws', :'we') * unit_factor AS allocated,
                   NULL::numeric AS claimed
            FROM bench.alloc
            WHERE ingangsdatum <= :'we' AND (einddatum IS NULL OR einddatum >= :'ws')
            UNION ALL
            SELECT product, NULL,
                   canonical_volume * jeugdnorm.overlap_share(begindatum, einddatum, :'ws', :'we')
            FROM bench.claim
            WHERE same_family AND begindatum <= :'we' AND einddatum >= :'ws') u
      GROUP BY product) s;
