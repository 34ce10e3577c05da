-- verzilvering aggregate: sum(claimed) / sum(allocated), [R1] NULLs.
-- VERBOSITY default: the errors show their DETAIL (the offending values)
-- and HINT.
\set VERBOSITY default
CREATE EXTENSION jeugdnorm;

CREATE TABLE vz (grp text, claimed numeric, allocated numeric);
INSERT INTO vz VALUES
  ('half',      50, 100),        -- 50/100 = 0.5
  ('third',     1, 1), ('third', 0, 2),         -- 1/3
  ('exact',     10.5, 7), ('exact', 4.5, 3),    -- 15/10 = 1.5
  ('over',      300, 100),       -- 3
  ('nullskip',  40, 100), ('nullskip', NULL, 100), ('nullskip', 20, NULL),  -- 60/200 = 0.3
  ('allclaimnull', NULL, 100), ('allclaimnull', NULL, 50),                  -- NULL
  ('allocnull', 10, NULL),                                                  -- NULL
  ('alloczero', 10, 0),                                                     -- NULL
  ('alloczeronet', 10, 100), ('alloczeronet', 5, -100),                     -- sum 0: NULL
  ('credit',    100, 80), ('credit', -20, 0),                               -- 80/80 = 1
  ('zeroclaim', 0, 100);                                                    -- 0

SELECT grp, jeugdnorm.verzilvering(claimed, allocated) AS v,
       jeugdnorm.verzilvering(claimed, allocated)
         IS NOT DISTINCT FROM (CASE WHEN count(claimed) > 0 THEN sum(claimed) / NULLIF(sum(allocated), 0) END) AS eq_sql
  FROM vz GROUP BY grp ORDER BY grp;

-- whole table, NULLs skipped per input:
-- claimed   50 +1+0 +10.5+4.5 +300 +40+20 +10 +10 +10+5 +100-20 +0 = 541
-- allocated 100 +1+2 +7+3 +100 +100+100 +100+50 +0 +100-100 +80+0 +100 = 743
-- 541/743 = 0.72812920592193808883
SELECT jeugdnorm.verzilvering(claimed, allocated) AS v,
       jeugdnorm.verzilvering(claimed, allocated) = 541::numeric / 743 AS eq
  FROM vz;

-- no rows: NULL
SELECT jeugdnorm.verzilvering(claimed, allocated) IS NULL AS empty_is_null FROM vz WHERE false;

DROP TABLE vz;
DROP EXTENSION jeugdnorm CASCADE;
