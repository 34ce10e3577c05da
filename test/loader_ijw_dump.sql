-- pgTAP: no BSN anywhere after load_ijw() (issue 17, DEFINITIONS.md
-- section 11): a pg_dump of a database that loaded the round-trip demo
-- region's messages and the iJw examples holds none of the raw BSNs that
-- went in.
--
-- The same dump taken before load_ijw() holds every one of them: so the
-- grep does find a BSN where there is one (the raw messages are in
-- jeugdnorm.ijw_bericht until they are processed), and the test can fail.
-- The other places are checked elsewhere: every text column and the server
-- log (test/loader_ijw.sql, section 7), the kept messages
-- (test/loader_ijw_roundtrip.sql).
--
-- CREATE DATABASE cannot run inside this file's transaction: the scratch
-- database jn_ijw_dump is made and filled by shell commands (psql
-- backquotes, as test/security_dump_restore.sql does), from
-- test/lib/ijw_dump_source.sql; each command's exit status and output come
-- back as psql variables.
BEGIN;
SELECT plan(9);

\set dir `mktemp -d "${TMPDIR:-/tmp}/jn_ijw_dump.XXXXXX"`
-- the third-party examples' folder, found as test/loader_ijw.sql finds it
\set tp `for d in ../shared ../../shared; do if [ -d "$d/ijw/third_party/jaapjunior/berichten" ]; then (cd "$d/ijw/third_party/jaapjunior/berichten" && pwd); exit 0; fi; done; echo "$(pwd)/../shared/ijw/third_party/jaapjunior/berichten"`
\set bsns :dir/bsns.txt

\set rc `{ dropdb --if-exists jn_ijw_dump; createdb jn_ijw_dump && psql -X -q -v ON_ERROR_STOP=1 -v tp=:'tp' -v bsns=:'bsns' -d jn_ijw_dump -f test/lib/ijw_dump_source.sql; } > :'dir'/setup.log 2>&1; echo $?`
SELECT is(:'rc'::text, '0', 'scratch database: the demo region''s messages and the iJw examples, not yet loaded');
\set n_bsns `wc -l < :'bsns'`
SELECT cmp_ok(:'n_bsns'::int, '>=', 400, 'over four hundred distinct raw BSNs in the messages (the demo region''s clients and the examples'')');
\set n_selfmade `grep -c -x 999990019 :'bsns'`
SELECT is(:'n_selfmade'::text, '1', 'the self-made examples'' BSN 999990019 is among them');

-- ---- before load_ijw(): the grep finds every BSN -------------------------------------------
\set rc `pg_dump -f :'dir'/before.sql jn_ijw_dump > :'dir'/dump.log 2>&1; echo $?`
SELECT is(:'rc'::text, '0', 'pg_dump before load_ijw()');
\set found_before `grep -o -F -f :'bsns' :'dir'/before.sql | sort -u | wc -l`
SELECT is(:'found_before'::int, :'n_bsns'::int,
          'before load_ijw(): every raw BSN is in the dump (the grep finds them: the test can fail)');

-- ---- load_ijw(), then: not one ---------------------------------------------------------------
\set loaded `psql -X -tAq -d jn_ijw_dump -c 'SELECT sum(verwerkt) || $$ $$ || sum(rows_loaded) FROM jeugdnorm.load_ijw()' 2>&1`
SELECT cmp_ok(split_part(:'loaded', ' ', 2)::int, '>=', 10000,
              'load_ijw() processed the messages and loaded over ten thousand elements (' || :'loaded' || ')');
\set rc `pg_dump -f :'dir'/after.sql jn_ijw_dump > :'dir'/dump.log 2>&1; echo $?`
SELECT is(:'rc'::text, '0', 'pg_dump after load_ijw()');
\set kept `grep -c -e '^COPY jeugdnorm.ijw_bericht ' -e '^COPY jeugdnorm.declaratie ' -e '^COPY jeugdnorm.toewijzing ' -e '^COPY jeugdnorm.rejected ' :'dir'/after.sql`
SELECT is(:'kept'::text, '4', 'the dump holds the kept messages, the claim lines, the allocations and the refused elements');
\set found_after `grep -o -F -f :'bsns' :'dir'/after.sql | sort -u | wc -l`
SELECT is(:'found_after'::int, 0, 'after load_ijw(): not one raw BSN anywhere in a pg_dump of the database');

\set rc `{ dropdb --if-exists jn_ijw_dump; rm -rf :'dir'; } > /dev/null 2>&1; echo $?`
SELECT * FROM finish();
ROLLBACK;
