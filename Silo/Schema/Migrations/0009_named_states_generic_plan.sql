-- The named-states read of migration 0008, planned once per connection instead of on every first
-- read. With `unnest(@StateNames)` PostgreSQL estimates the array's length from its value, so each
-- execution's own plan (for 2 or 12 names) looked cheaper than the one plan kept for any length
-- (estimated at 10 names), and it planned the statement anew on every execution (~70 us of a
-- 10-friend owner's first read). Taking the array through a subquery that is never pulled up
-- (OFFSET 0) makes every plan estimate the same length, so after its first five executions a
-- prepared statement keeps one generic plan. The plan itself is unchanged: one probe of the whole
-- primary key per name.
INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadStringKeyNamedStatesKey', $q$
SELECT s.state_name AS StateName, s.payload_binary AS PayloadBinary, s.version AS Version
FROM (SELECT @StateNames::text[] AS names OFFSET 0) AS p
CROSS JOIN LATERAL unnest(p.names) AS n (state_name)
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
