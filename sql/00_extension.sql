-- CREATE / DROP works twice in a row in the same database.
CREATE EXTENSION jeugdnorm;
DROP EXTENSION jeugdnorm;
CREATE EXTENSION jeugdnorm;
SELECT extname, extversion, n.nspname
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE extname = 'jeugdnorm';
DROP EXTENSION jeugdnorm;
