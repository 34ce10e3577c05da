-- The same realisation in plain SQL: CASE arithmetic for the allocated volume
-- (multiplied before divided, as the C function), overlap days / period days
-- for the claims, sum / NULLIF(sum, 0) for the ratio.
SELECT count(*) AS products,
       sum(hash_record(row(product, round(allocated, 4), round(claimed, 4),
                           round(verzilvering, 6)))) AS checksum
FROM (SELECT product, sum(allocated) AS allocated, sum(claimed) AS claimed,
             sum(claimed) / NULLIF(sum(allocated), 0) AS verzilvering
      FROM (SELECT product,
                   CASE frequentie
                        WHEN '1' THEN volume * d
                        WHEN '2' THEN volume * d / 7
                        WHEN '4' THEN volume * d * 1200 / 36525
                        WHEN '6' THEN CASE WHEN einddatum IS NOT NULL
                                           THEN volume * d / (einddatum - ingangsdatum + 1) END
                   END * unit_factor AS allocated,
                   NULL::numeric AS claimed
            FROM (SELECT product, frequentie, volume, ingangsdatum, einddatum, unit_factor,
                         least(coalesce(einddatum, :'we'::date), :'we'::date)
                           - greatest(ingangsdatum, :'ws'::date) + 1 AS d
                  FROM bench.alloc
                  WHERE ingangsdatum <= :'we' AND (einddatum IS NULL OR einddatum >= :'ws')) a
            UNION ALL
            SELECT product, NULL,
                   canonical_volume * (least(einddatum, :'we'::date) - greatest(begindatum, :'ws'::date) + 1)
                       / (einddatum - begindatum + 1)
            FROM bench.claim
            WHERE same_family AND begindatum <= :'we' AND einddatum >= :'ws') u
      GROUP BY product) s;
