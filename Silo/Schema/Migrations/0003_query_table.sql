-- The query texts the ADO.NET providers load at silo start live here. The providers read them with
-- SELECT QueryKey, QueryText FROM OrleansQuery (unquoted, so PostgreSQL folds the names to lower case).
-- Later migrations fill and replace the texts with upserts.

CREATE TABLE orleansquery (
    querykey  text NOT NULL PRIMARY KEY,
    querytext text NOT NULL
);
