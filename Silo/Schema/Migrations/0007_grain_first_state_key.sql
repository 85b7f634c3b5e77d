-- One query per activation: an owner's layout and all its buckets are rows of one grain, so the
-- primary key now leads with the grain (extension, n0, n1) instead of the state name, and the
-- grain's rows are one index range. The key's columns, and so its uniqueness and every query that
-- names all of them (WriteToStorageKey's ON CONFLICT included), are unchanged: only their order is.
-- Rebuilding the key locks the table for as long as building the index takes; run `migrate`
-- ahead of a rollout on large databases.
ALTER TABLE orleans_grain_state
    DROP CONSTRAINT orleans_grain_state_pkey,
    ADD CONSTRAINT orleans_grain_state_pkey
        PRIMARY KEY (grain_id_extension, grain_id_n0, grain_id_n1, service_id, state_name);

-- Every named state of one string-keyed grain that is in @StateNames or starts with
-- @StateNamePrefix, in one statement (one snapshot): StateRowReader (Grains/Storage/Batching).
-- Not a provider query: the ADO.NET provider never reads this key. Returns no row for a state
-- never written; PayloadBinary is NULL after a clear.
INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadStringKeyStatesKey', $q$
SELECT state_name AS StateName, payload_binary AS PayloadBinary, version AS Version
FROM orleans_grain_state
WHERE grain_id_extension = @GrainIdExtensionString
  AND grain_id_n0 = 0
  AND grain_id_n1 = 0
  AND service_id = @ServiceId
  AND (state_name = ANY (@StateNames) OR starts_with(state_name, @StateNamePrefix))
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
