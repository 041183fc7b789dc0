-- +goose Up
-- Daily charge totals (DOMAIN M12, M16): per profile, day and eligibility, the sum of that day's
-- charge entries, kept up to date in the transaction that adds the entries. The balance section
-- and the runway read at most two rows per day, however many products the charges name.
CREATE TABLE charge_days (
    billing_profile_id BIGINT NOT NULL REFERENCES billing_profiles (id) ON DELETE CASCADE,
    date               TEXT NOT NULL,
    eligible           BOOLEAN NOT NULL,
    amount             BIGINT NOT NULL,
    PRIMARY KEY (billing_profile_id, date, eligible)
);
INSERT INTO charge_days (billing_profile_id, date, eligible, amount)
    SELECT billing_profile_id, date, eligible, SUM(amount) FROM charges
    GROUP BY billing_profile_id, date, eligible;

-- The entries of one charge total, in the order they were written: an import compares each
-- total with what is stored through it, and a sum in this order runs through the totals stated
-- over time, each bounded, never through a transient beyond them.
CREATE INDEX charges_key ON charges (billing_profile_id, date, product, publisher_type, eligible, id);

-- Working tables of one import: the lines of a cost export (or the totals of a scenario) and
-- their sums per charge total. Rows are written, summed and deleted inside the importing
-- transaction and are never committed, so no other transaction ever sees one.
CREATE TABLE charge_lines (
    line               BIGINT NOT NULL,
    billing_profile_id BIGINT NOT NULL,
    date               TEXT NOT NULL,
    product            TEXT NOT NULL,
    publisher_type     TEXT NOT NULL,
    eligible           BOOLEAN NOT NULL,
    amount             BIGINT NOT NULL
);
CREATE TABLE charge_keys (
    billing_profile_id BIGINT NOT NULL,
    date               TEXT NOT NULL,
    product            TEXT NOT NULL,
    publisher_type     TEXT NOT NULL,
    eligible           BOOLEAN NOT NULL,
    total              BIGINT NOT NULL,
    stored             BIGINT NOT NULL,
    lines              BIGINT NOT NULL,
    first_line         BIGINT NOT NULL,
    last_line          BIGINT NOT NULL
);
CREATE INDEX charge_keys_key ON charge_keys (billing_profile_id, date, product, publisher_type, eligible);

-- +goose Down
DROP INDEX charge_keys_key;
DROP TABLE charge_keys;
DROP TABLE charge_lines;
DROP INDEX charges_key;
DROP TABLE charge_days;
