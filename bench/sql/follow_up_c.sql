-- Follow-up class of every allocation per (client_id, product), C window function.
-- Partition keys COLLATE "C", as in follow_up_sql.sql and the views.
SELECT count(*) AS allocations,
       sum(hash_record(row(gemeente, toewijzingnummer, (f).follow_up, (f).gap_days))) AS checksum
FROM (SELECT gemeente, toewijzingnummer,
             jeugdnorm.follow_up(ingangsdatum, einddatum, :ext, :rec)
                 OVER (PARTITION BY client_id COLLATE "C", product COLLATE "C"
                       ORDER BY ingangsdatum, einddatum NULLS LAST, toewijzingnummer, gemeente) AS f
      FROM bench.alloc) s;
