-- The baseline's table (bench/Baseline/RemarkTable.cs creates the same on start).
CREATE TABLE IF NOT EXISTS bench_remarks (
    owner      text        NOT NULL,
    friend     text        NOT NULL,
    remark     text        NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (owner, friend));
