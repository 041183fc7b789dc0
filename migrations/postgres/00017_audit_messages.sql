-- +goose Up
-- Audit entries as data (X1): what changed, the state before and after, each a message key
-- with typed arguments in JSON, which the audit page words and formats for its reader. Entries
-- written before keep their sentences in target, before and after, and detail stays ''.
ALTER TABLE audit_events ADD COLUMN detail TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE audit_events DROP COLUMN detail;
