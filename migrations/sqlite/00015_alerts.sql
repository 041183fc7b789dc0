-- +goose Up
-- Alerts (issue 12): rules on a billing account or profile, the users subscribed to them, the
-- webhooks they call, each rule's state per subject, and the outbox of messages to deliver.
CREATE TABLE alert_rules (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    billing_account_id BIGINT NOT NULL REFERENCES billing_accounts (id) ON DELETE CASCADE,
    billing_profile_id BIGINT REFERENCES billing_profiles (id) ON DELETE CASCADE,
    kind               TEXT NOT NULL,
    days               INTEGER NOT NULL DEFAULT 0,
    amount             BIGINT,
    percent            INTEGER,
    notify_resolved    BOOLEAN NOT NULL DEFAULT FALSE,
    paused             BOOLEAN NOT NULL DEFAULT FALSE,
    created_by         BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at         DATETIME NOT NULL,
    updated_at         DATETIME NOT NULL
);
CREATE INDEX alert_rules_scope ON alert_rules (billing_account_id, billing_profile_id);

-- The users an alert's email goes to: the creator and whoever subscribed themselves.
CREATE TABLE alert_subscriptions (
    rule_id    BIGINT NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (rule_id, user_id)
);
CREATE INDEX alert_subscriptions_user ON alert_subscriptions (user_id);

-- A webhook of a scope (rule_id NULL: every rule of the scope) or of one rule. The signing
-- secret is sealed under -secrets-key (package secrets).
CREATE TABLE alert_webhooks (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    billing_account_id BIGINT NOT NULL REFERENCES billing_accounts (id) ON DELETE CASCADE,
    billing_profile_id BIGINT REFERENCES billing_profiles (id) ON DELETE CASCADE,
    rule_id            BIGINT REFERENCES alert_rules (id) ON DELETE CASCADE,
    url                TEXT NOT NULL,
    secret             TEXT NOT NULL,
    created_at         DATETIME NOT NULL
);
CREATE INDEX alert_webhooks_scope ON alert_webhooks (billing_account_id, billing_profile_id);

-- Whether a rule's condition holds for a subject (a billing profile, or one of its credits),
-- and how many times it became true: the crossing numbers the dedupe keys.
CREATE TABLE alert_states (
    rule_id     BIGINT NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    subject     TEXT NOT NULL,
    active      BOOLEAN NOT NULL DEFAULT FALSE,
    crossing    INTEGER NOT NULL DEFAULT 0,
    fired_at    DATETIME,
    resolved_at DATETIME,
    PRIMARY KEY (rule_id, subject)
);

-- The outbox: one message per firing (or resolution) and recipient, unique by its dedupe key,
-- claimed by one deliverer at a time (next_attempt_at moves past the lease when claimed).
CREATE TABLE alert_deliveries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_id          BIGINT NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    dedupe_key       TEXT NOT NULL,
    target           TEXT NOT NULL,
    webhook_id       BIGINT REFERENCES alert_webhooks (id) ON DELETE CASCADE,
    user_id          BIGINT REFERENCES users (id) ON DELETE CASCADE,
    event_type       TEXT NOT NULL,
    subject          TEXT NOT NULL,
    event            TEXT NOT NULL,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  DATETIME NOT NULL,
    give_up_at       DATETIME NOT NULL,
    last_code        INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT NOT NULL DEFAULT '',
    created_at       DATETIME NOT NULL,
    sent_at          DATETIME
);
CREATE UNIQUE INDEX alert_deliveries_dedupe ON alert_deliveries (dedupe_key, target);
CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_attempt_at);
CREATE INDEX alert_deliveries_rule ON alert_deliveries (rule_id, id);

-- Every attempt of a delivery: the delivery log of the Alerts page.
CREATE TABLE alert_attempts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id BIGINT NOT NULL REFERENCES alert_deliveries (id) ON DELETE CASCADE,
    at          DATETIME NOT NULL,
    ok          BOOLEAN NOT NULL,
    code        INTEGER NOT NULL DEFAULT 0,
    error       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alert_attempts_delivery ON alert_attempts (delivery_id, id);

-- +goose Down
DROP TABLE alert_attempts;
DROP TABLE alert_deliveries;
DROP TABLE alert_states;
DROP TABLE alert_webhooks;
DROP TABLE alert_subscriptions;
DROP TABLE alert_rules;
