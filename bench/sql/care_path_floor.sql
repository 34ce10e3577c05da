-- The floor: one sorted pass over the same rows, nothing computed (group
-- keys COLLATE "C", as care_path_sql.sql sorts them).
SELECT count(*) AS rows, 0::bigint AS checksum
FROM (SELECT client_id, aanbieder, product, ingangsdatum, einddatum, label
      FROM bench.alloc
      ORDER BY client_id COLLATE "C", aanbieder COLLATE "C", product COLLATE "C", ingangsdatum
      OFFSET 0) s;
