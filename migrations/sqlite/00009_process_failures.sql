-- +goose Up
-- The last processing run that could not process a billing profile (issue 8): the run skips
-- the profile, names it, and keeps this row until a later run processes it. The credits page
-- tells owners and contributors; message is for operators only.
CREATE TABLE process_failures (
    billing_profile_id BIGINT PRIMARY KEY REFERENCES billing_profiles (id) ON DELETE CASCADE,
    since              TEXT NOT NULL,
    failed_on          TEXT NOT NULL,
    message            TEXT NOT NULL,
    failed_at          DATETIME NOT NULL
);

-- +goose Down
DROP TABLE process_failures;
