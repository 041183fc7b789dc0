-- +goose Up
-- The estimate kept (DOMAIN M12, M14; issue 10): each profile's ledger version, moved by every
-- write of its ledger (charges, adjustments, lots, cancellations, processing runs, Azure sync)
-- in the write's own transaction, and per profile the last balance section computed, with the
-- business day and the ledger version it was computed for. A reader uses the row when both
-- match and otherwise computes the section and writes it back, so the balance section and the
-- account summary read one row per profile while nothing moves.
ALTER TABLE billing_profiles ADD COLUMN ledger_version BIGINT NOT NULL DEFAULT 1;
CREATE TABLE profile_estimates (
    billing_profile_id         BIGINT NOT NULL PRIMARY KEY REFERENCES billing_profiles (id) ON DELETE CASCADE,
    day                        TEXT NOT NULL,
    ledger_version             BIGINT NOT NULL,
    current_balance            BIGINT NOT NULL,
    estimated_balance          BIGINT NOT NULL,
    pending_eligible_charges   BIGINT NOT NULL,
    pending_credit_adjustments BIGINT NOT NULL,
    pending_new_credit         BIGINT NOT NULL,
    canceled_credit            BIGINT NOT NULL,
    expired_credit             BIGINT NOT NULL,
    uncovered_charges          BIGINT NOT NULL,
    ineligible_charges         BIGINT NOT NULL,
    has_pending_events         BOOLEAN NOT NULL,
    lots                       TEXT NOT NULL,
    events                     TEXT
);

-- +goose Down
DROP TABLE profile_estimates;
ALTER TABLE billing_profiles DROP COLUMN ledger_version;
