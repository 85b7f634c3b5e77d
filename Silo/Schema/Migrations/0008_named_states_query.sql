-- A first read of one friend (or a few) reads only the buckets that can hold them, not the whole
-- owner (docs/ARCHITECTURE.md, "A lookup"). Those are named states of one grain, found through the
-- primary key of migration 0007 with the state name as its last column: one index probe per name,
-- so an owner of 10,000 friends costs what an owner of 10 does. ReadStringKeyStatesKey's
-- "OR starts_with(...)" cannot be used for this: its plan walks every row of the grain.
-- Not a provider query: the ADO.NET provider never reads this key (StateRowReader does). Returns no
-- row for a state never written; PayloadBinary is NULL after a clear.
INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadStringKeyNamedStatesKey', $q$
SELECT state_name AS StateName, payload_binary AS PayloadBinary, version AS Version
FROM orleans_grain_state
WHERE grain_id_extension = @GrainIdExtensionString
  AND grain_id_n0 = 0
  AND grain_id_n1 = 0
  AND service_id = @ServiceId
  AND state_name = ANY (@StateNames)
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
