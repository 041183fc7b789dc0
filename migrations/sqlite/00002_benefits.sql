-- +goose Up
-- The partner Benefits workspace (DOMAIN P1-P12). Amounts are int64 micro-units of the benefit's
-- currency; civil dates are YYYY-MM-DD text (whole UTC days, which sort); instants are UTC.

-- A partner organisation, keyed by its Partner Center id (external_id).
CREATE TABLE partners (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    external_id TEXT NOT NULL,
    name        TEXT NOT NULL,
    created_at  DATETIME NOT NULL
);
CREATE UNIQUE INDEX partners_external_id ON partners (lower(external_id));

-- The organisation's company domains: only their addresses can be assigned a benefit (P10).
CREATE TABLE partner_domains (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id BIGINT NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    domain     TEXT NOT NULL
);
CREATE UNIQUE INDEX partner_domains_unique ON partner_domains (partner_id, domain);

-- Membership of a user in an organisation. A benefit can be assigned to members only (P4);
-- their rows are locked to serialise the one-bulk-credit rule (P9).
CREATE TABLE partner_members (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id BIGINT NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX partner_members_unique ON partner_members (partner_id, user_id);
CREATE INDEX partner_members_user_id ON partner_members (user_id);

-- Roles of a member (partnerAdmin, P1); a member may hold none.
CREATE TABLE partner_roles (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id  BIGINT NOT NULL REFERENCES partner_members (id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX partner_roles_unique ON partner_roles (member_id, role);

-- A benefit (P3, P7). available_at and expires_at are derived by package benefits (P8, P3,
-- P11) whenever the row is written, so that filters, sorting and paging run in the database.
CREATE TABLE benefits (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id       BIGINT NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    external_id      TEXT NOT NULL,
    previous_id      BIGINT REFERENCES benefits (id),
    kind             TEXT NOT NULL,
    amount           BIGINT NOT NULL CHECK (amount > 0),
    currency         TEXT NOT NULL,
    purchase_date    TEXT NOT NULL,
    start_date       TEXT NOT NULL,
    end_date         TEXT NOT NULL,
    assigned_user_id BIGINT REFERENCES users (id),
    activated_at     DATETIME,
    redeemed_at      DATETIME,
    subscription_id  TEXT NOT NULL DEFAULT '',
    available_at     DATETIME NOT NULL,
    expires_at       DATETIME NOT NULL,
    created_at       DATETIME NOT NULL,
    updated_at       DATETIME NOT NULL
);
CREATE UNIQUE INDEX benefits_external_id ON benefits (lower(external_id));
CREATE UNIQUE INDEX benefits_previous_id ON benefits (previous_id);
CREATE INDEX benefits_partner ON benefits (partner_id, start_date);
CREATE INDEX benefits_assigned_user_id ON benefits (assigned_user_id);

-- The assignment history of a benefit (P12), appended to and never edited.
CREATE TABLE benefit_events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    benefit_id   BIGINT NOT NULL REFERENCES benefits (id) ON DELETE CASCADE,
    at           DATETIME NOT NULL,
    actor_email  TEXT NOT NULL,
    from_email   TEXT NOT NULL DEFAULT '',
    to_email     TEXT NOT NULL DEFAULT '',
    reassignment BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX benefit_events_benefit_id ON benefit_events (benefit_id, id);

-- Consumption charged against a monthly credit, for its monthly lapse history (P3).
CREATE TABLE benefit_usage (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    benefit_id BIGINT NOT NULL REFERENCES benefits (id) ON DELETE CASCADE,
    at         DATETIME NOT NULL,
    amount     BIGINT NOT NULL CHECK (amount >= 0),
    created_at DATETIME NOT NULL
);
CREATE INDEX benefit_usage_benefit_id ON benefit_usage (benefit_id, at);

-- Free-hosted mail domains this installation refuses besides the built-in list (P10).
CREATE TABLE free_mail_domains (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    domain     TEXT NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX free_mail_domains_domain ON free_mail_domains (domain);

-- +goose Down
DROP TABLE free_mail_domains;
DROP TABLE benefit_usage;
DROP TABLE benefit_events;
DROP TABLE benefits;
DROP TABLE partner_roles;
DROP TABLE partner_members;
DROP TABLE partner_domains;
DROP TABLE partners;
