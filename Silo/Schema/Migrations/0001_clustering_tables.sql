-- Cluster membership for the ADO.NET clustering provider.
-- One version row per deployment (cluster id): every membership insert or update bumps it with a
-- compare-and-swap, which is how Orleans detects that another silo changed the table meanwhile.

CREATE TABLE orleans_membership_version (
    deployment_id text        NOT NULL PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0 CHECK (version >= 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Deleting a deployment's version row deletes its members with it, so one statement both locks
-- the version row first (the same order insert/update use) and clears the deployment.
CREATE TABLE orleans_membership (
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL CHECK (port BETWEEN 0 AND 65535),
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL CHECK (proxy_port BETWEEN 0 AND 65535),
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);
