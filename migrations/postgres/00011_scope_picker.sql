-- +goose Up
-- The billing scopes picker pages and searches in the database (M5, issue 10): a user's role
-- assignments by account and profile answer "which scopes does this user reach" from the index,
-- and accounts and profiles walk in the picker's order, by display name in any case, then id.
-- (The search is a substring match on names and display names, which no B-tree serves: it only
-- filters the scopes the user reaches, found by the first index.)
CREATE INDEX role_assignments_user_scope ON role_assignments (user_id, billing_account_id, billing_profile_id);
DROP INDEX role_assignments_user_id;
CREATE INDEX billing_accounts_display ON billing_accounts (lower(display_name), id);
CREATE INDEX billing_profiles_display ON billing_profiles (billing_account_id, lower(display_name), id);

-- +goose Down
DROP INDEX billing_profiles_display;
DROP INDEX billing_accounts_display;
CREATE INDEX role_assignments_user_id ON role_assignments (user_id);
DROP INDEX role_assignments_user_scope;
