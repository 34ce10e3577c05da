-- refresh() reports its progress (80_refresh.sql, issue 18 part 6): a NOTICE
-- per step "refresh step i/n: view", silenced by SET jeugdnorm.progress =
-- off (the suite runs with it off: test/scripts/run-tests.sh); the
-- session's application_name names the step while it runs and is set back
-- afterwards.
CREATE EXTENSION jeugdnorm;
SET application_name = 'progress test';
SET jeugdnorm.progress = on;
SELECT count(*) AS steps FROM jeugdnorm.refresh();
SHOW application_name;
SET jeugdnorm.progress = off;
SELECT count(*) AS steps FROM jeugdnorm.refresh();
-- the log has both runs, each with its steps
SELECT refresh_id, count(*) FILTER (WHERE step > 0) AS steps_logged,
       max(steps) AS steps, bool_and(status = 'ok') AS all_ok
  FROM jeugdnorm.refresh_log GROUP BY refresh_id ORDER BY refresh_id;
-- a value that is not a boolean is refused, naming it
SET jeugdnorm.progress = 'sometimes';
SELECT count(*) FROM jeugdnorm.refresh();
RESET jeugdnorm.progress;
DROP EXTENSION jeugdnorm;
