-- +goose Up
-- The billing account (or other top scope) of each audit entry, so that an account's log with
-- its profiles' entries is one indexed equality, not a LIKE over the whole table.
ALTER TABLE audit_events ADD COLUMN account_scope TEXT NOT NULL DEFAULT '';
UPDATE audit_events SET account_scope = CASE
    WHEN instr(scope, '/billingProfiles/') > 0 THEN substr(scope, 1, instr(scope, '/billingProfiles/') - 1)
    ELSE scope END;
CREATE INDEX audit_events_account_scope ON audit_events (account_scope, id);

-- +goose Down
DROP INDEX audit_events_account_scope;
ALTER TABLE audit_events DROP COLUMN account_scope;
