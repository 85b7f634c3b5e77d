-- The ceiling: the baseline's single-row upsert (bench/Baseline/RemarkTable.cs, UpsertSql), run by
-- pgbench straight against PostgreSQL with prepared statements, at the same client count and over
-- the same owners and friends. Variables: -D owners=N -D friends=M.
\set owner 1000000000 + random(0, :owners - 1)
\set friend 2000000000 + random(0, :friends - 1)
\set seq random(1, 2000000000)
INSERT INTO bench_remarks (owner, friend, remark, updated_at) VALUES (:owner, :friend, 'pgbench #' || :seq, now())
ON CONFLICT (owner, friend) DO UPDATE SET remark = EXCLUDED.remark, updated_at = EXCLUDED.updated_at;
