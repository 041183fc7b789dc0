-- +goose Up
CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT NOT NULL,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    last_scope    TEXT NOT NULL DEFAULT '',
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (email);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL,
    created_at   DATETIME NOT NULL,
    expires_at   DATETIME,
    last_used_at DATETIME,
    revoked_at   DATETIME
);
CREATE UNIQUE INDEX api_tokens_token_hash ON api_tokens (token_hash);
CREATE INDEX api_tokens_user_id ON api_tokens (user_id);

CREATE TABLE billing_accounts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    name           TEXT NOT NULL,
    display_name   TEXT NOT NULL,
    agreement_type TEXT NOT NULL,
    account_type   TEXT NOT NULL,
    status         TEXT NOT NULL,
    created_at     DATETIME NOT NULL
);
CREATE UNIQUE INDEX billing_accounts_name ON billing_accounts (lower(name));

CREATE TABLE billing_profiles (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    billing_account_id BIGINT NOT NULL REFERENCES billing_accounts (id) ON DELETE CASCADE,
    name               TEXT NOT NULL,
    display_name       TEXT NOT NULL,
    currency           TEXT NOT NULL,
    invoice_day        INTEGER NOT NULL CHECK (invoice_day BETWEEN 1 AND 28),
    po_number          TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL,
    created_at         DATETIME NOT NULL
);
CREATE UNIQUE INDEX billing_profiles_name ON billing_profiles (billing_account_id, name);

CREATE TABLE role_assignments (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id            BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    billing_account_id BIGINT NOT NULL REFERENCES billing_accounts (id) ON DELETE CASCADE,
    billing_profile_id BIGINT REFERENCES billing_profiles (id) ON DELETE CASCADE,
    role               TEXT NOT NULL,
    created_at         DATETIME NOT NULL
);
CREATE UNIQUE INDEX role_assignments_unique
    ON role_assignments (billing_account_id, COALESCE(billing_profile_id, 0), user_id, role);
CREATE INDEX role_assignments_user_id ON role_assignments (user_id);

CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          DATETIME NOT NULL,
    actor_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    actor_email TEXT NOT NULL,
    action      TEXT NOT NULL,
    scope       TEXT NOT NULL,
    target      TEXT NOT NULL,
    before      TEXT NOT NULL DEFAULT '',
    after       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_scope ON audit_events (scope, id);

CREATE TABLE sign_in_failures (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    email   TEXT NOT NULL,
    address TEXT NOT NULL,
    at      DATETIME NOT NULL
);
CREATE INDEX sign_in_failures_email ON sign_in_failures (email, at);
CREATE INDEX sign_in_failures_address ON sign_in_failures (address, at);

-- +goose Down
DROP TABLE sign_in_failures;
DROP TABLE audit_events;
DROP TABLE role_assignments;
DROP TABLE billing_profiles;
DROP TABLE billing_accounts;
DROP TABLE api_tokens;
DROP TABLE users;
