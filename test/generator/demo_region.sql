-- ---------------------------------------------------------------------------
-- test/generator/demo_region.sql -- the deterministic demo region
--
-- Load with psql in a database where CREATE EXTENSION jeugdnorm already ran:
--     \i test/generator/demo_region.sql
--     SELECT * FROM jeugdnorm_demo.generate(42, 1);
--
-- generate(seed, scale) empties and fills the jeugdnorm input tables
-- (aanbieder, product, norm, contract, toewijzing, declaratie) with a
-- synthetic region shaped like Noord-Limburg: 7 municipalities with their
-- real CBS codes, ~250 providers, 24 products in 6 product groups, and at
-- scale 1 ~9,000 clients, ~24,000 allocations and ~260,000 monthly claim
-- lines over 2021-2025.  It sets jeugdnorm.settings to window_start
-- 2021-01-01 and peildatum 2025-12-31 (everything else its default).
-- scale multiplies clients, allocations and claims; providers and products
-- stay fixed.
--
-- Determinism.  No random(): every random number is a hash of (entity key,
-- purpose) with the seed as hash seed (jeugdnorm_demo.u), so a row's values
-- never depend on the order in which rows are produced, on parallel workers
-- or on plan changes.  The rows that get a serial id (declaratie, norm,
-- contract) are inserted in a fixed ORDER BY after TRUNCATE ... RESTART
-- IDENTITY, so the same seed and scale give the same tables, byte for byte.
--
-- Speed.  Set-based throughout: clients, streams and allocations come from
-- generate_series, the dates of a chain of allocations from one running sum
-- (a window function), and claim lines from a generate_series over the
-- months of each allocation.  Weighted choices (municipality, product group,
-- product, provider) are equi-joins with a small table of 10,000 buckets per
-- choice, so no range join and no per-row loop.
--
-- Model, per client:
--   client   municipality (by size), entry date 2019-07..2025-12, age at entry 0-23
--            (2% are 22 or 23, so the age filter has work), date of birth;
--   stream   1-3 per client, each in one product group (Ontwikkelgroepen for
--            young children); the stream is a chain of 1-8 allocations;
--   chain    each next allocation follows the previous one after a gap:
--            40% the next day, 20% 2..90 days later, 10% overlapping
--            (-30..0), 16% 91..365 days (repeat request), 14% more than a
--            year (new request).  The product is kept or re-chosen within
--            the group (more often after a long gap), the provider mostly
--            kept;
--   extras   5% of the closed allocations of 3+ months get a nested one inside their
--            period (the group's maatwerk/meerwerk product where it has
--            one), 5% of the category-45 allocations are aspecifiek
--            (productcode NULL), 1.2% carry reden_wijziging '13', 0.3% are
--            missing from toewijzing although their claims arrive, some
--            maatwerk allocations are budgets (eenheid '83');
--   end      every allocation keeps its planned einddatum, also when that
--            lies after the peildatum 2025-12-31 (an allocation running at
--            the peildatum typically ends months into 2026-2028, as in a
--            real extract); no ingangsdatum is after 2025-12-31.  Of the
--            allocations running past the peildatum 5% (traject) or 10%
--            (inspanning, plek) are open (NULL einddatum), and the last
--            allocation of a chain of a lasting product (Ambulante hulp
--            duurzaam licht/midden, plek) is open from the start in 15-20%:
--            ~3% open allocations, in every financing form;
--   claims   one line per calendar month of the delivered part of the
--            allocation up to the peildatum (inside 2021-2025, never a day
--            after 2025-12-31), at the pace of the planned period (an open
--            allocation: of its planned period, claimed on until the
--            peildatum), at 15-110% of the allocated
--            intensity, some starting late or stopping early; 2.5% of the
--            lines are credited, most of them with a corrected debit, the
--            rest (0.3%) as exact net-zero debit + credit pairs; 4% of the
--            allocations have their first/last line widened to whole months
--            (slightly outside the allocation period).
-- ---------------------------------------------------------------------------

SET client_min_messages = warning;
DROP SCHEMA IF EXISTS jeugdnorm_demo CASCADE;
RESET client_min_messages;
CREATE SCHEMA jeugdnorm_demo;
COMMENT ON SCHEMA jeugdnorm_demo IS
    'deterministic demo-region generator for jeugdnorm (test/generator/demo_region.sql)';

-- ---- random numbers ----------------------------------------------------------
-- u(seed, id, purpose): a number in [0, 1) from a hash of (id, purpose) with
-- seed as the hash seed.  Each use of a random number has its own purpose
-- (0..63), so two uses never share a hash input.  Inlined by the planner
-- (single-expression SQL function), so it costs one hash call.
CREATE FUNCTION jeugdnorm_demo.u(seed integer, id bigint, purpose integer)
    RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT (hashint8extended($2 * 64 + $3, $1) & 4503599627370495)::double precision
                 / 4503599627370496.0::double precision $$;
COMMENT ON FUNCTION jeugdnorm_demo.u(integer, bigint, integer) IS
    'deterministic pseudo-random number in [0,1) for (id, purpose) under seed';

-- ui(seed, id, purpose, lo, hi): an integer in lo..hi (inclusive).
CREATE FUNCTION jeugdnorm_demo.ui(seed integer, id bigint, purpose integer, lo integer, hi integer)
    RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT $4 + floor(jeugdnorm_demo.u($1, $2, $3) * ($5 - $4 + 1))::integer $$;
COMMENT ON FUNCTION jeugdnorm_demo.ui(integer, bigint, integer, integer, integer) IS
    'deterministic pseudo-random integer in lo..hi for (id, purpose) under seed';

-- ---- fixed parameters of the region -------------------------------------------

CREATE TABLE jeugdnorm_demo.gemeente_spec (
    gemeente  text PRIMARY KEY,
    idx       integer NOT NULL UNIQUE,  -- in code order
    naam      text NOT NULL,
    weight    numeric NOT NULL      -- inhabitants (CBS, rounded): share of the clients
);
COMMENT ON TABLE jeugdnorm_demo.gemeente_spec IS
    'the 7 municipalities of the demo region (real CBS codes) and their weights';
INSERT INTO jeugdnorm_demo.gemeente_spec VALUES
    ('0889', 1, 'Beesel',              13500),
    ('0893', 2, 'Bergen (L.)',         13000),
    ('0907', 3, 'Gennep',              17500),
    ('0983', 4, 'Venlo',              102000),
    ('0984', 5, 'Venray',              44500),
    ('1507', 6, 'Horst aan de Maas',   43000),
    ('1894', 7, 'Peel en Maas',        44500);

CREATE TABLE jeugdnorm_demo.groep_spec (
    productgroep  text PRIMARY KEY,
    idx           integer NOT NULL UNIQUE,   -- 0..5, a provider's home group is idx = nr % 6
    weight        numeric NOT NULL           -- share of streams of clients aged 7+ (Ontwikkelgroepen: young children only)
);
COMMENT ON TABLE jeugdnorm_demo.groep_spec IS
    'the product groups of the demo region and how often a care stream is in each';
INSERT INTO jeugdnorm_demo.groep_spec VALUES
    ('GGZ',                      0, 27),
    ('Ambulant perspectief 1',   1, 22),
    ('Ambulant perspectief 2',   2, 14),
    ('Ambulante hulp duurzaam',  3, 12),
    ('Ontwikkelgroepen',         4,  0),
    ('Dagbesteding',             5, 17);

-- The catalogue plus what the generator needs to allocate each product:
-- eenheid/frequentie of its allocations, the allocated volume (vol_lo..vol_hi
-- in steps of vol_step, in eenheid per frequentie), the allocation length
-- in months (dur_lo..dur_hi), its weight inside the group, the share of
-- its allocations given as a budget, and whether it is the product that
-- nested allocations in its group get (maatwerk / meerwerk on top).
-- tarief: euros per canonical unit (hour, etmaal); per trajectory for a
-- traject in stuks ('82').
CREATE TABLE jeugdnorm_demo.product_spec (
    idx               integer PRIMARY KEY,
    productcategorie  text NOT NULL,
    productcode       text NOT NULL UNIQUE,
    omschrijving      text NOT NULL,
    productgroep      text NOT NULL REFERENCES jeugdnorm_demo.groep_spec,
    variant           text,
    financieringsvorm text NOT NULL,
    segment           text NOT NULL,
    tarief            numeric NOT NULL,
    standaard_doorlooptijd_maanden numeric,
    standaard_volume  numeric,
    eenheid           text NOT NULL,
    frequentie        text NOT NULL,
    vol_lo            numeric NOT NULL,
    vol_hi            numeric NOT NULL,
    vol_step          numeric NOT NULL,
    dur_lo            integer NOT NULL,
    dur_hi            integer NOT NULL,
    weight            numeric NOT NULL,
    budget_share      numeric NOT NULL DEFAULT 0,
    open_share        numeric NOT NULL DEFAULT 0,
    nested            boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE jeugdnorm_demo.product_spec IS
    'the demo product catalogue and the parameters the generator allocates each product with';
INSERT INTO jeugdnorm_demo.product_spec
    (idx, productcategorie, productcode, omschrijving, productgroep, variant, financieringsvorm, segment,
     tarief, standaard_doorlooptijd_maanden, standaard_volume, eenheid, frequentie,
     vol_lo, vol_hi, vol_step, dur_lo, dur_hi, weight, budget_share, open_share, nested)
VALUES
    -- GGZ: trajects priced per trajectory, maatwerk in hours per month (sometimes a budget), meerwerk in minutes per week
    ( 1, '54', '54G01', 'Jeugd-GGZ traject licht',          'GGZ', 'licht',    'traject',    'Jeugd-GGZ', 1350.00,  6,  12, '82', '6',   1,   1,   1,  4, 10, 30, 0,    0,    false),
    ( 2, '54', '54G02', 'Jeugd-GGZ traject midden',         'GGZ', 'midden',   'traject',    'Jeugd-GGZ', 3150.00,  9,  28, '82', '6',   1,   1,   1,  6, 12, 30, 0,    0,    false),
    ( 3, '54', '54G03', 'Jeugd-GGZ traject zwaar',          'GGZ', 'zwaar',    'traject',    'Jeugd-GGZ', 6900.00, 14,  60, '82', '6',   1,   1,   1, 10, 18, 15, 0,    0,    false),
    ( 4, '54', '54G04', 'Jeugd-GGZ maatwerk',               'GGZ', 'maatwerk', 'inspanning', 'Jeugd-GGZ',  121.50,  6, NULL, '04', '4',   4,  16,   2,  6, 18, 15, 0.30, 0,    false),
    ( 5, '54', '54G05', 'Jeugd-GGZ meerwerk diagnostiek',   'GGZ', 'meerwerk', 'inspanning', 'Jeugd-GGZ',  121.50,  3, NULL, '01', '2',  30, 120,  15,  3,  6, 10, 0,    0,    true),
    -- Ambulant perspectief 1: trajects allocated as a total of hours
    ( 6, '45', '45A11', 'Ambulant perspectief 1 licht',     'Ambulant perspectief 1', 'licht',  'traject', 'Ambulant',  74.60,  6,  16, '04', '6',  12,  24,   4,  4, 10, 40, 0, 0, false),
    ( 7, '45', '45A12', 'Ambulant perspectief 1 midden',    'Ambulant perspectief 1', 'midden', 'traject', 'Ambulant',  74.60, 10,  36, '04', '6',  27,  54,   9,  8, 14, 40, 0, 0, false),
    ( 8, '45', '45A13', 'Ambulant perspectief 1 zwaar',     'Ambulant perspectief 1', 'zwaar',  'traject', 'Ambulant',  74.60, 15,  72, '04', '6',  54, 108,  18, 12, 18, 20, 0, 0, false),
    -- Ambulant perspectief 2: trajects per trajectory, maatwerk in hours per week (sometimes a budget)
    ( 9, '45', '45A21', 'Ambulant perspectief 2 licht',     'Ambulant perspectief 2', 'licht',    'traject',    'Ambulant', 2400.00,  7,  28, '82', '6', 1, 1, 1,  6, 12, 30, 0,    0, false),
    (10, '45', '45A22', 'Ambulant perspectief 2 midden',    'Ambulant perspectief 2', 'midden',   'traject',    'Ambulant', 5300.00, 11,  60, '82', '6', 1, 1, 1,  9, 14, 35, 0,    0, false),
    (11, '45', '45A23', 'Ambulant perspectief 2 zwaar',     'Ambulant perspectief 2', 'zwaar',    'traject',    'Ambulant', 9600.00, 15, 110, '82', '6', 1, 1, 1, 12, 18, 20, 0,    0, false),
    (12, '45', '45A24', 'Ambulant perspectief 2 maatwerk',  'Ambulant perspectief 2', 'maatwerk', 'inspanning', 'Ambulant',   92.10,  6, NULL, '04', '2', 1, 4, 0.5,  6, 18, 15, 0.30, 0, true),
    -- Ambulante hulp duurzaam: long-lasting P*Q, often open-ended
    (13, '45', '45D01', 'Ambulante hulp duurzaam licht',    'Ambulante hulp duurzaam', 'licht',    'inspanning', 'Ambulant duurzaam', 68.90, 12, NULL, '04', '4',  2,  8, 1, 12, 36, 45, 0, 0.20, false),
    (14, '45', '45D02', 'Ambulante hulp duurzaam midden',   'Ambulante hulp duurzaam', 'midden',   'inspanning', 'Ambulant duurzaam', 68.90, 12, NULL, '04', '2',  1,  3, 0.5, 12, 36, 40, 0, 0.20, false),
    (15, '45', '45D03', 'Ambulante hulp duurzaam meerwerk', 'Ambulante hulp duurzaam', 'meerwerk', 'inspanning', 'Ambulant duurzaam', 68.90,  6, NULL, '01', '2', 30, 90, 15,  6, 18, 15, 0, 0,    true),
    -- Ontwikkelgroepen: dagdelen per week, and a treatment group with stay (etmaal per dag)
    (16, '43', '43O01', 'Ontwikkelgroep licht',             'Ontwikkelgroepen', 'licht',  'inspanning', 'Groepsbegeleiding', 23.75, 12, NULL, '16', '2', 1, 3, 1, 12, 36, 35, 0, 0,    false),
    (17, '43', '43O02', 'Ontwikkelgroep midden',            'Ontwikkelgroepen', 'midden', 'inspanning', 'Groepsbegeleiding', 27.50, 12, NULL, '16', '2', 2, 5, 1, 12, 36, 35, 0, 0,    false),
    (18, '43', '43O03', 'Ontwikkelgroep zwaar',             'Ontwikkelgroepen', 'zwaar',  'inspanning', 'Groepsbegeleiding', 31.25, 12, NULL, '16', '2', 4, 8, 1, 12, 36, 20, 0, 0,    false),
    (19, '43', '43O04', 'Behandelgroep met verblijf',       'Ontwikkelgroepen', NULL,     'plek',       'Verblijf',         265.00, 12, NULL, '14', '1', 1, 1, 1, 12, 36, 10, 0, 0.15, false),
    -- Dagbesteding: dagdelen per week, logeren in etmalen per week, maatwerk in hours per month
    (20, '46', '46B01', 'Dagbesteding licht',               'Dagbesteding', 'licht',    'inspanning', 'Dagbesteding en logeren',  15.00, 12, NULL, '16', '2', 1, 4, 1, 12, 36, 35, 0, 0,    false),
    (21, '46', '46B02', 'Dagbesteding midden',              'Dagbesteding', 'midden',   'inspanning', 'Dagbesteding en logeren',  18.75, 12, NULL, '16', '2', 2, 6, 1, 12, 36, 30, 0, 0,    false),
    (22, '46', '46B03', 'Dagbesteding zwaar',               'Dagbesteding', 'zwaar',    'inspanning', 'Dagbesteding en logeren',  24.50, 12, NULL, '16', '2', 4, 9, 1, 12, 36, 15, 0, 0,    false),
    (23, '46', '46B04', 'Logeren',                          'Dagbesteding', NULL,       'plek',       'Dagbesteding en logeren', 198.00, 12, NULL, '14', '2', 1, 3, 1, 12, 36, 12, 0, 0.15, false),
    (24, '46', '46B05', 'Dagbesteding maatwerk',            'Dagbesteding', 'maatwerk', 'inspanning', 'Dagbesteding en logeren',  35.00,  6, NULL, '04', '4', 8, 30, 2,  6, 18,  8, 0, 0,    true);

-- The normenkader.  45A12 changes on 2024-01-01; Dagbesteding has one norm for
-- the whole productgroep (its products have no own row, except Logeren, whose
-- canonical unit is etmaal); 54G05, 45D03 and 43O04 have no norm at all.
CREATE TABLE jeugdnorm_demo.norm_spec (
    productcode              text NOT NULL,
    geldig_van               date NOT NULL,
    geldig_tot               date,
    max_doorlooptijd_maanden numeric,
    max_volume               numeric,
    max_frequentie_per_week  numeric,
    PRIMARY KEY (productcode, geldig_van)
);
COMMENT ON TABLE jeugdnorm_demo.norm_spec IS
    'the demo normenkader, copied into jeugdnorm.norm by generate()';
INSERT INTO jeugdnorm_demo.norm_spec VALUES
    ('54G01', '2018-01-01', NULL,          9,   1,  NULL),
    ('54G02', '2018-01-01', NULL,         12,   1,  NULL),
    ('54G03', '2018-01-01', NULL,         18,   1,  NULL),
    ('54G04', '2018-01-01', NULL,         12,  80,  4),
    ('45A11', '2018-01-01', NULL,          9,  20,  2),
    ('45A12', '2018-01-01', '2023-12-31', 14,  48,  2.5),
    ('45A12', '2024-01-01', NULL,         12,  40,  2),
    ('45A13', '2018-01-01', NULL,         18,  90,  3),
    ('45A21', '2018-01-01', NULL,          9,   1,  NULL),
    ('45A22', '2018-01-01', NULL,         14,   1,  NULL),
    ('45A23', '2018-01-01', NULL,         18,   1,  NULL),
    ('45A24', '2018-01-01', NULL,         12, 150,  4),
    ('45D01', '2018-01-01', NULL,         36, 200,  2.5),
    ('45D02', '2018-01-01', NULL,         36, 300,  3),
    ('43O01', '2018-01-01', NULL,         24, 300, 12),
    ('43O02', '2018-01-01', NULL,         24, 600, 20),
    ('43O03', '2018-01-01', NULL,         24, 900, 32),
    ('46B04', '2018-01-01', NULL,         24, 100,  3),
    ('Dagbesteding', '2018-01-01', NULL,  24, 1200, 24);

-- ---- the generator ---------------------------------------------------------------

CREATE FUNCTION jeugdnorm_demo.generate(seed integer DEFAULT 42, scale numeric DEFAULT 1)
    RETURNS TABLE (table_name text, rows bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    SET work_mem = '256MB'
    -- The expressions below are large; JIT would spend minutes compiling them.
    SET jit = off
    SET client_min_messages = warning
AS $fn$
DECLARE
    n_clients integer;
BEGIN
    IF seed IS NULL OR scale IS NULL OR scale <= 0 OR scale > 1000 THEN
        RAISE EXCEPTION 'jeugdnorm_demo.generate: seed must be given and scale must be in (0, 1000], got seed %, scale %',
            seed, scale
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    n_clients := greatest(1, round(9000 * scale))::integer;

    TRUNCATE jeugdnorm.declaratie, jeugdnorm.toewijzing, jeugdnorm.contract,
             jeugdnorm.norm, jeugdnorm.product, jeugdnorm.aanbieder
        RESTART IDENTITY;

    DROP TABLE IF EXISTS pg_temp.jn_demo_pick, pg_temp.jn_demo_aanbieder, pg_temp.jn_demo_offer,
                         pg_temp.jn_demo_client, pg_temp.jn_demo_stream, pg_temp.jn_demo_chain, pg_temp.jn_demo_skel,
                         pg_temp.jn_demo_alloc, pg_temp.jn_demo_claimalloc;

    -- ---- catalogue and norms ----------------------------------------------
    INSERT INTO jeugdnorm.product
        (productcategorie, productcode, omschrijving, productgroep, variant, financieringsvorm,
         segment, tarief, standaard_doorlooptijd_maanden, standaard_volume)
    SELECT productcategorie, productcode, omschrijving, productgroep, variant, financieringsvorm,
           segment, tarief, standaard_doorlooptijd_maanden, standaard_volume
      FROM jeugdnorm_demo.product_spec
     ORDER BY idx;

    INSERT INTO jeugdnorm.norm
        (productcode, geldig_van, geldig_tot, max_doorlooptijd_maanden, max_volume, max_frequentie_per_week)
    SELECT productcode, geldig_van, geldig_tot, max_doorlooptijd_maanden, max_volume, max_frequentie_per_week
      FROM jeugdnorm_demo.norm_spec
     ORDER BY productcode, geldig_van;

    -- ---- providers ----------------------------------------------------------
    -- 250 providers, ~60% micro.  AGB code '98' + 6 digits, a bijection of
    -- the provider number (7919 is prime, so unique).  A micro provider
    -- weighs 1..3.5 in each group it works in, a regulier one 3..43 (most
    -- of them small, a few large); micro providers get ~9% of the
    -- allocations.  Each
    -- provider works in its home group (nr % 6, so every group has
    -- providers) and, regulier ones often, in more groups.
    CREATE TEMP TABLE jn_demo_aanbieder AS
    SELECT p AS nr,
           '98' || lpad(((p * 7919) % 1000000)::text, 6, '0') AS aanbieder,
           CASE WHEN jeugdnorm_demo.u(seed, p, 1) < 0.6 THEN 'micro' ELSE 'regulier' END AS type,
           jeugdnorm_demo.u(seed, p, 2) AS u_weight,
           jeugdnorm_demo.u(seed, p, 5) AS u_nga,
           jeugdnorm_demo.u(seed, p, 6) AS u_late
      FROM generate_series(1, 250) AS p;

    INSERT INTO jeugdnorm.aanbieder (aanbieder, naam, type)
    SELECT a.aanbieder,
           CASE WHEN a.type = 'micro'
                THEN (ARRAY['Praktijk', 'Kinderpraktijk', 'Gezinscoach', 'Zorgboerderij', 'Begeleiding',
                            'Speltherapie', 'Coaching'])[1 + a.nr % 7]
                ELSE (ARRAY['Stichting', 'Zorggroep', 'Jeugdzorg', 'Centrum', 'GGZ', 'Expertisecentrum'])[1 + a.nr % 6]
           END || ' '
           || (ARRAY['De Linde', 'Het Kompas', 'De Wilg', 'Maasoever', 'Peelrand', 'Het Anker', 'De Zonnebloem',
                     'Kwadrant', 'De Brug', 'Horizon', 'Eigen Kracht', 'Samen Sterk', 'Op Koers', 'De Kei',
                     'Noorderlicht', 'De Regenboog', 'Klavertje Vier', 'Hoogland', 'Maasduinen', 'De Peel',
                     'Spoor', 'Vlinder', 'De Boomgaard'])[1 + (a.nr * 7) % 23]
           || ' ' || (ARRAY['Venlo', 'Tegelen', 'Blerick', 'Venray', 'Horst', 'Panningen', 'Reuver', 'Gennep',
                            'Bergen', 'America', 'Sevenum', 'Baarlo', 'Helden', 'Arcen', 'Roermond', 'Nijmegen',
                            'Eindhoven', 'Weert', 'Boxmeer'])[1 + (a.nr * 13) % 19],
           a.type
      FROM jn_demo_aanbieder a
     ORDER BY a.aanbieder;

    -- Which provider works in which group, with its weight there.
    CREATE TEMP TABLE jn_demo_offer AS
    SELECT a.nr, a.aanbieder, g.productgroep,
           round((CASE WHEN a.type = 'micro' THEN 1 + 2.5 * a.u_weight
                       ELSE 3 + 40 * a.u_weight ^ 3 END)::numeric, 6) AS weight
      FROM jn_demo_aanbieder a
      JOIN jeugdnorm_demo.groep_spec g
        ON g.idx = a.nr % 6
        OR jeugdnorm_demo.u(seed, a.nr * 8 + g.idx, 3)
           < CASE WHEN a.type = 'micro' THEN 0.06 ELSE 0.35 END;

    -- Contracts: every gemeente buys regionally, so a contracted provider has
    -- the product in all 7.  Two purchasing rounds (2019-2022, 2023-).  8% of
    -- the micro and 3% of the regulier providers have no contract at all
    -- (NGA), 8% joined only in the 2023 round, and 4% of the other
    -- (provider, product) pairs are not contracted.
    INSERT INTO jeugdnorm.contract (gemeente, aanbieder, productcode, geldig_van, geldig_tot)
    SELECT gm.gemeente, o.aanbieder, ps.productcode, r.geldig_van, r.geldig_tot
      FROM jn_demo_offer o
      JOIN jn_demo_aanbieder a ON a.nr = o.nr
      JOIN jeugdnorm_demo.product_spec ps ON ps.productgroep = o.productgroep
      CROSS JOIN jeugdnorm_demo.gemeente_spec gm
      CROSS JOIN (VALUES (date '2019-01-01', date '2022-12-31'), (date '2023-01-01', NULL::date))
                 AS r (geldig_van, geldig_tot)
     WHERE a.u_nga >= CASE WHEN a.type = 'micro' THEN 0.08 ELSE 0.03 END
       AND jeugdnorm_demo.u(seed, o.nr * 32 + ps.idx, 4) >= 0.04
       AND NOT (a.u_late < 0.08 AND r.geldig_van = date '2019-01-01')
     ORDER BY gm.gemeente, o.aanbieder, ps.productcode, r.geldig_van;

    -- ---- weighted choices as bucket tables ----------------------------------
    -- For each choice (kind, grp) the items get contiguous bucket ranges in
    -- 0..n-1 proportional to their weights (exact numeric cumulative sums,
    -- so ranges neither overlap nor leave holes); n = 10000 for providers
    -- (the smallest has ~0.1% of its group), 1000 otherwise.  A random u
    -- then picks with an equi-join on bucket = floor(u * n).  Everything is
    -- an integer (kind 1 gemeente, 2 groep, 3 product within a groep,
    -- 4 provider within a groep; val = idx or provider nr): the big joins
    -- below compare integers, not text.
    CREATE TEMP TABLE jn_demo_pick (
        kind    integer NOT NULL,
        grp     integer NOT NULL,
        bucket  integer NOT NULL,
        val     integer NOT NULL,
        PRIMARY KEY (kind, grp, bucket)
    );
    INSERT INTO jn_demo_pick (kind, grp, bucket, val)
    SELECT i.kind, i.grp, b, i.val
      FROM (SELECT w.kind, w.grp, w.val,
                   round(w.n * coalesce(sum(w.weight) OVER (PARTITION BY w.kind, w.grp ORDER BY w.val
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                         / sum(w.weight) OVER (PARTITION BY w.kind, w.grp))::integer AS b_lo,
                   round(w.n * sum(w.weight) OVER (PARTITION BY w.kind, w.grp ORDER BY w.val
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                         / sum(w.weight) OVER (PARTITION BY w.kind, w.grp))::integer AS b_hi
              FROM (SELECT 1 AS kind, 0 AS grp, gs.idx AS val, gs.weight, 1000 AS n
                      FROM jeugdnorm_demo.gemeente_spec gs
                    UNION ALL
                    SELECT 2, 0, g.idx, g.weight, 1000
                      FROM jeugdnorm_demo.groep_spec g WHERE g.weight > 0
                    UNION ALL
                    SELECT 3, g.idx, ps.idx, ps.weight, 1000
                      FROM jeugdnorm_demo.product_spec ps
                      JOIN jeugdnorm_demo.groep_spec g ON g.productgroep = ps.productgroep
                    UNION ALL
                    SELECT 4, g.idx, o.nr, o.weight, 10000
                      FROM jn_demo_offer o
                      JOIN jeugdnorm_demo.groep_spec g ON g.productgroep = o.productgroep) AS w) AS i
     CROSS JOIN LATERAL generate_series(i.b_lo, i.b_hi - 1) AS b;
    ANALYZE jn_demo_pick;

    -- ---- clients ------------------------------------------------------------
    -- Entry into care 2019-07-01 .. 2025-12-31 (up to the peildatum, so the
    -- last quarters have their instroom too), slightly more in later years.
    -- Age at entry: 0-3 8%, 4-11 40%, 12-17 42%, 18-21 8%, 22-23 2%.
    CREATE TEMP TABLE jn_demo_client AS
    SELECT c.client_no, pk.val AS gemeente_idx, c.entry, c.age,
           ((c.entry - make_interval(years => c.age))::date
            - jeugdnorm_demo.ui(seed, c.client_no, 12, 0, 364)) AS geboortedatum,
           CASE WHEN c.age >= 18 THEN 1
                WHEN jeugdnorm_demo.u(seed, c.client_no, 13) < 0.48 THEN 1
                WHEN jeugdnorm_demo.u(seed, c.client_no, 13) < 0.80 THEN 2
                ELSE 3 END AS n_streams
      FROM (SELECT n::bigint AS client_no,
                   date '2019-07-01' + floor(jeugdnorm_demo.u(seed, n, 10) ^ 0.9 * 2376)::integer AS entry,
                   (CASE WHEN ux.x < 0.08 THEN floor(ux.x / 0.08 * 4)
                         WHEN ux.x < 0.48 THEN 4 + floor((ux.x - 0.08) / 0.40 * 8)
                         WHEN ux.x < 0.90 THEN 12 + floor((ux.x - 0.48) / 0.42 * 6)
                         WHEN ux.x < 0.98 THEN 18 + floor((ux.x - 0.90) / 0.08 * 4)
                         ELSE 22 + floor((ux.x - 0.98) / 0.02 * 2) END)::integer AS age
              FROM generate_series(1, n_clients) AS n
             CROSS JOIN LATERAL (SELECT jeugdnorm_demo.u(seed, n, 11) AS x OFFSET 0) AS ux) AS c
      JOIN jn_demo_pick pk
        ON pk.kind = 1 AND pk.grp = 0
       AND pk.bucket = floor(jeugdnorm_demo.u(seed, c.client_no, 9) * 1000)::integer;
    ANALYZE jn_demo_client;

    -- ---- streams: one product group each --------------------------------------
    -- Stream key skey = client_no * 4 + s (s < 3).  Young children (< 7)
    -- get Ontwikkelgroepen in 45% of their streams.  Chain length 1..8
    -- (at most 2 from age 18).
    CREATE TEMP TABLE jn_demo_stream AS
    SELECT s.skey, s.client_no, s.gemeente_idx, s.geboortedatum, s.start0, s.n_alloc,
           CASE WHEN s.age < 7 AND jeugdnorm_demo.u(seed, s.skey, 20) < 0.45
                THEN (SELECT g.idx FROM jeugdnorm_demo.groep_spec g WHERE g.productgroep = 'Ontwikkelgroepen')
                ELSE pk.val END AS groep_idx
      FROM (SELECT c.client_no * 4 + k AS skey, c.client_no, c.gemeente_idx, c.geboortedatum, c.age,
                   c.entry + CASE WHEN k = 0 THEN 0
                                  ELSE jeugdnorm_demo.ui(seed, c.client_no * 4 + k, 21, 0, 719) END AS start0,
                   least(CASE WHEN c.age >= 18 THEN 2 ELSE 8 END,
                         CASE WHEN ux.x < 0.34 THEN 1 WHEN ux.x < 0.58 THEN 2 WHEN ux.x < 0.74 THEN 3
                              WHEN ux.x < 0.84 THEN 4 WHEN ux.x < 0.90 THEN 5 WHEN ux.x < 0.94 THEN 6
                              WHEN ux.x < 0.97 THEN 7 ELSE 8 END) AS n_alloc
              FROM jn_demo_client c
             CROSS JOIN LATERAL generate_series(0, c.n_streams - 1) AS k
             CROSS JOIN LATERAL (SELECT jeugdnorm_demo.u(seed, c.client_no * 4 + k, 22) AS x OFFSET 0) AS ux) AS s
      JOIN jn_demo_pick pk
        ON pk.kind = 2 AND pk.grp = 0
       AND pk.bucket = floor(jeugdnorm_demo.u(seed, s.skey, 23) * 1000)::integer;
    ANALYZE jn_demo_stream;

    -- ---- allocation skeletons: the chains ---------------------------------------
    -- akey = skey * 16 + seq (seq 0..7; nested allocations get 8 + seq).
    -- gap (to the previous allocation of the chain, seq >= 1) and the
    -- re-choice flags depend only on the hash; the product and provider of
    -- an allocation are those chosen at the last re-choice (a running max
    -- over the chain), and its length depends on its product.  Then one
    -- running sum of (gap + days - 1) gives every end date:
    --   end_k = start0 + sum_{j<=k} (gap_j + days_j - 1),  start_k = end_k - days_k + 1.
    CREATE TEMP TABLE jn_demo_chain AS
    SELECT s.skey, s.client_no, s.gemeente_idx, s.geboortedatum, s.groep_idx, s.start0, s.n_alloc,
           k AS seq, s.skey * 16 + k AS akey,
           CASE WHEN k = 0 THEN 0
                WHEN ux.x < 0.40 THEN 1
                WHEN ux.x < 0.52 THEN jeugdnorm_demo.ui(seed, s.skey * 16 + k, 31, 2, 30)
                WHEN ux.x < 0.60 THEN jeugdnorm_demo.ui(seed, s.skey * 16 + k, 31, 31, 90)
                WHEN ux.x < 0.70 THEN jeugdnorm_demo.ui(seed, s.skey * 16 + k, 31, -30, 0)
                WHEN ux.x < 0.86 THEN jeugdnorm_demo.ui(seed, s.skey * 16 + k, 31, 91, 365)
                ELSE jeugdnorm_demo.ui(seed, s.skey * 16 + k, 31, 366, 1065)
           END AS gap
      FROM jn_demo_stream s
     CROSS JOIN LATERAL generate_series(0, s.n_alloc - 1) AS k
     CROSS JOIN LATERAL (SELECT jeugdnorm_demo.u(seed, s.skey * 16 + k, 30) AS x OFFSET 0) AS ux;
    ANALYZE jn_demo_chain;

    CREATE TEMP TABLE jn_demo_skel AS
    WITH anchored AS (
        SELECT c.*,
               max(CASE WHEN c.seq = 0
                          OR jeugdnorm_demo.u(seed, c.akey, 32) < CASE WHEN c.gap > 90 THEN 0.6 ELSE 0.25 END
                        THEN c.seq END) OVER w AS product_anchor,
               max(CASE WHEN c.seq = 0
                          OR jeugdnorm_demo.u(seed, c.akey, 33) < CASE WHEN c.gap > 90 THEN 0.35 ELSE 0.03 END
                        THEN c.seq END) OVER w AS provider_anchor
          FROM jn_demo_chain c
        WINDOW w AS (PARTITION BY c.skey ORDER BY c.seq ROWS UNBOUNDED PRECEDING)
    ), chosen AS (
        SELECT a.*, pp.val AS product_idx, pa.val AS aanbieder_nr,
               greatest(28, round(jeugdnorm_demo.ui(seed, a.akey, 36, ps.dur_lo, ps.dur_hi) * 30.4375)::integer
                            + jeugdnorm_demo.ui(seed, a.akey, 37, -5, 5)) AS days
          FROM anchored a
          JOIN jn_demo_pick pp
            ON pp.kind = 3 AND pp.grp = a.groep_idx
           AND pp.bucket = floor(jeugdnorm_demo.u(seed, a.skey * 16 + a.product_anchor, 34) * 1000)::integer
          JOIN jeugdnorm_demo.product_spec ps ON ps.idx = pp.val
          JOIN jn_demo_pick pa
            ON pa.kind = 4 AND pa.grp = a.groep_idx
           AND pa.bucket = floor(jeugdnorm_demo.u(seed, a.skey * 16 + a.provider_anchor, 35) * 10000)::integer
    ), dated AS (
        SELECT c.*,
               c.start0 + (sum(c.gap + c.days - 1) OVER (PARTITION BY c.skey ORDER BY c.seq ROWS UNBOUNDED PRECEDING))::integer
                 AS end_raw
          FROM chosen c
    )
    -- einddatum is the planned end, also after the peildatum (never clipped
    -- to it: that would end nearly every path in the last quarter); open
    -- per the model at the top.  plan_end keeps the planned end of an open
    -- allocation too: the claims (and a budget) are paced over it.
    SELECT d.akey, d.skey, d.seq, d.client_no, d.gemeente_idx, d.geboortedatum, d.groep_idx,
           d.product_idx, d.aanbieder_nr,
           d.end_raw - d.days + 1 AS ingangsdatum,
           CASE WHEN d.seq = d.n_alloc - 1 AND jeugdnorm_demo.u(seed, d.akey, 38) < ps.open_share THEN NULL
                WHEN d.end_raw > date '2025-12-31'
                 AND jeugdnorm_demo.u(seed, d.akey, 56)
                     < CASE ps.financieringsvorm WHEN 'traject' THEN 0.05 ELSE 0.10 END
                THEN NULL
                ELSE d.end_raw END AS einddatum,
           d.end_raw AS plan_end
      FROM dated d
      JOIN jeugdnorm_demo.product_spec ps ON ps.idx = d.product_idx
     WHERE d.end_raw - d.days + 1 <= date '2025-12-31'
       AND d.end_raw - d.days + 1 < (d.geboortedatum + interval '24 years')::date;

    -- Nested allocations: 5% of the closed allocations of 3+ months get a
    -- second allocation inside their period (same provider), for the
    -- group's maatwerk/meerwerk product where it has one; not when it
    -- would start after the peildatum.
    INSERT INTO jn_demo_skel
    SELECT k.akey + 8, k.skey, 8 + k.seq, k.client_no, k.gemeente_idx, k.geboortedatum,
           k.groep_idx, coalesce(np.idx, k.product_idx), k.aanbieder_nr,
           n.ingangsdatum, n.einddatum, n.einddatum
      FROM jn_demo_skel k
     CROSS JOIN LATERAL (
           SELECT k.ingangsdatum + jeugdnorm_demo.ui(seed, k.akey, 43, 0, (k.einddatum - k.ingangsdatum) / 3)
                    AS ingangsdatum,
                  k.ingangsdatum + jeugdnorm_demo.ui(seed, k.akey, 43, 0, (k.einddatum - k.ingangsdatum) / 3)
                    + (k.einddatum - k.ingangsdatum) / 3 AS einddatum) AS n
      LEFT JOIN (SELECT ps.idx, g.idx AS groep_idx
                   FROM jeugdnorm_demo.product_spec ps
                   JOIN jeugdnorm_demo.groep_spec g ON g.productgroep = ps.productgroep
                  WHERE ps.nested) AS np
        ON np.groep_idx = k.groep_idx
     WHERE k.einddatum IS NOT NULL
       AND k.einddatum - k.ingangsdatum >= 90
       AND jeugdnorm_demo.u(seed, k.akey, 42) < 0.05
       AND n.ingangsdatum <= date '2025-12-31';
    ANALYZE jn_demo_skel;

    -- ---- allocations with all their attributes ----------------------------------
    -- toewijzingnummer: 8 digits, numbered per gemeente in order of
    -- ingangsdatum from 10000001 (so the same number occurs in several
    -- gemeenten: matching must use both columns).  Inserting toewijzing and
    -- declaratie in (gemeente, number) order keeps their (gemeente,
    -- toewijzingnummer) indexes appending instead of splitting pages all
    -- over.  client_id: 'J' + 8 digits, a bijection of the client number
    -- (104729 is prime).  per_day: the allocated canonical volume per day
    -- (DEFINITIONS 3); for a budget the euros per day.  alloc_days counts
    -- the planned period (plan_end for an open allocation), so a traject
    -- running past the peildatum is claimed at its own pace, not squeezed
    -- into the days up to 2025-12-31.
    CREATE TEMP TABLE jn_demo_alloc AS
    SELECT x.*,
           (10000000 + x.nr)::text AS toewijzingnummer,
           CASE WHEN x.is_budget THEN x.budget / x.alloc_days
                ELSE x.volume * CASE x.frequentie WHEN '1' THEN 1.0
                                                  WHEN '2' THEN 1.0 / 7
                                                  WHEN '4' THEN 12.0 / 365.25
                                                  ELSE 1.0 / x.alloc_days END
                     * CASE x.eenheid WHEN '01' THEN 1.0 / 60 WHEN '16' THEN 4.0 ELSE 1.0 END
           END::double precision AS per_day
      FROM (SELECT k.akey, k.seq, k.gemeente_idx, gm.gemeente,
                   row_number() OVER (PARTITION BY k.gemeente_idx ORDER BY k.ingangsdatum, k.akey) AS nr,
                   'J' || lpad((((k.client_no::bigint * 104729 + seed) % 100000000 + 100000000) % 100000000)::text,
                               8, '0') AS client_id,
                   k.geboortedatum, ab.aanbieder, ps.productcategorie,
                   ps.productcode AS claim_productcode,
                   CASE WHEN ps.productcategorie = '45' AND k.seq < 8
                         AND jeugdnorm_demo.u(seed, k.akey, 40) < 0.05
                        THEN NULL ELSE ps.productcode END AS productcode,
                   k.ingangsdatum, k.einddatum,
                   coalesce(k.einddatum, k.plan_end) - k.ingangsdatum + 1 AS alloc_days,
                   b.is_budget,
                   CASE WHEN b.is_budget THEN '83' ELSE ps.eenheid END AS eenheid,
                   CASE WHEN b.is_budget THEN '6' ELSE ps.frequentie END AS frequentie,
                   CASE WHEN b.is_budget
                        THEN round(v.volume * CASE ps.frequentie WHEN '2' THEN 1.0 / 7 ELSE 12.0 / 365.25 END
                                   * (coalesce(k.einddatum, k.plan_end) - k.ingangsdatum + 1)
                                   * ps.tarief / 100) * 100
                        ELSE v.volume END AS volume,
                   CASE WHEN b.is_budget
                        THEN round(v.volume * CASE ps.frequentie WHEN '2' THEN 1.0 / 7 ELSE 12.0 / 365.25 END
                                   * (coalesce(k.einddatum, k.plan_end) - k.ingangsdatum + 1)
                                   * ps.tarief / 100) * 100
                   END AS budget,
                   CASE WHEN jeugdnorm_demo.u(seed, k.akey, 41) < 0.012 THEN '13' END AS reden_wijziging,
                   jeugdnorm_demo.u(seed, k.akey, 41) BETWEEN 0.012 AND 0.015 AS missing,
                   ps.financieringsvorm, ps.tarief
              FROM jn_demo_skel k
              JOIN jeugdnorm_demo.product_spec ps ON ps.idx = k.product_idx
              JOIN jeugdnorm_demo.gemeente_spec gm ON gm.idx = k.gemeente_idx
              JOIN jn_demo_aanbieder ab ON ab.nr = k.aanbieder_nr
             CROSS JOIN LATERAL (SELECT ps.vol_lo + ps.vol_step
                                        * floor(jeugdnorm_demo.u(seed, k.akey, 44)
                                                * ((ps.vol_hi - ps.vol_lo) / ps.vol_step + 1)) AS volume) AS v
             CROSS JOIN LATERAL (SELECT k.einddatum IS NOT NULL
                                        AND jeugdnorm_demo.u(seed, k.akey, 39) < ps.budget_share AS is_budget) AS b
           ) AS x;
    ANALYZE jn_demo_alloc;

    INSERT INTO jeugdnorm.toewijzing
        (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder, productcategorie, productcode,
         ingangsdatum, einddatum, volume, eenheid, frequentie, budget, reden_wijziging)
    SELECT gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder, productcategorie, productcode,
           ingangsdatum, einddatum, volume, eenheid, frequentie, budget, reden_wijziging
      FROM jn_demo_alloc
     WHERE NOT missing
     ORDER BY gemeente_idx, nr;

    -- ---- claim lines ------------------------------------------------------------
    -- Per allocation: claimed at all (96%; of the '13' allocations 3%), a
    -- late start (25%: 0-45 days), an early stop (15%: after 40-90% of the
    -- period), an intensity r (plek 85-100%; else 12% at 15-55%, the rest
    -- 65-110%), and 4% with the first and last line widened to whole months.
    -- Per line (month m, lkey = akey * 128 + month number): noise 80-120%;
    -- 2.5% credited (kind 2), 2.2% (of all lines) claimed again corrected
    -- (kind 3), so 0.3% stay exact net-zero debit + credit pairs.
    -- Volumes are rounded in the claim's unit: whole minutes, quarter hours,
    -- whole dagdelen and etmalen, 4 decimals of a trajectory, cents.
    CREATE TEMP TABLE jn_demo_claimalloc AS
    SELECT a.akey, a.gemeente_idx, a.nr, a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.productcategorie,
           a.claim_productcode, a.eenheid, a.tarief, p.cs, p.ce,
           (extract(year FROM p.cs) * 12 + extract(month FROM p.cs) - 1)::integer AS m_first,
           (extract(year FROM p.ce) * 12 + extract(month FROM p.ce) - 1)::integer AS m_last,
           a.per_day * CASE WHEN a.financieringsvorm = 'plek'
                            THEN 0.85 + 0.15 * jeugdnorm_demo.u(seed, a.akey, 46)
                            WHEN jeugdnorm_demo.u(seed, a.akey, 45) < 0.12
                            THEN 0.15 + 0.40 * jeugdnorm_demo.u(seed, a.akey, 46)
                            ELSE 0.65 + 0.45 * jeugdnorm_demo.u(seed, a.akey, 46) END AS day_rate,
           jeugdnorm_demo.u(seed, a.akey, 51) < 0.04 AS widen
      FROM jn_demo_alloc a
     CROSS JOIN LATERAL (
           SELECT greatest(date '2021-01-01',
                           a.ingangsdatum + CASE WHEN jeugdnorm_demo.u(seed, a.akey, 47) < 0.25
                                                 THEN jeugdnorm_demo.ui(seed, a.akey, 48, 0, 45)
                                                 ELSE 0 END) AS cs,
                  CASE WHEN jeugdnorm_demo.u(seed, a.akey, 49) < 0.15
                       THEN least(date '2025-12-31',
                                  a.ingangsdatum + floor(a.alloc_days
                                      * (0.4 + 0.5 * jeugdnorm_demo.u(seed, a.akey, 50)))::integer)
                       ELSE least(date '2025-12-31', coalesce(a.einddatum, date '2025-12-31'))
                  END AS ce
           OFFSET 0) AS p
     WHERE CASE WHEN a.reden_wijziging = '13' THEN jeugdnorm_demo.u(seed, a.akey, 52) < 0.03
                ELSE jeugdnorm_demo.u(seed, a.akey, 52) >= 0.04 END
       AND p.cs <= p.ce
     ORDER BY a.gemeente_idx, a.nr;
    CREATE INDEX ON jn_demo_claimalloc (gemeente_idx, nr);
    ANALYZE jn_demo_claimalloc;

    -- The OFFSET 0 fences keep the planner from copying the line expressions
    -- into every place they are used (each would be computed again).
    INSERT INTO jeugdnorm.declaratie
        (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
         begindatum, einddatum, volume, eenheid, bedrag)
    SELECT v.gemeente, v.toewijzingnummer, v.client_id, v.aanbieder, v.productcategorie, v.claim_productcode,
           v.begindatum, v.einddatum, v.volume, v.eenheid,
           round(CASE v.eenheid WHEN '83' THEN v.volume
                                WHEN '01' THEN v.volume / 60 * v.tarief
                                WHEN '16' THEN v.volume * 4 * v.tarief
                                ELSE v.volume * v.tarief END, 2) AS bedrag
      FROM (SELECT l.*, k.kind,
                   CASE k.kind WHEN 2 THEN -1 ELSE 1 END
                   * CASE l.eenheid
                         WHEN '01' THEN round((l.cvol * f.factor * 60)::numeric)
                         WHEN '04' THEN round((l.cvol * f.factor * 4)::numeric) / 4
                         WHEN '16' THEN round((l.cvol * f.factor / 4)::numeric)
                         WHEN '14' THEN round((l.cvol * f.factor)::numeric)
                         WHEN '83' THEN round((l.cvol * f.factor)::numeric, 2)
                         ELSE round((l.cvol * f.factor)::numeric, 4) END AS volume
              FROM (SELECT a.akey, a.gemeente_idx, a.nr, m.m, a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder,
                           a.productcategorie, a.claim_productcode, a.eenheid, a.tarief, d.begindatum, d.einddatum,
                           a.day_rate * (0.8 + 0.4 * jeugdnorm_demo.u(seed, a.akey * 128 + (m.m - a.m_first), 53))
                           * (d.einddatum - d.begindatum + 1) AS cvol,
                           jeugdnorm_demo.u(seed, a.akey * 128 + (m.m - a.m_first), 54) AS u_credit,
                           jeugdnorm_demo.u(seed, a.akey * 128 + (m.m - a.m_first), 55) AS u_correct
                      FROM jn_demo_claimalloc a
                     CROSS JOIN LATERAL generate_series(a.m_first, a.m_last) AS m (m)
                     CROSS JOIN LATERAL (
                           SELECT CASE WHEN a.widen OR m.m > a.m_first THEN make_date(m.m / 12, m.m % 12 + 1, 1)
                                       ELSE a.cs END AS begindatum,
                                  CASE WHEN a.widen OR m.m < a.m_last
                                       THEN make_date((m.m + 1) / 12, (m.m + 1) % 12 + 1, 1) - 1
                                       ELSE a.ce END AS einddatum
                           OFFSET 0) AS d
                    OFFSET 0) AS l
             CROSS JOIN LATERAL generate_series(1, CASE WHEN l.u_credit < 0.022 THEN 3
                                                        WHEN l.u_credit < 0.025 THEN 2
                                                        ELSE 1 END) AS k (kind)
             CROSS JOIN LATERAL (SELECT CASE WHEN k.kind = 3 THEN 0.6 + 0.35 * l.u_correct
                                             ELSE 1.0 END AS factor) AS f
            OFFSET 0) AS v
     WHERE v.volume <> 0
     ORDER BY v.gemeente_idx, v.nr, v.m, v.kind;

    -- ---- settings ---------------------------------------------------------------
    UPDATE jeugdnorm.settings
       SET window_start = date '2021-01-01',
           peildatum = date '2025-12-31',
           extension_days = DEFAULT,
           recidive_days = DEFAULT,
           path_gap_days = DEFAULT,
           max_age = DEFAULT,
           drop_net_zero = DEFAULT;

    DROP TABLE pg_temp.jn_demo_pick, pg_temp.jn_demo_aanbieder, pg_temp.jn_demo_offer,
               pg_temp.jn_demo_client, pg_temp.jn_demo_stream, pg_temp.jn_demo_chain, pg_temp.jn_demo_skel,
               pg_temp.jn_demo_alloc, pg_temp.jn_demo_claimalloc;

    ANALYZE jeugdnorm.aanbieder, jeugdnorm.product, jeugdnorm.norm, jeugdnorm.contract,
            jeugdnorm.toewijzing, jeugdnorm.declaratie;

    RETURN QUERY
        SELECT t.table_name, t.rows
          FROM (SELECT 1 AS ord, 'aanbieder'::text AS table_name, count(*) AS rows FROM jeugdnorm.aanbieder
                UNION ALL SELECT 2, 'product', count(*) FROM jeugdnorm.product
                UNION ALL SELECT 3, 'norm', count(*) FROM jeugdnorm.norm
                UNION ALL SELECT 4, 'contract', count(*) FROM jeugdnorm.contract
                UNION ALL SELECT 5, 'toewijzing', count(*) FROM jeugdnorm.toewijzing
                UNION ALL SELECT 6, 'declaratie', count(*) FROM jeugdnorm.declaratie) AS t
         ORDER BY t.ord;
END;
$fn$;
COMMENT ON FUNCTION jeugdnorm_demo.generate(integer, numeric) IS
    'empties and fills the jeugdnorm input tables with the deterministic demo region (seed, scale; scale 1: ~9,000 clients, ~24,000 allocations, ~260,000 claim lines) and sets window_start 2021-01-01, peildatum 2025-12-31';
