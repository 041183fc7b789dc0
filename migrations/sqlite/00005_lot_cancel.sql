-- +goose Up
-- A requested cancellation of a lot (YYYY-MM-DD, '' for none): the processing run takes the
-- lot's credit out from that day, as a canceled-credit event (M13).
ALTER TABLE lots ADD COLUMN cancel_on TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE lots DROP COLUMN cancel_on;
