-- +goose Up
-- Azure connections (issue 13): a CreditDesk billing account synced from an Azure billing
-- account with an Entra app registration or a managed/workload identity. The credential (client
-- secret or certificate) is sealed with AES-256-GCM under -secrets-key (package secrets): the
-- database never holds it in clear. One connection per CreditDesk account and per Azure account.
CREATE TABLE azure_connections (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    billing_account_id BIGINT NOT NULL REFERENCES billing_accounts (id) ON DELETE CASCADE,
    azure_account      TEXT NOT NULL,
    tenant_id          TEXT NOT NULL DEFAULT '',
    client_id          TEXT NOT NULL DEFAULT '',
    auth_kind          TEXT NOT NULL,
    credential         TEXT NOT NULL DEFAULT '',
    arm_endpoint       TEXT NOT NULL,
    authority_host     TEXT NOT NULL,
    azure_display_name TEXT NOT NULL DEFAULT '',
    last_attempt_at    DATETIME,
    last_success_at    DATETIME,
    problem            TEXT NOT NULL DEFAULT '',
    problem_detail     TEXT NOT NULL DEFAULT '',
    claimed_until      DATETIME,
    claimed_by         TEXT NOT NULL DEFAULT '',
    created_at         DATETIME NOT NULL,
    updated_at         DATETIME NOT NULL
);
CREATE UNIQUE INDEX azure_connections_account ON azure_connections (billing_account_id);
CREATE UNIQUE INDEX azure_connections_azure_account ON azure_connections (lower(azure_account));

-- A billing profile whose ledger Azure keeps (synced), with Azure's balance summary as of the
-- last sync. The local processing run leaves such a profile alone. A profile stays synced, its
-- history kept, when its connection is removed (connection_id becomes NULL).
CREATE TABLE azure_profiles (
    billing_profile_id         BIGINT PRIMARY KEY REFERENCES billing_profiles (id) ON DELETE CASCADE,
    connection_id              BIGINT REFERENCES azure_connections (id) ON DELETE SET NULL,
    synced_at                  DATETIME NOT NULL,
    synced_on                  TEXT NOT NULL,
    has_credit                 BOOLEAN NOT NULL,
    current_balance            BIGINT NOT NULL,
    estimated_balance          BIGINT NOT NULL,
    pending_eligible_charges   BIGINT NOT NULL,
    pending_credit_adjustments BIGINT NOT NULL,
    expired_credit             BIGINT NOT NULL
);
CREATE INDEX azure_profiles_connection ON azure_profiles (connection_id);

-- The Azure names of the settled events already stored in ledger_events, so that a sync that
-- reads an overlapping date range stores each event once.
CREATE TABLE azure_events (
    billing_profile_id BIGINT NOT NULL REFERENCES billing_profiles (id) ON DELETE CASCADE,
    name               TEXT NOT NULL,
    seq                BIGINT NOT NULL,
    PRIMARY KEY (billing_profile_id, name)
);

-- Azure's pending events of a synced profile as of the last sync, replaced by each sync.
CREATE TABLE azure_pending_events (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    billing_profile_id BIGINT NOT NULL REFERENCES billing_profiles (id) ON DELETE CASCADE,
    kind               TEXT NOT NULL,
    date               TEXT NOT NULL,
    description        TEXT NOT NULL,
    amount             BIGINT NOT NULL,
    balance            BIGINT NOT NULL,
    lot_name           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX azure_pending_events_profile ON azure_pending_events (billing_profile_id, id);

-- +goose Down
DROP TABLE azure_pending_events;
DROP TABLE azure_events;
DROP TABLE azure_profiles;
DROP TABLE azure_connections;
