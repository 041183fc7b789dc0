-- +goose Up
-- A lot's cancellation is one date, canceled_on, set when it is requested: the ledger lets the
-- lot pay charges dated before it and settles what it has left with the invoice of the month
-- containing the day before (M11, M13). Requests not applied yet move there from cancel_on; one
-- after the lot's expiration never took effect (the lot expires first) and is dropped.
UPDATE lots SET canceled_on = cancel_on
    WHERE cancel_on <> '' AND canceled_on = '' AND state IN ('Pending', 'Open') AND cancel_on <= expiration_date;
ALTER TABLE lots DROP COLUMN cancel_on;
-- Credit canceled with an invoice, next to the credit that expired with it.
ALTER TABLE invoices ADD COLUMN canceled_credit BIGINT NOT NULL DEFAULT 0;
-- A settled adjustment carries the number of the invoice that settled it: that of its month.
UPDATE ledger_events SET invoice_number = COALESCE((SELECT i.number FROM invoices AS i
        WHERE i.billing_profile_id = ledger_events.billing_profile_id AND i.period = SUBSTR(ledger_events.date, 1, 7)), '')
    WHERE kind = 'Adjustment' AND invoice_number = '';

-- +goose Down
UPDATE ledger_events SET invoice_number = '' WHERE kind = 'Adjustment';
ALTER TABLE invoices DROP COLUMN canceled_credit;
ALTER TABLE lots ADD COLUMN cancel_on TEXT NOT NULL DEFAULT '';
UPDATE lots SET cancel_on = canceled_on WHERE canceled_on <> '';
UPDATE lots SET canceled_on = '' WHERE state IN ('Pending', 'Open');
