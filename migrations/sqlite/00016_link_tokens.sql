-- +goose Up
-- One-time links (issue 12): an invitation lets a user added by someone else choose a password,
-- a reset lets a user who forgot theirs choose a new one. Only the SHA-256 of the link's secret
-- is stored; a link expires on the wall clock and is used at most once.
CREATE TABLE link_tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('invitation', 'reset')),
    token_hash TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    expires_at DATETIME NOT NULL,
    used_at    DATETIME
);
CREATE UNIQUE INDEX link_tokens_token_hash ON link_tokens (token_hash);
CREATE INDEX link_tokens_user_id ON link_tokens (user_id, purpose);

-- Requests for a link by email (Forgot password), counted per address asked for and per client
-- so that neither a mailbox nor the server is flooded; the counts hold across instances.
CREATE TABLE link_requests (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    email   TEXT NOT NULL,
    address TEXT NOT NULL,
    at      DATETIME NOT NULL
);
CREATE INDEX link_requests_email ON link_requests (email, at);
CREATE INDEX link_requests_address ON link_requests (address, at);

-- +goose Down
DROP TABLE link_requests;
DROP TABLE link_tokens;
