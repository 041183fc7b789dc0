-- +goose Up
-- The balance after each settled event becomes the running balance in (date, seq) order, the
-- order the transactions list and the events API give (store.rebalance keeps it from now on).
-- Invoices had stored it in the order they booked events, and an invoice books a refund, an
-- expiry or a cancellation of its month dated before the previous invoice's settled charges.
-- Profiles kept by Azure (azure_profiles) keep Azure's balances. Each profile's opening balance
-- (before its first event) stays what it was. The profiles' ledger versions move, so that no
-- instance keeps showing the balances of before.
UPDATE ledger_events SET balance = r.running
FROM (
    SELECT id, SUM(amount) OVER (PARTITION BY billing_profile_id ORDER BY date, seq)
        + FIRST_VALUE(balance - amount) OVER (PARTITION BY billing_profile_id ORDER BY seq) AS running
    FROM ledger_events
    WHERE billing_profile_id NOT IN (SELECT billing_profile_id FROM azure_profiles)
) AS r
WHERE ledger_events.id = r.id AND ledger_events.balance <> r.running;
UPDATE billing_profiles SET ledger_version = ledger_version + 1
WHERE id IN (SELECT billing_profile_id FROM ledger_events) AND id NOT IN (SELECT billing_profile_id FROM azure_profiles);
-- The transactions list filtered by type walks this index newest first by (date, seq).
DROP INDEX ledger_events_kind;
CREATE INDEX ledger_events_kind ON ledger_events (billing_profile_id, kind, date, seq);

-- +goose Down
DROP INDEX ledger_events_kind;
CREATE INDEX ledger_events_kind ON ledger_events (billing_profile_id, kind, seq);
UPDATE ledger_events SET balance = r.running
FROM (
    SELECT id, SUM(amount) OVER (PARTITION BY billing_profile_id ORDER BY seq)
        + FIRST_VALUE(balance - amount) OVER (PARTITION BY billing_profile_id ORDER BY date, seq) AS running
    FROM ledger_events
    WHERE billing_profile_id NOT IN (SELECT billing_profile_id FROM azure_profiles)
) AS r
WHERE ledger_events.id = r.id AND ledger_events.balance <> r.running;
UPDATE billing_profiles SET ledger_version = ledger_version + 1
WHERE id IN (SELECT billing_profile_id FROM ledger_events) AND id NOT IN (SELECT billing_profile_id FROM azure_profiles);
