-- +goose Up
-- The credit ledger of billing profiles (DOMAIN M7-M16). Amounts are exact int64 micro-units
-- (10^-6 of the profile's currency); dates are YYYY-MM-DD text (whole UTC days), which sorts.

-- The ledger state of a profile, maintained as the ledger moves so that no page or API call
-- recomputes it from the history.
ALTER TABLE billing_profiles ADD COLUMN next_period TEXT NOT NULL DEFAULT '';
ALTER TABLE billing_profiles ADD COLUMN current_balance BIGINT NOT NULL DEFAULT 0;
ALTER TABLE billing_profiles ADD COLUMN event_seq BIGINT NOT NULL DEFAULT 0;

CREATE TABLE lots (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    billing_profile_id BIGINT NOT NULL REFERENCES billing_profiles (id) ON DELETE CASCADE,
    name               TEXT NOT NULL,
    source             TEXT NOT NULL,
    currency           TEXT NOT NULL,
    original_amount    BIGINT NOT NULL,
    start_date         TEXT NOT NULL,
    expiration_date    TEXT NOT NULL,
    purchased_date     TEXT NOT NULL,
    po_number          TEXT NOT NULL DEFAULT '',
    state              TEXT NOT NULL,
    closed_balance     BIGINT NOT NULL,
    expired_amount     BIGINT NOT NULL DEFAULT 0,
    canceled_on        TEXT NOT NULL DEFAULT '',
    released           BOOLEAN NOT NULL DEFAULT FALSE,
    created_at         DATETIME NOT NULL
);
CREATE UNIQUE INDEX lots_name ON lots (billing_profile_id, name);
CREATE INDEX lots_profile_state ON lots (billing_profile_id, state, expiration_date);

-- Charges are entries: a later import that changes a day's total adds a correction entry.
CREATE TABLE charges (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    billing_profile_id BIGINT NOT NULL REFERENCES billing_profiles (id) ON DELETE CASCADE,
    date               TEXT NOT NULL,
    product            TEXT NOT NULL,
    publisher_type     TEXT NOT NULL,
    eligible           BOOLEAN NOT NULL,
    amount             BIGINT NOT NULL,
    origin             TEXT NOT NULL,
    created_at         DATETIME NOT NULL
);
CREATE INDEX charges_profile_date ON charges (billing_profile_id, date);

CREATE TABLE adjustments (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    billing_profile_id BIGINT NOT NULL REFERENCES billing_profiles (id) ON DELETE CASCADE,
    date               TEXT NOT NULL,
    amount             BIGINT NOT NULL,
    description        TEXT NOT NULL,
    created_at         DATETIME NOT NULL
);
CREATE UNIQUE INDEX adjustments_key ON adjustments (billing_profile_id, date, amount, description);

CREATE TABLE invoices (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    billing_profile_id    BIGINT NOT NULL REFERENCES billing_profiles (id) ON DELETE CASCADE,
    number                TEXT NOT NULL,
    period                TEXT NOT NULL,
    issue_date            TEXT NOT NULL,
    total_charges         BIGINT NOT NULL,
    eligible_charges      BIGINT NOT NULL,
    ineligible_charges    BIGINT NOT NULL,
    credits_applied       BIGINT NOT NULL,
    amount_due            BIGINT NOT NULL,
    new_credit            BIGINT NOT NULL,
    adjustments           BIGINT NOT NULL,
    unapplied_adjustments BIGINT NOT NULL,
    expired_credit        BIGINT NOT NULL,
    created_at            DATETIME NOT NULL
);
CREATE UNIQUE INDEX invoices_period ON invoices (billing_profile_id, period);
CREATE UNIQUE INDEX invoices_number ON invoices (number);

CREATE TABLE invoice_allocations (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    invoice_id BIGINT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    charge_key TEXT NOT NULL,
    date       TEXT NOT NULL,
    product    TEXT NOT NULL,
    lot_name   TEXT NOT NULL,
    amount     BIGINT NOT NULL
);
CREATE INDEX invoice_allocations_invoice ON invoice_allocations (invoice_id, id);

-- Settled ledger events (M13), append-only (X1); seq numbers them per profile.
CREATE TABLE ledger_events (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    billing_profile_id BIGINT NOT NULL REFERENCES billing_profiles (id) ON DELETE CASCADE,
    seq                BIGINT NOT NULL,
    kind               TEXT NOT NULL,
    date               TEXT NOT NULL,
    description        TEXT NOT NULL,
    amount             BIGINT NOT NULL,
    balance            BIGINT NOT NULL,
    invoice_number     TEXT NOT NULL DEFAULT '',
    lot_name           TEXT NOT NULL DEFAULT '',
    created_at         DATETIME NOT NULL
);
CREATE UNIQUE INDEX ledger_events_seq ON ledger_events (billing_profile_id, seq);
CREATE INDEX ledger_events_date ON ledger_events (billing_profile_id, date, seq);
CREATE INDEX ledger_events_kind ON ledger_events (billing_profile_id, kind, seq);

-- Products credits do not cover (M10): data an installation can edit, not code.
CREATE TABLE not_covered_products (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL
);
CREATE UNIQUE INDEX not_covered_products_name ON not_covered_products (lower(name));
INSERT INTO not_covered_products (name) VALUES
    ('Azure support plans'), ('Canonical'), ('Citrix XenApp Essentials'), ('Citrix XenDesktop'),
    ('Registered User'), ('OpenLogic'), ('Remote Access Rights XenApp Essentials Registered User'),
    ('Ubuntu Advantage'), ('Visual Studio Enterprise (Monthly)'), ('Visual Studio Enterprise (Annual)'),
    ('Visual Studio Professional (Monthly)'), ('Visual Studio Professional (Annual)');

-- Cost-export files already imported, by content hash: importing one twice adds nothing.
CREATE TABLE cost_imports (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256     TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    rows       BIGINT NOT NULL,
    actor      TEXT NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX cost_imports_sha256 ON cost_imports (sha256);

-- +goose Down
DROP TABLE cost_imports;
DROP TABLE not_covered_products;
DROP TABLE ledger_events;
DROP TABLE invoice_allocations;
DROP TABLE invoices;
DROP TABLE adjustments;
DROP TABLE charges;
DROP TABLE lots;
ALTER TABLE billing_profiles DROP COLUMN event_seq;
ALTER TABLE billing_profiles DROP COLUMN current_balance;
ALTER TABLE billing_profiles DROP COLUMN next_period;
