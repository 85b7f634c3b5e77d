-- A first read of one friend (or a few) reads only the buckets that can hold them, not the whole
-- owner (docs/ARCHITECTURE.md, "State layout"). Those are named states of one grain, each found by
-- one probe of the primary key of migration 0007 (all its columns, the state name last), so an
-- owner of 10,000 friends costs what an owner of 10 does.
-- The LATERAL ... LIMIT 1 is what makes it a probe per name whatever the plan: written as
-- "state_name = ANY (@StateNames)" (or as a join with unnest), PostgreSQL's statistics say a grain
-- has a few rows, so its plan walks all of the grain's rows and filters them, which for a
-- 10,000-friend owner is 567 rows and ~2.6 ms instead of 11 probes and ~0.3 ms.
-- Not a provider query: the ADO.NET provider never reads this key (StateRowReader does). Returns no
-- row for a state never written; PayloadBinary is NULL after a clear.
INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadStringKeyNamedStatesKey', $q$
SELECT s.state_name AS StateName, s.payload_binary AS PayloadBinary, s.version AS Version
FROM unnest(@StateNames::text[]) AS n (state_name)
CROSS JOIN LATERAL (
    SELECT g.state_name, g.payload_binary, g.version
    FROM orleans_grain_state AS g
    WHERE g.grain_id_extension = @GrainIdExtensionString
      AND g.grain_id_n0 = 0
      AND g.grain_id_n1 = 0
      AND g.service_id = @ServiceId
      AND g.state_name = n.state_name
    LIMIT 1
) AS s
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
