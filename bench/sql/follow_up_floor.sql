-- The floor for follow-up: one sorted pass in the window's order (partition
-- keys COLLATE "C", as follow_up_sql.sql and follow_up_c.sql sort).
SELECT count(*) AS rows, 0::bigint AS checksum
FROM (SELECT gemeente, toewijzingnummer, client_id, product, ingangsdatum, einddatum
      FROM bench.alloc
      ORDER BY client_id COLLATE "C", product COLLATE "C", ingangsdatum, einddatum NULLS LAST, toewijzingnummer, gemeente
      OFFSET 0) s;
