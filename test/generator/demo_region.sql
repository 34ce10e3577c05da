-- ---------------------------------------------------------------------------
-- test/generator/demo_region.sql -- the deterministic demo region
--
-- Load with psql in a database where CREATE EXTENSION jeugdnorm already ran:
--     \i test/generator/demo_region.sql
--     SELECT * FROM jeugdnorm_demo.generate(42, 1);
--
-- generate(seed, scale) empties and fills the jeugdnorm input tables
-- (aanbieder, product, norm, contract, toewijzing, declaratie, verzoek,
-- wijk, product_mapping) with a synthetic region shaped like Noord-Limburg:
-- 7 municipalities with their real CBS codes, 250 providers and 3 GI, 27
-- products in 7 product groups, and at scale 1 ~9,000 clients, ~25,000
-- allocations (from mid-2019), ~270,000 monthly claim lines (2021-2025)
-- and ~19,000 requests.  It sets jeugdnorm.settings to window_start
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
--
-- Steering information (DEFINITIONS.md section 9), added in 0.2.0 on top of
-- the rows above: for a given seed every row of 0.1.0 keeps its values
-- (the new columns come on top; ids and numbers of the old rows stay), except
-- the few allocations that carry the old product code 45A10 (below).
--   gedwongen  ~4% of the clients under 18 get a jeugdbeschermingsmaatregel
--            (48A01 ondertoezichtstelling, 1-4 years of yearly allocations;
--            48A02 voogdij, 3 years, half of them open) and ~3.5% of those
--            aged 12-17 jeugdreclassering (47A01, 1-2 half-year allocations),
--            by one of 3 gecertificeerde instellingen (GI: providers 251-253,
--            contracted in every gemeente); their allocations are numbered
--            from 30000001 per gemeente, so the old numbers stay;
--   verwijzer  per stream (COD327): huisarts 40%, gemeente 32%, medisch
--            specialist 9%, jeugdarts 6% (30% for Ontwikkelgroepen), zelf 8%,
--            GI 3%, rechter 2%; an allocation that starts while the client's
--            measure runs is referred by the GI (60%); a measure itself by the
--            rechter (first allocation, 70%) or the GI; 4% NULL;
--   toewijzingsdatum  0-21 days before ingangsdatum (75%), 1-35 days after it
--            (20%: issued with retroactive effect, never after the
--            peildatum), NULL 5%; a measure: its ingangsdatum;
--   reden_beeindiging (JZ588) on allocations ended on or before the
--            peildatum; those whose claims stop early (see claims) mostly
--            end voortijdig (34, 32, 33, 35, 38, a rare 02), the others
--            mostly '31' volgens plan (80%) with a few 37, 36, 39, 38, 20,
--            34; ~9% NULL;
--   postcode   4 digits, per client from its gemeente's postcodes (a few
--            districts per gemeente in jeugdnorm.wijk; one postcode lies in
--            two wijken, some postcodes are in no wijk); 4% NULL;
--   verzoek    (JW315) for ~92% of the allocations (25% of those referred
--            by the gemeente, none for a measure): received 3-14 days (30%),
--            15-42 (35%), 43-70 (20%), 71-120 (10%) or 121-210 days (5%)
--            before the answer (the allocation's toewijzingsdatum, else 0-14
--            days before its start); antwoord_datum missing in 10%; 12% of
--            the weekly/daily/monthly requests asked less than was allocated
--            (the allocation stretched to the norm), 10% of the totaal ones
--            more (cut back); 9% are preceded by a request that was
--            afgewezen (WJ759 '1'..'9'); 4% of the clients under 22 have a
--            request still waiting on the peildatum (up to 300 days), of
--            which some were answered after the peildatum or received after
--            it; and every gemeente has one request received after it and
--            one answered after it;
--   mapping    merge: the old code 45A10 (30% of the 45A11 allocations that
--            start before 2021, not in the catalogue) is analysed as 45A11;
--            split: 45A24 from 2024-01-01 (new approach) is '45A24-2024',
--            with its own norm row;
--   signals    every data_quality signal occurs: besides the above, 1% of
--            the dagdeel allocations get one claim line in etmalen (another
--            unit family), and 0.1% of the single debit lines are sent twice
--            (exact duplicates).
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

-- v / vi: the same, from a second stream (hash seed seed + 2^32, which no
-- integer seed of u can be), for everything added in 0.2.0: the numbers of
-- the 0.1.0 rows never change, and purposes 0..63 are free again.
-- Purposes of v: client_no 1-19, skey 20-29, akey 30-59, declaratie_id 60.
CREATE FUNCTION jeugdnorm_demo.v(seed integer, id bigint, purpose integer)
    RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT (hashint8extended($2 * 64 + $3, $1::bigint + 4294967296) & 4503599627370495)::double precision
                 / 4503599627370496.0::double precision $$;
COMMENT ON FUNCTION jeugdnorm_demo.v(integer, bigint, integer) IS
    'deterministic pseudo-random number in [0,1) for (id, purpose) under seed, a stream independent of u()';

CREATE FUNCTION jeugdnorm_demo.vi(seed integer, id bigint, purpose integer, lo integer, hi integer)
    RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT $4 + floor(jeugdnorm_demo.v($1, $2, $3) * ($5 - $4 + 1))::integer $$;
COMMENT ON FUNCTION jeugdnorm_demo.vi(integer, bigint, integer, integer, integer) IS
    'deterministic pseudo-random integer in lo..hi for (id, purpose) under seed, from the stream of v()';

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
    weight        numeric NOT NULL,          -- share of streams of clients aged 7+ (Ontwikkelgroepen: young children only)
    gedwongen     boolean NOT NULL DEFAULT false  -- measures (47/48): by a GI, not from the streams
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
INSERT INTO jeugdnorm_demo.groep_spec VALUES
    ('Jeugdbescherming en jeugdreclassering', 6, 0, true);

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
    (24, '46', '46B05', 'Dagbesteding maatwerk',            'Dagbesteding', 'maatwerk', 'inspanning', 'Dagbesteding en logeren',  35.00,  6, NULL, '04', '4', 8, 30, 2,  6, 18,  8, 0, 0,    true),
    -- Gedwongen kader (0.2.0): measures by a GI, one stuks per month; no norm.
    -- Chosen per client (jn_demo_jb), never by the stream picks.
    (25, '47', '47A01', 'Jeugdreclassering',                'Jeugdbescherming en jeugdreclassering', NULL, 'inspanning', 'Jeugdbescherming en jeugdreclassering', 1450.00,  6, NULL, '84', '4', 1, 1, 1,  6,  6,  1, 0, 0,    false),
    (26, '48', '48A01', 'Ondertoezichtstelling',            'Jeugdbescherming en jeugdreclassering', NULL, 'inspanning', 'Jeugdbescherming en jeugdreclassering', 1950.00, 12, NULL, '84', '4', 1, 1, 1, 12, 12,  1, 0, 0,    false),
    (27, '48', '48A02', 'Voogdij',                          'Jeugdbescherming en jeugdreclassering', NULL, 'inspanning', 'Jeugdbescherming en jeugdreclassering', 1250.00, 36, NULL, '84', '4', 1, 1, 1, 36, 36,  1, 0, 0.5,  false);

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
    ord                      integer NOT NULL DEFAULT 0,  -- rows of 0.2.0: 1 (inserted after, so norm_id stays)
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
-- The norm of the analysis product of the split (product_mapping_spec).
INSERT INTO jeugdnorm_demo.norm_spec VALUES
    ('45A24-2024', '2024-01-01', NULL,    9,  120,  3, 1);

-- ---- steering information (0.2.0) ------------------------------------------------

-- The gecertificeerde instellingen: providers 251-253 (AGB code as the
-- others'), and how often each one carries a measure.
CREATE TABLE jeugdnorm_demo.gi_spec (
    nr      integer PRIMARY KEY,
    naam    text NOT NULL,
    weight  numeric NOT NULL
);
COMMENT ON TABLE jeugdnorm_demo.gi_spec IS
    'the gecertificeerde instellingen (GI) of the demo region, which carry the measures (47/48)';
INSERT INTO jeugdnorm_demo.gi_spec VALUES
    (251, 'Jeugdbescherming Limburg Noord', 0.75),
    (252, 'William Schrikker Jeugdbescherming en Jeugdreclassering', 0.15),
    (253, 'Leger des Heils Jeugdbescherming en Reclassering', 0.10);

-- Clients' 4-digit postcodes per gemeente (weight: share of its clients)
-- and the districts (wijken) the gemeente splits them into.  A postcode
-- without a wijk row is one the gemeente's table does not list (the views
-- say 'onbekend'); 5928 lies in two wijken (the views take the smallest).
CREATE TABLE jeugdnorm_demo.postcode_spec (
    gemeente  text NOT NULL REFERENCES jeugdnorm_demo.gemeente_spec,
    postcode  text NOT NULL,
    weight    numeric NOT NULL,
    PRIMARY KEY (gemeente, postcode)
);
COMMENT ON TABLE jeugdnorm_demo.postcode_spec IS
    'the 4-digit postcodes of each demo gemeente and their share of its clients';
INSERT INTO jeugdnorm_demo.postcode_spec
SELECT g, pc, w
  FROM (VALUES ('0889', '5953', 6), ('0889', '5954', 4),
               ('0893', '5851', 2), ('0893', '5853', 1), ('0893', '5854', 4), ('0893', '5855', 2), ('0893', '5856', 1),
               ('0907', '6591', 8), ('0907', '6595', 2), ('0907', '6596', 2), ('0907', '6597', 1), ('0907', '6598', 2),
               ('0983', '5911', 4), ('0983', '5912', 5), ('0983', '5913', 4), ('0983', '5914', 3), ('0983', '5915', 3),
               ('0983', '5916', 4), ('0983', '5921', 3), ('0983', '5922', 3), ('0983', '5923', 3), ('0983', '5924', 3),
               ('0983', '5925', 2), ('0983', '5926', 2), ('0983', '5927', 2), ('0983', '5928', 3), ('0983', '5929', 0.5),
               ('0983', '5931', 4), ('0983', '5932', 4), ('0983', '5935', 1), ('0983', '5941', 2), ('0983', '5944', 2),
               ('0983', '5951', 2),
               ('0984', '5801', 6), ('0984', '5802', 4), ('0984', '5803', 5), ('0984', '5804', 5), ('0984', '5807', 2),
               ('0984', '5808', 1), ('0984', '5809', 1), ('0984', '5813', 2), ('0984', '5815', 1), ('0984', '5817', 1),
               ('1507', '5961', 6), ('1507', '5962', 4), ('1507', '5963', 1), ('1507', '5964', 1), ('1507', '5966', 2),
               ('1507', '5971', 3), ('1507', '5973', 1), ('1507', '5975', 3), ('1507', '5976', 1), ('1507', '5977', 0.5),
               ('1894', '5981', 6), ('1894', '5986', 1), ('1894', '5988', 3), ('1894', '5991', 3), ('1894', '5993', 3),
               ('1894', '5995', 1), ('1894', '5768', 2), ('1894', '5990', 0.5)) AS x (g, pc, w);

CREATE TABLE jeugdnorm_demo.wijk_spec (
    gemeente  text NOT NULL,
    postcode  text NOT NULL,
    wijk      text NOT NULL,
    PRIMARY KEY (gemeente, postcode, wijk),
    FOREIGN KEY (gemeente, postcode) REFERENCES jeugdnorm_demo.postcode_spec
);
COMMENT ON TABLE jeugdnorm_demo.wijk_spec IS
    'the demo gemeenten''s districts (wijken), copied into jeugdnorm.wijk by generate()';
INSERT INTO jeugdnorm_demo.wijk_spec
SELECT g, pc, w
  FROM (VALUES ('0889', '5953', 'Reuver'), ('0889', '5954', 'Beesel en Offenbeek'),
               ('0893', '5851', 'Bergen Noord'), ('0893', '5853', 'Bergen Noord'), ('0893', '5854', 'Bergen Noord'),
               ('0893', '5855', 'Bergen Zuid'), ('0893', '5856', 'Bergen Zuid'),
               ('0907', '6591', 'Gennep'), ('0907', '6595', 'Ottersum en Milsbeek'), ('0907', '6596', 'Ottersum en Milsbeek'),
               ('0907', '6597', 'Heijen en Ven-Zelderheide'), ('0907', '6598', 'Heijen en Ven-Zelderheide'),
               ('0983', '5911', 'Venlo Centrum'), ('0983', '5912', 'Venlo Centrum'), ('0983', '5913', 'Venlo Oost'),
               ('0983', '5914', 'Venlo Oost'), ('0983', '5915', 'Venlo Oost'), ('0983', '5916', 'Venlo Oost'),
               ('0983', '5921', 'Blerick'), ('0983', '5922', 'Blerick'), ('0983', '5923', 'Blerick'),
               ('0983', '5924', 'Blerick'), ('0983', '5925', 'Blerick'), ('0983', '5926', 'Blerick'),
               ('0983', '5927', 'Blerick'), ('0983', '5928', 'Blerick'), ('0983', '5928', 'Hout-Blerick'),
               ('0983', '5931', 'Tegelen en Belfeld'), ('0983', '5932', 'Tegelen en Belfeld'),
               ('0983', '5935', 'Tegelen en Belfeld'), ('0983', '5951', 'Tegelen en Belfeld'),
               ('0983', '5941', 'Arcen en Velden'), ('0983', '5944', 'Arcen en Velden'),
               ('0984', '5801', 'Venray Centrum'), ('0984', '5802', 'Venray Centrum'), ('0984', '5803', 'Venray Zuid'),
               ('0984', '5804', 'Venray Zuid'), ('0984', '5807', 'Kerkdorpen'), ('0984', '5808', 'Kerkdorpen'),
               ('0984', '5809', 'Kerkdorpen'), ('0984', '5813', 'Kerkdorpen'), ('0984', '5815', 'Kerkdorpen'),
               ('0984', '5817', 'Kerkdorpen'),
               ('1507', '5961', 'Horst'), ('1507', '5962', 'Horst'), ('1507', '5963', 'Horst'),
               ('1507', '5964', 'Horst Zuid'), ('1507', '5966', 'Horst Zuid'), ('1507', '5975', 'Horst Zuid'),
               ('1507', '5976', 'Horst Zuid'), ('1507', '5971', 'Horst Noord'), ('1507', '5973', 'Horst Noord'),
               ('1894', '5981', 'Panningen en Helden'), ('1894', '5988', 'Panningen en Helden'),
               ('1894', '5991', 'Baarlo en Maasbree'), ('1894', '5993', 'Baarlo en Maasbree'),
               ('1894', '5986', 'Kessel en Beringe'), ('1894', '5995', 'Kessel en Beringe'),
               ('1894', '5768', 'Meijel')) AS x (g, pc, w);

-- One merge and one split (DEFINITIONS [S2]).
CREATE TABLE jeugdnorm_demo.product_mapping_spec (
    ord               integer PRIMARY KEY,
    productcategorie  text NOT NULL,
    productcode       text,
    aanbieder         text,
    geldig_van        date,
    geldig_tot        date,
    analysis_product  text
);
COMMENT ON TABLE jeugdnorm_demo.product_mapping_spec IS
    'the demo product mapping (a merge and a split), copied into jeugdnorm.product_mapping by generate()';
INSERT INTO jeugdnorm_demo.product_mapping_spec VALUES
    -- merge: the old code of Ambulant perspectief 1 licht, replaced in the
    -- 2021 catalogue, is analysed together with its successor
    (1, '45', '45A10', NULL, '2018-01-01', NULL, '45A11'),
    -- split: Ambulant perspectief 2 maatwerk works in a new way from 2024
    (2, '45', '45A24', NULL, '2024-01-01', NULL, '45A24-2024');

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
             jeugdnorm.norm, jeugdnorm.product, jeugdnorm.aanbieder,
             jeugdnorm.verzoek, jeugdnorm.wijk, jeugdnorm.product_mapping
        RESTART IDENTITY;
    -- the money inputs (0.3.0), where installed
    IF pg_catalog.to_regclass('jeugdnorm.budgetplafond') IS NOT NULL THEN
        TRUNCATE jeugdnorm.staffel, jeugdnorm.budgetplafond, jeugdnorm.capaciteit,
                 jeugdnorm.indexatie, jeugdnorm.gemeente_jaar;
    END IF;

    DROP TABLE IF EXISTS pg_temp.jn_demo_pick, pg_temp.jn_demo_aanbieder, pg_temp.jn_demo_offer,
                         pg_temp.jn_demo_client, pg_temp.jn_demo_stream, pg_temp.jn_demo_chain, pg_temp.jn_demo_skel,
                         pg_temp.jn_demo_alloc, pg_temp.jn_demo_claimalloc,
                         pg_temp.jn_demo_gi, pg_temp.jn_demo_jb, pg_temp.jn_demo_req;

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
     ORDER BY ord, productcode, geldig_van;

    INSERT INTO jeugdnorm.product_mapping
        (productcategorie, productcode, aanbieder, geldig_van, geldig_tot, analysis_product)
    SELECT productcategorie, productcode, aanbieder, geldig_van, geldig_tot, analysis_product
      FROM jeugdnorm_demo.product_mapping_spec
     ORDER BY ord;

    INSERT INTO jeugdnorm.wijk (gemeente, postcode, wijk)
    SELECT gemeente, postcode, wijk
      FROM jeugdnorm_demo.wijk_spec
     ORDER BY gemeente, postcode, wijk;

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

    -- The GI (0.2.0), numbered on after the 250 providers.
    CREATE TEMP TABLE jn_demo_gi AS
    SELECT g.nr, '98' || lpad(((g.nr * 7919) % 1000000)::text, 6, '0') AS aanbieder, g.naam, g.weight,
           coalesce(sum(g.weight) OVER (ORDER BY g.nr ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
             / sum(g.weight) OVER () AS w_lo,
           sum(g.weight) OVER (ORDER BY g.nr ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
             / sum(g.weight) OVER () AS w_hi
      FROM jeugdnorm_demo.gi_spec g;
    INSERT INTO jeugdnorm.aanbieder (aanbieder, naam, type)
    SELECT g.aanbieder, g.naam, 'regulier'
      FROM jn_demo_gi g
     ORDER BY g.aanbieder;

    -- Which provider works in which group, with its weight there.
    CREATE TEMP TABLE jn_demo_offer AS
    SELECT a.nr, a.aanbieder, g.productgroep,
           round((CASE WHEN a.type = 'micro' THEN 1 + 2.5 * a.u_weight
                       ELSE 3 + 40 * a.u_weight ^ 3 END)::numeric, 6) AS weight
      FROM jn_demo_aanbieder a
      JOIN jeugdnorm_demo.groep_spec g
        ON (g.idx = a.nr % 6
            OR jeugdnorm_demo.u(seed, a.nr * 8 + g.idx, 3)
               < CASE WHEN a.type = 'micro' THEN 0.06 ELSE 0.35 END)
       AND NOT g.gedwongen;

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

    -- Every GI is contracted for the measures in every gemeente, both rounds.
    INSERT INTO jeugdnorm.contract (gemeente, aanbieder, productcode, geldig_van, geldig_tot)
    SELECT gm.gemeente, g.aanbieder, ps.productcode, r.geldig_van, r.geldig_tot
      FROM jn_demo_gi g
      CROSS JOIN jeugdnorm_demo.product_spec ps
      JOIN jeugdnorm_demo.groep_spec gs ON gs.productgroep = ps.productgroep AND gs.gedwongen
      CROSS JOIN jeugdnorm_demo.gemeente_spec gm
      CROSS JOIN (VALUES (date '2019-01-01', date '2022-12-31'), (date '2023-01-01', NULL::date))
                 AS r (geldig_van, geldig_tot)
     ORDER BY gm.gemeente, g.aanbieder, ps.productcode, r.geldig_van;

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
                      JOIN jeugdnorm_demo.groep_spec g ON g.productgroep = o.productgroep
                    UNION ALL
                    SELECT 5, gs.idx, pc.postcode::integer, pc.weight, 1000
                      FROM jeugdnorm_demo.postcode_spec pc
                      JOIN jeugdnorm_demo.gemeente_spec gs ON gs.gemeente = pc.gemeente) AS w) AS i
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

    -- Measures in the gedwongen kader (0.2.0): per client under 18 at entry,
    -- jeugdreclassering (12-17) or a jeugdbeschermingsmaatregel: OTS in
    -- yearly allocations (extended 0-3 times, ending at 18 at the latest) or
    -- voogdij (3 years, open in half the cases).  Stream s = 3 (the care
    -- streams use 0..2), so akey never meets another allocation's.
    CREATE TEMP TABLE jn_demo_jb AS
    SELECT c.client_no, c.gemeente_idx, c.geboortedatum, m.product_idx, m.n, m.len,
           c.entry + jeugdnorm_demo.vi(seed, c.client_no, 5, -30, 240) AS start0,
           (SELECT g.nr FROM jn_demo_gi g
             WHERE jeugdnorm_demo.v(seed, c.client_no, 7) >= g.w_lo
               AND jeugdnorm_demo.v(seed, c.client_no, 7) < g.w_hi) AS gi_nr,
           (c.geboortedatum + interval '18 years')::date AS turns_18
      FROM jn_demo_client c
     CROSS JOIN LATERAL (
           SELECT CASE WHEN c.age >= 12 AND jeugdnorm_demo.v(seed, c.client_no, 2) < 0.035 THEN 25
                       WHEN jeugdnorm_demo.v(seed, c.client_no, 3) < 0.04
                       THEN CASE WHEN jeugdnorm_demo.v(seed, c.client_no, 4) < 0.12 THEN 27 ELSE 26 END
                  END AS product_idx) AS p
     CROSS JOIN LATERAL (
           SELECT p.product_idx,
                  CASE p.product_idx WHEN 25 THEN 1 + (jeugdnorm_demo.v(seed, c.client_no, 6) < 0.35)::integer
                                     WHEN 26 THEN jeugdnorm_demo.vi(seed, c.client_no, 6, 1, 4)
                                     ELSE 1 END AS n,
                  CASE p.product_idx WHEN 25 THEN 183 WHEN 26 THEN 365 ELSE 1096 END AS len) AS m
     WHERE c.age < 18 AND p.product_idx IS NOT NULL;

    INSERT INTO jn_demo_skel
    SELECT (j.client_no * 4 + 3) * 16 + a.seq, j.client_no * 4 + 3, a.seq, j.client_no, j.gemeente_idx,
           j.geboortedatum, g.idx, j.product_idx, j.gi_nr, a.ingangsdatum,
           CASE WHEN j.product_idx = 27 AND jeugdnorm_demo.v(seed, j.client_no, 16) < 0.5 THEN NULL
                ELSE a.einddatum END,
           a.einddatum
      FROM jn_demo_jb j
      JOIN jeugdnorm_demo.groep_spec g ON g.gedwongen
     CROSS JOIN LATERAL generate_series(0, j.n - 1) AS k (seq)
     CROSS JOIN LATERAL (
           SELECT k.seq, j.start0 + k.seq * j.len AS ingangsdatum,
                  CASE WHEN j.product_idx = 25 THEN j.start0 + (k.seq + 1) * j.len - 1
                       ELSE least(j.start0 + (k.seq + 1) * j.len - 1, j.turns_18 - 1) END AS einddatum) AS a
     WHERE a.ingangsdatum <= date '2025-12-31'
       AND (j.product_idx = 25 OR a.ingangsdatum < j.turns_18);
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
           (CASE WHEN x.jb THEN 30000000 ELSE 10000000 END + x.nr)::text AS toewijzingnummer,
           -- insert order: the 0.1.0 allocations by (gemeente, number), then
           -- the measures' (one integer: the sorts stay on their fast path,
           -- and the claim lines arrive already in this order)
           x.gemeente_idx + CASE WHEN x.jb THEN 100 ELSE 0 END AS gord,
           CASE WHEN x.is_budget THEN x.budget / x.alloc_days
                ELSE x.volume * CASE x.frequentie WHEN '1' THEN 1.0
                                                  WHEN '2' THEN 1.0 / 7
                                                  WHEN '4' THEN 12.0 / 365.25
                                                  ELSE 1.0 / x.alloc_days END
                     * CASE x.eenheid WHEN '01' THEN 1.0 / 60 WHEN '16' THEN 4.0 ELSE 1.0 END
           END::double precision AS per_day
      FROM (SELECT k.akey, k.seq, k.gemeente_idx, gm.gemeente,
                   row_number() OVER (PARTITION BY k.gemeente_idx, gs.gedwongen ORDER BY k.ingangsdatum, k.akey) AS nr,
                   'J' || lpad((((k.client_no::bigint * 104729 + seed) % 100000000 + 100000000) % 100000000)::text,
                               8, '0') AS client_id,
                   k.geboortedatum, ab.aanbieder, ps.productcategorie,
                   ps.productcode AS claim_productcode,
                   CASE WHEN ps.productcategorie = '45' AND k.seq < 8
                         AND jeugdnorm_demo.u(seed, k.akey, 40) < 0.05
                        THEN NULL
                        WHEN ps.productcode = '45A11' AND k.ingangsdatum < date '2021-01-01'
                         AND jeugdnorm_demo.v(seed, k.akey, 47) < 0.30
                        THEN '45A10'
                        ELSE ps.productcode END AS productcode,
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
                   ps.financieringsvorm, ps.tarief,
                   -- 0.2.0: what the request asked (the product's own unit,
                   -- also for a budget), and the steering columns
                   k.skey, k.client_no, gs.gedwongen AS jb, ps.eenheid AS req_eenheid,
                   ps.frequentie AS req_frequentie, v.volume AS req_volume, ps.vol_step,
                   CASE WHEN gs.gedwongen THEN least(k.ingangsdatum, date '2025-12-31')
                        WHEN jeugdnorm_demo.v(seed, k.akey, 32) < 0.05 THEN NULL
                        WHEN jeugdnorm_demo.v(seed, k.akey, 32) < 0.80
                        THEN k.ingangsdatum - jeugdnorm_demo.vi(seed, k.akey, 33, 0, 21)
                        ELSE least(k.ingangsdatum + jeugdnorm_demo.vi(seed, k.akey, 33, 1, 35), date '2025-12-31')
                   END AS toewijzingsdatum,
                   CASE WHEN gs.gedwongen
                        THEN CASE WHEN k.seq = 0 AND jeugdnorm_demo.v(seed, k.akey, 51) < 0.70 THEN '08' ELSE '04' END
                        WHEN jeugdnorm_demo.v(seed, k.akey, 46) < 0.04 THEN NULL
                        WHEN jm.client_no IS NOT NULL AND jeugdnorm_demo.v(seed, k.akey, 52) < 0.60 THEN '04'
                        WHEN gs.productgroep = 'Ontwikkelgroepen'
                        THEN CASE WHEN jeugdnorm_demo.v(seed, k.skey, 20) < 0.30 THEN '03'
                                  WHEN jeugdnorm_demo.v(seed, k.skey, 20) < 0.55 THEN '02'
                                  WHEN jeugdnorm_demo.v(seed, k.skey, 20) < 0.85 THEN '01'
                                  WHEN jeugdnorm_demo.v(seed, k.skey, 20) < 0.95 THEN '05'
                                  ELSE '06' END
                        ELSE CASE WHEN jeugdnorm_demo.v(seed, k.skey, 20) < 0.40 THEN '02'
                                  WHEN jeugdnorm_demo.v(seed, k.skey, 20) < 0.72 THEN '01'
                                  WHEN jeugdnorm_demo.v(seed, k.skey, 20) < 0.81 THEN '05'
                                  WHEN jeugdnorm_demo.v(seed, k.skey, 20) < 0.87 THEN '03'
                                  WHEN jeugdnorm_demo.v(seed, k.skey, 20) < 0.95 THEN '06'
                                  WHEN jeugdnorm_demo.v(seed, k.skey, 20) < 0.98 THEN '04'
                                  ELSE '08' END
                   END AS verwijzer,
                   -- the claims of an allocation with u(49) < 0.15 stop early
                   CASE WHEN k.einddatum IS NULL OR k.einddatum > date '2025-12-31' THEN NULL
                        WHEN jeugdnorm_demo.u(seed, k.akey, 49) < 0.15
                        THEN CASE WHEN r.x < 0.35 THEN '34' WHEN r.x < 0.62 THEN '32' WHEN r.x < 0.77 THEN '33'
                                  WHEN r.x < 0.87 THEN '35' WHEN r.x < 0.92 THEN '38' WHEN r.x < 0.925 THEN '02' END
                        ELSE CASE WHEN r.x < 0.80 THEN '31' WHEN r.x < 0.84 THEN '37' WHEN r.x < 0.86 THEN '36'
                                  WHEN r.x < 0.88 THEN '39' WHEN r.x < 0.90 THEN '38' WHEN r.x < 0.91 THEN '20'
                                  WHEN r.x < 0.93 THEN '34' END
                   END AS reden_beeindiging,
                   CASE WHEN jeugdnorm_demo.v(seed, k.akey, 45) >= 0.04 THEN lpad(pc.val::text, 4, '0') END AS postcode
              FROM jn_demo_skel k
              JOIN jeugdnorm_demo.product_spec ps ON ps.idx = k.product_idx
              JOIN jeugdnorm_demo.groep_spec gs ON gs.productgroep = ps.productgroep
              JOIN jeugdnorm_demo.gemeente_spec gm ON gm.idx = k.gemeente_idx
              JOIN (SELECT a.nr, a.aanbieder FROM jn_demo_aanbieder a
                    UNION ALL SELECT g.nr, g.aanbieder FROM jn_demo_gi g) AS ab ON ab.nr = k.aanbieder_nr
              JOIN jn_demo_pick pc
                ON pc.kind = 5 AND pc.grp = k.gemeente_idx
               AND pc.bucket = floor(jeugdnorm_demo.v(seed, k.client_no, 1) * 1000)::integer
              LEFT JOIN jn_demo_jb jm
                ON jm.client_no = k.client_no AND NOT gs.gedwongen
               AND k.ingangsdatum BETWEEN jm.start0 AND jm.start0 + jm.n * jm.len - 1
             CROSS JOIN LATERAL (SELECT ps.vol_lo + ps.vol_step
                                        * floor(jeugdnorm_demo.u(seed, k.akey, 44)
                                                * ((ps.vol_hi - ps.vol_lo) / ps.vol_step + 1)) AS volume) AS v
             CROSS JOIN LATERAL (SELECT k.einddatum IS NOT NULL
                                        AND jeugdnorm_demo.u(seed, k.akey, 39) < ps.budget_share AS is_budget) AS b
             CROSS JOIN LATERAL (SELECT jeugdnorm_demo.v(seed, k.akey, 30) AS x) AS r
           ) AS x;
    ANALYZE jn_demo_alloc;

    -- The allocations of the measures come after the others (their own
    -- number series), so the 0.1.0 rows keep their order.
    INSERT INTO jeugdnorm.toewijzing
        (gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder, productcategorie, productcode,
         ingangsdatum, einddatum, volume, eenheid, frequentie, budget, reden_wijziging,
         toewijzingsdatum, verwijzer, reden_beeindiging, postcode)
    SELECT gemeente, toewijzingnummer, client_id, geboortedatum, aanbieder, productcategorie, productcode,
           ingangsdatum, einddatum, volume, eenheid, frequentie, budget, reden_wijziging,
           toewijzingsdatum, verwijzer, reden_beeindiging, postcode
      FROM jn_demo_alloc
     WHERE NOT missing
     ORDER BY gord, nr;

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
    SELECT a.akey, a.jb, a.gord, a.gemeente_idx, a.nr, a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder,
           a.productcategorie, a.claim_productcode, a.eenheid, a.tarief, p.cs, p.ce,
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
     ORDER BY a.gord, a.nr;
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
              FROM (SELECT a.akey, a.gord, a.gemeente_idx, a.nr, m.m, a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder,
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
     ORDER BY v.gord, v.nr, v.m, v.kind;

    -- Claims in another unit family (0.2.0): 1% of the dagdeel allocations
    -- get one line in etmalen (a night of logeren claimed on dagbesteding),
    -- in the first month they are claimed.
    INSERT INTO jeugdnorm.declaratie
        (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
         begindatum, einddatum, volume, eenheid, bedrag)
    SELECT a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.productcategorie, a.claim_productcode,
           a.cs, least(a.ce, (date_trunc('month', a.cs) + interval '1 month - 1 day')::date),
           q.volume, '14', q.volume * 198.00
      FROM jn_demo_claimalloc a
     CROSS JOIN LATERAL (SELECT jeugdnorm_demo.vi(seed, a.akey, 49, 1, 3)::numeric AS volume) AS q
     WHERE a.eenheid = '16'
       AND (jeugdnorm_demo.v(seed, a.akey, 48) < 0.01
            -- and at any scale at least one
            OR a.akey = (SELECT b.akey FROM jn_demo_claimalloc b WHERE b.eenheid = '16'
                          ORDER BY jeugdnorm_demo.v(seed, b.akey, 48), b.akey LIMIT 1))
     ORDER BY a.gord, a.nr;

    -- Exact duplicates (0.2.0): one line in every 1000 (by declaratie_id,
    -- looked up by key: no scan), if it is a debit line alone in its
    -- month, is sent twice.
    INSERT INTO jeugdnorm.declaratie
        (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
         begindatum, einddatum, volume, eenheid, bedrag)
    SELECT d.gemeente, d.toewijzingnummer, d.client_id, d.aanbieder, d.productcategorie, d.productcode,
           d.begindatum, d.einddatum, d.volume, d.eenheid, d.bedrag
      FROM generate_series(0, (SELECT max(d1.declaratie_id) FROM jeugdnorm.declaratie d1) / 1000) AS g (g)
      JOIN jeugdnorm.declaratie d
        ON d.declaratie_id = g.g * 1000 + jeugdnorm_demo.vi(seed, g.g, 60, 1, 1000)
     WHERE d.bedrag > 0
       AND NOT EXISTS (SELECT 1 FROM jeugdnorm.declaratie o
                        WHERE o.gemeente = d.gemeente AND o.toewijzingnummer = d.toewijzingnummer
                          AND o.begindatum = d.begindatum AND o.einddatum = d.einddatum
                          AND o.declaratie_id <> d.declaratie_id)
     ORDER BY d.declaratie_id;

    -- ---- requests (JW315, 0.2.0) ---------------------------------------------------
    -- kind 1: the request an allocation answered (not for a measure; for 25%
    -- of the allocations referred by the gemeente, which allocates without
    -- one otherwise; 92% of the rest).  The answer is the allocation's
    -- toewijzingsdatum, else 0-14 days before its start; the lead time is
    -- drawn per class (see the header).  kind 2: a request afgewezen before
    -- it (9%), 14-150 days before, answered in 3-60 days (open when that
    -- lies after the peildatum).  kind 3: 4% of the clients under 22 on the
    -- peildatum wait for an answer, in the group of their first stream;
    -- 12% of those were answered after the peildatum, 6% arrived after it.
    CREATE TEMP TABLE jn_demo_req AS
    WITH linked AS (
        SELECT a.*, l.answer, l.answer - l.lead AS ontvangen
          FROM jn_demo_alloc a
         CROSS JOIN LATERAL (
               SELECT coalesce(a.toewijzingsdatum,
                               least(a.ingangsdatum - jeugdnorm_demo.vi(seed, a.akey, 50, 0, 14), date '2025-12-31'))
                        AS answer,
                      CASE WHEN jeugdnorm_demo.v(seed, a.akey, 35) < 0.30 THEN jeugdnorm_demo.vi(seed, a.akey, 36, 3, 14)
                           WHEN jeugdnorm_demo.v(seed, a.akey, 35) < 0.65 THEN jeugdnorm_demo.vi(seed, a.akey, 36, 15, 42)
                           WHEN jeugdnorm_demo.v(seed, a.akey, 35) < 0.85 THEN jeugdnorm_demo.vi(seed, a.akey, 36, 43, 70)
                           WHEN jeugdnorm_demo.v(seed, a.akey, 35) < 0.95 THEN jeugdnorm_demo.vi(seed, a.akey, 36, 71, 120)
                           ELSE jeugdnorm_demo.vi(seed, a.akey, 36, 121, 210) END AS lead
               OFFSET 0) AS l
         WHERE NOT a.jb
           AND jeugdnorm_demo.v(seed, a.akey, 34) < CASE WHEN a.verwijzer = '01' THEN 0.25 ELSE 0.92 END
    )
    SELECT 1 AS kind, a.akey AS key, a.gemeente_idx, a.client_id, a.aanbieder, a.productcategorie, a.productcode,
           a.ontvangen,
           CASE WHEN jeugdnorm_demo.v(seed, a.akey, 38) < 0.05 THEN NULL
                WHEN jeugdnorm_demo.v(seed, a.akey, 38) < 0.25
                THEN a.ingangsdatum - jeugdnorm_demo.vi(seed, a.akey, 53, 1, 30)
                ELSE a.ingangsdatum END AS gewenste_ingangsdatum,
           CASE WHEN a.req_frequentie <> '6' AND jeugdnorm_demo.v(seed, a.akey, 39) < 0.12
                THEN greatest(a.vol_step, a.req_volume - a.vol_step * jeugdnorm_demo.vi(seed, a.akey, 40, 1, 3))
                WHEN a.req_frequentie = '6' AND a.req_eenheid <> '82' AND jeugdnorm_demo.v(seed, a.akey, 39) < 0.10
                THEN a.req_volume + a.vol_step * jeugdnorm_demo.vi(seed, a.akey, 40, 1, 3)
                ELSE a.req_volume END AS volume,
           a.req_eenheid AS eenheid, a.req_frequentie AS frequentie,
           'toegewezen' AS antwoord,
           CASE WHEN a.toewijzingsdatum IS NULL THEN a.answer
                WHEN jeugdnorm_demo.v(seed, a.akey, 37) < 0.10 THEN NULL
                WHEN jeugdnorm_demo.v(seed, a.akey, 37) < 0.15
                THEN least(a.answer + jeugdnorm_demo.vi(seed, a.akey, 54, 1, 5), date '2025-12-31')
                ELSE a.answer END AS antwoord_datum,
           NULL::text AS reden_afwijzing,
           a.toewijzingnummer
      FROM linked a
    UNION ALL
    SELECT 2, a.akey, a.gemeente_idx, a.client_id, a.aanbieder, a.productcategorie, a.productcode,
           r.ontvangen, r.ontvangen + 14, a.req_volume, a.req_eenheid, a.req_frequentie,
           CASE WHEN r.answer <= date '2025-12-31' THEN 'afgewezen' END,
           CASE WHEN r.answer <= date '2025-12-31' THEN r.answer END,
           CASE WHEN r.answer <= date '2025-12-31'
                THEN CASE WHEN r.x < 0.30 THEN '1' WHEN r.x < 0.50 THEN '2' WHEN r.x < 0.65 THEN '3'
                          WHEN r.x < 0.75 THEN '4' WHEN r.x < 0.83 THEN '5' WHEN r.x < 0.89 THEN '6'
                          WHEN r.x < 0.94 THEN '7' WHEN r.x < 0.97 THEN '8' ELSE '9' END END,
           NULL
      FROM linked a
     CROSS JOIN LATERAL (
           SELECT a.ontvangen - jeugdnorm_demo.vi(seed, a.akey, 42, 14, 150) AS ontvangen,
                  a.ontvangen - jeugdnorm_demo.vi(seed, a.akey, 42, 14, 150)
                  + jeugdnorm_demo.vi(seed, a.akey, 43, 3, 60) AS answer,
                  jeugdnorm_demo.v(seed, a.akey, 44) AS x
           OFFSET 0) AS r
     WHERE jeugdnorm_demo.v(seed, a.akey, 41) < 0.09
    UNION ALL
    SELECT 3, c.client_no, c.gemeente_idx,
           'J' || lpad((((c.client_no * 104729 + seed) % 100000000 + 100000000) % 100000000)::text, 8, '0'),
           ab.aanbieder, ps.productcategorie, ps.productcode,
           w.ontvangen, w.ontvangen + 14,
           ps.vol_lo + ps.vol_step * floor(jeugdnorm_demo.v(seed, c.client_no, 13)
                                           * ((ps.vol_hi - ps.vol_lo) / ps.vol_step + 1)),
           ps.eenheid, ps.frequentie,
           CASE WHEN w.z < 0.12 THEN 'toegewezen' END,
           CASE WHEN w.z < 0.12 THEN date '2025-12-31' + jeugdnorm_demo.vi(seed, c.client_no, 15, 1, 30) END,
           NULL, NULL
      FROM jn_demo_client c
      JOIN jn_demo_stream st ON st.skey = c.client_no * 4
      JOIN jn_demo_pick pp
        ON pp.kind = 3 AND pp.grp = st.groep_idx
       AND pp.bucket = floor(jeugdnorm_demo.v(seed, c.client_no, 11) * 1000)::integer
      JOIN jeugdnorm_demo.product_spec ps ON ps.idx = pp.val
      JOIN jn_demo_pick pa
        ON pa.kind = 4 AND pa.grp = st.groep_idx
       AND pa.bucket = floor(jeugdnorm_demo.v(seed, c.client_no, 12) * 10000)::integer
      JOIN jn_demo_aanbieder ab ON ab.nr = pa.val
     CROSS JOIN LATERAL (
           SELECT jeugdnorm_demo.v(seed, c.client_no, 14) AS z,
                  CASE WHEN jeugdnorm_demo.v(seed, c.client_no, 14) BETWEEN 0.12 AND 0.18
                       THEN date '2025-12-31' + jeugdnorm_demo.vi(seed, c.client_no, 15, 1, 20)
                       WHEN jeugdnorm_demo.v(seed, c.client_no, 9) < 0.60
                       THEN date '2025-12-31' - jeugdnorm_demo.vi(seed, c.client_no, 10, 0, 42)
                       WHEN jeugdnorm_demo.v(seed, c.client_no, 9) < 0.90
                       THEN date '2025-12-31' - jeugdnorm_demo.vi(seed, c.client_no, 10, 43, 120)
                       ELSE date '2025-12-31' - jeugdnorm_demo.vi(seed, c.client_no, 10, 121, 300) END AS ontvangen
           OFFSET 0) AS w
     WHERE jeugdnorm_demo.v(seed, c.client_no, 8) < 0.04
       AND c.geboortedatum > date '2025-12-31' - interval '22 years'
    UNION ALL
    -- kind 4: in every gemeente (at any scale) two requests of a client in
    -- care, for its current product and provider, as an extract taken some
    -- weeks after the peildatum has them: one received 1-20 days after the
    -- peildatum, one received 1-20 days before it and answered (toegewezen)
    -- 1-20 days after it (open on the peildatum).
    SELECT 4, f.akey * 2 + x.late_answer::integer, f.gemeente_idx, f.client_id, f.aanbieder, f.productcategorie,
           f.productcode,
           CASE WHEN x.late_answer THEN date '2025-12-31' - jeugdnorm_demo.vi(seed, f.akey, 57, 1, 20)
                ELSE date '2025-12-31' + jeugdnorm_demo.vi(seed, f.akey, 55, 1, 20) END,
           date '2025-12-31' + 28, f.req_volume, f.req_eenheid, f.req_frequentie,
           CASE WHEN x.late_answer THEN 'toegewezen' END,
           CASE WHEN x.late_answer THEN date '2025-12-31' + jeugdnorm_demo.vi(seed, f.akey, 58, 1, 20) END,
           NULL, NULL
      FROM (SELECT DISTINCT ON (a.gemeente_idx) a.*
              FROM jn_demo_alloc a
             WHERE NOT a.jb AND NOT a.missing AND a.reden_wijziging IS NULL
               AND a.ingangsdatum >= date '2025-01-01'
             ORDER BY a.gemeente_idx, jeugdnorm_demo.v(seed, a.akey, 56), a.akey) AS f
     CROSS JOIN (VALUES (false), (true)) AS x (late_answer);
    ANALYZE jn_demo_req;

    -- verzoeknummer: 'VZ' + 7 digits, per gemeente in order of receipt.
    INSERT INTO jeugdnorm.verzoek
        (gemeente, verzoeknummer, client_id, aanbieder, productcategorie, productcode, ontvangen,
         gewenste_ingangsdatum, volume, eenheid, frequentie, antwoord, antwoord_datum, reden_afwijzing,
         toewijzingnummer)
    SELECT gm.gemeente,
           'VZ' || lpad(row_number() OVER (PARTITION BY r.gemeente_idx ORDER BY r.ontvangen, r.kind, r.key)::text, 7, '0'),
           r.client_id, r.aanbieder, r.productcategorie, r.productcode, r.ontvangen,
           r.gewenste_ingangsdatum, r.volume, r.eenheid, r.frequentie, r.antwoord, r.antwoord_datum, r.reden_afwijzing,
           r.toewijzingnummer
      FROM jn_demo_req r
      JOIN jeugdnorm_demo.gemeente_spec gm ON gm.idx = r.gemeente_idx
     ORDER BY r.gemeente_idx, r.ontvangen, r.kind, r.key;

    -- ---- money and capacity (DEFINITIONS.md section 10, 0.3.0) ---------------------
    -- Where the money inputs are installed (a 0.2.0 catalogue has none):
    --   gemeente_jaar  per gemeente and year 2021-2025: youth (0-17) = 20 % of
    --                  the inhabitants x scale, +0.5 % a year; income 1,400 euro
    --                  per youth, indexed; Bergen (L.) has no income for 2021
    --                  (NULL) and Beesel no youth count for 2025 (NULL);
    --   indexatie      2021-2025: 1.6, 2.9, 7.4, 5.6, 3.4 %;
    --   capaciteit     about half of the plek groups (gemeente, provider, plek
    --                  product: 43O04, 46B04) have contracted places: one row
    --                  2021-2023 and one from 2024 (open, one place more), sized
    --                  on a third of the group's allocations of 2023; the other
    --                  groups have none (plek_capacity shows both sources);
    --   budgetplafond  three ceilings for 2025, sized on the 2025 claims so that
    --                  each lands where it should: region-wide, the provider with
    --                  the most claimed money, all products, at 80 % of its cost
    --                  (overschrijding) with a donut hole of 30 %; Venlo (0983),
    --                  the second provider there, all products, at 150 %
    --                  (onderbenutting); Venray (0984), its largest (provider,
    --                  product), at cost / 0.95 (op koers) with a two-tier
    --                  staffel (from 80 %: 5 %, from 90 %: 15 % korting).
    --   Traject products with a tarief and standard duration are in the
    --   catalogue (54G0x, 45A1x, 45A2x).
    IF pg_catalog.to_regclass('jeugdnorm.budgetplafond') IS NOT NULL THEN
        INSERT INTO jeugdnorm.indexatie (jaar, pct)
        VALUES (2021, 1.6), (2022, 2.9), (2023, 7.4), (2024, 5.6), (2025, 3.4);

        INSERT INTO jeugdnorm.gemeente_jaar (gemeente, jaar, jeugdigen, inkomsten)
        SELECT gm.gemeente, y.jaar,
               CASE WHEN gm.gemeente = '0889' AND y.jaar = 2025 THEN NULL
                    ELSE round(gm.weight * 0.2 * scale * (1 + 0.005 * (y.jaar - 2021)))::bigint END,
               CASE WHEN gm.gemeente = '0893' AND y.jaar = 2021 THEN NULL
                    ELSE round(gm.weight * 0.2 * scale * (1 + 0.005 * (y.jaar - 2021)) * 1400
                               * (SELECT exp(sum(ln(1 + i.pct / 100))) FROM jeugdnorm.indexatie i
                                   WHERE i.jaar <= y.jaar)::numeric, -3) END
          FROM jeugdnorm_demo.gemeente_spec gm
         CROSS JOIN generate_series(2021, 2025) AS y(jaar)
         ORDER BY gm.gemeente, y.jaar;

        INSERT INTO jeugdnorm.capaciteit (gemeente, aanbieder, productcode, geldig_van, geldig_tot, plekken)
        SELECT g.gemeente, g.aanbieder, g.productcode, r.geldig_van, r.geldig_tot,
               greatest(1, round(g.n / 3.0)) + r.extra
          FROM (SELECT t.gemeente, t.aanbieder, t.productcode,
                       count(*) FILTER (WHERE t.ingangsdatum <= date '2023-12-31'
                                          AND coalesce(t.einddatum, date '2023-12-31') >= date '2023-01-01') AS n
                  FROM jeugdnorm.toewijzing t
                  JOIN jeugdnorm.product p
                    ON p.productcategorie = t.productcategorie AND p.productcode = t.productcode
                 WHERE p.financieringsvorm = 'plek'
                 GROUP BY t.gemeente, t.aanbieder, t.productcode) g
         CROSS JOIN (VALUES (date '2021-01-01', date '2023-12-31', 0), (date '2024-01-01', NULL::date, 1))
                    AS r (geldig_van, geldig_tot, extra)
         WHERE jeugdnorm_demo.u(seed, hashtext(g.gemeente || g.aanbieder || g.productcode), 57) < 0.5
         ORDER BY g.gemeente, g.aanbieder, g.productcode, r.geldig_van;

        WITH c AS (
            SELECT d.gemeente, t.aanbieder, d.productcode,
                   sum(d.bedrag * ((least(d.einddatum, date '2025-12-31')
                                    - greatest(d.begindatum, date '2025-01-01') + 1)::numeric
                                   / (d.einddatum - d.begindatum + 1))) AS cost
              FROM jeugdnorm.declaratie d
              JOIN jeugdnorm.toewijzing t
                ON t.gemeente = d.gemeente AND t.toewijzingnummer = d.toewijzingnummer
             WHERE d.einddatum >= date '2025-01-01' AND d.begindatum <= date '2025-12-31'
               AND t.aanbieder IS NOT NULL
             GROUP BY d.gemeente, t.aanbieder, d.productcode
        ),
        region AS (
            SELECT c.aanbieder, sum(c.cost) AS cost FROM c GROUP BY c.aanbieder
            ORDER BY sum(c.cost) DESC, c.aanbieder LIMIT 1
        ),
        venlo AS (
            SELECT c.aanbieder, sum(c.cost) AS cost FROM c
             WHERE c.gemeente = '0983' AND c.aanbieder <> (SELECT r.aanbieder FROM region r)
             GROUP BY c.aanbieder
             ORDER BY sum(c.cost) DESC, c.aanbieder LIMIT 1
        ),
        venray AS (
            SELECT c.aanbieder, c.productcode, c.cost FROM c
             WHERE c.gemeente = '0984' AND c.productcode IS NOT NULL
             ORDER BY c.cost DESC, c.aanbieder, c.productcode LIMIT 1
        )
        INSERT INTO jeugdnorm.budgetplafond (plafond_id, jaar, gemeente, aanbieder, productcode, plafond, donut_hole_pct)
        SELECT '2025-regio-' || r.aanbieder, 2025, NULL, r.aanbieder, NULL, round(r.cost * 0.80, -2), 30 FROM region r
        UNION ALL
        SELECT '2025-0983-' || v.aanbieder, 2025, '0983', v.aanbieder, NULL, round(v.cost * 1.50, -2), NULL FROM venlo v
        UNION ALL
        SELECT '2025-0984-' || w.aanbieder || '-' || w.productcode, 2025, '0984', w.aanbieder, w.productcode,
               round(w.cost / 0.95, -2), NULL FROM venray w;

        INSERT INTO jeugdnorm.staffel (plafond_id, vanaf_pct, korting_pct)
        SELECT b.plafond_id, s.vanaf_pct, s.korting_pct
          FROM jeugdnorm.budgetplafond b
         CROSS JOIN (VALUES (80, 5), (90, 15)) AS s (vanaf_pct, korting_pct)
         WHERE b.gemeente = '0984';
    END IF;

    -- ---- settings ---------------------------------------------------------------
    UPDATE jeugdnorm.settings
       SET window_start = date '2021-01-01',
           peildatum = date '2025-12-31',
           extension_days = DEFAULT,
           recidive_days = DEFAULT,
           path_gap_days = DEFAULT,
           max_age = DEFAULT,
           drop_net_zero = DEFAULT,
           lead_time_target_days = DEFAULT;

    DROP TABLE pg_temp.jn_demo_pick, pg_temp.jn_demo_aanbieder, pg_temp.jn_demo_offer,
               pg_temp.jn_demo_client, pg_temp.jn_demo_stream, pg_temp.jn_demo_chain, pg_temp.jn_demo_skel,
               pg_temp.jn_demo_alloc, pg_temp.jn_demo_claimalloc,
               pg_temp.jn_demo_gi, pg_temp.jn_demo_jb, pg_temp.jn_demo_req;

    ANALYZE jeugdnorm.aanbieder, jeugdnorm.product, jeugdnorm.norm, jeugdnorm.contract,
            jeugdnorm.toewijzing, jeugdnorm.declaratie, jeugdnorm.verzoek, jeugdnorm.wijk,
            jeugdnorm.product_mapping;

    RETURN QUERY
        SELECT t.table_name, t.rows
          FROM (SELECT 1 AS ord, 'aanbieder'::text AS table_name, count(*) AS rows FROM jeugdnorm.aanbieder
                UNION ALL SELECT 2, 'product', count(*) FROM jeugdnorm.product
                UNION ALL SELECT 3, 'norm', count(*) FROM jeugdnorm.norm
                UNION ALL SELECT 4, 'contract', count(*) FROM jeugdnorm.contract
                UNION ALL SELECT 5, 'toewijzing', count(*) FROM jeugdnorm.toewijzing
                UNION ALL SELECT 6, 'declaratie', count(*) FROM jeugdnorm.declaratie
                UNION ALL SELECT 7, 'verzoek', count(*) FROM jeugdnorm.verzoek
                UNION ALL SELECT 8, 'wijk', count(*) FROM jeugdnorm.wijk
                UNION ALL SELECT 9, 'product_mapping', count(*) FROM jeugdnorm.product_mapping) AS t
         ORDER BY t.ord;
    -- the money inputs, where installed (dynamic: a 0.2.0 catalogue has none)
    IF pg_catalog.to_regclass('jeugdnorm.budgetplafond') IS NOT NULL THEN
        RETURN QUERY EXECUTE $q$
            SELECT t.table_name, t.rows
              FROM (SELECT 10 AS ord, 'gemeente_jaar'::text AS table_name, count(*) AS rows FROM jeugdnorm.gemeente_jaar
                    UNION ALL SELECT 11, 'indexatie', count(*) FROM jeugdnorm.indexatie
                    UNION ALL SELECT 12, 'capaciteit', count(*) FROM jeugdnorm.capaciteit
                    UNION ALL SELECT 13, 'budgetplafond', count(*) FROM jeugdnorm.budgetplafond
                    UNION ALL SELECT 14, 'staffel', count(*) FROM jeugdnorm.staffel) AS t
             ORDER BY t.ord $q$;
    END IF;
END;
$fn$;
COMMENT ON FUNCTION jeugdnorm_demo.generate(integer, numeric) IS
    'empties and fills the jeugdnorm input tables with the deterministic demo region (seed, scale; scale 1: ~9,000 clients, ~25,000 allocations, ~270,000 claim lines, ~19,000 requests; wijk and product_mapping fixed) and sets window_start 2021-01-01, peildatum 2025-12-31';
