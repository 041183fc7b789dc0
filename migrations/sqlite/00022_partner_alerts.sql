-- +goose Up
-- Alerts on partner organisations and the weekly digest (issue 12): a rule or webhook belongs to
-- a billing scope or to a partner organisation (exactly one), and the outbox also carries
-- messages of no rule (the digest). SQLite cannot drop a NOT NULL constraint, so the alert
-- tables are rebuilt: the new ones are filled, the old ones dropped children first (nothing
-- refers to them any more, so no cascade reaches the copies), and the new ones renamed, which
-- renames the references between them too.
CREATE TABLE alert_rules_new (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    billing_account_id BIGINT REFERENCES billing_accounts (id) ON DELETE CASCADE,
    billing_profile_id BIGINT REFERENCES billing_profiles (id) ON DELETE CASCADE,
    partner_id         BIGINT REFERENCES partners (id) ON DELETE CASCADE,
    kind               TEXT NOT NULL,
    days               INTEGER NOT NULL DEFAULT 0,
    amount             BIGINT,
    percent            INTEGER,
    notify_resolved    BOOLEAN NOT NULL DEFAULT FALSE,
    paused             BOOLEAN NOT NULL DEFAULT FALSE,
    created_by         BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at         DATETIME NOT NULL,
    updated_at         DATETIME NOT NULL,
    CHECK ((billing_account_id IS NULL) <> (partner_id IS NULL))
);
INSERT INTO alert_rules_new (id, billing_account_id, billing_profile_id, kind, days, amount, percent, notify_resolved,
    paused, created_by, created_at, updated_at)
    SELECT id, billing_account_id, billing_profile_id, kind, days, amount, percent, notify_resolved,
    paused, created_by, created_at, updated_at FROM alert_rules;

CREATE TABLE alert_subscriptions_new (
    rule_id    BIGINT NOT NULL REFERENCES alert_rules_new (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (rule_id, user_id)
);
INSERT INTO alert_subscriptions_new SELECT rule_id, user_id, created_at FROM alert_subscriptions;

CREATE TABLE alert_webhooks_new (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    billing_account_id BIGINT REFERENCES billing_accounts (id) ON DELETE CASCADE,
    billing_profile_id BIGINT REFERENCES billing_profiles (id) ON DELETE CASCADE,
    partner_id         BIGINT REFERENCES partners (id) ON DELETE CASCADE,
    rule_id            BIGINT REFERENCES alert_rules_new (id) ON DELETE CASCADE,
    url                TEXT NOT NULL,
    secret             TEXT NOT NULL,
    created_at         DATETIME NOT NULL,
    CHECK ((billing_account_id IS NULL) <> (partner_id IS NULL))
);
INSERT INTO alert_webhooks_new (id, billing_account_id, billing_profile_id, rule_id, url, secret, created_at)
    SELECT id, billing_account_id, billing_profile_id, rule_id, url, secret, created_at FROM alert_webhooks;

CREATE TABLE alert_states_new (
    rule_id     BIGINT NOT NULL REFERENCES alert_rules_new (id) ON DELETE CASCADE,
    subject     TEXT NOT NULL,
    active      BOOLEAN NOT NULL DEFAULT FALSE,
    crossing    INTEGER NOT NULL DEFAULT 0,
    fired_at    DATETIME,
    resolved_at DATETIME,
    PRIMARY KEY (rule_id, subject)
);
INSERT INTO alert_states_new SELECT rule_id, subject, active, crossing, fired_at, resolved_at FROM alert_states;

-- rule_id NULL: a message of no rule, such as a user's weekly digest.
CREATE TABLE alert_deliveries_new (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_id          BIGINT REFERENCES alert_rules_new (id) ON DELETE CASCADE,
    dedupe_key       TEXT NOT NULL,
    target           TEXT NOT NULL,
    webhook_id       BIGINT REFERENCES alert_webhooks_new (id) ON DELETE CASCADE,
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
INSERT INTO alert_deliveries_new (id, rule_id, dedupe_key, target, webhook_id, user_id, event_type, subject, event, status,
    attempts, next_attempt_at, give_up_at, last_code, last_error, created_at, sent_at)
    SELECT id, rule_id, dedupe_key, target, webhook_id, user_id, event_type, subject, event, status,
    attempts, next_attempt_at, give_up_at, last_code, last_error, created_at, sent_at FROM alert_deliveries;

CREATE TABLE alert_attempts_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id BIGINT NOT NULL REFERENCES alert_deliveries_new (id) ON DELETE CASCADE,
    at          DATETIME NOT NULL,
    ok          BOOLEAN NOT NULL,
    code        INTEGER NOT NULL DEFAULT 0,
    error       TEXT NOT NULL DEFAULT ''
);
INSERT INTO alert_attempts_new SELECT id, delivery_id, at, ok, code, error FROM alert_attempts;

-- The ids go on from where the old tables' were, never reusing a deleted rule's.
DELETE FROM sqlite_sequence WHERE name IN ('alert_rules_new', 'alert_webhooks_new', 'alert_deliveries_new', 'alert_attempts_new');
INSERT INTO sqlite_sequence (name, seq) SELECT name || '_new', seq FROM sqlite_sequence
    WHERE name IN ('alert_rules', 'alert_webhooks', 'alert_deliveries', 'alert_attempts');

DROP TABLE alert_attempts;
DROP TABLE alert_deliveries;
DROP TABLE alert_states;
DROP TABLE alert_webhooks;
DROP TABLE alert_subscriptions;
DROP TABLE alert_rules;
ALTER TABLE alert_rules_new RENAME TO alert_rules;
ALTER TABLE alert_subscriptions_new RENAME TO alert_subscriptions;
ALTER TABLE alert_webhooks_new RENAME TO alert_webhooks;
ALTER TABLE alert_states_new RENAME TO alert_states;
ALTER TABLE alert_deliveries_new RENAME TO alert_deliveries;
ALTER TABLE alert_attempts_new RENAME TO alert_attempts;

CREATE INDEX alert_rules_scope ON alert_rules (billing_account_id, billing_profile_id);
CREATE INDEX alert_rules_partner ON alert_rules (partner_id);
CREATE INDEX alert_subscriptions_user ON alert_subscriptions (user_id);
CREATE INDEX alert_webhooks_scope ON alert_webhooks (billing_account_id, billing_profile_id);
CREATE INDEX alert_webhooks_partner ON alert_webhooks (partner_id);
CREATE UNIQUE INDEX alert_deliveries_dedupe ON alert_deliveries (dedupe_key, target);
CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_attempt_at);
CREATE INDEX alert_deliveries_rule ON alert_deliveries (rule_id, id);
CREATE INDEX alert_attempts_delivery ON alert_attempts (delivery_id, id);

-- +goose Down
-- Partner rules and webhooks and the messages of no rule go; the billing scope is required again.
DELETE FROM alert_deliveries WHERE rule_id IS NULL;
DELETE FROM alert_rules WHERE partner_id IS NOT NULL;
DELETE FROM alert_webhooks WHERE partner_id IS NOT NULL;
CREATE TABLE alert_rules_old (
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
INSERT INTO alert_rules_old SELECT id, billing_account_id, billing_profile_id, kind, days, amount, percent, notify_resolved,
    paused, created_by, created_at, updated_at FROM alert_rules;
CREATE TABLE alert_subscriptions_old (
    rule_id    BIGINT NOT NULL REFERENCES alert_rules_old (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (rule_id, user_id)
);
INSERT INTO alert_subscriptions_old SELECT rule_id, user_id, created_at FROM alert_subscriptions;
CREATE TABLE alert_webhooks_old (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    billing_account_id BIGINT NOT NULL REFERENCES billing_accounts (id) ON DELETE CASCADE,
    billing_profile_id BIGINT REFERENCES billing_profiles (id) ON DELETE CASCADE,
    rule_id            BIGINT REFERENCES alert_rules_old (id) ON DELETE CASCADE,
    url                TEXT NOT NULL,
    secret             TEXT NOT NULL,
    created_at         DATETIME NOT NULL
);
INSERT INTO alert_webhooks_old SELECT id, billing_account_id, billing_profile_id, rule_id, url, secret, created_at FROM alert_webhooks;
CREATE TABLE alert_states_old (
    rule_id     BIGINT NOT NULL REFERENCES alert_rules_old (id) ON DELETE CASCADE,
    subject     TEXT NOT NULL,
    active      BOOLEAN NOT NULL DEFAULT FALSE,
    crossing    INTEGER NOT NULL DEFAULT 0,
    fired_at    DATETIME,
    resolved_at DATETIME,
    PRIMARY KEY (rule_id, subject)
);
INSERT INTO alert_states_old SELECT rule_id, subject, active, crossing, fired_at, resolved_at FROM alert_states;
CREATE TABLE alert_deliveries_old (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_id          BIGINT NOT NULL REFERENCES alert_rules_old (id) ON DELETE CASCADE,
    dedupe_key       TEXT NOT NULL,
    target           TEXT NOT NULL,
    webhook_id       BIGINT REFERENCES alert_webhooks_old (id) ON DELETE CASCADE,
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
INSERT INTO alert_deliveries_old SELECT id, rule_id, dedupe_key, target, webhook_id, user_id, event_type, subject, event, status,
    attempts, next_attempt_at, give_up_at, last_code, last_error, created_at, sent_at FROM alert_deliveries;
CREATE TABLE alert_attempts_old (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id BIGINT NOT NULL REFERENCES alert_deliveries_old (id) ON DELETE CASCADE,
    at          DATETIME NOT NULL,
    ok          BOOLEAN NOT NULL,
    code        INTEGER NOT NULL DEFAULT 0,
    error       TEXT NOT NULL DEFAULT ''
);
INSERT INTO alert_attempts_old SELECT id, delivery_id, at, ok, code, error FROM alert_attempts;
DROP TABLE alert_attempts;
DROP TABLE alert_deliveries;
DROP TABLE alert_states;
DROP TABLE alert_webhooks;
DROP TABLE alert_subscriptions;
DROP TABLE alert_rules;
ALTER TABLE alert_rules_old RENAME TO alert_rules;
ALTER TABLE alert_subscriptions_old RENAME TO alert_subscriptions;
ALTER TABLE alert_webhooks_old RENAME TO alert_webhooks;
ALTER TABLE alert_states_old RENAME TO alert_states;
ALTER TABLE alert_deliveries_old RENAME TO alert_deliveries;
ALTER TABLE alert_attempts_old RENAME TO alert_attempts;
CREATE INDEX alert_rules_scope ON alert_rules (billing_account_id, billing_profile_id);
CREATE INDEX alert_subscriptions_user ON alert_subscriptions (user_id);
CREATE INDEX alert_webhooks_scope ON alert_webhooks (billing_account_id, billing_profile_id);
CREATE UNIQUE INDEX alert_deliveries_dedupe ON alert_deliveries (dedupe_key, target);
CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_attempt_at);
CREATE INDEX alert_deliveries_rule ON alert_deliveries (rule_id, id);
CREATE INDEX alert_attempts_delivery ON alert_attempts (delivery_id, id);
