-- The same follow-up classes in plain SQL: running max of einddatum over the
-- earlier rows (open = 'infinity') with a window frame, then CASE.
-- Partitioned in the database collation: the plain SQL as the benchmark
-- measured it up to 0.3.0's issue 16 part 3 (follow_up_sql.sql, with
-- COLLATE "C" partition keys, is faster and is the one compared).
SELECT count(*) AS allocations,
       sum(hash_record(row(gemeente, toewijzingnummer, follow_up, gap_days))) AS checksum
FROM (SELECT gemeente, toewijzingnummer,
             CASE WHEN prev_end IS NULL THEN 'eerste'
                  WHEN prev_end = 'infinity' THEN 'verlenging'
                  WHEN ingangsdatum - prev_end <= :ext THEN 'verlenging'
                  WHEN ingangsdatum - prev_end <= :rec THEN 'recidive'
                  ELSE 'nieuw' END AS follow_up,
             CASE WHEN prev_end <> 'infinity' THEN ingangsdatum - prev_end END AS gap_days
      FROM (SELECT gemeente, toewijzingnummer, ingangsdatum,
                   max(coalesce(einddatum, 'infinity'::date))
                       OVER (PARTITION BY client_id, product
                             ORDER BY ingangsdatum, einddatum NULLS LAST, toewijzingnummer, gemeente
                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
            FROM bench.alloc) a) s;
