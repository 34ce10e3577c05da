-- pgTAP: the value formats in C (src/core/formats.c, faces in
-- src/pg/formats.c; 0.3.0) answer exactly as their SQL-language versions
-- of 0.2.0 did: is_gemeente, is_aanbieder, is_productcategorie,
-- is_productcode, is_valid_bsn and parse_date, over hand-picked edge cases
-- and a few thousand generated strings (digits, letters, '-', spaces,
-- non-ASCII digits and letters).  The old definitions are written out here
-- as pg_temp functions.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(10);

CREATE FUNCTION pg_temp.old_is_valid_bsn(bsn text) RETURNS boolean LANGUAGE sql IMMUTABLE
RETURN CASE
    WHEN bsn IS NULL THEN NULL
    WHEN bsn ~ '^[0-9]{9}$' AND bsn <> '000000000'
    THEN (9 * substr(bsn, 1, 1)::integer + 8 * substr(bsn, 2, 1)::integer
        + 7 * substr(bsn, 3, 1)::integer + 6 * substr(bsn, 4, 1)::integer
        + 5 * substr(bsn, 5, 1)::integer + 4 * substr(bsn, 6, 1)::integer
        + 3 * substr(bsn, 7, 1)::integer + 2 * substr(bsn, 8, 1)::integer
        - substr(bsn, 9, 1)::integer) % 11 = 0
    ELSE false
END;

CREATE FUNCTION pg_temp.old_parse_date(value text) RETURNS date LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    v   text := btrim(value);
    y   integer;
    m   integer;
    d   integer;
BEGIN
    IF v !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
        RETURN NULL;
    END IF;
    y := substr(v, 1, 4)::integer;
    m := substr(v, 6, 2)::integer;
    d := substr(v, 9, 2)::integer;
    IF y < 1 OR m NOT BETWEEN 1 AND 12 OR d NOT BETWEEN 1 AND 31 THEN
        RETURN NULL;
    END IF;
    IF extract(month FROM make_date(y, m, 1) + (d - 1)) <> m THEN
        RETURN NULL;
    END IF;
    RETURN make_date(y, m, d);
END;
$$;

-- edge cases, then generated strings of 0-12 characters from an alphabet
-- weighted towards what the formats accept (seeded: the same set each run)
CREATE TEMP TABLE s (v text);
INSERT INTO s VALUES
    (NULL), (''), (' '), ('0758'), ('075'), ('07580'), (' 0758'), ('0758 '), ('07a8'), ('٠٧٥٨'),
    ('12345678'), ('1234567'), ('123456789'), ('1234567a'), ('45'), ('4'), ('455'), ('4a'),
    ('45A12'), ('45a12'), ('45A1'), ('45A123'), ('45-12'), ('45Ä12'), ('45A1 '),
    ('123456782'), ('111222333'), ('000000000'), ('999990019'), ('12345678'), ('1234567820'),
    ('12345678 '), ('１２３４５６７８２'),
    ('2024-02-29'), ('2023-02-29'), ('1900-02-29'), ('2000-02-29'), ('2024-04-31'), ('2024-12-31'),
    ('2024-13-01'), ('2024-00-10'), ('2024-01-00'), ('0000-01-01'), ('0001-01-01'), ('9999-12-31'),
    ('2024-1-01'), ('20240101'), (' 2024-01-01 '), (E'\t2024-01-01'), ('2024-01-01T00:00'),
    ('2024/01/01'), ('+2024-01-01'), ('2024-01-32');
SELECT setseed(0.17);
INSERT INTO s
SELECT string_agg(substr('0123456789012345678901234567890123456789-- aZ٣é', (1 + floor(random() * 48))::int, 1), '')
  FROM generate_series(1, 4000) AS i, generate_series(0, (i % 13) - 1) AS k
 GROUP BY i;
INSERT INTO s   -- dates: digits in the right places, most of them real days
SELECT lpad((floor(random() * 10001))::text, 4, '0') || '-' || lpad((floor(random() * 14))::text, 2, '0')
       || '-' || lpad((floor(random() * 33))::text, 2, '0')
  FROM generate_series(1, 3000);
INSERT INTO s   -- BSNs: 9 digits, one in eleven passing the elfproef
SELECT lpad((floor(random() * 1000000000))::text, 9, '0') FROM generate_series(1, 3000);

SELECT cmp_ok((SELECT count(DISTINCT v) FROM s), '>', 8000::bigint, 'over 8,000 distinct strings to compare');
SELECT cmp_ok((SELECT count(*) FROM s WHERE pg_temp.old_is_valid_bsn(v)), '>', 200::bigint,
              'among them over 200 valid BSNs');
SELECT cmp_ok((SELECT count(*) FROM s WHERE pg_temp.old_parse_date(v) IS NOT NULL), '>', 1500::bigint,
              'and over 1,500 dates');
SELECT is((SELECT count(*) FROM s WHERE jeugdnorm.is_gemeente(v) IS DISTINCT FROM (v ~ '^[0-9]{4}$')),
          0::bigint, 'is_gemeente: as $1 ~ ''^[0-9]{4}$''');
SELECT is((SELECT count(*) FROM s WHERE jeugdnorm.is_aanbieder(v) IS DISTINCT FROM (v ~ '^[0-9]{8}$')),
          0::bigint, 'is_aanbieder: as $1 ~ ''^[0-9]{8}$''');
SELECT is((SELECT count(*) FROM s WHERE jeugdnorm.is_productcategorie(v) IS DISTINCT FROM (v ~ '^[0-9]{2}$')),
          0::bigint, 'is_productcategorie: as $1 ~ ''^[0-9]{2}$''');
SELECT is((SELECT count(*) FROM s WHERE jeugdnorm.is_productcode(v) IS DISTINCT FROM (v ~ '^[0-9A-Za-z]{5}$')),
          0::bigint, 'is_productcode: as $1 ~ ''^[0-9A-Za-z]{5}$''');
SELECT is((SELECT count(*) FROM s WHERE jeugdnorm.is_valid_bsn(v) IS DISTINCT FROM pg_temp.old_is_valid_bsn(v)),
          0::bigint, 'is_valid_bsn: as the SQL-language elfproef of 0.2.0 (NULL gives NULL)');
SELECT is((SELECT count(*) FROM s WHERE jeugdnorm_internal.parse_date(v) IS DISTINCT FROM pg_temp.old_parse_date(v)),
          0::bigint, 'parse_date: as the PL/pgSQL version of 0.2.0 (spaces around allowed, real days only)');
SELECT is(ARRAY[jeugdnorm_internal.parse_date(' 2024-02-29 '), jeugdnorm_internal.parse_date('2023-02-29'),
                jeugdnorm_internal.parse_date('0001-01-01'), jeugdnorm_internal.parse_date('9999-12-31')],
          ARRAY[date '2024-02-29', NULL, date '0001-01-01', date '9999-12-31'],
          'parse_date: a leap day, a day that is not one, the first and the last year');

SELECT * FROM finish();
ROLLBACK;
