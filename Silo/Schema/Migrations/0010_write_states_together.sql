-- Several named states of one string-keyed grain written in one round trip, all or none: a bucket
-- split (the layout, the old bucket, the new bucket; Grains/Storage/Batching/StateWriteBatcher).
-- Not a provider query: the ADO.NET provider never reads this key.
--
-- Before this, a split took four to five round trips: a read of the new bucket, a first write of
-- it (and of a never-stored layout) through the provider, then BEGIN, the updates and COMMIT.
--
-- Each state's expected version says what the write requires:
--   > 0  the stored version is exactly that one (an update, as UpdateStringKeyStateBatchedKey);
--     0  the state is not stored yet (a first write, stored at version 1);
--   < 0  whatever is stored, if anything, is replaced (the new bucket of a split: rows past the
--        layout are not the owner's; the layout's and the old bucket's checks in the same call
--        keep a second writer out).
-- A state written for the first time takes grain_id_hash from a stored row of the same grain (the
-- grain's hash does not depend on the state) and grain_type_hash from @GrainTypeHashes, which the
-- caller computes with the provider's own hasher, so its row is the row the provider would write.
-- Stored states are updated first (in the order given, which callers keep to the batches' row
-- order), then the others are inserted.
--
-- Returns one row per state with its new version; returns no row at all, and changes nothing, when
-- any requirement does not hold (the caller raises a version conflict). A first write into a grain
-- with no stored row is refused with SQLSTATE 55000: it has no grain hash to copy.
CREATE OR REPLACE FUNCTION orleansremarks_write_states(
    p_service_id text,
    p_grain_key text,
    p_state_names text[],
    p_versions integer[],
    p_payloads bytea[],
    p_type_hashes integer[])
RETURNS TABLE (written_state text, written_version integer)
LANGUAGE plpgsql
AS $fn$
DECLARE
    n integer := cardinality(p_state_names);
    i integer;
    new_version integer;
    id_hash integer;
    versions integer[];
BEGIN
    IF n IS NULL OR n = 0
       OR cardinality(p_versions) IS DISTINCT FROM n
       OR cardinality(p_payloads) IS DISTINCT FROM n
       OR cardinality(p_type_hashes) IS DISTINCT FROM n THEN
        RAISE EXCEPTION 'orleansremarks_write_states takes one version, payload and type hash per state name'
            USING ERRCODE = '22023';
    END IF;
    versions := array_fill(NULL::integer, ARRAY[n]);

    BEGIN
        FOR i IN 1 .. n LOOP
            CONTINUE WHEN p_versions[i] <= 0;
            new_version := NULL;
            UPDATE orleans_grain_state AS g
            SET payload_binary = p_payloads[i], version = g.version + 1, modified_at = now()
            WHERE g.grain_id_extension = p_grain_key
              AND g.grain_id_n0 = 0
              AND g.grain_id_n1 = 0
              AND g.service_id = p_service_id
              AND g.state_name = p_state_names[i]
              AND g.version = p_versions[i]
            RETURNING g.version, g.grain_id_hash INTO new_version, id_hash;
            IF new_version IS NULL THEN
                RAISE EXCEPTION 'version conflict' USING ERRCODE = 'OR409';
            END IF;
            versions[i] := new_version;
        END LOOP;

        FOR i IN 1 .. n LOOP
            CONTINUE WHEN p_versions[i] > 0;
            IF id_hash IS NULL THEN
                SELECT g.grain_id_hash INTO id_hash
                FROM orleans_grain_state AS g
                WHERE g.grain_id_extension = p_grain_key
                  AND g.grain_id_n0 = 0
                  AND g.grain_id_n1 = 0
                  AND g.service_id = p_service_id
                LIMIT 1;
                IF id_hash IS NULL THEN
                    RAISE EXCEPTION 'grain % has no stored state to take its hash from', p_grain_key
                        USING ERRCODE = '55000';
                END IF;
            END IF;

            new_version := NULL;
            IF p_versions[i] = 0 THEN
                INSERT INTO orleans_grain_state AS g (
                    service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension,
                    grain_id_hash, grain_type_hash, payload_binary, version)
                VALUES (p_service_id, p_state_names[i], 0, 0, p_grain_key, id_hash, p_type_hashes[i], p_payloads[i], 1)
                ON CONFLICT (grain_id_extension, grain_id_n0, grain_id_n1, service_id, state_name) DO NOTHING
                RETURNING g.version INTO new_version;
            ELSE
                INSERT INTO orleans_grain_state AS g (
                    service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension,
                    grain_id_hash, grain_type_hash, payload_binary, version)
                VALUES (p_service_id, p_state_names[i], 0, 0, p_grain_key, id_hash, p_type_hashes[i], p_payloads[i], 1)
                ON CONFLICT (grain_id_extension, grain_id_n0, grain_id_n1, service_id, state_name) DO UPDATE
                    SET payload_binary = EXCLUDED.payload_binary, version = g.version + 1, modified_at = now()
                RETURNING g.version INTO new_version;
            END IF;

            IF new_version IS NULL THEN
                RAISE EXCEPTION 'version conflict' USING ERRCODE = 'OR409';
            END IF;
            versions[i] := new_version;
        END LOOP;
    EXCEPTION WHEN SQLSTATE 'OR409' THEN
        -- The block's writes are rolled back with it: nothing of this call stays.
        RETURN;
    END;

    RETURN QUERY SELECT s.name, s.version FROM unnest(p_state_names, versions) AS s (name, version);
END
$fn$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('WriteStringKeyStatesTogetherKey', $q$
SELECT w.written_state AS StateName, w.written_version AS Version
FROM orleansremarks_write_states(@ServiceId, @GrainIdExtensionString, @StateNames, @GrainStateVersions, @PayloadsBinary, @GrainTypeHashes) AS w
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
