-- Query texts of the ADO.NET grain storage provider. An upsert per key, like the clustering texts.
--
-- Version contract (the provider turns the returned version into the grain's ETag):
--   write, @GrainStateVersion NULL (first write): inserts version 1 and returns 1; if a row is
--     already there it returns NULL, which the provider raises as InconsistentStateException.
--   write, @GrainStateVersion = n: updates only when the stored version is still n and returns n + 1;
--     otherwise it returns n, the old version, which the provider also raises as a conflict.
--   Every write returns exactly one row. Each is one statement: a concurrent writer with the same
--   version waits for the row lock, then PostgreSQL re-checks "version = n" on the new row and
--   updates nothing, so no update is ever lost.
--   clear: like an update, but stores a NULL payload (the row and its version stay).
-- @GrainIdExtensionString may be NULL; the key stores it as ''.
INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $q$
SELECT payload_binary AS PayloadBinary, version AS Version
FROM orleans_grain_state
WHERE service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
$q$),

('WriteToStorageKey', $q$
WITH inserted AS (
    INSERT INTO orleans_grain_state (
        service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension,
        grain_id_hash, grain_type_hash, payload_binary, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''),
        @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension) DO NOTHING
    RETURNING version
), updated AS (
    UPDATE orleans_grain_state
    SET payload_binary = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND service_id = @ServiceId
      AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version
)
SELECT CASE
           WHEN @GrainStateVersion IS NULL THEN (SELECT version FROM inserted)
           ELSE coalesce((SELECT version FROM updated), @GrainStateVersion)
       END AS NewGrainStateVersion
$q$),

('ClearStorageKey', $q$
WITH cleared AS (
    UPDATE orleans_grain_state
    SET payload_binary = NULL, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId
      AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version
)
SELECT coalesce((SELECT version FROM cleared), @GrainStateVersion) AS NewGrainStateVersion
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
