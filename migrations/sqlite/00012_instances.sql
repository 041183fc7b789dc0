-- +goose Up
-- The periodic runs of `creditdesk serve`: one row per run, written by the instance that holds
-- the runner lock. slot is the start of the interval the run belongs to; a finished run closes
-- its slot, so the work runs once per interval whichever instance leads. A row that never
-- finishes is a run whose instance died: the next leader runs that slot again.
CREATE TABLE process_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    slot        DATETIME NOT NULL,
    instance    TEXT NOT NULL,
    started_at  DATETIME NOT NULL,
    finished_at DATETIME,
    profiles    INTEGER NOT NULL DEFAULT 0,
    failures    INTEGER NOT NULL DEFAULT 0,
    error       TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX process_runs_slot ON process_runs (slot) WHERE finished_at IS NOT NULL;
CREATE INDEX process_runs_started ON process_runs (started_at);

-- The API rate limit shared by every instance (PostgreSQL): one row per token, moved by one
-- statement per request (the generic cell rate algorithm). tat is the token's theoretical
-- arrival time and seen the database clock at its last request, both in microseconds since
-- 1970; allowed is that request's answer. SQLite serves one process, which keeps the limit in
-- memory; the table exists there too so that both schemas stay alike.
CREATE TABLE api_rate_limits (
    token_id BIGINT PRIMARY KEY REFERENCES api_tokens (id) ON DELETE CASCADE,
    tat      BIGINT NOT NULL,
    seen     BIGINT NOT NULL,
    allowed  BOOLEAN NOT NULL
);

-- +goose Down
DROP TABLE api_rate_limits;
DROP TABLE process_runs;
