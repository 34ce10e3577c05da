-- ---------------------------------------------------------------------------
-- 86_pseudonym.sql -- pseudonymised client keys (issue 9, part 3)
--
-- client_id is a pseudonym: the lower-case hex HMAC-SHA256 of the BSN under
-- a secret key of the region.  The same BSN and key give the same pseudonym
-- in every load, so allocations and claims of one client meet; without the
-- key a pseudonym cannot be traced back to a BSN by trying all BSNs (there
-- are only about 10^8 of them, so a plain hash could).
--
-- Decisions:
--  * No new required extension.  PostgreSQL has sha256() built in (PG 11+)
--    but no HMAC; HMAC-SHA256 is written here per RFC 2104 (key longer than
--    the 64-byte block is hashed first, padded with zero bytes to 64 bytes,
--    XOR 0x36 = inner pad, XOR 0x5c = outer pad).  It is byte for byte
--    pgcrypto's hmac(data, key, 'sha256') (checked against pgcrypto and the
--    RFC 4231 test vectors in the tests), so a region that already computes
--    pseudonyms with pgcrypto gets the same values; but CREATE EXTENSION
--    jeugdnorm needs no pgcrypto.
--  * The key is text of at least 32 bytes (octet_length), stored as its UTF-8
--    bytes (the same bytes pgcrypto uses in a UTF-8 database), so a pseudonym
--    does not depend on the database encoding.  The two padded keys are
--    generated columns, computed once when the key is set, not per BSN.
--  * The key sits in jeugdnorm.pseudonym_key (one row), readable by nobody
--    but its owner: REVOKE ALL FROM PUBLIC; jeugdnorm.create_roles() grants
--    it to jeugdnorm_admin only.  pseudonymise() is SECURITY DEFINER so a
--    loader can pseudonymise without reading the key; its EXECUTE is revoked
--    from PUBLIC as well (granted to jeugdnorm_loader and jeugdnorm_admin):
--    whoever can call it can pseudonymise all 10^8 BSNs and so re-identify
--    every client_id, so BI readers must not have it.  set_pseudonym_key()
--    is SECURITY DEFINER too, EXECUTE for jeugdnorm_admin only.  They are
--    two of the extension's thirteen SECURITY DEFINER functions (the full list,
--    and why each one, in doc/security.md; test/security_leak_probe.sql
--    asserts it).
--  * The key is registered with pg_extension_config_dump: a dump contains the
--    key, and a restore keeps pseudonymising new loads consistently.  Treat
--    a dump as secret as the key itself (README "Security").
--  * A key is set once.  set_pseudonym_key() refuses to replace a different
--    key unless replace => true: new pseudonyms would no longer match the
--    client_ids already loaded (a region that rotates its key reloads all
--    sources).
--  * A BSN is exactly 9 digits that pass the elfproef (11-proef); nothing is
--    padded or trimmed (a BSN stored as an integer loses its leading zero and
--    is refused).  Error messages never contain the BSN: they reach the
--    server log.
-- ---------------------------------------------------------------------------

-- ---- elfproef -----------------------------------------------------------------
-- SQL-standard bodies (RETURN ...) are parsed when the function is created,
-- so every name in them is bound then (to pg_catalog and jeugdnorm) and no
-- object on a caller's search_path can change them; they are still inlined.

-- C since 0.3.0 (src/core/formats.c: the elfproef the iJw parser applies
-- too; an upgrade replaces the SQL-language version in
-- src/upgrade/0.2.0--0.3.0.sql): a call costs well under a microsecond.
-- Not STRICT, as the SQL-language version was not (it was written for
-- inlining): NULL gives NULL all the same.
CREATE FUNCTION jeugdnorm.is_valid_bsn(bsn text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'jn_is_valid_bsn'
    LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION jeugdnorm.is_valid_bsn(text) IS
    'true when bsn is a valid burgerservicenummer: exactly 9 digits, not all zeros, passing the elfproef (9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11)';

-- The reason a loader gives for a bsn value, or NULL when it is fine (or
-- NULL: client_id is optional).  Says the length, never the value.
CREATE FUNCTION jeugdnorm_internal.loader_bsn_problem(bsn text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
    WHEN bsn IS NULL OR jeugdnorm.is_valid_bsn(bsn) THEN NULL
    WHEN bsn ~ '^[0-9]{9}$' THEN 'bsn fails the elfproef'
    ELSE 'bsn fails the elfproef (' || length(bsn)::text || ' characters, expected 9 digits)'
END;
COMMENT ON FUNCTION jeugdnorm_internal.loader_bsn_problem(text) IS
    'internal (loaders): why a bsn value cannot be pseudonymised, in words without the value, or NULL';

-- A source row as jsonb with its bsn masked: all but the last two
-- characters become '*' (a value of up to 2 characters is masked whole).
-- Not STRICT, for inlining (see is_valid_bsn); NULL gives NULL.
-- jeugdnorm.rejected.row never holds a BSN.
CREATE FUNCTION jeugdnorm_internal.loader_mask_bsn(source_row jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
    WHEN source_row IS NULL THEN NULL
    WHEN jsonb_typeof(source_row -> 'bsn') IN ('string', 'number')
    THEN jsonb_set(source_row, '{bsn}', to_jsonb(
             CASE WHEN length(source_row ->> 'bsn') <= 2
                  THEN repeat('*', length(source_row ->> 'bsn'))
                  ELSE repeat('*', length(source_row ->> 'bsn') - 2)
                       || right(source_row ->> 'bsn', 2)
             END))
    ELSE source_row
END;
COMMENT ON FUNCTION jeugdnorm_internal.loader_mask_bsn(jsonb) IS
    'internal (loaders): the source row with its bsn masked (''*******82''), as stored in jeugdnorm.rejected.row';
-- The two loader helpers are in jeugdnorm_internal since 0.3.0 (the
-- upgrade moves them, src/upgrade/0.2.0--0.3.0.sql) and for the loaders
-- only: EXECUTE for jeugdnorm_loader (create_roles()), not for PUBLIC.
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.loader_bsn_problem(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.loader_mask_bsn(jsonb) FROM PUBLIC;

-- ---- HMAC-SHA256 (RFC 2104) ---------------------------------------------------

CREATE FUNCTION jeugdnorm_internal.hmac_sha256_pad(key bytea, pad integer) RETURNS bytea
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    -- a key longer than SHA-256's 64-byte block is replaced by its hash
    k      bytea := CASE WHEN length(key) > 64 THEN sha256(key) ELSE key END;
    result bytea := decode(repeat('00', 64), 'hex');
BEGIN
    IF pad NOT BETWEEN 0 AND 255 THEN
        RAISE EXCEPTION 'pad % is not a byte', pad USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR i IN 0 .. 63 LOOP
        result := set_byte(result, i,
            (CASE WHEN i < length(k) THEN get_byte(k, i) ELSE 0 END) # pad);
    END LOOP;
    RETURN result;
END;
$$;
COMMENT ON FUNCTION jeugdnorm_internal.hmac_sha256_pad(bytea, integer) IS
    'internal (HMAC-SHA256, RFC 2104): the key (hashed when longer than 64 bytes), zero-padded to 64 bytes, each byte XOR pad (0x36 inner, 0x5c outer)';

CREATE FUNCTION jeugdnorm.hmac_sha256(data bytea, key bytea) RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN sha256(jeugdnorm_internal.hmac_sha256_pad(key, 92)
              || sha256(jeugdnorm_internal.hmac_sha256_pad(key, 54) || data));
COMMENT ON FUNCTION jeugdnorm.hmac_sha256(bytea, bytea) IS
    'HMAC-SHA256 of data under key (RFC 2104); the same bytes as pgcrypto''s hmac(data, key, ''sha256'') without needing pgcrypto';

-- ---- the key ------------------------------------------------------------------

CREATE TABLE jeugdnorm.pseudonym_key (
    key        bytea NOT NULL
        CONSTRAINT pseudonym_key_key_length CHECK (octet_length(key) >= 32),
    set_at     timestamptz NOT NULL DEFAULT now(),
    id         boolean NOT NULL DEFAULT true
        CONSTRAINT pseudonym_key_id_true CHECK (id),
    inner_pad  bytea GENERATED ALWAYS AS (jeugdnorm_internal.hmac_sha256_pad(key, 54)) STORED,
    outer_pad  bytea GENERATED ALWAYS AS (jeugdnorm_internal.hmac_sha256_pad(key, 92)) STORED,
    CONSTRAINT pseudonym_key_single_row PRIMARY KEY (id)
);
REVOKE ALL ON TABLE jeugdnorm.pseudonym_key FROM PUBLIC;

COMMENT ON TABLE jeugdnorm.pseudonym_key IS
    'pseudonym key: the region''s secret HMAC key for client_id pseudonyms, at most one row; readable only by its owner and jeugdnorm_admin; set it with jeugdnorm.set_pseudonym_key(); pg_dump includes it';
COMMENT ON COLUMN jeugdnorm.pseudonym_key.key IS
    'the secret key: the UTF-8 bytes of the text given to set_pseudonym_key(), at least 32 bytes';
COMMENT ON COLUMN jeugdnorm.pseudonym_key.set_at IS
    'when the key was set';
COMMENT ON COLUMN jeugdnorm.pseudonym_key.id IS
    'always true: the primary key that allows only one row';
COMMENT ON COLUMN jeugdnorm.pseudonym_key.inner_pad IS
    'HMAC inner padded key (key XOR 0x36), derived from key';
COMMENT ON COLUMN jeugdnorm.pseudonym_key.outer_pad IS
    'HMAC outer padded key (key XOR 0x5c), derived from key';

-- The key is part of the region's data: without it, new loads can no longer
-- be pseudonymised consistently.  Generated columns are not dumped; they are
-- recomputed on restore.
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.pseudonym_key', '');

-- SECURITY DEFINER (EXECUTE for jeugdnorm_admin only): the administrator
-- needs no privileges on the key table or on jeugdnorm_internal (the
-- generated pads call jeugdnorm_internal.hmac_sha256_pad).
CREATE FUNCTION jeugdnorm.set_pseudonym_key(key text, replace boolean DEFAULT false)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    new_key bytea;
    old_key bytea;
BEGIN
    IF key IS NULL OR octet_length(key) < 32 THEN
        -- the key itself is never shown
        RAISE EXCEPTION 'a pseudonym key must be at least 32 bytes long'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('The key given is %s bytes long.', coalesce(octet_length(key), 0)),
                  HINT = 'Use 32 random bytes or more, e.g. the 64 hex characters of `openssl rand -hex 32`, and keep a copy in the region''s password safe.';
    END IF;
    new_key := convert_to(key, 'UTF8');
    SELECT k.key INTO old_key FROM jeugdnorm.pseudonym_key k FOR UPDATE;
    IF FOUND AND old_key = new_key THEN
        RETURN;
    ELSIF FOUND AND NOT coalesce(replace, false) THEN
        RAISE EXCEPTION 'a different pseudonym key is already set'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = 'The client_ids already loaded were made with the current key; new loads would no longer match them.',
                  HINT = 'Replace the key only when you reload every source afterwards: jeugdnorm.set_pseudonym_key(key, replace => true).';
    ELSIF FOUND THEN
        UPDATE jeugdnorm.pseudonym_key SET key = new_key, set_at = now();
    ELSE
        INSERT INTO jeugdnorm.pseudonym_key (key) VALUES (new_key);
    END IF;
END;
$$;
REVOKE ALL ON FUNCTION jeugdnorm.set_pseudonym_key(text, boolean) FROM PUBLIC;
COMMENT ON FUNCTION jeugdnorm.set_pseudonym_key(text, boolean) IS
    'sets the region''s secret pseudonym key (text of at least 32 bytes; 22023 otherwise; SECURITY DEFINER, EXECUTE for jeugdnorm_admin only); setting the same key again does nothing; a different key is refused (55000) unless replace => true, because earlier pseudonyms would no longer match';

CREATE FUNCTION jeugdnorm.pseudonymise(bsn text) RETURNS text
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ipad bytea;
    opad bytea;
BEGIN
    IF NOT jeugdnorm.is_valid_bsn(bsn) THEN
        -- never the value itself: this message reaches the server log
        RAISE EXCEPTION 'value is not a valid BSN (elfproef)'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('The value has %s characters; a BSN is 9 digits that pass the elfproef (11-proef). The value is not shown.', length(bsn));
    END IF;
    SELECT k.inner_pad, k.outer_pad INTO ipad, opad FROM jeugdnorm.pseudonym_key k;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no pseudonym key is set'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'An administrator sets the region''s key once with jeugdnorm.set_pseudonym_key(key).';
    END IF;
    RETURN encode(sha256(opad || sha256(ipad || convert_to(bsn, 'UTF8'))), 'hex');
END;
$$;
REVOKE ALL ON FUNCTION jeugdnorm.pseudonymise(text) FROM PUBLIC;
COMMENT ON FUNCTION jeugdnorm.pseudonymise(text) IS
    'the pseudonym of a BSN: lower-case hex HMAC-SHA256 of the BSN under the region''s key (jeugdnorm.pseudonym_key), 64 characters; the same BSN and key always give the same pseudonym; 22023 for a value failing the elfproef (the value is not shown), 55000 when no key is set; SECURITY DEFINER: callers need EXECUTE, not the key';
