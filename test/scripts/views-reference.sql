-- Prints doc/views-reference.md (Markdown) from the installed extension:
-- every plain view of schema jeugdnorm with its COMMENT ON text and, per
-- column, its type, Dutch label and comment, read from
-- jeugdnorm.column_dictionary.  `make doc` writes the file with it; the
-- suite (test/scripts/run-tests.sh, "doc checks") runs it again and fails
-- when the committed file differs.  Run with psql -X -At.
\pset footer off
WITH d AS (
    SELECT view_name, column_name, ordinal, data_type, description, view_description, label_nl
      FROM jeugdnorm.column_dictionary
),
cell AS (
    -- a Markdown table cell: no pipes, no line breaks
    SELECT view_name, ordinal,
           format('| `%s` | %s | %s | %s |', column_name, data_type,
                  coalesce(label_nl, ''),
                  replace(regexp_replace(coalesce(description, ''), '\s+', ' ', 'g'), '|', '\|')) AS line
      FROM d
),
views AS (
    SELECT DISTINCT view_name, view_description FROM d
)
SELECT string_agg(block, E'\n' ORDER BY ord, view_name)
  FROM (
    SELECT 0 AS ord, '' AS view_name,
           E'# View reference (generated)\n\n'
        || E'Every plain view of schema `jeugdnorm` with every column: its type, its Dutch display\n'
        || E'label (`label_nl`) and its comment, as `jeugdnorm.column_dictionary` shows them.\n'
        || E'**Generated** by `make doc` from the installed extension; do not edit (the test suite\n'
        || E'fails when this file is stale). What the views are for, with examples:\n'
        || E'[views.md](views.md); the rules behind them: [definitions.md](definitions.md).\n\n'
        || (SELECT string_agg(format('[%s](#%s)', view_name, view_name), ' · ' ORDER BY view_name) FROM views)
        || E'\n' AS block
    UNION ALL
    SELECT 1, v.view_name,
           format(E'## %s\n\n%s\n\n| column | type | label_nl | description |\n|---|---|---|---|\n%s\n',
                  v.view_name,
                  replace(regexp_replace(coalesce(v.view_description, '(no comment)'), '\s+', ' ', 'g'), '|', '\|'),
                  (SELECT string_agg(c.line, E'\n' ORDER BY c.ordinal) FROM cell c WHERE c.view_name = v.view_name))
      FROM views v
  ) b;
