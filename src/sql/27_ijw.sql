-- ---------------------------------------------------------------------------
-- 27_ijw.sql (new in 0.3.0) -- raw iJw 3.2 XML messages in
-- (DEFINITIONS.md section 11, exact readings [X1]-[X6]; doc/ijw.md)
--
-- A user inserts the messages as received into jeugdnorm.ijw_bericht and
-- calls SELECT * FROM jeugdnorm.load_ijw().  The parse and every check are
-- C, in one pass (libxml2 SAX2, src/pg/ijw.c: jeugdnorm_internal.ijw_parse), the rest
-- is a handful of set-based statements over all messages of a batch at
-- once: per-message cost is one parse and a share of each statement, never
-- a statement per message.
--
-- Decisions:
--  * Order independence ([X1]-[X4]).  Every loaded element is kept as a
--    version in its own table (ijw_toewijzing_versie, ijw_stop,
--    ijw_verzoek_versie, ijw_antwoord); the rows of toewijzing and verzoek
--    that a call touches are recomputed from all their versions: the latest
--    JW301 by (Toewijzingsdatum, Toewijzingstijd), the latest stop by
--    Dagtekening, the JW315 it names for the verwijzer, ...  Ties: the later
--    message (bericht_id), then the later element in it.  So the result is a
--    function of the set of messages, not of their arrival order.
--  * Idempotence: inhoud_hash is a keyed hash (HMAC-SHA256 under the
--    pseudonym key) of the message as received; a message whose hash equals
--    that of a message already 'verwerkt' (or an earlier one of the same
--    call) is 'verwerkt' with nothing loaded.
--  * Rejection ([X6]): a message that is not well-formed, of an unknown
--    namespace, whose BerichtCode does not fit its namespace, or that lacks
--    a mandatory element of the mapped columns is 'afgewezen' with the
--    reason and loads nothing.  Inside a valid message, an element whose
--    value breaks a rule (a date that is not one, an unknown code, a BSN
--    failing the elfproef, a gemeente the caller may not load) is a row in
--    jeugdnorm.rejected (bericht_id, element_pad, reason, the parsed fields
--    without any BSN) and the rest loads.
--  * No BSN is stored: ijw_parse returns pseudonyms only; the kept text has
--    every Bsn value replaced by its pseudonym and the content of the
--    personal elements (Naam, Contactgegevens, Relaties, ...) left out
--    (src/pg/ijw.c; "names, addresses, relations ... are never stored").  Messages
--    other than JW301/305/307/315/319/323 of iJw 3.2 (the retour messages,
--    JW317, JW325) are 'verwerkt' with no rows: no view uses them.
--  * ToewijzingNummer (an integer in iJw) is stored as text without leading
--    zeros, so '007' in a JW301 and '7' in a JW323 meet.
--  * Eurocent: Budget, IngediendBedrag/Bedrag and volumes in Eenheid '83'
--    are divided by 100; DebetCredit 'C' makes volume and bedrag negative.
--  * A JW307 Einddatum before the allocation's Ingangsdatum is not applied
--    (the table's CHECK would refuse the allocation); an answer dated before
--    its request's Dagtekening keeps its antwoord without antwoord_datum.
-- ---------------------------------------------------------------------------

-- ---- messages -------------------------------------------------------------------

CREATE TABLE jeugdnorm.ijw_bericht (
    bericht_id    bigint GENERATED ALWAYS AS IDENTITY
        CONSTRAINT ijw_bericht_pkey PRIMARY KEY,
    bestandsnaam  text,
    bericht       text NOT NULL,
    ontvangen_op  timestamptz NOT NULL DEFAULT now(),
    verwerkt_op   timestamptz,
    berichtcode   text,
    status        text
        CONSTRAINT ijw_bericht_status_known CHECK (status IN ('verwerkt', 'afgewezen')),
    reden         text,
    berichttype   text,
    inhoud_hash   text COLLATE "C",    -- hex digits: byte order, no locale compare in its index
    rows_loaded   integer,
    rows_rejected integer,
    CONSTRAINT ijw_bericht_processed CHECK ((status IS NULL) = (verwerkt_op IS NULL))
);
-- lz4 where the server has it: compressing and reading a message back cost
-- a fraction of pglz's (the text is written twice: received, processed)
DO $$
BEGIN
    ALTER TABLE jeugdnorm.ijw_bericht ALTER COLUMN bericht SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    NULL;
END $$;
CREATE INDEX ijw_bericht_unprocessed_idx ON jeugdnorm.ijw_bericht (bericht_id) WHERE status IS NULL;
-- the content hashes, for load_ijw's duplicate lookup (equality only, one
-- probe per message): a hash index, not a btree -- a probe reads one
-- bucket page instead of descending a tree of 64-character keys, an entry
-- is a 4-byte hash code, and an unprocessed message (inhoud_hash NULL) has
-- no entry at all (a hash index leaves NULLs out), so the INSERT of a
-- message costs nothing here and its processing one small entry
CREATE INDEX ijw_bericht_inhoud_hash_idx ON jeugdnorm.ijw_bericht USING hash (inhoud_hash);

COMMENT ON TABLE jeugdnorm.ijw_bericht IS
    'ijw_bericht: raw iJw 3.2 messages (JW301, JW305, JW307, JW315, JW319, JW323, ...) as received; insert them and call jeugdnorm.load_ijw(); after processing the text holds pseudonyms instead of BSNs';
COMMENT ON COLUMN jeugdnorm.ijw_bericht.bericht_id IS 'bericht_id: identity, the processing order';
COMMENT ON COLUMN jeugdnorm.ijw_bericht.bestandsnaam IS 'bestandsnaam: file name the message came from (optional, free text)';
COMMENT ON COLUMN jeugdnorm.ijw_bericht.bericht IS 'bericht: the XML as received; after processing every Bsn value in it is replaced by its pseudonym (no BSN is kept)';
COMMENT ON COLUMN jeugdnorm.ijw_bericht.ontvangen_op IS 'ontvangen_op: when the row was inserted';
COMMENT ON COLUMN jeugdnorm.ijw_bericht.verwerkt_op IS 'verwerkt_op: when load_ijw() processed the message; NULL = not yet';
COMMENT ON COLUMN jeugdnorm.ijw_bericht.berichtcode IS 'berichtcode: the header''s BerichtCode, e.g. ''436'' (JW301), ''490'' (JW323); set on processing';
COMMENT ON COLUMN jeugdnorm.ijw_bericht.status IS 'status: ''verwerkt'' (processed) or ''afgewezen'' (refused, nothing loaded); NULL = not yet processed';
COMMENT ON COLUMN jeugdnorm.ijw_bericht.reden IS 'reden: why the message was refused, or a remark on a processed one (elements rejected, duplicate content)';
COMMENT ON COLUMN jeugdnorm.ijw_bericht.berichttype IS 'berichttype: the message kind from its namespace, e.g. ''JW301''';
COMMENT ON COLUMN jeugdnorm.ijw_bericht.inhoud_hash IS 'inhoud_hash: HMAC-SHA256 (pseudonym key) of the text as received; equal content = equal hash';
COMMENT ON COLUMN jeugdnorm.ijw_bericht.rows_loaded IS 'rows_loaded: elements of this message loaded';
COMMENT ON COLUMN jeugdnorm.ijw_bericht.rows_rejected IS 'rows_rejected: elements of this message put into jeugdnorm.rejected';

-- ---- versions of the loaded elements ---------------------------------------------

CREATE TABLE jeugdnorm.ijw_toewijzing_versie (
    bericht_id        bigint NOT NULL,
    volgnr            integer NOT NULL,
    gemeente          text NOT NULL,
    toewijzingnummer  text NOT NULL,
    toewijzingsdatum  date NOT NULL,
    toewijzingstijd   time NOT NULL,
    referentie_aanbieder text,
    client_id         text,
    geboortedatum     date,
    postcode          text,
    aanbieder         text,
    productcategorie  text,
    productcode       text,
    ingangsdatum      date NOT NULL,
    einddatum         date,
    volume            numeric,
    eenheid           text,
    frequentie        text,
    budget            numeric,
    reden_wijziging   text,
    CONSTRAINT ijw_toewijzing_versie_pkey PRIMARY KEY (bericht_id, volgnr)
);
CREATE INDEX ijw_toewijzing_versie_key_idx
    ON jeugdnorm.ijw_toewijzing_versie (gemeente, toewijzingnummer);
CREATE INDEX ijw_toewijzing_versie_referentie_idx
    ON jeugdnorm.ijw_toewijzing_versie (gemeente, referentie_aanbieder);
COMMENT ON TABLE jeugdnorm.ijw_toewijzing_versie IS
    'every JW301 ToegewezenProduct loaded by load_ijw(), one row per version; jeugdnorm.toewijzing holds the latest per (gemeente, toewijzingnummer) ([X2])';

CREATE TABLE jeugdnorm.ijw_stop (
    bericht_id        bigint NOT NULL,
    volgnr            integer NOT NULL,
    gemeente          text NOT NULL,
    toewijzingnummer  text NOT NULL,
    dagtekening       date NOT NULL,
    aanbieder         text,
    client_id         text,
    begindatum        date,
    reden_beeindiging text NOT NULL,
    einddatum         date NOT NULL,
    CONSTRAINT ijw_stop_pkey PRIMARY KEY (bericht_id, volgnr)
);
CREATE INDEX ijw_stop_key_idx ON jeugdnorm.ijw_stop (gemeente, toewijzingnummer);
COMMENT ON TABLE jeugdnorm.ijw_stop IS
    'every JW307 StopProduct loaded by load_ijw(); the latest by Dagtekening sets its allocation''s reden_beeindiging (and an open einddatum), also when the allocation arrives later ([X3])';

CREATE TABLE jeugdnorm.ijw_verzoek_versie (
    bericht_id        bigint NOT NULL,
    volgnr            integer NOT NULL,
    gemeente          text NOT NULL,
    verzoeknummer     text NOT NULL,
    ontvangen         date NOT NULL,
    client_id         text,
    aanbieder         text,
    productcategorie  text,
    productcode       text,
    gewenste_ingangsdatum date,
    volume            numeric,
    eenheid           text,
    frequentie        text,
    verwijzer         text,
    CONSTRAINT ijw_verzoek_versie_pkey PRIMARY KEY (bericht_id, volgnr)
);
CREATE INDEX ijw_verzoek_versie_key_idx ON jeugdnorm.ijw_verzoek_versie (gemeente, verzoeknummer);
COMMENT ON TABLE jeugdnorm.ijw_verzoek_versie IS
    'every JW315 AangevraagdProduct loaded by load_ijw(); jeugdnorm.verzoek holds the latest per (gemeente, verzoeknummer = ReferentieAanbieder) with its answer ([X4])';

CREATE TABLE jeugdnorm.ijw_antwoord (
    bericht_id        bigint NOT NULL,
    volgnr            integer NOT NULL,
    gemeente          text NOT NULL,
    verzoeknummer     text NOT NULL,
    dagtekening       date NOT NULL,
    aanbieder         text,
    verzoek_antwoord  text NOT NULL,
    reden_afwijzing   text,
    CONSTRAINT ijw_antwoord_pkey PRIMARY KEY (bericht_id, volgnr)
);
CREATE INDEX ijw_antwoord_key_idx ON jeugdnorm.ijw_antwoord (gemeente, verzoeknummer);
COMMENT ON TABLE jeugdnorm.ijw_antwoord IS
    'every JW319 Antwoord loaded by load_ijw(); VerzoekAntwoord 1 (afgewezen) answers its request unless a JW301 granted it ([X4])';

-- ---- columns the messages bring: 88_ijw_columns.sql ------------------------------
-- (declaratie.referentienummer, vorig_referentienummer; verzoek.verwijzer;
-- rejected.bericht_id, element_pad), added after the views so that a fresh
-- install and an upgrade expand the views' column lists alike.

-- ---- the parser (C, src/pg/ijw.c) --------------------------------------------------

CREATE FUNCTION jeugdnorm_internal.ijw_parse(max_bytes bigint, batch_bytes bigint, loadable text[],
    OUT bericht_id bigint, OUT soort text, OUT volgnr integer, OUT pad text,
    OUT berichtcode text, OUT berichttype text, OUT afzender text, OUT ontvanger text,
    OUT identificatie text, OUT dagtekening date, OUT fout text,
    OUT inhoud_hash text, OUT client_id text, OUT bsn_fout text, OUT geboortedatum date,
    OUT datumgebruik text, OUT postcode text, OUT toewijzingnummer text,
    OUT referentie text, OUT vorig_referentie text, OUT categorie text, OUT code text,
    OUT toewijzingsdatum date, OUT toewijzingstijd text, OUT ingangsdatum date,
    OUT einddatum date, OUT begindatum date, OUT reden text, OUT volume text,
    OUT eenheid text, OUT frequentie text, OUT budget text, OUT verwijzer text,
    OUT antwoord text, OUT bedrag text, OUT debet_credit text, OUT probleem text,
    OUT gemeente text, OUT aanbieder text, OUT dubbel bigint, OUT n_good integer,
    OUT n_bad integer)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'jn_ijw_parse'
    LANGUAGE C VOLATILE PARALLEL UNSAFE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp;
REVOKE ALL ON FUNCTION jeugdnorm_internal.ijw_parse(bigint, bigint, text[]) FROM PUBLIC;
COMMENT ON FUNCTION jeugdnorm_internal.ijw_parse(bigint, bigint, text[]) IS
    'internal (load_ijw): parses the next unprocessed jeugdnorm.ijw_bericht messages in bericht_id order, up to batch_bytes of text (at least one message) (libxml2 SAX2, namespace-aware, no DTD, no entities, bounded) and checks them (every date it returns is one already: its columns are of type date): one row per message (soort ''bericht'': its fault, its content hash, the earlier message of the same content, elements loaded and refused) and one per element of a message to load (its problems, NULL when it loads; loadable: the gemeenten the caller may load, NULL = all), except the claim lines that load: those it keeps for jeugdnorm_internal.ijw_claims() in the same statement; returns pseudonyms, never a BSN; SECURITY DEFINER (reads the pseudonym key), not for PUBLIC';

CREATE FUNCTION jeugdnorm_internal.ijw_claims(after bigint,
    OUT gemeente text, OUT toewijzingnummer text, OUT client_id text, OUT aanbieder text,
    OUT productcategorie text, OUT productcode text, OUT begindatum date, OUT einddatum date,
    OUT volume numeric, OUT eenheid text, OUT bedrag numeric, OUT referentienummer text,
    OUT vorig_referentienummer text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'jn_ijw_claims'
    LANGUAGE C VOLATILE PARALLEL UNSAFE;
REVOKE ALL ON FUNCTION jeugdnorm_internal.ijw_claims(bigint) FROM PUBLIC;
COMMENT ON FUNCTION jeugdnorm_internal.ijw_claims(bigint) IS
    'internal (load_ijw): the claim lines that load of the ijw_parse() call in the same statement, in its order, as declaratie columns ([X5]: volume (Eenheid ''83'': / 100) and bedrag / 100 (eurocent), both negative for DebetCredit ''C''); they do not pass through ijw_parse()''s own rows, which load_ijw() copies and reads several times; "after" only orders the statement (ijw_parse() first); an error without an ijw_parse() in the statement';

CREATE FUNCTION jeugdnorm_internal.ijw_kept_text(bericht_id bigint) RETURNS text
    AS 'MODULE_PATHNAME', 'jn_ijw_kept_text'
    LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
REVOKE ALL ON FUNCTION jeugdnorm_internal.ijw_kept_text(bigint) FROM PUBLIC;
COMMENT ON FUNCTION jeugdnorm_internal.ijw_kept_text(bigint) IS
    'internal (load_ijw): the text to keep of a message parsed by ijw_parse() in this transaction (every Bsn value replaced by its pseudonym, personal elements left out), kept aside by the parse so that the texts do not travel through its rows; an error for a message it did not parse';

-- ---- load_ijw ---------------------------------------------------------------------------

CREATE FUNCTION jeugdnorm.load_ijw(max_bericht_bytes bigint DEFAULT 67108864,
                                   batch_bytes bigint DEFAULT 33554432)
    RETURNS TABLE (berichtcode text, berichten bigint, verwerkt bigint, afgewezen bigint,
                   rows_loaded bigint, rows_rejected bigint, berichttype text)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    -- the gemeenten the caller may load (NULL: all), once per call
    loadable text[];
    n bigint;
    -- distributed on Citus (90_distribute.sql, doc/citus.md)
    distributed constant boolean := jeugdnorm_internal.is_distributed();
    tmp record;
BEGIN
    IF max_bericht_bytes IS NULL OR max_bericht_bytes < 1 THEN
        RAISE EXCEPTION 'max_bericht_bytes must be a positive number of bytes, not %', max_bericht_bytes
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- messages are processed in batches of about batch_bytes of text (at
    -- least one message each), so that the parse output of a batch stays in
    -- memory (work_mem) whatever the backlog
    IF batch_bytes IS NULL OR batch_bytes < 1 THEN
        RAISE EXCEPTION 'batch_bytes must be a positive number of bytes, not %', batch_bytes
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- one load at a time: "latest wins" must see every version
    PERFORM pg_advisory_xact_lock(7669172160390656617);
    -- every load is logged (24_load_log.sql); its rejected rows carry its id
    PERFORM jeugdnorm_internal.load_log_begin('load_ijw', 'jeugdnorm.ijw_bericht');
    -- the parse output is held once in memory up to work_mem: at least 64 MB
    -- for this transaction (a larger setting is kept)
    IF pg_size_bytes(current_setting('work_mem')) < 64 * 1024 * 1024 THEN
        PERFORM set_config('work_mem', '64MB', true);
    END IF;

    -- left over from a call that failed inside a caller's exception block
    IF to_regclass('pg_temp.jn_ijw_r') IS NOT NULL THEN
        DROP TABLE IF EXISTS pg_temp.jn_ijw_r, pg_temp.jn_ijw_s,
                             pg_temp.jn_ijw_tkeys, pg_temp.jn_ijw_vkeys;
    END IF;
    FOR tmp IN SELECT c.relname, c.relkind FROM pg_class c
                WHERE c.relnamespace = pg_my_temp_schema()
                  AND c.relname IN ('jn_ijw_declaratie', 'jn_ijw_toewijzing', 'jn_ijw_verzoek') LOOP
        EXECUTE format('DROP %s pg_temp.%I', CASE WHEN tmp.relkind = 'v' THEN 'VIEW' ELSE 'TABLE' END, tmp.relname);
    END LOOP;

    loadable := jeugdnorm_internal.ijw_loadable_gemeenten();

    CREATE TEMP TABLE jn_ijw_r (bericht_id bigint, soort text, gemeente text, sleutel text,
                                referentie text, good boolean);
    CREATE TEMP TABLE jn_ijw_s (berichtcode text, berichttype text, berichten bigint, verwerkt bigint,
                                afgewezen bigint, rows_loaded bigint, rows_rejected bigint);
    -- the statements below write declaratie, toewijzing and verzoek through
    -- pg_temp.jn_ijw_declaratie, _toewijzing and _verzoek: on one node
    -- simple views of the tables (the rows go straight in, ON CONFLICT
    -- reaches the tables' keys); distributed on Citus, temporary tables
    -- whose rows are then moved to the Citus tables by statements Citus
    -- accepts (it refuses the parse statement, which writes coordinator
    -- tables with a volatile function, once it also writes a Citus table;
    -- and ON CONFLICT (gemeente, key): its keys lead with client_id)
    IF distributed THEN
        CREATE TEMP TABLE jn_ijw_declaratie (LIKE jeugdnorm.declaratie INCLUDING DEFAULTS);
        CREATE TEMP TABLE jn_ijw_toewijzing (LIKE jeugdnorm.toewijzing, PRIMARY KEY (gemeente, toewijzingnummer));
        CREATE TEMP TABLE jn_ijw_verzoek (LIKE jeugdnorm.verzoek, PRIMARY KEY (gemeente, verzoeknummer));
    ELSE
        CREATE TEMP VIEW jn_ijw_declaratie AS SELECT * FROM jeugdnorm.declaratie;
        CREATE TEMP VIEW jn_ijw_toewijzing AS SELECT * FROM jeugdnorm.toewijzing;
        CREATE TEMP VIEW jn_ijw_verzoek AS SELECT * FROM jeugdnorm.verzoek;
    END IF;

    LOOP
        -- 1.-5. one statement, one pass: parse and check the messages of a
        -- batch (C, one call: each message refused, a duplicate, or loaded,
        -- each of its elements with its problems or none); refused elements
        -- into rejected, valid ones into declaratie and the version tables;
        -- mark the messages (their text now holds pseudonyms, not BSNs:
        -- ijw_kept_text); keep the keys to recompute and the summary
        WITH p AS MATERIALIZED (
            SELECT * FROM jeugdnorm_internal.ijw_parse(max_bericht_bytes, batch_bytes, loadable)
        ),
        -- the element rows (p has no claim line that loads: ijw_claims()
        -- below; the rest are usually few): the inserts below read them
        -- from here, so that p is read three times, not eight
        o AS MATERIALIZED (
            SELECT * FROM p WHERE p.soort <> 'bericht'
        ),
        rej AS (
            INSERT INTO jeugdnorm.rejected (source, target, row, reason, source_row_no, bericht_id, element_pad)
        SELECT 'jeugdnorm.ijw_bericht',
               CASE p.soort WHEN 'prestatie' THEN 'declaratie'
                            WHEN 'verzoek' THEN 'verzoek' WHEN 'antwoord' THEN 'verzoek'
                            ELSE 'toewijzing' END,
               jsonb_strip_nulls(to_jsonb(p) - 'inhoud_hash' - 'fout' - 'probleem'
                                 - 'gemeente' - 'aanbieder' - 'dubbel' - 'n_good' - 'n_bad'),
               p.probleem, p.volgnr, p.bericht_id, p.pad
          FROM o p
         WHERE p.soort <> 'bericht' AND p.probleem IS NOT NULL
         ORDER BY p.bericht_id, p.volgnr
            RETURNING 1
        ),
        decl AS (
            INSERT INTO pg_temp.jn_ijw_declaratie (gemeente, toewijzingnummer, client_id, aanbieder,
               productcategorie, productcode, begindatum, einddatum, volume, eenheid, bedrag,
               referentienummer, vorig_referentienummer)
        -- the claim lines that load, not in p: ijw_claims() hands over what
        -- the parse of p kept aside (its argument, a count of p, makes the
        -- parse run first), in the parse's order (bericht_id, volgnr), so
        -- declaratie_id follows it; volume and bedrag as [X5] (Eenheid '83':
        -- volume / 100; bedrag / 100; negative for DebetCredit 'C')
        SELECT c.*
          FROM jeugdnorm_internal.ijw_claims((SELECT count(*) FROM p)) c
            RETURNING 1
        ),
        tv AS (
            INSERT INTO jeugdnorm.ijw_toewijzing_versie
        SELECT p.bericht_id, p.volgnr, p.gemeente, p.toewijzingnummer,
               p.toewijzingsdatum::date, p.toewijzingstijd::time,
               p.referentie, p.client_id,
               p.geboortedatum::date,
               CASE WHEN regexp_replace(p.postcode, '\s', '', 'g') ~ '^[0-9]{4}'
                    THEN left(regexp_replace(p.postcode, '\s', '', 'g'), 4) END,
               p.aanbieder, p.categorie, p.code,
               p.ingangsdatum::date, p.einddatum::date,
               CASE WHEN p.eenheid = '83' THEN p.volume::numeric * 0.01 ELSE p.volume::numeric END,
               CASE WHEN p.eenheid IS NULL AND p.budget IS NOT NULL THEN '83' ELSE p.eenheid END,
               p.frequentie,
               p.budget::numeric * 0.01,
               p.reden
          FROM o p
         WHERE p.soort = 'toewijzing' AND p.probleem IS NULL
            RETURNING 1
        ),
        stop AS (
            INSERT INTO jeugdnorm.ijw_stop
        SELECT p.bericht_id, p.volgnr, p.gemeente, p.toewijzingnummer, p.dagtekening::date,
               p.aanbieder, p.client_id, p.begindatum::date, p.reden,
               p.einddatum::date
          FROM o p
         WHERE p.soort = 'stop' AND p.probleem IS NULL
            RETURNING 1
        ),
        vv AS (
            INSERT INTO jeugdnorm.ijw_verzoek_versie
        SELECT p.bericht_id, p.volgnr, p.gemeente, p.referentie, p.dagtekening::date,
               p.client_id, p.aanbieder, p.categorie, p.code, p.ingangsdatum::date,
               CASE WHEN p.eenheid = '83' THEN p.volume::numeric * 0.01 ELSE p.volume::numeric END,
               CASE WHEN p.eenheid IS NULL AND p.budget IS NOT NULL THEN '83' ELSE p.eenheid END,
               p.frequentie, p.verwijzer
          FROM o p
         WHERE p.soort = 'verzoek' AND p.probleem IS NULL
            RETURNING 1
        ),
        antw AS (
            INSERT INTO jeugdnorm.ijw_antwoord
        SELECT p.bericht_id, p.volgnr, p.gemeente, p.referentie, p.dagtekening::date,
               p.aanbieder, p.antwoord, p.reden
          FROM o p
         WHERE p.soort = 'antwoord' AND p.probleem IS NULL
            RETURNING 1
        ),
        upd AS (
            UPDATE jeugdnorm.ijw_bericht b
               SET bericht = jeugdnorm_internal.ijw_kept_text(p.bericht_id),
                   verwerkt_op = now(),
                   berichtcode = p.berichtcode,
                   berichttype = p.berichttype,
                   inhoud_hash = p.inhoud_hash,
                   status = CASE WHEN p.fout IS NULL THEN 'verwerkt' ELSE 'afgewezen' END,
                   reden = CASE
                       WHEN p.fout IS NOT NULL THEN p.fout
                       WHEN p.dubbel IS NOT NULL
                           THEN format('same content as bericht %s: nothing loaded', p.dubbel)
                       WHEN p.berichttype NOT IN ('JW301', 'JW307', 'JW315', 'JW319', 'JW323')
                           THEN format('%s: accepted, no rows (no analysis uses it)', p.berichttype)
                       WHEN p.n_bad > 0
                           THEN format('%s element(s) refused: see jeugdnorm.rejected (bericht_id %s)',
                                       p.n_bad, p.bericht_id)
                       END,
                   rows_loaded = p.n_good,
                   rows_rejected = p.n_bad
              FROM p
             WHERE p.soort = 'bericht' AND b.bericht_id = p.bericht_id
            RETURNING b.berichtcode, b.berichttype, b.status, b.rows_loaded, b.rows_rejected
        ),
        keys AS (
            INSERT INTO jn_ijw_r
            SELECT p.bericht_id, p.soort, p.gemeente,
                   CASE WHEN p.soort IN ('toewijzing', 'stop') THEN p.toewijzingnummer ELSE p.referentie END,
                   p.referentie, p.probleem IS NULL
              FROM o p
             WHERE p.soort NOT IN ('prestatie', 'bericht')    -- claim lines have no key to recompute
        )
        INSERT INTO jn_ijw_s
        SELECT u.berichtcode, u.berichttype, count(*),
               count(*) FILTER (WHERE u.status = 'verwerkt'),
               count(*) FILTER (WHERE u.status = 'afgewezen'),
               coalesce(sum(u.rows_loaded), 0), coalesce(sum(u.rows_rejected), 0)
          FROM upd u
         GROUP BY u.berichtcode, u.berichttype;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF distributed THEN    -- the claim lines to Citus, in their declaratie_id order
            INSERT INTO jeugdnorm.declaratie SELECT * FROM pg_temp.jn_ijw_declaratie ORDER BY declaratie_id;
            TRUNCATE pg_temp.jn_ijw_declaratie;
        END IF;
        EXIT WHEN n = 0;    -- no message left

        -- 6. recompute the allocations and requests this call touched;
        -- a batch of claims only has no key to recompute: then not even
        -- the two key tables (a temp table made and dropped costs catalogue
        -- writes, about a millisecond each)
        CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_temp.jn_ijw_r);
        CREATE TEMP TABLE jn_ijw_tkeys AS
        SELECT DISTINCT r.gemeente, r.sleutel AS toewijzingnummer
          FROM jn_ijw_r r
         WHERE r.soort IN ('toewijzing', 'stop') AND r.good
        UNION
        SELECT v.gemeente, v.toewijzingnummer
          FROM jn_ijw_r r
          JOIN jeugdnorm.ijw_toewijzing_versie v
            ON v.gemeente = r.gemeente AND v.referentie_aanbieder = r.sleutel
         WHERE r.soort = 'verzoek' AND r.good;

        IF EXISTS (SELECT 1 FROM jn_ijw_tkeys) THEN
            INSERT INTO pg_temp.jn_ijw_toewijzing AS t (gemeente, toewijzingnummer, client_id,
                   geboortedatum, aanbieder, productcategorie, productcode, ingangsdatum,
                   einddatum, volume, eenheid, frequentie, budget, reden_wijziging,
                   toewijzingsdatum, verwijzer, reden_beeindiging, postcode)
            SELECT w.gemeente, w.toewijzingnummer, w.client_id, w.geboortedatum, w.aanbieder,
                   w.productcategorie, w.productcode, w.ingangsdatum,
                   coalesce(w.einddatum,
                            CASE WHEN s.einddatum >= w.ingangsdatum THEN s.einddatum END),
                   w.volume, w.eenheid, w.frequentie, w.budget, w.reden_wijziging,
                   w.toewijzingsdatum, q.verwijzer, s.reden_beeindiging, w.postcode
              FROM jn_ijw_tkeys k
              CROSS JOIN LATERAL (
                    SELECT v.* FROM jeugdnorm.ijw_toewijzing_versie v
                     WHERE v.gemeente = k.gemeente AND v.toewijzingnummer = k.toewijzingnummer
                     ORDER BY v.toewijzingsdatum DESC, v.toewijzingstijd DESC, v.bericht_id DESC, v.volgnr DESC
                     LIMIT 1) w
              LEFT JOIN LATERAL (
                    SELECT st.* FROM jeugdnorm.ijw_stop st
                     WHERE st.gemeente = k.gemeente AND st.toewijzingnummer = k.toewijzingnummer
                     ORDER BY st.dagtekening DESC, st.bericht_id DESC, st.volgnr DESC
                     LIMIT 1) s ON true
              LEFT JOIN LATERAL (
                    SELECT vv.verwijzer FROM jeugdnorm.ijw_verzoek_versie vv
                     WHERE vv.gemeente = w.gemeente AND vv.verzoeknummer = w.referentie_aanbieder
                     ORDER BY vv.ontvangen DESC, vv.bericht_id DESC, vv.volgnr DESC
                     LIMIT 1) q ON true
            ON CONFLICT (gemeente, toewijzingnummer) DO UPDATE SET
                   client_id = EXCLUDED.client_id, geboortedatum = EXCLUDED.geboortedatum,
                   aanbieder = EXCLUDED.aanbieder, productcategorie = EXCLUDED.productcategorie,
                   productcode = EXCLUDED.productcode, ingangsdatum = EXCLUDED.ingangsdatum,
                   einddatum = EXCLUDED.einddatum, volume = EXCLUDED.volume,
                   eenheid = EXCLUDED.eenheid, frequentie = EXCLUDED.frequentie,
                   budget = EXCLUDED.budget, reden_wijziging = EXCLUDED.reden_wijziging,
                   toewijzingsdatum = EXCLUDED.toewijzingsdatum, verwijzer = EXCLUDED.verwijzer,
                   reden_beeindiging = EXCLUDED.reden_beeindiging, postcode = EXCLUDED.postcode;
            IF distributed THEN    -- every column is the recomputed row's: replace (any client's) row
                DELETE FROM jeugdnorm.toewijzing t
                 WHERE (t.gemeente, t.toewijzingnummer) IN (SELECT k.gemeente, k.toewijzingnummer
                                                              FROM pg_temp.jn_ijw_toewijzing k);
                INSERT INTO jeugdnorm.toewijzing SELECT * FROM pg_temp.jn_ijw_toewijzing;
                TRUNCATE pg_temp.jn_ijw_toewijzing;
            END IF;
        END IF;

        CREATE TEMP TABLE jn_ijw_vkeys AS
        SELECT DISTINCT r.gemeente, r.sleutel AS verzoeknummer
          FROM jn_ijw_r r
         WHERE r.soort IN ('verzoek', 'antwoord') AND r.good
        UNION
        SELECT r.gemeente, r.referentie
          FROM jn_ijw_r r
         WHERE r.soort = 'toewijzing' AND r.good AND r.referentie IS NOT NULL;

        IF EXISTS (SELECT 1 FROM jn_ijw_vkeys) THEN
            INSERT INTO pg_temp.jn_ijw_verzoek AS t (gemeente, verzoeknummer, client_id, aanbieder,
                   productcategorie, productcode, ontvangen, gewenste_ingangsdatum, volume,
                   eenheid, frequentie, antwoord, antwoord_datum, reden_afwijzing,
                   toewijzingnummer, verwijzer)
            SELECT q.gemeente, q.verzoeknummer, q.client_id, q.aanbieder, q.productcategorie,
                   q.productcode, q.ontvangen, q.gewenste_ingangsdatum, q.volume, q.eenheid,
                   q.frequentie,
                   CASE WHEN g.toewijzingnummer IS NOT NULL THEN 'toegewezen'
                        WHEN a.verzoek_antwoord IS NOT NULL THEN 'afgewezen' END,
                   CASE WHEN g.toewijzingnummer IS NOT NULL
                        THEN CASE WHEN g.toewijzingsdatum >= q.ontvangen THEN g.toewijzingsdatum END
                        WHEN a.verzoek_antwoord IS NOT NULL
                        THEN CASE WHEN a.dagtekening >= q.ontvangen THEN a.dagtekening END END,
                   CASE WHEN g.toewijzingnummer IS NULL THEN a.reden_afwijzing END,
                   g.toewijzingnummer, q.verwijzer
              FROM jn_ijw_vkeys k
              CROSS JOIN LATERAL (
                    SELECT vv.* FROM jeugdnorm.ijw_verzoek_versie vv
                     WHERE vv.gemeente = k.gemeente AND vv.verzoeknummer = k.verzoeknummer
                     ORDER BY vv.ontvangen DESC, vv.bericht_id DESC, vv.volgnr DESC
                     LIMIT 1) q
              LEFT JOIN LATERAL (
                    SELECT v.toewijzingnummer, v.toewijzingsdatum FROM jeugdnorm.ijw_toewijzing_versie v
                     WHERE v.gemeente = k.gemeente AND v.referentie_aanbieder = k.verzoeknummer
                     ORDER BY v.toewijzingsdatum, v.toewijzingstijd, v.bericht_id, v.volgnr
                     LIMIT 1) g ON true
              LEFT JOIN LATERAL (
                    SELECT an.* FROM jeugdnorm.ijw_antwoord an
                     WHERE an.gemeente = k.gemeente AND an.verzoeknummer = k.verzoeknummer
                       AND an.verzoek_antwoord = '1'
                     ORDER BY an.dagtekening DESC, an.bericht_id DESC, an.volgnr DESC
                     LIMIT 1) a ON true
            ON CONFLICT (gemeente, verzoeknummer) DO UPDATE SET
                   client_id = EXCLUDED.client_id, aanbieder = EXCLUDED.aanbieder,
                   productcategorie = EXCLUDED.productcategorie, productcode = EXCLUDED.productcode,
                   ontvangen = EXCLUDED.ontvangen, gewenste_ingangsdatum = EXCLUDED.gewenste_ingangsdatum,
                   volume = EXCLUDED.volume, eenheid = EXCLUDED.eenheid, frequentie = EXCLUDED.frequentie,
                   antwoord = EXCLUDED.antwoord, antwoord_datum = EXCLUDED.antwoord_datum,
                   reden_afwijzing = EXCLUDED.reden_afwijzing, toewijzingnummer = EXCLUDED.toewijzingnummer,
                   verwijzer = EXCLUDED.verwijzer;
            IF distributed THEN
                DELETE FROM jeugdnorm.verzoek t
                 WHERE (t.gemeente, t.verzoeknummer) IN (SELECT k.gemeente, k.verzoeknummer
                                                           FROM pg_temp.jn_ijw_verzoek k);
                INSERT INTO jeugdnorm.verzoek SELECT * FROM pg_temp.jn_ijw_verzoek;
                TRUNCATE pg_temp.jn_ijw_verzoek;
            END IF;
        END IF;

        DROP TABLE pg_temp.jn_ijw_tkeys, pg_temp.jn_ijw_vkeys;
        TRUNCATE pg_temp.jn_ijw_r;
    END LOOP;

    PERFORM jeugdnorm_internal.load_log_end(coalesce((SELECT sum(s.rows_loaded)::bigint FROM jn_ijw_s s), 0),
                                   coalesce((SELECT sum(s.rows_rejected)::bigint FROM jn_ijw_s s), 0));
    RETURN QUERY
    SELECT s.berichtcode, sum(s.berichten)::bigint, sum(s.verwerkt)::bigint, sum(s.afgewezen)::bigint,
           sum(s.rows_loaded)::bigint, sum(s.rows_rejected)::bigint, s.berichttype
      FROM jn_ijw_s s
     GROUP BY s.berichtcode, s.berichttype
     ORDER BY s.berichtcode NULLS LAST, s.berichttype NULLS LAST;

    DROP TABLE pg_temp.jn_ijw_r, pg_temp.jn_ijw_s;
    IF distributed THEN
        DROP TABLE pg_temp.jn_ijw_declaratie, pg_temp.jn_ijw_toewijzing, pg_temp.jn_ijw_verzoek;
    ELSE
        DROP VIEW pg_temp.jn_ijw_declaratie, pg_temp.jn_ijw_toewijzing, pg_temp.jn_ijw_verzoek;
    END IF;
END;
$$;
REVOKE EXECUTE ON FUNCTION jeugdnorm.load_ijw(bigint, bigint) FROM PUBLIC;
COMMENT ON FUNCTION jeugdnorm.load_ijw(bigint, bigint) IS
    'processes every unprocessed jeugdnorm.ijw_bericht message in bericht_id order (DEFINITIONS.md section 11): JW301 -> toewijzing, JW307 -> reden_beeindiging/einddatum, JW315/JW319 -> verzoek, JW323 -> declaratie; each message ends ''verwerkt'' or ''afgewezen'' with a reason; refused elements go to jeugdnorm.rejected; the same content twice loads once; no result depends on the arrival order; messages above max_bericht_bytes (default 64 MB) are refused unread; processed in batches of about batch_bytes (default 32 MB) of text; returns one row per berichtcode';

-- ---- pg_dump keeps user data -------------------------------------------------------
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.ijw_bericht', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.ijw_bericht_bericht_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.ijw_toewijzing_versie', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.ijw_stop', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.ijw_verzoek_versie', '');
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.ijw_antwoord', '');
