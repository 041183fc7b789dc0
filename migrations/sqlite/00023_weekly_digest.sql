-- +goose Up
-- The users who asked for the weekly digest email (issue 12): balances, runway and expiries of
-- every scope they see. The outbox's dedupe key (the user and the ISO week) sends it once a week.
CREATE TABLE digest_subscribers (
    user_id    BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    created_at DATETIME NOT NULL
);

-- +goose Down
DROP TABLE digest_subscribers;
