-- care_path as a window aggregate (40_paths.sql uses it so): over a moving
-- frame (ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), a growing frame (ROWS
-- BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) and the whole partition, the
-- result for every row equals the plain aggregate over the same rows.  The
-- rows are fed to the window in a random order (not the contract order), so
-- the final function has to sort; in a growing frame the WindowAgg calls
-- the final function once per row and then adds more rows to the same
-- state, so a final function that changed the state (e.g. sorted it in
-- place and lost rows or labels) would show here.  Random data: ties on
-- dates, NULL ends, NULL labels, gaps around max_gap.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(4);

SELECT setseed(0.1414);
CREATE TEMP TABLE r AS
SELECT g, n,
       s,
       CASE WHEN random() < 0.15 THEN NULL ELSE s + (random() * 120)::int END AS e,
       CASE WHEN random() < 0.2 THEN NULL ELSE (ARRAY['a', 'b', 'c', 'ab'])[1 + (random() * 3)::int] END AS label,
       random() AS feed
  FROM (SELECT g, n, date '2023-01-01' + (random() * 600)::int AS s
          FROM generate_series(1, 60) g, generate_series(1, 1 + (g % 9)) n) x;
-- the window's row order: a random feed order, numbered per group
CREATE TEMP TABLE w AS
SELECT r.*, row_number() OVER (PARTITION BY g ORDER BY feed) AS pos FROM r;

SELECT is((SELECT count(*) FROM w
            WHERE (SELECT jeugdnorm.care_path(x.s, x.e, x.label, 30) FROM w x
                    WHERE x.g = w.g AND x.pos BETWEEN w.pos - 2 AND w.pos)
                  IS DISTINCT FROM
                  (SELECT v.cp FROM (SELECT y.pos, jeugdnorm.care_path(y.s, y.e, y.label, 30)
                                              OVER (PARTITION BY y.g ORDER BY y.pos
                                                    ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS cp
                                       FROM w y WHERE y.g = w.g) v
                    WHERE v.pos = w.pos)),
          0::bigint, 'moving frame (2 PRECEDING .. CURRENT ROW): every row equals the plain aggregate over its frame');

SELECT is((SELECT count(*) FROM w
            WHERE (SELECT jeugdnorm.care_path(x.s, x.e, x.label, 30) FROM w x
                    WHERE x.g = w.g AND x.pos <= w.pos)
                  IS DISTINCT FROM
                  (SELECT v.cp FROM (SELECT y.pos, jeugdnorm.care_path(y.s, y.e, y.label, 30)
                                              OVER (PARTITION BY y.g ORDER BY y.pos
                                                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cp
                                       FROM w y WHERE y.g = w.g) v
                    WHERE v.pos = w.pos)),
          0::bigint, 'growing frame (UNBOUNDED PRECEDING .. CURRENT ROW): every row equals the plain aggregate over its frame');

SELECT is((SELECT count(*) FROM w
            WHERE (SELECT jeugdnorm.care_path(x.s, x.e, x.label) FROM w x WHERE x.g = w.g)
                  IS DISTINCT FROM
                  (SELECT v.cp FROM (SELECT y.pos, jeugdnorm.care_path(y.s, y.e, y.label)
                                              OVER (PARTITION BY y.g ORDER BY y.pos
                                                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS cp
                                       FROM w y WHERE y.g = w.g) v
                    WHERE v.pos = w.pos)),
          0::bigint, 'whole partition: every row equals the plain aggregate over the group');

-- the plain aggregate itself does not depend on the feed order
SELECT is((SELECT count(*) FROM (SELECT g FROM w GROUP BY g
                                  HAVING jeugdnorm.care_path(s, e, label ORDER BY feed)
                                         IS DISTINCT FROM jeugdnorm.care_path(s, e, label ORDER BY s, e, label COLLATE "C")) d),
          0::bigint, 'the plain aggregate: the same paths whatever the order the rows arrive in');

SELECT * FROM finish();
ROLLBACK;
