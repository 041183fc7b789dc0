-- +goose Up
-- Alerts on partner organisations and the weekly digest (issue 12): a rule or webhook belongs to
-- a billing scope or to a partner organisation (exactly one), and the outbox also carries
-- messages of no rule (the digest).
ALTER TABLE alert_rules ALTER COLUMN billing_account_id DROP NOT NULL;
ALTER TABLE alert_rules ADD COLUMN partner_id BIGINT REFERENCES partners (id) ON DELETE CASCADE;
ALTER TABLE alert_rules ADD CONSTRAINT alert_rules_one_scope CHECK ((billing_account_id IS NULL) <> (partner_id IS NULL));
CREATE INDEX alert_rules_partner ON alert_rules (partner_id);
ALTER TABLE alert_webhooks ALTER COLUMN billing_account_id DROP NOT NULL;
ALTER TABLE alert_webhooks ADD COLUMN partner_id BIGINT REFERENCES partners (id) ON DELETE CASCADE;
ALTER TABLE alert_webhooks ADD CONSTRAINT alert_webhooks_one_scope CHECK ((billing_account_id IS NULL) <> (partner_id IS NULL));
CREATE INDEX alert_webhooks_partner ON alert_webhooks (partner_id);
-- rule_id NULL: a message of no rule, such as a user's weekly digest.
ALTER TABLE alert_deliveries ALTER COLUMN rule_id DROP NOT NULL;

-- +goose Down
DELETE FROM alert_deliveries WHERE rule_id IS NULL;
ALTER TABLE alert_deliveries ALTER COLUMN rule_id SET NOT NULL;
DELETE FROM alert_webhooks WHERE partner_id IS NOT NULL;
DROP INDEX alert_webhooks_partner;
ALTER TABLE alert_webhooks DROP CONSTRAINT alert_webhooks_one_scope;
ALTER TABLE alert_webhooks DROP COLUMN partner_id;
ALTER TABLE alert_webhooks ALTER COLUMN billing_account_id SET NOT NULL;
DELETE FROM alert_rules WHERE partner_id IS NOT NULL;
DROP INDEX alert_rules_partner;
ALTER TABLE alert_rules DROP CONSTRAINT alert_rules_one_scope;
ALTER TABLE alert_rules DROP COLUMN partner_id;
ALTER TABLE alert_rules ALTER COLUMN billing_account_id SET NOT NULL;
