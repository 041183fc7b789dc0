-- +goose Up
-- A requested cancellation of a lot (YYYY-MM-DD, '' for none): the processing run takes the
-- lot's credit out from that day, as a canceled-credit event (M13).
ALTER TABLE lots ADD COLUMN cancel_on TEXT NOT NULL DEFAULT '';
-- Lot names are unique within a billing account (the API's account-level lot ids use them).
CREATE INDEX lots_by_name ON lots (name);

-- +goose Down
DROP INDEX lots_by_name;
ALTER TABLE lots DROP COLUMN cancel_on;
