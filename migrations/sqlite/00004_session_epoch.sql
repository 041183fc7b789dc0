-- +goose Up
-- A user's sessions carry the epoch they began in; signing out moves it on, which ends every
-- session of that user at once, although the sessions live in signed cookies.
ALTER TABLE users ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE users DROP COLUMN session_epoch;
