-- Grain state for the ADO.NET grain storage provider.
-- The primary key is a stored row's full identity as the provider sends it, so two rows can never
-- claim the same state, and every lookup is one index probe. The hashes are kept only for operators.

CREATE TABLE orleans_grain_state (
    service_id         text        NOT NULL,
    -- @GrainTypeString: the state name given to [PersistentState], not the grain class.
    state_name         text        NOT NULL,
    grain_id_n0        bigint      NOT NULL,
    grain_id_n1        bigint      NOT NULL,
    -- @GrainIdExtensionString: the string key or key extension; NULL is stored as '' so the key can hold it.
    grain_id_extension text        NOT NULL DEFAULT '',
    grain_id_hash      integer     NOT NULL,
    grain_type_hash    integer     NOT NULL,
    -- NULL after ClearStateAsync: the row (and its version) stays so a stale writer still conflicts.
    payload_binary     bytea       NULL,
    version            integer     NOT NULL CHECK (version > 0),
    created_at         timestamptz NOT NULL DEFAULT now(),
    modified_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension)
);
